"""Every importer, fuzzed: any file given to ``import`` is taken in or refused cleanly.

For each format connectlog reads, a real file in that format (connectlog's own
export of a journal with a partner, a review, a deletion and a concept of its
own; jrnl's JSON export and its plain-text journal; Day One's JSON, alone and in
its zip) is bent a few places at a time, half of them plausibly (see
:mod:`tests.property.fuzzing`), and arbitrary bytes are tried as each format.
Each goes through :func:`~connectlog.journal.imports.import_file` in a write
transaction of a journal that already holds entries, as the command runs it,
with or without ``--create-concepts`` and ``--dry-run``: either it is taken in
(and taken back for the next example), or it is refused with a
:class:`ConnectlogError` and every table is as it was. A few go through the
command itself: exit 1 or 2, one line on stderr, no file changed.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import tempfile
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectlog.errors import ConnectlogError
from connectlog.journal.imports import import_file
from connectlog.journal.types.imports import ImportReport
from connectlog.paths import JournalLocation
from connectlog.storage.store import Journal, open_journal
from tests.conftest import Cli, journal_dump, rows
from tests.property.fuzzing import (
    NASTY,
    Pool,
    as_json,
    attempt,
    bent,
    days_near,
    files_in,
    raw_bytes,
    record_pool,
    times_near,
    told,
)

FIXTURE = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
FORMATS = (None, "connectlog", "jrnl", "dayone")


@dataclass(repr=False)
class Setting:
    journal: Journal  # where the files are imported: it holds entries of its own
    folder: Path  # where each example's file is written
    now: datetime
    export: dict[str, Any]  # connectlog's export of another journal
    pool: Pool  # for connectlog's own records
    foreign: Pool  # for jrnl's and Day One's

    def __repr__(self) -> str:
        return f"Setting({self.journal.location.path})"


@pytest.fixture
def setting(cli: Cli, tmp_path: Path) -> Iterator[Setting]:
    source, sam = tmp_path / "source" / "journal.db", tmp_path / "sam" / "journal.db"
    # Sam's week, shared with the journal that is exported.
    cli.ok("--db", str(sam), "profile", "add", "Sam")
    cli.ok("--db", str(sam), "--as", "Sam", "add", "Cooked for @Robin #reward", "-c", "4")
    bundle = tmp_path / "bundle.json"
    cli.ok("--db", str(sam), "--as", "Sam", "share", "export", "-o", str(bundle))
    cli.ok("--db", str(source), "profile", "add", "Robin")
    cli.ok("--db", str(source), "profile", "alias", "Robin", "Rob")
    cli.ok("--db", str(source), "concepts", "add", "games", "--alias", "play")
    for text in ("Board games with @Sam #games", "A private moment #trust", "Taken back"):
        cli.ok("--db", str(source), "--as", "Robin", "add", text, "--when", "yesterday 20:00")
    cli.ok("--db", str(source), "edit", "2", "--private")
    cli.ok("--db", str(source), "delete", "3", "--yes")
    cli.ok("--db", str(source), "share", "import", str(bundle))
    cli.ok("--db", str(source), "--as", "Robin", "review", "--week", "this", "--interactive",
           input="Thanks for the games\n\n\n\n\n\nPlay more\n\n\n")  # fmt: skip
    out = tmp_path / "export.json"
    cli.ok("--db", str(source), "export", "-o", str(out))
    export = json.loads(out.read_text())
    # The built-in concepts are in every journal: two of them are enough to bend.
    export["concepts"] = [c for c in export["concepts"] if not c["builtin"]][:2] + [
        c for c in export["concepts"] if c["builtin"]
    ][:2]
    target = tmp_path / "target" / "journal.db"
    cli.ok("--db", str(target), "add", "Held hands @Sam #touch", "-c", "4")
    cli.ok("--db", str(target), "add", "Walked by the lake #trust")
    with sqlite3.connect(target) as settled:
        settled.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    settled.close()
    now = datetime.now(UTC)
    uuids = [
        uuid for (uuid,) in rows(target, "SELECT uuid FROM entry UNION SELECT uuid FROM profile")
    ]
    uuids += [entry["uuid"] for entry in export["entries"]] + [
        p["uuid"] for p in export["profiles"]
    ]
    journal = open_journal(JournalLocation(path=target))
    folder = tmp_path / "files"
    folder.mkdir()
    pool = record_pool(now, uuids)
    yield Setting(journal, folder, now, export, pool, {**pool, **foreign_pool(now)})
    journal.close()


def foreign_pool(now: datetime) -> dict[str, st.SearchStrategy[Any]]:
    """What the fields of jrnl's and Day One's files may hold (their own names)."""
    hex_uuids = st.uuids().map(lambda u: u.hex.upper()) | st.sampled_from(["A" * 32, "a" * 32])
    tags = st.sampled_from(["#trust", "@sam", "#Trust", "#new-tag", "@Mary", "touch", "#",
                            "#x" + "y" * 70, "Journal"])  # fmt: skip
    zones = st.sampled_from(["Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata",
                             "Mars/Olympus", "", "../etc/localtime", "Etc/GMT+14"])  # fmt: skip
    titles = st.sampled_from(["Walked home #trust", "With @sam", "", " "]) | st.text(max_size=20)
    return {
        # jrnl
        "title": titles,
        "body": st.sampled_from(["", "#trust @sam", "line\nline"]) | st.text(max_size=20),
        "date": days_near(now) | st.sampled_from(["1969-12-31", "2024-02-30", "9999-12-31"]),
        "time": st.sampled_from(["00:00", "23:59", "24:00", "12:60", "7:05", "20:15:30"]),
        "tags[]": tags,
        # Day One
        "creationDate": times_near(now).map(lambda t: t.rstrip("Z")[:19] + "Z"),
        "modifiedDate": times_near(now).map(lambda t: t.rstrip("Z")[:19] + "Z"),
        "timeZone": zones,
        "isAllDay": st.booleans(),
        "richText": st.just("{}"),
        "uuid": hex_uuids,  # Day One's; a connectlog record's uuid is drawn for an export
    }  # fmt: skip


def take_in(
    setting: Setting, path: Path, *, format_: str | None, create: bool, dry_run: bool
) -> ImportReport | ConnectlogError:
    result = attempt(
        setting.journal,
        lambda db: import_file(
            db, path, format_=format_, create_concepts=create, dry_run=dry_run, now=setting.now
        ),
    )
    told(result)
    return result


options = st.fixed_dictionaries({"create": st.booleans(), "dry_run": st.booleans()})


# -- connectlog's own export ---------------------------------------------------------------


def test_the_export_unbent_is_taken_in(setting: Setting) -> None:
    path = setting.folder / "export.json"
    path.write_text(as_json(setting.export))
    result = take_in(setting, path, format_=None, create=False, dry_run=False)
    assert isinstance(result, ImportReport), result


@pytest.mark.parametrize(
    ("people", "concepts"),
    [
        (["Robin", "Robin"], ["games"]),
        (["Robin", "robin"], ["games", "Games"]),
        (["Sam"], ["games", "play"]),
    ],
)
def test_an_entry_naming_someone_or_a_concept_twice_is_linked_once(
    setting: Setting, people: list[str], concepts: list[str]
) -> None:
    # Found by the fuzzing below: the link was written twice, and SQLite refused it.
    first = next(e for e in setting.export["entries"] if e["author"] == "Robin")
    first |= {"people": people, "concepts": concepts}
    for new in (True, False):  # a new entry, then a newer version of one this journal has
        path = setting.folder / "export.json"
        path.write_text(as_json(setting.export))
        db = setting.journal.location.path
        assert db is not None
        with setting.journal.writing() as session:
            import_file(session, path, now=setting.now)
        linked = rows(
            db,
            "SELECT count(*), count(DISTINCT l.person_id) FROM entry_person l"
            " JOIN entry e ON e.id = l.entry_id WHERE e.uuid = ?",
            first["uuid"],
        )
        assert linked == [(1, 1)], new
        tagged = rows(
            db,
            "SELECT count(*) FROM entry_concept l JOIN entry e ON e.id = l.entry_id"
            " WHERE e.uuid = ?",
            first["uuid"],
        )
        assert tagged == [(1,)], new
        first["updated_at"] = (setting.now + timedelta(minutes=1)).isoformat()


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURE)
@given(data=st.data(), chosen=options)
def test_a_bent_export_is_taken_in_or_refused_cleanly(
    setting: Setting, data: st.DataObject, chosen: dict[str, bool]
) -> None:
    path = setting.folder / "export.json"
    path.write_text(as_json(data.draw(bent(setting.export, pool=setting.pool))))
    take_in(setting, path, format_=None, create=False, dry_run=chosen["dry_run"])


# -- jrnl ------------------------------------------------------------------------------------


def jrnl_document(now: datetime) -> dict[str, Any]:
    """jrnl's JSON export, in the shape ``jrnl --format json`` writes."""
    day = (now - timedelta(days=3)).date().isoformat()
    return {
        "tags": {"#trust": 2, "@sam": 1},
        "entries": [
            {"title": "Walked home.", "body": "We talked #trust @sam", "date": day,
             "time": "20:15", "tags": ["#trust", "@sam"], "starred": False},
            {"title": "Breakfast in bed #trust", "body": "", "date": day, "time": "08:05",
             "tags": ["#trust"], "starred": True},
        ],
    }  # fmt: skip


@settings(max_examples=120, deadline=None, suppress_health_check=FIXTURE)
@given(data=st.data(), chosen=options)
def test_a_bent_jrnl_export_is_taken_in_or_refused_cleanly(
    setting: Setting, data: st.DataObject, chosen: dict[str, bool]
) -> None:
    path = setting.folder / "jrnl.json"
    path.write_text(as_json(data.draw(bent(jrnl_document(setting.now), pool=setting.foreign))))
    take_in(setting, path, format_=data.draw(st.sampled_from([None, "jrnl"])), **chosen)


def jrnl_line(draw: st.DrawFn, now: datetime) -> str:
    """One entry of jrnl's plain-text journal, some of its parts hostile."""
    day = draw(days_near(now) | st.sampled_from(["1969-12-31", "2024-02-30", "0000-00-00"]))
    clock = draw(st.sampled_from(["20:15", "08:15:00 PM", "12:00:00 AM", "13:00 PM", "24:00",
                                  "7:5", "23:59:60"]))  # fmt: skip
    title = draw(
        st.sampled_from(["Walked home #trust", "With @sam *", "", "]"]) | st.text(max_size=15)
    )
    body = draw(st.sampled_from(["", "#trust", "\n\n", "[2024-01-01 10:00] not a header"])
                | st.text(max_size=30))  # fmt: skip
    return f"[{day} {clock}] {title}\n{body}\n"


@st.composite
def jrnl_texts(draw: st.DrawFn, now: datetime) -> bytes:
    lines = [jrnl_line(draw, now) for _ in range(draw(st.integers(1, 4)))]
    text = "\n".join(lines)
    extra = draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\r\n", b"\xff"]))
    return (
        extra + text.encode("utf-8", "surrogatepass")
        if extra != b"\r\n"
        else (text.replace("\n", "\r\n").encode("utf-8", "surrogatepass"))
    )


@settings(max_examples=120, deadline=None, suppress_health_check=FIXTURE)
@given(data=st.data(), chosen=options)
def test_a_jrnl_text_journal_is_taken_in_or_refused_cleanly(
    setting: Setting, data: st.DataObject, chosen: dict[str, bool]
) -> None:
    path = setting.folder / "journal.txt"
    path.write_bytes(data.draw(jrnl_texts(setting.now)))
    take_in(setting, path, format_=data.draw(st.sampled_from([None, "jrnl"])), **chosen)


# -- Day One ---------------------------------------------------------------------------------


def dayone_document(now: datetime) -> dict[str, Any]:
    """One Day One journal's JSON, in the shape Day One writes."""
    when = (now - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    entry = {
        "uuid": "0A1B2C3D4E5F60718293A4B5C6D7E8F9", "text": "A long hug\\. #trust",
        "creationDate": when, "modifiedDate": when, "timeZone": "Europe/Berlin",
        "starred": True, "tags": ["trust"], "isAllDay": False,
        "photos": [{"identifier": "P1", "md5": "0" * 32, "type": "jpeg"}],
    }  # fmt: skip
    second = {**entry, "uuid": "1A1B2C3D4E5F60718293A4B5C6D7E8F9", "text": "# Title\n\nBody",
              "tags": [], "starred": False}  # fmt: skip
    return {"metadata": {"version": "1.0"}, "entries": [entry, second]}


MEMBERS = st.sampled_from(["Journal.json", "Travel.json", "Journal.JSON", "../Journal.json",
                           "/abs.json", "a/b.json", ".hidden.json", "photos/x.jpeg", "Ω.json",
                           "Journal.json/"])  # fmt: skip


@st.composite
def dayone_zips(draw: st.DrawFn, setting: Setting) -> bytes:
    """A Day One zip: one or two journals, maybe bent, under names that may be hostile."""
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")  # a name twice: hostile, and what is tried here
        for _ in range(draw(st.integers(1, 2))):
            document = dayone_document(setting.now)
            if draw(st.booleans()):
                document = draw(bent(document, pool=setting.foreign))
            content = as_json(document).encode()
            if draw(st.integers(0, 9)) == 0:
                content = draw(raw_bytes)
            name = draw(MEMBERS)
            if name.endswith("/"):
                archive.writestr(zipfile.ZipInfo(name), b"")
            else:
                archive.writestr(name, content)
    return buffer.getvalue()


@settings(max_examples=120, deadline=None, suppress_health_check=FIXTURE)
@given(data=st.data(), chosen=options)
def test_a_bent_dayone_journal_is_taken_in_or_refused_cleanly(
    setting: Setting, data: st.DataObject, chosen: dict[str, bool]
) -> None:
    path = setting.folder / "Journal.json"
    path.write_text(as_json(data.draw(bent(dayone_document(setting.now), pool=setting.foreign))))
    take_in(setting, path, format_=data.draw(st.sampled_from([None, "dayone"])), **chosen)


@settings(max_examples=80, deadline=None, suppress_health_check=FIXTURE)
@given(data=st.data(), chosen=options)
def test_a_dayone_zip_is_taken_in_or_refused_cleanly(
    setting: Setting, data: st.DataObject, chosen: dict[str, bool]
) -> None:
    path = setting.folder / "export.zip"
    path.write_bytes(data.draw(dayone_zips(setting)))
    take_in(setting, path, format_=data.draw(st.sampled_from([None, "dayone"])), **chosen)


# -- anything, as any format ---------------------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURE)
@given(
    content=raw_bytes | st.sampled_from(NASTY).map(lambda v: as_json(v).encode()),
    format_=st.sampled_from(FORMATS),
    suffix=st.sampled_from([".json", ".txt", ".zip", ""]),
)
def test_any_bytes_as_any_format_are_refused_cleanly(
    setting: Setting, content: bytes, format_: str | None, suffix: str
) -> None:
    path = setting.folder / f"given{suffix}"
    path.write_bytes(content)
    result = take_in(
        setting, path, format_=format_, create=format_ in ("jrnl", "dayone"), dry_run=False
    )
    if not content.strip():
        assert isinstance(result, ConnectlogError)


@settings(max_examples=30, deadline=None, suppress_health_check=FIXTURE)
@given(data=st.data())
def test_through_the_command_a_refused_file_is_one_line_and_changes_nothing(
    cli: Cli, setting: Setting, data: st.DataObject
) -> None:
    def encoded(document: Any, pool: Pool) -> st.SearchStrategy[bytes]:
        return st.builds(lambda bent_one: as_json(bent_one).encode(), bent(document, pool=pool))

    files = {
        "export.json": encoded(setting.export, setting.pool),
        "jrnl.json": encoded(jrnl_document(setting.now), setting.foreign),
        "journal.txt": jrnl_texts(setting.now),
        "export.zip": dayone_zips(setting),
    }  # fmt: skip
    name = data.draw(st.sampled_from(sorted(files)))
    given_file = setting.folder / name
    given_file.write_bytes(data.draw(files[name] | raw_bytes))
    db = setting.journal.location.path
    assert db is not None
    # A copy of the journal for each example: a file taken in stays in it.
    folder = Path(tempfile.mkdtemp(dir=setting.folder.parent))
    shutil.copytree(db.parent, folder, dirs_exist_ok=True)
    copy = folder / db.name
    before, kept = journal_dump(copy), files_in(folder)
    given = files_in(setting.folder)
    result = cli("--db", str(copy), "import", str(given_file), *data.draw(
        st.sampled_from([[], ["--create-concepts"], ["--dry-run"]])))  # fmt: skip
    assert "Traceback" not in result.stderr
    assert files_in(setting.folder) == given
    if result.exit_code != 0:
        assert result.exit_code in (1, 2), (result.exit_code, result.stderr)
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert journal_dump(copy) == before
        assert files_in(folder) == kept
    shutil.rmtree(folder)
