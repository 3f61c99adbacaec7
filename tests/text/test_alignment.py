"""Finding snippets in an article: normalisation with an offset map, exact and fuzzy matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.text.alignment import Aligner, fold, normalize
from summarizer.brief.types import Status

from conftest import ROOT  # noqa: E402
HARBOR = (ROOT / "examples" / "harbor-closure.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def harbor() -> Aligner:
    return Aligner(HARBOR)


# --- normalize / fold -------------------------------------------------------


def test_fold_quotes_dashes_and_whitespace():
    assert fold("\u201cIt\u2019s\u201d \u2014 fine\u2013ish \u2212 \u00abok\u00bb \u2018x\u2019") == "\"It's\" - fine-ish - \"ok\" 'x'"
    assert fold("  a \t\n\n b\u00a0\u00a0c\u2009d  ") == "a b c d"
    assert fold("wait\u2026") == "wait..."
    assert fold("") == ""
    assert fold(" \n\t ") == ""


def test_normalize_index_maps_back_to_original():
    text = "  He said \u201cwe\u2019re   done\u201d \u2014 then\n\nleft\u2026 "
    norm, index = normalize(text)
    assert norm == "He said \"we're done\" - then left..."
    assert len(index) == len(norm)
    assert index[0] == 2  # leading whitespace dropped
    assert text[index[norm.index('"')]] == "\u201c"
    assert text[index[norm.index("'")]] == "\u2019"
    assert text[index[norm.index("-")]] == "\u2014"
    assert text[index[norm.index(" left")]] == "\n"  # the collapsed run maps to its first character
    assert index[-3:] == [len(text) - 2] * 3  # '...' all map back to the ellipsis
    for i, ch in enumerate(norm):
        orig = text[index[i]]
        if ch == " ":
            assert orig.isspace()
        else:
            assert ch in fold(orig)  # each character comes from the original one it maps to
        if ch.isalnum():
            assert orig == ch
    assert index == sorted(index)


# --- Aligner.find -----------------------------------------------------------


def test_exact_after_normalisation_returns_original_offsets(harbor):
    start = HARBOR.index("We are not going to take chances with people\u2019s safety")
    span = harbor.find("We are not going to take chances with people's safety")
    assert span.status is Status.exact
    assert span.score == 100.0
    assert (span.start, span.end) == (start, start + len("We are not going to take chances with people\u2019s safety"))
    assert HARBOR[span.start : span.end] == "We are not going to take chances with people\u2019s safety"


def test_exact_strips_trailing_punctuation(harbor):
    span = harbor.find("Harbour master Tomas Reyes said: ")
    assert span.status is Status.exact
    assert HARBOR[span.start : span.end] == "Harbour master Tomas Reyes said"


def test_exact_across_curly_quotes_newlines_and_ellipsis():
    text = "Intro line.\n\n  \u201cWe  are\nready,\u201d she said \u2014 and left\u2026 quickly."
    al = Aligner(text)
    span = al.find('"We are ready," she said - and left... quickly')
    assert span.status is Status.exact
    assert text[span.start : span.end] == "\u201cWe  are\nready,\u201d she said \u2014 and left\u2026 quickly"


def test_case_insensitive_is_fuzzy(harbor):
    span = harbor.find("we are NOT going to take chances")
    assert span.status is Status.fuzzy
    assert span.score == 99.0
    assert HARBOR[span.start : span.end] == "We are not going to take chances"


def test_fuzzy_with_small_typos_gives_original_offsets(harbor):
    target = "We are not going to take chances with people\u2019s safety"
    start = HARBOR.index(target)
    # same-length typos: the aligned window is exactly the original phrase
    span = harbor.find("We are nit going to take chancez with peeple's safety")
    assert span.status is Status.fuzzy
    assert 88.0 <= span.score < 100.0
    assert (span.start, span.end) == (start, start + len(target))
    assert HARBOR[span.start : span.end] == target


def test_fuzzy_with_typos_across_newlines_maps_into_original():
    text = "Intro line.\n\n  \u201cWe  are\nready,\u201d she said quietly."
    span = Aligner(text).find('"We are reddy," she said')
    assert span.status is Status.fuzzy
    assert 88.0 <= span.score < 100.0
    assert text[span.start : span.end] == "\u201cWe  are\nready,\u201d she said"


def test_fuzzy_with_a_dropped_letter_lands_on_the_phrase(harbor):
    start = HARBOR.index("We are not going to take chances")
    span = harbor.find("We are not goin to take chances with people's safety")
    assert span.status is Status.fuzzy
    assert span.start == start
    assert HARBOR[span.start : span.end].startswith("We are not going to take chances with people\u2019s safe")


@pytest.mark.parametrize(
    "snippet",
    ["The quick brown fox jumps over the lazy dog", "Completely unrelated sentence about volcanoes.", "x", "", "   ",
     "zzqq"],
)
def test_unrelated_is_unsupported(harbor, snippet):
    span = harbor.find(snippet)
    assert span.status is Status.unsupported
    assert span.start is None and span.end is None
    assert span.score == 0.0


def test_short_needles_are_not_fuzzy_matched(harbor):
    # under 8 characters only exact / case-insensitive matches count
    assert harbor.find("Okafr").status is Status.unsupported
    assert harbor.find("okafor").status is Status.fuzzy


def test_min_score_is_respected(harbor):
    snippet = "We are nit going to take chancez with peeple's safety"
    assert harbor.find(snippet, min_score=99.0).status is Status.unsupported
    assert harbor.find(snippet, min_score=80.0).status is Status.fuzzy


@pytest.mark.parametrize(
    "snippet, expected_start, expected_last",
    [
        ("Harbour mastr Tomas Reyes sed", "Harbour", None),
        ("We are not goin to take chances with people's safety", "We", "safety"),
    ],
    ids=["leading-whitespace", "cut-last-word"],
)
def test_fuzzy_span_is_trimmed_to_words(harbor, snippet, expected_start, expected_last):
    span = harbor.find(snippet)
    assert span.status is Status.fuzzy
    found = HARBOR[span.start : span.end]
    assert found == found.strip()
    assert found.startswith(expected_start)
    if expected_last:
        assert found.endswith(expected_last)


# --- Aligner.find_name ------------------------------------------------------


def test_find_name_full_name_exact(harbor):
    span = harbor.find_name("Ines Okafor")
    assert span.status is Status.exact
    assert HARBOR[span.start : span.end] == "Ines Okafor"


def test_find_name_last_name_fallback(harbor):
    span = harbor.find_name("Councillor Okafor")
    assert span.status is Status.fuzzy
    assert span.score == 90.0
    assert HARBOR[span.start : span.end] == "Okafor"
    assert span.start == HARBOR.index("Okafor")


def test_find_name_fallback_needs_whole_word(harbor):
    # 'Harbo' is only part of 'Harbour': no whole-word last-name match
    assert harbor.find_name("Zed Harbo").status is Status.unsupported


@pytest.mark.parametrize("name", ["Zed Quux", "Jo Li", "Quux"])
def test_find_name_unknown_is_unsupported(harbor, name):
    span = harbor.find_name(name)
    assert span.status is Status.unsupported
    assert span.start is None
