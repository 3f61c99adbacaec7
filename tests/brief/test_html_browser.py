"""The review page in a real browser (headless Chromium): quotes highlighted, clicks land on the right span."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ARTICLE, run
from summarizer.brief.html import render_html
from summarizer.brief.types import Status

pytestmark = pytest.mark.slow

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Clicks every brief item and records what the page did; runs after the page's own script.
PROBE = """<script>
var out=[];document.querySelectorAll('a.item').forEach(function(a){
 a.click();var id=a.getAttribute('data-target');
 var flashed=[].map.call(document.querySelectorAll('mark.flash'),function(m){return m.getAttribute('data-items').split(' ')});
 out.push({id:id,hash:location.hash,flashed:flashed});});
var quotes=[].map.call(document.querySelectorAll('#brief a.item[data-target^="q"]'),function(a){
 return [a.getAttribute('data-target'),document.querySelectorAll('#article mark[data-items~="'+a.getAttribute('data-target')+'"]').length]});
var pre=document.createElement('pre');pre.id='probe';pre.textContent=JSON.stringify({clicks:out,quotes:quotes});
document.body.appendChild(pre);
</script></body>"""


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.skip("chromium is not installed and could not be (see .ci/run: apt-get install -y chromium)")
    return exe


def browse(exe, page, tmp_path, *args):
    profile = tmp_path / "profile"
    cmd = [exe, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp_path)


def test_brief_page_in_chromium(tmp_path):
    exe = chromium()
    doc, brief, _ = run(ARTICLE)
    page = render_html(brief, doc)
    (tmp_path / "brief.html").write_text(page)
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", PROBE, 1))
    dom = browse(exe, probe, tmp_path, "--virtual-time-budget=3000", "--dump-dom").stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    result = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    shown = [f"q{i}" for i, q in enumerate(brief.quotes, 1) if q.status is not Status.unsupported]
    assert sorted(q for q, _ in result["quotes"]) == sorted(shown)
    assert all(n >= 1 for _, n in result["quotes"]), result["quotes"]  # every quote highlighted
    assert result["clicks"]
    for click in result["clicks"]:  # the click flashed exactly its own span
        assert click["hash"] == "#span-" + click["id"]
        assert click["flashed"] and all(click["id"] in items for items in click["flashed"])
    shot = tmp_path / "brief.png"
    browse(exe, tmp_path / "brief.html", tmp_path, "--window-size=1400,1000", f"--screenshot={shot}")
    assert shot.is_file() and shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")


# Clicks every link of the story page's table and disagreements; records where each landed and every off-page link.
STORY_PROBE = """<script>
var clicks=[];document.querySelectorAll('#facts a.item, .sides a.item').forEach(function(a){
 a.click();var id=a.getAttribute('data-target');var td=a.closest('td'),side=a.closest('.side');
 var want=td?'src-'+td.cellIndex:'src-'+side.querySelector('.srcno').textContent;
 var flashed=[].slice.call(document.querySelectorAll('mark.flash'));
 clicks.push({id:id,hash:location.hash,want:want,where:flashed.map(function(m){return m.closest('article').id}),
  text:flashed.map(function(m){return m.textContent}).join(''),quoted:side?side.querySelector('blockquote').textContent:null});});
var rows=[].map.call(document.querySelectorAll('#facts tbody tr'),function(r){return r.cells.length});
var links=[].map.call(document.querySelectorAll('a[href]:not([href^="#"])'),function(a){return a.href});
var pre=document.createElement('pre');pre.id='probe';pre.textContent=JSON.stringify({clicks:clicks,rows:rows,links:links,
 heads:document.querySelectorAll('#facts thead th').length});document.body.appendChild(pre);
</script></body>"""


def _story_pages(tmp_path):
    """A story run over the test stories (fake model server): brief pages, story pages and indexes in tmp_path/out."""
    from typer.testing import CliRunner

    from conftest import FIXTURES
    from summarizer.backends.testing import FakeOpenAIServer
    from summarizer.cli import app

    src = tmp_path / "in"
    src.mkdir()
    for p in (FIXTURES / "story").glob("*.txt"):
        (src / p.name).write_bytes(p.read_bytes())
    with FakeOpenAIServer() as server:
        r = CliRunner().invoke(app, ["story", str(src), "-o", str(tmp_path / "out"), "--base-url", server.base_url, "--model", "fake"])
    assert r.exit_code == 0, r.output
    groups = json.loads((tmp_path / "out" / "stories.json").read_text())["stories"]
    return tmp_path / "out" / "stories" / f"{max(groups, key=lambda s: len(groups[s]))}.html"


def test_story_page_in_chromium(tmp_path):
    from urllib.parse import unquote, urlparse

    exe = chromium()
    story = _story_pages(tmp_path)
    probe = story.with_name("probe.html")
    probe.write_text(story.read_text().replace("</body>", STORY_PROBE, 1))
    dom = browse(exe, probe, tmp_path, "--virtual-time-budget=3000", "--dump-dom").stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    result = json.loads(found.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    assert result["heads"] == 5 and result["rows"] and all(n == 5 for n in result["rows"])  # a fact column, four sources
    assert any(c["quoted"] for c in result["clicks"]), "no disagreement side on the page"
    for c in result["clicks"]:  # each click flashed its own words, in the article of its own source
        assert c["hash"] == "#span-" + c["id"], c
        assert c["where"] and set(c["where"]) == {c["want"]}, c
        if c["quoted"] is not None:
            assert c["text"] == c["quoted"], c  # the side's evidence is the marked text
    paths = [Path(unquote(urlparse(u).path)) for u in result["links"]]
    assert any(p.name == "valley-herald.brief.html" for p in paths)
    for p in paths:  # every link to a source's brief page (and the indexes) resolves
        assert p.is_file(), p
    shot = tmp_path / "story.png"
    browse(exe, story, tmp_path, "--window-size=1400,1000", f"--screenshot={shot}")
    assert shot.is_file() and shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")
