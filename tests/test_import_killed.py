"""An import killed part-way leaves the journal exactly as it was: one transaction, always.

``connectlog import`` runs as a process on a file of thousands of entries and is
killed with SIGKILL at moments spread over its length (reading the file,
writing entries, indexing them, committing), many times; each time the journal
holds what it held before, every table, the search index and the review and
removal tables too, and the next import completes.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, journal_dump, rows
from tests.journal_contents import everything_at

pytestmark = pytest.mark.slow

SIZE = 20_000
KILLS = 14


def big_export(path: Path, size: int) -> None:
    """A connectlog export of ``size`` entries, as ``export`` writes them, made quickly."""
    rng = random.Random(7)
    profile = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    head = {
        "version": 1,
        "type": "export",
        "exported_at": "2026-11-22T19:00:00+00:00",
        "private": True,
        "profiles": [
            {"name": "Robin", "uuid": profile, "aliases": [], "imported": False,
             "created_at": "2020-01-01T00:00:00+00:00", "sent_name": None}
        ],
        "concepts": [],
        "people": [],
        "reviews": [],
        "removals": [],
        "count": size,
    }  # fmt: skip
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps(head)[:-1] + ', "entries": [\n')
        for number in range(size):
            day = f"2021-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
            record = {
                "id": number + 1,
                "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "text": f"Moment {number}: a walk, a talk and tea with @Sam #trust",
                "title": f"Moment {number}: a walk, a talk and tea with @Sam #trust",
                "occurred_at": f"{day}T20:{number % 60:02d}:00+01:00",
                "author": "Robin",
                "people": ["Sam"],
                "concepts": ["trust", "touch"][: number % 2 + 1],
                "kind": None, "touch": None, "closeness": number % 5 + 1,
                "initiated_by": None, "response": None, "mood_before": None,
                "mood_after": None, "appreciation": False, "starred": number % 7 == 0,
                "created_at": f"{day}T21:00:00+00:00", "updated_at": f"{day}T21:00:00+00:00",
                "private": number % 10 == 0,
            }  # fmt: skip
            out.write(("" if number == 0 else ",\n") + json.dumps(record))
        out.write("\n]}\n")


def state(db_path: Path) -> tuple[Any, ...]:
    """What a user could lose, with the tables journal_dump leaves out."""
    return (
        journal_dump(db_path),
        everything_at(db_path),
        rows(db_path, "SELECT * FROM removal ORDER BY id"),
        rows(db_path, "SELECT * FROM review_line ORDER BY id"),
        rows(db_path, "SELECT name, sql FROM sqlite_master ORDER BY name"),
    )


def start(db_path: Path, export: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "connectlog", "--db", str(db_path), "import", str(export)],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_killed_import_leaves_the_journal_exactly_as_it_was(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    cli.ok("add", "Held hands on the walk home @Sam #touch", "-c", "4")
    cli.ok("add", "A moment taken back")
    cli.ok("delete", "2", "--yes")
    export = tmp_path / "big.json"
    big_export(export, SIZE)
    with sqlite3.connect(db_path) as connection:  # all of it in the file, to copy
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = state(db_path)
    pristine = db_path.read_bytes()
    # How long a whole import takes here, at its quickest of two runs in a copy:
    # the kills are spread over it.
    lengths = []
    for trial_run in range(2):
        trial = tmp_path / f"trial{trial_run}.db"
        trial.write_bytes(pristine)
        began = time.monotonic()
        assert start(trial, export).wait(timeout=300) == 0
        lengths.append(time.monotonic() - began)
    length = min(lengths)
    rng = random.Random(1234)
    midway = 0
    for attempt in range(KILLS):
        process = start(db_path, export)
        # Spread over the first 80% of a whole import's length.
        time.sleep(0.8 * length * (attempt + rng.random()) / KILLS)
        process.send_signal(signal.SIGKILL)
        code = process.wait(timeout=60)
        assert code in (0, -signal.SIGKILL)
        if state(db_path) == before:
            assert code == -signal.SIGKILL
            midway += 1
            continue
        # On a machine busier during the trials than now, a late kill can land after
        # the commit, or after the end: then all of the import is there.
        assert rows(db_path, "SELECT count(*) FROM entry") == [(SIZE + 1,)], (
            f"after the kill at attempt {attempt}: neither as before nor all imported"
        )
        for leftover in db_path.parent.glob(db_path.name + "-*"):
            leftover.unlink()
        db_path.write_bytes(pristine)
    # Most kills must have landed inside the import, or the test proved nothing.
    assert midway >= KILLS - 3
    assert start(db_path, export).wait(timeout=300) == 0
    assert rows(db_path, "SELECT count(*) FROM entry") == [(SIZE + 1,)]


def test_the_progress_bar_is_drawn_on_stderr_at_a_terminal_and_never_on_stdout(
    tmp_path: Path, db_path: Path
) -> None:
    import pty

    export = tmp_path / "big.json"
    big_export(export, SIZE)
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "connectlog", "--db", str(db_path), "import", str(export)],
        env={**os.environ, "COLUMNS": "80"},
        stdout=subprocess.PIPE,
        stderr=follower,
    )
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the process closed its end
            break
        if not chunk:
            break
        drawn += chunk
    stdout, _ = process.communicate(timeout=300)
    os.close(leader)
    assert process.returncode == 0
    assert stdout == b""
    assert b"Writing" in drawn and b"Imported 20000 entries" in drawn
    # Without a terminal: the one line, no bar (tests/cli/test_import.py runs them so too).
    piped = subprocess.run(
        [sys.executable, "-m", "connectlog", "--db", str(db_path), "import", str(export)],
        env=dict(os.environ),
        capture_output=True,
        timeout=300,
    )
    assert piped.stdout == b""
    assert piped.stderr.decode().count("\n") == 1 and b"Writing" not in piped.stderr
