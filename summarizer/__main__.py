"""`python -m summarizer`: same as the console script."""

from .cli import main

main()
