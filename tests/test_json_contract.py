"""The --json documents of the patterns commands keep the keys docs/json.md promises.

A key may be added with care; a key removed or renamed breaks scripts, so it
fails here until the document's version is raised and the docs say so.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

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
}
SERIES = {"name", "values", "change", "direction"}


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
        "period",
        "previous_period",
        "current",
        "previous",
        "change",
        "streak",
    }
    assert set(data["period"]) == {"label", "start", "end"}
    assert set(data["current"]) == FIGURES == set(data["previous"])
    assert set(data["change"]) == {"entries", "days", "closeness"}
    assert set(data["streak"]) == {"current", "longest"}
    current = data["current"]
    assert set(current["closeness"]) == {"average", "count"}
    assert set(current["mood"]) == {"change", "count"}
    assert set(current["concepts"][0]) == {"name", "count"}
    assert set(current["concept_closeness"][0]) == {
        "name",
        "with",
        "without",
        "difference",
        "enough",
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


def test_trends_keys(journal: Cli) -> None:
    data = document(journal, "trends", "--weeks", "3")
    assert set(data) == {"version", "type", "weeks", "headline", "concepts", "people"}
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
