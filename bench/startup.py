"""Time whole connectlog processes, the way a person meets them: start-up included.

    python bench/startup.py [--runs N] [--entries N] [--write]

Builds a scratch journal of N entries (default 1,000) in a temporary folder,
then times --version, --help, add, list and a concept filter as separate
processes, N runs each, with the floors `python -c pass` and
`python -c "import typer, sqlmodel, rich"` beside them. With --write the
table goes into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(command: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median and spread (max - min) of ``runs`` wall-clock runs, in seconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), max(samples) - min(samples)


def fill(env: dict[str, str], entries: int) -> None:
    """Write ``entries`` entries through the journal layer, in one process."""
    script = f"""
import random
from datetime import datetime, timedelta
from connectlog.journal.entries import EntryDraft, record_entry
from connectlog.journal.store import open_journal
from connectlog.paths import resolve_location

random.seed(7)
concepts = ["trust", "touch", "empathy", "repair", "reward", "communication"]
people = ["Sam", "Alex", "Mary Ann", "Jo"]
journal = open_journal(resolve_location())
now = datetime.now().astimezone()
with journal.writing() as session:
    for number in range({entries}):
        when = now - timedelta(hours=number * 87600 / {entries})
        draft = EntryDraft(
            text=f"Moment {{number}} of a long journal",
            occurred_at=when,
            people=(random.choice(people),),
            concepts=tuple(random.sample(concepts, random.randint(1, 3))),
            closeness=random.randint(1, 5),
        )
        record_entry(session, draft, author="me", now=now)
journal.close()
"""
    subprocess.run([sys.executable, "-c", script], env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--write", action="store_true", help="write bench/RESULTS.md")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "CONNECTLOG_DB": str(Path(folder) / "journal.db"), "NO_COLOR": "1"}
        fill(env, options.entries)
        cl = [sys.executable, "-m", "connectlog"]
        cases = [
            ("python -c pass", [sys.executable, "-c", "pass"]),
            (
                "import typer, sqlmodel, rich",
                [sys.executable, "-c", "import typer, sqlmodel, rich"],
            ),
            ("connectlog --version", [*cl, "--version"]),
            ("connectlog --help", [*cl, "--help"]),
            ("connectlog add TEXT", [*cl, "add", "A hug at the door #touch @Sam", "-c", "4"]),
            (
                "connectlog add --when 'yesterday 8pm'",
                [*cl, "add", "Dinner", "--when", "yesterday 8pm"],
            ),
            ("connectlog list", [*cl, "list", "--limit", "10"]),
            (
                "connectlog list --concept trust",
                [*cl, "list", "--concept", "trust", "--limit", "10"],
            ),
            ("connectlog concepts", [*cl, "concepts"]),
        ]
        rows = []
        for label, command in cases:
            median, spread = timed(command, env, options.runs)
            rows.append(f"| {label} | {median * 1000:.0f} | {spread * 1000:.0f} |")
            print(rows[-1], flush=True)

    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    table = "\n".join(
        [
            f"## Start-up, {options.entries:,} entries ({stamp})",
            "",
            f"{platform.platform()}, Python {platform.python_version()}, "
            f"{os.cpu_count()} cores; median of {options.runs} runs.",
            "",
            "| command | median ms | spread ms |",
            "| --- | ---: | ---: |",
            *rows,
            "",
        ]
    )
    if options.write:
        (HERE / "RESULTS.md").write_text("# Benchmark results\n\n" + table, encoding="utf-8")


if __name__ == "__main__":
    main()
