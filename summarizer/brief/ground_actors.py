"""Grounding of actors: code's, not the model's: the quoted speakers, then the people, bodies and groups
the analysis found (spaCy entities checked by context), most salient first."""

from __future__ import annotations

import re

from ..text.actors import fix_kinds, merge_short_forms, tidy_name, tidy_role
from ..text.alignment import fold
from ..text.analysis import Analysis
from ..text.sentences import sentence_around
from .types import Actor, Quote, Span, Status

MAX_ACTORS = 12


def ground_actors(draft, analysis: Analysis, quotes: list[Quote], *, strict: bool) -> list[Actor]:
    """The brief's actors: quoted speakers, then the people, bodies and groups the analysis found."""
    seen: set[str] = set()
    actors: list[Actor] = []
    _add_speakers(actors, analysis, quotes, seen)
    _add_found(actors, analysis, seen)
    actors = fix_kinds(merge_short_forms(actors), analysis.text)
    if strict:
        actors = [a for a in actors if a.name_span and a.name_span.status is not Status.unsupported]
    return actors


def _add_speakers(actors: list[Actor], analysis: Analysis, quotes: list[Quote], seen: set[str]) -> None:
    for q in (q for q in quotes if q.key or len(q.text.split()) >= 3):  # quoted speakers are actors of the story
        name, title = tidy_name(q.speaker)
        if name and fold(name).lower() not in seen:
            seen.add(fold(name).lower())
            actors.append(_actor(analysis, name, "person", tidy_role(q.speaker_role) or title))


def _add_found(actors: list[Actor], analysis: Analysis, seen: set[str]) -> None:
    """The people, bodies and groups the analysis found, most salient first.

    Every person who speaks or acts is listed; the cap trims only the others.
    """
    known_last = {fold(a.name).lower().split()[-1] for a in actors if a.kind == "person" and a.name.split()}
    for found in analysis.actors:
        key = fold(found.name).lower()
        if key in seen or any(fold(x).lower() in seen for x in found.aliases):
            continue
        if found.kind == "person" and len(key.split()) == 1 and key in known_last:
            continue  # 'Reyes' after 'Tomas Reyes'
        if len(actors) >= MAX_ACTORS and not (found.kind == "person" and (found.speaks or found.acts)):
            continue
        seen.add(key)
        actors.append(_actor(analysis, found.name, found.kind, found.role, found.aliases))
    for label in analysis.groups[: max(1, MAX_ACTORS - len(actors))]:
        if not any(label in fold(a.name).lower().split() for a in actors):
            actors.append(_actor(analysis, label, "group", ""))


def _actor(analysis: Analysis, name: str, kind: str, role: str, aliases: list[str] | None = None) -> Actor:
    text = analysis.text
    span = analysis.aligner.find_name(name)
    warns, evidence, ev_span, aliases = [], "", None, list(aliases or [])
    if span.status is Status.unsupported:
        warns.append("name not found in the article")
    else:
        s, e = sentence_around(text, span.start)
        evidence = " ".join(text[s:e].split())[:300]
        ev_span = Span(status=Status.exact, start=s, end=e, score=100.0)
        last = name.split()[-1] if kind == "person" and len(name.split()) > 1 else ""
        if last and last not in aliases and re.search(rf"(?<!{re.escape(name.split()[-2])} ){re.escape(last)}\b", text):
            aliases.append(last)
    return Actor(name=name, kind=kind, role=role, aliases=aliases, evidence=evidence,
                 name_span=span, evidence_span=ev_span, warnings=warns)
