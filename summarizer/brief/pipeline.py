"""The pipeline for one article: load -> prompt -> call model -> validate -> ground -> brief."""

from __future__ import annotations

import re
import time
from functools import lru_cache
from pathlib import Path

from ..text.analysis import Analysis, analyse
from ..text.quotations import Candidate
from ..config import Settings
from ..text.documents import Document, document_from_bytes, load_document
from .draft import HeadlineDraft, draft_model, lead_picks
from .windows import merge, windows
from .grounding import Grounded, ground
from ..errors import SchemaFailure, SummarizerError
from ..backends.client import ModelClient
from .types import Brief, Meta, Source, Usage, schema_version
from .prompting import brief_messages, prompt_version
from ..text.sentences import Sentence

MAX_CANDIDATES = 40
MIN_OFFERED_WORDS = 3
MAX_SENTENCES = 150
# A server's context is not the limit, the 150 numbered sentences are: ~110 characters a sentence in news prose,
# so a window this long fits them with room to spare and nothing past it goes unseen.
REMOTE_WINDOW_CHARS = 12_000
# ~3.5 characters per token; leaves room for the instructions and the answer.
_CHARS_PER_TOKEN = 3.5
_PROMPT_OVERHEAD_TOKENS = 1400


def window_chars(settings: Settings) -> int:
    """How much article text one request may carry: the local model's context, or about the
    :data:`MAX_SENTENCES` sentences one request numbers for a server."""
    if not settings.is_local:
        return REMOTE_WINDOW_CHARS
    # ~60% of the room: sized when the prompt listed the quotations again after the article. The embedded
    # model's headline-only prompt no longer does, so the rest is spare; kept, because a larger window
    # changes which sentences a long article is briefed from, and that has not been measured.
    room = (settings.n_ctx - settings.max_tokens - _PROMPT_OVERHEAD_TOKENS) * _CHARS_PER_TOKEN
    return int(room * 0.6)


def is_title_or_dateline(sentence: str, doc: Document) -> bool:
    """The title again, or a short dateline carrying the publication date."""
    if doc.title and " ".join(sentence.lstrip("# ").split()) == " ".join(doc.title.split()):
        return True
    return len(sentence.split()) <= 8 and bool(re.search(r"\bpublished\b|\bupdated\b", sentence, re.IGNORECASE))


@lru_cache(maxsize=256)
def _schema_descriptions(model: type) -> str:
    """The description strings of a draft schema, one per line."""
    return "\n".join(_descriptions(model.model_json_schema()))


def _descriptions(schema) -> list[str]:
    """Every description string in a JSON Schema."""
    if isinstance(schema, dict):
        found = [schema["description"]] if isinstance(schema.get("description"), str) else []
        return found + [d for v in schema.values() for d in _descriptions(v)]
    if isinstance(schema, list):
        return [d for v in schema for d in _descriptions(v)]
    return []


def _locate(doc: Document, piece: str, after: int) -> tuple[int, int]:
    """Where a window of the body lies in ``doc.text`` (searching from ``after``); whole text if unsure."""
    head, tail = piece[:200], piece[-200:]
    start = doc.text.find(head, after)
    if start < 0:
        return 0, len(doc.text)
    end = doc.text.find(tail, start)
    return start, (end + len(tail)) if end >= 0 else len(doc.text)


def _brief_window(
    analysis: Analysis, text: str, span: tuple[int, int], client: ModelClient
) -> tuple[Grounded, Usage]:
    """Ask for and ground a brief of one window of the article (the whole article when it fits).

    The window keeps the article's quotations that lie inside ``span``.
    """
    settings, doc = client.settings, analysis.document
    lo, hi = span
    quotations = [c for c in analysis.quotations if lo <= c.start and c.end <= hi]
    # The model is offered the substantial quotations to choose key ones from; the brief keeps them all.
    offered = [c for c in quotations if len(c.text.split()) >= MIN_OFFERED_WORDS][:MAX_CANDIDATES]
    candidates = [Candidate(f"Q{i}", c.text, c.start, c.end, c.speaker, c.role, c.cue) for i, c in enumerate(offered, 1)]
    every = analysis.sentences(text, limit=MAX_SENTENCES + 1)
    sentences = [s for s in every[:MAX_SENTENCES] if not is_title_or_dateline(s.text, doc)]
    sentences = [Sentence(f"S{i}", s.text, *_in_text(doc, s, lo)) for i, s in enumerate(sentences, 1)]
    prose = not settings.is_local  # on the embedded model code's summary, questions and picks measured as good (draft.py)
    sentence_ids, candidate_ids = [s.id for s in sentences], [c.id for c in candidates]
    draft_cls = draft_model(candidate_ids, sentence_ids) if prose else HeadlineDraft
    messages = brief_messages(sentences=sentences, title=doc.title, published=doc.published, candidates=candidates,
                              prose=prose)
    draft, usage = client.extract(messages, draft_cls)
    if not prose:
        draft = lead_picks(draft.headline, sentence_ids, candidate_ids)
    instructions = messages[0]["content"] + "\n" + _schema_descriptions(draft_cls)
    grounded = ground(draft, analysis, candidates, sentences, strict=settings.strict, instructions=instructions, search_from=lo,
                      quotations=quotations)
    if len(every) > MAX_SENTENCES:  # a window of very short sentences: say what the model did not see
        grounded.warnings.append(f"only the first {MAX_SENTENCES} sentences of {'this part' if text != doc.body else 'the article'}"
                                 f" were offered to the model; events after \"{sentences[-1].text[:60]}\" may be missing")
    return grounded, usage


def _in_text(doc: Document, s: Sentence, after: int) -> tuple[int, int]:
    """Where a sentence of a window lies in ``doc.text`` (the offsets quotations carry); the window's own if unsure."""
    pos = doc.text.find(s.text, after)
    return (pos, pos + len(s.text)) if pos >= 0 else (s.start, s.end)


PART_FAILED = "could not be briefed"


def is_partial(brief: Brief) -> bool:
    """True when some windows of a long article could not be briefed: a brief to show, not to cache."""
    return any(w.startswith("part ") and PART_FAILED in w for w in brief.warnings)


def brief_document(doc: Document, client: ModelClient) -> Brief:
    """Make a grounded brief of one loaded article with ``client``.

    An article longer than one request can carry is briefed in overlapping
    windows whose partial briefs are merged; offsets stay those of the whole article.
    Errors raised on the way name the article.
    """
    try:
        return _brief_document(doc, client)
    except SummarizerError as exc:
        if exc.path is None:
            exc.path = doc.path
        raise


def _brief_document(doc: Document, client: ModelClient) -> Brief:
    settings = client.settings
    started = time.perf_counter()
    size = window_chars(settings)
    parts, usage = [], Usage()
    pieces = windows(doc.body, size, overlap=size // 10)
    after, failed = 0, []
    analysis = analyse(doc)
    for n, piece in enumerate(pieces, 1):
        span = (0, len(doc.text)) if len(pieces) == 1 else _locate(doc, piece, after)
        after = span[0] + 1
        try:
            grounded, used = _brief_window(analysis, piece, span, client)
        except SchemaFailure as exc:
            if len(pieces) == 1:
                raise
            failed.append(f"part {n} of {len(pieces)} {PART_FAILED} ({exc.message}); its events and quotes are missing")
            continue
        parts.append(grounded)
        usage = usage + used
    if not parts:
        raise SchemaFailure(f"none of the {len(pieces)} parts of the article could be briefed", path=doc.path)
    g = merge(parts)
    warnings = list(doc.warnings) + failed + list(g.warnings)
    if len(pieces) > 1:
        warnings.insert(0, f"long article: briefed in {len(pieces)} overlapping parts and merged")
    if not doc.published:
        warnings.append("no publication date found: relative dates could not be resolved (use --published)")
    return Brief(
        headline=g.headline,
        summary=g.summary,
        key_events=g.key_events,
        actors=g.actors,
        quotes=g.quotes,
        open_questions=g.open_questions,
        warnings=warnings,
        source=Source(path=doc.path, title=doc.title, sha256=doc.sha256, published=doc.published, url=doc.url, site_name=doc.site_name),
        meta=Meta(
            model=settings.model,
            backend=settings.backend,
            prompt_version=prompt_version(),
            schema_version=schema_version(),
            usage=usage,
            seconds=round(time.perf_counter() - started, 2),
        ),
    )


def brief_file(path: str | Path, settings: Settings, client: ModelClient | None = None) -> Brief:
    """Load ``path`` and brief it; builds (and closes) a client when none is given."""
    doc = load_document(path, max_bytes=settings.max_bytes, published=settings.published)
    return _with_client(doc, settings, client)


def brief_bytes(raw: bytes, settings: Settings, *, path: str = "-", client: ModelClient | None = None) -> Brief:
    """Brief raw article bytes (e.g. standard input)."""
    doc = document_from_bytes(raw, path=path, max_bytes=settings.max_bytes, published=settings.published)
    return _with_client(doc, settings, client)


def _with_client(doc: Document, settings: Settings, client: ModelClient | None) -> Brief:
    if client is not None:
        return brief_document(doc, client)
    own = ModelClient(settings)
    try:
        return brief_document(doc, own)
    finally:
        own.close()
