"""The one look of every chart: fonts, colours and the Indonesian number separators."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.figures.common import merged

PRIMARY = "#0b4a8b"
"""BPS blue: the colour of a chart's main series."""
FONT = {"family": "system-ui, sans-serif", "size": 13}
SEPARATORS = ",."
"""Plotly's decimal then thousands separator: 1.234,5 as Indonesian writes it."""


UNDRAWN_LAYOUT = ("geo", "mapbox", "map", "polar", "scene", "ternary", "smith")
"""Subplot kinds no chart of ours draws: their defaults are left out of ``TEMPLATE``."""
DRAWN_TRACES = ("bar", "scatter", "heatmap")
"""The only trace types our charts draw: the others' defaults are left out of ``TEMPLATE``."""


def _compact_template() -> go.layout.Template:
    """Plotly's stock default template cut to what our charts use: the same look, but a
    figure carries about 1 KB of template instead of 7 KB (each chart of a page sends its
    own copy). Left out: the subplot kinds and trace types we never draw, and the layout's
    default colour scales (our one heat map sets its own)."""
    stock = pio.templates[pio.templates.default].to_plotly_json()
    layout = {
        key: value
        for key, value in stock["layout"].items()
        if key not in (*UNDRAWN_LAYOUT, "colorscale", "coloraxis")
    }
    data = {kind: stock["data"][kind] for kind in DRAWN_TRACES if kind in stock["data"]}
    for trace in data.get("heatmap", ()):
        trace.pop("colorscale", None)
    return go.layout.Template(layout=layout, data=data)


TEMPLATE_NAME = "pst"
if pio.templates.default != TEMPLATE_NAME:
    # The default template, not one passed to each figure: plotly applies its default
    # without validating it again (a template passed in is validated each time, about 7 ms).
    pio.templates[TEMPLATE_NAME] = _compact_template()
    pio.templates.default = TEMPLATE_NAME

THEME: dict[str, object] = {
    "plot_bgcolor": "#ffffff",
    "paper_bgcolor": "#ffffff",
    "font": FONT,
    "separators": SEPARATORS,
}
"""White paper, the app's font and Indonesian separators."""


def themed_figure(data: Sequence[Mapping[str, object]], layout: Mapping[str, object]) -> go.Figure:
    """A chart built in one step from its traces (dicts with their ``type``) and its layout,
    on ``THEME`` (the layout's own keys win). One constructor call validates the figure
    once, where each ``add_*`` and ``update_*`` call walks plotly's property tree again
    (some 30 ms a chart on this machine)."""
    return go.Figure(data=list(data), layout=merged(THEME, layout))


def apply_theme(figure: go.Figure) -> go.Figure:
    """``THEME`` on a figure built step by step (a chart then sets its own title, size and
    margins)."""
    figure.update_layout(THEME)
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
    (named after the chart), no send-to-cloud, no plotly logo, no selection tools
    (``assets/zz-pst/print-charts.js`` refits the charts to the printed page)."""
    return {
        "locale": LOCALE,
        "displaylogo": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "modeBarButtonsToRemove": ["sendDataToCloud", "select2d", "lasso2d", "autoScale2d"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


NO_DATA = "Tidak ada data pada periode ini."


def no_data_layout(message: str = NO_DATA) -> dict[str, object]:
    """The layout of a chart with nothing to draw: it says so in its middle, no axes."""
    note = {
        "text": message,
        "showarrow": False,
        "font": {"size": 14, "color": "#6b7785"},
        "xref": "paper",
        "yref": "paper",
        "x": 0.5,
        "y": 0.5,
    }
    return {"annotations": [note], "xaxis": {"visible": False}, "yaxis": {"visible": False}}


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
