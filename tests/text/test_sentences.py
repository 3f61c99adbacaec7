"""Sentence candidates: offsets, abbreviation handling and time expressions."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.text.sentences import Sentence, split_sentences

from conftest import ROOT  # noqa: E402
HARBOR = (ROOT / "examples" / "harbor-closure.txt").read_text(encoding="utf-8")


def _times(s: str) -> list[str]:
    return Sentence("S1", s, 0, len(s)).times()


def _containing(sentences, needle: str) -> Sentence:
    found = [s for s in sentences if needle in s.text]
    assert len(found) == 1, needle
    return found[0]


def test_offsets_and_ids_on_article():
    sents = split_sentences(HARBOR)
    assert len(sents) == 21
    for i, s in enumerate(sents, start=1):
        assert s.id == f"S{i}"
        assert HARBOR[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert len(s.text.split()) >= 4
    assert sents[0].text == "Port Ellery closes main pier for repairs after weekend storm"
    assert [s.start for s in sents] == sorted(s.start for s in sents)


def test_basic_split_with_abbreviations():
    text = (
        "He met Mr. Smith on Monday. Then he left the room quickly.\n"
        "He met Dr. Samuel Adebayo at 9 a.m. today. It was very warm outside!  Was it? "
        '"Yes it was indeed," he said. The U.S. team won the final match.'
    )
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "He met Mr. Smith on Monday.",
        "Then he left the room quickly.",
        "He met Dr. Samuel Adebayo at 9 a.m. today.",
        "It was very warm outside!",
        '"Yes it was indeed," he said.',
        "The U.S. team won the final match.",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text
    assert sents[1].start == 28


def test_dr_is_not_a_sentence_break_in_html_article():
    text = (
        "\u201cFor the first time, patients from the northern valleys will not have to travel two hours for a "
        "routine heart procedure,\u201d said hospital chief executive Dr. Samuel Adebayo. Patients currently wait "
        "an average of 11 weeks."
    )
    sents = split_sentences(text)
    assert len(sents) == 2
    assert sents[0].text.endswith("said hospital chief executive Dr. Samuel Adebayo.")
    assert sents[1].text == "Patients currently wait an average of 11 weeks."
    assert not any(s.text.startswith("Samuel") for s in sents)


def test_min_words_and_limit():
    text = "Too short. This sentence is long enough. Another sentence that is long enough. A third long enough sentence."
    assert [s.text for s in split_sentences(text)] == [
        "This sentence is long enough.",
        "Another sentence that is long enough.",
        "A third long enough sentence.",
    ]
    assert [s.id for s in split_sentences(text)] == ["S1", "S2", "S3"]
    assert [s.text for s in split_sentences(text, min_words=1)][0] == "Too short."
    limited = split_sentences(text, limit=2)
    assert [s.id for s in limited] == ["S1", "S2"]


def test_newlines_always_split():
    text = "A headline without a stop\nThe first sentence of the body."
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["A headline without a stop", "The first sentence of the body."]
    assert sents[1].start == text.index("The first")


def test_times_in_harbor_article():
    sents = split_sentences(HARBOR)
    assert _containing(sents, "after a storm on Saturday").times() == ["on Saturday"]
    assert _containing(sents, "on the morning of October 26").times() == ["October 26"]
    assert _containing(sents, "earlier this month").times() == ["earlier this month"]
    assert _containing(sents, "by next Monday").times() == ["next Monday"]
    assert _containing(sents, "A smaller system on October 9").times() == ["on October 9"]
    assert _containing(sents, "Published October 28, 2024").times() == ["October 28, 2024"]
    assert _containing(sents, "Fishing boats").times() == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("An open day for local residents will be held on Saturday, April 12.", ["on Saturday, April 12"]),
        ("They met on Saturday morning at the hall.", ["on Saturday morning"]),
        ("The vote was held in March 2023 at the hall.", ["in March 2023"]),
        ("It reopens May 5 after repairs.", ["May 5"]),
        ("The event is on 12 April 2025.", ["on 12 April 2025"]),
        ("Held 2025-04-12 in town.", ["2025-04-12"]),
        ("Work ends by 2026 according to the plan.", ["by 2026"]),
        ("Fees rise in early March.", ["in early March"]),
        ("We will meet yesterday, today or tomorrow.", ["yesterday", "today", "tomorrow"]),
        ("The first patients are due to be transferred to the wing next week.", ["next week"]),
        ("It will be converted later this year.", ["later this year"]),
        ("The pier closed for repairs after the storm.", []),
    ],
)
def test_times(sentence, expected):
    assert _times(sentence) == expected


def test_modal_may_is_not_a_time():
    assert _times("The council may vote on the new plan on Friday.") == ["on Friday"]


def test_a_month_abbreviation_before_a_day_is_not_a_sentence_end():
    text = "The fans celebrated their Nov. 2 victory at dawn. Talks end in Dec. The vote comes later this week."
    assert [s.text for s in split_sentences(text, min_words=1)] == [
        "The fans celebrated their Nov. 2 victory at dawn.", "Talks end in Dec.", "The vote comes later this week."]
