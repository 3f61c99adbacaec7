"""Why each article is in its story: the reasons written to ``stories.json`` beside the grouping.

For every article of a story of two or more, its strongest link inside the
story: the member it is most similar to, that pair's similarity score
(:func:`summarizer.story.grouping.pair_similarity`), the names and key terms
the two share (those that weigh most in the score first), how many days apart
they were published and the event dates their briefs share; and its mean
similarity to the story's other members, which is what average-link
clustering compared with the threshold (inside a large coarse group weighted
again, :func:`summarizer.story.grouping.group_with_features`, the group's own
similarities, compared with the inner threshold). An article alone in its story gets
the same about its nearest article elsewhere, with ``"alone": true``: the
reason it was not joined is that score being under the threshold. A
near-duplicate copy (:mod:`summarizer.story.copies`) says which article it
copies (``"copy_of"``) and that it counts as one source with it.
"""

from __future__ import annotations

from collections import Counter

from .grouping import Features

SHOWN = 5
"""Names and key terms listed per link."""


def grouping_reasons(features: Features, sims: list[list[float]], groups: dict[str, list[str]], *,
                     copies: dict[str, list[str]] | None = None) -> dict[str, dict[str, dict]]:
    """Story id -> article path -> why it is there (see the module docstring).

    ``features`` and ``sims`` are what the articles were grouped by
    (:func:`summarizer.story.grouping.group_with_features`); ``groups`` may
    also be a grouping the user wrote, which is then explained by the same scores.
    """
    index = {p: i for i, p in enumerate(features.paths)}
    copy_of = {c: original for original, cs in (copies or {}).items() for c in cs}
    out: dict[str, dict[str, dict]] = {}
    for story_id, members in groups.items():
        idx = [index[p] for p in members if p in index]
        story: dict[str, dict] = {}
        for i in idx:
            others = [j for j in idx if j != i]
            reason: dict = {}
            if others:
                reason.update(_link(features, sims, i, _nearest(sims, i, others)))
                reason["mean_similarity"] = round(sum(sims[i][j] for j in others) / len(others), 3)
            else:
                outside = [j for j in range(len(features.paths)) if j != i]
                reason["alone"] = True
                if outside:
                    reason.update(_link(features, sims, i, _nearest(sims, i, outside)))
            path = features.paths[i]
            if path in copy_of:
                reason["copy_of"] = copy_of[path]
            story[path] = reason
        out[story_id] = story
    return out


def _nearest(sims: list[list[float]], i: int, candidates: list[int]) -> int:
    return max(candidates, key=lambda j: (sims[i][j], -j))


def _link(f: Features, sims: list[list[float]], i: int, j: int) -> dict:
    """The pair (i, j): j's path, their score, shared names and key terms, days apart, shared event dates."""
    a, b = f.published[i], f.published[j]
    link = {"nearest": f.paths[j], "similarity": round(sims[i][j], 3),
            "shared_names": shared_names(f, i, j), "shared_terms": shared_terms(f, i, j),
            "days_apart": abs((a - b).days) if a and b else None}
    events = sorted(f.events[i] & f.events[j])
    if events:
        link["shared_event_dates"] = events
    return link


def _shared(u: dict[str, float], v: dict[str, float]) -> list[str]:
    """Keys of both vectors, those adding most to their dot product first."""
    return sorted(u.keys() & v.keys(), key=lambda k: (-u[k] * v[k], k))


def shared_names(f: Features, i: int, j: int) -> list[str]:
    """The names articles ``i`` and ``j`` both mention, in the spelling the two use most."""
    forms: dict[str, Counter] = {}
    for k in (i, j):
        for (key, form), count in f.spellings[k].items():
            forms.setdefault(key, Counter())[form] += count
    keys = [k[2:] for k in _shared(f.entities[i], f.entities[j]) if k.startswith("e:")][:SHOWN]
    # the commonest spelling; on a tie the shorter ('Northgale Airways', not 'Two Northgale Airways' of a sentence start)
    return [max(forms[k].items(), key=lambda kv: (not kv[0].isupper(), kv[1], -len(kv[0])))[0] if k in forms else k
            for k in keys]


def shared_terms(f: Features, i: int, j: int) -> list[str]:
    """The key terms (content words) articles ``i`` and ``j`` share, as article ``i`` writes them."""
    return [f.words[i].get(s, s) for s in _shared(f.terms[i], f.terms[j])[:SHOWN]]
