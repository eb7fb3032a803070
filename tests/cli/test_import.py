"""``connectlog import`` of connectlog's own export: a journal comes back exactly, once.

A lived-in journal (two own writers, a partner's weeks from bundles, reviews,
private, deleted and edited entries) is exported, imported into an empty
journal and compared table by table, by uuid and name rather than number;
importing again changes nothing, and an older export never undoes a newer one.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import STOPPED_AT, Cli, Clock, assert_user_error, journal_dump, rows
from tests.journal_contents import everything_at
from tests.test_json_contract import ALEX, LAST_WEEK, SAM, THIS_WEEK


@pytest.fixture
def lived_in(cli: Cli, clock: Clock, tmp_path: Path, db_path: Path) -> Path:
    """A journal a couple has used for a while, exported; returns the export."""
    sam_db = str(tmp_path / "sam.db")

    def sam(*args: str) -> None:
        cli.ok("--db", sam_db, "--as", "Sam", *args)

    cli.ok("profile", "add", "Alex", "--alias", "Lex")
    cli.ok("profile", "add", "Jo")
    cli.ok("concepts", "add", "gratitude", "--alias", "thanks", "--meaning", "Noticing gifts")
    for args in ALEX:
        cli.ok("add", *args)
    cli.ok("--as", "Jo", "add", "Jo's own moment with @Alex #trust", "--when", "2026-10-20T09:00")
    cli.ok("edit", "2", "--closeness", "3", "--kind", "emotional")
    cli.ok("edit", "3", "--private")
    cli.ok("delete", "4", "--yes")
    sam("profile", "add", "Sam", "--alias", "Sammy")
    for args in SAM:
        sam("add", *args)
    sam("share", "export", "-o", str(tmp_path / "sam.json"))
    cli.ok("share", "import", str(tmp_path / "sam.json"))
    cli.ok("review", "--week", "last", "--interactive", input="\n".join(LAST_WEEK) + "\n")
    cli.ok("review", "--interactive", input="\n".join(THIS_WEEK) + "\n")
    exported = tmp_path / "journal.json"
    cli.ok("export", "-o", str(exported))
    return exported


def other(tmp_path: Path, name: str = "other.db") -> tuple[str, Path]:
    path = tmp_path / name
    return str(path), path


def test_an_export_comes_back_exactly_in_an_empty_journal(
    cli: Cli, lived_in: Path, db_path: Path, tmp_path: Path
) -> None:
    target, path = other(tmp_path)
    result = cli.ok("--db", target, "import", str(lived_in))
    assert result.stdout == ""
    assert result.stderr.startswith(f"Imported 13 entries from {lived_in} (connectlog); ")
    assert "new here: 3 profiles" in result.stderr and "2 reviews merged" in result.stderr
    assert everything_at(path) == everything_at(db_path)
    # Which is what the journal's own export says, bar when each export was made.
    again = json.loads(cli.ok("--db", target, "export").stdout)
    first = json.loads(lived_in.read_text(encoding="utf-8"))
    for document in (again, first):
        document["exported_at"] = None
        for record in document["entries"]:
            del record["id"]
        for record in document["concepts"]:
            if record["builtin"]:  # made with each journal
                del record["created_at"]
    assert again == first


def test_importing_again_changes_nothing(cli: Cli, lived_in: Path, db_path: Path) -> None:
    before = everything_at(db_path)
    numbered = journal_dump(db_path)
    result = cli.ok("import", str(lived_in))
    assert result.stderr == (
        f"Imported 0 entries from {lived_in} (connectlog); 13 already here; 2 reviews merged.\n"
    )
    assert everything_at(db_path) == before
    assert journal_dump(db_path) == numbered  # the very same rows, numbers too


def test_a_dry_run_says_what_would_come_and_changes_nothing(
    cli: Cli, lived_in: Path, tmp_path: Path
) -> None:
    target, path = other(tmp_path)
    cli.ok("--db", target, "concepts")  # an empty journal
    before = everything_at(path)
    result = cli.ok("--db", target, "import", str(lived_in), "--dry-run")
    assert result.stdout.splitlines()[0] == (
        f"Would import 13 of 13 entries from {lived_in} (connectlog); nothing was changed."
    )
    assert "  new profiles: 3" in result.stdout.splitlines()
    assert everything_at(path) == before


def test_private_stays_private_and_a_partners_entries_stay_theirs(
    cli: Cli, lived_in: Path, tmp_path: Path
) -> None:
    target, path = other(tmp_path)
    cli.ok("--db", target, "import", str(lived_in))
    found = rows(
        path,
        "SELECT e.text, e.private, p.name, p.imported FROM entry e"
        " JOIN profile p ON p.id = e.author_id ORDER BY e.text",
    )
    assert ("My private worry about work", 1, "Alex", 0) in found
    assert ("Walked home holding hands with @Alex #touch", 0, "Sam", 1) in found
    assert ("A note only for me", 1, "Sam", 1) not in found  # never left Sam's journal
    refused = cli("--db", target, "edit", str(_number(path, "Walked home")), "-c", "1")
    assert_user_error(refused, 1, "is Sam's")


def _number(path: Path, start: str) -> int:
    ((found,),) = rows(path, "SELECT id FROM entry WHERE text LIKE ?", f"{start}%")
    return int(found)


def test_an_older_export_never_brings_back_what_was_deleted_or_changed_since(
    cli: Cli, clock: Clock, lived_in: Path, db_path: Path, tmp_path: Path
) -> None:
    clock.set(STOPPED_AT + timedelta(hours=1))
    cli.ok("delete", "1", "--yes")
    cli.ok("edit", "5", "--closeness", "1")
    before = everything_at(db_path)
    result = cli.ok("import", str(lived_in))
    assert "Imported 0 entries" in result.stderr
    assert everything_at(db_path) == before
    # And the newer export takes them away, or changes them, in a journal with the older one.
    target, path = other(tmp_path)
    cli.ok("--db", target, "import", str(lived_in))
    newer = tmp_path / "newer.json"
    cli.ok("export", "-o", str(newer))
    result = cli.ok("--db", target, "import", str(newer))
    assert "1 updated" in result.stderr and "1 removed (taken back since)" in result.stderr
    assert everything_at(path) == before


def test_the_format_is_recognised_and_can_be_named(
    cli: Cli, lived_in: Path, tmp_path: Path
) -> None:
    target, _ = other(tmp_path)
    renamed = tmp_path / "journal.txt"
    renamed.write_bytes(lived_in.read_bytes())
    assert "(connectlog)" in cli.ok("--db", target, "import", str(renamed)).stderr
    named = cli.ok("--db", target, "import", "-f", "CONNECTLOG", str(renamed), "--dry-run")
    assert "Would import 0 of 13" in named.stdout


def test_the_search_finds_what_was_imported(cli: Cli, lived_in: Path, tmp_path: Path) -> None:
    target, _ = other(tmp_path)
    cli.ok("--db", target, "import", str(lived_in))
    found = json.loads(cli.ok("--db", target, "list", "--search", "pancakes", "--json").stdout)
    assert [entry["text"] for entry in found["entries"]] == ["Made up over pancakes @Sam #repair"]


# -- What is refused --------------------------------------------------------------


def minimal(**changes: Any) -> dict[str, Any]:
    """A small valid export, with ``changes`` made to it."""
    document: dict[str, Any] = {
        "version": 1,
        "type": "export",
        "exported_at": "2026-11-22T19:00:00+00:00",
        "private": True,
        "profiles": [
            {
                "name": "Alex",
                "uuid": "b268ea01-f04d-4239-acf2-cade8ef9a3f1",
                "aliases": [],
                "imported": False,
                "created_at": "2026-11-16T18:30:00+00:00",
                "sent_name": None,
            }
        ],
        "concepts": [],
        "people": [],
        "reviews": [],
        "removals": [],
        "count": 1,
        "entries": [entry()],
    }
    document.update(changes)
    return document


def entry(**changes: Any) -> dict[str, Any]:
    record = {
        "id": 1,
        "uuid": "77033a47-51ca-4616-b99b-dda731bd08b6",
        "text": "Hugged @Sam after work #touch",
        "title": "Hugged @Sam after work #touch",
        "occurred_at": "2026-11-20T20:00:00+01:00",
        "author": "Alex",
        "people": ["Sam"],
        "concepts": ["touch"],
        "kind": "physical",
        "touch": "hug",
        "closeness": 4,
        "initiated_by": None,
        "response": None,
        "mood_before": None,
        "mood_after": None,
        "appreciation": False,
        "starred": False,
        "created_at": "2026-11-20T19:00:00+00:00",
        "updated_at": "2026-11-20T19:00:00+00:00",
        "private": False,
    }
    record.update(changes)
    return record


def test_a_small_export_written_by_hand_imports(cli: Cli, tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(minimal()), encoding="utf-8")
    result = cli.ok("import", str(path))
    assert result.stderr == (
        f"Imported 1 entry from {path} (connectlog); new here: 1 profile, 1 person.\n"
    )
    assert rows(db_path, "SELECT text, kind, touch FROM entry") == [
        ("Hugged @Sam after work #touch", "physical", "hug")
    ]


HOSTILE = {
    "not JSON": ("{nope", "not a readable connectlog export"),
    "nested too deep": (
        '{"version": 1, "type": "export", "profiles": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "nested too deep",
    ),
    "a number of 5,000 digits": (
        json.dumps(minimal()).replace('"count": 1', '"count": ' + "9" * 5000),
        "not a readable connectlog export",
    ),
    "a key twice": (
        json.dumps(minimal()).replace('"count": 1', '"count": 1, "count": 1'),
        'the key "count" appears twice',
    ),
    "text after the document": (json.dumps(minimal()) + " []", "something follows"),
    "a control character in a text": (
        json.dumps(minimal(entries=[entry(text="Hi \u001b]0;pwned\u0007")])),
        "Entry 1 of the file: text holds a control character or half a character (U+001B).",
    ),
    "half a character": (
        json.dumps(minimal(entries=[entry(text="Hi \ud800")])),
        "Entry 1 of the file: text",
    ),
    "a C1 control in a name": (
        json.dumps(minimal(entries=[entry(people=["Sam\u009b"])])),
        "Person 1 of entry 1 of the file: the person holds a control character",
    ),
    "a closeness of 9": (
        json.dumps(minimal(entries=[entry(closeness=9)])),
        "Entry 1 of the file: closeness must be 1 to 5, not 9.",
    ),
    "a closeness as text": (
        json.dumps(minimal(entries=[entry(closeness="4")])),
        "closeness must be a whole number",
    ),
    "a time as a number": (
        json.dumps(minimal(entries=[entry(occurred_at=1700000000)])),
        "Entry 1 of the file: occurred_at",
    ),
    "a time in the future": (
        json.dumps(minimal(entries=[entry(occurred_at="2031-01-01T00:00:00+00:00")])),
        "occurred_at is in the future",
    ),
    "an unknown key": (
        json.dumps(minimal(entries=[entry(mood="great")])),
        "'mood' is not a field connectlog knows.",
    ),
    "a uuid twice": (
        json.dumps(minimal(entries=[entry(), entry(id=2)], count=2)),
        "Entry 2 of the file: uuid 77033a47-51ca-4616-b99b-dda731bd08b6 appears twice",
    ),
    "a count that does not add up": (
        json.dumps(minimal(count=2)),
        "count says 2, but 1 follow.",
    ),
    "an author who is not a profile": (
        json.dumps(minimal(entries=[entry(author="Mallory")])),
        "author Mallory is not one of the file's profiles.",
    ),
    "a touch on an emotional moment": (
        json.dumps(minimal(entries=[entry(kind="emotional")])),
        "Entry 1 of the file:",
    ),
    "a version from the future": (
        json.dumps(minimal(version=7)),
        "This export has version 7",
    ),
    "a profile list that is an object": (
        json.dumps(minimal(profiles={"name": "Alex"})),
        "profiles must be a list",
    ),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_a_broken_or_hostile_file_is_refused_whole(
    cli: Cli, tmp_path: Path, db_path: Path, case: str
) -> None:
    cli.ok("add", "What was here before")
    before = journal_dump(db_path)
    content, message = HOSTILE[case]
    path = tmp_path / "hostile.json"
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    result = cli("import", str(path), "--format", "connectlog")
    assert_user_error(result, 1, message)
    assert journal_dump(db_path) == before


def test_a_share_bundle_is_sent_to_share_import(cli: Cli, tmp_path: Path, db_path: Path) -> None:
    cli.ok("add", "A moment to share")
    bundle = tmp_path / "week.json"
    cli.ok("share", "export", "-o", str(bundle))
    before = journal_dump(db_path)
    for options in ([], ["--format", "connectlog"]):
        result = cli("import", str(bundle), *options)
        assert_user_error(result, 1, "is a share bundle, not an export", "connectlog share import")
    assert journal_dump(db_path) == before


def test_a_file_of_no_known_format_or_none_at_all(cli: Cli, tmp_path: Path) -> None:
    strange = tmp_path / "notes.bin"
    strange.write_bytes(b"\x00\x01\x02 not a journal")
    assert_user_error(cli("import", str(strange)), 1, "Cannot tell what")
    missing = tmp_path / "missing.json"
    assert_user_error(cli("import", str(missing)), 1, "Cannot read", "missing.json")
    latin = tmp_path / "latin.json"
    latin.write_bytes(json.dumps(minimal()).replace("Hugged", "Umarmt \xe4").encode("latin-1"))
    assert_user_error(cli("import", str(latin), "-f", "connectlog"), 1, "not UTF-8")


def test_bad_usage_exits_2(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(minimal()), encoding="utf-8")
    assert_user_error(cli("import", str(path), "--format", "evernote"), 2, "'evernote'")
    assert_user_error(cli("import", str(path), "--map", "nope"), 2, "TAG=CONCEPT")
    assert_user_error(cli("import", str(path), "--map", "a=trust"), 2, "another program's tags")


def test_a_profile_whose_name_is_someone_else_here_is_refused(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    cli.ok("profile", "add", "Alex")  # another Alex: another uuid
    before = journal_dump(db_path)
    path = tmp_path / "small.json"
    path.write_text(json.dumps(minimal()), encoding="utf-8")
    assert_user_error(cli("import", str(path)), 1, "Profile 1 of the file:", "someone else")
    assert journal_dump(db_path) == before


OLD_EXPORT = Path(__file__).parents[1] / "fixtures" / "connectlog_0_1" / "export.json"


def test_an_export_made_by_connectlog_0_1_comes_back(cli: Cli, db_path: Path) -> None:
    """The file was written by connectlog 0.1 itself (tests/fixtures/connectlog_0_1/make.sh):
    no removals, no review lines, the notes one text, no sent names."""
    old = json.loads(OLD_EXPORT.read_text(encoding="utf-8"))

    result = cli.ok("import", str(OLD_EXPORT))

    assert "Traceback" not in result.stderr
    entries = json.loads(cli.ok("list", "--limit", "0", "--json").stdout)["entries"]
    assert sorted((e["uuid"], e["text"], e["author"], e["private"]) for e in entries) == sorted(
        (e["uuid"], e["text"], e["author"], e["private"]) for e in old["entries"]
    )
    (sent,) = old["reviews"]
    review = json.loads(cli.ok("reviews", "show", sent["week"], "--json").stdout)["review"]
    assert [(s["who"], s["text"]) for s in review["appreciations"]] == [
        (s["who"], s["text"]) for s in sent["appreciations"]
    ]
    assert review["topic"] == sent["topic"]
    assert [note["text"] for note in review["notes"]] == sent["notes"].split("\n\n")
    assert rows(db_path, "SELECT uuid FROM review") == [(sent["uuid"],)]
    before = everything_at(db_path)
    cli.ok("import", str(OLD_EXPORT))
    assert everything_at(db_path) == before  # a second import changes nothing


def test_an_older_export_never_brings_back_a_private_entry_deleted_since(
    cli: Cli, clock: Clock, db_path: Path, tmp_path: Path
) -> None:
    cli.ok("profile", "add", "Alex")
    cli.ok("--as", "Alex", "add", "A worry nobody may read", "--when", "2026-11-17T09:00",
           "--private")  # fmt: skip
    cli.ok("--as", "Alex", "add", "Dinner", "--when", "2026-11-16T19:00")
    older = tmp_path / "older.json"
    cli.ok("export", "-o", str(older))
    clock.set(STOPPED_AT + timedelta(hours=1))
    cli.ok("delete", "1", "--yes")

    cli.ok("import", str(older))

    assert [e["text"] for e in json.loads(cli.ok("list", "--json").stdout)["entries"]] == ["Dinner"]
    # Recorded for this journal alone: no bundle tells that it was there.
    bundle = json.loads(cli.ok("--as", "Alex", "share", "export", "-o", "-").stdout)
    assert bundle["removals"] == []
    assert rows(db_path, "SELECT shared FROM removal") == [(0,)]
