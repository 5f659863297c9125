"""How replies become Telegram messages: escaped, split at paragraphs, buttons validated."""

from __future__ import annotations

from bot.answers import Button, Reply, ReplyKind
from handlers.render import MAX_MESSAGE, keyboard, render, split_message


def test_short_text_is_one_message() -> None:
    assert split_message("one\n\ntwo") == ["one\n\ntwo"]


def test_long_text_splits_at_paragraph_boundaries() -> None:
    paragraphs = [f"Paragraph {n}. " + "word " * 150 for n in range(20)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    chunks = split_message(text)
    assert len(chunks) > 1
    assert all(len(c) <= MAX_MESSAGE for c in chunks)
    assert all(c.startswith("Paragraph ") for c in chunks)
    assert "\n\n".join(chunks) == text


def test_a_single_huge_paragraph_splits_between_words() -> None:
    text = "word " * 2000
    chunks = split_message(text.strip())
    assert all(len(c) <= MAX_MESSAGE for c in chunks)
    assert " ".join(chunks).split() == text.split()


def test_html_is_escaped_and_buttons_go_on_the_last_message() -> None:
    reply = Reply(ReplyKind.ANSWER, "<b>Tom & Jerry</b>\n\n" + "x " * 3000, (Button("A", "kb:a"),))
    messages = render(reply)
    assert messages[0][0].startswith("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;")
    assert [m is not None for _, m in messages] == [False] * (len(messages) - 1) + [True]


def test_emergency_first_line_is_bold() -> None:
    ((text, _),) = render(Reply(ReplyKind.EMERGENCY, "Call 999 now.\n\nMore."))
    assert text == "<b>Call 999 now.</b>\n\nMore."


def test_invalid_callback_data_never_becomes_a_button() -> None:
    markup = keyboard([Button("ok", "kb:fine"), Button("bad", "kb:" + "x" * 80), Button("x", "")])
    assert markup is not None
    assert [b.callback_data for row in markup.inline_keyboard for b in row] == ["kb:fine"]
