"""Teams in sports results lines, told from the shape of the line rather than from the name.

Results tables name the sides before their scores: 'Leyton Orient 2 Hartlepool 0',
'Kent 108-3', 'Derbyshire 471 and 71-1', 'St Johnstone 2 1 1 0 3 0 4'. The small
tagger calls most of those sides people or places because they stand where a
subject would. A name that stands before a whole-number score, on a line where
another name stands before one too (or before a row of standings figures), is a
side, an organization, unless it is shaped like a person: an initial or a given
name then a surname ('P. Johnson 84', 'Ian Woosnam 70 68 71') is a player. A
given-name-shaped side ('Crystal Palace', 'Ross County') is still a side on a
line of two sides and their scores, or in a standings table where most names are
not people. The sides of a win by runs, wickets, goals or tries ('Derbyshire beat
Worcestershire by nine wickets') are sides too. Countries keep their kind: a
national side is named as its country (CoNLL-2003 calls 'England' a place there).
Sides the tagger left without an entity on such lines are found here too; a line-up
('14 - Jeff Wilson, 13 - Walter Little') numbers players and scores nothing.
"""

from __future__ import annotations

import re

from .gazetteer import is_country, is_initial, person_shaped
from .lexicon import TEAM_MARGINS

_SCORE = re.compile(r"\d{1,4}(?:-\d{1,3})?")
"""A whole-number score: goals, points, runs, or runs-wickets ('108-3'); not a time ('3:45.01', '50.31')."""
_NAME_WORD = re.compile(r"[A-Z][\w'.-]*")
"""A word of a name as written between spaces ('Orient', "Queen's", 'St.'); not '(T.' or 'Eastcombe:'."""
_INITIAL = re.compile(r"[A-Z]\.")
"""A name that opens with an initial ('T.O'Gorman', 'J. Adams') is a player's."""
_STANDINGS_FIGURES = 4
"""A standings row: a name followed by at least this many whole numbers and nothing else."""


def _line_tokens(doc, i: int) -> tuple[int, int]:
    """The token range [start, end) of the line that token ``i`` stands on."""
    start = i
    while start > 0 and not _breaks_line(doc[start - 1]):
        start -= 1
    end = i
    while end < len(doc) and not _breaks_line(doc[end]):
        end += 1
    return start, end


def _breaks_line(tok) -> bool:
    """A token holding a line break (spaCy keeps a newline as a space token of its own)."""
    return tok.is_space and "\n" in tok.text or "\n" in tok.whitespace_


def _scores_after(span) -> int:
    """How many whole-number scores follow the name on its line, before anything else. A score is written
    between spaces ('108-3,'): the '10' of bowling figures '10-0-41-2' is not one."""
    doc, n, i = span.doc, 0, span.end
    while i < len(doc) and not _breaks_line(doc[i - 1]):
        j = i
        while j + 1 < len(doc) and not doc[j].whitespace_ and not doc[j + 1].is_space:
            j += 1
        if not _SCORE.fullmatch(doc[i : j + 1].text.rstrip(".,;:)")):
            break
        n += 1
        i = j + 1
    return n


def _prose(doc, start: int, end: int) -> bool:
    """A line of running text: more lowercase words than scores ('edged Austria in Salzburg 3-2 in the ...')."""
    lower = sum(t.is_lower and t.is_alpha for t in doc[start:end])
    return lower > sum(bool(_SCORE.fullmatch(t.text)) for t in doc[start:end])


def _line_items(doc, start: int, end: int) -> list[tuple[str, int, int]]:
    """The line as items (kind, first token, end token): 'N' a run of capitalised words, 'S' a score, 'o'
    anything else; punctuation at the end of a score or of the line left out."""
    out: list[tuple[str, int, int]] = []
    i = start
    while i < end:
        j = i
        while j + 1 < end and not doc[j].whitespace_ and not doc[j + 1].is_space:
            j += 1
        chunk = doc[i : j + 1].text
        item = "S" if _SCORE.fullmatch(chunk.rstrip(".,;:)")) else "N" if _NAME_WORD.fullmatch(chunk.rstrip(",;:")) \
            else "" if doc[i].is_space or doc[i].is_punct and j + 1 >= end else "o"
        if item == "N" and out and out[-1][0] == "N" and not doc[out[-1][2] - 1].is_punct:
            out[-1] = ("N", out[-1][1], j + 1)
        elif item:
            out.append((item, i, j + 1))
        i = j + 1
    return out


def _line_shape(doc, start: int, end: int) -> tuple[str, int]:
    """('match' for a side, a score, a side, a score; 'standings' for a side, then figures only; else 'other'),
    and how many times a name stands before a score on the line ('Leyton Orient 2 Hartlepool 0': 'NSNS')."""
    items = _line_items(doc, start, end)
    if any(doc[a:b].text in ("-", "\u2013") for _, a, b in items):
        return "other", 0  # a line-up: '14 - Jeff Wilson, 13 - Walter Little' numbers players, scores nothing
    pattern = "".join(k for k, _, _ in items)
    shape = "match" if pattern == "NSNS" else "standings" if re.fullmatch(rf"NS{{{_STANDINGS_FIGURES},}}", pattern) else "other"
    return shape, pattern.count("NS")


def untagged_sides(doc, spans: list) -> list:
    """Sides the tagger left without an entity on results lines ('Hartlepool' of 'Leyton Orient 2 Hartlepool
    0'), as ORG spans: a run of capitalised words before a score that no name span covers."""
    from spacy.tokens import Span

    covered = {i for s in spans for i in range(s.start, s.end)} | {i for e in doc.ents for i in range(e.start, e.end)}
    out, i = [], 0
    while i < len(doc):
        start, end = _line_tokens(doc, i)
        shape, pairs = _line_shape(doc, start, end)
        if (pairs >= 2 or shape == "standings") and not _prose(doc, start, end):
            items = _line_items(doc, start, end)
            for before, (kind, a, b), nxt in zip([None, *items], items, items[1:]):
                words = doc[a:b].text.split()
                initial = before is not None and is_initial(doc[before[1] : before[2]].text.lstrip("("))  # '(T. Aldous 84'
                if kind == "N" and nxt[0] == "S" and not covered & set(range(a, b)) and not _INITIAL.match(words[0]) \
                        and not initial \
                        and not doc[b - 1].is_punct and not person_shaped(words) and not is_country(doc[a:b].text):
                    out.append(Span(doc, a, b, label="ORG"))
        i = end + 1
    return out


def team_spans(spans: list) -> set[int]:
    """The start tokens of the name spans (of one parsed article) that name sides in results lines."""
    if not spans:
        return set()
    doc = spans[0].doc
    lines: dict[tuple[int, int], list] = {}
    for s in spans:
        lines.setdefault(_line_tokens(doc, s.start), []).append(s)
    shapes = {k: _line_shape(doc, *k) for k in lines}
    standings = [s for k, v in lines.items() if shapes[k][0] == "standings" for s in v]
    sides_table = sum(not person_shaped(s.text.split()) for s in standings) > len(standings) / 2
    teams = set()
    for k, names in lines.items():
        shape, pairs = shapes[k]
        if pairs < 2 and shape != "standings" or _prose(doc, *k):
            continue
        for s in names:
            words = s.text.split()
            if not _scores_after(s) or is_country(s.text) or is_initial(words[0]):
                continue
            if not person_shaped(words) or shape == "match" or shape == "standings" and sides_table:
                teams.add(s.start)
    return teams | _margin_sides(doc, spans)


def _margin_sides(doc, spans: list) -> set[int]:
    """Subject and object of a verb won by a side's margin ('Derbyshire beat Worcestershire by nine wickets',
    'Surrey, who thrashed Warwickshire by an innings and 10 runs'), from the parse."""
    verbs = {t.head.head.i for t in doc if t.lower_ in TEAM_MARGINS and t.head.lower_ == "by" and t.head.head.pos_ == "VERB"}
    return {s.start for s in spans if s.root.head.i in verbs and s.root.dep_ in ("nsubj", "dobj")
            and not is_country(s.text) and not person_shaped(s.text.split())}
