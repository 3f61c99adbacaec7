"""``summarizer batch`` and ``summarizer story``: a folder of articles, concurrently, cached, resumable."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import SummarizerError
from .common import (BaseUrl, CassetteMode, Cassettes, Config, Glob, Jobs, MaxBytes, Mode, ModelName,
                     ModeOpt, Published, Retries, Strict, Timeout, folder_settings, fail, iso,
                     second_ctrl_c_exits)

Folder = Annotated[Path, typer.Argument(help="Folder of articles (.txt, .md, .html), walked recursively. Only read, never written.")]
Force = Annotated[bool, typer.Option("--force", help="Recompute briefs even when cached.")]
Groups = Annotated[Optional[Path], typer.Option("--groups", help="Use this grouping file (as written to OUTDIR/stories.json, edited) instead of grouping automatically.")]


def batch(
    folder: Folder,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the briefs, index.md, briefs.jsonl and errors.jsonl.")],
    jobs: Jobs = 4,
    force: Force = False,
    glob: Glob = None,
    base_url: BaseUrl = None,
    model: ModelName = None,
    mode: Mode = ModeOpt.auto,
    cassettes: Cassettes = None,
    cassette_mode: CassetteMode = None,
    strict: Strict = None,
    published: Published = None,
    max_bytes: MaxBytes = None,
    retries: Retries = None,
    timeout: Timeout = None,
    config: Config = None,
    stories: Annotated[bool, typer.Option("--stories", help="Also group the articles into stories and write story briefs.")] = False,
    groups: Groups = None,
    export_requests: Annotated[Optional[Path], typer.Option("--export-requests", help="Write the uncached articles' requests as batch JSONL (OpenAI Batch API, vllm run-batch) instead of briefing.")] = None,
    import_results: Annotated[Optional[list[Path]], typer.Option("--import-results", help="Brief from batch result files (OpenAI or vLLM output); repeatable.")] = None,
    via: Annotated[str, typer.Option("--via", help="online (default) or openai-batch: export, submit to --base-url's Batch API, wait, import.")] = "online",
) -> None:
    """Brief every article in a folder: concurrent, cached, resumable. Exit 1 if some articles failed, 7 if all did, 5 on a cassette miss."""
    try:
        common = dict(base_url=base_url, model=model, mode=mode.value, strict=strict, published=iso(published),
                      max_bytes=max_bytes, transport_retries=retries, timeout=timeout, config=config)
    except SummarizerError as exc:
        fail(exc)
    if export_requests or import_results or via != "online":
        from ..batch.files_cli import batch_files

        raise typer.Exit(batch_files(folder, output, export=export_requests, results=import_results, via=via, jobs=jobs,
                                     pattern=glob, **common))
    _online(folder, output, jobs, force, glob, stories or groups is not None, groups,
            dict(common, cassettes=cassettes, cassette_mode=cassette_mode))


def _online(folder: Path, output: Path, jobs: int, force: bool, glob: str | None, stories: bool, groups: Path | None,
            settings: dict) -> None:
    import asyncio

    from ..backends.client import ModelClient
    from ..batch.progress import BatchProgress, stderr_console, summary_table
    from ..batch.runner import BatchReport, BatchRunner

    console = stderr_console()
    report = BatchReport()
    started = time.perf_counter()
    client = None
    try:
        client = ModelClient(folder_settings(settings.pop("cassettes"), settings.pop("cassette_mode"), output, force=force,
                                             **settings))
        runner = BatchRunner(folder, output, client, jobs=jobs, force=force, pattern=glob)

        async def interruptible() -> None:
            with second_ctrl_c_exits():  # inside: asyncio's own Ctrl-C handler is the one the first press goes to
                await runner.run(report)

        with BatchProgress(console, len(runner.plan(BatchReport()))) as progress:
            runner.on_outcome = progress
            asyncio.run(interruptible())
        if stories:
            from ..story.run import write_stories

            made = write_stories(folder, output, report, client, groups_file=groups)
            console.print(f"{len(made)} stories: {output / 'stories' / 'index.md'} (grouping in {output / 'stories.json'})")
    except SummarizerError as exc:
        fail(exc)
    except KeyboardInterrupt:
        if client is not None:
            client.cancel()
        report.interrupted = True
        console.print(summary_table(report, time.perf_counter() - started))
        console.print("interrupted: finished briefs are kept; run the same command again to do the rest")
        raise typer.Exit(130)
    console.print(summary_table(report, time.perf_counter() - started))
    from ..batch.ending import exit_code, failure_lines

    for line in failure_lines(report, output):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(exit_code(report))


def story(
    folder: Annotated[Path, typer.Argument(help="Folder of articles about one or more stories. Only read, never written.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for article briefs, stories.json and stories/.")],
    groups: Groups = None,
    jobs: Jobs = 4,
    force: Force = False,
    glob: Glob = None,
    base_url: BaseUrl = None,
    model: ModelName = None,
    mode: Mode = ModeOpt.auto,
    cassettes: Cassettes = None,
    cassette_mode: CassetteMode = None,
    strict: Strict = None,
    published: Published = None,
    max_bytes: MaxBytes = None,
    retries: Retries = None,
    timeout: Timeout = None,
    config: Config = None,
) -> None:
    """Brief every article, group them into stories, and write a story brief per story (same as batch --stories)."""
    batch(folder, output, jobs=jobs, force=force, glob=glob, base_url=base_url, model=model, mode=mode,
          cassettes=cassettes, cassette_mode=cassette_mode, strict=strict, published=published, max_bytes=max_bytes,
          retries=retries, timeout=timeout, config=config, stories=True, groups=groups, export_requests=None, import_results=None,
          via="online")
