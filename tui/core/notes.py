"""The notes kept beside the data file (the summary, the facts), read only when they are a plain
file of the user's own: a link or another user's file is never read (it imports only os)."""

from __future__ import annotations

import os
import stat


def own_bytes(path: str) -> bytes | None:
    """The bytes of the file at `path` when it is a plain file of this user's (a link is not
    followed); None when it is missing, unreadable, a link or anything else."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if info.st_uid != os.getuid() or not stat.S_ISREG(info.st_mode):
            return None
        return handle.read()
