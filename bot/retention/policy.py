"""The words of /privacy, written from the configured periods so they cannot drift apart."""

from __future__ import annotations

from bot.config import RetentionConfig

DRAFT_WORDS = "an hour"


def describe_days(days: int) -> str:
    """365 -> "a year", 730 -> "2 years", 90 -> "3 months", 7 -> "a week", 45 -> "45 days"."""
    for unit, size in (("year", 365), ("month", 30), ("week", 7)):
        if days % size == 0:
            n = days // size
            return f"a {unit}" if n == 1 else f"{n} {unit}s"
    return "a day" if days == 1 else f"{days} days"


def privacy_text(periods: RetentionConfig, borough: str) -> str:
    inactive = describe_days(periods.inactive_resident_days)
    feedback = describe_days(periods.closed_feedback_days)
    messages = describe_days(periods.sent_message_days)
    unanswered = describe_days(periods.unanswered_question_days)
    return (
        "What Local Beat stores about you, why, and for how long:\n\n"
        "• Your Telegram user id, language setting, and when you first and last used the bot – "
        "so the bot can answer you. If you have not used the bot for "
        f"{inactive} and are not subscribed to anything, this record and your settings are "
        "deleted.\n"
        "• Subscriptions and event reminders you choose – kept while you are subscribed, so we "
        "can do what you asked.\n"
        f"• Feedback to the team – your words, photo and location are deleted {feedback} after "
        "the item is closed; its reference, topic, ward, date and status stay, without who sent "
        "it, so the team’s counts stay true. The team never sees who you are.\n"
        f"• Reminders, notices and summaries we sent you – deleted {messages} after sending.\n"
        f"• A feedback message you started but did not send – deleted after {DRAFT_WORDS}.\n"
        "• Questions the bot could not answer, or was unsure about – kept as text only, without "
        f"who asked, for {unanswered} after they were last asked, so the team can add answers.\n\n"
        "A location you share is used for that answer only. With feedback, the team gets the "
        "ward and a point rounded to about 100 metres, never the exact place.\n\n"
        "We do not store your name, username or phone number. Your details are used only by the "
        f"{borough} policing team for this service. Everything past its time is removed by a "
        "daily job.\n\n"
        "/mydata sends you a copy of everything we hold about you.\n"
        "/forget deletes it."
    )
