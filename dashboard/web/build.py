"""The build id: one hash of the code and assets the browser runs, computed once when the app
starts. The wall screen compares it with the one its page was loaded with (``/health`` and
every poll report it) and reloads itself when the server runs a new build."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, current_app

from dashboard.config import PROJECT_ROOT

BUILD_KEY = "pst_build"
BUILD_SOURCES: tuple[tuple[str, str], ...] = (
    ("dashboard", "*.py"),
    ("pages", "*.py"),
    ("callbacks", "*.py"),
    ("assets", "*"),
    (".", "requirements.txt"),
)
"""(folder, pattern) of the files that make up a build: the Python that lays out pages and
answers callbacks, every asset, and the pinned packages (Dash's own scripts)."""


def compute_build_id(root: Path = PROJECT_ROOT) -> str:
    """A short hash over the names and contents of the build's files."""
    digest = hashlib.sha256()
    for folder, pattern in BUILD_SOURCES:
        files = (root / folder).rglob(pattern) if folder != "." else root.glob(pattern)
        for path in sorted(files):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(b"\0")
                digest.update(path.read_bytes())
                digest.update(b"\0")
    return digest.hexdigest()[:16]


def attach_build(server: Flask, build: str) -> None:
    server.extensions[BUILD_KEY] = build


def current_build() -> str:
    """The build id of the running app."""
    return current_app.extensions[BUILD_KEY]
