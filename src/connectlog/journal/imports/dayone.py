"""Day One's JSON export, read into what an import takes.

Day One exports a zip: one JSON file a journal (``Journal.json``, ``Travel.json``)
beside folders of photos and other attachments. It may also be given unzipped,
as the folder, or as one journal's JSON file. Each journal file is
``{"metadata": {"version": "1.0"}, "entries": [...]}``. The file is someone
else's: it is read through the models (``DayOneExport`` in ``models.py``) and
refused whole, with one line naming the journal file and the entry, before
anything is imported. Nothing is ever extracted or written.

What an entry becomes (docs/data.md, "From Day One", says it for users):

- **uuid**: Day One's 32 hexadecimal digits, lowercased and dashed 8-4-4-4-12:
  the same 128 bits, so importing the export again finds the same entries.
- **occurred_at**: ``creationDate`` (UTC) at the UTC offset its ``timeZone``
  had at that moment, so a Berlin entry of a summer evening is at +02:00 and
  one of a winter evening at +01:00. A missing zone, or a name this machine's
  time zone database does not know, reads as UTC.
- **created_at** is ``creationDate``; **updated_at** is ``modifiedDate``, or
  ``creationDate`` when Day One has none or an earlier one (an entry dated
  forward after it was written).
- **text**: the plain text the person wrote, from Day One's Markdown (see
  :func:`plain_text`). An entry with no words (only photos, or nothing) keeps
  its date, star and tags with a line in brackets saying so.
- **starred** and **tags** as written (the import maps tags to concepts).
- **Several journals**: when more than one journal of the export holds
  entries, each entry also gets its journal's name (the file's name without
  ``.json``) as a tag, so it can become a concept and be filtered on. A lone
  journal adds no tag.
- **Left behind**: photos, videos, audio recordings and PDFs are counted,
  never read. ``location`` and ``weather`` are ignored: connectlog has no
  field for them, and written into the text they would travel with every
  shared entry.

What is refused: a zip whose journals would unpack to more than
:data:`MAX_JSON_BYTES` (what it claims is checked first, what it gives is
counted as it is read), or that says it holds more than :data:`MAX_MEMBERS`
files (before its list is read); a member name that reaches outside the export; a link
in a folder (never followed); text that is not UTF-8 or not JSON; a field of
the wrong type, a control character in a tag, a time before 1970 or ahead of
this clock by more than :data:`CLOCK_SKEW`; a uuid twice; a text longer than
an entry holds.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from connectlog import messages
from connectlog.errors import ConnectlogError
from connectlog.journal import vocab
from connectlog.journal.imports import paused_collector
from connectlog.journal.types.imports import Incoming, IncomingEntry

if TYPE_CHECKING:
    from connectlog.models import DayOneEntry

FORMAT = "dayone"
#: The most JSON read from one export, all its journals together: 100,000 long
#: entries with Day One's rich text beside them fit; a zip bomb does not.
MAX_JSON_BYTES = 256 * 1024 * 1024
#: The most members a zip may say it holds: its list is read whole before any member,
#: so a zip of millions of empty files is refused first (a photo a day for 500 years fits).
MAX_MEMBERS = 200_000
#: How much of a file ``detect`` reads; a journal this small is parsed whole.
SNIFF_BYTES = 1024 * 1024
#: How far ahead of this machine's clock an entry's times may run.
CLOCK_SKEW = timedelta(days=1)

_JSON_SUFFIX = ".json"
#: Day One writes the metadata first: ``{"metadata":{"version":"1.0"},"entries":[``.
_HEAD = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"metadata"\s*:\s*\{')
#: A name as the IANA database writes them: Europe/Berlin, America/Argentina/Salta, Etc/GMT+5.
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]{0,40}(?:/[A-Za-z0-9_+\-]{1,40}){0,3}")
#: Characters a file's name may not hold: C0 and C1 controls, DEL, halves of a pair.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
#: What reading a member of a broken or hostile zip can raise.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,  # an encrypted member
    NotImplementedError,  # a compression Python does not have
    ValueError,
)


# -- Recognising an export -----------------------------------------------------


def detect(path: Path) -> bool:
    """Whether ``path`` is a Day One export (zip, folder or one journal file), by its content.

    Never raises: a file that cannot be read is not recognised, and ``read``
    says what is wrong with it.
    """
    try:
        if path.is_dir():
            return any(_looks_like_journal(head) for _, head in _folder_heads(path))
        if zipfile.is_zipfile(path):
            if members_said(path) > MAX_MEMBERS:
                return True  # only a zip; ``read`` refuses it, saying why
            with zipfile.ZipFile(path) as archive:
                return any(
                    _looks_like_journal(_member_head(archive, info))
                    for info in archive.infolist()
                    if _is_journal_member(info)
                )
        return path.is_file() and _looks_like_journal(_file_head(path))
    except (*_ZIP_ERRORS, ConnectlogError):
        return False


def _looks_like_journal(head: bytes) -> bool:
    """Whether ``head`` (the start of a file, or all of a small one) is a Day One journal."""
    if _HEAD.match(head):
        return True
    if len(head) >= SNIFF_BYTES:
        return False
    try:
        data = json.loads(head.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return False
    return (
        isinstance(data, dict)
        and isinstance(data.get("metadata"), dict)
        and isinstance(data.get("entries"), list)
    )


def _folder_heads(folder: Path) -> Iterator[tuple[str, bytes]]:
    with os.scandir(folder) as listing:
        items = sorted(listing, key=_name)
    for item in items:
        if _is_journal_name(item.name) and item.is_file(follow_symlinks=False):
            yield item.name, _file_head(Path(item.path), follow=False)


def _file_head(path: Path, *, follow: bool = True) -> bytes:
    with _open_regular(path, follow=follow) as stream:
        return stream.read(SNIFF_BYTES)


def _member_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with archive.open(info) as stream:
        return stream.read(SNIFF_BYTES)


def _is_journal_name(name: str) -> bool:
    return name.lower().endswith(_JSON_SUFFIX) and "/" not in name and not name.startswith(".")


def _is_journal_member(info: zipfile.ZipInfo) -> bool:
    return not info.is_dir() and _is_journal_name(info.filename)


# -- Reading it ----------------------------------------------------------------


def read(path: Path, *, now: datetime | None = None) -> Incoming:
    """The entries of the Day One export at ``path``, checked whole (see the module's rules).

    ``now`` is this machine's clock (given by tests); an entry dated beyond it
    by more than :data:`CLOCK_SKEW` is refused.
    """
    latest = (now or datetime.now(UTC)) + CLOCK_SKEW
    with paused_collector():
        return _read(path, latest=latest)


def _read(path: Path, *, latest: datetime) -> Incoming:
    # Only an import pays for pydantic; the everyday commands never load it.
    from pydantic import ValidationError

    from connectlog.models import DayOneExport, refusal

    seen: dict[str, tuple[int, str]] = {}
    entries: list[IncomingEntry] = []
    left_behind = 0
    with _export(path) as (names, load):
        if not names:
            raise ConnectlogError(messages.DAYONE_NO_JOURNALS.format(path=path))
        for name in names:
            data = _parse(name, load(name))
            _check_shape(name, data)
            try:
                export = DayOneExport.model_validate(data)
            except ValidationError as error:
                raise ConnectlogError(refusal(error, source=name)) from error
            del data  # one journal at a time: its JSON goes before the next is read
            journal = name[: -len(_JSON_SUFFIX)] if len(names) > 1 else None
            for number, record in enumerate(export.entries, start=1):
                where = f"Entry {number} of {name}"
                key = record.uuid.upper()
                if key in seen:
                    first, first_name = seen[key]
                    _refuse(
                        where,
                        messages.DAYONE_DUPLICATE.format(
                            uuid=record.uuid, number=first, name=first_name
                        ),
                    )
                seen[key] = (number, name)
                entry, attachments = _entry(record, where=where, latest=latest, journal=journal)
                entries.append(entry)
                left_behind += attachments
            del export
    return Incoming(format=FORMAT, entries=tuple(entries), left_behind=left_behind)


def _refuse(where: str, problem: str) -> None:
    raise ConnectlogError(messages.RECORD_REFUSED.format(where=where, problem=problem))


def _check_shape(name: str, data: Any) -> None:
    """Refuse a JSON document that is not a Day One journal of a version connectlog reads."""
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("metadata"), dict)
        or not isinstance(data.get("entries"), list)
    ):
        raise ConnectlogError(messages.DAYONE_NOT_JOURNAL.format(name=name))
    version = data["metadata"].get("version")
    if not isinstance(version, str) or not version.startswith("1."):
        shown = json.dumps(version)[:20]
        raise ConnectlogError(messages.DAYONE_VERSION.format(name=name, version=shown))


def _entry(
    record: DayOneEntry, *, where: str, latest: datetime, journal: str | None
) -> tuple[IncomingEntry, int]:
    """One Day One entry as connectlog takes it, and how many attachments it leaves behind.

    ``journal``: the name of its journal, to tag it with (an export of several).
    """
    created = record.creation_date.astimezone(UTC)
    modified = record.modified_date.astimezone(UTC) if record.modified_date else None
    for field, moment in (("creationDate", created), ("modifiedDate", modified)):
        if moment is not None and moment > latest:
            _refuse(where, messages.FIELD_FUTURE.format(field=field, value=moment.isoformat()))
    raw = record.text or ""
    # Markup only ever lengthens a text by so much: past this, it cannot fit.
    text = plain_text(raw) if len(raw) <= 4 * vocab.TEXT_LIMIT else raw
    if len(text) > vocab.TEXT_LIMIT:
        _refuse(where, messages.DAYONE_TEXT_TOO_LONG.format(limit=vocab.TEXT_LIMIT))
    attached = {
        "photos": len(record.photos or ()),
        "videos": len(record.videos or ()),
        "audios": len(record.audios or ()),
        "pdfAttachments": len(record.pdf_attachments or ()),
    }
    if not text:
        text = _no_text(attached)
    tags = tuple(dict.fromkeys(record.tags)) if record.tags else ()
    if journal is not None and journal.casefold() not in {tag.casefold() for tag in tags}:
        tags = (*tags, journal)
    local = created.astimezone(_zone(record.time_zone))
    entry = IncomingEntry(
        text=text,
        occurred_at=local.replace(tzinfo=_offset(local.utcoffset())),
        tags=tags,
        starred=bool(record.starred),
        uuid=_dashed(record.uuid),
        created_at=created,
        updated_at=max(created, modified) if modified is not None else created,
    )
    return entry, sum(attached.values())


_OFFSETS: dict[timedelta | None, timezone] = {}


def _offset(offset: timedelta | None) -> timezone:
    """The fixed offset ``offset`` is, one object for each (a few dozen exist)."""
    if offset not in _OFFSETS:
        _OFFSETS[offset] = timezone(offset or timedelta(0))
    return _OFFSETS[offset]


def _no_text(attached: dict[str, int]) -> str:
    parts = [
        messages.count(number, *messages.DAYONE_ATTACHMENTS[kind])
        for kind, number in attached.items()
        if number
    ]
    if not parts:
        return messages.DAYONE_NO_TEXT
    return messages.DAYONE_ONLY_ATTACHMENTS.format(attachments=", ".join(parts))


def _dashed(uuid: str) -> str:
    """Day One's uuid in connectlog's form: ``8C1F...`` to ``8c1f....-....-....``."""
    digits = uuid.lower()
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


_ZONES: dict[str, tzinfo] = {}


def _zone(name: str | None) -> tzinfo:
    """The time zone ``name`` names; UTC when there is none or this machine does not know it."""
    if name is None:
        return UTC
    if name not in _ZONES:
        zone: tzinfo = UTC
        if _ZONE_NAME.fullmatch(name):
            # A folder of the database, a file in it that is not a zone: unknown.
            with contextlib.suppress(ZoneInfoNotFoundError, ValueError, OSError):
                zone = ZoneInfo(name)
        if len(_ZONES) < 1000:  # far more zones than exist: a hostile file cannot grow it
            _ZONES[name] = zone
        return zone
    return _ZONES[name]


# -- Day One's Markdown, as the text a person wrote ------------------------------

#: A backslash before ASCII punctuation makes it a character, as in CommonMark: ``\.`` is ``.``.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
#: Stands for an escaped character while the markup is taken out. No text that
#: reaches here holds it: the models refuse control characters in a text.
_HELD = "\x00"
#: A photo, video, audio recording or PDF shown in the text: ``![](dayone-moment://...)``.
_EMBED = re.compile(r"!\[[^\]\n\x00]*\]\(dayone-moment:[^)\s\x00]*\)")
#: Attachments one after another, with the spaces before them.
_EMBEDS = re.compile(rf"(?:[ \t]*{_EMBED.pattern})+")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)", re.MULTILINE)
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"
)
#: A backslash or spaces ending a line: Markdown's hard line break, a plain newline here.
_LINE_END = re.compile(r"[ \t]*\\?[ \t]*$", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """The plain text a person wrote, from the Markdown Day One exports of it.

    Line by line, line breaks kept: an escaped character (``\\.``, ``\\#``,
    ``\\*``) is the character; an embedded attachment (``![](dayone-moment:...)``)
    goes, and a line that held only attachments goes with the blank line that
    set it apart; a heading loses its ``#`` marks; ``**bold**``, ``__bold__``,
    ``*italic*`` and ``_italic_`` lose their marks; a line loses the spaces or
    backslash that end it. Lists, quotes, links and everything else stay as
    written. The text loses the blank lines and spaces around it.
    """
    escaped: list[str] = []

    def hold(found: re.Match[str]) -> str:
        escaped.append(found.group(1))
        return _HELD

    # Each pass runs over the whole text (its patterns stop at line ends), and only
    # when the text holds what it looks for: most entries need one or two.
    text = _ESCAPE.sub(hold, markdown) if "\\" in markdown else markdown
    if "dayone-moment:" in text:
        text = _without_attachments(text)
    if "#" in text:
        text = _HEADING.sub("", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(_inside, _STRONG.sub(_inside, text))
    if " \n" in text or "\t\n" in text or "\\\n" in text or text.endswith("\\"):
        text = _LINE_END.sub("", text)
    text = text.strip()
    if escaped:
        characters = iter(escaped)
        text = re.sub(_HELD, lambda _: next(characters), text)
    return text


def _without_attachments(text: str) -> str:
    """``text`` without its embedded attachments, nor the lines that only held them."""
    lines: list[str] = []
    swallow_blank = False
    for line in text.split("\n"):
        if "dayone-moment:" in line:
            rest = _EMBEDS.sub("", line)
            if not rest.strip():
                # The line goes, and with it the blank line that set it apart.
                swallow_blank = not lines or not lines[-1].strip()
                continue
            line = rest.lstrip(" \t") if _EMBED.match(line.lstrip(" \t")) else rest
        elif swallow_blank and not line.strip():
            swallow_blank = False
            continue
        swallow_blank = False
        lines.append(line)
    return "\n".join(lines)


def _inside(found: re.Match[str]) -> str:
    """What a pair of emphasis marks holds (whichever of the pattern's forms matched)."""
    return found.group(1) if found.group(1) is not None else found.group(2)


# -- The files of an export ------------------------------------------------------


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _Budget:
    """How much JSON is left to read of an export: all its journals together."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.left = MAX_JSON_BYTES

    def refuse(self) -> ConnectlogError:
        limit = MAX_JSON_BYTES // (1024 * 1024)
        return ConnectlogError(messages.DAYONE_TOO_BIG.format(path=self.path, limit=limit))

    def claim(self, size: int) -> None:
        """Refuse a file that says it is ``size`` bytes long if that is more than is left."""
        if size > self.left:
            raise self.refuse()

    def take(self, stream: _Readable) -> bytes:
        """All of ``stream``, up to what is left; past it, the export is refused."""
        data = stream.read(self.left + 1)
        if len(data) > self.left:
            raise self.refuse()
        self.left -= len(data)
        return data


#: Reads one journal file of an export, by its name, as bytes.
_Load = Callable[[str], bytes]


@contextlib.contextmanager
def _export(path: Path) -> Iterator[tuple[list[str], _Load]]:
    """The journal files of the export at ``path``, named and checked, and how to read each.

    Each is read only when asked for, so that no more than one journal's bytes
    are held at a time; all of them together are held to :data:`MAX_JSON_BYTES`.
    """
    budget = _Budget(path)
    try:
        if path.is_dir():
            names, load = _folder_files(path, budget)
            yield names, load
        elif zipfile.is_zipfile(path):
            with _zip_files(path, budget) as (names, load):
                yield names, load
        else:
            name = _checked_name(path, path.name)
            names, load = [name], lambda _: _read_regular(path, follow=True, budget=budget)
            yield names, load
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConnectlogError(messages.FILE_UNREADABLE.format(path=path, reason=reason)) from exc


def _checked_name(path: Path, name: str) -> str:
    if _CONTROL.search(name) or len(name) > vocab.NAME_LIMIT:
        shown = json.dumps(name[:60])  # ASCII: nothing raw, not even half a character
        raise ConnectlogError(messages.DAYONE_BAD_NAME.format(path=path, name=shown))
    return name


def _folder_files(folder: Path, budget: _Budget) -> tuple[list[str], _Load]:
    """The journal files of an unzipped export; a link is refused, never followed."""
    with os.scandir(folder) as listing:
        items = sorted((item for item in listing if _is_journal_name(item.name)), key=_name)
    for item in items:
        name = _checked_name(folder, item.name)
        if item.is_symlink():
            raise ConnectlogError(messages.DAYONE_LINK.format(name=name, path=folder))
        if not item.is_file(follow_symlinks=False):
            raise ConnectlogError(messages.DAYONE_NOT_FILE.format(name=name, path=folder))

    def load(name: str) -> bytes:
        return _read_regular(folder / name, follow=False, budget=budget)

    return [item.name for item in items], load


def _name(item: os.DirEntry[str]) -> str:
    return item.name


def _read_regular(path: Path, *, follow: bool, budget: _Budget) -> bytes:
    with _open_regular(path, follow=follow, budget=budget) as stream:
        return budget.take(stream)


def _open_regular(path: Path, *, follow: bool, budget: _Budget | None = None) -> BinaryIO:
    """``path`` open for reading if it is a regular file (not a link, unless ``follow``)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # a pipe put in its place never blocks
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)  # a link put in its place is not followed either
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise ConnectlogError(messages.DAYONE_NOT_FILE.format(name=path.name, path=path.parent))
        if budget is not None:
            budget.claim(status.st_size)
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


def _reaches_out(name: str) -> bool:
    """Whether a zip member's name points outside the export (or is written to look so)."""
    return (
        name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or re.match(r"[A-Za-z]:", name) is not None
        or ".." in name.split("/")
    )


@contextlib.contextmanager
def _zip_files(path: Path, budget: _Budget) -> Iterator[tuple[list[str], _Load]]:
    """The journal files of a Day One zip, read in memory: nothing is extracted."""
    try:
        if members_said(path) > MAX_MEMBERS:
            raise ConnectlogError(messages.DAYONE_TOO_MANY.format(path=path, limit=MAX_MEMBERS))
        archive = zipfile.ZipFile(path)
    except _ZIP_ERRORS as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ConnectlogError(messages.FILE_UNREADABLE.format(path=path, reason=reason)) from exc
    with archive:
        members: dict[str, zipfile.ZipInfo] = {}
        for info in archive.infolist():
            if _reaches_out(info.filename):
                shown = json.dumps(info.filename[:60])
                raise ConnectlogError(messages.DAYONE_BAD_NAME.format(path=path, name=shown))
            if not _is_journal_member(info):
                continue
            name = _checked_name(path, info.filename)
            if name in members:
                raise ConnectlogError(messages.DAYONE_TWICE.format(path=path, name=name))
            if stat.S_ISLNK(info.external_attr >> 16):
                raise ConnectlogError(messages.DAYONE_LINK.format(name=name, path=path))
            members[name] = info

        def load(name: str) -> bytes:
            info = members[name]
            budget.claim(info.file_size)  # what it says it holds, before reading any
            try:
                with archive.open(info) as stream:
                    return budget.take(stream)  # and what it gives, counted as it comes
            except _ZIP_ERRORS as exc:
                reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
                raise ConnectlogError(
                    messages.DAYONE_UNREADABLE.format(name=name, path=path, reason=reason)
                ) from exc

        yield sorted(members), load


#: The records at the end of a zip that say how many members it holds.
_END = b"PK\x05\x06"
_END64_LOCATOR = b"PK\x06\x07"
_END64 = b"PK\x06\x06"


def members_said(path: Path) -> int:
    """How many members the zip at ``path`` says it holds, read from its end records.

    Only those records are read (the last 64 KiB, and a ZIP64 record where one
    is pointed at); 0 when they cannot be found, and ``zipfile`` then says what
    is wrong with the file.
    """
    with path.open("rb") as file:
        size = file.seek(0, os.SEEK_END)
        start = max(0, size - (22 + 0xFFFF))  # the end record, and a comment of up to 64 KiB
        file.seek(start)
        tail = file.read()
        at = tail.rfind(_END)
        if at < 0 or len(tail) - at < 22:
            return 0
        (count,) = struct.unpack_from("<H", tail, at + 10)
        if count != 0xFFFF or at < 20 or tail[at - 20 : at - 16] != _END64_LOCATOR:
            return int(count)
        (where,) = struct.unpack_from("<Q", tail, at - 20 + 8)
        file.seek(where)
        record = file.read(56)
        if len(record) < 56 or record[:4] != _END64:
            return int(count)
        (total,) = struct.unpack_from("<Q", record, 32)
        return int(total)


def _parse(name: str, raw: bytes) -> Any:
    """The JSON document in ``raw``, which must be UTF-8."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConnectlogError(
            messages.DAYONE_NOT_UTF8.format(name=name, byte=raw[exc.start], position=exc.start)
        ) from exc
    del raw  # the only reference: the bytes go before the document is built
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ConnectlogError(
            messages.DAYONE_BAD_JSON.format(name=name, reason=messages.DAYONE_JSON_DEEP)
        ) from exc
    except json.JSONDecodeError as exc:
        raise ConnectlogError(messages.DAYONE_BAD_JSON.format(name=name, reason=exc)) from exc
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise ConnectlogError(
            messages.DAYONE_BAD_JSON.format(name=name, reason=messages.DAYONE_JSON_NUMBER)
        ) from exc
