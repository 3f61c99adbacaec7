"""Open questions code builds from the parse of sentences that leave something open (brief/asking.py).

Every sentence here was written for these tests."""

from __future__ import annotations

import json

import pytest

from summarizer.brief.asking import questions_in
from summarizer.brief.questions import is_grammatical
from summarizer.text.nlp import parse


def asked(sentence: str) -> list[str]:
    return [q for part in parse(sentence).sents for q in questions_in(part)]


@pytest.mark.parametrize("sentence, question", [
    ("Officials did not say how much the repairs would cost.", "How much will the repairs cost?"),
    ("It was unclear whether the ferry would resume service before the holidays.",
     "Will the ferry resume service before the holidays?"),
    ("It is not clear when the work will start.", "When will the work start?"),
    ("Police declined to say why the suspect had been released.", "Why had the suspect been released?"),
    ("The mayor would not say when the port closed.", "When did the port close?"),
    ("The company did not disclose what it paid for the site.", "What did the company pay for the site?"),
    ("Investigators are trying to determine what caused the blaze.", "What caused the blaze?"),
    ("It is not known who started the fire.", "Who started the fire?"),
    ("Officials are looking into how the fire started.", "How did the fire start?"),
    ("Mary Jones did not say why she left.", "Why did Mary Jones leave?"),
    ("The bridge is expected to reopen on Friday, the authority said.", "Will the bridge reopen on Friday?"),
    ("The council has yet to decide on the funding.", "When will the council decide on the funding?"),
    ("The ministry plans to open three new offices next year.", "Will the ministry open three new offices next year?"),
    ("The cause of the fire is under investigation.", "What is the cause of the fire?"),
    ("Police are investigating the crash, which killed two people.", "What will the investigation into the crash find?"),
    ("Police did not release the name of the driver.", "What is the name of the driver?"),
    ("The victim has not been identified.", "Who is the victim?"),
    ("The cause of the outage has not been disclosed.", "What is the cause of the outage?"),
    ("The names of the two workers were not released.", "What are the names of the two workers?"),
    ("Heavy rain and strong winds are expected to hit at the weekend.", "Will heavy rain and strong winds hit at the weekend?"),
    ("Smith did not say why he quit his job.", "Why did Smith quit his job?"),
])
def test_a_sentence_that_leaves_something_open_raises_a_grammatical_question(sentence, question):
    assert asked(sentence) == [question]
    assert is_grammatical(question)


@pytest.mark.parametrize("sentence", [
    "The bridge was expected to reopen on Friday.",                 # past: it may have happened
    "The trio had planned to continue the show.",                   # past
    "Police investigated the attack last year.",                    # finished
    "The detective investigating the case gave evidence.",          # a participle, not an investigation under way
    "The station, which the broadcaster plans to close, is busy.",  # a relative clause: 'Will the broadcaster close?'
    "Barber asked Bure whether she was ready to return.",           # someone else's question, two people
    "Mrs Hale said she did not know what he had planned.",          # 'he' is not Mrs Hale
    "I don't know how I won that final frame.",                     # a speaker's own words
    "They did not say why their controllers retire early.",         # whose controllers?
    "Their costs determine how prices are set.",                    # 'determine' as cause, not inquiry
    "None of the crew is under investigation.",                     # about nobody
    "The weather was fine and the pier reopened.",                  # nothing open
    "The buyer, whose identity was not disclosed, paid in cash.",   # 'What is whose identity?'
    "She did not know the sex of her baby.",                        # whose baby?
])
def test_no_question_where_the_parse_does_not_show_something_open(sentence):
    assert asked(sentence) == []


def test_a_sentence_in_the_first_person_is_a_speaker_s_and_raises_none():
    from types import SimpleNamespace

    from summarizer.brief.asking import code_questions
    from summarizer.text.sentences import split_sentences

    text = "He added: ' we are now investigating why the alarm was raised so late. The cause of the fire is under investigation."
    analysis = SimpleNamespace(parsed=parse(text), quotations=[])
    assert [q for q, _ in code_questions(analysis, split_sentences(text, min_words=1))] == ["What is the cause of the fire?"]


def _local_brief(article, answer):
    from summarizer.backends.client import ModelClient
    from summarizer.backends.testing import ScriptedTransport, completion
    from summarizer.brief.pipeline import brief_document
    from summarizer.config import resolve_settings
    from summarizer.text.documents import document_from_bytes

    transport = ScriptedTransport(lambda req: completion(answer(req)))
    client = ModelClient(resolve_settings(), transport)
    assert client.settings.is_local
    doc = document_from_bytes(article.encode(), path="ferry.txt", fmt="text", max_bytes=10**6)
    return brief_document(doc, client), transport.requests


ARTICLE = """Ferry service to Marrow Isle halted after engine fault

The island's only ferry broke down on Tuesday after an engine fault, the operator said.
Repairs will cost $40,000, the operator said in a statement.
The operator did not say when the ferry would return to service.
It is not clear whether the council will pay for a replacement boat.
About 300 residents rely on the crossing each week.
"""


def test_on_the_embedded_model_code_writes_the_open_questions_and_drops_answered_ones():
    from summarizer.backends.testing import valid_draft

    brief, requests = _local_brief(ARTICLE, valid_draft)
    assert "open_questions" not in json.dumps(requests[0]), "the embedded model is not asked for questions"
    assert [q.question for q in brief.open_questions] == ["When will the ferry return to service?",
                                                         "Will the council pay for a replacement boat?"]
    assert brief.open_questions[0].basis == "The operator did not say when the ferry would return to service."
    # 'How much will the repairs cost?' would be answered by the article ($40,000); none such is asked
    assert all("cost" not in q.question for q in brief.open_questions)
