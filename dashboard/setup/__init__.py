"""Preparing a database for the app: migrations, reference data and the starter data."""
