"""`python -m accessconv` runs the CLI."""

from .cli import main

main()
