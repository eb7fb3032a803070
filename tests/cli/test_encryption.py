"""Encrypted journals: init --encrypt, encrypt, decrypt, passphrase, and every command on one.

An encrypted journal is read here as the sqlcipher shell would read it (``PRAGMA
key = 'passphrase'``, SQLCipher deriving the key itself), so these tests also
hold connectlog's own key derivation to SQLCipher 4's.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3  # the encrypted extra; the test extra installs it

from connectlog.messages import ENCRYPTION_NEEDS_EXTRA
from tests.conftest import Cli, assert_user_error, journal_dump, rows

PASSPHRASE = "correct horse battery staple"
HEADER = b"SQLite format 3\x00"
#: What a journal below holds that nobody without the passphrase may read.
SECRETS = ("Zanzibar-cuddle-moment", "Bartholomew", "Quetzalcoatl-closeness")


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The journal, in a folder of its own: what is beside it is the journal's."""
    path = tmp_path / "data" / "journal.db"
    monkeypatch.setenv("CONNECTLOG_DB", str(path))
    return path


@pytest.fixture(autouse=True)
def no_passphrase_given(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("CONNECTLOG_PASSPHRASE_FILE", "CONNECTLOG_NEW_PASSPHRASE_FILE"):
        monkeypatch.delenv(variable, raising=False)


def passphrase_file(folder: Path, passphrase: str, name: str = "passphrase") -> Path:
    path = folder / name
    path.write_text(passphrase + "\n")
    path.chmod(0o600)
    return path


@pytest.fixture
def given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$CONNECTLOG_PASSPHRASE_FILE, holding :data:`PASSPHRASE`."""
    path = passphrase_file(tmp_path, PASSPHRASE)
    monkeypatch.setenv("CONNECTLOG_PASSPHRASE_FILE", str(path))
    return path


def keyed(path: Path, passphrase: str = PASSPHRASE) -> Any:
    connection = sqlcipher3.connect(str(path))
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
    return connection


def encrypted_rows(path: Path, sql: str, passphrase: str = PASSPHRASE) -> list[tuple[Any, ...]]:
    connection = keyed(path, passphrase)
    try:
        return list(connection.execute(sql).fetchall())
    finally:
        connection.close()


def encrypted_dump(path: Path, passphrase: str = PASSPHRASE) -> list[tuple[Any, ...]]:
    """journal_dump's rows, read with the passphrase."""
    return [
        row
        for sql in (
            "SELECT * FROM entry ORDER BY id",
            "SELECT * FROM entry_person ORDER BY entry_id, person_id",
            "SELECT * FROM entry_concept ORDER BY entry_id, concept_id",
            "SELECT * FROM person ORDER BY id",
            "SELECT id, name FROM concept ORDER BY id",
            "SELECT * FROM concept_alias ORDER BY id",
        )
        for row in encrypted_rows(path, sql, passphrase)
    ]


def files_in(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``, its bytes and mode: to show that nothing changed."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mode)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def write_a_week(cli: Cli) -> None:
    cli.ok("concepts", "add", SECRETS[2], "--meaning", "Feeling close in a secret way")
    cli.ok("add", f"{SECRETS[0]} on the sofa #touch", "--with", SECRETS[1], "-c", "5")
    cli.ok("add", "A talk that went deep #" + SECRETS[2], "--with", SECRETS[1])


@pytest.fixture
def encrypted(cli: Cli, db_path: Path, given: Path) -> Path:
    """An encrypted journal with a week in it; the passphrase given by file."""
    cli.ok("init", "--encrypt")
    write_a_week(cli)
    return db_path


# --- init ----------------------------------------------------------------------------------


def test_init_encrypt_makes_an_encrypted_journal_that_every_command_opens(
    cli: Cli, db_path: Path, given: Path
) -> None:
    result = cli.ok("init", "--encrypt")
    assert "Made a new encrypted journal at" in result.stderr
    assert db_path.read_bytes()[:16] != HEADER
    assert db_path.stat().st_mode & 0o777 == 0o600
    assert db_path.parent.stat().st_mode & 0o777 == 0o700
    write_a_week(cli)
    assert SECRETS[0] in cli.ok("list").stdout
    assert SECRETS[1] in cli.ok("show", "1").stdout
    assert json.loads(cli.ok("summary", "--json").stdout)["type"] == "summary"
    assert [text for (text,) in encrypted_rows(db_path, "SELECT text FROM entry")] == [
        f"{SECRETS[0]} on the sofa #touch",
        f"A talk that went deep #{SECRETS[2]}",
    ]
    assert encrypted_rows(db_path, "PRAGMA kdf_iter") == [("256000",)]
    with pytest.raises(Exception, match="not a database"):
        rows(db_path, "SELECT count(*) FROM entry")  # plain SQLite cannot read it
    assert [p.name for p in db_path.parent.iterdir() if ".tmp" in p.name] == []


def test_init_makes_a_plain_journal(cli: Cli, db_path: Path) -> None:
    result = cli.ok("init")
    assert result.stderr == f"Made a new journal at {db_path}.\n"
    assert db_path.read_bytes()[:16] == HEADER
    assert rows(db_path, "SELECT count(*) FROM entry") == [(0,)]


@pytest.mark.parametrize("encrypt", [[], ["--encrypt"]], ids=["plain", "encrypted"])
def test_init_refuses_a_journal_that_is_there(
    cli: Cli, db_path: Path, given: Path, encrypt: list[str]
) -> None:
    cli.ok("add", "Already here")
    before = files_in(db_path.parent)
    result = cli("init", *encrypt)
    assert_user_error(result, 1, f"{db_path} exists already", "Nothing was changed")
    assert files_in(db_path.parent) == before


def test_init_refuses_any_file_and_asks_no_passphrase_first(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    db_path.parent.mkdir()
    db_path.write_text("my shopping list\n")
    result = cli("init", "--encrypt")  # no passphrase anywhere: refused before asking
    assert_user_error(result, 1, "exists already")
    assert db_path.read_text() == "my shopping list\n"


def test_init_encrypt_without_a_passphrase_says_how_to_give_one(cli: Cli, db_path: Path) -> None:
    result = cli("init", "--encrypt")
    assert_user_error(result, 1, "no terminal", "CONNECTLOG_PASSPHRASE_FILE")
    assert not db_path.exists()


# --- encrypt, decrypt --------------------------------------------------------------------


def test_encrypt_converts_a_journal_in_place_and_names_the_plain_copies(
    cli: Cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_a_week(cli)
    cli.ok("backup")
    (backup,) = (db_path.parent / "backups").iterdir()
    before = journal_dump(db_path)
    monkeypatch.setenv("CONNECTLOG_PASSPHRASE_FILE", str(passphrase_file(tmp_path, PASSPHRASE)))

    result = cli.ok("encrypt")

    said = result.stderr.splitlines()
    assert said[0].startswith(f"Encrypted the journal at {db_path} (2 entries).")
    assert said[1] == (
        f"Made before and not encrypted: 1 copy, {backup}. "
        "Remove them once you trust the encrypted journal."
    )
    assert db_path.read_bytes()[:16] != HEADER
    assert db_path.stat().st_mode & 0o777 == 0o600
    assert encrypted_dump(db_path) == before
    assert encrypted_rows(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert [p.name for p in db_path.parent.iterdir() if "journal.db" in p.name] == ["journal.db"]
    assert SECRETS[0] in cli.ok("list").stdout
    cli.ok("add", "After encrypting")
    assert len(encrypted_rows(db_path, "SELECT id FROM entry")) == 3


def test_decrypt_makes_it_plain_sqlite_again(cli: Cli, encrypted: Path) -> None:
    before = encrypted_dump(encrypted)
    result = cli.ok("decrypt")
    assert result.stderr.startswith(f"Decrypted the journal at {encrypted} (2 entries)")
    assert encrypted.read_bytes()[:16] == HEADER
    assert journal_dump(encrypted) == before
    assert rows(encrypted, "PRAGMA integrity_check") == [("ok",)]
    assert encrypted.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in encrypted.parent.iterdir() if ".tmp" in p.name] == []


def test_encrypt_an_encrypted_journal_is_refused(cli: Cli, encrypted: Path) -> None:
    before = files_in(encrypted.parent)
    result = cli("encrypt")
    assert_user_error(result, 1, f"{encrypted} is encrypted already", "nothing was changed")
    assert files_in(encrypted.parent) == before


def test_decrypt_a_plain_journal_is_refused(cli: Cli, db_path: Path, given: Path) -> None:
    cli.ok("add", "Plain as can be")
    before = files_in(db_path.parent)
    result = cli("decrypt")
    assert_user_error(result, 1, f"{db_path} is not encrypted", "nothing was changed")
    assert files_in(db_path.parent) == before


@pytest.mark.parametrize("command", ["encrypt", "decrypt", "passphrase"])
def test_converting_no_journal_is_refused_and_makes_none(
    cli: Cli, db_path: Path, given: Path, command: str
) -> None:
    result = cli(command)
    assert_user_error(result, 1, f"There is no journal at {db_path} yet")
    assert not db_path.exists()


def test_encrypt_without_a_passphrase_changes_nothing(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "Plain as can be")
    before = files_in(db_path.parent)
    assert_user_error(cli("encrypt"), 1, "no terminal", "CONNECTLOG_PASSPHRASE_FILE")
    assert files_in(db_path.parent) == before


def test_a_database_servers_journal_cannot_be_encrypted(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONNECTLOG_DB")
    # A URL with options is a database server's, as far as connectlog is concerned.
    url = f"sqlite:///{tmp_path / 'server.db'}?timeout=5"
    monkeypatch.setenv("CONNECTLOG_DATABASE_URL", url)
    for command in (["init", "--encrypt"], ["encrypt"], ["decrypt"], ["passphrase"]):
        assert_user_error(cli(*command), 1, "database server's", "are for a journal file")
    assert not (tmp_path / "server.db").exists()


# --- passphrase ----------------------------------------------------------------------------


def test_passphrase_changes_the_key_and_keeps_every_entry(
    cli: Cli, encrypted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = encrypted_dump(encrypted)
    new = passphrase_file(tmp_path, "a much better passphrase", "new")
    monkeypatch.setenv("CONNECTLOG_NEW_PASSPHRASE_FILE", str(new))
    result = cli.ok("passphrase")
    assert result.stderr.splitlines() == [
        f"Changed the passphrase of {encrypted}. Backups made before keep the one they were "
        "made with.",
        "Give the new one in CONNECTLOG_PASSPHRASE_FILE too.",
    ]
    assert encrypted_dump(encrypted, "a much better passphrase") == before
    assert_user_error(cli("list"), 1, f"Wrong passphrase for {encrypted}")
    monkeypatch.setenv("CONNECTLOG_PASSPHRASE_FILE", str(new))
    assert SECRETS[0] in cli.ok("list").stdout


def test_passphrase_with_a_wrong_current_one_changes_nothing(
    cli: Cli, encrypted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_in(encrypted.parent)
    monkeypatch.setenv("CONNECTLOG_PASSPHRASE_FILE", str(passphrase_file(tmp_path, "wrong", "w")))
    monkeypatch.setenv("CONNECTLOG_NEW_PASSPHRASE_FILE", str(tmp_path / "never-read"))
    assert_user_error(cli("passphrase"), 1, f"Wrong passphrase for {encrypted}")
    assert files_in(encrypted.parent) == before


def test_passphrase_to_the_same_one_is_refused(
    cli: Cli, encrypted: Path, given: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_in(encrypted.parent)
    monkeypatch.setenv("CONNECTLOG_NEW_PASSPHRASE_FILE", str(given))
    assert_user_error(cli("passphrase"), 1, "already", "nothing was changed")
    assert files_in(encrypted.parent) == before


def test_passphrase_of_a_plain_journal_is_refused(cli: Cli, db_path: Path, given: Path) -> None:
    cli.ok("add", "Plain")
    before = files_in(db_path.parent)
    assert_user_error(cli("passphrase"), 1, "is not encrypted")
    assert files_in(db_path.parent) == before


def test_passphrase_without_a_new_one_says_how_to_give_it(cli: Cli, encrypted: Path) -> None:
    before = files_in(encrypted.parent)
    assert_user_error(cli("passphrase"), 1, "CONNECTLOG_NEW_PASSPHRASE_FILE")
    assert files_in(encrypted.parent) == before


# --- where the passphrase comes from, and what is said when it is wrong ---------------------


@pytest.mark.parametrize("command", [["list"], ["add", "Never saved"], ["summary"], ["doctor"]])
def test_a_wrong_passphrase_is_one_line_and_nothing_from_sqlcipher(
    cli: Cli, encrypted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    before = files_in(encrypted.parent)
    monkeypatch.setenv("CONNECTLOG_PASSPHRASE_FILE", str(passphrase_file(tmp_path, "no", "w")))
    result = cli(*command)
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()  # nothing from SQLCipher's own log either
    assert "Wrong passphrase for" in line or "it is encrypted and the passphrase" in line
    assert "ERROR" not in result.stderr and "hmac" not in result.stderr
    after = files_in(encrypted.parent)
    if command[0] == "add":  # what was typed is kept, and said to be kept unencrypted
        assert "The journal is encrypted; the draft is not." in line
        drafts = {name: value for name, value in after.items() if name.startswith("drafts/")}
        assert [value[0].strip() for value in drafts.values()] == [b"Never saved"]
        after = {name: value for name, value in after.items() if name not in drafts}
    assert after == before


def test_a_wrong_passphrase_in_a_subprocess_writes_nothing_else_to_stderr(
    encrypted: Path, tmp_path: Path
) -> None:
    wrong = passphrase_file(tmp_path, "wrong", "w")
    done = subprocess.run(
        [sys.executable, "-m", "connectlog", "--db", str(encrypted), "list"],
        env={**os.environ, "CONNECTLOG_PASSPHRASE_FILE": str(wrong)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"Error: Wrong passphrase for {encrypted} (or the file is damaged); nothing was changed.\n"
    )


@pytest.mark.parametrize(
    ("content", "fragments"),
    [
        (None, ("CONNECTLOG_PASSPHRASE_FILE names", "which does not exist")),
        (b"", ("The first line of CONNECTLOG_PASSPHRASE_FILE", "is empty")),
        (b"\nsecond line\n", ("is empty",)),
        (b"caf\xe9\n", ("Cannot read CONNECTLOG_PASSPHRASE_FILE", "not UTF-8")),
    ],
    ids=["missing", "empty", "first-line-empty", "not-utf8"],
)
def test_a_passphrase_file_that_gives_none_is_one_line(
    cli: Cli,
    encrypted: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes | None,
    fragments: tuple[str, ...],
) -> None:
    before = files_in(encrypted.parent)
    bad = tmp_path / "bad-passphrase"
    if content is not None:
        bad.write_bytes(content)
    monkeypatch.setenv("CONNECTLOG_PASSPHRASE_FILE", str(bad))
    for command in (["list"], ["decrypt"], ["passphrase"]):
        assert_user_error(cli(*command), 1, *fragments)
    assert files_in(encrypted.parent) == before


def test_a_passphrase_file_is_read_to_its_first_line_only(
    cli: Cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "passphrase"
    path.write_bytes(PASSPHRASE.encode() + b"\r\nnot part of it\n")
    monkeypatch.setenv("CONNECTLOG_PASSPHRASE_FILE", str(path))
    cli.ok("init", "--encrypt")
    assert encrypted_rows(db_path, "SELECT count(*) FROM entry") == [(0,)]


def config_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(f"passphrase_command = {json.dumps(command)}\n")
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    return config


def python_command(code: str) -> str:
    return shlex.join([sys.executable, "-c", code])


def test_passphrase_command_gives_the_passphrase(
    cli: Cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_with(tmp_path, monkeypatch, python_command(f"print({PASSPHRASE!r}); print('more')"))
    cli.ok("init", "--encrypt")
    cli.ok("add", "Kept by a command")
    assert encrypted_rows(db_path, "SELECT text FROM entry") == [("Kept by a command",)]


def test_passphrase_command_runs_without_a_shell(
    cli: Cli, encrypted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "ran-by-a-shell"
    config_with(tmp_path, monkeypatch, f"echo {PASSPHRASE}; touch {marker}")
    monkeypatch.delenv("CONNECTLOG_PASSPHRASE_FILE")
    assert_user_error(cli("list"), 1, "Wrong passphrase")  # echo printed the ; and touch too
    assert not marker.exists()


@pytest.mark.parametrize(
    ("command", "fragments"),
    [
        (python_command("import sys; sys.exit(3)"), ("failed: it exited with status 3",)),
        (python_command("pass"), ("its first line of output is empty",)),
        ("/nonexistent/passphrase-tool --get", ("failed: No such file or directory",)),
        (python_command("import sys; sys.stdout.buffer.write(b'\\xff\\n')"), ("not UTF-8",)),
        ("'unclosed", ("passphrase_command cannot be read as a command",)),
    ],
    ids=["exit-status", "no-output", "not-found", "not-utf8", "unparsable"],
)
def test_a_failing_passphrase_command_is_one_line(
    cli: Cli,
    encrypted: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    fragments: tuple[str, ...],
) -> None:
    before = files_in(encrypted.parent)
    config_with(tmp_path, monkeypatch, command)
    monkeypatch.delenv("CONNECTLOG_PASSPHRASE_FILE")
    for args in (["list"], ["decrypt"], ["backup"]):
        assert_user_error(cli(*args), 1, *fragments)
    assert files_in(encrypted.parent) == before


def test_passphrase_command_in_the_config_must_be_a_command(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("passphrase_command = 3\n")
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    assert_user_error(cli("list"), 1, "passphrase_command must be a command")


def test_without_a_terminal_or_a_source_it_says_how_to_give_one(cli: Cli, encrypted: Path) -> None:
    os.environ.pop("CONNECTLOG_PASSPHRASE_FILE")
    before = files_in(encrypted.parent)
    result = cli("list")
    assert_user_error(
        result, 1, "no terminal to ask its passphrase at", "CONNECTLOG_PASSPHRASE_FILE"
    )
    assert "passphrase_command" in result.stderr
    assert files_in(encrypted.parent) == before


def test_the_passphrase_is_never_an_option(cli: Cli) -> None:
    for command in ("init", "encrypt", "decrypt", "passphrase"):
        help_text = cli.ok(command, "--help").stdout
        assert "--passphrase" not in help_text and "--key" not in help_text


# --- what an encrypted journal's files say, and hold -----------------------------------


def test_exports_say_they_are_not_encrypted(cli: Cli, encrypted: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    said = cli.ok("export", "-o", str(out)).stderr.splitlines()
    assert said[-1] == f"The journal is encrypted; {out} is not."
    assert SECRETS[0] in out.read_text()
    piped = cli.ok("export")
    assert piped.stderr == "The journal is encrypted; what was written to stdout is not.\n"
    bundle = tmp_path / "week.json"
    shared = cli.ok("share", "export", "--weeks", "520", "-o", str(bundle)).stderr
    assert shared.splitlines()[-1] == f"The journal is encrypted; {bundle} is not."
    agenda = tmp_path / "agenda.md"
    reviewed = cli.ok("review", "--markdown", str(agenda)).stderr
    assert reviewed.splitlines()[-1] == f"The journal is encrypted; {agenda} is not."


def test_exports_of_a_plain_journal_say_nothing_of_encryption(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    write_a_week(cli)
    assert "encrypted" not in cli.ok("export", "-o", str(tmp_path / "out.json")).stderr
    assert cli.ok("export").stderr == ""


def test_backup_restore_and_doctor_of_an_encrypted_journal(
    cli: Cli, encrypted: Path, tmp_path: Path
) -> None:
    before = encrypted_dump(encrypted)
    copy = tmp_path / "copy.db"
    said = cli.ok("backup", "-o", str(copy)).stderr.splitlines()
    assert said[-1] == "The backup is encrypted, with the journal's passphrase."
    assert copy.read_bytes()[:16] != HEADER
    assert encrypted_dump(copy) == before  # with the same passphrase
    cli.ok("add", "After the backup")
    doctor = json.loads(cli("doctor", "--json").stdout)
    checks = {finding["check"]: finding["status"] for finding in doctor["findings"]}
    assert checks["integrity"] == checks["schema"] == checks["orphans"] == "ok"

    result = cli.ok("restore", str(copy))
    assert "Restored the journal" in result.stderr
    assert encrypted.read_bytes()[:16] != HEADER  # still encrypted
    assert encrypted_dump(encrypted) == before
    (kept,) = (encrypted.parent / "backups").iterdir()
    assert kept.read_bytes()[:16] != HEADER  # the journal it replaced, encrypted too
    assert [text for (text,) in encrypted_rows(kept, "SELECT text FROM entry")][-1] == (
        "After the backup"
    )


def test_restore_keeps_the_journals_own_encryption(
    cli: Cli, db_path: Path, tmp_path: Path, given: Path
) -> None:
    cli.ok("add", "A plain journal's entry")
    plain = tmp_path / "plain-copy.db"
    cli.ok("backup", "-o", str(plain))
    cli.ok("encrypt")
    cli.ok("restore", str(plain))  # a plain backup into an encrypted journal
    assert db_path.read_bytes()[:16] != HEADER
    assert encrypted_rows(db_path, "SELECT text FROM entry") == [("A plain journal's entry",)]

    encrypted_copy = tmp_path / "encrypted-copy.db"
    cli.ok("backup", "-o", str(encrypted_copy))
    cli.ok("decrypt")
    cli.ok("restore", str(encrypted_copy))  # an encrypted backup into a plain journal
    assert db_path.read_bytes()[:16] == HEADER
    assert rows(db_path, "SELECT text FROM entry") == [("A plain journal's entry",)]

    elsewhere = tmp_path / "new" / "journal.db"
    cli.ok("--db", str(elsewhere), "restore", str(encrypted_copy))  # no journal: as the file
    assert elsewhere.read_bytes()[:16] != HEADER
    assert encrypted_rows(elsewhere, "SELECT text FROM entry") == [("A plain journal's entry",)]


def test_restore_of_an_encrypted_file_without_its_passphrase_is_refused(
    cli: Cli, encrypted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "copy.db"
    cli.ok("backup", "-o", str(copy))
    cli.ok("decrypt")
    before = files_in(encrypted.parent)
    monkeypatch.setenv("CONNECTLOG_PASSPHRASE_FILE", str(passphrase_file(tmp_path, "no", "w")))
    result = cli("restore", str(copy))
    assert_user_error(
        result, 1, "or it is an encrypted one and the passphrase given does not open it"
    )
    assert files_in(encrypted.parent) == before


def test_an_encrypted_journal_of_an_older_schema_is_upgraded_with_an_encrypted_copy(
    cli: Cli, db_path: Path, given: Path
) -> None:
    from connectlog.paths import JournalLocation
    from connectlog.storage import cipher, migrate, session

    db_path.parent.mkdir(parents=True, exist_ok=True)
    key = cipher.new_key(PASSPHRASE)
    connection = cipher.connect(db_path, key, timeout=10)
    connection.execute("VACUUM")
    connection.close()
    with cipher.unlocking(lambda path: PASSPHRASE):
        engine = session.open_engine(JournalLocation(path=db_path))
        migrate.upgrade(engine, "0005")
        engine.dispose()
    assert encrypted_rows(db_path, "SELECT version_num FROM alembic_version") == [("0005",)]

    result = cli.ok("add", "After the upgrade")

    assert "Upgraded the journal" in result.stderr
    assert encrypted_rows(db_path, "SELECT version_num FROM alembic_version") == [(migrate.HEAD,)]
    (copy,) = [path for path, _, _ in migrate.upgrade_copies(db_path)]
    assert copy.read_bytes()[:16] != HEADER
    assert encrypted_rows(copy, "SELECT version_num FROM alembic_version") == [("0005",)]


# --- what nobody without the passphrase can read ----------------------------------------


@pytest.mark.parametrize("encrypt", [True, False], ids=["encrypted", "plain"])
def test_no_word_of_an_encrypted_journal_is_in_its_file_its_wal_or_its_backup(
    cli: Cli, db_path: Path, given: Path, encrypt: bool
) -> None:
    """The same journal unencrypted holds every word, so the search can find them."""
    import sqlite3

    cli.ok("init", *(["--encrypt"] if encrypt else []))
    write_a_week(cli)
    holder = keyed(db_path) if encrypt else sqlite3.connect(db_path)
    try:
        # A reader that stays: the adding process is not the last to close the journal,
        # so its WAL keeps the frames it wrote.
        holder.execute("SELECT count(*) FROM entry").fetchone()
        cli.ok("add", f"Another {SECRETS[0]} with @{SECRETS[1]} #{SECRETS[2]}")
        wal = Path(f"{db_path}-wal").read_bytes()
        assert len(wal) > 32 + 24 + 4096  # the WAL's header, and at least one frame
    finally:
        holder.close()
    cli.ok("backup")
    (backup,) = (db_path.parent / "backups").iterdir()
    held = {"journal": db_path.read_bytes(), "wal": wal, "backup": backup.read_bytes()}
    found = {
        (name, secret)
        for name, data in held.items()
        for secret in SECRETS
        if secret.encode() in data
    }
    if encrypt:
        assert found == set()
        assert all(data[:16] != HEADER for name, data in held.items() if name != "wal")
    else:
        assert found == {(name, secret) for name in held for secret in SECRETS}


def test_the_passphrase_is_written_nowhere(
    cli: Cli, db_path: Path, tmp_path: Path, given: Path
) -> None:
    said = [cli.ok("init", "--encrypt"), cli.ok("add", "A moment", "--with", "Sam")]
    said += [cli.ok("backup"), cli.ok("export", "-o", str(tmp_path / "out.json"))]
    said.append(cli("edit", "1", "--closeness", "9"))
    said.append(cli.ok("decrypt"))
    said.append(cli.ok("encrypt"))
    for result in said:
        assert PASSPHRASE not in result.stdout + result.stderr
    secret = PASSPHRASE.encode()
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != given:
            assert secret not in path.read_bytes(), path


# --- without the encrypted extra, and on the everyday path --------------------------------

WITHOUT_SQLCIPHER = """
import sys
sys.modules["sqlcipher3"] = None  # as if the extra were not installed: importing it fails
sys.modules["sqlcipher3.dbapi2"] = None
sys.argv[0] = "connectlog"
from connectlog.cli import main
main()
"""


def without_sqlcipher(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_SQLCIPHER, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )


def test_an_encrypted_journal_without_the_extra_says_what_to_install(
    encrypted: Path, tmp_path: Path
) -> None:
    before = files_in(encrypted.parent)
    for args in (["list"], ["summary"], ["backup"], ["doctor"], ["decrypt"], ["passphrase"]):
        done = without_sqlcipher(*args)
        assert done.returncode == 1, (args, done.stderr)
        assert done.stdout == ""
        (line,) = done.stderr.splitlines()
        assert "pip install 'connectlog[encrypted]'" in line, (args, line)
    assert files_in(encrypted.parent) == before
    elsewhere = tmp_path / "elsewhere" / "journal.db"
    done = without_sqlcipher("--db", str(elsewhere), "init", "--encrypt")
    assert (done.returncode, done.stderr) == (1, f"Error: {ENCRYPTION_NEEDS_EXTRA}\n")
    assert not elsewhere.exists()
    plain = tmp_path / "plain" / "journal.db"
    assert without_sqlcipher("--db", str(plain), "add", "Plain").returncode == 0
    before = files_in(plain.parent)
    done = without_sqlcipher("--db", str(plain), "encrypt")
    assert (done.returncode, done.stderr) == (1, f"Error: {ENCRYPTION_NEEDS_EXTRA}\n")
    assert files_in(plain.parent) == before


LOADED = """
import sys
from connectlog.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
print("sqlcipher3 loaded:", "sqlcipher3" in sys.modules, file=sys.stderr)
"""


def sqlcipher_loaded(*args: str) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )
    last = done.stderr.splitlines()[-1]
    assert last.startswith("sqlcipher3 loaded:"), done.stderr
    return last.endswith("True")


@pytest.mark.slow
def test_sqlcipher3_is_imported_only_for_an_encrypted_journal(
    cli: Cli, db_path: Path, tmp_path: Path, given: Path
) -> None:
    cli.ok("add", "A plain journal")
    for args in (["add", "Tea on the balcony #touch"], ["list"], ["summary"], ["backup"]):
        assert not sqlcipher_loaded(*args), args
    encrypted = tmp_path / "encrypted.db"
    cli.ok("--db", str(encrypted), "init", "--encrypt")
    assert sqlcipher_loaded("--db", str(encrypted), "list")
