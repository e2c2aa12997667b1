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
