"""Sizes have limits: an entry's text, every name and every id, alike wherever they come from.

The limits are written once (``journal/vocab.py``: TEXT_LIMIT, NAME_LIMIT,
UUID_LENGTH, FOREIGN_ID_LIMIT, ENTRY_NUMBER_LIMIT); the models build their
rules from them, the command line checks against them, the messages and
docs/data.md quote them. Each refusal is one line naming the field and the
limit: exit 2 for what was typed, 1 for a file; the journal as it was.
"""

from __future__ import annotations

import json
import re
import shlex
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from connectlog import models
from connectlog.journal import vocab
from tests.cli.test_import import entry as export_entry
from tests.cli.test_import import minimal as export_of
from tests.conftest import Cli, assert_user_error, journal_dump, rows
from tests.unit.test_dayone_reader import entry as dayone_entry
from tests.unit.test_dayone_reader import make_folder
from tests.unit.test_jrnl_reader import entry as jrnl_entry
from tests.unit.test_jrnl_reader import export as jrnl_export

TEXT_AT_LIMIT = "w" * vocab.TEXT_LIMIT
TEXT_OVER = "w" * (vocab.TEXT_LIMIT + 1)
NAME_AT_LIMIT = "N" + "a" * (vocab.NAME_LIMIT - 1)
NAME_OVER = "N" + "a" * vocab.NAME_LIMIT
TOO_LONG_TEXT = "The text is 100,001 characters long; an entry holds at most 100,000."


def too_long(what: str, length: int = vocab.NAME_LIMIT + 1) -> str:
    return f"{what} holds at most {vocab.NAME_LIMIT} characters, not {length}."


@pytest.fixture
def editor_typing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$EDITOR replaces the text above the help with what the file it returns holds."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\nfrom pathlib import Path\n"
        "path = Path(sys.argv[-1])\n"
        "given = path.read_text(encoding='utf-8')\n"
        "typed = Path(__file__).with_name('typed.txt').read_text(encoding='utf-8')\n"
        "path.write_text(typed + '\\n' + given[given.index('# ----'):], encoding='utf-8')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    return tmp_path / "typed.txt"


@pytest.fixture
def journal(cli: Cli, db_path: Path) -> list[tuple[Any, ...]]:
    """A journal holding one entry; what it holds."""
    cli.ok("add", "First, with @Sam #trust")
    return journal_dump(db_path)


# -- An entry's text ------------------------------------------------------------------


def test_a_text_of_the_limit_is_saved_from_every_channel(
    cli: Cli, db_path: Path, editor_typing: Path
) -> None:
    cli.ok("add", TEXT_AT_LIMIT)
    cli.ok("add", input=f"  {TEXT_AT_LIMIT}\n\n")  # the spaces around it are not kept
    editor_typing.write_text(TEXT_AT_LIMIT, encoding="utf-8")
    cli.ok("add", "-e")
    cli.ok("edit", "1", "--text", TEXT_AT_LIMIT[:-1] + "!")
    assert rows(db_path, "SELECT length(text) FROM entry") == [(vocab.TEXT_LIMIT,)] * 3


def test_a_longer_text_is_refused_from_the_command_line(
    cli: Cli, db_path: Path, journal: list[tuple[Any, ...]]
) -> None:
    assert_user_error(cli("add", TEXT_OVER), 2, TOO_LONG_TEXT)
    assert_user_error(cli("edit", "1", "--text", TEXT_OVER), 2, TOO_LONG_TEXT)
    assert journal_dump(db_path) == journal


def test_a_longer_text_is_refused_from_stdin(
    cli: Cli, db_path: Path, tmp_path: Path, journal: list[tuple[Any, ...]]
) -> None:
    assert_user_error(cli("add", input=TEXT_OVER + "\n"), 2, TOO_LONG_TEXT)
    # Far longer is refused before it is all read.
    result = cli("add", input="x" * (3 * vocab.TEXT_LIMIT))
    assert_user_error(
        result, 2, "The text on stdin is longer than 200,000 characters", "(100,000 at most)"
    )
    assert journal_dump(db_path) == journal
    assert not (tmp_path / "drafts").exists()  # it is still where it came from


def test_a_longer_text_from_the_editor_is_refused_and_kept(
    cli: Cli, db_path: Path, tmp_path: Path, editor_typing: Path, journal: list[tuple[Any, ...]]
) -> None:
    editor_typing.write_text(TEXT_OVER, encoding="utf-8")
    for command in (["add", "-e"], ["edit", "1"]):
        result = cli(*command)
        assert_user_error(result, 2, TOO_LONG_TEXT, "Your text is kept in")
        kept = Path(re.findall(r"kept in (\S+)\.", result.stderr)[-1])
        assert kept.read_text(encoding="utf-8") == TEXT_OVER + "\n"
    assert journal_dump(db_path) == journal


# -- Names ------------------------------------------------------------------------------


def test_names_of_the_limit_are_taken(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "With someone", "--with", NAME_AT_LIMIT)
    cli.ok("add", f"With @[{NAME_AT_LIMIT[:-1]}b]")
    cli.ok("concepts", "add", NAME_AT_LIMIT.lower(), "--alias", "x" + NAME_AT_LIMIT[1:].lower())
    cli.ok("profile", "add", NAME_AT_LIMIT[:-1] + "c", "--alias", NAME_AT_LIMIT[:-1] + "d")
    cli.ok("people", "rename", NAME_AT_LIMIT, NAME_AT_LIMIT[:-1] + "e")
    assert sorted(length for (length,) in rows(db_path, "SELECT length(name) FROM person")) == [
        vocab.NAME_LIMIT,
        vocab.NAME_LIMIT,
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "With someone", "--with", NAME_OVER], too_long("A person's name")),
        (["add", "With someone", "--with", f"Sam, {NAME_OVER}"], too_long("A person's name")),
        (["add", f"With @{NAME_OVER} tonight"], too_long("A person's name")),
        (["add", f"With @[{NAME_OVER}]"], too_long("A person's name")),
        (["edit", "1", "--with", NAME_OVER], too_long("A person's name")),
        (["edit", "1", "--text", f"First, with @{NAME_OVER}"], too_long("A person's name")),
        (["people", "rename", "Sam", NAME_OVER], too_long("A person's name")),
        (["add", f"About #{NAME_OVER.lower()}"], too_long("A concept's name")),
        (["add", "About it", "-t", NAME_OVER.lower()], too_long("A concept's name")),
        (["concepts", "add", NAME_OVER.lower()], too_long("A concept's name")),
        (["concepts", "add", "play", "--alias", NAME_OVER.lower()], too_long("A concept's alias")),
        (["profile", "add", NAME_OVER], too_long("A profile's name")),
        (["profile", "add", "Jo", "--alias", NAME_OVER], too_long("A profile's name")),
    ],
)
def test_a_longer_name_is_refused_from_the_command_line(
    cli: Cli, db_path: Path, journal: list[tuple[Any, ...]], args: list[str], message: str
) -> None:
    assert_user_error(cli(*args), 2, message)
    assert journal_dump(db_path) == journal


def test_a_longer_name_with_the_editor_is_refused_before_it_opens(
    cli: Cli, db_path: Path, editor_typing: Path, journal: list[tuple[Any, ...]]
) -> None:
    editor_typing.write_text("Never asked for", encoding="utf-8")
    assert_user_error(cli("add", "-e", "--with", NAME_OVER), 2, too_long("A person's name"))
    assert journal_dump(db_path) == journal


def test_a_longer_name_in_the_editor_is_refused_and_the_text_kept(
    cli: Cli, db_path: Path, editor_typing: Path, journal: list[tuple[Any, ...]]
) -> None:
    editor_typing.write_text(f"Dinner with @{NAME_OVER}", encoding="utf-8")
    result = cli("add", "-e")
    assert_user_error(result, 2, too_long("A person's name"), "Your text is kept in")
    assert journal_dump(db_path) == journal


def test_an_old_name_longer_than_the_limit_can_still_be_found_and_renamed(
    cli: Cli, db_path: Path
) -> None:
    # Before the limit, `add --with` took any length: such a journal still works.
    cli.ok("add", "Long ago", "--with", "Sam")
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE person SET name = ?, key = ?", (NAME_OVER, NAME_OVER.lower()))
    cli.ok("list", "--with", NAME_OVER)
    cli.ok("people", "rename", NAME_OVER, "Sam")
    assert rows(db_path, "SELECT name FROM person") == [("Sam",)]


# -- Files: a partner's bundle, an export, jrnl's and Day One's files ------------------


def bundle_of(cli: Cli, tmp_path: Path) -> dict[str, Any]:
    """A real bundle of Alex's week, from a journal of Alex's own."""
    alex = ["--db", str(tmp_path / "alex.db"), "--as", "Alex"]
    cli.ok(*alex, "profile", "add", "Alex")
    cli.ok(*alex, "add", "Dinner with @Sam #trust", "--when", "2 hours ago")
    path = tmp_path / "bundle.json"
    cli.ok(*alex, "share", "export", "-o", str(path))
    bundle: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return bundle


def changed_entry(bundle: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**bundle, "entries": [{**bundle["entries"][0], **changes}]}


BUNDLES: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], str]] = {
    "a text too long": (
        lambda b: changed_entry(b, text=TEXT_OVER),
        "Entry 1 of the bundle: text is longer than 100,000 characters.",
    ),
    "a person's name too long": (
        lambda b: changed_entry(b, people=[NAME_OVER]),
        "Entry 1 of the bundle: people is longer than 200 characters.",
    ),
    "a concept's name too long": (
        lambda b: changed_entry(b, concepts=[NAME_OVER.lower()]),
        "is longer than 200 characters.",
    ),
    "the sender's name too long": (
        lambda b: {**b, "profile": {**b["profile"], "name": NAME_OVER}},
        "The bundle: profile.name is longer than 200 characters.",
    ),
    "a uuid too long": (
        lambda b: changed_entry(b, uuid=b["entries"][0]["uuid"] + "0"),
        "Entry 1 of the bundle: uuid",
    ),
}


@pytest.mark.usefixtures("clock")
@pytest.mark.parametrize("case", BUNDLES, ids=list(BUNDLES))
def test_a_bundle_past_a_limit_is_refused_whole(
    cli: Cli, db_path: Path, tmp_path: Path, journal: list[tuple[Any, ...]], case: str
) -> None:
    spoil, message = BUNDLES[case]
    path = tmp_path / "spoiled.json"
    path.write_text(json.dumps(spoil(bundle_of(cli, tmp_path))), encoding="utf-8")
    assert_user_error(cli("share", "import", str(path)), 1, message)
    assert journal_dump(db_path) == journal


IMPORTS: dict[str, tuple[str, Callable[[], str], str]] = {
    "an export's text too long": (
        "export.json",
        lambda: json.dumps(export_of(entries=[export_entry(text=TEXT_OVER)])),
        "Entry 1 of the file: text is longer than 100,000 characters.",
    ),
    "an export's concept alias too long": (
        "export.json",
        lambda: json.dumps(
            export_of(
                concepts=[
                    {
                        "name": "play",
                        "aliases": [NAME_OVER.lower()],
                        "meaning": "",
                        "systems": "",
                        "questions": [],
                        "builtin": False,
                        "created_at": "2026-11-16T18:30:00+00:00",
                    }
                ]
            )
        ),
        "is longer than 200 characters.",
    ),
    "an export's profile name too long": (
        "export.json",
        lambda: json.dumps(
            export_of(
                profiles=[{**export_of()["profiles"][0], "name": NAME_OVER}],
                entries=[export_entry(author=NAME_OVER)],
            )
        ),
        "is longer than 200 characters.",
    ),
    "an export's uuid too long": (
        "export.json",
        lambda: json.dumps(export_of(entries=[export_entry(uuid="0" * 37)])),
        "Entry 1 of the file: uuid",
    ),
    "jrnl's text too long": (
        "jrnl.json",
        lambda: jrnl_export(jrnl_entry(title="A title.", body=TEXT_OVER)).decode(),
        "100,000 characters",
    ),
    "jrnl's tag too long": (
        "jrnl.json",
        lambda: jrnl_export(jrnl_entry(tags=["#" + NAME_OVER.lower()])).decode(),
        "200 characters",
    ),
}


@pytest.mark.parametrize("case", IMPORTS, ids=list(IMPORTS))
def test_an_import_past_a_limit_is_refused_whole(
    cli: Cli, db_path: Path, tmp_path: Path, journal: list[tuple[Any, ...]], case: str
) -> None:
    name, content, message = IMPORTS[case]
    path = tmp_path / name
    path.write_text(content(), encoding="utf-8")
    assert_user_error(cli("import", str(path)), 1, message)
    assert journal_dump(db_path) == journal


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": TEXT_OVER}, "100,000 characters"),
        ({"tags": [NAME_OVER]}, "200 characters"),
        ({"uuid": "A" * 33}, "uuid"),
    ],
    ids=["text", "tag", "uuid"],
)
def test_a_day_one_export_past_a_limit_is_refused_whole(
    cli: Cli,
    db_path: Path,
    tmp_path: Path,
    journal: list[tuple[Any, ...]],
    fields: dict[str, Any],
    message: str,
) -> None:
    folder = make_folder(tmp_path / "dayone", {"Journal": [dayone_entry(1, **fields)]})
    assert_user_error(cli("import", str(folder)), 1, message)
    assert journal_dump(db_path) == journal


# -- One place: the models and the docs say the same ----------------------------------


def test_the_models_take_their_limits_from_the_vocabulary() -> None:
    schema = models.EntryRecord.model_json_schema()
    properties = schema["properties"]
    assert properties["text"]["maxLength"] == vocab.TEXT_LIMIT
    assert properties["uuid"]["maxLength"] == vocab.UUID_LENGTH
    assert properties["people"]["items"]["maxLength"] == vocab.NAME_LIMIT
    assert properties["concepts"]["items"]["maxLength"] == vocab.NAME_LIMIT
    alias = models.ExportConceptRecord.model_json_schema()["properties"]["aliases"]
    assert alias["items"]["maxLength"] == vocab.NAME_LIMIT
    incoming = models.IncomingRecord.model_json_schema()["properties"]["uuid"]["anyOf"][0]
    assert incoming["maxLength"] == vocab.FOREIGN_ID_LIMIT


def test_the_docs_give_the_limits() -> None:
    page = (Path(__file__).parents[2] / "docs" / "data.md").read_text(encoding="utf-8")
    section = page.split("## Limits", 1)[1].split("\n## ", 1)[0]
    for figure in (
        f"{vocab.TEXT_LIMIT:,}",
        f"{vocab.NAME_LIMIT:,}",
        f"{vocab.UUID_LENGTH}",
        f"{vocab.FOREIGN_ID_LIMIT}",
        f"{vocab.ENTRY_NUMBER_LIMIT:,}",
        f"{2 * vocab.TEXT_LIMIT:,}",
    ):
        assert figure in section, figure
