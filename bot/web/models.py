"""The web chat's sessions: random ids the server issues, kept in the database so that several
processes behind a load balancer share them and a team's reply finds its page.

Only a hash of each session id is stored: the id is the page's only credential, and a copy of the
database must not let anyone talk as someone else. ``id`` is what the feedback tables hold as the
resident (``channel = 'web'``); it is never reused, even after a session is purged.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, utcnow


class WebSession(Base):
    __tablename__ = "web_sessions"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf: Mapped[str] = mapped_column(String(64))  # for the form used without JavaScript
    state: Mapped[str] = mapped_column(Text, default="{}")  # the conversation (a draft in progress)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
