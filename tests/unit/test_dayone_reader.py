"""The Day One reader: Day One-shaped exports (zip, folder, one file) built here, and hostile ones.

There is no real Day One on these machines, so the exports are written by the
tests in Day One's shape: one JSON file a journal, photos beside them,
uppercase 32-digit uuids, UTC times ending in Z, IANA zone names, and the many
fields Day One writes that connectlog ignores.
"""

from __future__ import annotations

import json
import os
import stat
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from connectlog.errors import ConnectlogError
from connectlog.journal import vocab
from connectlog.journal.imports import dayone
from connectlog.journal.imports.dayone import detect, plain_text, read
from connectlog.journal.types.imports import Incoming, IncomingEntry
from tests.conftest import Cli, assert_user_error, journal_dump, rows

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

Journals = dict[str, list[dict[str, Any]]]


def uuid_of(number: int) -> str:
    return f"{number:032X}".replace("0", "A", 4)


def entry(number: int, **fields: Any) -> dict[str, Any]:
    """A Day One entry, with the fields Day One writes besides the ones connectlog takes."""
    made: dict[str, Any] = {
        "uuid": uuid_of(number),
        "text": f"Entry number {number}\\.",
        "richText": json.dumps({"contents": [{"text": f"Entry number {number}."}]}),
        "creationDate": "2026-11-20T19:00:00Z",
        "modifiedDate": "2026-11-20T19:05:00Z",
        "timeZone": "Europe/Berlin",
        "starred": False,
        "isPinned": False,
        "duration": 0,
        "creationDevice": "Phone",
        "creationDeviceType": "iPhone",
        "creationOSName": "iOS",
        "editingTime": 12.5,
        "isAllDay": False,
    }
    made.update(fields)
    return made


def document(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {"metadata": {"version": "1.0"}, "entries": entries}


def journal_bytes(entries: list[dict[str, Any]]) -> bytes:
    return json.dumps(document(entries), indent=2).encode()


def make_zip(path: Path, journals: Journals, *, photos: int = 0) -> Path:
    """A Day One export zip: the journals' JSON files at its root and a photos folder."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, entries in journals.items():
            archive.writestr(f"{name}.json", journal_bytes(entries))
        for number in range(photos):
            archive.writestr(f"photos/{number:032x}.jpeg", b"\xff\xd8\xff\xe0 not a real jpeg")
    return path


def make_folder(path: Path, journals: Journals, *, photos: int = 0) -> Path:
    """The same export unzipped."""
    path.mkdir()
    for name, entries in journals.items():
        (path / f"{name}.json").write_bytes(journal_bytes(entries))
    (path / "photos").mkdir()
    for number in range(photos):
        (path / "photos" / f"{number:032x}.jpeg").write_bytes(b"\xff\xd8")
    return path


def refused(path: Path) -> str:
    """The one line reading ``path`` is refused with."""
    with pytest.raises(ConnectlogError) as caught:
        read(path, now=NOW)
    message = caught.value.message
    assert "\n" not in message
    assert "Traceback" not in message
    return message


def photo(identifier: str = "P1") -> dict[str, Any]:
    return {"identifier": identifier, "md5": "0" * 32, "type": "jpeg", "width": 10, "height": 10}


# -- A realistic export --------------------------------------------------------


TWO_JOURNALS: Journals = {
    "Journal": [
        entry(
            1,
            text="# A long hug\n\nSam held me **a long time** after the call\\.\n\n"
            "![](dayone-moment://0A1B2C3D4E5F60718293A4B5C6D7E8F9)\n\nI felt safe\\!",
            creationDate="2026-03-29T00:30:00Z",  # Berlin: 01:30, still +01:00
            modifiedDate="2026-03-29T08:00:00Z",
            starred=True,
            tags=["touch", "trust"],
            photos=[photo("0A1B2C3D4E5F60718293A4B5C6D7E8F9")],
            location={"placeName": "Home", "latitude": 52.5, "longitude": 13.4},
            weather={"temperatureCelsius": 4, "conditionsDescription": "Cloudy"},
        ),
        entry(
            2,
            text="We talked it through\\.",
            creationDate="2026-03-29T01:30:00Z",  # Berlin: 03:30, now +02:00
            tags=["repair"],
        ),
    ],
    "Travel": [
        entry(
            3,
            text="Walked along the Hudson, holding hands",
            creationDate="2026-11-01T05:30:00Z",  # New York: 01:30 -04:00, before falling back
            timeZone="America/New_York",
            tags=["touch"],
            photos=[photo("A"), photo("B")],
            videos=[{"identifier": "V"}],
        ),
        entry(
            4,
            text="Again at 01:30, an hour later",
            creationDate="2026-11-01T06:30:00Z",  # New York: 01:30 -05:00, after
            timeZone="America/New_York",
            audios=[{"identifier": "AU"}],
            pdfAttachments=[{"identifier": "PDF"}],
        ),
    ],
}


def by_uuid(incoming: Incoming) -> dict[str, IncomingEntry]:
    return {e.uuid or "": e for e in incoming.entries}


def check_two_journals(incoming: Incoming) -> None:
    assert incoming.format == "dayone"
    assert incoming.left_behind == 1 + 2 + 1 + 1 + 1
    entries = by_uuid(incoming)
    assert len(entries) == 4
    first = entries["aaaa0000-0000-0000-0000-000000000001"]
    assert first.text == "A long hug\n\nSam held me a long time after the call.\n\nI felt safe!"
    assert first.occurred_at.isoformat() == "2026-03-29T01:30:00+01:00"
    assert first.created_at == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert first.updated_at == datetime(2026, 3, 29, 8, 0, tzinfo=UTC)
    assert first.starred is True
    assert first.tags == ("touch", "trust", "Journal")
    second = entries["aaaa0000-0000-0000-0000-000000000002"]
    assert second.occurred_at.isoformat() == "2026-03-29T03:30:00+02:00"
    assert second.starred is False
    assert second.tags == ("repair", "Journal")
    third = entries["aaaa0000-0000-0000-0000-000000000003"]
    fourth = entries["aaaa0000-0000-0000-0000-000000000004"]
    assert third.occurred_at.isoformat() == "2026-11-01T01:30:00-04:00"
    assert fourth.occurred_at.isoformat() == "2026-11-01T01:30:00-05:00"
    assert third.occurred_at < fourth.occurred_at
    assert third.tags == ("touch", "Travel")
    assert fourth.tags == ("Travel",)


def test_a_zip_of_two_journals_reads_every_entry_in_its_own_local_time(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "export.zip", TWO_JOURNALS, photos=4)
    assert detect(path)
    check_two_journals(read(path, now=NOW))


def test_the_unzipped_folder_reads_the_same(tmp_path: Path) -> None:
    zipped = read(make_zip(tmp_path / "export.zip", TWO_JOURNALS, photos=4), now=NOW)
    folder = make_folder(tmp_path / "export", TWO_JOURNALS, photos=4)
    assert detect(folder)
    unzipped = read(folder, now=NOW)
    check_two_journals(unzipped)
    assert unzipped == zipped


def test_reading_again_gives_the_same_uuids_so_a_reimport_finds_its_entries(
    tmp_path: Path,
) -> None:
    path = make_zip(tmp_path / "export.zip", TWO_JOURNALS)
    assert read(path, now=NOW) == read(path, now=NOW)
    uuids = [e.uuid for e in read(path, now=NOW).entries]
    assert uuids[0] == "aaaa0000-0000-0000-0000-000000000001"


def test_one_journal_adds_no_journal_tag(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "one.zip", {"Journal": TWO_JOURNALS["Journal"]})
    incoming = read(path, now=NOW)
    assert [e.tags for e in incoming.entries] == [("touch", "trust"), ("repair",)]
    assert incoming.left_behind == 1


def test_an_export_of_several_journals_tags_even_when_one_is_empty(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "one.zip", {"Journal": [entry(1, tags=["x"])], "Empty": []})
    assert read(path, now=NOW).entries[0].tags == ("x", "Journal")


def test_a_journal_already_tagged_with_its_name_is_not_tagged_twice(tmp_path: Path) -> None:
    journals: Journals = {"Journal": [entry(1)], "Travel": [entry(2, tags=["travel", "travel"])]}
    incoming = read(make_zip(tmp_path / "e.zip", journals), now=NOW)
    assert [e.tags for e in incoming.entries] == [("Journal",), ("travel",)]


def test_one_journal_file_given_by_itself_reads(tmp_path: Path) -> None:
    path = tmp_path / "Journal.json"
    path.write_bytes(journal_bytes([entry(1, tags=["trust"])]))
    assert detect(path)
    (only,) = read(path, now=NOW).entries
    assert only.text == "Entry number 1."
    assert only.tags == ("trust",)


def test_a_lowercase_uuid_is_read_as_the_same_entry(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "e.zip", {"Journal": [entry(1, uuid=uuid_of(1).lower())]})
    assert read(path, now=NOW).entries[0].uuid == "aaaa0000-0000-0000-0000-000000000001"


# -- Times ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Europe/Berlin", "2026-07-01T21:00:00+02:00"),
        ("Asia/Kolkata", "2026-07-02T00:30:00+05:30"),
        ("America/New_York", "2026-07-01T15:00:00-04:00"),
        ("Australia/Sydney", "2026-07-02T05:00:00+10:00"),
        (None, "2026-07-01T19:00:00+00:00"),
        ("Mars/Olympus_Mons", "2026-07-01T19:00:00+00:00"),
        ("Europe", "2026-07-01T19:00:00+00:00"),  # a folder of the zone database
        ("../../../etc/passwd", "2026-07-01T19:00:00+00:00"),
        ("/etc/localtime", "2026-07-01T19:00:00+00:00"),
        ("", "2026-07-01T19:00:00+00:00"),
    ],
)
def test_the_local_time_comes_from_the_zone_and_an_unknown_one_is_utc(
    tmp_path: Path, zone: str | None, expected: str
) -> None:
    record = entry(1, creationDate="2026-07-01T19:00:00Z", timeZone=zone)
    if zone is None:
        del record["timeZone"]
    (only,) = read(make_zip(tmp_path / "e.zip", {"J": [record]}), now=NOW).entries
    assert only.occurred_at.isoformat() == expected
    assert only.occurred_at.tzinfo is not None


def test_fractions_of_a_second_and_a_missing_modified_date_are_read(tmp_path: Path) -> None:
    record = entry(1, creationDate="2026-11-20T19:00:00.250Z")
    del record["modifiedDate"]
    (only,) = read(make_zip(tmp_path / "e.zip", {"J": [record]}), now=NOW).entries
    assert (
        only.created_at == only.updated_at == datetime(2026, 11, 20, 19, 0, 0, 250000, tzinfo=UTC)
    )


def test_an_entry_dated_forward_after_it_was_written_is_updated_when_it_is_dated(
    tmp_path: Path,
) -> None:
    record = entry(1, creationDate="2026-11-25T10:00:00Z", modifiedDate="2026-11-20T10:00:00Z")
    (only,) = read(make_zip(tmp_path / "e.zip", {"J": [record]}), now=NOW).entries
    assert only.updated_at == only.created_at == datetime(2026, 11, 25, 10, tzinfo=UTC)


# -- Text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        (
            "Hello\\. World\\! \\(really\\) 1\\-2 \\#3 a\\*b\\_c",
            "Hello. World! (really) 1-2 #3 a*b_c",
        ),
        ("a \\\\ b", "a \\ b"),
        ("\\\\. stays a backslash and a dot", "\\. stays a backslash and a dot"),
        ("C:\\Users stays", "C:\\Users stays"),
        ("# Title\nbody", "Title\nbody"),
        ("### Third\n#hug stays", "Third\n#hug stays"),
        ("\\# not a heading", "# not a heading"),
        ("**bold**, __bold__, *it*, _it_, ***both***", "bold, bold, it, it, both"),
        (
            "snake\\_case and file_name_here and 2 * 3 * 4",
            "snake_case and file_name_here and 2 * 3 * 4",
        ),
        ("\\*\\*not bold\\*\\*", "**not bold**"),
        ("- one\n- two\n* three\n1\\. four\n> quoted", "- one\n- two\n* three\n1. four\n> quoted"),
        ("line one  \nline two\\\nline three", "line one\nline two\nline three"),
        ("first\n\n\n\nkept as written", "first\n\n\n\nkept as written"),
        ("above\n\n![](dayone-moment://AB12)\n\nbelow", "above\n\nbelow"),
        ("above\n![](dayone-moment://AB12)\nbelow", "above\nbelow"),
        ("above\n![](dayone-moment://A)\n\nbelow", "above\n\nbelow"),
        ("![](dayone-moment://A)\n\nonly text", "only text"),
        ("a ![](dayone-moment:/video/V1) b", "a b"),
        ("![](dayone-moment:/audio/A)![](dayone-moment:/pdfAttachment/P) caption", "caption"),
        ("\\!\\[\\]\\(dayone-moment://X\\) typed", "![](dayone-moment://X) typed"),
        ("[a link](https://example.org) stays", "[a link](https://example.org) stays"),
        ("  \n  spaced  \n  ", "spaced"),
        ("tab\there", "tab\there"),
        ("", ""),
    ],
)
def test_day_ones_markdown_becomes_the_plain_text_a_person_wrote(markdown: str, plain: str) -> None:
    assert plain_text(markdown) == plain


def test_windows_line_breaks_are_newlines(tmp_path: Path) -> None:
    record = entry(1, text="one\r\ntwo\rthree")
    (only,) = read(make_zip(tmp_path / "e.zip", {"J": [record]}), now=NOW).entries
    assert only.text == "one\ntwo\nthree"


def test_an_entry_of_photos_only_keeps_its_date_star_and_tags_and_says_what_it_held(
    tmp_path: Path,
) -> None:
    records = [
        entry(
            1,
            text="![](dayone-moment://P1)\n![](dayone-moment://P2)",
            photos=[photo(), photo()],
            starred=True,
            tags=["touch"],
        ),
        entry(2, videos=[{"identifier": "V"}], pdfAttachments=[{}, {}]),
        entry(3, text="   "),
    ]
    del records[1]["text"]
    incoming = read(make_zip(tmp_path / "e.zip", {"J": records}), now=NOW)
    first, second, third = incoming.entries
    assert first.text == "(A Day One entry without text: 2 photos, not imported.)"
    assert first.starred and first.tags == ("touch",)
    assert second.text == "(A Day One entry without text: 1 video, 2 PDFs, not imported.)"
    assert third.text == "(A Day One entry without text.)"
    assert incoming.left_behind == 5


def test_a_text_at_connectlogs_limit_reads_once_its_escapes_are_taken_out(tmp_path: Path) -> None:
    record = entry(1, text="\\." * vocab.TEXT_LIMIT)
    (only,) = read(make_zip(tmp_path / "e.zip", {"J": [record]}), now=NOW).entries
    assert only.text == "." * vocab.TEXT_LIMIT


# -- Recognising an export -----------------------------------------------------


def test_day_one_is_recognised_with_its_metadata_anywhere_in_a_small_file(tmp_path: Path) -> None:
    path = tmp_path / "Journal.json"
    path.write_text(json.dumps({"entries": [entry(1)], "metadata": {"version": "1.0"}}))
    assert detect(path)


@pytest.mark.parametrize(
    "content",
    [
        b'{"tags": {"@sam": 1}, "entries": [{"title": "x", "body": "", "date": "2026-11-20"}]}',
        b'{"version": 1, "type": "export", "entries": [], "text": "\\"metadata\\": {"}',
        b"[2026-11-20 19:00] A jrnl entry @sam\n",
        b"\xff\xfe not text",
        b"",
    ],
    ids=["jrnl JSON", "connectlog export", "jrnl text", "binary", "empty"],
)
def test_other_files_are_not_day_one(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "other.json"
    path.write_bytes(content)
    assert not detect(path)
    zipped = tmp_path / "other.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("other.json", content)
    assert not detect(zipped)


def test_what_cannot_be_read_is_not_recognised(tmp_path: Path) -> None:
    assert not detect(tmp_path / "missing.zip")
    (tmp_path / "empty").mkdir()
    assert not detect(tmp_path / "empty")
    (tmp_path / "broken.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 10)
    assert not detect(tmp_path / "broken.zip")


def test_a_journal_reached_through_a_link_is_not_recognised(tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    outside.write_bytes(journal_bytes([entry(1)]))
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Journal.json").symlink_to(outside)
    assert not detect(folder)


# -- Hostile exports -------------------------------------------------------------


def test_a_zip_bomb_is_refused_by_what_it_claims_before_anything_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dayone, "MAX_JSON_BYTES", 1024 * 1024)
    path = tmp_path / "bomb.zip"
    padding = b" " * (2 * 1024 * 1024)  # compresses to a few kilobytes
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "Journal.json", b'{"metadata": {"version": "1.0"}, "entries": []}' + padding
        )
    assert path.stat().st_size < 20_000
    message = refused(path)
    assert "more than 1 MiB" in message and "Nothing was imported." in message


def test_a_zip_of_too_many_files_is_refused_before_its_list_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_zip(tmp_path / "many.zip", {"Journal": [entry(1)]}, photos=30)
    monkeypatch.setattr(dayone, "MAX_MEMBERS", 30)
    listed: list[zipfile.ZipFile] = []

    def infolist(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
        listed.append(archive)
        return []

    monkeypatch.setattr(zipfile.ZipFile, "infolist", infolist)
    assert detect(path)  # a zip: read says why it is refused
    message = refused(path)
    assert "says it holds more than 30 files" in message and "Nothing was imported." in message
    assert listed == []


@pytest.mark.parametrize("members", [0, 1, 31, 70_000], ids=["empty", "one", "some", "zip64"])
def test_the_members_a_zip_says_it_holds_are_read_from_its_end(
    tmp_path: Path, members: int
) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(members):
            archive.writestr(f"{number}", b"")
        archive.comment = b"a comment, as some tools write one"
    with zipfile.ZipFile(path) as archive:
        assert len(archive.infolist()) == members
    assert dayone.members_said(path) == members
    (tmp_path / "not.zip").write_bytes(b"PK\x05\x06 too short")
    assert dayone.members_said(tmp_path / "not.zip") == 0


def test_journals_together_are_held_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dayone, "MAX_JSON_BYTES", 1024 * 1024)
    records = [entry(n, text="x" * 1000) for n in range(1, 400)]  # about 600 KB each
    path = make_zip(tmp_path / "e.zip", {"A": records, "B": records})
    assert "more than 1 MiB" in refused(path)
    folder = make_folder(tmp_path / "folder", {"A": records, "B": records})
    assert "more than 1 MiB" in refused(folder)


def lying_zip(path: Path, content: bytes) -> Path:
    """A zip whose one member claims to unpack to 10 bytes and unpacks to all of ``content``."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Journal.json", content)
    data = bytearray(path.read_bytes())
    size = len(content).to_bytes(4, "little")
    small = (10).to_bytes(4, "little")
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    data[local + 22 : local + 26] = small  # the local header's uncompressed size
    assert data[central + 24 : central + 28] == size
    data[central + 24 : central + 28] = small  # the central directory's
    path.write_bytes(bytes(data))
    return path


def test_a_member_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    path = lying_zip(tmp_path / "liar.zip", journal_bytes([entry(1)]) + b" " * 100_000)
    message = refused(path)
    assert message.startswith("Cannot read Journal.json in ")


@pytest.mark.parametrize(
    "name",
    [
        "../Journal.json",
        "/etc/Journal.json",
        "photos/../../escape.jpeg",
        "C:/x.json",
        "a\\..\\b.json",
    ],
)
def test_a_member_named_outside_the_export_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / "e.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Journal.json", journal_bytes([entry(1)]))
        archive.writestr(zipfile.ZipInfo(name), b"{}")
    before = sorted(tmp_path.rglob("*"))
    message = refused(path)
    assert "holds a file named" in message and "Nothing was imported." in message
    assert sorted(tmp_path.rglob("*")) == before  # nothing was extracted


def test_a_journal_name_with_a_control_character_is_refused_and_shown_escaped(
    tmp_path: Path,
) -> None:
    path = make_zip(tmp_path / "e.zip", {"Tra\x1b[31mvel": [entry(1)]})
    message = refused(path)
    assert "\x1b" not in message and "\\u001b" in message


def test_a_zip_holding_a_journal_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "e.zip"
    with zipfile.ZipFile(path, "w") as archive, pytest.warns(UserWarning, match="Duplicate"):
        archive.writestr("Journal.json", journal_bytes([entry(1)]))
        archive.writestr("Journal.json", journal_bytes([entry(2)]))
    assert "holds Journal.json twice" in refused(path)


def test_a_link_in_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "e.zip"
    with zipfile.ZipFile(path, "w") as archive:
        link = zipfile.ZipInfo("Journal.json")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    assert "is a link" in refused(path)


def test_a_link_in_a_folder_is_refused_and_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.json"
    outside.write_bytes(journal_bytes([entry(1, text="not for this journal")]))
    folder = make_folder(tmp_path / "export", {"Journal": [entry(2)]})
    (folder / "Travel.json").symlink_to(outside)
    message = refused(folder)
    assert message.startswith("Travel.json in ") and "is a link" in message


def test_a_pipe_in_a_folder_is_refused_without_waiting_on_it(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "export", {})
    os.mkfifo(folder / "Journal.json")
    assert "is not a regular file" in refused(folder)


def test_a_folder_name_that_is_not_text_is_refused(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "export", {})
    (folder / os.fsdecode(b"Tra\xffvel.json")).write_bytes(journal_bytes([entry(1)]))
    assert "holds a file named" in refused(folder)


def test_an_export_without_journals_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photos/a.jpeg", b"\xff\xd8")
        archive.writestr("photos/meta.json", b"{}")
    assert "holds no journal file" in refused(path)
    assert "holds no journal file" in refused(make_folder(tmp_path / "folder", {}))


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    assert refused(tmp_path / "missing.zip").startswith("Cannot read ")


def raw_journal(tmp_path: Path, content: bytes, name: str = "Travel") -> Path:
    path = tmp_path / "e.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}.json", content)
    return path


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b'{"metadata": {"version": "1.0"}, "entries": [{"text": "caf\xe9"}]}',
            "Travel.json is not UTF-8 text (byte 0xe9 at position 58).",
        ),
        (b'{"metadata": {"version": "1.0"}, "entries": [', "Travel.json is not valid JSON ("),
        (
            b'{"metadata": {"version": "1.0"}, "entries": '
            + b"[" * 100_000
            + b"]" * 100_000
            + b"}",
            "Travel.json is not valid JSON (nested too deep).",
        ),
        (
            b'{"metadata": {"version": "1.0"}, "entries": [' + b"9" * 5000 + b"]}",
            "Travel.json is not valid JSON (it holds a number with thousands of digits).",
        ),
        (b'[{"uuid": "x"}]', "Travel.json is not a Day One journal"),
        (b'{"entries": []}', "Travel.json is not a Day One journal"),
        (
            b'{"metadata": {"version": "1.0"}, "entries": {}}',
            "Travel.json is not a Day One journal",
        ),
        (
            b'{"metadata": {"version": "2.0"}, "entries": []}',
            'Travel.json is a Day One export of version "2.0"',
        ),
        (
            b'{"metadata": {"version": 1}, "entries": []}',
            "Travel.json is a Day One export of version 1,",
        ),
    ],
    ids=[
        "latin-1",
        "cut short",
        "deep",
        "huge number",
        "a list",
        "no metadata",
        "entries not a list",
        "version 2",
        "version a number",
    ],
)
def test_a_journal_file_that_is_not_a_day_one_journal_is_one_line(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    message = refused(raw_journal(tmp_path, content))
    assert message.startswith(expected)
    assert message.endswith("Nothing was imported.")


def third_entry_refused(tmp_path: Path, **fields: Any) -> str:
    """The refusal of a Travel journal whose third entry has ``fields``."""
    records = [entry(1), entry(2), entry(3, **fields)]
    return refused(make_zip(tmp_path / "e.zip", {"Journal": [entry(9)], "Travel": records}))


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        (
            {"tags": ["fine", "bad\x1b[2J"]},
            "tags holds a control character or half a character (U+001B)",
        ),
        ({"tags": ["bell\x07"]}, "tags holds a control character or half a character (U+0007)"),
        (
            {"tags": ["\x85next line"]},
            "tags holds a control character or half a character (U+0085)",
        ),
        ({"tags": [""]}, "tags is empty"),
        ({"tags": ["x" * 201]}, "tags is longer than 200 characters"),
        ({"tags": "trust"}, 'tags must be a list, not "trust"'),
        ({"tags": [7]}, "tags must be text, not 7"),
        ({"starred": "yes"}, 'starred must be true or false, not "yes"'),
        ({"starred": 1}, "starred must be true or false, not 1"),
        ({"starred": 1e999}, "starred must be true or false, not Infinity"),
        ({"text": 5}, "text must be text, not 5"),
        (
            {"text": "esc \x1b[31m red"},
            "text holds a control character or half a character (U+001B)",
        ),
        ({"text": "half \ud800"}, "text holds a control character"),
        ({"uuid": 123}, "uuid must be text, not 123"),
        (
            {"uuid": "not-a-uuid"},
            "uuid is not valid (Day One's uuids are 32 hexadecimal characters",
        ),
        ({"uuid": "A" * 33}, "uuid is not valid"),
        ({"creationDate": "0001-01-01T00:00:00Z"}, "creationDate is before 1970"),
        (
            {"creationDate": "9999-12-31T23:59:59Z"},
            "creationDate is in the future (9999-12-31T23:59:59+00:00)",
        ),
        ({"modifiedDate": "9999-12-31T23:59:59Z"}, "modifiedDate is in the future"),
        (
            {"creationDate": "2026-11-20T19:00:00"},
            "creationDate must be a time with its UTC offset",
        ),
        ({"creationDate": "1700000000"}, "creationDate must be a time with its UTC offset"),
        ({"creationDate": 1700000000}, "creationDate must be a time with its UTC offset"),
        ({"creationDate": "yesterday"}, "creationDate must be a time with its UTC offset"),
        ({"creationDate": None}, "creationDate must be a time"),
        ({"creationDate": "2026-13-40T25:00:00Z"}, "creationDate must be a time"),
        ({"timeZone": 1}, "timeZone must be text, not 1"),
        ({"timeZone": "x" * 201}, "timeZone is longer than 200 characters"),
        ({"photos": "a photo"}, "photos must be a list"),
        ({"text": "x" * (vocab.TEXT_LIMIT + 1)}, "the text is longer than 100,000 characters"),
        ({"text": "x" * (5 * vocab.TEXT_LIMIT)}, "the text is longer than 100,000 characters"),
    ],
)
def test_a_broken_entry_is_refused_naming_the_journal_the_entry_and_the_field(
    tmp_path: Path, fields: dict[str, Any], problem: str
) -> None:
    message = third_entry_refused(tmp_path, **fields)
    assert message.startswith(f"Entry 3 of Travel.json: {problem}"), message
    assert message.endswith("Nothing was imported.")
    assert "\x1b" not in message and "\x07" not in message and "\x85" not in message


def test_an_entry_without_its_uuid_or_date_is_refused(tmp_path: Path) -> None:
    for field in ("uuid", "creationDate"):
        record = entry(3)
        del record[field]
        path = make_zip(tmp_path / f"{field}.zip", {"Travel": [entry(1), entry(2), record]})
        assert refused(path).startswith(f"Entry 3 of Travel.json: {field} is missing.")


def test_a_uuid_twice_in_one_journal_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "e.zip", {"Travel": [entry(1), entry(2), entry(1)]})
    assert refused(path) == (
        f"Entry 3 of Travel.json: uuid {uuid_of(1)} appears twice in the export "
        "(entry 1 of Travel.json has it too). Nothing was imported."
    )


def test_a_uuid_in_two_journals_is_refused_whatever_its_case(tmp_path: Path) -> None:
    journals: Journals = {
        "Journal": [entry(1)],
        "Travel": [entry(2), entry(1, uuid=uuid_of(1).lower())],
    }
    message = refused(make_zip(tmp_path / "e.zip", journals))
    assert message.startswith("Entry 2 of Travel.json: uuid ")
    assert "(entry 1 of Journal.json has it too)" in message


def test_unknown_fields_anywhere_are_ignored_not_refused(tmp_path: Path) -> None:
    record = entry(
        1,
        location={"region": {"center": [1, 2]}, "deep": [[[[{}]]]]},
        weather="odd",
        somethingNew={"a": 1e308},
        userActivity=None,
    )
    data = document([record])
    data["metadata"]["exportedBy"] = "Day One 2026"
    data["extra"] = [1, 2, 3]
    path = raw_journal(tmp_path, json.dumps(data).encode())
    assert len(read(path, now=NOW).entries) == 1


def test_nothing_is_written_beside_the_export(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "export.zip", TWO_JOURNALS, photos=3)
    before = sorted(tmp_path.rglob("*"))
    read(path, now=NOW)
    assert sorted(tmp_path.rglob("*")) == before


# -- Through the import command ----------------------------------------------------


def test_connectlog_import_brings_a_day_one_zip_in_once(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    path = make_zip(tmp_path / "export.zip", TWO_JOURNALS, photos=4)
    result = cli.ok("import", str(path), "--create-concepts")
    assert "(dayone)" in result.stderr and "6 left behind" in result.stderr
    stored = rows(db_path, "SELECT uuid, text, utc_offset, starred FROM entry ORDER BY uuid")
    assert [(uuid[-2:], offset, starred) for uuid, _, offset, starred in stored] == [
        ("01", 60, 1),
        ("02", 120, 0),
        ("03", -240, 0),
        ("04", -300, 0),
    ]
    assert stored[0][1].startswith("A long hug\n\nSam held me a long time")
    before = journal_dump(db_path)
    cli.ok("import", str(path), "--create-concepts")
    assert journal_dump(db_path) == before


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"tags": ["bad\x1b]0;title\x07"]}, "Entry 3 of Travel.json: tags holds a control"),
        ({"creationDate": "9999-12-31T23:59:59Z"}, "Entry 3 of Travel.json: creationDate is in"),
        ({"uuid": uuid_of(1)}, "Entry 3 of Travel.json: uuid " + uuid_of(1) + " appears twice"),
    ],
)
def test_connectlog_import_refuses_a_hostile_export_in_one_line_changing_nothing(
    cli: Cli, tmp_path: Path, db_path: Path, fields: dict[str, Any], problem: str
) -> None:
    cli.ok("add", "What was here before")
    before = journal_dump(db_path)
    records = [entry(1), entry(2), entry(3, **fields)]
    path = make_zip(tmp_path / "e.zip", {"Journal": [entry(9)], "Travel": records})
    result = cli("import", str(path), "--create-concepts")
    assert_user_error(result, 1, problem, "Nothing was imported.")
    assert journal_dump(db_path) == before


# -- Speed -----------------------------------------------------------------------


def big_export(path: Path, count: int) -> Path:
    zones = ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney")
    start = datetime(2000, 1, 1, tzinfo=UTC)
    records = [
        entry(
            n,
            text=f"# Evening {n}\n\nWe **talked** for a long time\\. Felt close\\!\n\n"
            f"![](dayone-moment://{n:032X})",
            creationDate=(start + timedelta(hours=2 * n)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            timeZone=zones[n % 4],
            starred=n % 7 == 0,
            tags=["trust", "touch"][: n % 3],
            photos=[photo(f"{n:032X}")],
            location={"placeName": "Home", "latitude": 52.5, "longitude": 13.4},
        )
        for n in range(1, count + 1)
    ]
    half = count // 2
    return make_zip(path, {"Journal": records[:half], "Travel": records[half:]})


@pytest.mark.slow
def test_a_hundred_thousand_entries_are_read_whole(tmp_path: Path) -> None:
    """At the size of years of writing (how fast it is read is bench/imports.py's to say)."""
    path = big_export(tmp_path / "big.zip", 100_000)
    incoming = read(path, now=NOW)
    assert len(incoming.entries) == 100_000
    assert incoming.left_behind == 100_000
    assert incoming.entries[0].text == "Evening 1\n\nWe talked for a long time. Felt close!"
