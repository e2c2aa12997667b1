"""The wall screen (``pages/monitor.py``) has no Dash callbacks, on purpose: the renderer keeps
every callback of a ``dcc.Interval`` in its history without limit (plotly/dash#727), so a
screen on for weeks would grow its heap. ``assets/monitor/monitor.js`` polls the change marker
(``/api/v1/monitor/poll``) and updates the page in place instead (docs/live.md)."""
