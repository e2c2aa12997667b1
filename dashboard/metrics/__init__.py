"""THE definitions of every number the monitor, the trends page, the statistics API and the
annual report show (DESIGN.md, "What the numbers mean"): pure functions turning the rows of
``db.queries.metrics*`` into frozen dataclasses (``step_timing`` for one step, the others for
a period), and ``loaders`` that run those queries."""
