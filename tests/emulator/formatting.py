"""Telegram-style text handling: HTML / MarkdownV2 / Markdown parsing and automatic entities.

Every parser returns the plain text a person sees plus Bot API ``MessageEntity`` dicts whose
offsets and lengths are counted in UTF-16 code units, as Telegram does. Malformed markup raises
:class:`ParseError`; its message is what Telegram puts after ``"can't parse entities: "``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

Entity = dict[str, Any]

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


class ParseError(Exception):
    """The markup could not be parsed (Telegram answers 400 "can't parse entities: ...")."""


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (the unit of entity offsets)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


class _Builder:
    """Accumulates plain text and entities while a parser walks the markup."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.entities: list[Entity] = []

    def add(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.pos += utf16_len(text)

    def entity(self, type_: str, start: int, end: int | None = None, **extra: Any) -> None:
        length = (self.pos if end is None else end) - start
        if length > 0:
            self.entities.append({"type": type_, "offset": start, "length": length, **extra})

    def text(self) -> str:
        return "".join(self.parts)


# --------------------------------------------------------------------------------------- HTML

_HTML_TAGS: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
}
_BARE_LT = re.compile(r"<(?![A-Za-z/!])")
_TG_USER = re.compile(r"tg://user\?id=(\d+)")


class _TelegramHTML(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.out = _Builder()
        # (tag, start offset, entity type or None when merged into <pre>, extra fields)
        self.stack: list[tuple[str, int, str | None, dict[str, Any]]] = []

    def _byte_offset(self) -> int:
        line, col = self.getpos()
        index = self.line_starts[line - 1] + col
        return len(self.source[:index].encode())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS:
            raise ParseError(f'Unsupported start tag "{tag}" at byte offset {self._byte_offset()}')
        attributes = {key: value or "" for key, value in attrs}
        type_: str | None = _HTML_TAGS[tag]
        extra: dict[str, Any] = {}
        if tag == "span" and attributes.get("class") != "tg-spoiler":
            raise ParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self._byte_offset()}'
            )
        if tag == "a":
            href = attributes.get("href", "")
            mention = _TG_USER.fullmatch(href)
            if mention:
                type_ = "text_mention"
                extra["user"] = {"id": int(mention.group(1)), "is_bot": False, "first_name": ""}
            elif href:
                extra["url"] = href
            else:
                type_ = None
        elif tag == "tg-emoji":
            extra["custom_emoji_id"] = attributes.get("emoji-id", "")
        elif tag == "blockquote" and "expandable" in attributes:
            type_ = "expandable_blockquote"
        elif tag == "code" and self.stack and self.stack[-1][0] == "pre":
            # <pre><code class="language-x"> is a pre block in language x (PTB's text_html
            # writes class="x"); the inner code is not an entity of its own.
            language = attributes.get("class", "").removeprefix("language-")
            if language:
                self.stack[-1][3]["language"] = language
            type_ = None
        self.stack.append((tag, self.out.pos, type_, extra))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            raise ParseError(f"Unexpected end tag at byte offset {self._byte_offset()}")
        open_tag, start, type_, extra = self.stack.pop()
        if open_tag != tag:
            raise ParseError(
                f"Unmatched end tag at byte offset {self._byte_offset()}, "
                f'expected "</{open_tag}>", found "</{tag}>"'
            )
        if type_ is not None:
            self.out.entity(type_, start, **extra)

    def handle_data(self, data: str) -> None:
        self.out.add(data)


def parse_html(source: str) -> tuple[str, list[Entity]]:
    bare = _BARE_LT.search(source)
    if bare:
        offset = len(source[: bare.start()].encode())
        raise ParseError(f'Unsupported start tag "" at byte offset {offset}')
    parser = _TelegramHTML(source)
    parser.feed(source)
    parser.close()
    if parser.stack:
        raise ParseError(f'Can\'t find end tag corresponding to start tag "{parser.stack[-1][0]}"')
    return parser.out.text(), parser.out.entities


# --------------------------------------------------------------------------------- MarkdownV2

_MDV2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_MDV2_PLAIN = re.compile(r"[^_*\[\]()~`>#+\-=|{}.!\\\n]+")
_ENTITY_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}


def _byte_at(source: str, index: int) -> int:
    return len(source[:index].encode())


def _find_unescaped(source: str, needle: str, start: int) -> int:
    i = start
    while i < len(source):
        if source[i] == "\\":
            i += 2
            continue
        if source.startswith(needle, i):
            return i
        i += 1
    return -1


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def _link_entity(url: str) -> tuple[str, dict[str, Any]]:
    mention = _TG_USER.fullmatch(url)
    if mention:
        return "text_mention", {
            "user": {"id": int(mention.group(1)), "is_bot": False, "first_name": ""}
        }
    return "text_link", {"url": url}


def parse_markdown_v2(source: str) -> tuple[str, list[Entity]]:
    out = _Builder()
    stack: list[tuple[str, int, int]] = []  # (entity type, start pos, opener index)
    quote: tuple[str, int] | None = None
    i, n = 0, len(source)
    line_start = True

    def toggle(type_: str, width: int) -> None:
        nonlocal i
        for index in range(len(stack) - 1, -1, -1):
            if stack[index][0] == type_:  # close it (Telegram tolerates "___x___" overlaps)
                out.entity(type_, stack.pop(index)[1])
                break
        else:
            stack.append((type_, out.pos, i))
        i += width

    while i < n:
        char = source[i]
        if line_start:
            line_start = False
            expandable = source.startswith("**>", i)
            if char == ">" or expandable:
                if quote is None:
                    quote = ("expandable_blockquote" if expandable else "blockquote", out.pos)
                i += 3 if expandable else 1
                continue
        plain = _MDV2_PLAIN.match(source, i)
        if plain:
            out.add(plain.group())
            i = plain.end()
            continue
        if char == "\\":
            out.add(source[i + 1 : i + 2])
            i += 2
        elif char == "\n":
            if quote is not None and not (
                source.startswith(">", i + 1) or source.startswith("**>", i + 1)
            ):
                out.entity(quote[0], quote[1])
                quote = None
            out.add("\n")
            line_start = True
            i += 1
        elif char == "`":
            if source.startswith("```", i):
                end = _find_unescaped(source, "```", i + 3)
                if end < 0:
                    raise ParseError(
                        f"Can't find end of Pre entity at byte offset {_byte_at(source, i)}"
                    )
                body = source[i + 3 : end]
                language = None
                first, newline, rest = body.partition("\n")
                if newline and (not first or not re.search(r"\s", first)):
                    language, body = (first or None), rest
                start = out.pos
                out.add(_unescape(body))
                if language:
                    out.entity("pre", start, language=language)
                else:
                    out.entity("pre", start)
                i = end + 3
            else:
                end = _find_unescaped(source, "`", i + 1)
                if end < 0:
                    raise ParseError(
                        f"Can't find end of Code entity at byte offset {_byte_at(source, i)}"
                    )
                start = out.pos
                out.add(_unescape(source[i + 1 : end]))
                out.entity("code", start)
                i = end + 1
        elif char == "*":
            toggle("bold", 1)
        elif char == "~":
            toggle("strikethrough", 1)
        elif char == "_":
            # "__" is always underline, read greedily from the left (Telegram's rule)
            if source.startswith("__", i):
                toggle("underline", 2)
            else:
                toggle("italic", 1)
        elif char == "|" and source.startswith("||", i):
            ends_quote = (
                quote is not None
                and not any(entry[0] == "spoiler" for entry in stack)
                and (i + 2 == n or source[i + 2] == "\n")
            )
            if quote is not None and ends_quote:  # ">...||" ends an expandable quote
                out.entity("expandable_blockquote", quote[1])
                quote = None
                i += 2
            else:
                toggle("spoiler", 2)
        elif char == "[" or (char == "!" and source.startswith("![", i)):
            width = 1 if char == "[" else 2
            stack.append(("text_link" if char == "[" else "custom_emoji", out.pos, i))
            i += width
        elif char == "]" and stack and stack[-1][0] in ("text_link", "custom_emoji"):
            if not source.startswith("(", i + 1):
                raise ParseError(
                    f"Can't find end of a URL at byte offset {_byte_at(source, i + 1)}"
                )
            end = _find_unescaped(source, ")", i + 2)
            if end < 0:
                raise ParseError(
                    f"Can't find end of a URL at byte offset {_byte_at(source, i + 1)}"
                )
            url = _unescape(source[i + 2 : end])
            type_, start, _opener = stack.pop()
            if type_ == "custom_emoji":
                out.entity(
                    "custom_emoji", start, custom_emoji_id=url.removeprefix("tg://emoji?id=")
                )
            else:
                link_type, extra = _link_entity(url)
                out.entity(link_type, start, **extra)
            i = end + 1
        else:  # any other reserved character
            raise ParseError(
                f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
            )
    if stack:
        type_, _start, opener = stack[-1]
        raise ParseError(
            f"Can't find end of {_ENTITY_NAMES.get(type_, type_)} entity at byte offset "
            f"{_byte_at(source, opener)}"
        )
    if quote is not None:
        out.entity(quote[0], quote[1])
    return out.text(), out.entities


# ----------------------------------------------------------------------------- Markdown (legacy)

_MD_PLAIN = re.compile(r"[^*_`\[\\]+")


def parse_markdown(source: str) -> tuple[str, list[Entity]]:
    out = _Builder()
    i, n = 0, len(source)
    while i < n:
        plain = _MD_PLAIN.match(source, i)
        if plain:
            out.add(plain.group())
            i = plain.end()
            continue
        char = source[i]
        if char == "\\" and i + 1 < n and source[i + 1] in "*_`[":
            out.add(source[i + 1])
            i += 2
            continue
        if char == "\\":
            out.add("\\")
            i += 1
            continue
        closer = {"*": "*", "_": "_", "`": "`", "[": "]"}[char]
        if source.startswith("```", i):
            closer = "```"
        end = source.find(closer, i + len(closer))
        if end < 0:
            raise ParseError(
                f"Can't find end of the entity starting at byte offset {_byte_at(source, i)}"
            )
        body = source[i + len(closer) : end]
        start = out.pos
        if closer == "]":
            url_end = source.find(")", end) if source.startswith("(", end + 1) else -1
            if url_end < 0:
                out.add(body)  # "[text]" without a URL stays literal text
                i = end + 1
                continue
            out.add(body)
            link_type, extra = _link_entity(source[end + 2 : url_end])
            out.entity(link_type, start, **extra)
            i = url_end + 1
            continue
        if closer == "```":
            first, newline, rest = body.partition("\n")
            language = first if newline and first and not re.search(r"\s", first) else None
            out.add(rest if language else body)
            if language:
                out.entity("pre", start, language=language)
            else:
                out.entity("pre", start)
        else:
            out.add(body)
            out.entity({"*": "bold", "_": "italic", "`": "code"}[char], start)
        i = end + len(closer)
    return out.text(), out.entities


# ----------------------------------------------------------------------------- auto entities

_AUTO_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("bot_command", re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?!\w)")),
    ("email", re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")),
    (
        "url",
        re.compile(
            r"(?<![\w@/.])(?:https?://)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?(?:/[^\s]*)?",
        ),
    ),
    ("mention", re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{4,32}(?!\w)")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d_]\w*")),
]
_NO_AUTO_INSIDE = frozenset({"code", "pre", "text_link", "text_mention", "custom_emoji"})


def auto_entities(text: str, explicit: list[Entity] | None = None) -> list[Entity]:
    """Entities Telegram detects by itself: commands, e-mails, URLs, mentions, hashtags."""
    if not any(c in text for c in "/@#."):
        return []
    taken: list[tuple[int, int]] = []  # character spans already claimed
    found: list[tuple[int, int, str]] = []
    for type_, pattern in _AUTO_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if type_ == "url":
                while end > start and text[end - 1] in ".,;:!?)'\"":
                    end -= 1
            if end <= start or any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            found.append((start, end, type_))
    blocked = [
        (e["offset"], e["offset"] + e["length"])
        for e in explicit or []
        if e["type"] in _NO_AUTO_INSIDE
    ]
    result: list[Entity] = []
    for start, end, type_ in found:
        offset = utf16_len(text[:start])
        length = utf16_len(text[start:end])
        if any(s < offset + length and offset < e for s, e in blocked):
            continue
        result.append({"type": type_, "offset": offset, "length": length})
    return result


def _strip(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Telegram trims leading and trailing whitespace and clips the entities accordingly."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    clipped: list[Entity] = []
    for entity in entities:
        start = max(0, entity["offset"] - lead)
        end = min(total, entity["offset"] + entity["length"] - lead)
        if end > start:
            clipped.append({**entity, "offset": start, "length": end - start})
    return stripped, clipped


def format_text(
    source: str,
    parse_mode: str | None,
    explicit_entities: list[Entity] | None = None,
) -> tuple[str, list[Entity]]:
    """The plain text and entities of a message as Telegram would store it.

    Raises :class:`ParseError` for malformed markup and :class:`ValueError` for an unknown
    parse mode.
    """
    if explicit_entities is not None:
        text, entities = source, [dict(e) for e in explicit_entities]
    elif not parse_mode:
        text, entities = source, []
    else:
        mode = parse_mode.lower()
        if mode == "html":
            text, entities = parse_html(source)
        elif mode == "markdownv2":
            text, entities = parse_markdown_v2(source)
        elif mode == "markdown":
            text, entities = parse_markdown(source)
        else:
            raise ValueError(parse_mode)
    text, entities = _strip(text, entities)
    entities = entities + auto_entities(text, entities)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return text, entities
