"""Settings, resolved once into a frozen object that every stage reads."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypedDict

from typing_extensions import Unpack
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


class SettingsOverrides(TypedDict, total=False):
    """The keyword settings :func:`resolve_settings` takes (the fields of :class:`Settings`); None means not given.

    Typed so that a type checker flags a misspelt or mistyped keyword; at run
    time an unknown keyword is a :class:`ConfigError` naming it.
    """

    base_url: str | None
    model: str | None
    api_key: str | None
    mode: InstructorMode | None
    temperature: float | None
    seed: int | None
    max_tokens: int | None
    timeout: float | None
    transport_retries: int | None
    schema_retries: int | None
    cassette_dir: str | Path | None
    cassette_mode: CassetteMode | None
    strict: bool | None
    max_bytes: int | None
    n_ctx: int | None
    published: str | None


def check_keywords(names: list[str]) -> None:
    """Raise :class:`ConfigError` naming the first keyword that is not a setting (with the closest one)."""
    import difflib

    known = list(SettingsOverrides.__annotations__)
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=2)
            hint = f" (did you mean {' or '.join(map(repr, close))}?)" if close else f"; the settings are: {', '.join(known)}"
            raise ConfigError(f"unknown setting {name!r}{hint}")


@functools.lru_cache(maxsize=1)
def _sources_class() -> type:
    """The pydantic-settings class, made on first use (importing pydantic-settings costs --help 0.1 s)."""
    from pydantic import AliasChoices, Field
    from pydantic_settings import BaseSettings, SettingsConfigDict, TomlConfigSettingsSource

    class Sources(BaseSettings):
        """Every setting, read by pydantic-settings: keywords over ``SUMMARIZER_*`` variables over the config file."""

        model_config = SettingsConfigDict(env_prefix="SUMMARIZER_", extra="forbid", frozen=True)

        base_url: str | None = None
        model: str | None = None
        api_key: str | None = Field(default=None, validation_alias=AliasChoices("api_key", "SUMMARIZER_API_KEY", "OPENAI_API_KEY"))
        mode: InstructorMode | None = None
        temperature: float | None = None
        seed: int | None = None
        max_tokens: int | None = None
        timeout: float | None = None
        transport_retries: int | None = None
        schema_retries: int | None = None
        cassette_dir: Path | None = None
        cassette_mode: CassetteMode | None = None
        strict: bool | None = None
        max_bytes: int | None = None
        n_ctx: int | None = None
        published: str | None = None

        @classmethod
        def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings):
            """Keywords, then the environment, then the TOML config file (when there is one)."""
            return init_settings, env_settings, TomlConfigSettingsSource(settings_cls)

    return Sources


def config_file(path: str | Path | None = None) -> Path | None:
    """The config file to read: ``path``, else ``$SUMMARIZER_CONFIG``, else the user's
    ``config.toml`` in the platform's config folder (~/.config/summarizer/ on Linux) if it exists."""
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"{p}: no such config file")
        return p
    if os.environ.get("SUMMARIZER_CONFIG"):
        return config_file(os.environ["SUMMARIZER_CONFIG"])
    from platformdirs import user_config_path

    p = user_config_path("summarizer") / "config.toml"
    return p if p.is_file() else None


def _read_sources(values: dict, config: str | Path | None) -> dict:
    toml = config_file(config)
    from pydantic import ValidationError

    base = _sources_class()
    cls = type("Sources", (base,), {"model_config": {**base.model_config, "toml_file": toml}})
    try:
        merged = cls(**values)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{toml or 'settings'}: {problems}" if toml else problems) from None
    except (OSError, ValueError) as exc:  # an unreadable or malformed TOML file
        raise ConfigError(f"{toml}: {exc}") from None
    return merged.model_dump(exclude_none=True)


def resolve_settings(*, config: str | Path | None = None, **overrides: Unpack[SettingsOverrides]) -> Settings:
    """Merge explicit options over ``SUMMARIZER_*`` environment variables over the config file over defaults.

    Options given as None fall back to the environment, then to the config file
    (``config``, ``$SUMMARIZER_CONFIG`` or ~/.config/summarizer/config.toml; the
    same keys as the keyword arguments), then to the default. ``OPENAI_API_KEY``
    is the API key. With a ``base_url`` but no ``model``, the server is asked
    (GET /models) and its model used when it serves exactly one. An unknown
    keyword (``modle="x"``) is a :class:`ConfigError` naming it.
    """
    check_keywords(list(overrides))
    values = _read_sources({k: v for k, v in overrides.items() if v is not None}, config)
    if values.get("base_url"):
        values.setdefault("api_key", "not-needed")
        if not values.get("model"):
            from .backends.models import served_model

            values["model"] = served_model(values["base_url"], values["api_key"])
    mode = values.get("cassette_mode", "off")
    if mode != "off" and values.get("cassette_dir") is None:
        raise ConfigError("--cassette-mode needs --cassettes DIR")
    if values.get("cassette_dir") is not None and mode == "off":
        values["cassette_mode"] = "replay"
    return Settings(**values)
