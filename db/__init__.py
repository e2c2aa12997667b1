"""The data layer: models, sessions, queries, migrations and reference data."""
