"""``connectlog read``: whole entries, oldest to newest, under their days (issue 14, reading).

Today ``list`` shows about 25 characters of each moment at 80 columns and
``show`` one entry, so reading last week back takes ``show`` ten times.
The pager is tried through a real pseudo-terminal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import cast

import pexpect
import pytest

from tests.conftest import Cli, Clock, assert_user_error, journal_dump

LONG = (
    "We walked along the river after dinner and talked about the summer, the move, "
    "and what we both want the next year to feel like; it was the first long talk "
    "in weeks and I felt close the whole way home."
)


@pytest.fixture
def week(cli: Cli, clock: Clock) -> None:
    cli.ok("add", "Coffee in bed #touch", "--when", "monday 8:00", "-w", "Sam", "-c", "4")
    cli.ok("add", LONG + " #communication", "--when", "wednesday 21:00", "-w", "Sam", "-c", "5")
    cli.ok("add", "Phone call with @Mum #empathy", "--when", "wednesday 22:00", "--star")
    cli.ok("add", "Too tired to talk #disconnection", "--when", "friday 23:00", "-c", "2")


def test_entries_are_read_whole_oldest_first_under_their_days(cli: Cli, week: None) -> None:
    result = cli.ok("read")
    out = result.stdout
    assert LONG.split(";")[0].split()[-1] in out  # the long text is there whole, wrapped
    assert " ".join(out.split()).count(LONG) == 1
    days = [line for line in out.splitlines() if line.endswith("2026")]
    assert days == [
        "Mon 16 Nov 2026",
        "Wed 18 Nov 2026",
        "Fri 20 Nov 2026",
    ]
    order = [out.index(text) for text in ("Coffee in bed", "We walked", "Phone call", "Too tired")]
    assert order == sorted(order)
    assert "08:00  #1  ·  with Sam  ·  touch  ·  ●●●●○" in out
    assert "22:00  #3  ·  with Mum  ·  empathy  ·  ★" in out
    assert result.stderr == ""


def test_every_list_filter_works_with_it(cli: Cli, week: None) -> None:
    assert texts(cli.ok("read", "--with", "Sam").stdout) == ["Coffee in bed", "We walked"]
    assert texts(cli.ok("read", "--concept", "empathy").stdout) == ["Phone call"]
    assert texts(cli.ok("read", "--search", "tired").stdout) == ["Too tired"]
    assert texts(cli.ok("read", "--since", "wednesday", "--until", "wednesday").stdout) == [
        "We walked",
        "Phone call",
    ]
    assert texts(cli.ok("read", "--min-closeness", "4").stdout) == ["Coffee in bed", "We walked"]
    assert texts(cli.ok("read", "--starred").stdout) == ["Phone call"]
    assert texts(cli.ok("read", "--author", "alex").stdout) == [
        "Coffee in bed",
        "We walked",
        "Phone call",
        "Too tired",
    ]


def test_in_a_journal_several_write_in_each_entry_says_who_wrote_it(cli: Cli, week: None) -> None:
    assert "Alex" not in cli.ok("read").stdout  # one writer: no need to say
    cli.ok("profile", "add", "Sam")
    cli.ok("add", "Made Alex breakfast #empathy", "--as", "Sam", "--when", "saturday 9:00")
    out = cli.ok("read").stdout
    assert "08:00  #1  ·  Alex  ·  with Sam  ·  touch" in out
    assert "09:00  #5  ·  Sam  ·  empathy" in out


def test_a_limit_reads_the_newest_so_many_oldest_first(cli: Cli, week: None) -> None:
    result = cli.ok("read", "--limit", "2")
    assert texts(result.stdout) == ["Phone call", "Too tired"]
    assert result.stderr.startswith("Showing 2 of 4 entries")
    assert len(texts(cli.ok("read", "--limit", "0").stdout)) == 4


def test_with_nothing_found_it_says_so(cli: Cli, week: None) -> None:
    result = cli.ok("read", "--search", "nowhere in any entry")
    assert result.stdout == ""
    assert "No entries" in result.stderr


@pytest.mark.parametrize(
    ("arguments", "code", "said"),
    [
        (("--limit", "-1"), 2, "--limit"),
        (("--limit", "many"), 2, "--limit"),
        (("--since", "the day we met"), 2, "the day we met"),
        (("--min-closeness", "6"), 2, "--min-closeness"),
        (("--since", "friday", "--until", "monday"), 2, "is after --until"),
        (("--pager",), 2, "--pager"),
        (("--with", "Nobody"), 1, "No one called 'Nobody'"),
        (("--concept", "nothing-like-it"), 2, "nothing-like-it"),
    ],
)
def test_bad_options_are_one_line_and_change_nothing(
    cli: Cli, week: None, db_path: Path, arguments: tuple[str, ...], code: int, said: str
) -> None:
    before = journal_dump(db_path)
    assert_user_error(cli("read", *arguments), code, said)
    assert journal_dump(db_path) == before


def texts(out: str) -> list[str]:
    """The first words of each entry's text, in the order read."""
    starts = ("Coffee in bed", "We walked", "Phone call", "Too tired")
    return sorted((start for start in starts if start in out), key=out.index)


# --- the pager, at a real terminal ------------------------------------------------------


def at_terminal(db: Path, *args: str, **env: str) -> tuple[int, str]:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "connectlog", "--db", str(db), "read", *args],
        env={**os.environ, "TERM": "dumb", **env},
        encoding="utf-8",
        timeout=30,
        dimensions=(24, 100),
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None, child.signalstatus
    return child.exitstatus, cast(str, child.before).replace("\r\n", "\n")


@pytest.mark.slow
def test_at_a_terminal_it_goes_through_the_pager(week: None, db_path: Path) -> None:
    code, seen = at_terminal(db_path, PAGER="sed -e s/^/paged:/")
    assert code == 0
    assert "paged:Mon 16 Nov 2026" in seen
    assert "paged:Coffee in bed" in seen


@pytest.mark.slow
def test_no_pager_prints_straight_to_the_terminal(week: None, db_path: Path) -> None:
    code, seen = at_terminal(db_path, "--no-pager", PAGER="sed -e s/^/paged:/")
    assert code == 0
    assert "Coffee in bed" in seen and "paged:" not in seen


@pytest.mark.slow
@pytest.mark.parametrize("pager", ["", "cat"])
def test_an_empty_pager_or_cat_means_none(week: None, db_path: Path, pager: str) -> None:
    code, seen = at_terminal(db_path, PAGER=pager)
    assert code == 0 and "Coffee in bed" in seen


@pytest.mark.slow
def test_without_pager_set_it_is_less_told_to_quit_on_one_screen(
    week: None, db_path: Path, tmp_path: Path
) -> None:
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    less = bin_folder / "less"
    less.write_text('#!/bin/sh\necho "less with LESS=$LESS"\ncat\n')
    less.chmod(0o755)
    path = f"{bin_folder}{os.pathsep}{os.environ['PATH']}"
    environment = {key: value for key, value in os.environ.items() if key not in ("PAGER", "LESS")}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "connectlog", "--db", str(db_path), "read"],
        env={**environment, "PATH": path, "TERM": "dumb"},
        encoding="utf-8",
        timeout=30,
    )
    child.expect(pexpect.EOF)
    child.close()
    seen = cast(str, child.before)
    assert child.exitstatus == 0
    assert "less with LESS=FRX" in seen and "Coffee in bed" in seen


@pytest.mark.slow
def test_a_pager_that_cannot_start_leaves_the_text_on_the_terminal(
    week: None, db_path: Path
) -> None:
    code, seen = at_terminal(db_path, PAGER="no-such-pager-here --please")
    assert code == 0 and "Coffee in bed" in seen


@pytest.mark.slow
def test_a_pager_quit_early_ends_quietly(week: None, db_path: Path) -> None:
    code, seen = at_terminal(db_path, "--limit", "0", PAGER="head -n 1")
    assert code == 0
    assert "Traceback" not in seen and "Error" not in seen


def test_piped_it_never_pages(cli: Cli, week: None) -> None:
    result = cli("read", PAGER="sed -e s/^/paged:/")
    assert result.exit_code == 0 and "paged:" not in result.stdout


@pytest.mark.slow
def test_at_a_terminal_search_matches_are_highlighted(week: None, db_path: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "connectlog", "--db", str(db_path), "read", "--search", "TIRED"],
        env={**environment, "TERM": "xterm-256color", "PAGER": "cat"},
        encoding="utf-8",
        timeout=30,
        dimensions=(24, 100),
    )
    child.expect(pexpect.EOF)
    child.close()
    seen = cast(str, child.before)
    assert child.exitstatus == 0
    assert "Too \x1b[7mtired\x1b[0m to talk" in seen  # shown reversed, in its own case


def test_piped_a_search_is_plain_text(cli: Cli, week: None) -> None:
    result = cli.ok("read", "--search", "tired")
    assert "Too tired to talk #disconnection" in result.stdout
    assert "\x1b" not in result.stdout
