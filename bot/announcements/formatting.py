"""A strict check of the HTML an officer writes, before anything is queued.

Telegram rejects a whole message whose markup it cannot parse, which in a broadcast would mean ten
thousand failures; so the text is checked here with the same rules and the officer is told what
to fix. Only the tags Telegram documents for announcements are allowed, every tag must be closed
in order, ``<a>`` needs an http(s) or tg:// ``href`` and nothing else takes attributes. Lengths
count what residents will see (markup removed, entities decoded) in UTF-16 code units, as
Telegram does.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
ALLOWED_TAGS = frozenset({"b", "i", "u", "s", "a", "code", "pre", "blockquote", "tg-spoiler"})
LINK_SCHEMES = ("http://", "https://", "tg://")


class FormattingError(ValueError):
    """Wording meant for the officer who wrote the text."""


@dataclass(frozen=True, slots=True)
class CheckedText:
    html: str
    visible: str

    @property
    def length(self) -> int:
        return utf16_len(self.visible)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _StrictParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.visible: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise FormattingError(f"<{tag}> is not a formatting Telegram allows")
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if len(attrs) != 1 or not href.startswith(LINK_SCHEMES):
                raise FormattingError('a link must be written <a href="https://...">text</a>')
        elif attrs:
            raise FormattingError(f"<{tag}> takes no attributes")
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise FormattingError(f"<{tag}/> is not a formatting Telegram allows")

    def handle_endtag(self, tag: str) -> None:
        if not self.open:
            raise FormattingError(f"</{tag}> closes a tag that was never opened")
        if self.open[-1] != tag:
            raise FormattingError(f"</{tag}> found where </{self.open[-1]}> was expected")
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.visible.append(data)

    def handle_comment(self, data: str) -> None:
        raise FormattingError("comments (<!-- -->) are not allowed")

    def handle_decl(self, decl: str) -> None:
        raise FormattingError("declarations (<!...>) are not allowed")

    def handle_pi(self, data: str) -> None:
        raise FormattingError("<?...> is not allowed")

    def unknown_decl(self, data: str) -> None:
        raise FormattingError("<![...]> is not allowed")


def _bare_angle(source: str) -> int:
    """Index of a ``<`` that starts no tag (Telegram wants ``&lt;``), else -1."""
    for index, char in enumerate(source):
        if char == "<":
            following = source[index + 1 : index + 2]
            if not (following.isalpha() or following == "/"):
                return index
    return -1


def check_html(source: str, *, caption: bool = False) -> CheckedText:
    """The text as Telegram will show it, or a ``FormattingError`` saying what to fix."""
    if not source.strip():
        raise FormattingError("the announcement is empty")
    if _bare_angle(source) >= 0:
        raise FormattingError("a “<” that is not part of a tag must be written &lt;")
    parser = _StrictParser()
    parser.feed(source)
    parser.close()
    if parser.rawdata:
        raise FormattingError("the text ends inside an unfinished tag")
    if parser.open:
        raise FormattingError(f"<{parser.open[-1]}> is never closed")
    checked = CheckedText(source, "".join(parser.visible))
    limit = CAPTION_LIMIT if caption else TEXT_LIMIT
    if not checked.visible.strip():
        raise FormattingError("the announcement has no visible text")
    if checked.length > limit:
        what = "a photo caption" if caption else "a message"
        raise FormattingError(
            f"the text is {checked.length} characters; {what} can hold at most {limit}"
        )
    return checked
