"""People entries are with: finding, creating, listing, renaming, merging."""

from __future__ import annotations

import difflib
import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from connectlog import messages
from connectlog.errors import ConnectlogError, InvalidInputError, NotFoundError
from connectlog.journal.tags import _PERSON, _WORD, unique_folded
from connectlog.storage.models import Entry, EntryPerson, Person


@dataclass(frozen=True)
class PersonInfo:
    name: str
    count: int
    last_seen: date | None


def clean_name(raw: str) -> str:
    """A person's name as stored: spaces folded, no leading ``@`` or brackets."""
    name = " ".join(raw.strip().lstrip("@").strip("[]").split())
    if not name:
        raise InvalidInputError(messages.EMPTY_PERSON)
    return name


def split_names(values: Iterable[str]) -> tuple[str, ...]:
    """Names given as options, each possibly a comma-separated list."""
    names = [clean_name(part) for value in values for part in value.split(",") if part.strip()]
    return unique_folded(names)


def ensure_people(session: Session, names: Iterable[str], *, now: datetime) -> list[Person]:
    """The people called ``names``, created if new; matched case-insensitively."""
    people = []
    for name in unique_folded([clean_name(name) for name in names]):
        person = session.exec(select(Person).where(Person.key == name.casefold())).first()
        if person is None:
            person = Person(name=name, key=name.casefold(), created_at=now)
            session.add(person)
            session.flush()
        people.append(person)
    return people


def find_person(session: Session, name: str) -> Person:
    """An existing person; an error naming the closest names if there is none."""
    wanted = clean_name(name)
    person = session.exec(select(Person).where(Person.key == wanted.casefold())).first()
    if person is not None:
        return person
    names = list(session.exec(select(Person.name)))
    close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.6)
    if close:
        hint = messages.DID_YOU_MEAN_PERSON.format(names=" or ".join(close))
    else:
        hint = messages.SEE_PEOPLE
    raise NotFoundError(messages.UNKNOWN_PERSON.format(name=wanted, hint=hint))


def list_people(session: Session) -> list[PersonInfo]:
    """Everyone in the journal with their entry count and last day together."""
    rows = session.exec(
        select(Person.name, func.count(col(Entry.id)), func.max(Entry.local_date))
        .outerjoin(EntryPerson, col(EntryPerson.person_id) == Person.id)
        .outerjoin(Entry, col(Entry.id) == EntryPerson.entry_id)
        .group_by(col(Person.id))
    ).all()
    people = [PersonInfo(name=name, count=count, last_seen=last) for name, count, last in rows]
    return sorted(people, key=lambda person: (-person.count, person.name.casefold()))


def rename_person(session: Session, *, old: str, new: str, now: datetime) -> str:
    """Give someone a new name (or new capitalisation); returns the new name.

    ``@mentions`` of the old name in their entries' texts are renamed too, so
    that correcting an entry later does not bring the old name back.
    """
    person = find_person(session, old)
    name = clean_name(new)
    other = session.exec(select(Person).where(Person.key == name.casefold())).first()
    if other is not None and other.id != person.id:
        args = shlex.join([person.name, other.name])
        raise ConnectlogError(
            messages.PERSON_EXISTS.format(name=other.name, old=person.name, args=args)
        )
    _rename_mentions(session, person, to=name, now=now)
    person.name = name
    person.key = name.casefold()
    session.add(person)
    session.flush()
    return name


def merge_people(session: Session, *, source: str, target: str, now: datetime) -> PersonInfo:
    """Move every entry with ``source`` to ``target`` and remove ``source``.

    ``@mentions`` of ``source`` in those entries become mentions of ``target``.
    """
    moving = find_person(session, source)
    staying = find_person(session, target)
    if moving.id == staying.id:
        raise InvalidInputError(messages.MERGE_SAME.format(name=staying.name))
    _rename_mentions(session, moving, to=staying.name, now=now)
    already = select(EntryPerson.entry_id).where(EntryPerson.person_id == staying.id)
    session.exec(
        delete(EntryPerson).where(
            col(EntryPerson.person_id) == moving.id, col(EntryPerson.entry_id).in_(already)
        )
    )
    session.exec(
        update(EntryPerson)
        .where(col(EntryPerson.person_id) == moving.id)
        .values(person_id=staying.id)
    )
    session.exec(delete(Person).where(col(Person.id) == moving.id))
    session.flush()
    return next(info for info in list_people(session) if info.name == staying.name)


def _rename_mentions(session: Session, person: Person, *, to: str, now: datetime) -> None:
    """Rewrite ``@person`` as ``@to`` in the texts of ``person``'s entries and stamp them."""
    entries = session.exec(
        select(Entry).join(EntryPerson).where(col(EntryPerson.person_id) == person.id)
    )
    for entry in entries:
        entry.text = _rewrite_mentions(entry.text, key=person.key, to=to)
        entry.updated_at = now.astimezone(UTC)
        session.add(entry)


def _rewrite_mentions(text: str, *, key: str, to: str) -> str:
    """``text`` with every mention of the person whose key is ``key`` naming ``to`` instead."""
    if "]" in to:
        return text  # no mention can spell this name; the text stays as written
    plain = re.fullmatch(_WORD, to) is not None and not to.endswith("-")
    mention = f"@{to}" if plain else f"@[{to}]"

    def rewrite(match: re.Match[str]) -> str:
        bracketed, word = match.groups()
        name = " ".join(bracketed.split()) if bracketed else word.rstrip("-")
        if name.casefold() != key:
            return match.group(0)
        return mention + ("" if bracketed else word[len(name) :])

    return _PERSON.sub(rewrite, text)
