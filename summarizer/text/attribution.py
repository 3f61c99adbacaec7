"""Speaker attribution for quotations: the cue words around a quote, and who they name.

Used by :mod:`summarizer.candidates`. Handles '..., said X', 'X said: ...', 'according to X',
'X told ...', a pronoun resolved to a person named earlier, and a partial quotation inside a
sentence whose subject speaks.
"""

from __future__ import annotations

import re
from .lexicon import ATTRIBUTION_NOT_PEOPLE as NOT_PEOPLE, ATTRIBUTION_NOT_PERSON_WORDS as _NOT_PERSON_WORDS, ATTRIBUTION_PRONOUNS as _PRONOUNS, ATTRIBUTION_TITLES as TITLES  # noqa: F401

_VERBS = (r"(?:said|says|say|told|tells|added|adds|explained|explains|wrote|writes|asked|asks|warned|warns|insisted|insists|noted|notes|"
          r"stated|states|declared|declares|argued|argues|replied|replies|recalled|recalls|continued|continues|tweeted|tweets|"
          r"posted|reported|reports|acknowledged|acknowledges|added|claimed|claims|suggested|suggests|admitted|admits|"
          r"announced|announces|promised|promises|vowed|vows|urged|urges|responded|responds|conceded|concedes|predicted|"
          r"predicts|complained|complains|joked|jokes|quipped|stressed|stresses|asserted|asserts|charged|charges|"
          r"concluded|concludes|remarked|remarks|observed|observes|mentioned|denied|denies|confirmed|confirms|"
          r"countered|counters|shouted|yelled|told reporters|testified|testifies|emailed|texted|boasted|boasts|accused|demanded|demands|"
          r"sings|sang|chanted)")
# verbs that introduce a partial quotation inside a sentence ('Clinton says it means Trump "may not have paid"')
_INTRO = re.compile(
    r"\b(?:say|says|said|saying|told|tells?|telling|wr(?:ite|ites|ote|iting)|s(?:ing|ings|ang|inging)|put it|puts it|"
    r"refer(?:s|red|ring)? to|found|finds|"
    r"(?:call|attack|label|term|warn|insist|claim|tweet|add|blast|suggest|predict|ask|explain|recall|stress|assert|"
    r"condemn|dismiss|exhort|laud|hail|brand|demand|question|complain|liken|vow|wonder|mock|lament|report|"
    r"accept|reject|defend|tout)(?:s|ed|led|ing)?|"
    r"(?:describ|promis|argu|accus|prais|criticiz|urg|pledg|acknowledg|declar|compar|jok|"
    r"derid|denounc|blam|decri|characteriz)(?:e|es|ed|ing)|(?:rul|rat|not|stat|cit)(?:es|ed|ing)|"
    r"(?:dub|slam|quip|admit)(?:s|bed|med|ped|ted|bing|ming|ping|ting)?)\b")
# a name right after one of these is an object ('on Twitter', 'to Tom Berg'), not who speaks
_AFTER_PREPOSITION = re.compile(
    r"\b(?:on|in|at|to|from|with|for|by|of|about|against|into|over|than|and|or)\s+(?:the\s+|a\s+|an\s+)?$")
# words between a subject and its verb ('Trump has repeatedly called')
_AUX = r"(?:\s+(?:also|then|again|once|later|repeatedly|often|has|have|had|is|was|were|are|will|would|did|does|been|[a-z]+ly))*\s*$"
_LEAD = re.compile(r"^\s*(?:(?:In|At|On|During|After|Before|With|While|When|Following|Since|As|Asked|Speaking|Later|"
                   r"Earlier|Meanwhile|However|Still|Yet|Last|This|Then)\b[^,]{0,120},\s*|(?:But|And|So|Also)\s+)+")
_NAME_TOKEN = r"(?:(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Prof|Gen|Sen|Rep|Gov|Capt|Col|Lt|Sgt|Rev)\.|[A-Z]\.|[A-Z][\w\u2019'-]*)"
PERSON_NAME = rf"{_NAME_TOKEN}(?:\s+(?:(?:de|van|von|der|da|al|bin|del|la|le)\s+)?{_NAME_TOKEN})*"
_ABBREV = r"(?:\b(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Prof|Gen|Sen|Rep|Gov|Capt|Col|Lt|Sgt|Rev|[A-Z])\.)"
_PARTY = re.compile(r"\s*\((?:[DRI]|[DRI]-[^()]{1,24}|[A-Z][a-z]{1,4}\.)\)|,\s*[DRI]-[A-Z][a-z]{1,4}\.?(?=,)")
_APPOSITIVE = re.compile(rf",\s+(?!{_VERBS}\b)[a-z](?:[^,.;:!?\u201c\u201d\"]|(?<=[A-Z])\.|\.(?=\w)){{0,150}}(?=,)")
# who speaks for a person named before them ('Trump's campaign said')
_SPOKES = (r"(?:campaign|spokesman|spokeswoman|spokesperson|office|family|lawyer|lawyers|attorney|attorneys|team|aides?|"
           r"staff|government|administration|ministry|party|wife|husband|son|daughter|mother|father|niece|nephew)")
# 'A foreign ministry spokesman in Berlin said': a speaker described, not named, opening a sentence
_UNNAMED_SPEAKER = re.compile(rf"(?:^|[.!?][\"\u201d]?\s+)((?:A|An|The)\s+(?:[a-z][\w-]*\s+){{0,4}}[a-z][\w-]*)"
                              rf"(?:\s+(?:in|at|for|from)\s+[A-Z][\w-]*)?\s+{_VERBS}\b")


def split_title(name: str) -> tuple[str, str]:
    """'Mayor Ines Okafor' -> ('Ines Okafor', 'Mayor'). Leading title words become the role."""
    tokens = name.split()
    role: list[str] = []
    while len(tokens) > 1 and tokens[0].lower().rstrip(".") in TITLES:
        role.append(tokens.pop(0))
    return " ".join(tokens), " ".join(role)


def _last_name_in(clause: str) -> tuple[str, str] | None:
    """The last capitalised run in a short clause, and the words before it as a role.

    A bare role noun ('the mayor') comes back as itself, for :func:`resolve_speaker`.
    """
    bare = re.fullmatch(r"\s*((?:the|a|an)\s+[a-z][a-z ]{1,40}?)\s*", clause)
    if bare:
        return bare.group(1), ""
    names = [m for m in re.finditer(PERSON_NAME, clause) if m.group(0).lower().rstrip(".") not in NOT_PEOPLE]
    if not names:
        return None
    m = names[-1]
    name, title = split_title(m.group(0).rstrip("."))
    before = clause[: m.start()].strip(" ,")
    role = " ".join(x for x in (before, title) if x).strip()
    role = re.sub(rf"^(?:{_VERBS}|according to)\s*", "", role, flags=re.IGNORECASE).strip(" ,")
    return name, role


def _tidy(clause: str) -> str:
    """Drop what sits between a name and its verb: party tags ('(D-Ohio)', ', R-Ky.,') and appositives
    (', the mayor of Linden,' or ', who ran in 2012,'), so 'X, a, b, said' reads 'X said'."""
    clause = _PARTY.sub("", clause)
    return _APPOSITIVE.sub("", clause)


def cue_after(text: str, end: int, *, closed: bool = False) -> tuple[str, str, str] | None:
    """The speaker named just after a quotation ('", said X', '" X told'); ``closed``: the quotation ended
    its sentence with a full stop, so a capitalised word after it starts a new sentence, not an attribution."""
    tail = text[end : end + 240].split("\n", 1)[0]
    if closed and re.match(r"\s+[A-Z]", tail):
        return None
    m = re.match(rf"\s*,?\s*({_VERBS})\s+((?:{_ABBREV}|[^.;:!?\u201c\"]){{1,90}})", tail)
    if m and not re.match(r"(?:that|it|to|if|whether|how|what|so|this|these|those|there|in|on|at|for)\b", m.group(2)):
        clause = re.split(r",|\(|\bwho\b|\bin an?\b|\bon\b|\bduring\b|\bafter\b|\bfor\b|\b(?:of|at|from) the\b", m.group(2))[0]
        cue = _who(clause, m.group(0))
        if cue:
            return cue
    tidy = _tidy(tail)
    m = re.match(rf"\s*,?\s*((?:{_ABBREV}|[^.;:!?\u201c\"]){{1,80}}?)\s+({_VERBS})\b", tidy)
    if m and len(m.group(1).split()) <= 9 and not re.match(r"[a-z]+(?:ed|ing)\b", m.group(1)):
        return _who(m.group(1), m.group(0))
    m = re.match(rf"\s*,?\s*[\u2015\u2014\u2013-]+\s*({PERSON_NAME})", tail)  # '" ― Pamela Padilla'
    if m:
        return _who(m.group(1), m.group(0))
    return None


def _who(subject: str, cue: str) -> tuple[str, str, str] | None:
    """(speaker or pronoun, role, cue text) from the words naming who spoke, or None."""
    subject = subject.strip()
    last_word = subject.split()[-1].lower() if subject.split() else ""
    if subject.lower() in _PRONOUNS or (last_word in ("he", "she") and re.search(r",\s*\S+$", subject)):
        return last_word, "", cue.strip()  # 'Before the vote, she added': the pronoun speaks, not 'vote'
    got = _last_name_in(subject)
    return (got[0], got[1], cue.strip()) if got else None


def cue_before(text: str, start: int) -> tuple[str, str, str] | None:
    head = text[max(0, start - 200) : start]
    sentence = re.split(r"(?<=[.!?])\s+|\n", head)[-1]
    m = re.search(rf"according to\s+([^,\u201c\"]{{1,90}}),?\s*$", sentence, re.IGNORECASE)
    if m:
        cue = _who(m.group(1), m.group(0))
        if cue and cue[0] not in _PRONOUNS:
            return cue
    m = re.search(rf"((?:{_ABBREV}|[^.;!?\u201c\"]){{1,90}}?)\s+({_VERBS})"
                  rf"(?:\s+(?:reporters|journalists|the \w+|us|him|her|them|colleagues))?\s*(?:that\s*)?[:,]?\s*$", sentence)
    if m:
        return _who(m.group(1), m.group(0))
    m = re.search(rf"\b(?:{_VERBS}|Said|Says|Added|Wrote)\s+({PERSON_NAME})\s*:\s*$", sentence)  # 'Said Jo Park: "..."'
    if m:
        return _who(m.group(1), m.group(0))
    m = re.search(rf"(?:^|\n)\s*({PERSON_NAME})\s*:\s*$", head)  # transcript style 'PENCE: "..."'
    if m:
        return _who(m.group(1), m.group(0))
    if not sentence.strip():  # the quotation opens a sentence or paragraph: what came just before
        m = re.search(rf"(?:^|[.!?]\s+|\n)((?:{_ABBREV}|[^.;!?\n\u201c\"]){{1,60}}?)\s+(?:{_VERBS}|continued)\s*:\s*$", head)
        if m:  # 'Jo Park continued:' on the line before
            return _who(m.group(1), m.group(0))
        m = re.search(rf",\s+({PERSON_NAME}|he|she)\s+(?:said|says|added|adds|told reporters)\.\s*$", head.split("\n")[-1])
        if m:  # '..., Jo Park said. "..."' goes on with the same speaker
            return _who(m.group(1), m.group(0))
    return None


def _sentence_before(text: str, start: int) -> str:
    """The words of the sentence that holds ``start`` up to it, quoted words blanked ('Mr.' ends no sentence)."""
    head = text[max(0, start - 400) : start]
    cut = 0
    for m in re.finditer(r"(?<=[.!?])[\u201d\"\u2019]?\s+|\n", head):
        if m.group(0) == "\n" or not re.search(rf"{_ABBREV}$", head[: m.start()]):
            cut = m.end()
    prefix = head[cut:]
    return re.sub(r"\u201c[^\u201c\u201d]*\u201d|\"[^\"]*\"|''(?:(?!'').)*''", lambda m: " " * len(m.group(0)), prefix)


def _main_subject(prefix: str, text: str) -> str:
    """The name a sentence starts with, after an opening phrase ('In May, Jo Park ...' -> 'Jo Park'), or ''.

    'X's campaign' comes back whole; a lone capitalised word counts only if ``text`` also capitalises it
    mid-sentence (so 'More than 100 people ...' names nobody).
    """
    m = re.match(r"\s*According to\s+([^,]{1,90}),", prefix)
    if m or re.match(r"\s*According to\b", prefix):
        got = _last_name_in(m.group(1)) if m else None
        return got[0] if got else ""
    rest = re.sub(r"^(?:The|A|An)\s+(?=[A-Z])", "", _LEAD.sub("", prefix))
    m = re.match(rf"({PERSON_NAME})(?=\s+[a-z]|,|\s*$)", rest)
    role = re.match(rf"[A-Z][\w-]*(?:\s+(?![\w-]+(?:ed|s|ly)\b)[a-z][\w-]*){{1,3}}\s+({PERSON_NAME}\s+{_NAME_TOKEN})(?=\s+[a-z]|,|\s*$)", rest)
    if role:  # 'Democratic presidential nominee Jo Park said'
        m = role
    if not m:
        return ""
    name = m.group(1).rstrip(".")
    if name.lower() in ("he", "she"):
        return name.lower()
    if name.split()[0].lower() in NOT_PEOPLE:
        return ""
    if " " not in name and not re.search(rf"[a-z,]\s+{re.escape(name.removesuffix(chr(8217) + 's').removesuffix(chr(39) + 's'))}\b", text):
        return ""
    if re.search(r"[\u2019']s$", name):
        noun = re.match(rf"\s+({_SPOKES})\b", rest[m.end():])
        return f"{name} {noun.group(1)}" if noun else ""
    return name


def sentence_subject(text: str, start: int) -> tuple[str, str, str] | None:
    """For a quotation inside a sentence: who the sentence says is speaking.

    The subject of the nearest speech verb before the quote ('In a Facebook message, Cruz said he had
    "areas of disagreement"'), skipping appositives and party tags; a pronoun subject or a participle
    after a comma ('..., saying "...") goes to the name the sentence starts with. Quoted words are never names.
    """
    prefix = _tidy(_sentence_before(text, start))
    main = _main_subject(prefix, text)
    for verb in reversed(list(_INTRO.finditer(prefix))):
        left = re.sub(_AUX, "", prefix[: verb.start()])
        if verb.group(0).endswith("ing") and left.rstrip().endswith(","):
            if main:
                break
            continue
        m = re.search(rf"({PERSON_NAME}),?$", left)  # "the group's spokesman, Jo Park, said"
        owner = re.search(rf"({PERSON_NAME})[\u2019']s\s+({_SPOKES})$", left)
        if owner and not m:
            return owner.group(0), "", prefix.strip()
        if m and re.search(r"\b(?:he|she|He|She)$", left):
            return (split_title(main) + (prefix.strip(),)) if main else (m.group(1).lower(), "", prefix.strip())
        if m and re.search(r"[\u2019']s$", m.group(1)):  # 'Trump's claim that ...'
            return m.group(1)[:-2], "", prefix.strip()
        if m and m.group(1).lower().rstrip(".") not in NOT_PEOPLE \
                and (verb.group(0).endswith("ing") or not _AFTER_PREPOSITION.search(left[: m.start()])):
            name, title = split_title(m.group(1).rstrip("."))
            return name, title, prefix.strip()
    if main:
        name, title = split_title(main) if main not in ("he", "she") else (main, "")
        return name, title, prefix.strip()
    return None


def known_people(text: str) -> dict[str, str]:
    """Person names in the article (two or more capitalised words, not a place or body), with any title."""
    people: dict[str, str] = {}
    for m in re.finditer(PERSON_NAME, text):
        if text[m.start() - 1 : m.start()] in ("\"", "\u201c", "\u2018") and text[m.end() : m.end() + 1] in ("\"", "\u201d", "\u2019"):
            continue  # a quoted name ('the mission "Resolute Support"') is a title, not a person
        name, title = split_title(m.group(0))
        toks = name.split()
        if len(toks) < 2 or len(toks) > 4 or toks[0].lower() in NOT_PEOPLE:
            continue
        if toks[-1].lower() in _NOT_PERSON_WORDS or any(t.lower() in _NOT_PERSON_WORDS for t in toks):
            continue
        if title and not people.get(name):
            people[name] = title
        else:
            people.setdefault(name, "")
    return people


def resolve_speaker(raw: str, text: str, pos: int, people: dict[str, str]) -> str:
    """Turn a pronoun, a lone surname or 'the mayor' into the full name of a person named earlier."""
    raw = raw.strip()
    low = raw.lower()
    window = text[max(0, pos - 2000) : pos]
    if low in ("he", "she"):
        base = max(0, pos - 400)
        unnamed = list(_UNNAMED_SPEAKER.finditer(text[base:pos]))
        if unnamed:
            after = re.sub(r"\u201c[^\u201c\u201d]*\u201d|\"[^\"]*\"", "", text[base + unnamed[-1].end(1) : pos])
            if not re.search(rf"{_NAME_TOKEN}\s+{_NAME_TOKEN}", after):
                return ""  # 'A ministry spokesman said ... "...," he said': someone the article does not name
        best, best_pos = "", -1
        other = r"(?:Mrs|Ms|Miss)\.?" if low == "he" else r"Mr\.?"  # a titled name of the other sex is not meant
        for name in people:
            if re.search(rf"\b{other}\s+{re.escape(name.split()[-1])}\b", text) or re.fullmatch(other, people[name]):
                continue
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


def drop_common_words(name: str, text: str) -> str:
    """'Commuter Bram Oduya' -> 'Bram Oduya' when the article also writes 'commuter' in lower case."""
    toks = name.split()
    while len(toks) > 2 and re.search(rf"\b{re.escape(toks[0].lower())}s?\b", text):
        toks.pop(0)
    return " ".join(toks)
