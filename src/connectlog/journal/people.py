"""People entries are with: finding, creating, listing, renaming, merging."""

from __future__ import annotations

import difflib
import re
import shlex
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from connectlog import messages
from connectlog.errors import ConnectlogError, InvalidInputError, NotFoundError
from connectlog.journal import vocab
from connectlog.journal.tags import _PERSON, _WORD, person_name, unique_folded
from connectlog.journal.types.infos import PersonInfo
from connectlog.storage.tables import entry, entry_person, person, profile

#: A person's row: id, name, key, created_at.
Person = Row[Any]


def clean_name(raw: str) -> str:
    """A person's name as stored: spaces folded, no leading ``@`` or brackets."""
    name = person_name(raw)
    if not name:
        raise InvalidInputError(messages.EMPTY_PERSON)
    return name


def split_names(values: Iterable[str]) -> tuple[str, ...]:
    """Names given as options, each possibly a comma-separated list."""
    names = [clean_name(part) for value in values for part in value.split(",") if part.strip()]
    return unique_folded(names)


def new_name(raw: str) -> str:
    """A name for someone new, as stored: :func:`clean_name`, and no longer than a name may be.

    Names already in a journal are looked up as they are, however long.
    """
    return vocab.short_name(clean_name(raw), what=messages.PERSON_NAME)


def ensure_people(db: Connection, names: Iterable[str], *, now: datetime) -> list[Person]:
    """The people called ``names``, created if new; matched case-insensitively."""
    people = []
    for name in unique_folded([clean_name(name) for name in names]):
        row = _by_key(db, name.casefold())
        if row is None:
            new_name(name)
            row = db.execute(
                insert(person)
                .values(name=name, key=name.casefold(), created_at=now)
                .returning(*person.c)
            ).one()
        people.append(row)
    return people


def _by_key(db: Connection, key: str) -> Person | None:
    return db.execute(select(person).where(person.c.key == key)).first()


def find_person(db: Connection, name: str) -> Person:
    """An existing person; an error naming the closest names if there is none."""
    wanted = clean_name(name)
    found = _by_key(db, wanted.casefold())
    if found is not None:
        return found
    names = list(db.execute(select(person.c.name)).scalars())
    close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.6)
    if close:
        hint = messages.DID_YOU_MEAN_PERSON.format(names=" or ".join(close))
    else:
        hint = messages.SEE_PEOPLE
    raise NotFoundError(messages.UNKNOWN_PERSON.format(name=wanted, hint=hint))


def list_people(db: Connection) -> list[PersonInfo]:
    """Everyone in the journal with their entry count and last day together."""
    rows = db.execute(
        select(person.c.name, func.count(entry.c.id), func.max(entry.c.local_date))
        .outerjoin(entry_person, entry_person.c.person_id == person.c.id)
        .outerjoin(entry, entry.c.id == entry_person.c.entry_id)
        .group_by(person.c.id)
    ).all()
    people = [PersonInfo(name=name, count=count, last_seen=last) for name, count, last in rows]
    return sorted(people, key=lambda person: (-person.count, person.name.casefold()))


def rename_person(db: Connection, *, old: str, new: str, now: datetime) -> str:
    """Give someone a new name (or new capitalisation); returns the new name.

    ``@mentions`` of the old name in their entries' texts are renamed too, so
    that correcting an entry later does not bring the old name back.
    """
    renamed = find_person(db, old)
    name = new_name(new)
    other = _by_key(db, name.casefold())
    if other is not None and other.id != renamed.id:
        args = shlex.join([renamed.name, other.name])
        raise ConnectlogError(
            messages.PERSON_EXISTS.format(name=other.name, old=renamed.name, args=args)
        )
    _rename_mentions(db, renamed, to=name, now=now)
    db.execute(
        update(person).where(person.c.id == renamed.id).values(name=name, key=name.casefold())
    )
    return name


def merge_people(db: Connection, *, source: str, target: str, now: datetime) -> PersonInfo:
    """Move every entry with ``source`` to ``target`` and remove ``source``.

    ``@mentions`` of ``source`` in those entries become mentions of ``target``.
    """
    moving = find_person(db, source)
    staying = find_person(db, target)
    if moving.id == staying.id:
        raise InvalidInputError(messages.MERGE_SAME.format(name=staying.name))
    _rename_mentions(db, moving, to=staying.name, now=now)
    links = entry_person.c
    already = select(links.entry_id).where(links.person_id == staying.id)
    db.execute(
        delete(entry_person).where(links.person_id == moving.id, links.entry_id.in_(already))
    )
    db.execute(
        update(entry_person).where(links.person_id == moving.id).values(person_id=staying.id)
    )
    db.execute(delete(person).where(person.c.id == moving.id))
    return next(info for info in list_people(db) if info.name == staying.name)


def _rename_mentions(db: Connection, named: Person, *, to: str, now: datetime) -> None:
    """Rewrite ``@person`` as ``@to`` in the texts of ``named``'s entries and stamp them.

    A partner's entries keep the words they wrote: they change only by their bundles.
    """
    texts = db.execute(
        select(entry.c.id, entry.c.text)
        .join(entry_person)
        .join(profile, profile.c.id == entry.c.author_id)
        .where(entry_person.c.person_id == named.id, profile.c.imported.is_(False))
    ).all()
    for entry_id, text in texts:
        db.execute(
            update(entry)
            .where(entry.c.id == entry_id)
            .values(text=_rewrite_mentions(text, key=named.key, to=to), updated_at=now)
        )


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
