"""Rich's progress bar, on stderr, for the imports and exports that take more than a moment.

The journal reports how far it got through a callback (``Progress`` in
``journal/types/imports.py``); :class:`Bar` is one, shown only once the work
has gone on for :data:`AFTER` seconds, so a quick import prints nothing but
its result. The command line makes one only when stderr is a terminal: never
on stdout, never into a pipe or a log file.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

#: How long work goes on before its bar is shown, in seconds.
AFTER = 0.5
_T = TypeVar("_T")


class Bar:
    """A progress callback that draws Rich's bar on stderr once the work takes a while."""

    def __init__(self, *, after: float = AFTER) -> None:
        self.after = after
        self.started = time.monotonic()
        self.shown: Progress | None = None
        self.tasks: dict[str, TaskID] = {}

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if self.shown is None:
            if time.monotonic() - self.started < self.after:
                return
            self.shown = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.shown.start()
        task = self.tasks.get(stage)
        if task is None:
            task = self.tasks[stage] = self.shown.add_task(stage, total=total)
        self.shown.update(task, completed=done, total=total)

    def counted(self, stage: str, items: Iterable[_T], total: int) -> Iterator[_T]:
        """``items`` as they come, the bar moving every few hundred."""
        for done, item in enumerate(items, start=1):
            if done % 500 == 0:
                self(stage, done, total)
            yield item

    def close(self) -> None:
        if self.shown is not None:
            self.shown.stop()
            self.shown = None

    def __enter__(self) -> Bar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
