"""An event as an iCalendar file that phones and calendar apps import.

Times are written with ``TZID=Europe/London`` and a matching VTIMEZONE, so a calendar shows 10:00
on the day even across a clock change; the VTIMEZONE covers only the years around the event to
keep the file small.
"""

from __future__ import annotations

from datetime import date, datetime

from bot.events.render import source_label
from bot.events.schema import type_label
from bot.events.store import EventView
from bot.localtime import london

PRODID = "-//Local Beat//Neighbourhood policing events//EN"


def event_calendar(event: EventView, domain: str, now: datetime) -> bytes:
    import icalendar  # only when a calendar file is asked for

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    item = icalendar.Event()
    item.add("uid", f"event-{event.id}@{domain}")
    item.add("dtstamp", now)
    item.add("last-modified", event.updated_at)
    item.add("dtstart", london(event.starts_at))
    item.add("dtend", london(event.ends_at))
    item.add("summary", event.title)
    item.add("categories", [type_label(event.type)])
    body = [event.description] if event.description else []
    if event.contact:
        body.append(f"Contact: {event.contact}")
    body.append(f"Source: {source_label(event)}")
    item.add("description", "\n\n".join(body))
    if event.address:
        item.add("location", event.address)
    if event.has_location:
        item.add("geo", (event.latitude, event.longitude))
    item.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    cal.add_component(item)
    year = london(event.starts_at).year
    cal.add_missing_timezones(first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))
    return bytes(cal.to_ical())
