"""SIGKILL at any moment of any command that writes: one sound journal, nothing finished lost.

Each command of a scenario runs as a process of its own and is killed with
SIGKILL after a random delay drawn over how long the whole command takes on
this machine (measured first, in scratch copies), and a little past it, so
some runs finish; the delays are spread evenly over that window. The time a
process spends importing Python is not part of that length: the harness learns,
from one run, which modules the command loads, and every run is a process
forked from a server that has imported them (see :data:`RUNNER`), so that the
kills land in the command's own work (parsing, opening and upgrading the
journal, writing, committing, renaming a file into place, ending) and a run
costs no interpreter start-up.

After every kill, whatever it hit:

- the journal passes ``PRAGMA integrity_check``, opens (``list --json``), and
  ``connectlog doctor`` finds nothing to attend to;
- every entry whose command exited 0 is there, and what the killed command was
  writing is there whole or not at all;
- a file an export or backup writes is absent or whole and valid at its name,
  never part of one; the temporary files a kill leaves are removed by the next
  run to the same place, or by ``doctor --fix``, once nobody can be writing them.

``tests/test_import_killed.py`` kills a 20,000-entry import of connectlog's own
export and ``tests/test_upgrades.py`` a bare upgrade, more often; here each
command gets fewer kills and the same checks.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from connectlog.storage import migrate
from tests.conftest import Cli, journal_dump, rows
from tests.test_migrations import make_first_revision_journal

pytestmark = pytest.mark.slow

#: A server of runs of one command, each in a process forked from it, so that a run
#: starts at once with what that command imports already imported (the delay before
#: a kill is spent in the command's own work, not in Python's start-up). Its first
#: request runs the command once to learn what it imports (written to FILE), and the
#: server imports the same before it says "ready". A request is a JSON line
#: {"args": [...], "stderr": PATH}; the answer is the child's pid; the next line
#: (anything) lets it be reaped, and the answer to that is its exit code and how long
#: it ran. The child is reaped only when told, so its pid cannot go to another
#: process before the test has killed it.
RUNNER = """
import atexit, importlib, json, os, sys, time
modules = sys.argv[1]

def run(request, learn=False):
    began = time.monotonic()
    pid = os.fork()
    if pid == 0:
        quiet = os.open(os.devnull, os.O_RDWR)
        os.dup2(quiet, 0)
        os.dup2(quiet, 1)
        os.dup2(os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
        if learn:
            def keep():
                with open(modules, "w") as out:
                    out.write("\\n".join(sorted(sys.modules)))
            atexit.register(keep)
        sys.argv = ["connectlog", *request["args"]]
        from connectlog.cli import main
        main()
        sys.exit(0)
    if not learn:
        print(pid, flush=True)
        sys.stdin.readline()
    _, status = os.waitpid(pid, 0)
    return {"code": os.waitstatus_to_exitcode(status), "took": time.monotonic() - began}

learned = run(json.loads(sys.stdin.readline()), learn=True)
if learned["code"] == 0:
    with open(modules) as names:
        for name in names.read().split():
            if name.split(".")[0] == "__main__" or name.endswith("__main__"):
                continue
            try:
                importlib.import_module(name)
            except BaseException:
                pass
print(json.dumps(learned), flush=True)
while line := sys.stdin.readline():
    print(json.dumps(run(json.loads(line))), flush=True)
"""

#: How far past a whole run's length the kills are spread (some runs finish).
PAST = 1.2
#: How many kills of a command that writes must land before its commit, at the least,
#: for the test to have proved something (the rest may land after it: a process
#: still has its output to write and its interpreter to end once it has committed).
EARLY = 2


@dataclass
class Outcome:
    args: list[str]
    code: int
    delay: float
    stderr: str
    took: float  # from its start until it ended or was killed

    @property
    def finished(self) -> bool:
        return self.code == 0


@dataclass
class Killer:
    """Runs one command again and again as a process, killing it at random moments.

    ``env``: what the processes' environment has besides the tests' own.
    """

    tmp_path: Path
    name: str
    seed: int
    env: dict[str, str] = field(default_factory=dict)
    length: float = 0.0
    measured: float = 0.0
    outcomes: list[Outcome] = field(default_factory=list)
    spread: int = 10
    window: float = 1.0
    parts: list[int] = field(default_factory=list)
    server: subprocess.Popen[str] | None = None

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.modules = self.tmp_path / f"{self.name}.modules"
        self.script = self.tmp_path / "runner.py"
        self.script.write_text(RUNNER, encoding="utf-8")
        self.stderr = self.tmp_path / f"{self.name}.stderr"
        self.began = time.monotonic()

    def measure(self, prepare: Callable[[], list[str]]) -> None:
        """Learn what the command imports, then time three whole runs: the quickest is its length.

        ``prepare`` makes a scratch place for one run and gives its arguments.
        """
        self.server = subprocess.Popen(
            [sys.executable, str(self.script), str(self.modules)],
            env={**os.environ, **self.env},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._send({"args": prepare(), "stderr": str(self.stderr)})
        assert json.loads(self._answer())["code"] == 0, self.stderr.read_text()
        lengths = []
        for _ in range(3):
            self._send({"args": prepare(), "stderr": str(self.stderr)})
            int(self._answer())
            self._send({})
            done = json.loads(self._answer())
            assert done["code"] == 0, self.stderr.read_text()
            lengths.append(done["took"])
        self.length = min(lengths)
        self.measured = time.monotonic() - self.began

    def _send(self, request: dict[str, Any]) -> None:
        assert self.server is not None and self.server.stdin is not None
        self.server.stdin.write(json.dumps(request) + "\n")
        self.server.stdin.flush()

    def _answer(self) -> str:
        assert self.server is not None and self.server.stdout is not None
        return self.server.stdout.readline().strip()

    def run(self, args: list[str]) -> Outcome:
        """Run ``args``, killed after a random delay unless it finishes first.

        The delays are spread evenly: each one falls in the next of :attr:`spread`
        equal parts of the window (in shuffled order), at random within it.
        """
        if not self.parts:
            self.parts = self.rng.sample(range(self.spread), self.spread)
        part = self.parts.pop()
        delay = self.window * PAST * self.length * (part + self.rng.random()) / self.spread
        self._send({"args": args, "stderr": str(self.stderr)})
        pid = int(self._answer())
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)  # not reaped yet: still this run's, even if ended
        self._send({})
        done = json.loads(self._answer())
        code = done["code"]
        stderr = self.stderr.read_text(encoding="utf-8", errors="replace")
        assert code in (0, -signal.SIGKILL), (args, code, stderr)
        assert "Traceback" not in stderr
        outcome = Outcome(args, code, delay, stderr, done["took"])
        if outcome.finished:  # the machine is quicker now than when measured
            self.length = min(self.length, outcome.took)
        self.outcomes.append(outcome)
        return outcome

    def finish(self, args: list[str]) -> None:
        """Run ``args`` to its end, unkilled."""
        self._send({"args": args, "stderr": str(self.stderr)})
        int(self._answer())
        self._send({})
        code = json.loads(self._answer())["code"]
        assert code == 0, (args, code, self.stderr.read_text())

    def close(self) -> None:
        if self.server is not None:
            self.server.communicate(timeout=30)  # closes its stdin: it ends
            self.server = None

    @property
    def kills(self) -> int:
        return sum(not outcome.finished for outcome in self.outcomes)

    def rounds(self, kills: int, *, window: float = 1.0) -> Iterator[int]:
        """Round numbers until ``kills`` runs were killed (and a few more may finish).

        ``window``: the part of a run (from its start) the kills are spread over.
        """
        number = 0
        self.spread, self.parts, self.window = kills, [], window
        while self.kills < kills:
            assert number < 4 * kills, f"{self.name}: too few runs were killed: {self.outcomes}"
            yield number
            number += 1

    def report(self) -> str:
        return (
            f"{self.name}: {len(self.outcomes)} runs, {self.kills} killed, "
            f"length {self.length:.3f} s, measured in {self.measured:.1f} s, "
            f"{time.monotonic() - self.began:.1f} s in all"
        )


Killers = Callable[..., Killer]


@pytest.fixture
def killers(tmp_path: Path) -> Iterator[Killers]:
    made: list[Killer] = []

    def make(name: str, *, seed: int) -> Killer:
        killer = Killer(tmp_path, name, seed=seed)
        made.append(killer)
        return killer

    yield make
    for killer in made:
        killer.close()


# --- the journal after a kill ----------------------------------------------------------


def private_folder(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True)
    return path


def copy_folder(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)


def settled(db: Path) -> None:
    """Everything of ``db`` in its main file, so that copying the folder copies it all."""
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def entries(cli: Cli, db: Path, *, limit: int = 0) -> list[dict[str, Any]]:
    """The journal's entries as ``list --json`` gives them (all, or the newest ``limit``):
    it must open."""
    result = cli("--db", str(db), "list", "--json", "--limit", str(limit))
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    found: list[dict[str, Any]] = json.loads(result.stdout)["entries"]
    return found


def doctor_findings(cli: Cli, db: Path, *fix: str) -> list[dict[str, Any]]:
    result = cli("--db", str(db), "doctor", "--json", *fix)
    findings: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return findings


def assert_clean(cli: Cli, db: Path) -> None:
    result = cli("--db", str(db), "doctor", "--json")
    findings = json.loads(result.stdout)["findings"]
    attention = [finding for finding in findings if finding["status"] == "attention"]
    assert result.exit_code == 0 and not attention, attention


def assert_sound(cli: Cli, db: Path, *, limit: int = 0) -> list[dict[str, Any]]:
    """Integrity, the journal opens, the doctor is content; its entries (see :func:`entries`)."""
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    found = entries(cli, db, limit=limit)
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db, "PRAGMA foreign_key_check") == []
    assert_clean(cli, db)
    return found


def texts(found: list[dict[str, Any]]) -> set[str]:
    return {entry["text"] for entry in found}


def temporaries(folder: Path, name: str) -> list[Path]:
    """The temporary files of writing ``name`` in ``folder`` (files.temporary_beside's names)."""
    return sorted(folder.glob(f".{name}.connectlog-*"))


def age(paths: list[Path], seconds: float = 120.0) -> None:
    """Make ``paths`` look untouched for ``seconds``, as if the kill were long ago."""
    moment = time.time() - seconds
    for path in paths:
        os.utime(path, (moment, moment))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return private_folder(tmp_path / "journal")


@pytest.fixture
def db(folder: Path) -> Path:
    return folder / "journal.db"


def add_many(cli: Cli, db: Path, count: int, *, label: str = "Moment") -> None:
    for number in range(count):
        cli.ok("--db", str(db), "add", f"{label} {number} with @Sam #trust", "-c", "3")


def bulk(cli: Cli, db: Path, tmp_path: Path, count: int) -> None:
    """``count`` entries in the journal at ``db``, quickly (one import)."""
    source = tmp_path / f"bulk-{count}.json"
    jrnl_export(source, count)
    cli.ok("--db", str(db), "import", str(source))


def scratch(tmp_path: Path, source: Path, name: str) -> Callable[[], Path]:
    """A maker of fresh copies of the folder ``source``; each returns its journal."""
    made = [0]

    def fresh() -> Path:
        made[0] += 1
        target = tmp_path / f"scratch-{name}-{made[0]}"
        copy_folder(source, target)
        return target / "journal.db"

    return fresh


# --- add, edit, delete -----------------------------------------------------------------


def test_add_killed_keeps_every_saved_entry_and_the_killed_one_whole_or_not_at_all(
    cli: Cli, tmp_path: Path, folder: Path, db: Path, killers: Killers
) -> None:
    add_many(cli, db, 3)
    settled(db)
    fresh = scratch(tmp_path, folder, "add")
    killer = killers("add", seed=1)
    killer.measure(lambda: ["--db", str(fresh()), "add", "Trial @Sam #touch", "-c", "4"])
    saved = texts(entries(cli, db))
    tried: set[str] = set()
    lost = 0  # kills that landed before the commit
    for number in killer.rounds(14):
        text = f"Killed moment {number} with @Sam and @Robin #touch #repair"
        outcome = killer.run(["--db", str(db), "add", text, "-c", "4", "--kind", "physical"])
        tried.add(text)
        if outcome.finished:
            saved.add(text)
        found = assert_sound(cli, db)
        lost += text not in texts(found)
        assert saved <= texts(found) <= saved | tried, outcome
        for entry in found:
            if entry["text"] in tried:  # all of it, or it would not be there
                assert sorted(entry["people"]) == ["Robin", "Sam"], entry
                assert sorted(entry["concepts"]) == ["repair", "touch"], entry
                assert (entry["closeness"], entry["kind"]) == (4, "physical"), entry
        # What was saved is found by a search too (the index is written with it).
        searched = cli.ok("--db", str(db), "list", "--search", "Killed", "--json", "--limit", "0")
        assert texts(json.loads(searched.stdout)["entries"]) == texts(found) & tried
    print(killer.report(), f"(before the commit: {lost})")
    assert lost >= EARLY


def test_edit_killed_leaves_the_entry_before_or_after_never_between(
    cli: Cli, tmp_path: Path, folder: Path, db: Path, killers: Killers
) -> None:
    add_many(cli, db, 3)
    settled(db)
    fresh = scratch(tmp_path, folder, "edit")
    killer = killers("edit", seed=2)
    killer.measure(lambda: ["--db", str(fresh()), "edit", "2", "--text", "Trial #repair"])

    def entry_two(found: list[dict[str, Any]]) -> dict[str, Any]:
        (entry,) = [entry for entry in found if entry["id"] == 2]
        return entry

    before = entry_two(entries(cli, db))
    early = 0
    for number in killer.rounds(12):
        closeness = number % 5 + 1
        text = f"Edited {number}: with @Robin #repair"
        args = ["--db", str(db), "edit", "2", "--text", text, "-c", str(closeness), "--star"]
        outcome = killer.run(args)
        now = entry_two(assert_sound(cli, db))
        if outcome.finished or now["text"] == text:
            assert now["text"] == text
            assert (now["closeness"], now["starred"]) == (closeness, True), now
            assert now["people"] == ["Robin"] and now["concepts"] == ["repair"], now
            assert now["updated_at"] > before["updated_at"]
        else:
            assert now == before, outcome
            early += 1
        before = now
    print(killer.report(), f"(before the commit: {early})")
    assert early >= EARLY


def test_delete_killed_takes_the_entry_away_whole_or_leaves_it(
    cli: Cli, tmp_path: Path, folder: Path, db: Path, killers: Killers
) -> None:
    add_many(cli, db, 50)
    settled(db)
    fresh = scratch(tmp_path, folder, "delete")
    killer = killers("delete", seed=3)
    killer.measure(lambda: ["--db", str(fresh()), "delete", "50", "--yes"])
    first = entries(cli, db)
    uuids = {entry["id"]: entry["uuid"] for entry in first}
    kept = set(uuids)
    early = 0
    for number in killer.rounds(12):
        target = number + 1
        outcome = killer.run(["--db", str(db), "delete", str(target), "--yes"])
        found = {entry["id"] for entry in assert_sound(cli, db)}
        if outcome.finished:
            kept.discard(target)
        assert found in (kept, kept - {target}), outcome
        early += target in found
        kept = found
        gone = {uuids[number] for number in set(uuids) - kept}
        # Each entry taken away left its removal, so an older export cannot bring it back.
        assert {uuid for (uuid,) in rows(db, "SELECT uuid FROM removal")} == gone
        assert rows(db, "SELECT count(*) FROM entry_person") == [(len(kept),)]
    print(killer.report(), f"(before the commit: {early})")
    assert early >= EARLY


# --- share import, import ----------------------------------------------------------------


def test_share_import_killed_brings_in_the_whole_bundle_or_none_of_it(
    cli: Cli, tmp_path: Path, folder: Path, db: Path, killers: Killers
) -> None:
    add_many(cli, db, 2)
    partner = private_folder(tmp_path / "partner") / "sam.db"
    cli.ok("--db", str(partner), "profile", "add", "Sam")
    for number in range(40):
        cli.ok("--db", str(partner), "--as", "Sam", "add", f"Sam's moment {number} @Alex #trust",
               "--when", f"{number % 5 + 1} days ago")  # fmt: skip
    bundle = tmp_path / "bundle.json"
    cli.ok("--db", str(partner), "--as", "Sam", "share", "export", "--weeks", "2", "-o",
           str(bundle))  # fmt: skip
    settled(db)
    pristine = tmp_path / "pristine"
    copy_folder(folder, pristine)
    before = journal_dump(db)
    fresh = scratch(tmp_path, folder, "share")
    killer = killers("share", seed=4)
    killer.measure(lambda: ["--db", str(fresh()), "share", "import", str(bundle)])
    early = 0
    for _ in killer.rounds(13):
        outcome = killer.run(["--db", str(db), "share", "import", str(bundle)])
        found = assert_sound(cli, db)
        if journal_dump(db) == before:
            assert not outcome.finished
            early += 1
            continue
        # In, all of it (a kill after the commit, or a run that finished).
        assert len(found) == 42, outcome
        assert sum(entry["author"] == "Sam" for entry in found) == 40
        copy_folder(pristine, folder)
    print(killer.report(), f"(before the commit: {early})")
    assert early >= EARLY


def jrnl_export(path: Path, count: int) -> None:
    """A jrnl JSON export (``jrnl --format json``) of ``count`` entries."""
    made = [
        {
            "title": f"Walked to the lake, number {number}.",
            "body": "We talked the whole way. #trust @Sam",
            "date": f"2024-{number % 12 + 1:02d}-{number % 28 + 1:02d}",
            "time": f"{number % 24:02d}:{number % 60:02d}",
            "tags": ["#trust", "@sam"],
            "starred": number % 3 == 0,
        }
        for number in range(count)
    ]
    path.write_text(json.dumps({"tags": {"#trust": count, "@sam": count}, "entries": made}))


def test_import_of_another_programs_journal_killed_brings_all_or_nothing(
    cli: Cli, tmp_path: Path, folder: Path, db: Path, killers: Killers
) -> None:
    add_many(cli, db, 2)
    source = tmp_path / "jrnl.json"
    jrnl_export(source, 300)
    settled(db)
    pristine = tmp_path / "pristine"
    copy_folder(folder, pristine)
    before = journal_dump(db)
    fresh = scratch(tmp_path, folder, "import")
    killer = killers("import", seed=5)
    killer.measure(lambda: ["--db", str(fresh()), "import", str(source)])
    early = 0
    for _ in killer.rounds(13):
        outcome = killer.run(["--db", str(db), "import", str(source)])
        found = assert_sound(cli, db)
        if journal_dump(db) == before:
            assert not outcome.finished
            early += 1
            continue
        assert len(found) == 302, outcome
        assert sum(entry["people"] == ["Sam"] for entry in found) == 302
        copy_folder(pristine, folder)
    print(killer.report(), f"(before the commit: {early})")
    assert early >= EARLY


# --- export, backup ----------------------------------------------------------------------


#: The entries of the journal that is exported and backed up: enough for the writing
#: of the file to take a while.
SIZE = 2000


def assert_whole_export(path: Path, count: int) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["type"], data["count"], len(data["entries"])) == ("export", count, count)


def assert_whole_backup(path: Path, count: int) -> None:
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert rows(path, "SELECT count(*) FROM entry") == [(count,)]
    assert rows(path, "SELECT version_num FROM alembic_version") == [(migrate.HEAD,)]


def test_export_killed_leaves_no_part_of_a_file_and_its_leftovers_are_removed(
    cli: Cli, tmp_path: Path, folder: Path, db: Path, killers: Killers
) -> None:
    bulk(cli, db, tmp_path, SIZE)
    settled(db)
    before = journal_dump(db)
    target = folder / "export.json"  # beside the journal, where the doctor looks too
    place = private_folder(tmp_path / "place") / "export.json"
    killer = killers("export", seed=6)
    killer.measure(lambda: ["--db", str(db), "export", "-o", str(place)])
    for number in killer.rounds(13):
        if number % 3 == 0:
            target.unlink(missing_ok=True)  # a first export, or one over the last
        elif not target.exists():
            target.write_text('{"an": "older file"}')
        older = target.read_text() if target.exists() else None
        outcome = killer.run(["--db", str(db), "export", "-o", str(target)])
        assert_sound(cli, db, limit=1)
        assert journal_dump(db) == before
        if outcome.finished:
            assert_whole_export(target, SIZE)
        elif target.exists() and target.read_text() != older:
            assert_whole_export(target, SIZE)  # renamed into place just before the kill
        # Whatever was left is the writer's until it has been still for a while.
        for leftover in temporaries(folder, target.name):
            assert leftover.stat().st_mode & 0o077 == 0
    left = temporaries(folder, target.name)
    assert left, "no kill left a temporary file: the kills missed the writing"
    # Long after, the next export to the same place removes what the killed ones left.
    age(left)
    killer.finish(["--db", str(db), "export", "-o", str(target)])
    assert temporaries(folder, target.name) == []
    assert_whole_export(target, SIZE)
    # ... and the doctor finds those of a place no export went back to, and removes them.
    for number in killer.rounds(killer.kills + 6):
        killer.run(["--db", str(db), "export", "-o", str(folder / f"other-{number}.json")])
    others = sorted(folder.glob(".other-*.connectlog-*"))
    assert others
    age(others)
    leftovers = [f for f in doctor_findings(cli, db) if f["check"] == "leftovers"]
    assert [f["status"] for f in leftovers] == ["attention"]
    doctor_findings(cli, db, "--fix")
    assert sorted(folder.glob(".other-*.connectlog-*")) == []
    assert_clean(cli, db)
    for written in folder.glob("other-*.json"):
        assert_whole_export(written, SIZE)
    print(killer.report())


#: A process that starts a copy beside the path it is given and ends without finishing it.
HALF_A_COPY = """
import os, sys
from pathlib import Path
from connectlog import files
fd, _ = files.temporary_beside(Path(sys.argv[1]))
os.write(fd, b"SQLite format 3\\x00 and the first pages of a copy")
os._exit(0)
"""


def test_backup_killed_leaves_no_part_of_a_copy_and_its_leftovers_are_removed(
    cli: Cli, tmp_path: Path, folder: Path, db: Path, killers: Killers
) -> None:
    bulk(cli, db, tmp_path, SIZE)
    settled(db)
    before = journal_dump(db)
    backups = folder / "backups"
    target = folder / "copy.db"
    place = private_folder(tmp_path / "place") / "copy.db"
    killer = killers("backup", seed=7)
    killer.measure(lambda: ["--db", str(db), "backup", "-o", str(place)])
    checked: dict[Path, int] = {}
    for number in killer.rounds(13):
        to_file = number % 2 == 1
        killer.run(["--db", str(db), "backup", *(["-o", str(target)] if to_file else [])])
        assert_sound(cli, db, limit=1)
        assert journal_dump(db) == before
        for copy in [*backups.glob("*.db"), *([target] if target.exists() else [])]:
            if checked.get(copy) != copy.stat().st_mtime_ns:
                assert_whole_backup(copy, SIZE)
                checked[copy] = copy.stat().st_mtime_ns
    left = [*backups.glob(".*.connectlog-*"), *temporaries(folder, target.name)]
    if not left:  # copies quicker than any kill here: leave what a killed copy leaves
        for beside in (target, backups / "journal-20261203T000000Z.db"):
            subprocess.run([sys.executable, "-c", HALF_A_COPY, str(beside)], check=True)
        left = [*backups.glob(".*.connectlog-*"), *temporaries(folder, target.name)]
    assert len(left) >= 1
    age(left)
    # The next backup to a file removes its own leftovers, the doctor all the others.
    killer.finish(["--db", str(db), "backup", "-o", str(target)])
    assert temporaries(folder, target.name) == []
    age([*backups.glob(".*.connectlog-*")])
    doctor_findings(cli, db, "--fix")
    assert list(backups.glob(".*.connectlog-*")) == []
    assert_clean(cli, db)
    print(killer.report())


# --- an upgrade of the schema ------------------------------------------------------------


def test_an_upgrade_killed_by_the_first_command_after_it_loses_nothing(
    cli: Cli, tmp_path: Path, killers: Killers
) -> None:
    template = private_folder(tmp_path / "template") / "journal.db"
    make_first_revision_journal(template)
    old = journal_dump(template)
    fresh = scratch(tmp_path, template.parent, "upgrade")
    killer = killers("upgrade", seed=8)
    killer.measure(lambda: ["--db", str(fresh()), "add", "After the upgrade #trust"])
    upgraded = 0
    # The upgrade is the first part of the run (the add and the process's end follow it).
    for _ in killer.rounds(12, window=0.5):
        db = fresh()
        outcome = killer.run(["--db", str(db), "add", "After the upgrade #trust"])
        (revision,) = rows(db, "SELECT version_num FROM alembic_version")[0]
        assert revision in ("0001", migrate.HEAD), outcome
        assert rows(db, "PRAGMA integrity_check") == [("ok",)]
        if revision == "0001":
            assert journal_dump(db) == old
        else:
            upgraded += 1
        found = assert_sound(cli, db)  # opening it upgrades it, if the kill did not
        expected = {"Held hands on the walk home", "Long talk about the move. We both felt heard."}
        added = {"After the upgrade #trust"} if outcome.finished else set()
        assert expected | added <= texts(found) <= expected | {"After the upgrade #trust"}
        assert rows(db, "SELECT version_num FROM alembic_version") == [(migrate.HEAD,)]
    print(killer.report(), f"(upgraded before the kill: {upgraded})")
    assert killer.kills - upgraded >= EARLY


# --- encrypting the journal in place -------------------------------------------------------


def encrypted_rows(db: Path, passphrase: str, sql: str) -> list[tuple[Any, ...]]:
    """Read an encrypted journal as the sqlcipher shell would, with its passphrase."""
    import sqlcipher3  # the test extra installs it (a missing extra fails, as it should)

    connection = sqlcipher3.connect(str(db))
    try:
        connection.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
        return list(connection.execute(sql).fetchall())
    finally:
        connection.close()


def test_encrypt_killed_leaves_one_whole_journal_plain_or_encrypted(
    cli: Cli,
    tmp_path: Path,
    folder: Path,
    db: Path,
    killers: Killers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    passphrase = "correct horse battery staple"
    secret = tmp_path / "passphrase"
    secret.write_text(passphrase + "\n")
    secret.chmod(0o600)
    monkeypatch.setenv("CONNECTLOG_PASSPHRASE_FILE", str(secret))
    bulk(cli, db, tmp_path, 300)
    settled(db)
    pristine = tmp_path / "pristine"
    copy_folder(folder, pristine)
    before = journal_dump(db)
    fresh = scratch(tmp_path, folder, "encrypt")
    killer = killers("encrypt", seed=9)
    killer.measure(lambda: ["--db", str(fresh()), "encrypt"])
    early = 0
    for _ in killer.rounds(10):
        outcome = killer.run(["--db", str(db), "encrypt"])
        if db.read_bytes()[:16] == b"SQLite format 3\x00":
            assert not outcome.finished
            early += 1
            assert_sound(cli, db, limit=1)
            assert journal_dump(db) == before
            continue
        checked = "SELECT (SELECT integrity_check FROM pragma_integrity_check), count(*) FROM entry"
        assert encrypted_rows(db, passphrase, checked) == [("ok", 300)]
        assert len(entries(cli, db)) == 300
        assert_clean(cli, db)
        for leftover in temporaries(folder, db.name):
            assert leftover.stat().st_mode & 0o077 == 0
        kept = {leftover.name: leftover.read_bytes() for leftover in temporaries(folder, db.name)}
        copy_folder(pristine, folder)
        for name, content in kept.items():  # what the kills left, for the cleaning below
            (folder / name).write_bytes(content)
            (folder / name).chmod(0o600)
    print(killer.report(), f"(before the swap: {early})")
    assert early >= EARLY
    # Long after, the next conversion of the journal removes what killed ones left.
    left = temporaries(folder, db.name)
    age(left)
    killer.finish(["--db", str(db), "encrypt"])
    assert temporaries(folder, db.name) == []
    assert len(entries(cli, db)) == 300
    assert_clean(cli, db)
