"""``INSERT ... ON CONFLICT`` for our two engines, which spell it in their own dialects."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase


def insert_for(session: AsyncSession, model: type[DeclarativeBase]) -> Any:
    """The dialect's ``insert`` (which has ``on_conflict_do_*``) for the session's engine."""
    return insert_for_dialect(session.bind.dialect.name if session.bind else "sqlite", model)


def insert_for_dialect(dialect: str, model: type[DeclarativeBase] | Table) -> Any:
    if dialect == "postgresql":
        # imported here: SQLAlchemy's PostgreSQL dialect is about 50 ms of every command's start
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(model)
    return sqlite.insert(model)
