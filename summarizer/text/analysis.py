"""The analysis stage: everything code learns about one article, computed once before any model call.

Prompting offers it to the model, grounding checks the model's answer against
it, and later stages read it instead of scanning the text again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .actors import bodies_named_often, groups_named_often, people_named_often
from .alignment import Aligner
from .documents import Document
from .quotations import Candidate, find_candidates
from .sentences import Sentence, split_sentences

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
    def bodies(self) -> tuple[tuple[str, str], ...]:
        """Organisations and bodies the article makes prominent, with their kind."""
        return bodies_named_often(self.text, 2 if self.short else 3)

    @cached_property
    def groups(self) -> list[str]:
        """Collective actors ('police', 'rescuers') the article names often."""
        return groups_named_often(self.text)

    @cached_property
    def figures(self) -> set[str]:
        """Every digit figure in the article."""
        return figures(self.text)

    def sentences(self, text: str | None = None, *, limit: int) -> list[Sentence]:
        """At most ``limit`` sentences of the body (or of one window of it), with offsets into that text."""
        return split_sentences(self.document.body if text is None else text, limit=limit)


def analyse(doc: Document) -> Analysis:
    """Analyse a loaded article: quotations and speakers, the searchable text; the rest on first use."""
    return Analysis(document=doc, quotations=find_candidates(doc.text, min_words=1), aligner=Aligner(doc.text))
