"""A non-English article is flagged, since the analysis is English-only."""

from __future__ import annotations

from summarizer.text.documents import document_from_bytes
from summarizer.text.language import english_share, language_warning

from conftest import ARTICLE

GERMAN = (
    "Die Stadtverwaltung hat am Montag die Sperrung des Hafens angekündigt. „Wir haben keine andere Wahl“, "
    "sagte Bürgermeisterin Lena Vogt vor Journalisten. Die Fähren nach Norden fallen für drei Tage aus, und die "
    "Händler am Kai fürchten um ihre Einnahmen. Nach Angaben der Behörde soll die Mole bis zum Wochenende "
    "repariert werden. Viele Pendler müssen nun einen Umweg über die Küstenstraße nehmen.\n"
)


def test_german_article_gets_a_warning():
    doc = document_from_bytes(GERMAN.encode(), path="de.txt", max_bytes=10**6)
    assert any("does not look English" in w for w in doc.warnings)


def test_english_article_gets_none():
    assert english_share(ARTICLE.read_text()) > 0.35
    doc = document_from_bytes(ARTICLE.read_bytes(), path="en.txt", max_bytes=10**6)
    assert not any("English" in w for w in doc.warnings)


def test_too_short_to_judge():
    assert english_share("Hafen gesperrt.") is None
    assert language_warning("Hafen gesperrt.") is None


def test_an_english_results_table_gets_no_warning():
    """Few function words of any language, but English ones: a sports results list is not foreign text."""
    table = "\n".join(f"{i} Piotr Kessler{i} (Poland) 6:4{i}.20 beat Tomas Varga{i} (Hungary) 6:5{i}.01" for i in range(10))
    assert english_share(table) < 0.2
    assert language_warning(table) is None


def test_the_warning_names_the_language_it_reads_as():
    assert "German" in language_warning(GERMAN)
