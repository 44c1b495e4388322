"""Reusable widgets of the TUI: heatmap, sparkline, quota lines and grid, follow-up list, tab bar,
footer. One component per module; none of them reads the clock or the data file by itself."""
