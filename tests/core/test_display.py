"""Terminal-safe text: control, bidi and zero-width characters escaped; CJK-aligned tables."""

from __future__ import annotations

import json

import pytest

from tui.core.display import escape, escape_json, fit, table, width


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("\x1b]0;owned\x07", "\\x1b]0;owned\\x07"),
        ("line\nbreak\ttab\r", "line\\x0abreak\\x09tab\\x0d"),
        ("\x9b31m", "\\x9b31m"),  # a C1 control sequence introducer
        ("\x7f", "\\x7f"),
        ("abc\u202edcba", "abc\\u202edcba"),  # right-to-left override
        ("a\u2066b\u2069", "a\\u2066b\\u2069"),
        ("zero\u200bwidth\ufeff", "zero\\u200bwidth\\ufeff"),
        ("\u2028", "\\u2028"),
        ("王芳 café ½", "王芳 café ½"),
    ],
)
def test_escape(text: str, shown: str) -> None:
    assert escape(text) == shown


def test_escape_json_keeps_the_same_values() -> None:
    value = {"name": "王\u202e芳\u200b\x9b", "note": "\x1b[2J"}
    text = escape_json(json.dumps(value, ensure_ascii=False))
    assert "\u202e" not in text and "\u200b" not in text and "\x9b" not in text
    assert "\x1b" not in text
    assert json.loads(text) == value


@pytest.mark.parametrize(
    ("text", "cells"),
    [("abc", 3), ("王芳", 4), ("Ａ1", 3), ("e\u0301", 1), ("", 0), ("学习 38", 7)],
)
def test_width_counts_terminal_cells(text: str, cells: int) -> None:
    assert width(text) == cells


@pytest.mark.parametrize(
    ("text", "cells", "fitted"),
    [
        ("ab", 4, "ab  "),
        ("abcdef", 4, "abc…"),
        ("王芳李强", 5, "王芳…"),
        ("王芳李", 4, "王… "),
        ("王芳", 4, "王芳"),
    ],
)
def test_fit_cuts_and_pads_to_exact_cells(text: str, cells: int, fitted: str) -> None:
    assert fit(text, cells) == fitted
    assert width(fitted) == cells


def test_table_aligns_cjk_and_escapes_cells() -> None:
    shown = table(
        ["姓名", "dept", "note"],
        [["王芳", "办公室", "\x1b[31mred"], ["Li", "IT", "x" * 40]],
        max_cell=12,
    )
    lines = shown.splitlines()
    assert "\x1b" not in shown and "\\x1b[31mred" in shown
    starts = [
        width(line[: line.index(cell)])
        for line, cell in zip(lines, ("dept", "办公室", "IT"), strict=True)
    ]
    assert len(set(starts)) == 1
    notes = [
        width(line[: line.index(cell)])
        for line, cell in zip(lines, ("note", "\\x1b", "x"), strict=True)
    ]
    assert len(set(notes)) == 1
    assert lines[2].endswith("x" * 11 + "…")
    assert all(line == line.rstrip() for line in lines)
