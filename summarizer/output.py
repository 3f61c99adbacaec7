"""Writing results: atomically, and never over something the user has without being asked."""

from __future__ import annotations

import os
import re
import secrets
import stat
import tempfile
from pathlib import Path

from .errors import DiskError, OutputError

# C0 controls but tab and newline, DEL and C1: ESC starts terminal escape sequences, BEL rings, CR overwrites.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without control characters, so nothing shown on a terminal can drive it (colours, titles, clearing)."""
    return _CONTROLS.sub("", text)


def write_atomic(
    path: Path, text: str, *, overwrite: bool = False, protect: tuple[Path, ...] = (), fsync: bool = True
) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename, so no reader ever sees half a file.

    Refuses to replace an existing file unless ``overwrite``, and never
    replaces any path in ``protect`` (the input article). ``fsync`` also
    survives power loss; without it the rename still survives a killed process.
    """
    path = Path(path)
    target = path.resolve()
    if any(target == Path(p).resolve() for p in protect):
        raise OutputError("refusing to overwrite the input article with its brief", path=str(path))
    if path.exists() and not overwrite:
        raise OutputError("already exists; pass --force to replace it", path=str(path))
    if path.exists() and not path.is_file():
        raise OutputError("is not a regular file", path=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_temporary(path)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                if fsync:
                    fh.flush()
                    os.fsync(fh.fileno())
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        raise DiskError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path`` with the mode a plain write would give it.

    An existing file's mode is kept; a new file gets 0666 less the umask (the
    kernel applies it), not mkstemp's 0600.
    """
    try:
        keep: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        keep = None
    while True:
        tmp = str(path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp"))
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except FileExistsError:
            continue
        if keep is not None:
            os.fchmod(fd, keep)
        return fd, tmp


def ensure_writable(folder: Path) -> None:
    """Create ``folder`` if needed and prove a file can be made in it, before any work is paid for.

    Raises :class:`DiskError` naming the folder when it cannot (read-only,
    no permission, a file in the way, a full disk).
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".write-check-") as fh:
            fh.write(b"x")
            fh.flush()
    except OSError as exc:
        raise DiskError(f"the output folder is not writable: {exc.strerror or exc}", path=str(folder)) from None
