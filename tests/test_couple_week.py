"""A couple's week end to end, as whole processes: two journals, bundles both ways, reviews.

Alex and Sam keep separate journals. Each logs last week's moments, some
private; they exchange bundles both ways; each reviews the week at a real
terminal (a pseudo-terminal driven by pexpect) or with answers on stdin; the
review pairs the moment both logged, hides every private entry, and this
week's review opens with the intentions they saved. Then two processes write
to one journal at once as different profiles, and nothing is lost.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pexpect
import pytest

pytestmark = pytest.mark.slow


class Journal:
    """One person's journal, used through the installed ``connectlog`` as a subprocess."""

    def __init__(self, folder: Path, name: str) -> None:
        self.name = name
        self.db = folder / f"{name.lower()}.db"
        self.env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100"}
        self.run("profile", "add", name)

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "connectlog", "--db", str(self.db), "--as", self.name, *args]

    def run(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            self.command(*args), input=input, capture_output=True, text=True, env=self.env
        )
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json").stdout)


def last_week_day(weekday: int, hour: int, minute: int = 0) -> str:
    """A time on a day of last week (0 Monday), local, ISO: always in the past."""
    today = date.today()
    monday = today - timedelta(days=today.weekday() + 7)
    moment = datetime.combine(monday + timedelta(days=weekday), datetime.min.time())
    return moment.replace(hour=hour, minute=minute).isoformat()


def test_a_couple_shares_and_reviews_a_week(tmp_path: Path) -> None:
    alex, sam = Journal(tmp_path, "Alex"), Journal(tmp_path, "Sam")
    sam.run("profile", "alias", "Sam", "Sammy")
    alex.run("add", "Dinner by the river, laughed a lot @Sam #reward", "--when",
             last_week_day(0, 19), "-c", "5", "--appreciation")  # fmt: skip
    alex.run("add", "Alex's private worry about money", "--when", last_week_day(1, 9), "--private")
    alex.run("add", "Asked Sam for a hug, got a shrug @Sam", "--when", last_week_day(3, 21),
             "--response", "away", "-c", "2")  # fmt: skip
    sam.run("add", "Dinner with @Alex at the river, so close", "--when",
            last_week_day(0, 19, 40), "-c", "4")  # fmt: skip
    sam.run("add", "Sam's private note about a surprise", "--when", last_week_day(2, 12),
            "--private")  # fmt: skip
    sam.run("add", "Alex fixed my bike without being asked @Alex", "--when", last_week_day(4, 18),
            "-c", "4", "--appreciation")  # fmt: skip

    # Bundles both ways: private entries never leave.
    alex_bundle, sam_bundle = tmp_path / "alex.json", tmp_path / "sam.json"
    alex.run("share", "export", "--week", "last", "-o", str(alex_bundle))
    sam.run("share", "export", "--week", "last", "-o", str(sam_bundle))
    assert b"private" not in alex_bundle.read_bytes() + sam_bundle.read_bytes()
    sam.run("share", "import", str(alex_bundle))
    alex.run("share", "import", str(sam_bundle))
    again = sam.run("share", "import", str(alex_bundle))
    assert "0 added, 0 updated, 0 removed, 2 unchanged" in again.stderr

    for journal in (alex, sam):
        agenda = journal.json("review", "--week", "last")
        everything = json.dumps(agenda)
        assert "private" not in everything.replace('"private": false', "")
        assert sorted(agenda["participants"]) == ["Alex", "Sam"]
        (pair,) = agenda["two_views"]
        assert sorted(entry["author"] for entry in pair) == ["Alex", "Sam"]
        assert len(agenda["appreciations"]) == 2
        assert [entry["author"] for entry in agenda["to_talk_about"]] == ["Alex"]

    # Sam reviews at a real terminal.
    child = pexpect.spawn(
        sam.command("review", "--week", "last")[0],
        sam.command("review", "--week", "last")[1:],
        env=sam.env,
        encoding="utf-8",
        timeout=30,
    )
    child.expect("Review of ")
    child.expect("1. Appreciations")
    child.expect("Sam, something you appreciate about the other")
    child.sendline("Thank you for the bike")
    child.expect("Sam, something you appreciate")
    child.sendline("")
    child.expect("Alex, something you appreciate")
    child.sendline("Dinner by the river")
    child.expect("Alex, something you appreciate")
    child.sendline("")
    child.expect("What made these moments work")
    child.sendline("")
    child.expect("3. Two views of one moment")
    child.expect("What do you see differently")
    child.sendline("You felt it closer than I did")
    child.expect("Which one will you talk about")
    child.sendline("1")
    child.expect("What did you take from talking about it")
    child.sendline("Say it out loud")
    child.expect("Sam, an intention for next week")
    child.sendline("Hug Alex every morning")
    child.expect("Sam, an intention")
    child.sendline("")
    child.expect("Alex, an intention for next week")
    child.sendline("Ask for what I need")
    child.expect("Alex, an intention")
    child.sendline("")
    child.expect("Saved the review of")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "private" not in (child.before or "")

    # Alex reviews with the answers on stdin.
    answers = ["Bike, thanks", "", "", "", "", "", "Cook on Sunday", "", ""]
    alex.run("review", "--week", "last", "--interactive", input="\n".join(answers) + "\n")

    sam_review = sam.json("reviews")["reviews"][0]
    assert sam_review["topic"] == "Asked Sam for a hug, got a shrug @Sam"
    assert [(i["who"], i["text"]) for i in sam_review["intentions"]] == [
        ("Sam", "Hug Alex every morning"),
        ("Alex", "Ask for what I need"),
    ]
    alex_review = alex.json("reviews")["reviews"][0]
    assert [(i["who"], i["text"]) for i in alex_review["intentions"]] == [
        ("Alex", "Cook on Sunday")
    ]

    # This week's review opens with last week's intentions, on each side.
    opening = sam.json("review")
    assert [i["text"] for i in opening["last_intentions"]] == [
        "Hug Alex every morning",
        "Ask for what I need",
    ]
    assert [i["text"] for i in alex.json("review")["last_intentions"]] == ["Cook on Sunday"]


WRITER = textwrap.dedent(
    """
    import sys
    from typer.testing import CliRunner
    from connectlog.cli import app

    db, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    runner = CliRunner()
    for number in range(count):
        result = runner.invoke(app, ["--db", db, "--as", name, "add", f"{name} {number} #touch"])
        if result.exit_code != 0:
            print(result.output, file=sys.stderr)
            sys.exit(1)
    print("done")
    """
)


def test_two_profiles_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    setup = Journal(tmp_path, "Alex")
    subprocess.run(setup.command("profile", "add", "Sam"), check=True, capture_output=True)
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    db = setup.db
    processes = [
        subprocess.Popen(
            [sys.executable, str(script), str(db), name, "200"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Alex", "Sam")
    ]
    outcomes = [process.communicate(timeout=300) for process in processes]
    for process, (stdout, stderr) in zip(processes, outcomes, strict=True):
        assert process.returncode == 0, stderr
        assert (stdout, stderr) == ("done\n", "")
    profiles = setup.json("profile", "list")["profiles"]
    assert {p["name"]: p["entries"] for p in profiles} == {"Alex": 200, "Sam": 200}
    entries = setup.json("list", "--limit", "0")["entries"]
    for name in ("Alex", "Sam"):
        numbers = sorted(int(e["text"].split()[1]) for e in entries if e["author"] == name)
        assert numbers == list(range(200))
