"""The ``--json`` documents: one versioned object each, shapes documented in docs/json.md."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from connectlog.journal.types.entries import portable
from connectlog.render.terminal import json_escaped

if TYPE_CHECKING:
    from connectlog.analytics.calendar import Heatmap
    from connectlog.analytics.looking_back import Reflection
    from connectlog.analytics.moments import Whose
    from connectlog.analytics.periods import Period
    from connectlog.analytics.summary import Count, Figures, Reconnection, Summary
    from connectlog.analytics.trends import Series, Trends
    from connectlog.journal.types.doctor import Checkup
    from connectlog.journal.types.entries import EntryStream, EntryView
    from connectlog.journal.types.infos import ConceptInfo, PersonInfo, ProfileInfo
    from connectlog.journal.types.patterns import Remembered
    from connectlog.journal.types.reviews import Agenda, ReviewView, Said

VERSION = 1
_T = TypeVar("_T")


def document(kind: str, key: str, data: Any, **extra: Any) -> dict[str, Any]:
    """A JSON document: ``{"version": 1, "type": kind, key: data, ...}``."""
    return {"version": VERSION, "type": kind, key: data, **extra}


def dumps(doc: dict[str, Any], *, indent: int | None = 2) -> str:
    """``doc`` as JSON text: every control character in it escaped, C1 and DEL too.

    ``json.dumps`` escapes C0 and leaves the rest of Unicode as it is, which
    keeps a document readable; :func:`~connectlog.render.terminal.json_escaped`
    escapes what it leaves of the controls a terminal obeys, so a document is
    the same data and safe to print.
    """
    return json_escaped(json.dumps(doc, ensure_ascii=False, indent=indent))


def entry(view: EntryView) -> dict[str, Any]:
    """An entry as --json shows it: its portable record, with number, title and author."""
    record = portable(view)
    return {
        "id": view.id,
        "uuid": record.pop("uuid"),
        "text": record.pop("text"),
        "title": view.title,
        "occurred_at": record.pop("occurred_at"),
        "author": view.author,
        **record,
        "private": view.private,
    }


def entries_text(stream: EntryStream) -> Iterator[str]:
    """``list --json``'s document, as :func:`dumps` lays it out, a batch of entries at a time.

    A listing of the whole journal is never held: neither its entries nor its text.
    """
    head = {"version": VERSION, "type": "entries"}
    records = (dumps(entry(view)) for view in stream.entries)
    yield from streamed(head, "entries", records, tail={"total": stream.total})
    yield "\n"


#: How many records' text is gathered before it is handed on to be written.
BATCH = 500


def streamed(
    head: dict[str, Any], key: str, records: Iterable[str], *, tail: dict[str, Any] | None = None
) -> Iterator[str]:
    """A document written a piece at a time: ``head``'s fields, ``key``'s list, ``tail``'s fields.

    Each of ``records`` is one item of the list, already JSON; it is indented
    to its place, so the whole reads as :func:`dumps` would lay it out.
    """
    fields = [f"  {json.dumps(name)}: {_nested(value)}" for name, value in head.items()]
    yield "{\n" + "".join(field + ",\n" for field in fields) + f"  {json.dumps(key)}: ["
    placed = ("    " + record.replace("\n", "\n    ") for record in records)
    lead, written = "\n", False
    for batch in batches(placed):
        yield lead + ",\n".join(batch)
        lead, written = ",\n", True
    yield "\n  ]" if written else "]"
    for name, value in (tail or {}).items():
        yield f",\n  {json.dumps(name)}: {_nested(value)}"
    yield "\n}"


def batches(items: Iterable[_T]) -> Iterator[list[_T]]:
    """``items`` a batch at a time."""
    rest = iter(items)
    while batch := list(itertools.islice(rest, BATCH)):
        yield batch


def _nested(value: Any) -> str:
    """``value`` as :func:`dumps` lays it out one level into a document."""
    return dumps(value).replace("\n", "\n  ")


def entry_document(view: EntryView) -> dict[str, Any]:
    return document("entry", "entry", entry(view))


def concept_record(info: ConceptInfo) -> dict[str, Any]:
    """What a concept is, without how often it is used (an export leaves that out)."""
    return {
        "name": info.name,
        "aliases": list(info.aliases),
        "meaning": info.meaning,
        "systems": info.systems,
        "questions": list(info.questions),
        "builtin": info.builtin,
    }


def concept(info: ConceptInfo) -> dict[str, Any]:
    return {**concept_record(info), "count": info.count}


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


def period(value: Period) -> dict[str, Any]:
    return {"label": value.label, "start": value.start.isoformat(), "end": value.end.isoformat()}


def _counts(counts: Iterable[Count]) -> list[dict[str, Any]]:
    return [{"name": count.name, "count": count.count} for count in counts]


def _rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def figures(value: Figures) -> dict[str, Any]:
    return {
        "entries": value.entries,
        "days": value.days,
        "closeness": {
            "average": _rounded(value.closeness_average),
            "count": value.closeness_count,
        },
        "concepts": _counts(value.concepts),
        "people": _counts(value.people),
        "kinds": _counts(value.kinds),
        "touches": _counts(value.touches),
        "initiators": _counts(value.initiators),
        "responses": _counts(value.responses),
        "toward_share": _rounded(value.toward_share),
        "concept_closeness": [
            {
                "name": item.name,
                "with": {"count": item.with_count, "mean": _rounded(item.with_mean)},
                "without": {"count": item.without_count, "mean": _rounded(item.without_mean)},
                "difference": _shown_difference(item.with_mean, item.without_mean),
                "enough": item.enough,
                "interval": None
                if item.low is None or item.high is None
                else {"low": _rounded(item.low), "high": _rounded(item.high)},
                "grade": item.grade,
            }
            for item in value.concept_closeness
        ],
        "pairs": [
            {"concepts": [pair.first, pair.second], "count": pair.count} for pair in value.pairs
        ],
        "weekdays": _counts(value.weekdays),
        "times_of_day": _counts(value.times_of_day),
        "mood": {"change": _rounded(value.mood_change), "count": value.mood_count},
        "disconnections": [
            {
                "id": item.id,
                "day": item.day.isoformat(),
                "people": list(item.people),
                "reconnected_by": item.reconnected_by,
                "hours_to_reconnect": _rounded(item.hours_to_reconnect, 1),
            }
            for item in value.disconnections
        ],
        "reconnection": _reconnection(value.reconnection),
        "paired": value.paired,
        "writers": [
            {
                "author": writer.author,
                "entries": writer.entries,
                "days": writer.days,
                "closeness": {
                    "average": _rounded(writer.closeness_average),
                    "count": writer.closeness_count,
                },
                "initiators": _counts(writer.initiators),
            }
            for writer in value.writers
        ],
    }


def _shown_difference(first: float | None, second: float | None) -> float | None:
    """``first`` minus ``second`` as the document shows them: the difference of the rounded."""
    if first is None or second is None:
        return None
    return round(round(first, 2) - round(second, 2), 2)


def _reconnection(value: Reconnection) -> dict[str, Any]:
    longest = value.longest
    return {
        "count": value.count,
        "reconnected": value.reconnected,
        "median_hours": _rounded(value.median_hours, 1),
        "longest": None
        if longest is None
        else {"id": longest.id, "hours": _rounded(longest.hours_to_reconnect, 1)},
    }


def _so_far(value: Summary) -> dict[str, Any] | None:
    part = value.so_far
    if part is None:
        return None
    now, before = value.current.closeness_average, part.previous.closeness_average
    return {
        "period": period(part.days),
        "same_days": period(part.same_days),
        "previous": figures(part.previous),
        "change": {
            "entries": value.current.entries - part.previous.entries,
            "days": value.current.days - part.previous.days,
            "closeness": _shown_difference(now, before),
        },
    }


def _whose(value: Whose) -> dict[str, Any]:
    """Whose moments a document describes: ``author``, or everyone ``together``."""
    return {"author": value.author, "together": value.together}


def summary_document(value: Summary) -> dict[str, Any]:
    return {
        "version": VERSION,
        "type": "summary",
        **_whose(value.whose),
        "period": period(value.period),
        "previous_period": period(value.previous_period),
        "current": figures(value.current),
        "previous": figures(value.previous),
        "change": {
            "entries": value.current.entries - value.previous.entries,
            "days": value.current.days - value.previous.days,
            "closeness": _shown_difference(
                value.current.closeness_average, value.previous.closeness_average
            ),
        },
        "so_far": _so_far(value),
        "streak": {"current": value.streak.current, "longest": value.streak.longest},
        "streaks": [
            {"author": each.author, "current": each.current, "longest": each.longest}
            for each in value.streaks
        ],
    }


def _series(values: Iterable[Series]) -> list[dict[str, Any]]:
    return [
        {
            "name": series.name,
            "values": [_rounded(point) for point in series.values],
            "change": _rounded(series.change),
            "direction": series.direction,
            "weeks_read": series.weeks_read,
            "p": None if series.p is None else round(series.p, 4),
        }
        for series in values
    ]


def trends_document(value: Trends) -> dict[str, Any]:
    return {
        "version": VERSION,
        "type": "trends",
        **_whose(value.whose),
        "weeks": [period(week) for week in value.weeks],
        "so_far": value.so_far,
        "began": None if value.began is None else value.began.isoformat(),
        "headline": _series(value.headline),
        "concepts": _series(value.concepts),
        "people": _series(value.people),
    }


def calendar_document(value: Heatmap) -> dict[str, Any]:
    return document(
        "calendar",
        "days",
        [
            {
                "date": day.day.isoformat(),
                "entries": day.entries,
                "rated": day.rated,
                "closeness": _rounded(day.closeness),
            }
            for day in value.days
            if day.entries
        ],
        year=value.year,
        week_start="sunday" if value.week_start == 6 else "monday",
        entries=value.entries,
        days_logged=value.days_logged,
        closeness=_rounded(value.closeness),
        **_whose(value.whose),
    )


def remember_document(value: Remembered) -> dict[str, Any]:
    return document(
        "remember",
        "days",
        [
            {"label": label, "date": day.isoformat(), "entries": [entry(view) for view in views]}
            for label, day, views in value.days
        ],
        further_back=entry(value.further_back) if value.further_back else None,
    )


def prompt_document(value: Reflection | None) -> dict[str, Any]:
    data = None
    if value is not None:
        data = {
            "concept": value.concept,
            "question": value.question,
            "days_since": value.days_since,
        }
    return document("prompt", "prompt", data)


def profiles_document(profiles: Iterable[ProfileInfo]) -> dict[str, Any]:
    return document(
        "profiles",
        "profiles",
        [
            {
                "name": info.name,
                "aliases": list(info.aliases),
                "imported": info.imported,
                "entries": info.entries,
                "default": info.default,
            }
            for info in profiles
        ],
    )


def _said(lines: Iterable[Said]) -> list[dict[str, Any]]:
    return [{"who": said.who, "text": said.text, "outcome": said.outcome} for said in lines]


def agenda_document(value: Agenda) -> dict[str, Any]:
    return {
        "version": VERSION,
        "type": "agenda",
        "period": period(value.period),
        "participants": list(value.participants),
        "last_week": value.last_week,
        "last_intentions": _said(value.last_intentions),
        "appreciations": [entry(view) for view in value.appreciations],
        "went_right": [entry(view) for view in value.went_right],
        "two_views": [[entry(view) for view in group] for group in value.two_views],
        "to_talk_about": [entry(view) for view in value.to_talk_about],
    }


def review(value: ReviewView) -> dict[str, Any]:
    return {
        "week": value.week,
        "start": value.start.isoformat(),
        "end": value.end.isoformat(),
        "participants": list(value.participants),
        "followups": _said(value.followups),
        "appreciations": _said(value.appreciations),
        "topic": value.topic,
        "notes": [
            {"question": said.question, "who": said.who, "text": said.text} for said in value.notes
        ],
        "intentions": _said(value.intentions),
        "created_at": value.created_at.isoformat(),
        "updated_at": value.updated_at.isoformat(),
    }


def review_document(value: ReviewView) -> dict[str, Any]:
    return document("review", "review", review(value))


def reviews_document(values: Iterable[ReviewView]) -> dict[str, Any]:
    return document("reviews", "reviews", [review(value) for value in values])


def doctor_document(value: Checkup) -> dict[str, Any]:
    findings = [
        {
            "check": finding.check,
            "status": finding.status,
            "found": finding.found,
            "todo": finding.todo,
            "paths": [str(path) for path in finding.paths],
            "fixable": finding.fixable,
        }
        for finding in value.findings
    ]
    return document(
        "doctor", "findings", findings, journal=str(value.journal), healthy=value.healthy
    )
