"""The layering of docs/architecture.md, held: the import-linter contracts of pyproject.toml
(the direction of flow, pages and callbacks never reaching db/, the features' one
direction), and two rules import-linter cannot say: Dash only in layout pieces, SQL only in
db/."""

from __future__ import annotations

import ast
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]
DASH_PACKAGES = frozenset({"dash", "dash_bootstrap_components", "dash_ag_grid", "plotly"})
SQL_BUILDERS = frozenset(
    {"select", "insert", "update", "delete", "text", "func", "and_", "or_", "case", "exists",
     "literal", "literal_column", "union", "union_all", "values", "bindparam", "tuple_",
     "Table", "MetaData", "column", "table"}
)  # fmt: skip
SQL_MODULES = ("sqlalchemy.sql", "sqlalchemy.dialects", "sqlalchemy.schema")
DASH_ALLOWED_FOLDERS = ("dashboard/ui/", "dashboard/web/", "dashboard/figures/")


def _modules(folder: str) -> Iterator[Path]:
    yield from sorted((ROOT / folder).rglob("*.py"))


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of a module except those under ``if TYPE_CHECKING:`` (annotations only)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            yield from (inner for child in node.orelse for inner in ast.walk(child))
            continue
        yield node
        yield from _runtime_nodes(node)


def _imports(path: Path) -> Iterator[tuple[str, tuple[str, ...], int]]:
    """Every import a module runs: (module imported, names taken from it, line)."""
    for node in _runtime_nodes(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, (), node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, tuple(alias.name for alias in node.names), node.lineno


def _is_layout_piece(relative: str) -> bool:
    name = Path(relative).stem
    return (
        relative.startswith(DASH_ALLOWED_FOLDERS)
        or name.endswith(("_layout", "_ids"))
        or "/layout/" in relative
        or "_layout/" in relative
    )


def test_the_import_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    result = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    report = capsys.readouterr().out
    assert result == 0, report


def test_only_layout_pieces_and_the_web_glue_import_dash() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in _modules("dashboard")
        if not _is_layout_piece(path.relative_to(ROOT).as_posix())
        for module, _names, line in _imports(path)
        if module.split(".")[0] in DASH_PACKAGES
    ]
    assert offenders == []


def test_only_db_builds_sql() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line} takes {sorted(set(names) & SQL_BUILDERS)} from {module}"
        for folder in ("dashboard", "callbacks", "pages")
        for path in _modules(folder)
        for module, names, line in _imports(path)
        if module.split(".")[0] == "sqlalchemy"
        and (
            set(names) & SQL_BUILDERS
            or module.startswith(("sqlalchemy.sql", "sqlalchemy.dialects"))
        )
    ]
    assert offenders == []


def test_the_contracts_catch_a_page_that_imports_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same contracts, over a tiny tree whose page reaches the database: broken."""
    for package, body in {
        "pages": "from db import models\n",
        "callbacks": "",
        "dashboard": "",
        "db": "",
    }.items():
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text(body)
    (tmp_path / "db" / "models.py").write_text("")
    config = (ROOT / "pyproject.toml").read_text()
    contracts = config[config.index("[tool.importlinter]") :]
    features = contracts.index('[[tool.importlinter.contracts]]\nname = "Features')
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent(contracts[:features]))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)  # import-linter looks for the packages from here first
    for name in ("pages", "callbacks", "dashboard", "db"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    result = lint_imports(config_filename=str(tmp_path / "pyproject.toml"), no_cache=True)
    report = capsys.readouterr().out
    assert result == 1
    assert "pages is not allowed to import db" in report
