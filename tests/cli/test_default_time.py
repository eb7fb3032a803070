"""A --when that names a day and no time is at noon that day, or at the config's default_time.

Today "last friday" is saved at midnight, which files the moment under the
night before in the rhythm and reconnection figures (issue 14, point 3).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli, Clock, assert_user_error, journal_dump, rows


def saved_at(cli: Cli, *args: str) -> str:
    entry = json.loads(cli.ok("add", "A moment #trust", *args, "--json").stdout)["entry"]
    return str(entry["occurred_at"])


@pytest.mark.parametrize(
    ("when", "at"),
    [
        ("last friday", "2026-11-20T12:00:00+01:00"),
        ("friday", "2026-11-20T12:00:00+01:00"),
        ("2026-11-20", "2026-11-20T12:00:00+01:00"),
        ("20 nov 2026", "2026-11-20T12:00:00+01:00"),
        ("monday 8:00", "2026-11-16T08:00:00+01:00"),  # a time given is kept
        ("monday midnight", "2026-11-16T00:00:00+01:00"),
        ("2026-11-20T00:00", "2026-11-20T00:00:00+01:00"),
        ("monday 12am", "2026-11-16T00:00:00+01:00"),
        ("yesterday", "2026-11-21T21:00:00+01:00"),  # counted back from now, as before
        ("3 days ago", "2026-11-19T21:00:00+01:00"),
    ],
)
def test_a_day_without_a_time_is_at_noon(cli: Cli, clock: Clock, when: str, at: str) -> None:
    assert saved_at(cli, "--when", when) == at


def test_the_config_sets_the_hour(
    cli: Cli, clock: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('default_time = "19:30"\n')
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    assert saved_at(cli, "--when", "last friday") == "2026-11-20T19:30:00+01:00"
    cli.ok("edit", "1", "--when", "thursday")
    assert rows(tmp_path / "journal.db", "SELECT local_date FROM entry") == [("2026-11-19",)]
    shown = json.loads(cli.ok("show", "1", "--json").stdout)["entry"]
    assert shown["occurred_at"] == "2026-11-19T19:30:00+01:00"


def test_today_before_that_hour_is_now_not_later(cli: Cli, clock: Clock) -> None:
    clock.set(clock.now.replace(hour=9, minute=15))
    assert saved_at(cli, "--when", "2026-11-22") == "2026-11-22T09:15:00+01:00"


def test_a_day_to_come_is_still_refused(cli: Cli, clock: Clock, db_path: Path) -> None:
    cli.ok("add", "Before")
    before = journal_dump(db_path)
    assert_user_error(cli("add", "Later #trust", "--when", "2026-12-25"), 2, "future")
    assert journal_dump(db_path) == before


@pytest.mark.parametrize("value", ['"noon"', '"25:00"', '"7:30"', "1200", '"12:00:00"'])
def test_a_bad_default_time_is_reported_by_every_command(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"default_time = {value}\n")
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    for command in (("add", "x"), ("list",)):
        assert_user_error(cli(*command), 1, "default_time")


@pytest.mark.parametrize("when", ["today 0", "TODAY at 0", "yesterday 0"])
def test_a_bare_hour_after_today_or_yesterday_is_a_time_given(
    cli: Cli, clock: Clock, when: str
) -> None:
    assert saved_at(cli, "--when", when).endswith("T00:00:00+01:00")
