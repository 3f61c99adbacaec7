"""Quote candidates: direct quotations found in the article by code, with a speaker guess.

A small model copies and attributes quotes poorly on its own. Code is good at
both the finding (text between quotation marks) and the common attribution
patterns: '..., said X', 'X said: ...', 'according to X', 'X told ...', a
pronoun ('she said') resolved to the last person named before it, and the
second half of a split quote inheriting the first half's speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .attribution import (  # noqa: F401  (re-exported: other modules and tests import these from here)
    PERSON_NAME, NOT_PEOPLE, TITLES, cue_after, cue_before, drop_common_words, resolve_speaker, sentence_subject,
    known_people, split_title,
)

_PARA_BREAK = re.compile(r"\n\s*\n|(?<=[.!?:\"\u201d\u2019)])[ \t]*\n")
# curly, straight, guillemets, and two apostrophes (''...'', as some news archives write double quotes)
_QUOTE = re.compile(r"\u201c([^\u201c\u201d]{2,}?)\u201d|\"([^\"\n]{2,}?)\"|\u00ab([^\u00ab\u00bb]{2,}?)\u00bb"
                    r"|(?<!')''(?!')((?:(?!'')[^\n]){2,}?)''")


@dataclass(frozen=True)
class Candidate:
    """One quotation found in the article."""

    id: str
    text: str
    """The words inside the marks, verbatim (a trailing comma dropped)."""
    start: int
    end: int
    speaker: str = ""
    """Best guess from the attribution cue; empty when there is none."""
    role: str = ""
    cue: str = ""
    """The words that gave the guess away, for the prompt and for debugging."""


def paragraph_breaks(text: str) -> list[int]:
    """Where each paragraph after the first starts: after a blank line, or after a line that ends a sentence.

    Some sources separate paragraphs by a single line break; a line that ends mid-sentence is a wrapped line.
    Found once per text, so placing every quotation in its paragraph stays linear.
    """
    return [m.end() for m in _PARA_BREAK.finditer(text)]


def _paragraph_start(breaks: list[int], pos: int) -> int:
    """Where the paragraph holding ``pos`` starts, given :func:`paragraph_breaks`."""
    i = bisect_right(breaks, pos)
    return breaks[i - 1] if i else 0


def find_candidates(text: str, *, min_words: int = 3) -> list[Candidate]:
    """Every direct quotation of at least ``min_words`` words, in article order, with a speaker guess."""
    people = known_people(text)
    breaks = paragraph_breaks(text)
    out: list[Candidate] = []
    last_speaker: tuple[str, str, int] | None = None  # speaker, role, paragraph start
    for m in _QUOTE.finditer(text):
        group = next(g for g in (1, 2, 3, 4) if m.group(g) is not None)
        inner = m.group(group)
        stripped = inner.strip().rstrip(",").rstrip()
        if len(stripped.split()) < min_words:
            continue
        inner_start = m.start(group) + (len(inner) - len(inner.lstrip()))
        inner_end = inner_start + len(stripped)
        para_start = _paragraph_start(breaks, m.start())
        cue = cue_after(text, m.end(), closed=stripped.endswith(".")) or cue_before(text, m.start())
        speaker = role = cue_text = ""
        if cue:
            raw, role, cue_text = cue
            speaker = resolve_speaker(raw, text, m.start(), people)
            if speaker and not role:
                role = people.get(speaker, "")
        elif subject := sentence_subject(text, m.start()):
            raw, role, cue_text = subject
            speaker = resolve_speaker(raw, text, m.start(), people)
        elif last_speaker and last_speaker[2] == para_start:
            speaker, role, cue_text = last_speaker[0], last_speaker[1], "same paragraph as the previous quote"
        speaker = drop_common_words(speaker, text)
        if speaker:
            last_speaker = (speaker, role, para_start)
        out.append(Candidate(f"Q{len(out) + 1}", text[inner_start:inner_end], inner_start, inner_end, speaker, role, cue_text))
    return out
