"""The test suite's own layout: what tests share lives in ``tests/helpers`` (and fixtures in
``conftest.py`` files); no test module imports another test module or a ``conftest.py``."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports (``from a.b import c`` gives ``a.b`` and ``a.b.c``, as
    ``c`` may itself be a module), with its line."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return found


def is_test_module(name: str) -> bool:
    """``tests.<...>.test_x`` or ``tests.<...>.conftest``: a module that is not a helper."""
    parts = name.split(".")
    return parts[0] == "tests" and (parts[-1].startswith("test_") or parts[-1] == "conftest")


def forbidden_imports(root: Path = TESTS) -> list[str]:
    """``file:line imports module`` for each import of a test module or a conftest by a
    module of the suite (test modules, conftest files, helpers)."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        for line, name in imported_modules(path):
            if is_test_module(name):
                problems.append(f"{path.relative_to(root.parent)}:{line} imports {name}")
    return problems


def test_no_test_module_imports_another_test_module_or_a_conftest() -> None:
    assert forbidden_imports() == [], (
        "share it from tests/helpers/ (a fixture: from a conftest.py, requested by name)"
    )


def test_the_check_finds_such_an_import(tmp_path: Path) -> None:
    suite = tmp_path / "tests"
    (suite / "db").mkdir(parents=True)
    (suite / "db" / "test_a.py").write_text("from tests.db.test_visit_rules import Desk\n")
    (suite / "db" / "test_b.py").write_text("import tests.unit.test_service_page as page\n")
    (suite / "db" / "test_c.py").write_text("from tests.conftest import at\n")
    (suite / "db" / "test_d.py").write_text("from tests.unit import test_catalog_admin_page\n")
    (suite / "db" / "test_ok.py").write_text("from tests.helpers.desk import Desk\n")
    assert forbidden_imports(suite) == [
        "tests/db/test_a.py:1 imports tests.db.test_visit_rules",
        "tests/db/test_b.py:1 imports tests.unit.test_service_page",
        "tests/db/test_c.py:1 imports tests.conftest",
        "tests/db/test_d.py:1 imports tests.unit.test_catalog_admin_page",
    ]


def test_helpers_are_a_package_of_their_own() -> None:
    assert (TESTS / "helpers" / "__init__.py").is_file()
    assert not [path.name for path in (TESTS / "helpers").glob("test_*.py")]
