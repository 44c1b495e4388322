"""Reusable widgets of the TUI: heatmap, sparkline, quota lines and the paged record table.

One component per module; none of them reads the clock or the data file by itself."""
