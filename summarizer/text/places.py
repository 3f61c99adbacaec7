"""Places a sentence names, and whether a phrase could name a place at all."""

from __future__ import annotations

import re

from .actors import DEMONYMS, PHOTO_CREDITS
from .quotations import TITLES
from .lexicon import PLACES_MONTHS_DAYS as _MONTHS_DAYS  # noqa: F401

_PLACE = re.compile(
    r"\b(?:in|at|near|outside|across|into|from)\s+(?:the\s+)?((?:(?:northern|southern|eastern|western|central)\s+)?"
    r"[A-Z][\w\u2019'-]+(?:[\s-]+(?:of\s+|de\s+|el\s+)?[A-Z][\w\u2019'-]+)*)")
_PLACE_OF = re.compile(r"\b(?:city|town|village|province|county|district|region|state|capital|island|suburb) of "
                       r"([A-Z][\w\u2019'-]+(?:[\s-]+[A-Z][\w\u2019'-]+)*)")


def place_in(sentence: str) -> str:
    """The place a sentence names: 'the city of X' first, else the first 'in/at/near X' ('in Croydon' ->
    'Croydon') that is not a date or a nationality ('in the northern Afghan city of ...'), or ''."""
    for m in [*_PLACE_OF.finditer(sentence), *_PLACE.finditer(sentence)]:
        if is_place_like(m.group(1)):
            return m.group(1)
    return ""


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
