"""Writing results: atomically, and never over something the user has without being asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import DiskError, OutputError


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
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
