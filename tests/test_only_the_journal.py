"""Only the journal is ever touched: what --db names is refused before anything is done to it.

A device, a FIFO, a folder or a link to one; a file that cannot be a
database; another program's SQLite file: each is refused in one line, its
bytes and mode as they were, nothing made beside it. A damaged journal is
refused for writes, pointing at ``connectlog doctor`` and ``connectlog restore``.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from connectlog.cli import app
from tests.conftest import Cli, assert_user_error, journal_dump, rows

Made = Callable[[Path], Path]


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every name under ``folder`` with its mode and, for a regular file, its bytes' hash."""
    found = {}
    for path in sorted(folder.rglob("*")):
        status = path.lstat()
        digest = ""
        if stat.S_ISREG(status.st_mode):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        found[str(path.relative_to(folder))] = (status.st_mode, digest)
    return found


def fifo(folder: Path) -> Path:
    path = folder / "journal.db"
    os.mkfifo(path, 0o644)
    return path


def link_to_fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe", 0o644)
    (folder / "journal.db").symlink_to(folder / "pipe")
    return folder / "journal.db"


def a_folder(folder: Path) -> Path:
    (folder / "journal.db").mkdir(mode=0o755)
    return folder / "journal.db"


def link_to_folder(folder: Path) -> Path:
    (folder / "elsewhere").mkdir(mode=0o755)
    (folder / "journal.db").symlink_to(folder / "elsewhere")
    return folder / "journal.db"


def link_to_dev_null(folder: Path) -> Path:
    (folder / "journal.db").symlink_to("/dev/null")
    return folder / "journal.db"


def link_to_nothing(folder: Path) -> Path:
    (folder / "journal.db").symlink_to(folder / "not-there.db")
    return folder / "journal.db"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (fifo, "is a named pipe (FIFO), not a journal file"),
        (link_to_fifo, "is a named pipe (FIFO), not a journal file"),
        (a_folder, "is a folder, not a journal file"),
        (link_to_folder, "is a folder, not a journal file"),
        (link_to_dev_null, "is a character device, not a journal file"),
        (link_to_nothing, "is a link to a file that is not there"),
    ],
)
@pytest.mark.parametrize("command", [["list"], ["add", "Tea on the balcony"], ["summary"]])
def test_what_is_not_a_regular_file_is_refused_before_anything_is_done_to_it(
    cli: Cli, tmp_path: Path, make: Made, said: str, command: list[str]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = make(folder)
    before = snapshot(folder)

    result = cli("--db", str(path), *command)

    assert_user_error(result, 1, str(path), said, "Nothing was changed")
    assert snapshot(folder) == before


def test_dev_null_itself_keeps_its_mode(cli: Cli) -> None:
    # As root, opening /dev/null as the journal once chmodded it to 0600.
    dev_null = Path("/dev/null")
    before = dev_null.stat()

    for command in (["list"], ["add", "Tea on the balcony"], ["backup"], ["doctor"]):
        result = cli("--db", "/dev/null", *command)
        assert result.exit_code == 1, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        assert dev_null.stat().st_mode == before.st_mode

    assert_user_error(cli("--db", "/dev/null", "list"), 1, "/dev/null is a character device")


def test_the_environment_naming_a_fifo_is_refused_too(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fifo(tmp_path)
    monkeypatch.setenv("CONNECTLOG_DB", str(path))

    assert_user_error(cli("add", "Tea"), 1, "is a named pipe (FIFO)")
    assert stat.S_IMODE(path.lstat().st_mode) == 0o644


def sqlite_file(path: Path, script: str) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.executescript(script)
        connection.commit()
    finally:
        connection.close()


FOREIGN: dict[str, tuple[Callable[[Path], object], str]] = {
    "another program's tables": (
        lambda path: sqlite_file(path, "CREATE TABLE notes (x); INSERT INTO notes VALUES (1);"),
        "holds tables connectlog did not make",
    ),
    "another program's alembic_version": (
        lambda path: sqlite_file(
            path,
            "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY);"
            "INSERT INTO alembic_version VALUES ('ae1027a6acf');"
            "CREATE TABLE users (id INTEGER PRIMARY KEY);",
        ),
        "is another program's database (its schema revision 'ae1027a6acf'",
    ),
    "a database marked as another program's, no tables yet": (
        lambda path: sqlite_file(path, "PRAGMA application_id = 1234;"),
        "is another program's database (it is marked as one",
    ),
    "one byte": (lambda path: path.write_bytes(b"x"), "is not a connectlog journal"),
    "a hundred zero bytes": (lambda path: path.write_bytes(bytes(100)), "is not a connectlog"),
    "a text file": (
        lambda path: path.write_text("dear diary\n" * 40, encoding="utf-8"),
        "is not a connectlog journal",
    ),
    "SQLite's header and nothing else": (
        lambda path: path.write_bytes(b"SQLite format 3\x00"),
        "is not a connectlog journal",
    ),
    "SQLite's header and 4 KiB of noise": (
        lambda path: path.write_bytes(
            b"SQLite format 3\x00" + random.Random(7).randbytes(4096 - 16)
        ),
        "is not a connectlog journal",
    ),
}


@pytest.mark.parametrize("name", FOREIGN)
@pytest.mark.parametrize(
    "command", [["list"], ["add", "Tea on the balcony"], ["concepts", "add", "play"]]
)
def test_a_file_that_is_not_a_journal_is_refused_its_bytes_and_mode_unchanged(
    cli: Cli, tmp_path: Path, name: str, command: list[str]
) -> None:
    make, said = FOREIGN[name]
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "notes.db"
    make(path)
    path.chmod(0o644)
    before = snapshot(folder)

    result = cli("--db", str(path), *command)

    assert_user_error(result, 1, str(path), said)
    assert snapshot(folder) == before  # not switched to WAL, not chmodded, not backed up


def test_an_empty_file_becomes_a_new_journal(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    path.touch()

    cli.ok("--db", str(path), "add", "Tea on the balcony")

    assert rows(path, "SELECT text FROM entry") == [("Tea on the balcony",)]


# --- a damaged journal ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def sound_journal(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A journal of 41 entries over several pages, made once for the module."""
    folder = tmp_path_factory.mktemp("sound")
    path = folder / "journal.db"
    env = {
        "CONNECTLOG_DB": str(path),
        "HOME": str(folder),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "CONNECTLOG_CONFIG": str(folder / "no-config.toml"),
    }
    runner = Cli().runner
    moments = [["add", "Held hands on the walk home", "-w", "Sam", "-t", "trust"]]
    moments += [["add", f"Moment {number} " + "words " * 60] for number in range(40)]
    for args in moments:
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, result.stderr
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path.read_bytes()


@pytest.fixture
def journal(db_path: Path, sound_journal: bytes) -> Path:
    db_path.write_bytes(sound_journal)
    db_path.chmod(0o600)
    return db_path


def damage(path: Path, how: str) -> None:
    """Overwrite a page of the entries in place, the journal still in WAL mode, its WAL empty."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (page_size,) = connection.execute("PRAGMA page_size").fetchone()
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'entry'"
        ).fetchone()
        leaves = [
            number
            for (number,) in connection.execute(
                "SELECT pageno FROM dbstat WHERE name = 'entry' AND pagetype = 'leaf'"
                " ORDER BY pageno"
            )
        ]
    finally:
        connection.close()
    with path.open("r+b") as handle:
        if how == "root page":
            handle.seek((root - 1) * page_size)
            handle.write(b"\x0d" + b"\xff" * 64)
        elif how == "cells of a leaf in the middle":  # its header intact: only a check sees it
            handle.seek((leaves[len(leaves) // 2] - 1) * page_size + 200)
            handle.write(random.Random(2).randbytes(page_size - 400))
        else:
            handle.seek((leaves[len(leaves) // 2] - 1) * page_size)
            handle.write(bytes(page_size))


DAMAGES = ("root page", "cells of a leaf in the middle", "a leaf zeroed")


@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize(
    "command",
    [
        ["add", "Written after the damage"],
        ["edit", "1", "--text", "Changed after the damage"],
        ["delete", "-y", "2"],
        ["concepts", "add", "play"],
        ["profile", "add", "Sam"],
    ],
)
def test_a_damaged_journal_takes_no_write_and_says_doctor_and_restore(
    cli: Cli, journal: Path, how: str, command: list[str]
) -> None:
    damage(journal, how)
    before = journal.read_bytes()

    result = cli(*command)

    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert "Traceback" not in line
    assert f"The journal {journal} is damaged" in line
    assert "connectlog doctor" in line and "connectlog restore" in line
    assert journal.read_bytes() == before
    wal = journal.with_name(journal.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # not a frame written


def test_the_text_of_a_refused_add_is_kept_and_a_restore_makes_the_journal_writable(
    cli: Cli, journal: Path, tmp_path: Path
) -> None:
    sound = tmp_path / "sound.db"
    cli.ok("backup", "-o", str(sound))
    damage(journal, "cells of a leaf in the middle")

    result = cli("add", "Written after the damage")

    assert result.exit_code == 1
    assert "is damaged" in result.stderr and "Your text is kept in" in result.stderr
    cli.ok("restore", str(sound))
    cli.ok("add", "Written after the restore")
    texts = [text for (text,) in rows(journal, "SELECT text FROM entry ORDER BY id")]
    assert texts[-1] == "Written after the restore" and len(texts) == 42


def test_reads_of_a_damaged_journal_end_in_the_same_line(
    cli: Cli, journal: Path, tmp_path: Path
) -> None:
    damage(journal, "a leaf zeroed")
    exported = tmp_path / "out.json"

    for command in (["list", "--limit", "0"], ["summary"], ["export", "-o", str(exported)]):
        result = cli(*command)
        assert_user_error(result, 1, "is damaged", "connectlog doctor", "connectlog restore")
    assert not exported.exists()


def test_a_sound_journal_still_takes_writes(cli: Cli, journal: Path) -> None:
    before = len(journal_dump(journal))

    cli.ok("add", "One more", "-w", "Sam")

    assert len(journal_dump(journal)) > before
