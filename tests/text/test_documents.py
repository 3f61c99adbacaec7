"""Load stage: files and bytes into Documents, with typed errors that name the file."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest

from summarizer.text.documents import clean_body, document_from_bytes, find_publication_date, load_document
from summarizer.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    InputTooLarge,
    MissingInput,
    UndecodableInput,
)

from conftest import ROOT  # noqa: E402
FIXTURES = ROOT / "tests" / "fixtures"
HARBOR = ROOT / "examples" / "harbor-closure.txt"
MAX = 1_000_000


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _assert_names_file(exc: InputError, path: Path | str) -> None:
    assert exc.path == str(path)
    assert str(exc).startswith(f"{path}: ")
    assert exc.exit_code == 3


# --- errors -----------------------------------------------------------------


def test_missing_file_raises_missing_input_naming_the_file(tmp_path):
    p = tmp_path / "nope.txt"
    with pytest.raises(MissingInput) as ei:
        load_document(p, max_bytes=MAX)
    _assert_names_file(ei.value, p)
    assert "no such file" in str(ei.value)


def test_directory_is_not_a_regular_file(tmp_path):
    d = tmp_path / "adir.txt"
    d.mkdir()
    with pytest.raises(MissingInput) as ei:
        load_document(d, max_bytes=MAX)
    _assert_names_file(ei.value, d)
    assert "not a regular file" in str(ei.value)


def test_empty_file_raises_empty_input(tmp_path):
    p = _write(tmp_path, "empty.txt", b"")
    with pytest.raises(EmptyInput) as ei:
        load_document(p, max_bytes=MAX)
    _assert_names_file(ei.value, p)
    assert "empty" in str(ei.value)


def test_whitespace_only_file_raises_empty_input(tmp_path):
    p = _write(tmp_path, "blank.txt", b"  \n\t\r\n   \n")
    with pytest.raises(EmptyInput) as ei:
        load_document(p, max_bytes=MAX)
    _assert_names_file(ei.value, p)


def test_bom_then_whitespace_is_empty(tmp_path):
    p = _write(tmp_path, "bomblank.txt", codecs.BOM_UTF8 + b"   \n\n")
    with pytest.raises(EmptyInput) as ei:
        load_document(p, max_bytes=MAX)
    _assert_names_file(ei.value, p)


def test_only_page_furniture_is_empty(tmp_path):
    p = _write(tmp_path, "furniture.txt", b"Share this article\n\nLeave a comment\nRead more: elsewhere\n")
    with pytest.raises(EmptyInput) as ei:
        load_document(p, max_bytes=MAX)
    _assert_names_file(ei.value, p)
    assert "furniture" in str(ei.value)


def test_binary_file_with_nul_bytes(tmp_path):
    p = _write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(BinaryInput) as ei:
        load_document(p, max_bytes=MAX)
    _assert_names_file(ei.value, p)
    assert "binary" in str(ei.value)


def test_mostly_control_characters_is_binary():
    with pytest.raises(BinaryInput) as ei:
        document_from_bytes(b"\x01\x02\x03\x04\x05\x06abc", path="ctl.bin", max_bytes=MAX)
    _assert_names_file(ei.value, "ctl.bin")


def test_utf16_without_bom_looks_binary():
    raw = "Hello, this is an article".encode("utf-16-le")
    with pytest.raises(BinaryInput):
        document_from_bytes(raw, path="u16.txt", max_bytes=MAX)


def test_latin1_bytes_are_decoded_with_a_warning(tmp_path):
    text = "Le café au lait est servi chaque matin au port, où les pêcheurs déchargent leurs prises.\n"
    p = _write(tmp_path, "latin1.txt", text.encode("latin-1"))
    doc = load_document(p, max_bytes=MAX)
    assert doc.text == text
    assert any("not UTF-8" in w and "charset-normalizer" in w for w in doc.warnings)
    assert doc.sha256 == hashlib.sha256(text.encode("latin-1")).hexdigest()


def test_cp1252_quotes_are_decoded(tmp_path):
    text = "\u201cWe had no choice,\u201d the mayor said on Monday about the harbour, which stays closed for a week.\n"
    doc = load_document(_write(tmp_path, "cp.txt", text.encode("cp1252")), max_bytes=MAX)
    assert doc.text == text
    assert doc.warnings and "decoded as" in doc.warnings[0]


def test_utf8_text_has_no_warning(tmp_path):
    doc = load_document(_write(tmp_path, "u.txt", "The café opened on Monday in the harbour town.".encode()), max_bytes=MAX)
    assert doc.warnings == ()


def test_invalid_bytes_after_utf8_bom_are_undecodable():
    with pytest.raises(UndecodableInput) as ei:
        document_from_bytes(codecs.BOM_UTF8 + b"caf\xe9 and more", path="bom.txt", max_bytes=MAX)
    _assert_names_file(ei.value, "bom.txt")


def test_invalid_utf16_after_bom_is_undecodable():
    # a lone high surrogate
    with pytest.raises(UndecodableInput) as ei:
        document_from_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8", path="bad16.txt", max_bytes=MAX)
    _assert_names_file(ei.value, "bad16.txt")


def test_file_over_max_bytes_is_too_large(tmp_path):
    data = b"A perfectly ordinary article line.\n" * 10
    p = _write(tmp_path, "big.txt", data)
    with pytest.raises(InputTooLarge) as ei:
        load_document(p, max_bytes=100)
    _assert_names_file(ei.value, p)
    assert f"{len(data):,} bytes" in str(ei.value)
    assert "100-byte limit" in str(ei.value)


def test_file_exactly_at_max_bytes_is_accepted(tmp_path):
    data = b"Exactly sized article text."
    p = _write(tmp_path, "exact.txt", data)
    doc = load_document(p, max_bytes=len(data))
    assert doc.text == data.decode()


def test_bytes_over_max_bytes_are_too_large():
    with pytest.raises(InputTooLarge) as ei:
        document_from_bytes(b"x" * 51, path="-", max_bytes=50)
    assert ei.value.path == "-"
    assert str(ei.value).startswith("-: ")


# --- encodings and hashing --------------------------------------------------


def test_plain_utf8_text_and_sha256_of_raw_bytes(tmp_path):
    raw = "Caf\u00e9 owners in Port Ellery \u2014 a story.\nSecond line here.\n".encode("utf-8")
    p = _write(tmp_path, "plain.txt", raw)
    doc = load_document(p, max_bytes=MAX)
    assert doc.text == raw.decode("utf-8")
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.id == doc.sha256[:12]
    assert doc.path == str(p)
    assert doc.format == "text"
    assert doc.title == "Caf\u00e9 owners in Port Ellery \u2014 a story."


def test_utf8_bom_is_stripped_but_hashed(tmp_path):
    raw = codecs.BOM_UTF8 + "Headline with BOM\nBody text follows here.".encode()
    p = _write(tmp_path, "bom.txt", raw)
    doc = load_document(p, max_bytes=MAX)
    assert doc.text == "Headline with BOM\nBody text follows here."
    assert not doc.text.startswith("\ufeff")
    assert doc.title == "Headline with BOM"
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(
    "bom, codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")], ids=["le", "be"]
)
def test_utf16_with_bom_is_decoded(tmp_path, bom, codec):
    content = "H\u00e9lo\u00efse\u2019s bakery reopens\nThe bakery on Elm Row reopened on Monday."
    raw = bom + content.encode(codec)
    p = _write(tmp_path, "u16.txt", raw)
    doc = load_document(p, max_bytes=MAX)
    assert doc.text == content
    assert doc.title == "H\u00e9lo\u00efse\u2019s bakery reopens"
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


# --- markdown front matter --------------------------------------------------


def test_markdown_fixture_front_matter():
    p = FIXTURES / "medium.md"
    raw = p.read_bytes()
    doc = load_document(p, max_bytes=MAX)
    assert doc.format == "markdown"
    assert doc.title == "Northvale rail strike leaves commuters stranded"
    assert doc.published == "2025-06-14"
    assert doc.text == raw.decode("utf-8")  # offsets refer to the file as it is
    assert not doc.body.startswith("---")
    assert "title:" not in doc.body
    assert doc.body.startswith("# Northvale rail strike")
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


def test_markdown_front_matter_quoted_title_and_written_date(tmp_path):
    raw = b"---\ntitle: 'Budget: the vote'\npublished: June 14, 2025\n---\nThe council voted on the budget.\n"
    p = _write(tmp_path, "fm.md", raw)
    doc = load_document(p, max_bytes=MAX)
    assert doc.title == "Budget: the vote"
    assert doc.published == "2025-06-14"
    assert doc.body == "The council voted on the budget."


def test_markdown_front_matter_with_crlf(tmp_path):
    raw = b"---\r\ntitle: CRLF title\r\ndate: 2025-06-14\r\n---\r\nBody here.\r\n"
    doc = load_document(_write(tmp_path, "crlf.md", raw), max_bytes=MAX)
    assert doc.title == "CRLF title"
    assert doc.published == "2025-06-14"
    assert doc.body == "Body here."


def test_markdown_heading_is_title_without_front_matter(tmp_path):
    p = _write(tmp_path, "h.markdown", b"# Heading as title\n\nBody text of the story.\n")
    doc = load_document(p, max_bytes=MAX)
    assert doc.format == "markdown"
    assert doc.title == "Heading as title"
    assert doc.published is None


def test_explicit_published_overrides_found_date():
    doc = load_document(FIXTURES / "medium.md", max_bytes=MAX, published="2020-01-02")
    assert doc.published == "2020-01-02"
    doc = load_document(HARBOR, max_bytes=MAX, published="2020-01-02")
    assert doc.published == "2020-01-02"


# --- HTML -------------------------------------------------------------------


def test_html_fixture_via_trafilatura():
    p = FIXTURES / "page.html"
    raw = p.read_bytes()
    doc = load_document(p, max_bytes=MAX)
    assert doc.format == "html"
    assert doc.title == "Wrenfield General opens new cardiac wing"
    assert doc.published == "2025-04-02"
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert "Wrenfield General Hospital opened its new cardiac wing on Tuesday" in doc.text
    assert "said hospital chief executive Dr. Samuel Adebayo." in doc.text
    assert "An open day for local residents will be held on Saturday, April 12." in doc.body
    for junk in ("cookies", "Accept all", "Manage settings", "dataLayer", "cookie_accept", "addEventListener",
                 "Related stories", "All rights reserved", "Privacy policy", "<p>", "<script"):
        assert junk not in doc.body, junk
        assert junk not in doc.text, junk


def test_html_page_gives_its_address_and_site_name():
    doc = load_document(FIXTURES / "outlet-page.html", max_bytes=MAX)
    assert doc.url == "https://saltmere-observer.example/harbour/2025/06/tide-gauge-fails"  # the canonical link
    assert doc.site_name == "The Saltmere Observer"  # og:site_name
    assert doc.text.startswith("Saltmere tide gauge fails") and "Home" not in doc.text
    plain = load_document(FIXTURES / "page.html", max_bytes=MAX)
    assert (plain.url, plain.site_name) == ("", "")  # a page without them has none
    assert (load_document(HARBOR, max_bytes=MAX).url, load_document(HARBOR, max_bytes=MAX).site_name) == ("", "")


def test_html_page_address_that_is_not_http_is_dropped():
    raw = (FIXTURES / "outlet-page.html").read_bytes()
    for bad in (b"javascript:alert(1)", b"/harbour/relative", b"data:text/html,x"):
        doc = document_from_bytes(raw.replace(b"https://saltmere-observer.example/harbour/2025/06/tide-gauge-fails", bad),
                                  fmt="html", max_bytes=MAX)
        assert doc.url == "", bad
        assert doc.site_name == "The Saltmere Observer"
    og = raw.replace(b'<link rel="canonical"', b'<meta property="og:url" content="https://saltmere-observer.example/og">\n<link rel="x"')
    assert document_from_bytes(og, fmt="html", max_bytes=MAX).url == "https://saltmere-observer.example/og"  # og:url


def test_html_is_sniffed_from_bytes_without_format():
    raw = (FIXTURES / "page.html").read_bytes()
    doc = document_from_bytes(raw, path="-", max_bytes=MAX)
    assert doc.format == "html"
    assert doc.title == "Wrenfield General opens new cardiac wing"
    assert doc.path == "-"


def test_text_is_not_sniffed_as_html():
    doc = document_from_bytes(b"Just a headline\nand a body line.", path="-", max_bytes=MAX)
    assert doc.format == "text"
    assert doc.text == "Just a headline\nand a body line."


def test_html_without_article_text_is_empty(tmp_path):
    p = _write(tmp_path, "blank.html", b"<!DOCTYPE html><html><body><script>var x = 1;</script></body></html>")
    with pytest.raises(EmptyInput) as ei:
        load_document(p, max_bytes=MAX)
    _assert_names_file(ei.value, p)
    assert "HTML" in str(ei.value)


# --- dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, expected",
    [
        (HARBOR, "2024-10-28"),  # "PORT ELLERY — Published October 28, 2024"
        (FIXTURES / "short.txt", "2025-03-03"),  # "MARLOW CREEK, March 3, 2025 —"
        (FIXTURES / "long.txt", "2025-02-10"),  # "Published: 2025-02-10"
    ],
    ids=["harbor", "short", "long"],
)
def test_dateline_publication_dates(path, expected):
    assert load_document(path, max_bytes=MAX).published == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Headline\nPORT ELLERY \u2014 Published October 28, 2024\n\nBody.", "2024-10-28"),
        ("MARLOW CREEK, March 3, 2025 \u2014 The library reopened.", "2025-03-03"),
        ("Headline\nPublished: 2025-02-10\n", "2025-02-10"),
        ("Headline\nBy a reporter, 3 March 2025\n", "2025-03-03"),
        ("Headline\nPublished 2025-02-30, updated March 3, 2025\n", "2025-03-03"),  # impossible date skipped
        ("Head\n\n\n\n\n\n\nLater line: March 3, 2025", None),  # only the opening lines count
        ("No date anywhere in this text.", None),
        ("---\ndate: 2024-01-01\n---\nTitle\nMarch 3, 2025", "2025-03-03"),  # front matter is skipped
    ],
)
def test_find_publication_date(text, expected):
    assert find_publication_date(text) == expected


# --- furniture --------------------------------------------------------------


def test_furniture_dropped_from_body_but_kept_in_text():
    raw = HARBOR.read_bytes()
    doc = load_document(HARBOR, max_bytes=MAX)
    assert doc.text == raw.decode("utf-8")
    for line in ("Read more: Storm season outlook", "Share this article", "Leave a comment"):
        assert line in doc.text
        assert line not in doc.body
    assert doc.body.endswith("keep its usual timetable from the Ferris Street wharf.")
    assert "\n\n\n" not in doc.body
    assert doc.title == "Port Ellery closes main pier for repairs after weekend storm"
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


def test_clean_body_rules():
    text = (
        "Title\n\n\n\n\nPara one.   \nShare this article\nRead more: other story\n  Advertisement  \n"
        "Comments (12)\nRelated stories: x\nShare on Facebook\nSubscribe to our newsletter\nPrint this article\n"
        "Para two mentions Share this article inline.\n"
    )
    assert clean_body(text) == "Title\n\nPara one.\nPara two mentions Share this article inline."


def test_clean_body_strips_front_matter():
    assert clean_body("---\ntitle: T\n---\nBody line.\n") == "Body line."
