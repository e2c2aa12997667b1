"""The head's output feature: the trends page (*Tren layanan*) and the statistics API, both
built on one read of ``dashboard.metrics`` (``stats.load_period_stats``)."""
