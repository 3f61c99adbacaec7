"""Trial (issue 11): can a sentence scorer learned from the highlights beat Lead-3 on ROUGE-2?

Every sentence of every reference article (the analysis's sentence splitter) gets a few general features:
its position (one-hot for the first six, relative, log), length, how many of its content words recur in the
article (centrality), its overlap with the first sentence, capitalised words, whether it holds a digit or a
quotation mark, whether it may be an event, and whether it is cut off. A ridge regression learns the
sentence's ROUGE-2 F1 (or recall) against the highlights; articles are split into five folds and each fold is
scored by weights fitted on the other four, so no article is summarised by weights that saw it. Picks: the
best-scored sentences that may be events (trigram blocking; optionally a word budget) in article order, and
hybrids that keep the lead and add the best later sentences. Lead-3 is the eval's own, on the same articles.

    python bench/bench_sentence_scorer.py ../shared/eval/cnndm_dev

No model; about a minute on 447 articles.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter
from pathlib import Path

import numpy as np

from summarizer.brief.events import eventworthy
from summarizer.brief.summary import is_cut_off
from summarizer.eval.summaries import lead3, rouge_scorer
from summarizer.text.sentences import split_sentences

_STOP = set("the a an of to in and or for on at by with from is was are were be been has have had it its this that "
            "as he she they his her their said says will would".split())


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP]


def features(texts: list[str]) -> list[list[float]]:
    """One feature vector per sentence (see the module docstring)."""
    df = Counter(w for t in texts for w in set(_words(t)))
    first = set(_words(texts[0]))
    rows = []
    for i, t in enumerate(texts):
        uniq = set(_words(t))
        length = min(len(t.split()), 60) / 30
        rows.append([*(float(i == k) for k in range(6)), i / len(texts), math.log(i + 1), length, length ** 2,
                     sum(df[w] - 1 for w in uniq) / (len(uniq) + 1) / 3,
                     len(uniq & first) / (len(uniq) + 1) if i else 1.0,
                     min(len(re.findall(r"(?<=\s)[A-Z][a-z]+", t)), 10) / 5, float(bool(re.search(r"\d", t))),
                     float('"' in t or "\u201c" in t), float(eventworthy(t)), float(is_cut_off(t)), 1.0])
    return rows


def load(data: Path, scorer) -> list[dict]:
    """Each article's sentences, features, per-sentence ROUGE-2 (recall, F1) and references."""
    out = []
    for path in sorted(data.glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        texts = [" ".join(s.text.split()) for s in split_sentences(d["text"])]
        if not texts:
            continue
        ref = "\n".join(d["highlights"])
        r2 = [scorer.score(ref, t)["rouge2"] for t in texts]
        out.append({"text": d["text"], "texts": texts, "X": np.array(features(texts)), "ref": ref,
                    "y": {"recall": np.array([r.recall for r in r2]), "f1": np.array([r.fmeasure for r in r2])}})
    return out


def fit(rows: list[dict], label: str, lam: float) -> np.ndarray:
    """Ridge regression weights of ``label`` on the features."""
    X = np.vstack([r["X"] for r in rows])
    y = np.concatenate([r["y"][label] for r in rows])
    return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)


def _trigrams(text: str) -> set:
    w = text.lower().split()
    return set(zip(w, w[1:], w[2:]))


def pick(row: dict, w: np.ndarray, most: int = 3, budget: int | None = None, keep_lead: int = 0) -> list[str]:
    """The best-scored event-like sentences (the first ``keep_lead`` always), trigram-blocked, in article order."""
    ok = [j for j in range(len(row["texts"])) if row["X"][j][15] and not row["X"][j][16]]
    chosen = ok[:keep_lead]
    for j in sorted(ok, key=lambda j: -(row["X"][j] @ w)):
        if len(chosen) == most:
            break
        t = row["texts"][j]
        words = sum(len(row["texts"][c].split()) for c in chosen)
        if j in chosen or any(_trigrams(t) & _trigrams(row["texts"][c]) for c in chosen):
            continue
        if budget and chosen and words + len(t.split()) > budget:
            continue
        chosen.append(j)
    return [row["texts"][j] for j in sorted(chosen)]


def mean_rouge(cands: list[list[str]], rows: list[dict], scorer) -> str:
    keys = ("rouge1", "rouge2", "rougeLsum")
    sums = dict.fromkeys(keys, 0.0)
    for c, r in zip(cands, rows):
        s = scorer.score(r["ref"], "\n".join(c))
        for k in keys:
            sums[k] += s[k].fmeasure
    words = sum(len(" ".join(c).split()) for c in cands) / len(rows)
    return " | ".join(f"{100 * v / len(rows):.2f}" for v in sums.values()) + f" | {words:.0f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    scorer = rouge_scorer()
    rows = load(args.data, scorer)
    folds = [list(range(k, len(rows), args.folds)) for k in range(args.folds)]
    variants = {"top 3": {}, "top 3, <= 80 words": {"budget": 80}, "top 4, <= 85 words": {"most": 4, "budget": 85},
                "lead 2 + best 1": {"keep_lead": 2}, "lead 1 + best 2": {"keep_lead": 1}}
    print("| picks | label | R-1 | R-2 | R-Lsum | words |\n|---|---|---:|---:|---:|---:|")
    print(f"| Lead-3 | - | {mean_rouge([lead3(r['text']) for r in rows], rows, scorer)} |")
    for label in ("f1", "recall"):
        picked = {name: [None] * len(rows) for name in variants}
        for fold in folds:
            held = set(fold)
            w = fit([r for i, r in enumerate(rows) if i not in held], label, 10.0)
            for i in fold:
                for name, kw in variants.items():
                    picked[name][i] = pick(rows[i], w, **kw)
        for name in variants:
            print(f"| {name} | {label} | {mean_rouge(picked[name], rows, scorer)} |")


if __name__ == "__main__":
    main()
