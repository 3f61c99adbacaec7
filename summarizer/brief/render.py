"""Render stage: a Brief as Markdown for people or JSON for programs.

Every piece of text that came from the article or the model is escaped, so
it can neither inject HTML nor break the Markdown layout.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from rapidfuzz import fuzz

from ..output import printable
from ..text.alignment import fold
from .types import Brief, Status

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")


def esc(text: str) -> str:
    """Escape text for inline Markdown: HTML entities, Markdown punctuation, one line."""
    one_line = " ".join(printable(text or "").split())
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))
    return _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), escaped)


def render_json(brief: Brief) -> str:
    """The brief as pretty JSON (the pydantic model's own serialisation)."""
    return brief.model_dump_json(indent=2) + "\n"


def render_markdown(brief: Brief) -> str:
    """The brief as a Markdown document."""
    out = _header(brief) + ["## Summary", "", esc(brief.summary), ""]
    out += _events(brief) + _actors(brief) + _quotes(brief) + _questions(brief)
    m = brief.meta
    out += [
        "---",
        f"<sub>model {esc(m.model)} · backend {esc(m.backend)} · prompt {m.prompt_version} · schema {m.schema_version} · "
        f"{m.usage.prompt_tokens} prompt + {m.usage.completion_tokens} completion tokens in {m.usage.requests} request(s) · {m.seconds:.1f} s</sub>",
        "",
    ]
    return "\n".join(out)


def _header(brief: Brief) -> list[str]:
    s = brief.source
    out = [f"# {esc(brief.headline) or 'Brief'}", ""]
    source_bits = [f"**Source:** {esc(s.title) or esc(s.path)}"]
    if s.title:
        source_bits.append(f"`{s.path.replace('`', '')}`")
    source_bits.append(f"published {s.published}" if s.published else "publication date unknown")
    if s.site_name:
        source_bits.append(esc(s.site_name))
    if s.url:  # http(s) only (see text.documents); an autolink cannot hold spaces or angle brackets
        source_bits.append("<" + quote(s.url, safe=":/?#[]@!$&'()*+,;=%~") + ">")
    out += [" · ".join(source_bits), ""]
    if brief.warnings:
        out += ["> **Warnings**"] + [f"> - ⚠ {esc(w)}" for w in brief.warnings] + [""]
    return out


_ENDS_QUOTED = re.compile(r"[.!?][\"\u201d\u2019]$")


def _events(brief: Brief) -> list[str]:
    if not brief.key_events:
        return []
    out = ["## Key events", ""]
    for e in brief.key_events:
        when = e.date or (esc(e.when) if e.when else "undated")
        line = f"- **{when}**: {esc(e.what.rstrip('.'))}"
        if e.where and e.where not in e.what:
            line += f" ({esc(e.where)})"
        if e.actors:  # no second full stop after a statement that ends inside its quotation ('... was “true.”')
            line += f"{'' if _ENDS_QUOTED.search(line) else '.'} Actors: {', '.join(esc(a) for a in e.actors)}"
        out.append(line)
        same = fuzz.ratio(fold(e.what).lower(), fold(e.evidence).lower()) >= 90
        if e.evidence and not same and e.evidence_span and e.evidence_span.status is not Status.unsupported:
            out.append(f"  - evidence: “{esc(e.evidence)}”" + (" (approximate match)" if e.evidence_span.status is Status.fuzzy else ""))
        for w in e.warnings:
            out.append(f"  - ⚠ {esc(w)}")
    return out + [""]


def _actors(brief: Brief) -> list[str]:
    if not brief.actors:
        return []
    out = ["## Actors", ""]
    for a in brief.actors:
        line = f"- **{esc(a.name)}** ({a.kind})"
        if a.role:
            line += f": {esc(a.role)}"
        if a.aliases:
            line += f". Also: {', '.join(esc(x) for x in a.aliases)}"
        out.append(line)
        for w in a.warnings:
            out.append(f"  - ⚠ {esc(w)}")
    return out + [""]


def _quotes(brief: Brief) -> list[str]:
    shown = [q for q in brief.quotes if q.status is not Status.unsupported]
    full = [q for q in shown if q.key or len(q.text.split()) >= 3]
    short = [q for q in shown if q not in full]
    if not shown:
        return []
    out = ["## Quotes", ""]
    for q in full:
        who = esc(q.speaker) if q.speaker else "unattributed"
        if q.speaker and q.speaker_role:
            who += f", {esc(q.speaker_role)}"
        out += [f"> “{esc(q.text)}”", f"> — {who} (chars {q.start}–{q.end}){' · key quote' if q.key else ''}", ""]
    if short:
        words = [f"“{esc(q.text)}”" + (f" ({esc(q.speaker)})" if q.speaker else "") for q in short]
        out += ["Also quoted: " + ", ".join(words), ""]
    return out


def _questions(brief: Brief) -> list[str]:
    if not brief.open_questions:
        return []
    out = ["## Open questions", ""]
    for oq in brief.open_questions:
        out.append(f"- {esc(oq.question)}" + (f" — {esc(oq.basis)}" if oq.basis else ""))
    return out + [""]
