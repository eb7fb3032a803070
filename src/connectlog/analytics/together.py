"""What a weekly review puts on the table, chosen from the week's shared moments.

Pure: moments in (never private ones: the caller leaves those out), entry
ids out, in the order of the five steps of the review.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

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
    two_views = same_moments(by_time, window=window, identities=identities)
    return AgendaIds(
        appreciations=tuple(moment.id for moment in by_time if moment.appreciation),
        went_right=_closest(by_time),
        two_views=two_views,
        to_talk_about=_to_talk_about(by_time, two_views),
    )


def _to_talk_about(
    moments: Sequence[Moment], two_views: Sequence[Sequence[int]]
) -> tuple[int, ...]:
    """Disconnections and missed bids, a moment several logged once: its first such entry."""
    moment_of = {entry_id: group[0] for group in two_views for entry_id in group}
    chosen: dict[int, int] = {}  # the moment -> the entry that stands for it
    for moment in moments:
        if DISCONNECTION in moment.concepts or moment.response in MISSED_BIDS:
            chosen.setdefault(moment_of.get(moment.id, moment.id), moment.id)
    return tuple(chosen.values())


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
    # Only entries within the window of each other can pair: walked in time order, each
    # entry is set beside the ones after it until the window ends, not beside every
    # other entry (a summary of months together pairs thousands).
    order = sorted(range(len(moments)), key=lambda index: moments[index].occurred_at)
    for place, index in enumerate(order):
        for next_place in range(place + 1, len(order)):
            later = order[next_place]
            apart = moments[later].occurred_at - moments[index].occurred_at
            if apart > window:
                break
            # Each pair as the moments list it, so that ties go as they always did.
            first, second = moments[min(index, later)], moments[max(index, later)]
            if first.author != second.author and _one_moment(first, second, identities):
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
