"""Actors without the model: who recall on Giveme5W1H dev and actor precision / kind / person recall on CoNLL-2003 dev.

The brief is made by the real pipeline with an offline model that names no actors of its own
(``summarizer.backends.testing.valid_draft``), so every actor scored is one code found.

    python bench/bench_actors.py [--eval ../shared/eval]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer import brief_document, document_from_bytes, resolve_settings  # noqa: E402
from summarizer.backends import ModelClient  # noqa: E402
from summarizer.backends.testing import ScriptedTransport, completion, valid_draft  # noqa: E402
from summarizer.eval.conll import score_conll  # noqa: E402
from summarizer.eval.run import read_5w1h, score_5w1h  # noqa: E402


def who_recall(eval_dir: Path) -> dict:
    pairs = []
    for art in read_5w1h(eval_dir / "giveme5w1h_dev"):
        transport = ScriptedTransport(*[lambda req: completion(valid_draft(req)) for _ in range(20)])
        client = ModelClient(resolve_settings(base_url="http://127.0.0.1:9/v1", model="m"), transport)
        doc = document_from_bytes(art.text.encode(), path=art.id, fmt="text", max_bytes=10**8, published=art.published)
        pairs.append((brief_document(doc, client), art))
    scores = score_5w1h(pairs)
    return {k: v for k, v in scores.items() if "who" in k or "actor" in k}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    args = ap.parse_args()
    print("giveme5w1h", who_recall(args.eval))
    print("conll2003", score_conll(args.eval / "conll2003_dev"))


if __name__ == "__main__":
    main()
