"""Everything a journal holds, without its row numbers: what an import must carry exactly.

Rows refer to each other by number inside one journal and by uuid (or name)
across journals, so each reference is read as what it names. The built-in
concepts' ``created_at`` is when that journal was made, not data of its own.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

QUERIES = {
    "profiles": "SELECT uuid, name, key, imported, sent_name, created_at FROM profile",
    "profile aliases": (
        "SELECT p.uuid, a.name, a.key FROM profile_alias a JOIN profile p ON p.id = a.profile_id"
    ),
    "people": "SELECT name, key, created_at FROM person",
    "concepts": (
        "SELECT name, meaning, systems, questions, builtin,"
        " CASE WHEN builtin THEN NULL ELSE created_at END FROM concept"
    ),
    "concept aliases": (
        "SELECT c.name, a.alias FROM concept_alias a JOIN concept c ON c.id = a.concept_id"
    ),
    "entries": (
        "SELECT e.uuid, p.uuid, e.text, e.kind, e.touch, e.closeness, e.initiated_by,"
        " e.response, e.mood_before, e.mood_after, e.appreciation, e.starred, e.occurred_at,"
        " e.utc_offset, e.local_date, e.private, e.created_at, e.updated_at"
        " FROM entry e JOIN profile p ON p.id = e.author_id"
    ),
    "with": (
        "SELECT e.uuid, p.key FROM entry_person l JOIN entry e ON e.id = l.entry_id"
        " JOIN person p ON p.id = l.person_id"
    ),
    "tagged": (
        "SELECT e.uuid, c.name FROM entry_concept l JOIN entry e ON e.id = l.entry_id"
        " JOIN concept c ON c.id = l.concept_id"
    ),
    "removals": (
        "SELECT r.uuid, p.uuid, r.local_date, r.removed_at FROM removal r"
        " JOIN profile p ON p.id = r.author_id"
    ),
    "reviews": 'SELECT uuid, week, start, "end", created_at, updated_at FROM review',
    "participants": (
        "SELECT r.uuid, p.uuid FROM review_participant t JOIN review r ON r.id = t.review_id"
        " JOIN profile p ON p.id = t.profile_id"
    ),
    "review lines": (
        "SELECT l.uuid, r.uuid, l.section, l.position, p.uuid, l.text, l.question, l.outcome,"
        " f.uuid, e.uuid, l.removed, l.updated_at FROM review_line l"
        " JOIN review r ON r.id = l.review_id LEFT JOIN profile p ON p.id = l.profile_id"
        " LEFT JOIN review_line f ON f.id = l.follows_id LEFT JOIN entry e ON e.id = l.entry_id"
    ),
    # The full-text index keeps a row for each entry it holds.
    "search index": "SELECT id FROM entry_search_docsize",
}


def everything(db: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of ``db`` as rows of what they say, each table sorted."""
    found = {
        name: sorted(map(tuple, db.execute(text(sql))), key=repr) for name, sql in QUERIES.items()
    }
    # The index is checked against the entries by number, then left out.
    numbered = sorted(db.execute(text("SELECT id FROM entry")).all(), key=repr)
    assert found.pop("search index") == [tuple(row) for row in numbered], "search index off"
    return found


def everything_at(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """:func:`everything` of the journal file at ``path``, read with sqlite3."""
    connection = sqlite3.connect(path)
    try:
        found = {
            name: sorted(map(tuple, connection.execute(sql)), key=repr)
            for name, sql in QUERIES.items()
        }
        numbered = sorted(connection.execute("SELECT id FROM entry").fetchall(), key=repr)
    finally:
        connection.close()
    assert found.pop("search index") == numbered, "the search index is out of step"
    return found
