"""The passphrase typed at a terminal: hidden, asked twice when it is set, through a real pty.

Each test runs ``python -m connectlog`` under pexpect with the test's own
journal (the autouse fixture's CONNECTLOG_DB is inherited) and no passphrase
file or command, so the terminal is where the passphrase comes from.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, cast

import pexpect
import pytest
import sqlcipher3  # the encrypted extra; the test extra installs it

from tests.conftest import Cli

pytestmark = pytest.mark.slow

PASSPHRASE = "a passphrase typed, never shown"
HEADER = b"SQLite format 3\x00"


def spawn(*args: str) -> pexpect.spawn[str]:
    env = {**os.environ, "TERM": "dumb"}
    for variable in ("CONNECTLOG_PASSPHRASE_FILE", "CONNECTLOG_NEW_PASSPHRASE_FILE"):
        env.pop(variable, None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "connectlog", *args],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(24, 200),
    )


def answer(child: pexpect.spawn[str], question: str, reply: str) -> None:
    child.expect_exact(question)
    child.sendline(reply)


def finish(child: pexpect.spawn[str]) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None, child.signalstatus
    return child.exitstatus, cast(str, child.before)


def texts(path: Path, passphrase: str = PASSPHRASE) -> list[Any]:
    connection = sqlcipher3.connect(str(path))
    try:
        connection.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
        return [text for (text,) in connection.execute("SELECT text FROM entry ORDER BY id")]
    finally:
        connection.close()


def make(db_path: Path) -> None:
    child = spawn("init", "--encrypt")
    answer(child, f"New passphrase for {db_path}: ", PASSPHRASE)
    answer(child, "The same passphrase again: ", PASSPHRASE)
    status, said = finish(child)
    assert status == 0, said
    assert PASSPHRASE not in said  # typed unseen
    assert "Made a new encrypted journal" in said


def test_init_encrypt_asks_twice_unseen_and_every_command_asks_once(db_path: Path) -> None:
    make(db_path)
    assert db_path.read_bytes()[:16] != HEADER
    child = spawn("add", "Typed at the terminal")
    answer(child, f"Passphrase for {db_path}: ", PASSPHRASE)
    answer(child, "Your name", "")  # a first run at a terminal asks; Enter takes the login
    status, said = finish(child)
    assert (status, PASSPHRASE in said) == (0, False), said
    assert said.strip().endswith("Saved entry 1.")
    child = spawn("backup")  # several connections and a new file: asked once all the same
    answer(child, f"Passphrase for {db_path}: ", PASSPHRASE)
    status, said = finish(child)
    assert status == 0, said
    assert said.count("Passphrase for") == 0  # the one prompt was answered before
    assert texts(db_path) == ["Typed at the terminal"]


def test_text_on_stdin_and_the_passphrase_at_the_terminal(db_path: Path, tmp_path: Path) -> None:
    make(db_path)
    text = tmp_path / "entry.txt"
    text.write_text("From a pipe, the passphrase from the terminal\n")
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", f"{sys.executable} -m connectlog add < {text}"],
        env={**os.environ, "TERM": "dumb"},
        encoding="utf-8",
        timeout=60,
    )
    answer(child, f"Passphrase for {db_path}: ", PASSPHRASE)
    status, said = finish(child)
    assert status == 0, said
    assert texts(db_path) == ["From a pipe, the passphrase from the terminal"]


def test_two_different_passphrases_make_no_journal(db_path: Path) -> None:
    child = spawn("init", "--encrypt")
    answer(child, "New passphrase for", PASSPHRASE)
    answer(child, "The same passphrase again: ", PASSPHRASE + " but not quite")
    status, said = finish(child)
    assert status == 1
    assert said.strip().splitlines()[-1] == (
        "Error: The two passphrases differ; nothing was changed."
    )
    assert not db_path.exists()


def test_an_empty_passphrase_is_refused(db_path: Path) -> None:
    child = spawn("init", "--encrypt")
    answer(child, "New passphrase for", "")
    status, said = finish(child)
    assert status == 1
    assert said.strip().splitlines()[-1] == (
        "Error: A passphrase cannot be empty; nothing was changed."
    )
    assert not db_path.exists()


def test_encrypt_a_plain_journal_at_the_terminal_and_mismatch_changes_nothing(
    cli: Cli, db_path: Path
) -> None:
    cli.ok("add", "Plain first")
    before = db_path.read_bytes()
    child = spawn("encrypt")
    answer(child, "New passphrase for", PASSPHRASE)
    answer(child, "The same passphrase again: ", "something else")
    status, said = finish(child)
    assert status == 1 and "The two passphrases differ" in said
    assert db_path.read_bytes() == before
    child = spawn("encrypt")
    answer(child, "New passphrase for", PASSPHRASE)
    answer(child, "The same passphrase again: ", PASSPHRASE)
    status, said = finish(child)
    assert status == 0, said
    assert texts(db_path) == ["Plain first"]


def test_a_wrong_passphrase_typed_is_one_line(db_path: Path) -> None:
    make(db_path)
    before = db_path.read_bytes()
    child = spawn("list")
    answer(child, f"Passphrase for {db_path}: ", "not it")
    status, said = finish(child)
    assert status == 1
    lines = [line for line in said.strip().splitlines() if line]
    assert lines == [
        f"Error: Wrong passphrase for {db_path} (or the file is damaged); nothing was changed."
    ]
    assert db_path.read_bytes() == before


def test_passphrase_asks_the_current_one_then_the_new_one_twice(db_path: Path) -> None:
    make(db_path)
    child = spawn("passphrase")
    answer(child, f"Passphrase for {db_path}: ", PASSPHRASE)
    answer(child, "New passphrase for", "the new one")
    answer(child, "The same passphrase again: ", "the new one")
    status, said = finish(child)
    assert status == 0, said
    assert "Changed the passphrase" in said
    assert texts(db_path, "the new one") == []


def test_passphrase_with_a_wrong_current_one_asks_no_new_one(db_path: Path) -> None:
    make(db_path)
    before = db_path.read_bytes()
    child = spawn("passphrase")
    answer(child, f"Passphrase for {db_path}: ", "wrong")
    status, said = finish(child)
    assert status == 1
    assert "Wrong passphrase" in said and "New passphrase" not in said
    assert db_path.read_bytes() == before
