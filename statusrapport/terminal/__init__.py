"""The report in the terminal, with rich."""
