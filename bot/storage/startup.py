"""Database problems at start-up, worded as one line that names the setting to fix.

A wrong URL, an unreachable server, a missing folder or a read-only file are mistakes in the
deployment, not bugs: the person starting the bot needs the setting and what is wrong with it,
not a traceback.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

SETTING = "database.url (LOCALBEAT_DATABASE_URL)"
EXAMPLES = "sqlite+aiosqlite:///localbeat.db or postgresql+asyncpg://user@host/db"


def shown(url: str) -> str:
    """The URL with any password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url[:80]


def unusable_url(url: str) -> str:
    return f"{SETTING}: {shown(url)!r} is not a database Local Beat can use; use {EXAMPLES}"


def sqlite_path(url: str) -> Path:
    database = make_url(url).database or ""
    return Path(database.removeprefix("file:").split("?", 1)[0])


def missing_folder(folder: Path) -> str:
    return (f"{SETTING}: the folder {folder} for the SQLite file does not exist; create it or "
            "choose another path")  # fmt: skip


def _sqlite(url: str, text: str) -> str | None:
    path = sqlite_path(url)
    if "readonly" in text or "read-only" in text:
        return (f"{SETTING}: the SQLite file {path} is read-only; the bot must be able to write "
                "to it and to its folder")  # fmt: skip
    if "unable to open" in text:
        if not path.parent.is_dir():
            return missing_folder(path.parent)
        return f"{SETTING}: cannot open the SQLite file {path}; check the folder's permissions"
    if "locked" in text or "busy" in text:
        return f"{SETTING}: the SQLite file {path} is locked by another program"
    if "not a database" in text or "malformed" in text:
        return f"{SETTING}: {path} is not a usable SQLite database file"
    return None


def _postgres(url: str, exc: BaseException) -> str:
    parsed = make_url(url)
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    if isinstance(exc, (OSError, TimeoutError)):
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        return f"{SETTING}: cannot reach PostgreSQL at {where} ({reason})"
    detail = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
    return f"{SETTING}: PostgreSQL at {where} refused: {detail}"


def explain(url: str, exc: BaseException) -> str | None:
    """One line for a failure to open or upgrade the database, or None if it is not one."""
    cause = getattr(exc, "orig", None) or exc
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        return unusable_url(url)
    if backend == "sqlite":
        return _sqlite(url, str(cause).lower())
    if backend == "postgresql":
        module = type(cause).__module__
        if isinstance(cause, (OSError, TimeoutError)) or module.startswith("asyncpg"):
            return _postgres(url, cause)
    return None
