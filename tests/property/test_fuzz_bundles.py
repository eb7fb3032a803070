"""The bundle reader, fuzzed: any file given to ``share import`` is taken in or refused cleanly.

A real bundle (Sam's week, with a deletion, as ``share export`` wrote it) is
bent a few places at a time, and arbitrary JSON and bytes are tried too; each
goes through the reader and the merge into Alex's journal, in a write
transaction as the command runs it. Either it is taken in (and taken back for
the next example), or it is refused with a :class:`ConnectlogError`, one line,
and the journal is as it was (see :mod:`tests.property.fuzzing`). A few go
through the command itself: exit 1 or 2, one line on stderr, nothing changed.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectlog.errors import ConnectlogError
from connectlog.files import read_text
from connectlog.journal.sharing import ImportResult, import_bundle
from connectlog.paths import JournalLocation
from connectlog.storage.store import Journal, open_journal
from tests.conftest import Cli, journal_dump, rows
from tests.property.fuzzing import (
    Pool,
    as_json,
    attempt,
    bent,
    files_in,
    json_values,
    raw_bytes,
    record_pool,
    told,
)

FIXTURE = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@dataclass(repr=False)
class Setting:
    journal: Journal  # Alex's, where bundles arrive
    bundle: dict[str, Any]  # Sam's, as share export wrote it
    folder: Path
    now: datetime
    pool: Pool  # what each field of a nearly valid bundle may hold

    def __repr__(self) -> str:
        return f"Setting({self.journal.location.path})"


@pytest.fixture
def setting(cli: Cli, tmp_path: Path) -> Iterator[Setting]:
    alex, sam = tmp_path / "alex" / "journal.db", tmp_path / "sam" / "journal.db"
    cli.ok("--db", str(alex), "add", "Walked home with @Sam #trust", "-c", "4")
    cli.ok("--db", str(sam), "profile", "add", "Sam")
    for number, when in enumerate(["yesterday 20:00", "2 days ago", "3 hours ago", "now"]):
        text = f"Moment {number} with @Alex #touch"
        cli.ok("--db", str(sam), "--as", "Sam", "add", text, "--when", when,
               "-c", str(number + 1), "--kind", "physical", "--touch", "hug")  # fmt: skip
    cli.ok("--db", str(sam), "delete", "2", "--yes")
    cli.ok("--db", str(sam), "--as", "Sam", "add", "Dinner @Alex", "--appreciation")
    answers = "Thanks for dinner\n\n\n\n\n\nCook on Sunday\n\n\n"
    cli.ok("--db", str(sam), "--as", "Sam", "review", "--week", "this", "--interactive",
           input=answers)  # fmt: skip
    out = tmp_path / "bundle.json"
    cli.ok("--db", str(sam), "--as", "Sam", "share", "export", "--weeks", "2", "-o", str(out))
    bundle = json.loads(out.read_text())
    assert len(bundle["entries"]) == 4 and len(bundle["removals"]) == 1
    assert bundle["reviews"] and bundle["reviews"][0]["lines"]
    with sqlite3.connect(alex) as settled:  # all of it in the file, to be copied
        settled.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    settled.close()
    journal = open_journal(JournalLocation(path=alex))
    now = datetime.now(UTC)
    uuids = [
        uuid for (uuid,) in rows(alex, "SELECT uuid FROM entry UNION SELECT uuid FROM profile")
    ]
    uuids += [entry["uuid"] for entry in bundle["entries"]] + [bundle["profile"]["uuid"]]
    yield Setting(journal, bundle, tmp_path / "alex", now, record_pool(now, uuids))
    journal.close()


def take_in(setting: Setting, text: str) -> ImportResult | ConnectlogError:
    result = attempt(setting.journal, lambda db: import_bundle(db, text, now=setting.now))
    if isinstance(result, ImportResult):
        assert min(result.added, result.updated, result.removed, result.unchanged) >= 0
    told(result)
    return result


def test_the_bundle_unbent_is_taken_in(setting: Setting) -> None:
    result = take_in(setting, as_json(setting.bundle))
    assert isinstance(result, ImportResult) and (result.added, result.reviews) == (4, 1)


@settings(max_examples=250, deadline=None, suppress_health_check=FIXTURE)
@given(data=st.data())
def test_a_bent_bundle_is_taken_in_or_refused_cleanly(
    setting: Setting, data: st.DataObject
) -> None:
    take_in(setting, as_json(data.draw(bent(setting.bundle, pool=setting.pool))))


@settings(max_examples=80, deadline=None, suppress_health_check=FIXTURE)
@given(value=json_values)
def test_any_json_is_refused_cleanly(setting: Setting, value: Any) -> None:
    result = take_in(setting, as_json(value))
    assert isinstance(result, ConnectlogError)


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURE)
@given(content=raw_bytes)
def test_any_bytes_are_read_as_the_command_reads_them_or_refused_cleanly(
    setting: Setting, content: bytes
) -> None:
    path = setting.folder / "given.json"
    path.write_bytes(content)
    result = attempt(
        setting.journal, lambda db: import_bundle(db, read_text(path), now=setting.now)
    )
    assert isinstance(result, ConnectlogError)


@settings(max_examples=25, deadline=None, suppress_health_check=FIXTURE)
@given(data=st.data())
def test_through_the_command_a_refused_bundle_is_one_line_and_changes_nothing(
    cli: Cli, setting: Setting, data: st.DataObject
) -> None:
    given_file = setting.folder.parent / "given.json"
    given = data.draw(st.builds(as_json, bent(setting.bundle, pool=setting.pool)) | raw_bytes)
    given_file.write_bytes(given.encode() if isinstance(given, str) else given)
    # A copy of Alex's journal for each example: a bundle taken in stays in it.
    folder = Path(tempfile.mkdtemp(dir=setting.folder.parent))
    shutil.copytree(setting.folder, folder, dirs_exist_ok=True)
    db = folder / "journal.db"
    before, files = journal_dump(db), files_in(folder)
    result = cli("--db", str(db), "share", "import", str(given_file))
    assert "Traceback" not in result.stderr
    if result.exit_code != 0:
        assert result.exit_code in (1, 2), (result.exit_code, result.stderr)
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert journal_dump(db) == before
        assert files_in(folder) == files
    shutil.rmtree(folder)
