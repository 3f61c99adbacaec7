"""Where a name starts and ends in spaCy's tokens: entities cut at breaks and trimmed of what is not the name.

A name never runs over a line break, a bracket, a quotation mark, a spaced dash,
a figure or 'v' between teams, nor a lowercase word other than a name particle;
a leading determiner, figure, nationality or title and a trailing possessive or
title are not part of it. Proper-noun chains the tagger missed are found here
too: bodies by their last word, people by a title before them or by their shape.
"""

from __future__ import annotations

import re

from .gazetteer import is_given_name, is_initial, person_shaped
from .lexicon import ACTORS_DEMONYMS as DEMONYMS
from .lexicon import ACTORS_EVENT_WORDS, NAME_PARTICLES
from .lexicon import PLACES_MONTHS_DAYS as MONTHS_DAYS
from .lexicon import BODY_WORDS, PERSON_TITLES

# NORP (nationalities, religious and political groups) describe more often than they act: left out.
EVENT_WORDS = ACTORS_EVENT_WORDS - {"league"}
"""Last words that make a name an event ('U.S. Open', 'Labor Day'); a league is a body."""
_REGNAL = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})")
_BREAKS = frozenset({"(", ")", "[", "]", ":", ";", '"', "\u201c", "\u201d", "-", "\u2013", "\u2014", "|", "/", "v", "vs", "vs."})


def is_break(tok) -> bool:
    """A token no name runs over: a line break, a bracket, a quotation mark, a spaced dash ('BASEBALL - MAJOR'
    but not 'Anne-Gaelle'), a number between names ('Newport 29 Caerphilly') or 'v' between teams."""
    if tok.is_space or tok.like_num and not tok.is_alpha:
        return True
    if tok.tag_ == "POS":
        return not _body_follows(tok)  # "Magna's North American" is two names, "Boatmen's Bancshares Inc." one
    if tok.is_lower and tok.is_alpha and tok.text not in NAME_PARTICLES and not _hyphenated(tok):
        return True  # 'Yorkshire at Headingley', 'Interfax news agency' (but 'Ata-ur-Rehman', 'Kang Young-hoon')
    if tok.text in ("and", "&"):
        return _two_people(tok)
    if tok.text not in _BREAKS:
        return False
    if tok.text in ("-", "/"):
        return bool(tok.whitespace_) or tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)
    return True


def _hyphenated(tok) -> bool:
    """A word joined to the one before or after it by a hyphen with no space ('ur' of 'Ata-ur-Rehman')."""
    doc, i = tok.doc, tok.i
    return i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ \
        or i + 1 < len(doc) and doc[i + 1].text == "-" and not tok.whitespace_


def _body_follows(tok) -> bool:
    """Whether the capitalised words after a possessive end in a body word ("Boatmen's Bancshares Inc.")."""
    for t in tok.doc[tok.i + 1 : tok.i + 6]:
        if not t.is_title and t.text not in NAME_PARTICLES:
            return False
        if t.lower_ in BODY_WORDS:
            return True
    return False


def _two_people(tok) -> bool:
    """'Laurent Cabannes and Laurent Benezech': 'and' between two person-shaped names."""
    doc, i = tok.doc, tok.i
    left = [t.text for t in doc[max(i - 3, 0) : i] if t.is_title]
    right = [t.text for t in doc[i + 1 : i + 4] if t.is_title]
    return len(left) >= 2 and len(right) >= 2 and person_shaped(left[-2:]) and person_shaped(right[:2])


def _pieces(doc, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at every break token and after every line break."""
    pieces, s = [], start
    for i in range(start, end):
        if is_break(doc[i]):
            pieces.append((s, i))
            s = i + 1
        elif "\n" in doc[i].whitespace_:
            pieces.append((s, i + 1))
            s = i + 1
    pieces.append((s, end))
    return [(a, b) for a, b in pieces if b > a]


def _given_name_before(doc, i: int) -> bool:
    """A given name just before a title word makes it a surname ('John Major', 'Billie Jean King'), as does a
    person's name the tagger starts there ('Hun Sen')."""
    if i == 0 or not doc[i].is_title:
        return False
    before = doc[i - 1]
    return is_given_name(before.text) or before.ent_type_ == "PERSON" and before.ent_iob_ == "B" \
        and before.lower_ not in DEMONYMS and doc[i].ent_type_ == "PERSON"


def _trim(doc, start: int, end: int, label: str):
    """The piece without a leading determiner or figure, or a trailing possessive, title or figure ("Putin's",
    '286 Miguel Angel Jimenez', 'Palestinian President'); None when a heading in capitals is left."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or not any(c.isalpha() for c in doc[start].text)):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or not any(c.isalpha() for c in doc[end - 1].text)
                           or doc[end - 1].lower_ in PERSON_TITLES and not _given_name_before(doc, end - 1)):
        end -= 1
    while end - start >= 2 and doc[end - 1].lower_ in NAME_PARTICLES:
        end -= 1
    if end - start >= 3 and doc[start].lower_ in DEMONYMS and person_shaped([t.text for t in doc[start + 1 : end]]):
        start += 1  # 'American Dennis Mitchell'
    while end - start >= 2 and (doc[start].lower_ in MONTHS_DAYS and label != "PERSON"
                                or doc[start].lower_.rstrip(".") in PERSON_TITLES
                                and (label == "PERSON" or person_shaped(doc[start + 1 : end].text.split()))):
        start += 1  # 'August Chicago NAPM'; 'Cardinal Wolsey' (the title is the role, found before the name)
    span = doc[start:end] if end > start else None
    if span is not None and (span.text.lower() in DEMONYMS or span[-1].lower_ in EVENT_WORDS):
        return None  # 'Dutch' of 'Dutch transport ministry'; 'U.S. Labor Day', 'Fed Cup' name events, not actors
    if span is None or len(span) > 1 and all(t.is_upper and len(t) > 1 or not t.is_alpha for t in span):
        return None  # a heading in capitals ('BASEBALL - MAJOR LEAGUE STANDINGS') is not a name
    return span


def clean_spans(ent) -> list:
    """The entity as whole proper names: extended over proper nouns the tagger cut off ('Port Ellery' +
    'Harbour Authority'), split where one entity runs over two names, trimmed of what is not the name."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].ent_type_ in ("", "ORG", "NORP", "GPE", "FAC") \
            and not is_break(doc[end]) and "\n" not in doc[end - 1].whitespace_:
        end += 1
    if ent.label_ == "PERSON" and end < len(doc) and _REGNAL.fullmatch(doc[end].text) and "\n" not in doc[end - 1].whitespace_:
        end += 1  # 'Elizabeth I', 'Henry VIII'
    spans = (_trim(doc, a, b, ent.label_) for a, b in _pieces(doc, ent.start, end))
    return [s for s in spans if s is not None]


class _Body:
    """A proper-noun chain the tagger missed that ends in a body word ('Port Ellery Harbour Authority')."""

    label_ = "ORG"

    def __init__(self, span) -> None:
        self.doc, self.start, self.end = span.doc, span.start, span.end


class _Titled(_Body):
    """A two- or three-word proper name the tagger missed, written after a personal title ('Mayor Ines Okafor')."""

    label_ = "PERSON"


def _chain_word(tok) -> bool:
    """A capitalised proper noun outside any entity (an initial the tagger took for a nationality counts)."""
    untagged = not tok.ent_type_ or tok.ent_type_ == "NORP" and is_initial(tok.text)
    return untagged and tok.is_title and (tok.pos_ == "PROPN" or is_initial(tok.text)) \
        and tok.lower_.rstrip(".") not in PERSON_TITLES and "\n" not in tok.doc[tok.i - 1].whitespace_ * (tok.i > 0) \
        and not is_break(tok)


def _joined_by_hyphen(doc, i: int) -> bool:
    """A hyphen written between two words with no space ('Marie-Claude')."""
    return i + 1 < len(doc) and doc[i].text == "-" and not doc[i].whitespace_ and not doc[i - 1].whitespace_


def unnamed_names(doc) -> list[_Body]:
    """Proper-noun chains outside any entity: bodies by their last word, people by the title before them or
    by their shape (a given name or an initial, then a surname)."""
    out, i = [], 0
    while i < len(doc):
        j = i + 1 if _chain_word(doc[i]) else i
        while j < len(doc) and "\n" not in doc[j - 1].whitespace_:
            if _chain_word(doc[j]):
                j += 1
            elif j > i and _joined_by_hyphen(doc, j) and _chain_word(doc[j + 1]):
                j += 2  # 'Marie-Claude', 'Halvorsen-Lie'
            else:
                break
        if j - i >= 2 and doc[j - 1].lower_ in BODY_WORDS:
            out.append(_Body(doc[i:j]))
        elif 2 <= len(words := doc[i:j].text.split()) <= 3 and (
                i > 0 and doc[i - 1].lower_.rstrip(".") in PERSON_TITLES and doc[i - 1].is_title or person_shaped(words)):
            out.append(_Titled(doc[i:j]))
        i = max(j, i + 1)
    return out

