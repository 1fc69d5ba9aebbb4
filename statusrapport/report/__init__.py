"""The report as a reader sees it: derived states, rules, views, diff, formatting."""
