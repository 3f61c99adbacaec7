"""Render a story brief as one self-contained HTML page, and the stories' index page.

Left, the story: summary, where the sources disagree (each side in its own
article's words), the facts x sources table (reported / differs / not
mentioned, see :mod:`summarizer.story.table`) and the merged timeline. Right,
every source's article text with each piece of evidence marked; every cell,
side and timeline entry links to its mark with a plain anchor (so the page
works with JavaScript off), and each source links to its own brief page.
Escaping, the page shell, the marks and the little script are those of the
brief's review page (:mod:`summarizer.brief.html`).
"""

from __future__ import annotations

from urllib.parse import quote

from ..batch.naming import brief_name
from ..brief.html import JS, Mark, e, highlight, page, source_line
from ..text.documents import Document
from .table import DIFFERS, NOT_MENTIONED, REPORTED, FactRow, fact_table
from .types import StoryBrief

CSS = """
#story{flex:0 0 56%;max-width:56%}#article{max-height:96vh}
.wide{overflow-x:auto}table.facts{border-collapse:collapse;font-size:.9em;width:100%}
table.facts th,table.facts td{border:1px solid #ddd;padding:.25em .45em;text-align:left;vertical-align:top}
table.facts thead th{background:#eef1f6;font-weight:600}table.facts tbody th{font-weight:normal;width:34%}table.facts td{min-width:6em}
.meta a{white-space:nowrap}
td.reported{background:#eaf6ec}td.differs{background:#fde3e3;font-weight:600}td.none{color:#888;background:#f6f6f6;font-style:italic}
tr.disputed th{border-left:3px solid #c33}
.sides{margin:.3em 0 .9em}.side{margin:.25em 0 .5em}.side blockquote{margin:.15em 0 0 1em;padding-left:.6em;border-left:3px solid #e0b0b0;color:#333}
mark.differs{background:#ffd6d6}mark.figure{border-bottom:2px solid #2a8a4a}mark.quote{background:#e4ecff}
article.source{border-top:3px solid #23395d;margin-top:1.2em;padding-top:.2em}article.source:first-of-type{margin-top:0}
article.source h3{margin:.2em 0}.srcno{display:inline-block;min-width:1.4em;text-align:center;background:#23395d;color:#fff;border-radius:.7em;font-size:.8em;margin-right:.3em}
"""

_KIND_LABEL = {"figure": "figures differ", "date": "dates differ", "claim": "claims differ"}
_SYMBOL = {REPORTED: "✓", DIFFERS: "≠", NOT_MENTIONED: "–"}


def brief_href(path: str) -> str:
    """Relative link from ``OUTDIR/stories/<id>.html`` to the brief page the batch wrote for ``path``."""
    return "../" + quote(brief_name(path) + ".html")


def _ref(item: str, text: str) -> str:
    """``text`` (trusted markup) linked to the mark of ``item`` in the articles pane."""
    return f'<a class="item" href="#span-{e(item)}" data-target="{e(item)}">{text}</a>'


def story_marks(story: StoryBrief) -> dict[str, list[Mark]]:
    """Every piece of article text the story page points at, by article path, under the ids the links use."""
    marks: dict[str, list[Mark]] = {}

    def add(path, start, end, item, kind, label):
        marks.setdefault(path, []).append(Mark(start, end, item, kind, label))

    for i, d in enumerate(story.discrepancies, 1):
        for j, s in enumerate(d.sides, 1):
            add(s.source, s.start, s.end, f"d{i}s{j}", "differs", f"Disagreement {i}: {d.topic}: {s.value}")
    for i, ev in enumerate(story.timeline, 1):
        for j, s in enumerate(ev.sources, 1):
            add(s.path, s.start, s.end, f"t{i}s{j}", "event", f"Timeline {i}: {ev.what}")
    for i, f in enumerate(story.agreed_facts, 1):
        if f.kind != "figure":
            continue  # an agreed event is a timeline event, marked as such
        for j, ev in enumerate(f.sources, 1):
            add(ev.path, ev.start, ev.end, f"f{i}s{j}", "figure", f"Agreed: {f.what}")
    for i, q in enumerate(story.quotes, 1):
        add(q.source, q.start, q.end, f"q{i}", "quote", f"Quote {i}: {q.speaker or 'unattributed'}")
    return marks


def _sources(story: StoryBrief, docs: dict[str, Document]) -> str:
    items = []
    for n, s in enumerate(story.sources, 1):
        d = docs.get(s.path)
        outlet = f" · {e(d.site_name)}" if d is not None and d.site_name else ""
        date = f"published {e(s.published)}" if s.published else "publication date unknown"
        items.append(f'<li><span class="srcno">{n}</span><a href="{e(brief_href(s.path))}">{e(s.title or s.path)}</a>{outlet}'
                     f' <span class="meta"><code>{e(s.path)}</code> · {date} · <a href="#src-{n}">text on this page</a></span></li>')
    return "<h2>Sources</h2><ul>" + "".join(items) + "</ul>"


def _discrepancies(story: StoryBrief, number: dict[str, int]) -> str:
    if not story.discrepancies:
        return "<h2>Where the sources disagree</h2><p>No figure, date or name differs between the sources.</p>"
    out = [f"<h2>⚠ Where the sources disagree ({len(story.discrepancies)})</h2>"]
    for i, d in enumerate(story.discrepancies, 1):
        sides = "".join(
            f'<div class="side"><b>{e(s.value)}</b> according to <span class="srcno">{number.get(s.source, "?")}</span>'
            f'<a href="{e(brief_href(s.source))}">{e(s.source)}</a>'
            f'<blockquote>{_ref(f"d{i}s{j}", e(s.evidence))}</blockquote></div>'
            for j, s in enumerate(d.sides, 1))
        out.append(f'<h3 id="disagreement-{i}">{e(d.topic)} <span class="meta">({_KIND_LABEL.get(d.kind, e(d.kind))})</span></h3>'
                   f'<div class="sides">{sides}</div>')
    return "".join(out)


def _short(text: str, limit: int = 80) -> str:
    """``text`` cut at a word before ``limit`` characters, with an ellipsis (the table's row labels; the full text is its title)."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _cell(row: FactRow, path: str) -> str:
    c = row.cells[path]
    css = {REPORTED: "reported", DIFFERS: "differs", NOT_MENTIONED: "none"}[c.status]
    text = f"{_SYMBOL[c.status]} {e(c.value) if c.value else c.status}"
    if c.item:
        text = _ref(c.item, text)
    return f'<td class="{css}" title="{e(c.status + (": " + c.evidence if c.evidence else ""))}">{text}</td>'


def facts_table(story: StoryBrief) -> str:
    """The facts x sources table: a row per fact, a column per source, every cell linked to its evidence."""
    rows = fact_table(story)
    if not rows:
        return ""
    head = "".join(f'<th title="{e(s.title or s.path)}"><span class="srcno">{n}</span><a href="{e(brief_href(s.path))}">'
                   f"{e(s.path)}</a></th>" for n, s in enumerate(story.sources, 1))
    body = "".join(f'<tr class="{"disputed" if r.disputed else ""}"><th title="{e(r.what)}">{e(_short(r.what))} '
                   f'<span class="meta">({e(r.kind)})</span></th>'
                   + "".join(_cell(r, s.path) for s in story.sources) + "</tr>" for r in rows)
    legend = ('<p class="meta">✓ reported · ≠ differs (the source\'s own value) · – not mentioned (not found in that '
              "article by the story's checks). Click a cell to see the article's words.</p>")
    return (f'<h2>Facts by source</h2>{legend}<div class="wide"><table id="facts" class="facts"><thead><tr><th>Fact</th>{head}</tr>'
            f"</thead><tbody>{body}</tbody></table></div>")


def _timeline(story: StoryBrief, number: dict[str, int]) -> str:
    items = []
    for i, ev in enumerate(story.timeline, 1):
        reports = "".join(
            f'<li><span class="srcno">{number.get(s.path, "?")}</span>'
            + _ref(f"t{i}s{j}", (f"“{e(s.when)}”" + (f" = {e(s.date)}" if s.date else "")) if s.when else "no time given")
            + f' <span class="meta">{e(s.path)}</span></li>' for j, s in enumerate(ev.sources, 1))
        n = len({s.path for s in ev.sources})
        items.append(f"<li><b>{e(ev.date or 'undated')}</b>: {e(ev.what)} <span class=\"meta\">({n} source{'s' if n != 1 else ''})"
                     f"</span><ul>{reports}</ul></li>")
    return f"<h2>Timeline</h2><ul>{''.join(items)}</ul>" if items else ""


def _quotes_and_questions(story: StoryBrief, number: dict[str, int]) -> str:
    out = []
    if story.quotes:
        out.append("<h2>Quotes</h2><ul>" + "".join(
            f'<li>{_ref(f"q{i}", f"“{e(q.text)}”")} — {e(q.speaker) if q.speaker else "<i>unattributed</i>"}, in '
            f'<span class="srcno">{number.get(q.source, "?")}</span>{e(q.source)}</li>' for i, q in enumerate(story.quotes, 1)) + "</ul>")
    if story.actors:
        out.append("<h2>Actors</h2><ul>" + "".join(
            f"<li><b>{e(a.name)}</b> ({e(a.kind)})" + (f' <span class="meta">also {e(", ".join(a.aliases))}</span>' if a.aliases else "")
            + (' <span class="meta">spelled ' + "; ".join(f"{e(v.text)} by {e(', '.join(v.sources))}" for v in a.spellings) + "</span>"
               if a.spellings else "")
            + f' <span class="meta">in {len(a.sources)} source(s)</span></li>' for a in story.actors) + "</ul>")
    if story.open_questions:
        out.append("<h2>Open questions</h2><ul>" + "".join(
            f"<li>{e(q.question)}" + (f' <span class="meta">— {e(q.basis)}</span>' if q.basis else "") + "</li>"
            for q in story.open_questions) + "</ul>")
    return "".join(out)


def _articles(story: StoryBrief, docs: dict[str, Document]) -> str:
    marks = story_marks(story)
    out = ['<h2>Articles</h2><p class="legend meta"><mark class="differs">disputed point</mark> · '
           '<mark class="event">timeline event</mark> · <mark class="figure">agreed figure</mark> · <mark class="quote">quote</mark></p>']
    for n, s in enumerate(story.sources, 1):
        d = docs.get(s.path)
        line = source_line("", s.path, s.published, fmt=d.format if d else "", url=d.url if d else "",
                           site_name=d.site_name if d else "", titled=False)  # the title is the heading
        text = f"<pre>{highlight(d.text, marks.get(s.path, []))}</pre>" if d is not None else "<p><i>article text not available</i></p>"
        out.append(f'<article class="source" id="src-{n}"><h3><span class="srcno">{n}</span>{e(s.title or s.path)}</h3>'
                   f'<p class="meta">{line} · <a href="{e(brief_href(s.path))}">its brief page</a></p>{text}</article>')
    return "".join(out)


def render_story_html(story: StoryBrief, docs: dict[str, Document]) -> str:
    """The story page, written at ``OUTDIR/stories/<id>.html``; ``docs`` maps each source path to its Document."""
    number = {s.path: n for n, s in enumerate(story.sources, 1)}
    warnings = "".join(f'<div class="warn">⚠ {e(w)}</div>' for w in story.warnings)
    m = story.meta
    made = f"model {e(m.model)} · prompt {e(m.prompt_version)} · {m.usage.total_tokens} tokens" if m.model else "no model call"
    left = ((f'<div class="warnings"><b>Warnings</b>{warnings}</div>' if warnings else "")
            + f"<h2>Summary</h2><p>{e(story.summary)}</p>" + _sources(story, docs) + facts_table(story)
            + _discrepancies(story, number) + _timeline(story, number) + _quotes_and_questions(story, number)
            + f'<p class="meta">{made} · story schema {e(m.schema_version)}</p>')
    n = len(story.sources)
    header = (f"<header><h1>{e(story.headline or 'Story brief')}</h1><p>story <code>{e(story.story_id)}</code> · "
              f"{n} source{'s' if n != 1 else ''} · {len(story.discrepancies)} disagreement(s) · "
              '<a href="index.html">all stories</a> · <a href="../index.html">all briefs</a></p></header>')
    body = f'{header}<main><section id="story">{left}</section><section id="article">{_articles(story, docs)}</section></main>'
    return page(story.headline or "Story brief", body, css=CSS, script=JS)


def story_index_page(stories: list[StoryBrief]) -> str:
    """``OUTDIR/stories/index.html``: one row per story, linking its page and its articles' brief pages."""
    rows = "".join(
        f'<tr><td><a href="{e(quote(s.story_id + ".html"))}">{e(s.story_id)}</a></td><td>{e(s.headline)}</td><td>'
        + "<br>".join(f'<a href="{e(brief_href(a.path))}">{e(a.title or a.path)}</a>' for a in s.sources)
        + f"</td><td>{len(s.discrepancies)}</td></tr>" for s in stories)
    table = f'<table class="facts"><thead><tr><th>Story</th><th>Headline</th><th>Articles</th><th>Disagreements</th></tr></thead><tbody>{rows}</tbody></table>'
    articles = sum(len(s.sources) for s in stories)
    header = (f"<header><h1>Stories</h1><p>{len(stories)} stor{'y' if len(stories) == 1 else 'ies'}, {articles} article(s) · "
              '<a href="../index.html">all briefs</a></p></header>')
    return page("Stories", f"{header}<main><section>{table}</section></main>", css=CSS)
