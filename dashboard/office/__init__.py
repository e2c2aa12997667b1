"""The office: its profile, staff accounts, service hours and its own lists' shared rules."""
