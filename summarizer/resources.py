"""Where the packaged data (prompt templates, published JSON Schemas) lives.

In a wheel they sit inside the package as ``summarizer/_data/``; in a source
checkout (including an editable install) they are the top-level ``prompts/``
and ``schemas/`` folders of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder holding ``name`` ('prompts' or 'schemas')."""
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name
