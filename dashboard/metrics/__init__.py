"""THE definitions of every number: the monitor, trends, API and report use them."""
