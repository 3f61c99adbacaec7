"""Why each article is in its story (summarizer.story.reasons), as written to stories.json."""

from __future__ import annotations

import json
from types import SimpleNamespace

from conftest import FIXTURES

from summarizer.story.copies import find_copies
from summarizer.story.grouping import DEFAULT_THRESHOLD, group_with_features, read_groups, write_groups
from summarizer.story.reasons import grouping_reasons
from summarizer.text.documents import document_from_bytes, load_document

HARD = FIXTURES / "story" / "hard"
NO_BRIEF = SimpleNamespace(key_events=[])
LONE = ("Library extends opening hours\n\nThe Brackenmoor public library will open until nine on weekday evenings from "
        "next month, the town's cultural office said. Students asked for quiet study space before examinations.")


def _items(extra: dict[str, str] | None = None):
    items = [(p.name, load_document(p, max_bytes=10**6), NO_BRIEF) for p in sorted(HARD.glob("*.txt"))]
    for name, text in (extra or {}).items():
        items.append((name, document_from_bytes(text.encode(), path=name, fmt="text", max_bytes=10**6), NO_BRIEF))
    return items


def test_each_article_of_a_story_names_its_nearest_member_and_what_they_share():
    items = _items({"library.txt": LONE})
    groups, features, sims = group_with_features(items)
    reasons = grouping_reasons(features, sims, groups)
    assert reasons.keys() == groups.keys()
    october = next(sid for sid, members in groups.items() if "harbour-wire-2025-10.txt" in members)
    r = reasons[october]["harbour-wire-2025-10.txt"]
    assert r["nearest"] == "coast-daily-2025-10.txt"
    assert r["similarity"] >= DEFAULT_THRESHOLD and r["mean_similarity"] == r["similarity"]  # a story of two
    assert "Varnholt" in r["shared_names"] and "Northgale Airways" in r["shared_names"]
    assert "suspension" in r["shared_terms"]
    assert r["days_apart"] == 1
    assert "alone" not in r and "copy_of" not in r
    # the reasons of one pair read the same from both sides
    back = reasons[october]["coast-daily-2025-10.txt"]
    assert back["nearest"] == "harbour-wire-2025-10.txt" and back["similarity"] == r["similarity"]


def test_an_article_alone_says_how_close_its_nearest_article_came():
    items = _items({"library.txt": LONE})
    groups, features, sims = group_with_features(items)
    lone = next(sid for sid, members in groups.items() if members == ["library.txt"])
    r = grouping_reasons(features, sims, groups)[lone]["library.txt"]
    assert r["alone"] is True and r["similarity"] < DEFAULT_THRESHOLD
    assert r["nearest"] in {p for p, _, _ in items} - {"library.txt"}
    assert r["days_apart"] is None  # the library notice has no date


def test_a_copy_says_which_article_it_copies_and_the_file_keeps_it(tmp_path):
    original = (HARD / "harbour-wire-2025-10.txt").read_text(encoding="utf-8")
    items = _items({"republished.txt": original})
    copies = find_copies({p: d.body for p, d, _ in items})
    groups, features, sims = group_with_features(items)
    reasons = grouping_reasons(features, sims, groups, copies=copies)
    story = next(sid for sid, members in groups.items() if "republished.txt" in members)
    assert "harbour-wire-2025-10.txt" in groups[story]
    assert reasons[story]["republished.txt"]["copy_of"] == "harbour-wire-2025-10.txt"
    assert "copy_of" not in reasons[story]["harbour-wire-2025-10.txt"]
    path = tmp_path / "stories.json"
    write_groups(path, groups, copies=copies, reasons=reasons)
    data = json.loads(path.read_text())
    assert data["reasons"][story]["republished.txt"]["copy_of"] == "harbour-wire-2025-10.txt"
    assert read_groups(path, [p for p, _, _ in items]) == groups  # the reasons are not part of the grouping


def test_a_grouping_the_user_wrote_is_explained_by_the_same_scores():
    items = _items()
    _, features, sims = group_with_features(items)
    mine = {"mine": ["coast-daily-2024-12.txt", "coast-daily-2025-10.txt"],
            "rest": ["harbour-wire-2024-12.txt", "harbour-wire-2025-10.txt"]}
    r = grouping_reasons(features, sims, mine)["mine"]["coast-daily-2024-12.txt"]
    assert r["nearest"] == "coast-daily-2025-10.txt"
    assert r["similarity"] < DEFAULT_THRESHOLD and r["days_apart"] > 300  # what the user joined, code would not have
