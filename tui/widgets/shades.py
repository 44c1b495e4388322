"""The five heat levels as glyphs and colours, shared by the heatmap, its key and the sparkline.

Levels differ by glyph as well as colour, so they stay apart in 16 colours and without colour."""

from __future__ import annotations

from rich.style import Style

# level 0 no record, 1 below half the target, 2 below it, 3 at it, 4 at 1.5 times it
GLYPHS = ("·", "░", "▒", "▓", "█")
STYLES = tuple(
    Style.parse(spec)
    for spec in ("color(244)", "color(130)", "color(178)", "color(34)", "bold color(46)")
)
