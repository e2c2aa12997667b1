"""Imports of past guest books from CSV/XLSX files."""
