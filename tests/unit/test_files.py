"""Files written for the user: private, whole or not at all, never over the journal."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from connectlog import files
from connectlog.errors import ConnectlogError
from connectlog.files import leftover_temporaries, write_private


class Interrupted(Exception):
    """Stands for whatever stops the pieces of an export coming."""


def pieces_then_failure() -> Iterator[str]:
    yield "first piece\n"
    yield "second piece\n"
    raise Interrupted


def test_pieces_are_written_in_order_readable_by_the_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    write_private(path, iter(["a", "b\n", "", "c"]))
    assert path.read_text(encoding="utf-8") == "ab\nc"
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of its own (the test's folder holds its home too)."""
    made = tmp_path / "exports"
    made.mkdir()
    return made


def test_a_failure_midway_leaves_the_old_file_and_no_scraps(folder: Path) -> None:
    path = folder / "out.txt"
    path.write_text("what was there", encoding="utf-8")
    with pytest.raises(Interrupted):
        write_private(path, pieces_then_failure())
    assert path.read_text(encoding="utf-8") == "what was there"
    assert sorted(file.name for file in folder.iterdir()) == ["out.txt"]


def test_a_failure_midway_leaves_no_file_where_there_was_none(folder: Path) -> None:
    with pytest.raises(Interrupted):
        write_private(folder / "out.txt", pieces_then_failure())
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_journal_and_the_files_beside_it_are_refused(tmp_path: Path, suffix: str) -> None:
    journal = tmp_path / "journal.db"
    target = Path(f"{journal}{suffix}")
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(ConnectlogError, match="is the journal itself"):
        write_private(target, "overwritten", journal=journal)
    assert target.read_text(encoding="utf-8") == "precious"


def test_a_link_to_the_journal_is_the_journal(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    journal.write_text("precious", encoding="utf-8")
    link = tmp_path / "looks-harmless.json"
    link.symlink_to(journal)
    with pytest.raises(ConnectlogError, match="is the journal itself"):
        write_private(link, "overwritten", journal=journal)
    assert journal.read_text(encoding="utf-8") == "precious"


def test_another_file_beside_the_journal_is_fine(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    write_private(tmp_path / "journal.db.json", "kept", journal=journal)
    assert (tmp_path / "journal.db.json").read_text(encoding="utf-8") == "kept"


# Leftover temporary files: what a killed write leaves, and who removes it.

MINUTES = 60.0


def finished_pid() -> int:
    """The number of a process that has ended (and so writes nothing any more)."""
    completed = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(completed.stdout)


def leftover(folder: Path, name: str, *, pid: int, age: float, tail: str = "") -> Path:
    """A temporary file as a write of ``name`` by ``pid`` leaves it, untouched for ``age`` s."""
    file = folder / f".{name}.connectlog-{pid}-abc_12XY.tmp{tail}"
    file.write_text("the whole journal", encoding="utf-8")
    file.chmod(0o600)
    then = time.time() - age
    os.utime(file, (then, then))
    return file


def test_the_temporary_file_names_its_target_and_its_writer(folder: Path) -> None:
    seen: list[str] = []

    def pieces() -> Iterator[str]:
        yield "part"
        seen.extend(file.name for file in folder.iterdir())

    write_private(folder / "out.json", pieces())
    assert len(seen) == 1
    assert re.fullmatch(rf"\.out\.json\.connectlog-{os.getpid()}-[A-Za-z0-9_]+\.tmp", seen[0])


def test_a_leftover_is_a_quiet_file_whose_writer_is_gone(folder: Path) -> None:
    gone = finished_pid()
    dead = leftover(folder, "out.json", pid=gone, age=2 * MINUTES)
    beside = leftover(folder, "journal.db", pid=gone, age=2 * MINUTES, tail="-journal")
    leftover(folder, "fresh.json", pid=gone, age=5)  # its writer may have just ended
    leftover(folder, "alive.json", pid=os.getppid(), age=10 * MINUTES)  # still writing
    leftover(folder, "mine.json", pid=os.getpid(), age=10 * MINUTES)
    (folder / ".notes.tmp").write_text("someone else's")
    (folder / ".out.json.abcdefgh.tmp").write_text("not marked")
    assert leftover_temporaries(folder) == sorted([dead, beside])


def test_a_file_untouched_for_a_day_is_a_leftover_whoever_wrote_it(folder: Path) -> None:
    old = leftover(folder, "out.json", pid=os.getppid(), age=files.ABANDONED + 1)
    assert leftover_temporaries(folder) == [old]


def test_links_and_folders_are_never_leftovers(folder: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep")
    gone = finished_pid()
    (folder / f".a.connectlog-{gone}-x.tmp").symlink_to(precious)
    (folder / f".b.connectlog-{gone}-x.tmp").mkdir()
    assert leftover_temporaries(folder, now=time.time() + files.ABANDONED * 2) == []


def test_a_folder_that_cannot_be_read_has_no_leftovers(tmp_path: Path) -> None:
    assert leftover_temporaries(tmp_path / "missing") == []


def test_writing_a_file_removes_its_own_leftovers_only(folder: Path) -> None:
    gone = finished_pid()
    mine = leftover(folder, "out.json", pid=gone, age=2 * MINUTES)
    other = leftover(folder, "other.json", pid=gone, age=2 * MINUTES)
    writing = leftover(folder, "out.json", pid=os.getppid(), age=2 * MINUTES)
    write_private(folder / "out.json", "new")
    assert not mine.exists()
    assert other.exists() and writing.exists()
    assert (folder / "out.json").read_text(encoding="utf-8") == "new"


def test_an_unmarked_temporary_of_earlier_versions_goes_only_when_old_and_private(
    folder: Path,
) -> None:
    def unmarked(name: str, mode: int, age: float) -> Path:
        file = folder / name
        file.write_text("the whole journal")
        file.chmod(mode)
        then = time.time() - age
        os.utime(file, (then, then))
        return file

    old = unmarked(".out.json.k2j_x9qa.tmp", 0o600, files.ABANDONED + 1)
    young = unmarked(".out.json.p0w8e7rt.tmp", 0o600, 2 * MINUTES)
    shared = unmarked(".out.json.zzzzzzzz.tmp", 0o644, files.ABANDONED + 1)
    others = unmarked(".other.json.k2j_x9qa.tmp", 0o600, files.ABANDONED + 1)
    write_private(folder / "out.json", "new")
    assert not old.exists()
    assert young.exists() and shared.exists() and others.exists()


KILLED_WRITER = """
import sys, time
from pathlib import Path
from connectlog.files import write_private

def pieces():
    yield "private entries"
    print("writing", flush=True)
    time.sleep(60)
    yield "never"

write_private(Path(sys.argv[1]), pieces())
"""


def test_a_killed_write_leaves_a_marked_file_that_the_next_write_removes(folder: Path) -> None:
    target = folder / "journal.json"
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(target)], stdout=subprocess.PIPE, text=True
    ) as writer:
        try:
            assert writer.stdout is not None
            assert writer.stdout.readline() == "writing\n"
            (temporary,) = folder.iterdir()
            # still writing, however long it seems to have been
            assert leftover_temporaries(folder, now=time.time() + 2 * MINUTES) == []
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait()
    assert temporary.stat().st_mode & 0o777 == 0o600
    assert leftover_temporaries(folder) == []  # too fresh to tell: it may be a moment ago
    then = time.time() - 2 * MINUTES
    os.utime(temporary, (then, then))
    assert leftover_temporaries(folder) == [temporary]
    write_private(target, "whole")
    assert sorted(file.name for file in folder.iterdir()) == ["journal.json"]
