"""Reading jrnl's files: its JSON export and its plain-text journal.

The two shapes, as jrnl 4.6 writes them (``tests/fixtures/jrnl/make.py`` has the
real jrnl write both for the tests):

- The **plain-text journal** is what jrnl keeps: each entry starts on a line
  ``[DATE TIME] TITLE``, its time in the config's ``timeformat`` (jrnl's own
  default ``%F %r`` writes ``[2024-03-01 08:15:00 PM]``, many set
  ``%Y-%m-%d %H:%M``), its body on the lines after, a blank line before the
  next entry. A starred entry's title line ends in `` *``. The tags are the
  words written with a tag symbol (``#`` and ``@``, jrnl's default) after a
  space or at the start of a line.
- The **JSON export** (``jrnl --format json``) is
  ``{"tags": {"#trust": 2, ...}, "entries": [{"title", "body", "date":
  "2024-03-01", "time": "20:15", "tags": ["#trust", "@sam"], "starred": true}]}``.
  It knows which tag symbols the journal's config has, lowercases the tags and
  leaves out the seconds.

What an entry becomes (:class:`IncomingEntry`):

- its **text** is the title, and the body on the lines after it, the way jrnl
  shows an entry;
- its **time**: jrnl keeps naive local wall-clock times, so they are read in
  this machine's local time zone (``TZ`` if set, else the system's), each with
  its own day's offset (summer and winter time apart). A time the clocks skip
  (02:30 the night they go forward) is read with the offset before the
  change, as ``add`` reads one. The plain-text journal keeps the seconds when
  its time format has them; the export has only minutes;
- its **tags** are as written, without their symbol: from the export, the
  spelling found in the entry's own text (jrnl lists ``#Trust`` as ``#trust``),
  and only the tags the export lists, so a word with a symbol the journal's
  config does not take is not a tag. A plain-text journal does not say which
  symbols its config takes; ``#`` and ``@`` are both read, and a journal with
  other ones is best exported to JSON first. A tag written twice, or in two
  spellings, is given once;
- **starred** as jrnl has it.

A file that cannot be such a journal, or an entry connectlog cannot hold
(a control character other than a newline or a tab, a text longer than an
entry holds or an empty one, a tag longer than a name, a date before 1970 or
in the future), is refused whole with one line naming the entry.

A long file is read a run of entries at a time: the export's list is decoded
one entry after another (the standard library's JSON decoder, from where the
last one ended) and validated by the models a run at a time, so that besides
the file's text only the entries read so far are held, never every record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from connectlog import messages
from connectlog.errors import ConnectlogError
from connectlog.journal import vocab
from connectlog.journal.types.imports import Incoming, IncomingEntry
from connectlog.journal.when import FUTURE_GRACE, _local

if TYPE_CHECKING:
    from pydantic import ValidationError

    from connectlog.models import JrnlEntry

FORMAT = "jrnl"
#: The tag symbols a plain-text journal is read with: jrnl's default ``tagsymbols``.
TEXT_SYMBOLS = "#@"
#: How many entries are validated at a time.
RUN = 1000

_BOM = "\ufeff"
#: The line that starts an entry of the plain-text journal, in the time formats
#: with an ISO date: 2024-03-01 20:15, 2024-03-01 20:15:42, 2024-03-01 08:15:00 PM.
_HEADER = (
    r"\[(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2})?)(?: ?([AaPp][Mm]))?\](?: ([^\r\n]*))?"
)
_HEADER_LINE = re.compile(_HEADER)
#: The header lines of a whole journal, read as bytes: the file is decoded an entry
#: at a time, so that one emoji does not make all of its text four bytes a character.
_HEADERS = re.compile(rf"^{_HEADER}\r?$".encode(), re.MULTILINE)
#: The start of jrnl's JSON export, its keys as jrnl orders them or sorted.
_JSON_START = re.compile(
    rb'\{\s*(?:"tags"\s*:\s*\{|"entries"\s*:\s*\[\s*(?:\]|\{\s*"(?:body|date|starred|tags|time|title)"))'
)
#: What may follow a tag symbol in a tag, as jrnl reads them.
_TAG_BODY = r"[-+*#/\w]+"
_SPACE = re.compile(r"[ \t\n\r]*")


def detect(path: Path) -> bool:
    """Whether ``path`` looks like jrnl's JSON export or its plain-text journal.

    Only the start of the file is read; :func:`read` checks the rest.
    """
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    head = head.removeprefix(_BOM.encode()).lstrip()
    if head.startswith(b"{"):
        return _JSON_START.match(head) is not None
    first = head.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8", "replace")
    return _HEADER_LINE.fullmatch(first) is not None


def read(path: Path, *, now: datetime | None = None) -> Incoming:
    """The entries of jrnl's file at ``path``, in the file's order.

    ``now`` (aware; the clock's by default) is when an entry would be in the
    future. Raises :class:`ConnectlogError`, one line naming the entry, for a
    file that is not a jrnl journal or an entry connectlog cannot hold.
    """
    data = _bytes(path)
    latest = (now or datetime.now(UTC)) + FUTURE_GRACE
    if data.lstrip().startswith(b"{"):
        text = _decoded(data, 0, len(data))
        del data  # the text alone, while the entries are read from it
        entries = _Export(text, latest=latest).read()
    else:
        entries = _read_text(data, latest=latest)
    return Incoming(format=FORMAT, entries=tuple(entries))


# -- The file ------------------------------------------------------------------


def _bytes(path: Path) -> bytes:
    """The file's bytes, without a byte-order mark."""
    try:
        return path.read_bytes().removeprefix(_BOM.encode())
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ConnectlogError(messages.JRNL_UNREADABLE.format(path=path, reason=reason)) from error


def _decoded(data: bytes, start: int, end: int) -> str:
    """``data[start:end]`` as text; refused, naming the byte, if it is not UTF-8."""
    try:
        return data[start:end].decode("utf-8")
    except UnicodeDecodeError as error:
        position = start + error.start
        raise ConnectlogError(
            messages.JRNL_NOT_UTF8.format(byte=data[position], position=position)
        ) from error


def _where(number: int, line: int | None = None) -> str:
    where = f"Entry {number} of {messages.JRNL_SOURCE}"
    return where if line is None else messages.JRNL_ON_LINE.format(where=where, line=line)


def _refused(where: str, problem: str) -> ConnectlogError:
    return ConnectlogError(messages.RECORD_REFUSED.format(where=where, problem=problem))


def _validated(records: list[Any], *, where: Callable[[int], str]) -> list[JrnlEntry]:
    """``records`` as checked entries, or refused.

    ``where(index)`` names the entry at ``records[index]`` in a refusal.
    """
    from pydantic import ValidationError

    from connectlog.models import JrnlEntries

    try:
        return JrnlEntries.model_validate({"entries": records}).entries
    except ValidationError as error:
        raise ConnectlogError(_refusal(error, where=where)) from error


def _refusal(error: ValidationError, *, where: Callable[[int], str] | None = None) -> str:
    """The first problem of a record, as one line naming the entry."""
    from connectlog.models import refusal

    said = refusal(error, source=messages.JRNL_SOURCE)
    location = error.errors(include_url=False, include_input=False)[0]["loc"]
    if where and len(location) >= 2 and location[0] == "entries" and isinstance(location[1], int):
        said = said.replace(_where(location[1] + 1), where(location[1]), 1)
    return said


# -- The JSON export -----------------------------------------------------------


class _Export:
    """jrnl's export read from its text, one entry after another.

    The document is an object; each key's value is decoded whole except the
    entries' list, which is decoded an entry at a time and validated a run at
    a time. What is not JSON, or not an object, is refused as such.
    """

    def __init__(self, text: str, *, latest: datetime) -> None:
        self.text = text
        self.latest = latest
        self.decoder = json.JSONDecoder(parse_constant=_no_constant)
        self.at = 0
        self.tags: Any = None
        self.seen: set[str] = set()
        self.entries: list[IncomingEntry] = []
        self.number = 0  # entries read so far
        self.run: list[Any] = []

    def read(self) -> list[IncomingEntry]:
        try:
            self._document()
        except RecursionError as error:
            raise self._bad(messages.JRNL_JSON_DEEP) from error
        except json.JSONDecodeError as error:
            reason = f"{error.msg} at line {error.lineno} column {error.colno}"
            raise ConnectlogError(messages.JRNL_BAD_JSON.format(reason=reason)) from error
        except _NotJson as error:
            raise self._bad(str(error)) from error
        except ValueError as error:  # an integer of more digits than Python converts
            raise self._bad(messages.JRNL_JSON_NUMBER) from error
        self._check_head()
        return self.entries

    def _document(self) -> None:
        self._expect("{")
        if self._peek() == "}":
            self.at += 1
        else:
            while True:
                key = self._key()
                if key == "entries":
                    self._entries()
                else:
                    value = self._value()
                    if key == "tags":
                        self.tags = value
                if self._next_of(",", "}") == "}":
                    break
        self._skip()
        if self.at != len(self.text):
            raise _NotJson(messages.JRNL_JSON_AFTER)

    def _entries(self) -> None:
        self._expect("[")
        if self._peek() == "]":
            self.at += 1
            return
        while True:
            self.run.append(self._value())
            if len(self.run) == RUN:
                self._flush()
            if self._next_of(",", "]") == "]":
                break
        self._flush()

    def _flush(self) -> None:
        first = self.number
        for index, entry in enumerate(_validated(self.run, where=self._where)):
            self.entries.append(_incoming(entry, number=first + index + 1, latest=self.latest))
        self.number += len(self.run)
        self.run = []

    def _where(self, index: int) -> str:
        return _where(self.number + index + 1)

    def _check_head(self) -> None:
        """The document's own keys: its tags, and its entries' list (checked as it was read)."""
        from pydantic import ValidationError

        from connectlog.models import JrnlExport

        document: dict[str, Any] = {"entries": []} if "entries" in self.seen else {}
        if "tags" in self.seen:
            document["tags"] = self.tags
        try:
            JrnlExport.model_validate(document)
        except ValidationError as error:
            raise ConnectlogError(_refusal(error)) from error

    def _key(self) -> str:
        self._skip()
        if self._peek() != '"':
            raise self._expected('"')
        key, self.at = self.decoder.raw_decode(self.text, self.at)
        assert isinstance(key, str)
        if key in self.seen:
            raise _NotJson(messages.JRNL_JSON_TWICE.format(key=key[:40]))
        self.seen.add(key)
        self._expect(":")
        return key

    def _value(self) -> Any:
        self._skip()
        value, self.at = self.decoder.raw_decode(self.text, self.at)
        return value

    def _expect(self, char: str) -> None:
        self._skip()
        if self._peek() != char:
            raise self._expected(char)
        self.at += 1

    def _next_of(self, *chars: str) -> str:
        self._skip()
        found = self._peek()
        if found not in chars:
            raise self._expected(" or ".join(f"'{c}'" for c in chars))
        self.at += 1
        return found

    def _peek(self) -> str:
        return self.text[self.at : self.at + 1]

    def _skip(self) -> None:
        found = _SPACE.match(self.text, self.at)
        assert found is not None
        self.at = found.end()

    def _expected(self, what: str) -> json.JSONDecodeError:
        what = what if what.startswith("'") else f"'{what}'"
        return json.JSONDecodeError(
            messages.JRNL_JSON_EXPECTED.format(what=what), self.text, self.at
        )

    def _bad(self, reason: str) -> ConnectlogError:
        return ConnectlogError(messages.JRNL_BAD_JSON.format(reason=reason))


class _NotJson(ValueError):
    """What the decoder accepts but JSON is not (NaN, a key twice, text after the end)."""


def _no_constant(name: str) -> Any:
    raise _NotJson(messages.JRNL_JSON_CONSTANT.format(name=name))


# -- The plain-text journal ------------------------------------------------------


@dataclass
class _Draft:
    """An entry of the plain-text journal, in the shape of one of the export's."""

    line: int
    record: dict[str, Any]


def _read_text(data: bytes, *, latest: datetime) -> list[IncomingEntry]:
    """The journal's entries, each starting at a header line, validated a run at a time."""
    tag = re.compile(rf"(?<!\S)[{re.escape(TEXT_SYMBOLS)}]{_TAG_BODY}")
    entries: list[IncomingEntry] = []
    run: list[_Draft] = []

    def flush() -> None:
        first = len(entries)
        checked = _validated(
            [draft.record for draft in run],
            where=lambda index: _where(first + index + 1, run[index].line),
        )
        for index, (draft, entry) in enumerate(zip(run, checked, strict=True)):
            entries.append(
                _incoming(entry, number=first + index + 1, line=draft.line, latest=latest)
            )
        run.clear()

    headers = _HEADERS.finditer(data)
    header = next(headers, None)
    before = _decoded(data, 0, header.start() if header else len(data))
    if before.strip() or header is None:
        blank = len(before) - len(before.lstrip())
        line = before.count("\n", 0, blank) + 1 if before.strip() else 1
        raise ConnectlogError(messages.JRNL_NOT_JOURNAL.format(line=line))
    line, counted = 1, 0
    while header is not None:
        following = next(headers, None)
        line += data.count(b"\n", counted, header.start())
        counted = header.start()
        end = following.start() if following else len(data)
        title = _decoded(data, *header.span(4)) if header.group(4) is not None else ""
        rest = _decoded(data, header.end(), end).replace("\r\n", "\n").replace("\r", "\n")
        day, clock, half = (part.decode() if part else None for part in header.groups()[:3])
        assert day is not None and clock is not None
        run.append(_Draft(line, _record(day, _clock(clock, half), title, rest, tag)))
        if len(run) == RUN:
            flush()
        header = following
    flush()
    return entries


def _record(day: str, clock: str, title: str, rest: str, tag: re.Pattern[str]) -> dict[str, Any]:
    """An entry of the plain-text journal in the shape of an entry of jrnl's export."""
    starred = title == "*" or title.endswith(" *")
    if starred:
        title = title[:-1].rstrip()
    body = rest.strip()
    both = f"{title}\n{body}"
    tags = (
        [found.group() for found in tag.finditer(both)]
        if any(s in both for s in TEXT_SYMBOLS)
        else []
    )
    return {
        "title": title,
        "body": body,
        "date": day,
        "time": clock,
        "tags": tags,
        "starred": starred,
    }


def _clock(clock: str, half: str | None) -> str:
    """A time of day of the header as the export writes it: 20:15, or 20:15:42."""
    hour, _, rest = clock.partition(":")
    if half is None:
        return f"{int(hour):02d}:{rest}"
    if not 1 <= int(hour) <= 12:
        return f"{clock} {half}"  # refused by the record, as written
    twelve = int(hour) % 12 + (12 if half.lower() == "pm" else 0)
    return f"{twelve:02d}:{rest}"


# -- An entry --------------------------------------------------------------------


def _incoming(
    entry: JrnlEntry, *, number: int, latest: datetime, line: int | None = None
) -> IncomingEntry:
    """The entry as the import takes it; ``line``: where it starts in a plain-text journal."""
    title, body = entry.title.strip(), entry.body.strip()
    text = f"{title}\n{body}" if title and body else title or body
    problem = None
    if not text:
        problem = messages.FIELD_EMPTY.format(field=messages.JRNL_TEXT)
    elif len(text) > vocab.TEXT_LIMIT:
        problem = messages.FIELD_TOO_LONG.format(field=messages.JRNL_TEXT, limit=vocab.TEXT_LIMIT)
    try:
        if problem is not None:
            raise _Problem(problem)
        occurred_at = _occurred(entry, latest=latest)
        tags = _tags(entry, text=text, spelled=line is None)
    except _Problem as problem:
        raise _refused(_where(number, line), str(problem)) from None
    return IncomingEntry(text=text, occurred_at=occurred_at, tags=tags, starred=entry.starred)


class _Problem(Exception):
    """What is wrong with an entry, before it is said which entry."""


def _occurred(entry: JrnlEntry, *, latest: datetime) -> datetime:
    """The entry's local wall-clock time, aware in this machine's zone (see the module)."""
    wall = datetime.combine(entry.date, time.fromisoformat(entry.time))
    shown = f"{entry.date.isoformat()} {entry.time}"
    # A day well past now is refused before it meets the zone (year 9999 may overflow it).
    if wall.date() <= (latest + timedelta(days=2)).date():
        try:
            moment = _local(wall, raw=shown)
        except ConnectlogError as error:
            raise _Problem(error.message) from error
        if moment <= latest:
            return moment
    raise _Problem(messages.FIELD_FUTURE.format(field=messages.JRNL_DATE, value=shown))


#: The tags of an export's entry are found in its text by the symbols the export's
#: tags have; compiled once for each set of symbols.
_SPELLINGS: dict[str, re.Pattern[str]] = {}


def _tags(entry: JrnlEntry, *, text: str, spelled: bool) -> tuple[str, ...]:
    """The entry's tags, each once, without its symbol.

    The record's tags are the ones the file lists. An export lists them in
    lowercase (``spelled``): each takes the first spelling its text gives it,
    and a tag the text does not hold (only in a file made by hand) is kept as
    listed.
    """
    if not entry.tags:
        return ()
    found = entry.tags
    if spelled:
        listed = {name.lower(): name for name in entry.tags}
        symbols = "".join(sorted({name[0] for name in entry.tags}))
        pattern = _SPELLINGS.get(symbols)
        if pattern is None:
            pattern = _SPELLINGS.setdefault(
                symbols, re.compile(rf"(?<!\S)[{re.escape(symbols)}]{_TAG_BODY}")
            )
        written = [match.group() for match in pattern.finditer(text)]
        found = [name for name in written if name.lower() in listed] + list(listed.values())
    names: dict[str, str] = {}
    for spelling in found:
        name = spelling[1:]
        if len(name) > vocab.NAME_LIMIT:
            shown = spelling[:40] + "…"
            raise _Problem(messages.JRNL_TAG_TOO_LONG.format(tag=shown, limit=vocab.NAME_LIMIT))
        names.setdefault(name.casefold(), name)
    return tuple(names.values())
