"""Imports every table module so that Alembic and tests see the whole schema in one metadata."""

from bot.storage.models import Base

metadata = Base.metadata

__all__ = ["metadata"]
