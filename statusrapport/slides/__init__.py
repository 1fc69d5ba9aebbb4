"""The slides planned: the deck's order and one planner per slide kind, no python-pptx."""
