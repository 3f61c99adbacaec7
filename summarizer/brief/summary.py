"""Checks that never show a bad headline or summary.

A headline or summary the model wrote is kept only when every name, number and
quotation in it occurs in the article, it is not page furniture, and it is not
cut off mid-word; a headline also has at most 15 words. Otherwise it is replaced,
not only flagged: the headline by the article's title or an extractive line, the
summary by the article's first whole sentences that state its news.

Where no model writes a summary (the embedded model), the summary is those opening
sentences as the article has them, not compressed: against human highlights whole
sentences score above compressed statements and, with quotations and questions
left out, above the article's first three sentences (bench/RESULTS.md).
"""

from __future__ import annotations

import re
from itertools import chain

from ..text.alignment import fold
from ..text.datelines import without_dateline
from ..text.sentences import Sentence
from .events import compress_event, eventworthy, is_furniture

MAX_HEADLINE_WORDS = 15
MAX_SUMMARY_WORDS = 75
EXTRACTIVE_SUMMARY_WORDS = 100
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201d]{3,})[\"\u201d]")
_URL = re.compile(r"(?:https?://|www\.)[^\s\"'<>)]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|info|biz|co|ru|cn|xyz|ly|me)\b(?:/[^\s\"'<>)]*)?",
                  re.IGNORECASE)
_CAPITALISED = re.compile(r"(?<![\w'\u2019-])[A-Z][\w'\u2019-]*")


def _norm(text: str) -> str:
    return " ".join(fold(text).lower().split())


def _numbers(text: str) -> set[str]:
    return {m.replace(",", "") for m in _NUMBER.findall(text)}


def unknown_parts(value: str, article: str) -> list[str]:
    """Names, numbers, quotations and web addresses of ``value`` that the article does not contain (empty: all found).

    A name is a capitalised word that is not the first word of a sentence; it must occur in the
    article as a word (case-insensitive, accents folded). A number must occur among the article's
    numbers (thousands separators ignored), and quoted words must occur in the article as written.
    """
    urls = [u for u in _URL.findall(value) if u.lower().rstrip(".,;") not in article.lower()]
    value = _URL.sub(" ", value)  # an address's digits and words are checked with the address
    art = _norm(article)
    art_words = set(re.findall(r"[\w'\u2019-]+", art))
    missing = sorted(_numbers(value) - _numbers(article))
    for m in _CAPITALISED.finditer(value):
        before = value[: m.start()].rstrip()
        if not before or before[-1] in ".!?:\"\u201c(":
            continue  # a sentence starts with a capital whatever it is
        word = _norm(m.group(0)).strip("'\u2019-")
        word = re.sub(r"['\u2019]s$", "", word)
        if word and word not in art_words:
            missing.append(m.group(0))
    missing += [f'"{q}"' for q in _QUOTED.findall(value) if _norm(q) not in art]
    return missing + urls


def is_cut_off(value: str) -> bool:
    """True when the text stops mid-sentence or mid-word ('..., a two-')."""
    v = value.rstrip()
    return not v or v.endswith(("-", ",", ";", ":", "(")) or v[-1] not in ".!?\"'\u201d\u2019)"


def _clip_words(text: str, limit: int) -> str:
    """At most ``limit`` whole words, without a dangling trailing punctuation mark."""
    words = text.split()
    return " ".join(words[:limit]).rstrip(",;:-") if len(words) > limit else " ".join(words)


def opening_statements(sentences: list[Sentence], most: int = 3, limit: int | None = None) -> list[str]:
    """The article's opening news as short statements: each of the first ``most`` sentences that may be an
    event (no quotation, no furniture, not cut off), compressed like an event; with ``limit``, they stop
    before the statement that would pass ``limit`` words (the first is always kept)."""
    out: list[str] = []
    for s in sentences:
        text = " ".join(s.text.split())
        if not eventworthy(text) or is_cut_off(text):
            continue
        statement = compress_event(text)
        if out and limit is not None and len(" ".join(out).split()) + len(statement.split()) > limit:
            break
        out.append(statement)
        if len(out) == most:
            break
    return out


def opening_sentences(sentences: list[Sentence], most: int = 3, limit: int = EXTRACTIVE_SUMMARY_WORDS) -> list[str]:
    """The article's opening news in its own words: each of its first ``most`` sentences that may be an event
    (no quotation, furniture, label or line to the reader, not cut off) and states rather than asks (a teaser
    question is not news), without the wire dateline it may open with; they stop before the one that would take
    them past ``limit`` words, but the first two are always kept."""
    out: list[str] = []
    for s in sentences:
        text = as_shown(s.text)
        if not eventworthy(text) or is_cut_off(text) or is_question(text):
            continue
        if len(out) >= 2 and len(" ".join([*out, text]).split()) > limit:
            break
        out.append(text)
        if len(out) == most:
            break
    return out


def as_shown(sentence: str) -> str:
    """An article sentence as :func:`opening_sentences` shows it: whitespace closed up, an opening wire dateline gone."""
    return without_dateline(" ".join(sentence.split()))


def is_question(sentence: str) -> bool:
    """True when the sentence asks rather than states ('Ever noticed how plane seats are shrinking?')."""
    return sentence.rstrip(" \"'\u201d\u2019)").endswith("?")


def extractive_summary(sentences: list[Sentence], limit: int = EXTRACTIVE_SUMMARY_WORDS) -> str:
    """The article's opening news as its own whole sentences (at least one), about ``limit`` words at most:
    its first three :func:`opening_sentences`, else its first sentence."""
    return " ".join(opening_sentences(sentences, 3, limit)) or (" ".join(sentences[0].text.split()) if sentences else "")


def _headline_fallback(title: str, sentences: list[Sentence], article: str) -> str:
    title = " ".join((title or "").split())
    if title and not is_furniture(title) and len(title.split()) <= MAX_HEADLINE_WORDS:
        return title
    # a long title, else the first sentence that may be an event (no furniture, no quotation, nothing telling the
    # reader what to do: 'Get daily updates ... in your inbox'), as its main clause from the parse, not its first
    # 15 words ('No one was injured, but several people ... were inside the church when')
    titled = [title] if title and not is_furniture(title) and not title.startswith(("\"", "\u201c")) else []
    line = next(chain(titled, (text for text in (" ".join(s.text.split()) for s in sentences) if eventworthy(text))), None)
    if line is None:
        return _clip_words(title, MAX_HEADLINE_WORDS)
    return compress_event(line, MAX_HEADLINE_WORDS).rstrip(".") or _clip_words(line.rstrip("."), MAX_HEADLINE_WORDS)


def check_headline(headline: str, title: str, sentences: list[Sentence], article: str) -> tuple[str, str]:
    """The headline to show and a warning ('' when the model's headline is kept)."""
    headline = " ".join(headline.split())
    if not headline or is_furniture(headline):
        return _headline_fallback(title, sentences, article), "the model's headline was empty or page furniture; replaced"
    if missing := unknown_parts(headline, article):
        return (_headline_fallback(title, sentences, article),
                f"the model's headline mentions {', '.join(missing)}, which the article does not; replaced")
    if len(headline.split()) > MAX_HEADLINE_WORDS:
        return _headline_fallback(title, sentences, article), "the model's headline was over 15 words; replaced"
    return headline, ""


def check_summary(summary: str, sentences: list[Sentence], article: str) -> tuple[str, str]:
    """The summary to show and a warning ('' when the model's summary is kept)."""
    summary = " ".join(summary.split())
    if not summary or is_furniture(summary) or is_cut_off(summary):
        return extractive_summary(sentences), "the model's summary was empty, furniture or cut off; the article's opening is shown"
    if missing := unknown_parts(summary, article):
        return (extractive_summary(sentences),
                f"the model's summary mentions {', '.join(missing)}, which the article does not; the article's opening is shown")
    if len(summary.split()) > 2 * MAX_SUMMARY_WORDS:
        return extractive_summary(sentences), "the model's summary was a run-on; the article's opening is shown"
    return summary, ""


def check_prose(headline: str, summary: str, title: str, sentences: list[Sentence], article: str) -> tuple[str, str, list[str]]:
    """Headline and summary to show, and the warnings saying what was replaced and why."""
    headline, h_warn = check_headline(headline, title, sentences, article)
    summary, s_warn = check_summary(summary, sentences, article)
    return headline, summary, [w for w in (h_warn, s_warn) if w]
