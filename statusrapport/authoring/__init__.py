"""Editing the data for the user: new initiative, new report, the JSON Schemas."""
