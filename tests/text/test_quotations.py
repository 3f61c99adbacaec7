"""Quote candidates: quotations found by code, offsets into the text, and speaker guesses."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.text.quotations import find_candidates, split_title

from conftest import ROOT  # noqa: E402
FIXTURES = ROOT / "tests" / "fixtures"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _check_offsets(text: str, cands) -> None:
    for i, c in enumerate(cands, start=1):
        assert c.id == f"Q{i}"
        assert text[c.start : c.end] == c.text
        assert c.text == c.text.strip()
        assert not c.text.endswith(",")
    starts = [c.start for c in cands]
    assert starts == sorted(starts)


def _by_prefix(cands, prefix: str):
    found = [c for c in cands if c.text.startswith(prefix)]
    assert len(found) == 1, (prefix, [c.text[:30] for c in cands])
    return found[0]


def test_harbor_closure_quotes_and_speakers():
    text = _read(ROOT / "examples" / "harbor-closure.txt")
    cands = find_candidates(text)
    _check_offsets(text, cands)
    assert [c.speaker for c in cands] == ["Ines Okafor", "Tomas Reyes", "Priya Nandakumar", "Agnes Mbeki"]
    q1, q2, q3, q4 = cands
    assert q1.text.startswith("We are not going to take chances with people\u2019s safety")
    assert q1.text.endswith("for a few days")  # trailing comma inside the marks dropped
    assert "Mayor" in q1.role
    assert q2.text.startswith("The pier took a real beating on Saturday night.")
    assert q2.role.lower() == "harbour master"
    assert q3.text.startswith("The damage is serious but repairable.")
    assert q3.text.endswith("by next Monday.")
    assert q3.role == "engineer"
    assert q3.cue.lower().startswith("according to")
    assert q4.text.startswith("At least the crab season is over")
    assert q4.cue == "she said"


def test_short_fixture_speakers():
    text = _read(FIXTURES / "short.txt")
    cands = find_candidates(text)
    _check_offsets(text, cands)
    assert [c.speaker for c in cands] == ["Dana Whitfield", "Omar Haddad"]
    assert cands[0].role == "librarian"
    assert cands[1].role == "Councillor"
    assert "told" in cands[1].cue


def test_medium_fixture_speakers():
    text = _read(FIXTURES / "medium.md")
    cands = find_candidates(text)
    _check_offsets(text, cands)
    assert [c.speaker for c in cands] == ["Callum Ferreira", "Helen Sato", "Bram Oduya", "Gareth Lowe"]
    assert cands[0].text.startswith("We didn\u2019t want it to come to this \u2014 but")
    assert cands[0].role == "union secretary"
    assert "spokesperson" in cands[1].role
    assert cands[2].text.startswith("It's the third strike this year")
    assert cands[2].cue == "he said"
    assert cands[3].cue == "Lowe said"  # lone surname resolved to the full name


def test_long_fixture_candidates():
    text = _read(FIXTURES / "long.txt")
    cands = find_candidates(text)
    _check_offsets(text, cands)
    assert len(cands) == 22

    savings = _by_prefix(cands, "We found savings")
    assert savings.speaker == "Caroline Voss"
    assert savings.cue == "the mayor said"
    assert savings.role == "Mayor"

    end = _by_prefix(cands, "This is not the end")
    assert end.speaker == "Desmond Achterberg"
    assert end.cue == "he said"

    first = _by_prefix(cands, "Nobody on this council")
    assert first.speaker == "Caroline Voss"
    assert first.cue == "Voss said"

    assert _by_prefix(cands, "For three consecutive years").speaker == "Nadia Kowalczyk"
    assert _by_prefix(cands, "For a lot of people in Eastbank").speaker == "Felix Marangoni"
    assert _by_prefix(cands, "You cannot freeze").speaker == "Joanne Pell"
    assert _by_prefix(cands, "In two years, people").speaker == "Caroline Voss"

    # the second half of a split quote inherits the first half's speaker
    idx = {c.id: i for i, c in enumerate(cands)}
    for nxt in ("But we have roads", "The audit committee will be reviewing", "What we would not do",
                "I am comfortable being judged"):
        c = _by_prefix(cands, nxt)
        prev = cands[idx[c.id] - 1]
        assert c.cue == "same paragraph as the previous quote"
        assert c.speaker == prev.speaker
        assert c.speaker  # not empty
    inherited = [c for c in cands if c.cue == "same paragraph as the previous quote"]
    assert len(inherited) == 11
    assert all(c.speaker for c in cands)


def test_tricky_fixture_keeps_markup_verbatim():
    text = _read(FIXTURES / "tricky.txt")
    cands = find_candidates(text)
    _check_offsets(text, cands)
    assert len(cands) == 1
    assert cands[0].text == "Prices <b>will</b> rise"
    assert cands[0].speaker == "Mei Lin"
    assert cands[0].role == "analyst"


def test_fewer_than_three_words_is_skipped():
    assert find_candidates('"Short one," he said.') == []


def test_min_words_can_be_lowered():
    text = '"Short one," he said.'
    cands = find_candidates(text, min_words=2)
    assert len(cands) == 1
    assert cands[0].text == "Short one"
    assert (cands[0].start, cands[0].end) == (1, 10)


def test_quote_without_attribution_has_no_speaker():
    text = 'The sign on the door read "closed for the winter season" in red letters.'
    cands = find_candidates(text)
    assert len(cands) == 1
    c = cands[0]
    assert c.text == "closed for the winter season"
    assert text[c.start : c.end] == c.text
    assert c.speaker == ""
    assert c.role == ""
    assert c.cue == ""


def test_according_to_cue():
    text = 'According to analyst Jo Park, "markets will fall sharply soon."'
    (c,) = find_candidates(text)
    assert c.text == "markets will fall sharply soon."
    assert text[c.start : c.end] == c.text
    assert c.speaker == "Jo Park"
    assert c.role == "analyst"
    assert c.cue == "According to analyst Jo Park,"


def test_said_after_with_title_and_trailing_clause():
    text = '"We will rebuild the pier," said Mayor Ines Okafor on Monday.'
    (c,) = find_candidates(text)
    assert c.text == "We will rebuild the pier"
    assert c.speaker == "Ines Okafor"
    assert c.role == "Mayor"


def test_said_colon_before_quote():
    text = 'Dr. Samuel Adebayo said: "Patients will wait less now."'
    (c,) = find_candidates(text)
    assert c.speaker == "Samuel Adebayo"
    assert c.role == "Dr."


def test_pronoun_without_any_named_person_stays_empty():
    (c,) = find_candidates('"We will rebuild it soon," she said.')
    assert c.speaker == ""
    assert c.cue == "she said"


def test_pronoun_resolves_to_last_person_named():
    text = 'Mayor Ines Okafor arrived first. Later, "we are not going anywhere," she said.'
    (c,) = find_candidates(text)
    assert c.speaker == "Ines Okafor"
    assert c.role == "Mayor"


def test_surname_resolves_to_full_name_named_earlier():
    text = 'Mayor Ines Okafor spoke first.\n\n"It was a good day for all," Okafor said.'
    (c,) = find_candidates(text)
    assert c.speaker == "Ines Okafor"


def test_split_quote_second_half_inherits_speaker():
    text = '"First half of it," said Jo Park, "and the second half here."'
    a, b = find_candidates(text)
    assert (a.text, a.speaker) == ("First half of it", "Jo Park")
    assert (b.text, b.speaker) == ("and the second half here.", "Jo Park")
    assert b.cue == "same paragraph as the previous quote"


def test_speaker_not_inherited_across_paragraphs():
    text = '"First half of it," said Jo Park.\n\n"A new paragraph quote here," someone else.'
    a, b = find_candidates(text)
    assert a.speaker == "Jo Park"
    assert b.speaker == ""


def test_guillemets_and_multiline_curly_quotes():
    text = "\u00abNous allons tout reconstruire\u00bb, said Jean Dupont.\n\u201cSpanning a\nline break here,\u201d said Jo Park."
    a, b = find_candidates(text)
    _check_offsets(text, [a, b])
    assert (a.text, a.speaker) == ("Nous allons tout reconstruire", "Jean Dupont")
    assert (b.text, b.speaker) == ("Spanning a\nline break here", "Jo Park")


def test_padding_inside_marks_is_trimmed_with_correct_offsets():
    text = '"  padded quote text here  ," said Jo Park.'
    (c,) = find_candidates(text)
    assert c.text == "padded quote text here"
    assert (c.start, c.end) == (3, 25)


def test_told_reporters_before_quote():
    text = 'Jo Park told reporters: "We will rebuild the pier."'
    (c,) = find_candidates(text)
    assert c.speaker == "Jo Park"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Mayor Ines Okafor", ("Ines Okafor", "Mayor")),
        ("Harbour master Tomas Reyes", ("Tomas Reyes", "Harbour master")),
        ("Dr. Samuel Adebayo", ("Samuel Adebayo", "Dr.")),
        ("Ines Okafor", ("Ines Okafor", "")),
        ("Mayor", ("Mayor", "")),  # a lone title word stays the name
    ],
)
def test_split_title(name, expected):
    assert split_title(name) == expected


def _speaker(text: str, prefix: str) -> str:
    return _by_prefix(find_candidates(text, min_words=1), prefix).speaker


def test_single_line_break_after_a_sentence_ends_the_paragraph():
    text = '"We start at nine sharp," said Jo Park.\n"The books are balanced."'
    assert _speaker(text, "The books") == ""


@pytest.mark.parametrize("text", [
    '"We will vote against it," Rep. Ana Ruiz (D-Ohio) said.',
    '"We will vote against it," Sen. Ana Ruiz, R-Texas, said on Monday.',
    '"We will vote against it," Ana Ruiz, the city treasurer, a former banker, said.',
])
def test_party_tags_and_appositives_between_name_and_verb(text):
    assert _speaker(text, "We will vote") == "Ana Ruiz"


def test_quote_that_ends_its_sentence_is_not_attributed_to_the_next_sentence():
    text = 'Ana Ruiz called the plan "a total waste." Tom Berg said he liked it.'
    assert _speaker(text, "a total waste") == "Ana Ruiz"


def test_verb_followed_by_that_is_not_an_attribution():
    text = 'Jo Park said the report "clearly and fairly" suggests that Tom Berg was right.'
    assert _speaker(text, "clearly") == "Jo Park"


@pytest.mark.parametrize("text, prefix, speaker", [
    ('Mayor Jo Park wrote on Facebook, saying the pier is "safe again."', "safe", "Jo Park"),
    ('Jo Park says she admires Tom Berg for what she calls "quiet courage."', "quiet", "Jo Park"),
    ('Ana Ruiz, who once worked for Tom Berg, described the plan as "reckless."', "reckless", "Ana Ruiz"),
    ('With the vote near, Ana Ruiz, an aide to the mayor, called Mr. Berg\'s plan "a gamble."', "a gamble", "Ana Ruiz"),
    ('Green party candidate Ana Ruiz chimed in online, saying the plan was "doomed."', "doomed", "Ana Ruiz"),
    ('According to economist Ana Ruiz, the plan is "deeply flawed" and costly.', "deeply", "Ana Ruiz"),
    ('Analysts doubted Tom Berg\'s claim that sales were "up sharply."', "up sharply", "Tom Berg"),
    ('Officials in Norway were cautious. Norway branded the proposal "unworkable."', "unworkable", "Norway"),
])
def test_partial_quote_goes_to_the_subject_of_its_sentence(text, prefix, speaker):
    assert _speaker(text, prefix) == speaker


def test_possessive_subject_keeps_who_speaks_for_the_person():
    text = 'Tom Berg\'s campaign has called the ad "a cheap shot."'
    assert _speaker(text, "a cheap") == "Tom Berg's campaign"


def test_capitalised_first_word_of_a_sentence_is_not_a_speaker():
    text = 'More than 300 people came to what organisers billed as "the event of the year."'
    assert _speaker(text, "the event") == ""


@pytest.mark.parametrize("text, prefix", [
    ('Prices rose again in May. Said Ana Ruiz: "Nobody saw this coming."', "Nobody"),
    ('"We were ready," said Ana Ruiz.\n\nAna Ruiz continued:\n\n"Then the storm came and took the roof."', "Then the storm"),
    ('The pier will reopen in June, Ana Ruiz said. "We owe it to the town."', "We owe"),
])
def test_speaker_named_just_before_a_quotation_that_opens_a_sentence(text, prefix):
    assert _speaker(text, prefix) == "Ana Ruiz"


def test_a_pronoun_after_an_opening_phrase_speaks_and_resolves_to_a_person_of_that_sex():
    text = ('Mayor Ines Okafor met Karl Brandt on Monday. "We kept every promise," Mrs. Okafor told reporters. '
            'Before Mr. Brandt\'s letter to the council, she added, "the budget was safe." '
            'Mr. Brandt disagreed. Later, he said, "the numbers never worked."')
    by_text = {c.text: c.speaker for c in find_candidates(text, min_words=1)}
    assert by_text["the budget was safe."] == "Ines Okafor"  # not 'council', not the nearer Mr. Brandt
    assert by_text["the numbers never worked."] == "Karl Brandt"  # not the nearer Mrs. Okafor


def test_a_name_set_off_by_commas_before_said_speaks_a_partial_quote():
    text = ("Crews at the Harbour struck on Monday. The Harbour union's spokesman, Dara Quinlan, said by phone that "
            'the crews, including two pilots, had been sent home "until the wind drops".')
    (c,) = find_candidates(text, min_words=1)
    assert c.speaker == "Dara Quinlan"


def test_a_determiner_does_not_start_a_persons_name():
    from summarizer.text.quotations import known_people

    text = "All Lindqvist employees are safe, and Several Harbour staff left. Mara Lindqvist runs the firm."
    assert set(known_people(text)) == {"Mara Lindqvist"}


def test_he_after_a_speaker_the_article_does_not_name_is_left_unattributed():
    text = ('Mara Lindqvist opened the depot in May. A harbour authority spokesman in Dunmore said the cranes were '
            'checked overnight. "All staff are safe," he said. The operation, called "Quiet Tide", ended at noon.')
    by_text = {c.text: c.speaker for c in find_candidates(text, min_words=1)}
    assert by_text["All staff are safe"] == ""  # not Mara Lindqvist, named two sentences earlier


def test_a_name_in_quotation_marks_is_not_a_person():
    from summarizer.text.quotations import known_people

    assert "Quiet Tide" not in known_people('The operation, called "Quiet Tide", ended. Mara Lindqvist left.')


def test_two_apostrophes_as_double_quotes_like_some_news_archives():
    text = "''We will reopen the pier by Friday,'' said Ines Okafor. The crews weren't sure, and the mayor's aide agreed."
    (c,) = find_candidates(text, min_words=1)
    assert c.text == "We will reopen the pier by Friday" and c.speaker == "Ines Okafor"
    assert text[c.start:c.end] == c.text


def test_two_thousand_quotations_are_all_found_and_attributed_in_one_linear_scan():
    """The paragraph of each quotation is found without re-scanning the text (it was quadratic)."""
    parts = []
    for i in range(2000):
        parts.append(f'"The ferry number {i} will sail at noon," said Ingrid Halvorsen{i % 5}.')
        parts.append("\n\n" if i % 4 == 3 else " ")
    text = "".join(parts)
    found = find_candidates(text)
    assert len(found) == 2000
    assert found[1999].text == "The ferry number 1999 will sail at noon,".rstrip(",")
    assert [c.speaker for c in found[:5]] == [f"Ingrid Halvorsen{i}" for i in range(5)]
    assert all(text[c.start:c.end] == c.text for c in found)
