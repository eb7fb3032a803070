"""The jrnl reader, on files the real jrnl 4.6 wrote and on hostile ones.

The real files are made by ``tests/fixtures/jrnl/make.py`` (jrnl installed from
PyPI into its own virtual environment, cached under ``tests/.cache/``); what
each entry should become is written out here by hand, from what jrnl was told.
Times are read in this machine's zone, which the tests' set-up makes
Europe/Berlin.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from connectlog import messages
from connectlog.errors import ConnectlogError
from connectlog.journal import vocab
from connectlog.journal.imports import jrnl
from connectlog.journal.types.imports import IncomingEntry
from tests.fixtures.jrnl import make

#: Now, for the reader: after every entry the fixtures hold.
NOW = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)

#: (text, occurred_at, tags, starred) of each entry of the "default" journal
#: (tags # and @, times like 08:15:00 PM), as jrnl shows them.
DEFAULT = [
    (
        "Held hands on the walk home.\nIt was cold and @Sam smiled. #touch #Trust",
        "2024-03-01T20:15:00+01:00",
        ("Sam", "touch", "Trust"),
        False,
    ),
    ("Breakfast in bed, no phones #reward", "2024-03-02T08:05:00+01:00", ("reward",), True),
    (
        "A long talk about moving in.\nWe both said what scares us.\n\n"
        "I felt heard. #vulnerability #communication @Alex-Rivera\n"
        "\tAn indented line, and an email: sam@example.com (#not-a-tag)",
        "2024-03-03T21:40:00+01:00",
        ("vulnerability", "communication", "Alex-Rivera"),
        False,
    ),
    (
        # A star at the end of a body is text, not a star, for jrnl.
        "Zoë made crème brûlée 💛 for us.\nÜberraschung! #Überraschung #reward *",
        "2024-03-10T23:59:00+01:00",
        ("Überraschung", "reward"),
        False,
    ),
    (
        "Morning after.\nStill smiling about it. #resonance",
        "2024-03-11T07:00:00+01:00",
        ("resonance",),
        True,
    ),
    (
        # 02:30 does not exist that night in Berlin: read with the offset before it.
        "The night the clocks went forward #regulation",
        "2024-03-31T03:30:00+02:00",
        ("regulation",),
        False,
    ),
    (
        # 02:30 happens twice that night: the first time, still summer time.
        "The night the clocks went back.\n#REGULATION #self-care",
        "2024-10-27T02:30:00+02:00",
        ("REGULATION", "self-care"),
        False,
    ),
    (
        "Kiss just after midnight #touch @sam",
        "2024-12-31T00:30:00+01:00",
        ("touch", "sam"),
        True,
    ),
    (
        "Slept in.\nLunch together at half past twelve.",
        "2025-01-01T12:30:00+01:00",
        (),
        False,
    ),
]

#: The "hash" journal: only # is a tag symbol in its config; times like 18:00.
HASH = [
    (
        "Cooked together with @Sam.\n#reward #Touch",
        "2024-05-04T18:00:00+02:00",
        ("reward", "Touch"),
        False,
    ),
    (
        # Written on stdin, the star after the body is text for jrnl.
        "Woke up far apart.\nWe talked it through. #disconnection #repair *",
        "2024-05-05T07:45:00+02:00",
        ("disconnection", "repair"),
        False,
    ),
    ("Quiet evening, nothing tagged", "2024-05-06T22:10:00+02:00", (), False),
    (
        # jrnl took "00:00" for no time given, and wrote its default hour, 09:00.
        "Fell asleep on the sofa together #touch",
        "2024-05-08T09:00:00+02:00",
        ("touch",),
        False,
    ),
]

#: What each file should read as. The plain-text journal does not say that its
#: config takes only #, so @Sam is a tag there (see the reader's docstring).
EXPECTED = {
    ("default", "json"): DEFAULT,
    ("default", "text"): DEFAULT,
    ("hash", "json"): HASH,
    ("hash", "text"): [(HASH[0][0], HASH[0][1], ("Sam", "reward", "Touch"), False), *HASH[1:]],
}


@pytest.fixture(scope="session")
def written() -> dict[str, make.Files]:
    """The journals the real jrnl 4.6 wrote (built once, then cached)."""
    return make.built()


def path_of(written: dict[str, make.Files], journal: str, kind: str) -> Path:
    files = written[journal]
    return files.json if kind == "json" else files.text


def seen(entry: IncomingEntry) -> tuple[str, str, tuple[str, ...], bool]:
    return (entry.text, entry.occurred_at.isoformat(), entry.tags, entry.starred)


@pytest.mark.parametrize(("journal", "kind"), sorted(EXPECTED), ids="-".join)
def test_every_entry_jrnl_wrote_is_read_with_its_text_time_tags_and_star(
    written: dict[str, make.Files], journal: str, kind: str
) -> None:
    path = path_of(written, journal, kind)
    assert jrnl.detect(path)
    incoming = jrnl.read(path, now=NOW)
    assert incoming.format == "jrnl"
    assert incoming.left_behind == 0
    assert [seen(entry) for entry in incoming.entries] == EXPECTED[journal, kind]
    for entry in incoming.entries:
        assert entry.uuid is None and entry.created_at is None and entry.updated_at is None


def test_the_files_are_the_ones_jrnl_writes(written: dict[str, make.Files]) -> None:
    # What the reader relies on, as jrnl wrote it: the header of each time format,
    # the star on the title line, the export's lowercase tags and minutes.
    default = written["default"].text.read_text(encoding="utf-8")
    assert default.startswith("[2024-03-01 08:15:00 PM] Held hands on the walk home.\n")
    assert "[2024-03-02 08:05:00 AM] Breakfast in bed, no phones #reward *\n" in default
    assert "[2024-12-31 12:30:00 AM] Kiss" in default
    assert written["hash"].text.read_text(encoding="utf-8").startswith("[2024-05-04 18:00] ")
    export = json.loads(written["default"].json.read_text(encoding="utf-8"))
    assert set(export) == {"tags", "entries"}
    first = export["entries"][0]
    assert set(first) == {"title", "body", "date", "time", "tags", "starred"}
    assert (first["date"], first["time"]) == ("2024-03-01", "20:15")
    assert sorted(first["tags"]) == ["#touch", "#trust", "@sam"]
    assert "@sam" not in json.loads(written["hash"].json.read_text(encoding="utf-8"))["tags"]


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("zone")
def test_times_are_read_in_the_zone_of_this_machine(written: dict[str, make.Files]) -> None:
    for kind in ("json", "text"):
        entries = jrnl.read(path_of(written, "default", kind), now=NOW).entries
        assert entries[0].occurred_at.isoformat() == "2024-03-01T20:15:00-05:00"
        assert entries[6].occurred_at.isoformat() == "2024-10-27T02:30:00-04:00"


# -- Recognising a jrnl file -----------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b'{\n  "tags": {},\n  "entries": []\n}',
        b'{"entries": [{"body": "", "date": "2024-01-01"}], "tags": {}}',  # keys sorted
        b'\xef\xbb\xbf{"tags": {"#a": 1}, "entries": []}',
        b"[2024-03-01 20:15] Title\nbody\n",
        b"\n\n[2024-03-01 08:15:00 PM] Title *\r\nbody\r\n",
        b"[2024-03-01 20:15:42] Title",
    ],
)
def test_jrnl_files_are_recognised_by_their_content(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "journal.data"
    path.write_bytes(content)
    assert jrnl.detect(path)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"Dear diary,\n[2024-03-01 20:15] Title\n",
        b'{"version": 1, "type": "export", "entries": []}',
        b'{"metadata": {"version": "1.0"}, "entries": []}',
        b'{"entries": [{"uuid": "x"}]}',
        b"[note] not a date\n",
        b"[2024-03-01 20:15]no space\n",
        b"\x00\xff\xfe binary",
        b"gAAAAABl-encrypted-by-jrnl",
    ],
)
def test_other_files_are_not_taken_for_jrnl(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "journal.txt"
    path.write_bytes(content)
    assert not jrnl.detect(path)


def test_a_missing_file_or_a_folder_is_not_jrnl_and_cannot_be_read(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.json", tmp_path):
        assert not jrnl.detect(path)
        with pytest.raises(ConnectlogError, match=r"^Cannot read the jrnl file .*Nothing was"):
            jrnl.read(path)


# -- Hostile and broken files ------------------------------------------------------


def entry(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "title": "A title.",
        "body": "A body.",
        "date": "2024-03-01",
        "time": "20:15",
        "tags": [],
        "starred": False,
    }
    return {**base, **fields}


def export(*entries: dict[str, Any]) -> bytes:
    return json.dumps({"tags": {}, "entries": list(entries)}).encode()


def eleven_then(bad: dict[str, Any]) -> bytes:
    return export(*[entry() for _ in range(11)], bad)


LONG = "x" * vocab.TEXT_LIMIT
ESC = "\x1b[2J"

HOSTILE_JSON: dict[str, tuple[bytes, str]] = {
    "truncated": (
        export(entry())[:-20],
        "The jrnl file is not valid JSON (Expecting property name enclosed in double quotes",
    ),
    "truncated between entries": (
        export(entry(), entry())[:-2],
        "The jrnl file is not valid JSON (expecting ',' or ']' at line 1 column 246).",
    ),
    "garbage after": (
        export(entry()) + b" trailing",
        "not valid JSON (there is more after the end of the document)",
    ),
    "not UTF-8": (
        export(entry(title="Caf\u00e9")).replace(b"\\u00e9", b"\xe9"),
        "not UTF-8 text (byte 0xe9 at position 39)",
    ),
    "a lone surrogate": (
        export(entry(body="\ud800")),
        "Entry 1 of the jrnl file: body holds a control character or half a character (U+D800 to "
        "U+DFFF).",
    ),
    "NaN": (export(entry()).replace(b"false", b"NaN"), "not valid JSON (NaN is not a JSON value)"),
    "a key twice": (b'{"tags": {}, "tags": {}, "entries": []}', "the key 'tags' appears twice"),
    "no entries": (b'{"tags": {}}', "The jrnl file: entries is missing."),
    "a raw control character in a string": (
        b'{"tags": {}, "entries": [{"title": "a\x1b"}]}',
        "not valid JSON (Invalid control character at",
    ),
    "entries not objects": (
        b'{"tags": {}, "entries": [1]}',
        "Entry 1 of the jrnl file: the entry must be an object, not 1.",
    ),
    "deep nesting": (
        b'{"tags": {}, "entries": [{"body": ' + b"[" * 100_000 + b"]" * 100_000 + b"}]}",
        "The jrnl file is not valid JSON (nested too deep). Nothing was imported.",
    ),
    "a huge number": (
        b'{"tags": {"#a": ' + b"9" * 10_000 + b'}, "entries": []}',
        "not valid JSON (it holds a number with thousands of digits)",
    ),
    "infinity for a star": (
        export(entry()).replace(b'"starred": false', b'"starred": 1e999'),
        "Entry 1 of the jrnl file: starred must be true or false, not Infinity.",
    ),
    "a list for the tags": (
        b'{"tags": [], "entries": []}',
        "The jrnl file: tags must be an object, not []. Nothing was imported.",
    ),
    "a string": (b'"tags"', messages.JRNL_NOT_JOURNAL.format(line=1)),
    "no date": (
        export({k: v for k, v in entry().items() if k != "date"}),
        "Entry 1 of the jrnl file: date is missing.",
    ),
    "control in the title of entry 12": (
        eleven_then(entry(title=f"Hi {ESC}")),
        "Entry 12 of the jrnl file: title holds a control character or half a character (U+001B).",
    ),
    "C1 control in the body": (
        export(entry(body="\x9b31m red")),
        "Entry 1 of the jrnl file: body holds a control character or half a character (U+009B).",
    ),
    "NUL in the body": (export(entry(body="a\x00b")), "body holds a control character"),
    "control in a tag": (
        export(entry(tags=["#a\x07"])),
        "Entry 1 of the jrnl file: tags holds a control character or half a character (U+0007).",
    ),
    "a tag of a symbol alone": (export(entry(tags=["#"])), "tags is not valid (not a tag like"),
    "a tag too long": (
        export(entry(body="#" + "t" * 201, tags=["#" + "t" * 201])),
        "tags is longer than 200 characters",
    ),
    "year 1": (
        export(entry(date="0001-01-01")),
        "Entry 1 of the jrnl file: date is before 1970",
    ),
    "year 9999": (
        export(entry(date="9999-12-31", time="23:59")),
        "Entry 1 of the jrnl file: date is in the future (9999-12-31 23:59). Nothing was imported.",
    ),
    "tomorrow": (export(entry(date="2026-11-23")), "date is in the future (2026-11-23 20:15)"),
    "month 13": (export(entry(date="2024-13-01")), "date must be a date like 2026-11-22"),
    "a date as a number": (export(entry(date=1709300000)), "date must be a date like"),
    "hour 25": (
        export(entry(time="25:99")),
        'time is not valid (not a time of day like 20:15: "25:99")',
    ),
    "a time with a zone": (export(entry(time="20:15+01:00")), "time is not valid"),
    "a title too long": (
        export(entry(title=LONG + "x")),
        "Entry 1 of the jrnl file: title is longer than 100,000 characters.",
    ),
    "title and body too long": (
        export(entry(title=LONG[:60_000], body=LONG[:60_000])),
        "Entry 1 of the jrnl file: the text is longer than 100,000 characters. Nothing was",
    ),
    "an empty entry": (
        export(entry(), entry(title=" ", body="\n\t")),
        "Entry 2 of the jrnl file: the text is empty. Nothing was imported.",
    ),
    "a string for a star": (
        export(entry(starred="yes")),
        'starred must be true or false, not "yes"',
    ),
    "tags as a string": (export(entry(tags="#a #b")), "tags must be a list"),
    "a count as text": (
        b'{"tags": {"#a": "1"}, "entries": []}',
        'The jrnl file: tags.#a must be a whole number, not "1".',
    ),
}

HOSTILE_TEXT: dict[str, tuple[bytes, str]] = {
    "empty": (b"", messages.JRNL_NOT_JOURNAL.format(line=1)),
    "garbage": (b"hello world\n", messages.JRNL_NOT_JOURNAL.format(line=1)),
    "text before the first entry": (
        b"\n\nDear diary\n[2024-03-01 20:15] Title\n",
        messages.JRNL_NOT_JOURNAL.format(line=3),
    ),
    "not UTF-8": (b"[2024-03-01 20:15] Caf\xe9\n", "not UTF-8 text (byte 0xe9 at position 22)"),
    "binary": (bytes(range(256)), "not UTF-8 text"),
    "truncated in a character": ("[2024-03-01 20:15] 💛".encode()[:-1], "not UTF-8 text"),
    "control in the title": (
        f"[2024-03-01 20:15] One\n\n[2024-03-02 20:15] Two {ESC}\nbody\n".encode(),
        "Entry 2 of the jrnl file (line 3): title holds a control character or half a "
        "character (U+001B). Nothing was imported.",
    ),
    "control in the body": (
        b"[2024-03-01 20:15] One\nbody \x07 bell\n",
        "Entry 1 of the jrnl file (line 1): body holds a control character",
    ),
    "a vertical tab": (b"[2024-03-01 20:15] One\x0bTwo\n", "(U+000B)"),
    "an empty entry": (
        b"[2024-03-01 20:15] One\n\n[2024-03-02 20:15]    \n\n",
        "Entry 2 of the jrnl file (line 3): the text is empty.",
    ),
    "a star alone": (b"[2024-03-01 20:15] *\n", "the text is empty"),
    "year 1": (b"[0001-01-01 10:00] Old\n", "Entry 1 of the jrnl file (line 1): date is before"),
    "year 9999": (b"[9999-12-31 11:59 PM] Far\n", "date is in the future (9999-12-31 23:59)"),
    "month 13": (b"[2024-13-09 08:00] Bad month\n", "date must be a date like 2026-11-22, not"),
    "13 PM": (
        b"[2024-03-09 13:00:00 PM] Bad hour\n",
        'not a time of day like 20:15: "13:00:00 PM"',
    ),
    "minute 61": (b"[2024-03-09 10:61] Bad minute\n", "time is not valid"),
    "too long": (
        b"[2024-03-01 20:15] " + LONG.encode() + b"x\n",
        "Entry 1 of the jrnl file (line 1): title is longer than 100,000 characters.",
    ),
    "too long together": (
        b"[2024-03-01 20:15] " + LONG[:50_001].encode() + b"\n" + LONG[:50_000].encode(),
        "Entry 1 of the jrnl file (line 1): the text is longer than 100,000 characters.",
    ),
    "a tag too long": (
        b"[2024-03-01 20:15] Tagged #" + b"t" * 201 + b"\n",
        "Entry 1 of the jrnl file (line 1): tags is longer than 200 characters.",
    ),
}


def refusal_of(tmp_path: Path, content: bytes, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ConnectlogError) as caught:
        jrnl.read(path, now=NOW)
    said = str(caught.value)
    assert "\n" not in said and "\x1b" not in said and "Traceback" not in said
    assert said.endswith("Nothing was imported."), said
    return said


@pytest.mark.parametrize(("content", "expected"), HOSTILE_JSON.values(), ids=HOSTILE_JSON)
def test_a_broken_or_hostile_export_is_refused_in_one_line(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    assert expected in refusal_of(tmp_path, content, "export.json")


@pytest.mark.parametrize(("content", "expected"), HOSTILE_TEXT.values(), ids=HOSTILE_TEXT)
def test_a_broken_or_hostile_journal_is_refused_in_one_line(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    assert expected in refusal_of(tmp_path, content, "journal.txt")


def test_a_tag_of_up_to_a_names_length_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "journal.txt"
    name = "t" * vocab.NAME_LIMIT
    path.write_text(f"[2024-03-01 20:15] Tagged #{name}.\n", encoding="utf-8")
    assert jrnl.read(path, now=NOW).entries[0].tags == (name,)


def test_windows_line_breaks_are_line_breaks(tmp_path: Path) -> None:
    text = tmp_path / "journal.txt"
    text.write_bytes(b"[2024-03-01 20:15] One *\r\nline two\r\nline three\r\n\r\n")
    exported = tmp_path / "export.json"
    exported.write_bytes(export(entry(title="One", body="line two\r\nline three\rfour")))
    (read,) = jrnl.read(text, now=NOW).entries
    assert (read.text, read.starred) == ("One\nline two\nline three", True)
    (read,) = jrnl.read(exported, now=NOW).entries
    assert read.text == "One\nline two\nline three\nfour"


def test_an_export_gives_each_tag_once_in_the_spelling_the_text_has(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    body = "#Trust and #TRUST, @trust, @Sam, #self-care."
    # "#listed-only" is not in the text: a file made by hand; kept as listed.
    tags = ["#trust", "@trust", "@sam", "#self-care", "#listed-only"]
    path.write_bytes(export(entry(title="Tags", body=body, tags=tags)))
    (read,) = jrnl.read(path, now=NOW).entries
    assert read.tags == ("Trust", "Sam", "self-care", "listed-only")


def test_an_export_whose_journal_has_other_tag_symbols_is_read_by_them(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    document = {"tags": {"+Tag": 1}, "entries": [entry(title="plus +Tag #not @not", tags=["+tag"])]}
    path.write_text(json.dumps(document), encoding="utf-8")
    (read,) = jrnl.read(path, now=NOW).entries
    assert read.tags == ("Tag",)


def test_the_plain_text_reads_tags_the_way_jrnl_does(tmp_path: Path) -> None:
    path = tmp_path / "journal.txt"
    line = "#a.b #c, #d! @e's x#y (#z) #f-g #h_i #j/k #k+l ##x #3 #Straße me@example.com"
    path.write_text(f"[2024-03-01 20:15] {line}\n", encoding="utf-8")
    (read,) = jrnl.read(path, now=NOW).entries
    expected = ("a", "c", "d", "e", "f-g", "h_i", "j/k", "k+l", "#x", "3", "Straße")
    assert read.tags == expected


def test_many_entries_are_numbered_in_the_order_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "journal.txt"
    blocks = [f"[2024-03-{day:02d} 20:15] Entry {day}\nbody {day}\n" for day in range(1, 29)]
    path.write_text("\n".join(blocks), encoding="utf-8")
    entries = jrnl.read(path, now=NOW).entries
    assert [entry.text for entry in entries] == [f"Entry {d}\nbody {d}" for d in range(1, 29)]
