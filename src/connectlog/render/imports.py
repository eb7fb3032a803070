"""What an import says: one line when it is done, the lines of a dry run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from connectlog import messages
from connectlog.render.terminal import one_line

if TYPE_CHECKING:
    from connectlog.journal.types.imports import ImportReport


def _count(number: int, one: str, many: str) -> str:
    return messages.count(number, one, many)


def _new_here(report: ImportReport) -> str:
    parts = [
        _count(count, one, many)
        for count, one, many in (
            (report.new_profiles, "profile", "profiles"),
            (report.new_people, "person", "people"),
            (report.new_concepts if report.format == "connectlog" else 0, "concept", "concepts"),
        )
        if count
    ]
    return messages.IMPORTED_NEW.format(parts=", ".join(parts)) if parts else ""


def summary(report: ImportReport) -> str:
    """The line an import ends with: what it added, and everything it did not."""
    parts = [
        template.format(count=count)
        for template, count in (
            (messages.IMPORTED_UPDATED, report.updated),
            (messages.IMPORTED_UNCHANGED, report.unchanged),
            (messages.IMPORTED_REMOVED, report.removed),
            (messages.IMPORTED_DUPLICATES, report.duplicates),
            (messages.IMPORTED_EMPTY, report.empty),
            (messages.IMPORTED_LEFT_BEHIND, report.left_behind),
        )
        if count
    ]
    if report.created_concepts:
        parts.append(messages.IMPORTED_CREATED.format(names=", ".join(report.created_concepts)))
    if _new_here(report):
        parts.append(_new_here(report))
    if report.reviews:
        parts.append(
            messages.IMPORTED_MERGED.format(count=_count(report.reviews, "review", "reviews"))
        )
    return one_line(
        messages.IMPORTED_ENTRIES.format(
            entries=_count(report.added, "entry", "entries"),
            path=report.path,
            format=report.format,
            writer=messages.IMPORTED_AS.format(writer=report.writer) if report.writer else "",
            more="".join(f"; {part}" for part in parts),
        )
    )


def dry_run_lines(report: ImportReport) -> list[str]:
    """What a dry run prints: what would be imported, and what would not, line by line."""
    lines = [
        messages.WOULD_IMPORT.format(
            entries=report.added,
            total=_count(report.entries, "entry", "entries"),
            path=report.path,
            format=report.format,
            writer=messages.IMPORTED_AS.format(writer=report.writer) if report.writer else "",
        )
    ]
    labels = messages.WOULD_LABELS
    for key, label in labels.items():
        value = getattr(report, key)
        if value:
            lines.append(messages.WOULD_LINE.format(label=label, value=value))
    for label, values in (
        (messages.WOULD_MAPPED, [f"{tag} → {name}" for tag, name in report.mapped]),
        (messages.WOULD_CREATED, list(report.created_concepts)),
        (messages.WOULD_PEOPLE, list(report.people)),
    ):
        if values:
            lines.append(messages.WOULD_LINE.format(label=label, value=", ".join(values)))
    if report.unknown:
        hint = messages.WOULD_UNKNOWN_HINT.format(tags=", ".join(report.unknown))
        lines.append(messages.WOULD_LINE.format(label=messages.WOULD_UNKNOWN, value=hint))
    return [one_line(line) for line in lines]
