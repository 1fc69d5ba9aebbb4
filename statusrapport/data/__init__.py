"""The data: the models, strict YAML reading, weeks and dates, the one loader."""
