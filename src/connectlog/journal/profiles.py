"""Profiles: the writers who share a journal."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from connectlog import messages
from connectlog.errors import NotFoundError
from connectlog.journal.people import clean_name
from connectlog.storage.models import Profile

#: The profile a journal writes as until the writer names one.
DEFAULT_PROFILE = "me"


def ensure_profile(session: Session, name: str, *, now: datetime) -> Profile:
    """The profile called ``name``, created on first use."""
    name = clean_name(name)
    profile = session.exec(select(Profile).where(Profile.key == name.casefold())).first()
    if profile is None:
        profile = Profile(name=name, key=name.casefold(), created_at=now)
        session.add(profile)
        session.flush()
    return profile


def find_profile(session: Session, name: str) -> Profile:
    """An existing profile; an error listing the journal's profiles if there is none."""
    wanted = clean_name(name)
    profile = session.exec(select(Profile).where(Profile.key == wanted.casefold())).first()
    if profile is None:
        names = ", ".join(sorted(session.exec(select(Profile.name)))) or "none yet"
        raise NotFoundError(messages.UNKNOWN_PROFILE.format(name=wanted, names=names))
    return profile
