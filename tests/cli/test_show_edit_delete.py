"""``connectlog show``, ``edit`` and ``delete``: re-reading one entry and correcting it."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, assert_user_error, journal_dump, rows


def add(cli: Cli, text: str, when: str = "2026-03-10T20:00", *options: str) -> int:
    result = cli.ok("add", text, "--when", when, "--json", *options)
    entry_id: int = json.loads(result.stdout)["entry"]["id"]
    return entry_id


def shown(cli: Cli, entry_id: int) -> dict[str, Any]:
    entry: dict[str, Any] = json.loads(cli.ok("show", str(entry_id), "--json").stdout)["entry"]
    return entry


def detail_fields(out: str) -> dict[str, str]:
    """The label/value lines at the top of ``show``, up to the blank line before the text."""
    head = out.split("\n\n", 1)[0]
    fields = {}
    for line in head.splitlines():
        label, _, value = line.partition("  ")
        fields[label.strip()] = value.strip()
    return fields


def stamps(db_path: Path, entry_id: int) -> tuple[Any, ...]:
    (row,) = rows(db_path, "SELECT uuid, created_at, updated_at FROM entry WHERE id = ?", entry_id)
    return row


@pytest.fixture
def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$EDITOR is a real program that replaces the text above the scissors line.

    What it writes comes from the file ``new-text``; what it was given is kept
    in ``given-text``, so a test can check the editor opened on the entry.
    """
    script = tmp_path / "fake_editor.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys
            from pathlib import Path

            here = Path(__file__).parent
            target = Path(sys.argv[1])
            given = target.read_text(encoding="utf-8")
            (here / "given-text").write_text(given, encoding="utf-8")
            scissors = "# ------------------------ >8 ------------------------"
            help_part = given[given.index(scissors):]
            new = (here / "new-text").read_text(encoding="utf-8")
            target.write_text(new + "\\n" + help_part, encoding="utf-8")
            status = here / "exit-status"
            sys.exit(int(status.read_text()) if status.exists() else 0)
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    return tmp_path


# --- show ------------------------------------------------------------------------------------


def test_show_prints_every_field_and_the_whole_text(cli: Cli) -> None:
    entry_id = add(
        cli,
        "Held hands on the walk home.\nThen we talked for an hour. #trust",
        "2026-11-22T20:00",
        *("-w", "Sam", "--touch", "holding hands", "-c", "4", "--initiated-by", "me"),
        *("--response", "toward", "--mood-before", "2", "--mood-after", "4"),
        *("--appreciation", "--star", "--private"),
    )

    result = cli.ok("show", str(entry_id))

    fields = detail_fields(result.stdout)
    assert fields["Entry"] == f"{entry_id}  ★ starred  (private)"
    assert fields["When"] == "Sun 22 Nov 2026 20:00 (UTC+0100)"
    assert fields["Author"]
    assert fields["With"] == "Sam"
    assert fields["Concepts"] == "trust"
    assert (fields["Kind"], fields["Touch"]) == ("physical", "holding hands")
    assert fields["Closeness"] == "●●●●○"
    assert (fields["Reached out"], fields["Response"]) == ("me", "turned toward")
    assert fields["Mood"] == "2 -> 4"
    assert fields["Appreciation"] == "yes"
    assert fields["Id"] == shown(cli, entry_id)["uuid"]
    assert "Written" in fields
    assert "Updated" in fields
    assert result.stdout.rstrip().endswith(
        "Held hands on the walk home.\nThen we talked for an hour. #trust"
    )
    assert result.stderr == ""


def test_show_marks_absent_fields_with_a_dash(cli: Cli) -> None:
    entry_id = add(cli, "Just text")

    fields = detail_fields(cli.ok("show", str(entry_id)).stdout)

    for label in ("With", "Concepts", "Kind", "Touch", "Closeness", "Reached out", "Mood"):
        assert fields[label] == "-", label
    assert fields["Appreciation"] == "no"
    assert fields["Entry"] == str(entry_id)


def test_show_json_is_one_entry_document_with_the_contract_keys(cli: Cli) -> None:
    entry_id = add(cli, "Hug #touch", "2026-07-01T08:00", "-w", "Sam")

    result = cli.ok("show", str(entry_id), "--json")

    document = json.loads(result.stdout)
    assert set(document) == {"version", "type", "entry"}
    assert (document["version"], document["type"]) == (1, "entry")
    from tests.cli.test_list import ENTRY_KEYS

    assert set(document["entry"]) == ENTRY_KEYS
    assert document["entry"]["occurred_at"] == "2026-07-01T08:00:00+02:00"
    listed = json.loads(cli.ok("list", "--json").stdout)["entries"]
    assert listed == [document["entry"]]


def test_show_output_has_no_escape_codes_even_without_no_color(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")
    entry_id = add(cli, "Close #trust", "2026-03-10T12:00", "-c", "5", "--star", "-w", "Sam")

    for options in ((), ("--json",)):
        result = cli.ok("show", str(entry_id), *options)
        assert "\x1b[" not in result.stdout


def test_show_prints_brackets_in_names_as_typed(cli: Cli) -> None:
    entry_id = add(cli, "[red]text[/red]", "2026-03-10T12:00", "-w", "Kim [/] Lee")

    out = cli.ok("show", str(entry_id)).stdout

    assert "Kim [/] Lee" in out
    assert "[red]text[/red]" in out


# --- edit by option --------------------------------------------------------------------------


def test_edit_changes_the_fields_given_and_leaves_the_rest(cli: Cli, db_path: Path) -> None:
    entry_id = add(cli, "Long talk #communication", "2026-03-10T20:00", "-w", "Sam", "-c", "2")
    uuid, created, updated = stamps(db_path, entry_id)

    result = cli.ok(
        "edit",
        str(entry_id),
        *("--closeness", "4", "--kind", "emotional", "--initiated-by", "them"),
        *("--response", "toward", "--mood-before", "1", "--mood-after", "3"),
    )

    assert result.stdout == ""
    assert result.stderr.strip() == f"Updated entry {entry_id}."
    entry = shown(cli, entry_id)
    assert (entry["closeness"], entry["kind"]) == (4, "emotional")
    assert (entry["initiated_by"], entry["response"]) == ("them", "toward")
    assert (entry["mood_before"], entry["mood_after"]) == (1, 3)
    assert entry["text"] == "Long talk #communication"
    assert entry["people"] == ["Sam"]
    assert entry["concepts"] == ["communication"]
    assert entry["occurred_at"] == "2026-03-10T20:00:00+01:00"
    new_uuid, new_created, new_updated = stamps(db_path, entry_id)
    assert (new_uuid, new_created) == (uuid, created)
    assert new_updated > updated


def test_edit_touch_sets_touch_and_makes_an_emotional_moment_both(cli: Cli) -> None:
    entry_id = add(cli, "Talk then a hug", "2026-03-10T20:00", "--kind", "emotional")

    cli.ok("edit", str(entry_id), "--touch", "hug")

    entry = shown(cli, entry_id)
    assert (entry["kind"], entry["touch"]) == ("both", "hug")


def test_edit_with_replaces_the_people_but_keeps_those_named_in_the_text(cli: Cli) -> None:
    entry_id = add(cli, "Dinner with @Alex", "2026-03-10T20:00", "-w", "Sam", "-w", "Kim")

    cli.ok("edit", str(entry_id), "--with", "Jo", "--with", "Lee")

    assert shown(cli, entry_id)["people"] == ["Alex", "Jo", "Lee"]


def test_edit_concept_replaces_the_concepts_but_keeps_inline_tags(cli: Cli) -> None:
    entry_id = add(cli, "Hugged after the fight #repair", "2026-03-10T20:00", "-t", "touch")

    cli.ok("edit", str(entry_id), "--concept", "trust", "--concept", "bonding")

    assert shown(cli, entry_id)["concepts"] == ["attachment", "repair", "trust"]


def test_edit_star_private_and_appreciation_switch_both_ways(cli: Cli) -> None:
    entry_id = add(cli, "Morning coffee")

    cli.ok("edit", str(entry_id), "--star", "--private", "--appreciation")
    entry = shown(cli, entry_id)
    assert (entry["starred"], entry["private"], entry["appreciation"]) == (True, True, True)

    cli.ok("edit", str(entry_id), "--unstar", "--public", "--no-appreciation")
    entry = shown(cli, entry_id)
    assert (entry["starred"], entry["private"], entry["appreciation"]) == (False, False, False)


def test_edit_when_moves_the_entry_to_its_new_local_day(cli: Cli, db_path: Path) -> None:
    entry_id = add(cli, "Late call", "2026-03-10T20:00")

    cli.ok("edit", str(entry_id), "--when", "2026-07-01T00:30")

    assert shown(cli, entry_id)["occurred_at"] == "2026-07-01T00:30:00+02:00"
    assert rows(db_path, "SELECT local_date, utc_offset FROM entry") == [("2026-07-01", 120)]
    listed = json.loads(cli.ok("list", "--json", "--since", "2026-07-01").stdout)["entries"]
    assert [entry["id"] for entry in listed] == [entry_id]


def test_edit_clear_empties_the_fields_named(cli: Cli) -> None:
    entry_id = add(
        cli,
        "Hug",
        "2026-03-10T20:00",
        *("--touch", "hug", "-c", "4", "--initiated-by", "me", "--response", "away"),
        *("--mood-before", "2", "--mood-after", "3", "-w", "Sam", "-t", "touch"),
    )

    cli.ok(
        "edit",
        str(entry_id),
        *("--clear", "touch", "--clear", "closeness", "--clear", "initiated-by"),
        *("--clear", "response", "--clear", "mood-before", "--clear", "mood_after"),
        *("--clear", "people", "--clear", "concepts"),
    )

    entry = shown(cli, entry_id)
    for key in ("touch", "closeness", "initiated_by", "response", "mood_before", "mood_after"):
        assert entry[key] is None, key
    assert entry["kind"] == "physical"
    assert (entry["people"], entry["concepts"]) == ([], [])


def test_edit_clear_kind_of_an_emotional_moment(cli: Cli) -> None:
    entry_id = add(cli, "Talk", "2026-03-10T20:00", "--kind", "emotional")

    cli.ok("edit", str(entry_id), "--clear", "kind")

    assert shown(cli, entry_id)["kind"] is None


def test_edit_clear_people_keeps_those_named_in_the_text(cli: Cli) -> None:
    entry_id = add(cli, "Walk with @Sam #touch", "2026-03-10T20:00", "-w", "Kim", "-t", "trust")

    cli.ok("edit", str(entry_id), "--clear", "people", "--clear", "concepts")

    entry = shown(cli, entry_id)
    assert (entry["people"], entry["concepts"]) == (["Sam"], ["touch"])


def test_edit_text_replaces_the_text_and_adds_its_new_tags(cli: Cli) -> None:
    entry_id = add(cli, "Walk", "2026-03-10T20:00", "-w", "Kim", "-t", "trust")

    cli.ok("edit", str(entry_id), "--text", "  Walk with @Sam #touch  ")

    entry = shown(cli, entry_id)
    assert entry["text"] == "Walk with @Sam #touch"
    assert entry["people"] == ["Kim", "Sam"]
    assert entry["concepts"] == ["touch", "trust"]


def test_edit_text_without_a_tag_takes_its_concept_and_person_off(cli: Cli) -> None:
    entry_id = add(cli, "Hugged @Sam #touch", "2026-03-10T20:00", "-w", "Kim", "-t", "repair")

    cli.ok("edit", str(entry_id), "--text", "Hugged @Alex #trust")

    entry = shown(cli, entry_id)
    assert entry["concepts"] == ["repair", "trust"]
    assert entry["people"] == ["Alex", "Kim"]


def test_edit_text_keeping_a_tag_by_its_alias_keeps_the_concept(cli: Cli) -> None:
    entry_id = add(cli, "Our anniversary #attachment")

    cli.ok("edit", str(entry_id), "--text", "Our anniversary, a day of #bonding")

    assert shown(cli, entry_id)["concepts"] == ["attachment"]


def test_edit_only_a_flag_keeps_text_people_and_concepts(cli: Cli, db_path: Path) -> None:
    entry_id = add(cli, "Hugged @Sam #touch", "2026-03-10T20:00", "-w", "Kim", "-t", "trust")
    text_before = rows(db_path, "SELECT text FROM entry")

    cli.ok("edit", str(entry_id), "--star")

    entry = shown(cli, entry_id)
    assert (entry["people"], entry["concepts"]) == (["Kim", "Sam"], ["touch", "trust"])
    assert rows(db_path, "SELECT text FROM entry") == text_before


def test_edit_json_prints_the_corrected_entry(cli: Cli) -> None:
    entry_id = add(cli, "Hug")

    result = cli.ok("edit", str(entry_id), "-c", "5", "--json")

    document = json.loads(result.stdout)
    assert (document["version"], document["type"]) == (1, "entry")
    assert document["entry"]["closeness"] == 5
    assert document["entry"] == shown(cli, entry_id)


# --- edit in the editor ----------------------------------------------------------------------


def test_edit_without_options_opens_the_text_in_the_editor(
    cli: Cli, db_path: Path, fake_editor: Path
) -> None:
    entry_id = add(cli, "Hugged @Sam #touch", "2026-03-10T20:00", "-c", "3")
    uuid, created, updated = stamps(db_path, entry_id)
    (fake_editor / "new-text").write_text("Hugged @Sam for a long time.\n\n#touch #regulation\n")

    result = cli.ok("edit", str(entry_id))

    assert result.stdout == ""
    assert result.stderr.strip() == f"Updated entry {entry_id}."
    assert (fake_editor / "given-text").read_text().startswith("Hugged @Sam #touch\n")
    entry = shown(cli, entry_id)
    assert entry["text"] == "Hugged @Sam for a long time.\n\n#touch #regulation"
    assert entry["title"] == "Hugged @Sam for a long time."
    assert entry["concepts"] == ["regulation", "touch"]
    assert entry["closeness"] == 3
    new_uuid, new_created, new_updated = stamps(db_path, entry_id)
    assert (new_uuid, new_created) == (uuid, created)
    assert new_updated > updated


def test_edit_with_the_editor_and_options_together(cli: Cli, fake_editor: Path) -> None:
    entry_id = add(cli, "Talk")
    (fake_editor / "new-text").write_text("Talk, then a hug\n")

    cli.ok("edit", str(entry_id), "--edit", "--touch", "hug")

    entry = shown(cli, entry_id)
    assert (entry["text"], entry["touch"]) == ("Talk, then a hug", "hug")


def test_edit_saving_the_text_unchanged_changes_nothing(
    cli: Cli, db_path: Path, fake_editor: Path
) -> None:
    entry_id = add(cli, "Hugged @Sam #touch")
    (fake_editor / "new-text").write_text("Hugged @Sam #touch\n")
    before = journal_dump(db_path)

    result = cli.ok("edit", str(entry_id))

    assert result.stderr.strip() == f"Nothing changed; entry {entry_id} is as it was."
    assert journal_dump(db_path) == before


def test_edit_in_the_editor_with_an_unknown_tag_keeps_the_text_as_a_draft(
    cli: Cli, db_path: Path, fake_editor: Path
) -> None:
    entry_id = add(cli, "Hug")
    (fake_editor / "new-text").write_text("A long hug #hugz\n")
    before = journal_dump(db_path)

    result = cli("edit", str(entry_id))

    assert_user_error(result, 2, "No concept called 'hugz'", "Your text is kept in")
    assert journal_dump(db_path) == before
    draft = Path(result.stderr.split("Your text is kept in ")[1].strip().rstrip("."))
    assert draft.read_text(encoding="utf-8").strip() == "A long hug #hugz"


def test_edit_when_the_editor_fails_nothing_changes(
    cli: Cli, db_path: Path, fake_editor: Path
) -> None:
    entry_id = add(cli, "Hug")
    (fake_editor / "new-text").write_text("Half written\n")
    (fake_editor / "exit-status").write_text("3")
    before = journal_dump(db_path)

    result = cli("edit", str(entry_id))

    assert_user_error(result, 1, "exited with status 3")
    assert journal_dump(db_path) == before


def test_edit_of_a_missing_entry_does_not_open_the_editor(
    cli: Cli, db_path: Path, fake_editor: Path
) -> None:
    add(cli, "Hug")
    (fake_editor / "new-text").write_text("Something\n")
    before = journal_dump(db_path)

    result = cli("edit", "99")

    assert_user_error(result, 1, "There is no entry 99")
    assert not (fake_editor / "given-text").exists()
    assert journal_dump(db_path) == before


# --- edit: bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "code", "fragments"),
    [
        (("edit", "99", "--star"), 1, ("There is no entry 99", "connectlog list")),
        (("edit", "0", "-c", "3"), 1, ("There is no entry 0",)),
        (("edit", "99999999999999999999", "--star"), 1, ("There is no entry",)),
        (("edit", "abc", "--star"), 2, ("'ID'",)),
        (("edit", "1", "--clear", "bogus"), 2, ("Cannot clear 'bogus'", "closeness")),
        (("edit", "1", "--closeness", "0"), 2, ("--closeness",)),
        (("edit", "1", "--closeness", "6"), 2, ("--closeness",)),
        (("edit", "1", "--mood-after", "9"), 2, ("--mood-after",)),
        (("edit", "1", "--kind", "bogus"), 2, ("Unknown kind 'bogus'",)),
        (("edit", "1", "--touch", "poke"), 2, ("Unknown touch 'poke'",)),
        (("edit", "1", "--kind", "emotional"), 2, ("A touch makes a moment physical",)),
        (("edit", "1", "--response", "sideways"), 2, ("Unknown response",)),
        (("edit", "1", "--concept", "bondng"), 2, ("did you mean attachment?",)),
        (("edit", "1", "--when", "in two weeks"), 2, ("in the future",)),
        (("edit", "1", "--when", "blorp"), 2, ("Cannot read the date 'blorp'",)),
        (("edit", "1", "--text", "   "), 2, ("The entry has no text",)),
        (("edit", "1", "--text", "Hug #hugz"), 2, ("No concept called 'hugz'",)),
    ],
)
def test_bad_edits_are_one_line_errors_that_change_nothing(
    cli: Cli, db_path: Path, arguments: tuple[str, ...], code: int, fragments: tuple[str, ...]
) -> None:
    add(cli, "Hug with @Sam", "2026-03-10T20:00", "--touch", "hug", "-t", "touch")
    before = journal_dump(db_path)

    result = cli(*arguments)

    assert_user_error(result, code, *fragments)
    assert journal_dump(db_path) == before


# --- delete ----------------------------------------------------------------------------------


def test_delete_asks_on_stderr_and_yes_deletes(cli: Cli, db_path: Path) -> None:
    keep = add(cli, "Keep me", "2026-03-09T20:00", "-w", "Kim", "-t", "trust")
    gone = add(cli, "Hugged @Sam. Then more #touch", "2026-03-10T20:00")

    result = cli("delete", str(gone), input="y\n")

    assert result.exit_code == 0, result.stderr
    assert f"Delete entry {gone} (Hugged @Sam.)? This cannot be undone. [y/N]" in result.stderr
    assert result.stderr.strip().endswith(f"Deleted entry {gone}.")
    assert rows(db_path, "SELECT id FROM entry") == [(keep,)]
    assert rows(db_path, "SELECT entry_id FROM entry_person") == [(keep,)]
    assert rows(db_path, "SELECT entry_id FROM entry_concept") == [(keep,)]
    assert_user_error(cli("show", str(gone)), 1, f"There is no entry {gone}")


def test_delete_answered_no_keeps_the_entry(cli: Cli, db_path: Path) -> None:
    entry_id = add(cli, "Hugged @Sam #touch")
    before = journal_dump(db_path)

    result = cli("delete", str(entry_id), input="n\n")

    # A choice the user made, not a failure: exit 0 (issue 14).
    assert result.exit_code == 0
    assert "Delete entry" in result.stderr
    assert result.stderr.endswith("Nothing was deleted.\n")  # the runner echoes no newline
    assert "Error" not in result.stderr
    assert "Traceback" not in result.stderr
    assert journal_dump(db_path) == before


def test_delete_with_no_answer_defaults_to_keeping(cli: Cli, db_path: Path) -> None:
    entry_id = add(cli, "Hug")
    before = journal_dump(db_path)

    for answer, code in (("\n", 0), ("", 1)):  # Enter takes the default; no answer at all
        result = cli("delete", str(entry_id), input=answer)
        assert result.exit_code == code
        assert "Traceback" not in result.stderr
    assert journal_dump(db_path) == before


def test_delete_yes_option_does_not_ask(cli: Cli, db_path: Path) -> None:
    entry_id = add(cli, "Hug")

    for flag in ("--yes", "-y"):
        result = cli.ok("delete", str(entry_id), flag)
        assert result.stdout == ""
        assert result.stderr.strip() == f"Deleted entry {entry_id}."
        assert rows(db_path, "SELECT COUNT(*) FROM entry") == [(0,)]
        entry_id = add(cli, "Hug")


def test_delete_keeps_people_and_concepts_for_other_entries(cli: Cli) -> None:
    entry_id = add(cli, "Hug with @Sam #touch")

    cli.ok("delete", str(entry_id), "--yes")

    people = json.loads(cli.ok("people", "--json").stdout)["people"]
    assert people == [{"name": "Sam", "count": 0, "last_seen": None}]
    concepts = json.loads(cli.ok("concepts", "--json").stdout)["concepts"]
    assert {concept["name"]: concept["count"] for concept in concepts}["touch"] == 0


@pytest.mark.parametrize(
    ("arguments", "code", "fragments"),
    [
        (("delete", "99"), 1, ("There is no entry 99",)),
        (("delete", "99", "--yes"), 1, ("There is no entry 99",)),
        (("delete", "99999999999999999999", "--yes"), 1, ("There is no entry",)),
        (("delete", "abc"), 2, ("'ID'",)),
        (("delete",), 2, ("ID",)),
        (("show", "99"), 1, ("There is no entry 99", "connectlog list")),
        (("show", "99999999999999999999"), 1, ("There is no entry",)),
        (("show", "abc"), 2, ("'ID...'",)),
        (("show", "1.5"), 2, ("'ID...'",)),
        (("show",), 2, ("ID",)),
    ],
)
def test_show_and_delete_of_a_bad_id_are_one_line_errors(
    cli: Cli, db_path: Path, arguments: tuple[str, ...], code: int, fragments: tuple[str, ...]
) -> None:
    add(cli, "Hug")
    before = journal_dump(db_path)

    result = cli(*arguments)

    assert_user_error(result, code, *fragments)
    assert journal_dump(db_path) == before
