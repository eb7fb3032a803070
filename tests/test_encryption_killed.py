"""encrypt, decrypt and passphrase killed (SIGKILL) at every step: one whole journal is left.

``encrypt`` and ``decrypt`` are killed at named steps of storage/encryption.py
(a real process whose steps are wrapped to kill it right after one returns):
before the swap the journal is as it was, after it the converted one is there
whole, and nothing between. ``passphrase`` (one ``PRAGMA rekey``) is killed at
moments spread over how long a run takes: the old passphrase or the new one
opens the journal, with every entry.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3  # the encrypted extra; the test extra installs it

pytestmark = pytest.mark.slow

PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "a new passphrase after the kills"
HEADER = b"SQLite format 3\x00"
ENTRIES = 400

#: Run connectlog with the step named in $KILL_AFTER (``name`` or ``name#n``: its nth call)
#: of storage/encryption.py (or of files.py, for ``files.NAME``) killing the process as
#: soon as it returns.
KILLED_AFTER = """
import os, signal, sys
from connectlog import files
from connectlog.storage import encryption
name, _, nth = os.environ["KILL_AFTER"].partition("#")
module = files if name.startswith("files.") else encryption
name = name.removeprefix("files.")
original = getattr(module, name)
calls = []
def step(*args, **kwargs):
    result = original(*args, **kwargs)
    calls.append(name)
    if len(calls) == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
    return result
setattr(module, name, step)
sys.argv[0] = "connectlog"
from connectlog.cli import main
main()
"""

#: The steps of a conversion, in order, and whether the journal is converted after each.
STEPS = [
    ("_hold", False),  # held: rollback mode, the write lock taken
    ("_export", False),  # the copy written beside it
    ("_check", False),  # the copy checked with the new key
    ("files.sync#1", False),  # the copy flushed to disk
    ("files.sync#2", True),  # swapped in, its folder flushed, the old header not yet zeroed
    ("_swap", True),  # the old file's header zeroed
]


def keyed_rows(path: Path, sql: str, passphrase: str) -> list[tuple[Any, ...]]:
    connection = sqlcipher3.connect(str(path))
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key, tried on purpose
        connection.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
        return list(connection.execute(sql).fetchall())
    finally:
        connection.close()


def plain_rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


SOUND = "SELECT (SELECT integrity_check FROM pragma_integrity_check), count(*) FROM entry"
TEXTS = "SELECT uuid, text FROM entry ORDER BY id"


def connectlog(
    db: Path, *args: str, env: dict[str, str], kill_after: str | None = None
) -> subprocess.CompletedProcess[str]:
    command = (
        [sys.executable, "-c", KILLED_AFTER] if kill_after else [sys.executable, "-m", "connectlog"]
    )
    return subprocess.run(
        [*command, "--db", str(db), *args],
        env={**env, **({"KILL_AFTER": kill_after} if kill_after else {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    new = tmp_path / "new-passphrase"
    new.write_text(NEW_PASSPHRASE + "\n")
    found = {**os.environ, "CONNECTLOG_PASSPHRASE_FILE": str(secret)}
    found["CONNECTLOG_NEW_PASSPHRASE_FILE"] = str(new)
    return found


def filled(db: Path, env: dict[str, str], *, encrypt: bool, entries: int = ENTRIES) -> None:
    """A journal of ``entries`` entries (each a few hundred words), plain or encrypted."""
    done = connectlog(db, "init", *(["--encrypt"] if encrypt else []), env=env)
    assert done.returncode == 0, done.stderr
    done = connectlog(db, "add", "The first moment #touch", "--with", "Sam", env=env)
    assert done.returncode == 0, done.stderr
    connection = sqlcipher3.connect(str(db))
    try:
        if encrypt:
            connection.execute("PRAGMA key = '" + PASSPHRASE + "'")
        columns = [row[1] for row in connection.execute("PRAGMA table_info(entry)")]
        copied = [c for c in columns if c not in ("id", "uuid", "text")]
        names = ", ".join(copied)
        with connection:
            for n in range(entries - 1):
                connection.execute(
                    f"INSERT INTO entry (uuid, text, {names}) "
                    f"SELECT lower(hex(randomblob(16))), ?, {names} FROM entry WHERE id = 1",
                    (f"Moment {n}: " + "we talked for a long time " * 40,),
                )
    finally:
        connection.close()


def leftovers(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f".{db.name}.connectlog-*"))


def age(paths: list[Path]) -> None:
    long_ago = time.time() - 2 * 24 * 3600
    for path in paths:
        os.utime(path, (long_ago, long_ago))


@pytest.mark.parametrize(("step", "converted"), STEPS, ids=[step for step, _ in STEPS])
@pytest.mark.parametrize("command", ["encrypt", "decrypt"])
def test_a_conversion_killed_after_each_step_leaves_one_whole_journal(
    tmp_path: Path, env: dict[str, str], command: str, step: str, converted: bool
) -> None:
    db = tmp_path / "data" / "journal.db"
    was_encrypted = command == "decrypt"
    filled(db, env, encrypt=was_encrypted)
    before = keyed_rows(db, TEXTS, PASSPHRASE) if was_encrypted else plain_rows(db, TEXTS)

    killed = connectlog(db, command, env=env, kill_after=step)

    assert killed.returncode == -signal.SIGKILL, killed.stderr
    encrypted_now = db.read_bytes()[:16] != HEADER
    assert encrypted_now == (was_encrypted != converted)
    if encrypted_now:
        assert keyed_rows(db, SOUND, PASSPHRASE) == [("ok", ENTRIES)]
        assert keyed_rows(db, TEXTS, PASSPHRASE) == before
    else:
        assert plain_rows(db, SOUND) == [("ok", ENTRIES)]
        assert plain_rows(db, TEXTS) == before
    assert sorted(p.name for p in db.parent.iterdir() if not p.name.startswith(".")) == [
        "journal.db"
    ]  # no WAL or rollback journal of the old file beside the new one
    assert db.stat().st_mode & 0o777 == 0o600
    for leftover in leftovers(db):
        assert leftover.stat().st_mode & 0o077 == 0  # the copy is the owner's only

    # Every command opens it; the next conversion finishes the job and, long after,
    # removes what the killed one left.
    listed = connectlog(db, "list", "--limit", "1", env=env)
    assert listed.returncode == 0, listed.stderr
    age(leftovers(db))
    again = "decrypt" if encrypted_now else "encrypt"
    done = connectlog(db, again, env=env)
    assert done.returncode == 0, done.stderr
    assert leftovers(db) == []
    done = connectlog(db, "doctor", env=env)
    assert done.returncode in (0, 1), done.stderr
    assert "integrity" in done.stdout and "!!  integrity" not in done.stdout


def test_passphrase_killed_at_any_moment_leaves_the_old_or_the_new_one(
    tmp_path: Path, env: dict[str, str]
) -> None:
    db = tmp_path / "data" / "journal.db"
    filled(db, env, encrypt=True, entries=2000)
    before = keyed_rows(db, TEXTS, PASSPHRASE)
    pristine = tmp_path / "pristine.db"
    pristine.write_bytes(db.read_bytes())
    started = time.monotonic()
    done = connectlog(db, "passphrase", env=env)
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert keyed_rows(db, SOUND, NEW_PASSPHRASE) == [("ok", 2000)]

    randomly = random.Random(13)
    seen = {PASSPHRASE: 0, NEW_PASSPHRASE: 0}
    for n in range(10):
        db.write_bytes(pristine.read_bytes())
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        child = subprocess.Popen(
            [sys.executable, "-m", "connectlog", "--db", str(db), "passphrase"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Spread over the whole run, the later half (where the rekey is) more densely.
        time.sleep(took * (randomly.uniform(0.5, 1.0) if n % 3 else randomly.uniform(0, 1)))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        opened = []
        for passphrase in seen:
            try:
                found = keyed_rows(db, SOUND, passphrase)
            except sqlcipher3.DatabaseError:
                continue
            assert found == [("ok", 2000)]
            assert keyed_rows(db, TEXTS, passphrase) == before
            opened.append(passphrase)
        assert len(opened) == 1, opened  # exactly one passphrase opens it, whole
        seen[opened[0]] += 1
    print("kept the old passphrase", seen[PASSPHRASE], "times, the new one", seen[NEW_PASSPHRASE])
    assert seen[PASSPHRASE] >= 1  # some kills came before the rekey's commit


WRITER = """
import subprocess, sys
for n in range(int(sys.argv[2])):
    text = f"{sys.argv[1]} wrote {n}"
    done = subprocess.run(
        [sys.executable, "-m", "connectlog", "add", text], capture_output=True, text=True
    )
    print(done.returncode, text, done.stderr.strip().replace("\\n", " | "), sep="\\t", flush=True)
"""


def test_entries_saved_while_the_journal_is_converted_are_all_there(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """Writers wait for the conversion's lock; none writes into the file swapped out."""
    db = tmp_path / "data" / "journal.db"
    filled(db, env, encrypt=False, entries=50)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, name, "12"],
            env={**env, "CONNECTLOG_DB": str(db)},
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in ("one", "two")
    ]
    time.sleep(2)
    gave_up = []
    for command in ("encrypt", "decrypt", "encrypt", "decrypt", "encrypt"):
        encrypted = db.read_bytes()[:16] != HEADER
        done = connectlog(db, "decrypt" if encrypted else "encrypt", env=env)
        if done.returncode != 0:  # writers kept it busy past the busy timeout: nothing changed
            assert done.returncode == 1 and "could not be converted" in done.stderr, done.stderr
            gave_up.append(command)
    said = [
        line.split("\t")
        for writer in writers
        for line in writer.communicate(timeout=600)[0].splitlines()
    ]
    assert len(said) == 24, said
    saved = {text for code, text, line in said if code == "0"}
    refused = [(text, line) for code, text, line in said if code != "0"]
    if db.read_bytes()[:16] == HEADER:
        texts = {text for _, text in plain_rows(db, TEXTS)}
    else:
        texts = {text for _, text in keyed_rows(db, TEXTS, PASSPHRASE)}
    assert saved <= texts, (saved - texts, said)  # every entry said to be saved is there
    assert len(texts) == 50 + len(saved), said
    for text, line in refused:  # a writer that lost the race is told, keeps its text, saved nothing
        assert line.startswith("Error:") and "Your text is kept in" in line, line
        assert text not in texts, said
    assert len(gave_up) < 5, gave_up
    print(f"{len(saved)} saved during the conversions; refused: {refused}; gave up: {gave_up}")
