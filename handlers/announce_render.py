"""Words and buttons for an officer's announcement: preview note, live progress, final report."""

from __future__ import annotations

from datetime import datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.announcements import store
from bot.announcements.formatting import FormattingError, check_html
from bot.announcements.service import Progress
from bot.localtime import as_utc, describe_local

HEADINGS = {
    store.AWAITING_APPROVAL: "waiting for a second officer’s approval",
    store.SENDING: "sending",
    store.DONE: "finished",
    store.CANCELLED: "cancelled",
    store.DELETING: "being deleted from residents’ chats",
    store.DELETED: "deleted from residents’ chats",
}


def _when(send_at: datetime | None, now: datetime) -> str:
    if send_at is None or as_utc(send_at) <= now + timedelta(minutes=1):
        return "now"
    return f"at {describe_local(send_at)} (London time)"


def preview_note(
    audience: str, size: int, send_at: datetime | None, now: datetime, needs_approval: bool
) -> str:
    lines = [
        "Above is the announcement exactly as residents will see it.",
        f"To: {audience} – {size:,} resident{'s' if size != 1 else ''}.",
        f"Sends: {_when(send_at, now)}.",
    ]
    if needs_approval:
        lines.append("A second officer must approve it (in /announcements) before it goes.")
    return "\n".join(lines)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(round(seconds), 1)} s"
    return f"{round(seconds / 60)} min"


def _report(record: store.AnnouncementRecord, p: Progress) -> list[str]:
    lines = [f"Delivered: {p.sent:,} of {p.total:,}"]
    if p.blocked:
        lines.append(f"Blocked the bot or account deleted: {p.blocked:,} (unsubscribed)")
    if p.skipped:
        lines.append(f"Not sent, paused or unsubscribed since: {p.skipped:,}")
    if p.cancelled:
        lines.append(f"Not sent, cancelled: {p.cancelled:,}")
    if p.failed:
        reasons = "; ".join(f"{reason or 'unknown'} ({n})" for reason, n in p.failures[:5])
        lines.append(f"Failed: {p.failed:,} – {reasons}")
    if p.resent:
        lines.append(
            "Sent again, marked as a possible repeat, because Telegram's answer was lost or the "
            f"bot stopped mid-send (may have arrived twice): {p.resent:,}"
        )
    if p.uncertain:
        lines.append(
            f"May or may not have arrived (answer lost twice, not sent again): {p.uncertain:,}"
        )
    if record.status in (store.DELETING, store.DELETED):
        lines.append(f"Deleted from chats: {p.deleted:,}, failed: {p.delete_failed:,}")
    return lines


def progress_text(
    record: store.AnnouncementRecord, p: Progress, borough: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    head = f"Announcement #{record.id} to {record.audience.describe(borough)}: "
    lines = [head + HEADINGS.get(record.status, record.status)]
    button: tuple[str, str] | None = None
    if record.status in (store.SENDING, store.AWAITING_APPROVAL):
        lines.append(
            f"Sent {p.sent:,} · blocked {p.blocked:,} · failed {p.failed:,} · "
            f"remaining {p.remaining:,}"
        )
        if p.waiting:
            lines.append(f"{p.waiting:,} of those wait for quiet hours to end or a retry.")
        if p.remaining > p.waiting and record.status == store.SENDING:
            lines.append(f"About {_duration(p.eta_seconds)} left.")
        button = ("Cancel sending", f"ann:cancel:{record.id}")
    else:
        lines += _report(record, p)
        if record.status in (store.DONE, store.CANCELLED):
            button = ("Delete from residents’ chats", f"ann:delete:{record.id}")
        if record.status == store.DELETING:
            lines.append(f"Deletions remaining: {p.delete_remaining:,}")
    markup = None
    if button is not None:
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(button[0], callback_data=button[1])]])
    return "\n".join(lines), markup


def summary_line(record: store.AnnouncementRecord, p: Progress, borough: str) -> str:
    try:
        visible = check_html(record.text, caption=record.photo is not None).visible
    except FormattingError:
        visible = record.text
    visible = " ".join(visible.split())
    snippet = visible[:60] + ("…" if len(visible) > 60 else "")
    return (
        f"#{record.id} · {describe_local(record.created_at)} · "
        f"{HEADINGS.get(record.status, record.status)} · {p.sent:,}/{p.total:,} delivered · "
        f"{record.audience.describe(borough)}\n{snippet}"
    )
