"""``list --search`` through the FTS5 index: kept in step with every change, LIKE where absent."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Cli, rows


def found(cli: Cli, words: str) -> list[str]:
    document = json.loads(cli.ok("list", "--search", words, "--limit", "0", "--json").stdout)
    return [entry["text"] for entry in document["entries"]]


@pytest.fixture
def journal(cli: Cli) -> Cli:
    cli.ok("add", "Long WALK by the river")
    cli.ok("add", "Sidewalk chalk with the kids")
    cli.ok("add", "Quiet evening, tea")
    return cli


def test_the_index_is_made_and_used(journal: Cli, db_path: Path) -> None:
    assert rows(db_path, "SELECT count(*) FROM entry_search WHERE entry_search MATCH 'walk'") == [
        (2,)
    ]
    assert found(journal, "walk") == ["Sidewalk chalk with the kids", "Long WALK by the river"]
    assert found(journal, "WALK river") == ["Long WALK by the river"]
    assert found(journal, "ea") == ["Quiet evening, tea"]  # too short for the index: LIKE
    assert found(journal, 'te"a') == []


def test_edits_and_deletions_reach_the_index(journal: Cli) -> None:
    journal.ok("edit", "1", "--text", "Long swim in the lake")
    assert found(journal, "walk") == ["Sidewalk chalk with the kids"]
    assert found(journal, "swim") == ["Long swim in the lake"]
    journal.ok("delete", "2", "--yes")
    assert found(journal, "walk") == []
    journal.ok("add", "Walked home together")
    assert found(journal, "walk") == ["Walked home together"]


def test_a_journal_without_the_index_still_searches(journal: Cli, db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    for name in ("insert", "delete", "update"):
        connection.execute(f"DROP TRIGGER entry_search_{name}")
    connection.execute("DROP TABLE entry_search")
    connection.commit()
    connection.close()
    assert found(journal, "walk") == ["Sidewalk chalk with the kids", "Long WALK by the river"]
