"""`connectlog show` of one long entry: time against the text's length, which must be linear.

    python bench/show.py                       # 10k, 100k and 1M characters, 3 runs each
    python bench/show.py --sizes 10000,100000,1000000,4000000 --runs 3
    python bench/show.py --render              # also the text alone, in this process, both ways
    python bench/show.py --write               # also add a dated section to bench/RESULTS.md

A journal is made and migrated by connectlog itself (bench/run.py's empty
journal), and entries of each length are written into it with SQLite directly,
as a journal of an earlier version may hold them (the longest text `add` takes
now is 100,000 characters; an old journal, a restored one or a partner's older
bundle may hold more). Two shapes of text: one paragraph of words (the shape
that took 53 s for 2 million words before `render/console.LongText`) and
paragraphs of about 60 words. Then `connectlog show ID`, each run a separate
process the way a person runs it, with stdout to a file and, with --pty, at a
pseudo-terminal of 100 columns.

The floor is `show` of an entry of four characters in the same rounds: what
start-up, the query and the fields cost. *text s* is a median over it, the time
the text itself takes; *x previous* is each size's text time over the size
before it, which a linear `show` keeps near the sizes' own ratio (10 for
10k → 100k → 1M) and a quadratic one near its square.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import platform
import pty
import random
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (bench/run.py: the journal connectlog makes, the environment)

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
SHAPES = ("one paragraph", "paragraphs")
SENTENCE = (
    "we held hands on the walk home and talked about the week what went well what hurt "
    "and what we want to try next time I felt heard when you asked about my mother"
)
WORDS = SENTENCE.split(" ")
#: The longest a 10x step may take over the one before, for the text's own time, to pass:
#: linear is 10, quadratic 100; start-up noise and Rich's per-line work sit in between.
LINEAR_STEP = 20.0


def text_of(length: int, shape: str, seed: int) -> str:
    """``length`` characters of words, as one paragraph or as paragraphs of about 60 words."""
    chooser = random.Random(seed)
    pieces: list[str] = []
    size = 0
    while size < length:
        word = chooser.choice(WORDS)
        end = "\n\n" if shape == "paragraphs" and chooser.random() < 1 / 60 else " "
        pieces.append(word + end)
        size += len(word) + len(end)
    return "".join(pieces)[:length].rstrip() + "."


def journal_with(
    root: Path, sizes: Sequence[int], env: dict[str, str]
) -> tuple[Path, dict[tuple[str, int], int]]:
    """A journal holding a four-character entry and one entry of each size and shape."""
    connectlog = run.connectlog_command()
    path = root / "show.db"
    done = subprocess.run(
        [*connectlog, "--db", str(path), "add", "seed"], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"connectlog could not make a journal:\n{done.stderr}")
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        names = [row[1] for row in connection.execute("PRAGMA table_info(entry)")]
        seed = dict(zip(names, connection.execute("SELECT * FROM entry").fetchone(), strict=True))
        ids: dict[tuple[str, int], int] = {("floor", 0): seed["id"]}
        connection.execute("BEGIN IMMEDIATE")
        for shape in SHAPES:
            for size in sizes:
                row = dict(seed, uuid=str(uuid.uuid4()), text=text_of(size, shape, size))
                del row["id"]
                columns = ", ".join(row)
                marks = ", ".join("?" * len(row))
                cursor = connection.execute(
                    f"INSERT INTO entry ({columns}) VALUES ({marks})", list(row.values())
                )
                assert cursor.lastrowid is not None
                ids[(shape, size)] = cursor.lastrowid
        connection.execute("COMMIT")
    finally:
        connection.close()
    return path, ids


def timed_to_file(command: Sequence[str], env: dict[str, str], out: Path) -> float:
    started = time.perf_counter()
    with out.open("wb") as handle:
        done = subprocess.run(command, env=env, stdout=handle, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return elapsed


def timed_at_terminal(command: Sequence[str], env: dict[str, str]) -> float:
    """Run ``command`` with stdout on a pseudo-terminal of 100 x 40, read to its end."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    read = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the terminal closed: everything is read
                return
            if not chunk:
                return
            read.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    started = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    reader.join()
    elapsed = time.perf_counter() - started
    os.close(master)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return elapsed


def rendering(sizes: Sequence[int], runs: int) -> dict[tuple[str, str, int], float]:
    """In this process, the best of ``runs`` timings of the view's text alone, at 100 columns:
    as ``show`` prints it (``LongText``) and as one Rich ``Text`` (how it printed before)."""
    import io

    from rich.console import Console, Group
    from rich.text import Text

    from connectlog.render.console import LongText, Shown
    from connectlog.render.terminal import visible

    best: dict[tuple[str, str, int], float] = {}
    for shape in SHAPES:
        for size in sizes:
            text = text_of(size, shape, size)
            for way, renderable in (("LongText", LongText), ("one Text", None)):
                times = []
                for _ in range(runs):
                    console = Console(file=io.StringIO(), width=100, color_system=None)
                    shown = renderable(text) if renderable else Text(visible(text))
                    started = time.perf_counter()
                    console.print(Shown(Group(shown)))
                    times.append(time.perf_counter() - started)
                best[(way, shape, size)] = min(times)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pty", action="store_true", help="also at a pseudo-terminal")
    parser.add_argument("--render", action="store_true", help="also the text alone, in-process")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    rendered = rendering(sizes, args.runs) if args.render else {}
    connectlog = run.connectlog_command()
    places = ["piped", "terminal"] if args.pty else ["piped"]
    samples: dict[tuple[str, str, int], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="connectlog-bench-show-") as scratch:
        root = Path(scratch)
        env = run.bench_env(root)
        journal, ids = journal_with(root, sizes, env)
        out = root / "shown.txt"
        cases = [("floor", 0), *((shape, size) for shape in SHAPES for size in sizes)]
        for _ in range(args.runs):  # interleaved rounds: a busy moment touches every case
            for place in places:
                for shape, size in cases:
                    command = [*connectlog, "--db", str(journal), "show", str(ids[(shape, size)])]
                    if place == "piped":
                        seconds = timed_to_file(command, env, out)
                    else:
                        seconds = timed_at_terminal(command, env)
                    samples.setdefault((place, shape, size), []).append(seconds)
    lines, passed = report(args, sizes, places, samples)
    if rendered:
        lines += render_report(sizes, rendered)
    print("\n".join(lines))
    if args.write:
        with run.RESULTS.open("a", encoding="utf-8") as results:
            results.write("\n" + "\n".join(lines) + "\n")
    return 0 if passed else 1


def report(
    args: argparse.Namespace,
    sizes: Sequence[int],
    places: Sequence[str],
    samples: dict[tuple[str, str, int], list[float]],
) -> tuple[list[str], bool]:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()[0]
    lines = [
        f"## `show` of one long entry ({stamp[:10]})",
        "",
        f"`python bench/show.py --sizes {args.sizes} --runs {args.runs}"
        f"{' --pty' if args.pty else ''}{' --render' if args.render else ''}`, {stamp}; "
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"1-minute load {load:.1f} at the end. Each `show` is a separate process; median "
        f"and spread of the wall clock over {args.runs} runs. *text s* is the median over "
        "the floor (`show` of a four-character entry, in the same rounds); *x previous* is "
        "the text's time over the size before it (linear: the ratio of the sizes; "
        "quadratic: its square).",
        "",
        "| where | text | characters | median s | spread s | text s | x previous | |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    passed = True
    for place in places:
        floor = statistics.median(samples[(place, "floor", 0)])
        spread = max(samples[(place, "floor", 0)]) - min(samples[(place, "floor", 0)])
        lines.append(f"| {place} | floor | 4 | {floor:.2f} | {spread:.2f} | | | |")
        for shape in SHAPES:
            previous: tuple[int, float] | None = None
            for size in sizes:
                runs = samples[(place, shape, size)]
                median = statistics.median(runs)
                text = max(median - floor, 0.001)
                step, verdict = "", ""
                if previous is not None and previous[1] >= 0.05:  # above the noise
                    ratio = text / previous[1]
                    bound = LINEAR_STEP * size / previous[0] / 10
                    step = f"{ratio:.1f}"
                    verdict = "linear" if ratio <= bound else "FAIL"
                    passed = passed and ratio <= bound
                lines.append(
                    f"| {place} | {shape} | {size:,} | {median:.2f} "
                    f"| {max(runs) - min(runs):.2f} | {text:.2f} | {step} | {verdict} |"
                )
                previous = (size, text)
    return lines, passed


def render_report(sizes: Sequence[int], best: dict[tuple[str, str, int], float]) -> list[str]:
    lines = [
        "",
        "The text alone (`--render`): printing the view's text to a 100-column console in "
        "this process, best of the runs, as `show` prints it (`LongText`) and as one Rich "
        "`Text` (how it printed before); *x previous* as above.",
        "",
        "| printed as | text | characters | best s | x previous |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for way in ("LongText", "one Text"):
        for shape in SHAPES:
            previous = None
            for size in sizes:
                seconds = best[(way, shape, size)]
                step = f"{seconds / previous:.1f}" if previous else ""
                lines.append(f"| {way} | {shape} | {size:,} | {seconds:.3f} | {step} |")
                previous = seconds
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
