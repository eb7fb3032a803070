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
from datetime import UTC, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from connectlog import messages
from connectlog.errors import ConnectlogError, NotFoundError
from connectlog.journal.people import clean_name
from connectlog.storage.models import Entry, Profile, ProfileAlias

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
    session: Session,
    name: str,
    *,
    now: datetime,
    uuid: str | None = None,
    imported: bool = False,
) -> Profile:
    """The profile called ``name`` (or one of its aliases), created on first use."""
    name = clean_name(name)
    return lookup_profile(session, name) or create_profile(
        session, name, now=now, uuid=uuid, imported=imported
    )


def create_profile(
    session: Session,
    name: str,
    *,
    now: datetime,
    uuid: str | None = None,
    imported: bool = False,
) -> Profile:
    """A new profile; the caller has made sure no profile goes by ``name``."""
    profile = Profile(
        uuid=uuid or str(uuidlib.uuid4()),
        name=name,
        key=name.casefold(),
        imported=imported,
        created_at=now.astimezone(UTC),
    )
    session.add(profile)
    session.flush()
    return profile


def find_profile(session: Session, name: str) -> Profile:
    """An existing profile, by name or alias; an error listing the journal's profiles if none."""
    wanted = clean_name(name)
    profile = lookup_profile(session, wanted)
    if profile is None:
        names = ", ".join(sorted(session.exec(select(Profile.name)))) or "none yet"
        raise NotFoundError(messages.UNKNOWN_PROFILE.format(name=wanted, names=names))
    return profile


def lookup_profile(session: Session, name: str) -> Profile | None:
    """The profile ``name`` names, by name or alias, if any."""
    key = name.casefold()
    profile = session.exec(select(Profile).where(Profile.key == key)).first()
    if profile is None:
        profile = session.exec(
            select(Profile).join(ProfileAlias).where(ProfileAlias.key == key)
        ).first()
    return profile


def default_profile(session: Session) -> Profile | None:
    """The journal's first own (not imported) profile: who writes when no one is named."""
    return session.exec(
        select(Profile).where(col(Profile.imported).is_(False)).order_by(col(Profile.id))
    ).first()


def writer(session: Session, *, chosen: str | None, now: datetime) -> Profile:
    """Who is writing: the profile ``chosen`` names, else the default, made on first use."""
    if chosen:
        return find_profile(session, chosen)
    return default_profile(session) or ensure_profile(session, login_name(), now=now)


def add_profile(
    session: Session, *, name: str, aliases: Iterable[str] = (), now: datetime
) -> ProfileInfo:
    """A new writer in this journal, with the other names entries may call them."""
    name = clean_name(name)
    existing = lookup_profile(session, name)
    if existing is not None:
        raise ConnectlogError(messages.PROFILE_EXISTS.format(name=existing.name))
    profile = ensure_profile(session, name, now=now)
    for alias in aliases:
        add_alias(session, profile=profile.name, alias=alias)
    return next(info for info in list_profiles(session) if info.name == profile.name)


def add_alias(session: Session, *, profile: str, alias: str) -> tuple[str, str]:
    """Let ``alias`` name ``profile`` in entries and options: the alias and profile as stored."""
    found = find_profile(session, profile)
    alias = clean_name(alias)
    taken = lookup_profile(session, alias)
    if taken is not None:
        raise ConnectlogError(messages.ALIAS_TAKEN.format(alias=alias, name=taken.name))
    assert found.id is not None
    session.add(ProfileAlias(profile_id=found.id, name=alias, key=alias.casefold()))
    session.flush()
    return alias, found.name


def list_profiles(session: Session) -> list[ProfileInfo]:
    """Every profile, the journal's own first, with aliases and entry counts."""
    counts = dict(
        session.exec(
            select(Entry.author_id, func.count(col(Entry.id))).group_by(col(Entry.author_id))
        ).all()
    )
    aliases = aliases_by_profile(session)
    default = default_profile(session)
    profiles = session.exec(select(Profile).order_by(col(Profile.imported), col(Profile.id)))
    return [
        ProfileInfo(
            name=profile.name,
            aliases=tuple(aliases.get(profile.id or 0, ())),
            imported=profile.imported,
            entries=counts.get(profile.id or 0, 0),
            default=default is not None and profile.id == default.id,
        )
        for profile in profiles
    ]


def aliases_by_profile(session: Session) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for profile_id, name in session.exec(
        select(ProfileAlias.profile_id, ProfileAlias.name).order_by(col(ProfileAlias.key))
    ):
        grouped.setdefault(profile_id, []).append(name)
    return grouped
