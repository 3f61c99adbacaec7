"""Key events as short statements: code compresses the sentence the model picked.

The model chooses which sentences carry the news; these functions turn one into an
event statement of at most :data:`MAX_EVENT_WORDS` words (the main clause from the
parse: attribution and side clauses stripped, :mod:`summarizer.text.compress`) and
refuse sentences that are quotations or page furniture.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.compress import compress
from ..text.nlp import parse


MAX_EVENT_WORDS = 25
LABEL_WORDS = 8
"""A line of at most this many words with no verb, or mostly a date and time, is a label, not a statement."""
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
# a wire dateline opening the sentence: a place in capitals, perhaps a date, then a dash
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{1,40}(?:,[^\u2014\u2013]{0,30})?\s+[\u2014\u2013-]{1,2}\s+(?=[A-Z\d])")
_QUOTE_CHARS = "\"\u201c\u201d"


def is_furniture(value: str) -> bool:
    """Page furniture rather than prose: too few letter words, or mostly digits and symbols."""
    words = _WORD.findall(value)
    letters = sum(c.isalpha() for c in value)
    return len(words) < 3 or letters < 0.6 * len(value.replace(" ", ""))


def is_quotation(sentence: str) -> bool:
    """True when the sentence is a quotation: it opens with a quote mark or two fifths of it are quoted words."""
    s = sentence.strip()
    if s[:1] in _QUOTE_CHARS + "'\u2018":
        return True
    return quoted_share(s) >= 0.4


def quoted_share(sentence: str) -> float:
    """The share of a sentence's characters inside quotation marks; a quotation that runs on past the sentence
    counts to its end, and one that began in an earlier sentence (a closing mark with no opening) from its start."""
    inside, opened_at = 0, None
    for i, ch in enumerate(sentence):
        if ch in "\"\u201c" and opened_at is None and (ch == "\u201c" or not sentence.count('"', 0, i) % 2):
            opened_at = i
        elif ch in "\"\u201d":
            inside += i - (opened_at if opened_at is not None else 0)
            opened_at = None
    if opened_at is not None:
        inside += len(sentence) - opened_at
    return inside / max(1, len(sentence))


def eventworthy(sentence: str) -> bool:
    """Whether a sentence may become a key event: not a quotation, not furniture, a few words at least, and
    a statement by its parse: it has a verb ('Statement by Ines Varga' is a label), is not mostly a date
    and time ('Monday 5 August 2013 08.33 BST') and does not tell the reader to do something ('Scroll down
    for video', 'Sign up for the newsletter and get the news in your inbox')."""
    if len(sentence.split()) < 4 or is_quotation(sentence) or is_furniture(sentence):
        return False
    return is_statement(" ".join(sentence.split()))


@lru_cache(maxsize=256)
def is_statement(sentence: str) -> bool:
    """Whether spaCy's parse of ``sentence`` makes it a statement: a verb, not mostly date, time and number
    words, and not an instruction to the reader (only asked of a short line, at most :data:`LABEL_WORDS`
    words, or of a line that says 'you')."""
    # each word holding a letter or digit is at least one non-punctuation token: a longer line needs no parse
    short = sum(any(c.isalnum() for c in w) for w in sentence.split()) <= LABEL_WORDS
    if not short and not _SECOND_PERSON.search(sentence):
        return True  # en_core_web_sm tags some verbs of longer sentences as nouns ('A fan invades')
    doc = parse(sentence)
    words = [t for t in doc if not t.is_punct]
    if len(list(doc.sents)) == 1 and _tells_the_reader(doc, words):
        return False
    if len(words) > LABEL_WORDS:
        return True
    stamp = [t for t in words if t.ent_type_ in ("DATE", "TIME") or t.like_num]
    return any(t.pos_ in ("VERB", "AUX") for t in doc) and len(stamp) < 0.6 * len(words)


_SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)


def _tells_the_reader(doc, words) -> bool:
    """A bare verb opening the line, with no subject: a short imperative ('Read the rest here.') or one that
    speaks to 'you' ('Sign up ... in your inbox'; the verb need not be the parse's root, which the small model
    misplaces in run-together page text). News reports events; these are page furniture (bench/RESULTS.md)."""
    first = words[0] if words else None
    if first is None or first.tag_ != "VB":
        return False
    root = next(iter(doc.sents)).root
    if any(c.dep_ in _SUBJECTS for c in first.children) or any(c.dep_ in _SUBJECTS[:2] for c in root.children):
        return False  # 'Forget sunbathing, now you can spend your holiday ...' has a subject: a statement
    if len(words) <= LABEL_WORDS:
        return first.i == root.i
    return any(_SECOND_PERSON.fullmatch(t.text) for t in doc)


_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


def compress_event(sentence: str, limit: int = MAX_EVENT_WORDS, *, attribution: bool = False) -> str:
    """A short event statement from one sentence: its dateline ('HALVIK, May 12, 2025 — ') and attribution
    gone (the attribution kept with ``attribution=True``), its main clause from the parse without side clauses,
    at most ``limit`` whole words, with a full stop."""
    return compress(_DATELINE.sub("", sentence.strip(), count=1), limit, attribution=attribution)
