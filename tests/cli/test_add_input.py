"""``connectlog add`` without TEXT: the editor (a real subprocess), piped stdin, and drafts.

Text the writer typed in the editor is never lost: when it cannot be saved it
is kept in a drafts file next to the journal, and the error says where.
"""

from __future__ import annotations

import os
import re
import shlex
import stat
import sys
from datetime import datetime
from pathlib import Path

import pytest

from connectlog.journal.drafts import save_draft
from tests.conftest import Cli, assert_user_error, journal_dump, rows

FAKE_EDITOR = '''\
"""A stand-in for the writer's editor: types FAKE_EDITOR_TEXT above the help, then quits."""
import os
import sys
from pathlib import Path

path = Path(sys.argv[-1])
original = path.read_text(encoding="utf-8")
seen = os.environ.get("FAKE_EDITOR_SEEN")
if seen:
    Path(seen).write_text(original, encoding="utf-8")
mode = os.environ.get("FAKE_EDITOR_MODE", "type")
if mode == "type":
    lines = original.splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines) if ">8" in line)
    above = "".join(lines[:cut]).strip("\\n")
    typed = os.environ.get("FAKE_EDITOR_TEXT", "")
    path.write_text("\\n".join(p for p in (above, typed) if p) + "\\n\\n" + "".join(lines[cut:]),
                    encoding="utf-8")
elif mode == "delete":
    path.unlink()
sys.exit(int(os.environ.get("FAKE_EDITOR_EXIT", "0")))
'''


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$EDITOR set to the fake editor; returns where it copies what it was shown."""
    script = tmp_path / "fake_editor.py"
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    seen = tmp_path / "editor-saw.txt"
    monkeypatch.setenv("FAKE_EDITOR_SEEN", str(seen))
    return seen


def types(monkeypatch: pytest.MonkeyPatch, text: str, *, exit: int = 0) -> None:
    """What the fake editor types, and the status it exits with."""
    monkeypatch.setenv("FAKE_EDITOR_TEXT", text)
    monkeypatch.setenv("FAKE_EDITOR_EXIT", str(exit))


def draft_path(stderr: str) -> Path:
    """The drafts file an error line names."""
    found = re.search(r"Your text is kept in (\S+)\.$", stderr.strip())
    assert found, stderr
    return Path(found.group(1))


def assert_private_file(path: Path) -> None:
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


# The editor -------------------------------------------------------------------


def test_add_edit_saves_what_was_written_in_the_editor(
    cli: Cli, db_path: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    types(monkeypatch, "Long talk with @Sam about #trust.\nWe both cried a little.")
    result = cli.ok("add", "--edit", "-c", "5")
    assert result.stderr == "Saved entry 1.\n"
    assert rows(db_path, "SELECT text, closeness FROM entry") == [
        ("Long talk with @Sam about #trust.\nWe both cried a little.", 5)
    ]
    assert rows(db_path, "SELECT name FROM person") == [("Sam",)]
    shown = editor.read_text(encoding="utf-8")
    assert ">8" in shown  # the help below the scissors line ...
    assert "#trust" in shown
    assert "Write what happened" not in rows(db_path, "SELECT text FROM entry")[0][0]


def test_add_edit_prefers_visual_over_editor(
    cli: Cli, db_path: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", os.environ["EDITOR"])
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    types(monkeypatch, "Written in $VISUAL")
    cli.ok("add", "-e")
    assert rows(db_path, "SELECT text FROM entry") == [("Written in $VISUAL",)]


def test_add_edit_with_text_opens_the_editor_on_that_text(
    cli: Cli, db_path: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    types(monkeypatch, "And then we laughed about it.")
    cli.ok("add", "Hugged @Sam", "--edit")
    assert editor.read_text(encoding="utf-8").startswith("Hugged @Sam\n")
    assert rows(db_path, "SELECT text FROM entry") == [
        ("Hugged @Sam\nAnd then we laughed about it.",)
    ]


def test_add_edit_left_empty_saves_nothing_and_keeps_no_draft(
    cli: Cli, db_path: Path, tmp_path: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("add", "First")
    before = journal_dump(db_path)
    types(monkeypatch, "")
    assert_user_error(cli("add", "--edit"), 2, "no text", "nothing was saved")
    assert journal_dump(db_path) == before
    assert not (tmp_path / "drafts").exists()


def test_add_edit_text_naming_an_unknown_concept_is_kept_as_a_draft(
    cli: Cli, db_path: Path, tmp_path: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("add", "First")
    before = journal_dump(db_path)
    text = "A long reflection about #trsut\nthat I do not want to lose."
    types(monkeypatch, text)
    result = cli("add", "--edit")
    assert_user_error(result, 2, "No concept called 'trsut'", "did you mean trust")
    kept = draft_path(result.stderr)
    assert kept.parent == tmp_path / "drafts"
    assert kept.read_text(encoding="utf-8") == text + "\n"
    assert_private_file(kept)
    assert journal_dump(db_path) == before


def test_add_edit_when_the_editor_fails_after_writing_keeps_the_text(
    cli: Cli, db_path: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("add", "First")
    before = journal_dump(db_path)
    types(monkeypatch, "Half-written thought", exit=3)
    result = cli("add", "--edit")
    assert_user_error(result, 1, "exited with status 3", "nothing was saved")
    kept = draft_path(result.stderr)
    assert kept.read_text(encoding="utf-8") == "Half-written thought\n"
    assert_private_file(kept)
    assert journal_dump(db_path) == before


def test_add_edit_when_the_editor_fails_without_writing_keeps_no_draft(
    cli: Cli, tmp_path: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    types(monkeypatch, "", exit=1)
    result = cli("add", "--edit")
    assert_user_error(result, 1, "exited with status 1")
    assert "kept in" not in result.stderr
    assert not (tmp_path / "drafts").exists()


def test_add_edit_when_the_editor_removes_the_file_saves_nothing(
    cli: Cli, db_path: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("add", "First")
    before = journal_dump(db_path)
    monkeypatch.setenv("FAKE_EDITOR_MODE", "delete")
    assert_user_error(cli("add", "--edit"), 2, "no text")
    assert journal_dump(db_path) == before


def test_add_edit_with_an_editor_that_cannot_start(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("add", "First")
    before = journal_dump(db_path)
    monkeypatch.setenv("EDITOR", "/nonexistent/editor --wait")
    result = cli("add", "--edit")
    assert_user_error(result, 1, "Cannot start the editor '/nonexistent/editor'", "$EDITOR")
    assert journal_dump(db_path) == before


def test_add_edit_with_an_editor_variable_that_cannot_be_read(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "vim '")
    assert_user_error(cli("add", "--edit"), 1, "$VISUAL", "quoting")


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (["--kind", "spiritual"], "Unknown kind 'spiritual'"),
        (["--touch", "poke"], "Unknown touch 'poke'"),
        (["--initiated-by", "nobody"], "Unknown initiated by"),
        (["--response", "ignored"], "Unknown response"),
        (["-t", "trsut"], "did you mean trust"),
        (["--when", "tomorrow"], "in the future"),
        (["-c", "9"], "--closeness"),
    ],
)
def test_add_edit_rejects_a_bad_option_before_the_editor_opens(
    cli: Cli, db_path: Path, editor: Path, options: list[str], fragment: str
) -> None:
    cli.ok("add", "First")
    before = journal_dump(db_path)
    assert_user_error(cli("add", "--edit", *options), 2, fragment)
    assert not editor.exists()
    assert journal_dump(db_path) == before


# Stdin --------------------------------------------------------------------------


def test_add_takes_piped_text_from_stdin(cli: Cli, db_path: Path) -> None:
    result = cli("add", "-c", "3", input="Piped from a script with @Sam #trust\n")
    assert result.exit_code == 0, result.stderr
    assert rows(db_path, "SELECT text, closeness FROM entry") == [
        ("Piped from a script with @Sam #trust", 3)
    ]
    assert rows(db_path, "SELECT name FROM person") == [("Sam",)]


def test_add_keeps_every_line_of_piped_text(cli: Cli, db_path: Path) -> None:
    cli.ok("add", input="First line.\n\nA second paragraph.\n")
    assert rows(db_path, "SELECT text FROM entry") == [("First line.\n\nA second paragraph.",)]


@pytest.mark.parametrize("piped", ["", "  \n\t\n"])
def test_add_with_nothing_piped_saves_nothing(cli: Cli, db_path: Path, piped: str) -> None:
    cli.ok("add", "First")
    before = journal_dump(db_path)
    assert_user_error(cli("add", input=piped), 2, "no text")
    assert journal_dump(db_path) == before


def test_add_piped_text_that_cannot_be_saved_is_not_kept_as_a_draft(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    # The text is still with whatever piped it; only typed text needs keeping.
    cli.ok("add", "First")
    before = journal_dump(db_path)
    result = cli("add", input="About #trsut\n")
    assert_user_error(result, 2, "did you mean trust")
    assert "kept in" not in result.stderr
    assert not (tmp_path / "drafts").exists()
    assert journal_dump(db_path) == before


def test_add_text_argument_wins_over_stdin(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "From the argument", input="From stdin\n")
    assert rows(db_path, "SELECT text FROM entry") == [("From the argument",)]


# Drafts -------------------------------------------------------------------------


def test_save_draft_never_overwrites_a_draft_from_the_same_second(tmp_path: Path) -> None:
    now = datetime(2026, 11, 25, 19, 0, 0).astimezone()
    first = save_draft(tmp_path / "drafts", "first", now=now)
    second = save_draft(tmp_path / "drafts", "second\n", now=now)
    assert first != second
    assert first.read_text(encoding="utf-8") == "first\n"
    assert second.read_text(encoding="utf-8") == "second\n"
    assert_private_file(first)
    assert_private_file(second)


# Control characters ---------------------------------------------------------------

#: What a partner's import (and the next journal's) refuses in an entry's text.
CONTROLS = ["\x00", "\x07", "\x1b[2J", "\x7f", "\x9b", "\x85"]


@pytest.mark.parametrize("control", CONTROLS, ids=repr)
def test_a_control_character_is_refused_from_every_channel_and_nothing_saved(
    cli: Cli, db_path: Path, editor: Path, monkeypatch: pytest.MonkeyPatch, control: str
) -> None:
    """Saved, it would make every bundle and export of its week unreadable elsewhere."""
    cli.ok("add", "A plain first entry")
    before = journal_dump(db_path)
    text = f"A hug {control}at the door"
    code = f"U+{ord(control[0]):04X}"
    # An argument holding NUL is refused before the command runs (cli/_input.py).
    said = "NUL" if control == "\x00" else code
    assert_user_error(cli("add", text), 2, said)
    assert_user_error(cli("add", input=text), 2, code)
    assert_user_error(cli("edit", "1", "--text", text), 2, said)
    if control != "\x00":  # which the fake editor's variable cannot carry
        types(monkeypatch, text)
        refused = cli("add", "-e")
        assert refused.exit_code == 2 and code in refused.stderr
    assert journal_dump(db_path) == before


def test_line_ends_of_any_system_are_newlines_and_tabs_are_kept(cli: Cli, db_path: Path) -> None:
    cli.ok("add", input="First line\r\nsecond\rthird\twith a tab\r\n")
    cli.ok("add", "Typed\r\nas an argument")
    assert rows(db_path, "SELECT text FROM entry ORDER BY id") == [
        ("First line\nsecond\nthird\twith a tab",),
        ("Typed\nas an argument",),
    ]


def test_what_add_saves_comes_back_in_the_partners_journal(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    """The rule is the readers': an entry add took is one a bundle carries."""
    cli.ok("add", "Tea together\ton the balcony\r\nthen a long talk #trust @Sam")
    bundle = tmp_path / "week.json"
    cli.ok("share", "export", "--week", "this", "-o", str(bundle))
    partner = tmp_path / "partner.db"
    cli.ok("--db", str(partner), "share", "import", str(bundle))
    assert rows(partner, "SELECT text FROM entry") == rows(db_path, "SELECT text FROM entry")
