"""Instruction counts: the same commands as bench/run.py, counted by callgrind instead of timed.

    python bench/instructions.py [--sizes 1000,100000] [--write] [--check]

Wall-clock times on a shared machine move by a third from one minute to the
next; the number of instructions a process executes does not. Each command
of bench/run.py runs once under `valgrind --tool=callgrind` on a scratch copy
of the same cached journals, beside the floor `python -c "import typer,
sqlmodel, rich"`, and the ratios are checked against the same targets: add at
most 1.25x the floor (1.5x with a date in words), every read at most 1.5x,
and flat reads within 15% between the smallest and the largest journal.

Instructions are not seconds (waiting on the disk costs none), so this
complements bench/run.py rather than replacing it. Needs valgrind.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run

COLLECTED = re.compile(r"Collected : (\d+)")
FLAT_RATIO = 1.15
#: A shell's Tab after ``connectlog add -t``: the concept names, as bash asks for them.
COMPLETE_KEY = "complete"
COMPLETE_LABEL = "Tab: add -t (concepts, bash)"


def instructions(command: Sequence[str], env: dict[str, str]) -> int | None:
    """How many instructions ``command`` executes, or None if it failed."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        env=env,
        capture_output=True,
        text=True,
    )
    found = COLLECTED.search(done.stderr)
    return int(found.group(1)) if done.returncode == 0 and found else None


def count_size(
    size: int, *, empty: Path, revision: str, env: dict[str, str], work: Path
) -> dict[str, int | None]:
    journals = run.ensure_journals(size, empty, revision)
    db = work / f"journal-{size}.db"
    shutil.copyfile(journals.connectlog, db)
    week = run.middle_week(datetime.now().astimezone().date())
    connectlog = run.connectlog_command()
    counts: dict[str, int | None] = {
        "floor": instructions([sys.executable, "-c", "import typer, sqlmodel, rich"], env)
    }
    for case in run.cases(week, work / "export.json"):
        if case.connectlog is not None and case.group != "export":
            counts[case.key] = instructions([*connectlog, "--db", str(db), *case.connectlog], env)
        print(f"  {size:,} {case.key}: {counts.get(case.key)}", file=sys.stderr, flush=True)
    counts[COMPLETE_KEY] = instructions(connectlog, completion_env(env, db))
    print(f"  {size:,} {COMPLETE_KEY}: {counts[COMPLETE_KEY]}", file=sys.stderr, flush=True)
    return counts


def completion_env(env: dict[str, str], db: Path) -> dict[str, str]:
    """``env`` as connectlog's bash completion script sets it for a Tab after ``add -t``."""
    return {
        **env,
        "_CONNECTLOG_COMPLETE": "bash_complete",
        "COMP_WORDS": f"connectlog --db {db} add -t ",
        "COMP_CWORD": "5",
    }


def report(sizes: Sequence[int], counts: dict[int, dict[str, int | None]]) -> tuple[str, list[str]]:
    week = run.middle_week(datetime.now().astimezone().date())
    labels = {case.key: case for case in run.cases(week, Path("FILE"))}
    lines = [
        f"## Instruction counts ({datetime.now().astimezone():%Y-%m-%d})",
        "",
        f"`python bench/instructions.py`; {run.machine()}. Millions of instructions each "
        "process executed (callgrind), and that over the floor's: the same in every run, "
        "unlike seconds on a shared machine.",
        "",
        "| command | " + " | ".join(f"{size:,}: M instr | x floor" for size in sizes) + " |",
        "| --- | " + " | ".join("---: | ---:" for _ in sizes) + " |",
    ]
    failures: list[str] = []
    for key in ("floor", *labels, COMPLETE_KEY):
        case = labels.get(key)
        if case is not None and case.group == "export":
            continue
        cells = []
        for size in sizes:
            value, floor = counts[size].get(key), counts[size].get("floor")
            if value is None or not floor:
                cells.append("n/a | ")
                continue
            ratio = value / floor
            cells.append(f"{value / 1e6:,.0f} | {ratio:.2f}")
            if case is not None and case.target is not None and ratio > case.target:
                failures.append(f"{case.label} at {size:,}: {ratio:.2f}x the floor")
        label = {"floor": run.FLOOR_IMPORT, COMPLETE_KEY: COMPLETE_LABEL}.get(key) or (
            case.label if case is not None else key
        )
        lines.append(f"| `{label}` | " + " | ".join(cells) + " |")
        if case is not None and case.flat and len(sizes) > 1:
            small, large = counts[sizes[0]].get(key), counts[sizes[-1]].get(key)
            if small and large and large > small * FLAT_RATIO:
                failures.append(f"{case.label}: {large / small:.2f}x from smallest to largest")
    lines += ["", "Targets: " + ("all met." if not failures else "; ".join(failures)), ""]
    return "\n".join(lines), failures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=run.parse_sizes, default=(1_000, 100_000))
    parser.add_argument("--write", action="store_true", help="write bench/RESULTS.md")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("bench/instructions.py needs valgrind", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="connectlog-instr-") as folder:
        work = Path(folder)
        env = run.bench_env(work)
        empty, revision = run.empty_journal(run.connectlog_command(), work, env)
        counts = {
            size: count_size(size, empty=empty, revision=revision, env=env, work=work)
            for size in args.sizes
        }
    section, failures = report(args.sizes, counts)
    print(section)
    if args.write:
        run.write_results(section)
    if args.check and failures:
        print("over the targets: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
