"""How a batch run ends: which files failed, where the reports are, and the exit code."""

from __future__ import annotations

from pathlib import Path

from ..output import printable
from .runner import BatchReport

#: Exit code when every article of a run failed (nothing was briefed).
ALL_FAILED = 7
#: Exit code when some articles failed and others were briefed.
SOME_FAILED = 1
#: Exit code of a cassette miss, as for a single brief.
CASSETTE_MISS = 5


def exit_code(report: BatchReport) -> int:
    """0 when nothing failed; 5 if any failure is a cassette miss; 7 when all failed; else 1."""
    failed = [o for o in report.outcomes if o.status == "failed"]
    if not failed:
        return 0
    if any(o.error == "CassetteMiss" for o in failed):
        return CASSETTE_MISS
    if len(failed) == len(report.outcomes):
        return ALL_FAILED
    return SOME_FAILED


def failure_lines(report: BatchReport, outdir: Path, limit: int = 20) -> list[str]:
    """One line per failed file (first ``limit``), then where errors.jsonl and index.md are."""
    failed = [o for o in report.outcomes if o.status == "failed"]
    if not failed:
        return []
    lines = [f"{len(failed)} of {len(report.outcomes)} articles failed:"]
    for o in failed[:limit]:
        first = o.message.splitlines()[0] if o.message else ""
        lines.append(printable(f"  {o.rel}: {o.error}: {first[:160]}"))
    if len(failed) > limit:
        lines.append(f"  ... and {len(failed) - limit} more")
    lines.append(f"details: {outdir / 'errors.jsonl'}; index: {outdir / 'index.md'}")
    return lines
