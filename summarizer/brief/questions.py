"""Open questions worth showing: grammatical, and not answered by the article itself."""

from __future__ import annotations

import re
from ..text.lexicon import QUESTIONS_OPENERS as _OPENERS, QUESTIONS_SKIP as _SKIP  # noqa: F401

_MONEY = re.compile(r"[$\u00a3\u20ac]\s?\d|\b\d[\d,.]*\s?(?:million|billion|dollars|euros|pounds)\b", re.I)
_DATE = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
                   r"june|july|august|september|october|november|december|tomorrow|next week|next month)\b", re.I)
_COUNT = re.compile(r"\b\d[\d,]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?)\b", re.I)
_AUX = r"(?:is|are|was|were|will|would|has|have|had|can|could|should|must|may|might)"


def is_grammatical(question: str) -> bool:
    """A question that opens with a question word or auxiliary, ends in '?', and has no second finite verb
    glued onto a 'What is the ...' frame ('What is the loss of bases would mark ...?')."""
    q = " ".join(question.split())
    words = q.lower().rstrip("?").split()
    if len(words) < 4 or not q.endswith("?") or words[0] not in _OPENERS:
        return False
    frame = re.match(rf"^(?:what|who|which|how)\s+{_AUX}\s+(.*)$", q.lower().rstrip("?"))
    return not (frame and re.search(rf"\b{_AUX}\b", frame.group(1)))


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3 and w not in _SKIP}




def answered_by(question: str, article: str) -> bool:
    """True when a sentence of the article about the question's subject (two thirds of its content words at least)
    gives the kind of fact asked for: a sum of money for a cost, a day or month for a date, a count for
    'how many'."""
    q = question.lower()
    if re.search(r"\b(?:cost|costs|how much|price|worth)\b", q):
        kind = _MONEY
    elif re.match(r"^(?:when|what date|what day)\b", q):
        kind = _DATE
    elif q.startswith("how many"):
        kind = _COUNT
    else:
        return False
    want = _stems(q)
    for sentence in re.split(r"(?<=[.!?])\s+", article):
        if kind.search(sentence) and (not want or len(want & _stems(sentence)) * 3 >= 2 * len(want)):
            return True
    return False


def keep_question(question: str, article: str) -> bool:
    """Whether an open question may be shown: grammatical and not answered by the article."""
    return is_grammatical(question) and not answered_by(question, article)
