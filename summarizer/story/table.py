"""The story's facts against its sources: for every fact, what each article does with it.

One row per point a reader would check: each discrepancy on a figure or
claim, each timeline event and each figure two or more articles agree on.
Each row has one cell per source:

- **reported**: the article states it (for a disputed point: states the value
  most sources give, when one value has more sources than any other);
- **differs**: the article gives another value or date (its own words are in
  the cell), or every value of a disputed point has as few sources as another;
- **not mentioned**: the story's checks did not find it in that article.

A date discrepancy is shown in its event's row (the sources whose date is not
the event's differ), not as a row of its own. Every reported or differing
cell points at the article's own words, under an id the HTML page anchors.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .build import dates_compatible
from .types import StoryBrief

REPORTED, DIFFERS, NOT_MENTIONED = "reported", "differs", "not mentioned"


@dataclass(frozen=True)
class Cell:
    """What one article does with one fact."""

    status: str
    value: str = ""
    """The article's own figure or date, as written; '' when not mentioned."""
    item: str = ""
    """Id of the article words this cell points at ('t1s2': timeline event 1, its source 2); '' when none."""
    evidence: str = ""


@dataclass(frozen=True)
class FactRow:
    """One fact of the story, with a cell for each source (by path)."""

    what: str
    kind: str
    """figure, claim (a disputed point), event (a timeline event) or agreed figure."""
    disputed: bool
    cells: dict[str, Cell] = field(default_factory=dict)


def _majority(values_by_source: dict[str, set[str]]) -> str | None:
    """The value strictly more sources give than any other, or None on a tie."""
    counts = Counter(v for vs in values_by_source.values() for v in vs).most_common(2)
    return counts[0][0] if counts and (len(counts) == 1 or counts[0][1] > counts[1][1]) else None


def discrepancy_rows(story: StoryBrief) -> list[FactRow]:
    """A row per discrepancy on a figure or claim: each side's value, the majority's reported."""
    rows = []
    for i, d in enumerate(story.discrepancies, 1):
        if d.kind == "date":
            continue
        values: dict[str, set[str]] = {}
        first: dict[str, tuple[int, str]] = {}
        for j, side in enumerate(d.sides, 1):
            values.setdefault(side.source, set()).add(side.value)
            first.setdefault(side.source, (j, side.evidence))
        common = _majority(values)
        cells = {}
        for path, vs in values.items():
            j, evidence = first[path]
            shown = " / ".join(sorted(vs))
            cells[path] = Cell(REPORTED if vs == {common} else DIFFERS, shown, f"d{i}s{j}", evidence)
        rows.append(FactRow(d.topic, d.kind, True, cells))
    return rows


def event_rows(story: StoryBrief) -> list[FactRow]:
    """A row per timeline event: sources whose date is not the event's differ."""
    rows = []
    for i, ev in enumerate(story.timeline, 1):
        cells = {}
        for j, s in enumerate(ev.sources, 1):
            when = f"{s.when} ({s.date})" if s.when and s.date else s.when or s.date or ""
            ok = ev.date is None or s.date is None or dates_compatible(s.date, ev.date)
            cells.setdefault(s.path, Cell(REPORTED if ok else DIFFERS, when, f"t{i}s{j}", s.evidence))
        disputed = any(c.status == DIFFERS for c in cells.values())
        rows.append(FactRow(f"{ev.date or 'undated'}: {ev.what}", "event", disputed, cells))
    return rows


def figure_rows(story: StoryBrief) -> list[FactRow]:
    """A row per figure two or more sources agree on."""
    rows = []
    for i, f in enumerate(story.agreed_facts, 1):
        if f.kind != "figure":
            continue  # agreed events are already timeline rows
        cells = {}
        for j, ev in enumerate(f.sources, 1):
            cells.setdefault(ev.path, Cell(REPORTED, "", f"f{i}s{j}", ev.text))
        rows.append(FactRow(f.what, "agreed figure", False, cells))
    return rows


def fact_table(story: StoryBrief) -> list[FactRow]:
    """Every row of the facts x sources table, disputed points first; each row has a cell for every source."""
    rows = discrepancy_rows(story) + event_rows(story) + figure_rows(story)
    paths = [s.path for s in story.sources]
    return [FactRow(r.what, r.kind, r.disputed, {p: r.cells.get(p, Cell(NOT_MENTIONED)) for p in paths}) for r in rows]
