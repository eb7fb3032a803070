"""Looking back and looking in: which days to remember, which question to ask.

Choices that should feel fresh but stay put for a day are drawn from a
random generator seeded by the day, so they change at midnight and not on
every run.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

#: Days without a concept after which it counts as long untouched (and weighs the most).
UNTOUCHED_AFTER = 60


@dataclass(frozen=True)
class ConceptUse:
    """A concept, its reflection questions, and the last local day an entry touched it."""

    name: str
    questions: tuple[str, ...]
    last_used: date | None


@dataclass(frozen=True)
class Reflection:
    concept: str
    question: str
    days_since: int | None  # days since an entry last touched the concept; None if never


def anniversaries(today: date) -> tuple[tuple[str, date], ...]:
    """The days to look back on: a week, a month and a year ago."""
    return (
        ("a week ago", today - timedelta(days=7)),
        ("a month ago", months_before(today, 1)),
        ("a year ago", months_before(today, 12)),
    )


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, or that month's last day if it is shorter."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def daily_choice(count: int, *, today: date) -> int:
    """An index below ``count`` that stays the same all day."""
    return random.Random(today.toordinal()).randrange(count)


def choose_reflection(
    uses: Sequence[ConceptUse], *, today: date, draw: int = 0
) -> Reflection | None:
    """One question, leaning towards concepts the writer has not touched lately.

    A concept's weight is the days since it was last used, up to
    :data:`UNTOUCHED_AFTER` (never used weighs the most); one used today still
    weighs 1, so every question can come up. None if no concept has a question.

    Draw 0 is the day's question. Any other ``draw`` is another question, never
    the day's one while there is another to ask, chosen the same way.
    """
    day = _chosen(uses, today=today, chooser=random.Random(today.toordinal()))
    if draw == 0 or day is None:
        return day
    left = [
        ConceptUse(
            use.name,
            tuple(question for question in use.questions if question != day.question),
            use.last_used,
        )
        for use in uses
    ]
    chooser = random.Random(f"{today.isoformat()} {draw}")
    return _chosen(left, today=today, chooser=chooser) or day


def _chosen(
    uses: Sequence[ConceptUse], *, today: date, chooser: random.Random
) -> Reflection | None:
    asked = [use for use in uses if use.questions]
    if not asked:
        return None
    ages = [_days_since(use, today) for use in asked]
    weights = [
        UNTOUCHED_AFTER if age is None else max(1, min(age, UNTOUCHED_AFTER)) for age in ages
    ]
    index = chooser.choices(range(len(asked)), weights=weights)[0]
    use = asked[index]
    return Reflection(
        concept=use.name, question=chooser.choice(use.questions), days_since=ages[index]
    )


def _days_since(use: ConceptUse, today: date) -> int | None:
    return None if use.last_used is None else (today - use.last_used).days
