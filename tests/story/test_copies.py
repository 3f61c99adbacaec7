"""Exact and near-duplicate copies (summarizer.story.copies), on the hard-case fixture articles."""

from conftest import FIXTURES

from summarizer.story.copies import find_copies, jaccard, shingles

HARD = FIXTURES / "story" / "hard"


def _texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(HARD.glob("*.txt"))}


def test_different_reports_of_one_event_are_not_copies():
    assert find_copies(_texts()) == {}


def test_a_byte_identical_copy_and_a_lightly_edited_copy_are_found():
    texts = _texts()
    original = texts["harbour-wire-2025-10.txt"]
    texts["republished.txt"] = original
    texts["zz-edited.txt"] = original.replace("VARNHOLT, October 27, 2025", "VARNHOLT (Wire)") + "\nCopyright the wire.\n"
    assert find_copies(texts) == {"harbour-wire-2025-10.txt": ["republished.txt", "zz-edited.txt"]}


def test_shingles_and_jaccard():
    assert shingles("A b c", size=5) == {"a b c"}
    assert len(shingles("one two three four five six", size=5)) == 2
    assert jaccard({"x"}, {"x", "y"}) == 0.5
    assert jaccard(set(), set()) == 0.0


def test_the_grouping_file_lists_copies_and_reads_back(tmp_path):
    from summarizer.story.grouping import read_groups, write_groups

    path = tmp_path / "stories.json"
    write_groups(path, {"s1": ["a.txt", "b.txt"]}, copies={"a.txt": ["b.txt"]})
    import json

    assert json.loads(path.read_text())["copies"] == {"a.txt": ["b.txt"]}
    assert read_groups(path, ["a.txt", "b.txt"]) == {"s1": ["a.txt", "b.txt"]}
