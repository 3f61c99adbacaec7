"""The story page: facts x sources table, disagreements with each side's words, timeline, the articles one click away.

Stories are built by code from articles written for the tests (tests/fixtures/story/), briefed by a
fake model (summarizer.backends.testing.valid_draft), as in test_stories.py.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES
from summarizer.backends.client import ModelClient
from summarizer.backends.testing import ScriptedTransport, completion, valid_draft
from summarizer.brief.pipeline import brief_document
from summarizer.config import resolve_settings
from summarizer.story.build import build_story
from summarizer.story.html import brief_href, render_story_html, story_index_page
from summarizer.story.table import DIFFERS, NOT_MENTIONED, REPORTED, fact_table
from summarizer.text.documents import document_from_bytes, load_document

STORY = FIXTURES / "story"
FERRY = ["county-courier.txt", "river-news.txt", "riverside-gazette.txt", "valley-herald.txt"]


def _client() -> ModelClient:
    transport = ScriptedTransport(*[lambda req: completion(valid_draft(req)) for _ in range(50)])
    return ModelClient(resolve_settings(base_url="http://127.0.0.1:9/v1", model="m"), transport, sleep=lambda s: None)


def _members(docs) -> list:
    client = _client()
    try:
        return [(d.path, d, brief_document(d, client)) for d in docs]
    finally:
        client.close()


@pytest.fixture(scope="module")
def ferry():
    members = _members([document_from_bytes((STORY / n).read_bytes(), path=n, fmt="text", max_bytes=10**6) for n in FERRY])
    return build_story("story-01-kestrel-ford", members), {p: d for p, d, _ in members}


class Page(HTMLParser):
    """Start tags with attributes, which <article> each tag is in, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict, str | None]] = []
        self.scripts: list[str] = []
        self._article: str | None = None
        self._script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self._article = a.get("id")
        self.tags.append((tag, a, self._article))
        self._script = tag == "script"

    def handle_endtag(self, tag):
        self._script = False
        if tag == "article":
            self._article = None

    def handle_data(self, data):
        if self._script:
            self.scripts.append(data)


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    return p


def test_fact_table_says_what_each_source_does_with_each_fact(ferry):
    story, _ = ferry
    rows = fact_table(story)
    assert all(list(r.cells) == FERRY for r in rows)  # a cell for every source, in order
    closure = next(r for r in rows if r.what == "closure (days)")
    assert closure.disputed
    assert [(c.status, c.value) for c in closure.cells.values()] == [
        (NOT_MENTIONED, ""), (NOT_MENTIONED, ""), (DIFFERS, "three-day"), (DIFFERS, "four-day")]  # a tie: both differ
    assert not any("spelling" in r.what for r in rows)  # a spelling variant is the actor's alias, not a disputed point
    collision = next(r for r in rows if r.kind == "event" and r.what.startswith("2025-03-10"))
    assert all(c.status == REPORTED for c in collision.cells.values())
    assert rows.index(closure) < rows.index(collision)  # disputed points first
    assert any(r.kind == "agreed figure" and r.what == "40 passengers" for r in rows)


def test_a_source_dating_an_event_differently_differs_in_its_row():
    texts = {name: f"Barge hits pier\n\nMarch 11, 2025 \u2014 A grain barge struck the ferry pier at Kestrel Ford on {day} "
             "evening, damaging the landing stage.\n\nOfficials are inspecting the pier." for name, day in
             (("a.txt", "Monday"), ("b.txt", "Monday"), ("c.txt", "Sunday"))}
    members = _members([document_from_bytes(t.encode(), path=n, fmt="text", max_bytes=10**6) for n, t in texts.items()])
    story = build_story("s", members)
    row = next(r for r in fact_table(story) if r.kind == "event" and "barge" in r.what)
    assert row.disputed and row.what.startswith("2025-03-10")
    assert [c.status for c in row.cells.values()] == [REPORTED, REPORTED, DIFFERS]
    assert row.cells["c.txt"].value == "on Sunday evening (2025-03-09)"
    assert not any(r.kind == "date" for r in fact_table(story))  # shown in the event's row, not twice


def test_story_page_links_every_cell_and_side_to_the_right_article(ferry):
    story, docs = ferry
    page = render_story_html(story, docs)
    p = parse(page)
    where = {a["id"]: art for _, a, art in p.tags if a.get("id", "").startswith("span-")}
    number = {s.path: f"src-{n}" for n, s in enumerate(story.sources, 1)}
    table = page.split('<table id="facts"', 1)[1].split("</table>", 1)[0]
    for row in fact_table(story):
        for path, cell in row.cells.items():
            if cell.status == NOT_MENTIONED:
                assert not cell.item
                continue
            assert f'href="#span-{cell.item}"' in table
            assert where[f"span-{cell.item}"] == number[path]  # the cell's words are in that source's article
    marks = {}
    for tag, a, art in p.tags:
        if tag == "mark":
            for item in a.get("data-items", "").split():
                marks.setdefault(item, art)
    for i, d in enumerate(story.discrepancies, 1):  # every side's evidence, verbatim, linked to its mark
        section = page.split(f'id="disagreement-{i}"', 1)[1].split("<h3", 1)[0]
        for j, side in enumerate(d.sides, 1):
            assert html.escape(side.evidence) in section and f'href="#span-d{i}s{j}"' in section
            assert marks[f"d{i}s{j}"] == number[side.source]
            assert docs[side.source].text[side.start : side.end] == side.evidence
    for _, a, _ in p.tags:  # off-page links: only the sources' brief pages beside the stories folder
        href = a.get("href")
        if href and not href.startswith("#"):
            assert href in {"index.html", "../index.html"} | {brief_href(s) for s in FERRY}, href
        assert "src" not in a
    assert "../valley-herald.brief.html" in {a.get("href") for _, a, _ in p.tags}
    assert page.index('id="facts"') < page.index("Where the sources disagree") < page.index("<h2>Timeline</h2>")


def test_story_page_text_is_the_article_text(ferry):
    story, docs = ferry
    page = render_story_html(story, docs)
    for n, path in enumerate(FERRY, 1):
        pre = page.split(f'<article class="source" id="src-{n}">', 1)[1].split("<pre>", 1)[1].split("</pre>", 1)[0]
        assert html.unescape(re.sub(r"<[^>]+>", "", pre)) == docs[path].text


HOSTILE = ("Bridge shut </style><script>alert('a')</script>\n\n"
           "MILLBROOK, March 11, 2025 \u2014 The council ordered a {n}-day closure of the Mill Lane bridge "
           "<img src=x onerror=alert('b')> after an inspection found cracks. Read <a href=\"javascript:alert('c')\">more</a>.\n\n"
           "\"It <script>could</script> take months,\" said council engineer Dara Whitlow.\n")


def test_hostile_sources_render_inert():
    paths = {"three": "a.txt", "four": 'evil"><img src=x onerror=alert(4)>javascript:alert(5).txt'}
    docs = [document_from_bytes(HOSTILE.format(n=n).encode(), path=p, fmt="text", max_bytes=10**6) for n, p in paths.items()]
    members = _members(docs)
    story = build_story("story-01-<script>alert(6)</script>", members)
    story.headline = "</style><script>alert(7)</script>"
    assert any(d.kind == "figure" and "<img src=x" in d.sides[0].evidence for d in story.discrepancies)
    for page in (render_story_html(story, {p: d for p, d, _ in members}), story_index_page([story])):
        p = parse(page)
        names = [tag for tag, _, _ in p.tags]
        assert names.count("script") == (1 if "<article" in page else 0) and names.count("style") == 1
        assert "img" not in names and "alert" not in "".join(p.scripts)
        for _, attrs, _ in p.tags:
            assert not any(k.startswith("on") for k in attrs)
            assert not (attrs.get("href") or "").lower().startswith("javascript:")
            assert "src" not in attrs
    assert "&lt;img src=x onerror=alert(&#x27;b&#x27;)&gt;" in render_story_html(story, {p: d for p, d, _ in members})


def _hrefs(page: Path) -> list[str]:
    return [a["href"] for tag, a, _ in parse(page.read_text()).tags if tag == "a" and a.get("href") and not a["href"].startswith("#")]


def test_story_command_writes_story_pages_whose_links_resolve(tmp_path):
    from typer.testing import CliRunner
    from urllib.parse import unquote

    from summarizer.backends.testing import FakeOpenAIServer
    from summarizer.cli import app

    src = tmp_path / "in" / "outlets"
    src.mkdir(parents=True)
    for p in STORY.glob("*.txt"):
        (src / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "out"
    with FakeOpenAIServer() as server:
        r = CliRunner().invoke(app, ["story", str(tmp_path / "in"), "-o", str(out), "--base-url", server.base_url, "--model", "fake"])
    assert r.exit_code == 0, r.output
    groups = json.loads((out / "stories.json").read_text())["stories"]
    pages = sorted((out / "stories").glob("*.html"))
    assert {p.name for p in pages} == {f"{sid}.html" for sid in groups} | {"index.html"}
    for page in pages:
        for href in _hrefs(page):
            assert (page.parent / unquote(href)).is_file(), (page.name, href)  # every link lands on a written page
    ferry = next(sid for sid, members in groups.items() if len(members) == 4)
    assert "outlets/valley-herald.txt" in groups[ferry]
    assert "../outlets/valley-herald.brief.html" in _hrefs(out / "stories" / f"{ferry}.html")
    assert "Kestrelford" in (out / "stories" / f"{ferry}.html").read_text()
