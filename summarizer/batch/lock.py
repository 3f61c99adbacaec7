"""One run at a time per OUTDIR: a second batch on the same folder would pay for every article again.

The lock is an OS file lock (filelock: ``flock`` on POSIX), so it is released
whenever the holding process ends, even by ``kill -9``, and a stale lock file
never blocks anyone. A second run does not wait: it fails at once (exit 6)
naming the holder's pid, which is written beside the lock.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import OutputLocked
from ..output import ensure_writable
from .cache import STATE_DIR

_held: dict[Path, int] = {}  # OUTDIRs this process holds, and how deeply (import_results runs a batch inside)
_guard = threading.Lock()


def lock_paths(outdir: Path) -> tuple[Path, Path]:
    """The lock file and the file naming its holder's pid."""
    state = Path(outdir) / STATE_DIR
    return state / "lock", state / "lock.pid"


@contextmanager
def outdir_lock(outdir: Path | str) -> Iterator[None]:
    """Hold OUTDIR's lock for the block; :class:`OutputLocked` at once if another process holds it."""
    outdir = Path(outdir)
    ensure_writable(outdir / STATE_DIR)
    key = outdir.resolve()
    with _guard:
        if key in _held:
            _held[key] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _guard:
                _held[key] -= 1
        return
    lock_file, pid_file = lock_paths(outdir)
    lock = FileLock(lock_file, timeout=0, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise OutputLocked(f"another summarizer run ({_holder(pid_file)}) is using this output folder; "
                           "wait for it to finish or use another -o", path=str(outdir)) from None
    try:
        pid_file.write_text(f"{os.getpid()}\n", encoding="utf-8")
        with _guard:
            _held[key] = 1
        yield
    finally:
        with _guard:
            _held.pop(key, None)
        lock.release()


def _holder(pid_file: Path) -> str:
    try:
        return f"pid {int(pid_file.read_text(encoding='utf-8').split()[0])}"
    except (OSError, ValueError, IndexError):
        return "pid unknown"
