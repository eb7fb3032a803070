"""What is typed is never lost: not when the journal cannot be written, nor its draft either.

Text the writer typed that cannot be saved is kept as a draft in the journal's
drafts folder; when that folder cannot hold it (read-only, a file in its way, a
full disk) it is kept in the temporary folder instead; when no file can be
written at all it is written in full on stderr. The message says where, no
empty or partial draft is left anywhere, and the journal is as it was.

The failures are real where they can be made without root: a journal SQLite
opens read-only, a journal that may not grow (``max_page_count``: SQLite's own
"database or disk is full"), a read-only folder (for root, whom a folder's mode
does not stop, a file where the folder should be), and in a separate process a
file-size limit (``RLIMIT_FSIZE``), under which every write past it fails as on
a full disk. A full disk in this process is ``os.write`` failing with ENOSPC
after the first few bytes, which is how drafts are written.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import resource
import shlex
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from connectlog import messages
from connectlog.journal.drafts import save_draft
from tests.cli.test_review import ANSWERS, typed, week  # noqa: F401  (week: a fixture)
from tests.conftest import Cli, journal_dump, rows


def _modes_stop_this_user() -> bool:
    """Whether a read-only folder stops this process (not root's, nor a process with
    CAP_DAC_OVERRIDE): tried, not guessed from the user id."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        folder.chmod(0o500)
        try:
            (folder / "probe").touch()
        except PermissionError:
            return True
        finally:
            folder.chmod(0o700)
        return False


#: A folder's mode does not stop root (who reads and writes everywhere).
ROOT = not _modes_stop_this_user()

#: The writer's editor: types what the file named by $NEVER_LOST_TEXT holds above the
#: help, and first lifts the file-size limit it inherited (a limit on connectlog, not on it).
EDITOR = """\
import os, resource, sys
from pathlib import Path

soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
path = Path(sys.argv[-1])
given = path.read_text(encoding="utf-8")
help_part = given[given.index("# ----"):]
typed = Path(os.environ["NEVER_LOST_TEXT"]).read_text(encoding="utf-8")
path.write_text(typed + "\\n" + help_part, encoding="utf-8")
"""

#: A text long enough to need new pages in the journal and more than the size limit below.
LONG = "".join(f"Line {n} of what I wrote tonight about @Sam and #trust. ✓\n" for n in range(900))


# -- The places, and how they fail ---------------------------------------------------


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder, this test's own (for this process and the ones it starts)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def writer_types(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """$EDITOR set to :data:`EDITOR`; call the result with what the writer types in it."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    text_file = tmp_path / "typed.txt"
    monkeypatch.setenv("NEVER_LOST_TEXT", str(text_file))

    def set_text(text: str) -> None:
        text_file.write_text(text, encoding="utf-8")

    return set_text


def block(folder: Path, how: str) -> None:
    """Make ``folder`` a place no file can be made in."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    if how == "read-only":
        folder.mkdir(mode=0o700, exist_ok=True)
        folder.chmod(0o500)
    else:  # a file where the folder should be
        folder.write_text("not a folder\n", encoding="utf-8")


def block_temp_folder(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the temporary folder ``folder`` a place no file can be made in."""
    if ROOT:  # a folder's mode does not stop root: the temporary folder is a file instead
        in_its_place = folder / "not-a-folder"
        in_its_place.write_text("not a folder\n", encoding="utf-8")
        monkeypatch.setattr(tempfile, "tempdir", str(in_its_place))
        monkeypatch.setenv("TMPDIR", str(in_its_place))
    else:
        folder.chmod(0o500)


#: How a folder is made unwritable: a read-only folder stops everyone but root.
BLOCKS = [
    pytest.param(
        "read-only", marks=pytest.mark.skipif(ROOT, reason="root writes in a read-only folder")
    ),
    "a file in its place",
]


@pytest.fixture
def read_only_journal(
    cli: Cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The test's journal, holding one entry, opened by SQLite read-only from now on.

    Returns its drafts folder (the platform's data folder, as for any journal named by URL).
    """
    cli.ok("add", "First")
    monkeypatch.delenv("CONNECTLOG_DB")
    monkeypatch.setenv("CONNECTLOG_DATABASE_URL", f"sqlite:///file:{db_path}?mode=ro&uri=true")
    return tmp_path / "home" / ".local" / "share" / "connectlog" / "drafts"


@pytest.fixture
def full_journal(cli: Cli) -> Iterator[None]:
    """The test's journal, holding one entry, which cannot grow from now on (SQLITE_FULL)."""
    cli.ok("add", "First")

    def cap(connection: Any, _record: Any) -> None:
        (pages,) = connection.execute("PRAGMA page_count").fetchone()
        connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(Engine, "connect", cap)
    yield
    event.remove(Engine, "connect", cap)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write to a file in this process stops with ENOSPC after its first 8 bytes."""
    real_write = os.write

    def write(fd: int, data: Any) -> int:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return real_write(fd, data)
        if os.fstat(fd).st_size < 8:
            return real_write(fd, bytes(data)[: 8 - os.fstat(fd).st_size])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", write)


# -- What to check ------------------------------------------------------------------


def files_under(root: Path) -> dict[str, tuple[int, str]]:
    """Every file and folder under ``root``: its mode and a digest of what it holds.

    SQLite's own -wal and -shm files come and go with any connection; the journal's
    contents are compared apart, by :func:`journal_dump`.
    """
    found = {}
    for path in sorted(root.rglob("*")):
        if path.name.endswith(("-wal", "-shm")):
            continue
        status = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        found[str(path.relative_to(root))] = (status.st_mode, digest)
    return found


def kept_in(stderr: str) -> Path:
    """The file the error's last line says the text is kept in."""
    found = re.search(r"(?:kept in|so it is kept in) (\S+)\.$", stderr.strip())
    assert found, stderr
    return Path(found.group(1))


def shown_text(stderr: str) -> str:
    """The text written in full on stderr, between its two lines."""
    start, end = f"{messages.TEXT_SHOWN_START}\n", f"\n{messages.TEXT_SHOWN_END}\n"
    assert start in stderr and end in stderr, stderr
    return stderr.split(start, 1)[1].split(end, 1)[0]


def assert_private(path: Path) -> None:
    status = path.lstat()
    assert stat.S_ISREG(status.st_mode)
    assert stat.S_IMODE(status.st_mode) == 0o600


def assert_changed_only(
    before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]], *added: str
) -> None:
    """``after`` is ``before`` with ``added`` (paths relative to the same root) and nothing else."""
    assert {name: value for name, value in after.items() if name not in added} == before
    assert set(added) <= set(after)


# -- add -e -------------------------------------------------------------------------


def test_add_edit_on_a_full_disk_writes_the_text_in_full_on_stderr_and_leaves_no_empty_draft(
    cli: Cli,
    db_path: Path,
    tmp_path: Path,
    temp_folder: Path,
    writer_types: Callable[[str], None],
    full_journal: None,
    full_disk: None,
) -> None:
    # Was: exit 70 ("connectlog hit a bug: OSError: No space left"), the text gone,
    # a 0-byte draft left.
    writer_types(LONG)
    before, files = journal_dump(db_path), files_under(tmp_path)

    result = cli("add", "-e")

    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert shown_text(result.stderr) == LONG.strip()
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(
        "Error: The journal could not be read or written (database or disk is full)"
    )
    assert "written above in full" in last and str(tmp_path / "drafts") in last
    assert journal_dump(db_path) == before
    after = files_under(tmp_path)
    assert_changed_only(files, after, "drafts")  # an empty folder, no draft in it
    assert list((tmp_path / "drafts").iterdir()) == []
    assert list(temp_folder.iterdir()) == []


@pytest.mark.parametrize("how", BLOCKS)
def test_add_edit_with_a_read_only_journal_and_drafts_folder_keeps_the_text_in_the_temp_folder(
    cli: Cli,
    db_path: Path,
    tmp_path: Path,
    temp_folder: Path,
    writer_types: Callable[[str], None],
    read_only_journal: Path,
    how: str,
) -> None:
    block(read_only_journal, how)
    writer_types(LONG)
    before, files = journal_dump(db_path), files_under(tmp_path)

    result = cli("add", "--edit", "-c", "4")

    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(
        "Error: The journal could not be read or written (attempt to write a readonly database)."
    )
    assert f"could not be kept in {read_only_journal}" in line
    kept = kept_in(result.stderr)
    assert kept.parent == temp_folder
    assert kept.read_text(encoding="utf-8") == LONG.strip() + "\n"
    assert_private(kept)
    assert journal_dump(db_path) == before
    assert_changed_only(files, files_under(tmp_path), str(kept.relative_to(tmp_path)))


def test_add_edit_with_a_read_only_journal_keeps_the_text_in_the_drafts_folder(
    cli: Cli,
    db_path: Path,
    tmp_path: Path,
    writer_types: Callable[[str], None],
    read_only_journal: Path,
) -> None:
    writer_types("Quiet evening, we read side by side @Sam")
    before = journal_dump(db_path)

    result = cli("add", "-e")

    assert result.exit_code == 1, result.stderr
    assert "attempt to write a readonly database" in result.stderr
    kept = kept_in(result.stderr)
    assert kept.parent == read_only_journal
    assert kept.read_text(encoding="utf-8") == "Quiet evening, we read side by side @Sam\n"
    assert_private(kept)
    assert journal_dump(db_path) == before


def test_add_edit_on_a_full_journal_keeps_the_text_as_a_draft(
    cli: Cli, db_path: Path, tmp_path: Path, writer_types: Callable[[str], None], full_journal: None
) -> None:
    writer_types(LONG)
    before = journal_dump(db_path)

    result = cli("add", "-e")

    assert result.exit_code == 1, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "(database or disk is full)" in line
    kept = kept_in(result.stderr)
    assert kept.parent == tmp_path / "drafts"
    assert kept.read_text(encoding="utf-8") == LONG.strip() + "\n"
    assert journal_dump(db_path) == before


def test_add_edit_refused_with_the_drafts_folder_blocked_keeps_the_text_in_the_temp_folder(
    cli: Cli, db_path: Path, tmp_path: Path, temp_folder: Path, writer_types: Callable[[str], None]
) -> None:
    # A refusal (a tag that is no concept) keeps the text too, and exits 2 as it did.
    cli.ok("add", "First")
    block(tmp_path / "drafts", "a file in its place")
    writer_types("A long reflection about #trsut")
    before, files = journal_dump(db_path), files_under(tmp_path)

    result = cli("add", "-e")

    assert result.exit_code == 2, result.stderr
    assert "did you mean trust" in result.stderr
    kept = kept_in(result.stderr)
    assert kept.parent == temp_folder
    assert kept.read_text(encoding="utf-8") == "A long reflection about #trsut\n"
    assert journal_dump(db_path) == before
    assert_changed_only(files, files_under(tmp_path), str(kept.relative_to(tmp_path)))


# -- add TEXT and stdin ----------------------------------------------------------------


@pytest.mark.parametrize("how", ["argument", "stdin"])
def test_add_text_that_the_journal_cannot_take_is_kept_as_a_draft(
    cli: Cli, db_path: Path, tmp_path: Path, full_journal: None, how: str
) -> None:
    before = journal_dump(db_path)

    result = cli("add", LONG) if how == "argument" else cli("add", input=LONG)

    assert result.exit_code == 1, result.stderr
    assert "(database or disk is full)" in result.stderr
    kept = kept_in(result.stderr)
    assert kept.parent == tmp_path / "drafts"
    assert kept.read_text(encoding="utf-8") == LONG
    assert_private(kept)
    assert journal_dump(db_path) == before


@pytest.mark.parametrize("how", ["argument", "stdin"])
def test_add_text_with_nowhere_to_keep_it_writes_it_on_stderr(
    cli: Cli,
    db_path: Path,
    tmp_path: Path,
    temp_folder: Path,
    read_only_journal: Path,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    block(read_only_journal, "a file in its place")
    block_temp_folder(temp_folder, monkeypatch)
    text = "Told @Sam how much the letter meant\n\twith a tab, and a second line"
    before, files = journal_dump(db_path), files_under(tmp_path)

    result = cli("add", text) if how == "argument" else cli("add", input=text + "\n")

    assert result.exit_code == 1, result.stderr
    assert shown_text(result.stderr) == text
    assert "attempt to write a readonly database" in result.stderr.strip().splitlines()[-1]
    assert journal_dump(db_path) == before
    assert files_under(tmp_path) == files


def test_add_text_refused_is_not_kept(cli: Cli, db_path: Path, tmp_path: Path) -> None:
    # The command line still holds it: a refusal keeps no draft (as with piped text).
    cli.ok("add", "First")
    result = cli("add", "About #trsut")
    assert result.exit_code == 2
    assert "kept" not in result.stderr
    assert not (tmp_path / "drafts").exists()


# -- The guided prompt, at a real terminal ------------------------------------------------


@pytest.mark.slow
def test_the_guided_prompt_on_a_read_only_journal_keeps_the_answer_in_the_temp_folder(
    db_path: Path, tmp_path: Path, temp_folder: Path, read_only_journal: Path
) -> None:
    import pexpect

    block(read_only_journal, "a file in its place")
    before, files = journal_dump(db_path), files_under(tmp_path)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "connectlog", "add"],
        env={**os.environ, "TERM": "dumb"},
        encoding="utf-8",
        timeout=30,
        dimensions=(24, 400),
    )
    said = "Sam held my hand through the whole film and I felt safe"
    for question, answer in [
        ("What happened", said),
        ("Who was it with", "Sam"),
        ("Kind", ""),
        ("How close", "5"),
        ("Which concepts", "trust"),
    ]:
        child.expect_exact(question)
        child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 1, child.before
    shown = " ".join(str(child.before).split())  # the terminal wraps long lines
    assert "attempt to write a readonly database" in shown
    assert f"could not be kept in {read_only_journal} (it is not a folder)" in shown
    (kept,) = temp_folder.iterdir()
    assert f"so it is kept in {kept}." in shown
    assert kept.read_text(encoding="utf-8") == said + "\n"
    assert_private(kept)
    assert journal_dump(db_path) == before
    assert_changed_only(files, files_under(tmp_path), str(kept.relative_to(tmp_path)))


# -- edit -e and edit --text -----------------------------------------------------------


def test_edit_in_the_editor_on_a_full_disk_writes_the_new_text_on_stderr(
    cli: Cli,
    db_path: Path,
    tmp_path: Path,
    temp_folder: Path,
    writer_types: Callable[[str], None],
    full_journal: None,
    full_disk: None,
) -> None:
    writer_types(LONG)
    before = journal_dump(db_path)

    result = cli("edit", "1", "-e")

    assert result.exit_code == 1, result.stderr
    assert shown_text(result.stderr) == LONG.strip()
    assert "(database or disk is full)" in result.stderr.strip().splitlines()[-1]
    assert journal_dump(db_path) == before
    assert list((tmp_path / "drafts").iterdir()) == []
    assert list(temp_folder.iterdir()) == []


def test_edit_text_option_on_a_read_only_journal_is_kept_as_a_draft(
    cli: Cli, db_path: Path, read_only_journal: Path
) -> None:
    before = journal_dump(db_path)
    result = cli("edit", "1", "--text", "First, and what came after")
    assert result.exit_code == 1, result.stderr
    kept = kept_in(result.stderr)
    assert kept.parent == read_only_journal
    assert kept.read_text(encoding="utf-8") == "First, and what came after\n"
    assert journal_dump(db_path) == before


# -- The review ---------------------------------------------------------------------------


@pytest.mark.usefixtures("clock")
@pytest.mark.parametrize("how", BLOCKS)
def test_a_stopped_review_with_its_drafts_folder_blocked_is_kept_in_the_temp_folder(
    week: Cli,  # noqa: F811  (the fixture of that name)
    db_path: Path,
    tmp_path: Path,
    temp_folder: Path,
    how: str,
) -> None:
    block(tmp_path / "drafts", how)
    before, files = journal_dump(db_path), files_under(tmp_path)

    result = week("review", "--interactive", input=typed(ANSWERS[:3]))

    assert result.exit_code == 1, result.stderr
    kept = kept_in(result.stderr)
    assert kept.parent == temp_folder
    assert_private(kept)
    content = kept.read_text(encoding="utf-8")
    assert "Thank you for the tea" in content and "You listened on Thursday" in content
    assert json.loads(content.splitlines()[-1])["week"] == "2026-W47"  # to go on from
    assert journal_dump(db_path) == before
    assert_changed_only(files, files_under(tmp_path), str(kept.relative_to(tmp_path)))


@pytest.mark.usefixtures("clock")
def test_a_stopped_review_on_a_full_disk_is_written_on_stderr(
    week: Cli,  # noqa: F811  (the fixture of that name)
    db_path: Path,
    tmp_path: Path,
    temp_folder: Path,
    full_disk: None,
) -> None:
    before = journal_dump(db_path)

    result = week("review", "--interactive", input=typed(ANSWERS[:3]))

    assert result.exit_code == 1, result.stderr
    shown = shown_text(result.stderr)
    assert "Thank you for the tea" in shown and "You listened on Thursday" in shown
    assert journal_dump(db_path) == before
    assert [path.name for path in (tmp_path / "drafts").iterdir()] == []
    assert list(temp_folder.iterdir()) == []


# -- Drafts are whole or not at all ------------------------------------------------------


def test_a_draft_that_cannot_be_written_whole_leaves_nothing(
    tmp_path: Path, full_disk: None
) -> None:
    from datetime import datetime

    folder = tmp_path / "drafts"
    with pytest.raises(OSError) as failed:
        save_draft(folder, LONG, now=datetime(2026, 11, 22, 21, 0).astimezone())
    assert failed.value.errno == errno.ENOSPC
    assert list(folder.iterdir()) == []


# -- A separate process, with a real limit on what it may write -------------------------


@pytest.mark.slow
def test_add_edit_in_a_process_that_can_write_nothing_large_shows_the_text(
    cli: Cli, db_path: Path, tmp_path: Path, temp_folder: Path, writer_types: Callable[[str], None]
) -> None:
    """Under RLIMIT_FSIZE every write past the limit fails (EFBIG), as on a full disk.

    The limit leaves room for SQLite's -shm (32 KiB) and the editor's small file, not
    for the journal's new pages, a draft of :data:`LONG` or its copy in the temp folder.
    """
    cli.ok("add", "First")
    writer_types(LONG)
    before, files = journal_dump(db_path), files_under(tmp_path)
    limit = 32 * 1024

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    finished = subprocess.run(
        [sys.executable, "-m", "connectlog", "add", "-e"],
        preexec_fn=limited,
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ,
    )

    assert finished.returncode == 1, finished.stderr
    assert finished.stdout == ""
    assert "Traceback" not in finished.stderr
    assert shown_text(finished.stderr) == LONG.strip()
    assert "could not be read or written" in finished.stderr.strip().splitlines()[-1]
    assert journal_dump(db_path) == before
    after = files_under(tmp_path)
    assert_changed_only(files, after, "drafts")
    assert list((tmp_path / "drafts").iterdir()) == []
    assert list(temp_folder.iterdir()) == []
    assert rows(db_path, "SELECT count(*) FROM entry") == [(1,)]


def test_a_draft_of_an_encrypted_journal_says_it_is_not_encrypted(
    cli: Cli, tmp_path: Path, writer_types: Callable[[str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    import connectlog.storage.cipher

    cli.ok("add", "First")
    monkeypatch.setattr(connectlog.storage.cipher, "is_encrypted", lambda path: True)
    writer_types("About #trsut")
    result = cli("add", "-e")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(f". {messages.DRAFT_NOT_ENCRYPTED}")
    (kept,) = (tmp_path / "drafts").iterdir()
    assert f"Your text is kept in {kept}." in result.stderr
