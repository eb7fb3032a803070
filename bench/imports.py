"""Import and export at scale: 100,000 entries in and out, timed, with peak memory.

    python bench/imports.py               # 100,000 entries, 3 runs each
    python bench/imports.py --size 10000 --runs 1
    python bench/imports.py --write       # also add a dated section to bench/RESULTS.md

The journal is bench/run.py's: ten years of generated moments (the same seed),
bulk-inserted into a journal connectlog made and migrated. Then, each as a
separate process the way a person runs it (start-up included):

- ``export --format json -o FILE`` of the whole journal;
- ``import FILE`` of that export into an empty journal;
- ``import FILE`` of the same moments as jrnl's JSON export
  (``{"tags": {...}, "entries": [{"title", "body", "date", "time", "tags",
  "starred"}]}``, as ``jrnl --format json`` writes it), into an empty journal;
- ``import FILE`` of the connectlog export again, into the journal that
  already holds it (every entry found, nothing written).

Wall-clock median and the process's own peak memory (max RSS) are reported
against the issue's targets: import under 10 s and 300 MB, export under 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (bench/run.py: the journal generator)

IMPORT_SECONDS = 10.0
EXPORT_SECONDS = 5.0
PEAK_MB = 300.0


def timed(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``command``; its wall-clock seconds and its own peak memory in MB."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{error}")
    return elapsed, usage.ru_maxrss / 1024


def jrnl_export(moments: Sequence[run.Moment]) -> dict[str, object]:
    """The moments as jrnl 4.6's JSON export writes a journal: lowercase tags with symbols."""
    entries = []
    counts: dict[str, int] = {}
    for moment in moments:
        title, _, body = moment.text.partition(". ")
        tags = [f"#{name}" for name in moment.concepts] + [
            f"@{name.casefold()}" for name in moment.people
        ]
        for tag in tags:
            counts[tag] = counts.get(tag, 0) + 1
        entries.append(
            {
                "title": title + ("." if body else ""),
                "body": body,
                "date": moment.local.strftime("%Y-%m-%d"),
                "time": moment.local.strftime("%H:%M"),
                "tags": tags,
                "starred": moment.starred,
            }
        )
    return {"tags": counts, "entries": entries}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--prepare", nargs=3, metavar=("DIR", "SIZE", "EMPTY"), help="internal")
    args = parser.parse_args(argv)
    if args.prepare:
        folder, size, empty_db = args.prepare
        print(prepare(Path(folder), int(size), Path(empty_db)))
        return 0
    connectlog = run.connectlog_command()
    with tempfile.TemporaryDirectory(prefix="connectlog-bench-imports-") as scratch:
        root = Path(scratch)
        env = run.bench_env(root)
        empty, _ = run.empty_journal(connectlog, root, env)
        bare = root / "bare.db"  # migrated, and nothing else: not even a profile
        timed([*connectlog, "--db", str(bare), "concepts"], env)
        source = root / "source.db"
        exported = root / "journal.json"
        jrnl = root / "jrnl.json"
        # Built in a child process, so that this one stays small: on Linux a child's
        # max RSS starts at its parent's high-water mark.
        built = subprocess.run(
            [sys.executable, __file__, "--prepare", str(root), str(args.size), str(empty)],
            check=True,
            capture_output=True,
            text=True,
        )
        floor = float(built.stdout.split()[-1])
        samples: dict[str, list[tuple[float, float]]] = {}

        def sample(label: str, command: Sequence[str], fresh: Path | None = None) -> None:
            if fresh is not None:
                fresh.unlink(missing_ok=True)
                for suffix in ("-wal", "-shm"):
                    Path(f"{fresh}{suffix}").unlink(missing_ok=True)
                shutil.copyfile(bare, fresh)
            samples.setdefault(label, []).append(timed(command, env))

        target = root / "target.db"
        for _ in range(args.runs):
            sample("export --format json -o FILE", [*connectlog, "--db", str(source), "export",
                   "-o", str(exported)])  # fmt: skip
            sample("import FILE (connectlog export)", [*connectlog, "--db", str(target),
                   "import", str(exported)], fresh=target)  # fmt: skip
            sample("import FILE again (every entry there)", [*connectlog, "--db", str(target),
                   "import", str(exported)])  # fmt: skip
            sample("import FILE (jrnl JSON)", [*connectlog, "--db", str(target), "import",
                   str(jrnl)], fresh=target)  # fmt: skip
        sizes = {"connectlog export": exported.stat().st_size, "jrnl JSON": jrnl.stat().st_size}
    lines = report(args, samples, sizes, floor)
    print("\n".join(lines))
    if args.write:
        with run.RESULTS.open("a", encoding="utf-8") as results:
            results.write("\n" + "\n".join(lines) + "\n")
    return 0


def prepare(root: Path, size: int, empty: Path) -> float:
    """The source journal and jrnl's file of ``size`` moments; how long the raw fill took."""
    now = datetime.now().astimezone().replace(second=0, microsecond=0)
    moments = run.generate(size, now)
    source = root / "source.db"
    shutil.copyfile(empty, source)
    started = time.perf_counter()
    run.fill_connectlog(source, moments)
    floor = time.perf_counter() - started
    jrnl = root / "jrnl.json"
    jrnl.write_text(json.dumps(jrnl_export(moments), ensure_ascii=False), encoding="utf-8")
    return floor


def report(
    args: argparse.Namespace,
    samples: dict[str, list[tuple[float, float]]],
    sizes: dict[str, int],
    floor: float,
) -> list[str]:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    files = ", ".join(f"{name} {size / 1e6:.0f} MB" for name, size in sizes.items())
    lines = [
        f"## Import and export of {args.size:,} entries ({stamp[:10]})",
        "",
        f"`python bench/imports.py --size {args.size} --runs {args.runs}`, {stamp}; "
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs. "
        "Each command is a separate process (start-up included); median and spread of the "
        f"wall clock over {args.runs} runs, and the process's own peak memory (max RSS). "
        f"The files: {files}. The imports go into an empty, migrated journal. "
        f"For scale, on this machine in the same run the raw bulk insert of the same "
        f"journal (bench/run.py's executemany, with the search triggers, ANALYZE and a "
        f"checkpoint) took {floor:.2f} s; the issue's targets were set where it took 3.4 s. "
        f"*x raw* is each median over it.",
        "",
        "| command | median s | spread s | x raw | peak MB | target | |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for label, runs in samples.items():
        seconds = [wall for wall, _ in runs]
        peak = max(memory for _, memory in runs)
        limit = EXPORT_SECONDS if label.startswith("export") else IMPORT_SECONDS
        median = statistics.median(seconds)
        verdict = "PASS" if median < limit and peak < PEAK_MB else "FAIL"
        lines.append(
            f"| `{label}` | {median:.2f} | {max(seconds) - min(seconds):.2f} "
            f"| {median / floor:.2f} | {peak:.0f} "
            f"| under {limit:.0f} s, {PEAK_MB:.0f} MB | {verdict} |"
        )
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
