"""Every user mistake is a user error: one line, exit 1 or 2, never "connectlog hit a bug".

Each input below once ended in exit 70. Dates past the calendar, text that is
not UTF-8 (in an argument, a variable, on stdin), a huge number, a database
URL that is garbage or whose driver is missing, a config file that is broken
or not a file. Real processes where the bytes matter (argv, environment,
stdin are bytes before Python decodes them), CliRunner for the rest.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli, assert_user_error, command_tree, journal_dump, rows


@pytest.fixture
def journal(cli: Cli, db_path: Path) -> Path:
    cli.ok("add", "Held hands on the walk home", "-w", "Sam", "-t", "trust", "-c", "4")
    return db_path


OVERFLOWS = [
    (["add", "Tea", "--when", "1000000 days ago"], 2, "outside the dates connectlog can store"),
    (["add", "Tea", "--when", "99999999999 hours ago"], 2, "outside the dates"),
    (["edit", "1", "--when", "9999999 weeks ago"], 2, "outside the dates"),
    (["list", "--since", "1000000 days ago"], 2, "outside the dates"),
    (["list", "--until", "1000000 days ago"], 2, "outside the dates"),
    (["summary", "--week", "9999-W52"], 2, "reaches past the dates connectlog can count"),
    (["summary", "--week", "0001-W01"], 2, "reaches past the dates"),
    (["summary", "--month", "0001-01"], 2, "reaches past the dates"),
    (["summary", "--month", "9999-12"], 2, "reaches past the dates"),
    (["summary", "--since", "0001-01-02"], 2, ""),
    (["summary", "--until", "9999-12-31"], 2, ""),
    (["summary", "--since", "100000 weeks ago"], 2, "reaches past the dates"),
    (["calendar", "--year", "9999"], 2, "not in the range 2<=x<=9998"),
    (["calendar", "--year", "1"], 2, "not in the range 2<=x<=9998"),
    (["share", "export", "-o", "-", "--week", "9999-W52"], 2, "reaches past the dates"),
    (["share", "export", "-o", "-", "--since", "1000000 days ago"], 2, "outside the dates"),
    (["reviews", "show", "9999-W52"], 2, "reaches past the dates"),
    (["review", "--week", "0001-W01", "--json"], 2, "reaches past the dates"),
    (["list", "--limit", "18446744073709551616"], 2, "not in the range 0<=x<=1000000000"),
    (["add", "Tea", "--when", "yesterday 13pm"], 2, "holds '13pm', which no clock shows"),
    (["add", "Tea", "--when", "today 25:00"], 2, "which no clock shows"),
    (["add", "Tea", "--when", "1 jan 1969"], 2, "before 1970"),
]


@pytest.mark.parametrize(("args", "code", "fragment"), OVERFLOWS, ids=lambda x: str(x))
def test_a_date_or_a_number_past_what_connectlog_counts_is_a_usage_error(
    cli: Cli, journal: Path, args: list[str], code: int, fragment: str
) -> None:
    before = journal_dump(journal)

    result = cli(*args)

    assert_user_error(result, code, fragment)
    assert journal_dump(journal) == before


def test_yesterday_13pm_is_refused_not_saved_as_yesterday_now(cli: Cli, journal: Path) -> None:
    assert_user_error(cli("add", "Tea", "--when", "yesterday 13pm"), 2, "13pm")

    assert rows(journal, "SELECT count(*) FROM entry") == [(1,)]


# --- bytes that are not UTF-8, in real processes ------------------------------------------


def connectlog(
    *args: str | bytes, stdin: bytes = b"", env: dict[str, str | bytes] | None = None
) -> subprocess.CompletedProcess[bytes]:
    environment: dict[bytes, bytes] = {
        os.fsencode(name): os.fsencode(value) for name, value in os.environ.items()
    }
    for name, value in (env or {}).items():
        environment[name.encode()] = value if isinstance(value, bytes) else value.encode()
    return subprocess.run(
        [sys.executable, "-m", "connectlog", *args],
        input=stdin,
        capture_output=True,
        env=environment,  # bytes keys and values, as os allows
        timeout=60,
    )


def one_line(done: subprocess.CompletedProcess[bytes], code: int, *fragments: str) -> None:
    stderr = done.stderr.decode("utf-8", "backslashreplace")
    assert done.returncode == code, (done.returncode, stderr)
    assert done.stdout == b""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_stdin_that_is_not_utf8_is_refused_naming_the_byte(
    journal: Path, tmp_path: Path, locale: str
) -> None:
    # Under C.UTF-8 Python decodes stdin strictly; under C with surrogates: both were exit 70.
    done = connectlog("add", stdin=b"caf\xe9\xff", env={"LC_ALL": locale})

    one_line(done, 2, "not valid UTF-8", "byte 3", "caf\\xe9\\xff")
    assert rows(journal, "SELECT count(*) FROM entry") == [(1,)]
    assert not (tmp_path / "drafts").exists()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((b"add", b"Tea", b"-w", b"caf\xe9"), "--with is not valid UTF-8 text ('caf\\xe9')"),
        ((b"add", b"caf\xe9 au lait"), "TEXT is not valid UTF-8"),
        ((b"--as", b"\xff", b"list"), "--as is not valid UTF-8"),
        ((b"list", b"--search", b"\xe9t\xe9"), "--search is not valid UTF-8"),
        ((b"profile", b"add", b"S\xe9m"), "NAME is not valid UTF-8"),
        ((b"people", b"rename", b"Sam", b"S\xe9m"), "NEW is not valid UTF-8"),
        ((b"edit", b"1", b"--text", b"\xe9"), "--text is not valid UTF-8"),
    ],
)
def test_an_argument_that_is_not_utf8_is_a_usage_error_naming_it(
    journal: Path, tmp_path: Path, args: tuple[bytes, ...], fragment: str
) -> None:
    before = journal_dump(journal)

    one_line(connectlog(*args), 2, fragment)
    assert journal_dump(journal) == before
    assert not (tmp_path / "drafts").exists()


@pytest.mark.slow
def test_a_file_name_that_is_not_utf8_is_a_file_name(journal: Path, tmp_path: Path) -> None:
    target = os.fsencode(tmp_path) + b"/caf\xe9.json"

    done = connectlog("export", "-o", target)

    assert done.returncode == 0, done.stderr
    assert Path(os.fsdecode(target)).is_file()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"CONNECTLOG_PROFILE": b"\xe9"}, "$CONNECTLOG_PROFILE must be a name in UTF-8"),
        ({"CONNECTLOG_PROFILE": "   "}, "$CONNECTLOG_PROFILE must be a name"),
        ({"CONNECTLOG_PROFILE": "a\x1bb"}, "$CONNECTLOG_PROFILE must be a name of at most"),
        ({"CONNECTLOG_WEEK_START": "garbage"}, "$CONNECTLOG_WEEK_START is 'garbage'"),
        ({"CONNECTLOG_WEEK_START": b"\xe9"}, "$CONNECTLOG_WEEK_START is '\\xe9'"),
    ],
)
def test_a_bad_variable_is_named_not_a_config_file(
    journal: Path, env: dict[str, str | bytes], fragment: str
) -> None:
    for command in (("add", "Tea"), ("list",), ("summary",)):
        done = connectlog(*command, env=env)
        one_line(done, 1, fragment)
        assert "config file" not in done.stderr.decode("utf-8", "replace")
    assert rows(journal, "SELECT count(*) FROM entry") == [(1,)]


@pytest.mark.slow
def test_a_journal_path_that_is_not_utf8_is_refused_before_a_folder_is_made(
    tmp_path: Path,
) -> None:
    folder = os.fsencode(tmp_path) + b"/caf\xe9"

    done = connectlog("list", env={"CONNECTLOG_DB": folder + b"/journal.db"})

    one_line(done, 2, "$CONNECTLOG_DB names", "not valid UTF-8")
    assert not Path(os.fsdecode(folder)).exists()


# --- the database URL ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("garbage", "$CONNECTLOG_DATABASE_URL is not a database URL"),
        ("://", "is not a database URL"),
        ("nosuch://host/db", "names a database connectlog cannot speak to ('nosuch')"),
        ("postgresql+psycopg://x/y", "driver (psycopg) is not installed: pip install psycopg"),
        ("mysql://x/y", "pip install mysqlclient"),
    ],
)
def test_a_database_url_that_cannot_be_used_says_why(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, url: str, fragment: str
) -> None:
    if "psycopg" in url and importlib.util.find_spec("psycopg") is not None:
        pytest.skip("psycopg is installed here")
    monkeypatch.delenv("CONNECTLOG_DB")
    monkeypatch.setenv("CONNECTLOG_DATABASE_URL", url)

    for command in (("list",), ("add", "Tea"), ("summary",)):
        assert_user_error(cli(*command), 1, fragment)
    if "not a database URL" in fragment:  # naming one is enough to be refused
        assert_user_error(cli("db", "path"), 1, fragment)
    else:  # db path only names it: the driver is needed to open it
        assert cli("db", "path").stdout.strip() == url


def test_a_sqlite_url_naming_a_device_is_refused_like_db(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = Path("/dev/null").stat().st_mode
    monkeypatch.delenv("CONNECTLOG_DB")
    monkeypatch.setenv("CONNECTLOG_DATABASE_URL", "sqlite:////dev/null")

    assert_user_error(cli("add", "Tea"), 1, "/dev/null is a character device")
    assert Path("/dev/null").stat().st_mode == before


def test_an_empty_db_option_is_a_usage_error(cli: Cli, journal: Path) -> None:
    assert_user_error(cli("--db", "", "list"), 2, "--db needs the journal's file name")


# --- the config file, read by every command alike -----------------------------------------


def leaf_commands() -> list[tuple[str, ...]]:
    return [path for path, command in command_tree() if path and not hasattr(command, "commands")]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("bogus = 1\n", "has an unknown key 'bogus'"),
        ("week_start = 5\n", "week_start = '5' is not one of: monday, sunday"),
        ('profile = "a\\u001bb"\n', "profile must be a name of at most 200 characters"),
        ("review_window = nan\n", "review_window must be a number of hours"),
        ("week_start = \n", "Cannot read the config file"),
    ],
)
def test_a_broken_config_file_is_reported_by_every_command_alike(
    cli: Cli, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    content: str, fragment: str,
) -> None:  # fmt: skip
    config = tmp_path / "config.toml"
    config.write_text(content, encoding="utf-8")
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    before = journal_dump(journal)

    for path in leaf_commands():
        result = cli(*path)
        assert_user_error(result, 1, fragment, str(config))
        assert cli(*path, "--help").exit_code == 0, path  # asking for help reads nothing
    assert journal_dump(journal) == before


def test_a_config_path_that_is_a_fifo_is_refused_not_waited_on(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(fifo))

    assert_user_error(cli("list"), 1, f"The config file {fifo} is not a regular file")


def test_a_config_file_too_big_to_be_one_is_refused_unread(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(b"# " + b"x" * (2 << 20) + b"\n")
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))

    assert_user_error(cli("list"), 1, "bytes long; a config file holds at most 1,048,576")


def test_a_file_name_too_long_is_one_line(cli: Cli, journal: Path) -> None:
    assert_user_error(cli("import", "x" * 300), 1, "File name too long")
