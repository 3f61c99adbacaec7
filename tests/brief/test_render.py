"""Rendering a Brief: escaping, what is shown and what never is, and the JSON round trip."""

from __future__ import annotations

import json
import re

import pytest

from summarizer.brief.types import (
    Actor,
    Brief,
    KeyEvent,
    Meta,
    OpenQuestion,
    Quote,
    Source,
    Span,
    Status,
    Usage,
)
from summarizer.brief.render import esc, render_json, render_markdown

EVIL = "<script>alert('x')</script> **bold**\n# heading | `tick` [link](http://evil) _u_ ~s~"


def _brief(**overrides) -> Brief:
    fields = dict(
        headline="Port Ellery closes main pier after storm",
        summary="A storm on Saturday damaged the main pier.",
        key_events=[
            KeyEvent(
                what="Storm damages the main pier",
                when="on Saturday",
                date="2024-10-26",
                where="Port Ellery",
                actors=["Port Ellery Harbour Authority"],
                evidence="The Port Ellery Harbour Authority has closed the town\u2019s main pier",
                evidence_span=Span(status=Status.exact, start=123, end=190, score=100.0),
                when_span=Span(status=Status.exact, start=200, end=211, score=100.0),
            ),
            KeyEvent(what="Pier to reopen after inspection", when="next Monday", date="2024-11-04"),
            KeyEvent(what="Something with no time", when="", date=None),
            KeyEvent(what="Something with an unresolved time", when="soonish", date=None),
        ],
        actors=[Actor(name="Ines Okafor", kind="person", role="Mayor", aliases=["Okafor"])],
        quotes=[
            Quote(text="We are not going to take chances with people\u2019s safety", speaker="Ines Okafor",
                  speaker_role="Mayor", start=594, end=647, status=Status.exact, speaker_status=Status.exact),
        ],
        open_questions=[OpenQuestion(question="When will the pier reopen?", basis="depends on the divers")],
        warnings=[],
        source=Source(path="examples/harbor-closure.txt", title="Port Ellery closes main pier", sha256="ab" * 32,
                      published="2024-10-28"),
        meta=Meta(model="tiny-model", backend="local", prompt_version="p123", schema_version="s456",
                  usage=Usage(prompt_tokens=100, completion_tokens=20, total_tokens=120, requests=2), seconds=3.25),
    )
    fields.update(overrides)
    return Brief(**fields)


def _evil_brief() -> Brief:
    return _brief(
        headline=EVIL,
        summary="Summary " + EVIL,
        key_events=[
            KeyEvent(what="Event " + EVIL, when="on Saturday", date="2024-10-26", where="Where " + EVIL,
                     actors=["Actor " + EVIL], evidence="Evidence " + EVIL + " extra words to differ",
                     evidence_span=Span(status=Status.fuzzy, start=0, end=10, score=91.0), warnings=["Ev " + EVIL]),
            KeyEvent(what="Undated " + EVIL, when="when " + EVIL, date=None),
        ],
        actors=[Actor(name="Name " + EVIL, kind="person", role="Role " + EVIL, aliases=["Alias " + EVIL],
                      warnings=["Aw " + EVIL])],
        quotes=[Quote(text="Quote " + EVIL, speaker="Speaker " + EVIL, speaker_role="Role " + EVIL, start=1, end=9,
                      status=Status.exact)],
        open_questions=[OpenQuestion(question="Q " + EVIL + "?", basis="Basis " + EVIL)],
        warnings=["Warn " + EVIL],
        source=Source(path="article.txt", title="Title " + EVIL, sha256="0" * 64, published="2024-10-28"),
    )


# --- esc --------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("<script>alert('x')</script>", "&lt;script&gt;alert('x')&lt;/script&gt;"),
        ("**bold**", "\\*\\*bold\\*\\*"),
        ("# heading", "\\# heading"),
        ("a | b", "a \\| b"),
        ("`code`", "\\`code\\`"),
        ("[link](x)", "\\[link\\](x)"),
        ("_u_ ~s~", "\\_u\\_ \\~s\\~"),
        ("back\\slash", "back\\\\slash"),
        ("a & b", "a &amp; b"),
        ("> quoted", "&gt; quoted"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("= underline", "\\= underline"),
        ("1. first", "1\\. first"),
        ("10) tenth", "10\\) tenth"),
        ("line one\n# line two\n\n  three  ", "line one \\# line two three"),
        ("", ""),
        (None, ""),
    ],
)
def test_esc(raw, expected):
    assert esc(raw) == expected


# --- markdown ---------------------------------------------------------------


def test_markdown_structure_of_plain_brief():
    md = render_markdown(_brief())
    lines = md.split("\n")
    assert lines[0] == "# Port Ellery closes main pier after storm"
    assert "**Source:** Port Ellery closes main pier · `examples/harbor-closure.txt` · published 2024-10-28" in lines
    for heading in ("## Summary", "## Key events", "## Actors", "## Quotes", "## Open questions"):
        assert heading in lines
    assert "A storm on Saturday damaged the main pier." in lines
    assert "- **Ines Okafor** (person): Mayor. Also: Okafor" in lines
    assert "> “We are not going to take chances with people’s safety”" in lines
    assert "> — Ines Okafor, Mayor (chars 594–647)" in lines
    assert "- When will the pier reopen? — depends on the divers" in lines
    assert "> **Warnings**" not in lines  # no warnings, no block
    assert lines[-2].startswith("<sub>model tiny-model · backend local · prompt p123 · schema s456 · ")
    assert "100 prompt + 20 completion tokens in 2 request(s) · 3.2 s</sub>" in lines[-2]
    assert md.endswith("\n")


def test_an_event_ending_inside_its_quotation_gets_no_second_full_stop():
    event = KeyEvent(what="The harbour board called the report \u201cfalse.\u201d", when="", date=None, actors=["Port Ellery Harbour Board"])
    lines = render_markdown(_brief(key_events=[event])).split("\n")
    assert "- **undated**: The harbour board called the report \u201cfalse.\u201d Actors: Port Ellery Harbour Board" in lines


def test_events_rendered_with_iso_date():
    lines = render_markdown(_brief()).split("\n")
    assert ("- **2024-10-26**: Storm damages the main pier (Port Ellery). Actors: Port Ellery Harbour Authority"
            in lines)
    assert "- **2024-11-04**: Pier to reopen after inspection" in lines
    assert "- **undated**: Something with no time" in lines
    assert "- **soonish**: Something with an unresolved time" in lines  # no date: the words as written
    assert "  - evidence: “The Port Ellery Harbour Authority has closed the town’s main pier”" in lines
    # events keep their order
    order = [i for i, line in enumerate(lines) if line.startswith("- **") and ":" in line and "(person)" not in line]
    assert [lines[i][4:14] for i in order[:2]] == ["2024-10-26", "2024-11-04"]


def test_evidence_hidden_when_unsupported_or_same_as_what():
    ev = KeyEvent(what="The pier closed after the storm", when="", evidence="The pier closed after the storm.",
                  evidence_span=Span(status=Status.exact, start=0, end=10, score=100.0))
    unsupported = KeyEvent(what="Something else happened", evidence="Made-up evidence sentence here",
                           evidence_span=Span(status=Status.unsupported))
    fuzzy = KeyEvent(what="Crews inspect the pier", evidence="Divers will inspect the structure below the waterline",
                     evidence_span=Span(status=Status.fuzzy, start=5, end=50, score=90.0))
    md = render_markdown(_brief(key_events=[ev, unsupported, fuzzy]))
    assert "evidence: “The pier closed" not in md
    assert "Made-up evidence" not in md
    assert "  - evidence: “Divers will inspect the structure below the waterline” (approximate match)" in md.split("\n")


def test_unsupported_quotes_are_never_rendered():
    quotes = [
        Quote(text="A fabricated quotation nobody said", speaker="Phantom Person", start=1, end=5,
              status=Status.unsupported),
        Quote(text="A fuzzy but located quotation", speaker="", start=10, end=39, status=Status.fuzzy),
    ]
    md = render_markdown(_brief(quotes=quotes))
    assert "fabricated" not in md
    assert "Phantom" not in md
    assert "> “A fuzzy but located quotation”" in md
    assert "> — unattributed (chars 10–39)" in md


def test_quotes_section_absent_when_all_unsupported():
    quotes = [Quote(text="A fabricated quotation nobody said", start=1, end=5, status=Status.unsupported)]
    md = render_markdown(_brief(quotes=quotes))
    assert "## Quotes" not in md
    assert "fabricated" not in md


def test_warnings_appear():
    md = render_markdown(_brief(warnings=["no publication date found", "speaker 'X' of quote Q2 does not occur"]))
    lines = md.split("\n")
    i = lines.index("> **Warnings**")
    assert lines[i + 1] == "> - ⚠ no publication date found"
    assert lines[i + 2] == "> - ⚠ speaker 'X' of quote Q2 does not occur"
    assert i < lines.index("## Summary")


def test_item_warnings_appear():
    events = [KeyEvent(what="Event", when="on Friday", warnings=["time 'on Friday' could not be resolved"])]
    actors = [Actor(name="Zed Quux", kind="person", warnings=["actor not found"])]
    lines = render_markdown(_brief(key_events=events, actors=actors)).split("\n")
    assert "  - ⚠ time 'on Friday' could not be resolved" in lines
    assert "  - ⚠ actor not found" in lines


def test_missing_title_and_date():
    src = Source(path="-", sha256="0" * 64)
    md = render_markdown(_brief(source=src, headline=""))
    lines = md.split("\n")
    assert lines[0] == "# Brief"
    assert "**Source:** \\- · publication date unknown" in lines  # the path, escaped; no title, no code span


def test_article_text_cannot_inject_html_or_break_layout():
    md = render_markdown(_evil_brief())
    assert "<script" not in md
    assert "</script" not in md
    assert "&lt;script&gt;" in md
    # no unescaped Markdown punctuation from the article or the model
    assert not re.search(r"(?<!\\)\*\*bold", md)
    assert not re.search(r"(?<!\\)\|", md)
    assert not re.search(r"(?<!\\)\[link", md)
    source_line = next(line for line in md.split("\n") if line.startswith("**Source:**"))
    assert not re.search(r"(?<!\\)`", md.replace(source_line, ""))
    # '# heading' never starts a line; every heading line is one of ours
    assert not re.search(r"^\s*#+\s*heading", md, re.MULTILINE)
    headings = [line for line in md.split("\n") if line.startswith("#")]
    assert headings[0].startswith("# ") and "\\#" in headings[0]
    assert headings[1:] == ["## Summary", "## Key events", "## Actors", "## Quotes", "## Open questions"]
    # every item stays on one line: the evil text (which contains a newline) shows up collapsed
    collapsed = esc(EVIL)
    assert "\n" not in collapsed
    assert md.count(collapsed) >= 15
    # undated event with an unresolved 'when' is escaped too
    assert f"- **when {collapsed}**: Undated {collapsed}" in md.split("\n")


def test_tricky_fixture_text_escaped():
    text = (
        "Several product pages displayed text such as <script>alert('x')</script> in place of descriptions, "
        "while others showed phrases like **not bold** wrapped in asterisks.\n# not a heading\n"
        "followed by the table fragment Oats | 1 kg | $4.20 and a stray backtick ` at the end."
    )
    md = render_markdown(_brief(summary=text, quotes=[
        Quote(text="Prices <b>will</b> rise", speaker="Mei Lin", speaker_role="analyst", start=1, end=24,
              status=Status.exact)]))
    assert "<script" not in md and "<b>" not in md
    assert "> “Prices &lt;b&gt;will&lt;/b&gt; rise”" in md
    assert not re.search(r"^#\s*not a heading", md, re.MULTILINE)
    assert "Oats \\| 1 kg \\| $4.20" in md
    assert "stray backtick \\` at the end" in md


# --- JSON -------------------------------------------------------------------


def test_render_json_round_trips():
    brief = _evil_brief()
    out = render_json(brief)
    assert out.endswith("\n")
    assert Brief.model_validate_json(out) == brief
    data = json.loads(out)
    assert data["headline"] == EVIL  # JSON keeps the text as it is; escaping is the consumer's business
    assert data["quotes"][0]["status"] == "exact"
    assert data["key_events"][0]["date"] == "2024-10-26"
    assert data["source"]["sha256"] == "0" * 64


def test_render_json_keeps_unsupported_items_with_status():
    brief = _brief(quotes=[Quote(text="Fabricated words here", start=1, end=5, status=Status.unsupported)])
    back = Brief.model_validate_json(render_json(brief))
    assert back == brief
    assert back.quotes[0].status is Status.unsupported
    assert back.meta.usage.total_tokens == 120


def test_short_quotations_share_one_line_and_key_quotes_are_marked():
    from summarizer.brief.types import Brief, Meta, Quote, Source, Status

    q = lambda text, key=False, speaker="Jo Park": Quote(text=text, speaker=speaker, start=0, end=len(text), status=Status.exact, key=key)  # noqa: E731
    brief = Brief(headline="h", summary="s", quotes=[q("rigged"), q("a full sentence here", key=True), q("spoiled brat", speaker="")],
                  source=Source(path="a.txt", sha256="0"), meta=Meta(model="m", backend="b", prompt_version="p", schema_version="s"))
    md = render_markdown(brief)
    assert "> “a full sentence here”" in md and "key quote" in md
    assert "Also quoted: “rigged” (Jo Park), “spoiled brat”" in md
    assert "> “rigged”" not in md
