"""Sharing between two journals: a bundle out, a bundle in, and a merge that converges.

A bundle holds one profile's non-private entries of a span of days as portable
records (see :mod:`connectlog.journal.types`), the removals of that span (the
shared entries its writer deleted or made private since, and when), and the
reviews of its weeks that the writer took part in. Importing it puts the
entries under that profile, recognised by its uuid, and merges:

- **Entries and removals** carry their times, and for each uuid the latest
  wins, a removal winning a tie. So bundles applied in any order, any number
  of times, leave the same journal, and an older bundle never brings back
  what a newer one took away; the journal keeps the removals it was sent for
  that. A local copy that differs from its author's version at the same time
  is put back as the author wrote it.
- **An entry belongs to its author**: a bundle can change only its sender's
  entries, and the partner's entries change here only by a newer bundle.
- **Reviews merge line by line**, by the lines' uuids, the later line
  winning; two reviews of one week, made on both sides, become one, under the
  smaller of their uuids, with every line either side wrote.

Private entries never enter a bundle. A bundle is someone else's file: it is
read through :mod:`connectlog.models` and refused whole, naming the record and
the field, before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from connectlog import messages
from connectlog.analytics.periods import Period
from connectlog.errors import ConnectlogError
from connectlog.journal.concepts import concept_key, ensure_concepts
from connectlog.journal.entries import place_entry
from connectlog.journal.people import clean_name, ensure_people
from connectlog.journal.profiles import Profile, create_profile, lookup_profile
from connectlog.journal.queries import list_entries
from connectlog.journal.types.entries import (
    FIELDS,
    EntryDraft,
    EntryQuery,
    EntryView,
    portable,
)
from connectlog.journal.views import get_entry
from connectlog.storage.tables import entry as entry_table
from connectlog.storage.tables import profile as profile_table
from connectlog.storage.tables import removal, review, review_line, review_participant

if TYPE_CHECKING:
    from connectlog.models import EntryRecord, ReviewRecord, ShareBundle

VERSION = 2
TYPE = "share"
#: What a refusal calls the file it read.
SOURCE = "the bundle"
#: How far ahead of this machine's clock a partner's may run: a bundle's times
#: past this are refused as impossible.
CLOCK_SKEW = timedelta(days=1)
#: The widest UTC offset any place keeps: a local day spans this much more in UTC.
WIDEST_OFFSET = timedelta(hours=14)


@dataclass(frozen=True)
class SharedSpan:
    text: str  # the bundle, as JSON
    count: int  # the entries in it


@dataclass(frozen=True)
class ImportResult:
    profile: str
    span: str  # the span's label: a week's (2026-W48) or 2026-11-02..2026-11-29
    added: int
    updated: int
    removed: int
    unchanged: int
    restored: int  # local copies that differed from their author's, put back
    reviews: int  # reviews the bundle held, each merged

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.restored)


def span_words(label: str) -> str:
    """How a message names a bundle's span: "week 2026-W48", "entries from ... to ..."."""
    if ".." in label:
        start, end = label.split("..", 1)
        return messages.SPAN_DAYS.format(start=start, end=end)
    return messages.SPAN_WEEK.format(label=label)


# -- Out -----------------------------------------------------------------------


def export_span(db: Connection, *, profile: Profile, period: Period, now: datetime) -> SharedSpan:
    """The bundle of ``profile``'s shared entries of ``period``, what left them, and
    the reviews of its weeks that ``profile`` took part in."""
    if profile.imported:
        raise ConnectlogError(messages.PARTNER_WRITES.format(name=profile.name))
    page = list_entries(db, EntryQuery(since=period.start, until=period.end))
    shared = [view for view in page.entries if view.author == profile.name and not view.private]
    # An older moment edited in these days goes too: the span is also what changed in it.
    first, last = changed_between(period)
    stored = entry_table.c
    edited = db.execute(
        select(stored.id).where(
            stored.author_id == profile.id,
            stored.private.is_(False),
            stored.updated_at >= first,
            stored.updated_at < last,
            stored.id.not_in([view.id for view in shared]),
        )
    ).scalars()
    shared.extend(get_entry(db, entry_id) for entry_id in edited)
    shared.sort(key=lambda view: (view.occurred_at, view.uuid))
    gone = db.execute(
        select(removal.c.uuid, removal.c.local_date, removal.c.removed_at)
        .where(
            removal.c.author_id == profile.id,
            removal.c.shared.is_(True),
            or_(
                and_(removal.c.local_date >= period.start, removal.c.local_date <= period.end),
                and_(removal.c.removed_at >= first, removal.c.removed_at < last),
            ),
        )
        .order_by(removal.c.removed_at, removal.c.uuid)
    ).all()
    bundle = {
        "version": VERSION,
        "type": TYPE,
        "created_at": now.astimezone(UTC).isoformat(),
        "span": {
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "profile": {"name": profile.name, "uuid": profile.uuid},
        "entries": [portable(view) for view in shared],
        "removals": [
            {
                "uuid": row.uuid,
                "local_date": row.local_date.isoformat(),
                "removed_at": row.removed_at.isoformat(),
            }
            for row in gone
        ],
        "reviews": _review_records(db, period=period, sender=profile.id),
    }
    return SharedSpan(json.dumps(bundle, ensure_ascii=False, indent=2) + "\n", len(shared))


def changed_between(period: Period) -> tuple[datetime, datetime]:
    """The instants a change made on one of ``period``'s days falls between, in any time zone."""
    start = datetime.combine(period.start, time(), tzinfo=UTC) - WIDEST_OFFSET
    end = datetime.combine(period.end + timedelta(days=1), time(), tzinfo=UTC) + WIDEST_OFFSET
    return start, end


def _review_records(db: Connection, *, period: Period, sender: int) -> list[dict[str, Any]]:
    """The reviews of ``period``'s weeks that ``sender`` took part in, as records."""
    found = db.execute(
        select(review)
        .join(review_participant, review_participant.c.review_id == review.c.id)
        .where(
            review_participant.c.profile_id == sender,
            review.c.start <= period.end,
            review.c.end >= period.start,
        )
        .order_by(review.c.start)
    ).all()
    return review_records(db, found)


def review_records(
    db: Connection, found: Sequence[Any], *, shared_only: bool = True
) -> list[dict[str, Any]]:
    """The reviews ``found`` (rows of ``review``) as records, line by line.

    ``shared_only``: a topic names its entry only while the entry is shared
    (a bundle); a whole export of the journal names private ones too.
    """
    if not found:
        return []
    profiles = {row.id: row for row in db.execute(select(profile_table))}
    ids = [row.id for row in found]
    taking_part: dict[int, list[int]] = {}
    for row in db.execute(
        select(review_participant).where(review_participant.c.review_id.in_(ids))
    ):
        taking_part.setdefault(row.review_id, []).append(row.profile_id)
    lines = db.execute(
        select(review_line)
        .where(review_line.c.review_id.in_(ids))
        .order_by(review_line.c.position, review_line.c.id)
    ).all()
    followed = _uuids(db, review_line, {line.follows_id for line in lines})
    # A topic's entry travels only while it is shared; a private one is not named.
    entries = _uuids(db, entry_table, {line.entry_id for line in lines}, shared_only=shared_only)
    return [
        {
            "uuid": row.uuid,
            "week": row.week,
            "start": row.start.isoformat(),
            "end": row.end.isoformat(),
            "created_at": row.created_at.isoformat(),
            "updated_at": row.updated_at.isoformat(),
            "participants": [
                {"name": profiles[pid].name, "uuid": profiles[pid].uuid}
                for pid in sorted(taking_part.get(row.id, []))
            ],
            "lines": [
                {
                    "uuid": line.uuid,
                    "section": line.section,
                    "position": line.position,
                    "who": profiles[line.profile_id].uuid if line.profile_id else None,
                    "text": line.text,
                    "question": line.question,
                    "outcome": line.outcome,
                    "follows": followed.get(line.follows_id),
                    "entry": entries.get(line.entry_id),
                    "removed": line.removed,
                    "updated_at": line.updated_at.isoformat(),
                }
                for line in lines
                if line.review_id == row.id
            ],
        }
        for row in found
    ]


def _uuids(
    db: Connection, table: Any, ids: Iterable[int | None], *, shared_only: bool = False
) -> dict[int | None, str]:
    """The uuids of the rows of ``table`` numbered ``ids``."""
    wanted = [found for found in ids if found is not None]
    if not wanted:
        return {}
    statement = select(table.c.id, table.c.uuid).where(table.c.id.in_(wanted))
    if shared_only:
        statement = statement.where(table.c.private.is_(False))
    return {row.id: row.uuid for row in db.execute(statement)}


# -- In ------------------------------------------------------------------------


def import_bundle(
    db: Connection, text: str, *, name: str | None = None, now: datetime
) -> ImportResult:
    """Bring a partner's span in; the whole bundle is checked before anything changes.

    ``name`` files the sender under another local name, for when theirs is
    taken here by someone else.
    """
    bundle = _read(text, now=now)
    sender = _sender(db, bundle, name=name, now=now)
    counts = _merge_entries(db, bundle, sender=sender, now=now)
    for record in bundle.reviews:
        merge_review(db, record, now=now)
    link_followups(db, bundle.reviews)
    return ImportResult(
        profile=sender.name, span=bundle.span.label, reviews=len(bundle.reviews), **counts
    )


def _merge_entries(
    db: Connection, bundle: ShareBundle, *, sender: Profile, now: datetime
) -> dict[str, int]:
    """Apply the bundle's removals, then its entries: the latest of each uuid wins."""
    stored = entry_table.c
    records = {record.uuid: record for record in bundle.entries}
    drafts = {
        record.uuid: _draft(record, where=f"Entry {number} of {SOURCE}")
        for number, record in _numbered(bundle.entries)
    }
    uuids = [*records, *(gone.uuid for gone in bundle.removals)]
    known = {
        row.uuid: row
        for row in db.execute(
            select(
                stored.id, stored.uuid, stored.author_id, stored.updated_at, stored.private
            ).where(stored.uuid.in_(uuids))
        )
    }
    removed_at = {
        row.uuid: row for row in db.execute(select(removal).where(removal.c.uuid.in_(uuids)))
    }
    for uuid in uuids:
        theirs = [row.author_id for row in (known.get(uuid), removed_at.get(uuid)) if row]
        if any(author != sender.id for author in theirs):
            raise ConnectlogError(messages.BUNDLE_FOREIGN_ENTRY.format(uuid=uuid))
    counts = dict.fromkeys(("added", "updated", "removed", "unchanged", "restored"), 0)
    counts["removed"] = keep_removals(
        db, [(gone, sender.id) for gone in bundle.removals], known=known, kept=removed_at
    )
    for uuid, record in records.items():
        gone_at = removed_at.get(uuid)
        local = known.get(uuid)
        draft = drafts[uuid]
        if removal_wins(gone_at.removed_at if gone_at else None, record.updated_at):
            counts["unchanged"] += 1
            continue
        if local is not None and local.updated_at > record.updated_at:
            counts["unchanged"] += 1
            continue
        if local is not None and local.updated_at == record.updated_at:
            if not _differs(get_entry(db, local.id), draft):
                counts["unchanged"] += 1
                continue
            counts["restored"] += 1
        else:
            counts["updated" if local is not None else "added"] += 1
        place_entry(
            db,
            None if local is None else local.id,
            draft,
            author_id=sender.id,
            uuid=uuid,
            created_at=record.created_at,
            updated_at=record.updated_at,
            concepts=ensure_concepts(db, draft.concepts, now=now),
            people=ensure_people(db, draft.people, now=now),
        )
    return counts


def removal_wins(
    removed_at: datetime | None, updated_at: datetime, *, private: bool = False
) -> bool:
    """Whether an entry's version of ``updated_at`` is outlived by its removal at ``removed_at``.

    For each entry the latest of its change and its removal wins, a removal
    winning a tie: so an older copy never brings back what was taken away.
    A ``private`` version of the very time of its removal is the one the
    removal recorded leaving the shared entries (made private, not deleted).
    """
    if removed_at is None:
        return False
    return removed_at > updated_at if private else removed_at >= updated_at


def keep_removals(
    db: Connection,
    removals: Iterable[tuple[Any, int]],
    *,
    known: dict[str, Any],
    kept: dict[str, Any],
) -> int:
    """Keep each removal newer than this journal's of the same entry, and take away the
    entries here that a removal outlives (see :func:`removal_wins`).

    ``removals`` are records (``uuid``, ``local_date``, ``removed_at``) with
    the id of the profile whose entry it was; ``known`` holds the local
    entries by uuid (``id``, ``updated_at``, ``private``), ``kept`` this
    journal's removals by uuid; both are brought up to date. Returns how many
    entries were taken away.
    """
    taken = 0
    for gone, author_id in removals:
        held = kept.get(gone.uuid)
        if held is None or held.removed_at < gone.removed_at:
            db.execute(delete(removal).where(removal.c.uuid == gone.uuid))
            kept[gone.uuid] = db.execute(
                insert(removal)
                .values(
                    uuid=gone.uuid,
                    author_id=author_id,
                    local_date=gone.local_date,
                    removed_at=gone.removed_at,
                    shared=getattr(gone, "shared", True),  # a bundle's always are
                )
                .returning(*removal.c)
            ).one()
        local = known.get(gone.uuid)
        if local is not None and removal_wins(
            kept[gone.uuid].removed_at, local.updated_at, private=local.private
        ):
            db.execute(delete(entry_table).where(entry_table.c.id == local.id))
            del known[gone.uuid]
            taken += 1
    return taken


#: The fields of an entry a partner's copy could differ in, besides its time and names.
_COMPARED = tuple(
    field
    for field in FIELDS
    if field not in ("uuid", "occurred_at", "people", "concepts", "created_at", "updated_at")
)


def _differs(view: EntryView, draft: EntryDraft) -> bool:
    """Whether the journal's copy ``view`` says something else than its author's ``draft``.

    Who it was with is not compared: people are this journal's own names, and
    renaming or merging one here (``people rename``) renames them in a
    partner's entries too, without changing a word the partner wrote.
    """
    if any(getattr(view, field) != getattr(draft, field) for field in _COMPARED):
        return True
    if view.occurred_at != draft.occurred_at:
        return True
    if view.occurred_at.utcoffset() != draft.occurred_at.utcoffset():
        return True
    return {concept_key(name) for name in view.concepts} != set(draft.concepts)


def merge_review(db: Connection, record: ReviewRecord, *, now: datetime) -> None:
    """Merge a review of the bundle into this journal's review of the same week."""
    local = db.execute(select(review).where(review.c.uuid == record.uuid)).first()
    if local is None:
        local = db.execute(select(review).where(review.c.week == record.week)).first()
    if local is None:
        local = db.execute(
            insert(review)
            .values(
                uuid=record.uuid,
                week=record.week,
                start=record.start,
                end=record.end,
                created_at=record.created_at,
                updated_at=record.updated_at,
            )
            .returning(*review.c)
        ).one()
    else:
        # Both journals settle on the same uuid for the week's one review.
        db.execute(
            update(review)
            .where(review.c.id == local.id)
            .values(
                uuid=min(local.uuid, record.uuid),
                created_at=min(local.created_at, record.created_at),
                updated_at=max(local.updated_at, record.updated_at),
            )
        )
    profiles = _participants(db, record.participants, now=now)
    taking_part = set(
        db.execute(
            select(review_participant.c.profile_id).where(
                review_participant.c.review_id == local.id
            )
        ).scalars()
    )
    for profile_id in profiles.values():
        if profile_id not in taking_part:
            db.execute(insert(review_participant).values(review_id=local.id, profile_id=profile_id))
            taking_part.add(profile_id)
    wanted = [line.uuid for line in record.lines]
    held = {
        row.uuid: row
        for row in db.execute(select(review_line).where(review_line.c.uuid.in_(wanted)))
    }
    entries = {
        row.uuid: row.id
        for row in db.execute(
            select(entry_table.c.id, entry_table.c.uuid).where(
                entry_table.c.uuid.in_([line.entry for line in record.lines if line.entry])
            )
        )
    }
    for line in record.lines:
        values = {
            "section": line.section,
            "position": line.position,
            "profile_id": profiles.get(line.who) if line.who else None,
            "text": line.text,
            "question": line.question,
            "outcome": line.outcome,
            "entry_id": entries.get(line.entry) if line.entry else None,
            "removed": line.removed,
            "updated_at": line.updated_at,
        }
        mine = held.get(line.uuid)
        if mine is None:
            db.execute(insert(review_line).values(uuid=line.uuid, review_id=local.id, **values))
        elif _later(values, mine):
            db.execute(update(review_line).where(review_line.c.id == mine.id).values(**values))


def _later(theirs: Mapping[str, Any], mine: Any) -> bool:
    """Whether a line's version from the bundle wins over this journal's.

    The later one wins; at the same time, a removal, then the greater text, so
    that both journals choose alike.
    """
    if theirs["updated_at"] != mine.updated_at:
        return bool(theirs["updated_at"] > mine.updated_at)
    return (theirs["removed"], theirs["text"]) > (mine.removed, mine.text)


def link_followups(db: Connection, records: Sequence[ReviewRecord]) -> None:
    """Point each follow-up at its intention, once every line of the bundle is in."""
    follows = {line.uuid: line.follows for record in records for line in record.lines}
    wanted = {uuid for uuid in follows.values() if uuid}
    if not wanted:
        return
    ids = {
        row.uuid: row.id
        for row in db.execute(
            select(review_line.c.id, review_line.c.uuid).where(
                review_line.c.uuid.in_([*wanted, *follows])
            )
        )
    }
    for uuid, followed in follows.items():
        if followed and followed in ids:
            db.execute(
                update(review_line)
                .where(review_line.c.id == ids[uuid])
                .values(follows_id=ids[followed])
            )


def _participants(db: Connection, senders: Iterable[Any], *, now: datetime) -> dict[str, int]:
    """The local profiles of a review's participants, by uuid; a new one is imported."""
    found: dict[str, int] = {}
    for sent in senders:
        known = db.execute(select(profile_table).where(profile_table.c.uuid == sent.uuid)).first()
        if known is None:
            name = clean_name(sent.name)
            if lookup_profile(db, name) is not None:
                raise ConnectlogError(messages.BUNDLE_CLASH.format(name=name))
            known = create_profile(db, name, now=now, uuid=sent.uuid, imported=True)
        found[sent.uuid] = known.id
    return found


def _sender(db: Connection, bundle: ShareBundle, *, name: str | None, now: datetime) -> Profile:
    """The local profile of the bundle's writer: found by uuid, or made, never mistaken.

    A writer who renamed themselves is renamed here too, unless this journal
    gave them a name of its own.
    """
    uuid, sent_name = bundle.profile.uuid, clean_name(bundle.profile.name)
    known = db.execute(select(profile_table).where(profile_table.c.uuid == uuid)).first()
    if known is not None:
        if not known.imported:
            raise ConnectlogError(messages.BUNDLE_OWN.format(name=known.name))
        if known.sent_name == sent_name:
            return known
        values: dict[str, Any] = {"sent_name": sent_name}
        named_here = known.sent_name is not None and known.name != known.sent_name
        clash = lookup_profile(db, sent_name)
        if not named_here and (clash is None or clash.id == known.id):
            values |= {"name": sent_name, "key": sent_name.casefold()}
        return db.execute(
            update(profile_table)
            .where(profile_table.c.id == known.id)
            .values(**values)
            .returning(*profile_table.c)
        ).one()
    local_name = clean_name(name) if name else sent_name
    clash = lookup_profile(db, local_name)
    if clash is not None:
        raise ConnectlogError(messages.BUNDLE_CLASH.format(name=local_name))
    made = create_profile(db, local_name, now=now, uuid=uuid, imported=True)
    return db.execute(
        update(profile_table)
        .where(profile_table.c.id == made.id)
        .values(sent_name=sent_name)
        .returning(*profile_table.c)
    ).one()


def _read(text: str, *, now: datetime) -> ShareBundle:
    """The bundle in ``text``, read through the models and checked whole.

    Beyond each field's rules, what no honest bundle holds: entries or
    removals outside the span it claims, times ahead of this clock by more
    than :data:`CLOCK_SKEW`, a uuid twice, an entry updated before it was made.
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # ValueError: also numbers of 4,300+ digits
        reason = "nested too deep" if isinstance(exc, RecursionError) else exc
        raise ConnectlogError(messages.BUNDLE_BROKEN.format(reason=reason)) from exc
    if not isinstance(data, dict) or data.get("type") != TYPE:
        raise ConnectlogError(messages.BUNDLE_NOT_SHARE)
    if data.get("version") not in (1, VERSION):
        shown = json.dumps(data.get("version"))[:20]
        raise ConnectlogError(messages.BUNDLE_VERSION.format(version=shown))
    # Only a bundle import pays for pydantic; the everyday commands never load it.
    from pydantic import ValidationError

    from connectlog.models import ShareBundle, ShareBundleV1, refusal

    try:
        if data["version"] == 1:
            bundle = ShareBundleV1.model_validate(data).upgraded()
        else:
            bundle = ShareBundle.model_validate(data)
    except ValidationError as error:
        raise ConnectlogError(refusal(error, source=SOURCE)) from error
    try:
        clean_name(bundle.profile.name)
    except ConnectlogError as error:
        raise ConnectlogError(_refused("The bundle", error)) from error
    _check_whole(bundle, now=now)
    return bundle


def _check_whole(bundle: ShareBundle, *, now: datetime) -> None:
    """Refuse what each record's fields allow but the bundle as a whole cannot hold."""
    span = bundle.span
    latest = now + CLOCK_SKEW

    def refuse(where: str, problem: str) -> None:
        raise ConnectlogError(messages.RECORD_REFUSED.format(where=where, problem=problem))

    def not_ahead(where: str, field: str, moment: datetime) -> None:
        if moment > latest:
            refuse(where, messages.FIELD_FUTURE.format(field=field, value=moment.isoformat()))

    if span.end < span.start:
        refuse("The bundle", messages.FIELD_SPAN.format(start=span.start, end=span.end))
    not_ahead("The bundle", "created_at", bundle.created_at)
    first, last = changed_between(Period(span.label, span.start, span.end))
    seen: set[str] = set()
    dated = [
        *(
            (f"Entry {n} of {SOURCE}", r.uuid, r.occurred_at.date(), r)
            for n, r in _numbered(bundle.entries)
        ),
        *(
            (f"Removal {n} of {SOURCE}", r.uuid, r.local_date, r)
            for n, r in _numbered(bundle.removals)
        ),
    ]
    for where, uuid, day, record in dated:
        if uuid in seen:
            refuse(where, messages.FIELD_DUPLICATE.format(uuid=uuid))
        seen.add(uuid)
        changed = getattr(record, "updated_at", None) or record.removed_at
        if day not in Period(span.label, span.start, span.end) and not first <= changed < last:
            refuse(
                where,
                messages.FIELD_OUTSIDE_SPAN.format(day=day, start=span.start, end=span.end),
            )
    for where, _, _, record in dated:
        for field in ("occurred_at", "created_at", "updated_at", "removed_at"):
            if hasattr(record, field):
                not_ahead(where, field, getattr(record, field))
        if hasattr(record, "created_at") and record.updated_at < record.created_at:
            refuse(
                where,
                messages.FIELD_BEFORE_CREATED.format(
                    updated=record.updated_at.isoformat(), created=record.created_at.isoformat()
                ),
            )
    lines: set[str] = set()
    for number, sent in _numbered(bundle.reviews):
        where = f"Review {number} of {SOURCE}"
        if sent.uuid in seen:
            refuse(where, messages.FIELD_DUPLICATE.format(uuid=sent.uuid))
        seen.add(sent.uuid)
        not_ahead(where, "updated_at", sent.updated_at)
        for line in sent.lines:
            if line.uuid in lines:
                refuse(where, messages.FIELD_DUPLICATE.format(uuid=line.uuid))
            lines.add(line.uuid)
            not_ahead(where, "updated_at", line.updated_at)


def _numbered(records: Sequence[Any]) -> Iterable[tuple[int, Any]]:
    return enumerate(records, start=1)


def _draft(record: EntryRecord, *, where: str) -> EntryDraft:
    """What placing a valid record needs, its names in the forms they are stored in."""
    try:
        people = tuple(clean_name(name) for name in record.people)
        concepts = tuple(concept_key(name) for name in record.concepts)
    except ConnectlogError as error:
        raise ConnectlogError(_refused(where, error)) from error
    fields = record.model_dump(include=set(EntryDraft.__dataclass_fields__))
    return EntryDraft(**{**fields, "people": people, "concepts": concepts})


def _refused(where: str, error: ConnectlogError) -> str:
    return messages.RECORD_REFUSED.format(where=where, problem=str(error))
