"""Settings, resolved once into a frozen object that every stage reads."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .errors import ConfigError

CassetteMode = Literal["off", "record", "replay", "record-missing"]
InstructorMode = Literal["auto", "json_schema", "tools", "json", "md_json"]

LOCAL_MODEL_NAME = "qwen2.5-coder-0.5b-instruct-q4"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: Query parameters of a base URL whose values are credentials (compared lower-case, '-' read as '_').
SECRET_QUERY_KEYS = frozenset({"api_key", "apikey", "key", "token", "access_token", "auth", "password", "secret",
                               "sig", "signature", "code", "x_api_key"})
MASK = "***"


def safe_url(url: str) -> str:
    """``url`` without credentials: no user:password@, no secret-looking query values (api-key, key, token, ...)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host + (f":{port}" if port else "")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower().replace("-", "_") not in SECRET_QUERY_KEYS]
    return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query), ""))


def url_secrets(url: str) -> list[str]:
    """The credential strings inside ``url`` (userinfo and secret query values), to be masked wherever they appear."""
    parts = urlsplit(url)
    found = [parts.username or "", parts.password or ""]
    found += [v for k, v in parse_qsl(parts.query) if k.lower().replace("-", "_") in SECRET_QUERY_KEYS]
    return [f for f in found if len(f) >= 4]


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know; build it with :func:`resolve_settings`."""

    base_url: str | None = None
    """OpenAI-compatible endpoint; None means the embedded local model."""
    model: str = LOCAL_MODEL_NAME
    api_key: str | None = field(default=None, repr=False)
    mode: InstructorMode = "auto"
    temperature: float = 0.0
    seed: int = 7
    max_tokens: int = 1536
    """Room for the longest answer the bounded draft schema allows."""
    timeout: float = 600.0
    transport_retries: int = 4
    schema_retries: int = 2
    cassette_dir: Path | None = None
    cassette_mode: CassetteMode = "off"
    strict: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    n_ctx: int = 8192
    published: str | None = None
    """Publication date override (YYYY-MM-DD) for articles that lack one."""

    @property
    def backend(self) -> str:
        """'local' or the base URL without credentials: what is written and shown."""
        return safe_url(self.base_url) if self.base_url else "local"

    def redact(self, text: str) -> str:
        """``text`` with the API key, the base URL's credentials and the raw base URL masked (for messages)."""
        if self.base_url and self.base_url != self.backend:
            text = text.replace(self.base_url, self.backend)
        secrets = url_secrets(self.base_url or "")
        if self.api_key and self.api_key != "not-needed" and len(self.api_key) >= 4:
            secrets.append(self.api_key)
        for secret in sorted(set(secrets), key=len, reverse=True):
            text = re.sub(re.escape(secret), MASK, text)
        return text

    @property
    def is_local(self) -> bool:
        """True when the embedded model answers."""
        return self.base_url is None

    def resolved_mode(self) -> str:
        """The instructor mode to use: the user's choice, or the one that suits the backend."""
        if self.mode != "auto":
            return self.mode
        if self.is_local:
            return "json_schema"
        url = self.base_url or ""
        if "api.openai.com" in url:
            return "tools"
        if ":11434" in url or "ollama" in url:
            return "json"
        # llama.cpp server, vLLM and LM Studio all accept response_format json_schema
        return "json_schema"


def resolve_settings(**overrides) -> Settings:
    """Merge explicit options over environment variables over defaults, and validate.

    Environment: ``OPENAI_API_KEY``, ``SUMMARIZER_BASE_URL``, ``SUMMARIZER_MODEL``.
    Options given as None fall back to the environment, then to the default.
    """
    values = {k: v for k, v in overrides.items() if v is not None}
    values.setdefault("base_url", os.environ.get("SUMMARIZER_BASE_URL") or None)
    if values.get("base_url"):
        values.setdefault("model", os.environ.get("SUMMARIZER_MODEL") or "gpt-4o-mini")
        values.setdefault("api_key", os.environ.get("OPENAI_API_KEY") or "not-needed")
    elif os.environ.get("SUMMARIZER_MODEL"):
        values.setdefault("model", os.environ["SUMMARIZER_MODEL"])
    mode = values.get("cassette_mode", "off")
    if mode not in ("off", "record", "replay", "record-missing"):
        raise ConfigError(f"unknown cassette mode {mode!r}: use record, replay or record-missing")
    if mode != "off" and values.get("cassette_dir") is None:
        raise ConfigError("--cassette-mode needs --cassettes DIR")
    if values.get("cassette_dir") is not None and mode == "off":
        values["cassette_mode"] = "replay"
    if values.get("cassette_dir") is not None:
        values["cassette_dir"] = Path(values["cassette_dir"])
    if values.get("mode", "auto") not in ("auto", "json_schema", "tools", "json", "md_json"):
        raise ConfigError(f"unknown mode {values['mode']!r}: use auto, json_schema, tools, json or md_json")
    try:
        return Settings(**values)
    except TypeError as exc:  # an unknown keyword: a programming error made visible
        raise ConfigError(str(exc)) from exc
