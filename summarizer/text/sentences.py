"""Sentence candidates: the article split into numbered sentences, with the time expressions in each.

The model chooses events by sentence id (an enum in its schema), so an
event's evidence is always a real sentence of the article, and the time
expression comes from that sentence by code rather than from the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_TIME = re.compile(
    rf"""\b(?:
        (?:(?:on|last|next|this|coming|early|late)\s+)?{_WEEKDAY}(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)?(?:\s+(?:morning|afternoon|evening|night))?
      | (?:on\s+|by\s+|since\s+|until\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?
      | (?:on\s+)?\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?
      | \d{{4}}-\d{{2}}-\d{{2}}
      | (?:earlier|later|early|late)\s+this\s+(?:month|week|year)
      | (?:last|next|this)\s+(?:week|month|year|weekend)
      | yesterday|today|tonight|tomorrow
      | (?:(?:in|since|by|until|early|late|mid-)\s*)+{_MONTH}(?:\s+\d{{4}})?(?=[\s,.;])
      | {_MONTH}\s+\d{{4}}
      | (?:in\s+|since\s+|by\s+)(?:19|20)\d\d
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"\u201d\u2019)]))\s+(?=[\"\u201c\u2018(]?[A-Z0-9])|\n+")
_ABBREV_END = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Prof|Gen|Sen|Rep|Gov|Capt|Col|Lt|Sgt|Rev|No|Mt|Ft|[A-Z])\.$")
_MONTH_END = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$")  # 'Nov. 2' when a day follows


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article with its offsets."""

    id: str
    text: str
    start: int
    end: int

    def times(self) -> list[str]:
        """Time expressions in the sentence, in order ('on Saturday', 'October 26')."""
        return [m.group(0) for m in _TIME.finditer(self.text)]


def split_sentences(text: str, *, min_words: int = 4, limit: int = 80) -> list[Sentence]:
    """Sentences of ``text`` (offsets into it) with at least ``min_words`` words, at most ``limit``."""
    out: list[Sentence] = []
    pos = 0
    pieces: list[tuple[int, int]] = []
    for m in _SPLIT.finditer(text):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    merged: list[list[int]] = []
    for s, e in pieces:
        prev = text[merged[-1][0] : merged[-1][1]] if merged else ""
        abbrev = _ABBREV_END.search(prev) or (_MONTH_END.search(prev) and text[s : s + 1].isdigit())
        if abbrev and "\n" not in text[merged[-1][1] : s]:
            merged[-1][1] = e  # 'Dr. Adebayo' is not a sentence break
        else:
            merged.append([s, e])
    for s, e in merged:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        s, chunk = s + lead, chunk.strip()
        if len(chunk.split()) < min_words:
            continue
        out.append(Sentence(f"S{len(out) + 1}", chunk, s, s + len(chunk)))
        if len(out) >= limit:
            break
    return out


@lru_cache(maxsize=8)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((s.start, s.end) for s in split_sentences(text, min_words=1, limit=1_000_000))


def sentence_around(text: str, pos: int) -> tuple[int, int]:
    """Offsets of the sentence of ``text`` that holds ``pos`` (its line, if no sentence does)."""
    for start, end in _sentence_spans(text):
        if start <= pos < end:
            return start, end
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, end if end >= 0 else len(text)
