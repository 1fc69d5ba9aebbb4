"""The shell's side of the command line: the console entry point and Tab completion before typer."""
