"""Story grouping and story briefs, on articles written for the tests (tests/fixtures/story/).

Four outlets report one invented event (a barge hits the Kestrel Ford ferry
terminal): riverside-gazette says 'a three-day closure', valley-herald 'a
four-day closure' and spells the place 'Kestrelford'. Two more articles report
an unrelated hailstorm in the Saltmere valley. Briefs come from a fake model
(summarizer.backends.testing.valid_draft), so everything checked here is the work of code.
"""

from __future__ import annotations

import json
import random
import re

import httpx
import pytest

from conftest import FIXTURES, ROOT

from summarizer.backends.testing import ScriptedTransport, completion, valid_draft
from summarizer.config import resolve_settings
from summarizer.story.discrepancies import figure_findings, find_quantities
from summarizer.text.documents import document_from_bytes, load_document
from summarizer.text.names import cluster_names, entity_mentions, same_name
from summarizer.errors import ConfigError
from summarizer.story.grouping import group_articles, grouping_scores, read_groups, write_groups
from summarizer.backends.client import ModelClient
from summarizer.brief.types import OpenQuestion
from summarizer.brief.pipeline import brief_document
from summarizer.story.build import build_story, story_json_schema
from summarizer.story.render import render_story_index, render_story_markdown
from summarizer.story.summary import story_summary

STORY = FIXTURES / "story"
FERRY = ["county-courier.txt", "river-news.txt", "riverside-gazette.txt", "valley-herald.txt"]
HAIL = ["mountain-post.txt", "orchard-weekly.txt"]
EVIL = "<script>alert('x')</script> **bold** [link](javascript:alert(1)) | `tick` <img src=x onerror=alert(1)>"


def _client(*answers) -> ModelClient:
    transport = ScriptedTransport(*(answers or [lambda req: completion(valid_draft(req)) for _ in range(50)]))
    return ModelClient(resolve_settings(base_url="http://127.0.0.1:9/v1", model="m"), transport, sleep=lambda s: None)


def _brief_all(paths) -> list:
    client = _client()
    try:
        items = []
        for p in paths:
            doc = load_document(p, max_bytes=10**6)
            items.append((p.name, doc, brief_document(doc, client)))
        return items
    finally:
        client.close()


@pytest.fixture(scope="module")
def items():
    return _brief_all(sorted(STORY.glob("*.txt")))


@pytest.fixture(scope="module")
def ferry(items):
    members = [i for i in items if i[0] in FERRY]
    return build_story("story-01-kestrel-ford", members), {p: d for p, d, _ in members}


# --- grouping -------------------------------------------------------------------------------------------------------


def test_grouping_puts_each_event_together(items):
    groups = group_articles(items)
    assert list(groups.values()) == [FERRY, HAIL]
    ferry_id, hail_id = groups
    assert ferry_id == "story-01-kestrel-ford"
    assert hail_id.startswith("story-02-")


def test_an_unrelated_single_article_is_a_story_of_one(items):
    lone = _brief_all([FIXTURES / "short.txt"])
    groups = group_articles(items + lone)
    assert sorted(groups.values()) == sorted([FERRY, HAIL, ["short.txt"]])
    assert [k for k, v in groups.items() if v == ["short.txt"]][0].startswith("story-03-")


def test_grouping_does_not_depend_on_input_order(items):
    shuffled = list(items)
    random.Random(3).shuffle(shuffled)
    assert group_articles(shuffled) == group_articles(items)


def test_a_high_threshold_splits_and_a_zero_threshold_merges(items):
    assert len(group_articles(items, threshold=0.99)) == len(items)
    assert len(group_articles(items, threshold=0.0)) == 1


def test_spelling_variants_are_one_name():
    assert same_name("Kestrel Ford", "Kestrelford")
    assert same_name("Hmeimim", "Khmeimim") and same_name("Tartus", "Tartous")
    assert same_name("Ahmad Karimi", "Ahmed Karimi")
    assert not same_name("Donald Trump", "Donald Tusk")
    assert not same_name("Ines Varga", "Anna Varga")
    names = ["Ines Varga", "Varga", "Anna Kovacs", "Kovacs", "Eva Kovacs"]
    assert [[names[i] for i in g] for g in cluster_names(names)] == [["Ines Varga", "Varga"], ["Anna Kovacs"], ["Kovacs"], ["Eva Kovacs"]]


def test_entities_drop_titles_and_sentence_initial_words():
    text = "Commuters waited. Harbour master Ines Varga said the Tamsin River Authority would act. Varga agreed."
    assert [n for n, _, _ in entity_mentions(text)] == ["Ines Varga", "Tamsin River Authority", "Varga"]
    assert all(text[s:e] == n for n, s, e in entity_mentions(text))


def test_groups_file_round_trips(tmp_path, items):
    groups = group_articles(items)
    path = tmp_path / "stories.json"
    write_groups(path, groups)
    data = json.loads(path.read_text())
    assert "edit" in data["comment"] and data["stories"] == groups
    assert read_groups(path, [p for p, _, _ in items]) == groups


def test_groups_file_edits_are_validated(tmp_path):
    path = tmp_path / "stories.json"
    articles = ["a.txt", "b.txt", "c.txt"]

    def write(obj):
        path.write_text(json.dumps(obj) if not isinstance(obj, str) else obj)

    write({"stories": {"mine": ["a.txt", "nope.txt"]}})
    with pytest.raises(ConfigError) as exc:
        read_groups(path, articles)
    assert str(exc.value).startswith(str(path)) and "nope.txt" in str(exc.value)
    write({"stories": {"one": ["a.txt"], "two": ["b.txt", "a.txt"]}})
    with pytest.raises(ConfigError, match="a.txt.*two stories"):
        read_groups(path, articles)
    write({"stories": ["a.txt"]})
    with pytest.raises(ConfigError, match="stories"):
        read_groups(path, articles)
    write("{not json")
    with pytest.raises(ConfigError, match="not valid JSON"):
        read_groups(path, articles)
    write({"stories": {"mine": ["b.txt", "a.txt"]}})
    assert read_groups(path, articles) == {"mine": ["a.txt", "b.txt"], "story-c": ["c.txt"]}


def test_grouping_scores():
    gold = {"1": "x", "2": "x", "3": "y", "4": "y"}
    assert grouping_scores({"a": ["1", "2"], "b": ["3", "4"]}, gold)["f1"] == 1.0
    s = grouping_scores({"a": ["1", "2", "3"], "b": ["4"]}, gold)
    assert (s["purity"], s["completeness"], s["stories"], s["gold_stories"]) == (0.75, 0.75, 2, 2)
    s = grouping_scores({"all": ["1", "2", "3", "4"]}, gold)
    assert (s["purity"], s["completeness"]) == (0.5, 1.0)
    s = grouping_scores({str(i): [p] for i, p in enumerate(gold)}, gold)
    assert (s["purity"], s["completeness"]) == (1.0, 0.5)


# --- the story brief ------------------------------------------------------------------------------------------------


def test_spelling_variants_merge_into_one_actor_with_aliases(ferry):
    story, _ = ferry
    place = [a for a in story.actors if "Kestrelford" in [a.name, *a.aliases] or a.name == "Kestrel Ford"]
    assert len(place) == 1
    assert place[0].name == "Kestrel Ford" and "Kestrelford" in place[0].aliases
    assert place[0].kind == "place" and place[0].sources == FERRY
    captain = [a for a in story.actors if "Karimi" in a.name]
    assert len(captain) == 1 and {captain[0].name, *captain[0].aliases} >= {"Ahmad Karimi", "Ahmed Karimi"}


def test_figure_discrepancy_has_both_sides_with_verbatim_evidence(ferry):
    story, docs = ferry
    figures = [d for d in story.discrepancies if d.kind == "figure"]
    assert len(figures) == 1
    d = figures[0]
    assert "closure" in d.topic
    assert {(s.source, s.value) for s in d.sides} == {("riverside-gazette.txt", "three-day"), ("valley-herald.txt", "four-day")}
    for side in d.sides:
        assert docs[side.source].text[side.start : side.end] == side.evidence
        assert f"{side.value} closure" in side.evidence


def test_each_discrepancy_is_an_open_question(ferry):
    story, _ = ferry
    assert story.discrepancies
    for d in story.discrepancies:
        q = [oq.question for oq in story.open_questions if all(s.value in oq.question and s.source in oq.question for s in d.sides)]
        assert q and q[0].endswith("Which is right?")
    assert any("three-day" in q.question and "four-day" in q.question for q in story.open_questions)


def test_a_spelling_difference_is_an_alias_with_its_sources_not_a_discrepancy(ferry):
    story, docs = ferry
    assert all(d.kind != "name" and "spelling" not in d.topic for d in story.discrepancies)
    place = next(a for a in story.actors if a.name == "Kestrel Ford")
    spelled = {v.text: v.sources for v in place.spellings}
    assert spelled["Kestrelford"] == ["valley-herald.txt"] and "riverside-gazette.txt" in spelled["Kestrel Ford"]
    for text, sources in spelled.items():
        assert all(text in docs[p].text for p in sources)


def test_agreed_facts_need_two_sources(ferry, items):
    story, _ = ferry
    assert story.agreed_facts
    assert all(len({e.path for e in f.sources}) >= 2 for f in story.agreed_facts)
    figures = {f.what: {e.path for e in f.sources} for f in story.agreed_facts if f.kind == "figure"}
    assert figures["40 passengers"] == {"county-courier.txt", "riverside-gazette.txt", "valley-herald.txt"}
    assert not any("day" in what for what in figures)  # three vs four days is a discrepancy, not agreement
    one = build_story("story-x", [i for i in items if i[0] == "river-news.txt"])
    assert one.agreed_facts == [] and one.discrepancies == []
    hail = build_story("story-02", [i for i in items if i[0] in HAIL])
    assert [d for d in hail.discrepancies if d.kind == "figure"] == []


def test_every_item_points_at_article_text(ferry):
    story, docs = ferry
    assert [s.path for s in story.sources] == FERRY
    for e in story.timeline:
        for s in e.sources:
            assert docs[s.path].text[s.start : s.end] == s.evidence
    assert any(len(e.sources) >= 3 for e in story.timeline)  # the collision, reported by several outlets
    dated = [e.date for e in story.timeline if e.date]
    assert dated == sorted(dated) and "2025-03-10" in dated
    for q in story.quotes:
        assert docs[q.source].text[q.start : q.end] == q.text
    assert ("Ines Varga", "county-courier.txt") in {(q.speaker, q.source) for q in story.quotes}
    for f in story.agreed_facts:
        for e in f.sources:
            assert docs[e.path].text[e.start : e.end] == e.text


def test_differently_dated_reports_of_one_event_are_a_date_discrepancy():
    client = _client()
    members = []
    for name, day in (("a.txt", "Monday"), ("b.txt", "Sunday")):
        text = f"Barge hits pier\n\nMarch 11, 2025 \u2014 A grain barge struck the ferry pier at Kestrel Ford on {day} evening, damaging the landing stage.\n\nOfficials are inspecting the pier."
        doc = document_from_bytes(text.encode(), path=name, fmt="text", max_bytes=10**6)
        members.append((name, doc, brief_document(doc, client)))
    story = build_story("s", members)
    dates = [d for d in story.discrepancies if d.kind == "date"]
    assert len(dates) == 1
    assert {(s.source, s.value) for s in dates[0].sides} == {("a.txt", "on Monday evening (2025-03-10)"), ("b.txt", "on Sunday evening (2025-03-09)")}
    assert not any(f.kind == "event" and "barge" in f.what for f in story.agreed_facts)
    assert any("Which is right?" in q.question and "Monday" in q.question for q in story.open_questions)


def test_quantities_are_read_by_code():
    text = ("Officials ordered a three-day closure on March 11. The $1.2 million repair will take four days. "
            "A 63-year-old man and 40 passengers were aboard in 2019 flooding. More than 100 people were hurt.")
    doc = document_from_bytes(text.encode(), path="q.txt", fmt="text", max_bytes=10**6)
    found = [(q.text, q.value, q.unit) for q in find_quantities("q.txt", doc)]
    assert found == [("three-day", 3, "day"), ("$1.2 million", 1.2e6, "dollar"), ("four days", 4, "day"),
                     ("40 passengers", 40, "passenger"), ("100 people", 100, "person")]
    other = document_from_bytes(b"The blast hurt 120 people, and the closure of the road lasted two days.", path="r.txt", fmt="text", max_bytes=10**6)
    conflicts, _ = figure_findings([("q.txt", doc), ("r.txt", other)])
    assert conflicts == []  # 'more than 100' and '120' agree; four days of repairs is not a two-day road closure


def test_markdown_escapes_article_text_and_puts_discrepancies_first(ferry):
    story, _ = ferry
    evil = story.model_copy(deep=True)
    evil.headline = EVIL
    evil.discrepancies[0].sides[0].evidence = EVIL
    evil.actors[0].aliases.append(EVIL)
    evil.quotes[0].text = EVIL
    evil.open_questions.append(OpenQuestion(question=EVIL, basis=EVIL))
    links = {p: f"briefs/{p}.md" for p in FERRY}
    links["river-news.txt"] = "javascript:alert(1)"
    md = render_story_markdown(evil, links)
    assert "<script>" not in md and "<img" not in md
    assert not re.search(r"(?<!\\)\]\(javascript:", md)  # only the escaped text of EVIL, never a link
    assert "Passengers describe the moment a barge hit the Kestrel Ford ferry terminal ·" in md  # unlinked title
    assert "&lt;script&gt;" in md
    assert "[Ferry terminal at Kestrel Ford shut after barge strikes landing stage](briefs/riverside-gazette.txt.md)" in md
    assert md.index("Where the sources disagree") < md.index("## Timeline") < md.index("## Actors")
    assert "> KESTRELFORD, March 11, 2025 — The Kestrelford ferry terminal will stay shut" in md
    assert "**four-day** according to" in md


def test_story_index_links_stories_and_article_briefs(ferry):
    story, _ = ferry
    md = render_story_index([story], {story.story_id: "stories/story-01-kestrel-ford.md"}, {"valley-herald.txt": "valley herald.md"})
    assert "[story-01-kestrel-ford](stories/story-01-kestrel-ford.md)" in md
    assert "[Kestrelford ferry crossing closed after collision](valley%20herald.md)" in md
    assert md.rstrip().endswith(f"| {len(story.discrepancies)} |") and len(story.discrepancies) == 1  # the closure


# --- schema and the optional model call -----------------------------------------------------------------------------


def test_published_story_schema_matches_the_models():
    published = json.loads((ROOT / "schemas" / "story.schema.json").read_text())
    assert published == story_json_schema(), "schema drift: regenerate schemas/story.schema.json from story_json_schema()"


def test_every_story_field_has_a_description():
    schema = story_json_schema()
    for name, definition in schema["$defs"].items():
        for field, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{field} has no description"
    for field, prop in schema["properties"].items():
        assert prop.get("description"), f"StoryBrief.{field} has no description"


def test_story_json_round_trips(ferry):
    story, _ = ferry
    assert type(story).model_validate_json(story.model_dump_json()) == story


def test_the_model_writes_headline_and_summary_when_its_numbers_are_in_the_articles(items):
    members = [i for i in items if i[0] in FERRY]
    answer = {"headline": "Barge strikes Kestrel Ford ferry terminal", "summary": "A barge hit the terminal with 40 passengers aboard. Reports differ on a three- or four-day closure."}
    client = _client(completion(answer))
    story = build_story("s", members, client)
    assert (story.headline, story.summary) == (answer["headline"], answer["summary"])
    assert story.warnings == [] and story.meta.model == "m" and story.meta.usage.requests == 1 and story.meta.prompt_version


def test_an_invented_number_in_the_model_summary_falls_back_with_a_warning(items):
    members = [i for i in items if i[0] in FERRY]
    transport = ScriptedTransport(completion({"headline": "Barge hits terminal", "summary": "The terminal will close for 55 days."}))
    client = ModelClient(resolve_settings(base_url="http://127.0.0.1:9/v1", model="m"), transport)
    story = build_story("s", members, client)
    assert (story.headline, story.summary) == (members[0][2].headline, story_summary(members))
    assert any("55" in w and "no article" in w for w in story.warnings)
    prompt = transport.requests[0]["messages"][-1]["content"]
    assert "riverside-gazette.txt" in prompt and "three-day" in prompt  # the model is told what the sources say


def test_a_failing_model_falls_back_with_a_warning(items):
    members = [i for i in items if i[0] in HAIL]
    client = _client(*[httpx.Response(500, json={"error": "down"}) for _ in range(10)])
    story = build_story("s", members, client)
    assert story.headline == members[0][2].headline
    assert any("could not write the story headline" in w for w in story.warnings)


def test_story_command_groups_writes_story_briefs_and_keeps_edited_groupings(tmp_path):
    from typer.testing import CliRunner

    from summarizer.backends.testing import FakeOpenAIServer as FakeOpenAI
    from summarizer.cli import app

    runner = CliRunner()
    src = tmp_path / "in"
    src.mkdir()
    for p in (ROOT / "tests" / "fixtures" / "story").glob("*.txt"):
        (src / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "out"
    with FakeOpenAI() as server:
        r = runner.invoke(app, ["story", str(src), "-o", str(out), "--base-url", server.base_url, "--model", "fake"])
        assert r.exit_code == 0, r.output
        assert server.requests == 6 + 2, "six article briefs and one headline call per multi-article story"
        port = server.server.server_port  # the same server again below: briefs are cached per backend
    written = json.loads((out / "stories.json").read_text())
    groups = written["stories"]
    assert sorted(len(v) for v in groups.values()) == [2, 4]
    ferry = next(sid for sid, members in groups.items() if len(members) == 4)
    # every article of every story has its reasons: the nearest member, the score, what they share
    assert {sid: sorted(r) for sid, r in written["reasons"].items()} == {sid: sorted(m) for sid, m in groups.items()}
    for path, why in written["reasons"][ferry].items():
        assert why["nearest"] in groups[ferry] and why["nearest"] != path and why["shared_names"], (path, why)
    story_md = (out / "stories" / f"{ferry}.md").read_text()
    assert "Kestrelford" in story_md and "Kestrel Ford" in story_md
    story_json = json.loads((out / "stories" / f"{ferry}.json").read_text())
    assert any(d["kind"] == "figure" for d in story_json["discrepancies"])
    index = (out / "stories" / "index.md").read_text()
    assert f"{ferry}.md" in index
    # the user edits the grouping: every article its own story
    edited = {f"s{i}": [p] for i, p in enumerate(sorted(p for ps in groups.values() for p in ps))}
    (out / "stories.json").write_text(json.dumps({"stories": edited}))
    with FakeOpenAI(port=port) as server:
        r = runner.invoke(app, ["batch", str(src), "-o", str(out), "--base-url", server.base_url, "--model", "fake",
                                "--groups", str(out / "stories.json")])
        assert r.exit_code == 0, r.output
        assert server.requests == 0, "cached briefs, and stories of one need no model call"
    assert json.loads((out / "stories.json").read_text())["stories"] == edited
    assert len(list((out / "stories").glob("s*.md"))) == 6
    # regrouping automatically keeps the edited file beside the new one
    with FakeOpenAI(port=port) as server:
        runner.invoke(app, ["story", str(src), "-o", str(out), "--base-url", server.base_url, "--model", "fake"])
    kept = [p for p in out.glob("stories.*.json")]
    assert len(kept) == 1 and json.loads(kept[0].read_text())["stories"] == edited


# --- the hard case: same actors and place, two events months apart ---------------------------------------------------
