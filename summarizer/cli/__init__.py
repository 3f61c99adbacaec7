"""Command line: a thin typer layer over the library. Each error maps to one line and an exit code.

One module per command group: brief (one or several articles), folders (batch,
story), evaluate (eval, schema); common holds the shared options and logging.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..errors import SummarizerError
from .brief import brief
from .common import setup_logging
from .evaluate import evaluate, schema
from .folders import batch, story

app = typer.Typer(
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Typed, source-checked briefs of news articles. Runs offline on an embedded model by default.",
)


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="Say more on stderr: -v INFO (e.g. which model a server chose), -vv DEBUG.")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr: no warnings.")] = False,
) -> None:
    """Typed, source-checked briefs of news articles."""
    setup_logging(verbose, quiet)


app.command()(brief)
app.command()(batch)
app.command()(story)
app.command("eval")(evaluate)
app.command()(schema)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except SummarizerError as exc:  # raised outside a command body
        typer.echo(f"summarizer: error: {exc}", err=True)
        sys.exit(exc.exit_code)
