"""The hard case of story building: the same actors and place in two events months apart (tests/fixtures/story/hard/).

Two outlets each report a December 2024 cargo flight and an October 2025 resumption from one air base;
the October reports disagree on how long the flights were suspended.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from summarizer.story.discrepancies import figure_findings
from summarizer.story.grouping import group_articles
from summarizer.text.documents import load_document

HARD = FIXTURES / "story" / "hard"


def test_same_actors_and_place_months_apart_are_two_stories():
    """Two outlets each report a December 2024 cargo flight and an October 2025 resumption from one air base."""
    from types import SimpleNamespace

    items = [(p.name, load_document(p, max_bytes=10**6), SimpleNamespace(key_events=[])) for p in sorted(HARD.glob("*.txt"))]
    groups = sorted(sorted(v) for v in group_articles(items).values())
    assert groups == [["coast-daily-2024-12.txt", "harbour-wire-2024-12.txt"],
                      ["coast-daily-2025-10.txt", "harbour-wire-2025-10.txt"]]


def test_date_distance_factor():
    from datetime import date

    from summarizer.story.grouping import date_distance_factor

    assert date_distance_factor(date(2025, 1, 1), date(2025, 1, 20)) == 1.0
    assert date_distance_factor(date(2025, 1, 1), None) == 1.0
    assert date_distance_factor(date(2024, 12, 14), date(2025, 10, 26)) < 0.15


def test_a_hedged_figure_differs_from_a_smaller_hyphenated_one():
    """'a five-month suspension' vs 'nearly six months of suspension': number words, hyphen and hedge normalised."""
    members = [(p.name, load_document(p, max_bytes=10**6)) for p in sorted(HARD.glob("*2025-10.txt"))]
    found, _ = figure_findings(members)
    assert len(found) == 1, found
    assert found[0].topic == "suspension (months)"
    assert sorted(s.value for s in found[0].sides) == ["five-month", "six months"]
    docs = dict(members)
    for side in found[0].sides:
        assert docs[side.source].body[side.start:side.end] == side.evidence


def test_articles_of_one_day_that_share_nothing_are_two_stories():
    """A shared publication date supports what the texts share; it makes no link alone."""
    from types import SimpleNamespace

    from summarizer.story.grouping import article_features, pair_similarity
    from summarizer.text.documents import document_from_bytes

    texts = {
        "choir.txt": "Choir wins regional prize\n\nThe Millbrook youth choir won first prize at the regional festival "
                     "on Saturday with a programme of folk songs arranged by its conductor, the county arts office said.",
        "bridge.txt": "Bridge repairs delay buses\n\nRepairs to the Aldgate road bridge will divert two bus routes "
                      "for three weeks, the county transport office said on Saturday.",
    }
    items = [(name, document_from_bytes(text.encode(), path=name, fmt="text", max_bytes=10**6, published="2025-06-14"),
              SimpleNamespace(key_events=[])) for name, text in texts.items()]
    assert sorted(group_articles(items).values()) == [["bridge.txt"], ["choir.txt"]]
    assert pair_similarity(article_features(items), 0, 1) < 0.05


ONE_KIND = FIXTURES / "story-one-kind"


def _one_kind_groups(two_level: bool) -> list[list[str]]:
    from types import SimpleNamespace

    items = [(p.name, load_document(p, max_bytes=10**6), SimpleNamespace(key_events=[]))
             for p in sorted(ONE_KIND.glob("*.txt"))]
    return sorted(sorted(v) for v in group_articles(items, two_level=two_level).values())


def test_one_kind_undated_fires_with_boilerplate_are_two_stories_in_one_pass():
    """Two undated wildfires in one county, four reports each, each quoting one spokesman's boilerplate."""
    assert _one_kind_groups(False) == [[f"caddow-{i}.txt" for i in range(1, 5)], [f"dunmore-{i}.txt" for i in range(1, 5)]]


def test_one_kind_undated_fires_with_boilerplate_are_two_stories_by_default():
    """Each Caddow report shares one spokesman's sentence verbatim with a Dunmore report: boilerplate, not evidence."""
    assert _one_kind_groups(True) == [[f"caddow-{i}.txt" for i in range(1, 5)], [f"dunmore-{i}.txt" for i in range(1, 5)]]


def test_shared_boilerplate_is_left_out_but_copies_keep_everything():
    from summarizer.story.grouping import own_texts

    line = "A spokesman for the county forestry service said crews would stay until the fire was out."
    fire_a = f"A wildfire burned 600 acres of vineyards east of Caddow on Friday. {line} Winds hampered crews."
    fire_b = f"About 300 homes were evacuated near Dunmore on Tuesday as a wildfire spread. {line}"
    a, b = own_texts([fire_a, fire_b])
    assert "spokesman" not in a and "spokesman" not in b
    assert "Caddow" in a and "Winds hampered crews." in a and "Dunmore" in b
    assert own_texts([fire_a, fire_a]) == [fire_a, fire_a]  # a copy shares most of it: nothing is left out
    short = "The county forestry service said crews would stay."  # under 8 words: too short to call boilerplate
    assert own_texts([f"Caddow burned. {short}", f"Dunmore burned. {short}"])[0].endswith(short)


def test_figures_far_apart_are_different_quantities_not_a_disagreement(tmp_path):
    """Two counts of inspection failures at one tower: all of them since 2009, and the ones still open."""
    a = tmp_path / "a.txt"
    a.write_text("Tower inspections\n\nThe Marlow Tower has had 140 lift safety violations since 2009, the city said.\n")
    b = tmp_path / "b.txt"
    b.write_text("Tower still failing\n\nThe Marlow Tower now has 12 open code violations, including three lift safety violations.\n")
    c = tmp_path / "c.txt"
    c.write_text("Tower record\n\nInspectors have logged 150 lift safety violations at the Marlow Tower since 2009.\n")
    members = [(p.name, load_document(p, max_bytes=10**6)) for p in (a, b, c)]
    found, _ = figure_findings(members)
    # 140 vs 150 since 2009 is a disagreement; 'three' open ones are another quantity, not a third side
    assert [sorted(s.value for s in d.sides) for d in found] == [["140 lift", "150 lift"]]


def test_one_unit_in_two_places_is_not_a_disagreement(tmp_path):
    """Snowfall in two towns is two quantities; the same town's snowfall told twice is one."""
    texts = {"a.txt": "Storm report\n\nIn Brackwell, more than 19 inches of snow fell on Thursday.\n",
             "b.txt": "Storm totals\n\nThe storm dropped as much as 13 inches of snow on Ferrow County on Thursday.\n",
             "c.txt": "Snow totals\n\nForecasters said 12 inches of snow fell on Ferrow County on Thursday.\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    members = [(n, load_document(tmp_path / n, max_bytes=10**6)) for n in sorted(texts)]
    found, _ = figure_findings(members)
    assert [sorted(s.source for s in d.sides) for d in found] == [["b.txt", "c.txt"]]
