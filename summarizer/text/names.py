"""Named entities, content words and name variants, found in article text by code.

Used by story grouping (:mod:`summarizer.grouping`) and by the story brief
(:mod:`summarizer.storybrief`). Nothing here asks the model: a small model's
briefs may omit a place or a person, but the text always has them.

- :func:`entity_mentions`: capitalised runs (the quote finder's name pattern),
  titles stripped ('Harbour master Ines Varga' -> 'Ines Varga'), sentence-
  initial common words dropped ('Commuters', 'The'), with their offsets.
- :func:`name_key`: a name folded for comparison (quotes, dashes, case,
  possessive 's, spaces).
- :func:`same_name`: are two names spellings of one entity? ('Kestrel Ford' /
  'Kestrelford', 'Hmeimim' / 'Khmeimim', 'Ahmad Karimi' / 'Ahmed Karimi'),
  fuzzy with rapidfuzz but guarded so 'Donald Trump' is not 'Donald Tusk'.
- :func:`cluster_names`: spellings grouped into entities; a lone surname
  joins the one full name it ends.
- :func:`content_stems`: lower-case content words, lightly stemmed.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .alignment import fold
from .quotations import PERSON_NAME, TITLES, split_title
from .lexicon import NAMES_MONTHS_WEEKDAYS as MONTHS_WEEKDAYS, NAMES_STOP as STOP, NAMES_TRAILING as _TRAILING  # noqa: F401

# Words that start a sentence rather than a name; not 'New' (York), 'Will' (Smith), 'One' (Formula One).
_NAME_STOP = (STOP | TITLES) - {"new", "one", "will", "may", "well", "last", "next", "first"}
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\u2014\u2013]\s*|[\"\u201c\u2018(]\s*|\n\s*)$")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_DESCRIPTOR = re.compile(r"^\w+(?:-(?:of|in|the|and|old|year|time|two|three|four|five|six|seven|eight|nine|ten))+$", re.IGNORECASE)
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ures", "ure", "ies", "ied", "ed", "es", "s")


def stem(word: str) -> str:
    """A crude English stem: 'closure' and 'closed' -> 'clos', 'passengers' -> 'passenger'."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> list[str]:
    """Lower-case words of ``text`` that carry content (no stop words, no numbers, 3+ letters)."""
    return [w for w in _WORD.findall(fold(text).lower().replace("\u2019", "'")) if len(w) > 2 and w not in STOP]


def content_stems(text: str) -> set[str]:
    """The stems of :func:`content_words`, as a set."""
    return {stem(w.strip("'")) for w in content_words(text)}


def name_key(name: str) -> str:
    """A name folded for comparison: normalised marks, lower case, no possessive, single spaces."""
    key = _POSSESSIVE.sub("", fold(name).strip().lower())
    return " ".join(re.sub(r"[^\w\s'-]", " ", key).split())


def entity_mentions(text: str) -> list[tuple[str, int, int]]:
    """Named entities in ``text`` as (name as written, start, end), in order.

    A name is a run of capitalised words; leading titles and leading words the
    article also writes in lower case ('Grower Oskar Lindqvist') are dropped. A
    single capitalised word counts only when it is not a stop word, not a month
    or weekday, never written in lower case, and not only ever at the start of a
    sentence ('Commuters who ...').
    """
    lower_words = set(re.findall(r"\b[a-z][a-z'-]*\b", text))
    found: list[tuple[str, int, int, bool]] = []
    for m in re.finditer(PERSON_NAME, text):
        for piece, start in _split_run(m.group(0), m.start()):
            got = _clean(piece, start, lower_words)
            if got:
                name, s, e = got
                found.append((name, s, e, bool(_SENTENCE_START.search(text[max(0, s - 3) : s]))))
    # A lone capitalised word at a sentence start is kept only if the text also uses it as a name
    # elsewhere: mid-sentence, or as the last word of a longer name ('Varga' after 'Ines Varga').
    known = {name_key(n) for n, _, _, initial in found if not initial}
    known |= {name_key(n).split()[-1] for n, _, _, _ in found if len(n.split()) > 1}
    return [(n, s, e) for n, s, e, initial in found if len(n.split()) > 1 or not initial or name_key(n) in known]


def _split_run(run: str, offset: int) -> list[tuple[str, int]]:
    """Where one run of capitalised words is really several names: a line break (title, then dateline), a
    possessive ("Afghanistan's Mazar-i-Sharif"), a change of capitals ("GETTY Max Verstappen")."""
    tokens = [(t.group(0), t.start()) for t in re.finditer(r"\S+", run)]
    pieces: list[list[tuple[str, int]]] = []
    for n, (tok, pos) in enumerate(tokens):
        if n:
            prev, prev_pos = tokens[n - 1]
            caps = lambda t: sum(c.isalpha() for c in t) > 1 and t.isupper()  # noqa: E731
            if "\n" in run[prev_pos + len(prev) : pos] or _POSSESSIVE.search(prev) or caps(prev) != caps(tok):
                pieces.append([])
        if not pieces:
            pieces.append([])
        pieces[-1].append((tok, pos))
    return [(run[p[0][1] : p[-1][1] + len(p[-1][0])], offset + p[0][1]) for p in pieces]


def _clean(piece: str, start: int, lower_words: set[str]) -> tuple[str, int, int] | None:
    name = piece.rstrip(".")
    name = _POSSESSIVE.sub("", name)
    stripped, _ = split_title(name)
    tokens = stripped.split()
    while tokens and (tokens[0].lower().rstrip(".") in _NAME_STOP or _DESCRIPTOR.match(tokens[0])
                      or (len(tokens) > 1 and re.fullmatch(r"[A-Z]\.", tokens[0]) and tokens[1].lower().rstrip(".") in TITLES)
                      or (len(tokens) > 1 and tokens[0].lower() in lower_words)):
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1].lower() in _TRAILING:
        tokens.pop()  # page clutter glued on: 'Baoding The', 'Interlagos In'
    if not tokens:
        return None
    if len(tokens) == 1:
        low = tokens[0].lower()
        if len(low) < 3 or low in MONTHS_WEEKDAYS or low in lower_words or low.rstrip(".") in TITLES or "." in low:
            return None
    m = re.search(r"\s+".join(map(re.escape, tokens)), piece)
    if m is None:
        return None
    return " ".join(tokens), start + m.start(), start + m.end()


def same_name(a: str, b: str, *, threshold: float = 85.0) -> bool:
    """Whether two names are spellings of one entity (not: whether one is a part of the other).

    Equal once spaces are removed, one ending with the other's 2+ words ('Grower
    Oskar Lindqvist' / 'Oskar Lindqvist'), or (both 5+ letters) similar by rapidfuzz
    ratio >= ``threshold``; names of the same number of words must also match
    word by word (ratio >= 75), so 'Donald Trump' is not 'Donald Tusk' while
    'Ahmad Karimi' is 'Ahmed Karimi'.
    """
    ka, kb = name_key(a), name_key(b)
    ja, jb = ka.replace(" ", ""), kb.replace(" ", "")
    if ja == jb:
        return bool(ja)
    ta, tb = ka.split(), kb.split()
    short, longer = sorted((ta, tb), key=len)
    if len(short) > 1 and longer[-len(short) :] == short:
        return True  # 'Grower Oskar Lindqvist' is 'Oskar Lindqvist'
    if min(len(ja), len(jb)) < 5 or fuzz.ratio(ja, jb) < threshold:
        return False
    if len(ta) == len(tb) > 1:
        return all(fuzz.ratio(x, y) >= 75 for x, y in zip(ta, tb))
    return True


def cluster_names(names: list[str]) -> list[list[int]]:
    """Group name spellings into entities; returns lists of indexes into ``names``, in first-seen order.

    Spellings join by :func:`same_name` (transitively). Then a one-word name
    ('Varga') joins the single multi-word entity whose last word it is ('Ines
    Varga'); if two entities end with it, it stays alone rather than guess.
    """
    parent = list(range(len(names)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys = [name_key(n) for n in names]
    distinct: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k in distinct:
            parent[find(i)] = find(distinct[k])
        else:
            distinct[k] = i
    firsts = list(distinct.values())
    for x, i in enumerate(firsts):
        for j in firsts[x + 1 :]:
            if find(i) != find(j) and same_name(names[i], names[j]):
                parent[find(j)] = find(i)
    for i in firsts:
        if len(keys[i].split()) != 1 or len(keys[i]) < 4:
            continue
        owners = {find(j) for j in firsts if len(keys[j].split()) in (2, 3) and fuzz.ratio(keys[j].split()[-1], keys[i]) >= 90}
        owners.discard(find(i))
        if len(owners) == 1:
            parent[find(i)] = owners.pop()
    groups: dict[int, list[int]] = {}
    for i in range(len(names)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])
