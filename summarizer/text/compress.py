"""Sentence compression from the dependency parse: a news sentence as a short statement of its main clause.

What goes, in this order (attribution always, the rest only while the statement is too long):

1. attribution: 'X said (that) Y' and 'Y, X said' keep Y; 'According to X, Y' keeps Y;
2. side material set off by commas or brackets: appositions, non-restrictive relative clauses, parentheses,
   adverbial clauses ('After the storm hit, ...', '..., a few hours after ...');
3. whole trailing modifiers (prepositional phrases, adverbial and participle clauses, conjuncts), the
   smallest that ends the statement first.

Each step removes whole subtrees of the parse, so what is left stays a clause; a statement still over the
limit is cut after the last subtree that fits, never inside a phrase.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import PERSONAL_PRONOUNS, SPEECH_VERBS
from .nlp import parse

_SIDE_DEPS = ("appos", "relcl", "acl")
_SPACED_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
_CLAUSE_DEPS = ("advcl",)
_DANGLING = ("CCONJ", "ADP", "DET", "SCONJ", "PART", "PRON", "AUX", "ADV")
LONG_SUBJECT = 10
"""A subject longer than this many words loses its relative clause when the statement is too long."""
_ARGUMENT_DEPS = ("ccomp", "xcomp", "dobj", "attr", "acomp", "oprd")
_PREMODIFIERS = ("nummod", "compound", "amod", "poss", "det", "quantmod", "nmod")
_TRAILING_DEPS = ("prep", "advcl", "npadvmod", "acl", "relcl", "advmod", "conj", "appos")


def compress(sentence: str, limit: int, *, attribution: bool = False) -> str:
    """The main clause of ``sentence`` in at most ``limit`` words, attribution removed (kept with
    ``attribution=True``: 'Police said two men were arrested'), ending with a full stop.

    ``sentence`` is one sentence of an article; the parse is spaCy's. Returns the cleaned sentence itself
    when the parse offers nothing to remove."""
    doc = _parsed(" ".join(sentence.split()))
    if not len(doc):
        return ""
    # the limit is in words as shown: a dash or a spaced quote mark is a word there, not to the parse
    for budget in range(limit, max(limit // 2, 1) - 1, -1):
        text = _compressed(doc, budget, attribution)
        if len(text.split()) <= limit:
            return text
    return text


def _compressed(doc, limit: int, attribution: bool) -> str:
    """One try of :func:`compress` on the parse, ``limit`` counted in the parse's non-punctuation tokens."""
    keep = {i for sent in doc.sents for i in (_statement(sent.root) if not attribution else
                                             (t.i for t in sent if not t.is_quote))}
    if _words(doc, keep) > limit:  # side clauses can carry the facts ('..., starting a three-day strike')
        keep -= _side_tokens(doc, keep, _SIDE_DEPS + _CLAUSE_DEPS)
    if _words(doc, keep) > limit:  # a long subject: 'A climber who found the bodies of ... said it took days'
        keep -= _long_subject_clauses(doc, keep)
    # a name after its role ('race winner Lewis Hamilton') goes only with the role, unless nothing else fits
    trimmed = _trimmed(doc, keep, limit, names=True)
    if _words(doc, trimmed) > limit and _words(doc, other := _trimmed(doc, keep, limit, names=False)) <= limit:
        trimmed = other
    keep = trimmed
    if _words(doc, keep) > limit:  # nothing left to drop: cut, never after a function word ('... the property and')
        order = [i for i in sorted(keep) if not doc[i].is_punct][:limit]
        # nor inside a subordinate clause whose verb was cut ('... a transient phenomenon if the Republican nominee')
        opened = [i for i in order if doc[i].dep_ == "mark" and doc[i].head.dep_ in _CLAUSE_DEPS and doc[i].head.i > order[-1]]
        order = [i for i in order if not opened or i < opened[0]]
        # nor after a verb whose object or reported clause was cut ('... mountains said.')
        # nor on a word whose noun was cut ('by six' from 'by six months', 'Nigel' from 'Nigel Farage')
        while order and (doc[order[-1]].pos_ in _DANGLING or any(
                c.dep_ in _ARGUMENT_DEPS and c.i > order[-1] for c in doc[order[-1]].children)
                or doc[order[-1]].dep_ in _PREMODIFIERS and doc[order[-1]].head.i > order[-1]):
            order.pop()
        keep = {i for i in keep if order and i <= order[-1]}
    while (words := [i for i in sorted(keep) if not doc[i].is_punct]) and doc[words[-1]].dep_ == "cc":
        keep = {i for i in keep if i < words[-1]}  # a conjunct dropped, its 'and' left ('... contract expires and')
    text = _closed(_text(doc, keep))
    text = text.strip(" ,;:-\u2013\u2014").rstrip(".!?;:,-\u2013\u2014 ")
    # the comma the quoted words ended on before the cut ('... as ‘a lasting blow,’.')
    text = re.sub(r"[,;:]+([\"\u201d\u2019]+)$", r"\1", text)
    if not text:
        return ""
    ends = "" if re.search(r"[.!?][\"\u201d]$", text) else "."  # '... headline: “Finally, someone who gets me.”'
    return text[:1].upper() + text[1:] + ends


def _trimmed(doc, keep: set[int], limit: int, names: bool) -> set[int]:
    """``keep`` less whole trailing modifiers while over ``limit`` or dangling; ``names`` keeps a name
    in apposition to its role."""
    while (_words(doc, keep) > limit or _dangles(doc, keep)) and (last := _last_modifier(doc, keep, names)) \
            and last & keep:
        keep = keep - last
    return keep


@lru_cache(maxsize=64)
def _parsed(sentence: str):
    # the summary and the events compress the same opening sentences of an article: parse each once;
    # a spaced hyphen is a dash ('in the primary - chatter that ...' parses as one noun phrase otherwise)
    return parse(_SPACED_HYPHEN.sub(" \u2014 ", sentence))


def _dangles(doc, keep: set[int]) -> bool:
    """Whether the kept text ends on a verb or preposition that lost a word it governs to a drop ('... before
    undertaking' from '... before undertaking or permitting new projects'), or on a number or pronoun that
    lost its 'of' ('... for one')."""
    words = [i for i in sorted(keep) if not doc[i].is_punct]
    if not words:
        return False
    last = doc[words[-1]]
    lost = [c for c in last.children if c.i > last.i and c.i not in keep and not c.is_punct]
    if last.pos_ in ("NUM", "PRON", "DET", "ADJ"):  # 'for one' from 'for one of the sport's greats'
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in lost)
    return last.pos_ in ("VERB", "ADP", "SCONJ") and bool(lost)


def _closed(text: str) -> str:
    """:func:`_balanced`, then a closing mark left after a space (the word before it was cut) goes back against
    the words it closes ('a big impact ’'); an unpaired one is gone by then ('company records ’')."""
    return _balanced(text).replace(" \u2019", "\u2019").replace(" \u201d", "\u201d")


def _balanced(text: str) -> str:
    """``text`` with its quotation marks and brackets paired: a mark whose partner was dropped goes, and so do
    the two marks around a statement that is all one quotation (the reported words, its speaker gone). A
    straight mark opens after a space, a bracket, a dash or the start; a single mark inside a word ('you're')
    or after a plural ('workers' exposure') is an apostrophe."""
    chars, unpaired, pairs = list(text), set(), []
    for kind in ("double", "single", "bracket"):
        stack: list[int] = []
        for i, ch in enumerate(chars):
            before, after = chars[i - 1] if i else " ", chars[i + 1] if i + 1 < len(chars) else " "
            if kind == "double":
                opens = ch == "\u201c" or (ch == '"' and before in " (\u2014\u2013")
                closes = ch in ('"', "\u201d") and not opens
            elif kind == "single":
                opens = ch in "'\u2018" and before in " (\u2014\u2013:" and not after.isspace()
                closes = ch in "'\u2019" and not opens and not after.isalnum() and not (before == "s" and not stack)
            else:
                opens, closes = ch == "(", ch == ")"
            if opens:
                stack.append(i)
            elif closes and stack:
                pairs.append((stack.pop(), i))
            elif closes:
                unpaired.add(i)
        unpaired |= set(stack)
    core_end = len(text.rstrip(".!?,; ")) - 1
    if (0, core_end) in pairs and chars[0] != "(":
        unpaired |= {0, core_end}
    text = "".join(ch for i, ch in enumerate(chars) if i not in unpaired).replace("()", "")
    return " ".join(text.replace(",.", ".").replace(", .", ".").split())


def _statement(root) -> list[int]:
    """Token indices of the sentence's statement: the reported clause when the main verb is a speech verb
    (unless it leans on a pronoun for who it is about: 'she said they ...'), never an 'according to X' phrase."""
    head = root
    if root.text.lower() in SPEECH_VERBS:
        reported = [c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]
        if reported and not any(t.text.lower() in PERSONAL_PRONOUNS for t in reported[0].subtree):
            head = reported[0]
    drop = {t.i for c in head.children if c.dep_ == "prep" and c.text.lower() == "according" for t in c.subtree}
    drop |= {c.i for c in head.children if c.dep_ == "mark" and c.text.lower() == "that"}
    return [t.i for t in head.subtree if t.i not in drop]


def _long_subject_clauses(doc, keep: set[int]) -> set[int]:
    """The relative and participle clauses inside a subject of more than ``LONG_SUBJECT`` words."""
    out: set[int] = set()
    for subj in (t for t in doc if t.i in keep and t.dep_ in ("nsubj", "nsubjpass")):
        if sum(1 for t in subj.subtree if t.i in keep and not t.is_punct) > LONG_SUBJECT:
            out |= {t.i for c in subj.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    return out


def _side_tokens(doc, keep: set[int], deps: tuple[str, ...]) -> set[int]:
    """Tokens of the kept subtrees with one of ``deps`` set off by commas or brackets on both sides (or by one
    and the sentence's end), with that punctuation; an adverbial clause goes wherever it stands."""
    out: set[int] = set()
    for tok in (t for t in doc if t.i in keep and t.head.i in keep and (t.dep_ in deps or t.dep_ == "dep")):
        lo, hi = _extent(tok)
        before = doc[lo - 1].text if lo > 0 else ""
        if tok.dep_ == "dep" and before not in ("\u2013", "\u2014"):
            continue  # an unlabelled dependent is side material only after a dash ('..., in the primary — chatter that ...')
        after = doc[hi + 1].text if hi + 1 < len(doc) else ""
        opened, closed = before in (",", "(", "\u2013", "\u2014"), after in ("", ",", ")", ".", "\u2013", "\u2014")
        if tok.dep_ in _CLAUSE_DEPS and (lo == 0 or opened) or (opened and closed):
            out |= set(range(lo, hi + 1))
            if opened:
                out.add(lo - 1)
            if after in (",", ")") and (opened or lo == 0):
                out.add(hi + 1)
    return out


def _names_its_head(tok) -> bool:
    """A name in apposition to a common noun says who it is ('race winner Lewis Hamilton'): dropping it
    leaves a role with no one in it."""
    return tok.dep_ == "appos" and tok.pos_ == "PROPN" and tok.head.pos_ == "NOUN"


def _extent(tok) -> tuple[int, int]:
    """First and last token index of everything that depends on ``tok`` (spaCy's ``subtree`` can miss a
    relative pronoun that depends on a verb inside the clause)."""
    seen, todo = [tok.i], list(tok.children)
    while todo:
        t = todo.pop()
        seen.append(t.i)
        todo.extend(t.children)
    return min(seen), max(seen)


def _last_modifier(doc, keep: set[int], names: bool = False) -> set[int] | None:
    """The smallest droppable modifier that ends the kept text (with a coordinating word before it), or None;
    with ``names``, a name in apposition to its role is not droppable on its own."""
    words = [i for i in sorted(keep) if not doc[i].is_punct]
    if not words:
        return None
    tok = doc[words[-1]]
    while tok.dep_ not in _TRAILING_DEPS or max(t.i for t in tok.subtree if t.i in keep and not t.is_punct) != words[-1] \
            or names and _names_its_head(tok):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    if tok.head.i == tok.i:
        return None
    lo, hi = _extent(tok)
    drop = set(range(lo, hi + 1))
    if lo > 0 and doc[lo - 1].dep_ == "cc":
        drop.add(lo - 1)
    return drop


def _words(doc, keep: set[int]) -> int:
    return sum(1 for i in keep if not doc[i].is_punct)


def _text(doc, keep: set[int]) -> str:
    order = sorted(keep)
    out = "".join(doc[i].text + (doc[i].whitespace_ if j + 1 < len(order) and order[j + 1] == i + 1 else " ")
                  for j, i in enumerate(order))
    out = " ".join(out.split())
    for a, b in ((" ,", ","), (",,", ","), ("( ", "("), (" )", ")"), (", .", ".")):
        out = out.replace(a, b)
    return out
