"""Charts as PNG images, offline, with the look they have on screen: Kaleido drives the system
Chromium (``/usr/bin/chromium``, found without configuration) with the plotly.js of the
installed plotly package and without MathJax, so nothing is downloaded.

Kaleido's one sync server is not thread-safe (plotly/Kaleido#444: threads got each other's
images), so ``chart_renderer`` holds ``RENDER_LOCK`` from the server's start to its stop: one
report job renders at a time in a process, and the server (350-1,000 MB while it runs) never
outlives the job."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import kaleido
import plotly.graph_objects as go
from choreographer.browsers.chromium import Chromium
from kaleido import PageGenerator

from dashboard.config import PROJECT_ROOT

RENDER_LOCK = threading.Lock()
IMAGE_WIDTH = 900
"""Pixels across, before scaling: about the width of a chart on the trends page."""
IMAGE_SCALE = 2
"""Twice the pixels, sharp on paper."""
DEFAULT_HEIGHT = 300
LOCALE_SCRIPTS = (
    PROJECT_ROOT / "assets" / "plotly-locale-id.js",
    Path(__file__).with_name("kaleido_locale.js"),
)
"""The screen's Indonesian locale of plotly.js, then the line that makes it the default."""

Render = Callable[[go.Figure], bytes]


class ChromiumMissing(RuntimeError):
    """No Chromium to render with: the caller goes on without images and says so."""


def find_chromium() -> str | None:
    """The Chromium Kaleido would start (``None``: none installed)."""
    return Chromium.find_browser(skip_local=False)


def _render(figure: go.Figure) -> bytes:
    height = figure.layout.height or DEFAULT_HEIGHT
    options = {"format": "png", "width": IMAGE_WIDTH, "height": height, "scale": IMAGE_SCALE}
    return kaleido.calc_fig_sync(figure, opts=options)


@contextmanager
def chart_renderer() -> Iterator[Render]:
    """A function figure → PNG while the block runs (ChromiumMissing when there is no
    Chromium). Chromium starts in the background as the block begins, so the caller may read
    its data meanwhile."""
    if find_chromium() is None:
        raise ChromiumMissing("Chromium tidak ditemukan")
    with RENDER_LOCK:
        # No MathJax (it would come from a CDN); plotly.js from the plotly package.
        pages = PageGenerator(mathjax=False, others=list(LOCALE_SCRIPTS))
        kaleido.start_sync_server(page_generator=pages, silence_warnings=True)
        try:
            yield _render
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
