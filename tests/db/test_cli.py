"""The command line, against a real database."""

from __future__ import annotations

import io

import pytest

from dashboard import cli
from dashboard.cli import main
from dashboard.office.staff import authenticate
from dashboard.setup.first_start import CREATE_ADMIN_COMMAND, first_start_hint
from tests.helpers.database import PreparedDatabase


def run(db: PreparedDatabase, monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["--database-url", db.database.url, *args])


def test_user_lifecycle(
    db: PreparedDatabase, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, monkeypatch, "init-db") == 0
    code = run(
        db,
        monkeypatch,
        "user",
        "add",
        "Kepala",
        "--role",
        "head",
        "--name",
        "Bu Kepala",
        "--password-stdin",
        stdin="sandi-kepala-1\n",
    )
    assert code == 0
    assert "dibuat" in capsys.readouterr().out
    with db.database.reading() as session:
        assert authenticate(session, "kepala", "sandi-kepala-1") is not None

    assert (
        run(
            db, monkeypatch, "user", "passwd", "kepala", "--password-stdin", stdin="sandi-baru-22\n"
        )
        == 0
    )
    with db.database.reading() as session:
        assert authenticate(session, "kepala", "sandi-kepala-1") is None
        assert authenticate(session, "kepala", "sandi-baru-22") is not None

    assert run(db, monkeypatch, "user", "disable", "kepala") == 0
    with db.database.reading() as session:
        assert authenticate(session, "kepala", "sandi-baru-22") is None

    assert run(db, monkeypatch, "user", "list") == 0
    assert "kepala" in capsys.readouterr().out


def test_bad_input_is_refused_in_indonesian(
    db: PreparedDatabase, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(
        db,
        monkeypatch,
        "user",
        "add",
        "petugas",
        "--role",
        "officer",
        "--name",
        "P",
        "--password-stdin",
        stdin="pendek\n",
    )
    assert code == 2
    assert "Kata sandi paling sedikit" in capsys.readouterr().err
    assert run(db, monkeypatch, "user", "disable", "tidak-ada") == 2
    assert "tidak ditemukan" in capsys.readouterr().err


def test_the_first_start_says_how_to_create_the_first_administrator(
    db: PreparedDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.database.reading() as session:
        hint = first_start_hint(session)
    assert hint is not None and "Belum ada administrator" in hint and CREATE_ADMIN_COMMAND in hint
    args = ["user", "add", "admin", "--role", "admin", "--name", "Admin", "--password-stdin"]
    assert run(db, monkeypatch, *args, stdin="sandi-admin-123\n") == 0
    with db.database.reading() as session:
        assert first_start_hint(session) is None


def test_importing_app_py_builds_no_app() -> None:
    import app

    assert "server" not in vars(app)
    assert cli.application.cache_info().currsize == 0
    assert app.serve is cli.serve
