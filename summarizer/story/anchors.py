"""What a figure is about, read from the spaCy dependency parse of its sentence.

A figure's *unit token* is the word it counts ('passengers' in '40 passengers', 'day' in 'a three-day
closure', the number itself for money). From the parse around it:

- **things**: the nouns it describes: the noun a hyphenated unit modifies ('closure' in 'a three-day
  closure', 'value' in '$30,000 face value'), the object of 'of' ('suspension' in 'six months of
  suspension'), and the noun the figure is in apposition to ('the strike, 9 days of walkouts');
- **wholes**: the objects of 'of' alone, what a share or count is taken of ('30 percent of the farmland');
- **event**: the lemma of the verb it is an argument of ('served 3 years' -> 'serve', 'sentenced to five
  years' -> 'sentence'), when only prepositions, adjectives and adverbs stand between; '' when a noun does
  (the figure then describes that noun, not the verb's event);
- **recipients**: the object of 'to' on the unit, its things, the nouns of its prepositional phrases or its
  verb ('$2 million in grants to the museum', 'gave $3 million to the library');
- **total**: the whole of a part ('five' in 'four of five charges': how many there were, not how many
  were found).

:func:`different_things` compares two anchors: a whole and a part, 'of' objects with none in common (not the
nouns a hyphenated unit modifies: 'a five-month suspension' and 'a six-month break' are one pause), events
with different verbs (only when neither figure describes a noun: 'ordered a four-day closure' and 'announced
a three-day closure' are about one closure), recipients with none in common, and sentences naming years with
none in common are different things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.lexicon import ANCHORS_BETWEEN_TAGS as _BETWEEN, ANCHORS_NOUN_TAGS as _NOUNS
from ..text.nlp import parse

_YEAR = re.compile(r"(?<![\d,.$\u00a3\u20ac])(?:1[89]\d\d|20\d\d)(?!\d|[,.]\d)")


@dataclass(frozen=True)
class Anchor:
    """What one figure is about (see the module docstring)."""

    things: frozenset[str] = frozenset()
    wholes: frozenset[str] = frozenset()
    """The objects of 'of' alone: what a share or count is taken of ('farmland' in '30 percent of the farmland')."""
    event: str = ""
    recipients: frozenset[str] = frozenset()
    total: bool = False
    years: frozenset[str] = frozenset()


@lru_cache(maxsize=4096)
def _doc(sentence: str):
    return parse(sentence)


def _lemma(tok) -> str:
    return (tok.text if tok.pos_ == "PROPN" else tok.lemma_).lower()


def _objects(tok, preps: set[str] | None) -> list:
    """Noun objects of the prepositions ``preps`` (None: any) attached to ``tok``, and their conjuncts."""
    out = []
    for child in tok.children:
        if child.dep_ in ("prep", "dative") and (preps is None or child.lower_ in preps):
            for obj in [o for p in [child, *child.conjuncts] for o in p.children]:
                if obj.dep_ == "pobj" and obj.pos_ in _NOUNS:
                    out += [obj, *(c for c in obj.conjuncts if c.pos_ in _NOUNS)]
    return out


def _verb(unit):
    """The verb ``unit`` is an argument of, through prepositions, adjectives and adverbs only; else None."""
    tok = unit
    while tok.head.i != tok.i:  # spaCy makes a new Token object on each access: compare indices
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.pos_ not in _BETWEEN:
            return None
    return None


def anchor(sentence: str, unit_start: int) -> Anchor:
    """The anchor of the figure whose unit token starts at ``unit_start`` in ``sentence``."""
    doc = _doc(sentence)
    years = frozenset(_YEAR.findall(sentence))
    unit = next((t for t in doc if t.idx <= unit_start < t.idx + len(t.text)), None)
    if unit is None:
        return Anchor(years=years)
    heads = []
    if unit.dep_ in ("compound", "amod", "nmod", "nummod", "appos") and unit.head.pos_ in _NOUNS:
        heads.append(unit.head)  # 'a three-day closure', '$30,000 face value', 'the strike, 9 days of walkouts'
    wholes = _objects(unit, {"of"})  # 'six months of suspension', '30 percent of the farmland'
    heads += wholes
    verb = _verb(unit)
    near = [unit, *heads, *_objects(unit, None), *([verb] if verb else [])]  # '$2 million in grants to the museum'
    recipients = {_lemma(o) for t in near for o in _objects(t, {"to"}) if o.i != unit.i}
    total = (unit.dep_ == "pobj" and unit.head.lower_ == "of" and unit.head.head.pos_ == "NUM") or any(
        t.dep_ == "quantmod" and t.lower_ == "of" for t in unit.subtree if t.i < unit.i)  # 'four of five charges'
    event = verb.lemma_.lower() if verb else ""
    return Anchor(frozenset(_lemma(h) for h in heads), frozenset(_lemma(w) for w in wholes), event, frozenset(recipients),
                  total, years)


def different_things(a: Anchor, b: Anchor) -> str:
    """Why two figures of one unit are about different things ('' when nothing says so)."""
    if a.total != b.total:
        return "a whole and a part"
    if a.wholes and b.wholes and not a.wholes & b.wholes:
        return "shares of different wholes"
    if not a.things and not b.things and a.event and b.event and a.event != b.event:
        return "different events"
    if a.recipients and b.recipients and not a.recipients & b.recipients:
        return "different recipients"
    if a.years and b.years and not a.years & b.years:
        return "different years"
    return ""
