"""The --json documents keep the shapes docs/json.md promises, and their schemas hold them.

A key may be added with care; a key removed or renamed breaks scripts, so it
fails here until the document's version is raised and the docs say so. The
key tests below spell the patterns documents out; the schema tests run every
command with --json (and the files share export and export write) against a
lived-in journal, and validate each document against the schema
``connectlog schema TYPE`` prints for its type.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from tests.conftest import Cli

pytestmark = pytest.mark.usefixtures("clock")

FIGURES = {
    "entries",
    "days",
    "closeness",
    "concepts",
    "people",
    "kinds",
    "touches",
    "initiators",
    "responses",
    "toward_share",
    "concept_closeness",
    "pairs",
    "weekdays",
    "times_of_day",
    "mood",
    "disconnections",
    "reconnection",
    "paired",
    "writers",
}
#: Whose moments a patterns document describes.
WHOSE = {"author", "together"}
SERIES = {"name", "values", "change", "direction", "weeks_read", "p"}


@pytest.fixture
def journal(cli: Cli) -> Cli:
    cli.ok("add", "Fell out #disconnection", "--when", "2026-11-16T20:00", "-w", "Sam", "-c", "1")
    cli.ok("add", "Made up #repair #trust", "--when", "2026-11-17T08:00", "-w", "Sam", "-c", "5")
    cli.ok("add", "Walk #trust", "--when", "2025-11-22T08:00", "-c", "4", "--response", "toward")
    return cli


def document(cli: Cli, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(cli.ok(*args, "--json").stdout)
    return data


def test_summary_keys(journal: Cli) -> None:
    data = document(journal, "summary")
    assert set(data) == {
        "version",
        "type",
        "author",
        "together",
        "period",
        "previous_period",
        "current",
        "previous",
        "change",
        "so_far",
        "streak",
        "streaks",
    }
    assert set(data["period"]) == {"label", "start", "end"}
    assert set(data["so_far"]) == {"period", "same_days", "previous", "change"}
    assert set(data["so_far"]["previous"]) == FIGURES
    assert set(data["current"]) == FIGURES == set(data["previous"])
    assert set(data["change"]) == {"entries", "days", "closeness"}
    assert set(data["streak"]) == {"current", "longest"}
    assert set(data["streaks"][0]) == {"author", "current", "longest"}
    current = data["current"]
    assert set(current["writers"][0]) == {"author", "entries", "days", "closeness", "initiators"}
    assert set(current["closeness"]) == {"average", "count"}
    assert set(current["mood"]) == {"change", "count"}
    assert set(current["concepts"][0]) == {"name", "count"}
    assert set(current["concept_closeness"][0]) == {
        "name",
        "with",
        "without",
        "difference",
        "enough",
        "interval",
        "grade",
    }
    assert set(current["concept_closeness"][0]["with"]) == {"count", "mean"}
    assert set(current["pairs"][0]) == {"concepts", "count"}
    assert set(current["disconnections"][0]) == {
        "id",
        "day",
        "people",
        "reconnected_by",
        "hours_to_reconnect",
    }
    assert set(current["reconnection"]) == {"count", "reconnected", "median_hours", "longest"}


def test_trends_keys(journal: Cli) -> None:
    data = document(journal, "trends", "--weeks", "3")
    assert set(data) == {
        "version",
        "type",
        "weeks",
        "so_far",
        "began",
        "headline",
        "concepts",
        "people",
        *WHOSE,
    }
    assert [series["name"] for series in data["headline"]] == [
        "entries",
        "days logged",
        "closeness",
        "turned toward",
    ]
    for group in ("headline", "concepts", "people"):
        assert all(set(series) == SERIES for series in data[group])
        assert all(len(series["values"]) == 3 for series in data[group])


def test_calendar_keys(journal: Cli) -> None:
    data = document(journal, "calendar")
    assert set(data) == {
        "version",
        "type",
        "author",
        "together",
        "days",
        "year",
        "week_start",
        "entries",
        "days_logged",
        "closeness",
    }
    assert set(data["days"][0]) == {"date", "entries", "rated", "closeness"}


def test_remember_and_prompt_keys(journal: Cli) -> None:
    data = document(journal, "remember")
    assert set(data) == {"version", "type", "days", "further_back"}
    assert set(data["days"][0]) == {"label", "date", "entries"}
    prompt = document(journal, "prompt")
    assert set(prompt) == {"version", "type", "prompt"}
    assert set(prompt["prompt"]) == {"concept", "question", "days_since"}


# -- Every document against its schema -------------------------------------------

#: Entries as someone writes them over a few weeks, the clock stopped on Sunday
#: 22 November 2026 (2026-W47): every field set on some, none on others, one
#: private, a disconnection and its repair, a week, a month and a year ago.
ALEX = [
    ["Walk by the lake @Sam #resonance", "--when", "2026-11-15T18:00", "-c", "3",
     "--appreciation"],
    ["Ignored at the party @Sam #disconnection", "--when", "2026-11-13T23:00", "-c", "2",
     "--response", "away", "--initiated-by", "me"],
    ["Anniversary dinner @Sam #attachment", "--when", "2025-11-22T20:00", "-c", "5", "--star"],
    ["Cooked together @Sam", "--when", "2026-10-22T19:00", "-c", "4"],
    ["Danced in the kitchen @Sam #reward", "--when", "2026-03-14T22:00", "-c", "5"],
    ["Quiet evening. Nothing much", "--when", "2026-11-17T21:30"],
    ["Fell out about the dishes @Sam #disconnection", "--when", "2026-11-18T19:00", "-c", "1",
     "--kind", "emotional", "--initiated-by", "them", "--response", "against"],
    ["Made up over pancakes @Sam #repair", "--when", "2026-11-19T08:00", "-c", "5",
     "--initiated-by", "mutual", "--response", "toward", "--mood-before", "2",
     "--mood-after", "5"],
    ["My private worry about work", "--when", "2026-11-20T12:00", "--private", "-c", "2"],
    ["Coffee with @[Mary Ann] #empathy", "--when", "2026-11-21T10:00", "-c", "4", "--kind",
     "emotional"],
    ["Group hug", "-w", "Sam, Jo", "--when", "2026-11-22T09:00", "--kind", "both", "--touch",
     "hug", "-c", "5", "-t", "thanks"],
]  # fmt: skip
SAM = [
    ["Walked home holding hands with @Alex #touch", "--when", "2026-11-16T20:20", "-c", "5",
     "--kind", "physical", "--touch", "holding hands"],
    ["A note only for me", "--when", "2026-11-18T12:00", "--private"],
    ["Alex fixed my bike without being asked @Alex", "--when", "2026-11-20T18:00", "-c", "4",
     "--appreciation"],
]  # fmt: skip
#: Alex reviews last week alone, then this week with Sam, whose week came in a bundle.
LAST_WEEK = ["Thanks for the walk", "", "We took our time", "1", "Say it sooner",
             "Phones away at dinner", "", ""]  # fmt: skip
THIS_WEEK = ["partly", "Pancakes, thank you", "", "Bike, thanks", "", "We slowed down",
             "You felt it closer than I did", "1", "Say it out loud", "Cook on Sunday", "",
             "Ask for a hug", "", ""]  # fmt: skip


class Documents:
    """Every document the journal's commands printed or wrote, by the command that made it."""

    def __init__(self, cli: Cli) -> None:
        self.cli = cli
        self.made: list[tuple[str, dict[str, Any]]] = []

    def json(self, *args: str, label: str | None = None) -> dict[str, Any]:
        """Run a command with --json and keep its document."""
        return self.keep(" ".join(args), self.cli.ok(*args, "--json").stdout, label)

    def keep(self, command: str, text: str, label: str | None = None) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(text)
        self.made.append((label or command, document))
        return document

    def file(self, command: str, path: Path) -> dict[str, Any]:
        return self.keep(command, path.read_text(encoding="utf-8"))


@pytest.fixture
def lived_in(cli: Cli, tmp_path: Path) -> Documents:
    """A journal a couple has used for a while, and every document its commands give."""
    made = Documents(cli)
    sam_db = str(tmp_path / "sam.db")

    def sam(*args: str) -> None:
        cli.ok("--db", sam_db, "--as", "Sam", *args)

    made.json("profile", "add", "Alex", "--alias", "Lex")
    made.json("concepts", "add", "gratitude", "--alias", "thanks", "--meaning", "Noticing gifts")
    made.json("add", "Held hands on the walk home @Sam #trust #touch", "--when",
              "2026-11-16T20:00", "--kind", "physical", "--touch", "holding hands", "-c", "4",
              "--initiated-by", "me", "--response", "toward", "--mood-before", "2",
              "--mood-after", "4", "--appreciation", "--star", "-t", "gratitude",
              label="add, every field set")  # fmt: skip
    for args in ALEX:
        cli.ok("add", *args)
    made.json("add", "Just text, nothing else set", label="add, only text")
    made.json("edit", "2", "--closeness", "3", "--kind", "emotional")
    sam("profile", "add", "Sam", "--alias", "Sammy")
    for args in SAM:
        sam("add", *args)
    sam("share", "export", "-o", str(tmp_path / "sam.json"))
    made.file("share export (Sam)", tmp_path / "sam.json")
    cli.ok("share", "import", str(tmp_path / "sam.json"))
    cli.ok("share", "export", "-o", str(tmp_path / "alex.json"))
    made.file("share export", tmp_path / "alex.json")
    made.keep("share export -o -", cli.ok("share", "export", "-o", "-", "--week", "last").stdout)
    cli.ok("review", "--week", "last", "--interactive", input="\n".join(LAST_WEEK) + "\n")
    made.json("review", label="review (agenda with last week's intentions)")
    cli.ok("review", "--interactive", input="\n".join(THIS_WEEK) + "\n")
    for command in (
        ["list"],
        ["list", "--limit", "2", "--concept", "disconnection"],
        ["list", "--search", "nobody wrote this"],
        ["show", "1"],
        ["show", "6"],
        ["summary"],
        ["summary", "--week", "last"],
        ["summary", "--month", "2026-11", "--with", "Sam"],
        ["summary", "--together"],
        ["summary", "--week", "last", "--together", "--with", "Sam"],
        ["trends"],
        ["trends", "--weeks", "2"],
        ["trends", "--together"],
        ["calendar"],
        ["calendar", "--year", "2025"],
        ["calendar", "--together"],
        ["remember"],
        ["remember", "--together"],
        ["prompt"],
        ["prompt", "--together"],
        ["concepts"],
        ["learn", "trust"],
        ["learn", "gratitude"],
        ["people"],
        ["profile", "list"],
        ["review", "--week", "last"],
        ["reviews"],
        ["reviews", "show", "2026-W47"],
    ):
        made.json(*command)
    made.keep("export", cli.ok("export").stdout)
    made.keep("export --no-private", cli.ok("export", "--format", "json", "--no-private").stdout)
    cli.ok("export", "-o", str(tmp_path / "journal.json"))
    made.file("export -o journal.json", tmp_path / "journal.json")
    made.json("doctor")
    return made


@pytest.fixture
def empty(cli: Cli, tmp_path: Path) -> Documents:
    """The documents of a journal with nothing in it yet: empty lists, nulls everywhere."""
    made = Documents(cli)
    db = str(tmp_path / "empty.db")
    for command in (
        ["list"],
        ["summary"],
        ["trends", "--weeks", "2"],
        ["calendar"],
        ["remember"],
        ["prompt"],
        ["people"],
        ["profile", "list"],
        ["review"],
        ["reviews"],
    ):
        made.json("--db", db, *command)
    made.keep("export", cli.ok("--db", db, "export").stdout)
    made.json("--db", db, "doctor")
    return made


def schemas(cli: Cli) -> dict[str, dict[str, Any]]:
    """Each document's schema, as ``connectlog schema TYPE`` prints it."""
    return {
        kind: json.loads(cli.ok("schema", kind).stdout) for kind in cli.ok("schema").stdout.split()
    }


#: Formats are checked too: a time is ISO 8601 with its UTC offset, a day is a date.
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _aware_time(value: object) -> bool:
    return not isinstance(value, str) or datetime.fromisoformat(value).utcoffset() is not None


def problems(schema: dict[str, Any], document: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=FORMATS)
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(document)]


def test_every_json_document_validates_against_its_schema(lived_in: Documents, cli: Cli) -> None:
    schema = schemas(cli)
    found = [
        f"{command}: {problem}"
        for command, document in lived_in.made
        for problem in problems(schema[document["type"]], document)
    ]
    assert found == []
    assert {document["type"] for _, document in lived_in.made} == set(schema), (
        "every type connectlog schema knows is printed by some command here"
    )


def test_the_documents_of_an_empty_journal_validate_too(empty: Documents, cli: Cli) -> None:
    schema = schemas(cli)
    found = [
        f"{command}: {problem}"
        for command, document in empty.made
        for problem in problems(schema[document["type"]], document)
    ]
    assert found == []


def test_the_lived_in_journal_fills_every_part_of_the_documents(lived_in: Documents) -> None:
    # Validation proves little about a list that is empty or a value that is always null.
    made = dict(lived_in.made)
    agenda = made["review (agenda with last week's intentions)"]
    assert all(agenda[key] for key in ("last_intentions", "appreciations", "went_right",
                                        "two_views", "to_talk_about"))  # fmt: skip
    review = made["reviews show 2026-W47"]["review"]
    assert all(review[key] for key in ("followups", "appreciations", "topic", "intentions"))
    current = made["summary"]["current"]
    assert all(current[key] for key in ("concept_closeness", "pairs", "disconnections"))
    assert current["disconnections"][-1]["reconnected_by"] is not None
    remember = made["remember"]
    assert remember["further_back"] and all(day["entries"] for day in remember["days"])
    exported = made["export"]
    assert exported["private"] and exported["reviews"] and exported["reviews"][0]["topic_entry"]
    assert {profile["imported"] for profile in exported["profiles"]} == {True, False}
    entries = made["list"]["entries"]
    assert any(entry["private"] for entry in entries)
    assert any(all(value is not None for value in entry.values()) for entry in entries)
    assert any(entry["closeness"] is None and entry["kind"] is None for entry in entries)


def objects(value: Any, path: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object in a document, with where it is; of a list, its first item's."""
    if isinstance(value, dict):
        yield path, value
        for key, item in value.items():
            yield from objects(item, f"{path}.{key}")
    elif isinstance(value, list) and value:
        yield from objects(value[0], f"{path}[0]")


def test_a_key_added_or_dropped_anywhere_breaks_the_schema(lived_in: Documents, cli: Cli) -> None:
    # What a renderer that grew or lost a key would print: each object of each kind of
    # document once with a key too many, and once without each of its keys.
    schema = schemas(cli)
    first: dict[str, dict[str, Any]] = {}
    for _, document in lived_in.made:
        first.setdefault(document["type"], document)
    missed = []
    for kind, document in first.items():
        text = json.dumps(document)
        for number, (path, part) in enumerate(objects(document)):
            for key in [None, *part]:
                changed = json.loads(text)
                target = list(objects(changed))[number][1]
                if key is None:
                    target["unexpected"] = None
                else:
                    del target[key]
                if not problems(schema[kind], changed):
                    missed.append(f"{kind} {path}: {'a new key' if key is None else key}")
    assert missed == []
