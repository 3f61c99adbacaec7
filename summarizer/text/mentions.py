"""The people, bodies and places an article names, read from spaCy's entities and parse.

Every PERSON mention is clustered under the fullest form of the name (shorter
forms become aliases); a title written before the name is its role, never part
of it. Organisations are bodies. Places are kept as places. An entity's kind
comes from its type, checked by context: a name with a personal title before
it, or the speaker of a quotation, is a person whatever the tagger said; a
name followed by a facility word ('Hmeimim air base') is a place.
Where a name starts and ends: :mod:`.boundaries`; its kind: :mod:`.kinds`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .boundaries import clean_spans, unnamed_names
from .datelines import dateline_place
from .kinds import KINDS, common_word, kind_of, model_number, place_by_name
from .lexicon import ACTORS_DEMONYMS as DEMONYMS
from .lexicon import CALENDAR_WORDS, PERSON_TITLES, SPEECH_VERBS
from .results import team_spans, untagged_sides

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


def _role_of_subject(span) -> tuple[bool, bool]:
    """(speaks, acts): whether the name is the subject of a speech verb / of any verb."""
    head = span.root
    if head.dep_ in ("nsubj", "nsubjpass") or (head.dep_ in ("compound", "appos") and head.head.dep_ == "nsubj"):
        verb = head.head if head.dep_.startswith("nsubj") else head.head.head
        return verb.lemma_.lower() in SPEECH_VERBS or verb.lower_ in SPEECH_VERBS, True
    return False, False


def find_actors(doc, speakers: set[str] = frozenset()) -> list[FoundActor]:
    """Actors of a parsed article, most salient first. ``speakers`` are names code attributed quotations to.

    A name's kind is the one its context decides, else the tagger's most frequent label over its mentions; a side
    in a results line (:mod:`.results`) is an organization in every mention."""
    found: dict[str, FoundActor] = {}
    votes: dict[str, Counter] = {}
    named = [(ent, span) for ent in [*doc.ents, *unnamed_names(doc)]
             if ent.label_ in KINDS and not model_number(ent) for span in clean_spans(ent)]
    named += [(side, s) for side in untagged_sides(doc, [span for _, span in named]) for s in clean_spans(side)]
    teams = team_spans([span for _, span in named])
    for ent, span in named:
        _add_mention(found, votes, ent, span, speakers, span.start in teams)
    sides = {s.text.lower() for _, s in named if s.start in teams}
    for key, actor in found.items():
        decided = [k for k, n in votes[key].items() if k.startswith("!")]
        actor.kind = "organization" if key in sides else decided[0][1:] if decided else votes[key].most_common(1)[0][0]
    actors = _merge_short_forms(list(found.values()))
    actors = [a for a in actors if not common_word(a, doc.text)]
    wire_place = dateline_place(doc.text)
    for a in actors:
        if place_by_name(a) and a.name.lower() not in sides:  # a side in a results line stays one ('Bath 56')
            a.kind = "place"  # 'Manchester said ...': a town the tagger took for a person
        if wire_place and a.name.upper() == wire_place and not a.speaks:
            a.kind = "place"  # 'PORT ELLERY \u2014 ...': the dateline names where the story was filed
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


def _add_mention(found: dict[str, FoundActor], votes: dict[str, Counter], ent, span, speakers, team: bool) -> None:
    """Record one mention of a name under its actor (created on the first mention) and its vote for a kind;
    ``team``: the name stands for a side in a results line (an organization, whatever the tagger said)."""
    if not any(t.is_alpha for t in span) or not span[0].text[:1].isupper():
        return
    if span.text.isupper() and ent.label_ != "PERSON" or any(t.lower_.rstrip(".") in CALENDAR_WORDS for t in span):
        return  # a one-word heading in capitals; a dateline's 'Mar'
    title = _title_before(span) or _appositive_role(span)
    name = span.text
    if team:
        kind, decided = "organization", True
    elif name in speakers and ent.label_ == "PERSON":
        kind, decided = "person", True
    else:
        kind, decided = kind_of(ent, span, title)
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
