"""Group articles into stories: the same event, or the same developing story.

Method (all by code, from the article text; the briefs add only their event
dates, so grouping does not depend on how good the model is):

1. Features per article, from its text without the sentences of 8 or more words it
   shares verbatim with another article that is not its copy (:func:`own_texts`:
   a spokesman's standard line in the reports of two fires is no evidence of one event).
   - **Entities**: capitalised runs in the text (:func:`summarizer.entities.entity_mentions`:
     titles stripped, sentence-initial common words dropped), plus the single
     words of multi-word names at half weight ('Comey' meets 'James Comey').
     Spellings are matched across the whole set first: two names are one
     entity when :func:`summarizer.entities.same_name` says so (rapidfuzz ratio
     >= 85 once folded, so 'Kestrel Ford' ~ 'Kestrelford', 'Hmeimim' ~ 'Khmeimim').
   - **Key terms**: content words (stop words out, lightly stemmed).
   - **Dates**: the publication date, and the event dates (YYYY-MM-DD) of the
     article's brief.

   Entities and key terms are weighted over the set being grouped: sublinear
   tf times the squared idf ``log((n + 1) / df) ** 2``, so a name or word most
   articles share (the topic: 'earthquake', the air base every report names)
   counts for little and those only one story's articles share count most; a
   feature of one article only weighs ``min(1, 2 / n)`` of that (:func:`_tfidf`).
2. Similarity of two articles, between 0 and 1::

       sim = 0.35 * entities + 0.45 * terms + 0.20 * dates

   entities and terms are cosine similarities of those vectors; dates
   is the mean of what both articles have: publication proximity
   ``max(0, 1 - days apart / 7)`` and event-date overlap (shared dates / the
   smaller set), times ``min(1, text / 0.1)`` (text: the other two parts):
   dates support a link the texts make, never make one alone (two articles of
   one day that share nothing are two stories). Without dates, the other two are
   rescaled to sum to 1. A pair published more than 30 days apart has its score
   scaled by ``30 / days apart`` (:func:`date_distance_factor`).
3. Clustering: average-link agglomerative (start with one story per article;
   repeatedly merge the two stories whose mean pairwise similarity is highest,
   while it is at least a threshold), in two levels (:func:`_two_level`):
   first coarsely, at :data:`COARSE_SHARE` of ``threshold`` (0.08), into groups
   of one kind (one topic: its events together); then each group of
   :data:`WITHIN_MIN` or more articles is weighted again over its own articles
   with plain idf (:data:`WITHIN_IDF_POWER`: the words all of it shares drop
   out, and the words half of it shares, one event's, keep more weight than
   under squared idf) and split at :data:`WITHIN_SHARE` of ``threshold``
   (0.09); a smaller group is split with the pool's similarities at
   ``threshold``. One pass with one absolute threshold served either a pool of
   many kinds or a pool of one kind, not both: in a pool of one kind the words
   an event's articles share are in half the pool and weigh little.
   A single article is a story of one.

The default threshold, 0.17, with the two levels groups the Giveme5W1H
development set perfectly (48 articles, 6 stories); on the ECB+ and
Multi-News dev sets pooled it gives purity / completeness 0.958 / 0.921 and
0.954 / 0.952, ECB+ grouped one topic at a time 0.991 / 0.820
(``bench/bench_grouping.py``, bench/RESULTS.md, 2026-12-02).
Cost: O(n^2) pair similarities and O(n^2 log n) merging in pure Python: a few
seconds for 500 articles.

Story ids are stable and readable, ``story-01-<slug of the entity most of its
articles share>``; stories are numbered in order of their first article path.
The grouping is written to a JSON file the user may edit and read back, validated
(:mod:`summarizer.story.groupfile`, re-exported here with :func:`grouping_scores`).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

from ..text.alignment import fold
from ..text.documents import Document
from ..text.names import STOP, content_words, entity_mentions, name_key, same_name, stem
from ..text.sentences import split_sentences
from ..brief.types import Brief
from .groupfile import GROUPS_COMMENT, grouping_scores, read_groups, slugify, write_groups  # noqa: F401  (re-exported)

WEIGHTS = {"entities": 0.35, "terms": 0.45, "dates": 0.2}
DEFAULT_THRESHOLD = 0.17
COARSE_SHARE = 0.47
"""The first, coarse pass merges down to this share of the threshold (0.08 at 0.17)."""
WITHIN_SHARE = 0.53
"""A coarse group weighted again over its own articles is split at this share of the threshold (0.09 at 0.17)."""
WITHIN_MIN = 6
"""Coarse groups of fewer articles are not weighted again (a pool of a few has no scale of its own)."""
WITHIN_IDF_POWER = 1.0
"""The idf power inside a coarse group (over the whole pool: 2)."""
SINGLE_ARTICLE_POOL = 2
SHARED_MIN_WORDS = 8
"""Sentences this long or longer that two reports share verbatim are boilerplate unless the reports are copies."""
DATES_NEED_TEXT = 0.1
PUBLICATION_WINDOW_DAYS = 7
SAME_EVENT_DAYS = 30

Item = tuple[str, Document, Brief]


def group_articles(items: list[Item], *, threshold: float = DEFAULT_THRESHOLD, two_level: bool = True
                   ) -> dict[str, list[str]]:
    """Stories of ``items`` ((rel path, document, brief) triples): story id -> sorted article paths.

    ``two_level=False`` clusters once, at ``threshold``, with the pool's weights (the method before 2026-12-02).
    """
    return group_with_features(items, threshold=threshold, two_level=two_level)[0]


def group_with_features(items: list[Item], *, threshold: float = DEFAULT_THRESHOLD, two_level: bool = True
                        ) -> tuple[dict[str, list[str]], Features, list[list[float]]]:
    """:func:`group_articles`, with the features and similarities it grouped by (for the reasons it records).

    Inside a coarse group weighted again (:func:`_two_level`), the similarities are the group's own.
    """
    if not items:
        return {}, article_features([]), []
    features = article_features(items)
    sims = similarity_matrix(features)
    if two_level:
        clusters, sims = _two_level(items, sims, threshold)
    else:
        clusters = _average_link(sims, threshold)
    paths = [p for p, _, _ in items]
    clusters = sorted((sorted(c, key=lambda i: paths[i]) for c in clusters), key=lambda c: paths[c[0]])
    width = max(2, len(str(len(clusters))))
    out: dict[str, list[str]] = {}
    for n, members in enumerate(clusters, 1):
        out[f"story-{n:0{width}d}-{_story_slug(members, features.spellings)}"] = [paths[i] for i in members]
    return out, features, sims


@dataclass
class Features:
    """What grouping knows of each article (lists in the order of the items)."""

    paths: list[str]
    entities: list[dict[str, float]]
    """Weighted entity vector: 'e:<canonical key>' per name, 'w:<word>' per word of a multi-word name."""
    terms: list[dict[str, float]]
    """Weighted content-word vector, by stem."""
    words: list[dict[str, str]]
    """Stem -> the word the article writes most often for it (for showing key terms)."""
    spellings: list[Counter]
    """(canonical entity key, spelling as written) -> mentions."""
    published: list[date | None]
    events: list[set[str]]
    """The brief's key-event dates (YYYY-MM-DD)."""


def article_features(items: list[Item], *, idf_power: float = 2.0) -> Features:
    """Entities, key terms and dates of each article, weighted over the whole set (see the module docstring)."""
    bodies = own_texts([doc.body for _, doc, _ in items])
    mentions = [[name for name, _, _ in entity_mentions(body)] for body in bodies]
    canon = _canonical_entities({name_key(m) for ms in mentions for m in ms})
    spellings: list[Counter] = []
    ent_tf: list[Counter] = []
    for ms in mentions:
        sp: Counter = Counter()
        tf: Counter = Counter()
        for m in ms:
            key = canon.get(name_key(m))
            if not key:
                continue
            sp[(key, m)] += 1
            tf["e:" + key] += 1.0
            if len(key.split()) > 1:
                for tok in key.split():
                    if len(tok) > 2 and tok not in STOP:
                        tf["w:" + tok] += 0.5
        spellings.append(sp)
        ent_tf.append(tf)
    term_tf, words = [], []
    for body in bodies:
        written = Counter((stem(w), w) for w in content_words(body))
        tf = Counter()
        best: dict[str, str] = {}
        for (s, w), count in written.most_common():
            tf[s] += count
            best.setdefault(s, w)
        term_tf.append(tf)
        words.append(best)
    return Features(paths=[p for p, _, _ in items], entities=_tfidf(ent_tf, idf_power),
                    terms=_tfidf(term_tf, idf_power), words=words,
                    spellings=spellings, published=[_day(doc.published) for _, doc, _ in items],
                    events=[{e.date for e in brief.key_events if e.date and len(e.date) == 10} for _, _, brief in items])


def own_texts(bodies: list[str]) -> list[str]:
    """Each body without the sentences it shares word for word with an article that is not its copy.

    A sentence two reports carry verbatim while the rest differs is boilerplate (a spokesman's standard
    line, an agency's description) and says nothing of whether they tell one event; two copies of one
    report (more than half of the shorter one's sentences shared) keep everything.
    """
    split = [[(s.text, " ".join(fold(s.text).lower().split())) for s in split_sentences(b, min_words=1, limit=10**6)]
             for b in bodies]  # one split, all sentences: a long article's shared lines past its 80th count too
    keys = [[k for text, k in pieces if len(text.split()) >= SHARED_MIN_WORDS] for pieces in split]
    where: dict[str, set[int]] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            where.setdefault(k, set()).add(i)
    out = []
    for i, body in enumerate(bodies):
        shared = Counter(j for k in set(keys[i]) for j in where[k] if j != i)
        drop = {k for k in keys[i] if any(2 * shared[j] <= min(len(set(keys[i])), len(set(keys[j]))) for j in where[k] - {i})}
        out.append("\n".join(text for text, k in split[i] if k not in drop) if drop else body)
    return out


def similarity_matrix(features: Features) -> list[list[float]]:
    """Pairwise similarities of the articles (see the module docstring)."""
    n = len(features.paths)
    sims = [[1.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            sims[i][j] = sims[j][i] = pair_similarity(features, i, j)
    return sims


def pair_similarity(f: Features, i: int, j: int) -> float:
    """Similarity of articles ``i`` and ``j``: weighted entities, terms and dates, times the date distance factor."""
    text_weight = WEIGHTS["entities"] + WEIGHTS["terms"]
    text = (WEIGHTS["entities"] * _cosine(f.entities[i], f.entities[j]) + WEIGHTS["terms"] * _cosine(f.terms[i], f.terms[j])) / text_weight
    date_parts = []
    a, b = f.published[i], f.published[j]
    if a and b:
        date_parts.append(max(0.0, 1 - abs((a - b).days) / PUBLICATION_WINDOW_DAYS))
    if f.events[i] and f.events[j]:
        date_parts.append(len(f.events[i] & f.events[j]) / min(len(f.events[i]), len(f.events[j])))
    if not date_parts:
        return text * date_distance_factor(a, b)
    dates = sum(date_parts) / len(date_parts) * min(1.0, text / DATES_NEED_TEXT)
    return (text_weight * text + WEIGHTS["dates"] * dates) / (text_weight + WEIGHTS["dates"]) * date_distance_factor(a, b)


def date_distance_factor(a: date | None, b: date | None) -> float:
    """1, or less for articles published more than :data:`SAME_EVENT_DAYS` apart (``SAME_EVENT_DAYS / days``).

    Reports of one event appear within weeks of each other; two reports of the
    same people and place months apart are about different events, however
    many names and words they share. Unknown dates change nothing.
    """
    if not a or not b:
        return 1.0
    days = abs((a - b).days)
    return 1.0 if days <= SAME_EVENT_DAYS else SAME_EVENT_DAYS / days


def _canonical_entities(keys: set[str]) -> dict[str, str]:
    """Each entity key -> the key that stands for all its spellings in the set (fuzzy, see same_name)."""
    ordered = sorted(keys)
    parent = {k: k for k in ordered}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    squashed = [k.replace(" ", "") for k in ordered]
    for i, k in enumerate(ordered):
        if len(squashed[i]) < 5:
            continue
        # rapidfuzz prefilters in C; same_name then checks the few candidates word by word.
        for _, _, j in process.extract(squashed[i], squashed, scorer=fuzz.ratio, score_cutoff=85, limit=None):
            if j > i and same_name(k, ordered[j]):
                a, b = find(k), find(ordered[j])
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {k: find(k) for k in ordered}


def _tfidf(tfs: list[Counter], power: float = 2.0) -> list[dict[str, float]]:
    """Unit vectors of sublinear tf times idf to ``power``, ``log((n + 1) / df) ** power``, over the set.

    A feature of one article only weighs ``min(1, SINGLE_ARTICLE_POOL / n)`` of that: it links
    to nothing, and in a large pool a long article's many words of its own (page clutter,
    side details) would drown those it shares; in a pool of two it keeps its full weight, so
    two unrelated articles are not made alike by the few common words they share.
    """
    n = len(tfs)
    df: Counter = Counter(k for tf in tfs for k in tf)
    single = min(1.0, SINGLE_ARTICLE_POOL / n) if n else 1.0
    out = []
    for tf in tfs:
        v = {k: (1 + math.log(c)) * math.log((n + 1) / df[k]) ** power * (single if df[k] == 1 else 1.0) for k, c in tf.items() if c > 0}
        norm = math.sqrt(sum(x * x for x in v.values()))
        out.append({k: x / norm for k, x in v.items()} if norm else {})
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two unit vectors (as :func:`_tfidf` makes them)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _day(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def _two_level(items: list[Item], sims: list[list[float]], threshold: float) -> tuple[list[list[int]], list[list[float]]]:
    """Clusters of the two-level grouping (module docstring, step 3), and the similarities each split used.

    A coarse group of :data:`WITHIN_MIN` or more articles is weighted again over
    its own articles (idf power :data:`WITHIN_IDF_POWER`) and split at
    ``WITHIN_SHARE * threshold``; a smaller one is split with the pool's
    similarities at ``threshold``. The returned matrix is the pool's, with
    each re-weighted group's pairs replaced by the group's own similarities.
    """
    used = [row[:] for row in sims]
    clusters: list[list[int]] = []
    for group in _average_link(sims, COARSE_SHARE * threshold):
        if len(group) < WITHIN_MIN:
            sub, cut = [[sims[i][j] for j in group] for i in group], threshold
        else:
            sub = similarity_matrix(article_features([items[i] for i in group], idf_power=WITHIN_IDF_POWER))
            cut = WITHIN_SHARE * threshold
            for a, i in enumerate(group):
                for b, j in enumerate(group):
                    used[i][j] = sub[a][b]
        clusters += [[group[k] for k in c] for c in _average_link(sub, cut)]
    return clusters, used


def _average_link(sims: list[list[float]], threshold: float) -> list[list[int]]:
    """Average-link agglomerative clustering, stopping when no pair of clusters averages >= threshold."""
    n = len(sims)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    # sums[a][b]: total similarity between the members of clusters a and b
    sums: dict[int, dict[int, float]] = {i: {j: sims[i][j] for j in range(n) if j != i} for i in range(n)}
    heap = [(-sims[i][j], i, j) for i in range(n) for j in range(i + 1, n) if sims[i][j] >= threshold]
    heapq.heapify(heap)
    next_id = n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # stale: one side was merged already
        c = next_id
        next_id += 1
        members[c] = members.pop(a) + members.pop(b)
        row_a, row_b = sums.pop(a), sums.pop(b)
        sums[c] = {}
        for k in members:
            if k == c:
                continue
            total = row_a.get(k, 0.0) + row_b.get(k, 0.0)
            del sums[k][a], sums[k][b]
            sums[k][c] = sums[c][k] = total
            avg = total / (len(members[c]) * len(members[k]))
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(c, k), max(c, k)))
    return list(members.values())


def _story_slug(members: list[int], spellings: list[Counter]) -> str:
    """Slug of the entity most of the story's articles mention (ties: more mentions), in its commonest spelling."""
    docs: Counter = Counter()
    mentions: Counter = Counter()
    forms: dict[str, Counter] = {}
    for i in members:
        seen = set()
        for (key, form), count in spellings[i].items():
            mentions[key] += count
            forms.setdefault(key, Counter())[form] += count
            if key not in seen:
                seen.add(key)
                docs[key] += 1
    if not docs:
        return "article"
    best = min(docs, key=lambda k: (-docs[k], -mentions[k], k))
    form = max(forms[best].items(), key=lambda kv: (not kv[0].isupper(), kv[1]))[0]
    return slugify(form) or "article"
