"""Column types of connectlog's own, shared by the models and the generated tables."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An aware time, stored in UTC and read back aware in UTC.

    A naive time is refused: it could be anyone's local time.
    """

    impl = DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("a stored time must carry its UTC offset")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:  # SQLite keeps UTC without the offset
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def result_processor(
        self, dialect: Dialect, coltype: object
    ) -> Callable[[Any], datetime | None] | None:
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)

        # SQLite hands back the stored text ("2026-11-22 19:00:00.000000"), read here
        # in C rather than with the generic path's pattern (a long listing reads three
        # times a row). Text another program wrote with an offset is honoured.
        def aware(value: str | None) -> datetime | None:
            if value is None:
                return None
            try:
                return datetime.fromisoformat(value + "+00:00")
            except ValueError:  # text with an offset of its own
                return datetime.fromisoformat(value).astimezone(UTC)

        return aware
