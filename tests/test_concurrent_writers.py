"""Four processes adding 250 entries each, at once: exactly 1,000 entries, no error, none lost.

Each writer is one Python process that runs ``connectlog add`` 250 times in a
row, every one a whole command invocation (``connectlog.cli.main`` with its own
arguments, its own journal session and write transaction), as 250 processes
would, without paying 250 interpreter start-ups on a two-core machine. Two
writers write as the same profile, the others each as their own.

The second test adds a fifth process that, while they write, runs ``export``
and ``summary`` in a loop: every export it writes is whole and valid, and a
consistent moment of the journal: of each writer's entries it holds the first
so many and no others, in the order they were added, and its count says how
many it holds; each summary counts at least what the one before it counted.

(``tests/test_storage.py`` races two writers through the journal layer, and
``tests/test_couple_week.py`` two profiles through the CLI; here there are more
of them, through ``main`` itself, with a reader beside them.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, rows

pytestmark = pytest.mark.slow

PER_WRITER = 250
#: The profile each writer writes as: the first and third both as Alex.
WRITERS = ("Alex", "Sam", "Alex", "Robin")

#: One writer: ``connectlog add`` run COUNT times in this interpreter. Prints one
#: line for an invocation that did not exit 0, and "done" at the end.
WRITER = """
import sys
from connectlog.cli import main

db, profile, label, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
for number in range(count):
    sys.argv = ["connectlog", "--db", db, "--as", profile, "add",
                f"{label} {number}: a moment of writer {label} #touch", "-c", str(number % 5 + 1)]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code not in (0, None):
        print(f"{label} {number}: exit {code}", flush=True)
print("done", flush=True)
"""

#: The fifth process: ``export`` to a new file and ``summary --json`` in a loop, until
#: the file STOP appears; each summary's document is kept in SUMMARIES, one a line.
READER = """
import contextlib, io, os, sys
from pathlib import Path
from connectlog.cli import main

db, folder, stop, summaries = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]

def run(*args):
    sys.argv = ["connectlog", "--db", db, *args]
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code not in (0, None):
        print(f"{args[0]}: exit {code}", flush=True)
    return out.getvalue()

number = 0
with open(summaries, "w") as kept:
    while True:
        last = stop.exists()  # one more round after the writers have ended
        run("export", "-o", str(folder / f"export-{number:04d}.json"))
        kept.write(run("summary", "--together", "--since", "2000-01-01", "--json")
                   .replace("\\n", "") + "\\n")
        number += 1
        if last:
            break
print("done", flush=True)
"""


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[str]]]:
    """The processes a test starts; any still running when it ends are killed."""
    processes: list[subprocess.Popen[str]] = []
    yield processes
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.communicate()


def start(
    started: list[subprocess.Popen[str]], tmp_path: Path, script: str, *args: str
) -> subprocess.Popen[str]:
    path = tmp_path / f"{abs(hash(script))}.py"
    # Written once: rewriting it while an earlier process reads it could hand that
    # process an empty file, which Python runs as an empty script, exiting 0.
    if not path.exists():
        path.write_text(script, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(path), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    started.append(process)
    return process


def writers(
    started: list[subprocess.Popen[str]], tmp_path: Path, db: Path
) -> list[subprocess.Popen[str]]:
    return [
        start(started, tmp_path, WRITER, str(db), profile, f"w{index}", str(PER_WRITER))
        for index, profile in enumerate(WRITERS)
    ]


def assert_ended_well(process: subprocess.Popen[str], *, saved: int) -> None:
    """It printed "done" and nothing else, and said "Saved entry" ``saved`` times."""
    stdout, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    assert stdout == "done\n", stdout
    lines = stderr.splitlines()
    assert [line for line in lines if not line.startswith("Saved entry ")] == []
    assert len(lines) == saved


@pytest.fixture
def journal(cli: Cli, tmp_path: Path) -> Path:
    db = tmp_path / "shared.db"
    for name in sorted(set(WRITERS)):
        cli.ok("--db", str(db), "profile", "add", name)
    return db


def written(db: Path) -> dict[str, list[tuple[int, int]]]:
    """Each writer's (number, id) pairs, as stored, by the writer's label."""
    found: dict[str, list[tuple[int, int]]] = {}
    for entry_id, text in rows(db, "SELECT id, text FROM entry ORDER BY id"):
        label, number = text.split(":")[0].split()
        found.setdefault(label, []).append((int(number), entry_id))
    return found


def assert_in_order(by_writer: dict[str, list[tuple[int, int]]], counts: dict[str, int]) -> None:
    """Each writer's entries are its first ``counts[label]``, ids rising as it added them."""
    assert set(by_writer) <= {f"w{index}" for index in range(len(WRITERS))}
    for label in by_writer:
        pairs = sorted(by_writer[label], key=lambda pair: pair[1])
        assert [number for number, _ in pairs] == list(range(counts[label])), label


def test_four_writers_at_once_end_with_exactly_a_thousand_entries(
    cli: Cli, tmp_path: Path, journal: Path, started: list[subprocess.Popen[str]]
) -> None:
    processes = writers(started, tmp_path, journal)
    for process in processes:
        assert_ended_well(process, saved=PER_WRITER)
    assert rows(journal, "SELECT count(*), count(DISTINCT uuid) FROM entry") == [(1000, 1000)]
    by_writer = written(journal)
    assert_in_order(by_writer, dict.fromkeys(by_writer, PER_WRITER))
    # They did write at once: the writers' entries are interleaved, not one run after another.
    labels = [text.split()[0] for (text,) in rows(journal, "SELECT text FROM entry ORDER BY id")]
    assert sum(a != b for a, b in pairwise(labels)) > 50
    authors = rows(
        journal,
        "SELECT profile.name, count(*) FROM entry JOIN profile ON profile.id = entry.author_id"
        " GROUP BY profile.name ORDER BY profile.name",
    )
    assert authors == [("Alex", 500), ("Robin", 250), ("Sam", 250)]
    assert rows(journal, "SELECT count(*) FROM entry_concept") == [(1000,)]
    assert rows(journal, "PRAGMA integrity_check") == [("ok",)]
    doctor = cli("--db", str(journal), "doctor")
    assert doctor.exit_code == 0, doctor.stdout
    # The search index holds every one of them.
    found = cli.ok("--db", str(journal), "list", "--search", "writer", "--limit", "0", "--json")
    assert len(json.loads(found.stdout)["entries"]) == 1000


def test_an_export_and_summary_loop_beside_them_sees_consistent_moments(
    cli: Cli, tmp_path: Path, journal: Path, started: list[subprocess.Popen[str]]
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir(mode=0o700)
    stop = tmp_path / "stop"
    summaries = tmp_path / "summaries.jsonl"
    reader = start(started, tmp_path, READER, str(journal), str(exports), str(stop), str(summaries))
    processes = writers(started, tmp_path, journal)
    for process in processes:
        assert_ended_well(process, saved=PER_WRITER)
    stop.touch()
    stdout, stderr = reader.communicate(timeout=600)
    assert reader.returncode == 0, stderr
    assert stdout == "done\n", stdout
    assert "Traceback" not in stderr
    assert rows(journal, "SELECT count(*) FROM entry") == [(1000,)]
    assert_in_order(written(journal), dict.fromkeys(written(journal), PER_WRITER))

    made = sorted(exports.glob("export-*.json"))
    assert len(made) >= 3, "the reader ran too few times to say anything"
    assert sorted(exports.iterdir()) == made  # no temporary file left behind
    ids: dict[str, int] = {}
    sizes = []
    for path in made:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        assert (data["version"], data["type"]) == (1, "export")
        assert data["count"] == len(data["entries"])
        by_writer: dict[str, list[tuple[int, int]]] = {}
        for entry in data["entries"]:
            label, number = entry["text"].split(":")[0].split()
            by_writer.setdefault(label, []).append((int(number), entry["id"]))
            assert ids.setdefault(entry["uuid"], entry["id"]) == entry["id"]
        counts = {label: len(pairs) for label, pairs in by_writer.items()}
        assert_in_order(by_writer, counts)
        sizes.append(data["count"])
    assert sizes == sorted(sizes), "a later export held fewer entries than an earlier one"
    assert sizes[-1] == 1000  # the last was made once every writer had ended
    assert any(0 < size < 1000 for size in sizes), "no export was made while they wrote"

    counted = [
        json.loads(line)["current"]["entries"] for line in summaries.read_text().splitlines()
    ]
    assert len(counted) == len(made)
    assert counted == sorted(counted) and counted[-1] == 1000
