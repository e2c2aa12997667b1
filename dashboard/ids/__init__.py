"""Component IDs, one module per page, shared by the page's layout and its callbacks."""
