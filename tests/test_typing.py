"""A user's script type-checks against the public API: mypy sees ``Brief``, not ``Any``, and a misspelt setting is an error."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

pytest.importorskip("mypy", reason="mypy is in the dev extra")

SCRIPT = '''
from summarizer import (ModelClient, brief_file, brief_folder, build_stories, load_document, render_markdown,
                        resolve_settings)

settings = resolve_settings(model="m", max_bytes=10_000)
reveal_type(brief_file("a.txt", settings))                       # line 6
reveal_type(brief_folder("in", "out", settings))                 # line 7
reveal_type(build_stories("in", "out"))                          # line 8
reveal_type(load_document("a.txt"))                              # line 9: no size argument needed
with ModelClient(settings) as client:
    reveal_type(client)                                          # line 11
resolve_settings(modle="m")                                      # line 12: a typo
resolve_settings(max_bytes="big")                                # line 13: a wrong type
render_markdown("not a brief")                                   # line 14
'''


def test_mypy_sees_the_public_types_and_flags_misuse(tmp_path):
    script = tmp_path / "user_script.py"
    script.write_text(SCRIPT)
    # MYPYPATH puts this checkout first, before any installed summarizer; the package's own code is not checked here
    env = dict(os.environ, MYPYPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "mypy", "--follow-imports=silent", "--no-incremental", "--no-error-summary",
                        "--cache-dir", str(tmp_path / "cache"), str(script)], capture_output=True, text=True, env=env, cwd=tmp_path)
    by_line: dict[int, str] = {}
    for m in re.finditer(r"user_script\.py:(\d+): (.*)", r.stdout):
        by_line[int(m[1])] = by_line.get(int(m[1]), "") + m[2]
    assert 'Revealed type is "summarizer.brief.types.Brief"' in by_line[6], r.stdout
    assert 'Revealed type is "summarizer.batch.runner.BatchReport"' in by_line[7], r.stdout
    assert 'list[summarizer.story.types.StoryBrief]"' in by_line[8], r.stdout  # 'builtins.list' in older mypy
    assert 'Revealed type is "summarizer.text.documents.Document"' in by_line[9], r.stdout
    assert 'Revealed type is "summarizer.backends.client.ModelClient"' in by_line[11], r.stdout
    assert 'Unexpected keyword argument "modle"' in by_line[12], r.stdout
    assert "incompatible type" in by_line[13] and "max_bytes" in by_line[13], r.stdout
    assert "incompatible type" in by_line[14], r.stdout
    assert set(by_line) == {6, 7, 8, 9, 11, 12, 13, 14}, r.stdout
