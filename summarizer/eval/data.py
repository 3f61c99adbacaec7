"""Reading the annotated evaluation data: PolNeAR (brat standoff) and Giveme5W1H (JSON).

Gold offsets are ``str`` offsets into the UTF-8 text, which is ``Document.text``
for ``fmt="text"``, so they compare directly with brief quote offsets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..text.lexicon import DATA_PRONOUNS as _PRONOUNS  # noqa: F401

_QUOTE_MARKS = '"\u201c\u201d\u00ab\u00bb'  # double quotes only: ' is usually an apostrophe
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FILE_DATE = re.compile(r"(?:^|_)(\d{4}-\d{2}-\d{2})(?:_|$)")


@dataclass(frozen=True)
class BratSpan:
    """One ``T`` line of a brat standoff file."""
    id: str
    label: str
    pieces: tuple[tuple[int, int], ...]
    text: str


@dataclass(frozen=True)
class GoldQuote:
    """A gold direct quote: the words inside the marks, their offsets, and the attributed source."""
    text: str
    start: int
    end: int
    speaker: str = ""

    @property
    def named(self) -> bool:
        """Whether the speaker is a name rather than a pronoun or a generic phrase."""
        return is_named(self.speaker)


@dataclass
class PolnearArticle:
    """A PolNeAR article with the direct quotes of one annotator."""
    id: str
    text: str
    published: str | None
    annotator: str
    quotes: list[GoldQuote] = field(default_factory=list)


@dataclass(frozen=True)
class Phrase:
    """An annotated 5W1H phrase; ``parsed`` is a YYYY-MM-DD date for some 'when' phrases."""
    text: str
    count: int
    parsed: str | None = None


@dataclass
class FiveWArticle:
    """A Giveme5W1H article with its who/what/when/where phrases (chosen by at least 2 coders)."""
    id: str
    title: str
    text: str
    date_publish: str | None
    publisher: str
    category: str
    who: list[Phrase] = field(default_factory=list)
    what: list[Phrase] = field(default_factory=list)
    when: list[Phrase] = field(default_factory=list)
    where: list[Phrase] = field(default_factory=list)
    published: str | None = None
    """The publication day (YYYY-MM-DD) from ``date_publish``, if it has one."""


Relation = dict[str, list[str]]
"""One ``E`` line: role (Attribution, Content, Cue, Source...) -> span ids."""


def parse_brat(ann: str) -> tuple[dict[str, BratSpan], list[Relation]]:
    """Parse brat standoff: ``T3<TAB>Content 10 20;25 30<TAB>text`` spans by id, and ``E`` relations
    (``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``) as role -> span ids."""
    spans: dict[str, BratSpan] = {}
    relations: list[Relation] = []
    for line in ann.splitlines():  # other line kinds (A, R, #) are ignored
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, offsets = cols[1].partition(" ")
            pieces = tuple((int(s), int(e)) for s, e in (p.split() for p in offsets.split(";") if p.strip()))
            spans[cols[0]] = BratSpan(cols[0], label, pieces, cols[2] if len(cols) > 2 else "")
        elif line.startswith("E") and len(cols) >= 2:
            roles: dict[str, list[str]] = {}
            for role, _, target in (arg.partition(":") for arg in cols[1].split()):
                roles.setdefault(role, []).append(target)
            relations.append(roles)
    return spans, relations


def _mark(text: str, i: int) -> str:
    """'open', 'close' or '' for ``text[i]``, read from the context so mixed marks ("...\u201d) still pair."""
    c, before, after = text[i], text[i - 1] if i else " ", text[i + 1] if i + 1 < len(text) else " "
    if c not in _QUOTE_MARKS or c in "\u00ab\u00bb":
        return {"\u00ab": "open", "\u00bb": "close"}.get(c, "")
    if (before.isspace() or before in "([{\u2014\u2013-/") and not after.isspace():
        return "open"
    return "close" if not before.isspace() or not after.isalnum() else ""


def quoted_segments(text: str, pieces: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Offsets of the text inside double quotation marks (straight, curly, guillemets or '') within ``pieces``.

    Nested quotes stay inside the outer one; an opening mark starting a paragraph restarts the quote
    (news style for multi-paragraph quotes). Pieces apart only by whitespace are joined; a quote open at
    a piece's end ends there and resumes at the next. Segments without a letter or digit are dropped.
    """
    text = text.replace("\'\'", "\"\x01")  # two apostrophes are one double mark; same length, so offsets hold
    merged: list[list[int]] = []
    for s, e in sorted(pieces):
        if merged and not text[merged[-1][1]:s].strip():
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    found: list[tuple[int, int]] = []
    depth = 0

    def emit(s: int, e: int) -> None:
        s += text[s:e].startswith("\x01")  # the second apostrophe of an opening ''
        s, e = s + len(text[s:e]) - len(text[s:e].lstrip()), s + len(text[s:e].rstrip())
        if any(c.isalnum() for c in text[s:e]):
            found.append((s, e))

    for s, e in merged:
        qstart, e = s, min(e, len(text))
        for i in range(s, e):
            kind = _mark(text, i)
            if kind == "open" and depth == 0:
                depth, qstart = 1, i + 1
            elif kind == "open" and depth == 1 and "\n" in text[qstart:i] and not text[text.rfind("\n", 0, i):i].strip():
                emit(qstart, i)  # a new paragraph re-opening the same quote
                qstart = i + 1
            elif kind == "open":
                depth += 1
            elif kind == "close" and depth:
                depth -= 1
                if depth == 0:
                    emit(qstart, i)
        if depth:
            emit(qstart, e)
    return found


def gold_quotes(article: str, spans: dict[str, BratSpan], relations: list[Relation]) -> list[GoldQuote]:
    """Direct quotes: quoted segments of Content spans, each with its relation's Source text ('' if none)."""
    speaker_of: dict[str, str] = {}
    for rel in relations:
        sources = [spans[s].text for s in rel.get("Source", []) if s in spans]
        for cid in (c for role, ids in rel.items() if role.startswith("Content") for c in ids):
            speaker_of.setdefault(cid, sources[0] if sources else "")
    quotes: dict[tuple[int, int], GoldQuote] = {}
    for span in (s for s in spans.values() if s.label == "Content"):
        for s, e in quoted_segments(article, span.pieces):
            quotes.setdefault((s, e), GoldQuote(article[s:e], s, e, speaker_of.get(span.id, "")))
    return [quotes[k] for k in sorted(quotes)]


def read_polnear(root: Path) -> list[PolnearArticle]:
    """Read PolNeAR from ``root`` (``data/dev/text/*.txt``, ``data/dev/attributions/<article>_<annotator>.ann``).

    Of several annotators, the first ``.ann`` in sorted file-name order is used (reproducible);
    articles without one are skipped. The date comes from the name (``breitbart_2016-09-12_...``).
    """
    root = Path(root)
    text_dir, ann_dir = root / "data" / "dev" / "text", root / "data" / "dev" / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise ConfigError(f"{root} does not look like PolNeAR (no data/dev/text and data/dev/attributions)")
    anns = sorted(ann_dir.glob("*.ann"))
    articles = []
    for txt in sorted(text_dir.glob("*.txt")):
        mine = [a for a in anns if a.stem.rpartition("_")[0] == txt.stem]
        if mine:
            text = txt.read_bytes().decode("utf-8")  # no newline translation: offsets are into the raw text
            found = _FILE_DATE.search(txt.stem)
            articles.append(PolnearArticle(txt.stem, text, found.group(1) if found else None, mine[0].stem.rpartition("_")[2],
                                           gold_quotes(text, *parse_brat(mine[0].read_bytes().decode("utf-8")))))
    return articles


def read_5w1h(root: Path, *, min_coders: int = 2) -> list[FiveWArticle]:
    """Read Giveme5W1H (``root/*.json``), keeping phrases chosen by at least ``min_coders`` of 3 coders.

    'when' phrases without text are kept (their ``parsed`` date still counts)."""
    files = sorted(Path(root).glob("*.json"))
    if not files:
        raise ConfigError(f"no Giveme5W1H .json files in {root}")
    articles = []
    for path in files:
        d = json.loads(path.read_text(encoding="utf-8"))
        five = {k: [Phrase(a.get("text") or "", int(a.get("coderPhraseCount") or 0), a.get("parsed"))
                    for a in ((d.get("fiveWoneH") or {}).get(k) or {}).get("annotated", [])]
                for k in ("who", "what", "when", "where")}
        day = str(d.get("date_publish") or "")[:10]
        articles.append(FiveWArticle(
            id=path.stem, title=d.get("title") or "", text=d.get("text") or "", date_publish=d.get("date_publish"),
            publisher=d.get("publisher") or "", category=d.get("category") or "",
            **{k: [p for p in v if p.count >= min_coders] for k, v in five.items()},
            published=day if ISO_DAY.match(day) else None))
    return articles


def is_named(speaker: str) -> bool:
    """A speaker is named when it is not a pronoun and has a capitalised word other than a pronoun or article."""
    words = re.findall(r"[^\W_]+", speaker or "")
    if not words or " ".join(words).lower() in _PRONOUNS:
        return False
    return any(w[0].isupper() and w.lower() not in _PRONOUNS for w in words)
