"""Open questions written by code from the sentences that leave something open, using spaCy's parse.

Three shapes of sentence raise a question, and each question is built from the sentence's own words:

- something not said or not known, with the missing part as a clause: 'Officials did not say how much the
  repairs would cost' -> 'How much will the repairs cost?'; 'It was unclear whether the ferry would resume
  service' -> 'Will the ferry resume service?'; 'Investigators are trying to determine what caused the blaze'
  -> 'What caused the blaze?';
- what is expected, planned or still to come: 'The bridge is expected to reopen on Friday' -> 'Will the bridge
  reopen on Friday?'; 'The council has yet to decide on the funding' -> 'When will the council decide on the
  funding?';
- an investigation: 'The cause of the fire is under investigation' -> 'What is the cause of the fire?';
  'Police are investigating the crash' -> 'What will the investigation into the crash find?'.

A pronoun subject is replaced by the name it stands for when the sentence's own subject is that name; a
question whose subject stays a bare pronoun is not asked. The caller still drops questions the article answers.
"""

from __future__ import annotations

from ..text.gazetteer import pronoun_of
from ..text.lexicon import (ASK_AHEAD_VERBS as _AHEAD, ASK_CAUSE_NOUNS as _CAUSES, ASK_INQUIRY_VERBS as _INQUIRY,
                            ASK_KNOW_VERBS as _KNOW, ASK_NOBODY as _NOBODY, ASK_PERSONAL as _PERSONAL,
                            ASK_PRONOUNS as _PRONOUNS, ASK_REFUSE_VERBS as _REFUSE, ASK_UNKNOWN_WORDS as _UNKNOWN,
                            ASK_WH as _WH)

_DO = {"VBD": "did", "VBZ": "does", "VBP": "do"}
MAX_WORDS = 20
"""Longest question asked; a longer one is a sentence restated, not a question."""


def _text(tokens) -> str:
    return "".join(t.text + t.whitespace_ for t in tokens).strip().rstrip(",;:")


def _negated(tok) -> bool:
    """'did not say', 'would not say', 'declined to say', 'has yet to say'."""
    if any(c.dep_ == "neg" or c.lower_ == "yet" for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and (tok.head.lemma_ in _REFUSE or any(c.dep_ == "neg" for c in tok.head.children))


def _asks_about(clause) -> bool:
    """Whether the wh-clause ``clause`` is what the sentence says is not said, not known or being found out."""
    head = clause.head
    if head.dep_ == "prep":  # 'looking into what caused ...'
        if head.lower_ == "into" and head.head.lemma_ == "look":
            return True
        head = head.head
    if head.lemma_ in _KNOW and head.tag_ != "VBG" and _negated(head):
        return True  # 'did not say', not 'not knowing when' (a narrative)
    if head.lemma_ in _INQUIRY and (head.tag_ == "VBG" or any(c.lower_ == "to" for c in head.children)):
        return True  # 'trying to determine', 'are investigating whether'; not 'they determine how' (cause)
    around = [head, *head.children] + ([head.head, *head.head.children] if head.dep_ == "acomp" else [])
    words = {t.lower_ for t in around if t.dep_ in ("acomp", "neg") or t.i == head.i}
    return bool(words & _UNKNOWN) or bool({"clear", "known"} & words and ("not" in words or "n't" in words))


def _subject(verb):
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)


def _named_subject(subj, sentence) -> str | None:
    """The subject's words (first letter lowered unless a name); a pronoun becomes the sentence's own subject when
    that is a matching noun phrase."""
    if subj.left_edge.tag_ == "PRP$" or subj.pos_ in ("PRON", "DET") and subj.lower_ not in _PRONOUNS:
        return None  # 'their controllers': whose is not said; 'those raking in ...': who is not said
    if subj.lower_ not in _PRONOUNS:
        return _lower_first(_phrase(subj), subj.left_edge)
    main = _subject(sentence.root)
    if main is None or main.i == subj.i or main.lower_ in _PRONOUNS or main.pos_ == "PRON":
        return None
    person = main.ent_type_ == "PERSON"
    if person and any(e.label_ == "PERSON" and main.i not in range(e.start, e.end) and e.start < subj.i for e in sentence.ents):
        return None  # 'Barber asked Bure whether she ...': two people before the pronoun
    if person and pronoun_of(_phrase(main)) not in (None, subj.lower_):
        return None  # 'Mrs McCarthy said she did not know what he ...': not her
    if (subj.lower_ in ("he", "she")) != person or (subj.lower_ == "they" and main.tag_ not in ("NNS", "NNPS")):
        return None
    return _lower_first(_phrase(main), main.left_edge)


def _lower_first(text: str, tok) -> str:
    """Only a sentence's first word is capitalised for its place: a common word there is lowered ('The',
    'Patchy'), a name is not ('Police' tagged a proper noun, 'Hartlepool' an entity)."""
    common = tok.is_sent_start and not tok.ent_type_ and tok.pos_ != "PROPN" and tok.text != "I"
    return text[:1].lower() + text[1:] if common else text


def _inverted(verb, sentence) -> str | None:
    """The wh-clause under ``verb`` as a direct question: 'how much the repairs would cost' -> 'how much will the
    repairs cost'; 'why the port closed' -> 'why did the port close'; 'whether anyone was hurt' -> 'was anyone hurt'."""
    cut = {t.i for c in verb.children if c.dep_ in ("cc", "conj") for t in c.subtree}
    tokens = [t for t in verb.subtree if t.i not in cut and not (t.is_punct and t.i == verb.right_edge.i)]
    subj = _subject(verb)
    if subj is not None and subj.left_edge.lower_ in _WH and subj.left_edge.i == tokens[0].i:
        return _text(tokens)  # 'how many people were hurt'
    if subj is None or subj.lower_ in _WH:  # 'who started the fire', 'what caused the blaze': no inversion
        return _text(tokens) if tokens[0].dep_ in ("nsubj", "nsubjpass") else None
    named = _named_subject(subj, sentence)
    if not named or subj.dep_ == "expl":
        return None
    wh = [t for t in tokens if t.i < subj.left_edge.i and t.lower_ not in ("whether", "if")]
    after = [t for t in tokens if t.i > subj.right_edge.i]
    auxes = [t for t in after if t.dep_ in ("aux", "auxpass") and t.head.i == verb.i]
    if auxes:
        lead = "will" if auxes[0].lower_ == "would" else auxes[0].lower_
        rest = _text(t for t in after if t.i != auxes[0].i)
    elif verb.lemma_ == "be":
        lead, rest = verb.lower_, _text(t for t in after if t.i != verb.i)
    elif verb.tag_ in _DO and verb.lemma_:
        lead, rest = _DO[verb.tag_], " ".join(filter(None, [verb.lemma_, _text(t for t in after if t.i > verb.i)]))
    else:
        return None
    return " ".join(filter(None, [_text(wh), lead, named, rest]))


def _from_clause(tok, sentence) -> str | None:
    """A question from a wh-clause the sentence says is not said, not known or being found out."""
    if tok.dep_ not in ("ccomp", "xcomp", "pcomp", "csubj", "csubjpass", "advcl") or tok.pos_ not in ("VERB", "AUX"):
        return None
    if tok.left_edge.lower_ not in _WH or not _asks_about(tok):
        return None
    return _inverted(tok, sentence)


def _from_expectation(tok, sentence) -> str | None:
    """'X is expected to reopen on Friday' -> 'Will X reopen on Friday?'; 'X has yet to decide' -> 'When will X decide?'"""
    yet = tok.lower_ in ("has", "have") and any(c.lower_ == "yet" for c in tok.children)
    if not (tok.lemma_ in _AHEAD or yet) or not _present(tok) or any(a.dep_ == "relcl" for a in (tok, *tok.ancestors)):
        return None  # 'was expected to', 'had planned to': past; 'which the BBC plans to scrap': a relative clause
    goal = next((c for c in tok.children if c.dep_ == "xcomp" and c.tag_ == "VB"), None)
    subj = _subject(tok)
    if goal is None or subj is None or subj.dep_ == "expl" or (tok.lemma_ == "expect" and subj.dep_ != "nsubjpass"):
        return None
    named = _named_subject(subj, sentence)
    if not named:
        return None
    rest = [t for t in goal.subtree if t.i >= goal.i]
    ahead = "When will" if yet else "Will"
    return f"{ahead} {named} {_text(rest)}"


def _from_withheld(tok, sentence) -> str | None:
    """'Police did not release the name of the driver' -> 'What is the name of the driver?'; 'The victim has not
    been identified' -> 'Who is the victim?'."""
    if tok.lemma_ not in _KNOW or tok.tag_ == "VBG" or not _negated(tok):
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is not None and obj.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in obj.children) \
            and any(c.dep_ == "prep" for c in obj.children):
        what = _phrase(obj)
        return f"What {'are' if obj.tag_ == 'NNS' else 'is'} {_lower_first(what, obj.left_edge)}" if what else None
    subj = _subject(tok)
    if subj is None or subj.dep_ != "nsubjpass" or subj.pos_ != "NOUN" or not any(
            c.dep_ in ("det", "poss") for c in subj.children):
        return None  # 'The victim has not been identified', 'The names of the dead were not released'
    wh = "Who" if tok.lemma_ in ("identify", "name") else "What"
    what = _phrase(subj)
    return f"{wh} {'are' if subj.tag_ == 'NNS' else 'is'} {_lower_first(what, subj.left_edge)}" if what else None


def _present(verb) -> bool:
    """Whether the verb is in a present tense ('is expected', 'plans', 'are planning', 'has yet to')."""
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if auxes:
        return auxes[0] in ("is", "are", "am", "'s", "'re", "has", "have")
    return verb.tag_ in ("VBZ", "VBP")


def _from_investigation(tok, sentence) -> str | None:
    """'The cause of X is under investigation' -> 'What is the cause of X?'; 'Police are investigating the crash'
    -> 'What will the investigation into the crash find?'."""
    if tok.lower_ == "investigation" and tok.head.lower_ == "under" and tok.head.head.lower_ in ("is", "are"):
        verb = tok.head.head
        subj = _subject(verb)
        if subj is None or subj.lower_ in _PRONOUNS or subj.pos_ == "PRON":
            return None
        what = _lower_first(_phrase(subj), subj.left_edge)
        if not what:
            return None
        if subj.lower_ in _CAUSES:
            return f"What {verb.lower_} {what}"
        return f"What will the investigation into {what} find"
    if tok.lemma_ == "investigate" and tok.dep_ not in ("acl", "relcl", "amod") and _present(tok):
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is None or obj.pos_ == "PRON":
            return None
        what = _phrase(obj)
        return f"What will the investigation into {_lower_first(what, obj.left_edge)} find" if what else None
    return None


def _phrase(head) -> str:
    """A noun phrase's words without its relative clauses and appositions ('the crash, which killed two')."""
    drop = {t.i for c in head.children if c.dep_ in ("relcl", "appos", "acl", "advcl") for t in c.subtree}
    kept = [t for t in head.subtree if t.i not in drop and not (t.is_punct and t.i > head.i)]
    # 'the new owner, whose identity ...' -> 'whose identity': a phrase with a question word asks nothing
    return "" if any(t.tag_ in ("WP", "WP$", "WDT") for t in kept) else _text(kept)


def _askable(question: str) -> bool:
    """Short, about somebody else (no 'I', 'we', 'you': those are a speaker's words), no brackets or quotation
    marks, and not about nobody ('none of the crew')."""
    words = question.lower().replace("?", " ").split()
    if {"his", "her"} & set(words) and not any(w[:1].isupper() for w in question.split()[1:]):
        return False  # 'What is the sex of her baby?': whose is not said
    return len(words) <= MAX_WORDS and not set(words) & _PERSONAL and not set(question) & set("[]()\"'\u2018\u2019\u201c\u201d") \
        and not set(words) & _NOBODY


def questions_in(sentence) -> list[str]:
    """The open questions one parsed sentence (a spaCy ``Span``) raises, each ending in '?', capitalised."""
    found: list[str] = []
    for tok in sentence:
        for build in (_from_clause, _from_expectation, _from_investigation, _from_withheld):
            question = build(tok, sentence)
            if question:
                question = " ".join(question.split()).rstrip(" .,;:-\u2013\u2014")
                question = question[:1].upper() + question[1:] + "?"
                if _askable(question):
                    found.append(question)
    return list(dict.fromkeys(found))


def code_questions(analysis, sentences) -> list[tuple[str, str]]:
    """(question, basis) pairs from the article ``sentences`` (offsets into the analysed text), in article order;
    the basis is the sentence that raises the question. Sentences with a quotation in them (or 'I', 'we',
    'you') are a speaker's words, not the article's, and raise none."""
    doc = analysis.parsed
    quoted = [(q.start, q.end) for q in analysis.quotations]
    pairs: list[tuple[str, str]] = []
    for s in sentences:
        span = doc.char_span(s.start, s.end, alignment_mode="expand") if s.end <= len(doc.text) else None
        if span is None:
            continue
        for part in span.sents:
            lo, hi = part.start_char, part.end_char
            if any(a < hi and lo < b for a, b in quoted) or set(part.text) & set("\"\u201c\u201d\u2018") \
                    or part.text.lstrip()[:1] in ("'", "\u2018") or any(t.lower_ in _PERSONAL for t in part):
                # a quotation, also one the quotation finder missed ("He added: ' we are now investigating ...")
                continue
            pairs += [(q, " ".join(part.text.split())) for q in questions_in(part) if q not in {p[0] for p in pairs}]
    return pairs
