"""What residents asked to receive, and when they may be messaged; no Telegram here.

For features that send to many residents (officer announcements, tips), the API is:

``services.engagement.subscriptions`` (a :class:`~bot.subscriptions.service.SubscriptionService`)

* ``await audience(topic="announcements", wards=["Pinner"]) -> list[int]``: resident (Telegram)
  ids who chose the topic, and, when ``wards`` is given, who follow one of those wards or chose
  no ward at all (no ward means "the whole borough"). ``wards=None`` means everyone with the
  topic. Topics are the keys of ``TOPICS``: ``announcements``, ``events``, ``tips``, ``summary``.
  An unknown ward or topic raises ``SettingsError`` naming it.
* ``await is_quiet(resident_id, now) -> datetime | None``: when the resident's quiet hours end,
  or None if ``now`` is outside them (London wall-clock, right across the clock changes).
* ``await is_paused(resident_id, now) -> datetime | None``: when their pause ends, or None.
* ``await next_allowed(resident_id, now) -> datetime | None``: both combined; None = send now.
* ``await unsubscribe_all(resident_id) -> int``: topics, wards, event reminders and every message
  still waiting for them, gone in one transaction (quiet hours are kept as a preference).
* ``await settings(resident_id) -> Settings`` for display.

To send, do not call Telegram directly: queue through the outbox, which applies quiet hours and
pauses (deferring, never dropping), survives restarts and never sends a row twice:

``await services.engagement.delivery.schedule(resident_id, "announcement", due_at, text=...,
ref="announcement:42", dedupe_key=f"announcement:42:{resident_id}")`` — or, for thousands of
rows in one transaction, ``bot.delivery.store.schedule(session, ...)`` followed by nothing else:
the dispatcher job (``handlers.delivery``, every ``events.dispatch_interval_s``) sends them, and
``handlers.delivery.kick(app)`` starts a pass at once. A kind whose text must be built at send
time registers a renderer with ``delivery.add_renderer(kind, fn)`` (see ``bot.delivery``).
"""
