"""An article with no publication date: relative dates stay unresolved, and the brief says why once."""

from __future__ import annotations

from conftest import run

UNDATED = """Ferry crews walk out over rota changes

Crews on the Kestrel Ford ferry walked out on Monday after managers changed the rota.
The operator said yesterday that a reduced service would run until talks resume next week.
Union organiser Pia Lindqvist said the crews had been given two days' notice of the change.
"""


def test_no_publication_date_is_said_once_and_absolute_dates_still_resolve(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED + "The previous strike, on 3 March 2025, lasted four days.\n")
    doc, brief, _ = run(path)
    assert doc.published is None
    about_date = [w for w in brief.warnings if "publication date" in w or "could not be resolved" in w]
    assert len(about_date) == 1 and "--published" in about_date[0]
    assert all(e.date is None for e in brief.key_events if e.when and "2025" not in e.when)
    assert any(e.date == "2025-03-03" for e in brief.key_events if "2025" in (e.when or "")) or \
        not any("2025" in (e.when or "") for e in brief.key_events)
