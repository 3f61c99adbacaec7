"""The ``batch`` command's batch-file options: --export-requests, --import-results, --via openai-batch."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from ..config import resolve_settings
from ..errors import ConfigError, SummarizerError
from .batchfiles import export_requests
from .lock import outdir_lock
from .progress import stderr_console
from .results import import_results


def batch_files(folder: Path, output: Path, *, export: Path | None, results: list[Path] | None, via: str, jobs: int,
                pattern: str | None, **settings) -> int:
    """Run the chosen batch-file action and print what it did; the exit code (1 if any article failed)."""
    console = stderr_console()
    try:
        if via not in ("online", "openai-batch"):
            raise ConfigError(f"unknown --via {via!r}: use online or openai-batch")
        if sum(bool(x) for x in (export, results, via == "openai-batch")) > 1:
            raise ConfigError("use one of --export-requests, --import-results and --via openai-batch at a time")
        s = resolve_settings(**settings)
        with outdir_lock(output):  # a second export or Batch API round trip on OUTDIR would pay twice
            return _run_action(console, folder, output, s, export=export, results=results, jobs=jobs, pattern=pattern)
    except SummarizerError as exc:
        console.print(f"error: {exc}")
        return exc.exit_code


def _run_action(console: Console, folder: Path, output: Path, s, *, export, results, jobs: int, pattern) -> int:
    """Export, import, or the Batch API round trip, with OUTDIR's lock held."""
    if export:
        report = export_requests(folder, output, s, export, pattern=pattern)
        print_export(console, report)
        return 1 if report.failed else 0
    if results:
        imported, run = import_results(folder, output, s, results, jobs=jobs, pattern=pattern)
        return print_import(console, imported, run, output)
    from .openai_batch import round_trip

    imported, run = round_trip(folder, output, s, jobs=jobs, pattern=pattern, say=console.print)
    return print_import(console, imported, run, output)


def print_export(console: Console, report) -> None:
    """One line per file written, the articles that need several windows, and the failures."""
    for path in report.files:
        console.print(f"wrote {path}")
    console.print(f"{report.requests} requests for {report.articles} articles; {report.cached} already briefed (cached)")
    for rel, n in sorted(report.windowed.items()):
        console.print(f"long article {rel}: {n} windows, {n} requests (custom_id suffix -partNofM)")
    for rel, why in report.failed:
        console.print(f"failed {rel}: {why}")


def print_import(console: Console, imported, run, output: Path) -> int:
    """What the result files held and how many briefs came of them."""
    console.print(f"{imported.answers} answers stored, {len(imported.failed)} failed in the batch, "
                  f"{len(imported.unknown)} with unknown custom_id")
    for problem in imported.problems[:20]:
        console.print(problem)
    done, cached, failed = run.count("done"), run.count("cached"), run.count("failed")
    console.print(f"{done} briefed, {cached} cached, {failed} failed (see {output / 'errors.jsonl'}); "
                  f"{run.total} articles in all")
    return 1 if failed else 0
