"""The pipeline for one article: load -> prompt -> call model -> validate -> ground -> brief."""

from __future__ import annotations

import re
import time
from pathlib import Path

from .candidates import find_candidates
from .config import Settings
from .documents import Document, document_from_bytes, load_document
from .draft import draft_model
from .grounding import ground
from .llm import ModelClient
from .models import Brief, Meta, Source, schema_version
from .prompting import brief_messages, prompt_version
from .sentences import Sentence, split_sentences

MAX_CANDIDATES = 40
MAX_SENTENCES = 150
# ~3.5 characters per token; leaves room for the instructions and the answer.
_CHARS_PER_TOKEN = 3.5
_PROMPT_OVERHEAD_TOKENS = 1400


def fit_body(body: str, settings: Settings) -> tuple[str, bool]:
    """The article body cut at a paragraph boundary to fit the local model's context."""
    if not settings.is_local:
        return body, False
    budget = int((settings.n_ctx - settings.max_tokens - _PROMPT_OVERHEAD_TOKENS) * _CHARS_PER_TOKEN)
    if len(body) <= budget:
        return body, False
    cut = body.rfind("\n\n", 0, budget)
    return body[: cut if cut > budget // 2 else budget], True


def _is_furniture(sentence: str, doc: Document) -> bool:
    """The title again, or a short dateline carrying the publication date."""
    if doc.title and " ".join(sentence.split()) == " ".join(doc.title.split()):
        return True
    return len(sentence.split()) <= 8 and bool(re.search(r"\bpublished\b|\bupdated\b", sentence, re.IGNORECASE))


def _descriptions(schema) -> list[str]:
    """Every description string in a JSON Schema."""
    if isinstance(schema, dict):
        found = [schema["description"]] if isinstance(schema.get("description"), str) else []
        return found + [d for v in schema.values() for d in _descriptions(v)]
    if isinstance(schema, list):
        return [d for v in schema for d in _descriptions(v)]
    return []


def brief_document(doc: Document, client: ModelClient) -> Brief:
    """Make a grounded brief of one loaded article with ``client``."""
    settings = client.settings
    started = time.perf_counter()
    candidates = find_candidates(doc.text)[:MAX_CANDIDATES]
    body, truncated = fit_body(doc.body, settings)
    sentences = [s for s in split_sentences(body, limit=MAX_SENTENCES) if not _is_furniture(s.text, doc)]
    sentences = [Sentence(f"S{i}", s.text, s.start, s.end) for i, s in enumerate(sentences, 1)]
    draft_cls = draft_model([c.id for c in candidates], [s.id for s in sentences])
    messages = brief_messages(sentences=sentences, title=doc.title, published=doc.published, candidates=candidates)
    draft, usage = client.extract(messages, draft_cls)
    instructions = messages[0]["content"] + "\n" + "\n".join(_descriptions(draft_cls.model_json_schema()))
    g = ground(draft, doc, candidates, sentences, strict=settings.strict, instructions=instructions)
    warnings = list(g.warnings)
    if truncated:
        warnings.insert(0, f"the article is longer than the model's context: only its first {len(body):,} characters were read")
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
        source=Source(path=doc.path, title=doc.title, sha256=doc.sha256, published=doc.published),
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
