"""``connectlog list``: newest first, every filter, the limit, the JSON document, bad filters."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from connectlog.render import listing
from tests.conftest import Cli, assert_user_error, journal_dump

#: The keys of an entry in DESIGN.md's JSON contract, plus what render/json.py adds.
CONTRACT_KEYS = {
    "id",
    "uuid",
    "text",
    "occurred_at",
    "author",
    "people",
    "concepts",
    "kind",
    "touch",
    "closeness",
    "initiated_by",
    "response",
    "mood_before",
    "mood_after",
    "appreciation",
    "starred",
    "private",
}
ENTRY_KEYS = CONTRACT_KEYS | {"title", "created_at", "updated_at"}


def add(cli: Cli, text: str, when: str, *options: str) -> int:
    """Record an entry through the CLI and return its id."""
    result = cli.ok("add", text, "--when", when, "--json", *options)
    entry_id: int = json.loads(result.stdout)["entry"]["id"]
    return entry_id


def listed(cli: Cli, *options: str) -> list[int]:
    """The ids ``list`` shows for ``options``, in its order."""
    document = json.loads(cli.ok("list", "--json", "--limit", "0", *options).stdout)
    return [entry["id"] for entry in document["entries"]]


def list_json(cli: Cli, *options: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(cli.ok("list", "--json", *options).stdout)
    return document


# --- order and the table -------------------------------------------------------------------


def test_list_is_newest_first_by_when_it_happened_not_by_when_it_was_written(cli: Cli) -> None:
    middle = add(cli, "Middle", "2026-03-10T12:00")
    oldest = add(cli, "Oldest", "2026-03-01T12:00")
    newest = add(cli, "Newest", "2026-03-20T12:00")

    assert listed(cli) == [newest, middle, oldest]

    lines = cli.ok("list").stdout.splitlines()
    assert [line.split()[0] for line in lines[1:]] == [str(newest), str(middle), str(oldest)]


def test_entries_at_the_same_moment_list_the_later_written_first(cli: Cli) -> None:
    first = add(cli, "First", "2026-03-10T12:00")
    second = add(cli, "Second", "2026-03-10T12:00")

    assert listed(cli) == [second, first]


def test_list_table_shows_number_time_closeness_title_people_and_concepts(cli: Cli) -> None:
    add(
        cli,
        "Held hands on the walk home. It was cold but we laughed #touch",
        "2026-03-10T20:15",
        "-w",
        "Sam",
        "-c",
        "4",
        "--star",
    )
    add(cli, "A quiet private moment", "2026-03-09T08:00", "--private")

    result = cli.ok("list")

    lines = result.stdout.splitlines()
    assert lines[0].split() == ["#", "When", "Close", "Moment", "With", "Concepts"]
    assert "1  2026-03-10 20:15  ●●●●○  ★ Held hands on the walk home." in lines[1]
    assert "It was cold" not in result.stdout  # only the title, the first sentence
    assert "Sam" in lines[1]
    assert "touch" in lines[1]
    # Marked as starred ones are, before the title, where no narrow column cuts it off.
    assert "🔒 A quiet private moment" in lines[2]
    assert "2026-03-09 08:00  -" in lines[2]
    assert result.stderr == ""
    narrow = cli("list", COLUMNS="60").stdout.splitlines()
    assert "🔒 A quiet" in narrow[2] and "★ Held hands" in narrow[1]


@pytest.mark.parametrize(
    ("columns", "headers"),
    [
        ("100", ["#", "When", "Close", "Moment", "With", "Concepts"]),
        ("64", ["#", "When", "Close", "Moment", "With"]),
        ("50", ["#", "When", "Close", "Moment"]),
        ("40", ["#", "When", "Close", "Moment"]),
    ],
)
def test_a_narrow_terminal_leaves_out_columns_and_keeps_the_moment_readable(
    cli: Cli, columns: str, headers: list[str]
) -> None:
    add(cli, "Held hands on the walk home in the rain", "2026-03-10T20:15", "-w", "Sam", "-c", "4")
    add(cli, "Coffee in bed, slowly #touch", "2026-03-09T08:00", "-w", "Mary Ann")

    result = cli("list", COLUMNS=columns)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()

    assert lines[0].split() == headers
    assert all(len(line) <= max(int(columns), 48) for line in lines), lines
    assert "Held hands on the" in lines[1]  # the moment keeps 20 cells or more
    assert "Coffee in bed" in lines[2]
    if "With" not in headers:
        assert "Sam" not in lines[1] and "Mary" not in lines[2]
    if columns == "40":  # the date goes short before the moment does
        assert lines[1].startswith("1  10 Mar 20:15  ●●●●○  Held hands")
    else:
        assert "2026-03-10 20:15" in lines[1]


def test_an_empty_journal_lists_nothing_and_says_so_on_stderr(cli: Cli) -> None:
    result = cli.ok("list")

    assert result.stdout == ""
    assert result.stderr.strip() == "No entries match."


def test_no_match_as_json_is_an_empty_list_and_nothing_on_stderr(cli: Cli) -> None:
    add(cli, "Something", "2026-03-10T12:00")

    result = cli.ok("list", "--json", "--search", "nowhere")

    assert json.loads(result.stdout) == {
        "version": 1,
        "type": "entries",
        "entries": [],
        "total": 0,
    }
    assert result.stderr == ""


# --- dates -----------------------------------------------------------------------------------


def test_since_and_until_are_inclusive_local_days(cli: Cli) -> None:
    # Berlin is UTC+1 in March: 23:30 local is still the 10th, 00:30 local is
    # already the 11th although it is the 10th in UTC.
    late_on_the_10th = add(cli, "Late on the 10th", "2026-03-10T23:30")
    early_on_the_11th = add(cli, "Early on the 11th", "2026-03-11T00:30")
    on_the_12th = add(cli, "On the 12th", "2026-03-12T23:59")
    on_the_9th = add(cli, "On the 9th", "2026-03-09T00:00")

    assert listed(cli, "--until", "2026-03-10") == [late_on_the_10th, on_the_9th]
    assert listed(cli, "--since", "2026-03-11") == [on_the_12th, early_on_the_11th]
    assert listed(cli, "--since", "2026-03-10", "--until", "2026-03-11") == [
        early_on_the_11th,
        late_on_the_10th,
    ]
    assert listed(cli, "--since", "2026-03-12", "--until", "2026-03-12") == [on_the_12th]


def test_since_and_until_take_the_day_in_the_offset_the_entry_was_written_in(cli: Cli) -> None:
    # Written while travelling in New York: 22:00 there is 04:00 the next day in Berlin.
    in_new_york = add(cli, "Call from the hotel", "2026-03-10T22:00-04:00")

    assert listed(cli, "--since", "2026-03-10", "--until", "2026-03-10") == [in_new_york]
    assert listed(cli, "--since", "2026-03-11") == []


def test_since_and_until_read_natural_dates(cli: Cli) -> None:
    today = date.today()
    four_days_ago = add(cli, "Four days ago", f"{today - timedelta(days=4)}T12:00")
    yesterday = add(cli, "Yesterday", f"{today - timedelta(days=1)}T12:00")

    assert listed(cli, "--since", "2 days ago") == [yesterday]
    assert listed(cli, "--since", "yesterday") == [yesterday]
    assert listed(cli, "--until", "3 days ago") == [four_days_ago]
    assert listed(cli, "--since", "a week ago", "--until", "today") == [yesterday, four_days_ago]


def test_since_after_until_is_a_usage_error_as_in_summary(cli: Cli) -> None:
    add(cli, "Something", "2026-03-10T12:00")

    result = cli("list", "--since", "2026-03-11", "--until", "2026-03-09")

    assert_user_error(result, 2, "--since 2026-03-11 is after --until 2026-03-09")


# --- concepts and people ---------------------------------------------------------------------


def test_concept_filter_needs_every_concept_given_and_reads_aliases(cli: Cli) -> None:
    both = add(
        cli, "Told them my fear and felt held #vulnerability", "2026-03-10T12:00", "-t", "trust"
    )
    trust_only = add(cli, "Left the keys with them", "2026-03-11T12:00", "-t", "safety")
    bonding = add(cli, "Our anniversary #bonding", "2026-03-12T12:00")
    add(cli, "Nothing tagged", "2026-03-13T12:00")

    assert listed(cli, "--concept", "trust") == [trust_only, both]
    assert listed(cli, "--concept", "trust", "--concept", "vulnerability") == [both]
    assert listed(cli, "-t", "safe", "-t", "opening-up") == [both]
    assert listed(cli, "--concept", "bonding") == [bonding]
    assert listed(cli, "--concept", "attachment") == [bonding]
    assert listed(cli, "--concept", "#Attachment") == [bonding]
    assert listed(cli, "--concept", "trust", "--concept", "attachment") == []


def test_with_filter_needs_everyone_given_in_any_case(cli: Cli) -> None:
    both = add(cli, "Dinner with @Sam and @Alex", "2026-03-10T12:00")
    sam = add(cli, "Walk", "2026-03-11T12:00", "-w", "Sam")
    alex = add(cli, "Call", "2026-03-12T12:00", "--with", "alex")
    add(cli, "Alone", "2026-03-13T12:00")

    assert listed(cli, "--with", "Sam") == [sam, both]
    assert listed(cli, "--with", "SAM") == [sam, both]
    assert listed(cli, "--with", "alex") == [alex, both]
    assert listed(cli, "--with", "Sam", "--with", "Alex") == [both]
    assert listed(cli, "--with", "sam,alex") == [both]
    assert listed(cli, "-w", "@Sam") == [sam, both]


def test_with_filter_finds_names_with_spaces(cli: Cli) -> None:
    mary_ann = add(cli, "Tea with @[Mary Ann]", "2026-03-10T12:00")
    add(cli, "Tea with Mary", "2026-03-11T12:00", "-w", "Mary")

    assert listed(cli, "--with", "mary ann") == [mary_ann]


# --- kind, closeness, starred ----------------------------------------------------------------


def test_kind_filter_physical_and_emotional_each_include_both(cli: Cli) -> None:
    physical = add(cli, "Hug", "2026-03-10T12:00", "--kind", "physical")
    emotional = add(cli, "Talk", "2026-03-11T12:00", "--kind", "emotional")
    both = add(cli, "Cuddle and talk", "2026-03-12T12:00", "--kind", "both")
    touch_only = add(cli, "Kiss", "2026-03-13T12:00", "--touch", "kiss")
    add(cli, "No kind", "2026-03-14T12:00")

    assert listed(cli, "--kind", "physical") == [touch_only, both, physical]
    assert listed(cli, "--kind", "emotional") == [both, emotional]
    assert listed(cli, "--kind", "both") == [both]
    assert listed(cli, "--kind", "Phys") == [touch_only, both, physical]


def test_min_closeness_keeps_entries_at_least_that_close(cli: Cli) -> None:
    add(cli, "Far", "2026-03-10T12:00", "-c", "1")
    three = add(cli, "Fine", "2026-03-11T12:00", "-c", "3")
    five = add(cli, "Deep", "2026-03-12T12:00", "-c", "5")
    add(cli, "Unrated", "2026-03-13T12:00")

    assert listed(cli, "--min-closeness", "3") == [five, three]
    assert listed(cli, "--min-closeness", "5") == [five]
    assert len(listed(cli, "--min-closeness", "1")) == 3


def test_starred_keeps_only_starred_entries(cli: Cli) -> None:
    starred = add(cli, "Worth remembering", "2026-03-10T12:00", "--star")
    add(cli, "Ordinary", "2026-03-11T12:00")

    assert listed(cli, "--starred") == [starred]


# --- search ----------------------------------------------------------------------------------


def test_search_needs_every_word_in_any_case_and_order(cli: Cli) -> None:
    walk = add(cli, "A long WALK by the river, talking about moving", "2026-03-10T12:00")
    walked = add(cli, "Walked to the shop", "2026-03-11T12:00")
    talk = add(cli, "We talked late into the night", "2026-03-12T12:00")

    assert listed(cli, "--search", "walk") == [walked, walk]
    assert listed(cli, "--search", "river walk") == [walk]
    assert listed(cli, "--search", "TALK") == [talk, walk]
    assert listed(cli, "--search", "talk river") == [walk]
    assert listed(cli, "--search", "talk shop") == []


def test_search_matches_parts_of_words(cli: Cli) -> None:
    walked = add(cli, "Walked to the shop", "2026-03-11T12:00")
    walk = add(cli, "A long walk", "2026-03-12T12:00")

    assert listed(cli, "--search", "walk") == [walk, walked]
    assert listed(cli, "--search", "alke") == [walked]


def test_search_takes_percent_and_underscore_literally(cli: Cli) -> None:
    percent = add(cli, "100% there for me", "2026-03-10T12:00")
    underscore = add(cli, "Wrote snake_case notes together", "2026-03-11T12:00")
    add(cli, "Plain words only", "2026-03-12T12:00")
    backslash = add(cli, "A path C:\\home\\us and a slash a/b", "2026-03-13T12:00")

    assert listed(cli, "--search", "%") == [percent]
    assert listed(cli, "--search", "100%") == [percent]
    assert listed(cli, "--search", "_") == [underscore]
    assert listed(cli, "--search", "e_c") == [underscore]
    assert listed(cli, "--search", "\\home") == [backslash]
    assert listed(cli, "--search", "a/b") == [backslash]


def test_search_ignores_case_of_letters_beyond_ascii(cli: Cli) -> None:
    anger = add(cli, "Ärger mit Sam, dann Versöhnung", "2026-03-10T12:00")
    add(cli, "Ganz ruhig", "2026-03-11T12:00")
    greek = add(cli, "Ένα ΦΙΛΙ στο μέτωπο", "2026-03-12T12:00")

    assert listed(cli, "--search", "ärger") == [anger]
    assert listed(cli, "--search", "ÄRGER versöhnung") == [anger]
    assert listed(cli, "--search", "VERSÖHNUNG sam") == [anger]
    assert listed(cli, "--search", "φιλι") == [greek]
    assert listed(cli, "--search", "ärger ruhig") == []


def test_search_of_non_ascii_words_still_counts_and_limits(cli: Cli) -> None:
    ids = [add(cli, f"Tag {day}: Gefühl", f"2026-03-{day:02d}T12:00") for day in range(1, 6)]
    add(cli, "Ohne", "2026-03-06T12:00")

    document = list_json(cli, "--search", "GEFÜHL", "--limit", "2")

    assert [entry["id"] for entry in document["entries"]] == ids[::-1][:2]
    assert document["total"] == 5


def test_blank_search_matches_everything(cli: Cli) -> None:
    first = add(cli, "One", "2026-03-10T12:00")
    second = add(cli, "Two", "2026-03-11T12:00")

    assert listed(cli, "--search", "   ") == [second, first]


# --- all filters together --------------------------------------------------------------------


def test_every_filter_given_must_match(cli: Cli) -> None:
    wanted = add(
        cli,
        "Long hug after the argument #repair",
        "2026-03-10T21:00",
        "-w",
        "Sam",
        "--touch",
        "hug",
        "-c",
        "4",
        "--star",
    )
    add(cli, "Long hug, not starred #repair", "2026-03-10T22:00", "-w", "Sam", "--touch", "hug")
    add(cli, "Long hug with Alex #repair", "2026-03-10T23:00", "-w", "Alex", "-c", "5", "--star")
    add(cli, "Long hug a month later #repair", "2026-04-10T21:00", "-w", "Sam", "-c", "5", "--star")

    found = listed(
        cli,
        *("--since", "2026-03-01", "--until", "2026-03-31"),
        *("--concept", "repair", "--with", "sam", "--kind", "physical"),
        *("--min-closeness", "3", "--starred", "--search", "hug long"),
    )

    assert found == [wanted]


# --- limit -----------------------------------------------------------------------------------


def test_list_shows_twenty_by_default_and_says_how_many_match(cli: Cli) -> None:
    for day in range(1, 26):
        add(cli, f"Moment {day}", f"2026-03-{day:02d}T12:00")

    result = cli.ok("list")

    rows = result.stdout.splitlines()[1:]
    assert len(rows) == 20
    assert "Moment 25" in rows[0]
    assert "Moment 6" in rows[-1]
    assert result.stderr.strip() == "Showing 20 of 25 entries; --limit 0 shows them all."


def test_limit_zero_shows_all_and_says_nothing_more(cli: Cli) -> None:
    for day in range(1, 26):
        add(cli, f"Moment {day}", f"2026-03-{day:02d}T12:00")

    result = cli.ok("list", "--limit", "0")

    assert len(result.stdout.splitlines()) == 1 + 25
    assert result.stderr == ""


def test_limit_counts_only_entries_matching_the_filters(cli: Cli) -> None:
    for day in range(1, 8):
        add(cli, f"Moment {day}", f"2026-03-{day:02d}T12:00", *(["--star"] if day % 2 else []))

    result = cli.ok("list", "--starred", "--limit", "2")

    assert len(result.stdout.splitlines()) == 1 + 2
    assert result.stderr.strip() == "Showing 2 of 4 entries; --limit 0 shows them all."
    document = list_json(cli, "--starred", "--limit", "2")
    assert len(document["entries"]) == 2
    assert document["total"] == 4


def test_limit_exactly_the_number_of_entries_says_nothing_more(cli: Cli) -> None:
    for day in range(1, 4):
        add(cli, f"Moment {day}", f"2026-03-{day:02d}T12:00")

    assert cli.ok("list", "--limit", "3").stderr == ""


# --- JSON ------------------------------------------------------------------------------------


def test_list_json_entries_carry_exactly_the_contract_keys(cli: Cli) -> None:
    add(cli, "Bare", "2026-03-10T12:00")
    add(
        cli,
        "Full #trust",
        "2026-03-11T12:00",
        *("-w", "Sam", "--touch", "holding hands", "-c", "4", "--initiated-by", "me"),
        *("--response", "toward", "--mood-before", "2", "--mood-after", "4"),
        *("--appreciation", "--star", "--private"),
    )

    document = list_json(cli)

    assert set(document) == {"version", "type", "entries", "total"}
    assert (document["version"], document["type"], document["total"]) == (1, "entries", 2)
    for entry in document["entries"]:
        assert set(entry) == ENTRY_KEYS
    assert CONTRACT_KEYS <= ENTRY_KEYS


def test_list_json_absent_optional_fields_are_null(cli: Cli) -> None:
    add(cli, "Bare", "2026-03-10T12:00")

    (entry,) = list_json(cli)["entries"]

    for key in ("kind", "touch", "closeness", "initiated_by", "response"):
        assert entry[key] is None, key
    assert entry["mood_before"] is None
    assert entry["mood_after"] is None
    assert entry["people"] == []
    assert entry["concepts"] == []
    assert (entry["appreciation"], entry["starred"], entry["private"]) == (False, False, False)


def test_list_json_holds_every_field_as_recorded(cli: Cli) -> None:
    add(
        cli,
        "Held hands on the walk home. #trust",
        "2026-11-22T20:00",
        *("-w", "Sam", "-w", "Alex", "--touch", "holding hands", "-c", "4"),
        *("--initiated-by", "me", "--response", "toward", "--mood-before", "2"),
        *("--mood-after", "4", "--appreciation", "--star", "--private", "-t", "bonding"),
    )

    (entry,) = list_json(cli)["entries"]

    assert entry["text"] == "Held hands on the walk home. #trust"
    assert entry["title"] == "Held hands on the walk home."
    assert entry["occurred_at"] == "2026-11-22T20:00:00+01:00"
    assert entry["author"]
    assert entry["people"] == ["Alex", "Sam"]
    assert entry["concepts"] == ["attachment", "trust"]
    assert (entry["kind"], entry["touch"], entry["closeness"]) == ("physical", "holding hands", 4)
    assert (entry["initiated_by"], entry["response"]) == ("me", "toward")
    assert (entry["mood_before"], entry["mood_after"]) == (2, 4)
    assert (entry["appreciation"], entry["starred"], entry["private"]) == (True, True, True)
    assert len(entry["uuid"]) == 36


def test_list_json_times_carry_the_offset_of_the_day(cli: Cli) -> None:
    add(cli, "Winter", "2026-01-15T20:00")
    add(cli, "Summer", "2026-07-15T20:00")
    add(cli, "Abroad", "2026-07-16T09:30+09:00")

    entries = {entry["text"]: entry for entry in list_json(cli)["entries"]}

    assert entries["Winter"]["occurred_at"] == "2026-01-15T20:00:00+01:00"
    assert entries["Summer"]["occurred_at"] == "2026-07-15T20:00:00+02:00"
    assert entries["Abroad"]["occurred_at"] == "2026-07-16T09:30:00+09:00"
    for entry in entries.values():
        assert entry["created_at"].endswith("+00:00")
        assert entry["updated_at"] == entry["created_at"]


def test_list_json_applies_the_limit_and_reports_the_total(cli: Cli) -> None:
    for day in range(1, 26):
        add(cli, f"Moment {day}", f"2026-03-{day:02d}T12:00")

    result = cli.ok("list", "--json")

    document = json.loads(result.stdout)
    assert len(document["entries"]) == 20
    assert document["total"] == 25
    assert result.stderr == ""


# --- output hygiene --------------------------------------------------------------------------


def test_list_output_has_no_escape_codes_even_without_no_color(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")
    add(cli, "Starred and close #trust", "2026-03-10T12:00", "-c", "5", "--star", "-w", "Sam")
    add(cli, "Private", "2026-03-11T12:00", "--private")

    for options in ((), ("--json",), ("--starred",)):
        result = cli.ok("list", *options)
        assert result.stdout
        assert "\x1b[" not in result.stdout
        assert "\x1b[" not in result.stderr


def test_at_a_terminal_the_listing_is_in_colour_and_reads_as_the_plain_one(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(cli, "Starred and close #trust", "2026-03-10T12:00", "-c", "5", "--star", "-w", "Sam")
    add(cli, "Undecided, a title long enough to be cut " * 3, "2026-03-11T12:00", "--private")
    plain = cli.ok("list").stdout
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")  # Rich takes stdout for a terminal

    coloured = cli.ok("list").stdout

    assert "\x1b[" in coloured
    assert "\x1b[2m-" in coloured  # no closeness: a dim dash
    assert [line.rstrip() for line in re.sub(r"\x1b\[[0-9;]*m", "", coloured).splitlines()] == (
        plain.splitlines()
    )
    assert "…" in plain


@pytest.mark.parametrize("colour", [False, True])
def test_a_listing_laid_out_a_batch_at_a_time_is_the_listing_laid_out_at_once(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, colour: bool
) -> None:
    # Times out of order with numbers, so the widest number (10) and the widest
    # texts fall in a middle batch; the columns must still be as wide as they need.
    for number, day in enumerate((3, 9, 1, 7, 5, 2, 8, 4, 10, 6), start=1):
        text = f"Moment {number} " + ("Grüße, a long line for a cut " * (number % 3))
        people = ("-w", "Zoë Ångström, Sam") if number == 10 else ()
        add(cli, text.strip(), f"2026-03-{day:02d}T12:00", "-c", str(1 + number % 5), *people)
    if colour:
        monkeypatch.delenv("NO_COLOR")
        monkeypatch.setenv("FORCE_COLOR", "1")
    whole = cli.ok("list", "--limit", "0").stdout
    monkeypatch.setattr(listing, "_BATCH", 3)

    assert cli.ok("list", "--limit", "0").stdout == whole
    assert re.search(r"^ #  When", whole, flags=re.MULTILINE) or "\x1b[" in whole


def test_brackets_and_colons_in_what_was_typed_are_shown_as_typed(cli: Cli) -> None:
    add(cli, "[bold]Not bold[/bold] :heart: #trust", "2026-03-10T12:00", "-w", "Kim [/] Lee")

    result = cli.ok("list")

    assert "[bold]Not bold[/bold] :heart:" in result.stdout
    assert "Kim [/] Lee" in result.stdout


# --- bad filters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "code", "fragments"),
    [
        (
            ("--concept", "bondng"),
            2,
            ("No concept called 'bondng'", "did you mean attachment?"),
        ),
        (("--concept", "trust", "--concept", "zzzzz"), 2, ("No concept called 'zzzzz'",)),
        (("--concept", "123"), 2, ("'123' is not a valid concept name",)),
        (("--with", "Sma"), 1, ("No one called 'Sma'", "did you mean Sam?")),
        (("--with", "Zed"), 1, ("No one called 'Zed'", "'connectlog people'")),
        (("--min-closeness", "9"), 2, ("--min-closeness",)),
        (("--min-closeness", "0"), 2, ("--min-closeness",)),
        (("--kind", "bogus"), 2, ("Unknown kind 'bogus'", "emotional, physical, both")),
        (("--since", "someday maybe"), 2, ("Cannot read the date 'someday maybe'",)),
        (("--until", "blorp"), 2, ("Cannot read the date 'blorp'",)),
        (("--limit", "-1"), 2, ("--limit",)),
        (("--limit", "many"), 2, ("--limit",)),
    ],
)
def test_bad_filters_are_one_line_errors_that_change_nothing(
    cli: Cli, db_path: Path, options: tuple[str, ...], code: int, fragments: tuple[str, ...]
) -> None:
    add(cli, "Hug with @Sam #touch", "2026-03-10T12:00")
    before = journal_dump(db_path)

    result = cli("list", *options)

    assert_user_error(result, code, *fragments)
    assert journal_dump(db_path) == before


@pytest.mark.slow
def test_at_a_terminal_search_matches_are_highlighted_in_the_titles(
    cli: Cli, db_path: Path
) -> None:
    import os
    import sys
    from typing import cast

    import pexpect

    add(cli, "Too tired to talk", "2026-03-10T20:15")
    add(cli, "Tired, but we held hands", "2026-03-11T20:15")
    environment = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "connectlog", "--db", str(db_path), "list", "--search", "TIRED"],
        env={**environment, "TERM": "xterm-256color"},
        encoding="utf-8",
        timeout=30,
        dimensions=(24, 100),
    )
    child.expect(pexpect.EOF)
    child.close()
    seen = cast(str, child.before)
    assert child.exitstatus == 0, seen
    assert "Too \x1b[7mtired\x1b[0m to talk" in seen  # reversed, in its own case
    assert "\x1b[7mTired\x1b[0m, but" in seen
    piped = cli.ok("list", "--search", "tired").stdout
    assert "Too tired to talk" in piped and "\x1b" not in piped
