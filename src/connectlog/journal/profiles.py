"""Profiles: the writers who share a journal, and the partners whose weeks come in bundles.

A journal's first writer is made on first use, named as the command line
asked (at a terminal) or after the login user. Each profile has a uuid that
travels with its shared weeks, and may have aliases: the names others use for
it in their entries ("Lex" is Alex). A profile can be renamed (its uuid, and
so its entries, aliases, reviews and shared identity, stay) and removed once
nothing it wrote or said would be lost with it.
"""

from __future__ import annotations

import getpass
import unicodedata
import uuid as uuidlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select, union, update

from connectlog import messages
from connectlog.errors import ConnectlogError, InvalidInputError, NotFoundError
from connectlog.journal.people import clean_name
from connectlog.journal.types.infos import ProfileInfo, ProfileRemoved
from connectlog.journal.vocab import NAME_LIMIT
from connectlog.storage.tables import (
    entry,
    profile,
    profile_alias,
    removal,
    review_line,
    review_participant,
)

#: A profile's row: id, uuid, name, key, imported, created_at.
Profile = Row[Any]

#: The name of a first profile when the login name cannot be read.
FALLBACK_PROFILE = "me"


def login_name() -> str:
    """The login user's name, capitalised, as a first profile's name."""
    try:
        name = getpass.getuser().strip()
    except (OSError, KeyError):
        name = ""
    return name[:1].upper() + name[1:] if name else FALLBACK_PROFILE


def ensure_profile(
    db: Connection,
    name: str,
    *,
    now: datetime,
    uuid: str | None = None,
    imported: bool = False,
) -> Profile:
    """The profile called ``name`` (or one of its aliases), created on first use."""
    name = clean_name(name)
    return lookup_profile(db, name) or create_profile(
        db, name, now=now, uuid=uuid, imported=imported
    )


def create_profile(
    db: Connection,
    name: str,
    *,
    now: datetime,
    uuid: str | None = None,
    imported: bool = False,
) -> Profile:
    """A new profile; the caller has made sure no profile goes by ``name``."""
    return db.execute(
        insert(profile)
        .values(
            uuid=uuid or str(uuidlib.uuid4()),
            name=name,
            key=name.casefold(),
            imported=imported,
            created_at=now,
        )
        .returning(*profile.c)
    ).one()


def find_profile(db: Connection, name: str) -> Profile:
    """An existing profile, by name or alias; an error listing the journal's profiles if none."""
    wanted = clean_name(name)
    found = lookup_profile(db, wanted)
    if found is None:
        names = ", ".join(sorted(db.execute(select(profile.c.name)).scalars())) or "none yet"
        raise NotFoundError(messages.UNKNOWN_PROFILE.format(name=wanted, names=names))
    return found


def lookup_profile(db: Connection, name: str) -> Profile | None:
    """The profile ``name`` names, by name or alias, if any."""
    key = name.casefold()
    found = db.execute(select(profile).where(profile.c.key == key)).first()
    if found is None:
        found = db.execute(
            select(profile).join(profile_alias).where(profile_alias.c.key == key)
        ).first()
    return found


def default_profile(db: Connection) -> Profile | None:
    """The journal's first own (not imported) profile: who writes when no one is named."""
    return db.execute(
        select(profile).where(profile.c.imported.is_(False)).order_by(profile.c.id)
    ).first()


def existing_writer(db: Connection, *, chosen: str | None) -> Profile | None:
    """The profile ``chosen`` names, else the default; None in a journal no one wrote in yet.

    For commands that only read: nothing is made.
    """
    return find_profile(db, chosen) if chosen else default_profile(db)


def reader(db: Connection, *, chosen: str | None) -> str:
    """The name of who reads: as :func:`writer` would choose it, without making a profile."""
    found = existing_writer(db, chosen=chosen)
    return found.name if found is not None else login_name()


def writer(
    db: Connection, *, chosen: str | None, now: datetime, first: str | None = None
) -> Profile:
    """Who is writing: the profile ``chosen`` names, else the default, made on first use.

    A first profile is called ``first`` (the name the writer gave when asked),
    else after the login. No one writes as a partner's (imported) profile.
    """
    if chosen:
        return refuse_partner(db, chosen=chosen)
    found = default_profile(db)
    if found is not None:
        return found
    if first is None:
        return ensure_profile(db, login_name(), now=now)
    return add_first(db, name=first, now=now)


def refuse_partner(db: Connection, *, chosen: str) -> Profile:
    """The profile ``chosen`` names, refused if it is a partner's: no one writes as them."""
    named = find_profile(db, chosen)
    if named.imported:
        raise ConnectlogError(messages.PARTNER_WRITES.format(name=named.name))
    return named


def needs_first(db: Connection) -> bool:
    """Whether no one writes in this journal yet: the next writer makes the first profile."""
    return default_profile(db) is None


def check_first(db: Connection, name: str) -> str:
    """``name`` as a first profile's name, checked; an error if it is not one or is taken."""
    name = profile_name(name)
    taken = lookup_profile(db, name)
    if taken is not None:
        raise ConnectlogError(_taken(taken, name))
    return name


def add_first(db: Connection, *, name: str, now: datetime) -> Profile:
    """The journal's first own profile, called ``name``."""
    return create_profile(db, check_first(db, name), now=now)


def profile_name(raw: str) -> str:
    """A profile's name as stored: a person's name, short, with no control character in it.

    A name travels in bundles and is printed in every review, so one that
    could drive the terminal (ESC, BEL, the rest of C0 and C1) is refused.
    """
    name = clean_name(raw)
    if any(unicodedata.category(char) == "Cc" for char in name):
        raise InvalidInputError(messages.PROFILE_NAME_CONTROL)
    if len(name) > NAME_LIMIT:
        raise InvalidInputError(
            messages.PROFILE_NAME_TOO_LONG.format(limit=NAME_LIMIT, length=len(name))
        )
    return name


def _taken(taken: Profile, name: str) -> str:
    """What to say when ``name`` already names the profile ``taken``, by name or alias."""
    if taken.key == name.casefold():
        return messages.PROFILE_EXISTS.format(name=taken.name)
    return messages.ALIAS_TAKEN.format(alias=name, name=taken.name)


def add_profile(
    db: Connection, *, name: str, aliases: Iterable[str] = (), now: datetime
) -> ProfileInfo:
    """A new writer in this journal, with the other names entries may call them."""
    name = profile_name(name)
    existing = lookup_profile(db, name)
    if existing is not None:
        raise ConnectlogError(messages.PROFILE_EXISTS.format(name=existing.name))
    added = ensure_profile(db, name, now=now)
    for alias in aliases:
        add_alias(db, profile=added.name, alias=alias)
    return next(info for info in list_profiles(db) if info.name == added.name)


def add_alias(db: Connection, *, profile: str, alias: str) -> tuple[str, str]:
    """Let ``alias`` name ``profile`` in entries and options: the alias and profile as stored."""
    found = find_profile(db, profile)
    alias = profile_name(alias)
    taken = lookup_profile(db, alias)
    if taken is not None:
        raise ConnectlogError(messages.ALIAS_TAKEN.format(alias=alias, name=taken.name))
    db.execute(insert(profile_alias).values(profile_id=found.id, name=alias, key=alias.casefold()))
    return alias, found.name


def list_profiles(db: Connection) -> list[ProfileInfo]:
    """Every profile, the journal's own first, with aliases and entry counts."""
    counts: dict[int, int] = dict(
        db.execute(
            select(entry.c.author_id, func.count(entry.c.id)).group_by(entry.c.author_id)
        ).all()
    )
    aliases = aliases_by_profile(db)
    default = default_profile(db)
    rows = db.execute(select(profile).order_by(profile.c.imported, profile.c.id))
    return [
        ProfileInfo(
            name=row.name,
            aliases=tuple(aliases.get(row.id, ())),
            imported=row.imported,
            entries=counts.get(row.id, 0),
            default=default is not None and row.id == default.id,
        )
        for row in rows
    ]


def aliases_by_profile(db: Connection) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for profile_id, name in db.execute(
        select(profile_alias.c.profile_id, profile_alias.c.name).order_by(profile_alias.c.key)
    ):
        grouped.setdefault(profile_id, []).append(name)
    return grouped


def rename_profile(db: Connection, *, old: str, new: str) -> tuple[str, ProfileInfo]:
    """Give the profile ``old`` names (by name or alias) the name ``new``: its old name, and it.

    Only the name changes: the uuid, and with it the entries, aliases, reviews
    and the identity its bundles carry, stay. An alias the new name equals is
    dropped, the name taking its place. Renaming a partner's profile changes
    what this journal calls them; their bundles still find it by its uuid.
    """
    found = find_profile(db, old)
    name = profile_name(new)
    taken = lookup_profile(db, name)
    if taken is not None and taken.id != found.id:
        raise ConnectlogError(_taken(taken, name))
    if name != found.name:
        db.execute(
            delete(profile_alias).where(
                profile_alias.c.profile_id == found.id, profile_alias.c.key == name.casefold()
            )
        )
        db.execute(
            update(profile).where(profile.c.id == found.id).values(name=name, key=name.casefold())
        )
    return found.name, next(info for info in list_profiles(db) if info.name == name)


def remove_profile(
    db: Connection,
    *,
    name: str,
    reassign: str | None = None,
    with_entries: bool = False,
    now: datetime,
) -> ProfileRemoved:
    """Remove the profile ``name`` names, once nothing it wrote or said is lost with it.

    A profile that wrote entries or took part in reviews is refused, unless
    ``reassign`` names another of the journal's own profiles: its entries, its
    places in reviews and what it said in them move there first (the entries
    stamped ``now``, so their next bundle carries the new author). A partner's
    (imported) profile never gives or takes entries, since each entry belongs
    to its author; with ``with_entries`` it goes with its entries, which a
    newer bundle from the partner brings back. The caller's transaction makes
    it all or nothing.
    """
    if reassign is not None and with_entries:
        raise InvalidInputError(messages.REASSIGN_OR_WITH)
    found = find_profile(db, name)
    target = find_profile(db, reassign) if reassign is not None else None
    if with_entries and not found.imported:
        raise ConnectlogError(messages.WITH_ENTRIES_OWN.format(name=found.name))
    if target is not None:
        if target.id == found.id:
            raise InvalidInputError(messages.REASSIGN_SAME.format(name=found.name))
        partner = found if found.imported else target if target.imported else None
        if partner is not None:
            raise ConnectlogError(messages.REASSIGN_PARTNER.format(name=partner.name))
    entries, reviews = _uses(db, found.id)
    if (entries or reviews) and target is None and not with_entries:
        what = usage(entries=entries, reviews=reviews)
        refusal = messages.PARTNER_IN_USE if found.imported else messages.PROFILE_IN_USE
        raise ConnectlogError(refusal.format(name=found.name, what=what))
    was_default = default_profile(db)
    names = (found.name, *aliases_by_profile(db).get(found.id, ()))
    if target is not None:
        _move(db, source=found.id, target=target.id, now=now)
    elif with_entries:
        db.execute(delete(entry).where(entry.c.author_id == found.id))
    db.execute(delete(profile).where(profile.c.id == found.id))
    default = None
    if was_default is not None and was_default.id == found.id:
        now_default = default_profile(db)
        default = now_default.name if now_default is not None else None
    return ProfileRemoved(
        name=found.name,
        names=names,
        imported=found.imported,
        entries=entries,
        reviews=reviews,
        target=target.name if target is not None else None,
        default=default,
    )


def usage(*, entries: int, reviews: int) -> str:
    """What a profile did, in words: "wrote 3 entries and took part in 1 review"."""
    parts = []
    if entries:
        parts.append(
            messages.PROFILE_WROTE.format(entries=messages.count(entries, "entry", "entries"))
        )
    if reviews:
        parts.append(
            messages.PROFILE_REVIEWED.format(reviews=messages.count(reviews, "review", "reviews"))
        )
    return " and ".join(parts)


def _uses(db: Connection, profile_id: int) -> tuple[int, int]:
    """How many entries the profile wrote, and how many reviews it took part or spoke in."""
    entries = db.execute(
        select(func.count()).select_from(entry).where(entry.c.author_id == profile_id)
    ).scalar_one()
    in_reviews = union(
        select(review_participant.c.review_id).where(review_participant.c.profile_id == profile_id),
        select(review_line.c.review_id).where(review_line.c.profile_id == profile_id),
    ).subquery()
    reviews = db.execute(select(func.count()).select_from(in_reviews)).scalar_one()
    return entries, reviews


def _move(db: Connection, *, source: int, target: int, now: datetime) -> None:
    """Give ``target`` what ``source`` wrote and said: entries, places in reviews, review
    lines, and the record of the shared entries it took back."""
    db.execute(
        update(entry).where(entry.c.author_id == source).values(author_id=target, updated_at=now)
    )
    seats = review_participant.c
    both = select(seats.review_id).where(seats.profile_id == target)
    db.execute(
        delete(review_participant).where(seats.profile_id == source, seats.review_id.in_(both))
    )
    db.execute(
        update(review_participant).where(seats.profile_id == source).values(profile_id=target)
    )
    # A moved line is a change like any other: a partner's copy of the review follows.
    db.execute(
        update(review_line)
        .where(review_line.c.profile_id == source)
        .values(profile_id=target, updated_at=now)
    )
    # What source took back stays taken back, now as target's, so that bundles still carry it.
    db.execute(update(removal).where(removal.c.author_id == source).values(author_id=target))
