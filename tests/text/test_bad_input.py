"""Bad input refused with a clear error (issue 13): no words at all, NUL bytes anywhere, control characters."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from summarizer.errors import BinaryInput, EmptyInput
from summarizer.text.documents import document_from_bytes, load_document

MAX = 1_000_000


@pytest.mark.parametrize("raw", ['"" \u201c\u201d \'\' "\n', "--- \u2014 \u2013 ---\n- - -\n", "... !!! ??? ***\n"])
def test_text_without_a_single_word_is_empty(raw):
    with pytest.raises(EmptyInput) as info:
        document_from_bytes(raw.encode(), path="marks.txt", fmt="text", max_bytes=MAX)
    assert info.value.exit_code == 3 and "marks.txt" in str(info.value)


def test_an_html_page_with_only_navigation_is_empty(tmp_path):
    page = tmp_path / "nav.html"
    page.write_text("<html><head><title>Site</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a> "
                    "<a href='/sport'>Sport</a></nav><ul><li><a href='/a'>About us</a></li><li><a href='/c'>Contact</a>"
                    "</li></ul><footer>Copyright 2024</footer></body></html>")
    with pytest.raises(EmptyInput):
        load_document(page, max_bytes=MAX)


def test_a_nul_byte_anywhere_is_refused():
    raw = (FIXTURES / "short.txt").read_bytes()
    late = raw + b"x" * 9000 + b"\x00 more text\n"
    with pytest.raises(BinaryInput):
        document_from_bytes(late, path="late-nul.txt", fmt="text", max_bytes=MAX)


def test_control_characters_never_reach_the_text():
    raw = (FIXTURES / "short.txt").read_bytes().replace(b"people", b"peo\x1b[31mple\x07", 1)
    doc = document_from_bytes(raw, path="esc.txt", fmt="text", max_bytes=MAX)
    assert "\x1b" not in doc.text and "\x07" not in doc.text and "peo[31mple" in doc.text
