"""Cassettes: recorded model exchanges as an httpx transport.

One JSON file per request, named by the SHA-256 of the canonical request
body (model, messages, schema, sampling settings: whatever the client sent,
with keys sorted and the whitespace at either end of a message's lines
ignored: the instructor versions we support differ only there, and must
replay the same cassettes). Headers are never part of the key and never
written, so API keys and auth headers cannot reach a file. Only successful
(2xx) responses are recorded: a replayed 429 would be a recording of bad luck.
Inside :meth:`CassetteTransport.held` (what the client's ``extract`` uses)
they are kept only once the answer validated: an empty, cut-off or
schema-invalid answer is never replayed, so a later run asks again.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import httpx

from ..errors import CassetteMiss, ConfigError
from ..output import write_atomic

MODES = ("record", "replay", "record-missing")
_held: contextvars.ContextVar[list | None] = contextvars.ContextVar("summarizer_held_exchanges", default=None)
_SECRET_KEYS = {"api_key", "apikey", "authorization", "x-api-key", "api-key", "password", "token"}


def canonical_body(body: bytes) -> dict:
    """The request body as a JSON object with secret-looking keys removed."""
    try:
        data = json.loads(body or b"{}")
    except json.JSONDecodeError:
        data = {"raw": body.decode("utf-8", "replace")}
    return _scrub(data)


def _scrub(value):
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items() if k.lower() not in _SECRET_KEYS}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def request_key(body: bytes) -> str:
    """SHA-256 of the canonical request body: the cassette's file name."""
    canonical = json.dumps(_keyed(canonical_body(body)), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _keyed(data):
    """The body as the key sees it: each line of a message's text without the whitespace at its ends.

    instructor 1.17 indents the schema instructions it appends to the system
    message (JSON and MD_JSON modes) four spaces deeper than 1.12 and 1.13 do;
    that is not a different question to the model, so it may not change the key.
    """
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        return data
    return {**data, "messages": [_keyed_message(m) for m in data["messages"]]}


def _keyed_message(message):
    if isinstance(message, dict) and isinstance(message.get("content"), str):
        return {**message, "content": "\n".join(line.strip() for line in message["content"].split("\n"))}
    return message


def _prompt_hint(body: dict) -> str:
    for message in reversed(body.get("messages") or []):
        content = message.get("content")
        if isinstance(content, str) and message.get("role") == "user":
            return " ".join(content.split())[:120]
    return "(no user message)"


def _record(key: str, body: bytes, response: httpx.Response) -> dict | None:
    """The recording of a 2xx exchange whose body is JSON, else None (nothing worth replaying)."""
    if not 200 <= response.status_code < 300:
        return None
    try:
        answer = response.json()
    except ValueError:
        return None
    return {
        "key": key,
        "recorded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "request": canonical_body(body),
        "response": {"status_code": response.status_code, "body": answer},
    }


class CassetteTransport(httpx.BaseTransport):
    """Record, replay, or replay-else-record model exchanges in ``directory``.

    ``inner`` is a factory so that replay never builds (or loads) the real
    backend: replaying the embedded model's cassettes needs no weights.
    """

    def __init__(self, directory: Path, mode: str, inner: Callable[[], httpx.BaseTransport] | None = None) -> None:
        if mode not in MODES:
            raise ConfigError(f"unknown cassette mode {mode!r}: use one of {', '.join(MODES)}")
        self.directory = Path(directory)
        self.mode = mode
        self._inner_factory = inner
        self._inner: httpx.BaseTransport | None = None
        self.hits = 0
        self.recorded = 0
        self._lock = threading.Lock()

    def path_for(self, key: str) -> Path:
        """Where the cassette for a request key lives."""
        return self.directory / f"{key}.json"

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        key = request_key(body)
        path = self.path_for(key)
        if self.mode in ("replay", "record-missing") and path.is_file():
            self.hits += 1
            saved = json.loads(path.read_text(encoding="utf-8"))["response"]
            return httpx.Response(saved["status_code"], json=saved["body"], request=request)
        if self.mode == "replay":
            raise CassetteMiss(
                f"no cassette {key[:16]}... in {self.directory} for the request whose prompt begins "
                f"{_prompt_hint(canonical_body(body))!r}; re-record with --cassettes {self.directory} "
                f"--cassette-mode record-missing (needs the real model)"
            )
        response = self._real().handle_request(request)
        response.read()
        record = _record(key, body, response)
        if record is not None:
            held = _held.get()
            if held is None:
                self._save(path, record)
            else:
                held.append((path, record))
        return response

    @contextmanager
    def held(self) -> Iterator[None]:
        """Keep the exchanges recorded inside the block only if it ends without an exception."""
        pending: list = []
        token = _held.set(pending)
        try:
            yield
        finally:
            _held.reset(token)
        for path, record in pending:
            self._save(path, record)

    def _real(self) -> httpx.BaseTransport:
        with self._lock:
            if self._inner is None:
                if self._inner_factory is None:
                    raise ConfigError("cassette recording needs a real backend")
                self._inner = self._inner_factory()
        return self._inner

    def _save(self, path: Path, record: dict) -> None:
        """Write one recording atomically; a disk error is a DiskError, never a retried network fault."""
        write_atomic(path, json.dumps(record, indent=1, ensure_ascii=False, sort_keys=True), overwrite=True, fsync=False)
        self.recorded += 1

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()
