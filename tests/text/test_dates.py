"""Normalising time expressions against the publication date."""

from __future__ import annotations

import pytest

from summarizer.text.dates import normalize_when


@pytest.mark.parametrize(
    "when, published, expected",
    [
        ("on Saturday", "2024-10-28", "2024-10-26"),
        ("October 26", "2024-10-28", "2024-10-26"),
        ("earlier this month", "2024-10-28", "2024-10"),
        ("next Monday", "2024-10-28", "2024-11-04"),
        ("Saturday, April 12", "2025-04-02", "2025-04-12"),
        ("on Saturday, April 12", "2025-04-02", "2025-04-12"),
        ("last week", "2024-10-28", "2024-W43"),
        ("in March 2023", None, "2023-03"),
        ("on Saturday night", "2024-10-28", "2024-10-26"),
        ("last Friday", "2024-10-28", "2024-10-25"),
        ("this Friday", "2024-10-28", "2024-11-01"),
        ("on October 9", "2024-10-28", "2024-10-09"),
        ("on Friday, February 7", "2025-02-10", "2025-02-07"),
        ("on April 1, 2025", "2025-02-10", "2025-04-01"),
        ("October 26, 2024", None, "2024-10-26"),
        ("on 12 April 2025", None, "2025-04-12"),
        ("2024-10-26", "2025-01-01", "2024-10-26"),
        ("in 2023", None, "2023"),
        ("today", "2024-10-28", "2024-10-28"),
        ("yesterday", "2024-10-28", "2024-10-27"),
        ("tomorrow", "2024-10-28", "2024-10-29"),
        ("this year", "2024-10-28", "2024"),
        ("later this year", "2025-04-02", "2025"),
        ("last month", "2024-10-28", "2024-09"),
        ("next week", "2025-04-02", "2025-W15"),
        ("Oct. 26", "2024-10-28", "2024-10-26"),
        ("October 26.", "2024-10-28", "2024-10-26"),  # trailing punctuation ignored
    ],
)
def test_normalize_when(when, published, expected):
    assert normalize_when(when, published) == expected


def test_month_day_takes_the_year_closest_to_publication():
    # late December read in early January belongs to the previous year ...
    assert normalize_when("December 30", "2025-01-03") == "2024-12-30"
    # ... and early January read in late December to the next one
    assert normalize_when("January 2", "2024-12-30") == "2025-01-02"


@pytest.mark.parametrize(
    "when, published",
    [
        ("on Friday", None),  # relative, and no publication date
        ("October 26", None),  # no year of its own
        ("", "2024-10-28"),
        ("   ", "2024-10-28"),
        ("", None),
        ("gibberish words", "2024-10-28"),
        ("on", "2024-10-28"),  # nothing left after the filler words
    ],
)
def test_unresolvable_is_none(when, published):
    assert normalize_when(when, published) is None


def test_coming_weekday_looks_ahead():
    assert normalize_when("coming Friday", "2024-10-28") == "2024-11-01"


@pytest.mark.parametrize("when", ["this weekend", "next weekend"])
def test_weekend_expressions_resolve(when):
    assert normalize_when(when, "2024-10-28") is not None


def test_sentence_context_that_looks_ahead_picks_the_coming_weekday():
    context = "The 48-hour strike began at 4 a.m. and is due to end at the same time "
    assert normalize_when("on Sunday", "2025-06-14", context) == "2025-06-15"
    assert normalize_when("on Sunday", "2025-06-14", "The strike began ") == "2025-06-08"


@pytest.mark.parametrize("when", ["late Thursday night", "in the early hours of Thursday", "11pm local time on Thursday",
                                  "Thursday evening", "around 9.30pm on Thursday"])
def test_the_publication_weekday_with_a_part_of_the_day_is_that_day(when):
    # 2016-11-10 was a Thursday: the story is about that day, not the Thursday a week before
    assert normalize_when(when, "2016-11-10") == "2016-11-10"
    assert normalize_when(when, "2016-11-12") == "2016-11-10"


@pytest.mark.parametrize("sentence, expected", [
    ("HALVIK BAY - Seventy years ago a storm closed the port.", "Seventy years ago a storm closed the port."),
    ("KESTREL FORD, Ont. - In a tradition of 40 years, the mayor opened the fair.",
     "In a tradition of 40 years, the mayor opened the fair."),
    ("KESTREL FORD, Ont. (Wire) \u2014 Rescuers searched the rubble on Sunday.", "Rescuers searched the rubble on Sunday."),
    ("(Wire)Divers found the wreck on Monday.", "Divers found the wreck on Monday."),
    ("(Wire) -- Divers found the wreck on Monday.", "Divers found the wreck on Monday."),
    ("US - Divers found the wreck on Monday.", "US - Divers found the wreck on Monday."),  # an acronym, not a place
    ("The pier (north end) closed on Monday.", "The pier (north end) closed on Monday."),
    ("HALVIK BAY \u2014 Closed.", "HALVIK BAY \u2014 Closed."),  # nothing would be left
])
def test_without_dateline_drops_the_wire_dateline_a_sentence_opens_with(sentence, expected):
    from summarizer.text.datelines import without_dateline

    assert without_dateline(sentence) == expected
