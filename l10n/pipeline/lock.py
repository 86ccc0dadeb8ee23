"""One writer at a time: an advisory lock on ``<project>/.l10n.lock``.

A second process waits up to ``timeout`` seconds, then fails with a clear
message; writes of two processes never interleave.  The lock is released by
the kernel when the process dies, so a killed run leaves no stale lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import LockError

log = logging.getLogger(__name__)

LOCK_NAME = ".l10n.lock"
#: Seconds of waiting before saying so: a command that seems to hang says why.
ANNOUNCE_AFTER = 1.0


def _default_timeout() -> float:
    try:
        return float(os.environ.get("L10N_LOCK_TIMEOUT", "60"))
    except ValueError:
        return 60.0


@contextlib.contextmanager
def project_lock(root: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold the project's write lock; wait ``timeout`` s (env L10N_LOCK_TIMEOUT, 60)."""
    if timeout is None:
        timeout = _default_timeout()
    path = root / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)  # the umask decides, as for any file
    try:
        started = time.monotonic()
        deadline = started + timeout
        announced = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not announced and time.monotonic() - started >= ANNOUNCE_AFTER:
                    announced = True
                    log.warning("waiting for another l10n process%s working on this project (%s); "
                                "giving up after %.0f s", _holder(fd), path, timeout)
                if time.monotonic() >= deadline:
                    raise LockError(
                        f"another l10n process is working on this project (waited {timeout:.0f} s)",
                        path=path,
                        hint="wait for it to finish",
                    ) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        yield
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    """`` (pid N)`` from the lock file, where the holder wrote it."""
    try:
        pid = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""
