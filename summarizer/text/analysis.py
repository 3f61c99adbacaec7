"""The analysis stage: everything code learns about one article, computed once before any model call.

Prompting offers it to the model, grounding checks the model's answer against
it, and later stages read it instead of scanning the text again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from .actors import groups_named_often, people_named_often
from .alignment import Aligner
from .documents import Document
from .lexicon import NAME_ENTITY_LABELS as _NAME_ENTITIES
from .mentions import FoundActor, find_actors
from .nlp import parse
from .quotations import Candidate, find_candidates
from .sentences import Sentence, split_sentences
from .speakers import speaker_from_parse

SHORT_ARTICLE_WORDS = 300
"""Below this many words, a body named twice is prominent (three times otherwise)."""


def figures(text: str) -> set[str]:
    """The digit figures a text writes ('1,200' and '1200' are the same figure)."""
    return {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


@dataclass
class Analysis:
    """One article as code reads it. Build it with :func:`analyse`."""

    document: Document
    quotations: list[Candidate]
    """Every direct quotation, in article order, with the speaker code attributes it to."""
    aligner: Aligner = field(repr=False)
    """Exact and fuzzy search over the article's normalised text."""

    @property
    def text(self) -> str:
        """The article text all offsets refer to."""
        return self.document.text

    @property
    def short(self) -> bool:
        """Whether the article is short enough that two mentions make a body prominent."""
        return len(self.text.split()) < SHORT_ARTICLE_WORDS

    @cached_property
    def people(self) -> tuple[tuple[str, str], ...]:
        """People the article names often enough to be actors, most named first, with their titles."""
        return people_named_often(self.text)

    @cached_property
    def groups(self) -> list[str]:
        """Collective actors ('police', 'rescuers') the article names often."""
        return groups_named_often(self.text)

    @cached_property
    def parsed(self):
        """The spaCy ``Doc`` of the article text (entities, sentences, dependency parse)."""
        return parse(self.text)

    @cached_property
    def named(self) -> list[FoundActor]:
        """Every person, body and place the article names (spaCy entities checked by context), most salient first."""
        return find_actors(self.parsed, {q.speaker for q in self.quotations if q.speaker})

    @property
    def actors(self) -> list[FoundActor]:
        """The named actors a brief lists: every person, the bodies and groups, and places only where they act."""
        return [a for a in self.named if a.kind != "place" or a.speaks]

    @cached_property
    def figures(self) -> set[str]:
        """Every digit figure in the article."""
        return figures(self.text)

    def sentences(self, text: str | None = None, *, limit: int) -> list[Sentence]:
        """At most ``limit`` sentences of the body (or of one window of it), with offsets into that text."""
        return split_sentences(self.document.body if text is None else text, limit=limit)




def is_quoted_name(q: Candidate, parsed) -> bool:
    """A proper name in quotation marks ('"Northwind"', '"Wagner"'), not a quotation: at most three words,
    each a proper noun or part of a named entity in the parse, and no exclamation or question."""
    words = q.text.split()
    if not 0 < len(words) <= 3 or q.text.rstrip().endswith(("!", "?")):
        return False
    span = parsed.char_span(q.start, q.end, alignment_mode="expand")
    tokens = [t for t in span if t.is_alpha] if span is not None else []
    return bool(tokens) and all(t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTITIES for t in tokens)


def is_not_speech(q: Candidate) -> bool:
    """Quotation marks around something nobody said: no letters ('"1474387200"', an embedded post's id), a
    web address or handle, or one or two words with no speaker ('"hell"', '"sex tape"': words held at arm's
    length, not a quotation)."""
    text = q.text.strip()
    if not any(c.isalpha() for c in text) or re.fullmatch(r"\S*(?:https?://|www\.|\.com|@)\S*", text):
        return True
    return not q.speaker and len(text.split()) <= 1


def _speaker_named(q: Candidate, named: list[FoundActor]) -> Candidate:
    """The quotation's speaker as the article's full name for that person, the title moved to the role
    ('Defence Minister Aleksandr Petrenko' -> 'Aleksandr Petrenko', role 'Defence Minister')."""
    if not q.speaker:
        return q
    for person in (a for a in named if a.kind == "person"):
        if q.speaker == person.name or q.speaker in person.aliases:
            return replace(q, speaker=person.name, role=q.role or person.role)
        if q.speaker.endswith(" " + person.name):
            title = q.speaker[: -len(person.name)].strip()
            return replace(q, speaker=person.name, role=q.role or title or person.role)
    return q


def _parsed_speaker(q: Candidate, parsed, named: list[FoundActor]) -> Candidate:
    speaker = speaker_from_parse(parsed, q.start, q.end, named)
    return replace(q, speaker=speaker, cue="the parse: subject of the speech verb") if speaker else q


def analyse(doc: Document) -> Analysis:
    """Analyse a loaded article: quotations with their speakers named in full, the parse and the actors it
    names, the searchable text; the rest on first use."""
    analysis = Analysis(document=doc, quotations=find_candidates(doc.text, min_words=1), aligner=Aligner(doc.text))
    found = [q for q in analysis.quotations if not is_quoted_name(q, analysis.parsed)]
    named = analysis.named
    found = [q if q.speaker else _parsed_speaker(q, analysis.parsed, named) for q in found]
    found = [q for q in found if not is_not_speech(q)]
    analysis.quotations = [_speaker_named(q, named) for q in found]
    return analysis
