"""A whole journal written out as JSON, CSV or Markdown, a piece at a time.

Each writer yields text as it reads the export's entries, so a journal of
any size is written with only a chunk of it in memory. No Rich here: these
are files for other programs and for reading anywhere. Shapes and columns
are documented in docs/data.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date
from typing import TYPE_CHECKING, Any

from connectlog.journal.types.entries import FIELDS
from connectlog.render import dates, markdown
from connectlog.render import json as render_json

if TYPE_CHECKING:
    from connectlog.journal.types.entries import EntryView
    from connectlog.journal.types.exports import JournalExport
    from connectlog.journal.types.infos import ConceptInfo
    from connectlog.journal.types.reviews import ReviewView, Said


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
                "sent_name": record.sent_name,
            }
            for record in export.profiles
        ],
        concepts=[_concept(info) for info in export.concepts],
        people=[
            {"name": record.name, "created_at": record.created_at.isoformat()}
            for record in export.people
        ],
        reviews=[_review(value, export.review_lines) for value in export.reviews],
        removals=[
            {
                "uuid": gone.uuid,
                "author": gone.author,
                "local_date": gone.local_date.isoformat(),
                "removed_at": gone.removed_at.isoformat(),
                "shared": gone.shared,
            }
            for gone in export.removals
        ],
        count=export.count,
    )
    # An entry a line: a journal of years stays a file a person can page through.
    records = (render_json.dumps(render_json.entry(view), indent=None) for view in export.entries)
    yield from render_json.streamed(head, "entries", records)
    yield "\n"


def _review(value: ReviewView, lines: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {
        "uuid": value.uuid,
        **render_json.review(value),
        "topic_entry": value.topic_entry,
        "lines": lines.get(value.uuid, []),
    }


def _concept(info: ConceptInfo) -> dict[str, Any]:
    made = info.created_at
    return {**render_json.concept_record(info), "created_at": made and made.isoformat()}


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


#: What a spreadsheet reads as the start of a formula (or of a hidden one, after a tab
#: or a carriage return); and the quote that marks a cell as text, so that taking one
#: leading quote off every cell that has one gives back exactly what was stored.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def csv_text(export: JournalExport, *, raw: bool = False) -> Iterator[str]:
    """The export's entries as CSV: a header, then an entry a row, oldest first.

    A cell that a spreadsheet would run as a formula is written with a leading
    ``'`` (see :data:`FORMULA_STARTS`); ``raw``: every cell exactly as stored, for programs.
    """
    yield _csv_line(CSV_COLUMNS)
    cell = _csv_cell if raw else _spreadsheet_cell
    for batch in render_json.batches(export.entries):
        yield "".join(
            _csv_line([cell(record[column]) for column in CSV_COLUMNS])
            for record in map(render_json.entry, batch)
        )


def _csv_line(cells: Iterable[str]) -> str:
    """One row, as Python's csv module writes it, but with a cell holding a carriage
    return quoted too: the module quotes only the characters of its line ending."""
    return ",".join(_csv_quoted(cell) for cell in cells) + "\n"


def _csv_quoted(cell: str) -> str:
    if any(special in cell for special in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def _spreadsheet_cell(value: Any) -> str:
    cell = _csv_cell(value)
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def markdown_text(export: JournalExport) -> Iterator[str]:
    """The export as a document to read: entries under their days, then the reviews."""
    counted = "entry" if export.count == 1 else "entries"
    yield (
        "# connectlog journal\n\n"
        f"Exported {dates.day_and_time(export.exported_at, year=True)}: "
        f"{export.count} {counted}{'' if export.private else ', private ones left out'}.\n"
    )
    day: date | None = None
    for batch in render_json.batches(export.entries):
        parts: list[str] = []
        for view in batch:
            if view.occurred_at.date() != day:
                day = view.occurred_at.date()
                parts.append(f"\n## {dates.day(day, year=True)}\n")
            parts.append(_markdown_entry(view))
        yield "".join(parts)
    if export.reviews:
        yield "\n# Weekly reviews\n" + "".join(_markdown_review(value) for value in export.reviews)


def _markdown_entry(view: EntryView) -> str:
    # Every text from the journal is escaped (render/markdown.py): it reads as written.
    facts = [
        ("With", ", ".join(markdown.inline(name) for name in view.people)),
        ("Concepts", ", ".join(markdown.inline(name) for name in view.concepts)),
        ("Kind", view.kind if view.touch is None else f"{view.kind} ({view.touch})"),
        ("Closeness", None if view.closeness is None else f"{view.closeness} of 5"),
        ("Reached out", view.initiated_by),
        ("Response", view.response and f"turned {view.response}"),
        ("Mood", _mood(view.mood_before, view.mood_after)),
        ("Author", markdown.inline(view.author)),
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
    heading = f"{view.occurred_at.strftime('%H:%M')} · {markdown.heading(view.title)}"
    body = "" if view.text == view.title else f"{markdown.block(view.text)}\n\n"
    return f"\n### {heading}\n\n{body}{listed}"


def _mood(before: int | None, after: int | None) -> str | None:
    if before is None and after is None:
        return None
    return f"{before or '?'} → {after or '?'}"


def _markdown_review(value: ReviewView) -> str:
    span = f"{value.start.isoformat()} to {value.end.isoformat()}"
    parts = [
        f"\n## {markdown.heading(value.week)} ({span})\n\n",
        f"With {', '.join(markdown.inline(name) for name in value.participants)}.\n",
    ]
    for heading, lines in (
        ("How last week's intentions went", value.followups),
        ("Appreciations", value.appreciations),
        ("Intentions", value.intentions),
    ):
        if lines:
            parts.append(f"\n### {heading}\n\n" + "".join(_said(said) for said in lines))
    if value.topics:
        parts.append("\n### What we talked about\n\n" + "".join(_said(s) for s in value.topics))
    if value.notes:
        parts.append("\n### Notes\n")
        for said in value.notes:
            question = f"\n*{markdown.inline(said.question)}*\n" if said.question else ""
            parts.append(f"{question}\n{markdown.block(said.text)}\n")
    return "".join(parts)


def _said(said: Said) -> str:
    who = f"{markdown.inline(said.who)}: " if said.who else ""
    outcome = f" ({markdown.inline(said.outcome)})" if said.outcome else ""
    return f"- {who}{markdown.block(said.text, indent='  ')}{outcome}\n"


#: Every format ``export`` writes, with the writer of each.
FORMATS: dict[str, Callable[[JournalExport], Iterator[str]]] = {
    "json": json_text,
    "csv": csv_text,
    "markdown": markdown_text,
}
