"""Words and buttons for an officer's announcement: preview note, live progress, final report."""

from __future__ import annotations

from datetime import datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.announcements import store
from bot.announcements.formatting import FormattingError, check_html
from bot.announcements.phase import Phase, phase_of
from bot.announcements.service import Progress
from bot.localtime import as_utc, describe_local
from bot.staff_dates import in_words

HEADINGS = {
    Phase.AWAITING_APPROVAL: "waiting for a second officer’s approval",
    Phase.SCHEDULED: "scheduled",
    Phase.SENDING: "sending",
    Phase.QUIET_HOURS: "waiting for quiet hours",
    Phase.RETRYING: "waiting to try again",
    Phase.FINISHED: "finished",
    Phase.CANCELLED: "cancelled",
    Phase.DELETING: "being deleted from residents’ chats",
    Phase.DELETED: "deleted from residents’ chats",
}
REPORTED = (Phase.FINISHED, Phase.CANCELLED, Phase.DELETED)
WARDS_PER_PAGE = 8


def _later(send_at: datetime | None, now: datetime) -> bool:
    return send_at is not None and as_utc(send_at) > now + timedelta(minutes=1)


def _when(send_at: datetime | None, now: datetime) -> str:
    return in_words(send_at) if send_at is not None and _later(send_at, now) else "now"


def heading(record: store.AnnouncementRecord, phase: Phase, now: datetime) -> str:
    text = HEADINGS[phase]
    if phase is Phase.SCHEDULED:
        text += f" for {in_words(record.send_at)}"
    elif phase is Phase.AWAITING_APPROVAL and _later(record.send_at, now):
        text += f" (to go on {in_words(record.send_at)})"
    return text


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


def _under_way(p: Progress, phase: Phase) -> list[str]:
    lines = [
        f"Sent {p.sent:,} · blocked {p.blocked:,} · failed {p.failed:,} · remaining {p.remaining:,}"
    ]
    if p.quiet:
        lines.append(f"{p.quiet:,} of those get it when their quiet hours end.")
    if p.waiting > p.quiet:
        lines.append(f"{p.waiting - p.quiet:,} of those will be tried again shortly.")
    if phase is Phase.SENDING and p.remaining > p.waiting:
        lines.append(f"About {_duration(p.eta_seconds)} left.")
    return lines


def progress_text(
    record: store.AnnouncementRecord, p: Progress, borough: str, now: datetime
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The live message while it sends, and the report once it has ended."""
    phase = phase_of(record, p, now)
    lines = [f"Announcement #{record.id} to {record.audience.describe(borough)}: "
             + heading(record, phase, now)]  # fmt: skip
    button: tuple[str, str] | None = None
    if phase is Phase.SCHEDULED:
        lines.append(f"Nothing has been sent yet; it will go to {p.total:,} residents then.")
        button = ("Cancel it", f"ann:cancel:{record.id}")
    elif record.status in (store.SENDING, store.AWAITING_APPROVAL):
        lines += _under_way(p, phase)
        button = ("Cancel sending", f"ann:cancel:{record.id}")
    else:
        lines += _report(record, p)
        if record.status in (store.DONE, store.CANCELLED) and p.sent:
            button = ("Delete from residents’ chats", f"ann:delask:{record.id}")
        if record.status == store.DELETING:
            lines.append(f"Deletions remaining: {p.delete_remaining:,}")
    markup = None
    if button is not None:
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(button[0], callback_data=button[1])]])
    return "\n".join(lines), markup


def ended_note(record: store.AnnouncementRecord, p: Progress, borough: str, now: datetime) -> str:
    """What the live message says once the report has been posted below it (once)."""
    phase = phase_of(record, p, now)
    return (f"Announcement #{record.id} to {record.audience.describe(borough)}: "
            f"{heading(record, phase, now)}. The report is below.")  # fmt: skip


def is_reported(record: store.AnnouncementRecord, p: Progress, now: datetime) -> bool:
    return phase_of(record, p, now) in REPORTED


def residents_chats(count: int) -> str:
    return "1 resident’s chat" if count == 1 else f"{count:,} residents’ chats"


def delete_question(
    record: store.AnnouncementRecord, p: Progress
) -> tuple[str, InlineKeyboardMarkup]:
    """Deleting from residents' chats cannot be undone, so it is asked once more."""
    chats = residents_chats(p.sent)
    text = (
        f"Delete announcement #{record.id} from {chats}? They will no longer see it there. "
        "This cannot be undone."
    )
    markup = InlineKeyboardMarkup([
        [InlineKeyboardButton(f"Yes, delete it from {chats}",
                              callback_data=f"ann:delete:{record.id}")],
        [InlineKeyboardButton("No, keep it", callback_data=f"ann:keep:{record.id}")],
    ])  # fmt: skip
    return text, markup


def summary_line(record: store.AnnouncementRecord, p: Progress, borough: str, now: datetime) -> str:
    try:
        visible = check_html(record.text, caption=record.photo is not None).visible
    except FormattingError:
        visible = record.text
    visible = " ".join(visible.split())
    snippet = visible[:60] + ("…" if len(visible) > 60 else "")
    return (
        f"#{record.id} · {describe_local(record.created_at)} · "
        f"{heading(record, phase_of(record, p, now), now)} · {p.sent:,}/{p.total:,} delivered · "
        f"{record.audience.describe(borough)}\n{snippet}"
    )


def ward_prompt(chosen: tuple[str, ...]) -> str:
    lines = ["Which wards? Tap each ward to choose it (tap again to remove it), then Done. "
             "You can also type ward names separated by commas."]  # fmt: skip
    lines.append("Chosen: " + (", ".join(chosen) if chosen else "none yet") + ".")
    return "\n".join(lines)


def ward_keyboard(
    wards: tuple[str, ...], chosen: tuple[str, ...], page: int
) -> InlineKeyboardMarkup:
    """A page of ward buttons, two a row, ticked when chosen; "More…" pages through the rest."""
    pages = max((len(wards) + WARDS_PER_PAGE - 1) // WARDS_PER_PAGE, 1)
    page = min(max(page, 0), pages - 1)
    first = page * WARDS_PER_PAGE
    buttons = [
        InlineKeyboardButton(("✓ " if ward in chosen else "") + ward,
                             callback_data=f"ann:w:{first + n}")
        for n, ward in enumerate(wards[first : first + WARDS_PER_PAGE])
    ]  # fmt: skip
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    paging = []
    if page > 0:
        paging.append(InlineKeyboardButton("◀ Back", callback_data=f"ann:wp:{page - 1}"))
    if page < pages - 1:
        paging.append(InlineKeyboardButton(f"More… ({page + 2} of {pages})",
                                           callback_data=f"ann:wp:{page + 1}"))  # fmt: skip
    if paging:
        rows.append(paging)
    if chosen:
        count = f"{len(chosen)} ward{'s' if len(chosen) != 1 else ''}"
        rows.append([InlineKeyboardButton(f"Done – {count} chosen", callback_data="ann:wdone")])
    rows.append([InlineKeyboardButton("Cancel", callback_data="ann:stop")])
    return InlineKeyboardMarkup(rows)
