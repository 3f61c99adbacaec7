"""Normalise time expressions ('on Saturday', 'October 26') against the publication date."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

_FUTURE_HINT = re.compile(r"\b(next|coming|upcoming|will|from now|later this|tomorrow)\b", re.IGNORECASE)
# Said of the event around the time expression: 'is due to end on Sunday', 'will be held on Saturday'.
_FUTURE_CONTEXT = re.compile(
    r"\b(will|would|shall|due to|is to|are to|scheduled|expected to|set to|plans? to|planned|intends? to|to be held|"
    r"is going to|are going to|until|(?:ready|agreed|promised|offered|vowed|pledged|hoped|wants?|wanted) to)\b[^.;]{0,60}$",
    re.IGNORECASE)
_FILLER = re.compile(r"^(on|in|at|by|since|from|until|before|after|during|earlier|later|early|late|mid|the)\b[\s-]*", re.IGNORECASE)
_MONTH_DAY = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
# A weekday with only a part of the day or a clock time around it: 'late Thursday night', 'in the early hours of Friday'.
_BARE_WEEKDAY = re.compile(
    r"(?:(?:on|late|early|in|the|hours|of|at|around|about|\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?|local|time)\s+)*"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?", re.IGNORECASE)
_HAS_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")


@lru_cache(maxsize=64)
def _parser(base: date, prefer: str):
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": prefer,
            "RETURN_TIME_AS_PERIOD": True,
        },
    )


def _format(d: datetime, period: str) -> str:
    if period == "year":
        return f"{d.year:04d}"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if period == "week":
        iso = d.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    return d.date().isoformat()


def normalize_when(when: str, published: str | None, context: str = "") -> str | None:
    """ISO date (YYYY-MM-DD), partial ISO (YYYY-MM, YYYY, YYYY-Www) or None.

    Relative expressions need the publication date; without it only
    expressions that carry their own year can be resolved. Weekdays are taken
    as the most recent one unless the phrase or ``context`` (the words of the
    sentence just before it) looks ahead ('next Monday', 'is due to end on
    Sunday'); a month and day without a year take the year that puts them
    closest to the publication date.
    """
    phrase = when.strip().strip(".,")
    if not phrase:
        return None
    base = date.fromisoformat(published) if published else None
    if base is None and not _HAS_YEAR.search(phrase):
        return None
    base = base or date.today()
    low = phrase.lower()
    if re.search(r"\bthis month\b", low):
        return f"{base.year:04d}-{base.month:02d}"
    if re.search(r"\bthis year\b", low):
        return f"{base.year:04d}"
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", low):
        return base.isoformat()
    prefer = "future" if _FUTURE_HINT.search(phrase) or _FUTURE_CONTEXT.search(context) else "past"
    text = re.sub(r"\b(?:this\s+)?coming\b", "next", phrase, flags=re.IGNORECASE)
    text = re.sub(r"\bweekend\b", "saturday", text, flags=re.IGNORECASE)
    if re.fullmatch(r"(?:on\s+)?this\s+saturday", text.strip(), re.IGNORECASE):
        text, prefer = "saturday", "future"
    weekday = _BARE_WEEKDAY.fullmatch(text.strip())
    if weekday and weekday.group(1).lower() == base.strftime("%A").lower():
        return base.isoformat()  # 'on Saturday' in an article published that Saturday
    if weekday:
        text = weekday.group(1)  # the part of the day or the clock time does not change the date
    for _ in range(3):
        text = _FILLER.sub("", text).strip()
    if not text:
        return None
    data = _parser(base, prefer).get_date_data(text)
    if data.date_obj is None:
        return None
    chosen = data.date_obj
    if prefer == "past" and _MONTH_DAY.search(text) and not _HAS_YEAR.search(text):
        ahead = _parser(base, "future").get_date_data(text).date_obj
        if ahead is not None and abs((ahead.date() - base).days) < abs((chosen.date() - base).days):
            chosen = ahead
    period = data.period or "day"
    if period in ("time", "part_of_day"):
        period = "day"
    return _format(chosen, period)
