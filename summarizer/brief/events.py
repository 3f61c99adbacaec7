"""Key events as short statements: code compresses the sentence the model picked.

The model chooses which sentences carry the news; these functions turn one into an
event statement of at most :data:`MAX_EVENT_WORDS` words (attribution, parentheses,
non-restrictive and leading subordinate clauses stripped) and refuse sentences that
are quotations or page furniture.
"""

from __future__ import annotations

import re

from .summary import is_furniture

MAX_EVENT_WORDS = 25
_QUOTE_CHARS = "\"\u201c\u201d"
_SAY = r"(?:said|says|told\s+\w+|added|stated|announced|explained|noted|claimed|reported|confirmed)"
_TRAIL_ATTRIBUTION = re.compile(
    rf",?\s+(?:{_SAY}\s+[^,.]{{1,60}}|[^,.]{{1,60}}\s+{_SAY}(?:\s+(?:on|in|at)\s+[^,.]{{1,30}})?"
    rf"|according\s+to\s+[^,.]{{1,80}})\s*\.?$", re.I)
_LEAD_ATTRIBUTION = re.compile(rf"^[^,.\"\u201c]{{1,70}}?\s+{_SAY}(?:\s+(?:on|in)\s+\w+)?(?:\s+that)?\s+", re.I)
_PAREN = re.compile(r"\s*[(\[][^)\]]{0,120}[)\]]")
_RELATIVE = re.compile(r",\s+(?:who|which|whose|where)\s+[^,]{1,120},", re.I)
_LEAD_CLAUSE = re.compile(r"^(?:after|although|though|while|as|when|since|because|despite|before|once|if)\b[^,]{3,120},\s+", re.I)


def is_quotation(sentence: str) -> bool:
    """True when the sentence is a quotation: it opens with a quote mark or is mostly quoted words."""
    s = sentence.strip()
    if s[:1] in _QUOTE_CHARS + "'\u2018":
        return True
    inside = sum(len(m) for m in re.findall(r"[\"\u201c]([^\"\u201d]*)[\"\u201d]", s))
    return inside > 0.5 * len(s)


def eventworthy(sentence: str) -> bool:
    """Whether a sentence may become a key event: not a quotation, not furniture, a few words at least."""
    return len(sentence.split()) >= 4 and not is_quotation(sentence) and not is_furniture(sentence)


def _strip_once(text: str, pattern: re.Pattern, replacement: str = "", min_words: int = 5) -> str:
    out = pattern.sub(replacement, text, count=1).strip()
    return out if len(out.split()) >= min_words else text


def _clip(text: str, limit: int) -> str:
    """At most ``limit`` words, cut at the last clause boundary (comma, 'and', 'but') within reach."""
    words = text.split()
    if len(words) <= limit:
        return text
    head = " ".join(words[:limit])
    cut = max(head.rfind(","), head.rfind(";"), head.rfind(" and "), head.rfind(" but "))
    if cut >= len(head) // 2:
        head = head[:cut]
    return head.rstrip(",;: -")


def compress_event(sentence: str, limit: int = MAX_EVENT_WORDS) -> str:
    """A short event statement from one sentence: attribution, parentheses and side clauses stripped,
    at most ``limit`` whole words, ending with a full stop."""
    text = " ".join(sentence.split()).rstrip()
    text = _strip_once(text, _PAREN)
    text = _strip_once(text, _TRAIL_ATTRIBUTION)
    text = _strip_once(text, _LEAD_ATTRIBUTION)
    text = _strip_once(text, _RELATIVE)
    text = _strip_once(text, _LEAD_CLAUSE)
    text = _clip(text.rstrip(".!?;:, "), limit).rstrip(".!?;:, ")
    text = text[:1].upper() + text[1:]
    return text + "." if text else ""
