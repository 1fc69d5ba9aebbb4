"""Text measured with real font metrics: wrapping and fitting without a renderer."""
