"""A whole journal written out as JSON, CSV or Markdown, a piece at a time.

Each writer yields text as it reads the export's entries, so a journal of
any size is written with only a chunk of it in memory. No Rich here: these
are files for other programs and for reading anywhere. Shapes and columns
are documented in docs/export.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import UTC, date
from typing import TYPE_CHECKING, Any

from connectlog.journal.records import FIELDS
from connectlog.render import json as render_json

if TYPE_CHECKING:
    from connectlog.journal.entries import EntryView
    from connectlog.journal.exports import JournalExport
    from connectlog.journal.reviews import ReviewView, Said


def json_text(export: JournalExport) -> Iterator[str]:
    """The export as one JSON document, an entry a line inside its ``entries`` array."""
    head = render_json.document(
        "export",
        "exported_at",
        export.exported_at.astimezone(UTC).isoformat(),
        private=export.private,
        profiles=[
            {
                "name": record.name,
                "uuid": record.uuid,
                "aliases": list(record.aliases),
                "imported": record.imported,
                "created_at": record.created_at.isoformat(),
            }
            for record in export.profiles
        ],
        concepts=[render_json.concept_record(info) for info in export.concepts],
        people=[
            {"name": record.name, "created_at": record.created_at.isoformat()}
            for record in export.people
        ],
        reviews=[_review(value) for value in export.reviews],
        count=export.count,
    )
    opened = render_json.dumps(head).removesuffix("\n}")
    if not export.count:
        yield opened + ',\n  "entries": []\n}\n'
        return
    yield opened + ',\n  "entries": [\n'
    records = (json.dumps(render_json.entry(view), ensure_ascii=False) for view in export.entries)
    yield from render_json.joined(records, first="    ", between=",\n    ")
    yield "\n  ]\n}\n"


def _review(value: ReviewView) -> dict[str, Any]:
    return {"uuid": value.uuid, **render_json.review(value), "topic_entry": value.topic_entry}


#: The CSV's columns: an entry as --json shows it, lists joined by "; ". Its
#: portable fields keep their order, with the entry's number, title, author and
#: privacy around them.
CSV_COLUMNS = (
    "id",
    "uuid",
    "occurred_at",
    "title",
    "text",
    "author",
    *FIELDS[FIELDS.index("people") : FIELDS.index("created_at")],
    "private",
    *FIELDS[FIELDS.index("created_at") :],
)


def csv_text(export: JournalExport) -> Iterator[str]:
    """The export's entries as CSV: a header, then an entry a row, oldest first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for batch in render_json.batches(export.entries):
        writer.writerows(_csv_row(render_json.entry(view)) for view in batch)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _csv_row(record: dict[str, Any]) -> list[str]:
    return [_csv_cell(record[column]) for column in CSV_COLUMNS]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def markdown_text(export: JournalExport) -> Iterator[str]:
    """The export as a document to read: entries under their days, then the reviews."""
    counted = "entry" if export.count == 1 else "entries"
    yield (
        "# connectlog journal\n\n"
        f"Exported {export.exported_at.strftime('%d %B %Y, %H:%M')}: "
        f"{export.count} {counted}{'' if export.private else ', private ones left out'}.\n"
    )
    day: date | None = None
    for batch in render_json.batches(export.entries):
        parts: list[str] = []
        for view in batch:
            if view.occurred_at.date() != day:
                day = view.occurred_at.date()
                parts.append(f"\n## {day.strftime('%A %d %B %Y')}\n")
            parts.append(_markdown_entry(view))
        yield "".join(parts)
    if export.reviews:
        yield "\n# Weekly reviews\n" + "".join(_markdown_review(value) for value in export.reviews)


def _markdown_entry(view: EntryView) -> str:
    facts = [
        ("With", ", ".join(view.people)),
        ("Concepts", ", ".join(view.concepts)),
        ("Kind", view.kind if view.touch is None else f"{view.kind} ({view.touch})"),
        ("Closeness", None if view.closeness is None else f"{view.closeness} of 5"),
        ("Reached out", view.initiated_by),
        ("Response", view.response and f"turned {view.response}"),
        ("Mood", _mood(view.mood_before, view.mood_after)),
        ("Author", view.author),
    ]
    marks = [
        mark
        for mark, shown in (
            ("★ starred", view.starred),
            ("appreciation", view.appreciation),
            ("private", view.private),
        )
        if shown
    ]
    listed = "".join(f"- {label}: {value}\n" for label, value in facts if value)
    if marks:
        listed += f"- {', '.join(marks)}\n"
    heading = f"{view.occurred_at.strftime('%H:%M')} · {view.title}"
    body = "" if view.text == view.title else f"{view.text}\n\n"
    return f"\n### {heading}\n\n{body}{listed}"


def _mood(before: int | None, after: int | None) -> str | None:
    if before is None and after is None:
        return None
    return f"{before or '?'} → {after or '?'}"


def _markdown_review(value: ReviewView) -> str:
    parts = [
        f"\n## {value.week} ({value.start.isoformat()} to {value.end.isoformat()})\n\n",
        f"With {', '.join(value.participants)}.\n",
    ]
    for heading, lines in (
        ("How last week's intentions went", value.followups),
        ("Appreciations", value.appreciations),
        ("Intentions", value.intentions),
    ):
        if lines:
            parts.append(f"\n### {heading}\n\n" + "".join(_said(said) for said in lines))
    if value.topic:
        parts.append(f"\n### What we talked about\n\n{value.topic}\n")
    if value.notes:
        parts.append(f"\n### Notes\n\n{value.notes}\n")
    return "".join(parts)


def _said(said: Said) -> str:
    who = f"{said.who}: " if said.who else ""
    outcome = f" ({said.outcome})" if said.outcome else ""
    return f"- {who}{said.text}{outcome}\n"


#: Every format ``export`` writes, with the writer of each.
FORMATS: dict[str, Callable[[JournalExport], Iterator[str]]] = {
    "json": json_text,
    "csv": csv_text,
    "markdown": markdown_text,
}
