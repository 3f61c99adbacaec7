"""The people, bodies and places an article names, read from spaCy's entities and parse.

Every PERSON mention is clustered under the fullest form of the name (shorter
forms become aliases); a title written before the name is its role, never part
of it. Organisations are bodies. Places are kept as places. An entity's kind
comes from its type, checked by context: a name with a personal title before
it, or the speaker of a quotation, is a person whatever the tagger said; a
name followed by a facility word ('Hmeimim air base') is a place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import BODY_WORDS, CALENDAR_WORDS, FACILITY_WORDS, LOCATIVES, PERSON_TITLES, SPEECH_VERBS

# NORP (nationalities, religious and political groups) describe more often than they act: left out.
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


def _clean_span(ent):
    """The entity as a whole proper name: no leading determiner or possessive ending ('the Kremlin' ->
    'Kremlin', "Putin's" -> 'Putin'), extended over proper nouns the tagger cut off ('Port Ellery' +
    'Harbour Authority')."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].ent_type_ in ("", "ORG", "NORP", "GPE", "FAC"):
        end += 1
    for i in range(start, end):  # a name never runs over a line break, a bracket or a quotation mark
        if "\n" in doc[i].text_with_ws or doc[i].text in ("(", ")", '"', "\u201c", "\u201d", "-", "\u2013"):
            end = i + (0 if doc[i].text.strip() in ("(", ")", '"', "\u201c", "\u201d", "-", "\u2013") else 1)
            break
    while end > start and (doc[end - 1].tag_ == "POS" or not any(c.isalpha() for c in doc[end - 1].text)
                           or doc[end - 1].lower_ in PERSON_TITLES):
        end -= 1  # "Putin's", 'Somerset 4', 'Palestinian President'
    span = doc[start:end] if end > start else None
    if span is None or len(span) > 1 and all(t.is_upper and len(t) > 1 or not t.is_alpha for t in span):
        return None  # a heading in capitals ('BASEBALL - MAJOR LEAGUE STANDINGS') is not a name
    return span


def _title_before(span) -> str:
    """The title or role written just before a name ('Defence Minister', 'engineer', 'Harbour master'), as written.

    Title words from the lexicon, or nouns the parse attaches to the name as its compound or modifier."""
    doc, i, first = span.doc, span.start - 1, span.start
    while i >= 0:
        tok = doc[i]
        titled = tok.lower_.rstrip(".") in PERSON_TITLES
        attached = tok.dep_ in ("compound", "amod", "nmod") and i < tok.head.i < span.end and tok.pos_ in ("NOUN", "PROPN")
        if not (titled or attached) or tok.ent_type_ in ("GPE", "DATE", "CARDINAL"):
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
    words = [t for t in words if t.dep_ not in ("det", "poss", "punct") or t.i > head.i]
    text = " ".join(t.text for t in words).replace(" 's", "'s").strip(" ,")
    return text if 0 < len(text.split()) <= 8 else ""


def _who_follows(span) -> bool:
    """', who ...' after the name: the article treats it as a person."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ == "who"


def _kind(ent, span, title: str) -> str:
    after = [t.lower_ for t in span.doc[span.end : span.end + 2]]
    if span[-1].lower_ in FACILITY_WORDS or after[:1] and after[0] in FACILITY_WORDS \
            or len(after) == 2 and after[1] in FACILITY_WORDS and span.doc[span.end].is_lower:
        return "place"  # 'Hmeimim air base', 'the Kestrel Ford ferry terminal'
    before = span.doc[span.start - 1].lower_ if span.start else ""
    if ent.label_ == "ORG" and before in LOCATIVES and not any(t.lower_ in BODY_WORDS for t in span):
        return "place"  # 'at Kestrel Ford' (a name with no body word, where something is)

    personal = title and any(w.lower().rstrip(".") in PERSON_TITLES for w in title.split())
    if ent.label_ != "PERSON" and len(span) >= 2 and all(t.is_title for t in span) and (personal or _who_follows(span)):
        return "person"  # 'Mayor Ines Okafor' tagged as a place, 'Agnes Mbeki, who ...'
    return _KINDS.get(ent.label_, "other")


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


def _unnamed_bodies(doc) -> list[_Body]:
    """Proper-noun chains outside any entity: bodies by their last word, people by the title before them."""
    out, i = [], 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title and not doc[j].ent_type_ \
                and doc[j].lower_.rstrip(".") not in PERSON_TITLES:
            j += 1
        if j - i >= 2 and doc[j - 1].lower_ in BODY_WORDS:
            out.append(_Body(doc[i:j]))
        elif 2 <= j - i <= 3 and i > 0 and doc[i - 1].lower_.rstrip(".") in PERSON_TITLES and doc[i - 1].is_title:
            out.append(_Titled(doc[i:j]))
        i = max(j, i + 1)
    return out


def find_actors(doc, speakers: set[str] = frozenset()) -> list[FoundActor]:
    """Actors of a parsed article, most salient first. ``speakers`` are names code attributed quotations to."""
    found: dict[str, FoundActor] = {}
    for ent in [*doc.ents, *_unnamed_bodies(doc)]:
        if ent.label_ not in _KINDS:
            continue
        span = _clean_span(ent)
        if span is None or not any(t.is_alpha for t in span) or not span[0].text[:1].isupper():
            continue
        if span.text.isupper() and ent.label_ != "PERSON" or any(t.lower_.rstrip(".") in CALENDAR_WORDS for t in span):
            continue  # a one-word heading in capitals; a dateline's 'Mar'
        if ent.label_ == "PERSON" and any(c.isdigit() for c in span.text):
            continue  # 'Ilyushin Il-76': a model number names a vehicle or a product, not a person
        title = _title_before(span) or _appositive_role(span)
        name = span.text
        kind = "person" if name in speakers else _kind(ent, span, title)
        key = name.lower()
        actor = found.get(key)
        if actor is None:
            actor = found[key] = FoundActor(name=name, kind=kind, role=title)
        elif actor.kind != "person" and kind in ("person", "place"):
            actor.kind = kind  # context that shows a person or a place wins over the tagger's first guess
        actor.role = actor.role or title
        actor.mentions.append(Mention(span.start_char, span.end_char, name))
        speaks, acts = _role_of_subject(span)
        actor.speaks |= speaks
        actor.acts |= acts
    return sorted(_merge_short_forms(list(found.values())), key=lambda a: a.salience)


def _merge_short_forms(actors: list[FoundActor]) -> list[FoundActor]:
    """'Reyes' and 'Tomas Reyes' are one person: the fuller name keeps the mentions, the short one is an alias."""
    people = [a for a in actors if a.kind == "person" and len(a.name.split()) > 1]
    out = []
    for a in actors:
        words = a.name.split()
        full = next((p for p in people if p is not a and len(words) < len(p.name.split())
                     and " ".join(p.name.split()[-len(words):]) == a.name), None) if a.kind in ("person", "place", "organization", "group") and len(words) <= 2 else None
        if full is not None and (a.kind == "person" or a.name == full.name.split()[-1]):
            full.aliases.append(a.name)
            full.mentions.extend(a.mentions)
            full.speaks |= a.speaks
            full.acts |= a.acts
            full.role = full.role or a.role
        else:
            out.append(a)
    return out
