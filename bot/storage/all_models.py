"""Imports every table module so that Alembic and tests see the whole schema in one metadata."""

import bot.stats.models  # noqa: F401  (crime-statistics tables)
from bot.storage.models import Base

metadata = Base.metadata

__all__ = ["metadata"]
