"""``connectlog share export`` and ``share import`` between two journals.

Alex and Sam each keep their own journal; the clock is stopped on Sunday
22 November 2026 (week 2026-W47) in Berlin.
"""

from __future__ import annotations

import json
import sqlite3
import stat
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, assert_user_error, journal_dump, rows

pytestmark = pytest.mark.usefixtures("clock")


class Partner:
    """One person's own journal, driven through the CLI."""

    def __init__(self, cli: Cli, folder: Path, name: str) -> None:
        self.cli, self.name = cli, name
        self.db = folder / f"{name.lower()}.db"
        self.ok("profile", "add", name)

    def ok(self, *args: str, input: str | None = None) -> Any:
        return self.cli.ok("--db", str(self.db), "--as", self.name, *args, input=input)

    def run(self, *args: str) -> Any:
        return self.cli("--db", str(self.db), "--as", self.name, *args)

    def add(self, text: str, when: str, *options: str) -> None:
        self.ok("add", text, "--when", when, *options)

    def export(self, path: Path, *options: str) -> dict[str, Any]:
        self.ok("share", "export", "-o", str(path), *options)
        bundle: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return bundle

    def entries(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = json.loads(self.ok("list", "--limit", "0", "--json").stdout)[
            "entries"
        ]
        return found


@pytest.fixture
def alex(cli: Cli, tmp_path: Path) -> Partner:
    return Partner(cli, tmp_path, "Alex")


@pytest.fixture
def sam(cli: Cli, tmp_path: Path) -> Partner:
    return Partner(cli, tmp_path, "Sam")


def test_export_writes_the_weeks_shared_entries_privately(
    alex: Partner, tmp_path: Path, clock: Any
) -> None:
    clock.set(clock.now.replace(day=10, hour=20))
    alex.add("Last week's walk with @Sam", "2026-11-10T18:00", "-c", "3")
    clock.set(clock.now.replace(day=22))
    alex.add("Dinner with @Sam #reward", "2026-11-16T19:00", "-c", "5", "--appreciation")
    alex.add("My secret worry about work", "2026-11-17T21:00", "--private")
    alex.ok("profile", "add", "Kim")
    alex.cli.ok("--db", str(alex.db), "--as", "Kim", "add", "Kim's own", "--when", "2026-11-18")
    path = tmp_path / "alex-w47.json"
    bundle = alex.export(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (bundle["version"], bundle["type"]) == (2, "share")
    assert bundle["span"] == {"label": "2026-W47", "start": "2026-11-16", "end": "2026-11-22"}
    assert (bundle["removals"], bundle["reviews"]) == ([], [])
    assert bundle["profile"]["name"] == "Alex" and len(bundle["profile"]["uuid"]) == 36
    (entry,) = bundle["entries"]
    assert entry["text"] == "Dinner with @Sam #reward"
    assert (entry["people"], entry["concepts"], entry["closeness"]) == (["Sam"], ["reward"], 5)
    assert entry["appreciation"] is True
    assert entry["occurred_at"] == "2026-11-16T19:00:00+01:00"
    assert "private" not in entry and "id" not in entry
    raw = path.read_bytes()
    assert b"secret worry" not in raw and b"Kim" not in raw


def test_an_older_moment_written_or_changed_this_week_goes_with_this_weeks_bundle(
    alex: Partner, tmp_path: Path, clock: Any
) -> None:
    clock.set(clock.now.replace(day=3))
    alex.add("Three weeks ago", "2026-11-03T19:00", "-c", "3")
    alex.add("Also three weeks ago", "2026-11-03T20:00", "-c", "3")
    clock.set(clock.now.replace(day=22))
    alex.ok("edit", "1", "-c", "5")
    alex.add("Remembered today: last week's hug", "2026-11-12T08:00")
    texts = [entry["text"] for entry in alex.export(tmp_path / "this.json")["entries"]]
    assert texts == ["Three weeks ago", "Remembered today: last week's hug"]


def test_export_to_stdout_and_of_another_week(alex: Partner) -> None:
    alex.add("Last week's walk", "2026-11-10T18:00", "-c", "3")
    result = alex.ok("share", "export", "-o", "-", "--week", "last")
    bundle = json.loads(result.stdout)
    assert bundle["span"]["label"] == "2026-W46"
    assert [entry["text"] for entry in bundle["entries"]] == ["Last week's walk"]


def test_import_files_the_week_under_the_sender(
    alex: Partner, sam: Partner, tmp_path: Path
) -> None:
    alex.ok("concepts", "add", "playfulness", "--meaning", "Being silly together.")
    alex.add("Pillow fight @Sam #playfulness #touch", "2026-11-16T22:00", "-c", "5")
    alex.export(tmp_path / "alex.json")
    result = sam.ok("share", "import", str(tmp_path / "alex.json"))
    assert result.stderr == (
        "Imported Alex's week 2026-W47: 1 added, 0 updated, 0 removed, 0 unchanged.\n"
    )
    (entry,) = sam.entries()
    assert entry["author"] == "Alex"
    assert entry["concepts"] == ["playfulness", "touch"]
    assert entry["people"] == ["Sam"]
    assert entry["closeness"] == 5
    listed = json.loads(sam.ok("profile", "list", "--json").stdout)["profiles"]
    assert [(p["name"], p["imported"], p["default"]) for p in listed] == [
        ("Sam", False, True),
        ("Alex", True, False),
    ]
    (alex_uuid,) = rows(alex.db, "SELECT uuid FROM profile WHERE name = 'Alex'")
    assert rows(sam.db, "SELECT uuid FROM profile WHERE name = 'Alex'") == [alex_uuid]


def test_importing_the_same_bundle_twice_changes_nothing(
    alex: Partner, sam: Partner, tmp_path: Path
) -> None:
    alex.add("Dinner with @Sam", "2026-11-16T19:00", "-c", "4")
    alex.export(tmp_path / "alex.json")
    sam.ok("share", "import", str(tmp_path / "alex.json"))
    before = journal_dump(sam.db)
    result = sam.ok("share", "import", str(tmp_path / "alex.json"))
    assert "0 added, 0 updated, 0 removed, 1 unchanged" in result.stderr
    assert journal_dump(sam.db) == before


def test_a_newer_bundle_updates_edits_and_removes_deletions(
    alex: Partner, sam: Partner, tmp_path: Path, clock: Any
) -> None:
    alex.add("Dinner with @Sam", "2026-11-16T19:00", "-c", "4")
    alex.add("Walk in the rain", "2026-11-17T18:00", "-c", "3")
    alex.add("Breakfast", "2026-11-18T08:00", "-c", "3")
    alex.export(tmp_path / "first.json")
    sam.ok("share", "import", str(tmp_path / "first.json"))
    clock.set(clock.now.replace(minute=30))
    alex.ok("edit", "1", "--closeness", "5", "--text", "Dinner with @Sam, we laughed")
    alex.ok("delete", "2", "--yes")
    alex.ok("edit", "3", "--private")
    alex.add("Late talk", "2026-11-21T23:00", "-c", "4")
    alex.export(tmp_path / "second.json")
    result = sam.ok("share", "import", str(tmp_path / "second.json"))
    assert "1 added, 1 updated, 2 removed, 0 unchanged" in result.stderr
    texts = {entry["text"]: entry for entry in sam.entries()}
    assert set(texts) == {"Dinner with @Sam, we laughed", "Late talk"}
    assert texts["Dinner with @Sam, we laughed"]["closeness"] == 5


def test_an_older_bundle_does_not_undo_a_newer_one(
    alex: Partner, sam: Partner, tmp_path: Path, clock: Any
) -> None:
    alex.add("Dinner", "2026-11-16T19:00", "-c", "4")
    alex.export(tmp_path / "old.json")
    clock.set(clock.now.replace(minute=30))
    alex.ok("edit", "1", "--closeness", "5")
    alex.add("Later moment", "2026-11-20T19:00", "-c", "4")
    alex.export(tmp_path / "new.json")
    sam.ok("share", "import", str(tmp_path / "new.json"))
    before = journal_dump(sam.db)
    result = sam.ok("share", "import", str(tmp_path / "old.json"))
    assert "0 added, 0 updated, 0 removed, 1 unchanged" in result.stderr
    assert journal_dump(sam.db) == before


def test_a_sender_whose_name_is_taken_can_be_filed_under_another(
    cli: Cli, sam: Partner, tmp_path: Path
) -> None:
    other_alex = Partner(cli, tmp_path / "elsewhere", "Alex")
    other_alex.add("Hello from another Alex", "2026-11-16T10:00")
    other_alex.export(tmp_path / "other.json")
    sam.ok("profile", "add", "Alex")  # someone else called Alex writes in Sam's journal
    before = journal_dump(sam.db)
    assert_user_error(
        sam.run("share", "import", str(tmp_path / "other.json")),
        1,
        "The bundle is from Alex, but Alex is already someone else in this journal",
    )
    assert journal_dump(sam.db) == before
    sam.ok("share", "import", str(tmp_path / "other.json"), "--name", "Alex B")
    assert [entry["author"] for entry in sam.entries()] == ["Alex B"]


def without(bundle: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: value for key, value in bundle.items() if key not in keys}


def bundle_text(alex: Partner, tmp_path: Path) -> dict[str, Any]:
    alex.add("Dinner with @Sam", "2026-11-16T19:00", "-c", "4")
    return alex.export(tmp_path / "alex.json")


@pytest.mark.parametrize(
    ("spoil", "fragment"),
    [
        (lambda b: "{not json", "not a readable connectlog bundle"),
        (lambda b: json.dumps([1, 2]), "not a connectlog share bundle"),
        (lambda b: json.dumps({**b, "version": 99}), "version 99"),
        (
            lambda b: json.dumps({**b, "profile": {"name": "Alex"}}),
            "The bundle: profile.uuid is missing. Nothing was imported.",
        ),
        (
            lambda b: json.dumps({**b, "entries": [{**b["entries"][0], "closeness": 9}]}),
            "Entry 1 of the bundle: closeness must be 1 to 5, not 9. Nothing was imported.",
        ),
        (
            lambda b: json.dumps({**b, "entries": [{**b["entries"][0], "kind": "telepathic"}]}),
            "Entry 1 of the bundle: Unknown kind 'telepathic'; choose one of: emotional,",
        ),
        (
            lambda b: json.dumps({**b, "entries": [{**b["entries"][0], "extra": 1}]}),
            "Entry 1 of the bundle: 'extra' is not a field connectlog knows.",
        ),
        (
            lambda b: json.dumps(
                {**b, "entries": [{**b["entries"][0], "occurred_at": "2026-11-16T19:00"}]}
            ),
            "Entry 1 of the bundle: occurred_at must be a time with its UTC offset",
        ),
        (
            lambda b: json.dumps(
                {**b, "entries": [b["entries"][0], {**b["entries"][0], "closeness": "3"}]}
            ),
            'Entry 2 of the bundle: closeness must be a whole number, not "3".',
        ),
        (
            lambda b: json.dumps({**b, "entries": [{**b["entries"][0], "starred": 1}]}),
            "Entry 1 of the bundle: starred must be true or false, not 1.",
        ),
        (
            lambda b: json.dumps({**b, "entries": [{**b["entries"][0], "text": " \n "}]}),
            "Entry 1 of the bundle: text is empty.",
        ),
        (
            lambda b: json.dumps({**b, "entries": [{**b["entries"][0], "occurred_at": 1.7e9}]}),
            "Entry 1 of the bundle: occurred_at must be a time with its UTC offset",
        ),
        (
            lambda b: json.dumps({**b, "entries": [{**b["entries"][0], "people": ["@"]}]}),
            "Entry 1 of the bundle: A person's name cannot be empty.",
        ),
        (
            lambda b: json.dumps({**b, "entries": [{**b["entries"][0], "concepts": ["a b!"]}]}),
            "Entry 1 of the bundle: 'a b!' is not a valid concept name",
        ),
        (lambda b: json.dumps({**b, "entries": ["hi"]}), "Entry 1 of the bundle: the entry must"),
        (lambda b: json.dumps({**b, "entries": {}}), "The bundle: entries must be a list, not {}."),
        (
            lambda b: json.dumps(
                {**without(b, "span"), "version": 1, "week": {**b["span"], "label": "soon"}}
            ),
            'The bundle: week.label must be a week like 2026-W47, not "soon".',
        ),
        (
            lambda b: json.dumps(
                {**b, "entries": [{**b["entries"][0], "uuid": "\x1b]0;pwned\x07"}]}
            ),
            "Entry 1 of the bundle: uuid must be a uuid like",
        ),
    ],
)
def test_a_bad_bundle_is_refused_and_changes_nothing(
    alex: Partner, sam: Partner, tmp_path: Path, spoil: Any, fragment: str
) -> None:
    bundle = bundle_text(alex, tmp_path)
    sam.add("Sam's own moment", "2026-11-17T10:00")
    spoiled = tmp_path / "spoiled.json"
    spoiled.write_text(spoil(bundle), encoding="utf-8")
    before = journal_dump(sam.db), rows(sam.db, "SELECT * FROM profile")
    result = sam.run("share", "import", str(spoiled))
    assert_user_error(result, 1, fragment)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in result.stderr.rstrip("\n"))
    assert (journal_dump(sam.db), rows(sam.db, "SELECT * FROM profile")) == before


def test_importing_your_own_bundle_is_refused(alex: Partner, tmp_path: Path) -> None:
    bundle_text(alex, tmp_path)
    before = journal_dump(alex.db)
    result = alex.run("share", "import", str(tmp_path / "alex.json"))
    assert_user_error(result, 1, "This bundle is Alex's own week from this journal")
    assert journal_dump(alex.db) == before


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["share", "import", "missing.json"], 1, "Cannot read missing.json"),
        (["share", "export"], 2, "Missing option '--output'"),
        (["share", "export", "-o", "x.json", "--week", "someday"], 2, "Cannot read the week"),
        (["share", "export", "-o", "/nonexistent/dir/x.json"], 1, "Cannot write"),
    ],
)
def test_bad_share_usage_is_one_line(
    sam: Partner, args: list[str], code: int, fragment: str
) -> None:
    sam.add("Moment", "2026-11-17T10:00")
    before = journal_dump(sam.db)
    assert_user_error(sam.run(*args), code, fragment)
    assert journal_dump(sam.db) == before


def test_a_sender_named_like_an_alias_is_not_mistaken_for_that_profile(
    cli: Cli, alex: Partner, sam: Partner, tmp_path: Path
) -> None:
    bundle_text(alex, tmp_path)
    sam.ok("share", "import", str(tmp_path / "alex.json"))
    sam.ok("profile", "alias", "Alex", "Lex")
    lex = Partner(cli, tmp_path / "lex", "Lex")
    lex.add("Hello from Lex", "2026-11-16T10:00")
    lex.export(tmp_path / "lex.json")
    before = journal_dump(sam.db)
    assert_user_error(
        sam.run("share", "import", str(tmp_path / "lex.json")),
        1,
        "The bundle is from Lex, but Lex is already someone else in this journal",
    )
    assert journal_dump(sam.db) == before


# -- Issue 11: history that converges, entries that belong to their author ------


def everything(db: Path) -> list[tuple[Any, ...]]:
    """Every table a bundle could touch, reviews and removals too."""
    tables = ("profile", "removal", "review", "review_participant", "review_line")
    return [
        *journal_dump(db),
        *(row for table in tables for row in rows(db, f"SELECT * FROM {table} ORDER BY 1")),
    ]


@pytest.mark.parametrize("how", [("edit", "1", "--private"), ("delete", "1", "--yes")])
def test_an_older_bundle_never_brings_back_what_was_made_private_or_deleted(
    alex: Partner, sam: Partner, tmp_path: Path, clock: Any, how: tuple[str, ...]
) -> None:
    alex.add("Dinner with @Sam", "2026-11-16T19:00", "-c", "4")
    alex.add("Walk", "2026-11-17T18:00", "-c", "3")
    alex.export(tmp_path / "old.json")
    sam.ok("share", "import", str(tmp_path / "old.json"))
    clock.set(clock.now.replace(minute=30))
    alex.ok(*how)
    alex.export(tmp_path / "new.json")
    assert "1 removed" in sam.ok("share", "import", str(tmp_path / "new.json")).stderr

    result = sam.ok("share", "import", str(tmp_path / "old.json"))

    assert "0 added, 0 updated, 0 removed, 2 unchanged" in result.stderr
    assert [entry["text"] for entry in sam.entries()] == ["Walk"]


def test_bundles_in_any_order_and_twice_end_in_the_same_journal(
    alex: Partner, sam: Partner, cli: Cli, tmp_path: Path, clock: Any
) -> None:
    alex.add("Dinner", "2026-11-16T19:00", "-c", "4")
    alex.add("Walk", "2026-11-17T18:00", "-c", "3")
    alex.export(tmp_path / "1.json")
    clock.set(clock.now.replace(minute=10))
    alex.ok("edit", "1", "-c", "5")
    alex.ok("delete", "2", "--yes")
    alex.export(tmp_path / "2.json")
    clock.set(clock.now.replace(minute=20))
    alex.ok("edit", "1", "--private")
    alex.add("Tea", "2026-11-18T08:00")
    alex.export(tmp_path / "3.json")
    clock.set(clock.now.replace(minute=30))
    alex.ok("edit", "1", "--public", "--text", "Dinner, shared again")
    alex.export(tmp_path / "4.json")
    orders = [["1", "2", "3", "4"], ["4", "3", "2", "1"], ["2", "4", "1", "3", "4", "1"]]
    seen = []
    for number, order in enumerate(orders):
        other = Partner(cli, tmp_path / f"sam{number}", "Sam")
        for name in order:
            other.ok("share", "import", str(tmp_path / f"{name}.json"))
        seen.append(sorted((e["text"], e["closeness"]) for e in other.entries()))
    assert seen == [[("Dinner, shared again", 5), ("Tea", None)]] * 3


def test_a_partners_entry_cannot_be_edited_deleted_or_written_as_them(
    alex: Partner, sam: Partner, tmp_path: Path
) -> None:
    sam.add("Sam's view of dinner @Alex", "2026-11-16T19:00", "-c", "4")
    sam.export(tmp_path / "sam.json")
    alex.ok("share", "import", str(tmp_path / "sam.json"))
    (entry,) = alex.entries()
    before = everything(alex.db)
    for args in (
        ("edit", str(entry["id"]), "-c", "1", "--text", "Sam said nothing nice"),
        ("delete", str(entry["id"]), "--yes"),
    ):
        assert_user_error(alex.run(*args), 1, f"Entry {entry['id']} is Sam's")
    as_sam = ("--db", str(alex.db), "--as", "Sam")
    assert_user_error(alex.cli(*as_sam, "add", "Forged"), 1, "no one writes as Sam")
    result = alex.cli(*as_sam, "share", "export", "-o", str(tmp_path / "forged.json"))
    assert_user_error(result, 1, "no one writes as Sam")
    assert not (tmp_path / "forged.json").exists()
    result = alex.cli(*as_sam, "review", "--interactive", input="Forged thanks\n" + "\n" * 20)
    assert_user_error(result, 1, "no one writes as Sam")  # before a question is asked
    assert everything(alex.db) == before


def test_a_reimport_puts_back_a_copy_changed_behind_connectlogs_back(
    alex: Partner, sam: Partner, tmp_path: Path
) -> None:
    sam.add("Sam's view of dinner @Alex", "2026-11-16T19:00", "-c", "4")
    sam.export(tmp_path / "sam.json")
    alex.ok("share", "import", str(tmp_path / "sam.json"))
    connection = sqlite3.connect(alex.db)
    connection.execute("UPDATE entry SET text = 'Sam said nothing nice', closeness = 1")
    connection.commit()
    connection.close()

    result = alex.ok("share", "import", str(tmp_path / "sam.json"))

    assert "1 changed here put back as Sam wrote" in result.stderr
    (entry,) = alex.entries()
    assert (entry["text"], entry["closeness"]) == ("Sam's view of dinner @Alex", 4)


def test_share_export_covers_several_weeks_or_a_run_of_days(
    alex: Partner, sam: Partner, tmp_path: Path, clock: Any
) -> None:
    for text, day in (("Three weeks ago", 3), ("Last week", 10), ("This week", 17)):
        clock.set(clock.now.replace(day=day))  # each written on its day
        alex.add(text, f"2026-11-{day:02d}T19:00")
    clock.set(clock.now.replace(day=22))
    bundle = alex.export(tmp_path / "two.json", "--weeks", "2")
    assert bundle["span"] == {
        "label": "2026-11-09..2026-11-22",
        "start": "2026-11-09",
        "end": "2026-11-22",
    }
    assert [entry["text"] for entry in bundle["entries"]] == ["Last week", "This week"]
    result = sam.ok("share", "import", str(tmp_path / "two.json"))
    assert "Imported Alex's entries from 2026-11-09 to 2026-11-22: 2 added" in result.stderr
    since = alex.export(tmp_path / "since.json", "--since", "2026-11-01")
    assert len(since["entries"]) == 3
    # A later bundle of an overlapping span updates and removes correctly.
    clock.set(clock.now.replace(minute=30))
    alex.ok("delete", "2", "--yes")
    alex.ok("edit", "3", "-c", "5")
    alex.export(tmp_path / "this.json", "--week", "this")
    alex.export(tmp_path / "last.json", "--week", "last")
    sam.ok("share", "import", str(tmp_path / "this.json"))
    sam.ok("share", "import", str(tmp_path / "last.json"))
    sam.ok("share", "import", str(tmp_path / "two.json"))
    assert [(e["text"], e["closeness"]) for e in sam.entries()] == [("This week", 5)]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--weeks", "0"), "--weeks takes a number of weeks from 1 to 520, not 0"),
        (("--weeks", "2", "--week", "last"), "Choose one of --week, --weeks and --since"),
        (("--since", "someday"), "someday"),
    ],
)
def test_bad_spans_are_usage_errors(alex: Partner, args: tuple[str, ...], fragment: str) -> None:
    alex.add("Moment", "2026-11-17T10:00")
    assert_user_error(alex.run("share", "export", "-o", "x.json", *args), 2, fragment)


def entry_of(bundle: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**bundle, "entries": [{**bundle["entries"][0], **changes}]}


@pytest.mark.parametrize(
    ("spoil", "fragment"),
    [
        (
            lambda b: entry_of(b, occurred_at="2026-11-09T19:00:00+01:00",
                               created_at="2026-11-09T19:00:00+01:00",
                               updated_at="2026-11-14T10:00:00+01:00"),
            "Entry 1 of the bundle: it is dated 2026-11-09 and was not changed in the span the "
            "bundle claims (2026-11-16 to 2026-11-22)",
        ),
        (
            lambda b: entry_of(
                {**b, "span": {**b["span"], "start": "2026-11-01", "end": "2027-01-31"}},
                occurred_at="2027-01-20T19:00:00+01:00",
            ),
            "Entry 1 of the bundle: occurred_at is in the future",
        ),
        (
            lambda b: entry_of(b, created_at="0001-01-01T00:00:00+00:00"),
            "Entry 1 of the bundle: created_at is before 1970",
        ),
        (
            lambda b: entry_of(b, updated_at="9999-12-31T00:00:00+00:00"),
            "Entry 1 of the bundle: updated_at is in the future",
        ),
        (
            lambda b: entry_of(b, occurred_at="2026-11-16T19:00:00+20:00"),
            "Entry 1 of the bundle: occurred_at has a UTC offset beyond 14 hours",
        ),
        (
            lambda b: {**b, "entries": [b["entries"][0], b["entries"][0]]},
            "Entry 2 of the bundle: uuid " ,
        ),
        (
            lambda b: entry_of(b, created_at="2026-11-22T20:30:00+00:00"),
            "Entry 1 of the bundle: updated_at (2026-11-22T20:00:00+00:00) is before created_at",
        ),
        (
            lambda b: entry_of(b, text="x" * 100_001),
            "Entry 1 of the bundle: text is longer than",
        ),
        (
            lambda b: {**b, "profile": {**b["profile"], "name": "\u001b]0;pwned\u0007"}},
            "The bundle: profile.name holds a control character or half a character (U+001B)",
        ),
        (
            lambda b: entry_of(b, people=["Sam\u0007"]),
            "Entry 1 of the bundle: people holds a control character",
        ),
        (
            lambda b: entry_of(b, text="Dinner \u001b[2J with Sam"),
            "Entry 1 of the bundle: text holds a control character or half a character (U+001B)",
        ),
        (
            lambda b: entry_of(b, text="Dinner \u009b with Sam"),
            "(U+009B)",
        ),
        (lambda b: entry_of(b, closeness=int("9" * 1000)), "closeness must be 1 to 5, not 999"),
        (lambda b: {**b, "removals": [{"uuid": b["entries"][0]["uuid"], "local_date": "2026-11-16",
                                       "removed_at": "2026-11-22T10:00:00+00:00"}]
                    } | {"entries": []} | {"removals": [{"uuid": "x", "local_date": "2026-11-16",
                                       "removed_at": "2026-11-22T10:00:00+00:00"}]},
         "Removal 1 of the bundle: uuid must be a uuid like"),
        (
            lambda b: {**b, "removals": [{"uuid": "0b6f3a52-3c1e-4d55-9a53-0f4b3bb1c0d1",
                                         "local_date": "2026-10-01",
                                         "removed_at": "2026-10-02T10:00:00+00:00"}]},
            "Removal 1 of the bundle: it is dated 2026-10-01 and was not changed in the span",
        ),
    ],
)  # fmt: skip
def test_a_hostile_bundle_is_refused_whole(
    alex: Partner, sam: Partner, tmp_path: Path, spoil: Any, fragment: str
) -> None:
    bundle = bundle_text(alex, tmp_path)
    sam.add("Sam's own moment", "2026-11-17T10:00")
    spoiled = tmp_path / "spoiled.json"
    spoiled.write_text(json.dumps(spoil(bundle)), encoding="utf-8")
    before = everything(sam.db)
    result = sam.run("share", "import", str(spoiled))
    assert_user_error(result, 1, fragment)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in result.stderr.rstrip("\n"))
    assert everything(sam.db) == before


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"version": 2, "type": "share", "n": ' + "9" * 5000 + "}", "not a readable"),
        ('{"version": 2, "type": "share", "n": ' + "[" * 100_000 + "]" * 100_000 + "}",
         "not a readable"),
        ('{"version": 2, "type": "share", "profile": {"name": "\\ud800", "uuid": 1}}',
         "The bundle:"),
    ],
)  # fmt: skip
def test_numbers_nesting_and_broken_characters_are_refused(
    sam: Partner, tmp_path: Path, text: str, fragment: str
) -> None:
    sam.add("Sam's own moment", "2026-11-17T10:00")
    spoiled = tmp_path / "spoiled.json"
    spoiled.write_text(text, encoding="utf-8")
    before = everything(sam.db)
    assert_user_error(sam.run("share", "import", str(spoiled)), 1, fragment)
    assert everything(sam.db) == before


def test_a_surrogate_in_an_entry_is_refused(alex: Partner, sam: Partner, tmp_path: Path) -> None:
    bundle = bundle_text(alex, tmp_path)
    text = json.dumps(bundle).replace("Dinner with @Sam", "Dinner \\udc80 with @Sam")
    spoiled = tmp_path / "spoiled.json"
    spoiled.write_text(text, encoding="utf-8")
    before = everything(sam.db)
    result = sam.run("share", "import", str(spoiled))
    assert_user_error(result, 1, "Entry 1 of the bundle: text holds a control character or half")
    assert everything(sam.db) == before


# -- Reviews travel in bundles and merge line by line -----------------------------


def review_week(partner: Partner, answers: list[str], *options: str) -> None:
    partner.ok("review", "--interactive", *options, input="\n".join(answers) + "\n" * 20)


def saved_review(partner: Partner, week: str = "2026-W47") -> dict[str, Any]:
    review: dict[str, Any] = json.loads(partner.ok("reviews", "show", week, "--json").stdout)[
        "review"
    ]
    return review


@pytest.fixture
def couple(alex: Partner, sam: Partner, tmp_path: Path) -> tuple[Partner, Partner]:
    """A week each logged, exchanged both ways: no two views, nothing to talk about."""
    alex.add("Walk by the river @Sam", "2026-11-16T18:00", "-c", "4")
    sam.add("Cooked together @Alex", "2026-11-19T19:00", "-c", "5")
    alex.export(tmp_path / "alex-entries.json")
    sam.export(tmp_path / "sam-entries.json")
    sam.ok("share", "import", str(tmp_path / "alex-entries.json"))
    alex.ok("share", "import", str(tmp_path / "sam-entries.json"))
    return alex, sam


def test_a_review_travels_and_next_week_opens_with_its_intentions_on_the_other_machine(
    couple: tuple[Partner, Partner], tmp_path: Path, clock: Any
) -> None:
    alex, sam = couple
    # Alex's appreciation; Sam's none; no note, no topic; Alex's intention.
    review_week(alex, ["Thanks for dinner", "", "", "", "", "Phones away at dinner"])
    alex.export(tmp_path / "alex.json")

    result = sam.ok("share", "import", str(tmp_path / "alex.json"))

    assert "1 review merged" in result.stderr
    mine, theirs = saved_review(alex), saved_review(sam)
    assert theirs == mine
    assert [(s["who"], s["text"]) for s in theirs["intentions"]] == [
        ("Alex", "Phones away at dinner")
    ]
    clock.set(clock.now.replace(day=29))
    agenda = json.loads(sam.ok("review", "--json").stdout)
    assert agenda["last_week"] == "2026-W47"
    assert [(s["who"], s["text"]) for s in agenda["last_intentions"]] == [
        ("Alex", "Phones away at dinner")
    ]
    # A follow-up saved on Sam's machine travels back and points at Alex's intention.
    review_week(sam, ["done"])
    sam.export(tmp_path / "sam-w48.json", "--weeks", "2")
    alex.ok("share", "import", str(tmp_path / "sam-w48.json"))
    assert [(s["text"], s["outcome"]) for s in saved_review(alex, "2026-W48")["followups"]] == [
        ("Phones away at dinner", "done")
    ]
    assert rows(alex.db, "SELECT count(*) FROM review_line WHERE follows_id IS NOT NULL") == [(1,)]


def test_two_reviews_of_one_week_on_both_machines_merge_with_nothing_dropped(
    couple: tuple[Partner, Partner], tmp_path: Path
) -> None:
    alex, sam = couple
    review_week(alex, ["Thanks for dinner", "", "", "", "", "Phones away at dinner"])
    # In Sam's journal Sam is asked first.
    review_week(sam, ["Loved the walk", "", "", "", "Our talk on the bus", "", "Cook on Friday"])
    alex.export(tmp_path / "alex.json")
    sam.export(tmp_path / "sam.json")
    sam.ok("share", "import", str(tmp_path / "alex.json"))
    alex.ok("share", "import", str(tmp_path / "sam.json"))
    # Twice, and in the other order, changes nothing more.
    alex.ok("share", "import", str(tmp_path / "sam.json"))
    sam.ok("share", "import", str(tmp_path / "alex.json"))

    mine, theirs = saved_review(alex), saved_review(sam)
    assert sorted((s["who"], s["text"]) for s in mine["appreciations"]) == [
        ("Alex", "Thanks for dinner"),
        ("Sam", "Loved the walk"),
    ]
    assert sorted(s["text"] for s in mine["intentions"]) == [
        "Cook on Friday",
        "Phones away at dinner",
    ]
    assert mine["topic"] == "Our talk on the bus"
    for key in ("appreciations", "intentions", "notes", "topic", "participants"):
        assert sorted(map(json.dumps, _listed(mine[key]))) == sorted(
            map(json.dumps, _listed(theirs[key]))
        ), key
    assert rows(alex.db, "SELECT uuid FROM review") == rows(sam.db, "SELECT uuid FROM review")


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_a_line_taken_back_on_one_machine_is_gone_on_the_other(
    couple: tuple[Partner, Partner], tmp_path: Path, clock: Any
) -> None:
    alex, sam = couple
    review_week(alex, ["Thanks for dinner", "", "", "", "", "Phones away at dinner"])
    alex.export(tmp_path / "old.json")
    sam.ok("share", "import", str(tmp_path / "old.json"))
    clock.set(clock.now.replace(minute=30))
    connection = sqlite3.connect(alex.db)  # as an amended review leaves it (cli/_review_walk)
    connection.execute(
        "UPDATE review_line SET removed = 1, updated_at = '2026-11-22 20:30:00.000000'"
        " WHERE section = 'intention'"
    )
    connection.commit()
    connection.close()
    alex.export(tmp_path / "new.json")
    sam.ok("share", "import", str(tmp_path / "new.json"))
    sam.ok("share", "import", str(tmp_path / "old.json"))
    assert saved_review(sam)["intentions"] == []
    assert [s["text"] for s in saved_review(sam)["appreciations"]] == ["Thanks for dinner"]


@pytest.mark.parametrize(
    ("spoil", "fragment"),
    [
        (lambda r: {**r, "week": "soon"}, "Review 1 of the bundle: week must be a week like"),
        (
            lambda r: {**r, "lines": [{**r["lines"][0], "text": "\u001b[2J"}]},
            "Review 1 of the bundle: lines.text holds a control character",
        ),
        (
            lambda r: {**r, "lines": [{**r["lines"][0], "section": "gossip"}]},
            "Review 1 of the bundle: lines.section",
        ),
        (
            lambda r: {**r, "lines": [r["lines"][0], r["lines"][0]]},
            "Review 1 of the bundle: uuid",
        ),
        (
            lambda r: {**r, "participants": [{"name": "Eve\u0007", "uuid": r["uuid"]}]},
            "Review 1 of the bundle: participants.name holds a control character",
        ),
    ],
)
def test_a_hostile_review_is_refused_whole(
    couple: tuple[Partner, Partner], tmp_path: Path, spoil: Any, fragment: str
) -> None:
    alex, sam = couple
    review_week(alex, ["Thanks for dinner", "", "", "", "", "Phones away at dinner"])
    bundle = alex.export(tmp_path / "alex.json")
    spoiled = tmp_path / "spoiled.json"
    spoiled.write_text(
        json.dumps({**bundle, "reviews": [spoil(bundle["reviews"][0])]}), encoding="utf-8"
    )
    before = everything(sam.db)
    assert_user_error(sam.run("share", "import", str(spoiled)), 1, fragment)
    assert everything(sam.db) == before


def test_a_month_across_two_journals_ends_with_both_holding_the_same(
    alex: Partner, sam: Partner, tmp_path: Path, clock: Any
) -> None:
    """Four weeks: entries both ways, edits, deletions, privatizations, reviews on
    alternating machines, bundles delivered late, twice and out of order."""
    week_ends = [clock.now - timedelta(days=7 * back) for back in (3, 2, 1, 0)]
    sent: dict[str, list[Path]] = {"alex": [], "sam": []}
    for number, sunday in enumerate(week_ends):
        clock.set(sunday.replace(hour=9))
        monday = (sunday - timedelta(days=6)).date()
        alex.add(f"Alex, week {number}: walk @Sam", f"{monday}T18:00", "-c", "4")
        alex.add(f"Alex, week {number}: private worry", f"{monday}T22:00", "--private")
        sam.add(
            f"Sam, week {number}: cooked @Alex", f"{monday + timedelta(days=3)}T19:00", "-c", "5"
        )
        if number:
            clock.set(sunday.replace(hour=10))
            mine = [e for e in alex.entries() if e["author"] == "Alex" and not e["private"]]
            alex.ok("edit", str(mine[-1]["id"]), "-c", "5")  # last week's, edited late
            theirs = [e for e in sam.entries() if e["author"] == "Sam"]
            sam.ok("delete", str(theirs[-1]["id"]), "--yes")
            alex.ok("edit", str(mine[0]["id"]), "--private")
        clock.set(sunday.replace(hour=11))
        for partner, key in ((alex, "alex"), (sam, "sam")):
            path = tmp_path / f"{key}-{number}.json"
            partner.export(path, "--weeks", "2")
            sent[key].append(path)
        # Late and out of order: this week's bundle first, then last week's, then this again.
        for partner, other in ((alex, "sam"), (sam, "alex")):
            for path in [sent[other][-1], *sent[other][-2:-1], sent[other][-1]]:
                partner.ok("share", "import", str(path))
        clock.set(sunday.replace(hour=20))
        reviewer = alex if number % 2 == 0 else sam
        first = "Thanks, week " + str(number)
        review_week(reviewer, [first, "", "", "", "", f"Intention {number}"])
        clock.set(sunday.replace(hour=21))
        path = tmp_path / f"{reviewer.name.lower()}-review-{number}.json"
        reviewer.export(path, "--weeks", "2")
        (sam if reviewer is alex else alex).ok("share", "import", str(path))
        sam.ok("share", "import", str(sent["alex"][0]))  # the very first, once more

    def shared_entries(partner: Partner) -> set[tuple[Any, ...]]:
        return {
            (e["uuid"], e["author"], e["text"], e["closeness"], e["updated_at"])
            for e in partner.entries()
            if not e["private"]
        }

    def reviews(partner: Partner) -> list[Any]:
        listed = json.loads(partner.ok("reviews", "--json").stdout)["reviews"]
        return [
            (
                r["week"],
                sorted(r["participants"]),
                [s["text"] for s in r["appreciations"]],
                [s["text"] for s in r["intentions"]],
                [(s["text"], s["outcome"]) for s in r["followups"]],
            )
            for r in listed
        ]

    assert shared_entries(alex) == shared_entries(sam)
    assert len(shared_entries(alex)) == 4 + 4 - 3 - 3  # three deleted, three made private
    assert reviews(alex) == reviews(sam) and len(reviews(alex)) == 4
    for partner, other in ((alex, "Sam"), (sam, "Alex")):
        texts = " ".join(e["text"] for e in partner.entries() if e["author"] == other)
        assert "private" not in texts
    assert rows(alex.db, "SELECT uuid FROM review ORDER BY week") == rows(
        sam.db, "SELECT uuid FROM review ORDER BY week"
    )


@pytest.mark.parametrize("how", [("rename", "Jo", "Joanna"), ("merge", "Jo", "Joanna")])
def test_renaming_a_person_leaves_a_partners_words_as_they_wrote_them(
    alex: Partner, sam: Partner, tmp_path: Path, how: tuple[str, ...]
) -> None:
    sam.add("Walk with @Jo and @Alex", "2026-11-16T18:00", "-c", "4")
    sam.export(tmp_path / "sam.json")
    alex.ok("share", "import", str(tmp_path / "sam.json"))
    alex.add("Coffee with @Jo", "2026-11-17T10:00")
    if how[0] == "merge":
        alex.add("Lunch with @Joanna", "2026-11-18T12:00")
    alex.ok("people", *how)
    texts = {e["author"]: e["text"] for e in alex.entries() if "Jo" in e["text"]}
    assert texts == {"Alex": "Coffee with @Joanna", "Sam": "Walk with @Jo and @Alex"}
    result = alex.ok("share", "import", str(tmp_path / "sam.json"))
    assert "1 unchanged." in result.stderr
