"""Imports point one way: cli -> journal -> storage; analytics and render need only plain data.

The source is parsed rather than imported, so a forbidden import is found even
inside a function that no test happens to call.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import connectlog

PACKAGE = Path(connectlog.__file__).resolve().parent

UI_LIBRARIES = {"typer", "rich", "click"}
DATABASE_AND_PARSING = {"sqlalchemy", "sqlmodel", "alembic", "dateparser"}


def modules(*parts: str) -> list[Path]:
    """The Python files of a subpackage (or one module) of connectlog."""
    target = PACKAGE.joinpath(*parts)
    if target.suffix == ".py":
        return [target]
    return sorted(target.rglob("*.py"))


def resolve(node: ast.ImportFrom, path: Path) -> str:
    if not node.level:
        return node.module or ""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imported_names(node: ast.AST, path: Path) -> Iterator[str]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name
    elif isinstance(node, ast.ImportFrom):
        module = resolve(node, path)
        yield module
        for alias in node.names:
            yield f"{module}.{alias.name}"


def all_imports(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it."""
    tree = ast.parse(path.read_text(), filename=str(path))
    return {name for node in ast.walk(tree) for name in imported_names(node, path)}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _load_time_nodes(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    for statement in body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if isinstance(statement, ast.If) and _is_type_checking(statement.test):
            yield from _load_time_nodes(statement.orelse)
            continue
        yield statement
        for field in ("body", "orelse", "finalbody"):
            children = getattr(statement, field, None)
            if isinstance(children, list):
                yield from _load_time_nodes(children)
        for handler in getattr(statement, "handlers", []):
            yield from _load_time_nodes(handler.body)


def load_time_imports(path: Path) -> set[str]:
    """What a file imports when it is imported: not inside functions or TYPE_CHECKING."""
    tree = ast.parse(path.read_text(), filename=str(path))
    return {
        name
        for statement in _load_time_nodes(tree.body)
        if isinstance(statement, ast.Import | ast.ImportFrom)
        for name in imported_names(statement, path)
    }


def top(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def within(names: set[str], *prefixes: str) -> set[str]:
    return {
        name
        for name in names
        for prefix in prefixes
        if name == prefix or name.startswith(prefix + ".")
    }


def relative(path: Path) -> str:
    try:
        return str(path.relative_to(PACKAGE.parent))
    except ValueError:
        return str(path)


def imported(path: Path, *, load_time: bool = False) -> set[str]:
    """What ``path`` imports, each name as precisely as the import says it.

    ``import a.b`` is ``a.b``; ``from a import b`` is ``a.b`` (b may be a module
    or a name in one). ``load_time``: only what is imported when the file is.
    """
    tree = ast.parse(path.read_text(), filename=str(path))
    nodes = _load_time_nodes(tree.body) if load_time else ast.walk(tree)
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = resolve(node, path)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def beyond(names: set[str], allowed: tuple[str, ...]) -> set[str]:
    """The ``names`` neither in the standard library nor under one of ``allowed``."""
    return {
        name
        for name in names
        if name.split(".")[0] not in sys.stdlib_module_names and not within({name}, *allowed)
    }


#: What each layer may import (the standard library aside), anywhere in a file.
ALLOWED = {
    "analytics": ("connectlog.analytics",),
    "render": (
        "connectlog.render",
        "connectlog.journal.types",
        "connectlog.analytics",
        "connectlog.messages",
        "rich",
    ),
    "journal/types": ("connectlog.journal.types", "connectlog.analytics.periods"),  # Agenda.period
}
#: What only the models (and what describes documents) import when loaded: the
#: everyday commands run without them (tests/test_startup.py).
VALIDATION = ("sqlmodel", "pydantic", "pydantic_core", "annotated_types")


def check_allowed(path: Path, layer: str) -> None:
    """Fails if ``path``, a module of ``layer``, imports beyond the layer's allow-list."""
    assert beyond(imported(path), ALLOWED[layer]) == set(), f"{relative(path)} reaches too far"


@pytest.mark.parametrize("path", modules("analytics"), ids=relative)
def test_analytics_imports_only_itself_and_the_standard_library(path: Path) -> None:
    check_allowed(path, "analytics")


@pytest.mark.parametrize("path", modules("render"), ids=relative)
def test_render_imports_only_plain_types_analytics_messages_and_rich(path: Path) -> None:
    check_allowed(path, "render")


@pytest.mark.parametrize("path", modules("journal", "types"), ids=relative)
def test_the_plain_types_import_nothing_of_the_database(path: Path) -> None:
    check_allowed(path, "journal/types")
    loaded = beyond(imported(path, load_time=True), ("connectlog.journal.types",))
    assert loaded == set(), "only the standard library and each other"


@pytest.mark.parametrize(
    "source",
    ["import sqlalchemy\n", "def f():\n    from connectlog.journal import entries\n"],
    ids=["sqlalchemy at load time", "the journal inside a function"],
)
def test_a_probe_that_reaches_too_far_fails_the_check(tmp_path: Path, source: str) -> None:
    # The check the analytics modules are held to, on a probe as if it were one of them.
    probe = tmp_path / "connectlog" / "analytics" / "_probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(source)
    with pytest.raises(AssertionError, match="reaches too far"):
        check_allowed(probe, "analytics")
    assert PACKAGE.joinpath("analytics", "_probe.py") not in modules("analytics")


@pytest.mark.parametrize(
    "path", [*modules("journal"), *modules("storage"), *modules("models.py")], ids=relative
)
def test_below_the_cli_nothing_imports_typer_rich_or_click(path: Path) -> None:
    assert within(imported(path), *UI_LIBRARIES) == set()


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=relative)
def test_only_the_models_load_sqlmodel_or_pydantic_and_nothing_maps_classes(path: Path) -> None:
    # Mapped classes and pydantic's validators cost a command 0.1-0.2 s (bench/RESULTS.md).
    assert within(imported(path), "sqlalchemy.orm") == set()
    if path.name not in ("models.py", "documents.py"):
        assert within(imported(path, load_time=True), *VALIDATION) == set()


@pytest.mark.parametrize("path", [*modules("journal"), *modules("storage")], ids=relative)
def test_journal_and_storage_read_the_models_only_inside_functions(path: Path) -> None:
    assert within(imported(path, load_time=True), "connectlog.models") == set()


@pytest.mark.parametrize("path", modules("storage"), ids=relative)
def test_storage_imports_nothing_above_it(path: Path) -> None:
    above = ("connectlog.cli", "connectlog.journal", "connectlog.render", "connectlog.analytics")
    found = within(imported(path), *above)
    if path.name == "generate.py":  # it writes the tables out of the models
        found -= within(found, "connectlog.models")
    assert found == set()


@pytest.mark.parametrize("path", modules("journal"), ids=relative)
def test_journal_imports_neither_the_cli_nor_render(path: Path) -> None:
    assert within(imported(path), "connectlog.cli", "connectlog.render") == set()


def test_the_models_stand_on_the_vocabulary_and_the_column_types_only() -> None:
    mine = within(imported(PACKAGE / "models.py"), "connectlog")
    allowed = ("connectlog.journal.vocab", "connectlog.storage.types", "connectlog.messages")
    assert {name for name in mine if not within({name}, *allowed)} == set()


@pytest.mark.parametrize("path", modules("cli"), ids=relative)
def test_cli_modules_load_no_database_or_date_parsing_at_import(path: Path) -> None:
    loaded = load_time_imports(path)
    assert top(loaded) & DATABASE_AND_PARSING == set()
    assert top(loaded) & {"rich"} == set()
    heavy = (
        "connectlog.journal",
        "connectlog.storage",
        "connectlog.render",
        "connectlog.analytics",
    )
    assert within(loaded, *heavy) == set()


def test_the_load_time_scan_sees_through_try_and_skips_functions() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "try:\n    import sqlalchemy\nexcept ImportError:\n    import dateparser\n"
        "if TYPE_CHECKING:\n    import sqlmodel\n"
        "def f():\n    import alembic\n"
        "class C:\n    import rich\n"
        "from . import _context\n"
    )
    as_if_in = PACKAGE / "cli" / "sample.py"
    found = {
        name
        for statement in _load_time_nodes(ast.parse(source).body)
        if isinstance(statement, ast.Import | ast.ImportFrom)
        for name in imported_names(statement, as_if_in)
    }
    assert top(found) == {"typing", "sqlalchemy", "dateparser", "rich", "connectlog"}
    assert "connectlog.cli._context" in found


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )


def test_importing_the_cli_loads_no_database_date_parsing_or_rich() -> None:
    completed = run_python(
        "import sys\n"
        "import connectlog.cli\n"
        "heavy = {'sqlalchemy', 'sqlmodel', 'alembic', 'dateparser', 'rich'}\n"
        "print(sorted({name.split('.')[0] for name in sys.modules} & heavy))\n"
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "[]\n"


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_help_and_version_run_as_a_program_without_a_journal(option: str, db_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "connectlog", option],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert completed.stdout.strip()
    assert not db_path.exists()


def test_help_and_version_load_nothing_heavy() -> None:
    completed = run_python(
        "import sys\n"
        "from connectlog.cli import app\n"
        "from typer.testing import CliRunner\n"
        "runner = CliRunner()\n"
        "for option in ('--help', '--version'):\n"
        "    assert runner.invoke(app, [option]).exit_code == 0\n"
        "heavy = {'sqlalchemy', 'sqlmodel', 'alembic', 'dateparser', 'rich'}\n"
        "print(sorted({name.split('.')[0] for name in sys.modules} & heavy))\n"
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "[]\n"
