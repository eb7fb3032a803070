"""Concepts: finding them by name or alias, listing, adding, explaining."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select

from connectlog import messages
from connectlog.errors import ConnectlogError, InvalidInputError
from connectlog.journal import vocab
from connectlog.journal.types.infos import ConceptInfo
from connectlog.storage.tables import concept, concept_alias, entry_concept

#: A concept's row: id, name, meaning, systems, questions, builtin, created_at.
Concept = Row[Any]

_NAME = re.compile(r"[^\W\d_][\w-]*")


class UnknownConceptError(InvalidInputError):
    """A concept name that matches no concept or alias."""


def concept_key(raw: str, *, what: str = "concept") -> str:
    """The stored form of a concept name or alias: lowercase, no leading ``#``."""
    key = raw.strip().lstrip("#").casefold().replace(" ", "-")
    if not _NAME.fullmatch(key):
        raise InvalidInputError(messages.BAD_NAME.format(name=raw, what=what))
    return key


def new_key(raw: str, *, what: str = "concept") -> str:
    """:func:`concept_key` for a new concept or alias: no longer than a name may be."""
    key = concept_key(raw, what=what)
    field = messages.CONCEPT_ALIAS if what == "alias" else messages.CONCEPT_NAME
    return vocab.short_name(key, what=field)


def resolve_concepts(
    db: Connection, names: Iterable[str], *, made_at: datetime | None = None
) -> list[Concept]:
    """The concepts ``names`` refer to, by name or alias, without repeats.

    An unknown name raises :class:`UnknownConceptError` naming the closest
    existing concepts, unless ``made_at`` is given: then it becomes a new
    concept, made then.
    """
    found: dict[int, Concept] = {}
    for raw in names:
        key = concept_key(raw)
        row = _lookup(db, key)
        if row is None:
            name = new_key(raw)  # a name no concept can have says so, rather than how to make it
            if made_at is None:
                raise UnknownConceptError(_unknown_message(db, raw))
            row = _create(db, name=name, now=made_at)
        found.setdefault(row.id, row)
    return list(found.values())


def missing_concepts(db: Connection, names: Iterable[str]) -> dict[str, list[str]]:
    """The names among ``names`` no concept or alias has, each with the closest concepts."""
    missing: dict[str, list[str]] = {}
    for raw in names:
        if _lookup(db, concept_key(raw)) is None:
            missing.setdefault(new_key(raw), _closest(db, raw))
    return missing


def ensure_concepts(db: Connection, names: Iterable[str], *, now: datetime) -> list[Concept]:
    """The concepts called ``names`` (names, not aliases), each made if this journal lacks it.

    For entries that come from another journal, whose writer may have
    concepts of their own.
    """
    found: dict[str, Concept] = {}
    for raw in names:
        key = concept_key(raw)
        row = _lookup(db, key)
        if row is None:
            row = _create(db, name=new_key(raw), now=now)
        found.setdefault(row.name, row)
    return list(found.values())


def _create(db: Connection, *, name: str, now: datetime, meaning: str = "") -> Concept:
    return db.execute(
        insert(concept).values(name=name, meaning=meaning, created_at=now).returning(*concept.c)
    ).one()


def _lookup(db: Connection, key: str) -> Concept | None:
    row = db.execute(select(concept).where(concept.c.name == key)).first()
    if row is not None:
        return row
    return db.execute(
        select(concept).join(concept_alias).where(concept_alias.c.alias == key)
    ).first()


def _closest(db: Connection, raw: str) -> list[str]:
    """Up to three concepts whose names or aliases look like ``raw``."""
    name = raw.strip().lstrip("#")
    names: list[str] = list(db.execute(select(concept.c.name)).scalars())
    aliases: dict[str, str] = dict(
        db.execute(select(concept_alias.c.alias, concept.c.name).join(concept)).all()
    )
    close = difflib.get_close_matches(name.casefold(), [*names, *aliases], n=3, cutoff=0.6)
    return list(dict.fromkeys(aliases.get(word, word) for word in close))


def _unknown_message(db: Connection, raw: str) -> str:
    name = raw.strip().lstrip("#")
    suggestions = _closest(db, raw)
    if suggestions:
        hint = messages.DID_YOU_MEAN.format(names=" or ".join(suggestions), name=name)
    else:
        hint = messages.SEE_CONCEPTS.format(name=name)
    return messages.UNKNOWN_CONCEPT.format(name=name, hint=hint)


def list_concepts(db: Connection) -> list[ConceptInfo]:
    """Every concept with how many entries use it, most used first, then by name."""
    counts: dict[int, int] = dict(
        db.execute(
            select(entry_concept.c.concept_id, func.count()).group_by(entry_concept.c.concept_id)
        ).all()
    )
    aliases = _aliases_by_concept(db)
    infos = [
        _info(row, aliases.get(row.id, ()), counts.get(row.id, 0))
        for row in db.execute(select(concept))
    ]
    return sorted(infos, key=lambda info: (-info.count, info.name))


def get_concept(db: Connection, name: str) -> ConceptInfo:
    """One concept, found by name or alias."""
    (row,) = resolve_concepts(db, [name])
    count = db.execute(
        select(func.count()).where(entry_concept.c.concept_id == row.id)
    ).scalar_one()
    aliases = _aliases_by_concept(db).get(row.id, ())
    return _info(row, aliases, count)


def concepts_naming(db: Connection, words: str) -> list[ConceptInfo]:
    """The concepts whose systems name ``words`` (in any case), ordered as :func:`list_concepts`.

    What ``learn`` offers for a word that is no concept: ``learn oxytocin``.
    """
    wanted = " ".join(words.split()).casefold()
    if not wanted:
        return []
    return [
        info for info in list_concepts(db) if wanted in " ".join(info.systems.split()).casefold()
    ]


def add_concept(
    db: Connection,
    *,
    name: str,
    aliases: Iterable[str] = (),
    meaning: str = "",
    now: datetime,
) -> ConceptInfo:
    """A new concept of the writer's own, with optional aliases and meaning."""
    key = new_key(name)
    alias_keys = list(dict.fromkeys(new_key(alias, what="alias") for alias in aliases))
    for word in [key, *alias_keys]:
        existing = _lookup(db, word)
        if existing is not None and existing.name == word:
            raise ConnectlogError(messages.CONCEPT_NAME_EXISTS.format(name=word))
        if existing is not None:
            raise ConnectlogError(messages.CONCEPT_EXISTS.format(name=word, concept=existing.name))
    if key in alias_keys:
        alias_keys.remove(key)
    row = _create(db, name=key, meaning=" ".join(meaning.split()), now=now)
    if alias_keys:
        db.execute(
            insert(concept_alias), [{"concept_id": row.id, "alias": alias} for alias in alias_keys]
        )
    return _info(row, tuple(alias_keys), 0)


def concept_names(db: Connection) -> list[str]:
    """Every concept's name, for offering in a prompt."""
    return sorted(db.execute(select(concept.c.name)).scalars())


def _aliases_by_concept(db: Connection) -> dict[int, tuple[str, ...]]:
    grouped: dict[int, list[str]] = {}
    for concept_id, alias in db.execute(
        select(concept_alias.c.concept_id, concept_alias.c.alias).order_by(concept_alias.c.alias)
    ):
        grouped.setdefault(concept_id, []).append(alias)
    return {concept_id: tuple(names) for concept_id, names in grouped.items()}


def _info(row: Concept, aliases: tuple[str, ...], count: int) -> ConceptInfo:
    return ConceptInfo(
        name=row.name,
        meaning=row.meaning,
        systems=row.systems,
        questions=tuple(line for line in row.questions.splitlines() if line.strip()),
        aliases=aliases,
        builtin=row.builtin,
        count=count,
        created_at=row.created_at,
    )
