"""Grounding of key events: evidence sentence, time and date, place and actors checked against the article."""

from __future__ import annotations

import re
from datetime import date as _date

from ..text.analysis import Analysis, figures
from ..text.dates import normalize_when
from ..text.places import is_place_like, place_in
from ..text.sentences import Sentence
from .events import compress_event, eventworthy
from .draft import LIMITS
from .types import KeyEvent, Span, Status

MAX_EVENTS = LIMITS["events"]


def ground_events(draft, analysis: Analysis, by_sentence: dict[str, Sentence], *, strict: bool,
                  search_from: int) -> list[KeyEvent]:
    """The events of the sentences the model picked, one per sentence, checked, dated and in order."""
    events: list[KeyEvent] = []
    used: set[str] = set()
    picked = [by_sentence.get(sid) for sid in draft.key_events]
    for sentence in picked + _with_figures(by_sentence, picked):
        if sentence is None or sentence.id in used or not eventworthy(sentence.text) or len(events) >= MAX_EVENTS:
            continue  # unknown, repeated, or a quotation or furniture: never an event
        used.add(sentence.id)
        event = _event(sentence, analysis, search_from)
        if strict and event.evidence_span.status is Status.unsupported or not eventworthy(event.what):
            continue  # unsupported under --strict, or a misparse left no statement ('The explosion.')
        events.append(event)
    return events_in_order(events)


def _with_figures(by_sentence: dict[str, Sentence], picked: list) -> list[Sentence]:
    """The sentences, in article order, that state a figure or a date the picked ones do not: key facts a
    small model passes over when it picks the lead (a $1.2 million bill, a three-day closure)."""
    seen = {f for s in picked if s is not None for f in _facts(s)}
    out = []
    for s in by_sentence.values():
        new = _facts(s) - seen
        if new:
            out.append(s)
            seen |= new
    return out


def _facts(sentence: Sentence) -> set[str]:
    return figures(sentence.text) | {t.lower() for t in sentence.times()}


def _event(sentence: Sentence, analysis: Analysis, search_from: int) -> KeyEvent:
    doc, al = analysis.document, analysis.aligner
    warns: list[str] = []
    pos = doc.text.find(sentence.text, search_from)
    ev_span = Span(status=Status.exact, start=pos, end=pos + len(sentence.text), score=100.0) if pos >= 0 \
        else al.find(sentence.text)
    if ev_span.status is Status.unsupported:
        warns.append("evidence not found in the article")
    evidence = doc.text[ev_span.start : ev_span.end] if ev_span.start is not None else sentence.text
    when, when_span, date = _when(sentence, analysis, warns)
    what = compress_event(sentence.text)  # the model chose the sentence; code states the event
    span = (ev_span.start, ev_span.end) if ev_span.start is not None else None
    actors, where = _named_in(analysis, span, what), _place(analysis, span, sentence.text)
    return KeyEvent(what=what, when=when, date=date, where=where, actors=actors,
                    evidence=evidence, evidence_span=ev_span, when_span=when_span, warnings=warns)


def _mentioned(found, span: tuple[int, int] | None, what: str | None = None) -> bool:
    """Whether an analysed actor is named inside the sentence's span (and in the event statement kept from it)."""
    if span is None:
        return False
    lo, hi = span
    return any(lo <= m.start and m.end <= hi and (what is None or m.text in what) for m in found.mentions)


def _named_in(analysis: Analysis, span: tuple[int, int] | None, what: str) -> list[str]:
    """The people, bodies and groups the event statement names, by their full names, most salient first."""
    return [a.name for a in analysis.actors if a.kind != "place" and _mentioned(a, span, what)][:4]


def _place(analysis: Analysis, span: tuple[int, int] | None, sentence: str) -> str:
    """The place the sentence names: a place the analysis found there, else the sentence's 'in X'."""
    for a in analysis.named:
        if a.kind == "place" and _mentioned(a, span) and is_place_like(a.name, analysis.people):
            return a.name
    return place_in(sentence)


def _when(sentence: Sentence, analysis: Analysis, warns: list[str]) -> tuple[str, Span | None, str | None]:
    """The sentence's time expression, where it stands, and its date against the publication date."""
    published = analysis.document.published
    # A dateline's full date is the publication date, not the event's.
    times = [t for t in sentence.times() if not (published and normalize_when(t, None) == published)] or sentence.times()
    when = times[0] if times else ""
    if not when:
        return "", None, None
    date = normalize_when(when, published, sentence.text[: max(0, sentence.text.find(when))])
    if date is None and published:  # with no publication date the brief says so once, not per event
        warns.append(f"time {when!r} could not be resolved to a date")
    return when, analysis.aligner.find(when), date


def events_in_order(events: list[KeyEvent]) -> list[KeyEvent]:
    """Events in article order (a news article leads with its main event), with the dated ones
    put in date order among the places dated events hold; a week or month sorts by its first day."""
    by_place = sorted(events, key=lambda e: e.evidence_span.start if e.evidence_span and e.evidence_span.start is not None else 10**9)
    dated = iter(sorted((e for e in by_place if e.date), key=lambda e: _first_day(e.date)))
    return [next(dated) if e.date else e for e in by_place]


def _first_day(iso: str) -> str:
    """'2016-W44' -> '2016-10-31', '2016-11' -> '2016-11-01', '2016' -> '2016-01-01': comparable as text."""
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", iso):
        try:
            return _date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
        except ValueError:  # a week the year does not have
            return iso
    return (iso + "-01-01")[:10] if len(iso) < 10 else iso
