"""How replies become Telegram messages: escaped, split at paragraphs, buttons validated."""

from __future__ import annotations

from bot.answers import Button, Reply, ReplyKind
from handlers.render import MAX_MESSAGE, keyboard, render, split_message, split_plain
from tests.emulator.formatting import format_text, utf16_len


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


# ---------------------------------------------------------------- HTML-aware, UTF-16 splitting

ENTITY_HEAVY_PARAGRAPH = (
    "🚓 <b>Harrow &amp; Wealdstone</b> patrols: "
    '<a href="https://www.met.police.uk/a/your-area/met/harrow/">your area page</a> &amp; '
    "<i>“Neighbourhood Watch” 👨‍👩‍👧 meetings</i> &lt;monthly&gt;; "
    "<b>bold with an emoji 🇬🇧 and &quot;quotes&quot;</b> " + "tips &amp; advice " * 12
)


def _check_chunks(chunks: list[str]) -> list[tuple[str, list[dict[str, object]]]]:
    """Every chunk is HTML Telegram accepts, within 4,096 UTF-16 units of visible text."""
    parsed = [format_text(chunk, "HTML") for chunk in chunks]
    for text, _entities in parsed:
        assert 0 < utf16_len(text) <= MAX_MESSAGE
    return parsed


def _visible(text: str) -> str:
    return " ".join(format_text(text, "HTML")[0].split())


def test_real_size_entity_heavy_text_splits_into_valid_chunks() -> None:
    text = "\n\n".join(f"{n}. {ENTITY_HEAVY_PARAGRAPH}" for n in range(60))
    assert utf16_len(format_text(text, "HTML")[0]) > 3 * MAX_MESSAGE
    chunks = split_message(text)
    parsed = _check_chunks(chunks)
    longest = max(utf16_len(format_text(p, "HTML")[0]) for p in text.split("\n\n"))
    assert all(utf16_len(t) > MAX_MESSAGE - longest - 2 for t, _ in parsed[:-1])  # packed
    assert " ".join(" ".join(t.split()) for t, _ in parsed) == _visible(text)
    assert all(c.split(". ", 1)[0].isdigit() for c in chunks)  # cut at paragraph breaks
    links = sum(1 for _, entities in parsed for e in entities if e["type"] == "text_link")
    assert links == 60


def test_a_cut_inside_bold_closes_and_reopens_the_tag() -> None:
    text = "<b>" + "burglary prevention advice " * 400 + "</b>"
    chunks = split_message(text)
    parsed = _check_chunks(chunks)
    assert len(chunks) == 3
    assert all(c.startswith("<b>") and c.endswith("</b>") for c in chunks)
    assert all(e == [{"type": "bold", "offset": 0, "length": utf16_len(t)}] for t, e in parsed)


def test_entities_and_emoji_are_never_cut_and_count_as_telegram_counts() -> None:
    ampersands = "&amp;" * 5000  # 5,000 visible characters, 25,000 raw, no break anywhere
    chunks = split_message(ampersands)
    assert [format_text(c, "HTML")[0] for c in chunks] == ["&" * 4096, "&" * 904]
    police_cars = "🚓" * 3000  # 6,000 UTF-16 units in 3,000 characters
    chunks = split_message(police_cars)
    assert [utf16_len(c) for c in chunks] == [4096, 1904]
    assert "".join(chunks) == police_cars


def test_plain_text_is_counted_as_written() -> None:
    text = "a < b & c " * 1000
    chunks = split_plain(text.strip())
    assert all(utf16_len(c) <= MAX_MESSAGE for c in chunks)
    assert " ".join(chunks).split() == text.split()
    assert "&amp;" not in "".join(chunks)
