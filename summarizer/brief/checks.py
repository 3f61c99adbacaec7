"""Small checks of the model's wording against the article, shared by the grounding checkers."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..text.alignment import fold
from ..text.lexicon import CHECKS_STOP as _STOP  # noqa: F401



def claim_words(s: str) -> set[str]:
    """The content words of a claim: folded, lower case, longer than two letters, no function words."""
    return {w for w in re.findall(r"[a-z0-9]+", fold(s).lower()) if w not in _STOP and len(w) > 2}


def echoes(text: str, instructions: str) -> bool:
    """True when ``text`` is (nearly) a copy of a line of the instructions."""
    folded = fold(text).lower().rstrip("?")
    return any(fuzz.partial_ratio(folded, fold(line).lower()) >= 85 for line in instructions.splitlines() if len(line) > 10)


def foreign_letters(value: str, article: str) -> str:
    """Letters of ``value`` that the article never uses: a small model slips into another script ('据')."""
    return "".join(sorted({ch for ch in value if ord(ch) > 0x24F and ch.isalpha() and ch not in article}))
