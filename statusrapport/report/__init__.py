"""The report as a reader sees it: its context (derived once per week), rules, views, diff,
formatting."""
