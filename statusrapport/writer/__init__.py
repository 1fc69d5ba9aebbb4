"""The package writer: the one place that touches python-pptx."""
