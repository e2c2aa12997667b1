"""The Layanan page's view of one visit, built by hand for layout tests: step times in
minutes after T0, and a view with two data requests."""

from __future__ import annotations

from datetime import datetime, timedelta

from dashboard import sop
from dashboard.visits.service_page import RequestView, ServiceView, VisitView
from dashboard.visits.step_history import StepTimes
from db.models import VISIT_DONE, VISIT_IN_PROGRESS
from tests.helpers.clock import at

T0 = at("2026-11-26 09:00")


def minutes(value: float) -> datetime:
    return T0 + timedelta(minutes=value)


def step(
    number: int,
    queued: float,
    started: float | None,
    ended: float | None,
    step_id: int | None = None,
) -> StepTimes:
    return StepTimes(
        step_id=step_id or number * 10,
        number=number,
        queued_at=minutes(queued),
        started_at=None if started is None else minutes(started),
        ended_at=None if ended is None else minutes(ended),
    )


def make_view(steps: list[StepTimes], status: str = VISIT_IN_PROGRESS) -> ServiceView:
    visit = VisitView(
        visit_id=1,
        code="A-001",
        status=status,
        visitor_name="Siti",
        institution="Universitas Sriwijaya",
        arrived_at=T0,
        left_at=minutes(40) if status == VISIT_DONE else None,
        outside_service_hours=False,
        rack_slot=4,
        reading_table=None,
        service_type_label="Perpustakaan",
        refusal_reason=None,
        steps=tuple(steps),
        step_notes={},
        requests=(
            RequestView(11, 1, "PDRB 2025", None, None, None),
            RequestView(12, 2, "Penduduk per kecamatan", None, None, None),
        ),
    )
    return ServiceView(
        visit=visit,
        targets={
            number: sop.STEP_BY_NUMBER[number].target_minutes for number in sop.STEP_BY_NUMBER
        },
        corrections=(),
        service_types=(("perpustakaan", "Perpustakaan"),),
        taken_tables=(1, 2),
        table_count=8,
        marker="m",
    )


EARLIER = [step(sop.SCREENING, -5, -5, -4), step(sop.BAG_RACK, -4, -4, -3)]
