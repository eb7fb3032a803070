"""The ``--json`` documents: one versioned object each, shapes documented in docs/json.md."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from connectlog.journal.concepts import ConceptInfo
    from connectlog.journal.entries import EntryPage, EntryView
    from connectlog.journal.people import PersonInfo

VERSION = 1


def document(kind: str, key: str, data: Any, **extra: Any) -> dict[str, Any]:
    """A JSON document: ``{"version": 1, "type": kind, key: data, ...}``."""
    return {"version": VERSION, "type": kind, key: data, **extra}


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)


def entry(view: EntryView) -> dict[str, Any]:
    return {
        "id": view.id,
        "uuid": view.uuid,
        "text": view.text,
        "title": view.title,
        "occurred_at": view.occurred_at.isoformat(),
        "author": view.author,
        "people": list(view.people),
        "concepts": list(view.concepts),
        "kind": view.kind,
        "touch": view.touch,
        "closeness": view.closeness,
        "initiated_by": view.initiated_by,
        "response": view.response,
        "mood_before": view.mood_before,
        "mood_after": view.mood_after,
        "appreciation": view.appreciation,
        "starred": view.starred,
        "private": view.private,
        "created_at": view.created_at.isoformat(),
        "updated_at": view.updated_at.isoformat(),
    }


def entries_document(page: EntryPage) -> dict[str, Any]:
    return document("entries", "entries", [entry(view) for view in page.entries], total=page.total)


def entry_document(view: EntryView) -> dict[str, Any]:
    return document("entry", "entry", entry(view))


def concept(info: ConceptInfo) -> dict[str, Any]:
    return {
        "name": info.name,
        "aliases": list(info.aliases),
        "meaning": info.meaning,
        "systems": info.systems,
        "questions": list(info.questions),
        "builtin": info.builtin,
        "count": info.count,
    }


def concepts_document(infos: Iterable[ConceptInfo]) -> dict[str, Any]:
    return document("concepts", "concepts", [concept(info) for info in infos])


def concept_document(info: ConceptInfo) -> dict[str, Any]:
    return document("concept", "concept", concept(info))


def people_document(people: Iterable[PersonInfo]) -> dict[str, Any]:
    return document(
        "people",
        "people",
        [
            {
                "name": person.name,
                "count": person.count,
                "last_seen": person.last_seen.isoformat() if person.last_seen else None,
            }
            for person in people
        ],
    )
