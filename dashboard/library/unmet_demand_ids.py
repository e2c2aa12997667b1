"""IDs of *Permintaan tidak terpenuhi* (/permintaan-tak-terpenuhi): the data requests BPS
could not answer, grouped by topic."""

PAGE = "unmet-page"
START = "unmet-start"
END = "unmet-end"
PERIOD_FEEDBACK = "unmet-period-feedback"
THIS_YEAR = "unmet-this-year"
LAST_YEAR = "unmet-last-year"
LAST_12_MONTHS = "unmet-last-12-months"
SUMMARY = "unmet-summary"
CHART = "unmet-chart"
GRID = "unmet-grid"
DEFINITION = "unmet-definition"
