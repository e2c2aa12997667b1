"""Reusable layout pieces (the only Dash code inside ``dashboard/`` besides the factory)."""
