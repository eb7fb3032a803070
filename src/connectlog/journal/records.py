"""An entry as a plain record, the same wherever it goes: --json, shared bundles, exports.

Kept apart from the queries so that rendering and sharing can use it without
loading the database layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from connectlog.journal.entries import EntryView

#: The fields of a portable record, in order.
FIELDS = (
    "uuid",
    "text",
    "occurred_at",
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
    "created_at",
    "updated_at",
)


def portable(view: EntryView) -> dict[str, Any]:
    """What identifies and describes an entry in any journal: no number, author or privacy."""
    return {
        "uuid": view.uuid,
        "text": view.text,
        "occurred_at": view.occurred_at.isoformat(),
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
        "created_at": view.created_at.isoformat(),
        "updated_at": view.updated_at.isoformat(),
    }
