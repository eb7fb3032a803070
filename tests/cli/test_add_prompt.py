"""``connectlog add`` at a terminal: the guided prompt, driven through a real pseudo-terminal.

Each test runs ``python -m connectlog add`` under pexpect with the test's own
journal (the autouse fixture's CONNECTLOG_DB, TZ and NO_COLOR are inherited),
answers the questions and then reads what was saved from the database.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import cast

import pexpect
import pytest

from tests.conftest import Cli, journal_dump, rows

pytestmark = pytest.mark.slow


def spawn_add(*args: str) -> pexpect.spawn[str]:
    return pexpect.spawn(
        sys.executable,
        ["-m", "connectlog", "add", *args],
        env={**os.environ, "TERM": "dumb"},
        encoding="utf-8",
        timeout=30,
        dimensions=(24, 200),
    )


def answer(child: pexpect.spawn[str], question: str, reply: str) -> None:
    child.expect_exact(question)
    child.sendline(reply)


def finish(child: pexpect.spawn[str]) -> tuple[int, str]:
    """Wait for the command to end; its exit status and the rest of what it said."""
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None, child.signalstatus
    return child.exitstatus, cast(str, child.before)  # the output up to EOF


def test_guided_prompt_asks_every_field_again_after_a_bad_answer(cli: Cli, db_path: Path) -> None:
    cli.ok("concepts", "add", "play")
    child = spawn_add()
    answer(child, "Your name", "")  # a first run asks; Enter takes the login name
    answer(child, "What happened", "Slow dance in the kitchen #reward")
    answer(child, "Who was it with", "Sam, @[Mary Ann]")
    answer(child, "Kind", "spiritual")
    child.expect_exact("Unknown kind 'spiritual'")
    answer(child, "Kind", "phys")
    answer(child, "How close", "9")
    child.expect_exact("Give a number from 1 to 5")
    answer(child, "How close", "4")
    child.expect(r"Concepts: [^\r\n]*\bplay\b")  # existing concepts are offered
    answer(child, "Which concepts", "trsut, bonding")
    child.expect_exact("did you mean trust")
    answer(child, "Which concepts", "trust, bonding, play")
    status, said = finish(child)
    assert status == 0, said
    assert "Saved entry 1." in said
    assert rows(db_path, "SELECT text, kind, closeness FROM entry") == [
        ("Slow dance in the kitchen #reward", "physical", 4)
    ]
    assert rows(
        db_path,
        "SELECT p.name FROM person p JOIN entry_person ep ON ep.person_id = p.id ORDER BY p.name",
    ) == [("Mary Ann",), ("Sam",)]
    assert rows(
        db_path,
        "SELECT c.name FROM concept c JOIN entry_concept ec ON ec.concept_id = c.id "
        "ORDER BY c.name",
    ) == [("attachment",), ("play",), ("reward",), ("trust",)]


def test_guided_prompt_skips_blank_answers_and_fields_given_as_options(
    cli: Cli, db_path: Path
) -> None:
    child = spawn_add("--kind", "emotional", "-c", "5", "-w", "Alex")
    answer(child, "Your name", "Robin")  # a first run asks who writes
    answer(child, "What happened", "")  # the text cannot be blank: asked again
    answer(child, "What happened", "Long call, felt heard")
    answer(child, "Who was it with", "")
    index = child.expect_exact(["Kind", "How close", "Which concepts"])
    assert index == 2, "kind and closeness were given as options"
    child.sendline("")
    status, said = finish(child)
    assert status == 0, said
    assert rows(db_path, "SELECT text, kind, closeness FROM entry") == [
        ("Long call, felt heard", "emotional", 5)
    ]
    assert rows(db_path, "SELECT name FROM person") == [("Alex",)]
    assert rows(db_path, "SELECT COUNT(*) FROM entry_concept") == [(0,)]
    assert rows(db_path, "SELECT name FROM profile") == [("Robin",)]


def test_guided_prompt_keeps_the_text_when_it_cannot_be_saved(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "First")
    before = journal_dump(db_path)
    child = spawn_add("--touch", "hug")
    answer(child, "What happened", "Held each other for a long time")
    answer(child, "Who was it with", "")
    answer(child, "Kind", "emotional")  # a hug cannot be only emotional
    answer(child, "How close", "")
    answer(child, "Which concepts", "")
    status, said = finish(child)
    assert status == 2, said
    assert "A touch makes a moment physical" in said
    assert "Traceback" not in said
    found = re.search(r"Your text is kept in (\S+)\.\s*$", said)
    assert found, said
    assert Path(found.group(1)).read_text(encoding="utf-8") == "Held each other for a long time\n"
    assert journal_dump(db_path) == before


def test_guided_prompt_stopped_after_the_text_keeps_it(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "First")
    before = journal_dump(db_path)
    child = spawn_add()
    answer(child, "What happened", "Almost forgot to write this down")
    child.expect_exact("Who was it with")
    child.sendeof()
    status, said = finish(child)
    assert status == 1, said
    assert "Aborted; nothing was changed." in said
    found = re.search(r"Your text is kept in (\S+)\.\s*$", said)
    assert found, said
    assert Path(found.group(1)).read_text(encoding="utf-8") == "Almost forgot to write this down\n"
    assert journal_dump(db_path) == before
