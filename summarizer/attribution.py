"""Speaker attribution for quotations: the cue words around a quote, and who they name.

Used by :mod:`summarizer.candidates`. Handles '..., said X', 'X said: ...', 'according to X',
'X told ...', a pronoun resolved to a person named earlier, and a partial quotation inside a
sentence whose subject speaks.
"""

from __future__ import annotations

import re

_VERBS = (r"(?:said|says|say|told|tells|added|adds|explained|explains|wrote|writes|asked|asks|warned|warns|insisted|insists|noted|notes|"
          r"stated|states|declared|declares|argued|argues|replied|replies|recalled|recalls|continued|continues|tweeted|tweets|"
          r"posted|reported|reports|acknowledged|acknowledges|added|claimed|claims|suggested|suggests|admitted|admits|"
          r"announced|announces|promised|promises|vowed|vows|urged|urges|responded|responds|conceded|concedes|predicted|"
          r"predicts|complained|complains|joked|jokes|quipped|stressed|stresses|asserted|asserts|charged|charges|"
          r"concluded|concludes|remarked|remarks|observed|observes|mentioned|denied|denies|confirmed|confirms|"
          r"countered|counters|shouted|yelled|told reporters|testified|testifies|emailed|texted|boasted|boasts)")
# verbs that introduce a partial quotation inside a sentence ('Clinton says it means Trump "may not have paid"')
_INTRO = re.compile(
    r"\b(?:say|says|said|saying|call|calls|called|calling|describe[sd]?|describing|attack(?:s|ed)?|label(?:s|ed|led)?|"
    r"dub(?:s|bed)?|term(?:s|ed)?|refer(?:s|red)? to|promis(?:e|es|ed)|vow(?:s|ed)?|warn(?:s|ed)?|argu(?:e|es|ed)|"
    r"insist(?:s|ed)?|claim(?:s|ed)?|tweet(?:s|ed)?|wr(?:ite|ites|ote)|told|tells?|add(?:s|ed)|accus(?:e|es|ed)|"
    r"prais(?:e|es|ed)|criticiz(?:e|es|ed)|blast(?:s|ed)?|slam(?:s|med)?|urg(?:e|es|ed)|pledg(?:e|es|ed)|"
    r"acknowledg(?:e|es|ed)|admit(?:s|ted)?|suggest(?:s|ed)?|predict(?:s|ed)?|declar(?:e|es|ed)|reported|according to|"
    r"ask(?:s|ed|ing)?|sings?|sang|rul(?:e|es|ed)|rat(?:e|es|ed)|not(?:e|es|ed))\b",
    re.IGNORECASE)
_NAME_TOKEN = r"(?:(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Prof|Gen|Sen|Rep|Gov|Capt|Col|Lt|Sgt|Rev)\.|[A-Z]\.|[A-Z][\w\u2019'-]*)"
_NAME = rf"{_NAME_TOKEN}(?:\s+(?:(?:de|van|von|der|da|al|bin|del|la|le)\s+)?{_NAME_TOKEN})*"
_ABBREV = r"(?:\b(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Prof|Gen|Sen|Rep|Gov|Capt|Col|Lt|Sgt|Rev|[A-Z])\.)"
_PRONOUNS = {"he", "she", "they", "i", "we", "it"}
TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "mayor", "president", "minister", "senator", "sen", "rep", "gov", "governor",
    "councillor", "councilor", "council", "member", "chief", "judge", "justice", "general", "gen", "col", "capt",
    "captain", "sir", "lord", "lady", "prime", "secretary", "director", "chairman", "chairwoman", "chair", "officer",
    "sheriff", "inspector", "sergeant", "sgt", "professor", "rev", "father", "pastor", "rabbi", "imam", "king",
    "queen", "prince", "princess", "ambassador", "commissioner", "superintendent", "deputy", "vice", "harbour",
    "harbor", "master", "engineer", "analyst", "spokesperson", "spokesman", "spokeswoman", "the", "a", "an",
}
_NOT_PERSON_WORDS = {
    "road", "street", "st", "lane", "avenue", "ave", "park", "council", "commission", "association", "union", "rail",
    "ratings", "bay", "island", "hall", "centre", "center", "library", "hospital", "school", "university", "department",
    "committee", "party", "ministry", "company", "inc", "ltd", "group", "bank", "news", "times", "post", "city", "county",
    "river", "valley", "general", "court", "house", "office", "agency", "authority", "airport", "station", "port", "wharf",
    "creek", "falls", "harbour", "harbor", "local", "chamber", "commerce", "services", "service", "police", "army",
}
_NOT_PEOPLE = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
               "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
               "but", "and", "in", "on", "at", "for", "the", "this", "that", "it", "we", "i", "he", "she", "they",
               "when", "while", "if", "after", "before", "as", "although", "though", "meanwhile", "since", "because",
               "during", "until", "with", "without", "by", "from", "a", "an", "his", "her", "their", "its", "our",
               "yet", "so", "still", "also", "then", "now", "there", "here", "what", "why", "how", "where", "who"}


def split_title(name: str) -> tuple[str, str]:
    """'Mayor Ines Okafor' -> ('Ines Okafor', 'Mayor'). Leading title words become the role."""
    tokens = name.split()
    role: list[str] = []
    while len(tokens) > 1 and tokens[0].lower().rstrip(".") in TITLES:
        role.append(tokens.pop(0))
    return " ".join(tokens), " ".join(role)


def _last_name_in(clause: str) -> tuple[str, str] | None:
    """The last capitalised run in a short clause, and the words before it as a role.

    A bare role noun ('the mayor') comes back as itself, for :func:`_resolve`.
    """
    bare = re.fullmatch(r"\s*((?:the|a|an)\s+[a-z][a-z ]{1,40}?)\s*", clause)
    if bare:
        return bare.group(1), ""
    names = [m for m in re.finditer(_NAME, clause) if m.group(0).lower().rstrip(".") not in _NOT_PEOPLE]
    if not names:
        return None
    m = names[-1]
    name, title = split_title(m.group(0).rstrip("."))
    before = clause[: m.start()].strip(" ,")
    role = " ".join(x for x in (before, title) if x).strip()
    role = re.sub(rf"^(?:{_VERBS}|according to)\s*", "", role, flags=re.IGNORECASE).strip(" ,")
    return name, role


def _cue_after(text: str, end: int) -> tuple[str, str, str] | None:
    tail = text[end : end + 160].split("\n", 1)[0]
    m = re.match(rf"\s*,?\s*({_VERBS})\s+((?:{_ABBREV}|[^.;:!?\u201c\"]){{1,90}})", tail)
    if m:
        clause = re.split(r",|\bwho\b|\bin an?\b|\bon\b|\bduring\b|\bafter\b|\bfor\b|\b(?:of|at|from) the\b", m.group(2))[0]
        cue = _who(clause, m.group(0))
        if cue:
            return cue
    m = re.match(rf"\s*,?\s*((?:{_ABBREV}|[^.;:!?\u201c\"]){{1,80}}?)\s+({_VERBS})\b", tail)
    if m and len(m.group(1).split()) <= 9:
        return _who(m.group(1), m.group(0))
    m = re.match(rf"\s*,?\s*[\u2015\u2014\u2013-]+\s*({_NAME})", tail)  # '" ― Pamela Padilla'
    if m:
        return _who(m.group(1), m.group(0))
    return None


def _who(subject: str, cue: str) -> tuple[str, str, str] | None:
    """(speaker or pronoun, role, cue text) from the words naming who spoke, or None."""
    subject = subject.strip()
    if subject.lower() in _PRONOUNS:
        return subject.lower(), "", cue.strip()
    got = _last_name_in(subject)
    return (got[0], got[1], cue.strip()) if got else None


def _cue_before(text: str, start: int) -> tuple[str, str, str] | None:
    head = text[max(0, start - 200) : start]
    sentence = re.split(r"(?<=[.!?])\s+|\n", head)[-1]
    m = re.search(rf"according to\s+([^,\u201c\"]{{1,90}}),?\s*$", sentence, re.IGNORECASE)
    if m:
        cue = _who(m.group(1), m.group(0))
        if cue and cue[0] not in _PRONOUNS:
            return cue
    m = re.search(rf"((?:{_ABBREV}|[^.;!?\u201c\"]){{1,90}}?)\s+({_VERBS})(?:\s+(?:reporters|journalists|the \w+|us|him|her|them|colleagues))?\s*(?:that\s*)?[:,]?\s*$", sentence)
    if m:
        return _who(m.group(1), m.group(0))
    m = re.search(rf"(?:^|\n)\s*({_NAME})\s*:\s*$", head)  # transcript style 'PENCE: "..."'
    if m:
        return _who(m.group(1), m.group(0))
    return None


def _sentence_subject(text: str, start: int) -> tuple[str, str, str] | None:
    """For a quotation inside a sentence: who the sentence says is speaking, if a speech verb introduces it.

    The name nearest before the last speech verb ('In a Facebook message, Cruz said he had
    "areas of disagreement"'), or a leading he/she; quoted words are never taken for names.
    """
    head = text[max(0, start - 300) : start]
    prefix = re.split(r"(?<=[.!?])\s+|\n", head)[-1]
    prefix = re.sub(r"\u201c[^\u201c\u201d]*\u201d|\"[^\"]*\"", lambda m: " " * len(m.group(0)), prefix)
    verb = None
    for verb in _INTRO.finditer(prefix):
        pass
    if verb is None:
        return None
    before = prefix[: verb.start()]
    lead = re.match(r"\s*(he|she)\b", before, re.IGNORECASE)
    names = [m for m in re.finditer(_NAME, before) if m.group(0).lower().rstrip(".") not in _NOT_PEOPLE]
    if lead and not names:
        return lead.group(1).lower(), "", prefix.strip()
    if not names:
        return None
    name, title = split_title(names[-1].group(0).rstrip(".").removesuffix("\u2019s").removesuffix("'s"))
    return name, title, prefix.strip()


def known_people(text: str) -> dict[str, str]:
    """Person names in the article (two or more capitalised words, not a place or body), with any title."""
    people: dict[str, str] = {}
    for m in re.finditer(_NAME, text):
        name, title = split_title(m.group(0))
        toks = name.split()
        if len(toks) < 2 or len(toks) > 4 or toks[0].lower() in _NOT_PEOPLE:
            continue
        if toks[-1].lower() in _NOT_PERSON_WORDS or any(t.lower() in _NOT_PERSON_WORDS for t in toks):
            continue
        if title and not people.get(name):
            people[name] = title
        else:
            people.setdefault(name, "")
    return people


def _resolve(raw: str, text: str, pos: int, people: dict[str, str]) -> str:
    """Turn a pronoun, a lone surname or 'the mayor' into the full name of a person named earlier."""
    raw = raw.strip()
    low = raw.lower()
    window = text[max(0, pos - 2000) : pos]
    if low in ("he", "she"):
        best, best_pos = "", -1
        for name in people:
            for key in (name, name.split()[-1]):
                i = window.rfind(key)
                if i > best_pos and re.match(rf"{re.escape(key)}\b", window[i:]):
                    best, best_pos = name, i
        return best
    if low in _PRONOUNS:
        return ""
    role_word = re.sub(r"^(the|a|an)\s+", "", low)
    if role_word != low:  # 'the mayor': someone whose title is that word
        for name, title in people.items():
            if title and role_word in title.lower():
                return name
        return ""
    if " " not in raw:
        matches = [n for n in people if n.split()[-1] == raw]
        if matches:
            return matches[0]
    return raw


def _drop_common_words(name: str, text: str) -> str:
    """'Commuter Bram Oduya' -> 'Bram Oduya' when the article also writes 'commuter' in lower case."""
    toks = name.split()
    while len(toks) > 2 and re.search(rf"\b{re.escape(toks[0].lower())}s?\b", text):
        toks.pop(0)
    return " ".join(toks)
