"""What an encrypted journal costs at start-up: the same commands on a plain and an encrypted copy.

    python bench/encryption.py [--sizes 1000,10000] [--runs 5] [--write]

The cached journals of bench/run.py are copied twice per size, one of the
copies encrypted with `connectlog encrypt` (the passphrase from
$CONNECTLOG_PASSPHRASE_FILE). Then `add`, `list --limit 10` and `summary`
run as separate processes on both, with the import floor `python -c "import
typer, sqlmodel, rich"`, in interleaved rounds as bench/run.py runs them.
Beside them, the key derivation alone (PBKDF2-HMAC-SHA512, 256,000
iterations, as storage/cipher.py makes it once a run), timed in this
process. --write puts the table into bench/RESULTS.md, in place of the last
one this script wrote.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run

HEADING = "## Encrypted journals: start-up"
PASSPHRASE = "a bench passphrase, not a secret"


def derivation_ms(repeats: int = 7) -> tuple[float, float]:
    """The median and spread, in ms, of one key derivation as connectlog makes it."""
    from connectlog.storage.cipher import KDF_ITERATIONS, KEY_BYTES

    took = []
    for _ in range(repeats):
        started = time.perf_counter()
        hashlib.pbkdf2_hmac("sha512", PASSPHRASE.encode(), b"0" * 16, KDF_ITERATIONS, KEY_BYTES)
        took.append((time.perf_counter() - started) * 1000)
    return statistics.median(took), max(took) - min(took)


#: connectlog's targets (bench/run.py): add at most this many times the floor, a read this.
TARGETS = {"add": 1.25, "read": 1.5}


def bench(sizes: Sequence[int], runs: int) -> tuple[str, list[str], list[str]]:
    """The machine, the table's rows, and each encrypted command against its target."""
    connectlog = run.connectlog_command()
    week = run.middle_week(datetime.now().astimezone().date())
    commands = [
        ("add TEXT #touch @Sam -c 4", ("add", run.ADD_TEXT, "-c", "4")),
        ("list --limit 10", ("list", "--limit", "10")),
        (f"summary --week {week}", ("summary", "--week", week)),
    ]
    rows: list[str] = []
    verdicts: list[str] = []
    with tempfile.TemporaryDirectory(prefix="connectlog-bench-encryption-") as folder:
        work = Path(folder)
        env = run.bench_env(work)
        secret = work / "passphrase"
        secret.write_text(PASSPHRASE + "\n")
        env["CONNECTLOG_PASSPHRASE_FILE"] = str(secret)
        empty, revision = run.empty_journal(connectlog, work, env)
        for size in sizes:
            journals = run.ensure_journals(size, empty, revision)
            plain, encrypted = work / f"plain-{size}.db", work / f"encrypted-{size}.db"
            shutil.copyfile(journals.connectlog, plain)
            shutil.copyfile(journals.connectlog, encrypted)
            started = time.perf_counter()
            subprocess.run(
                [*connectlog, "--db", str(encrypted), "encrypt"], env=env, check=True,
                capture_output=True,
            )  # fmt: skip
            encrypt_s = time.perf_counter() - started
            floor = run.Slot([sys.executable, "-c", "import typer, sqlmodel, rich"], cap=60)
            slots = {"floor": floor}
            for label, arguments in commands:
                for kind, db in (("plain", plain), ("encrypted", encrypted)):
                    slots[f"{label}|{kind}"] = run.Slot(
                        [*connectlog, "--db", str(db), *arguments], cap=60
                    )
            print(f"{size:,} entries", file=sys.stderr, flush=True)
            run.run_rounds(list(slots.values()), env, 1)  # warm-up, untimed
            for slot in slots.values():
                slot.result = run.Result()
            run.run_rounds(list(slots.values()), env, runs)
            for slot in slots.values():
                if not slot.result.ok:
                    raise SystemExit(
                        f"failed: {shlex.join(slot.command)}: {slot.result.describe()}"
                    )
            floor_ms = floor.result.median * 1000
            floor_cpu = floor.result.cpu_median * 1000
            rows.append(f"| {size:,} | import floor | {floor_ms:.0f} | | | {floor_cpu:.0f} | | |")
            for label, _ in commands:
                plain_result = slots[f"{label}|plain"].result
                encrypted_result = slots[f"{label}|encrypted"].result
                p, e = plain_result.median * 1000, encrypted_result.median * 1000
                pc, ec = plain_result.cpu_median * 1000, encrypted_result.cpu_median * 1000
                rows.append(
                    f"| {size:,} | `{label}` | {p:.0f} ({p / floor_ms:.2f}x) "
                    f"| {e:.0f} ({e / floor_ms:.2f}x) | {e - p:+.0f} "
                    f"| {pc:.0f} | {ec:.0f} | {ec - pc:+.0f} |"
                )
                target = TARGETS["add" if label.startswith("add") else "read"]
                ratio = e / floor_ms
                verdict = "PASS" if ratio <= target else "FAIL"
                verdicts.append(
                    f"- **{verdict}** encrypted `{label}` at {size:,}: {ratio:.2f}x the floor "
                    f"(target at most {target}x, as for a plain journal)"
                )
            rows.append(
                f"| {size:,} | `encrypt` (once, whole journal) | | {encrypt_s * 1000:.0f} | | | | |"
            )
    return run.machine(), rows, verdicts


def report(
    machine: str,
    rows: list[str],
    verdicts: list[str],
    derivation: tuple[float, float],
    runs: int,
    load: str,
) -> str:
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    median, spread = derivation
    return "\n".join(
        [
            f"{HEADING} ({stamp[:10]})",
            "",
            f"`python bench/encryption.py`, {stamp}; {machine}; {load}. Each command is a separate "
            f"process, {runs} runs in interleaved rounds after a warm-up round, on a plain copy "
            "of bench/run.py's cached journal and on the same journal encrypted by "
            "`connectlog encrypt` (passphrase from `$CONNECTLOG_PASSPHRASE_FILE`): median wall "
            "clock in ms, and that over the import floor timed in the same rounds; *CPU ms* is "
            "each process's median user + system time, which a busy machine disturbs less.",
            "",
            f"The key derivation alone (PBKDF2-HMAC-SHA512, 256,000 iterations: SQLCipher 4's "
            f"default, kept on purpose) takes {median:.0f} ms (spread {spread:.0f}) in one "
            "process; connectlog makes it once a run and gives every connection the raw key.",
            "",
            "| entries | command | plain ms (x floor) | encrypted ms (x floor) | cost ms "
            "| plain CPU ms | encrypted CPU ms | CPU cost |",
            "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
            *rows,
            "",
            "The cost of an encrypted journal is the key derivation, importing sqlcipher3 "
            "(about 16 ms) and decrypting the pages a command reads; it is paid once a "
            "command, whatever the journal's size. Against connectlog's start-up targets:",
            "",
            *verdicts,
        ]
    )


def write(section: str) -> None:
    text = run.RESULTS.read_text(encoding="utf-8")
    if HEADING in text:
        start = text.index(HEADING)
        following = text.find("\n## ", start + len(HEADING))
        end = len(text) if following == -1 else following + 1
        text = text[:start] + section + "\n" + ("\n" + text[end:] if following != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    run.RESULTS.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args(argv)
    sizes = [int(size) for size in options.sizes.split(",")]
    run.DATA.mkdir(exist_ok=True)
    before = os.getloadavg()[0]
    machine, rows, verdicts = bench(sizes, options.runs)
    load = f"1-minute load average {before:.2f} at the start, {os.getloadavg()[0]:.2f} at the end"
    section = report(machine, rows, verdicts, derivation_ms(), options.runs, load)
    print(section)
    if options.write:
        write(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
