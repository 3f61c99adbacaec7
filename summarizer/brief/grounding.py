"""Ground stage: check every item the model returned against the article's analysis.

Quotes come from code-found candidates, so their text is the article's own
characters at known offsets; a quote that somehow cannot be located is never
shown. Event evidence and time expressions, actor names and quote speakers
are aligned (exact, then fuzzy) and get a status; dates are normalised
against the publication date. Numbers in the headline and summary must occur
in the article. Unsupported items carry a warning, or are dropped in strict mode.
One checker per item kind: ground_quotes, ground_events, ground_actors, ground_prose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text.analysis import Analysis
from ..text.quotations import Candidate
from ..text.sentences import Sentence
from .ground_actors import ground_actors
from .ground_events import ground_events
from .ground_prose import ground_prose, ground_questions
from .ground_quotes import ground_quotes
from .types import Actor, KeyEvent, OpenQuestion, Quote, Status


@dataclass
class Grounded:
    """The checked parts of a brief."""

    headline: str
    summary: str
    key_events: list[KeyEvent]
    actors: list[Actor]
    quotes: list[Quote]
    open_questions: list[OpenQuestion]
    warnings: list[str] = field(default_factory=list)


def ground(
    draft, analysis: Analysis, candidates: list[Candidate], sentences: list[Sentence], *, strict: bool = False,
    instructions: str = "", search_from: int = 0, quotations: list[Candidate] | None = None,
) -> Grounded:
    """Check a model draft against the analysed article and build the brief's grounded items.

    ``instructions`` is the text the model was given besides the article
    (prompt and schema descriptions); questions that merely echo it are dropped.
    ``quotations`` (default: the candidates offered to the model) are all the
    quotations the brief keeps; those the model chose are marked key.
    """
    by_sentence = {s.id: s for s in sentences}
    warnings: list[str] = []
    quotes = ground_quotes(draft, analysis, candidates, quotations if quotations is not None else candidates, warnings)
    events = ground_events(draft, analysis, by_sentence, strict=strict, search_from=search_from)
    actors = ground_actors(draft, analysis, quotes, strict=strict)
    headline, summary = ground_prose(draft, analysis, sentences, warnings)
    bad_events = sum(1 for e in events if e.evidence_span and e.evidence_span.status is Status.unsupported)
    if bad_events:
        warnings.append(f"{bad_events} event(s) have no supporting evidence in the article")
    bad_actors = sum(1 for a in actors if a.name_span and a.name_span.status is Status.unsupported)
    if bad_actors:
        warnings.append(f"{bad_actors} actor(s) are not named in the article")
    questions = ground_questions(draft, analysis, by_sentence, instructions)
    return Grounded(headline, summary, events, actors, quotes, questions, warnings)
