"""Places a sentence names (spaCy's place entities), and whether a phrase could name a place at all."""

from __future__ import annotations

import re

from .actors import DEMONYMS, PHOTO_CREDITS
from .quotations import TITLES
from .lexicon import PLACES_MONTHS_DAYS as _MONTHS_DAYS  # noqa: F401


def is_place_like(where: str, people: tuple = ()) -> bool:
    """Whether the words could name a place: not a date, nationality, title, photo credit or person."""
    words = [w.lower().removesuffix("'s").removesuffix("\u2019s").rstrip(".") for w in where.split()]
    if not words or where.islower() or re.match(r"\d", words[0]) or any(w in _MONTHS_DAYS for w in words):
        return False
    if all(w in DEMONYMS or w in ("north", "south", "east", "west", "central") for w in words):
        return False  # 'German', 'northern Afghan', 'North American'
    if any(w in TITLES or w in PHOTO_CREDITS for w in words):
        return False
    return not any(where == name or where == name.split()[-1] for name, _ in people)


PLACE_LABELS = ("GPE", "LOC", "FAC")
"""spaCy entity labels that name a place: countries, cities and states; other locations; buildings and roads."""


def place_entities(parsed, span: tuple[int, int], people: tuple = ()) -> list[str]:
    """The places spaCy's entities find inside ``span`` (character offsets into ``parsed``'s text), in order,
    without a leading 'the', and only those :func:`is_place_like` accepts."""
    lo, hi = span
    out = []
    for ent in parsed.ents:
        if ent.label_ in PLACE_LABELS and lo <= ent.start_char and ent.end_char <= hi:
            name = re.sub(r"^[Tt]he\s+", "", ent.text).removesuffix("'s").removesuffix("\u2019s")
            if name and is_place_like(name, people) and name not in out:
                out.append(name)
    return out
