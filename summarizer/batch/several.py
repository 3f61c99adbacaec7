"""``summarizer brief a.txt b.txt``: several named articles, one brief each, in order, one bad file never stopping the rest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from ..backends.client import ModelClient
from ..brief.pipeline import brief_document
from ..brief.types import Brief
from ..errors import ConfigError, SummarizerError
from ..text.documents import Document, load_document
from .naming import brief_names
from .runner import BatchReport, Outcome


def brief_several(paths: list[str], client: ModelClient, emit: Callable[[Document, Brief, str], None],
                  on_failure: Callable[[Outcome], None] = lambda o: None) -> BatchReport:
    """Brief each of ``paths`` with ``client``; ``emit(doc, brief, name)`` gets each brief as it is made
    (``name``: its files' base, see batch/naming.py). Failures (loading, the model, ``emit`` itself)
    are recorded in the report and passed to ``on_failure``; the next file goes on."""
    report = BatchReport(total=len(paths))
    names = flat_names(paths)
    s = client.settings
    for path in paths:
        stage = "load"
        try:
            doc = load_document(path, max_bytes=s.max_bytes, published=s.published)
            stage = "model"
            brief = brief_document(doc, client)
            stage = "write"
            emit(doc, brief, names[path])
        except SummarizerError as exc:
            outcome = Outcome(path, "failed", stage=stage, error=type(exc).__name__, message=str(exc), name=names[path])
            on_failure(outcome)
        else:
            outcome = Outcome(path, "done", brief=brief, name=names[path])
        report.outcomes.append(outcome)
    return report


def flat_names(paths: list[str]) -> dict[str, str]:
    """Each path -> the base name of its brief files in one output folder (``post.md`` -> ``post.brief``).

    Raises ConfigError when two articles from different folders would get the same name.
    """
    names = {p: PurePath(n).name for p, n in brief_names(paths).items()}
    seen: dict[str, str] = {}
    for path, name in names.items():
        if name in seen and seen[name] != path:
            raise ConfigError(f"{seen[name]} and {path} would both be briefed to {name}.*; brief them separately")
        seen[name] = path
    return names
