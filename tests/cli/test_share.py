"""``connectlog share export`` and ``share import`` between two journals.

Alex and Sam each keep their own journal; the clock is stopped on Sunday
22 November 2026 (week 2026-W47) in Berlin.
"""

from __future__ import annotations

import json
import stat
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

    def ok(self, *args: str) -> Any:
        return self.cli.ok("--db", str(self.db), "--as", self.name, *args)

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


def test_export_writes_the_weeks_shared_entries_privately(alex: Partner, tmp_path: Path) -> None:
    alex.add("Dinner with @Sam #reward", "2026-11-16T19:00", "-c", "5", "--appreciation")
    alex.add("My secret worry about work", "2026-11-17T21:00", "--private")
    alex.add("Last week's walk with @Sam", "2026-11-10T18:00", "-c", "3")
    alex.ok("profile", "add", "Kim")
    alex.cli.ok("--db", str(alex.db), "--as", "Kim", "add", "Kim's own", "--when", "2026-11-18")
    path = tmp_path / "alex-w47.json"
    bundle = alex.export(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (bundle["version"], bundle["type"]) == (1, "share")
    assert bundle["week"] == {"label": "2026-W47", "start": "2026-11-16", "end": "2026-11-22"}
    assert bundle["profile"]["name"] == "Alex" and len(bundle["profile"]["uuid"]) == 36
    (entry,) = bundle["entries"]
    assert entry["text"] == "Dinner with @Sam #reward"
    assert (entry["people"], entry["concepts"], entry["closeness"]) == (["Sam"], ["reward"], 5)
    assert entry["appreciation"] is True
    assert entry["occurred_at"] == "2026-11-16T19:00:00+01:00"
    assert "private" not in entry and "id" not in entry
    raw = path.read_bytes()
    assert b"secret worry" not in raw and b"Kim" not in raw


def test_export_to_stdout_and_of_another_week(alex: Partner) -> None:
    alex.add("Last week's walk", "2026-11-10T18:00", "-c", "3")
    result = alex.ok("share", "export", "-o", "-", "--week", "last")
    bundle = json.loads(result.stdout)
    assert bundle["week"]["label"] == "2026-W46"
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


def bundle_text(alex: Partner, tmp_path: Path) -> dict[str, Any]:
    alex.add("Dinner with @Sam", "2026-11-16T19:00", "-c", "4")
    return alex.export(tmp_path / "alex.json")


@pytest.mark.parametrize(
    ("spoil", "fragment"),
    [
        (lambda b: "{not json", "not a readable connectlog bundle"),
        (lambda b: json.dumps([1, 2]), "not a connectlog share bundle"),
        (lambda b: json.dumps({**b, "version": 99}), "version 99"),
        (lambda b: json.dumps({**b, "profile": {"name": "Alex"}}), "'uuid' is missing"),
        (
            lambda b: json.dumps({**b, "entries": [{**b["entries"][0], "closeness": 9}]}),
            "closeness must be 1 to 5",
        ),
        (
            lambda b: json.dumps({**b, "entries": [{**b["entries"][0], "kind": "telepathic"}]}),
            "kind 'telepathic'",
        ),
        (
            lambda b: json.dumps({**b, "entries": [{**b["entries"][0], "extra": 1}]}),
            "does not have the fields",
        ),
        (
            lambda b: json.dumps(
                {**b, "entries": [{**b["entries"][0], "occurred_at": "2026-11-16T19:00"}]}
            ),
            "has no UTC offset",
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
    assert_user_error(sam.run("share", "import", str(spoiled)), 1, fragment)
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
