"""Actors found by code: the people, bodies and groups an article makes prominent by naming them often.

A small model lists a few actors and misses others an analyst expects (the Taliban in a story about
a Taliban attack, the police in a crash inquiry). These rules read the article alone; grounding adds
what they find after the model's own actors and the quoted speakers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .quotations import PERSON_NAME, NOT_PEOPLE, TITLES, known_people, split_title
from .lexicon import ACTORS_CALENDAR as _CALENDAR, ACTORS_DEMONYMS as DEMONYMS, ACTORS_EVENT_WORDS as _EVENT_WORDS, ACTORS_FUNCTION as FUNCTION, ACTORS_GROUPS as _GROUPS, ACTORS_ORG_HINTS as _ORG_HINTS, ACTORS_PHOTO_CREDITS as PHOTO_CREDITS, ACTORS_PRONOUNS as _PRONOUNS  # noqa: F401

# Words that stand before a name as a role ('Cubs Manager Joe Maddon', 'Croydon MP Gavin Barwell').
_ROLES = (TITLES - {"the", "a", "an"}) | {"manager", "coach", "mp", "mep", "mvp", "leader", "candidate", "nominee",
                                          "founder", "owner", "head", "boss", "driver", "spokesman", "aide"}
# Calendar words that are not also given names ('May', 'June' and 'April' are).
_CREDITS = PHOTO_CREDITS | {"image", "photos", "ap", "copyright", "read", "share",
            "click", "video", "advertisement", "twitter", "facebook", "instagram", "email", "related", "more", "via",
            "caption", "subscribe", "view", "gallery", "invalid", "pool", "opens"}
# Collective actors that news names by what they are rather than by a name, plural form first.
_PREPOSITIONS = r"(?:[Ii]n|[Aa]t|[Ff]rom|[Nn]ear)"
# Nationality words are capitalised but describe rather than name ('Chinese media', 'the German consulate').
# 'the Kestrel Ford ferry terminal', 'Dunmore station': a name that places something
_PLACE_AFTER = re.compile(r"['\u2019]?s?\s+(?:\w+\s+)?(?:terminal|station|airport|port|harbour|harbor|bridge|pier|village|"
                          r"town|city|county|district|province|region|area|road|street|suburb)\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|across|outside)\s+(?:the\s+)?$")
_SENTENCE_START = re.compile(r"[.!?:\n][\"\u201d\u2019)]?\s*$")


def _front_role_end(toks: list[str]) -> int:
    """Index of the last role word before a name of two words or more ('Cubs Manager Joe Maddon' -> 1), or -1.

    Only before two words, so 'Port Ellery Harbour Authority' stays whole."""
    return max((i for i, t in enumerate(toks[:-2]) if t.lower().rstrip(".") in _ROLES), default=-1)


def _written_with_the(name: str, text: str) -> bool:
    """Whether the article writes 'the NAME' ('the Red Gulls'): how bodies are named, never people."""
    return bool(re.search(rf"\b[Tt]he\s+{re.escape(name)}\b", text))


def trim_function_words(name: str) -> str:
    """'Croydon The' -> 'Croydon', 'The Taliban' -> 'Taliban': names start and end on a capitalised word of their own."""
    words = name.split()
    while words and (words[-1].lower() in FUNCTION or words[-1].lower() in _PRONOUNS):
        words.pop()
    while words and words[0].lower() in FUNCTION:
        words.pop(0)
    return " ".join(words)


def _bare(name: str) -> str:
    """The name without a possessive ending: "Cubs'" -> 'Cubs', "Hamilton's" -> 'Hamilton'."""
    return re.sub(r"(?:['\u2019]s|['\u2019])$", "", name)


@lru_cache(maxsize=8)
def bodies_named_often(text: str, at_least: int = 3) -> tuple[tuple[str, str], ...]:
    """Organisations, groups and places the article names at least ``at_least`` times, most named first.

    A one-word name right after a sentence break is not counted (it may be capitalised for that reason
    alone), but 'The Taliban said' and 'British Transport Police said' are. A shorter form that ends a
    longer name ('the Cubs', 'the Chicago Cubs') counts for the longer. A name mostly preceded by
    in/at/near/from is a place. Photo credits, calendar words and people are not bodies.
    """
    people = {form for name, _ in people_named_often(text) for form in (name, name.split()[0], name.split()[-1])}
    counts: dict[str, list[int]] = {}
    for m in re.finditer(PERSON_NAME, text):
        raw = m.group(0).rstrip(".")
        name = _bare(trim_function_words(raw))
        words = name.split()
        if not words or len(words) > 4 or any(w.lower() in _CREDITS for w in words) or re.search(r"['\u2019]s\s", name):
            continue  # page furniture, or two names ("Hebei's Baoding")
        if len(words) == 1 and words[0].lower() in DEMONYMS:
            continue  # 'German' in 'the German consulate' describes, it does not name
        if words[0].lower() in NOT_PEOPLE or words[0].lower().rstrip(".") in TITLES or name in people:
            continue
        start = m.start() + raw.find(words[0])
        before = text[max(0, start - 30) : start]
        after_article = start > m.start()  # 'The Taliban': capitalised after a word, so a name
        if not before.strip() or (_SENTENCE_START.search(before) and len(words) < 2 and not after_article):
            continue
        seen = counts.setdefault(name, [0, 0])
        seen[0] += 1
        seen[1] += bool(_PLACE_BEFORE.search(before) or _PLACE_AFTER.match(text, m.end()))
    for short in sorted(counts, key=len):
        longer = [n for n in counts if n != short and n.endswith(" " + short)]
        if len(longer) == 1:  # only one fuller name ends this way: the same body
            n, placed = counts.pop(short)
            counts[longer[0]][0] += n
            counts[longer[0]][1] += placed
    out, person_like = [], known_people(text)
    for name, (n, placed) in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0])):
        the_x = re.search(rf"\b[Tt]he\s+(?:[\w-]+\s+)?{re.escape(name.split()[-1])}\b", text)
        if name in person_like and placed * 2 <= n and not the_x:
            continue  # a person's name ('Robert Huxley'), not a body ('the Cubs')
        if n >= at_least:
            kind = "place" if placed * 2 > n else ("organization" if set(name.lower().split()) & _ORG_HINTS else "group")
            out.append((name, kind))
    return tuple(out)


def groups_named_often(text: str, at_least: int = 3) -> list[str]:
    """Collective actors named by role ('police', 'rescuers', 'militants') at least ``at_least`` times, most first."""
    low = text.lower()
    found = []
    for label, forms in _GROUPS.items():
        n = sum(len(re.findall(rf"\b{re.escape(f)}\b", low)) for f in forms)
        if n >= at_least:
            found.append((-n, label))
    return [label for _, label in sorted(found)]


@lru_cache(maxsize=4)
def people_named_often(text: str) -> tuple[tuple[str, str], ...]:
    """People the article names at least twice, most mentioned first, with any title.

    Only names that look like people: given a title somewhere, or referred to by one part alone
    ('Voss said', or 'Zhao is' for a family name written first). A name whose short form mostly
    follows 'the' ('the Cubs', 'the Indians') is a team or body, not a person.
    """
    counts, found = [], known_people(text)
    first_names = {n.split()[0] for n in found if len(n.split()) > 1}
    for raw, title in found.items():
        name = _bare(trim_function_words(re.sub(r"^[A-Z][a-z]+-[a-z][\w-]*\s+", "", raw)))  # 'Mother-of-two Ann Lee'
        toks = name.split()
        cut = _front_role_end(toks)
        if cut >= 0:  # 'Cubs Manager Joe Maddon' -> 'Joe Maddon', titled 'Cubs Manager'
            title, toks = " ".join(toks[: cut + 1]), toks[cut + 1 :]
            name = " ".join(toks)
        if len(toks) < 2 or any(t.lower() in _CREDITS or t.lower() in _CALENDAR for t in toks) \
                or any(_bare(t) != t for t in toks[:-1]):
            continue  # page furniture, 'Published October', "Hebei's Baoding"
        first, before_last, last = (re.escape(t) for t in (toks[0], toks[-2], toks[-1]))
        n_full = len(re.findall(rf"\b{re.escape(name)}\b", text))
        n_last = len(re.findall(rf"\b{last}\b", text))
        # the surname alone: not inside this name, and not a first name of someone else ('Philip Logan')
        last_alone = len(re.findall(rf"(?<!{before_last}\s)\b{last}\b(?!\s+[A-Z])", text))
        if toks[-1] in first_names:
            last_alone = 0  # 'Philip was ...' speaks of Philip Logan, not of 'Armistice Day Philip'
        if last_alone and 2 * len(re.findall(rf"\b{_PREPOSITIONS}\s+{last}\b", text)) >= last_alone:
            continue  # 'in Croydon': the last word is a place
        if _written_with_the(name, text) or (
                last_alone > 0 and 2 * len(re.findall(rf"\b[Tt]he\s+{last}\b", text)) >= last_alone):
            continue  # 'the Red Gulls', 'the Cubs': not how a person is named
        if 2 * len(re.findall(rf"\b{_PREPOSITIONS}\s+{re.escape(name)}\b", text)) >= n_full:
            continue  # 'from New Addington': a place
        first_alone = 0
        if last_alone == 0 and not re.search(rf"\b{_PREPOSITIONS}\s+(?:the\s+)?{first}\b", text):
            first_alone = len(re.findall(rf"\b{first}\b(?!\s+[A-Z])", text))  # 'Zhao is': family name first
        title = "" if title.lower() in FUNCTION else title
        if n_last + first_alone >= 2 and (title or last_alone > 0 or first_alone > 0 or n_full >= 3):
            counts.append((-n_last, -first_alone, text.find(raw), name, title))
    seen, out = set(), []
    for *_, name, title in sorted(counts):
        if name not in seen:
            seen.add(name)
            out.append((name, title))
    return tuple(out)


def tidy_role(role: str) -> str:
    """A role as shown, or '' for 'the' or a clause cut short ('Congratulating the', "Comey's letter to")."""
    words = " ".join(role.split()).strip(" ,;:").split()
    return "" if not words or words[-1].lower() in FUNCTION else " ".join(words)


def tidy_name(name: str) -> tuple[str, str]:
    """An actor's name as a list shows it, with any title or role read off its front.

    'Invalid Email Christian Horner' -> 'Christian Horner' (page furniture), "Max Verstappen's" -> 'Max
    Verstappen', 'Son-in-law Darren Mimms' -> 'Darren Mimms', 'Cubs Manager Joe Maddon' -> ('Joe Maddon',
    'Cubs Manager'), 'Mrs. Clinton' -> ('Clinton', 'Mrs.').
    """
    words = " ".join(re.split(r"\s*/", name)[0].split()).strip(" ,;:-").split()  # 'Ann Lee/Pool via AP'
    honorific = next((i for i, w in enumerate(words) if i >= 2 and w.rstrip(".") in ("Mr", "Mrs", "Ms", "Dr")), None)
    if honorific is not None:
        words = words[:honorific]  # 'Darren Mimms Mr Seary': two names run together
    while words and (words[0].lower() in _CREDITS or re.match(r"[A-Z][a-z]+-[a-z]", words[0])) and len(words) > 1:
        words.pop(0)
    owner = max((i for i, w in enumerate(words[:-1]) if _bare(w) != w), default=-1)
    words = words[owner + 1 :]  # "Williams' Felipe Massa": the team is not part of his name
    name, title = split_title(_bare(trim_function_words(" ".join(words))))
    toks = name.split()
    cut = _front_role_end(toks)
    if cut >= 0:
        title, name = " ".join([title, *toks[: cut + 1]]).strip(), " ".join(toks[cut + 1 :])
    title = tidy_role(title)
    if name.lower() in _CREDITS or name.lower() in DEMONYMS or name.islower():
        name = ""  # 'Pool', 'Brazilian', 'local police chief': not a name
    return name, title


def merge_short_forms(actors: list) -> list:
    """Drop an actor named by one word that ends a fuller name in the list ('Verstappen', 'Max Verstappen').

    The short form becomes an alias of the fuller name; people named by an organisation word
    ('British Transport Police') are organisations.
    """
    full = {a.name.split()[-1].lower(): a for a in actors if len(a.name.split()) > 1}
    out = []
    for a in actors:
        words = a.name.split()
        longer = full.get(a.name.lower()) if len(words) == 1 else None
        if longer is not None and longer is not a:
            if a.name not in longer.aliases:
                longer.aliases.append(a.name)
            continue
        if a.kind == "person" and {w.lower() for w in words} & _ORG_HINTS:
            a = a.model_copy(update={"kind": "organization"})
        out.append(a)
    return out


def is_common_noun(name: str, text: str) -> bool:
    """True when the article writes ``name`` in lower case mid-sentence and never capitalised there.

    A small model lists 'Car' or 'Explosives' as actors; the article's own casing ('a car packed with
    explosives') shows they are not names. A name the article only ever writes at a sentence start is kept.
    """
    words = name.split()
    if not words or name.islower() or not re.search(rf"\b{re.escape(name.lower())}\b", text):
        return False
    mid = r"(?<![.!?:\n\"\u201c\u2018(])\s+"
    lower_mid = re.search(rf"[\w,;]{mid}{re.escape(name.lower())}\b", text)
    upper_mid = re.search(rf"[\w,;]{mid}{re.escape(name)}\b", text)
    return bool(lower_mid) and not upper_mid




def fix_kinds(actors: list, text: str) -> list:
    """Correct a kind the model or a quote gave: 'World Series' is an event ('other'), not a person, and
    a name the article writes as 'the X' ('the Chicago Cubs') is a group or organisation, not a person."""
    out = []
    for a in actors:
        words = {w.lower() for w in a.name.split()}
        if a.kind == "person" and words & _EVENT_WORDS:
            a = a.model_copy(update={"kind": "other"})
        elif a.kind == "person" and _written_with_the(a.name, text):
            a = a.model_copy(update={"kind": "organization" if words & _ORG_HINTS else "group"})
        out.append(a)
    return out
