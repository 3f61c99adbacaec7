"""The story summary code writes on the embedded model, on articles written for the tests (tests/fixtures/story-summary/).

Three outlets report one invented fire at a timber mill in Greymoor: lakeside-tribune and north-wire open
with nearly the same sentence (wire copy), valley-voice restates it in other words as its second sentence.
Briefs come from the embedded model's settings with a fake transport (no model runs): on the embedded
model the pipeline asks for no summary, so every brief summary, and the story summary, is code's.
"""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES

from summarizer.backends.client import ModelClient
from summarizer.backends.testing import ScriptedTransport, completion, valid_draft
from summarizer.brief.pipeline import brief_document
from summarizer.brief.types import Brief, Meta, Source
from summarizer.config import resolve_settings
from summarizer.story.build import build_story
from summarizer.story.summary import member_statements, story_statements, summary_statements
from summarizer.text.documents import load_document

FIRE = FIXTURES / "story-summary"


def local_client(transport) -> ModelClient:
    settings = resolve_settings(base_url=None, cassette_mode="off")
    assert settings.is_local
    return ModelClient(settings, transport, sleep=lambda s: None)


@pytest.fixture(scope="module")
def fire():
    transport = ScriptedTransport(*[lambda req: completion(valid_draft(req))] * 10)
    client = local_client(transport)
    try:
        members = []
        for p in sorted(FIRE.glob("*.txt")):
            doc = load_document(p, max_bytes=10**6)
            members.append((p.name, doc, brief_document(doc, client)))
        asked = len(transport.requests)
        story = build_story("greymoor-fire", members, client)
        return story, members, len(transport.requests) - asked
    finally:
        client.close()


def _words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.lower())


def _in_order(words: list[str], text: str) -> bool:
    """Whether ``words`` occur in ``text`` in this order (a compressed sentence of it)."""
    it = iter(_words(text))
    return all(w in it for w in words)


def test_the_embedded_model_is_not_asked_for_the_story_summary(fire):
    story, members, story_requests = fire
    assert story_requests == 0
    assert story.headline == members[0][2].headline and story.meta.model == "" and story.meta.usage.requests == 0


def test_a_statement_two_outlets_open_with_is_said_once(fire):
    story, _, _ = fire
    assert story.summary.count("A fire destroyed the old timber mill in Greymoor on Tuesday night") == 1
    assert "forced 40 families" not in story.summary, "north-wire's copy of the opening is dropped"
    assert "The timber mill was destroyed by fire" not in story.summary, "valley-voice's restatement is dropped"
    assert story.summary.count("40 families") == 1


def test_every_summary_sentence_is_text_of_one_article(fire):
    story, members, _ = fire
    sentences = [s for s in re.split(r"(?<=\.) (?=[A-Z])", story.summary) if s]
    assert len(sentences) >= 5
    for s in sentences:
        assert any(_in_order(_words(s), doc.text) for _, doc, _ in members), s


def test_each_outlet_adds_what_only_it_reports_leads_first(fire):
    story, _, _ = fire
    for news in ("three towns fought the blaze", "stood empty since 2019", "council will meet on Friday",
                 "could cost up to 300,000 euros"):
        assert news in story.summary
    where = [story.summary.index(s) for s in ("A fire destroyed", "council will meet on Friday", "three towns", "since 2019")]
    assert where == sorted(where), "every source's first statement, then every second, in source order"


def test_a_members_summary_sentences_are_not_said_again_as_statements(fire):
    _, members, _ = fire
    for _, doc, brief in members:
        own = summary_statements(brief)
        statements = member_statements(doc, brief)
        assert statements[: len(own)] == own and len(statements) > len(own)
        for s in statements[len(own):]:
            assert not any(_in_order(_words(s), o) for o in own), f"{s!r} repeats the summary"


def test_a_summary_sentence_shown_without_its_dateline_is_not_said_again():
    from summarizer.brief.summary import extractive_summary
    from summarizer.text.documents import document_from_bytes
    from summarizer.text.sentences import split_sentences

    text = ("HALVIK BAY, Ont. - Storm waves damaged the Kessel Point pier on Monday, officials said. Repairs would cost "
            "$1.2 million. The pier will stay shut for three days. Ferries will use the north wharf until Friday.")
    doc = document_from_bytes(text.encode(), path="pier.txt", fmt="text", max_bytes=10**6)
    brief = _brief(extractive_summary(split_sentences(doc.body)))
    assert brief.summary.startswith("Storm waves damaged")
    assert member_statements(doc, brief) == [*summary_statements(brief), "Ferries will use the north wharf until Friday."]


def _brief(summary: str) -> Brief:
    return Brief(headline="h", summary=summary, source=Source(path="a.txt", sha256="0" * 64),
                 meta=Meta(model="m", backend="b", prompt_version="p", schema_version="v"))


def test_story_statements_go_by_position_drop_repeats_and_keep_to_the_budget():
    b = _brief("The harbour road in Marlow Cove floods in a storm. A bakery owner says trade fell by half.")
    assert summary_statements(b) == ["The harbour road in Marlow Cove floods in a storm.", "A bakery owner says trade fell by half."]
    a = ["Storm floods the harbour road in Marlow Cove.", "The council closes the road for three days.", "Buses run on the hill route."]
    taken = story_statements([a, summary_statements(b)], words=None)
    assert taken == [(0, a[0]), (0, a[1]), (1, "A bakery owner says trade fell by half."), (0, a[2])]
    assert len(story_statements([a, summary_statements(b)], same=1.01, words=None)) == 5, "nothing dropped above full overlap"
    assert [t for _, t in story_statements([a], words=14)] == [a[0], a[2]], "a statement over the budget is skipped"
    assert story_statements([["One very long opening statement of many words here."]], words=3) != [], "the first is kept"
    assert story_statements([[""], []]) == []
