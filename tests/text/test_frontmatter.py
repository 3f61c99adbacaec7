"""Front matter read by PyYAML and tomllib: folded titles, TOML blocks, ISO datetimes."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from summarizer.text.documents import document_from_bytes, load_document
from summarizer.text.frontmatter import find_front_matter, iso_day

MAX = 10**6
BODY = "The council voted on Tuesday to close the harbour for three days.\n\n\"We had no choice,\" Mayor Ana Ruiz said.\n"


def _md(tmp_path, text: str, name: str = "post.md"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return load_document(p, max_bytes=MAX)


def test_yaml_folded_title_is_the_title_not_its_indicator(tmp_path):
    doc = _md(tmp_path, "---\ntitle: >-\n  Harbour closes\n  for three days\ndate: 2024-10-28\n---\n" + BODY)
    assert doc.title == "Harbour closes for three days"
    assert doc.published == "2024-10-28"
    assert doc.body.startswith("The council voted")


def test_yaml_iso_datetime_is_the_publication_date(tmp_path):
    doc = _md(tmp_path, "---\ntitle: Harbour\ndate: 2024-10-28T09:30:00+02:00\n---\n" + BODY)
    assert doc.published == "2024-10-28"


def test_quoted_iso_datetime_string_is_read(tmp_path):
    doc = _md(tmp_path, "---\ntitle: Harbour\npublished: \"2024-10-28T23:30:00Z\"\n---\n" + BODY)
    assert doc.published == "2024-10-28"


def test_toml_front_matter_is_metadata_not_article_text(tmp_path):
    doc = _md(tmp_path, '+++\ntitle = "Harbour closes"\ndate = 2024-10-28T09:30:00Z\ntags = ["port"]\n+++\n' + BODY)
    assert doc.title == "Harbour closes"
    assert doc.published == "2024-10-28"
    assert "+++" not in doc.body and "title =" not in doc.body
    assert doc.body.startswith("The council voted")
    assert doc.text.startswith("+++")  # offsets still refer to the file as it is


def test_broken_yaml_is_a_warning_and_stays_out_of_the_body(tmp_path):
    doc = _md(tmp_path, "---\ntitle: [unclosed\n---\n" + BODY)
    assert any("YAML front matter could not be read" in w for w in doc.warnings)
    assert doc.body.startswith("The council voted")


def test_stdin_sniffs_front_matter():
    raw = ("---\ntitle: >-\n  From standard input\ndate: 2024-10-28\n---\n" + BODY).encode()
    doc = document_from_bytes(raw, path="-", max_bytes=MAX)
    assert doc.format == "markdown"
    assert doc.title == "From standard input"
    assert doc.published == "2024-10-28"
    assert document_from_bytes(raw, path="-", fmt="text", max_bytes=MAX).title == "From standard input"


def test_a_dashed_rule_later_in_the_text_is_not_front_matter():
    assert find_front_matter("Intro\n---\ntitle: x\n---\n").end == 0


@pytest.mark.parametrize("value,expected", [
    (date(2024, 10, 28), "2024-10-28"),
    (datetime(2024, 10, 28, 23, 0, tzinfo=timezone.utc), "2024-10-28"),
    ("2024-10-28T09:30:00Z", "2024-10-28"),
    ("2024-10-28", "2024-10-28"),
    ("last week", None),
    (20241028, None),
])
def test_iso_day(value, expected):
    assert iso_day(value) == expected


def test_dashed_rules_in_plain_text_are_no_warning(tmp_path):
    p = tmp_path / "note.txt"
    p.write_text("---\nThe mayor said: we will: rebuild it\n---\n" + BODY, encoding="utf-8")
    assert load_document(p, max_bytes=MAX).warnings == ()
