"""Profiles: the writers who share a journal, and the partners whose weeks come in bundles.

A journal's first writer is made without asking, named after the login
user. Each profile has a uuid that travels with its shared weeks, and may
have aliases: the names others use for it in their entries ("Lex" is Alex).
"""

from __future__ import annotations

import getpass
import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select

from connectlog import messages
from connectlog.errors import ConnectlogError, NotFoundError
from connectlog.journal.people import clean_name
from connectlog.storage.tables import entry, profile, profile_alias

#: A profile's row: id, uuid, name, key, imported, created_at.
Profile = Row[Any]

#: The name of a first profile when the login name cannot be read.
FALLBACK_PROFILE = "me"


@dataclass(frozen=True)
class ProfileInfo:
    name: str
    aliases: tuple[str, ...]
    imported: bool  # a partner's, come in with a shared bundle
    entries: int
    default: bool  # the one this journal writes as when no profile is named


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


def writer(db: Connection, *, chosen: str | None, now: datetime) -> Profile:
    """Who is writing: the profile ``chosen`` names, else the default, made on first use."""
    if chosen:
        return find_profile(db, chosen)
    return default_profile(db) or ensure_profile(db, login_name(), now=now)


def add_profile(
    db: Connection, *, name: str, aliases: Iterable[str] = (), now: datetime
) -> ProfileInfo:
    """A new writer in this journal, with the other names entries may call them."""
    name = clean_name(name)
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
    alias = clean_name(alias)
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
