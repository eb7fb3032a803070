"""Nothing reaches the terminal raw (DESIGN.md, Trust): control characters in stored text are shown.

A journal holds what its writers typed and what partners' bundles brought. ESC,
BEL or another C0 or C1 control in any of it, printed raw, would retitle the
terminal, clear the screen or worse. Here a journal is poisoned straight
through SQLite (whatever the commands that write would refuse), and every
command that prints is held to printing no control character but a newline
or a tab, while ``--json`` and the files connectlog writes keep the data exact.
"""

from __future__ import annotations

import ast
import csv
import json
import os
import pty
import re
import select
import sqlite3
import subprocess
import sys
import tty
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import connectlog.cli
from connectlog.render.terminal import json_escaped, one_line, visible
from tests.conftest import Cli

pytestmark = pytest.mark.usefixtures("clock")

#: Retitles the terminal (an OSC sequence ended by BEL), and clears the screen.
RETITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
#: The same, as the terminal is to show them.
RETITLE_SHOWN = "␛]0;pwned␇"
CLEAR_SHOWN = "␛[2J"
#: An entry's text: escapes, C1's CSI, DEL, a carriage return, Rich markup and a tab.
TEXT = f"Hug {CLEAR}then{RETITLE}\x9b31m\x7f [bold]not markup[/bold]\r\nSecond line\twith a tab"
#: A one-line field's value: a name that would also print a line of its own.
NAME = f"Sam{RETITLE}\nError: [link=https://example.com]spoofed[/link]"
#: Every control character but a newline and a tab: none may reach a terminal.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ONE_LINE_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def assert_shown_safely(*outputs: str) -> None:
    for output in outputs:
        found = CONTROL.search(output)
        assert found is None, (found, output)


# The neutraliser itself.


@pytest.mark.parametrize("code", [*range(0x20), *range(0x7F, 0xA0)])
def test_every_control_character_is_made_visible(code: int) -> None:
    character = chr(code)
    shown = one_line(f"a{character}b")
    assert ONE_LINE_CONTROL.search(shown) is None
    assert shown.startswith("a") and shown.endswith("b") and len(shown) > 2
    if character in "\n\t":
        assert visible(f"a{character}b") == f"a{character}b"
    else:
        assert visible(f"a{character}b") == shown


def test_the_pictures_are_those_unicode_gives_c0_and_del_and_c1_is_written_as_hex() -> None:
    assert one_line(RETITLE) == RETITLE_SHOWN
    assert one_line("\x00\x7f\n\t") == "␀␡␊␉"
    assert one_line("\x9b31m\x85") == "\\x9b31m\\x85"
    assert visible("one\r\ntwo\rthree") == "one\ntwo␍three"  # a Windows line end is a line end


@given(st.text())
def test_what_is_shown_holds_no_control_and_keeps_every_other_character(text: str) -> None:
    assert ONE_LINE_CONTROL.search(one_line(text)) is None
    assert CONTROL.search(visible(text)) is None
    assert visible(text).count("\n") == text.replace("\r\n", "\n").count("\n")
    if ONE_LINE_CONTROL.search(text) is None:
        assert one_line(text) == visible(text) == text


@given(
    st.recursive(
        st.text() | st.none(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)
    )
)
def test_json_escaped_is_the_same_document_with_no_raw_control(value: Any) -> None:
    text = json_escaped(json.dumps(value, ensure_ascii=False, indent=2))
    assert ONE_LINE_CONTROL.search(text.replace("\n", "")) is None
    assert json.loads(text) == value


# A poisoned journal.


def poison(db_path: Path, sql: str, *params: Any) -> None:
    connection = sqlite3.connect(db_path)
    try:
        with connection:
            connection.execute(sql, params)
    finally:
        connection.close()


ANSWERS = [
    "Thank you for the tea",  # Alex appreciates
    "",
    "You listened",  # Sam appreciates
    "",
    "We slowed down",  # what made the close moments work
    "Louder for me",  # two views
    "1",  # talk about the first
    "Say it sooner",  # what we took from it
    "Phones away",  # Alex's intention
    "",
    "Ask out loud",  # Sam's intention
    "",
]


@pytest.fixture
def hostile(cli: Cli, db_path: Path) -> Cli:
    """Alex and Sam's journal, with control characters in every text a command shows."""
    cli.ok("profile", "add", "Alex")
    cli.ok("profile", "add", "Sam", "--alias", "Sammy")
    cli.ok("concepts", "add", "mine", "--meaning", "Ours alone")
    for when, closeness in (
        ("2026-11-16T19:00", "5"),  # this week: the entry shown by show 1
        ("2026-11-15T19:00", "4"),  # a week ago
        ("2026-10-22T19:00", "4"),  # a month ago
        ("2025-11-22T19:00", "4"),  # a year ago
        ("2025-06-01T19:00", "5"),  # further back
    ):
        cli.ok("--as", "Alex", "add", "Hug @Sam #trust #mine", "--when", when, "-c", closeness)
    cli.ok("--as", "Alex", "add", "Dinner @Sam", "--when", "2026-11-17T19:00", "--appreciation")
    cli.ok("--as", "Sam", "add", "Dinner @Alex #trust", "--when", "2026-11-16T19:30", "-c", "4")
    cli.ok(
        "--as", "Sam", "add", "Cold @Alex #disconnection", "--when", "2026-11-18T22:00", "-c", "1"
    )
    cli.ok("--as", "Alex", "add", "Made up @Sam #repair", "--when", "2026-11-19T20:00", "-c", "5")
    cli.ok("--as", "Alex", "add", "Tea with @Jo", "--when", "2026-11-20T16:00")
    cli.ok("--as", "Alex", "review", "--interactive", input="\n".join(ANSWERS) + "\n")
    poison(db_path, "UPDATE entry SET text = ? || text || ?, touch = ?", TEXT, " " + TEXT, TEXT)
    poison(db_path, "UPDATE person SET name = ? WHERE name = 'Sam'", NAME)
    poison(db_path, "UPDATE profile SET name = ? WHERE name = 'Sam'", NAME)
    poison(db_path, "UPDATE profile_alias SET name = ?", NAME)
    poison(db_path, "UPDATE concept SET name = ? WHERE name = 'mine'", NAME)
    poison(
        db_path,
        "UPDATE concept SET meaning = ?, systems = ?, questions = ?",
        TEXT,
        TEXT,
        f"Why {CLEAR}?\nHow {RETITLE}?",
    )
    poison(db_path, "UPDATE review_line SET text = text || ?", TEXT)
    return cli


#: Every command that shows stored text to a person, each with what it is run with.
SHOWN = [
    ("list",),
    ("list", "--search", "Hug"),
    ("list", "--with", "Sam"),
    ("show", "1"),
    ("summary", "--week", "2026-W47"),
    ("summary", "--month", "2026-11", "--author", "Alex"),
    ("trends",),
    ("calendar", "--year", "2026"),
    ("remember",),
    ("prompt",),
    ("review", "--markdown", "-"),
    ("reviews",),
    ("reviews", "show", "2026-W47"),
    ("concepts",),
    ("learn", "trust"),
    ("people",),
    ("profile", "list"),
]


@pytest.mark.parametrize("args", SHOWN, ids=" ".join)
def test_stored_control_characters_are_shown_not_obeyed(
    hostile: Cli, args: tuple[str, ...]
) -> None:
    result = hostile.ok(*args)
    assert_shown_safely(result.stdout, result.stderr)
    if args[0] != "calendar":  # the one view that quotes nothing stored
        assert "␛" in result.stdout or "\\x9b" in result.stdout, result.stdout


def test_an_entry_keeps_its_lines_and_tabs_and_shows_its_escapes(hostile: Cli) -> None:
    shown = hostile.ok("show", "1").stdout
    assert f"Hug {CLEAR_SHOWN}then{RETITLE_SHOWN}\\x9b31m␡ [bold]not markup[/bold]" in shown
    assert "\nSecond line" in shown  # the line end is kept, its carriage return dropped
    assert "Sam␛]0;pwned␇␊Error: [link=https://example.com]spoofed[/link]" in shown
    assert "\nError:" not in shown  # a name stays on its line


def test_the_listing_shows_a_hostile_title_on_its_line(hostile: Cli) -> None:
    listed = hostile.ok("list").stdout
    assert CLEAR_SHOWN in listed
    assert len(listed.splitlines()) == 1 + 10  # the header and one line an entry


def test_the_review_walk_asks_about_hostile_intentions_safely(hostile: Cli) -> None:
    result = hostile(
        "--as", "Alex", "review", "--interactive", "--week", "2026-W48", input="\n" * 30
    )
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert_shown_safely(result.stdout, result.stderr)
    assert CLEAR_SHOWN in result.stderr  # "How did 'Phones away…' go?"


def test_deleting_asks_with_the_title_shown_safely(hostile: Cli) -> None:
    result = hostile("delete", "1", input="n\n")
    assert result.exit_code == 0  # answered no: nothing deleted
    assert_shown_safely(result.stdout, result.stderr)
    assert CLEAR_SHOWN in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("learn", f"none{CLEAR}"),
        ("show", f"1{CLEAR}"),
        ("--as", f"Ghost{RETITLE}", "share", "export", "-o", "-"),
        ("profile", "add", NAME),
        ("people", "merge", NAME, f"Nobody{RETITLE}"),
    ],
    ids=["unknown concept", "usage", "unknown profile", "a name taken", "merge unknown"],
)
def test_an_error_shows_what_it_quotes_safely(hostile: Cli, args: tuple[str, ...]) -> None:
    # Some of these are refused before anything is looked up: the line is safe either way.
    result = hostile(*args)
    assert result.exit_code in (1, 2), (result.stdout, result.stderr)
    assert_shown_safely(result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_error_quoting_stored_names_shows_them_on_its_line(hostile: Cli) -> None:
    result = hostile("--as", "Ghost", "share", "export", "-o", "-")
    assert result.exit_code == 1
    assert_shown_safely(result.stdout, result.stderr)
    assert f"Sam{RETITLE_SHOWN} Error: [link=" in result.stderr  # an error's one line
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_success_line_shows_the_names_it_quotes_safely(hostile: Cli) -> None:
    result = hostile.ok("people", "merge", "Jo", "Sam")  # found by its key, named as stored
    assert_shown_safely(result.stdout, result.stderr)
    assert result.stderr.startswith(f"Merged Jo into Sam{RETITLE_SHOWN}␊Error: [link=")
    assert len(result.stderr.strip().splitlines()) == 1


CLI = Path(connectlog.cli.__file__).parent


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda path: path.name)
def test_the_command_line_says_things_on_stderr_only_through_say(path: Path) -> None:
    # cli/_output.say shows what a message quotes on its line; typer.echo would print it raw.
    if path.name == "_output.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    raw = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("echo", "secho")
        and any(
            keyword.arg == "err"
            and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is False)
            for keyword in node.keywords
        )
    ]
    assert raw == [], f"{path.name}: use _output.say, not typer.echo(..., err=True)"


# Share import: the sender's name is the bundle's to choose.


def hostile_bundle(
    cli: Cli, tmp_path: Path, *, name: str = f"Alex{RETITLE}", text: str = f"Dinner {CLEAR}@Sam"
) -> Path:
    """Alex's week from another journal: the sender named ``name``, an entry ``text``."""
    sender = tmp_path / "sender.db"
    if not sender.exists():
        cli.ok("--db", str(sender), "profile", "add", "Alex")
        cli.ok("--db", str(sender), "--as", "Alex", "add", "Dinner @Sam", "--when", "2026-11-16")
    path = tmp_path / "bundle.json"
    cli.ok("--db", str(sender), "--as", "Alex", "share", "export", "-o", str(path))
    bundle = json.loads(path.read_text(encoding="utf-8"))
    bundle["profile"]["name"] = name
    bundle["entries"][0]["text"] = text
    path.write_text(json.dumps(bundle), encoding="utf-8")
    return path


def test_share_import_does_not_retitle_the_terminal_with_the_senders_name(
    cli: Cli, tmp_path: Path
) -> None:
    # Whether the bundle is taken in or refused, no line says the name raw.
    result = cli("share", "import", str(hostile_bundle(cli, tmp_path)))
    assert_shown_safely(result.stdout, result.stderr)
    if result.exit_code == 0:
        assert result.stderr.startswith(f"Imported Alex{RETITLE_SHOWN}'s week 2026-W47")
        listed = cli.ok("list")
        assert_shown_safely(listed.stdout, listed.stderr)
        assert CLEAR_SHOWN in listed.stdout
    else:
        assert result.exit_code == 1 and result.stdout == ""


def test_share_import_says_the_name_it_has_stored_safely(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    # However the name came to be stored (an older version, a restored journal), it is quoted.
    cli.ok("share", "import", str(hostile_bundle(cli, tmp_path, name="Alex", text="Dinner")))
    poison(db_path, "UPDATE profile SET name = ? WHERE name = 'Alex'", f"Alex{RETITLE}\n")
    result = cli.ok("share", "import", str(hostile_bundle(cli, tmp_path, name="Alex", text="Tea")))
    assert_shown_safely(result.stdout, result.stderr)
    assert result.stderr.startswith(f"Imported Alex{RETITLE_SHOWN}␊'s")
    assert len(result.stderr.splitlines()) == 1


# Data: --json and the files written keep it exact.

JSON_DOCUMENTS = [
    ("list", "--json"),
    ("show", "1", "--json"),
    ("people", "--json"),
    ("profile", "list", "--json"),
    ("concepts", "--json"),
    ("summary", "--week", "2026-W47", "--json"),
    ("remember", "--json"),
    ("review", "--json"),
    ("reviews", "show", "2026-W47", "--json"),
    ("export", "--format", "json"),
    ("--as", "Alex", "share", "export", "-o", "-"),
]


@pytest.mark.parametrize("args", JSON_DOCUMENTS, ids=" ".join)
def test_json_escapes_every_control_character_and_keeps_the_data(
    hostile: Cli, args: tuple[str, ...]
) -> None:
    result = hostile.ok(*args)
    assert_shown_safely(result.stdout)
    found = list(strings(json.loads(result.stdout)))
    assert any(TEXT in text or NAME in text for text in found), found


def strings(value: Any) -> Any:
    """Every string in a JSON value, keys aside."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)


def test_show_json_gives_the_text_exactly(hostile: Cli) -> None:
    entry = json.loads(hostile.ok("show", "1", "--json").stdout)["entry"]
    assert entry["text"] == f"{TEXT}Hug @Sam #trust #mine {TEXT}"
    assert entry["people"] == [NAME]


def test_export_files_keep_the_data_exact(hostile: Cli, tmp_path: Path) -> None:
    for suffix in ("json", "csv", "md"):
        hostile.ok("export", "-o", str(tmp_path / f"journal.{suffix}"))
    exported = json.loads((tmp_path / "journal.json").read_text(encoding="utf-8"))
    assert TEXT in exported["entries"][0]["text"]
    with (tmp_path / "journal.csv").open(encoding="utf-8", newline="") as handle:
        assert TEXT in next(csv.DictReader(handle))["text"]
    assert CLEAR in (tmp_path / "journal.md").read_text(encoding="utf-8")


def test_a_format_piped_to_another_program_is_exact_data(hostile: Cli) -> None:
    # Not a terminal: the bytes go to a file or a program, as they are.
    assert CLEAR in hostile.ok("export", "--format", "markdown").stdout
    assert "\x9b" in hostile.ok("export", "--format", "csv").stdout


# At a real terminal.


def at_terminal(*args: str, colour: bool = False, stdin: str = "") -> str:
    """Run connectlog on a pseudo-terminal (stdout and stderr both) and return what it printed."""
    env = {**os.environ, "COLUMNS": "100", "LINES": "40"}
    if colour:
        env.pop("NO_COLOR", None)
        env["TERM"] = "xterm-256color"
    else:
        env["TERM"] = "dumb"
    main, child = pty.openpty()
    tty.setraw(child)  # no output processing: a newline stays one byte
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "connectlog", *args],
            stdin=subprocess.PIPE,
            stdout=child,
            stderr=child,
            env=env,
        )
    finally:
        os.close(child)
    assert process.stdin is not None
    process.stdin.write(stdin.encode())
    process.stdin.close()
    output = b""
    try:
        while True:
            ready, _, _ = select.select([main], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the child closed its end
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(main)
        process.wait(timeout=30)
    assert process.returncode in (0, 1), output
    return output.decode("utf-8")


SGR = re.compile("\x1b\\[[0-9;]*m")


@pytest.mark.slow
@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_at_a_terminal_no_control_character_from_the_data_arrives(
    hostile: Cli, tmp_path: Path, colour: bool
) -> None:
    bundle = hostile_bundle(hostile, tmp_path)
    printed = [
        at_terminal("share", "import", str(bundle), colour=colour),
        at_terminal("list", colour=colour),
        at_terminal("show", "1", colour=colour),
        at_terminal("summary", "--week", "2026-W47", colour=colour),
        at_terminal("reviews", "show", "2026-W47", colour=colour),
        at_terminal("export", "--format", "markdown", colour=colour),
        at_terminal("list", "--json", colour=colour),
        at_terminal("delete", "1", colour=colour, stdin="n\n"),
    ]
    for output in printed:
        # Rich's own styling is the only escape sequence there may be, and only in colour.
        data = SGR.sub("", output) if colour else output
        assert "\x1b" not in data and "\x07" not in data, output
        assert_shown_safely(data)
    assert CLEAR_SHOWN in printed[1] and CLEAR_SHOWN in printed[2]
    assert colour == any("\x1b[" in output for output in printed)  # colour was on, or off
