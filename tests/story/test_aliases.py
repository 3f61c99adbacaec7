"""Spelling variants of one actor across sources are aliases, not disagreements (tests/fixtures/story-aliases/).

Two outlets report one invented dock strike: north-ledger writes 'Halvik', 'Yevgeny Orlov' and 'Maryam
Qadri' and 'a three-day strike'; coastal-times writes 'Halvick', 'Evgeny Orlov', 'Mariam Qadri' and 'a
four-day strike'. The strike's length is the one disagreement; the spellings belong to the actors.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES

from summarizer.backends.client import ModelClient
from summarizer.backends.testing import ScriptedTransport, completion, valid_draft
from summarizer.brief.pipeline import brief_document
from summarizer.config import resolve_settings
from summarizer.story.build import build_story
from summarizer.story.render import render_story_markdown
from summarizer.story.table import fact_table
from summarizer.text.documents import load_document

ALIASES = FIXTURES / "story-aliases"  # not under story/: tests brief that folder whole
NORTH, COAST = "north-ledger.txt", "coastal-times.txt"


@pytest.fixture(scope="module")
def story():
    transport = ScriptedTransport(*[lambda req: completion(valid_draft(req)) for _ in range(20)])
    client = ModelClient(resolve_settings(base_url="http://127.0.0.1:9/v1", model="m"), transport, sleep=lambda s: None)
    try:
        members = []
        for p in sorted(ALIASES.glob("*.txt")):
            doc = load_document(p, max_bytes=10**6)
            members.append((p.name, doc, brief_document(doc, client)))
    finally:
        client.close()
    return build_story("story-01-halvik", members)


def _actor(story, spelling: str):
    found = [a for a in story.actors if spelling in [a.name, *a.aliases]]
    assert len(found) == 1, [(a.name, a.aliases) for a in story.actors]
    return found[0]


@pytest.mark.parametrize("north, coast", [("Halvik", "Halvick"), ("Yevgeny Orlov", "Evgeny Orlov"), ("Maryam Qadri", "Mariam Qadri")])
def test_each_spelling_variant_is_an_alias_of_one_actor_with_the_sources_that_use_it(story, north, coast):
    actor = _actor(story, north)
    assert actor is _actor(story, coast)
    assert {actor.name, *actor.aliases} >= {north, coast}
    assert {v.text: v.sources for v in actor.spellings} == {north: [NORTH], coast: [COAST]}
    assert actor.sources == [COAST, NORTH]


def test_a_short_form_is_an_alias_but_no_spelling_variant(story):
    orlov = _actor(story, "Yevgeny Orlov")
    assert "Orlov" in orlov.aliases and "Orlov" not in {v.text for v in orlov.spellings}


def test_the_only_disagreement_is_the_figure_not_the_spellings(story):
    assert [(d.kind, d.topic) for d in story.discrepancies] == [("figure", "strike (days)")]
    assert {(s.source, s.value) for s in story.discrepancies[0].sides} == {(NORTH, "three-day"), (COAST, "four-day")}
    questions = " ".join(q.question for q in story.open_questions)
    assert "spelling" not in questions and "Halvick" not in questions
    assert all(r.kind != "name" for r in fact_table(story))


def test_the_story_brief_shows_who_spells_it_how(story):
    md = render_story_markdown(story, {})
    assert "Spelled Halvick by coastal-times.txt; Halvik by north-ledger.txt" in md
