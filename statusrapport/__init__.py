"""Build a programme office's status deck from one YAML file per initiative."""

__version__ = "0.1.0"
