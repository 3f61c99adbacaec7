"""Re-record the cassettes the tests replay, from the real embedded model.

    python tests/record_cassettes.py          # records what is missing, prunes unused cassettes

Run it after changing a prompt template, the draft schema or the sampling
settings; the replay tests fail (with a cassette miss) until you do.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The articles whose recorded briefs the replay tests use.
RECORDED = [
    "tests/fixtures/short.txt", "examples/harbor-closure.txt", "tests/fixtures/medium.md", "tests/fixtures/page.html",
    "tests/fixtures/tricky.txt",
]
# tests/fixtures/very-long.txt (20,000 words, ~35 windows on the embedded model) was recorded here until the
# spaCy analysis changed its speaker hints; re-recording it takes ~45 minutes on 2 cores. Its windowing and
# merging are tested offline (tests/batch/test_batch.py::test_long_article_is_windowed_and_merged...).


def main() -> int:
    from summarizer.config import resolve_settings
    from summarizer.backends.client import ModelClient
    from summarizer.brief.pipeline import brief_file

    cassettes = ROOT / "cassettes"
    settings = resolve_settings(cassette_dir=cassettes, cassette_mode="record-missing")
    client = ModelClient(settings)
    used: set[str] = set()
    before = {p.name for p in cassettes.glob("*.json")}
    original = client.cassettes.path_for

    def remember(key: str) -> Path:
        used.add(f"{key}.json")
        return original(key)

    client.cassettes.path_for = remember
    for rel in RECORDED:
        brief = brief_file(ROOT / rel, settings, client)
        print(f"{rel}: {len(brief.quotes)} quotes, {len(brief.key_events)} events, {brief.meta.seconds:.1f} s", flush=True)
    for stale in before - used:
        (cassettes / stale).unlink()
        print(f"removed unused cassette {stale}")
    print(f"{len(used)} cassettes in use, {client.cassettes.recorded} newly recorded")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
