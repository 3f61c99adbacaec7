"""What the commands share: option types, logging set-up, and turning an error into one line and an exit code."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from ..errors import ConfigError, SummarizerError


class Format(str, Enum):
    markdown = "markdown"
    json = "json"
    html = "html"


class InputFormat(str, Enum):
    auto = "auto"
    text = "text"
    markdown = "markdown"
    html = "html"


class CassetteModeOpt(str, Enum):
    record = "record"
    replay = "replay"
    record_missing = "record-missing"


class ModeOpt(str, Enum):
    auto = "auto"
    json_schema = "json_schema"
    tools = "tools"
    json = "json"
    md_json = "md_json"


# Options shared by the commands that talk to a model or read articles.
BaseUrl = Annotated[Optional[str], typer.Option("--base-url", help="OpenAI-compatible endpoint, e.g. http://localhost:8080/v1. Default: the embedded model.")]
ModelName = Annotated[Optional[str], typer.Option("--model", help="Model name for --base-url (default: the one model the server lists).")]
Mode = Annotated[ModeOpt, typer.Option("--mode", help="How to ask for structured output; auto picks by backend.")]
Cassettes = Annotated[Optional[Path], typer.Option("--cassettes", help="Folder of recorded model exchanges.")]
CassetteMode = Annotated[Optional[CassetteModeOpt], typer.Option("--cassette-mode", help="record, replay (default with --cassettes) or record-missing.")]
Strict = Annotated[Optional[bool], typer.Option("--strict/--no-strict", help="Drop unsupported events and actors instead of showing them with a warning.", show_default=False)]
Published = Annotated[Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD, for articles that lack one.")]
MaxBytes = Annotated[Optional[int], typer.Option("--max-bytes", help="Refuse articles larger than this (default 5 MiB).")]
Retries = Annotated[Optional[int], typer.Option("--retries", help="Retries on 429/5xx/timeouts/dropped connections (default 4).")]
Timeout = Annotated[Optional[float], typer.Option("--timeout", min=0.1, help="Seconds one request to a server may take, whole answer included (default 600); all retries of it get this times --retries + 1.")]
Config = Annotated[Optional[Path], typer.Option("--config", help="TOML settings file (default: $SUMMARIZER_CONFIG, else ~/.config/summarizer/config.toml if it exists).")]
Jobs = Annotated[int, typer.Option("--jobs", "-j", help="Requests in flight for remote models (the embedded model runs one at a time).")]
Glob = Annotated[Optional[str], typer.Option("--glob", help="Only files whose relative path matches, e.g. '*.html'.")]


def fail(exc: SummarizerError) -> NoReturn:
    """Print ``exc`` as one line and exit with its code."""
    from ..output import printable

    typer.echo(printable(f"summarizer: error: {exc}").replace("\n", " "), err=True)
    raise typer.Exit(exc.exit_code)


@contextmanager
def second_ctrl_c_exits() -> Iterator[None]:
    """The first Ctrl-C goes to the handler in place (a KeyboardInterrupt, or asyncio cancelling its main task),
    so the run can stop cleanly; any Ctrl-C after it ends the process at once with exit 130.

    Enter it where the handler to keep is installed (inside ``asyncio.run``'s coroutine for asyncio's). Once
    Ctrl-C was pressed the handler stays until the process ends: a clean stop may still wait on threads
    after this block is left.
    """
    previous = signal.getsignal(signal.SIGINT)
    # handlers can only be set from the main thread (a test runner may invoke a command elsewhere)
    if not callable(previous) or threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed = False

    def handler(signum, frame) -> None:
        nonlocal pressed
        if pressed:
            os.write(2, b"summarizer: second Ctrl-C: stopped at once\n")
            os._exit(130)
        pressed = True
        previous(signum, frame)

    signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        if not pressed and signal.getsignal(signal.SIGINT) is handler:
            signal.signal(signal.SIGINT, previous)


def iso(value: str | None) -> str | None:
    """``--published`` checked and normalised to YYYY-MM-DD."""
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ConfigError(f"--published {value!r} is not a date like 2024-10-28") from None


def model_settings(*, mode: ModeOpt, cassette_mode: CassetteModeOpt | None = None, published: str | None = None,
                   retries: int | None = None, **options) -> dict:
    """The keyword settings of the shared options, ready for ``resolve_settings``."""
    return dict(options, mode=mode.value, published=iso(published), transport_retries=retries,
                cassette_mode=cassette_mode.value if cassette_mode else options.get("cassette_mode"))


def folder_settings(cassettes: Path | None, cassette_mode: CassetteModeOpt | None, output: Path, *, force: bool = False,
                    **options):
    """Settings for a folder run: the user's cassettes, else keep every model exchange in OUTDIR
    (per backend, so the backend must be known first; see ``batch.cache.keeping_answers``)."""
    from ..config import resolve_settings

    if cassettes is not None:
        return resolve_settings(**dict(options, cassette_dir=cassettes,
                                       cassette_mode=cassette_mode.value if cassette_mode else options.get("cassette_mode")))
    from ..batch.cache import keeping_answers

    return keeping_answers(resolve_settings(**options), output, force=force)


def setup_logging(verbose: int, quiet: bool) -> None:
    """Log summarizer's messages to stderr: warnings by default, INFO with -v, DEBUG (and instructor's) with -vv, errors only with -q.

    On a terminal through rich; otherwise as plain ``summarizer: level: message`` lines that never wrap.
    """
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    log = logging.getLogger("summarizer")
    log.setLevel(level)
    for old in list(log.handlers):
        log.removeHandler(old)
    if sys.stderr.isatty():
        from rich.logging import RichHandler

        from ..batch.progress import stderr_console

        handler: logging.Handler = RichHandler(console=stderr_console(), show_time=False, show_path=False)
    else:
        handler = _StderrHandler()
        handler.setFormatter(_PlainFormatter())
    handler.addFilter(_Once())
    log.addHandler(handler)
    # instructor 1.17 logs every failed request and every exhausted re-ask at ERROR, raw; the CLI reports
    # each failure itself in one line, so instructor's own records show only with -vv
    sdk = logging.getLogger("instructor")
    sdk.setLevel(logging.DEBUG if verbose >= 2 and not quiet else logging.CRITICAL + 1)
    for old in list(sdk.handlers):
        sdk.removeHandler(old)
    sdk.addHandler(handler)
    sdk.propagate = False


class _Once(logging.Filter):
    """Lets each distinct message through once per run (a story run reloads articles the batch already warned of)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[tuple[int, str]] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.levelno, record.getMessage())
        if key in self.seen:
            return False
        self.seen.add(key)
        return True


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a record comes (test runners swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


class _PlainFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        source = record.name.split(".")[0]  # 'summarizer', or 'instructor' with -vv
        return f"{source}: {record.levelname.lower()}: {' '.join(record.getMessage().split())}"
