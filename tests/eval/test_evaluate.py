"""Evaluation: brat and 5W1H readers, scoring arithmetic, reports, and a cached run with a fake model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.backends.testing import ScriptedTransport, completion, valid_draft
from summarizer.config import resolve_settings
from summarizer.errors import ConfigError
from summarizer.eval.run import (
    FiveWArticle, GoldQuote, Phrase, gold_quotes, greedy_match, is_named, overlap, parse_brat, quoted_segments,
    gold_date_agrees, read_5w1h, read_polnear, render_report, run_eval, score_5w1h, score_quotes, speaker_matches,
)
from summarizer.backends.client import ModelClient
from summarizer.brief.types import Actor, Brief, KeyEvent, Meta, Quote, Source


def make_brief(quotes=(), actors=(), events=()) -> Brief:
    return Brief(headline="h", summary="s", quotes=list(quotes), actors=list(actors), key_events=list(events),
                 source=Source(path="a.txt", sha256="0" * 64),
                 meta=Meta(model="m", backend="b", prompt_version="p", schema_version="v"))


def q(text: str, speaker: str = "", start: int = 0, end: int = 0) -> Quote:
    return Quote(text=text, speaker=speaker, start=start, end=end, status="exact")


# ------------------------------------------------------------------ brat and gold quotes

ARTICLE = 'Mayor Ann Lee said “the bridge will open in May.” He added: "We are ready," and "nothing can stop us." Officials doubt it.'


def at(sub: str) -> tuple[int, int]:
    s = ARTICLE.index(sub)
    return s, s + len(sub)


def test_parse_brat_reads_discontinuous_spans_and_relations_without_source():
    ann = (
        "T1\tSource 0 12\tMayor Ann Lee\n"
        "T2\tContent 10 20;25 30\tfirst bit second bit\n"
        "T3\tCue 13 17\tsaid\n"
        "E1\tAttribution:T9 Content:T2 Cue:T3 Source:T1\n"
        "E2\tAttribution-no-source:T8 Content:T2 Cue:T3\n"
        "# a note line is ignored\n"
    )
    spans, relations = parse_brat(ann)
    assert set(spans) == {"T1", "T2", "T3"}
    assert spans["T2"].label == "Content"
    assert spans["T2"].pieces == ((10, 20), (25, 30))
    assert spans["T2"].text == "first bit second bit"
    assert spans["T1"].pieces == ((0, 12),)
    assert relations[0] == {"Attribution": ["T9"], "Content": ["T2"], "Cue": ["T3"], "Source": ["T1"]}
    assert relations[1] == {"Attribution-no-source": ["T8"], "Content": ["T2"], "Cue": ["T3"]}
    assert "Source" not in relations[1]


def test_gold_quotes_from_curly_and_straight_marks_with_speakers():
    s_lee, s_he = at("Mayor Ann Lee"), at("He")
    c1 = (s_lee[1] + 6, at("May.”")[1])                       # “the bridge will open in May.”
    c2a, c2b = at('"We are ready,"'), at('"nothing can stop us."')  # discontinuous content
    c3 = at("Officials doubt it.")                                  # no quotation marks: not direct
    ann = "\n".join([
        f"T1\tSource {s_lee[0]} {s_lee[1]}\tMayor Ann Lee",
        f"T2\tContent {c1[0]} {c1[1]}\tx",
        "E1\tAttribution:T5 Content:T2 Cue:T5 Source:T1",
        f"T3\tSource {s_he[0]} {s_he[1]}\tHe",
        f"T4\tContent {c2a[0]} {c2a[1]};{c2b[0]} {c2b[1]}\tx",
        "E2\tAttribution:T5 Content:T4 Cue:T5 Source:T3",
        f"T6\tContent {c3[0]} {c3[1]}\tx",
        "E3\tAttribution-no-source:T5 Content:T6 Cue:T5",
    ])
    golds = gold_quotes(ARTICLE, *parse_brat(ann))
    assert [g.text for g in golds] == ["the bridge will open in May.", "We are ready,", "nothing can stop us."]
    for g in golds:
        assert ARTICLE[g.start:g.end] == g.text
    assert [g.speaker for g in golds] == ["Mayor Ann Lee", "He", "He"]
    assert [g.named for g in golds] == [True, False, False]


def test_gold_quote_without_source_relation_has_empty_speaker():
    c = at('"We are ready,"')
    golds = gold_quotes(ARTICLE, *parse_brat(f"T1\tContent {c[0]} {c[1]}\tx\nE1\tAttribution-no-source:T2 Content:T1 Cue:T2"))
    assert [(g.text, g.speaker, g.named) for g in golds] == [("We are ready,", "", False)]


def test_quoted_segments_nesting_mixed_marks_and_paragraph_continuation():
    text = 'He said "I quote “the rules” here." Then “one part\n\n“second part,” she said.'
    segs = [text[s:e] for s, e in quoted_segments(text, [(0, len(text))])]
    assert segs == ["I quote “the rules” here.", "one part", "second part,"]
    mixed = 'the evidence was “not enough" yet'
    assert [mixed[s:e] for s, e in quoted_segments(mixed, [(0, len(mixed))])] == ["not enough"]
    # a quote split across two pieces separated by more than whitespace ends and resumes
    split = '“First half, ” he said, “second half.”'
    pieces = [(0, split.index(" he")), (split.index("“second"), len(split))]
    assert [split[s:e] for s, e in quoted_segments(split, pieces)] == ["First half,", "second half."]
    # pieces apart only by whitespace are one stretch of text: the quote is not cut in two
    whole = "“one two three” he said"
    assert [whole[s:e] for s, e in quoted_segments(whole, [(5, 15), (0, 4)])] == ["one two three"]
    # two apostrophes are one double mark (news archives), and a lone apostrophe inside is a letter
    nyt = "''It isn't over,'' she said, ''not yet.''"
    assert [nyt[s:e] for s, e in quoted_segments(nyt, [(0, len(nyt))])] == ["It isn't over,", "not yet."]


def test_is_named_and_speaker_matching():
    assert is_named("Sen. Claire Doe") and is_named("The Gazette") and is_named("Acme")
    assert not any(is_named(s) for s in ("he", "She", "They", "who", "I", "", "an aide", "the mayor", "The campaign"))
    assert speaker_matches("Doe", "Sen. Claire Doe") and speaker_matches("Claire Doe", "Doe")
    assert not speaker_matches("Claire Roe", "Sen. Claire Doe") and not speaker_matches("", "Doe")


# ------------------------------------------------------------------ scoring


def test_overlap_is_multiset_over_the_longer_side():
    assert overlap("The cat sat.", "the CAT") == pytest.approx(2 / 3)
    assert overlap("a a b", "a b b") == pytest.approx(2 / 3)
    assert overlap("x y", "x y") == 1.0
    assert overlap("", "anything") == 0.0 and overlap("!!", "...") == 0.0
    assert overlap("no match", "other words") == 0.0


def test_greedy_matching_is_one_to_one():
    pairs = greedy_match(["alpha beta", "alpha beta"], ["alpha beta", "gamma"])
    assert pairs == [(0, 0, 1.0)]
    assert greedy_match(["alpha beta"], ["alpha beta", "alpha beta"]) == [(0, 0, 1.0)]
    assert greedy_match(["red blue", "red blue green"], ["red blue green"]) == [(1, 0, 1.0)]


def test_lenient_versus_strict_and_precision_recall_f1():
    text = "x"
    golds = [GoldQuote("one two three four five", 0, 1), GoldQuote("red green blue", 0, 1),
             GoldQuote("sun moon", 0, 1), GoldQuote("left right up down", 0, 1)]
    brief = make_brief([q("one two three"), q("red green blue"), q("nothing like gold")])
    s = score_quotes([(brief, golds, text)])
    assert (s["n_gold"], s["n_brief"], s["matched_lenient"], s["matched_strict"]) == (4, 3, 2, 1)
    assert s["precision_lenient"] == pytest.approx(2 / 3) and s["recall_lenient"] == pytest.approx(0.5)
    assert s["f1_lenient"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert s["precision_strict"] == pytest.approx(1 / 3) and s["recall_strict"] == pytest.approx(0.25)
    assert s["f1_strict"] == pytest.approx(2 * (1 / 3) * 0.25 / (1 / 3 + 0.25))


def test_scores_are_zero_not_errors_when_nothing_to_count():
    s = score_quotes([(make_brief(), [], "text")])
    assert s["precision_lenient"] == s["recall_lenient"] == s["f1_lenient"] == s["verbatim_share"] == 0.0


def test_speaker_accuracy_excludes_pronoun_gold_speakers():
    golds = [GoldQuote("we will build the road", 0, 1, "he"),
             GoldQuote("taxes will not rise", 0, 1, "Gov. Maria Ortiz"),
             GoldQuote("the plant closes soon", 0, 1, "Acme Corp")]
    brief = make_brief([q("we will build the road", "Bob Smith"), q("taxes will not rise", "Ortiz"),
                        q("the plant closes soon", "Bob Smith")])
    s = score_quotes([(brief, golds, "x")])
    assert s["matched_lenient"] == 3 and s["gold_named"] == 2
    assert s["speaker_n"] == 2 and s["speaker_correct"] == 1
    assert s["speaker_accuracy"] == pytest.approx(0.5)


def test_verbatim_share_counts_quotes_found_in_the_article():
    text = "She said “rates will fall” and later “wages will rise” again."
    s1 = text.index("rates")
    quotes = [q("rates will fall", start=s1, end=s1 + 15),       # exact offsets
              q("wages will rise", start=0, end=3),               # wrong offsets, but verbatim in the text
              q("prices will soar", start=0, end=16)]             # not in the article
    s = score_quotes([(make_brief(quotes), [], text)])
    assert s["verbatim"] == 2 and s["verbatim_share"] == pytest.approx(2 / 3)


def five(**kw) -> FiveWArticle:
    base = dict(id="a", title="t", text="x", date_publish="2021-03-06 10:00:00", publisher="p", category="c")
    return FiveWArticle(**{**base, **kw})


def test_actor_recall_by_name_alias_or_last_name():
    gold = five(who=[Phrase("Martha Quill, 58, from Elmsford", 3), Phrase("police", 2),
                     Phrase("Valeshire Harbour Police", 2), Phrase("the skipper", 2)])
    brief = make_brief(actors=[Actor(name="Mrs Martha Quill"), Actor(name="VHP", aliases=["Valeshire Harbour Police"])])
    s = score_5w1h([(brief, gold)])
    assert s["who_n"] == 4 and s["who_found"] == 2  # Quill (last name), VHP (alias); not 'police' or 'the skipper'
    assert s["actor_recall"] == pytest.approx(0.5)


def test_top_event_overlap_uses_first_event_what_and_evidence():
    gold = five(what=[Phrase("ferry collision", 2), Phrase("ferry hit pier near harbour", 3)])
    events = [KeyEvent(what="A ferry hit", evidence="the pier near the harbour"), KeyEvent(what="ferry collision")]
    s = score_5w1h([(make_brief(events=events), gold), (make_brief(), five(what=[Phrase("x", 2)])), (make_brief(), five())])
    # article 1: every word of "ferry hit pier near harbour" is in "A ferry hit the pier near the harbour" = 1.0
    # ("ferry collision" is only in the second event, which does not count); article 2: 0
    assert s["what_n"] == 2
    assert s["top_event_overlap"] == pytest.approx((1.0 + 0) / 2)


def test_date_accuracy_needs_exact_parsed_day():
    gold = five(when=[Phrase("Saturday", 3, "2021-03-06"), Phrase("", 2, "2021-03-04"), Phrase("later", 2, None)])
    events = [KeyEvent(what="a", date="2021-03-06"), KeyEvent(what="b", date="2021-03")]
    s = score_5w1h([(make_brief(events=events), gold)])
    assert s["when_n"] == 2 and s["when_correct"] == 1
    assert s["date_accuracy"] == pytest.approx(0.5)


@pytest.mark.parametrize("phrase, parsed, agrees", [
    ("Saturday", "2021-03-06", True), ("late Saturday night", "2021-03-09", False),  # 2021-03-06 was a Saturday
    ("March 6", "2021-03-06", True), ("6 March", "2021-03-07", False), ("Sat., Mar. 6, 2021", "2021-03-06", True),
    ("Mar. 6, 2020", "2021-03-06", False), ("", "2021-03-06", None), ("at 11pm local time", "2021-03-06", None),
])
def test_gold_date_agrees_with_the_day_its_phrase_names(phrase, parsed, agrees):
    assert gold_date_agrees(phrase, parsed) is agrees


def test_checked_date_accuracy_leaves_out_gold_dates_that_contradict_their_phrase():
    gold = five(when=[Phrase("Saturday", 3, "2021-03-06"), Phrase("on Monday", 2, "2021-03-06"), Phrase("", 2, "2021-03-05")])
    events = [KeyEvent(what="a", evidence="a", date="2021-03-06")]
    s = score_5w1h([(make_brief(events=events), gold)])
    assert (s["when_n"], s["when_correct"]) == (3, 2)  # the Monday phrase matches only by its wrong annotation
    assert (s["when_checked_n"], s["when_checked_correct"], s["date_accuracy_checked"]) == (1, 1, 1.0)


def test_empty_gold_phrases_are_not_counted():
    gold = five(who=[Phrase("", 2), Phrase("Martha Quill", 3)], where=[Phrase("", 2), Phrase("Brackley", 2)],
                what=[Phrase("", 3)])
    brief = make_brief(actors=[Actor(name="Martha Quill", kind="person")],
                       events=[KeyEvent(what="a", where="Brackley")])
    s = score_5w1h([(brief, gold)])
    assert (s["who_n"], s["who_found"], s["where_n"], s["where_found"], s["what_n"]) == (1, 1, 1, 1, 0)


def test_place_overlap():
    gold = five(where=[Phrase("Elmsford, north Valeshire", 3), Phrase("Brackley", 2), Phrase("Dunmore", 2)])
    events = [KeyEvent(what="a", where="north Valeshire"), KeyEvent(what="b", where="the Brackley circuit"),
              KeyEvent(what="c", where="Dun")]
    s = score_5w1h([(make_brief(events=events), gold)])
    # the shorter phrase inside the longer: "north valeshire" in "elmsford north valeshire" (2/2) and
    # "brackley" in "the brackley circuit" (1/1) match; "dun" is not "dunmore"
    assert s["where_n"] == 3 and s["where_found"] == 2
    assert s["place_overlap"] == pytest.approx(2 / 3)


def test_render_report_is_a_markdown_table_with_meta():
    md = render_report("polnear", {"f1_lenient": 0.25, "n_gold": 7},
                       {"model": "m1", "prompt_version": "abc", "date": "2024-01-02", "articles": 3})
    assert "| Metric | Value |" in md and "| f1 lenient | 25.0% |" in md and "| n gold | 7 |" in md
    assert "- model: m1" in md and "- prompt version: abc" in md and "- articles: 3" in md


# ------------------------------------------------------------------ readers and runs on hand-made folders

POL_TEXT = ('Mayor Ann Lee said on Monday that the bridge would reopen. “We will finish the bridge by May,” Lee said.\n\n'
            'Critics disagreed. “This plan is far too late,” said Tom Park, a council member.\n')


def polnear_folder(root: Path) -> Path:
    text_dir, ann_dir = root / "data" / "dev" / "text", root / "data" / "dev" / "attributions"
    text_dir.mkdir(parents=True), ann_dir.mkdir(parents=True)
    name = "localnews_2016-10-03_bridge-reopens"
    (text_dir / f"{name}.txt").write_text(POL_TEXT, encoding="utf-8")

    def span(sub: str) -> str:
        s = POL_TEXT.index(sub)
        return f"{s} {s + len(sub)}"

    lee = POL_TEXT.index("Lee said.")
    good = "\n".join([
        f"T1\tSource {lee} {lee + 3}\tLee",
        f"T2\tContent {span('“We will finish the bridge by May,”')}\tx",
        "E1\tAttribution:T3 Content:T2 Cue:T3 Source:T1",
        f"T4\tSource {span('Tom Park')}\tTom Park",
        f"T5\tContent {span('“This plan is far too late,”')}\tx",
        "E2\tAttribution:T6 Content:T5 Cue:T6 Source:T4",
    ])
    (ann_dir / f"{name}_aaaa.ann").write_text(good, encoding="utf-8")
    (ann_dir / f"{name}_zzzz.ann").write_text("", encoding="utf-8")  # a second annotator, sorted later: unused
    return root


def fivew_folder(root: Path) -> Path:
    root.mkdir(parents=True)
    doc = {"title": "Bridge reopens", "text": POL_TEXT, "date_publish": "2016-10-03 09:00:00", "publisher": "local",
           "category": "bridge", "fiveWoneH": {
               "who": {"annotated": [{"text": "Mayor Ann Lee", "coderPhraseCount": 3}, {"text": "critics", "coderPhraseCount": 1}]},
               "what": {"annotated": [{"text": "the bridge would reopen", "coderPhraseCount": 2}]},
               "when": {"annotated": [{"text": "on Monday", "coderPhraseCount": 2, "parsed": "2016-10-03"},
                                      {"coderPhraseCount": 3, "parsed": "2016-10-03"}]},
               "where": {"annotated": [{"text": "the bridge", "coderPhraseCount": 2}]},
               "why": {"annotated": []}, "how": {"annotated": []}}}
    (root / "a1.json").write_text(json.dumps(doc), encoding="utf-8")
    (root / "a2.json").write_text(json.dumps({**doc, "text": "   ", "date_publish": None}), encoding="utf-8")
    return root


def test_read_polnear_uses_first_annotator_and_file_date(tmp_path):
    arts = read_polnear(polnear_folder(tmp_path / "pol"))
    assert len(arts) == 1
    a = arts[0]
    assert (a.id, a.published, a.annotator) == ("localnews_2016-10-03_bridge-reopens", "2016-10-03", "aaaa")
    assert [(g.text, g.speaker) for g in a.quotes] == [("We will finish the bridge by May,", "Lee"),
                                                       ("This plan is far too late,", "Tom Park")]
    assert all(a.text[g.start:g.end] == g.text for g in a.quotes)


def test_read_5w1h_keeps_phrases_of_two_or_more_coders(tmp_path):
    arts = read_5w1h(fivew_folder(tmp_path / "5w"))
    a = arts[0]
    assert (a.id, a.title, a.category, a.publisher, a.published) == ("a1", "Bridge reopens", "bridge", "local", "2016-10-03")
    assert [p.text for p in a.who] == ["Mayor Ann Lee"]
    assert [(p.text, p.parsed) for p in a.when] == [("on Monday", "2016-10-03"), ("", "2016-10-03")]
    assert arts[1].published is None


def fake_client() -> tuple[ModelClient, ScriptedTransport]:
    transport = ScriptedTransport(*[lambda req: completion(valid_draft(req)) for _ in range(20)])
    return ModelClient(resolve_settings(base_url="http://127.0.0.1:9/v1", model="m"), transport, sleep=lambda _: None), transport


@pytest.mark.parametrize("kind, make", [("polnear", polnear_folder), ("5w1h", fivew_folder)])
def test_run_eval_writes_reports_and_reuses_the_cache(tmp_path, kind, make):
    data, out = make(tmp_path / "data"), tmp_path / "out"
    client, transport = fake_client()
    seen = []
    report = run_eval(kind, data, out, client, on_outcome=seen.append)
    assert (out / "report.md").is_file() and json.loads((out / "report.json").read_text()) == report
    assert "| Metric | Value |" in (out / "report.md").read_text()
    assert report["kind"] == kind and report["meta"]["model"] == "m" and report["meta"]["prompt_version"]
    rates = {k: v for k, v in report["scores"].items() if isinstance(v, float)}
    assert rates and all(0.0 <= v <= 1.0 for v in rates.values())
    assert transport.requests, "the first run must ask the model"
    if kind == "polnear":
        assert report["scores"]["n_gold"] == 2 and report["scores"]["articles"] == 1
        assert report["scores"]["n_brief"] > 0 and report["scores"]["verbatim_share"] == 1.0
    else:  # the blank article fails, is recorded, and does not stop the run
        assert report["meta"]["failed"] == 1 and report["meta"]["failures"][0]["article"] == "a2"
        assert report["scores"]["articles"] == 1 and report["scores"]["who_n"] == 1
    assert [o.status for o in seen].count("done") == 1
    asked = len(transport.requests)
    again = run_eval(kind, data, out, client)
    assert len(transport.requests) == asked, "a re-run must be served from the cache"
    assert again["scores"] == report["scores"] and again["meta"]["cached"] == 1 and again["meta"]["briefed"] == 0


def test_run_eval_limit_and_unknown_kind(tmp_path):
    client, transport = fake_client()
    report = run_eval("5w1h", fivew_folder(tmp_path / "5w"), tmp_path / "out", client, limit=0)
    assert report["meta"]["articles"] == 0 and not transport.requests
    with pytest.raises(ConfigError):
        run_eval("bogus", tmp_path, tmp_path / "out2", client)


def test_phrase_measures():
    from summarizer.eval.run import covered, nested

    assert covered("tram crash", "a tram crash in Croydon") == 1.0
    assert covered("tram crash victims", "a tram crash") == pytest.approx(2 / 3)
    assert nested("northern city of Mazar", "Mazar") == 1.0 and nested("Dunmore", "Dun") == 0.0


def test_in_parallel_keeps_order_and_really_runs_jobs_at_once():
    import threading

    from summarizer.eval.run import in_parallel

    barrier = threading.Barrier(3, timeout=30)  # only passes when three calls are in flight together

    def slow_square(n: int) -> int:
        if n < 3:
            barrier.wait()
        return n * n

    assert list(in_parallel(slow_square, [0, 1, 2, 3, 4], jobs=3)) == [0, 1, 4, 9, 16]
    assert list(in_parallel(lambda n: n + 1, [1, 2], jobs=1)) == [2, 3]
