"""Long articles: overlapping windows on paragraph boundaries, and the merge of their partial briefs.

Offsets never need translating: every window is grounded against the whole
article text, so quotes and evidence keep their offsets in the full article.
"""

from __future__ import annotations

import re

from ..text.alignment import fold
from .ground_events import events_in_order
from .grounding import Grounded

_PARAGRAPH = re.compile(r"\n\s*\n")


def windows(body: str, size: int, overlap: int = 0) -> list[str]:
    """Split ``body`` into pieces of at most ``size`` characters, cut between paragraphs.

    Consecutive windows share about ``overlap`` characters (whole paragraphs)
    so an event told across a paragraph break is seen whole at least once.
    A paragraph longer than ``size`` is cut between sentences.
    """
    if len(body) <= size:
        return [body]
    paragraphs: list[str] = []
    for p in _PARAGRAPH.split(body):
        p = p.strip()
        while len(p) > size:
            cut = max(p.rfind(". ", 0, size), p.rfind("\n", 0, size))
            cut = cut + 1 if cut > size // 3 else size
            paragraphs.append(p[:cut].strip())
            p = p[cut:].strip()
        if p:
            paragraphs.append(p)
    out: list[str] = []
    i = 0
    while i < len(paragraphs):
        chunk = [paragraphs[i]]
        length = len(paragraphs[i])
        j = i + 1
        while j < len(paragraphs) and length + 2 + len(paragraphs[j]) <= size:
            chunk.append(paragraphs[j])
            length += 2 + len(paragraphs[j])
            j += 1
        out.append("\n\n".join(chunk))
        if j >= len(paragraphs):
            break
        # step back over whole paragraphs worth ~overlap characters, but always advance
        back, k = 0, j
        while k - 1 > i + 0 and back + len(paragraphs[k - 1]) <= overlap:
            k -= 1
            back += len(paragraphs[k])
        i = max(k, i + 1)
    return out


def _spread(groups: list[list], limit: int) -> list:
    """Up to ``limit`` items taking evenly from each window's list, in window order."""
    if sum(len(g) for g in groups) <= limit:
        return [x for g in groups for x in g]
    taken = [0] * len(groups)
    total = 0
    while total < limit:
        progressed = False
        for n, g in enumerate(groups):
            if taken[n] < len(g) and total < limit:
                taken[n] += 1
                total += 1
                progressed = True
        if not progressed:
            break
    return [x for n, g in enumerate(groups) for x in g[: taken[n]]]


def merge(parts: list[Grounded], *, max_events: int = 12, max_actors: int = 12, max_quotes: int = 500, max_questions: int = 5) -> Grounded:
    """One brief's worth of items from the windows' partial briefs, de-duplicated."""
    if len(parts) == 1:
        return parts[0]
    seen_ev: set[int] = set()
    ev_groups = []
    for p in parts:
        group = []
        for e in p.key_events:
            key = e.evidence_span.start if e.evidence_span and e.evidence_span.start is not None else id(e)
            if key not in seen_ev:
                seen_ev.add(key)
                group.append(e)
        ev_groups.append(group)
    actors: dict[str, object] = {}
    for p in parts:
        for a in p.actors:
            key = fold(a.name).lower()
            if key in actors:
                known = actors[key]
                known.aliases = sorted(set(known.aliases) | set(a.aliases))
                known.role = known.role or a.role
            else:
                actors[key] = a.model_copy(deep=True)
    seen_q: set[int] = set()
    q_groups = []
    for p in parts:
        group = [q for q in p.quotes if q.start not in seen_q]
        seen_q.update(q.start for q in group)
        q_groups.append(group)
    asked: set[str] = set()
    questions = []
    for p in parts:
        for q in p.open_questions:
            if fold(q.question).lower() not in asked:
                asked.add(fold(q.question).lower())
                questions.append(q)
    warnings: list[str] = []
    for p in parts:
        warnings += [w for w in p.warnings if w not in warnings]
    return Grounded(
        headline=parts[0].headline,
        summary=parts[0].summary,
        key_events=events_in_order(_spread(ev_groups, max_events)),
        actors=list(actors.values())[:max_actors],
        quotes=sorted(_spread(q_groups, max_quotes), key=lambda q: q.start),
        open_questions=questions[:max_questions],
        warnings=warnings,
    )
