"""Terminal-safe text: control, bidi and zero-width characters shown escaped, and CJK widths.

Everything cadre prints from a record goes through `escape`; tables line up by display width."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

# C0 and C1 controls, DEL, bidi marks and overrides, zero-width characters, line separators
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)
# the same, minus the controls JSON escapes by itself (used on JSON text)
_UNSAFE_IN_JSON = re.compile(
    "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: object) -> str:
    """`text` with every character that could steer a terminal written as `\\x1b` or `\\u202e`."""
    return _UNSAFE.sub(_escape_char, str(text))


def escape_json(text: str) -> str:
    """JSON text with bidi, zero-width and C1 characters written as \\u escapes (same values)."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def needs_json_escape(text: str) -> bool:
    """True when `escape_json` would change `text`."""
    return _UNSAFE_IN_JSON.search(text) is not None


@functools.cache
def char_width(char: str) -> int:
    """Cells a character takes in a terminal: 2 for CJK wide and full-width, 0 for combining
    (kept once looked up: a page of a table measures a few thousand)."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width(text: str) -> int:
    """Cells `text` takes in a terminal."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def width_up_to(text: str, cells: int) -> int:
    """The cells `text` takes, counted no further than one past `cells`: enough to tell whether it
    fits, without measuring all of a 1 MB note."""
    if text.isascii():
        return min(len(text), cells + 1)
    used = 0
    for char in text:
        used += char_width(char)
        if used > cells:
            break
    return used


def fit(text: str, cells: int) -> str:
    """`text` cut to at most `cells` cells (ending in … when cut) and padded to exactly `cells`."""
    if width_up_to(text, cells) > cells:
        kept, used = [], 0
        for char in text:
            if used + char_width(char) > cells - 1:
                break
            kept.append(char)
            used += char_width(char)
        text = "".join(kept) + "…"
    return text + " " * (cells - width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], max_cell: int = 24) -> str:
    """Rows as aligned columns (two spaces apart), every cell escaped and cut to `max_cell`."""
    cells = [[escape(c) for c in row] for row in rows]
    widths = [
        min(max_cell, max([width(h)] + [width_up_to(row[i], max_cell) for row in cells]))
        for i, h in enumerate(headers)
    ]
    lines = ["  ".join(fit(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += [
        "  ".join(fit(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(lines)
