"""Is the article English? The analysis (spaCy's English pipeline, English cue words) assumes so.

A light check rather than a language model: the share of an article's words
that are English stop words. Running English prose sits around 40-55 %; German,
French or Spanish news text, whose function words are other words, stays far
below the threshold, so a non-English article gets a warning instead of a
brief that silently misses its quotations and speakers.
"""

from __future__ import annotations

import functools
import re

from .lexicon import english_stop_words

#: Below this share of English stop words an article is taken as not English.
ENGLISH_THRESHOLD = 0.2
#: Fewer words than this say too little to judge.
MIN_WORDS = 30
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return english_stop_words()


def english_share(text: str) -> float | None:
    """The share of ``text``'s words that are English stop words, or None under MIN_WORDS words."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    stop = _stop_words()
    return sum(1 for w in words if w in stop) / len(words)


def language_warning(text: str) -> str | None:
    """A warning when ``text`` does not look English, else None."""
    share = english_share(text)
    if share is None or share >= ENGLISH_THRESHOLD:
        return None
    return (f"the article does not look English ({share:.0%} of its words are English function words, "
            f"English prose has about 45%): quotations, speakers and dates may be missed, as the analysis is English-only")
