"""Render story briefs as Markdown: one page per story, and an index of the stories.

Discrepancies come first, right after the summary: each side names its
article and quotes its own words. Every piece of article or model text is
escaped with :func:`summarizer.render.esc`, so it can neither inject HTML nor
break the layout; links only ever point at the relative paths given.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..brief.render import esc
from .types import StoryBrief

_KIND_LABEL = {"figure": "figures differ", "date": "dates differ", "claim": "claims differ"}


def _url(target: str) -> str:
    """A safe link target: a relative path or http(s) URL, percent-encoded; '' for anything else."""
    target = (target or "").strip()
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) and not re.match(r"^https?://", target, re.IGNORECASE):
        return ""  # no javascript:, data:, file: links
    return quote(target, safe="/#:?=&%.-_~")


def _link(text: str, target: str | None) -> str:
    url = _url(target or "")
    return f"[{esc(text)}]({url})" if url else esc(text)


def _actors_and_quotes(story: StoryBrief, src) -> list[str]:
    out: list[str] = []
    if story.actors:
        out += ["## Actors", ""]
        for a in story.actors:
            line = f"- **{esc(a.name)}** ({a.kind})"
            if a.aliases:
                line += f". Also written: {', '.join(esc(x) for x in a.aliases)}"
            if a.spellings:
                line += ". Spelled " + "; ".join(f"{esc(v.text)} by {', '.join(esc(x) for x in v.sources)}" for v in a.spellings)
            line += f". In {len(a.sources)} source(s)"
            out.append(line)
        out.append("")
    if story.quotes:
        out += ["## Quotes", ""]
        for q in story.quotes:
            who = esc(q.speaker) if q.speaker else "unattributed"
            out += [f"> “{esc(q.text)}”", f"> — {who}, in {src(q.source)} (chars {q.start}–{q.end})", ""]
    return out


def render_story_markdown(story: StoryBrief, brief_links: dict[str, str]) -> str:
    """The story brief as Markdown; ``brief_links`` maps an article path to the link of its own brief."""
    titles = {s.path: s.title or s.path for s in story.sources}

    def src(path: str) -> str:
        return _link(titles.get(path, path), brief_links.get(path))

    out = [f"# {esc(story.headline) or 'Story brief'}", "",
           f"**Story** `{story.story_id.replace('`', '')}` · {len(story.sources)} source(s)", ""]
    if story.warnings:
        out += ["> **Warnings**"] + [f"> - ⚠ {esc(w)}" for w in story.warnings] + [""]
    out += ["## Sources", ""]
    for s in story.sources:
        line = f"- {src(s.path)} · `{s.path.replace('`', '')}` · " + (f"published {esc(s.published)}" if s.published else "publication date unknown")
        if s.headline:
            line += f" · brief: {esc(s.headline)}"
        out.append(line)
    out += ["", "## Summary", "", esc(story.summary), ""]
    if story.discrepancies:
        out += [f"## ⚠ Where the sources disagree ({len(story.discrepancies)})", ""]
        for d in story.discrepancies:
            out += [f"### {esc(d.topic)} ({_KIND_LABEL.get(d.kind, d.kind)})", ""]
            for side in d.sides:
                out += [f"- **{esc(side.value)}** according to {src(side.source)} (chars {side.start}–{side.end}):", "",
                        f"  > {esc(side.evidence)}", ""]
    if story.timeline:
        out += ["## Timeline", ""]
        for e in story.timeline:
            n = len({s.path for s in e.sources})
            out.append(f"- **{esc(e.date) if e.date else 'undated'}**: {esc(e.what)} ({n} source{'s' if n != 1 else ''})")
            for s in e.sources:
                when = f"“{esc(s.when)}”" + (f" = {esc(s.date)}" if s.date else "") if s.when else "no time given"
                out.append(f"  - {src(s.path)}: {when}")
        out.append("")
    if story.agreed_facts:
        out += ["## Reported by two or more sources", ""]
        for f in story.agreed_facts:
            out.append(f"- {esc(f.what)} ({f.kind}): " + ", ".join(src(e.path) for e in f.sources))
        out.append("")
    out += _actors_and_quotes(story, src)
    if story.open_questions:
        out += ["## Open questions", ""]
        for oq in story.open_questions:
            out.append(f"- {esc(oq.question)}" + (f" — {esc(oq.basis)}" if oq.basis else ""))
        out.append("")
    m = story.meta
    u = m.usage
    model = f"model {esc(m.model)} · prompt {esc(m.prompt_version)} · {u.prompt_tokens} prompt + {u.completion_tokens} completion tokens" if m.model else "no model call"
    out += ["---", f"<sub>{model} · story schema {esc(m.schema_version)}</sub>", ""]
    return "\n".join(out)


def render_story_index(stories: list[StoryBrief], story_links: dict[str, str], brief_links: dict[str, str] | None = None) -> str:
    """An index page: one row per story (linked through ``story_links`` by story id), with its articles
    (linked to their briefs through ``brief_links`` by path, when given) and how many discrepancies it has."""
    brief_links = brief_links or {}
    out = ["# Stories", "", f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'}, "
           f"{sum(len(s.sources) for s in stories)} article(s).", "",
           "| Story | Headline | Articles | Discrepancies |", "|---|---|---|---|"]
    for s in stories:
        articles = "<br>".join(_link(a.title or a.path, brief_links.get(a.path)) for a in s.sources)
        out.append(f"| {_link(s.story_id, story_links.get(s.story_id))} | {esc(s.headline)} | {articles} | {len(s.discrepancies)} |")
    out.append("")
    return "\n".join(out)
