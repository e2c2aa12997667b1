"""The command line: ``python -m dashboard <command>``, and ``python app.py`` (``serve``)."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard import create_app
from dashboard.audit import Actor
from dashboard.clock import WIB, local_date, utc_now
from dashboard.config import settings_from_env
from dashboard.errors import InputError
from dashboard.imports.guest_book_import import (
    GuestBookCheck,
    GuestBookRejected,
    check_guest_book,
    check_text,
    import_guest_book,
    problem_text,
    summary_text,
)
from dashboard.office import staff
from dashboard.roles import ROLES
from dashboard.setup.database import prepare_database
from dashboard.setup.first_start import first_start_hint
from db.session import Database

if TYPE_CHECKING:
    from dash import Dash


def _database(url: str | None) -> tuple[Database, int]:
    settings = settings_from_env()
    database = Database(url or settings.database_url)
    office = prepare_database(database, settings.office_code)
    return database, office.id


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Kata sandi baru: ")
    second = getpass.getpass("Ulangi kata sandi: ")
    if first != second:
        raise InputError.on("password", "Kedua kata sandi tidak sama.")
    return first


def _init_db(args: argparse.Namespace) -> str:
    database, _ = _database(args.database_url)
    database.dispose()
    return "Basis data siap (skema terbaru dan data referensi)."


def _user_add(args: argparse.Namespace) -> str:
    database, office_id = _database(args.database_url)
    password = _read_password(args)
    with database.transaction() as session:
        user = staff.add_user(
            session,
            Actor(None, office_id, utc_now()),
            username=args.username,
            full_name=args.name,
            role=args.role,
            password=password,
            nip=args.nip,
        )
        return f"Pengguna '{user.username}' ({ROLES[user.role]}) dibuat."


def _user_passwd(args: argparse.Namespace) -> str:
    database, office_id = _database(args.database_url)
    password = _read_password(args)
    with database.transaction() as session:
        staff.set_password(session, Actor(None, office_id, utc_now()), args.username, password)
    return f"Kata sandi '{args.username}' diganti."


def _user_disable(args: argparse.Namespace) -> str:
    database, office_id = _database(args.database_url)
    with database.transaction() as session:
        staff.disable_user(session, Actor(None, office_id, utc_now()), args.username)
    return f"Pengguna '{args.username}' dinonaktifkan."


def _user_list(args: argparse.Namespace) -> str:
    database, _ = _database(args.database_url)
    with database.reading() as session:
        users = staff.list_users(session)
    lines = [f"{'pengguna':<20} {'peran':<10} {'aktif':<5} nama"]
    lines += [
        f"{user.username:<20} {user.role:<10} {'ya' if user.active else 'tidak':<5} "
        f"{user.full_name}"
        for user in users
    ]
    return "\n".join(lines)


def _print_problems(check: GuestBookCheck) -> None:
    for problem in check.problems:
        print(problem_text(problem), file=sys.stderr)


def _import_guest_book(args: argparse.Namespace) -> str:
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as error:
        raise InputError.on(
            "file", f"Berkas {path} tidak dapat dibaca: {error.strerror}."
        ) from error
    database, office_id = _database(args.database_url)
    if args.check:
        with database.reading() as session:
            check = check_guest_book(session, office_id, path.name, content)
        if check.problems:
            _print_problems(check)
            raise InputError.form(check_text(check))
        return f"{check_text(check)}\nPemeriksaan saja (--check): tidak ada yang diimpor."
    try:
        with database.transaction() as session:
            summary = import_guest_book(
                session, Actor(None, office_id, utc_now()), path.name, content
            )
    except GuestBookRejected as error:
        _print_problems(error.check)
        raise InputError.form(check_text(error.check)) from error
    return summary_text(summary)


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("harus lebih dari 0")
    return value


def _wib_moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError("tulis mis. 2026-11-26T10:30") from exc
    return (moment if moment.tzinfo else moment.replace(tzinfo=WIB)).astimezone(UTC)


def _demo(args: argparse.Namespace) -> str:
    from dashboard.demo import runner
    from dashboard.demo.generator import valid_office_codes
    from dashboard.demo.users import demo_users_text

    if args.until is not None and args.until > utc_now():
        raise InputError.on("until", "Akhir riwayat demo (--until) tidak boleh di masa depan.")
    settings = settings_from_env()
    if args.offices:
        offices = valid_office_codes(args.offices)
    elif args.scale is not None:
        offices = runner.PROVINCE_CODES
    else:
        offices = (settings.office_code,)
    options = runner.DemoOptions(
        offices=offices,
        years=args.years,
        seed=args.seed,
        scale=args.scale,
        now=args.until,
        through_services=args.through_services,
    )
    url = args.demo_database_url or args.database_url or runner.demo_database_url()
    database = Database(url)
    office_id = runner.prepare_demo_database(database, settings.office_code).id
    desk = runner.desk_of(settings)
    result = runner.run_demo(database, office_id, options, desk, runner.MonthlyProgress())
    violations = runner.check_after_run(database, options, desk)
    database.dispose()
    checked = "sampel hari" if options.scale is not None else "seluruh basis data"
    lines = [
        *runner.summary_lines(result),
        f"Pemeriksa aturan ({checked}): {len(violations)} pelanggaran.",
    ]
    lines += runner.violation_lines(violations)
    lines.append(demo_users_text())
    return "\n".join(lines)


def _add_demo_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    demo = commands.add_parser(
        "demo",
        help="fill a new (demo) database with years of generated activity",
        description="Generate the history of the office (or offices) over the span ending "
        "today into the demo database (PST_DEMO_DATABASE_URL or data/pst-demo.sqlite3) unless "
        "--database-url names another, then check it with the app's own rules. Refuses a "
        "database holding real data.",
    )
    demo.add_argument("--years", type=_positive, default=3.0, help="span in years (default 3)")
    demo.add_argument("--seed", type=int, default=1, help="same seed, same data (default 1)")
    demo.add_argument(
        "--database-url", dest="demo_database_url", help="target database (default: the demo one)"
    )
    demo.add_argument("--offices", help="office codes, e.g. 1601,1603 (default PST_OFFICE_CODE)")
    demo.add_argument(
        "--until",
        type=_wib_moment,
        help="end the history at this WIB moment, e.g. 2026-11-26T10:30 (default: now); with "
        "the same seed the same data on any day",
    )
    demo.add_argument(
        "--scale",
        type=_positive,
        help="benchmark database: N times an ordinary office's visits, for all 17 offices of "
        "Sumatera Selatan (or --offices), written in bulk",
    )
    demo.add_argument(
        "--through-services",
        action="store_true",
        help="replay every action through the page services instead of writing the same rows "
        "in batches (about a hundred times slower; not with --scale)",
    )
    demo.set_defaults(run=_demo)


def _report(args: argparse.Namespace) -> str:
    from dashboard.reports.content import parse_report_request
    from dashboard.reports.job import produce_report, write_report_files
    from dashboard.reports.template import check_template, read_template, template_path

    template = read_template(template_path(Path(args.template) if args.template else None))
    check_template(template)

    database, office_id = _database(args.database_url)
    today = local_date(utc_now())
    with database.reading() as session:
        request = parse_report_request(
            session, args.year, args.month, args.office, office_id, today
        )
    files = produce_report(database, request, today, template)
    database.dispose()
    paths = write_report_files(files, Path(args.out))
    return "\n".join([*files.messages, *(f"Ditulis: {path}" for path in paths)])


def _add_report_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = commands.add_parser(
        "report",
        help="the annual work report (or a monthly report): DOCX, XLSX and, with LibreOffice, PDF",
        description="Write the work report of a year (Laporan Kerja Tahunan, SOP step 11) or of "
        "one month into a folder, from the same figures as the trends page and /api/v1/stats.",
    )
    report.add_argument("--year", required=True, help="the report's year, e.g. 2026")
    report.add_argument("--month", help="a month 1-12 for a monthly report (default: the year)")
    report.add_argument("--office", help="the office's code (default PST_OFFICE_CODE)")
    report.add_argument("--out", required=True, help="folder to write the files into")
    report.add_argument(
        "--template",
        help="the DOCX template (default: PST_REPORT_TEMPLATE, else data/templat-laporan.docx "
        "when present, else the default one); its tags are checked first",
    )
    report.set_defaults(run=_report)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="PST Dashboard")
    parser.add_argument(
        "--database-url", help="database to use instead of PST_DATABASE_URL / the SQLite file"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init-db", help="create or migrate the database").set_defaults(run=_init_db)
    user = commands.add_parser("user", help="staff accounts").add_subparsers(
        dest="user_command", required=True
    )
    add = user.add_parser("add", help="create an account")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=sorted(ROLES))
    add.add_argument("--name", required=True, help="full name")
    add.add_argument("--nip", help="18-digit NIP")
    add.set_defaults(run=_user_add)
    passwd = user.add_parser("passwd", help="set a new password")
    passwd.add_argument("username")
    passwd.set_defaults(run=_user_passwd)
    for sub in (add, passwd):
        sub.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )
    disable = user.add_parser("disable", help="disable an account (it is never deleted)")
    disable.add_argument("username")
    disable.set_defaults(run=_user_disable)
    user.add_parser("list", help="list accounts").set_defaults(run=_user_list)
    guest_books = commands.add_parser(
        "import",
        help="import past guest books (CSV or XLSX); every problem is listed, and a file with "
        "any problem imports nothing",
    )
    guest_books.add_argument("file", help="the .csv or .xlsx file")
    guest_books.add_argument(
        "--check", action="store_true", help="only check the file and report; import nothing"
    )
    guest_books.set_defaults(run=_import_guest_book)
    _add_demo_command(commands)
    _add_report_command(commands)
    return parser


def _failure_text(error: InputError) -> str:
    return "\n".join(f"Gagal: {message}" for message in error.errors.values())


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        print(args.run(args))
    except InputError as error:
        print(_failure_text(error), file=sys.stderr)
        return 2
    return 0


# -- serving the app: ``python app.py`` ----------------------------------------------------------


@cache
def application() -> Dash:
    """The app on the settings of the environment, built once (``app.server`` for WSGI)."""
    return create_app(settings_from_env())


def demo_application() -> Dash:
    """The app on the demo database, with years of demo history generated on first use
    (``dashboard.demo.runner.ready_demo_database``)."""
    from dashboard.demo.runner import ready_demo_database

    try:
        settings, message = ready_demo_database(settings_from_env())
    except InputError as error:
        raise SystemExit(_failure_text(error)) from error
    print(message)
    return create_app(settings)


def serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Serve the PST Dashboard")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8050, help="port to listen on")
    parser.add_argument("--debug", action="store_true", help="Dash debug mode (development)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="serve the demo database (PST_DEMO_DATABASE_URL or data/pst-demo.sqlite3), filled "
        "with three years of generated activity on first use",
    )
    return parser


def serve(argv: Sequence[str] | None = None) -> None:
    """``python app.py [--demo] [--host H] [--port P] [--debug]``: say which database is
    served (and, on one without an administrator, how to create the first), then serve."""
    from dashboard.web.context import app_state
    from dashboard.web.security import QuietRequestHandler

    args = serve_parser().parse_args(argv)
    app = demo_application() if args.demo else application()
    with app.server.app_context():
        database = app_state().database
    print(f"Basis data: {database.engine.url.render_as_string()}")
    if not args.demo:
        with database.reading() as session:
            hint = first_start_hint(session)
        if hint:
            print(hint)
    print(f"PST Dashboard: http://{args.host}:{args.port}/")
    app.run(host=args.host, port=args.port, debug=args.debug, request_handler=QuietRequestHandler)
