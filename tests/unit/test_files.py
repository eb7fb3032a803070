"""Files written for the user: private, whole or not at all, never over the journal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from connectlog.errors import ConnectlogError
from connectlog.files import write_private


class Interrupted(Exception):
    """Stands for whatever stops the pieces of an export coming."""


def pieces_then_failure() -> Iterator[str]:
    yield "first piece\n"
    yield "second piece\n"
    raise Interrupted


def test_pieces_are_written_in_order_readable_by_the_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    write_private(path, iter(["a", "b\n", "", "c"]))
    assert path.read_text(encoding="utf-8") == "ab\nc"
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of its own (the test's folder holds its home too)."""
    made = tmp_path / "exports"
    made.mkdir()
    return made


def test_a_failure_midway_leaves_the_old_file_and_no_scraps(folder: Path) -> None:
    path = folder / "out.txt"
    path.write_text("what was there", encoding="utf-8")
    with pytest.raises(Interrupted):
        write_private(path, pieces_then_failure())
    assert path.read_text(encoding="utf-8") == "what was there"
    assert sorted(file.name for file in folder.iterdir()) == ["out.txt"]


def test_a_failure_midway_leaves_no_file_where_there_was_none(folder: Path) -> None:
    with pytest.raises(Interrupted):
        write_private(folder / "out.txt", pieces_then_failure())
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_journal_and_the_files_beside_it_are_refused(tmp_path: Path, suffix: str) -> None:
    journal = tmp_path / "journal.db"
    target = Path(f"{journal}{suffix}")
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(ConnectlogError, match="is the journal itself"):
        write_private(target, "overwritten", journal=journal)
    assert target.read_text(encoding="utf-8") == "precious"


def test_a_link_to_the_journal_is_the_journal(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    journal.write_text("precious", encoding="utf-8")
    link = tmp_path / "looks-harmless.json"
    link.symlink_to(journal)
    with pytest.raises(ConnectlogError, match="is the journal itself"):
        write_private(link, "overwritten", journal=journal)
    assert journal.read_text(encoding="utf-8") == "precious"


def test_another_file_beside_the_journal_is_fine(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    write_private(tmp_path / "journal.db.json", "kept", journal=journal)
    assert (tmp_path / "journal.db.json").read_text(encoding="utf-8") == "kept"
