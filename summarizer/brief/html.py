"""Render stage: a self-contained HTML review page, the brief beside the article.

Left, the brief (every item with its status badge); right, the article text
as analysed, each quotation, event evidence and actor mention marked where it
stands. Items link to their spans with plain anchors (so the page works with
JavaScript off); a few lines of inline JS add a flash on click. Nothing is
loaded from the network. Every piece of article or model text goes through
:func:`html.escape`, attributes included, so it renders inert.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..text.documents import Document
from .types import Brief, Span, Status

PALETTE = 8  # speaker colours sp0..sp7

CSS = """
body{margin:0;font:15px/1.5 system-ui,sans-serif;color:#1d1d1f;background:#fafafa}
header{padding:.6em 1.2em;background:#23395d;color:#fff}header h1{margin:0;font-size:1.3em}
header p{margin:.2em 0 0;font-size:.85em;opacity:.85}header a{color:#fff}header .url{font-family:monospace;font-size:.9em}
main{display:flex;gap:1em;padding:1em;align-items:flex-start}
#brief{flex:0 0 40%;max-width:40%}#article{flex:1;position:sticky;top:0;max-height:96vh;overflow:auto;background:#fff;border:1px solid #ddd;padding:1em 1.4em}
#article pre{white-space:pre-wrap;word-wrap:break-word;font:inherit;margin:0}
h2{font-size:1.05em;margin:1.2em 0 .4em;border-bottom:1px solid #ddd}
ul{padding-left:1.1em;margin:0}li{margin:.35em 0}
a.item{color:inherit;text-decoration:none;border-bottom:1px dotted #888}a.item:hover{background:#eef}
.badge{display:inline-block;font-size:.72em;padding:0 .45em;border-radius:.6em;margin-left:.3em;vertical-align:middle;font-weight:600}
.b-exact{background:#d7f0dc;color:#165c27}.b-fuzzy{background:#fdf0c4;color:#7a5a00}.b-unsupported{background:#f9d4d4;color:#8c1c1c}
li.unsupported{border-left:3px solid #c33;padding-left:.4em;list-style:none;margin-left:-1.1em}li.unsupported>b,li.unsupported>a{text-decoration:line-through #c33}
.warn{color:#8c1c1c}.warnings{background:#fff3f3;border:1px solid #f0c0c0;padding:.4em .8em}
.meta{font-size:.8em;color:#666}
mark{background:none;color:inherit;border-radius:2px}
mark.quote{background:#e4ecff}mark.event{border-bottom:2px solid #e08a00}mark.actor{outline:1px dashed #7a3fb5}
mark.sp0{background:#dce9ff}mark.sp1{background:#ffe0d6}mark.sp2{background:#dcf5e0}mark.sp3{background:#f3dcff}
mark.sp4{background:#fff3c2}mark.sp5{background:#d6f3f5}mark.sp6{background:#ffd9ec}mark.sp7{background:#e8e8e8}
.key{font-weight:600}
.flash{animation:flash 1.6s ease-out}@keyframes flash{0%{background:#ffeb3b;box-shadow:0 0 0 3px #ffeb3b}100%{}}
:target{box-shadow:0 0 0 2px #ffb300}
.legend span{margin-right:.8em}
"""

JS = """
document.addEventListener('click',function(ev){
 var a=ev.target.closest('a.item');if(!a)return;
 var id=a.getAttribute('data-target');var marks=document.querySelectorAll('mark[data-items~="'+id+'"]');
 if(!marks.length)return;ev.preventDefault();
 document.querySelectorAll('mark.flash').forEach(function(m){m.classList.remove('flash');});
 marks[0].scrollIntoView({block:'center',behavior:'smooth'});
 marks.forEach(function(m){void m.offsetWidth;m.classList.add('flash');});
 history.replaceState(null,'','#span-'+id);
});
"""


def e(text: object) -> str:
    """Escape any text for HTML content or a quoted attribute."""
    return html.escape(str(text if text is not None else ""), quote=True)


@dataclass(frozen=True)
class Mark:
    """One span of the article that a brief item points at."""

    start: int
    end: int
    item: str
    """The item's id, e.g. ``q3``."""
    kind: str
    """quote, event or actor: the CSS class."""
    label: str
    """What hovering the span says."""
    extra: str = ""
    """More CSS classes (the speaker's colour)."""


def _usable(span: Span | None, n: int) -> tuple[int, int] | None:
    """The span's offsets when it was found and lies inside a text of length ``n``."""
    if span is None or span.status is Status.unsupported or span.start is None or span.end is None:
        return None
    return _clamp(span.start, span.end, n)


def _clamp(start: int, end: int, n: int) -> tuple[int, int] | None:
    start, end = max(0, start), min(n, end)
    return (start, end) if start < end else None


def speaker_colours(brief: Brief) -> dict[str, str]:
    """One CSS class per speaker, in the order they are first quoted."""
    colours: dict[str, str] = {}
    for q in brief.quotes:
        key = q.speaker or ""
        if key not in colours:
            colours[key] = f"sp{len(colours) % PALETTE}"
    return colours


def collect_marks(brief: Brief, n: int) -> list[Mark]:
    """Every span of the article that a shown brief item points at, for a text of length ``n``."""
    marks: list[Mark] = []
    colours = speaker_colours(brief)
    for i, q in enumerate(brief.quotes, 1):
        where = _clamp(q.start, q.end, n) if q.status is not Status.unsupported else None
        if where:
            who = q.speaker or "unattributed"
            marks.append(Mark(*where, f"q{i}", "quote", f"Quote {i}: {who}", colours[q.speaker or ""]))
    for i, ev in enumerate(brief.key_events, 1):
        where = _usable(ev.evidence_span, n)
        if where:
            marks.append(Mark(*where, f"e{i}", "event", f"Event {i}: {ev.what}"))
    for i, a in enumerate(brief.actors, 1):
        where = _usable(a.name_span, n) or _usable(a.evidence_span, n)
        if where:
            marks.append(Mark(*where, f"a{i}", "actor", f"Actor {i}: {a.name}"))
    return marks


def highlight(text: str, marks: list[Mark]) -> str:
    """The article text, escaped, with each mark wrapped in ``<mark>`` elements.

    Overlapping marks are cut at every boundary; each piece names all the items
    covering it. The first piece of each item carries the ``span-<id>`` anchor.
    """
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out, anchored = [], set()
    for a, b in zip(cuts, cuts[1:]):
        cover = [m for m in marks if m.start <= a and b <= m.end]
        piece = e(text[a:b])
        if not cover:
            out.append(piece)
            continue
        classes = sorted({m.kind for m in cover} | {m.extra for m in cover if m.extra})
        ids = " ".join(m.item for m in cover)
        fresh = [m.item for m in cover if m.item not in anchored]
        anchored.update(fresh)
        anchor = f' id="span-{e(fresh[0])}"' if fresh else ""
        more = "".join(f'<a id="span-{e(item)}"></a>' for item in fresh[1:])  # items starting at the same character
        title = "; ".join(m.label for m in cover)
        out.append(f'{more}<mark{anchor} class="{e(" ".join(classes))}" data-items="{e(ids)}" title="{e(title)}">{piece}</mark>')
    return "".join(out)


def _badge(status: Status | str) -> str:
    s = Status(status).value
    return f'<span class="badge b-{s}">{s}</span>'


def _link(item: str, text: str, found: bool) -> str:
    """An item's text, linked to its span in the article when it has one."""
    if not found:
        return text
    return f'<a class="item" href="#span-{item}" data-target="{item}">{text}</a>'


def _warnings(ws: list[str]) -> str:
    return "".join(f'<div class="warn">⚠ {e(w)}</div>' for w in ws)


def _events(brief: Brief, linked: set[str]) -> list[str]:
    out = []
    for i, ev in enumerate(brief.key_events, 1):
        status = ev.evidence_span.status if ev.evidence_span else Status.unsupported
        when = e(ev.date or ev.when or "undated")
        where = f" ({e(ev.where)})" if ev.where and ev.where not in ev.what else ""
        actors = f' <span class="meta">Actors: {e(", ".join(ev.actors))}</span>' if ev.actors else ""
        body = f"<b>{when}</b>: {_link(f'e{i}', e(ev.what), f'e{i}' in linked)}{where}"
        out.append(f'<li id="item-e{i}" class="{status.value}">{body}{_badge(status)}{actors}{_warnings(ev.warnings)}</li>')
    return out


def _actors(brief: Brief, linked: set[str]) -> list[str]:
    out = []
    for i, a in enumerate(brief.actors, 1):
        span = a.name_span or a.evidence_span
        status = span.status if span else Status.unsupported
        role = f": {e(a.role)}" if a.role else ""
        aliases = f' <span class="meta">also {e(", ".join(a.aliases))}</span>' if a.aliases else ""
        name = f"<b>{e(a.name)}</b>"
        body = f"{_link(f'a{i}', name, f'a{i}' in linked)} ({e(a.kind)}){role}"
        out.append(f'<li id="item-a{i}" class="{status.value}">{body}{_badge(status)}{aliases}{_warnings(a.warnings)}</li>')
    return out


def _quotes(brief: Brief, linked: set[str]) -> list[str]:
    colours = speaker_colours(brief)
    out = []
    for i, q in enumerate(brief.quotes, 1):
        if q.status is Status.unsupported:
            continue  # never shown as a quote
        who = e(q.speaker) if q.speaker else "<i>unattributed</i>"
        if q.speaker and q.speaker_role:
            who += f", {e(q.speaker_role)}"
        speaker = f'<mark class="quote {colours[q.speaker or ""]}">{who}</mark>{_badge(q.speaker_status)}'
        cls = "key" if q.key else ""
        text = _link(f"q{i}", f"“{e(q.text)}”", f"q{i}" in linked)
        out.append(f'<li id="item-q{i}" class="{cls}">{text}{_badge(q.status)} — {speaker}</li>')
    return out


def _section(title: str, items: list[str]) -> str:
    return f"<h2>{title}</h2><ul>{''.join(items)}</ul>" if items else ""


def brief_panel(brief: Brief, linked: set[str]) -> str:
    """The left column: the whole brief, each item linked to its span when it has one."""
    parts = [f"<h2>Summary</h2><p>{e(brief.summary)}</p>"]
    if brief.warnings:
        parts.insert(0, f'<div class="warnings"><b>Warnings</b>{_warnings(brief.warnings)}</div>')
    parts.append(_section("Key events", _events(brief, linked)))
    parts.append(_section("Actors", _actors(brief, linked)))
    parts.append(_section("Quotes", _quotes(brief, linked)))
    questions = [f"<li>{e(q.question)}" + (f' <span class="meta">— {e(q.basis)}</span>' if q.basis else "") + "</li>"
                 for q in brief.open_questions]
    parts.append(_section("Open questions", questions))
    m = brief.meta
    parts.append(f'<p class="meta">model {e(m.model)} · backend {e(m.backend)} · prompt {e(m.prompt_version)} · '
                 f"schema {e(m.schema_version)} · {m.usage.total_tokens} tokens in {m.usage.requests} request(s)</p>")
    return "".join(parts)


def safe_url(url: str) -> str:
    """``url`` when it is an absolute http(s) address, else '' (no javascript:, data:, file: links)."""
    url = (url or "").strip()
    return url if re.match(r"https?://[^\s/]", url, re.IGNORECASE) and not re.search(r"\s", url) else ""


def source_line(title: str, path: str, published: str | None, *, fmt: str = "", url: str = "", site_name: str = "",
                titled: bool = True) -> str:
    """The header line naming an article: title (unless not ``titled``), path, date, and for a saved page its outlet and address."""
    bits = [e(title or path)] if titled else []
    bits += [f"<code>{e(path)}</code>", f"published {e(published)}" if published else "publication date unknown"]
    if fmt == "html":
        bits.append("extracted text of an HTML page")
    href = safe_url(url)
    if site_name or href:
        name = e(site_name or url)
        bits.append(f'<a class="out" href="{e(href)}" rel="noopener noreferrer">{name}</a>' if href else name)
        if href and site_name:
            bits.append(f'<span class="url">{e(url)}</span>')
    return " · ".join(bits)


def page(title: str, body: str, *, css: str = "", script: str = "") -> str:
    """A whole self-contained HTML document: no network (the CSP forbids it), inline style and script.

    ``title`` is plain text (escaped here); ``body``, ``css`` and ``script`` are trusted markup.
    """
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{e(title)}</title>'
        f"<style>{CSS}{css}</style></head><body>{body}"
        + (f"<script>{script}</script>" if script else "")
        + "</body></html>\n"
    )


def render_html(brief: Brief, doc: Document, *, links: str = "") -> str:
    """The review page of ``brief`` made from ``doc``: one self-contained HTML file.

    ``links`` is trusted HTML put in the header (e.g. a link back to an index).
    """
    marks = collect_marks(brief, len(doc.text))
    linked = {m.item for m in marks}
    s = brief.source
    line = source_line(s.title, s.path, s.published, fmt=doc.format, url=s.url, site_name=s.site_name)
    legend = ('<p class="legend meta"><span><mark class="quote sp0">quote</mark> (colour = speaker)</span>'
              '<span><mark class="event">event evidence</mark></span><span><mark class="actor">actor</mark></span></p>')
    body = (f"<header><h1>{e(brief.headline or 'Brief')}</h1><p>{line}{links}</p></header>"
            f'<main><section id="brief">{brief_panel(brief, linked)}</section>'
            f'<section id="article"><h2>Article</h2>{legend}<pre>{highlight(doc.text, marks)}</pre></section></main>')
    return page(brief.headline or "Brief", body, script=JS)


def index_page(rows: list[tuple[str, Brief]], failed: list[tuple[str, str]]) -> str:
    """A batch's index.html: one row per brief (its files' relative base ``name`` and the Brief), linking to
    ``<name>.html``; then failures."""
    from urllib.parse import quote

    body = ["<table><tr><th>Article</th><th>Date</th><th>Headline</th><th>Events</th><th>Actors</th><th>Quotes</th><th>Warnings</th></tr>"]
    for name, b in rows:
        href = quote(name + ".html")
        body.append(f'<tr><td><a href="{e(href)}">{e(b.source.title or b.source.path)}</a></td><td>{e(b.source.published or "")}</td>'
                    f"<td>{e(b.headline)}</td><td>{len(b.key_events)}</td><td>{len(b.actors)}</td><td>{len(b.quotes)}</td>"
                    f"<td>{len(b.warnings)}</td></tr>")
    body.append("</table>")
    if failed:
        body.append("<h2>Failed</h2><ul>" + "".join(f"<li><code>{e(r)}</code>: {e(m)}</li>" for r, m in failed) + "</ul>")
    css = "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left}"
    header = f"<header><h1>Briefs</h1><p>{len(rows)} briefs, {len(failed)} failed</p></header>"
    return page("Briefs", f'{header}<main><section>{"".join(body)}</section></main>', css=css)


def back_link(rel: str) -> str:
    """Header HTML linking a page written at ``<rel>.html`` back to the folder's index.html."""
    return f' · <a style="color:#fff" href="{"../" * rel.count("/")}index.html">all briefs</a>'
