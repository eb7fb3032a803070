"""Concepts: finding them by name or alias, listing, adding, explaining."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from connectlog import messages
from connectlog.errors import ConnectlogError, InvalidInputError
from connectlog.storage.models import Concept, ConceptAlias, EntryConcept

_NAME = re.compile(r"[^\W\d_][\w-]*")


@dataclass(frozen=True)
class ConceptInfo:
    name: str
    meaning: str
    systems: str
    questions: tuple[str, ...]
    aliases: tuple[str, ...]
    builtin: bool
    count: int


class UnknownConceptError(InvalidInputError):
    """A concept name that matches no concept or alias."""


def concept_key(raw: str, *, what: str = "concept") -> str:
    """The stored form of a concept name or alias: lowercase, no leading ``#``."""
    key = raw.strip().lstrip("#").casefold().replace(" ", "-")
    if not _NAME.fullmatch(key):
        raise InvalidInputError(messages.BAD_NAME.format(name=raw, what=what))
    return key


def resolve_concepts(session: Session, names: Iterable[str]) -> list[Concept]:
    """The concepts ``names`` refer to, by name or alias, without repeats.

    An unknown name raises :class:`UnknownConceptError` naming the closest
    existing concepts.
    """
    found: dict[int, Concept] = {}
    for raw in names:
        concept = _lookup(session, concept_key(raw))
        if concept is None:
            raise UnknownConceptError(_unknown_message(session, raw))
        assert concept.id is not None
        found.setdefault(concept.id, concept)
    return list(found.values())


def ensure_concepts(session: Session, names: Iterable[str], *, now: datetime) -> list[Concept]:
    """The concepts called ``names`` (names, not aliases), each made if this journal lacks it.

    For entries that come from another journal, whose writer may have
    concepts of their own.
    """
    found: dict[str, Concept] = {}
    for raw in names:
        key = concept_key(raw)
        concept = _lookup(session, key)
        if concept is None:
            concept = Concept(name=key, created_at=now)
            session.add(concept)
            session.flush()
        found.setdefault(concept.name, concept)
    return list(found.values())


def _lookup(session: Session, key: str) -> Concept | None:
    concept = session.exec(select(Concept).where(Concept.name == key)).first()
    if concept is not None:
        return concept
    return session.exec(select(Concept).join(ConceptAlias).where(ConceptAlias.alias == key)).first()


def _unknown_message(session: Session, raw: str) -> str:
    name = raw.strip().lstrip("#")
    names = list(session.exec(select(Concept.name)))
    aliases = dict(session.exec(select(ConceptAlias.alias, Concept.name).join(Concept)).all())
    close = difflib.get_close_matches(name.casefold(), [*names, *aliases], n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(aliases.get(word, word) for word in close))
    if suggestions:
        hint = messages.DID_YOU_MEAN.format(names=" or ".join(suggestions), name=name)
    else:
        hint = messages.SEE_CONCEPTS.format(name=name)
    return messages.UNKNOWN_CONCEPT.format(name=name, hint=hint)


def list_concepts(session: Session) -> list[ConceptInfo]:
    """Every concept with how many entries use it, most used first, then by name."""
    counts = dict(
        session.exec(
            select(EntryConcept.concept_id, func.count()).group_by(col(EntryConcept.concept_id))
        ).all()
    )
    aliases = _aliases_by_concept(session)
    infos = [
        _info(concept, aliases.get(concept.id or 0, ()), counts.get(concept.id or 0, 0))
        for concept in session.exec(select(Concept))
    ]
    return sorted(infos, key=lambda info: (-info.count, info.name))


def get_concept(session: Session, name: str) -> ConceptInfo:
    """One concept, found by name or alias."""
    (concept,) = resolve_concepts(session, [name])
    count = session.exec(select(func.count()).where(EntryConcept.concept_id == concept.id)).one()
    aliases = _aliases_by_concept(session).get(concept.id or 0, ())
    return _info(concept, aliases, count)


def add_concept(
    session: Session,
    *,
    name: str,
    aliases: Iterable[str] = (),
    meaning: str = "",
    now: datetime,
) -> ConceptInfo:
    """A new concept of the writer's own, with optional aliases and meaning."""
    key = concept_key(name)
    alias_keys = list(dict.fromkeys(concept_key(alias, what="alias") for alias in aliases))
    for word in [key, *alias_keys]:
        existing = _lookup(session, word)
        if existing is not None and existing.name == word:
            raise ConnectlogError(messages.CONCEPT_NAME_EXISTS.format(name=word))
        if existing is not None:
            raise ConnectlogError(messages.CONCEPT_EXISTS.format(name=word, concept=existing.name))
    if key in alias_keys:
        alias_keys.remove(key)
    concept = Concept(name=key, meaning=" ".join(meaning.split()), created_at=now)
    session.add(concept)
    session.flush()
    assert concept.id is not None
    for alias in alias_keys:
        session.add(ConceptAlias(concept_id=concept.id, alias=alias))
    session.flush()
    return _info(concept, tuple(alias_keys), 0)


def concept_names(session: Session) -> list[str]:
    """Every concept's name, for offering in a prompt."""
    return sorted(session.exec(select(Concept.name)))


def _aliases_by_concept(session: Session) -> dict[int, tuple[str, ...]]:
    grouped: dict[int, list[str]] = {}
    for concept_id, alias in session.exec(
        select(ConceptAlias.concept_id, ConceptAlias.alias).order_by(ConceptAlias.alias)
    ):
        grouped.setdefault(concept_id, []).append(alias)
    return {concept_id: tuple(names) for concept_id, names in grouped.items()}


def _info(concept: Concept, aliases: tuple[str, ...], count: int) -> ConceptInfo:
    return ConceptInfo(
        name=concept.name,
        meaning=concept.meaning,
        systems=concept.systems,
        questions=tuple(line for line in concept.questions.splitlines() if line.strip()),
        aliases=aliases,
        builtin=concept.builtin,
        count=count,
    )
