"""The people, bodies and places an article names, read from spaCy's entities and parse.

Every PERSON mention is clustered under the fullest form of the name (shorter
forms become aliases); a title written before the name is its role, never part
of it. Organisations are bodies. Places are kept as places. An entity's kind
comes from its type, checked by context: a name with a personal title before
it, or the speaker of a quotation, is a person whatever the tagger said; a
name followed by a facility word ('Hmeimim air base') is a place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .gazetteer import is_given_name, is_initial, is_known_place, person_shaped
from .lexicon import ACTORS_DEMONYMS as DEMONYMS
from .lexicon import ACTORS_EVENT_WORDS, NAME_PARTICLES
from .lexicon import PLACES_MONTHS_DAYS as MONTHS_DAYS
from .lexicon import BODY_WORDS, CALENDAR_WORDS, FACILITY_WORDS, LOCATIVES, PERSON_TITLES, SPEECH_VERBS

# NORP (nationalities, religious and political groups) describe more often than they act: left out.
EVENT_WORDS = ACTORS_EVENT_WORDS - {"league"}
"""Last words that make a name an event ('U.S. Open', 'Labor Day'); a league is a body."""
_OVERRIDABLE = ("ORG", "FAC", "GPE", "LOC")
"""Entity types a person-shaped name overrides (the small tagger often files people in lists as these)."""
_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}


@dataclass
class Mention:
    """One place where an actor is named."""

    start: int
    end: int
    text: str


@dataclass
class FoundActor:
    """A person, body or place the article names, with every mention of it."""

    name: str
    kind: str
    role: str = ""
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    speaks: bool = False
    """Subject of a speech verb somewhere in the article."""
    acts: bool = False
    """Subject of any verb somewhere in the article."""

    @property
    def salience(self) -> tuple:
        """Sort key: speakers and actors first, then how often named, then how early."""
        return (not self.speaks, not self.acts, -len(self.mentions), self.mentions[0].start if self.mentions else 0)


_REGNAL = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})")
_BREAKS = frozenset({"(", ")", "[", "]", ":", ";", '"', "\u201c", "\u201d", "-", "\u2013", "\u2014", "|", "/", "v", "vs", "vs."})


def _is_break(tok) -> bool:
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
        if _is_break(doc[i]):
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


def _clean_spans(ent) -> list:
    """The entity as whole proper names: extended over proper nouns the tagger cut off ('Port Ellery' +
    'Harbour Authority'), split where one entity runs over two names, trimmed of what is not the name."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].ent_type_ in ("", "ORG", "NORP", "GPE", "FAC") \
            and not _is_break(doc[end]) and "\n" not in doc[end - 1].whitespace_:
        end += 1
    if ent.label_ == "PERSON" and end < len(doc) and _REGNAL.fullmatch(doc[end].text) and "\n" not in doc[end - 1].whitespace_:
        end += 1  # 'Elizabeth I', 'Henry VIII'
    spans = (_trim(doc, a, b, ent.label_) for a, b in _pieces(doc, ent.start, end))
    return [s for s in spans if s is not None]


def _title_before(span) -> str:
    """The title or role written just before a name ('Defence Minister', 'engineer', 'Harbour master'), as written.

    Title words from the lexicon, or nouns the parse attaches to the name as its compound or modifier."""
    doc, i, first = span.doc, span.start - 1, span.start
    while i >= 0:
        tok = doc[i]
        titled = tok.lower_.rstrip(".") in PERSON_TITLES
        attached = tok.dep_ in ("compound", "amod", "nmod") and i < tok.head.i < span.end and tok.pos_ in ("NOUN", "PROPN")
        if not (titled or attached) or not tok.is_alpha or tok.lower_ in DEMONYMS or tok.ent_type_ in ("GPE", "DATE", "CARDINAL", "NORP"):
            break
        first = i
        i -= 1
    return doc[first:span.start].text if first < span.start else ""


def _appositive_role(span) -> str:
    """The role an appositive gives a name: 'The head of the press service, Marta Kovalenko,' -> 'head of
    the press service'; 'His spokesman, Dmitri Orlov,' -> 'spokesman'."""
    root = span.root
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        head = root.head
    elif span.end < len(span.doc) and span.doc[span.end].text == "," and any(
            t.dep_ == "appos" and t.head.i == root.i and t.pos_ == "NOUN" for t in span.doc[span.end : span.end + 4]):
        head = next(t for t in span.doc[span.end : span.end + 4] if t.dep_ == "appos" and t.pos_ == "NOUN")
    else:
        return ""
    words = [t for t in head.subtree if not (span.start <= t.i < span.end) and t.i < (span.start if head.i < span.start else len(span.doc))]
    words = [t for t in words if t.dep_ not in ("det", "poss", "punct") or t.i > head.i or t.dep_ == "poss" and t.pos_ == "PROPN"]
    text = " ".join(t.text for t in words).replace(" 's", "'s").strip(" ,")
    return text if 0 < len(text.split()) <= 8 and text[:1].isalpha() and "\n" not in text else ""


def _who_follows(span) -> bool:
    """', who ...' after the name: the article treats it as a person."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ == "who"


def _kind(ent, span, title: str) -> tuple[str, bool]:
    """The mention's kind, and whether its context decides it (a facility word, a personal title, ', who',
    a person-shaped name) rather than the tagger's label alone."""
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
    return _KINDS.get(ent.label_, "other"), personal and ent.label_ == "PERSON"


def _role_of_subject(span) -> tuple[bool, bool]:
    """(speaks, acts): whether the name is the subject of a speech verb / of any verb."""
    head = span.root
    if head.dep_ in ("nsubj", "nsubjpass") or (head.dep_ in ("compound", "appos") and head.head.dep_ == "nsubj"):
        verb = head.head if head.dep_.startswith("nsubj") else head.head.head
        return verb.lemma_.lower() in SPEECH_VERBS or verb.lower_ in SPEECH_VERBS, True
    return False, False


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
        and not _is_break(tok)


def _joined_by_hyphen(doc, i: int) -> bool:
    """A hyphen written between two words with no space ('Marie-Claude')."""
    return i + 1 < len(doc) and doc[i].text == "-" and not doc[i].whitespace_ and not doc[i - 1].whitespace_


def _unnamed_bodies(doc) -> list[_Body]:
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


def find_actors(doc, speakers: set[str] = frozenset()) -> list[FoundActor]:
    """Actors of a parsed article, most salient first. ``speakers`` are names code attributed quotations to.

    A name's kind is the one its context decides, else the tagger's most frequent label over its mentions."""
    found: dict[str, FoundActor] = {}
    votes: dict[str, Counter] = {}
    for ent in [*doc.ents, *_unnamed_bodies(doc)]:
        if ent.label_ not in _KINDS or _model_number(ent):
            continue
        for span in _clean_spans(ent):
            _add_mention(found, votes, ent, span, speakers)
    for key, actor in found.items():
        decided = [k for k, n in votes[key].items() if k.startswith("!")]
        actor.kind = decided[0][1:] if decided else votes[key].most_common(1)[0][0]
    actors = _merge_short_forms(list(found.values()))
    actors = [a for a in actors if not _common_word(a, doc.text)]
    for a in actors:
        if _place_by_name(a):
            a.kind = "place"  # 'Kent 326 for 5', 'Manchester beat ...': a town the tagger took for a person
    _spellings_in_capitals(doc.text, actors)
    return sorted(actors, key=lambda a: a.salience)


def _spellings_in_capitals(text: str, actors: list[FoundActor]) -> None:
    """Names written in capitals in a headline ('SHEARER NAMED AS CAPTAIN'), which the tagger does not read:
    each capitals spelling of a known name or alias becomes an alias and a mention of its actor."""
    by_upper: dict[str, FoundActor] = {}
    for a in actors:
        for form in (a.name, *a.aliases):
            if form.upper() != form:
                by_upper.setdefault(form.upper(), a)
    if not by_upper:
        return
    for m in re.finditer(r"[^\S\n]*([^\n]*[A-Z][^\n]*)", text):
        line = m.group(1)
        if any(c.islower() for c in line):
            continue
        for form, actor in by_upper.items():
            for hit in re.finditer(rf"(?<![\w'-]){re.escape(form)}(?![\w'-])", line):
                if form not in actor.aliases:
                    actor.aliases.append(form)
                start = m.start(1) + hit.start()
                actor.mentions.append(Mention(start, start + len(form), form))


def _common_word(actor: FoundActor, text: str) -> bool:
    """A one-word 'name' the article also writes in lowercase ('Prices rose ...', '... gilt prices'): a common
    word capitalised at the start of a line or a sentence, not a name."""
    if " " in actor.name or actor.aliases or actor.role or not actor.name[1:].islower():
        return False
    return re.search(rf"(?<![\w-]){re.escape(actor.name.lower())}(?![\w-])", text) is not None


def _place_by_name(actor: FoundActor) -> bool:
    """A person or body whose name is a known place and nothing else: no fuller or shorter form, no role,
    not person-shaped and not a given name."""
    if actor.kind not in ("person", "organization") or actor.aliases or actor.role:
        return False
    words = actor.name.split()
    if actor.kind == "person" and (actor.speaks or is_given_name(words[0])):
        return False
    return is_known_place(actor.name) and not person_shaped(words)


def _add_mention(found: dict[str, FoundActor], votes: dict[str, Counter], ent, span, speakers) -> None:
    """Record one mention of a name under its actor (created on the first mention) and its vote for a kind."""
    if not any(t.is_alpha for t in span) or not span[0].text[:1].isupper():
        return
    if span.text.isupper() and ent.label_ != "PERSON" or any(t.lower_.rstrip(".") in CALENDAR_WORDS for t in span):
        return  # a one-word heading in capitals; a dateline's 'Mar'
    title = _title_before(span) or _appositive_role(span)
    name = span.text
    kind, decided = ("person", True) if name in speakers and ent.label_ == "PERSON" else _kind(ent, span, title)
    key = name.lower()
    actor = found.get(key)
    if actor is None:
        actor = found[key] = FoundActor(name=name, kind=kind, role=title)
        votes[key] = Counter()
    votes[key]["!" + kind if decided else kind] += 1
    actor.role = actor.role or title
    actor.mentions.append(Mention(span.start_char, span.end_char, name))
    speaks, acts = _role_of_subject(span)
    actor.speaks |= speaks
    actor.acts |= acts


def _model_number(ent) -> bool:
    """'Ilyushin Il-76': a person-tagged name with a word of letters and digits names a vehicle or a product."""
    return ent.label_ == "PERSON" and any(
        any(c.isdigit() for c in t.text) and any(c.isalpha() for c in t.text) for t in ent.doc[ent.start : ent.end])


def _merge_short_forms(actors: list[FoundActor]) -> list[FoundActor]:
    """'Reyes' and 'Tomas Reyes' are one person: the fuller name keeps the mentions, the short one is an alias.
    So are 'Magna' and 'Magna International Inc' one body (a one-word name that opens a body's name)."""
    people = [a for a in actors if a.kind == "person" and len(a.name.split()) > 1]
    bodies = [a for a in actors if a.kind == "organization" and len(a.name.split()) > 1]
    out = []
    for a in actors:
        words = a.name.split()
        full = next((p for p in people if p is not a and len(words) < len(p.name.split())
                     and " ".join(p.name.split()[-len(words):]) == a.name), None) if a.kind in ("person", "place", "organization", "group") and len(words) <= 2 else None
        if full is None or not (a.kind == "person" or a.name == full.name.split()[-1]):
            full = next((b for b in bodies if len(words) == 1 and b.name.split()[0] == a.name), None) if a.kind != "place" else None
        if full is not None:
            full.aliases.append(a.name)
            full.mentions.extend(a.mentions)
            full.speaks |= a.speaks
            full.acts |= a.acts
            full.role = full.role or a.role
        else:
            out.append(a)
    return out
