"""``connectlog schema``: the JSON Schema of each --json document, with no journal needed.

That the real documents validate against these schemas is tests/test_json_contract.py's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import Cli, assert_user_error

#: Every document docs/json.md and docs/data.md describe, by its "type".
TYPES = [
    "entries",
    "entry",
    "concepts",
    "concept",
    "people",
    "profiles",
    "summary",
    "trends",
    "calendar",
    "remember",
    "prompt",
    "agenda",
    "review",
    "reviews",
    "share",
    "export",
    "doctor",
]


def test_with_no_type_it_lists_the_types_one_a_line(cli: Cli, db_path: Path) -> None:
    result = cli.ok("schema")
    assert result.stdout.splitlines() == TYPES
    assert result.stderr == ""
    assert not db_path.exists()


@pytest.mark.parametrize("kind", TYPES)
def test_each_type_prints_a_valid_draft_2020_12_schema(cli: Cli, db_path: Path, kind: str) -> None:
    result = cli.ok("schema", kind)
    assert result.stderr == ""
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # A share bundle is at version 2 (import reads version 1 too); the rest at 1.
    assert schema["properties"]["version"]["const"] == (2 if kind == "share" else 1)
    assert schema["properties"]["type"]["const"] == kind
    assert not db_path.exists()


def objects(schema: Any) -> Iterator[dict[str, Any]]:
    """Every object schema inside ``schema``: the document's, its records', and theirs."""
    if isinstance(schema, dict):
        if "properties" in schema:
            yield schema
        for value in schema.values():
            yield from objects(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from objects(value)


@pytest.mark.parametrize("kind", TYPES)
def test_every_object_takes_exactly_its_keys_and_needs_them_all(cli: Cli, kind: str) -> None:
    # A document never leaves a key out (an unset value is null), and takes none it
    # does not declare, so a renderer's drift fails the contract test.
    schema = json.loads(cli.ok("schema", kind).stdout)
    found = list(objects(schema))
    assert found
    for part in found:
        assert part["additionalProperties"] is False, part.get("title")
        assert set(part["required"]) == set(part["properties"]), part.get("title")


def test_an_entry_is_the_models_record(cli: Cli) -> None:
    schema = json.loads(cli.ok("schema", "entry").stdout)
    entry = schema["$defs"]["EntryPublic"]
    assert schema["properties"]["entry"] == {"$ref": "#/$defs/EntryPublic"}
    assert entry["properties"]["closeness"]["anyOf"][0] == {
        "maximum": 5,
        "minimum": 1,
        "type": "integer",
    }
    assert entry["properties"]["occurred_at"]["format"] == "date-time"


@pytest.mark.parametrize("kind", ["entrys", "Entries", "", "share bundle"])
def test_an_unknown_type_is_a_usage_error_naming_the_types(
    cli: Cli, db_path: Path, kind: str
) -> None:
    result = cli("schema", kind)
    assert_user_error(result, 2, "TYPE", f"'{kind}'", ", ".join(TYPES))
    assert not db_path.exists()


def test_schema_needs_no_journal_even_where_none_can_be_made(cli: Cli, tmp_path: Path) -> None:
    nowhere = tmp_path / "missing" / "folder" / "journal.db"
    result = cli("--db", str(nowhere), "schema", "summary")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "SummaryDocument"
    assert not (tmp_path / "missing").exists()
