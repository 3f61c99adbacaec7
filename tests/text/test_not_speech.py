"""Quotation marks around things nobody said are not quotations: ids, addresses, handles, scare quotes."""

from __future__ import annotations

from summarizer import document_from_bytes
from summarizer.text.analysis import analyse

ARTICLE = """The council vote on the ferry subsidy was close.
"We cannot keep the crossing open on goodwill alone," said councillor Ruth Adeyemi.
The so-called "lifeline" fare would end in May, and a post with the id "1789012345678" circulated widely,
linking to "pic.twitter.com/ferryvote" and to "@ferrywatch".
Asked whether she would resign, Adeyemi answered: "Never."
"""


def _quotes():
    doc = document_from_bytes(ARTICLE.encode(), path="vote.txt", fmt="text", max_bytes=10**6)
    return {q.text.strip(" .,"): q.speaker for q in analyse(doc).quotations}


def test_ids_addresses_handles_and_unattributed_single_words_are_not_quotations():
    quotes = _quotes()
    for junk in ("lifeline", "1789012345678", "pic.twitter.com/ferryvote", "@ferrywatch"):
        assert junk not in quotes


def test_real_quotations_stay_even_one_word_when_someone_says_it():
    quotes = _quotes()
    assert quotes["We cannot keep the crossing open on goodwill alone"] == "Ruth Adeyemi"
    assert "Never" in quotes and quotes["Never"]
