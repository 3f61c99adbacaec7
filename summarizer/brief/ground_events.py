"""Grounding of key events: evidence sentence, time and date, place and actors checked against the article."""

from __future__ import annotations

import re
from datetime import date as _date

from ..text.analysis import Analysis
from ..text.actors import is_common_noun
from ..text.dates import normalize_when
from ..text.places import is_place_like, place_in
from ..text.quotations import TITLES, split_title
from ..text.sentences import Sentence
from .events import compress_event, eventworthy
from .types import KeyEvent, Span, Status


def ground_events(draft, analysis: Analysis, by_sentence: dict[str, Sentence], *, strict: bool,
                  search_from: int) -> list[KeyEvent]:
    """The model's events, one per evidence sentence, checked, dated and in order."""
    events: list[KeyEvent] = []
    used: set[str] = set()
    for e in draft.key_events:
        sentence = by_sentence.get(e.sentence)
        if sentence is None or sentence.id in used or not eventworthy(sentence.text):
            continue  # unknown, repeated, or a quotation or furniture: never an event
        used.add(sentence.id)
        event = _event(e, sentence, analysis, search_from)
        if strict and event.evidence_span.status is Status.unsupported:
            continue
        events.append(event)
    return events_in_order(events)


def _event(e, sentence: Sentence, analysis: Analysis, search_from: int) -> KeyEvent:
    doc, al = analysis.document, analysis.aligner
    warns: list[str] = []
    pos = doc.text.find(sentence.text, search_from)
    ev_span = Span(status=Status.exact, start=pos, end=pos + len(sentence.text), score=100.0) if pos >= 0 \
        else al.find(sentence.text)
    if ev_span.status is Status.unsupported:
        warns.append("evidence not found in the article")
    evidence = doc.text[ev_span.start : ev_span.end] if ev_span.start is not None else sentence.text
    when, when_span, date = _when(sentence, analysis, warns)
    actors = _event_actors(e.actors, analysis, warns)  # the checks run, and warn, in this order
    where = _where(e.where, sentence, analysis, warns)
    what = compress_event(sentence.text)  # the model chose the sentence; code states the event in its words
    return KeyEvent(what=what, when=when, date=date, where=where, actors=actors,
                    evidence=evidence, evidence_span=ev_span, when_span=when_span, warnings=warns)


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


def _event_actors(names: list[str], analysis: Analysis, warns: list[str]) -> list[str]:
    """The model's actor names for an event that the article names (titles and common nouns left out)."""
    kept: list[str] = []
    for name in names:
        name = split_title(" ".join(name.split()))[0]
        if all(t.lower().rstrip(".") in TITLES for t in name.split()) or is_common_noun(name, analysis.text):
            continue
        if analysis.aligner.find_name(name).status is Status.unsupported:
            warns.append(f"actor {name!r} not found in the article")
        elif name.strip() not in kept:
            kept.append(name.strip())
    return kept


def _where(where: str, sentence: Sentence, analysis: Analysis, warns: list[str]) -> str:
    """The model's place if the article has it and it looks like a place, else the sentence's own place."""
    where = where.strip()
    if where and analysis.aligner.find(where, min_score=90.0).status is Status.unsupported:
        warns.append(f"place {where!r} not found in the article")
        where = ""
    if where and not is_place_like(where, analysis.people):
        where = ""  # 'German', "Tuesday's", 'Mr': not a place
    return where or place_in(sentence.text)


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
