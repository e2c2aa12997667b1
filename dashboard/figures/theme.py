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


LOCALE = "id"
"""The plotly.js locale served by ``assets/plotly-locale-id.js``."""
MUTED = "#9aa5b1"
"""Grey: comparison series and reference marks."""
ACCENT = "#d9822b"
"""Orange: what misses (beyond target, refused, voided)."""
GOOD = "#2f9e44"
LIGHT_PRIMARY = "#6f9fd8"
"""Light BPS blue: the second of a pair of series (the p90 beside the median)."""
SERIES = (
    "#0b4a8b",
    "#d9822b",
    "#2f9e44",
    "#8e44ad",
    "#c0392b",
    "#16a085",
    "#7f8c8d",
    "#b7950b",
    "#34495e",
)
"""The colours of several series (steps, item kinds), in order."""


def graph_config(filename: str) -> dict[str, object]:
    """The ``dcc.Graph`` config of every chart: Indonesian locale, PNG export by the browser
    (named after the chart), no send-to-cloud, no plotly logo, no selection tools."""
    return {
        "locale": LOCALE,
        "displaylogo": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "modeBarButtonsToRemove": ["sendDataToCloud", "select2d", "lasso2d", "autoScale2d"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


def no_data(figure: go.Figure, message: str = "Tidak ada data pada periode ini.") -> go.Figure:
    """A chart with nothing to draw says so in its middle."""
    figure.add_annotation(
        text=message,
        showarrow=False,
        font={"size": 14, "color": "#6b7785"},
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure


def target_marker(symbol: str, size: int, color: str, width: int) -> dict[str, object]:
    """The marker of a target drawn over bars: an open line (``line-ns-open`` across a
    horizontal bar, ``line-ew-open`` across a vertical one) in one colour."""
    return {
        "symbol": symbol,
        "size": size,
        "color": color,
        "line": {"width": width, "color": color},
    }


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
