"""Grounding of the model's own prose: headline, summary and open questions."""

from __future__ import annotations

import re

from ..text.alignment import Aligner, fold
from ..text.analysis import Analysis
from ..text.sentences import Sentence
from .checks import claim_words, echoes, foreign_letters
from .asking import code_questions
from .draft import LIMITS
from .questions import answered_by, basis_of, is_grammatical, keep_question
from .summary import check_headline, check_prose, extractive_summary, unknown_parts
from .types import OpenQuestion
from ..text.lexicon import PROSE_VAGUE as _VAGUE  # noqa: F401

_ASKS = re.compile(r"(?:what|who|whom|whose|when|where|why|how|which|will|would|can|could|is|are|was|were|do|does|"
                   r"did|should|has|have|had)\b", re.IGNORECASE)


def ground_prose(draft, analysis: Analysis, sentences: list[Sentence], warnings: list[str]) -> tuple[str, str]:
    """The headline and summary, checked: the article's own words where the model slipped into another script
    or wrote a name, figure or quotation the article lacks. With no summary asked of the model, the summary is
    the article's opening news in its own whole sentences."""
    doc = analysis.document
    headline = draft.headline.strip()
    asked = getattr(draft, "summary", None)
    summary = asked.strip() if asked is not None else extractive_summary(sentences)
    lead = " ".join(sentences[0].text.split()) if sentences else ""
    if foreign_letters(headline, doc.text):
        warnings.append("the model's headline was not in the article's language; the article's title is shown")
        headline = doc.title or " ".join(lead.split()[:15])
    if asked is not None and foreign_letters(summary, doc.text):
        warnings.append("the model's summary was not in the article's language; the article's first sentence is shown")
        summary = lead
    if asked is None:
        headline, warning = check_headline(headline, doc.title, sentences, doc.text)
        warnings += [warning] if warning else []
        return headline, summary
    headline, summary, prose_warnings = check_prose(headline, summary, doc.title, sentences, doc.text)
    warnings += prose_warnings
    return headline, summary


def worth_asking(question: str, article: Aligner, asked: list[str]) -> bool:
    """A real open question: phrased as one, about something in particular, not the article's own words
    (a quoted 'What more do you want?'), and not a near-repeat of one already kept."""
    words = claim_words(question)
    if not _ASKS.match(question) or not words - _VAGUE:
        return False  # 'Rescuers have worked ...?', 'What was the main cause?'
    if fold(question.rstrip("?")).lower() in article.lower:
        return False
    return all(len(words & claim_words(a)) < 0.7 * min(len(words), len(claim_words(a)) or 1) for a in asked)


def ground_questions(draft, analysis: Analysis, by_sentence: dict[str, Sentence], instructions: str) -> list[OpenQuestion]:
    """The model's open questions that are real ones, each with the sentence that raises it; then, up to the limit,
    the questions code builds from the sentences that leave something open (:mod:`summarizer.brief.asking`),
    under the same checks."""
    questions: list[OpenQuestion] = []
    asked: list[str] = []
    for q in getattr(draft, "open_questions", None) or []:
        text = " ".join(q.question.split()).rstrip(".")
        if len(text.split()) < 4 or echoes(text, instructions) or foreign_letters(text, analysis.text):
            continue  # too short, our own instructions parroted back, or garbled
        text = text if text.endswith("?") else text + "?"
        basis = basis_of(text, list(by_sentence.values()), by_sentence.get(q.sentence))
        if keep_question(text, analysis.text, basis.text if basis else "") and _shown(text, analysis, asked):
            asked.append(text)
            questions.append(OpenQuestion(question=text, basis=basis.text if basis else ""))
    for text, basis in code_questions(analysis, list(by_sentence.values())):
        if len(questions) >= LIMITS["questions"]:
            break
        if is_grammatical(text) and not answered_by(text, analysis.text) and _shown(text, analysis, asked):
            asked.append(text)
            questions.append(OpenQuestion(question=text, basis=basis))
    return questions


def _shown(text: str, analysis: Analysis, asked: list[str]) -> bool:
    """A question worth asking that names nothing the article does not (an address). The model's must also rest on
    a sentence that leaves something open (``keep_question``); code's are built only from such sentences."""
    return worth_asking(text, analysis.aligner, asked) and not unknown_parts(text, analysis.text)
