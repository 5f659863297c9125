"""Who holds a claim: ``pid@host#random``, so a stopped process's claims can be recognised.

The host is a short hash of the host name (claims are stored in narrow columns). A claimant on
this host whose process is gone stopped for sure; one on another host is judged by its lease.
"""

from __future__ import annotations

import hashlib
import os
import socket
import uuid


def host_tag(host: str | None = None) -> str:
    name = socket.gethostname() if host is None else host
    return hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:10]


def new_claimant(pid: int | None = None, host: str | None = None) -> str:
    return f"{os.getpid() if pid is None else pid}@{host_tag(host)}#{uuid.uuid4().hex[:8]}"


def pid_alive(pid: int) -> bool:
    """Whether a process of this host still runs (one we may not signal still counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stopped_here(claimant: str, me: str) -> bool:
    """True when ``claimant`` ran on this host in a process that no longer exists."""
    try:
        pid_text, rest = claimant.split("@", 1)
        tag = rest.split("#", 1)[0]
        pid = int(pid_text)
        my_pid, my_rest = me.split("@", 1)
    except ValueError:
        return False
    if tag != my_rest.split("#", 1)[0] or str(pid) == my_pid:
        return False
    return not pid_alive(pid)
