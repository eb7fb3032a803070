"""Start-up: a run imports only what its command needs (issue: fast as a thought).

Each case runs connectlog in a fresh interpreter and lists the heavy packages
that ended up imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "dateparser", "rich")
SCRIPT = f"""
import sys
from connectlog.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
loaded = {{name.split(".")[0] for name in sys.modules}} & set({HEAVY!r})
loaded |= {{name for name in sys.modules if name == "sqlalchemy.orm"}}
print("loaded:", *sorted(loaded), file=sys.stderr)
"""


def loaded(*args: str) -> set[str]:
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    last = completed.stderr.splitlines()[-1]
    assert last.startswith("loaded:"), completed.stderr
    return set(last.split()[1:])


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["add", "--help"], ["db", "path"]])
def test_help_version_and_db_path_load_no_database_or_date_library(args: list[str]) -> None:
    assert loaded(*args) == set()


def test_a_common_date_needs_no_dateparser(db_path: Path) -> None:
    loaded("add", "The first entry makes and migrates the journal")
    found = loaded("add", "Dinner together", "--when", "yesterday 8pm")
    assert "dateparser" not in found and "alembic" not in found
    assert "sqlalchemy" in found  # it did write the entry


def test_other_dates_go_to_dateparser(db_path: Path) -> None:
    assert "dateparser" in loaded("add", "Dinner together", "--when", "last friday")


def test_a_summary_on_a_current_journal_loads_no_alembic(db_path: Path) -> None:
    loaded("add", "Dinner together")
    found = loaded("summary")
    assert "alembic" not in found and "dateparser" not in found


@pytest.mark.parametrize("args", [["list"], ["summary"], ["add", "Tea on the balcony #touch"]])
def test_everyday_commands_load_no_orm_and_no_pydantic(db_path: Path, args: list[str]) -> None:
    # Mapped classes and pydantic's validators cost a run 0.1-0.2 s (bench/RESULTS.md).
    loaded("add", "The first entry makes and migrates the journal")
    found = loaded(*args)
    assert "sqlalchemy" in found  # it did read the journal
    assert found.isdisjoint({"sqlalchemy.orm", "sqlmodel", "pydantic"})
