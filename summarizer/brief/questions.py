"""Open questions worth showing: grammatical, open (what happens next, or resting on a sentence that leaves
something open), and not answered by the article itself."""

from __future__ import annotations

import re

from ..text.nlp import parse
from ..text.lexicon import OPEN_CUES as _CUES, QUESTION_AHEAD as _AHEAD, QUESTIONS_OPENERS as _OPENERS, QUESTIONS_SKIP as _SKIP

_MONEY = re.compile(r"[$\u00a3\u20ac]\s?\d|\b\d[\d,.]*\s?(?:million|billion|dollars|euros|pounds)\b", re.I)
_DATE = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
                   r"june|july|august|september|october|november|december|tomorrow|next week|next month)\b", re.I)
_COUNT = re.compile(r"\b\d[\d,]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?)\b", re.I)
_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)? [A-Z][a-z]+")
_AUX = r"(?:is|are|was|were|will|would|has|have|had|can|could|should|must|may|might)"


def is_grammatical(question: str) -> bool:
    """A question that opens with a question word or auxiliary, ends in '?', has no second finite verb
    glued onto a 'What is the ...' frame ('What is the loss of bases would mark ...?'), and whose question
    word does not fill an object the verb already has (spaCy's parse)."""
    q = " ".join(question.split())
    words = q.lower().rstrip("?").split()
    if len(words) < 4 or not q.endswith("?") or words[0] not in _OPENERS:
        return False
    frame = re.match(rf"^(?:what|who|which|how)\s+{_AUX}\s+(.*)$", q.lower().rstrip("?"))
    if frame and re.search(rf"\b{_AUX}\b", frame.group(1)):
        return False
    # 'What will Jenner break his silence ...?': the question word fills an object the verb already has
    return not any(sum(c.dep_ == "dobj" for c in t.children) > 1 for t in parse(q))


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3 and w not in _SKIP}


def _sentences(article: str) -> list[str]:
    # a line break ends a sentence too: a title or a caption is not one sentence with the paragraph after it
    return [s for s in re.split(r"(?<=[.!?])\s+|\s*\n\s*", article) if s.strip()]


def _topic(sentences: list[str]) -> set[str]:
    """Stems in a third of the article's sentences or more (at least three): what the whole article is about,
    which an answering sentence need not repeat ('pier' in an article about a pier)."""
    counts: dict[str, int] = {}
    for sentence in sentences:
        for stem in _stems(sentence):
            counts[stem] = counts.get(stem, 0) + 1
    return {stem for stem, n in counts.items() if n >= max(3, len(sentences) / 3)}


def answered_by(question: str, article: str) -> bool:
    """True when a sentence of the article about the question's subject (two thirds of its content words that are
    not the article's topic) gives the kind of fact asked for: a sum of money for a cost, a day or month for a
    date, a count for 'how many', a person's name for 'who' or 'what are the names'."""
    q = question.lower()
    if re.search(r"\b(?:cost|costs|how much|price|worth)\b", q):
        kind = _MONEY
    elif re.match(r"^(?:when|what date|what day)\b", q):
        kind = _DATE
    elif q.startswith("how many"):
        kind = _COUNT
    elif re.match(r"^(?:who (?:is|are|was|were)|what (?:is|are) the names?)\b", q):
        kind = _NAME
    else:
        return False
    sentences = _sentences(article)
    want = _stems(q) - _topic(sentences)
    return any(kind.search(s) and len(want & _stems(s)) * 3 >= 2 * len(want) for s in sentences)


def leaves_open(sentence: str) -> bool:
    """Whether a sentence leaves something open: an unnamed source, something not said, an investigation,
    what is expected or planned (the cues in the lexicon)."""
    low = " ".join(sentence.lower().split()) + " "
    return any(cue in low for cue in _CUES)


def asks_ahead(question: str) -> bool:
    """Whether a question asks what happens next, which no article can have answered yet."""
    low = " " + " ".join(re.findall(r"[a-z]+", question.lower())) + " "
    return any(f" {w} " in low for w in _AHEAD)


def basis_of(question: str, sentences: list, picked=None):
    """The sentence that raises the question: the one sharing most content words with it (the model's pick
    when it shares as many), or None when none shares any."""
    want = _stems(question)
    best = max(sentences, key=lambda s: len(want & _stems(s.text)), default=None)
    if picked is not None and (best is None or len(want & _stems(picked.text)) >= len(want & _stems(best.text))):
        return picked
    return best if best is not None and want & _stems(best.text) else picked


def keep_question(question: str, article: str, basis: str = "") -> bool:
    """Whether an open question may be shown: grammatical, not answered by the article, and open: it asks what
    happens next, or its basis sentence leaves something open."""
    return is_grammatical(question) and not answered_by(question, article) and (asks_ahead(question) or leaves_open(basis))
