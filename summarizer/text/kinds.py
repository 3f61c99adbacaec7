"""The kind of a named actor (person, organization, place) from its entity type, checked by context.

A name with a personal title before it, or followed by ', who', is a person
whatever the tagger said, as is a person-shaped name the tagger filed as a body
or a place in a list; a name followed by a facility word ('Hmeimim air base') is
a place; a name ending in a body word is an organization.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .gazetteer import is_given_name, is_known_place, person_shaped
from .lexicon import BODY_WORDS, FACILITY_WORDS, LOCATIVES, PERSON_TITLES

if TYPE_CHECKING:
    from .mentions import FoundActor

_OVERRIDABLE = ("ORG", "FAC", "GPE", "LOC")
"""Entity types a person-shaped name overrides (the small tagger often files people in lists as these)."""
KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}


def _who_follows(span) -> bool:
    """', who ...' after the name: the article treats it as a person."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ == "who"


def kind_of(ent, span, title: str) -> tuple[str, bool]:
    """The mention's kind, and whether its context decides it (a facility word, a personal title, ', who',
    a person-shaped name, a dateline) rather than the tagger's label alone."""
    if in_dateline(span):
        return "place", True  # 'WASHINGTON 1996-08-31', 'TAVILDARA, Tajikistan 1996-08-30'
    after = [t.lower_ for t in span.doc[span.end : span.end + 2]]
    if span[-1].lower_ in FACILITY_WORDS or after[:1] and after[0] in FACILITY_WORDS \
            or len(after) == 2 and after[1] in FACILITY_WORDS and span.doc[span.end].is_lower:
        return "place", True  # 'Hmeimim air base', 'the Kestrel Ford ferry terminal'
    before = span.doc[span.start - 1].lower_ if span.start else ""
    if ent.label_ == "ORG" and before in LOCATIVES and not any(t.lower_ in BODY_WORDS for t in span):
        return "place", True  # 'at Kestrel Ford' (a name with no body word, where something is)

    if len(span) >= 2 and any(t.lower_ in BODY_WORDS for t in span[1:]):
        return "organization", True  # 'Magna International Inc', 'Port Ellery Harbour Authority'
    personal = title and any(w.lower().rstrip(".") in PERSON_TITLES for w in title.split())
    if ent.label_ != "PERSON" and len(span) >= 2 and all(t.is_title for t in span) and (personal or _who_follows(span)):
        return "person", True  # 'Mayor Ines Okafor' tagged as a place, 'Agnes Mbeki, who ...'
    if ent.label_ in _OVERRIDABLE and person_shaped(span.text.split()):
        return "person", True  # 'Scott Draper' tagged as a body in a results list
    return KINDS.get(ent.label_, "other"), personal and ent.label_ == "PERSON"


def in_dateline(span) -> bool:
    """A name on a dateline: a line that opens with a word in capitals and holds only place names and the
    date ('NOUAKCHOTT 1996-08-31', 'AL-RAM, West Bank 1996-08-30', 'BONN, Aug 30')."""
    doc, start = span.doc, span.start
    while start > 0 and not doc[start - 1].is_space:
        start -= 1
    end = span.end
    while end < len(doc) and not doc[end].is_space:
        end += 1
    line = doc[start:end]
    if not (line[0].is_upper and line[0].is_alpha and len(line[0]) > 1) or not any(t.ent_type_ == "DATE" for t in line):
        return False
    rest = [t for t in line if t.ent_type_ != "DATE" and not t.is_punct]
    return all(t.is_title or t.is_upper for t in rest) and len(rest) <= 4 and line[-1].ent_type_ == "DATE"


def common_word(actor: FoundActor, text: str) -> bool:
    """A one-word 'name' the article also writes in lowercase ('Prices rose ...', '... gilt prices'): a common
    word capitalised at the start of a line or a sentence, not a name."""
    if " " in actor.name or actor.aliases or actor.role or not actor.name[1:].islower():
        return False
    return re.search(rf"(?<![\w-]){re.escape(actor.name.lower())}(?![\w-])", text) is not None


def place_by_name(actor: FoundActor) -> bool:
    """A person or body whose name is a known place and nothing else: no fuller or shorter form, no role,
    not person-shaped and not a given name."""
    if actor.kind not in ("person", "organization") or actor.aliases or actor.role:
        return False
    words = actor.name.split()
    if actor.kind == "person" and (actor.speaks or is_given_name(words[0])):
        return False
    return is_known_place(actor.name) and not person_shaped(words)


def model_number(ent) -> bool:
    """'Ilyushin Il-76': a person-tagged name with a word of letters and digits names a vehicle or a product."""
    return ent.label_ == "PERSON" and any(
        any(c.isdigit() for c in t.text) and any(c.isalpha() for c in t.text) for t in ent.doc[ent.start : ent.end])

