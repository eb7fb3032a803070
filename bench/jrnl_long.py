"""jrnl without a cap: the two jrnl commands that bench/run.py can only call "over 30 s".

    python bench/jrnl_long.py [--size 100000] [--cap 1800] [--runs 5] [--write]

bench/run.py kills every jrnl run after 30 s, so at 100,000 entries jrnl's
`add` and `--tags` are only "over 30 s" there, and the target "at least 1,000x
faster than jrnl for add and concept counts" shows only as a lower bound. This
script measures those two commands for real, once. On scratch copies of
bench/run.py's cached journals of one size (a fresh copy for each command),
connectlog's `add` and `concepts` run --runs times in interleaved rounds with
the floor `python -c "import typer, sqlmodel, rich"` (median wall clock, after
one untimed warm-up round); then jrnl's add and `--tags` run once each, killed
after --cap seconds. At 100,000 entries that takes about 25 minutes, nearly all
of it jrnl's, so run it in the background. --write puts the section
"jrnl without a cap" into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run

KEYS = ("add", "concepts")
Results = dict[str, run.Result]


def measure(size: int, runs: int, cap: float, jrnl: Path, work: Path) -> tuple[Results, Results]:
    """connectlog's medians (and the floor's), then jrnl's single runs, at ``size`` entries."""
    env = run.bench_env(work)
    connectlog = run.connectlog_command()
    journals = run.ensure_journals(size, *run.empty_journal(connectlog, work, env))
    week = run.middle_week(datetime.now().astimezone().date())
    by_key = {case.key: case for case in run.cases(week, work / "export.json")}
    slots = {"floor": run.Slot([sys.executable, "-c", run.FLOOR_IMPORT], cap)}
    for key in KEYS:
        db = work / f"{key}.db"
        shutil.copyfile(journals.connectlog, db)
        arguments = by_key[key].connectlog
        assert arguments is not None
        slots[key] = run.Slot([*connectlog, "--db", str(db), *arguments], cap)
    print(f"connectlog at {size:,} entries: warm-up round (not timed)", file=sys.stderr)
    for slot in slots.values():
        run.run_once(slot.command, env, cap)
    run.run_rounds(list(slots.values()), env, runs)
    theirs: Results = {}
    for key in KEYS:
        text = work / f"{key}.txt"
        shutil.copyfile(journals.jrnl, text)
        run.write_jrnl_config(env, text)
        arguments = by_key[key].jrnl
        assert arguments is not None
        slot = run.Slot([str(jrnl), *arguments], cap)
        print(f"jrnl {shlex.join(arguments)} (once, cap {cap:g} s) ...", file=sys.stderr)
        slot.run(env)
        result = theirs[key] = slot.result
        if key == "add" and result.ok and run.ADD_TEXT not in text.read_text(encoding="utf-8"):
            result.failure = "n/a (the new entry is not in the journal)"
        cpu = f", CPU {result.cpu[0]:.1f} s" if result.ok else ""
        print(f"  {result.describe()} ms{cpu}", file=sys.stderr, flush=True)
    return {key: slot.result for key, slot in slots.items()}, theirs


def speedup(mine: run.Result, theirs: run.Result) -> tuple[float | None, str]:
    """jrnl's time over connectlog's median, and how to show it ("≥" if jrnl hit the cap)."""
    if not mine.ok:
        return None, ""
    if theirs.ok:
        ratio = theirs.median / mine.median
        return ratio, f"{ratio:,.0f}x" if ratio >= 10 else f"{ratio:.1f}x"
    if theirs.over_cap is not None:
        ratio = theirs.over_cap / mine.median
        return ratio, f"≥ {ratio:,.0f}x (jrnl over the {theirs.over_cap:g} s cap)"
    return None, ""


def ms(result: run.Result) -> str:
    return f"{result.median * 1000:,.0f}" if result.ok else run.cell(result.describe())


def report(size: int, runs: int, mine: Results, theirs: Results, about: str) -> str:
    labels = {case.key: case for case in run.cases("WEEK", Path("FILE"))}
    cpu = ", ".join(
        f"`jrnl {shlex.join(labels[key].jrnl or ())}` {theirs[key].cpu[0]:.1f} s"
        for key in KEYS
        if theirs[key].ok
    )
    lines = [
        f"## jrnl without a cap ({datetime.now().astimezone():%Y-%m-%d})",
        "",
        f"{about} connectlog's `add` and `concepts` ran {runs} times each in interleaved "
        f'rounds with `python -c "{run.FLOOR_IMPORT}"` after one untimed warm-up round; '
        f"jrnl {run.JRNL_PIN}'s add and `--tags` ran once each, on fresh copies of the "
        f"{size:,}-entry journals of bench/run.py."
        + (f" jrnl's own CPU time: {cpu}." if cpu else ""),
        "",
        f"| command | connectlog median ms ({runs} runs) | jrnl ms (1 run) | speed-up |",
        "| --- | ---: | ---: | ---: |",
        f"| `{run.FLOOR_IMPORT}` (floor) | {ms(mine['floor'])} | | |",
    ]
    targets = []
    for key in KEYS:
        case = labels[key]
        ratio, shown = speedup(mine[key], theirs[key])
        lines.append(
            f"| `{run.cell(case.label)}` / `jrnl {run.cell(shlex.join(case.jrnl or ()))}` "
            f"| {ms(mine[key])} | {ms(theirs[key])} | {shown.split(' (')[0]} |"
        )
        goal = f"{case.label}: at least {run.JRNL_SPEEDUP:,.0f}x faster than jrnl at {size:,}"
        passed = ratio is not None and ratio >= run.JRNL_SPEEDUP and theirs[key].ok
        status = "N/A" if ratio is None else "PASS" if passed else "FAIL"
        targets.append(f"- **{status}** {run.cell(goal)}; {shown or 'not measured'}")
    return "\n".join([*lines, "", *targets]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="entries in the journals")
    parser.add_argument("--cap", type=float, default=1800.0, help="seconds before a run dies")
    parser.add_argument("--runs", type=int, default=5, help="runs of each connectlog command")
    parser.add_argument("--write", action="store_true", help="write bench/RESULTS.md")
    options = parser.parse_args(argv)
    command_line = "python " + shlex.join(["bench/jrnl_long.py", *sys.argv[1:]])
    started, load, source = time.perf_counter(), os.getloadavg()[0], run.source_state()
    jrnl = run.ensure_jrnl()
    if jrnl is None:
        return 2
    run.DATA.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="connectlog-jrnl-long-") as folder:
        mine, theirs = measure(options.size, options.runs, options.cap, jrnl, Path(folder))
    after = run.source_state()
    about = (
        f"`{command_line}`, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {run.machine()}; "
        f"at {source}{'' if after == source else f' (changed during the run: {after})'}. "
        f"The run took {(time.perf_counter() - started) / 60:.1f} min; 1-minute load average "
        f"{load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end."
    )
    section = report(options.size, options.runs, mine, theirs, about)
    print("\n" + section)
    if options.write:
        run.write_results(section)
        print(f"wrote {run.RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
