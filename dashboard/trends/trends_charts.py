"""Every chart of a trends view as a Plotly figure (the builders of ``dashboard.figures.trends``
over the view's data): what the page draws and what the work report renders as images, so the
two look the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dashboard.figures import trends as charts
from dashboard.trends.trends_view import COMPARISONS, TrendsView

if TYPE_CHECKING:
    import plotly.graph_objects as go


def chart_figures(view: TrendsView) -> dict[str, go.Figure]:
    """Every chart of the view, by chart key."""
    grain, stats = view.query.grain, view.stats
    label = COMPARISONS[view.query.comparison][0]
    buckets = [row.period for row in view.revenue]
    return {
        "visitors": charts.visitors_figure(view.visitors, view.comparison_visitors, grain, label),
        "returning": charts.returning_figure(view.visitors, grain),
        "steps": charts.steps_figure(stats.steps),
        "compliance": charts.compliance_figure(
            view.compliance, grain, view.comparison_compliance, label
        ),
        "bottleneck": charts.bottleneck_figure(stats.steps),
        "waits": charts.waits_figure(view.waits),
        "service": charts.service_figure(stats.service),
        "referrals": charts.referrals_figure(view.referrals, grain),
        "agencies": charts.agencies_figure(stats.top_agencies),
        "unmet": charts.unmet_topics_figure(stats.unmet.groups),
        "revenue": charts.revenue_figure(
            view.revenue_by_kind,
            buckets,
            grain,
            comparison=view.comparison_revenue,
            comparison_label=label,
        ),
        "receipts": charts.receipts_figure(view.revenue, grain),
        "heatmap": charts.heatmap_figure(view.weekday_hours),
        "service_types": charts.service_types_figure(view.service_types),
        "profile": charts.profile_figure(view.profile),
        "publications": charts.publications_figure(view.publications),
        "corrections": charts.corrections_figure(view.corrections),
    }
