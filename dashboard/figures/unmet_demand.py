"""The unmet-demand chart: the topics asked for most that the library could not answer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from dashboard.figures.common import merged, shorten
from dashboard.figures.theme import PRIMARY, themed_figure
from dashboard.i18n import format_number
from dashboard.library.unmet_demand import NO_UNMET, TopicGroup, share_text

TOP_BARS = 15
LABEL_LIMIT = 48


def unmet_figure(
    groups: Sequence[TopicGroup], top: int = TOP_BARS, layout: Mapping[str, object] | None = None
) -> go.Figure:
    """A horizontal bar chart of the ``top`` most asked topics, the largest at the top
    (``layout`` over the chart's own)."""
    shown = list(groups[:top])
    own: dict[str, object] = {
        "title": {"text": f"{len(shown)} topik teratas" if shown else "", "x": 0},
        "height": max(220, 110 + 30 * len(shown)),
        "margin": {"l": 10, "r": 30, "t": 40, "b": 40},
        "showlegend": False,
    }
    if not shown:
        note = {"text": NO_UNMET, "showarrow": False, "font": {"size": 15, "color": "#6b7785"}}
        axes = {"annotations": [note], "xaxis": {"visible": False}, "yaxis": {"visible": False}}
        return themed_figure([], merged(axes, own, layout or {}))
    bar = {
        "type": "bar",
        "x": [group.count for group in shown],
        "y": [shorten(group.label, LABEL_LIMIT) for group in shown],
        "orientation": "h",
        "marker": {"color": PRIMARY},
        "text": [format_number(group.count) for group in shown],
        "textposition": "outside",
        "customdata": [[group.label, share_text(group.share)] for group in shown],
        "hovertemplate": "%{customdata[0]}<br>%{x} permintaan (%{customdata[1]})<extra></extra>",
        "width": 0.6 if len(shown) < 3 else None,
    }
    most = max(group.count for group in shown)
    axes = {
        "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": {
            "title": {"text": "Jumlah permintaan"},
            "rangemode": "tozero",
            "automargin": True,
            # Counts are whole: small ones get a tick per request, not 0,5 steps.
            "dtick": 1 if most <= 10 else None,
            "tickformat": ",d",
        },
    }
    return themed_figure([bar], merged(axes, own, layout or {}))
