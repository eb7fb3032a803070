"""Bad inputs, one a row, across every command: each refused in one line, nothing changed.

Every row runs a command in-process (CliRunner) against a copy of one journal
(two writers, people, concepts, a private entry, a partner's week) in a
folder of its own, with its hostile files beside it, and asserts:

- the exit code (2 for bad usage, 1 for what cannot be done; never 70);
- one line on stderr carrying the row's fragment, nothing on stdout, no traceback;
- the journal unchanged: every row of every table, before and after;
- every other file in the folder unchanged, content and mode, none made or removed
  (no draft of a refused text, no backup, no half-written output).

The hostile files (for import, share import and restore) are made once from
a real export, a partner's real bundle and a real backup: truncated, of the
wrong types, with huge numbers, control characters, bytes that are not UTF-8,
a nesting too deep to parse, a zip that claims to hold far more than it does.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import connectlog.cli._context
from connectlog.cli import app
from tests.conftest import STOPPED_AT, Cli, rows

# --- the journal and the files every row starts from --------------------------------------


def _invoke(runner: Any, env: dict[str, str], *args: str) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return str(result.stdout)


@dataclass(frozen=True)
class Materials:
    """The journal every row starts from, and the hostile files made from real ones."""

    journal: bytes
    files: dict[str, bytes]


def _spoil_json(text: str, change: Callable[[dict[str, Any]], Any]) -> bytes:
    document = json.loads(text)
    return json.dumps(change(document)).encode("utf-8")


def _first_entry(document: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**document, "entries": [{**document["entries"][0], **changes}]}


def _zip(members: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _bomb(size: int) -> bytes:
    """A Day One zip whose journal unpacks to ``size`` bytes of spaces: a few hundred KiB packed."""
    import io

    buffer = io.BytesIO()
    block = b" " * (1 << 20)
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("Journal.json", "w", force_zip64=True) as member,
    ):
        member.write(b"{")
        for _ in range(size >> 20):
            member.write(block)
        member.write(b"}")
    return buffer.getvalue()


def _sqlite(path: Path, script: str) -> bytes:
    connection = sqlite3.connect(path)
    connection.executescript(script)
    connection.commit()
    connection.close()
    data = path.read_bytes()
    path.unlink()
    return data


def hostile_files(folder: Path, export: str, bundle: str, backup: bytes) -> dict[str, bytes]:
    """Files from outside, each broken or hostile in one way, by name."""
    deep = ("[" * 100_000 + "]" * 100_000).encode()
    half = len(backup) // 2 // 4096 * 4096
    damaged = bytearray(backup)
    damaged[100:4096] = b"\xff" * (4096 - 100)  # page 1's b-tree header: the schema unreadable
    files: dict[str, bytes] = {
        # connectlog exports, for import
        "export-empty.json": b"",
        "export-truncated.json": export.encode()[: len(export) // 2],
        "export-not-json.json": b"dear diary,\nthis is not json\n",
        "export-a-list.json": b"[1, 2, 3]",
        "export-deep.json": deep,
        "export-not-utf8.json": export.encode().replace(b"Held", b"H\xe9\xffld", 1),
        "export-version-99.json": _spoil_json(export, lambda d: {**d, "version": 99}),
        "export-entries-a-string.json": _spoil_json(export, lambda d: {**d, "entries": "x"}),
        "export-closeness-9.json": _spoil_json(export, lambda d: _first_entry(d, closeness=9)),
        "export-closeness-huge.json": _spoil_json(
            export, lambda d: _first_entry(d, closeness=10**40)
        ),
        "export-closeness-text.json": _spoil_json(
            export, lambda d: _first_entry(d, closeness="four")
        ),
        "export-text-escape.json": _spoil_json(
            export, lambda d: _first_entry(d, people=["Sam\x1b[2J"])
        ),
        "export-year-1.json": _spoil_json(
            export, lambda d: _first_entry(d, occurred_at="0001-01-01T00:00:00+00:00")
        ),
        "export-when-a-number.json": _spoil_json(
            export, lambda d: _first_entry(d, occurred_at=1700000000)
        ),
        "export-uuid-bad.json": _spoil_json(export, lambda d: _first_entry(d, uuid="not-a-uuid")),
        "export-text-too-long.json": _spoil_json(
            export, lambda d: _first_entry(d, text="x" * 100_001)
        ),
        "export-kind-bad.json": _spoil_json(export, lambda d: _first_entry(d, kind="spiritual")),
        # jrnl and Day One
        "jrnl-not-utf8.txt": b"[2026-11-20 20:00] Caf\xe9 with Sam.\n",
        "dayone-not-a-zip.zip": b"PK\x03\x04 this is not really a zip file",
        "dayone-bomb.zip": _bomb(257 << 20),
        "dayone-bad-json.zip": _zip({"Journal.json": b'{"entries": [{"uuid": 5}]}'}),
        # share bundles, from a partner
        "bundle-empty.json": b"",
        "bundle-truncated.json": bundle.encode()[: len(bundle) // 2],
        "bundle-a-list.json": b"[]",
        "bundle-deep.json": deep,
        "bundle-not-utf8.json": bundle.encode().replace(b"Dinner", b"D\xe9\xffnner", 1),
        "bundle-version-99.json": _spoil_json(bundle, lambda d: {**d, "version": 99}),
        "bundle-no-profile.json": _spoil_json(
            bundle, lambda d: {k: v for k, v in d.items() if k != "profile"}
        ),
        "bundle-closeness-9.json": _spoil_json(bundle, lambda d: _first_entry(d, closeness=9)),
        "bundle-closeness-huge.json": _spoil_json(
            bundle, lambda d: _first_entry(d, closeness=2**64)
        ),
        "bundle-text-escape.json": _spoil_json(
            bundle, lambda d: _first_entry(d, text="Dinner\x1b]0;pwned\x07 together")
        ),
        "bundle-year-9999.json": _spoil_json(
            bundle, lambda d: _first_entry(d, occurred_at="9999-12-31T00:00:00+00:00")
        ),
        "bundle-text-a-list.json": _spoil_json(bundle, lambda d: _first_entry(d, text=["x"])),
        "bundle-name-too-long.json": _spoil_json(
            bundle, lambda d: {**d, "profile": {**d["profile"], "name": "S" * 5000}}
        ),
        # journals, for restore
        "restore-empty.db": b"",
        "restore-text.db": b"not a database at all\n" * 100,
        "restore-truncated.db": backup[:half],
        "restore-damaged.db": bytes(damaged),
        "restore-foreign.db": _sqlite(
            folder / "f.db", "CREATE TABLE notes (x); INSERT INTO notes VALUES (1);"
        ),
        "restore-newer.db": _sqlite(
            folder / "n.db",
            "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY);"
            "INSERT INTO alembic_version VALUES ('9999'); CREATE TABLE entry (id INTEGER);",
        ),
        "restore-foreign-alembic.db": _sqlite(
            folder / "a.db",
            "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY);"
            "INSERT INTO alembic_version VALUES ('ae1027a6acf'); CREATE TABLE users (id INTEGER);",
        ),
    }
    return files


@pytest.fixture(scope="module")
def materials(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Materials]:
    """One journal (Alex's, with Sam's week from a bundle) and the hostile files, made once."""
    folder = tmp_path_factory.mktemp("materials")
    runner = Cli().runner
    base = {
        "HOME": str(folder),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "CONNECTLOG_CONFIG": str(folder / "no-config.toml"),
        "NO_COLOR": "1",
        "LOGNAME": "alex",
        "USER": "alex",
    }
    alex = {**base, "CONNECTLOG_DB": str(folder / "alex.db")}
    sam = {**base, "CONNECTLOG_DB": str(folder / "sam.db"), "LOGNAME": "sam", "USER": "sam"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connectlog.cli._context, "now", lambda: STOPPED_AT)
        _invoke(
            runner, sam, "add", "Dinner with @Alex", "--when", "2026-11-18T19:00+01:00", "-c", "4"
        )
        _invoke(
            runner, sam, "share", "export", "-o", str(folder / "bundle.json"), "--week", "2026-W47"
        )
        _invoke(
            runner,
            alex,
            "add",
            "Held hands on the walk home",
            "-w",
            "Sam",
            "-t",
            "trust",
            "-c",
            "4",
            "--when",
            "2026-11-20T20:00+01:00",
        )
        _invoke(
            runner,
            alex,
            "add",
            "Long talk about the move #communication @Sam",
            "--private",
            "--when",
            "2026-11-21T21:00+01:00",
        )
        _invoke(
            runner, alex, "add", "Felt distant #disconnection", "--when", "2026-11-22T08:00+01:00"
        )
        _invoke(runner, alex, "concepts", "add", "play", "--alias", "games")
        _invoke(runner, alex, "profile", "add", "Robin")
        _invoke(runner, alex, "share", "import", str(folder / "bundle.json"))
        _invoke(runner, alex, "export", "-o", str(folder / "export.json"))
        _invoke(runner, alex, "backup", "-o", str(folder / "backup.db"))
    connection = sqlite3.connect(folder / "alex.db")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    files = hostile_files(
        folder,
        (folder / "export.json").read_text(encoding="utf-8"),
        (folder / "bundle.json").read_text(encoding="utf-8"),
        (folder / "backup.db").read_bytes(),
    )
    files["export.json"] = (folder / "export.json").read_bytes()
    files["bundle.json"] = (folder / "bundle.json").read_bytes()
    files["backup.db"] = (folder / "backup.db").read_bytes()
    yield Materials(journal=(folder / "alex.db").read_bytes(), files=files)


# --- what a row checks ---------------------------------------------------------------------


def whole_journal(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the journal, in order."""
    tables = [name for (name,) in rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: rows(path, f'SELECT * FROM "{table}" ORDER BY 1') for table in sorted(tables)}


def folder_state(folder: Path, journal: Path) -> dict[str, tuple[int, str]]:
    """Every name under ``folder`` but the journal's own files: its mode and its bytes' hash."""
    mine = {journal.name, f"{journal.name}-wal", f"{journal.name}-shm"}
    found: dict[str, tuple[int, str]] = {}
    for path in sorted(folder.rglob("*")):
        if path.parent == journal.parent and path.name in mine:
            continue
        status = path.lstat()
        digest = ""
        if stat.S_ISREG(status.st_mode):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        found[str(path.relative_to(folder))] = (
            stat.S_IMODE(status.st_mode) | stat.S_IFMT(status.st_mode),
            digest,
        )
    return found


@dataclass(frozen=True)
class Row:
    """A command with a bad input, what it must say and the exit code it must end with."""

    args: tuple[str, ...]
    code: int
    said: str
    stdin: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    config: str | None = None  # the config file's text, if there is to be one

    def __str__(self) -> str:
        shown = " ".join(self.args)
        return shown if len(shown) <= 70 else shown[:69] + "…"


def row(*args: str, code: int, said: str, **extra: Any) -> Row:
    return Row(args=args, code=code, said=said, **extra)


LONG = "x" * 100_001
NAME = "N" * 201

ROWS: list[Row] = [
    # --- the root, the journal named, the environment
    row("lst", code=2, said="No such command 'lst'. Did you mean 'list'?"),
    row("--bogus", "list", code=2, said="No such option: --bogus"),
    row("--db", "", "list", code=2, said="--db needs the journal's file name"),
    row("--db", "{folder}", "list", code=1, said="is a folder, not a journal file"),
    row("--db", "{in}/fifo", "add", "Tea", code=1, said="is a named pipe (FIFO), not a journal"),
    row("--db", "{in}/link-to-fifo", "list", code=1, said="is a named pipe (FIFO)"),
    row("--db", "{in}/dangling", "list", code=1, said="is a link to a file that is not there"),
    row("--db", "{in}/notes.txt", "add", "Tea", code=1, said="is not a connectlog journal"),
    row(
        "--db",
        "{in}/restore-foreign.db",
        "list",
        code=1,
        said="holds tables connectlog did not make",
    ),
    row(
        "--db",
        "{in}/restore-foreign-alembic.db",
        "add",
        "Tea",
        code=1,
        said="its schema revision 'ae1027a6acf' is not connectlog's",
    ),
    row("--db", "{in}/restore-newer.db", "list", code=1, said="written by a newer connectlog"),
    row("--as", "Nobody", "add", "Tea", code=1, said="No profile called 'Nobody'"),
    row("--as", "Sam", "add", "Tea", code=1, said="no one writes as Sam in this journal"),
    row("add", "Tea", "--as", "Nobody", code=1, said="No profile called 'Nobody'"),
    row("--as", "Sam", "list", "--as", "Robin", code=2, said="--as names Sam before the command"),
    row(
        "list",
        code=1,
        said="$CONNECTLOG_WEEK_START is 'fortnight'",
        env={"CONNECTLOG_WEEK_START": "fortnight"},
    ),
    row(
        "summary",
        code=1,
        said="$CONNECTLOG_WEEK_START is 'fortnight'",
        env={"CONNECTLOG_WEEK_START": "fortnight"},
    ),
    row(
        "add",
        "Tea",
        code=1,
        said="$CONNECTLOG_PROFILE must be a name of at most 200",
        env={"CONNECTLOG_PROFILE": "Al\x1b[31mex"},
    ),
    row(
        "add",
        "Tea",
        code=1,
        said="$CONNECTLOG_PROFILE must be a name",
        env={"CONNECTLOG_PROFILE": "   "},
    ),
    row("list", code=1, said="has an unknown key 'weekstart'", config='weekstart = "sunday"\n'),
    row("add", "Tea", code=1, said="Cannot read the config file", config="week_start = \n"),
    row(
        "show",
        "1",
        code=1,
        said="week_start = 'friday' is not one of",
        config='week_start = "friday"\n',
    ),
    row("concepts", code=1, said="profile must be a name", config="profile = 7\n"),
    row(
        "review",
        "--json",
        code=1,
        said="review_window must be a number of hours",
        config="review_window = 1e9\n",
    ),
    row(
        "people",
        code=1,
        said="passphrase_command must be a command",
        config='passphrase_command = ""\n',
    ),
    row(
        "list",
        code=1,
        said="$CONNECTLOG_DATABASE_URL is not a database URL",
        env={"CONNECTLOG_DB": "", "CONNECTLOG_DATABASE_URL": "not a url"},
    ),
    row(
        "add",
        "Tea",
        code=1,
        said="names a database connectlog cannot speak to ('nosuch')",
        env={"CONNECTLOG_DB": "", "CONNECTLOG_DATABASE_URL": "nosuch://host/journal"},
    ),
    row(
        "list",
        code=1,
        said="is a character device, not a journal file",
        env={"CONNECTLOG_DB": "/dev/null"},
    ),
    row("db", "path", "extra", code=2, said="Got unexpected extra argument(s) (extra)"),
    # --- add
    row("add", "", code=2, said="The entry has no text"),
    row("add", "   \t ", code=2, said="The entry has no text"),
    row("add", stdin="", code=2, said="The entry has no text"),
    row("add", LONG, code=2, said="an entry holds at most 100,000"),
    row("add", "Tea", "-c", "0", code=2, said="not in the range 1<=x<=5"),
    row("add", "Tea", "-c", "6", code=2, said="not in the range 1<=x<=5"),
    row("add", "Tea", "-c", "four", code=2, said="'four' is not a valid int"),
    row("add", "Tea", "-c", "99999999999999999999999", code=2, said="not in the range 1<=x<=5"),
    row("add", "Tea", "--mood-before", "9", code=2, said="not in the range 1<=x<=5"),
    row("add", "Tea", "--mood-after", "-1", code=2, said="not in the range 1<=x<=5"),
    row("add", "Tea", "--kind", "spiritual", code=2, said="Unknown kind 'spiritual'"),
    row("add", "Tea", "--touch", "slap", code=2, said="Unknown touch 'slap'"),
    row("add", "Tea", "--initiated-by", "nobody", code=2, said="Unknown initiated by 'nobody'"),
    row("add", "Tea", "--response", "sideways", code=2, said="Unknown response 'sideways'"),
    row(
        "add",
        "Tea",
        "--kind",
        "emotional",
        "--touch",
        "hug",
        code=2,
        said="A touch makes a moment physical",
    ),
    row("add", "Tea", "-t", "nosuchconcept", code=2, said="No concept called 'nosuchconcept'"),
    row("add", "Tea #nosuchconcept", code=2, said="No concept called 'nosuchconcept'"),
    row("add", "Tea", "-w", NAME, code=2, said="A person's name holds at most 200 characters"),
    row("add", "Tea", "--when", "", code=2, said="Say when it happened"),
    row("add", "Tea", "--when", "tomorrow", code=2, said="which is in the future"),
    row("add", "Tea", "--when", "next year", code=2, said="which is in the future"),
    row("add", "Tea", "--when", "the day after the party", code=2, said="Cannot read the date"),
    row("add", "Tea", "--when", "1000000 days ago", code=2, said="outside the dates"),
    row("add", "Tea", "--when", "99999999999 hours ago", code=2, said="outside the dates"),
    row("add", "Tea", "--when", "yesterday 13pm", code=2, said="'13pm', which no clock shows"),
    row("add", "Tea", "--when", "today 25:00", code=2, said="'25:00', which no clock shows"),
    row("add", "Tea", "--when", "0001-01-01", code=2, said="outside the dates"),
    row("add", "Tea", "--when", "1969-07-20T20:17", code=2, said="before 1970"),
    row("add", "Tea", "--when", "2026-02-30", code=2, said="Cannot read the date"),
    row("add", "Tea", "--when", "5", code=2, said="Cannot read the date '5'"),
    row("add", "Tea", "-w", "\udce9", code=2, said="--with is not valid UTF-8 text ('\\xe9')"),
    row("add", "caf\udce9", code=2, said="TEXT is not valid UTF-8"),
    row("add", "Tea", "--no-such-option", code=2, said="No such option: --no-such-option"),
    row("add", "Tea", "-c", code=2, said="Option '-c' requires an argument"),
    # --- list
    row("list", "--since", "the day we met", code=2, said="Cannot read the date"),
    row("list", "--until", "soonish", code=2, said="Cannot read the date"),
    row("list", "--since", "2026-11-22", "--until", "2026-11-01", code=2, said="after"),
    row("list", "--since", "1000000 days ago", code=2, said="outside the dates"),
    row("list", "--until", "yesterday 13pm", code=2, said="no clock shows"),
    row("list", "--limit", "-1", code=2, said="not in the range 0<=x<=1000000000"),
    row("list", "--limit", "1e3", code=2, said="'1e3' is not a valid int"),
    row(
        "list", "--limit", "18446744073709551616", code=2, said="not in the range 0<=x<=1000000000"
    ),
    row("list", "--min-closeness", "0", code=2, said="not in the range 1<=x<=5"),
    row("list", "--min-closeness", "6", code=2, said="not in the range 1<=x<=5"),
    row("list", "--kind", "spiritual", code=2, said="Unknown kind 'spiritual'"),
    row("list", "--author", "Nobody", code=1, said="No profile called 'Nobody'"),
    row("list", "-t", "nosuchconcept", code=2, said="No concept called 'nosuchconcept'"),
    row("list", "--with", NAME + "\x00", code=2, said="--with holds a NUL character"),
    row("list", "--search", "\udcff", code=2, said="--search is not valid UTF-8"),
    row("list", "--author", "\udce9", code=2, said="--author is not valid UTF-8"),
    row("list", "--starred", "yes", code=2, said="Got unexpected extra argument(s) (yes)"),
    row("read", "--since", "the day we met", code=2, said="Cannot read the date"),
    row("read", "--since", "2026-11-22", "--until", "2026-11-01", code=2, said="after"),
    row("read", "--limit", "-1", code=2, said="not in the range 0<=x<=1000000000"),
    row("read", "--min-closeness", "9", code=2, said="not in the range 1<=x<=5"),
    row("read", "--author", "Nobody", code=1, said="No profile called 'Nobody'"),
    row("read", "-t", "nosuchconcept", code=2, said="No concept called 'nosuchconcept'"),
    row("read", "--search", "\udcff", code=2, said="--search is not valid UTF-8"),
    row("read", "--no-pager", "now", code=2, said="Got unexpected extra argument(s) (now)"),
    row("list", "--on", "monday", "--until", "today", code=2, said="--on is one day"),
    row("list", "--on", "the day we met", code=2, said="Cannot read the date"),
    row("list", "--touch", "tickle", code=2, said="Unknown touch 'tickle'"),
    row("list", "--response", "sideways", code=2, said="Unknown response 'sideways'"),
    row("read", "--initiated-by", "nobody", code=2, said="Unknown initiated by 'nobody'"),
    row("read", "--max-closeness", "6", code=2, said="not in the range 1<=x<=5"),
    row("read", "--with-any", "Stranger", code=1, said="No one called 'Stranger'"),
    row("help", "nope", code=2, said="There is no command 'nope'"),
    row("help", "add", "more", code=2, said="There is no command 'more'"),
    row("learn", "--json", "trust", "more", code=2, said="Got unexpected extra argument(s)"),
    # --- show, edit, delete
    row("show", code=2, said="Missing argument 'ID...'"),
    row("show", "0", code=1, said="There is no entry 0"),
    row("show", "-1", code=2, said="No such option: -1"),
    row("show", "abc", code=2, said="'abc' is neither an entry's number nor a range"),
    row("show", "5-3", code=2, said="'5-3' is neither an entry's number nor a range"),
    row("show", "1-2-3", code=2, said="'1-2-3' is neither an entry's number nor a range"),
    row("show", "100-200", code=1, said="There are no entries numbered 100 to 200"),
    row("show", "999", code=1, said="There is no entry 999"),
    row("show", "99999999999999999999", code=1, said="There is no entry"),
    row("show", "1", "999", code=1, said="There is no entry 999"),
    row("edit", "999", "--star", code=1, said="There is no entry 999"),
    row("edit", "abc", "--star", code=2, said="'abc' is not a valid int"),
    row("edit", "1", "-c", "9", code=2, said="not in the range 1<=x<=5"),
    row("edit", "1", "--text", "", code=2, said="The entry has no text"),
    row("edit", "1", "--text", "   ", code=2, said="The entry has no text"),
    row("edit", "1", "--text", LONG, code=2, said="an entry holds at most 100,000"),
    row("edit", "1", "--clear", "feelings", code=2, said="Cannot clear 'feelings'"),
    row("edit", "1", "--when", "tomorrow", code=2, said="which is in the future"),
    row("edit", "1", "--when", "9999999 weeks ago", code=2, said="outside the dates"),
    row("edit", "1", "--kind", "spiritual", code=2, said="Unknown kind 'spiritual'"),
    row("edit", "1", "-w", NAME, code=2, said="A person's name holds at most 200 characters"),
    row("edit", "1", "--text", "caf\udce9", code=2, said="--text is not valid UTF-8"),
    row("edit", "4", "--star", code=1, said="Entry 4 is Sam's"),
    row("delete", "999", "--yes", code=1, said="There is no entry 999"),
    row("delete", "abc", "--yes", code=2, said="'abc' is not a valid int"),
    row("delete", "0", "--yes", code=1, said="There is no entry 0"),
    row("delete", "4", "--yes", code=1, said="Entry 4 is Sam's"),
    # --- patterns
    row("summary", "--week", "2026-W54", code=2, said="Cannot read the week '2026-W54'"),
    row("summary", "--week", "soon", code=2, said="Cannot read the week 'soon'"),
    row(
        "summary", "--week", "9999-W52", code=2, said="reaches past the dates connectlog can count"
    ),
    row("summary", "--week", "0001-W01", code=2, said="reaches past the dates"),
    row("summary", "--month", "2026-13", code=2, said="Cannot read the month '2026-13'"),
    row("summary", "--month", "0001-01", code=2, said="reaches past the dates"),
    row("summary", "--month", "9999-12", code=2, said="reaches past the dates"),
    row("summary", "--month", "november", code=2, said="Cannot read the month"),
    row("summary", "--since", "0001-01-02", code=2, said="outside the dates"),
    row("summary", "--since", "0002-01-09", code=2, said="reaches past the dates"),
    row("summary", "--until", "9999-12-31", code=2, said="reaches past the dates"),
    row("summary", "--since", "whenever", code=2, said="Cannot read the date"),
    row("summary", "--week", "this", "--month", "this", code=2, said="Choose one period"),
    row("summary", "--since", "2026-11-22", "--until", "2026-11-01", code=2, said="after"),
    row("summary", "-w", "Nobody", code=1, said="No one called 'Nobody'"),
    row("summary", "--author", "Nobody", code=1, said="No profile called 'Nobody'"),
    row("trends", "--weeks", "1", code=2, said="not in the range 2<=x<=520"),
    row("trends", "--weeks", "521", code=2, said="not in the range 2<=x<=520"),
    row("trends", "--weeks", "many", code=2, said="'many' is not a valid int"),
    row("trends", "-w", "Nobody", code=1, said="No one called 'Nobody'"),
    row("trends", "--author", "Nobody", code=1, said="No profile called 'Nobody'"),
    row("calendar", "--year", "0", code=2, said="not in the range 2<=x<=9998"),
    row("calendar", "--year", "9999", code=2, said="not in the range 2<=x<=9998"),
    row("calendar", "--year", "10000", code=2, said="not in the range 2<=x<=9998"),
    row("calendar", "--year", "twenty", code=2, said="'twenty' is not a valid int"),
    row("calendar", "-w", "Nobody", code=1, said="No one called 'Nobody'"),
    row("remember", "--bogus", code=2, said="No such option: --bogus"),
    row("prompt", "again", code=2, said="Got unexpected extra argument(s) (again)"),
    row("learn", "nosuchconcept", code=2, said="No concept called 'nosuchconcept'"),
    # --- concepts, people, profiles
    row("concepts", "add", "trust", code=1, said="There is already a concept called trust"),
    row("concepts", "add", "", code=2, said="'' is not a valid concept name"),
    row("concepts", "add", NAME, code=2, said="A concept's name holds at most 200 characters"),
    row(
        "concepts",
        "add",
        "silly",
        "--alias",
        "trust",
        code=1,
        said="already a concept called trust",
    ),
    row("concepts", "add", "silly", "--alias", NAME, code=2, said="at most 200 characters"),
    row("concepts", "add", "caf\udce9", code=2, said="is not valid UTF-8"),
    row("people", "rename", "Nobody", "Someone", code=1, said="No one called 'Nobody'"),
    row("people", "rename", "Sam", "", code=2, said="A person's name cannot be empty"),
    row("people", "rename", "Sam", NAME, code=2, said="A person's name holds at most 200"),
    row("people", "merge", "Nobody", "Sam", code=1, said="No one called 'Nobody'"),
    row("people", "merge", "Sam", "Sam", code=2, said="Sam cannot be merged into themselves"),
    row("people", "rename", "Sam", code=2, said="Missing argument"),
    row("profile", "add", "alex", code=1, said="There is already a profile called Alex"),
    row("profile", "add", "", code=2, said="A person's name cannot be empty"),
    row("profile", "add", "Al\x1b[2Jex", code=2, said="control character"),
    row(
        "profile",
        "add",
        NAME,
        code=2,
        said="A profile's name holds at most 200 characters, not 201",
    ),
    row("profile", "add", "S\udce9m", code=2, said="NAME is not valid UTF-8"),
    row("profile", "alias", "Nobody", "Nob", code=1, said="No profile called 'Nobody'"),
    row("profile", "rename", "Nobody", "Somebody", code=1, said="No profile called 'Nobody'"),
    row(
        "profile", "rename", "Robin", "alex", code=1, said="There is already a profile called Alex"
    ),
    row("profile", "remove", "Nobody", code=1, said="No profile called 'Nobody'"),
    row(
        "profile",
        "remove",
        "Robin",
        "--reassign",
        "Nobody",
        code=1,
        said="No profile called 'Nobody'",
    ),
    row("profile", "list", "--json", "extra", code=2, said="Got unexpected extra argument"),
    # --- share
    row("share", "export", code=2, said="Missing option '--output'"),
    row(
        "share",
        "export",
        "-o",
        "{out}/b.json",
        "--week",
        "soon",
        code=2,
        said="Cannot read the week",
    ),
    row("share", "export", "-o", "{out}/b.json", "--week", "9999-W52", code=2, said="reaches past"),
    row(
        "share",
        "export",
        "-o",
        "{out}/b.json",
        "--weeks",
        "0",
        code=2,
        said="--weeks takes a number of weeks from 1 to 520, not 0",
    ),
    row(
        "share",
        "export",
        "-o",
        "{out}/b.json",
        "--since",
        "whenever",
        code=2,
        said="Cannot read the date",
    ),
    row(
        "share",
        "export",
        "-o",
        "{out}/b.json",
        "--since",
        "1000000 days ago",
        code=2,
        said="outside",
    ),
    row("share", "export", "-o", "{folder}/nowhere/b.json", code=1, said="{folder}/nowhere/"),
    row("share", "import", code=2, said="Missing argument"),
    row(
        "share",
        "import",
        "{in}/missing.json",
        code=1,
        said="Cannot read {in}/missing.json: No such file or directory",
    ),
    row("share", "import", "{in}", code=1, said="Is a directory"),
    row(
        "share",
        "import",
        "{in}/fifo",
        code=1,
        said="is a named pipe (FIFO), not a file or a folder",
    ),
    row("share", "import", "/dev/zero", code=1, said="/dev/zero is a device or a socket"),
    row(
        "share", "import", "{in}/bundle-empty.json", code=1, said="not a readable connectlog bundle"
    ),
    row(
        "share",
        "import",
        "{in}/bundle-truncated.json",
        code=1,
        said="not a readable connectlog bundle",
    ),
    row("share", "import", "{in}/bundle-a-list.json", code=1, said="not a connectlog share bundle"),
    row(
        "share", "import", "{in}/bundle-deep.json", code=1, said="not a readable connectlog bundle"
    ),
    row("share", "import", "{in}/bundle-not-utf8.json", code=1, said="it is not UTF-8 text"),
    row("share", "import", "{in}/bundle-version-99.json", code=1, said="version 99"),
    row(
        "share",
        "import",
        "{in}/bundle-no-profile.json",
        code=1,
        said="The bundle: profile is missing",
    ),
    row("share", "import", "{in}/bundle-closeness-9.json", code=1, said="closeness must be 1 to 5"),
    row("share", "import", "{in}/bundle-closeness-huge.json", code=1, said="closeness must be"),
    row("share", "import", "{in}/bundle-text-escape.json", code=1, said="Entry 1 of the bundle"),
    row("share", "import", "{in}/bundle-year-9999.json", code=1, said="Entry 1 of the bundle"),
    row(
        "share",
        "import",
        "{in}/bundle-text-a-list.json",
        code=1,
        said="Entry 1 of the bundle: text",
    ),
    row("share", "import", "{in}/bundle-name-too-long.json", code=1, said="profile.name"),
    # --- review
    row("review", "--week", "soon", "--json", code=2, said="Cannot read the week"),
    row("review", "--week", "9999-W52", "--json", code=2, said="reaches past"),
    row("review", code=2, said="walks you through the week at a terminal"),
    row("review", "--markdown", "{folder}/nowhere/agenda.md", code=1, said="{folder}/nowhere/"),
    row("reviews", "show", "soon", code=2, said="Cannot read the week"),
    row("reviews", "show", "2026-W54", code=2, said="Cannot read the week"),
    row("reviews", "show", "9999-W52", code=2, said="reaches past"),
    row("reviews", "show", code=2, said="Missing argument"),
    # --- export, import
    row("export", "-f", "xml", code=2, said="'xml' is not a format connectlog writes"),
    row("export", "-o", "{folder}/nowhere/out.json", code=1, said="{folder}/nowhere/"),
    row("export", "-o", "{journal}", code=1, said="{journal} is the journal itself"),
    row("export", "-o", "{in}", code=1, said="Cannot write {in}: Is a directory"),
    row("export", "--raw", "-o", "{out}/e.json", code=2, said="--raw is for CSV"),
    row("import", code=2, said="Missing argument"),
    row(
        "import",
        "{in}/missing.json",
        code=1,
        said="Cannot read {in}/missing.json: No such file or directory",
    ),
    row("import", "{in}/fifo", code=1, said="is a named pipe (FIFO), not a file or a folder"),
    row("import", "/dev/zero", code=1, said="/dev/zero is a device or a socket"),
    row("import", "x" * 300, code=1, said="File name too long"),
    row(
        "import",
        "{in}/export.json",
        "-f",
        "bogus",
        code=2,
        said="'bogus' is not a format connectlog imports",
    ),
    row("import", "{in}/export.json", "--map", "nomapping", code=2, said="--map takes TAG=CONCEPT"),
    row(
        "import",
        "{in}/export-empty.json",
        "-f",
        "connectlog",
        code=1,
        said="found the end of the file",
    ),
    row("import", "{in}/export-truncated.json", code=1, said="Unterminated string"),
    row("import", "{in}/export-not-json.json", "-f", "connectlog", code=1, said="found 'd'"),
    row("import", "{in}/export-a-list.json", "-f", "connectlog", code=1, said="found '['"),
    row("import", "{in}/export-deep.json", "-f", "connectlog", code=1, said="found '['"),
    row("import", "{in}/export-not-utf8.json", code=1, said="it is not UTF-8 text"),
    row("import", "{in}/export-version-99.json", code=1, said="This export has version 99"),
    row("import", "{in}/export-entries-a-string.json", code=1, said="Nothing was imported"),
    row("import", "{in}/export-closeness-9.json", code=1, said="closeness must be 1 to 5"),
    row("import", "{in}/export-closeness-huge.json", code=1, said="closeness must be"),
    row("import", "{in}/export-closeness-text.json", code=1, said="closeness must be"),
    row("import", "{in}/export-text-escape.json", code=1, said="holds a control character"),
    row("import", "{in}/export-year-1.json", code=1, said="before 1970"),
    row(
        "import",
        "{in}/export-when-a-number.json",
        code=1,
        said="occurred_at must be a time with its UTC offset",
    ),
    row("import", "{in}/export-uuid-bad.json", code=1, said="uuid must be a uuid"),
    row("import", "{in}/export-text-too-long.json", code=1, said="Entry 1 of the file"),
    row("import", "{in}/export-kind-bad.json", code=1, said="Unknown kind 'spiritual'"),
    row(
        "import",
        "{in}/jrnl-not-utf8.txt",
        "-f",
        "jrnl",
        code=1,
        said="The jrnl file is not UTF-8 text (byte 0xe9",
    ),
    row("import", "{in}/dayone-not-a-zip.zip", "-f", "dayone", code=1, said="Nothing was imported"),
    row("import", "{in}/dayone-bomb.zip", "-f", "dayone", code=1, said="more than 256 MiB of text"),
    row("import", "{in}/dayone-bad-json.zip", "-f", "dayone", code=1, said="Nothing was imported"),
    # --- backup, restore, doctor, schema
    row("backup", "-o", "{folder}/nowhere/copy.db", code=1, said="{folder}/nowhere/"),
    row("backup", "-o", "{journal}", code=1, said="{journal} is the journal itself"),
    row(
        "backup",
        "-o",
        "{in}",
        code=1,
        said="Could not back up the journal to {in} (Is a directory)",
    ),
    row("restore", code=2, said="Missing argument"),
    row(
        "restore",
        "{in}/missing.db",
        code=1,
        said="Cannot read {in}/missing.db: No such file or directory",
    ),
    row("restore", "{in}", code=1, said="it is a folder"),
    row("restore", "{in}/fifo", code=1, said="is a named pipe (FIFO)"),
    row("restore", "/dev/zero", code=1, said="/dev/zero is a device or a socket"),
    row(
        "restore",
        "{in}/restore-empty.db",
        code=1,
        said="restore-empty.db is not a SQLite database; nothing was restored",
    ),
    row("restore", "{in}/restore-text.db", code=1, said="restore-text.db is not a SQLite database"),
    row(
        "restore",
        "{in}/restore-truncated.db",
        code=1,
        said="restore-truncated.db failed SQLite's integrity check",
    ),
    row(
        "restore",
        "{in}/restore-damaged.db",
        code=1,
        said="restore-damaged.db failed SQLite's integrity check",
    ),
    row(
        "restore",
        "{in}/restore-foreign.db",
        code=1,
        said="holds tables connectlog did not make); nothing was restored",
    ),
    row(
        "restore",
        "{in}/restore-newer.db",
        code=1,
        said="was written by a newer connectlog (schema 9999)",
    ),
    row(
        "restore",
        "{in}/restore-foreign-alembic.db",
        code=1,
        said="restore-foreign-alembic.db is not a connectlog journal",
    ),
    row("restore", "{journal}", code=1, said="{journal} is the journal itself"),
    row("doctor", "--bogus", code=2, said="No such option: --bogus"),
    row("doctor", "now", code=2, said="Got unexpected extra argument(s) (now)"),
    row("schema", "nosuchtype", code=2, said="'nosuchtype' is not a document connectlog prints"),
    row("schema", "entry", "extra", code=2, said="Got unexpected extra argument(s) (extra)"),
    # --- the journal itself
    row("init", code=1, said="{journal} exists already"),
    row("decrypt", code=1, said="{journal} is not encrypted"),
    row("passphrase", code=1, said="{journal} is not encrypted"),
    row("encrypt", "now", code=2, said="Got unexpected extra argument(s) (now)"),
]


def test_the_table_covers_every_command() -> None:
    from tests.conftest import command_tree

    leaves = {
        " ".join(path)
        for path, command in command_tree()
        if path and not hasattr(command, "commands")
    }
    covered = {
        name
        for name in leaves
        if any(" ".join(r.args).startswith(name) or f" {name}" in " ".join(r.args) for r in ROWS)
    }
    assert leaves <= covered, sorted(leaves - covered)
    assert len(ROWS) >= 150


@pytest.fixture
def setting(tmp_path: Path, materials: Materials, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This row's folder: the journal, its hostile files, a place for output; the clock stopped."""
    monkeypatch.setattr(connectlog.cli._context, "now", lambda: STOPPED_AT)
    journal = tmp_path / "journal.db"
    journal.write_bytes(materials.journal)
    journal.chmod(0o600)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (tmp_path / "out").mkdir()
    for name, data in materials.files.items():
        (inputs / name).write_bytes(data)
    (inputs / "notes.txt").write_text("dear diary\n", encoding="utf-8")
    os.mkfifo(inputs / "fifo")
    (inputs / "link-to-fifo").symlink_to(inputs / "fifo")
    (inputs / "dangling").symlink_to(inputs / "not-there.db")
    return journal


def _filled(arg: str, journal: Path) -> str:
    folder = journal.parent
    return (
        arg.replace("{journal}", str(journal))
        .replace("{in}", str(folder / "in"))
        .replace("{out}", str(folder / "out"))
        .replace("{folder}", str(folder))
    )


@pytest.mark.parametrize("case", ROWS, ids=str)
def test_a_bad_input_is_one_line_and_changes_nothing(
    cli: Cli, setting: Path, monkeypatch: pytest.MonkeyPatch, case: Row
) -> None:
    journal = setting
    if case.config is not None:
        config = journal.parent / "config.toml"
        config.write_text(case.config, encoding="utf-8")
        monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    before = whole_journal(journal), folder_state(journal.parent, journal)

    result = cli(*(_filled(arg, journal) for arg in case.args), input=case.stdin)

    assert result.exit_code == case.code, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == "", result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert _filled(case.said, journal) in lines[0], lines[0]
    assert (whole_journal(journal), folder_state(journal.parent, journal)) == before


def test_the_journal_rows_start_from_is_sound(materials: Materials, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    journal.write_bytes(materials.journal)
    tables = whole_journal(journal)
    assert len(tables["entry"]) == 4  # three of Alex's and Sam's one, from the bundle
    assert rows(journal, "PRAGMA integrity_check") == [("ok",)]
