"""What the fuzzing properties share: hostile values, documents bent out of shape, and the rule.

The rule, for every reader of what a user types or a file brings: any input is
either read, or refused with one of the project's own errors
(:class:`~connectlog.errors.ConnectlogError`), one line a user can act on;
never another exception, and a refused input changes nothing in the journal.

Hostile documents start from a real one (a bundle ``share export`` wrote, an
export ``export`` wrote, a jrnl or Day One file in their makers' shape) and are
bent a few places at a time: a value replaced by any JSON value or by one of
:data:`NASTY` (dates out of range, control characters, huge numbers, texts
too long), a key taken out or added, a list emptied or an item doubled.
Arbitrary JSON and arbitrary bytes are tried too, but bent documents are what
reach past the first checks into the readers' depths.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import currently_in_test_context, event
from hypothesis import strategies as st

from connectlog.errors import ConnectlogError
from connectlog.storage.store import Journal
from tests.journal_contents import everything_at

T = TypeVar("T")

#: Values that have broken readers somewhere: every type, at and past every edge.
NASTY: list[Any] = [
    None, True, False, 0, -1, 1, 2**63, -(2**63) - 1, 10**400, 1.5, 1e308, -0.0,
    "", " ", "\n", "\x00", "\x1b[31m", "\u202e", "\ud800", "\ufffd", "é", "e\u0301",
    "0001-01-01", "0001-01-01T00:00:00+00:00", "9999-12-31", "9999-12-31T23:59:59+00:00",
    "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "2026-02-30", "2026-13-01",
    "2026-11-22T25:00:00Z", "2026-11-22T20:00:00", "2026-11-22T20:00:00+01:00",
    "2100-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01", "2026-W53", "2026-W99",
    "-1", "NaN", "Infinity", "null", "[]", "{}", "00000000-0000-0000-0000-000000000000",
    "not-a-uuid", "A" * 33, "x" * 5000, "#trust", "@Sam", "trust", "TRUST", "Sam", "sam",
    "../../etc/passwd", "/", [], {}, [None], [""], ["trust", "trust"], {"": None},
]  # fmt: skip

#: Any JSON value, small.
json_values: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)

#: A value to put anywhere: a copy, so that bending a document never bends NASTY.
replacements = (st.sampled_from(NASTY) | json_values).map(copy.deepcopy)


def places(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path to every value inside ``value`` (keys and indexes), itself first."""
    yield at
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from places(inner, (*at, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from places(inner, (*at, index))


def _get(value: Any, at: tuple[Any, ...]) -> Any:
    for step in at:
        value = value[step]
    return value


#: For :func:`bent`: what may stand at a key (``"people"``) or as an item of a list at a
#: key (``"people[]"``), drawn instead of any value, so that documents stay nearly valid.
Pool = Mapping[str, st.SearchStrategy[Any]]


def key_of(at: tuple[Any, ...]) -> str | None:
    """The pool key of the place ``at``: its own key, or its list's key with ``[]``."""
    if at and isinstance(at[-1], str):
        return at[-1]
    if len(at) >= 2 and isinstance(at[-2], str):
        return at[-2] + "[]"
    return None


@st.composite
def bent(draw: st.DrawFn, document: Any, *, most: int = 3, pool: Pool | None = None) -> Any:
    """``document`` (JSON-like) with one to ``most`` places changed.

    Half of the changes are plausible: a value from ``pool`` for its place, or the
    value of another place of the same key in the document (an entry's uuid given
    to another entry, a creation time as an update time); the others replace a
    value by a hostile one, take a key out, add one, double an item or empty it.
    """
    pool = pool or {}
    made = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, most))):
        spots = [at for at in places(made) if at]
        if not spots:
            return draw(replacements)
        at = draw(st.sampled_from(spots))
        parent, last = _get(made, at[:-1]), at[-1]
        how = draw(
            st.sampled_from(["plausible", "plausible", "swap", "replace", "remove", "add",
                             "double", "empty"])
        )  # fmt: skip
        key = key_of(at)
        if how == "plausible" and key is not None and key in pool:
            parent[last] = copy.deepcopy(draw(pool[key]))
        elif how in ("plausible", "swap"):
            alike = [other for other in spots if key_of(other) == key and other != at]
            if alike:
                parent[last] = copy.deepcopy(_get(made, draw(st.sampled_from(alike))))
            else:
                parent[last] = draw(replacements)
        elif how == "replace":
            parent[last] = draw(replacements)
        elif how == "remove":
            del parent[last]
        elif how == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "id", "uuid", "text", ""]))] = draw(replacements)
        elif how == "double" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif how == "empty" and isinstance(parent[last], list | dict | str):
            parent[last] = type(parent[last])()
        else:
            parent[last] = draw(replacements)
    return made


#: UTC offsets a time may be written with: both edges of the world, and half hours.
OFFSETS = ("+00:00", "+01:00", "+14:00", "-12:00", "+05:30", "-03:30", "Z", "")


def times_near(now: datetime, *, days: int = 400) -> st.SearchStrategy[str]:
    """ISO times from ``days`` before ``now`` to a few days after it, in any offset."""
    moments = st.integers(-days * 24 * 60, 3 * 24 * 60).map(lambda m: now + timedelta(minutes=m))
    return st.builds(
        lambda moment, offset: moment.strftime("%Y-%m-%dT%H:%M:%S") + offset,
        moments,
        st.sampled_from(OFFSETS),
    )


def days_near(now: datetime, *, days: int = 400) -> st.SearchStrategy[str]:
    return st.integers(-days, 3).map(lambda d: (now + timedelta(days=d)).date().isoformat())


#: Names of people and concepts a bundle or export may carry, alike and clashing.
NAMES = ("Alex", "alex", "ALEX", "Sam", "sam", "Mary Ann", "  Mary   Ann ", "Zoë", "Zoe\u0308",
         "ß", "SS", "touch", "Touch", "trust", "new-thing", "#trust", "@Sam", "x" * 65)  # fmt: skip


def record_pool(now: datetime, uuids: list[str]) -> dict[str, st.SearchStrategy[Any]]:
    """A :data:`Pool` for connectlog's own records (bundles, exports): the fields of
    entries, removals, reviews and their lines, with times around ``now`` and uuids
    drawn from ``uuids`` (those of the journal a document goes into, and its own) or new."""
    from connectlog.journal import vocab

    ids = st.sampled_from(uuids) | st.uuids().map(str)
    names = st.sampled_from(NAMES)
    times = times_near(now)
    days = days_near(now)
    ratings = st.none() | st.integers(1, 5)
    flags = st.booleans()
    return {
        "uuid": ids, "who": ids, "follows": st.none() | ids, "entry": st.none() | ids,
        "occurred_at": times, "created_at": times, "updated_at": times, "removed_at": times,
        "exported_at": times, "local_date": days, "start": days, "end": days,
        "name": names, "people[]": names, "concepts[]": names, "aliases[]": names,
        "people": st.lists(names, max_size=3), "concepts": st.lists(names, max_size=3),
        "sent_name": st.none() | names,
        "text": st.sampled_from(["Hugged @Sam #touch", "With @[Mary Ann] #new-thing", "x"])
        | st.text(max_size=30),
        "kind": st.none() | st.sampled_from(vocab.KINDS),
        "touch": st.none() | st.sampled_from(vocab.TOUCHES),
        "initiated_by": st.none() | st.sampled_from(vocab.INITIATORS),
        "response": st.none() | st.sampled_from(vocab.RESPONSES),
        "closeness": ratings, "mood_before": ratings, "mood_after": ratings,
        "private": flags, "starred": flags, "appreciation": flags, "removed": flags,
        "imported": flags, "builtin": flags,
        "section": st.sampled_from(["appreciation", "intention", "followup", "topic", "note"]),
        "outcome": st.none() | st.sampled_from(["done", "partly", "not"]),
        "position": st.integers(0, 5),
        "week": st.sampled_from(["2026-W49", "2026-W48", "2026-W01", "2026-W53"]),
        "label": st.sampled_from(["2026-W49", "2026-W48", "2026-11-23..2026-12-06"]),
        "version": st.sampled_from([1, 2]),
        "count": st.integers(0, 5),
    }  # fmt: skip


def as_json(value: Any) -> str:
    """``value`` as JSON text; a lone surrogate (in :data:`NASTY`) is written escaped, as
    JSON allows and Python reads back."""
    return json.dumps(value)


#: Bytes that are not text, or barely: anything, invalid UTF-8, a BOM, a NUL.
raw_bytes = st.binary(max_size=300) | st.sampled_from(
    [b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf{}", b"caf\xe9\xff", b"{\x00}", b"{" * 3000, b"[" * 3000]
)


class Undo(Exception):
    """Raised inside a write to take back what was accepted, for the next example."""


def assert_refusal(error: ConnectlogError) -> None:
    """A refusal a user can read: something said, no traceback. (A value it quotes may hold
    a newline: the command line shows every message as one line, ``cli/_output.say``.)"""
    message = str(error)
    assert message.strip(), repr(error)
    assert "Traceback" not in message


def attempt(journal: Journal, action: Callable[[Any], T]) -> T | ConnectlogError:
    """Run ``action`` in a write transaction of ``journal``, as a command would.

    Returns what it returned (and takes it back: the journal stays as it was for
    the next example), or the project's error it refused with, after checking
    that the refusal left every table of the journal as it was. Any other
    exception goes on up: that is a bug.
    """
    path = journal.location.path
    assert path is not None
    before = everything_at(path)
    try:
        with journal.writing() as db:
            result = action(db)
            raise Undo
    except Undo:
        return result
    except ConnectlogError as error:
        assert_refusal(error)
        assert everything_at(path) == before, "a refused input changed the journal"
        return error


def told(result: object) -> None:
    """Count what an example came to (``--hypothesis-show-statistics`` shows how often)."""
    if currently_in_test_context():
        if isinstance(result, ConnectlogError):
            event("refused: " + " ".join(str(result).split()[:4]))
        else:
            event(f"accepted: {type(result).__name__}")


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its content, to see that nothing else was written."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
