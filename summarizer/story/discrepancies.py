"""Figures the articles of a story give, compared by code: which agree and which conflict.

A quantity is a number with the noun it counts, read from each sentence of
each article: digits ('40 passengers', '1,200 people', '12.5 percent'),
money ('$1.2 million'), number words ('four days', two to ninety; 'one' is
too often not a number) and hyphenated forms ('a three-day closure' -> 3 day).
Units are put in the singular ('days' -> 'day', 'people' -> 'person'). Dates
('March 11'), years ('in 2019'), times ('9 a.m.') and names ('Route 9') are not
quantities.

Two quantities from different articles are about the same thing when they
have the same unit and share two content words (stemmed) within six words of
the number, or the word right after it ('a three-day closure' / 'ordered a
four-day closure'). Then:

- the same value (and one content word in common is enough) -> an agreed
  figure, reported by two or more articles;
- different values less than twice apart, in sentences that name the same place, body or person when both
  name one -> a discrepancy (values further apart are different quantities: '159 violations since 1994' and
  'four open violations'; so is one unit in two places), unless either article also states the
  other's value (it may simply be telling a different part of the story), or
  a bound makes them agree ('more than 100' and '120', 'about 40' and '42').
  Ages ('63-year-old') are left out: different people have different ages.

Before two values count as a discrepancy, the spaCy parse of both sentences must not say they are about
different things (:mod:`summarizer.story.anchors`): a whole and a part ('three charges' / 'four of five
charges'), shares of different nouns ('30 percent of the farmland' / '40 percent of the town'), arguments of
different verbs when neither describes a noun ('served 3 years' / 'sentenced to five years'; 'ordered a
four-day closure' / 'announced a three-day closure' describe one closure), money to different recipients,
or sentences that name years and none in common ('in 2012' / 'from 2013 through 2015').

Every side keeps its verbatim sentence and that sentence's offsets in the
article's ``Document.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.documents import Document
from ..text.names import STOP, entity_mentions, name_key, same_name, stem
from ..text.sentences import split_sentences
from .anchors import Anchor, anchor, different_things
from .types import AgreedFact, Discrepancy, DiscrepancySide, Evidence
from ..text.lexicon import DISCREPANCIES_CURRENCY as _CURRENCY, DISCREPANCIES_IRREGULAR as _IRREGULAR, DISCREPANCIES_MULTIPLIERS as _MULTIPLIERS, DISCREPANCIES_NOT_SUBJECTS as _NOT_SUBJECTS, DISCREPANCIES_NUMBER_WORDS as NUMBER_WORDS, DISCREPANCIES_TIME_UNITS as _TIME_UNITS  # noqa: F401

_NOT_UNITS = (STOP - _TIME_UNITS) | {"percent", "per", "cent", "more", "other", "others", "new", "additional", "extra",
                                    "different", "some", "odd", "plus", "young", "old", "older", "later", "earlier",
                                    "straight", "former", "ago", "apiece", "each", "less", "fewer", "least", "consecutive"}
_BOUNDS = [("min", re.compile(r"\b(?:more than|over|at least|upwards of|in excess of)\s*$", re.IGNORECASE)),
           ("max", re.compile(r"\b(?:up to|fewer than|less than|under|as many as|no more than)\s*$", re.IGNORECASE)),
           ("near", re.compile(r"\b(?:nearly|almost|close to)\s*$", re.IGNORECASE)),
           ("approx", re.compile(r"\b(?:about|around|approximately|roughly|some|estimated|an estimated|or so)\s*$", re.IGNORECASE))]
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_QUANTITY = re.compile(
    r"(?<![\w.,$\u00a3\u20ac-])(?P<cur>[$\u00a3\u20ac])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")"
    r"(?:\s+(?P<mult>thousand|million|billion|trillion))?"
    r"(?:(?P<pct>\s?%|\s+per\s?cent|\s+percent)|(?:-|\s+)(?P<unit>[A-Za-z]+))?",
    re.IGNORECASE,
)
_WINDOW = 6


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, in one sentence of one article."""

    source: str
    value: float
    unit: str
    text: str
    """As written: 'three-day', '40 passengers', '$1.2 million'."""
    start: int
    end: int
    sentence: tuple[int, int]
    """Offsets of the sentence in ``Document.text``."""
    context: frozenset[str]
    """Stems of the content words within six words of the quantity."""
    head: str
    """Stem of the content word right after it ('closure' in 'a three-day closure'), or ''."""
    bound: str
    """'min' ('more than 40'), 'max' ('up to 40'), 'approx' ('about 40') or '' (exact)."""
    words: tuple[tuple[str, str], ...]
    """(stem, word as written) of the context, nearest first, for naming the topic."""
    names: tuple[str, ...] = ()
    """The names (places, bodies, people) the sentence mentions."""
    unit_at: int = -1
    """Offset in ``Document.text`` of the word it counts (the number itself for money), for the parse."""


def singular(word: str) -> str:
    """'days' -> 'day', 'people' -> 'person', 'buses' -> 'bus', 'ferries' -> 'ferry'."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if re.search(r"(?:ss|x|ch|sh|us)es$", w):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def find_quantities(source: str, doc: Document) -> list[Quantity]:
    """Every quantity in the article, in order, with its sentence and context (offsets into ``doc.text``)."""
    out: list[Quantity] = []
    for sent in split_sentences(doc.text, min_words=3, limit=100_000):
        tokens = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[A-Za-z][A-Za-z'\u2019-]*|\d[\d,.]*", sent.text)]
        names: tuple[str, ...] | None = None  # found once per sentence, and only in a sentence with a quantity
        for m in _QUANTITY.finditer(sent.text):
            q = _quantity(m, sent.text, tokens)
            if q is None:
                continue
            value, unit, end, unit_at = q
            if names is None:
                names = tuple(dict.fromkeys(name for name, _, _ in entity_mentions(sent.text)))
            before = [t for t in tokens if t[1] <= m.start()][-_WINDOW:]
            after = [t for t in tokens if t[0] >= end][:_WINDOW]
            near = sorted([(len(before) - i, t) for i, t in enumerate(before)] + [(i + 1, t) for i, t in enumerate(after)], key=lambda x: x[0])
            words = []
            for _, (_, _, w) in near:
                low = w.lower().replace("\u2019", "'").strip("'-")
                if len(low) > 2 and low not in STOP and low not in NUMBER_WORDS and not low[0].isdigit() and singular(low) != unit:
                    words.append((stem(low), w))
            head = next((stem(w.lower()) for w in (t[2] for t in after[:2]) if w.lower() not in STOP and len(w) > 2), "")
            bound = next((b for b, rx in _BOUNDS if rx.search(sent.text[max(0, m.start() - 20) : m.start()])), "")
            out.append(Quantity(source, value, unit, sent.text[m.start():end], sent.start + m.start(), sent.start + end,
                                (sent.start, sent.end), context=frozenset(s for s, _ in words), head=head, bound=bound,
                                words=tuple(words), names=names, unit_at=sent.start + unit_at))
    return out


def _same_scene(a: Quantity, b: Quantity) -> bool:
    """False when both sentences name places, bodies or people and none is the same, spellings allowed ('In
    Madison, more than 19 inches' / 'as much as 13 inches ... of central Iowa'): one unit in two places is two
    quantities."""
    if not (a.names and b.names):
        return True
    words_a = {w for n in a.names for w in name_key(n).split()}
    return any(same_name(x, y) for x in a.names for y in b.names) or any(
        w in words_a for n in b.names for w in name_key(n).split())


def _quantity(m: re.Match, sentence: str, tokens: list) -> tuple[float, str, int, int] | None:
    num, cur, mult, unit = m.group("num"), m.group("cur"), m.group("mult"), m.group("unit")
    low = num.lower()
    if low in NUMBER_WORDS:
        if cur or not num.islower() and m.start() > 0:
            return None  # '$four' is not money; a capitalised number word mid-sentence is a name
        value = float(NUMBER_WORDS[low])
    else:
        try:
            value = float(num.replace(",", ""))
        except ValueError:
            return None
    value *= _MULTIPLIERS.get((mult or "").lower(), 1)
    prev = [t for t in tokens if t[1] <= m.start()]
    if prev and re.fullmatch(_MONTHS, prev[-1][2], re.IGNORECASE) and m.start() - prev[-1][1] <= 2:
        return None  # 'March 11'
    if prev and prev[-1][2][0].isupper() and len(prev) > 1 and m.start() - prev[-1][1] <= 1 and low not in NUMBER_WORDS:
        return None  # 'Route 9', 'Pier 3'
    if cur:
        end = m.end("mult") if mult else m.end("num")
        return value, _CURRENCY[cur], end, m.start("mult") if mult else m.start("num")
    if m.group("pct"):
        return value, "percent", m.end("pct"), m.end("pct") - 1
    if not unit or unit[0].isupper() or len(unit) < 3:
        return None
    u = unit.lower()
    if u in _NOT_UNITS or re.fullmatch(_MONTHS, u) or u in NUMBER_WORDS or u in _MULTIPLIERS:
        return None
    if re.fullmatch(r"1[89]\d\d|20\d\d", num) and not (u.endswith("s") or u in _IRREGULAR):
        return None  # a year: 'in 2019 flooding'
    if sentence[m.end("unit") : m.end("unit") + 4].lower() == "-old":
        return None  # an age: '63-year-old' (different people's ages are no discrepancy)
    return value, singular(u), m.end("unit"), m.start("unit")


def figure_findings(members: list[tuple[str, Document]]) -> tuple[list[Discrepancy], list[AgreedFact]]:
    """Figure discrepancies and agreed figures across the articles (see the module docstring)."""
    docs = dict(members)
    order = {p: i for i, (p, _) in enumerate(members)}
    quantities = [q for p, doc in members for q in find_quantities(p, doc)]
    values: dict[tuple[str, str], set[float]] = {}
    for q in quantities:
        values.setdefault((q.source, q.unit), set()).add(q.value)
    n = len(quantities)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    disagree: list[tuple[int, int]] = []
    agree: list[tuple[int, int]] = []
    for i in range(n):
        a = quantities[i]
        for j in range(i + 1, n):
            b = quantities[j]
            if a.source == b.source or a.unit != b.unit:
                continue
            if a.value == b.value:
                if a.context & b.context:
                    agree.append((i, j))
            elif _same_subject(a, b) and _same_order(a, b) and _same_scene(a, b) and (b.value not in values[(a.source, a.unit)] and a.value not in values[(b.source, b.unit)]
                  and not _consistent(a, b) and not _consistent(b, a)) and not different_things(anchor_of(a, docs), anchor_of(b, docs)):
                disagree.append((i, j))
    for i, j in disagree:
        parent[find(j)] = find(i)
    in_conflict = {k for pair in disagree for k in pair}
    discrepancies = []
    for root in sorted({find(i) for i in in_conflict}):
        group = [k for k in sorted(in_conflict) if find(k) == root]
        sides, seen = [], set()
        for k in sorted(group, key=lambda k: (order[quantities[k].source], quantities[k].start)):
            q = quantities[k]
            if (q.source, q.value) in seen:
                continue
            seen.add((q.source, q.value))
            s, e = q.sentence
            sides.append(DiscrepancySide(source=q.source, value=q.text, evidence=docs[q.source].text[s:e], start=s, end=e))
        shared = [pair for pair in disagree if find(pair[0]) == root]
        topic = _topic(quantities[shared[0][0]], quantities[shared[0][1]])
        discrepancies.append(Discrepancy(topic=topic, kind="figure", sides=sides))
    agreed = _agreed(quantities, [(i, j) for i, j in agree if i not in in_conflict and j not in in_conflict], docs, order)
    return discrepancies, agreed


def anchor_of(q: Quantity, docs: dict[str, Document]) -> Anchor:
    """What ``q`` is about, from the parse of its sentence (:mod:`summarizer.story.anchors`)."""
    s, e = q.sentence
    return anchor(docs[q.source].text[s:e], q.unit_at - s)


def _same_subject(a: Quantity, b: Quantity) -> bool:
    """Two content words in common near the numbers, or the same word right after them."""
    return len(a.context & b.context) >= 2 or bool(a.head and a.head == b.head and a.head not in _NOT_SUBJECTS)


MAX_RATIO = 2.0
"""Figures this many times apart or more are not two accounts of one quantity ('159 violations since 1994' and
'four open violations'; '4,000 years ago' and '104,000 years ago'), whatever words they share."""


def _same_order(a: Quantity, b: Quantity) -> bool:
    """Whether two figures are close enough to be two accounts of one quantity (within :data:`MAX_RATIO`)."""
    low, high = sorted((abs(a.value), abs(b.value)))
    return low > 0 and high / low < MAX_RATIO


def _consistent(a: Quantity, b: Quantity) -> bool:
    """Whether ``b`` agrees with ``a``'s bound: 'more than 100' and '120', 'about 40' and '42'."""
    if a.bound == "min":
        return b.value >= a.value
    if a.bound == "max":
        return b.value <= a.value
    if a.bound == "near":  # 'nearly six months' is a little under six: not five
        return 0.85 * a.value <= b.value <= a.value
    if a.bound == "approx":
        return abs(a.value - b.value) <= 0.15 * max(a.value, b.value)
    return False


def _topic(a: Quantity, b: Quantity) -> str:
    """'closure (days)': the nearest context word the two share, and the unit."""
    word = next((w for s, w in a.words if s in b.context), "")
    unit = a.unit if a.unit in ("percent", "dollar", "pound", "euro") else f"{a.unit}s" if not a.unit.endswith("s") else a.unit
    return f"{word.lower()} ({unit})" if word else unit


def _agreed(quantities: list[Quantity], pairs: list[tuple[int, int]], docs: dict[str, Document], order: dict[str, int]) -> list[AgreedFact]:
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        parent.setdefault(i, i)
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in pairs:
        parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for k in parent:
        groups.setdefault(find(k), []).append(k)
    out = []
    for members in sorted(groups.values(), key=min):
        by_source: dict[str, Quantity] = {}
        for k in sorted(members, key=lambda k: (order[quantities[k].source], quantities[k].start)):
            by_source.setdefault(quantities[k].source, quantities[k])
        if len(by_source) < 2:
            continue
        first = next(iter(by_source.values()))
        evidence = [Evidence(path=q.source, text=docs[q.source].text[q.sentence[0]:q.sentence[1]], start=q.sentence[0], end=q.sentence[1])
                    for q in by_source.values()]
        out.append(AgreedFact(what=first.text, kind="figure", sources=evidence))
    return out
