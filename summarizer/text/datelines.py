"""The publication date, read from the article's dateline or byline, never from a caption or the story.

Datelines come in many forms ('Dec 14, 2024 20:30', 'Oct. 1, 2024 (Wire) -',
'12/5/2024', 'KESTREL FORD, March 12, 2025 -', 'Published: 2025-02-10'); the
date itself is parsed by dateparser. Only the opening lines count, a date must
stand near the start of its line (or the line must be short, like a byline),
and lines that are photo captions or credits are skipped.
"""

from __future__ import annotations

import re

from .lexicon import CAPTION_MARKERS, DATELINE_LABEL_WORDS as _LABEL_WORDS

OPENING_LINES = 6
"""How many lines at the top (blank ones included) may hold the dateline."""

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_CANDIDATE = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{4}\b",
    re.IGNORECASE,
)
_CAPTION = re.compile(rf"^\W*(?:{'|'.join(CAPTION_MARKERS)})\b|\((?:{'|'.join(CAPTION_MARKERS)})\b", re.IGNORECASE)


def _parse(found: str) -> str | None:
    import dateparser

    settings = {"DATE_ORDER": "MDY", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}
    parsed = dateparser.parse(found.replace(".", " ") if not found[:4].isdigit() else found, languages=["en"],
                              settings=settings)
    return parsed.date().isoformat() if parsed else None


_STORY_WORDS = 2
"""More lowercase words than this around the date (other than label words) make the line a sentence of the story."""


def _is_dateline(line: str, start: int, end: int) -> bool:
    """A date as a dateline or byline writes it: around it only a place, a name, a time or a label
    ('KESTREL FORD, March 12, 2025 -', 'Posted on: 3:35 pm, December 23, 2012', 'By Ana Ruiz |'); a wire
    dateline's story text after its dash does not count. A date inside a sentence of the story ('The last
    strike, on 3 March 2025, lasted four days') is not the publication date."""
    if line.lstrip().lower().startswith("by ") and len(line.split()) <= 12:
        return True  # a byline: 'By a staff reporter, 3 March 2025'
    after = re.split(r"\s[-\u2013\u2014|]\s", line[end:], maxsplit=1)[0]
    words = re.findall(r"[^\W\d_]+", line[:start] + " " + after)
    return sum(w.islower() and w not in _LABEL_WORDS for w in words) <= _STORY_WORDS


def publication_date(text: str) -> str | None:
    """The date of the article's dateline or byline as YYYY-MM-DD, or None."""
    lines = [line for line in text.splitlines()[:OPENING_LINES] if line.strip()]
    for line in lines:
        if _CAPTION.search(line):
            continue
        for m in _CANDIDATE.finditer(line):
            if not _is_dateline(line, m.start(), m.end()):
                break
            if day := _parse(m.group(0)):
                return day
    return None


_WIRE_PLACE = re.compile(r"^\s*([A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+)*)(?:,[^\n\u2013\u2014]{1,40}?)?"
                         r"\s*(?:\([^)]{1,30}\)\s*)?[-\u2013\u2014]\s")


def dateline_place(text: str) -> str | None:
    """The place a wire dateline opens with, in capitals ('PORT ELLERY \u2014 ...', 'KATHMANDU, Nepal (AP) \u2014 ...'),
    from the opening lines; None when there is none."""
    for line in text.splitlines()[:OPENING_LINES]:
        if m := _wire_place(line):
            return m.group(1)
    return None


def _wire_place(line: str) -> re.Match | None:
    """The wire dateline ``line`` opens with, its place as group 1; not an acronym ('BBC \u2014 ...', 'US \u2014 ...')."""
    m = _WIRE_PLACE.match(line)
    return m if m and max(len(w) for w in m.group(1).split()) > 3 else None


_AGENCY_TAG = re.compile(r"^\s*\([A-Z][A-Za-z]{1,11}\)\s*(?:[-\u2013\u2014]+\s*)?(?=[\"\u201c\u2018'A-Z0-9])")


def without_dateline(sentence: str) -> str:
    """``sentence`` without the wire dateline or agency tag it opens with ('MIDWAY ATOLL - Seventy-four years
    ago ...' -> 'Seventy-four years ago ...', '(CNN)They used to ...' -> 'They used to ...'); the sentence
    itself when it opens with neither, or when nothing would be left."""
    m = _wire_place(sentence)
    rest = (sentence[m.end():] if m else _AGENCY_TAG.sub("", sentence, count=1)).strip()
    return rest if len(rest.split()) >= 3 else sentence
