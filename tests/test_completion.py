"""Shell completion (issue 14): commands, options, concepts and people, driven as a shell does.

Each case runs connectlog as a process of its own with the environment a
completion script sets: ``_CONNECTLOG_COMPLETE`` says which shell, and
``COMP_WORDS``/``COMP_CWORD`` hold the command line (Click 8's protocol).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SCRIPT = Path(sys.executable).parent / "connectlog"
CONNECTLOG = [str(SCRIPT)] if SCRIPT.is_file() else [sys.executable, "-m", "connectlog"]
#: Names a partner's bundle could bring: spaces, quotes, a newline, ESC, shell syntax.
HOSTILE = (
    "Mary Jane",
    "O'Brien",
    'Say "hi"',
    "two\nlines",
    "\x1b]0;pwned\x07Eve",
    "$(touch pwned)",
    "`touch pwned2`",
    "a;touch pwned3",
)


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CONNECTLOG, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def complete(shell: str, line: str, **env: str) -> subprocess.CompletedProcess[str]:
    """What connectlog answers ``shell`` for the command ``line`` (the cursor at its end)."""
    words = line.split(" ")
    # fish passes the word being completed, the others its number.
    cword = words[-1] if shell == "fish" else str(len(words) - 1)
    done = run(_CONNECTLOG_COMPLETE=f"{shell}_complete", COMP_WORDS=line, COMP_CWORD=cword, **env)
    assert "Traceback" not in done.stderr + done.stdout
    return done


def values(shell: str, line: str, **env: str) -> list[str]:
    done = complete(shell, line, **env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    if shell == "zsh":  # a value, then its description
        return lines[0::2]
    if shell == "fish":
        return [line.split("\t")[0] for line in lines]
    return lines


@pytest.fixture
def journal(db_path: Path) -> Path:
    done = run("add", "Tea on the balcony", "-w", "Sam", "-w", "Robin")
    assert done.returncode == 0, done.stderr
    return db_path


def add_people(db: Path, *names: str) -> None:
    with sqlite3.connect(db) as connection:
        for name in names:
            connection.execute(
                "INSERT INTO person (name, key, created_at) VALUES (?, ?, '2026-11-22 20:00:00')",
                (name, name.casefold()),
            )


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_command_names_complete(shell: str) -> None:
    found = values(shell, "connectlog re")
    assert {"read", "remember", "restore", "review", "reviews"} <= set(found)
    assert "add" not in found


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_options_complete(shell: str) -> None:
    found = values(shell, "connectlog list --")
    assert {"--concept", "--with", "--with-any", "--since", "--json"} <= set(found)
    assert "--as" not in found  # the hidden copy of the root's


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_concepts_complete_from_the_journal(shell: str, journal: Path) -> None:
    run("concepts", "add", "playfulness")
    assert {"trust", "touch", "playfulness"} <= set(values(shell, "connectlog add -t "))
    assert values(shell, "connectlog list --concept tr") == ["trust"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_people_complete_from_the_journal(shell: str, journal: Path) -> None:
    assert set(values(shell, "connectlog add -w ")) == {"Robin", "Sam"}
    assert values(shell, "connectlog list --with-any S") == ["Sam"]
    # After a comma, the next name of the list.
    assert values(shell, "connectlog list -w Sam,R") == ["Sam,Robin"]


def test_the_db_option_before_the_command_is_the_journal_completed(
    journal: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    assert run("--db", str(other), "add", "x", "-w", "Noor").returncode == 0
    assert values("bash", f"connectlog --db {other} add -w ") == ["Noor"]


def test_a_missing_journal_completes_nothing_and_is_not_created(db_path: Path) -> None:
    assert values("bash", "connectlog add -t ") == []
    assert not db_path.exists()
    assert not db_path.parent.joinpath("journal.db-wal").exists()


def test_an_encrypted_journal_completes_nothing_and_asks_nothing(db_path: Path) -> None:
    db_path.write_bytes(os.urandom(4096))  # what SQLCipher's pages look like
    before = db_path.read_bytes()
    done = complete("bash", "connectlog add -w ")
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""
    assert db_path.read_bytes() == before


def test_a_damaged_journal_completes_nothing_without_a_traceback(db_path: Path) -> None:
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080)
    done = complete("bash", "connectlog add -w ")
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_hostile_names_come_back_one_a_line_with_no_control_characters(
    shell: str, journal: Path
) -> None:
    add_people(journal, *HOSTILE)
    done = complete(shell, "connectlog add -w ")
    assert done.returncode == 0
    allowed = {"\n", "\t"} if shell == "fish" else {"\n"}
    assert not [c for c in done.stdout if (ord(c) < 32 or 127 <= ord(c) < 160) and c not in allowed]
    found = values(shell, "connectlog add -w ")
    assert "Sam" in found
    assert not [name for name in found if "pwned\x07" in name or "lines" in name]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_hostile_names_without_running_them(journal: Path, tmp_path: Path) -> None:
    add_people(journal, *HOSTILE)
    script = run("--show-completion", "bash").stdout
    probe = f"""
{script}
COMP_WORDS=(connectlog add -w '')
COMP_CWORD=3
_connectlog_completion connectlog '' -w
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", probe],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PATH": f"{Path(CONNECTLOG[0]).parent}:{os.environ['PATH']}"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    replies = done.stdout.splitlines()
    assert "Sam" in replies and "Mary\\ Jane" in replies and "O\\'Brien" in replies
    assert "\\$\\(touch\\ pwned\\)" in replies
    assert not list(tmp_path.glob("pwned*"))


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_the_shells_script(shell: str) -> None:
    done = run("--show-completion", shell)
    assert done.returncode == 0, done.stderr
    assert "_CONNECTLOG_COMPLETE" in done.stdout and f"{shell}_complete" in done.stdout
    if shell == "bash":
        syntax = subprocess.run(["bash", "-n"], input=done.stdout, text=True, capture_output=True)
        assert syntax.returncode == 0, syntax.stderr


def test_show_completion_without_a_shell_takes_the_one_in_shell(tmp_path: Path) -> None:
    done = run("--show-completion", SHELL="/usr/bin/fish")
    assert done.returncode == 0 and "complete --command connectlog" in done.stdout


def test_an_unknown_shell_is_a_usage_error() -> None:
    done = run("--show-completion", "tcsh")
    assert done.returncode == 2 and "tcsh" in done.stderr and done.stdout == ""


@pytest.mark.parametrize(
    ("shell", "rc", "script"),
    [
        ("bash", ".bashrc", ".bash_completions/connectlog.sh"),
        ("zsh", ".zshrc", ".zfunc/_connectlog"),
        ("fish", None, ".config/fish/completions/connectlog.fish"),
    ],
)
def test_install_completion_writes_into_home(
    shell: str, rc: str | None, script: str, tmp_path: Path
) -> None:
    usual_home = Path.home()  # the test's own (conftest): it must stay untouched
    before = sorted(usual_home.rglob("*"))
    home = tmp_path / "elsewhere"
    home.mkdir()
    env = {"HOME": str(home), "XDG_CONFIG_HOME": ""}
    done = run("--install-completion", shell, **env)
    assert done.returncode == 0, done.stderr
    assert "_CONNECTLOG_COMPLETE" in (home / script).read_text()
    assert str(home / script) in done.stderr
    if rc is not None:
        lines = (home / rc).read_text().splitlines()
        assert run("--install-completion", shell, **env).returncode == 0
        assert (home / rc).read_text().splitlines() == lines  # not added twice
    assert sorted(usual_home.rglob("*")) == before


def test_install_completion_keeps_what_the_rc_file_held(tmp_path: Path) -> None:
    home = tmp_path / "elsewhere"
    home.mkdir()
    (home / ".bashrc").write_text("alias ll='ls -l'\n")
    assert run("--install-completion", "bash", HOME=str(home)).returncode == 0
    text = (home / ".bashrc").read_text()
    assert text.startswith("alias ll='ls -l'\n") and "connectlog.sh" in text


STARTUP = """
import sys
from connectlog.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
print("loaded:", *sorted(n for n in sys.modules if n.startswith("connectlog.")), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["add", "Tea"], ["list"]])
def test_everyday_commands_load_no_completion_code(args: list[str], db_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", STARTUP, *args], capture_output=True, text=True, timeout=60
    )
    loaded = done.stderr.splitlines()[-1].split()[1:]
    assert "connectlog.cli._completion" not in loaded
    assert "connectlog.storage.peek" not in loaded


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("connectlog learn tr", ["trust"]),
        ("connectlog people rename S", ["Sam"]),
        ("connectlog people merge Sam R", ["Robin"]),
        ("connectlog trends -w R", ["Robin"]),
        ("connectlog profile rename A", ["Alex"]),
        ("connectlog list --author A", ["Alex"]),
        ("connectlog --as A", ["Alex"]),
    ],
)
def test_arguments_that_take_a_name_complete_it(
    line: str, expected: list[str], journal: Path
) -> None:
    assert values("bash", line) == expected


@pytest.mark.parametrize(
    "env",
    [
        {"CONNECTLOG_DB": ""},
        {"CONNECTLOG_DB": "", "CONNECTLOG_DATABASE_URL": "postgresql://u:p@nowhere/db"},
        {"CONNECTLOG_DATABASE_URL": "not a url at all"},
    ],
    ids=["no journal named", "a database server", "an unreadable URL"],
)
def test_journals_that_cannot_be_peeked_at_complete_no_names(env: dict[str, str]) -> None:
    done = complete("bash", "connectlog add -w ", **env)
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""


def test_a_bad_db_option_completes_no_names() -> None:
    done = complete("bash", "connectlog --db '' add -t ")
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""


def test_an_unknown_instruction_says_nothing() -> None:
    done = run(_CONNECTLOG_COMPLETE="tcsh_complete", COMP_WORDS="connectlog ", COMP_CWORD="1")
    assert done.returncode == 1 and done.stdout == "" and "Traceback" not in done.stderr


def test_typers_order_of_the_instruction_is_read_too(journal: Path) -> None:
    done = run(
        _CONNECTLOG_COMPLETE="complete_bash", COMP_WORDS="connectlog add -t tr", COMP_CWORD="3"
    )
    assert done.returncode == 0 and done.stdout.splitlines() == ["trust"]
