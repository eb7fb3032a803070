"""The wheel carries the migrations, and an installed copy creates and upgrades a journal.

Nothing here needs the network: the wheel is built without isolation, and the
fresh virtual environment sees the dependencies already installed for the
tests through a ``.pth`` file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from connectlog import __version__
from connectlog.storage import migrate

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def run(args: list[str | Path], *, cwd: Path, env: dict[str, str]) -> str:
    completed = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert completed.returncode == 0, (args, completed.stdout, completed.stderr)
    return completed.stdout


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONSAFEPATH"}
        and not key.startswith("PIP_")
    }
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", **extra)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, REPO],
        cwd=REPO,
        env=clean_env(),
    )
    [built] = out.glob("connectlog-*.whl")
    return built


def test_the_wheel_carries_the_alembic_environment_and_every_revision(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "connectlog/migrations/env.py" in names
    assert "connectlog/migrations/script.py.mako" in names
    shipped = {
        Path(name).name
        for name in names
        if name.startswith("connectlog/migrations/versions/") and name.endswith(".py")
    }
    in_checkout = {path.name for path in (REPO / "migrations" / "versions").glob("*.py")}
    assert shipped == in_checkout
    assert {name.split("_")[0] for name in shipped} == set(migrate.REVISIONS)
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    assert "connectlog/__init__.py" in names
    assert "connectlog/storage/migrate.py" in names


def test_an_installed_wheel_creates_and_uses_a_journal_outside_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path, env=clean_env())
    python = venv / "bin" / "python"
    site_packages = Path(
        run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            cwd=tmp_path,
            env=clean_env(),
        ).strip()
    )
    # The test interpreter's packages (dependencies and pip) come after the venv's own.
    ours = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site_packages / "_test_dependencies.pth").write_text("\n".join(ours) + "\n")
    run(
        [python, "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed", wheel],
        cwd=tmp_path,
        env=clean_env(),
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    home = tmp_path / "home"  # made by the isolating fixture in conftest.py
    journal = tmp_path / "journals" / "journal.db"
    env = clean_env(HOME=str(home), CONNECTLOG_DB=str(journal), TZ="Europe/Berlin")
    connectlog = venv / "bin" / "connectlog"

    where = run(
        [
            python,
            "-c",
            "import connectlog, sys\n"
            "from connectlog.storage.migrate import migrations_dir\n"
            "print(connectlog.__file__)\n"
            "print(migrations_dir())\n"
            "print(connectlog.__version__)\n",
        ],
        cwd=elsewhere,
        env=env,
    ).splitlines()
    assert Path(where[0]).is_relative_to(site_packages), where
    assert not Path(where[0]).is_relative_to(REPO)
    assert Path(where[1]) == site_packages / "connectlog" / "migrations"
    assert where[2] == __version__

    assert run([connectlog, "--version"], cwd=elsewhere, env=env) == f"connectlog {__version__}\n"
    run([connectlog, "add", "Held hands on the walk home with @Sam #touch"], cwd=elsewhere, env=env)
    document = json.loads(run([connectlog, "list", "--json"], cwd=elsewhere, env=env))
    assert [entry["text"] for entry in document["entries"]] == [
        "Held hands on the walk home with @Sam #touch"
    ]
    assert document["entries"][0]["people"] == ["Sam"]
    assert document["entries"][0]["concepts"] == ["touch"]

    connection = sqlite3.connect(journal)
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        builtin = connection.execute("SELECT count(*) FROM concept WHERE builtin").fetchone()
    finally:
        connection.close()
    assert revision == [(migrate.HEAD,)]
    assert builtin == (12,)
    assert not (elsewhere / "journal.db").exists()
    assert sorted(path.name for path in elsewhere.iterdir()) == []
