"""Lines of rich markup laid out for a terminal exactly as rich lays them out, without rich.

In a terminal every line menteekit prints went through rich, whose import and per-line
rendering cost more than the rest of a command (`mk health` prints some 600 lines). Most of
them are simple: a few styles (bold, dim, a colour), words that wrap at the terminal's width,
an indent that wrapped lines keep. This module does that much the way rich 13–15 does it —
parsing the markup (`rich.markup.render`), breaking lines (`rich._wrap.divide_line`,
`Text.divide`, `Text.rstrip_end`), and writing each run of one style between its colour codes
(`Text.render`, `Style.render`) — and answers None for anything else, which rich then prints.
Tests hold the two to the same bytes.
"""

from __future__ import annotations

import itertools

from menteekit.patterns import LazyPattern

_TAG = LazyPattern(r"((\\*)\[([a-z#/@][^[]*?)])")
"""A markup tag, with the backslashes before it (rich.markup.RE_TAGS)."""
_WORD = LazyPattern(r"\s*\S+\s*")
"""What rich breaks lines between: a word with the spaces around it."""
_TRAILING_SPACE = LazyPattern(r"\s+$")
EMOJI_CODE = LazyPattern(r":\S*?:")
"""What rich may read as an emoji code (":smile:") and replace."""

ATTRIBUTES = {"bold": 1, "dim": 2, "italic": 4, "underline": 8}
"""The attributes a style may have here, as rich's bits; their codes follow in that order."""
_ATTRIBUTE_CODES = ((1, "1"), (2, "2"), (4, "3"), (8, "4"))
COLOURS = {
    "black": "30",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "white": "37",
}
"""The eight standard colours: rich writes the same code for them on every colour system."""

Style = tuple[int, str | None]
"""Attribute bits and a colour code."""
Span = tuple[int, int, str]
"""Where a style applies in the text (start, end) and the style's name."""


ONE_CELL_BLOCKS = (
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B: accented letters
    (0x0370, 0x04FF),  # Greek and Cyrillic
    (0x2010, 0x2027),  # dashes, quotes, bullets, the ellipsis
    (0x2030, 0x205E),  # per mille, primes, more punctuation
    (0x20A0, 0x20BF),  # currency signs
    (0x2190, 0x21FF),  # arrows
    (0x2580, 0x259F),  # block elements (a goal's sparkline)
)
"""Where a printable character takes one column as rich counts them (its own tables, not
Python's `unicodedata`: spacing marks, some symbols and jamo differ), so that a line or table
made of them can be laid out here. Tests check each against the installed rich."""


def narrow(text: str) -> bool:
    """Whether each character of `text` takes one column as rich counts it."""
    if text.isascii():
        return text.isprintable()
    import unicodedata

    return all(
        (ch.isascii() and ch.isprintable())
        or (
            any(low <= ord(ch) <= high for low, high in ONE_CELL_BLOCKS)
            and unicodedata.category(ch)[0] in "LNPS"
        )
        for ch in text
    )


def emoji_code_in(markup: str, text: str) -> bool:
    """Whether rich may replace an emoji code in `markup` (whose text is `text`)."""
    return bool(EMOJI_CODE.search(markup) or EMOJI_CODE.search(text))


def style_named(name: str) -> Style | None:
    """The style a tag names, if it is made of the attributes and colours above."""
    bits, colour = 0, None
    for word in name.lower().split():
        if word in ATTRIBUTES:
            bits |= ATTRIBUTES[word]
        elif word in COLOURS and colour is None:
            colour = COLOURS[word]
        else:
            return None
    return (bits, colour) if bits or colour else None


def _normal(name: str) -> str:
    """A tag's name as rich compares opening and closing tags (`Style.normalize`)."""
    style = style_named(name)
    if style is None:
        return name.strip().lower()
    bits, colour = style
    words = [word for word, bit in ATTRIBUTES.items() if bits & bit]
    words += [word for word, code in COLOURS.items() if code == colour]
    return " ".join(words)


def parse(markup: str) -> tuple[str, list[Span] | None]:
    """The text of rich markup, and its spans in rich's order; None for the spans where rich
    would refuse the markup (a closing tag with nothing to close) or give a tag a meaning of
    its own (parameters, handlers)."""
    parts: list[str] = []
    length = 0
    open_tags: list[tuple[int, str]] = []
    spans: list[Span] = []
    refused = False
    position = 0

    def add(text: str) -> None:
        nonlocal length
        text = text.replace("\\[", "[")
        parts.append(text)
        length += len(text)

    for match in _TAG.finditer(markup):
        whole, escapes, tag = match.groups()
        start, end = match.span()
        if start > position:
            add(markup[position:start])
        position = end
        backslashes, escaped = divmod(len(escapes), 2)
        if backslashes:
            add("\\" * backslashes)
        if escaped:  # an escaped tag is text
            add(whole[len(escapes) :])
            continue
        name, equals, _ = tag.partition("=")
        if equals or name.startswith("@") or name.startswith("/@"):
            refused = True
        if name.startswith("/"):
            closing = name[1:].strip()
            found = None
            if closing:
                closing = _normal(closing)
                found = next(
                    (i for i in range(len(open_tags) - 1, -1, -1) if open_tags[i][1] == closing),
                    None,
                )
            elif open_tags:
                found = len(open_tags) - 1
            if found is None:
                refused = True
                continue
            opened_at, opened = open_tags.pop(found)
            spans.append((opened_at, length, opened))
        else:
            open_tags.append((length, _normal(name)))
    if position < len(markup):
        add(markup[position:])
    while open_tags:
        opened_at, opened = open_tags.pop()
        if opened:
            spans.append((opened_at, length, opened))
    # As rich orders them: the last closed first, then by where they start (a stable sort).
    spans = sorted(spans[::-1], key=lambda span: span[0])
    return "".join(parts), None if refused else spans


def break_points(text: str, width: int) -> list[int] | None:
    """Where rich breaks `text` to fit `width` cells (one cell a character); None when a
    word is longer than a line, which rich folds."""
    breaks = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            return None
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _divided(text: str, spans: list[Span], breaks: list[int]) -> list[tuple[str, list[Span]]]:
    """The lines between `breaks`, each with the parts of the spans on it (`Text.divide`)."""
    if not breaks:
        return [(text, spans)]
    edges = [0, *breaks, len(text)]
    ranges = list(itertools.pairwise(edges))
    lines: list[tuple[str, list[Span]]] = [(text[start:end], []) for start, end in ranges]
    for span_start, span_end, name in spans:
        for number, (line_start, line_end) in enumerate(ranges):
            new_start = max(0, span_start - line_start)
            new_end = min(span_end - line_start, line_end - line_start)
            if new_end > new_start:
                lines[number][1].append((new_start, new_end, name))
    return lines


def _cropped(text: str, spans: list[Span], width: int) -> tuple[str, list[Span]]:
    """The spaces at the end of a line beyond `width` taken off (`Text.rstrip_end`)."""
    excess = len(text) - width
    trailing = _TRAILING_SPACE.search(text) if excess > 0 else None
    if trailing is None:
        return text, spans
    length = len(text) - min(len(trailing.group()), excess)
    kept = [(s, e if e < length else length, n) for s, e, n in spans if s < length]
    return text[:length], kept


NO_STYLE: Style = (0, None)


def styled(text: str, spans: list[Span], colour: bool, base: Style = NO_STYLE) -> str | None:
    """A line with each run of one style between its codes (`Text.render`, `Style.render`),
    on a `base` style (a table cell's); None if a span's style is not one of those above."""
    styles: dict[int, Style] = {0: base}
    for index, (_, _, name) in enumerate(spans, 1):
        style = style_named(name)
        if style is None:
            return None
        styles[index] = style
    edges = sorted(
        [
            (0, False, 0),
            *((start, False, index) for index, (start, _, _) in enumerate(spans, 1)),
            *((end, True, index) for index, (_, end, _) in enumerate(spans, 1)),
            (len(text), True, 0),
        ],
        key=lambda edge: (edge[0], edge[1]),
    )
    out = []
    active: list[int] = []
    for (offset, leaving, index), (next_offset, _, _) in itertools.pairwise(edges):
        if leaving:
            active.remove(index)
        else:
            active.append(index)
        if next_offset > offset:
            active_styles = [styles[i] for i in sorted(active)]
            out.append(sgr(text[offset:next_offset], active_styles, colour))
    return "".join(out)


def sgr(text: str, styles: list[Style], colour: bool) -> str:
    """`text` between the codes of its styles combined, the later colour winning."""
    bits, code = 0, None
    for style_bits, style_colour in styles:
        bits |= style_bits
        code = style_colour or code
    codes = [each for bit, each in _ATTRIBUTE_CODES if bits & bit]
    if colour and code is not None:
        codes.append(code)
    return f"\x1b[{';'.join(codes)}m{text}\x1b[0m" if codes else text


def lines(
    markup: str,
    width: int,
    *,
    colour: bool,
    indent: int | None = None,
    plain: bool = False,
    soft_wrap: bool = False,
) -> list[str] | None:
    """The lines rich prints for one line of `markup` on a terminal `width` cells wide: as
    printed, or (`indent`) in a padding of that many spaces on the left, which wrapped lines
    keep and which fills each line to the width. `colour` False drops the colours and keeps
    bold and dim (NO_COLOR); `plain` reads no markup at all; `soft_wrap` leaves the line as it
    is, however long (rich neither wraps nor crops it). None when rich must print it."""
    text, spans = (markup, []) if plain else parse(markup)
    room = width - (indent or 0)
    if spans is None or room < 1 or "\n" in text or not narrow(text):
        return None
    if emoji_code_in(markup, text):
        return None
    if soft_wrap and indent is None:
        rendered = styled(text, spans, colour)
        return None if rendered is None else [rendered]
    breaks = break_points(text, room)
    if breaks is None:
        return None
    shown = []
    for line, line_spans in _divided(text, spans, breaks):
        line, line_spans = _cropped(line, line_spans, room)
        if len(line) > room:
            return None
        rendered = styled(line, line_spans, colour)
        if rendered is None:
            return None
        if indent is not None:
            rendered = " " * indent + rendered + " " * (room - len(line))
        shown.append(rendered)
    return shown
