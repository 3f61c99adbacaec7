"""Brief cache: content-addressed by (document hash, backend, model, prompt version, schema version, strict, code).

The code fingerprint makes a new summarizer (new grounding, new candidates)
recompute briefs instead of serving stale ones; batch runs also keep the raw
model exchanges (see :func:`response_store`), so recomputing after a code
change costs no model time.

Each finished brief is written (atomically) the moment it exists, so a run
killed at any point loses only the articles in flight, and the next run
picks up everything already done.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from ..config import Settings
from ..brief.types import Brief, schema_version
from ..output import write_atomic
from ..brief.prompting import prompt_version


_PACKAGE = Path(__file__).resolve().parent.parent
#: The folder inside OUTDIR that holds a run's state (cache, kept answers, lock); its presence marks a summarizer output.
STATE_DIR = ".summarizer"


@lru_cache(maxsize=4)
def code_fingerprint(package: Path = _PACKAGE) -> str:
    """Hash of the package's own source files, every subpackage included: changes with any change to how briefs are made."""
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:12]


def response_store(outdir: Path, settings: Settings) -> Path:
    """Where a batch keeps its exchanges with this backend (a record-missing cassette folder).

    One folder per backend (``local``, or a hash of the base URL without
    credentials): a request's key is its body, which names the model but not
    the server, so answers from one server are never replayed to a run on another.
    """
    label = "local" if settings.is_local else hashlib.sha256(settings.backend.encode()).hexdigest()[:16]
    return Path(outdir) / STATE_DIR / "responses" / label


def keeping_answers(settings: Settings, outdir: Path, *, force: bool = False) -> Settings:
    """``settings`` for a folder run into ``outdir``: without cassettes of the user's, keep every model exchange there.

    Kept exchanges make a re-run after an upgrade (which invalidates cached
    briefs) re-ground the stored answers instead of asking the model again;
    ``force`` asks the model afresh and replaces what was kept.
    """
    if settings.cassette_dir is not None:
        return settings
    from dataclasses import replace

    return replace(settings, cassette_dir=response_store(outdir, settings),
                   cassette_mode="record" if force else "record-missing")


def cache_key(doc_sha256: str, settings: Settings) -> str:
    """The key under which a brief of this document, made this way (on this backend), is stored."""
    parts = [doc_sha256, settings.backend, settings.model, prompt_version(), schema_version(), str(settings.strict),
             code_fingerprint()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class BriefCache:
    """A folder of briefs named by :func:`cache_key`."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Brief | None:
        """The cached brief, or None (also for an unreadable entry, which is then recomputed)."""
        path = self._path(key)
        try:
            return Brief.model_validate_json(path.read_bytes())
        except (OSError, ValidationError, json.JSONDecodeError):
            return None

    def put(self, key: str, brief: Brief) -> None:
        """Store a brief atomically."""
        write_atomic(self._path(key), brief.model_dump_json(), overwrite=True, fsync=False)
