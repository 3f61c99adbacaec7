"""Batch files: the requests a folder needs, as JSONL for the OpenAI Batch API or ``vllm run-batch``.

Each line is ``{"custom_id", "method": "POST", "url": "/v1/chat/completions", "body"}``.
``custom_id`` is the article's cache key (see :func:`cache_key`); an article
long enough to need several windows gets one request per window, its ids
suffixed ``-part<N>of<M>``. The bodies are not built here: the real pipeline
runs against a :class:`CaptureTransport`, which keeps every request exactly
as the online path would send it, so imported answers ground the same way.

Every request exported is also listed in OUTDIR/.summarizer/requests.jsonl
(custom id, request hash, article), which is how results map back.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import httpx

from ..backends.cassettes import request_key
from ..backends.client import ModelClient
from ..backends.testing import completion, valid_draft
from ..brief.pipeline import brief_document
from ..config import Settings
from ..errors import ConfigError, SummarizerError
from ..text.documents import load_document
from .cache import BriefCache, cache_key
from .runner import STATE_DIR, discover

MAX_LINES = 50_000
MAX_BYTES = 200 * 1000 * 1000
ENDPOINT = "/v1/chat/completions"


def batch_settings(settings: Settings) -> Settings:
    """The settings batch files are made and read with: ``--mode auto`` means json_schema on every backend.

    The online path picks tools for api.openai.com, but a batch line must carry
    its schema in ``response_format`` (which the OpenAI Batch API, vLLM and
    llama.cpp all accept); export and import both go through here, so the
    replayed requests hash the same as the exported ones.
    """
    if settings.mode == "auto":
        return replace(settings, mode="json_schema")
    if settings.mode != "json_schema":
        raise ConfigError(f"batch files carry the JSON Schema in response_format: use --mode json_schema or auto, "
                          f"not {settings.mode}")
    return settings


def manifest_path(outdir: Path) -> Path:
    """The list of every request exported for OUTDIR: custom id, request hash, article."""
    return Path(outdir) / STATE_DIR / "requests.jsonl"


class CaptureTransport(httpx.BaseTransport):
    """Keeps each request body and answers with a schema-valid stand-in, so every window is asked for."""

    def __init__(self) -> None:
        self.bodies: list[dict] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.read() or b"{}")
        self.bodies.append(body)
        if "json_schema" not in (body.get("response_format") or {}):
            raise ConfigError("batch files need --mode json_schema or auto (the request carries no JSON Schema)")
        return httpx.Response(200, json=completion(valid_draft(body)))


@dataclass
class ExportReport:
    """What an export wrote and why articles were left out."""

    files: list[Path] = field(default_factory=list)
    requests: int = 0
    articles: int = 0
    cached: int = 0
    windowed: dict[str, int] = field(default_factory=dict)  # article -> number of requests
    failed: list[tuple[str, str]] = field(default_factory=list)  # (article, why)


class _PartWriter:
    """Writes lines into numbered part files, each within ``max_lines`` and ``max_bytes``."""

    def __init__(self, target: Path, max_lines: int, max_bytes: int) -> None:
        self.target, self.max_lines, self.max_bytes = Path(target), max_lines, max_bytes
        self.parts: list[Path] = []
        self._fh = None
        self._lines = self._bytes = 0

    def write(self, line: str) -> None:
        data = (line + "\n").encode("utf-8")
        if len(data) > self.max_bytes:
            raise ConfigError(f"one request is {len(data)} bytes, over the {self.max_bytes}-byte file limit")
        if self._fh is None or self._lines + 1 > self.max_lines or self._bytes + len(data) > self.max_bytes:
            self._open()
        self._fh.write(data)
        self._lines += 1
        self._bytes += len(data)

    def _open(self) -> None:
        self._close()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.target.with_name(f".{self.target.name}.part{len(self.parts) + 1}.tmp")
        self.parts.append(tmp)
        self._fh = open(tmp, "wb")
        self._lines = self._bytes = 0

    def _close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def finish(self) -> list[Path]:
        """Rename the parts into place: FILE when one part, else FILE-001.jsonl, FILE-002.jsonl, ..."""
        self._close()
        if len(self.parts) == 1:
            names = [self.target]
        else:
            stem, suffix = self.target.stem, self.target.suffix or ".jsonl"
            names = [self.target.with_name(f"{stem}-{n:03d}{suffix}") for n in range(1, len(self.parts) + 1)]
        for tmp, name in zip(self.parts, names):
            os.replace(tmp, name)
        return names


def capture_requests(doc, client: ModelClient, transport: CaptureTransport) -> list[dict]:
    """The request bodies the online path sends for one article (one per window)."""
    transport.bodies = []
    brief_document(doc, client)
    return list(transport.bodies)


def custom_ids(key: str, count: int) -> list[str]:
    """The custom ids of an article's requests: its cache key, suffixed per window when several."""
    if count == 1:
        return [key]
    return [f"{key}-part{n}of{count}" for n in range(1, count + 1)]


def export_requests(root: Path, outdir: Path, settings: Settings, target: Path, *, pattern: str | None = None,
                    max_lines: int = MAX_LINES, max_bytes: int = MAX_BYTES) -> ExportReport:
    """Write the requests of every article in ``root`` whose brief is not cached in ``outdir``."""
    root, outdir = Path(root), Path(outdir)
    if not root.is_dir():
        raise ConfigError(f"{root} is not a folder")
    settings = batch_settings(settings)
    capture_settings = replace(settings, cassette_mode="off", cassette_dir=None, schema_retries=0, transport_retries=0)
    transport = CaptureTransport()
    client = ModelClient(capture_settings, transport)
    cache = BriefCache(outdir / STATE_DIR / "cache")
    report, seen = ExportReport(), set()
    writer = _PartWriter(Path(target), max_lines, max_bytes)
    manifest = manifest_path(outdir)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    articles, _ = discover(root, outdir, pattern)
    with open(manifest, "a", encoding="utf-8") as listing:
        for rel in articles:
            try:
                doc = load_document(root / rel, max_bytes=settings.max_bytes, published=settings.published)
                key = cache_key(doc.sha256, settings)
                if cache.get(key) is not None:
                    report.cached += 1
                    continue
                if key in seen:
                    continue  # same text in another file: one request serves both
                bodies = capture_requests(doc, client, transport)
            except ConfigError:
                raise
            except SummarizerError as exc:
                report.failed.append((rel, exc.message))
                continue
            seen.add(key)
            report.articles += 1
            if len(bodies) > 1:
                report.windowed[rel] = len(bodies)
            for cid, body in zip(custom_ids(key, len(bodies)), bodies):
                line = json.dumps({"custom_id": cid, "method": "POST", "url": ENDPOINT, "body": body},
                                  ensure_ascii=False, separators=(",", ":"))
                writer.write(line)
                listing.write(json.dumps({"custom_id": cid, "request": request_key(line_body(body)), "file": rel}) + "\n")
                report.requests += 1
    client.close()
    report.files = writer.finish()
    return report


def line_body(body: dict) -> bytes:
    """A request body as bytes, for :func:`request_key`."""
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def load_manifest(outdir: Path) -> dict[str, dict]:
    """custom id -> {"request", "file"} for every request ever exported for OUTDIR (latest wins)."""
    path = manifest_path(outdir)
    if not path.is_file():
        raise ConfigError(f"no exported requests listed in {path}: run --export-requests with this -o first")
    found = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                entry = json.loads(line)
                found[entry["custom_id"]] = entry
            except (json.JSONDecodeError, KeyError, TypeError):
                continue  # a line cut short by a kill: its requests are exported again
    return found
