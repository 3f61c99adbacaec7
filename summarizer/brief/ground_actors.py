"""Grounding of actors: the model's list checked and tidied, then completed with the people and bodies
the analysis found (quoted speakers, people and bodies the article names often)."""

from __future__ import annotations

import re

from ..text.actors import DEMONYMS, fix_kinds, is_common_noun, merge_short_forms, tidy_name, tidy_role
from ..text.alignment import Aligner, fold
from ..text.analysis import Analysis
from ..text.quotations import TITLES
from ..text.sentences import sentence_around
from .types import Actor, Quote, Span, Status

MAX_ACTORS = 12


def role_of(al: Aligner, role: str, name: str) -> bool:
    """True when a sentence that names the person ('Harbour master Tomas Reyes said') also gives the role."""
    last, role = fold(name).split()[-1].lower() if name.strip() else "", fold(role).lower().strip()
    for m in re.finditer(rf"\b{re.escape(last)}\b", al.lower) if last and role else ():
        start, end = sentence_around(al.text, al.index[m.start()])
        if role in fold(al.text[start:end]).lower():
            return True
    return False


def ground_actors(draft, analysis: Analysis, quotes: list[Quote], *, strict: bool) -> list[Actor]:
    """The brief's actors: the model's that hold up, quoted speakers, then what the analysis found."""
    seen: set[str] = set()
    actors = _model_actors(draft, analysis, quotes, seen)
    _add_speakers(actors, analysis, quotes, seen)
    _add_found(actors, analysis, seen)
    actors = fix_kinds(merge_short_forms(actors), analysis.text)
    if strict:
        actors = [a for a in actors if a.name_span and a.name_span.status is not Status.unsupported]
    return actors


def _model_actors(draft, analysis: Analysis, quotes: list[Quote], seen: set[str]) -> list[Actor]:
    actors: list[Actor] = []
    for a in draft.actors:
        name, title = tidy_name(a.name)
        role = tidy_role(a.role)
        role = role if role and role_of(analysis.aligner, role, name) else title
        a = a.model_copy(update={"name": name, "role": role})
        key = fold(a.name).lower().strip()
        if not key or key in seen or all(t.rstrip(".") in TITLES for t in key.split()) or key in DEMONYMS \
                or is_common_noun(a.name, analysis.text):
            continue  # empty, repeated, a bare title ('Mayor'), a nationality ('German') or a common noun ('Car')
        spoke = next((q for q in quotes if fold(q.speaker).lower() == key), None)
        found = _named(analysis, key)
        if spoke is None and (found is None and a.kind == "person" or found is not None and found.kind == "place"):
            continue  # a 'person' the article never names as one (an aircraft type, a heading); a place is not an actor
        kind = "person" if spoke else (found.kind if found is not None else a.kind)
        name = found.name if found is not None else a.name.strip()
        seen.add(key)
        seen.add(fold(name).lower())
        role = a.role or (tidy_role(spoke.speaker_role) if spoke else "") or (found.role if found is not None else "")
        actors.append(_actor(analysis, name, kind, role, found.aliases if found is not None else None))
    return actors


def _named(analysis: Analysis, key: str):
    """The actor the analysis found under this (folded) name or alias, or None."""
    return next((f for f in analysis.named if key == fold(f.name).lower() or key in (fold(x).lower() for x in f.aliases)), None)


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
