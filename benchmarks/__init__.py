"""Benchmarks: run by hand (``python -m benchmarks.<name>``), not by the test suite."""
