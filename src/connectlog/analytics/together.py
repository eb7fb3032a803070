"""What a weekly review puts on the table, chosen from the week's shared moments.

Pure: moments in (never private ones: the caller leaves those out), entry
ids out, in the order of the five steps of the review.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from itertools import combinations

from connectlog.analytics.moments import Moment
from connectlog.analytics.summary import CLOSE, DISCONNECTION

#: Bids met like this are worth talking about.
MISSED_BIDS = ("away", "against")
#: Close moments shown for each participant under "what went right".
CLOSEST_EACH = 3


@dataclass(frozen=True)
class AgendaIds:
    appreciations: tuple[int, ...]
    went_right: tuple[int, ...]
    two_views: tuple[tuple[int, ...], ...]  # each: the entries that are one moment, by time
    to_talk_about: tuple[int, ...]


def agenda(
    moments: Sequence[Moment], *, window: timedelta, identities: Mapping[str, str]
) -> AgendaIds:
    """The entries for each step of the review of ``moments``."""
    by_time = sorted(moments, key=lambda moment: (moment.occurred_at, moment.id))
    return AgendaIds(
        appreciations=tuple(moment.id for moment in by_time if moment.appreciation),
        went_right=_closest(by_time),
        two_views=same_moments(by_time, window=window, identities=identities),
        to_talk_about=tuple(
            moment.id
            for moment in by_time
            if DISCONNECTION in moment.concepts or moment.response in MISSED_BIDS
        ),
    )


def _closest(moments: Sequence[Moment]) -> tuple[int, ...]:
    chosen: list[Moment] = []
    for author in dict.fromkeys(moment.author for moment in moments):
        close = [m for m in moments if m.author == author and (m.closeness or 0) >= CLOSE]
        close.sort(key=lambda moment: -(moment.closeness or 0))
        chosen += close[:CLOSEST_EACH]
    chosen.sort(key=lambda moment: (moment.occurred_at, moment.id))
    return tuple(moment.id for moment in chosen)


def same_moments(
    moments: Sequence[Moment], *, window: timedelta, identities: Mapping[str, str]
) -> tuple[tuple[int, ...], ...]:
    """Groups of entries by different authors that are one moment seen twice (or more).

    Two entries are one moment when they lie within ``window`` of each other
    and each names the other's author, or both name the same other people.
    ``identities`` maps a person's name, case-folded, to the profile it means
    (a partner's "@Lex" is the profile Alex). Each entry pairs with at most
    one entry of each other author, the nearest in time first.
    """
    candidates = []
    for first, second in combinations(moments, 2):
        if first.author == second.author:
            continue
        apart = abs(first.occurred_at - second.occurred_at)
        if apart <= window and _one_moment(first, second, identities):
            candidates.append((apart, first, second))
    candidates.sort(key=lambda item: (item[0], item[1].id, item[2].id))
    partner: dict[tuple[int, str], int] = {}  # (entry, other author) -> the entry it pairs with
    group: dict[int, int] = {moment.id: moment.id for moment in moments}

    def root(entry_id: int) -> int:
        while group[entry_id] != entry_id:
            entry_id = group[entry_id]
        return entry_id

    for _, first, second in candidates:
        if (first.id, second.author) in partner or (second.id, first.author) in partner:
            continue
        partner[(first.id, second.author)] = second.id
        partner[(second.id, first.author)] = first.id
        group[root(second.id)] = root(first.id)
    members: dict[int, list[int]] = {}
    for moment in moments:
        members.setdefault(root(moment.id), []).append(moment.id)
    return tuple(tuple(ids) for ids in members.values() if len(ids) > 1)


def _one_moment(first: Moment, second: Moment, identities: Mapping[str, str]) -> bool:
    def named(moment: Moment) -> set[str]:
        return {identities.get(name.casefold(), name).casefold() for name in moment.people}

    authors = {first.author.casefold(), second.author.casefold()}
    first_names, second_names = named(first), named(second)
    if second.author.casefold() in first_names and first.author.casefold() in second_names:
        return True
    others = first_names - authors
    return bool(others) and others == second_names - authors
