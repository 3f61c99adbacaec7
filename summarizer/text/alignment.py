"""Find a piece of text in an article: exact after normalisation, then fuzzy.

Normalisation folds curly quotes to straight ones, every dash to '-', and
runs of whitespace to one space, while keeping a map from each normalised
character back to its offset in the original, so a match always yields
offsets into the article text as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from .spans import Span, Status

_FOLD = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u0060": "'", "\u00b4": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2026": "...",
    }
)


def normalize(text: str) -> tuple[str, list[int]]:
    """Fold quote marks, dashes and whitespace; return the text and, per character, its original offset."""
    out: list[str] = []
    index: list[int] = []
    prev_space = True  # also drops leading whitespace
    for i, ch in enumerate(text):
        folded = ch.translate(_FOLD)
        if folded.isspace():
            if not prev_space:
                out.append(" ")
                index.append(i)
            prev_space = True
            continue
        prev_space = False
        for c in folded:
            out.append(c)
            index.append(i)
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Normalised form of ``text`` (see :func:`normalize`), for comparisons."""
    return normalize(text)[0]


class Aligner:
    """Locates snippets in one article; normalises the article once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm, self.index = normalize(text)
        self.lower = self.norm.lower()

    def _span(self, status: Status, nstart: int, nend: int, score: float) -> Span:
        start = self.index[nstart]
        end = self.index[nend - 1] + 1
        return Span(status=status, start=start, end=end, score=round(score, 1))

    def find(self, snippet: str, *, min_score: float = 88.0) -> Span:
        """Locate ``snippet``: exact (normalised), else case-insensitive or fuzzy, else unsupported."""
        needle = fold(snippet).strip(" .,;:")
        if len(needle) < 2:
            return Span(status=Status.unsupported)
        pos = self.norm.find(needle)
        if pos >= 0:
            return self._span(Status.exact, pos, pos + len(needle), 100.0)
        pos = self.lower.find(needle.lower())
        if pos >= 0:
            return self._span(Status.fuzzy, pos, pos + len(needle), 99.0)
        if len(needle) < 8:
            return Span(status=Status.unsupported)
        res = fuzz.partial_ratio_alignment(needle.lower(), self.lower, score_cutoff=min_score)
        if res is None or res.dest_end <= res.dest_start:
            return Span(status=Status.unsupported)
        start, end = self._to_words(res.dest_start, res.dest_end)
        return self._span(Status.fuzzy, start, end, res.score)

    def _to_words(self, start: int, end: int) -> tuple[int, int]:
        """Widen a fuzzy window to whole words and trim the spaces at its edges."""
        s = self.norm
        while start > 0 and s[start - 1].isalnum() and s[start].isalnum():
            start -= 1
        while end < len(s) and s[end - 1].isalnum() and s[end].isalnum():
            end += 1
        while start < end and s[start] == " ":
            start += 1
        while end > start and s[end - 1] == " ":
            end -= 1
        return start, end

    def find_name(self, name: str) -> Span:
        """Locate a name; a person may be found by their last name alone."""
        span = self.find(name, min_score=92.0)
        if span.status is not Status.unsupported:
            return span
        parts = [p for p in re.split(r"\s+", fold(name).strip()) if len(p) > 2]
        if len(parts) > 1:
            m = re.search(rf"\b{re.escape(parts[-1])}\b", self.norm)
            if m:
                return self._span(Status.fuzzy, m.start(), m.end(), 90.0)
        return Span(status=Status.unsupported)
