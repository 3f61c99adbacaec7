"""Actors found by code, scored against CoNLL-2003's gold named entities (no model involved).

Precision: a listed actor's name (or one of its aliases) is a gold entity's text, or part of a gold
person's name. Kind accuracy on the matched ones: person = PER, organization = ORG, place = LOC
(groups = MISC). Person recall: gold PER entities whose text, or last word, is a listed name or alias.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ..errors import ConfigError
from ..output import write_atomic
from ..text.analysis import analyse
from ..text.documents import document_from_bytes

_GOLD_KIND = {"person": "PER", "organization": "ORG", "place": "LOC", "group": "MISC"}


def read_conll(root: Path) -> list[dict]:
    """The documents of a conll2003_dev folder: ``{id, text, entities[{text, type, start, end}]}``."""
    files = sorted(Path(root).glob("*.json"))
    if not files:
        raise ConfigError(f"{root} holds no CoNLL-2003 .json documents")
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def score_document(actors: list, entities: list[dict]) -> dict:
    """Counts for one document: listed, correct, kind_ok, gold_people, people_found."""
    gold = {e["text"]: e["type"] for e in entities}
    person_parts = {w for e in entities if e["type"] == "PER" for w in e["text"].split()}
    listed = correct = kind_ok = 0
    names: set[str] = set()
    for a in actors:
        forms = [a.name, *a.aliases]
        names.update(forms)
        listed += 1
        hit = next((f for f in forms if f in gold), None)
        if hit is None and all(w in person_parts for w in a.name.split()):
            hit = a.name
            kind = "PER"
        else:
            kind = gold.get(hit)
        if hit is None:
            continue
        correct += 1
        kind_ok += _GOLD_KIND.get(a.kind) == kind
    people = {e["text"] for e in entities if e["type"] == "PER"}
    found = sum(1 for p in people if p in names or p.split()[-1] in names or any(p in n for n in names))
    return {"listed": listed, "correct": correct, "kind_ok": kind_ok, "gold_people": len(people), "people_found": found}


def score_conll(root: Path, *, limit: int | None = None) -> dict:
    """Actor precision, kind accuracy and person recall of the code's actors over a conll2003_dev folder."""
    totals = {"listed": 0, "correct": 0, "kind_ok": 0, "gold_people": 0, "people_found": 0}
    docs = read_conll(root)[:limit] if limit is not None else read_conll(root)
    for d in docs:
        doc = document_from_bytes(d["text"].encode("utf-8"), path=d["id"], fmt="text", max_bytes=10**8)
        counts = score_document(analyse(doc).actors, d["entities"])
        for k, v in counts.items():
            totals[k] += v
    return {
        "documents": len(docs),
        "actors_listed": totals["listed"],
        "actor_precision": totals["correct"] / totals["listed"] if totals["listed"] else 0.0,
        "kind_accuracy": totals["kind_ok"] / totals["correct"] if totals["correct"] else 0.0,
        "person_recall": totals["people_found"] / totals["gold_people"] if totals["gold_people"] else 0.0,
    }


def run_conll(data_dir: Path, outdir: Path, *, limit: int | None = None) -> dict:
    """Score the code's actors on a conll2003_dev folder; writes ``outdir/report.md`` and ``report.json``."""
    from .run import render_report, report_dict

    scores = score_conll(data_dir, limit=limit)
    meta = {"model": "none (code only)", "date": date.today().isoformat(), "articles": scores["documents"]}
    report = report_dict("conll", scores, meta)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    write_atomic(outdir / "report.md", render_report("conll", scores, meta), overwrite=True)
    write_atomic(outdir / "report.json", json.dumps(report, indent=2, ensure_ascii=False) + "\n", overwrite=True)
    return report
