"""``connectlog export``: the whole journal as JSON, CSV or Markdown, written privately.

The clock is stopped on Sunday 22 November 2026 (week 2026-W47) in Berlin.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BUILTIN_CONCEPTS, Cli, assert_user_error, journal_dump

pytestmark = pytest.mark.usefixtures("clock")

#: Text another program must get back exactly: commas, quotes, lines, letters beyond ASCII.
AWKWARD = 'Said "sorry, really" to @Sam;\nthen we sat, quiet. Ärger verflogen #repair'


@pytest.fixture
def journal(cli: Cli) -> Cli:
    """Alex's journal: everyday moments, one private, and a concept of Alex's own."""
    cli.ok("concepts", "add", "silliness", "--alias", "goofing", "--meaning", "Being daft together")
    cli.ok("concepts", "add", "secrets")
    cli.ok("add", "Hugged @Sam after work #touch", "--when", "2026-11-16T19:30", "-c", "5")
    cli.ok("add", AWKWARD, "--when", "2026-11-17T21:00", "-c", "3", "--mood-before", "2")
    cli.ok("add", "Danced in the kitchen #silliness @Sam", "--when", "2026-11-18T20:00", "--star")
    cli.ok("add", "Told @Robin what I never told anyone #secrets", "--when", "2026-11-19T23:00")
    cli.ok("edit", "4", "--private")
    cli.ok("add", "Two at once, first @Sam", "--when", "2026-11-20T08:00", "--touch", "kiss")
    cli.ok("add", "Two at once, second", "--when", "2026-11-20T08:00", "--appreciation")
    return cli


def exported(cli: Cli, *options: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(cli.ok("export", *options).stdout)
    assert (document["version"], document["type"]) == (1, "export")
    return document


def listed(cli: Cli) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(cli.ok("list", "--limit", "0", "--json").stdout)[
        "entries"
    ]
    return entries


def test_json_holds_every_entry_as_list_json_shows_it_oldest_first(journal: Cli) -> None:
    document = exported(journal)
    assert document["entries"] == listed(journal)[::-1]
    assert document["count"] == 6
    assert [entry["id"] for entry in document["entries"]] == [1, 2, 3, 4, 5, 6]
    assert document["entries"][1]["text"] == AWKWARD
    assert document["entries"][3]["private"] is True
    assert document["private"] is True


def test_json_holds_the_profiles_people_and_concepts(journal: Cli) -> None:
    document = exported(journal)
    (profile,) = document["profiles"]
    assert (profile["name"], profile["aliases"], profile["imported"]) == ("Alex", [], False)
    assert len(profile["uuid"]) == 36
    assert [person["name"] for person in document["people"]] == ["Robin", "Sam"]
    concepts = {concept["name"]: concept for concept in document["concepts"]}
    assert set(concepts) == {*BUILTIN_CONCEPTS, "secrets", "silliness"}
    assert concepts["silliness"] == {
        "name": "silliness",
        "aliases": ["goofing"],
        "meaning": "Being daft together",
        "systems": "",
        "questions": [],
        "builtin": False,
        "created_at": "2026-11-22T20:00:00+00:00",
    }
    assert concepts["trust"]["builtin"] is True
    assert document["reviews"] == []
    assert profile["sent_name"] is None


def test_json_holds_what_left_the_shared_entries_only_with_private_ones(journal: Cli) -> None:
    # Entry 4 was made private: its removal keeps an older copy from bringing it back.
    document = exported(journal)
    (gone,) = document["removals"]
    private = document["entries"][3]
    assert gone == {
        "uuid": private["uuid"],
        "author": document["profiles"][0]["uuid"],
        "local_date": "2026-11-19",
        "removed_at": private["updated_at"],
        "shared": True,
    }
    assert exported(journal, "--no-private")["removals"] == []


def test_no_private_leaves_out_private_entries_and_what_only_they_name(journal: Cli) -> None:
    document = exported(journal, "--no-private")
    texts = [entry["text"] for entry in document["entries"]]
    assert "Told @Robin what I never told anyone #secrets" not in texts
    assert (document["count"], len(texts), document["private"]) == (5, 5, False)
    assert [person["name"] for person in document["people"]] == ["Sam"]
    names = {concept["name"] for concept in document["concepts"]}
    assert names == {*BUILTIN_CONCEPTS, "silliness"}
    assert "Robin" not in json.dumps(document) and "secrets" not in json.dumps(document)


def test_a_file_is_written_privately_and_said_so_on_stderr(
    journal: Cli, tmp_path: Path, db_path: Path
) -> None:
    before = journal_dump(db_path)
    path = tmp_path / "journal.json"
    result = journal.ok("export", "-o", str(path))
    assert result.stdout == ""
    assert result.stderr == (
        f"Wrote 6 entries to {path}, private ones too; keep it where only you can read it.\n"
    )
    assert path.stat().st_mode & 0o777 == 0o600
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["entries"] == exported(journal)["entries"]
    assert journal_dump(db_path) == before
    result = journal.ok("export", "-o", str(path), "--no-private")
    assert result.stderr == f"Wrote 5 entries to {path}; private entries stay here.\n"


def test_a_file_already_there_is_replaced_whole(journal: Cli, tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    path.write_text("x" * 100_000, encoding="utf-8")
    journal.ok("export", "-o", str(path))
    assert json.loads(path.read_text(encoding="utf-8"))["count"] == 6
    assert [file.name for file in tmp_path.iterdir() if file.name.startswith(".journal")] == []


def test_csv_is_read_back_by_the_csv_module_as_the_entries(journal: Cli, tmp_path: Path) -> None:
    path = tmp_path / "moments.csv"
    journal.ok("export", "-o", str(path))  # the extension chooses CSV
    with path.open(encoding="utf-8", newline="") as handle:
        read = list(csv.DictReader(handle))
    entries = exported(journal)["entries"]
    assert len(read) == len(entries) == 6
    for row, entry in zip(read, entries, strict=True):
        assert row["uuid"] == entry["uuid"]
        assert row["text"] == entry["text"]
        assert row["occurred_at"] == entry["occurred_at"]
        assert row["people"] == "; ".join(entry["people"])
        assert row["concepts"] == "; ".join(entry["concepts"])
        assert row["closeness"] == ("" if entry["closeness"] is None else str(entry["closeness"]))
        assert row["private"] == str(entry["private"]).lower()
    assert read[1]["text"] == AWKWARD
    assert read[1]["mood_before"] == "2" and read[1]["mood_after"] == ""
    assert read[4]["touch"] == "kiss" and read[4]["kind"] == "physical"


def test_markdown_reads_as_days_of_moments(journal: Cli) -> None:
    text = journal.ok("export", "--format", "markdown").stdout
    assert text.startswith("# connectlog journal\n\nExported Sun 22 Nov 2026 21:00: 6 entries.\n")
    assert "\n## Mon 16 Nov 2026\n\n### 19:30 · Hugged @Sam after work #touch\n" in text
    assert "- With: Sam\n- Concepts: touch\n- Closeness: 5 of 5\n" in text
    # a text longer than its title is shown whole, its line break kept
    assert AWKWARD.replace("\n", "\\\n") + "\n" in text
    assert "- Kind: physical (kiss)\n" in text
    assert "- ★ starred\n" in text and "- appreciation\n" in text and "- private\n" in text
    assert text.count("\n## Fri 20 Nov 2026\n") == 1  # two moments, one day
    hidden = journal.ok("export", "--format", "markdown", "--no-private").stdout
    assert "Robin" not in hidden
    assert ": 5 entries, private ones left out.\n" in hidden


def test_stdout_and_a_file_get_the_same_export(journal: Cli, tmp_path: Path) -> None:
    for form, name in (("csv", "a.csv"), ("markdown", "a.md")):
        path = tmp_path / name
        journal.ok("export", "-o", str(path))
        assert path.read_text(encoding="utf-8") == journal.ok("export", "-f", form).stdout


def test_an_empty_journal_exports_an_empty_list(cli: Cli) -> None:
    document = exported(cli)
    assert (document["entries"], document["count"], document["people"]) == ([], 0, [])
    assert cli.ok("export", "-f", "csv").stdout.splitlines()[0].startswith("id,uuid,occurred_at")
    assert ": 0 entries.\n" in cli.ok("export", "-f", "markdown").stdout


def test_reviews_are_exported_with_their_topic_entry(cli: Cli) -> None:
    cli.ok("profile", "add", "Alex")
    cli.ok("profile", "add", "Sam")
    cli.ok("--as", "Alex", "add", "Tea @Sam", "--when", "2026-11-17T08:00", "--appreciation")
    cli.ok("--as", "Sam", "add", "Felt ignored @Alex #disconnection", "--when", "2026-11-18T23:00")
    answers = ["Thanks", "", "", "Slow evenings", "1", "Talk sooner", "Walk", "", ""]
    cli.ok("review", "--interactive", input="\n".join(answers) + "\n")
    document = exported(cli)
    (review,) = document["reviews"]
    assert review["week"] == "2026-W47"
    assert review["participants"] == ["Alex", "Sam"]
    assert review["topic"] == "Felt ignored @Alex #disconnection"
    assert review["topic_entry"] == document["entries"][1]["uuid"]
    assert len(review["uuid"]) == 36
    assert [(said["who"], said["text"]) for said in review["appreciations"]] == [("Alex", "Thanks")]
    text = cli.ok("export", "-f", "markdown").stdout
    assert "\n# Weekly reviews\n\n## 2026-W47 (2026-11-16 to 2026-11-22)\n" in text
    assert "- Alex: Thanks\n" in text


# Bad input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "fragments"),
    [
        (["--format", "xml"], 2, ["'xml' is not a format", "json, csv, markdown"]),
        (["-f", ""], 2, ["is not a format"]),
        (["--private"], 2, ["No such option"]),
        (["extra"], 2, ["unexpected extra argument"]),
    ],
)
def test_bad_export_usage_is_one_line(
    journal: Cli, db_path: Path, args: list[str], code: int, fragments: list[str]
) -> None:
    before = journal_dump(db_path)
    assert_user_error(journal("export", *args), code, *fragments)
    assert journal_dump(db_path) == before


def test_a_folder_that_is_not_there_is_one_line_and_no_file(
    journal: Cli, tmp_path: Path, db_path: Path
) -> None:
    before = journal_dump(db_path)
    path = tmp_path / "missing" / "journal.json"
    assert_user_error(journal("export", "-o", str(path)), 1, f"Cannot write {path}")
    assert not path.parent.exists()
    assert journal_dump(db_path) == before


def test_a_folder_as_the_file_is_one_line_and_left_alone(journal: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    (folder / "keep.txt").parent.mkdir()
    (folder / "keep.txt").write_text("kept", encoding="utf-8")
    assert_user_error(journal("export", "-o", str(folder)), 1, f"Cannot write {folder}")
    assert [file.name for file in folder.iterdir()] == ["keep.txt"]
    assert [file.name for file in tmp_path.iterdir() if file.name.endswith(".tmp")] == []


@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_the_journal_itself_is_never_written_over(
    journal: Cli, db_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = journal_dump(db_path)
    target = Path(f"{db_path}{suffix}")
    monkeypatch.chdir(db_path.parent)  # the same file, named another way
    named = f"./{target.name}"
    assert_user_error(journal("export", "-o", named), 1, "is the journal itself")
    assert journal_dump(db_path) == before
    assert len(listed(journal)) == 6


def test_share_export_never_writes_over_the_journal_either(journal: Cli, db_path: Path) -> None:
    before = journal_dump(db_path)
    result = journal("share", "export", "-o", str(db_path), "--week", "2026-W47")
    assert_user_error(result, 1, "is the journal itself")
    assert journal_dump(db_path) == before
