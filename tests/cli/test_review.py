"""``connectlog review`` and ``reviews``: the agenda, the walk through it, and what is saved.

Alex and Sam share one journal here (two profiles); tests/test_couple_week.py
has them on two journals exchanging bundles. The clock is stopped on Sunday
22 November 2026 (week 2026-W47) in Berlin.
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, assert_user_error, journal_dump, rows

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def week(cli: Cli) -> Cli:
    """A week of Alex's and Sam's moments in one journal."""
    cli.ok("profile", "add", "Alex", "--alias", "Lex")
    cli.ok("profile", "add", "Sam")

    def alex(*args: str) -> None:
        cli.ok("--as", "Alex", "add", *args)

    def sam(*args: str) -> None:
        cli.ok("--as", "Sam", "add", *args)

    alex("Dinner, we laughed a lot @Sam", "--when", "2026-11-16T19:00", "-c", "5")
    sam("Dinner with @Lex, felt close", "--when", "2026-11-16T19:45", "-c", "4")
    alex("Sam made me tea when I was low @Sam", "--when", "2026-11-17T08:00", "--appreciation")
    sam("Felt ignored at the party @Alex #disconnection", "--when", "2026-11-18T23:00", "-c", "2")
    alex("Asked for a hug, got a shrug @Sam", "--when", "2026-11-19T20:00", "--response", "away")
    sam("My secret plan for the anniversary", "--when", "2026-11-20T12:00", "--private")
    alex("Coffee with @Jo", "--when", "2026-11-21T10:00", "-c", "4")
    return cli


def agenda(cli: Cli, *options: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(cli.ok("review", *options, "--json").stdout)
    assert (document["version"], document["type"]) == (1, "agenda")
    return document


def texts(entries: list[dict[str, Any]]) -> list[str]:
    return [entry["text"] for entry in entries]


def test_the_agenda_walks_the_five_steps_without_private_entries(week: Cli) -> None:
    data = agenda(week)
    assert data["period"]["label"] == "2026-W47"
    assert data["participants"] == ["Alex", "Sam"]
    assert texts(data["appreciations"]) == ["Sam made me tea when I was low @Sam"]
    assert texts(data["went_right"]) == [
        "Dinner, we laughed a lot @Sam",
        "Dinner with @Lex, felt close",
        "Coffee with @Jo",
    ]
    (pair,) = data["two_views"]
    assert [(entry["author"], entry["closeness"]) for entry in pair] == [("Alex", 5), ("Sam", 4)]
    assert texts(data["to_talk_about"]) == [
        "Felt ignored at the party @Alex #disconnection",
        "Asked for a hug, got a shrug @Sam",
    ]
    assert "secret plan" not in json.dumps(data)
    assert (data["last_week"], data["last_intentions"]) == (None, [])


def test_two_views_need_both_to_have_logged_within_the_window(
    week: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("review_window = 0.5\n", encoding="utf-8")
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    assert agenda(week)["two_views"] == []  # 45 minutes apart is outside half an hour


def test_the_markdown_agenda_is_written_privately(week: Cli, tmp_path: Path) -> None:
    path = tmp_path / "agenda.md"
    result = week.ok("review", "--markdown", str(path))
    assert result.stderr == f"Wrote the agenda of 2026-W47 to {path}.\n"
    text = path.read_text(encoding="utf-8")
    assert path.stat().st_mode & 0o077 == 0
    assert text.startswith("# Review of 2026-W47, Mon 16 Nov to Sun 22 Nov 2026\n")
    for heading in (
        "## 1. Appreciations",
        "## 2. What went right",
        "## 3. Two views of one moment",
        "## 4. One thing to talk about",
        "## 5. Intentions for next week",
    ):
        assert heading in text
    assert "1. Wed 18 Nov 23:00, **Sam**, closeness 2/5: Felt ignored" in text
    assert "secret plan" not in text
    assert week.ok("review", "--markdown", "-").stdout == text


ANSWERS = [
    "Thank you for the tea",  # Alex appreciates
    "",
    "You listened on Thursday",  # Sam appreciates
    "",
    "We slowed down",  # what made the close moments work
    "I thought dinner was louder",  # two views
    "2",  # talk about: the shrug
    "Say when I need a hug",  # what we took from it
    "Phones away at dinner",  # Alex's intention
    "",
    "Ask for a hug out loud",  # Sam's intention
    "",
]


def typed(answers: list[str]) -> str:
    """What the walk reads: one answer a line."""
    return "\n".join(answers) + "\n"


def shown_review(cli: Cli, week: str = "2026-W47") -> dict[str, Any]:
    document: dict[str, Any] = json.loads(cli.ok("reviews", "show", week, "--json").stdout)
    return dict(document["review"])


def test_the_walk_saves_what_was_said(week: Cli, db_path: Path) -> None:
    result = week("review", "--interactive", input="\n".join(ANSWERS) + "\n")
    assert result.exit_code == 0, result.output
    assert "Saved the review of 2026-W47." in result.stderr
    for step in ("1. Appreciations", "3. Two views of one moment", "5. Intentions"):
        assert step in result.stdout
    assert "secret plan" not in result.output
    saved = json.loads(week.ok("reviews", "show", "2026-W47", "--json").stdout)["review"]
    assert saved["participants"] == ["Alex", "Sam"]
    assert [(a["who"], a["text"]) for a in saved["appreciations"]] == [
        ("Alex", "Thank you for the tea"),
        ("Sam", "You listened on Thursday"),
    ]
    assert saved["topic"] == "Asked for a hug, got a shrug @Sam"
    # Each note keeps the question it answers.
    assert [(note["question"], note["text"]) for note in saved["notes"]] == [
        ("What made these moments work?", "We slowed down"),
        ("What do you see differently?", "I thought dinner was louder"),
        ("What did you take from talking about it?", "Say when I need a hug"),
    ]
    assert [(i["who"], i["text"]) for i in saved["intentions"]] == [
        ("Alex", "Phones away at dinner"),
        ("Sam", "Ask for a hug out loud"),
    ]
    (topic_entry,) = rows(db_path, "SELECT entry_id FROM review_line WHERE section = 'topic'")
    assert topic_entry == (5,)


def test_the_next_review_opens_with_last_weeks_intentions(week: Cli, clock: Any) -> None:
    week.ok("review", "--interactive", input="\n".join(ANSWERS) + "\n")
    clock.set(clock.now.replace(day=29))
    week.ok("--as", "Sam", "add", "Cooked together @Alex", "--when", "2026-11-24T19:00", "-c", "4")
    data = agenda(week)
    assert data["period"]["label"] == "2026-W48"
    assert data["last_week"] == "2026-W47"
    assert [(i["who"], i["text"]) for i in data["last_intentions"]] == [
        ("Alex", "Phones away at dinner"),
        ("Sam", "Ask for a hug out loud"),
    ]
    answers = ["done", "maybe", "partly", "", "", "", "", "", "", "", "", ""]
    result = week("review", "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Last time (2026-W47) you intended:" in result.stdout
    assert "Answer done, partly or not" in result.stderr
    saved = json.loads(week.ok("reviews", "show", "2026-w48", "--json").stdout)["review"]
    assert [(f["who"], f["text"], f["outcome"]) for f in saved["followups"]] == [
        ("Alex", "Phones away at dinner", "done"),
        ("Sam", "Ask for a hug out loud", "partly"),
    ]
    listed = json.loads(week.ok("reviews", "--json").stdout)["reviews"]
    assert [review["week"] for review in listed] == ["2026-W48", "2026-W47"]
    table = week.ok("reviews").stdout
    assert "2026-W48" in table and "Asked for a hug" in table


def test_reviewing_a_week_again_with_enter_everywhere_keeps_everything_said(
    week: Cli, db_path: Path
) -> None:
    # Issue 11: the second review of a week used to wipe the first.
    week.ok("review", "--interactive", input="\n".join(ANSWERS) + "\n")
    (first,) = rows(db_path, "SELECT uuid, created_at FROM review")
    before = json.loads(week.ok("reviews", "show", "2026-W47", "--json").stdout)["review"]

    week.ok("review", "--interactive", input="\n" * 20)

    after = json.loads(week.ok("reviews", "show", "2026-W47", "--json").stdout)["review"]
    assert after == before
    assert after["appreciations"] and after["intentions"] and after["topic"] and after["notes"]
    # Still the same review, wherever an export of it went.
    assert rows(db_path, "SELECT uuid, created_at FROM review") == [first]


def test_reviewing_a_week_again_adds_what_is_new_once(week: Cli, db_path: Path) -> None:
    week.ok("review", "--interactive", input=typed(ANSWERS))
    again = [
        "",  # keep the appreciations
        "Thank you for the tea",  # Alex says it again
        "",
        "",
        "",  # keep the note
        "We slowed down",  # said again
    ]
    week.ok("review", "--interactive", input=typed(again) + "\n" * 20)
    saved = shown_review(week)
    assert [(a["who"], a["text"]) for a in saved["appreciations"]] == [
        ("Alex", "Thank you for the tea"),
        ("Sam", "You listened on Thursday"),
    ]
    assert len(saved["notes"]) == 3
    assert rows(db_path, "SELECT count(*) FROM review_line WHERE section = 'topic'") == [(1,)]


def test_stopping_the_walk_keeps_what_was_typed_as_a_draft(week: Cli, db_path: Path) -> None:
    before = journal_dump(db_path)
    result = week("review", "--interactive", input="Thank you for the tea\n")
    assert result.exit_code == 1
    assert "Your text is kept in" in result.stderr
    draft = Path(result.stderr.split("kept in ")[1].strip().rstrip("."))
    assert "Thank you for the tea" in draft.read_text(encoding="utf-8")
    assert rows(db_path, "SELECT count(*) FROM review") == [(0,)]
    assert journal_dump(db_path) == before


def test_an_empty_week_still_has_an_agenda(cli: Cli) -> None:
    data = agenda(cli)
    assert data["participants"] == ["Alex"]
    assert data["two_views"] == [] and data["to_talk_about"] == []
    text = cli.ok("review", "--markdown", "-").stdout
    assert "_No moment was logged by more than one of you._" in text


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["review"], 2, "walks you through the week at a terminal"),
        (["review", "--week", "2026-W99", "--json"], 2, "Cannot read the week"),
        (["reviews", "show", "2026-W01"], 1, "There is no review of 2026-W01"),
        (["reviews", "show", "2026-W99"], 2, "Cannot read the week '2026-W99'"),
        (["reviews", "show", "someday"], 2, "use an ISO week like 2026-W47, 'this' or 'last'"),
        (["review", "--markdown", "/nonexistent/agenda.md"], 1, "Cannot write"),
    ],
)
def test_bad_review_usage_is_one_line(
    week: Cli, db_path: Path, args: list[str], code: int, fragment: str
) -> None:
    before = journal_dump(db_path)
    assert_user_error(week(*args), code, fragment)
    assert journal_dump(db_path) == before


@pytest.mark.parametrize(
    "args",
    [
        ["--as", "Alex", "review", "--json"],
        ["--as", "Alex", "review", "--markdown", "-"],
        ["--as", "Alex", "share", "export", "-o", "-"],
    ],
)
def test_an_agenda_or_a_bundle_only_reads_while_someone_else_writes(
    week: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    import sqlite3

    import connectlog.storage.session

    # A command that asked for the write lock would wait this long, then fail.
    monkeypatch.setattr(connectlog.storage.session, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process in the middle of writing
        result = week(*args)
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert result.exit_code == 0, result.stderr
    assert "Alex" in result.stdout


def test_a_bundle_from_a_journal_no_one_wrote_in_is_refused(cli: Cli, db_path: Path) -> None:
    assert_user_error(cli("share", "export", "-o", "-"), 1, "No one has written in this journal")
    assert rows(db_path, "SELECT * FROM profile") == []


# A week reviewed again: what was said is shown, kept, and changed only when asked --------

#: Enter at every question of a second review of the week ANSWERS reviewed.
KEEP = [""] * 13
#: The question asked after what a step already holds.
CHANGE = "Change or take back any of this? [y/N]"


def review_lines(db_path: Path, section: str) -> list[tuple[Any, ...]]:
    return rows(
        db_path,
        "SELECT id, uuid, text, outcome, entry_id, removed FROM review_line"
        " WHERE section = ? ORDER BY id",
        section,
    )


def test_a_second_review_shows_what_each_step_holds_before_asking(week: Cli) -> None:
    week.ok("review", "--interactive", input=typed(ANSWERS))
    result = week.ok("review", "--interactive", input=typed(KEEP))
    out = result.stdout
    steps = [out.index(f"{number}. ") for number in range(1, 6)]
    # Each line is shown in its own step, under what that step is about.
    for text, step in (
        ("Alex: Thank you for the tea", 1),
        ("We slowed down", 2),
        ("I thought dinner was louder", 3),
        ("Asked for a hug, got a shrug @Sam", 4),
        ("Say when I need a hug", 4),
        ("Alex: Phones away at dinner", 5),
    ):
        at = out.index(text, steps[step - 1])
        assert step == 5 or at < steps[step], text
    assert out.count("Said before:") == 6
    assert "You reviewed 2026-W47 before" in result.stderr
    assert result.stderr.count(CHANGE) == 5
    assert "or Enter to keep it" in result.stderr  # the topic


def test_changing_a_line_asks_first_and_amends_that_line(week: Cli, db_path: Path) -> None:
    week.ok("review", "--interactive", input=typed(ANSWERS))
    before = review_lines(db_path, "appreciation")
    answers = ["y", "Thank you for the morning tea", "y", "-", "n", "", ""]
    result = week.ok("review", "--interactive", input=typed(answers) + "\n" * 20)
    assert "Alex said 'Thank you for the tea'. Enter keeps it" in result.stderr
    assert (
        "Replace 'Thank you for the tea' with 'Thank you for the morning tea'? [y/N]"
        in result.stderr
    )
    assert "Take back 'You listened on Thursday'? [y/N]" in result.stderr
    saved = shown_review(week)
    assert [(a["who"], a["text"]) for a in saved["appreciations"]] == [
        ("Alex", "Thank you for the morning tea"),
        ("Sam", "You listened on Thursday"),
    ]
    after = review_lines(db_path, "appreciation")
    # The same lines (same ids and uuids: a partner's copy is amended, not doubled).
    assert [line[:2] for line in after] == [line[:2] for line in before]


def test_taking_back_a_line_asks_first_and_leaves_a_mark(week: Cli, db_path: Path) -> None:
    week.ok("review", "--interactive", input=typed(ANSWERS))
    answers = [""] * 10 + ["y", "-", "y", "", "", ""]
    result = week.ok("review", "--interactive", input=typed(answers) + "\n" * 10)
    assert "Take back 'Phones away at dinner'? [y/N]" in result.stderr
    assert [(i["who"], i["text"]) for i in shown_review(week)["intentions"]] == [
        ("Sam", "Ask for a hug out loud"),
    ]
    kept = [(text, removed) for _, _, text, _, _, removed in review_lines(db_path, "intention")]
    assert kept == [("Phones away at dinner", 1), ("Ask for a hug out loud", 0)]


def test_no_or_enter_at_a_confirmation_changes_nothing(week: Cli, db_path: Path) -> None:
    week.ok("review", "--interactive", input=typed(ANSWERS))
    before = rows(db_path, "SELECT * FROM review_line ORDER BY id")
    reviewed = rows(db_path, "SELECT * FROM review")
    answers = ["y", "Something else", "n", "-", "", "", ""]  # no, and Enter (no)
    answers += ["", "", "", "", "My own words", "n", "", "", "y", "-", "N", "", "", ""]
    week.ok("review", "--interactive", input=typed(answers) + "\n" * 10)
    assert rows(db_path, "SELECT * FROM review_line ORDER BY id") == before
    assert rows(db_path, "SELECT * FROM review") == reviewed  # not even its time moved


def test_an_answer_that_is_not_yes_or_no_is_asked_again(week: Cli) -> None:
    week.ok("review", "--interactive", input=typed(ANSWERS))
    before = shown_review(week)
    result = week("review", "--interactive", input=typed(["maybe", "jein", "n"]) + "\n" * 20)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("Answer y or n (Enter for no).") == 2
    assert result.stderr.count(CHANGE) == 3 + 4  # asked again twice, then the other steps
    assert shown_review(week) == before


def test_replacing_the_topic_asks_first(week: Cli, db_path: Path) -> None:
    week.ok("review", "--interactive", input=typed(ANSWERS))
    answers = [""] * 7 + ["1", "y"]
    result = week.ok("review", "--interactive", input=typed(answers) + "\n" * 10)
    assert (
        "Replace the topic 'Asked for a hug, got a shrug @Sam' with"
        " 'Felt ignored at the party @Alex #disconnection'? [y/N]" in result.stderr
    )
    assert shown_review(week)["topic"] == "Felt ignored at the party @Alex #disconnection"
    topics = [
        (text, entry, removed) for _, _, text, _, entry, removed in review_lines(db_path, "topic")
    ]
    assert topics == [
        ("Asked for a hug, got a shrug @Sam", 5, 1),
        ("Felt ignored at the party @Alex #disconnection", 4, 0),
    ]
    # The note on what you took from it stays.
    assert len(shown_review(week)["notes"]) == 3


def test_taking_back_the_topic_keeps_its_note_to_look_at(week: Cli) -> None:
    week.ok("review", "--interactive", input=typed(ANSWERS))
    answers = [""] * 7 + ["-", "y"]
    result = week.ok("review", "--interactive", input=typed(answers) + "\n" * 10)
    assert "Take back the topic 'Asked for a hug, got a shrug @Sam'? [y/N]" in result.stderr
    saved = shown_review(week)
    assert saved["topic"] is None
    assert "Say when I need a hug" in [note["text"] for note in saved["notes"]]
    # With no topic, the note is shown with the others after the last step.
    assert result.stdout.index("Say when I need a hug") > result.stdout.index("5. Intentions")


def test_a_followup_given_is_shown_with_its_outcome_and_amended(
    week: Cli, db_path: Path, clock: Any
) -> None:
    week.ok("review", "--interactive", input=typed(ANSWERS))
    clock.set(clock.now.replace(day=29))
    week.ok("review", "--interactive", input=typed(["done", "partly"]) + "\n" * 10)
    answers = ["not", "y", ""]
    result = week.ok("review", "--interactive", input=typed(answers) + "\n" * 20)
    said_before = result.stdout.index("Said before:")
    assert said_before < result.stdout.index("Alex: Phones away at dinner (done)")
    assert result.stdout.index("Sam: Ask for a hug out loud (partly done)") < result.stdout.index(
        "1. Appreciations"
    )
    asked = "How did 'Phones away at dinner' go? done, partly or not"
    assert f"{asked} (Enter keeps done, - takes it back)" in result.stderr
    assert "Change how 'Phones away at dinner' went from done to not done? [y/N]" in result.stderr
    saved = shown_review(week, "2026-W48")
    assert [(f["who"], f["text"], f["outcome"]) for f in saved["followups"]] == [
        ("Alex", "Phones away at dinner", "not"),
        ("Sam", "Ask for a hug out loud", "partly"),
    ]
    assert rows(db_path, "SELECT count(*) FROM review_line WHERE section = 'followup'") == [(2,)]


# A review that stopped goes on from its draft -----------------------------------------

ALEX_APPRECIATES = "Alex, something you appreciate about the other (blank to go on)"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def kept_draft(stderr: str) -> Path:
    found = re.search(r"Your text is kept in (\S+)\.$", stderr.strip())
    assert found, stderr
    return Path(found.group(1))


def review_draft_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "drafts").glob("review-*"))


def test_a_stopped_review_is_kept_privately_with_what_it_needs_to_go_on(
    week: Cli, tmp_path: Path
) -> None:
    result = week("review", "--interactive", input=typed(["Thank you for the tea", ""]))
    assert result.exit_code == 1
    draft = kept_draft(result.stderr)
    assert draft.parent == tmp_path / "drafts"  # beside the journal
    assert draft.name.startswith("review-2026-W47-")
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert stat.S_IMODE(draft.parent.stat().st_mode) == 0o700
    text = draft.read_text(encoding="utf-8")
    assert f"{ALEX_APPRECIATES}: Thank you for the tea\n" in text  # for people to read
    assert "connectlog review --week 2026-W47" in text
    data = json.loads(text.splitlines()[-1])  # and for the next review to go on from
    assert (data["version"], data["type"], data["week"]) == (1, "review-draft", "2026-W47")
    assert data["answers"][:2] == [
        {"question": ALEX_APPRECIATES, "text": "Thank you for the tea", "entry": None},
        {"question": ALEX_APPRECIATES, "text": "", "entry": None},
    ]


def test_the_next_review_goes_on_from_the_draft_and_removes_it(week: Cli, tmp_path: Path) -> None:
    stopped = week("review", "--interactive", input=typed(ANSWERS[:3]))
    assert stopped.exit_code == 1
    result = week.ok("review", "--interactive", input=typed(["", *ANSWERS[3:]]))
    assert "Go on from where the review of 2026-W47 stopped" in result.stderr
    # What was answered is shown, not asked again.
    assert result.stderr.count(ALEX_APPRECIATES) == 1
    assert f"{ALEX_APPRECIATES}: Thank you for the tea" in result.stderr
    assert "Saved the review of 2026-W47." in result.stderr
    assert review_draft_files(tmp_path) == []
    saved = shown_review(week)
    assert [(a["who"], a["text"]) for a in saved["appreciations"]] == [
        ("Alex", "Thank you for the tea"),
        ("Sam", "You listened on Thursday"),
    ]
    assert saved["topic"] == "Asked for a hug, got a shrug @Sam"
    assert len(saved["notes"]) == 3 and len(saved["intentions"]) == 2


def test_a_review_stopped_twice_keeps_one_draft_with_everything(week: Cli, tmp_path: Path) -> None:
    week("review", "--interactive", input=typed(ANSWERS[:1]))
    again = week("review", "--interactive", input=typed(["y", *ANSWERS[1:3]]))
    assert again.exit_code == 1
    (draft,) = review_draft_files(tmp_path)
    assert draft == kept_draft(again.stderr)
    text = draft.read_text(encoding="utf-8")
    assert "Thank you for the tea" in text and "You listened on Thursday" in text
    result = week.ok("review", "--interactive", input=typed(["y", *ANSWERS[3:]]))
    assert result.stderr.count(ALEX_APPRECIATES) == 1
    assert len(shown_review(week)["appreciations"]) == 2
    assert review_draft_files(tmp_path) == []


def test_declining_to_go_on_keeps_the_draft(week: Cli, tmp_path: Path) -> None:
    week("review", "--interactive", input=typed(ANSWERS[:1]))
    (draft,) = review_draft_files(tmp_path)
    result = week.ok("review", "--interactive", input=typed(["n", *ANSWERS]))
    assert f"The draft stays in {draft}." in result.stderr
    assert review_draft_files(tmp_path) == [draft]
    assert len(shown_review(week)["appreciations"]) == 2


def test_a_save_that_fails_keeps_every_answer_to_go_on_from(
    week: Cli, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import connectlog.journal.reviews
    from connectlog.errors import StorageError

    def full(*args: Any, **kwargs: Any) -> Any:
        raise StorageError("The disk is full.")

    with monkeypatch.context() as patch:
        patch.setattr(connectlog.journal.reviews, "save_review", full)
        failed = week("review", "--interactive", input=typed(ANSWERS))
    assert failed.exit_code == 1
    assert "The disk is full. Your text is kept in" in failed.stderr
    assert rows(db_path, "SELECT count(*) FROM review") == [(0,)]
    result = week.ok("review", "--interactive", input="y\n")  # nothing else is asked
    # Each answer is shown once, as it was given; the blank ones are not asked again either.
    assert result.stderr.count("an intention for next week") == 2
    saved = shown_review(week)
    assert len(saved["appreciations"]) == 2 and len(saved["notes"]) == 3
    assert review_draft_files(tmp_path) == []


def test_answers_the_review_no_longer_asks_for_are_kept_apart(week: Cli, tmp_path: Path) -> None:
    from datetime import datetime

    from connectlog.journal.drafts import Answer, save_review_draft

    save_review_draft(
        tmp_path / "drafts",
        week="2026-W47",
        answers=(
            Answer(ALEX_APPRECIATES, "Thank you for the tea"),
            Answer("A question this review does not ask", "Words to keep"),
        ),
        now=datetime(2026, 11, 22, 20, 0).astimezone(),
    )
    result = week.ok("review", "--interactive", input=typed(["y", *ANSWERS[1:]]))
    found = re.search(r"kept in (\S+)\.", result.stderr.split("Saved the review")[1])
    assert found, result.stderr
    kept = Path(found.group(1))
    assert kept.name.startswith("draft-")
    assert "A question this review does not ask: Words to keep" in kept.read_text(encoding="utf-8")
    assert review_draft_files(tmp_path) == []
    assert len(shown_review(week)["appreciations"]) == 2


RESUME_MARK = "--- connectlog review: the line below lets a review go on; leave it as it is ---"


def resume_data(answers: Any, **fields: Any) -> str:
    data = {"version": 1, "type": "review-draft", "week": "2026-W47"}
    data |= {"kept_at": "2026-11-22T20:00:00+01:00", "answers": answers, **fields}
    return json.dumps(data)


def drafted(data: str | bytes) -> bytes:
    """A review draft's file: a line for people, the mark, and ``data`` as resume data."""
    raw = data if isinstance(data, bytes) else data.encode()
    return f"Alex: the tea\n\n{RESUME_MARK}\n".encode() + raw + b"\n"


def one_answer(text: Any = "t", entry: Any = None, question: Any = "q") -> str:
    return resume_data([{"question": question, "text": text, "entry": entry}])


GARBLED = {
    "text alone": b"Alex: thank you for the tea\n",
    "broken json": drafted("{not json"),
    "deep nesting": drafted(b"[" * 100_000),
    "not an object": drafted("[1, 2, 3]"),
    "wrong types": drafted(one_answer(question=1)),
    "unknown key": drafted(resume_data([], extra=1)),
    "another version": drafted(resume_data([], version=2)),
    "another week": drafted(resume_data([], week="2026-W46")),
    "no time zone": drafted(resume_data([], kept_at="2026-11-22T20:00")),
    "half a character": drafted(one_answer().replace('"t"', '"\\ud800"')),
    "a huge number": drafted(one_answer(entry=0).replace('"entry": 0', '"entry": ' + "9" * 5000)),
    "a boolean entry": drafted(one_answer(entry=True)),
    "a negative entry": drafted(one_answer(entry=-1)),
    "two lines in an answer": drafted(one_answer(text="a\nb")),
    "not utf-8": b"Alex: the tea \xff\xfe\n",
    "escape codes": b"Alex: the tea \x1b]0;pwned\x07\x1b[2J\x9b31m\n",
    "too large": b"x" * ((1 << 20) + 10),
    "empty": b"",
}


@pytest.mark.parametrize("content", GARBLED.values(), ids=GARBLED.keys())
def test_a_garbled_draft_is_shown_and_kept_never_resumed_from(
    week: Cli, tmp_path: Path, content: bytes
) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir(mode=0o700)
    draft = drafts / "review-2026-W47-20261122-200000.txt"
    draft.write_bytes(content)
    result = week("review", "--interactive", input=typed(ANSWERS))
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert f"A draft of this review in {draft} cannot be gone on from" in result.stderr
    assert "Go on from" not in result.stderr  # nothing is offered
    if b"the tea" in content and len(content) < 1 << 20:
        assert "the tea" in result.stderr  # what it holds is shown,
    for output in (result.stdout, result.stderr):
        assert CONTROL.search(output) is None  # and shown safely
    assert draft.read_bytes() == content  # and kept as it was
    assert len(shown_review(week)["appreciations"]) == 2
    assert "Traceback" not in result.stderr


def test_a_draft_holding_control_characters_goes_on_safely(week: Cli, tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir(mode=0o700)
    answers = [{"question": ALEX_APPRECIATES, "text": "Tea \u001b[2J\u009b31m", "entry": None}]
    draft = drafts / "review-2026-W47-20261122-200000.txt"
    draft.write_text(f"Tea\n\n{RESUME_MARK}\n{resume_data(answers)}\n", encoding="utf-8")
    result = week.ok("review", "--interactive", input=typed(["y", *ANSWERS[1:]]))
    for output in (result.stdout, result.stderr):
        assert CONTROL.search(output) is None
    assert "Tea ␛[2J" in result.stderr
    appreciations = shown_review(week)["appreciations"]
    assert appreciations[0]["text"] == "Tea \u001b[2J\u009b31m"  # kept exactly, as typed


def test_a_link_in_the_drafts_folder_is_never_read_or_removed(week: Cli, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(f"my secret words\n\n{RESUME_MARK}\n{resume_data([])}\n", encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir(mode=0o700)
    link = drafts / "review-2026-W47-20261122-200000.txt"
    link.symlink_to(secret)
    result = week.ok("review", "--interactive", input=typed(ANSWERS))
    assert "secret" not in result.output and "Go on from" not in result.stderr
    assert link.is_symlink() and secret.exists()


def test_a_resumed_topic_is_the_moment_chosen_even_if_the_numbers_moved(
    week: Cli, tmp_path: Path
) -> None:
    stopped = week("review", "--interactive", input=typed(ANSWERS[:7]))  # "2": the shrug
    assert stopped.exit_code == 1
    # A new moment to talk about, earlier in the week: the shrug is number 3 now.
    week.ok(
        "--as",
        "Sam",
        "add",
        "Turned away @Alex",
        "--when",
        "2026-11-16T08:00",
        "--response",
        "away",
    )
    result = week.ok("review", "--interactive", input=typed(["y", *ANSWERS[7:]]))
    assert "Saved the review" in result.stderr
    assert shown_review(week)["topic"] == "Asked for a hug, got a shrug @Sam"


# reviews show: any week review --week takes, and the questions its notes answer --------


def test_reviews_show_takes_this_last_and_a_week_as_review_does(week: Cli, clock: Any) -> None:
    week.ok("review", "--interactive", input=typed(ANSWERS))
    assert shown_review(week, "this")["week"] == "2026-W47"
    assert shown_review(week, " 2026-w47 ")["week"] == "2026-W47"
    clock.set(clock.now.replace(day=29))
    assert shown_review(week, "last")["week"] == "2026-W47"
    assert shown_review(week, "LAST")["week"] == "2026-W47"
    assert_user_error(week("reviews", "show", "this"), 1, "There is no review of 2026-W48")
    assert "Review of 2026-W47" in week.ok("reviews", "show", "last").stdout


def test_reviews_show_keeps_each_note_with_its_question(week: Cli) -> None:
    week.ok("review", "--interactive", input=typed(ANSWERS))
    out = week.ok("reviews", "show", "2026-W47").stdout
    order = [
        "What made these moments work?",
        "We slowed down",
        "What do you see differently?",
        "I thought dinner was louder",
        "What did you take from talking about it?",
        "Say when I need a hug",
    ]
    assert [out.index(text) for text in order] == sorted(out.index(text) for text in order)
    exported = week.ok("export", "--format", "markdown").stdout
    assert "*What made these moments work?*\n\nWe slowed down\n" in exported
    assert "*What did you take from talking about it?*\n\nSay when I need a hug\n" in exported


@pytest.mark.parametrize("stop", range(1, len(ANSWERS)))
def test_stopping_anywhere_and_going_on_saves_what_one_walk_would(
    week: Cli, tmp_path: Path, stop: int
) -> None:
    stopped = week("review", "--interactive", input=typed(ANSWERS[:stop]))
    assert stopped.exit_code == 1
    week.ok("review", "--interactive", input=typed(["y", *ANSWERS[stop:]]))
    saved = shown_review(week)
    assert [(a["who"], a["text"]) for a in saved["appreciations"]] == [
        ("Alex", "Thank you for the tea"),
        ("Sam", "You listened on Thursday"),
    ]
    assert [note["text"] for note in saved["notes"]] == [
        "We slowed down",
        "I thought dinner was louder",
        "Say when I need a hug",
    ]
    assert saved["topic"] == "Asked for a hug, got a shrug @Sam"
    assert [(i["who"], i["text"]) for i in saved["intentions"]] == [
        ("Alex", "Phones away at dinner"),
        ("Sam", "Ask for a hug out loud"),
    ]
    assert review_draft_files(tmp_path) == []


def test_an_answer_longer_than_a_bundle_carries_is_refused_and_kept_as_a_draft(
    week: Cli, db_path: Path
) -> None:
    from connectlog.journal import vocab

    before = journal_dump(db_path)
    long = "thank you " * (vocab.TEXT_LIMIT // 10) + "for everything"
    result = week("review", "--interactive", input=long + "\n" + "\n" * 30)
    assert result.exit_code == 2, result.stderr
    assert f"longer than {vocab.TEXT_LIMIT:,} characters" in result.stderr
    assert "Your text is kept in" in result.stderr
    draft = Path(result.stderr.split("kept in ")[1].strip().splitlines()[0].rstrip("."))
    assert long in draft.read_text(encoding="utf-8")
    assert rows(db_path, "SELECT count(*) FROM review") == [(0,)]
    assert journal_dump(db_path) == before
