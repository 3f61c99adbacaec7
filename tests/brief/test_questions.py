"""Open questions: grammatical, ending in '?', never answered by the article."""

from __future__ import annotations

from summarizer.brief.questions import answered_by, is_grammatical, keep_question

ARTICLE = ("Repairs to the Kessel Point pier will cost $1.2 million. The pier closed on Monday after the storm. "
           "Officials did not say who will pay, and the cause of the collapse is under investigation.")


def test_grammar():
    assert is_grammatical("Who will pay for the repairs?")
    assert not is_grammatical("What is the loss of bases would mark a setback for Russia?")
    assert not is_grammatical("Who will pay for the repairs")
    assert not is_grammatical("The repairs are expensive?")


def test_questions_the_article_answers_are_dropped():
    assert answered_by("What is the cost of repairs to the pier?", ARTICLE)
    assert answered_by("When did the pier close?", ARTICLE)
    assert not answered_by("When will the pier reopen?", ARTICLE), "a date about something else is no answer"
    assert not answered_by("What caused the collapse?", ARTICLE)
    assert keep_question("Who will pay for the repairs?", ARTICLE)
    assert not keep_question("What is the cost of repairs to the pier?", ARTICLE)


def test_pipeline_drops_a_question_the_article_answers():
    from conftest import run
    from summarizer.backends.testing import valid_draft

    def answer(req):
        d = valid_draft(req)
        d["open_questions"] = [{"question": "When will the harbor open again?", "sentence": "S1"},
                               {"question": "Who will pay for the harbor repairs?", "sentence": "S1"}]
        return d

    _, brief, _ = run(answer=answer)  # the article says the pier can open again by next Monday
    assert [q.question for q in brief.open_questions] == ["Who will pay for the harbor repairs?", CODE_QUESTION]


# what code asks of examples/harbor-closure.txt ('did not say whether ...'), after the model's kept questions
CODE_QUESTION = "Will the Tarrow Island ferry keep its usual timetable from the Ferris Street wharf?"


def test_a_who_question_is_answered_by_a_sentence_that_names_the_person():
    article = "The victim has not been identified. Later on Sunday police named the victim as Jane Ferro, 34."
    assert answered_by("Who is the victim?", article)
    assert not answered_by("Who is the victim?", "The victim has not been identified. The victim was 34.")
