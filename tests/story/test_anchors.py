"""Figures are compared only when the parse says they are about the same thing (summarizer.story.anchors).

Each case is a pair of invented one-sentence articles whose figures share a unit and context words, so the
older word tests alone would call them a discrepancy; a control pair with the same anchor shows it still is.
"""

from summarizer.story.discrepancies import figure_findings
from summarizer.text.documents import document_from_bytes


def _found(a: str, b: str) -> list[list[str]]:
    docs = [(p, document_from_bytes(t.encode(), path=p, fmt="text", max_bytes=10**6)) for p, t in (("a.txt", a), ("b.txt", b))]
    found, _ = figure_findings(docs)
    return [[s.value for s in d.sides] for d in found]


def test_years_served_and_years_sentenced_are_different_events():
    assert _found("Orrin Vale served 4 years in jail for the theft at the depot.",
                  "Orrin Vale was sentenced to 6 years in jail for the theft at the depot.") == []
    assert _found("Orrin Vale served 4 years in jail for the theft at the depot.",
                  "Orrin Vale served 6 years in jail for the theft at the depot.") == [["4 years", "6 years"]]


def test_the_whole_of_a_part_is_not_the_part():
    """'two of four counts': four is how many there were, not how many he was convicted on."""
    assert _found("The jury convicted Orrin Vale on three counts of fraud.",
                  "Jurors convicted Orrin Vale on two of four counts after a week.") == []


def test_shares_of_different_nouns_are_different_things():
    assert _found("The flood covered 30 percent of the farmland in the valley.",
                  "The flood covered 40 percent of the town in the valley.") == []
    assert _found("The flood covered 30 percent of the farmland in the valley.",
                  "The flood covered 40 percent of the farmland in the valley.") == [["30 percent", "40 percent"]]


def test_nouns_a_hyphenated_unit_modifies_may_differ():
    """The issue's case: 'a five-month suspension' and 'a six-month break' are one pause, told in two words."""
    assert _found("Passenger flights to the Varnholt air base resumed on Sunday, ending a five-month suspension.",
                  "Passenger flights to the Varnholt air base resumed on Sunday after a six-month break.") == [
        ["five-month", "six-month"]]


def test_a_noun_in_apposition_is_what_is_counted():
    """'The dock strike, 9 days of walkouts' counts the strike too, so it meets 'the 12-day strike'."""
    assert _found("The dock strike, 9 days of walkouts at the port, ended on Friday.",
                  "The 12-day strike at the port ended on Friday.") == [["9 days", "12-day"]]


def test_money_to_different_recipients_is_different_money():
    assert _found("The council gave $2 million in grants to the museum this spring.",
                  "The council gave $3 million in grants to the library this spring.") == []
    assert _found("The council gave $2 million in grants to the museum this spring.",
                  "The council gave $3 million in grants to the museum this spring.") == [["$2 million", "$3 million"]]


def test_sentences_naming_different_years_are_about_different_times():
    assert _found("In 2019 the relief fund paid $4 million to farmers in the delta.",
                  "In 2021, the relief fund paid $5 million to farmers in the delta.") == []  # a year before a comma too
    assert _found("In 2019 the relief fund paid $4 million to farmers in the delta.",
                  "In 2019 the relief fund paid $5 million to farmers in the delta.") == [["$4 million", "$5 million"]]


def test_a_hyphenated_unit_is_about_the_noun_it_modifies_whatever_the_verb():
    """'ordered a four-day closure' / 'announced a three-day closure': the closure is the thing, the verbs report it."""
    assert _found("The river authority ordered a four-day closure of the ferry terminal.",
                  "The river authority announced a three-day closure of the ferry terminal.") == [["four-day", "three-day"]]
