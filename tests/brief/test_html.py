"""The HTML review page: structure, links from items to spans, and inert hostile text."""

from __future__ import annotations

from html.parser import HTMLParser

from conftest import ARTICLE, run
from summarizer.backends.testing import valid_draft
from summarizer.brief.html import collect_marks, highlight, render_html
from summarizer.brief.types import Status

HOSTILE = (
    "Mill Lane council shuts the old bridge </style><script>alert('a')</script>\n\n"
    "The council closed the Mill Lane bridge on Tuesday after an inspection found cracks. "
    "<img src=x onerror=alert('b')> Read more at <a href=\"javascript:alert('c')\">this link</a>.\n\n"
    "\"We will not let anyone cross a bridge that might fall,\" said council engineer Dara Whitlow. "
    "\"It <script>could</script> take months to repair,\" she added.\n\n"
    "Repairs are expected to begin in the spring, the council said.\n"
)


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def parse(page: str) -> Tags:
    t = Tags()
    t.feed(page)
    return t


def test_page_links_every_found_item_to_its_span():
    doc, brief, _ = run(ARTICLE)
    page = render_html(brief, doc)
    t = parse(page)
    ids = {a.get("id") for _, a in t.tags if a.get("id")}
    links = [a for tag, a in t.tags if tag == "a" and "item" in (a.get("class") or "")]
    assert links, "no brief item links to the article"
    for a in links:
        assert a["href"].startswith("#span-") and a["href"][1:] in ids
    marks = [a for tag, a in t.tags if tag == "mark" and a.get("data-items")]
    shown = [i for i, q in enumerate(brief.quotes, 1) if q.status is not Status.unsupported]
    assert shown, "the example article should have quotes"
    for i in shown:  # every quote is highlighted, with its speaker named on hover
        covering = [m for m in marks if f"q{i}" in m["data-items"].split()]
        assert covering and all("quote" in m["class"] for m in covering)
        assert f"Quote {i}:" in covering[0]["title"]
    for _, attrs in t.tags:  # nothing fetched from anywhere, no link off the page
        assert "src" not in attrs and (attrs.get("href") or "#").startswith("#")


def test_highlighted_text_is_the_article_text():
    doc, brief, _ = run(ARTICLE)
    marks = collect_marks(brief, len(doc.text))
    body = highlight(doc.text, marks)
    import html, re

    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == doc.text


def test_hostile_article_renders_inert(tmp_path):
    f = tmp_path / "hostile.txt"
    f.write_text(HOSTILE)
    doc, brief, _ = run(f)
    page = render_html(brief, doc)
    t = parse(page)
    assert [tag for tag, _ in t.tags].count("script") == 1  # ours only
    assert "alert" not in "".join(t.scripts)
    assert [tag for tag, _ in t.tags].count("style") == 1
    assert "img" not in [tag for tag, _ in t.tags]
    for _, attrs in t.tags:
        assert not any(k.startswith("on") for k in attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript:")
    assert "&lt;script&gt;alert(&#x27;a&#x27;)&lt;/script&gt;" in page
    assert any("Dara Whitlow" in (a.get("title") or "") or "q1" in (a.get("data-items") or "") for _, a in t.tags)


def test_hostile_model_answer_renders_inert(tmp_path):
    evil = "<script>alert(1)</script>\" onmouseover=\"alert(2)"

    def answer(req):
        d = valid_draft(req)
        if "key_events" not in d:
            return d
        d["headline"] = evil
        d["summary"] = "</style><img src=x onerror=alert(3)>"
        d["open_questions"] = [{"sentence": d["key_events"][0], "question": "Will " + evil + " happen next?"}]
        return d

    doc, brief, _ = run(ARTICLE, answer=answer)
    page = render_html(brief, doc)
    t = parse(page)
    assert [tag for tag, _ in t.tags].count("script") == 1
    assert "img" not in [tag for tag, _ in t.tags]
    for _, attrs in t.tags:
        assert not any(k.startswith("on") for k in attrs)
    assert "alert" not in "".join(t.scripts)


def test_unsupported_items_are_marked_and_unlinked():
    from summarizer.brief.types import Actor, Span

    doc, brief, _ = run(ARTICLE)  # and an organisation the article never names, as a merged brief might carry
    brief.actors.append(Actor(name="Nowhere Shipping Company", kind="organization", name_span=Span(status=Status.unsupported)))
    page = render_html(brief, doc)
    i = next(i for i, a in enumerate(brief.actors, 1) if a.name == "Nowhere Shipping Company")
    assert brief.actors[i - 1].name_span is None or brief.actors[i - 1].name_span.status is Status.unsupported
    item = page.split(f'id="item-a{i}"', 1)[1].split("</li>", 1)[0]
    assert 'class="unsupported"' in page and "b-unsupported" in item and "#span-a" not in item


def test_saved_page_shows_its_outlet_and_address(tmp_path):
    from conftest import FIXTURES
    from summarizer.brief.render import render_markdown

    doc, brief, _ = run(FIXTURES / "outlet-page.html")
    url = "https://saltmere-observer.example/harbour/2025/06/tide-gauge-fails"
    assert (brief.source.url, brief.source.site_name) == (url, "The Saltmere Observer")  # in the JSON too
    page = render_html(brief, doc)
    header = page.split("<header>", 1)[1].split("</header>", 1)[0]
    assert "extracted text of an HTML page" in header
    outs = [a for tag, a in parse(header).tags if tag == "a"]
    assert [a["href"] for a in outs] == [url] and ">The Saltmere Observer</a>" in header
    assert f"<{url}>" in render_markdown(brief) and "The Saltmere Observer" in render_markdown(brief)


def test_hostile_site_name_and_address_render_inert(tmp_path):
    from conftest import FIXTURES

    raw = (FIXTURES / "outlet-page.html").read_text()
    raw = raw.replace("The Saltmere Observer", "Observer&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot; onclick=&quot;x")
    raw = raw.replace("https://saltmere-observer.example/harbour/2025/06/tide-gauge-fails", "javascript:alert(2)")
    f = tmp_path / "evil.html"
    f.write_text(raw)
    doc, brief, _ = run(f)
    assert "<script>" in brief.source.site_name and brief.source.url == ""
    t = parse(render_html(brief, doc))
    assert [tag for tag, _ in t.tags].count("script") == 1 and [tag for tag, _ in t.tags].count("style") == 1
    for _, attrs in t.tags:
        assert not any(k.startswith("on") for k in attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript:")
    assert "alert" not in "".join(t.scripts)
