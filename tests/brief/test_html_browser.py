"""The review page in a real browser (headless Chromium): quotes highlighted, clicks land on the right span."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

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
