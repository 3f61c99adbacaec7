"""Every word list the analysis uses, as named constants in one place.

Lists hold general English news vocabulary (titles, speech verbs, facility
words), never words of one particular article.
"""

from __future__ import annotations

PERSON_TITLES = frozenset("""
mr mrs ms miss dr prof sir lord lady dame rev
president vice prime minister premier chancellor secretary deputy foreign defence defense interior finance
economy justice home state
spokesman spokeswoman spokesperson mayor governor gov senator sen rep representative congressman congresswoman
councillor councilor commissioner superintendent ambassador envoy king queen prince princess emperor pope
cardinal bishop archbishop rabbi imam pastor father sheikh
general gen colonel col lieutenant lt major maj captain capt commander admiral sergeant sgt officer inspector
sheriff chief judge justice prosecutor attorney
chairman chairwoman chair director ceo executive founder head leader coach manager striker midfielder goalkeeper
professor analyst economist lawyer
""".split())
"""Words that stand before a person's name as a title or role ('Defence Minister', 'President', 'Mr')."""

SPEECH_VERBS = frozenset("""
say said says saying tell told tells telling add added adds state stated states announce announced announces
claim claimed claims insist insisted explain explained write wrote note noted warn warned argue argued
declare declared report reported confirm confirmed deny denied ask asked reply replied respond responded
comment commented suggest suggested acknowledge acknowledged admit admitted stress stressed urge urged
describe described call called tweet tweeted recall recalled predict predicted continue continued
""".split())
"""Verbs (and their common forms) that report speech."""

FACILITY_WORDS = frozenset("""
base airbase airport airfield port harbour harbor station terminal bridge pier dam plant refinery prison
camp hospital stadium arena square street road avenue highway border crossing
""".split())
"""Words after a name that make it a place ('Hmeimim air base', 'Tartus port')."""

BODY_WORDS = frozenset("""
authority ministry department council committee commission agency office service services police force forces
army navy government party union association company corporation bank court parliament assembly senate
congress board institute university school hospital foundation organisation organization federation league
club group network
""".split())
"""Last words of a proper name that make it an organisation ('Harbour Authority', 'Defence Ministry')."""

LOCATIVES = frozenset({"in", "at", "near", "outside", "inside", "across"})
"""Prepositions that put what follows them in a place."""

CAPTION_MARKERS = ("photo", "photos", "image", "images", "picture", "pictured", "caption", "file photo", "credit",
                   "illustration", "video", "gallery")
"""Words that open a photo caption or credit line: a date there is the picture's, not the article's."""

CALENDAR_WORDS = frozenset("""
jan feb mar apr jun jul aug sep sept oct nov dec january february march september october november december
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
""".split())
"""Month and weekday names and abbreviations that are never a person's name ('May', 'June', 'April' can be)."""
