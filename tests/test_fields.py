"""An entry's fields are declared once, in the models; every other shape is held to them.

The everyday commands carry entries as plain types (no pydantic on their
path), the ``--json`` record, the share bundle's record and the CSV columns
are written out by plain code; these tests fail the moment one of them has a
field the models do not, or lacks one they have.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

from connectlog.journal.types import entries as entry_types
from connectlog.journal.types.entries import FIELDS, portable
from connectlog.models import Entry, EntryCreate, EntryPublic, EntryRecord
from connectlog.render import json as render_json
from connectlog.render.export import CSV_COLUMNS

#: What only a journal's own row has: its number, author, privacy and how it files the day.
ROW_ONLY = {"id", "author_id", "private", "utc_offset", "local_date"}
#: What a row keeps in link tables instead of columns.
LINKED = {"people", "concepts"}


def a_view() -> entry_types.EntryView:
    when = datetime(2026, 11, 22, 20, 0, tzinfo=timezone(timedelta(hours=1)))
    return entry_types.EntryView(
        id=1,
        uuid="0b6f3a52-3c1e-4d55-9a53-0f4b3bb1c001",
        text="Held hands on the walk home",
        occurred_at=when,
        author="Alex",
        people=("Sam",),
        concepts=("touch",),
        kind="physical",
        touch="holding hands",
        closeness=4,
        initiated_by="me",
        response="toward",
        mood_before=2,
        mood_after=4,
        appreciation=False,
        starred=False,
        private=False,
        created_at=when.astimezone(UTC),
        updated_at=when.astimezone(UTC),
    )


def test_the_bundle_and_export_record_is_the_models_entry_record() -> None:
    assert set(FIELDS) == set(EntryRecord.model_fields)
    assert set(portable(a_view())) == set(EntryRecord.model_fields)
    EntryRecord.model_validate(portable(a_view()))  # and what it writes passes its rules


def test_the_json_record_is_the_models_public_entry() -> None:
    record = render_json.entry(a_view())
    assert set(record) == set(EntryPublic.model_fields)
    EntryPublic.model_validate(record)


def test_the_csv_columns_are_the_public_entrys_fields() -> None:
    assert sorted(CSV_COLUMNS) == sorted(EntryPublic.model_fields)


def test_the_schema_has_every_public_field() -> None:
    schema = EntryPublic.model_json_schema(mode="serialization")
    assert set(schema["properties"]) == set(EntryPublic.model_fields)


def test_the_table_stores_the_record_and_what_only_a_row_has() -> None:
    columns = set(Entry.__table__.columns.keys())  # type: ignore[attr-defined]
    assert columns == (set(EntryRecord.model_fields) - LINKED) | ROW_ONLY


def test_the_plain_types_have_the_models_fields() -> None:
    view = set(entry_types.EntryView._fields)
    assert view == set(EntryPublic.model_fields) - {"title"}  # a view works its title out
    draft = {field.name for field in dataclasses.fields(entry_types.EntryDraft)}
    assert draft == set(EntryCreate.model_fields)
    changes = {field.name for field in dataclasses.fields(entry_types.EntryChanges)}
    assert changes == set(EntryCreate.model_fields) | {"clear"}


def test_what_can_be_cleared_is_what_a_new_entry_may_leave_out() -> None:
    optional = {
        name
        for name, field in EntryCreate.model_fields.items()
        if field.default is None or field.default == []
    }
    assert set(entry_types.CLEARABLE) == optional
