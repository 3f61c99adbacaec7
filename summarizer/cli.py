"""Command line: a thin layer over the library. Each error maps to one line and an exit code."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .config import resolve_settings
from .errors import SummarizerError

app = typer.Typer(
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Typed, source-checked briefs of news articles. Runs offline on an embedded model by default.",
)


class Format(str, Enum):
    markdown = "markdown"
    json = "json"
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


# Options shared by the commands that talk to a model.
BaseUrl = Annotated[Optional[str], typer.Option("--base-url", help="OpenAI-compatible endpoint, e.g. http://localhost:8080/v1. Default: the embedded model.")]
ModelName = Annotated[Optional[str], typer.Option("--model", help="Model name for --base-url.")]
Mode = Annotated[ModeOpt, typer.Option("--mode", help="How to ask for structured output; auto picks by backend.")]
Cassettes = Annotated[Optional[Path], typer.Option("--cassettes", help="Folder of recorded model exchanges.")]
CassetteMode = Annotated[Optional[CassetteModeOpt], typer.Option("--cassette-mode", help="record, replay (default with --cassettes) or record-missing.")]
Strict = Annotated[bool, typer.Option("--strict/--no-strict", help="Drop unsupported events and actors instead of showing them with a warning.")]


def _fail(exc: SummarizerError) -> None:
    from .output import printable

    typer.echo(printable(f"summarizer: error: {exc}").replace("\n", " "), err=True)
    raise typer.Exit(exc.exit_code)


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Typed, source-checked briefs of news articles."""


@app.command()
def brief(
    article: Annotated[str, typer.Argument(help="Article file (.txt, .md, .html), or - for standard input.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.markdown,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing --output file.")] = False,
    base_url: BaseUrl = None,
    model: ModelName = None,
    mode: Mode = ModeOpt.auto,
    cassettes: Cassettes = None,
    cassette_mode: CassetteMode = None,
    strict: Strict = False,
    published: Annotated[Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD, for articles that lack one.")] = None,
    max_bytes: Annotated[Optional[int], typer.Option("--max-bytes", help="Refuse articles larger than this (default 5 MiB).")] = None,
    retries: Annotated[Optional[int], typer.Option("--retries", help="Retries on 429/5xx/timeouts/dropped connections (default 4).")] = None,
) -> None:
    """Make a checked brief of one article."""
    from .text.documents import document_from_bytes, load_document
    from .brief.pipeline import brief_bytes, brief_file
    from .brief.render import render_json, render_markdown

    try:
        settings = resolve_settings(
            base_url=base_url, model=model, mode=mode.value, cassette_dir=cassettes,
            cassette_mode=cassette_mode.value if cassette_mode else None, strict=strict, published=_iso(published),
            max_bytes=max_bytes, transport_retries=retries,
        )
        if output is not None and output.exists() and not force:
            from .errors import OutputError

            raise OutputError("already exists; pass --force to replace it", path=str(output))
        if output is not None:
            from .output import ensure_writable

            ensure_writable(output.parent)  # before the model is paid for a brief that cannot be saved
        if article == "-":
            raw = sys.stdin.buffer.read()
            doc = document_from_bytes(raw, path="-", max_bytes=settings.max_bytes, published=settings.published)
            result = brief_bytes(raw, settings, path="-")
        else:
            # fail on bad input before loading a model; the HTML page shows this text
            doc = load_document(article, max_bytes=settings.max_bytes, published=settings.published)
            result = brief_file(article, settings)
        if format is Format.html:
            from .brief.html import render_html

            text = render_html(result, doc)
        else:
            text = render_json(result) if format is Format.json else render_markdown(result)
        if output is None:
            from .output import printable

            sys.stdout.write(printable(text))
        else:
            from .output import write_atomic

            write_atomic(output, text, overwrite=force, protect=(Path(article),) if article != "-" else ())
            typer.echo(f"wrote {output}", err=True)
    except SummarizerError as exc:
        _fail(exc)


@app.command()
def batch(
    folder: Annotated[Path, typer.Argument(help="Folder of articles (.txt, .md, .html), walked recursively. Only read, never written.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the briefs, index.md, briefs.jsonl and errors.jsonl.")],
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Requests in flight for remote models (the embedded model runs one at a time).")] = 4,
    force: Annotated[bool, typer.Option("--force", help="Recompute briefs even when cached.")] = False,
    glob: Annotated[Optional[str], typer.Option("--glob", help="Only files whose relative path matches, e.g. '*.html'.")] = None,
    base_url: BaseUrl = None,
    model: ModelName = None,
    mode: Mode = ModeOpt.auto,
    cassettes: Cassettes = None,
    cassette_mode: CassetteMode = None,
    strict: Strict = False,
    stories: Annotated[bool, typer.Option("--stories", help="Also group the articles into stories and write story briefs.")] = False,
    groups: Annotated[Optional[Path], typer.Option("--groups", help="Use this grouping file (as written to OUTDIR/stories.json, edited) instead of grouping automatically.")] = None,
    export_requests: Annotated[Optional[Path], typer.Option("--export-requests", help="Write the uncached articles' requests as batch JSONL (OpenAI Batch API, vllm run-batch) instead of briefing.")] = None,
    import_results: Annotated[Optional[list[Path]], typer.Option("--import-results", help="Brief from batch result files (OpenAI or vLLM output); repeatable.")] = None,
    via: Annotated[str, typer.Option("--via", help="online (default) or openai-batch: export, submit to --base-url's Batch API, wait, import.")] = "online",
) -> None:
    """Brief every article in a folder: concurrent, cached, resumable. Exit 1 if some articles failed, 7 if all did, 5 on a cassette miss."""
    import asyncio
    import time

    from rich.console import Console

    if export_requests or import_results or via != "online":
        from .batch.files_cli import batch_files

        raise typer.Exit(batch_files(folder, output, export=export_requests, results=import_results, via=via, jobs=jobs,
                                     pattern=glob, base_url=base_url, model=model, mode=mode.value, strict=strict))

    from .batch.runner import BatchReport, BatchRunner
    from .backends.client import ModelClient
    from .batch.progress import BatchProgress, summary_table

    console = Console(stderr=True)
    report = BatchReport()
    started = time.perf_counter()
    try:
        settings = _folder_settings(cassettes, cassette_mode, output, force=force, base_url=base_url, model=model,
                                    mode=mode.value, strict=strict)
        client = ModelClient(settings)
        runner = BatchRunner(folder, output, client, jobs=jobs, force=force, pattern=glob)
        with BatchProgress(console, len(runner.plan(BatchReport()))) as progress:
            runner.on_outcome = progress
            asyncio.run(runner.run(report))
        if stories or groups is not None:
            from .story.run import write_stories

            made = write_stories(folder, output, report, client, groups_file=groups)
            console.print(f"{len(made)} stories: {output / 'stories' / 'index.md'} (grouping in {output / 'stories.json'})")
    except SummarizerError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        report.interrupted = True
        console.print(summary_table(report, time.perf_counter() - started))
        console.print("interrupted: finished briefs are kept; run the same command again to do the rest")
        raise typer.Exit(130)
    console.print(summary_table(report, time.perf_counter() - started))
    _end_batch(console, report, output)


def _end_batch(console, report, output: Path) -> None:
    """Say what failed and where the run's error list and index are, then exit with the run's code."""
    from .batch.ending import exit_code, failure_lines

    for line in failure_lines(report, output):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(exit_code(report))


@app.command()
def story(
    folder: Annotated[Path, typer.Argument(help="Folder of articles about one or more stories. Only read, never written.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for article briefs, stories.json and stories/.")],
    groups: Annotated[Optional[Path], typer.Option("--groups", help="Use this grouping file instead of grouping automatically.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Requests in flight for remote models.")] = 4,
    base_url: BaseUrl = None,
    model: ModelName = None,
    mode: Mode = ModeOpt.auto,
    cassettes: Cassettes = None,
    cassette_mode: CassetteMode = None,
) -> None:
    """Brief every article, group them into stories, and write a story brief per story (same as batch --stories)."""
    batch(folder, output, jobs=jobs, force=False, glob=None, base_url=base_url, model=model, mode=mode,
          cassettes=cassettes, cassette_mode=cassette_mode, strict=False, stories=True, groups=groups)


class EvalKind(str, Enum):
    polnear = "polnear"
    fivew1h = "5w1h"
    conll = "conll"
    summaries = "summaries"


@app.command("eval")
def evaluate(
    kind: Annotated[EvalKind, typer.Argument(help="polnear (quotes and speakers), 5w1h (who/what/when/where), summaries (headline, summary, events vs highlights) or conll (actors found by code; no model).")],
    data: Annotated[Path, typer.Argument(help="The annotated data folder, e.g. ../shared/eval/polnear_dev.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for report.md, report.json and the brief cache.")],
    limit: Annotated[Optional[int], typer.Option("--limit", help="Only the first N articles.")] = None,
    base_url: BaseUrl = None,
    model: ModelName = None,
    mode: Mode = ModeOpt.auto,
) -> None:
    """Brief an annotated data set (through the cache) and score the briefs against the annotations."""
    from rich.console import Console

    from .eval.run import run_eval
    from .backends.client import ModelClient

    console = Console(stderr=True)
    try:
        if not data.is_dir():
            from .errors import ConfigError

            raise ConfigError(f"{data} is not a folder")
        if kind is EvalKind.conll:
            from .eval.conll import run_conll

            run_conll(data, output, limit=limit)
            sys.stdout.write((output / "report.md").read_text())
            return
        client = ModelClient(_folder_settings(None, None, output, base_url=base_url, model=model, mode=mode.value))
        hear = lambda o: console.print(f"{o.status} {o.rel}", markup=False, highlight=False)  # noqa: E731
        if kind is EvalKind.summaries:
            from .eval.summaries import run_summaries

            report = run_summaries(data, output, client, limit=limit, on_outcome=hear)
        else:
            report = run_eval(kind.value, data, output, client, limit=limit, on_outcome=hear)
    except SummarizerError as exc:
        _fail(exc)
    sys.stdout.write((output / "report.md").read_text())
    raise typer.Exit(1 if report["meta"].get("failed") else 0)


@app.command()
def schema(
    story: Annotated[bool, typer.Option("--story", help="The story brief format (schemas/story.schema.json) instead.")] = False,
) -> None:
    """Print the JSON Schema of the brief format (schemas/brief.schema.json), or with --story the story format."""
    import json

    if story:
        from .story.types import story_json_schema as make
    else:
        from .brief.types import brief_json_schema as make
    sys.stdout.write(json.dumps(make(), indent=2, ensure_ascii=False) + "\n")


def _folder_settings(cassettes: Path | None, cassette_mode: "CassetteModeOpt | None", output: Path, *, force: bool = False,
                     **options):
    """Settings for a folder run: the user's cassettes, else keep every model exchange in OUTDIR.

    Kept exchanges make a re-run after an upgrade (which invalidates cached
    briefs) re-ground the stored answers instead of asking the model again;
    ``force`` asks the model afresh and replaces what was kept. They are kept
    per backend, so the backend must be known first.
    """
    if cassettes is not None:
        return resolve_settings(**options, cassette_dir=cassettes,
                                cassette_mode=cassette_mode.value if cassette_mode else None)
    from dataclasses import replace

    from .batch.cache import response_store

    settings = resolve_settings(**options)
    return replace(settings, cassette_dir=response_store(output, settings),
                   cassette_mode="record" if force else "record-missing")


def _iso(value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import date

    from .errors import ConfigError

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ConfigError(f"--published {value!r} is not a date like 2024-10-28") from None


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except SummarizerError as exc:  # raised outside a command body
        typer.echo(f"summarizer: error: {exc}", err=True)
        sys.exit(exc.exit_code)
