"""Cassettes: recorded model exchanges as an httpx transport.

One JSON file per request, named by the SHA-256 of the canonical request
body (model, messages, schema, sampling settings: whatever the client sent,
with keys sorted). Headers are never part of the key and never written, so
API keys and auth headers cannot reach a file. Only successful (2xx)
responses are recorded: a replayed 429 would be a recording of bad luck.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import httpx

from ..errors import CassetteMiss, ConfigError

MODES = ("record", "replay", "record-missing")
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
    canonical = json.dumps(canonical_body(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _prompt_hint(body: dict) -> str:
    for message in reversed(body.get("messages") or []):
        content = message.get("content")
        if isinstance(content, str) and message.get("role") == "user":
            return " ".join(content.split())[:120]
    return "(no user message)"


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
        if 200 <= response.status_code < 300:
            self._save(path, key, body, response)
        return response

    def _real(self) -> httpx.BaseTransport:
        with self._lock:
            if self._inner is None:
                if self._inner_factory is None:
                    raise ConfigError("cassette recording needs a real backend")
                self._inner = self._inner_factory()
        return self._inner

    def _save(self, path: Path, key: str, body: bytes, response: httpx.Response) -> None:
        record = {
            "key": key,
            "recorded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "request": canonical_body(body),
            "response": {"status_code": response.status_code, "body": response.json()},
        }
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh, indent=1, ensure_ascii=False, sort_keys=True)
        os.replace(tmp, path)
        self.recorded += 1

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()
