"""Progress for batch runs: a rich bar on a terminal, plain log lines otherwise, and a summary table."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from ..output import printable
from .runner import BatchReport, Outcome


def stderr_console() -> Console:
    """A rich console on stderr; without a terminal it never wraps lines, so logs stay one line per item (grep)."""
    console = Console(stderr=True)
    if not console.is_terminal:
        console = Console(stderr=True, soft_wrap=True, width=max(console.width, 240))
    return console


class BatchProgress:
    """Receives outcomes as they happen; use as a context manager around the run."""

    def __init__(self, console: Console, total: int) -> None:
        self.console = console
        self.total = total
        self.counts = {"done": 0, "cached": 0, "failed": 0}
        self.started = time.perf_counter()
        self._bar: Progress | None = None
        if console.is_terminal:
            self._bar = Progress(
                TextColumn("[bold]briefs"), BarColumn(), MofNCompleteColumn(),
                TextColumn("done {task.fields[done]} · cached {task.fields[cached]} · [red]failed {task.fields[failed]}"),
                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console, transient=False,
            )
            self._task = self._bar.add_task("briefs", total=total, done=0, cached=0, failed=0)

    def __enter__(self) -> "BatchProgress":
        if self._bar:
            self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar:
            self._bar.__exit__(*exc)

    def __call__(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        n = sum(self.counts.values())
        if self._bar:
            self._bar.update(self._task, advance=1, **self.counts)
        else:
            first = outcome.message.splitlines()[0] if outcome.message else ""
            detail = f" ({outcome.stage}: {first})" if outcome.status == "failed" else ""
            line = printable(f"[{n}/{self.total}] {outcome.status} {outcome.rel}{detail}")
            self.console.print(line, markup=False, highlight=False)


def summary_table(report: BatchReport, seconds: float) -> Table:
    """The closing summary of a batch run."""
    table = Table(title="batch summary" + (" (interrupted)" if report.interrupted else ""))
    table.add_column("articles", justify="right")
    for name in ("briefed", "cached", "failed", "skipped", "not reached", "seconds"):
        table.add_column(name, justify="right")
    reached = len(report.outcomes)
    table.add_row(str(report.total), str(report.count("done")), str(report.count("cached")), str(report.count("failed")),
                  str(len(report.skipped)), str(report.total - reached), f"{seconds:.1f}")
    return table
