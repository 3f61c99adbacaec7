"""Is the article English? The analysis (spaCy's English pipeline, English cue words) assumes so.

A light check rather than a language model: the share of an article's words
that are English stop words. Running English prose sits around 40-55 %; German,
French or Spanish news text, whose function words are other words, stays far
below the threshold, so a non-English article gets a warning instead of a
brief that silently misses its quotations and speakers. Results tables and
lists are English with few function words of any language, so a low share
alone is not enough: another language's stop words (spaCy's lists) must
outnumber the English ones, or most words must be in a non-Latin script.
"""

from __future__ import annotations

import functools
import re

from .lexicon import OTHER_LANGUAGES, english_stop_words, stop_words

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


@functools.lru_cache(maxsize=1)
def _other_stop_words() -> dict[str, frozenset[str]]:
    return {lang: stop_words(lang) - _stop_words() for lang in OTHER_LANGUAGES}


def likely_language(text: str) -> str | None:
    """The language whose stop words ``text`` uses most, when that is not English; None when English wins."""
    words = [w.lower() for w in _WORD.findall(text) if len(w) > 1]  # one letter is an initial ('U.S.'), in any language
    if not words:
        return None
    if sum(not any("a" <= c <= "z" for c in w) for w in words) > len(words) / 2:
        return "a non-Latin script"
    english = sum(w in _stop_words() for w in words)
    counts = {OTHER_LANGUAGES[lang]: sum(w in stop for w in words) for lang, stop in _other_stop_words().items()}
    best = max(counts, key=counts.get)
    return best if counts[best] > english else None


def language_warning(text: str) -> str | None:
    """A warning when ``text`` does not look English, else None."""
    share = english_share(text)
    if share is None or share >= ENGLISH_THRESHOLD:
        return None
    language = likely_language(text)
    if language is None:
        return None  # a results table or a list: few function words, but English ones
    return (f"the article does not look English (it reads as {language}; {share:.0%} of its words are English "
            f"function words, English prose has about 45%): quotations, speakers and dates may be missed, "
            f"as the analysis is English-only")
