"""write_atomic: atomic, refusing to overwrite unless asked, and with the modes a plain write would give."""

from __future__ import annotations

import os
import stat

import pytest

from summarizer.errors import OutputError
from summarizer.output import write_atomic


@pytest.fixture
def umask():
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_honours_the_umask(tmp_path, umask):
    umask(0o022)
    write_atomic(tmp_path / "a.md", "x")
    assert _mode(tmp_path / "a.md") == 0o644
    umask(0o077)
    write_atomic(tmp_path / "b.md", "x")
    assert _mode(tmp_path / "b.md") == 0o600


def test_replacing_a_file_keeps_its_mode(tmp_path, umask):
    umask(0o077)
    path = tmp_path / "a.md"
    path.write_text("old")
    path.chmod(0o664)
    write_atomic(path, "new", overwrite=True)
    assert path.read_text() == "new" and _mode(path) == 0o664


def test_no_temporary_file_is_left_and_existing_files_are_refused(tmp_path):
    path = tmp_path / "a.md"
    write_atomic(path, "one")
    with pytest.raises(OutputError):
        write_atomic(path, "two")
    assert path.read_text() == "one" and [p.name for p in tmp_path.iterdir()] == ["a.md"]
