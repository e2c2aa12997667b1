"""The one look of every chart: fonts, colours and the Indonesian number separators."""

from __future__ import annotations

import plotly.graph_objects as go

PRIMARY = "#0b4a8b"
"""BPS blue: the colour of a chart's main series."""
FONT = {"family": "system-ui, sans-serif", "size": 13}
SEPARATORS = ",."
"""Plotly's decimal then thousands separator: 1.234,5 as Indonesian writes it."""


def apply_theme(figure: go.Figure) -> go.Figure:
    """White paper, the app's font and Indonesian separators (a chart then sets its own
    title, size and margins)."""
    figure.update_layout(
        plot_bgcolor="#ffffff", paper_bgcolor="#ffffff", font=FONT, separators=SEPARATORS
    )
    return figure


DARK_PAPER = "#0b1320"
"""The wall screen's background (dark, high contrast from across a room)."""
DARK_TEXT = "#f2f5f8"
DARK_GRID = "#2c3a4d"
DARK_PRIMARY = "#4da3ff"
"""The main series on the dark screen (BPS blue, lightened to stand out)."""
DARK_SECONDARY = "#a9b6c6"
DARK_MARK = "#ffd23f"
"""A reference mark on the dark screen (the target)."""
DARK_FONT_SIZE = 20


def apply_dark_theme(figure: go.Figure, font_size: int = DARK_FONT_SIZE) -> go.Figure:
    """The wall screen's look: dark paper, large light text, faint grid lines, Indonesian
    separators, no hover (nobody points at a TV), sized by its container."""
    figure.update_layout(
        plot_bgcolor=DARK_PAPER,
        paper_bgcolor=DARK_PAPER,
        font={**FONT, "size": font_size, "color": DARK_TEXT},
        separators=SEPARATORS,
        hovermode=False,
        autosize=True,
    )
    figure.update_xaxes(gridcolor=DARK_GRID, zerolinecolor=DARK_GRID, linecolor=DARK_GRID)
    figure.update_yaxes(gridcolor=DARK_GRID, zerolinecolor=DARK_GRID, linecolor=DARK_GRID)
    return figure
