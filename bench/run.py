"""Whole-process benchmark: connectlog against jrnl 4.6 and the Python import floor.

    python bench/run.py                 # 1,000 / 10,000 / 100,000 entries, 5 runs, with jrnl
    python bench/run.py --quick         # CI: 1,000 and 10,000 entries, 3 runs, no jrnl
    python bench/run.py --write         # also put the tables into bench/RESULTS.md
    python bench/run.py --quick --check 2   # exit 1 if connectlog is over 2x a target

Options: --sizes 1000,10000  --runs N  --jrnl/--no-jrnl  --cap SECONDS.

It builds journals of each size (ten years of varied moments ending today, a
fixed seed) once and caches them in bench/data/: connectlog's by migrating an
empty journal with connectlog itself and bulk-inserting rows shaped exactly
like the ones `connectlog add` writes, jrnl's as the same entries in its
plain-text format. jrnl is installed into bench/data/jrnl-venv from PyPI.

Then every command runs as a separate process, the way a person meets it
(start-up included), N times in interleaved rounds after one untimed warm-up
round, with bytecode cached in bench/data/pycache: median and spread (max -
min) of the wall clock, CPU time, and the peak memory (max RSS) of the
connectlog process itself. Each is divided by the floor
`python -c "import typer, sqlmodel, rich"` timed in the same rounds, and the
ratios are checked against connectlog's performance targets (PASS/FAIL at
the end); `--help` and `--version` are held to 150 ms of their own (under
`--check`, 150 ms times how much slower than the reference machine this one
runs the floor, so that a busy CI machine is not read as a slow connectlog). A second
floor, `import typer, sqlalchemy, rich`, is what connectlog itself imports.
The reads that should not grow with the journal then run again at the
smallest and the largest size, taking turns in the same rounds, and their
medians are compared as they are.
jrnl runs over --cap seconds are killed and not retried at larger sizes;
bench/jrnl_long.py times the two that run for many minutes once, uncapped.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
RESULTS = HERE / "RESULTS.md"

#: Bump when the generated journals change, so cached ones are rebuilt.
GENERATOR_VERSION = 1
SEED = 4711
DEFAULT_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)
SPAN_DAYS = 3652  # ten years
MAX_CACHE_AGE_DAYS = 7  # older journals are rebuilt so that they still end "today"
JRNL_PIN = "4.6"

CONCEPTS = (
    "trust",
    "empathy",
    "touch",
    "attachment",
    "resonance",
    "reward",
    "regulation",
    "communication",
    "responsiveness",
    "vulnerability",
    "disconnection",
    "repair",
)
PEOPLE = ("Sam", "Alex", "Jo", "Robin", "Noor", "Kim")
KINDS = ("emotional", "physical", "both")
TOUCHES = ("hug", "holding hands", "kiss", "cuddle", "massage", "sexual", "other")
INITIATORS = ("me", "them", "mutual")
RESPONSES = ("toward", "away", "against")
HOURS = (7, 8, 9, 12, 13, 17, 18, 19, 20, 21, 22, 23)
HOUR_WEIGHTS = (3, 4, 2, 2, 1, 2, 4, 6, 7, 6, 4, 2)

MOMENTS = (
    "Long walk by the river after dinner",
    "Slow breakfast together on the balcony",
    "Quick hug at the door before work",
    "Held hands on the walk home",
    "Talked late into the night about our families",
    "Argued about the dishes and made up an hour later",
    "Felt far apart all evening, both glued to our phones",
    "Cooked side by side without needing to say much",
    "Phone call while they were away for work",
    "Curled up on the sofa with an old film",
    "They saw I was worn out and ran me a bath",
    "Told them about the thing at work that scares me",
    "Laughed until we cried over a silly joke",
    "Took the dog out together in the rain",
    "Sat by the lake in easy silence",
    "Gave them a shoulder rub after their shift",
    "Kept missing each other's messages all day",
    "Danced in the kitchen to the radio",
    "They asked how the appointment went and really listened",
    "Snapped at them when I was hungry and apologised later",
    "Morning walk to the bakery, arm in arm",
    "Planned the summer trip over coffee",
    "Read to each other in bed",
    "Went quiet after the visit to my parents",
    "Sent a voice note just to say I was thinking of them",
    "Fixed the bike together in the yard",
    "Long kiss on the station platform",
    "Shared a worry I had kept to myself for weeks",
    "Felt invisible at the party",
    "Made them tea without being asked",
    "Video call across three time zones",
    "Sorted the tax papers as a team",
)
DETAILS = (
    "",
    "",
    " and it felt easy",
    " even though we were both tired",
    " after a rough week",
    " on a grey Sunday",
    " before anyone else was up",
    " while the rain came down",
    " on the way back from the market",
    " for the first time in ages",
    " just like we used to",
)
REFLECTIONS = (
    "",
    "",
    "",
    "I felt calmer afterwards.",
    "Hard to put into words.",
    "Want more evenings like this.",
    "Something shifted, in a good way.",
    "Still a bit sore about it.",
    "We should talk about it properly.",
    "Reminded me why we chose each other.",
    "I noticed my shoulders drop.",
    "Small thing, big difference.",
    "I wish I had said more.",
    "Grateful for them.",
)

ADD_TEXT = "A quick hug at the door before work #touch @Sam"
WHEN_TEXT = "Dinner together with the phones away"


# ---------------------------------------------------------------------------
# Generating journals


@dataclass(frozen=True)
class Moment:
    """One generated entry, in the shape both journals need."""

    uuid: str
    local: datetime  # aware, in this machine's zone
    text: str
    concepts: tuple[str, ...]
    people: tuple[str, ...]
    kind: str | None
    touch: str | None
    closeness: int | None
    initiated_by: str | None
    response: str | None
    mood_before: int | None
    mood_after: int | None
    appreciation: bool
    starred: bool
    private: bool
    created: datetime  # aware UTC: when it was written down


def generate(size: int, now: datetime) -> list[Moment]:
    """``size`` moments over the ten years up to ``now``, oldest first; same seed, same moments."""
    rng = random.Random(SEED * 1_000_003 + size)
    first_day = now.date() - timedelta(days=SPAN_DAYS)
    moments = []
    for _ in range(size):
        day = first_day + timedelta(days=rng.randrange(SPAN_DAYS + 1))
        hour = rng.choices(HOURS, HOUR_WEIGHTS)[0]
        local = datetime(day.year, day.month, day.day, hour, rng.randrange(60)).astimezone()
        if local > now:
            local = (now - timedelta(minutes=rng.randrange(1, 600))).replace(
                second=0, microsecond=0
            )
        concepts = tuple(rng.sample(CONCEPTS, rng.randint(1, 3)))
        people = tuple(rng.sample(PEOPLE, rng.choices((0, 1, 2), (2, 6, 2))[0]))
        sentence = rng.choice(MOMENTS) + rng.choice(DETAILS) + "."
        reflection = rng.choice(REFLECTIONS)
        tags = [f"#{name}" for name in concepts] + [f"@{name}" for name in people]
        text = " ".join(part for part in (sentence, reflection, " ".join(tags)) if part)
        kind = rng.choice(KINDS) if rng.random() < 0.6 else None
        touch = rng.choice(TOUCHES) if kind in ("physical", "both") and rng.random() < 0.7 else None
        initiated_by = rng.choice(INITIATORS) if rng.random() < 0.4 else None
        response = rng.choice(RESPONSES) if initiated_by and rng.random() < 0.7 else None
        moods = rng.random() < 0.25
        written = local + timedelta(
            minutes=rng.randrange(2, 240), microseconds=rng.randrange(10**6)
        )
        moments.append(
            Moment(
                uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                local=local,
                text=text,
                concepts=concepts,
                people=people,
                kind=kind,
                touch=touch,
                closeness=rng.randint(1, 5) if rng.random() < 0.85 else None,
                initiated_by=initiated_by,
                response=response,
                mood_before=rng.randint(1, 5) if moods else None,
                mood_after=rng.randint(1, 5) if moods else None,
                appreciation=rng.random() < 0.1,
                starred=rng.random() < 0.05,
                private=rng.random() < 0.05,
                created=min(written, now).astimezone(UTC),
            )
        )
    moments.sort(key=lambda moment: moment.local.astimezone(UTC))
    return moments


def stored_time(moment: datetime) -> str:
    """A datetime as connectlog's SQLAlchemy stores it in SQLite: UTC, naive, microseconds."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


def fill_connectlog(path: Path, moments: Sequence[Moment]) -> None:
    """Bulk-insert ``moments`` into the empty, migrated journal at ``path``, in one transaction."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN IMMEDIATE")
        concept_ids = dict(connection.execute("SELECT name, id FROM concept"))
        missing = set(CONCEPTS) - set(concept_ids)
        if missing:
            raise SystemExit(f"connectlog has no built-in concept(s) {sorted(missing)}")
        first_written = stored_time(moments[0].created)
        # The writer's profile is connectlog's own (see empty_journal); it has written
        # since the first moment.
        profiles = connection.execute("SELECT id FROM profile").fetchall()
        if len(profiles) != 1:
            raise SystemExit(f"expected one profile in the seed journal, found {len(profiles)}")
        author_id = profiles[0][0]
        connection.execute("UPDATE profile SET created_at = ?", (first_written,))
        person_ids: dict[str, int] = {}
        people_rows = []
        for moment in moments:
            for name in moment.people:
                if name not in person_ids:
                    person_ids[name] = len(person_ids) + 1
                    people_rows.append(
                        (person_ids[name], name, name.casefold(), stored_time(moment.created))
                    )
        connection.executemany(
            "INSERT INTO person (id, name, key, created_at) VALUES (?, ?, ?, ?)", people_rows
        )
        entries = []
        links_people: list[tuple[int, int]] = []
        links_concepts: list[tuple[int, int]] = []
        for number, moment in enumerate(moments, start=1):
            written = stored_time(moment.created)
            entries.append(
                (
                    number,
                    moment.uuid,
                    author_id,
                    moment.text,
                    stored_time(moment.local),
                    offset_minutes(moment.local),
                    moment.local.date().isoformat(),
                    moment.kind,
                    moment.touch,
                    moment.closeness,
                    moment.initiated_by,
                    moment.response,
                    moment.mood_before,
                    moment.mood_after,
                    int(moment.appreciation),
                    int(moment.starred),
                    int(moment.private),
                    written,
                    written,
                )
            )
            links_concepts.extend((number, concept_ids[name]) for name in moment.concepts)
            links_people.extend((number, person_ids[name]) for name in moment.people)
        connection.executemany(
            "INSERT INTO entry (id, uuid, author_id, text, occurred_at, utc_offset, local_date,"
            " kind, touch, closeness, initiated_by, response, mood_before, mood_after,"
            " appreciation, starred, private, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            entries,
        )
        connection.executemany(
            "INSERT INTO entry_person (entry_id, person_id) VALUES (?, ?)", links_people
        )
        connection.executemany(
            "INSERT INTO entry_concept (entry_id, concept_id) VALUES (?, ?)", links_concepts
        )
        connection.execute("COMMIT")
        connection.execute("ANALYZE")
        (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
        if mode != "wal":
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def jrnl_text(moments: Sequence[Moment]) -> str:
    """The moments as a jrnl plain-text journal with timeformat '%Y-%m-%d %H:%M'."""
    blocks = []
    for moment in moments:
        star = " *" if moment.starred else ""
        blocks.append(f"[{moment.local.strftime('%Y-%m-%d %H:%M')}] {moment.text}{star}\n")
    return "\n".join(blocks)


@dataclass(frozen=True)
class Journals:
    """The cached journals of one size."""

    size: int
    connectlog: Path
    jrnl: Path
    last_stamp: str  # jrnl's date of the newest entry, to check that jrnl read the file


def cache_paths(size: int) -> tuple[Path, Path, Path]:
    """The cached connectlog journal, jrnl journal and manifest of ``size`` entries."""
    stem = f"g{GENERATOR_VERSION}-{size}"
    return (
        DATA / f"connectlog-{stem}.db",
        DATA / f"jrnl-{stem}.txt",
        DATA / f"journals-{stem}.json",
    )


def ensure_journals(size: int, empty: Path, revision: str) -> Journals:
    """The cached journals of ``size`` entries, built first if missing, stale or outdated."""
    db, text, manifest = cache_paths(size)
    today = datetime.now().astimezone().date()
    try:
        known = json.loads(manifest.read_text(encoding="utf-8"))
        fresh = (
            db.is_file()
            and text.is_file()
            and known["revision"] == revision
            and (today - date.fromisoformat(known["built"])).days <= MAX_CACHE_AGE_DAYS
        )
    except (OSError, ValueError, KeyError):
        fresh = False
    if not fresh:
        # Built in a child process so that this one stays small: on Linux a child's
        # max RSS starts at its parent's high-water mark, which would inflate peak MB.
        script = str(Path(__file__).resolve())
        subprocess.run(
            [sys.executable, script, "--build", str(size), str(empty), revision], check=True
        )
        known = json.loads(manifest.read_text(encoding="utf-8"))
    return Journals(size=size, connectlog=db, jrnl=text, last_stamp=known["last_stamp"])


def build_journals(size: int, empty: Path, revision: str) -> None:
    """Generate ``size`` moments and write both cached journals and their manifest."""
    db, text, manifest = cache_paths(size)
    started = time.perf_counter()
    print(f"building the {size:,}-entry journals ...", file=sys.stderr, flush=True)
    now = datetime.now().astimezone().replace(second=0, microsecond=0)
    moments = generate(size, now)
    partial = db.with_suffix(".partial")
    shutil.copyfile(empty, partial)
    fill_connectlog(partial, moments)
    partial.replace(db)
    text.write_text(jrnl_text(moments), encoding="utf-8")
    known = {
        "revision": revision,
        "built": now.date().isoformat(),
        "entries": size,
        "first_day": moments[0].local.date().isoformat(),
        "last_day": moments[-1].local.date().isoformat(),
        "last_stamp": moments[-1].local.strftime("%Y-%m-%d %H:%M"),
    }
    manifest.write_text(json.dumps(known, indent=2) + "\n", encoding="utf-8")
    print(f"  built in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# The tools


def connectlog_command() -> list[str]:
    """The console script next to this Python (how users run it), else ``-m connectlog``."""
    script = Path(sys.executable).parent / "connectlog"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "connectlog"]


def empty_journal(connectlog: list[str], folder: Path, env: dict[str, str]) -> tuple[Path, str]:
    """A journal made and migrated by connectlog itself, holding only its writer's profile.

    connectlog creates the profile with a first `add` (so the row is exactly its
    own, whatever columns it has), and that entry is removed again. Returns the
    path and the schema revision.
    """
    path = folder / "empty.db"
    for step in (["concepts"], ["add", "seed entry"]):
        done = subprocess.run(
            [*connectlog, "--db", str(path), *step], env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            raise SystemExit(f"connectlog could not create a journal:\n{done.stderr}")
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        for table in ("entry_concept", "entry_person", "entry"):
            connection.execute(f"DELETE FROM {table}")
        connection.execute("COMMIT")
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return path, str(revision)


def ensure_jrnl() -> Path | None:
    """jrnl's script in its own virtual environment under bench/data, installed if missing."""
    venv = DATA / "jrnl-venv"
    script = venv / "bin" / "jrnl"
    if jrnl_version(script) == f"v{JRNL_PIN}":
        return script
    print(f"installing jrnl=={JRNL_PIN} into {venv} ...", file=sys.stderr, flush=True)
    shutil.rmtree(venv, ignore_errors=True)
    steps = (
        [sys.executable, "-m", "venv", str(venv)],
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", f"jrnl=={JRNL_PIN}"],
    )
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode != 0:
            tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-3:])
            print(f"jrnl could not be installed; going on without it.\n{tail}", file=sys.stderr)
            return None
    if jrnl_version(script) != f"v{JRNL_PIN}":
        print("jrnl installed but does not run; going on without it.", file=sys.stderr)
        return None
    return script


def jrnl_version(script: Path) -> str | None:
    if not script.is_file():
        return None
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    words = done.stdout.split()
    return words[1] if done.returncode == 0 and len(words) > 1 else None


def write_jrnl_config(env: dict[str, str], journal: Path) -> None:
    """jrnl's config (XDG_CONFIG_HOME/jrnl/jrnl.yaml) pointing at ``journal``."""
    folder = Path(env["XDG_CONFIG_HOME"]) / "jrnl"
    folder.mkdir(parents=True, exist_ok=True)
    config = f"""\
colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {json.dumps(str(journal))}
linewrap: 100
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v{JRNL_PIN}
"""
    (folder / "jrnl.yaml").write_text(config, encoding="utf-8")


def bench_env(root: Path) -> dict[str, str]:
    """The environment of every timed process: a scratch home, no colour, 100 columns."""
    env = dict(os.environ)
    for name in ("CONNECTLOG_DB", "CONNECTLOG_DATABASE_URL", "PYTHONSTARTUP"):
        env.pop(name, None)
    # Installed packages run from cached bytecode, so the bench does too: an editable
    # install under PYTHONDONTWRITEBYTECODE would compile connectlog's source on every
    # run. The cache goes to bench/data, not next to the sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(DATA / "pycache")
    home = root / "home"
    for name, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / sub)
    env.update(HOME=str(home), NO_COLOR="1", COLUMNS="100", LINES="40", TERM="dumb")
    return env


# ---------------------------------------------------------------------------
# Timing


@dataclass(frozen=True)
class Sample:
    seconds: float
    cpu_seconds: float  # the child's own user + system time
    exit_code: int
    peak_mb: float
    stderr_head: str
    over_cap: bool


def run_once(command: Sequence[str], env: dict[str, str], cap: float) -> Sample:
    """Run ``command`` once with stdout captured: wall time, exit code and its own max RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        lock = threading.Lock()
        finished = False
        killed = False
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env
        )

        def kill() -> None:
            nonlocal killed
            with lock:
                if not finished:
                    killed = True
                    process.kill()

        timer = threading.Timer(cap, kill)
        timer.start()
        # Wait without reaping first, so the timer can never signal a recycled pid.
        os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
        elapsed = time.perf_counter() - start
        with lock:
            finished = True
        timer.cancel()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = [line.strip() for line in err.read().decode(errors="replace").splitlines()]
        said = [line for line in lines if line]
        # A traceback's first line says nothing; its last one names the error.
        head = (said[-1] if said[0].startswith("Traceback") else said[0]) if said else ""
    return Sample(
        seconds=elapsed,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        exit_code=process.returncode,
        peak_mb=usage.ru_maxrss / 1024,  # KiB on Linux
        stderr_head=head[:90],
        over_cap=killed,
    )


@dataclass
class Result:
    """The runs of one command at one size."""

    samples: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    failure: str | None = None  # "n/a (exit N: ...)"
    over_cap: float | None = None  # the cap a run went over
    skipped: bool = False  # not run, because a smaller size was already over the cap

    @property
    def ok(self) -> bool:
        return bool(self.samples) and self.failure is None and self.over_cap is None

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def spread(self) -> float:
        return max(self.samples) - min(self.samples)

    def describe(self) -> str:
        if self.over_cap is not None:
            return f"over {self.over_cap:g} s" + (" (skipped)" if self.skipped else "")
        if self.failure is not None:
            return self.failure
        return f"{self.median * 1000:.0f}"


@dataclass
class Slot:
    """One command to time at one size, and what its runs gave so far."""

    command: list[str]
    cap: float
    scratch: Path | None = None  # a file to remove before each run
    result: Result = field(default_factory=Result)

    @property
    def done(self) -> bool:
        return self.result.failure is not None or self.result.over_cap is not None

    def run(self, env: dict[str, str]) -> None:
        if self.scratch is not None:
            self.scratch.unlink(missing_ok=True)
        sample = run_once(self.command, env, self.cap)
        if sample.over_cap:
            self.result.over_cap = self.cap
        elif sample.exit_code != 0:
            self.result.failure = f"n/a (exit {sample.exit_code}: {sample.stderr_head})"
        else:
            self.result.samples.append(sample.seconds)
            self.result.cpu.append(sample.cpu_seconds)
            self.result.peak_mb = max(self.result.peak_mb, sample.peak_mb)


def run_rounds(slots: Sequence[Slot], env: dict[str, str], runs: int) -> None:
    """``runs`` rounds of every slot in turn, so drift in the machine's load hits all alike.

    A slot stops at its first failure or its first run over its cap.
    """
    for number in range(runs):
        print(f"  round {number + 1}/{runs}", file=sys.stderr, flush=True)
        for slot in slots:
            if not slot.done:
                slot.run(env)


# ---------------------------------------------------------------------------
# What is measured


@dataclass(frozen=True)
class Case:
    key: str
    label: str
    connectlog: tuple[str, ...] | None  # arguments after `connectlog --db PATH`
    jrnl: tuple[str, ...] | None
    group: str  # "start", "add", "read" or "export"
    target: float | None = None  # at most this many times the floor
    limit_ms: float | None = None  # at most this many milliseconds
    flat: bool = False  # the same at every size, within noise
    memory: bool = True  # peak memory under MEMORY_LIMIT_MB


FLOOR_PASS = "python -c pass"
FLOOR_IMPORT = "import typer, sqlmodel, rich"
#: What connectlog itself imports (no SQLModel, no pydantic), shown beside the other floors.
FLOOR_CORE = "import typer, sqlalchemy, rich"
MEMORY_LIMIT_MB = 100.0
#: ``--help`` and ``--version`` answer within this, as whole processes.
START_LIMIT_MS = 150.0
#: The import floor where START_LIMIT_MS was set (bench/RESULTS.md: 460 to 580 ms).
#: ``--check`` runs on machines of every speed (CI's took 950 to 1,430 ms for the
#: same floor), so there a time limit grows by how much slower the floor runs
#: than this; the PASS/FAIL lines of the report keep the plain 150 ms.
REFERENCE_FLOOR_MS = 580.0
FLAT_RATIO = 1.15
FLAT_MS = 30.0
JRNL_SPEEDUP = 1000.0


def cases(week: str, export_file: Path) -> list[Case]:
    return [
        Case("help", "--help", ("--help",), None, "start", limit_ms=START_LIMIT_MS),
        Case("version", "--version", ("--version",), None, "start", limit_ms=START_LIMIT_MS),
        Case("add", "add TEXT #touch @Sam -c 4", ("add", ADD_TEXT, "-c", "4"), (ADD_TEXT,),
             "add", 1.25),
        Case("add-when", "add TEXT --when 'yesterday 8pm'",
             ("add", WHEN_TEXT, "--when", "yesterday 8pm"), (f"yesterday 8pm: {WHEN_TEXT}",),
             "add", 1.5),
        Case("list", "list --limit 10", ("list", "--limit", "10"), ("-n", "10"),
             "read", 1.5, flat=True),
        Case("filter", "list --concept trust --limit 10",
             ("list", "--concept", "trust", "--limit", "10"), ("-n", "10", "#trust"),
             "read", 1.5, flat=True),
        Case("filter-all", "list --concept trust --limit 0",
             ("list", "--concept", "trust", "--limit", "0"), ("#trust",), "read", 1.5),
        Case("search", "list --search walk --limit 10",
             ("list", "--search", "walk", "--limit", "10"), ("-contains", "walk", "-n", "10"),
             "read", 1.5, flat=True),
        Case("concepts", "concepts (counts)", ("concepts",), ("--tags",), "read", 1.5, flat=True),
        Case("summary", f"summary --week {week}", ("summary", "--week", week), None,
             "read", 1.5, flat=True),
        Case("trends", "trends --weeks 12", ("trends", "--weeks", "12"), None,
             "read", 1.5, flat=True),
        Case("export", "export --format json -o FILE",
             ("export", "--format", "json", "-o", str(export_file)), ("--export", "json"),
             "export", memory=False),
    ]  # fmt: skip


def middle_week(today: date) -> str:
    """The ISO week in the middle of the ten years up to ``today``, e.g. '2021-W47'."""
    year, week, _ = (today - timedelta(days=SPAN_DAYS // 2)).isocalendar()
    return f"{year}-W{week:02d}"


def check_jrnl(jrnl: Path, env: dict[str, str], last_stamp: str, timeout: float) -> str:
    """Why jrnl cannot read its journal (its newest entry, with `-n 1`), or "" if it can."""
    try:
        done = subprocess.run(
            [str(jrnl), "-n", "1"], env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return f"`jrnl -n 1` took over {timeout:g} s"
    if done.returncode != 0 or last_stamp not in done.stdout:
        return (done.stderr.strip() or done.stdout.strip())[:90] or "no output"
    return ""


@dataclass
class SizeRun:
    size: int
    floors: dict[str, Result]
    connectlog: dict[str, Result]
    jrnl: dict[str, Result]
    cases: list[Case]
    jrnl_note: str = ""

    @property
    def floor(self) -> float | None:
        return self._median(FLOOR_IMPORT)

    def _median(self, floor: str) -> float | None:
        result = self.floors.get(floor)
        return result.median if result and result.ok else None

    def ratio(self, key: str) -> float | None:
        result = self.connectlog.get(key)
        if result is None or not result.ok or self.floor is None:
            return None
        return result.median / self.floor


def bench_size(
    journals: Journals,
    *,
    week: str,
    warm_up: bool,
    connectlog: list[str],
    jrnl: Path | None,
    env: dict[str, str],
    work: Path,
    runs: int,
    cap: float,
    jrnl_blocked: dict[str, float],
) -> SizeRun:
    """Time every case at one journal size, on scratch copies of the cached journals."""
    size = journals.size
    db = work / f"journal-{size}.db"
    text = work / f"journal-{size}.txt"
    shutil.copyfile(journals.connectlog, db)
    shutil.copyfile(journals.jrnl, text)
    export_file = work / f"export-{size}.json"
    run = SizeRun(size, {}, {}, {}, cases(week, export_file))
    print(f"{size:,} entries", file=sys.stderr, flush=True)
    warm_journal(connectlog, db, env, cap, size)
    if jrnl is not None:
        write_jrnl_config(env, text)
        problem = check_jrnl(jrnl, env, journals.last_stamp, cap * 10)
        if problem:
            run.jrnl_note = f"jrnl did not read the journal: {problem}"
            print(run.jrnl_note, file=sys.stderr)
            jrnl = None
    slots: dict[tuple[str, str], Slot] = {
        ("floor", FLOOR_PASS): Slot([sys.executable, "-c", "pass"], cap * 10),
        ("floor", FLOOR_IMPORT): Slot([sys.executable, "-c", FLOOR_IMPORT], cap * 10),
        ("floor", FLOOR_CORE): Slot([sys.executable, "-c", FLOOR_CORE], cap * 10),
    }
    for case in run.cases:
        if case.connectlog is not None:
            scratch = export_file if case.group == "export" else None
            command = [*connectlog, "--db", str(db), *case.connectlog]
            slots["connectlog", case.key] = Slot(command, cap * 10, scratch)
        if jrnl is not None and case.jrnl is not None:
            if case.key in jrnl_blocked:
                run.jrnl[case.key] = Result(over_cap=jrnl_blocked[case.key], skipped=True)
            else:
                slots["jrnl", case.key] = Slot([str(jrnl), *case.jrnl], cap)
    if warm_up:
        print("  warm-up round (not timed)", file=sys.stderr, flush=True)
        for slot in slots.values():
            run_once(slot.command, env, slot.cap)
    run_rounds(list(slots.values()), env, runs)
    for (tool, key), slot in slots.items():
        {"floor": run.floors, "connectlog": run.connectlog, "jrnl": run.jrnl}[tool][key] = (
            slot.result
        )
        if tool == "jrnl" and slot.result.over_cap is not None:
            jrnl_blocked[key] = cap
    remove_journal(db)
    text.unlink(missing_ok=True)
    export_file.unlink(missing_ok=True)
    return run


def warm_journal(
    connectlog: list[str], db: Path, env: dict[str, str], cap: float, size: int
) -> None:
    """Warm the file cache and let connectlog settle a scratch copy; not timed."""
    warm = run_once([*connectlog, "--db", str(db), "concepts"], env, cap * 10)
    if warm.exit_code != 0:
        raise SystemExit(f"connectlog cannot read the {size:,} journal: {warm.stderr_head}")


def remove_journal(db: Path) -> None:
    """Remove a scratch copy of a journal, with SQLite's files beside it."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


#: A read's runs at the smallest and at the largest journal, timed in the same rounds.
Flat = dict[str, tuple[Result, Result]]


def bench_flatness(
    small: Journals,
    large: Journals,
    *,
    week: str,
    connectlog: list[str],
    env: dict[str, str],
    work: Path,
    runs: int,
    cap: float,
) -> Flat:
    """Time every read that should not grow with the journal at both sizes, side by side.

    Each size's own rounds meet the machine's load of their own minutes; here a
    read at 1,000 and at 100,000 entries take turns, so the same drift hits both
    and their medians compare as they are.
    """
    print(
        f"flatness: {small.size:,} and {large.size:,} entries in the same rounds", file=sys.stderr
    )
    slots: dict[tuple[str, int], Slot] = {}
    dbs = [work / f"flat-{journals.size}.db" for journals in (small, large)]
    for journals, db in zip((small, large), dbs, strict=True):
        shutil.copyfile(journals.connectlog, db)
        warm_journal(connectlog, db, env, cap, journals.size)
        for case in cases(week, work / "unused.json"):
            if case.flat and case.connectlog is not None:
                command = [*connectlog, "--db", str(db), *case.connectlog]
                slots[case.key, journals.size] = Slot(command, cap * 10)
    # Warm-up round, then the timed rounds with the two sizes next to each other.
    for slot in slots.values():
        run_once(slot.command, env, slot.cap)
    ordered = sorted(slots.items(), key=lambda item: item[0])
    run_rounds([slot for _, slot in ordered], env, runs)
    for db in dbs:
        remove_journal(db)
    return {
        key: (slots[key, small.size].result, slots[key, large.size].result)
        for key, size in slots
        if size == small.size
    }


# ---------------------------------------------------------------------------
# Targets


@dataclass(frozen=True)
class Verdict:
    status: str  # PASS, FAIL or N/A
    text: str


def judge(runs: list[SizeRun], flat: Flat, jrnl_ran: bool) -> list[Verdict]:
    """Every target, PASS/FAIL (N/A when it could not be measured)."""
    verdicts: list[Verdict] = []
    by_key = {case.key: case for case in runs[0].cases}
    for case in by_key.values():
        if case.limit_ms is None:
            continue
        goal = f"{case.label}: under {case.limit_ms:g} ms at every size"
        medians = [(run.size, run.connectlog.get(case.key)) for run in runs]
        timed = [(size, found.median) for size, found in medians if found and found.ok]
        if len(timed) < len(medians):
            verdicts.append(Verdict("N/A", f"{goal} (not measured: {missing(runs, case.key)})"))
            continue
        size, worst = max(timed, key=lambda pair: pair[1])
        status = "PASS" if worst * 1000 <= case.limit_ms else "FAIL"
        verdicts.append(Verdict(status, f"{goal}; worst {worst * 1000:.0f} ms at {size:,}"))
    for case in by_key.values():
        if case.target is None:
            continue
        ratios = [(run.size, run.ratio(case.key)) for run in runs]
        measured = [(size, ratio) for size, ratio in ratios if ratio is not None]
        goal = f"{case.label}: at most {case.target:g}x the floor at every size"
        if len(measured) < len(ratios):
            verdicts.append(Verdict("N/A", f"{goal} (not measured: {missing(runs, case.key)})"))
            continue
        size, worst = max(measured, key=lambda pair: pair[1])
        status = "PASS" if worst <= case.target else "FAIL"
        verdicts.append(Verdict(status, f"{goal}; worst {worst:.2f}x at {size:,}"))
    small, large = runs[0], runs[-1]
    if large.size > small.size:
        for case in by_key.values():
            if not case.flat:
                continue
            goal = (
                f"{case.label}: as fast at {large.size:,} as at {small.size:,} "
                f"(at most {FLAT_RATIO:g}x or {FLAT_MS:g} ms more, timed in the same rounds)"
            )
            before, after = flat.get(case.key, (None, None))
            if before is None or after is None or not before.ok or not after.ok:
                verdicts.append(Verdict("N/A", f"{goal} (not measured)"))
                continue
            status = (
                "PASS"
                if after.median <= FLAT_RATIO * before.median
                or (after.median - before.median) * 1000 <= FLAT_MS
                else "FAIL"
            )
            verdicts.append(
                Verdict(
                    status,
                    f"{goal}; {after.median * 1000:.0f} vs {before.median * 1000:.0f} ms"
                    f" = {after.median / before.median:.2f}x; "
                    f"CPU {after.cpu_median * 1000:.0f} vs {before.cpu_median * 1000:.0f} ms",
                )
            )
    for key in ("add", "concepts"):
        case = by_key[key]
        goal = f"{case.label}: at least {JRNL_SPEEDUP:g}x faster than jrnl at {large.size:,}"
        mine, theirs = large.connectlog.get(key), large.jrnl.get(key)
        if not jrnl_ran or mine is None or theirs is None or not mine.ok:
            verdicts.append(Verdict("N/A", f"{goal} (jrnl not run)"))
            continue
        if theirs.over_cap is not None:
            # A lower bound decides nothing unless it already clears the target.
            speedup = theirs.over_cap / mine.median
            shown = f"at least {speedup:.0f}x (jrnl over the {theirs.over_cap:g} s cap)"
            if speedup < JRNL_SPEEDUP:
                uncapped = "bench/jrnl_long.py times jrnl without the cap"
                verdicts.append(Verdict("N/A", f"{goal}; {shown}; {uncapped}"))
                continue
        elif theirs.ok:
            speedup = theirs.median / mine.median
            shown = f"{speedup:.1f}x"
        else:
            verdicts.append(Verdict("N/A", f"{goal} (jrnl {theirs.describe()})"))
            continue
        status = "PASS" if speedup >= JRNL_SPEEDUP else "FAIL"
        verdicts.append(Verdict(status, f"{goal}; {shown}"))
    heavy = [
        (run.size, case.label, run.connectlog[case.key].peak_mb)
        for run in runs
        for case in run.cases
        if case.memory and case.key in run.connectlog and run.connectlog[case.key].ok
    ]
    if heavy:
        size, label, peak = max(heavy, key=lambda item: item[2])
        status = "PASS" if peak < MEMORY_LIMIT_MB else "FAIL"
        over = sorted({item[1] for item in heavy if item[2] >= MEMORY_LIMIT_MB})
        detail = f"; over: {', '.join(over)}" if over else ""
        verdicts.append(
            Verdict(
                status,
                f"peak memory under {MEMORY_LIMIT_MB:g} MB for every command but export/import; "
                f"highest {peak:.0f} MB ({label} at {size:,}){detail}",
            )
        )
    return verdicts


def missing(runs: list[SizeRun], key: str) -> str:
    reasons = {run.connectlog[key].describe() for run in runs if not run.connectlog[key].ok}
    return "; ".join(sorted(reasons)) or "no floor"


def slowness(run: SizeRun) -> float:
    """How much slower this machine ran the import floor than the reference, at least 1."""
    return max(1.0, (run.floor or 0.0) * 1000 / REFERENCE_FLOOR_MS)


def check_factor(runs: list[SizeRun], factor: float) -> list[str]:
    """connectlog runs over ``factor`` times their target (a ratio, or a time).

    A time limit is scaled by :func:`slowness`, so that a slow or busy machine
    is not read as a slow connectlog, and a fast one never loosens the limit.
    """
    over = []
    for run in runs:
        scale = slowness(run)
        for case in run.cases:
            found = run.connectlog.get(case.key)
            limit = None if case.limit_ms is None else factor * case.limit_ms * scale
            if limit is not None and found is not None and found.ok and found.median * 1000 > limit:
                over.append(
                    f"{case.label} at {run.size:,}: {found.median * 1000:.0f} ms "
                    f"(limit {factor:g} x {case.limit_ms:g} ms x {scale:.2f} for this "
                    f"machine's floor)"
                )
            ratio = run.ratio(case.key)
            if case.target is not None and ratio is not None and ratio > factor * case.target:
                over.append(
                    f"{case.label} at {run.size:,}: {ratio:.2f}x the floor "
                    f"(limit {factor:g} x {case.target:g})"
                )
    return over


# ---------------------------------------------------------------------------
# Report


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def size_table(run: SizeRun, with_jrnl: bool) -> list[str]:
    head = "| command | connectlog median ms | spread | CPU ms | x floor | peak MB |"
    rule = "| --- | ---: | ---: | ---: | ---: | ---: |"
    if with_jrnl:
        head += " jrnl median ms | spread | speed-up |"
        rule += " ---: | ---: | ---: |"
    lines = [head, rule]
    floor = run.floor
    blank_jrnl = " | | |" if with_jrnl else ""
    for label, result in run.floors.items():
        ratio = f"{result.median / floor:.2f}" if floor and result.ok else ""
        spread = f"{result.spread * 1000:.0f}" if result.ok else ""
        peak = f"{result.peak_mb:.0f}" if result.ok else ""
        cpu = f"{result.cpu_median * 1000:.0f}" if result.ok else ""
        lines.append(
            f"| `{label}` (floor) | {cell(result.describe())} | {spread} | {cpu} | {ratio} "
            f"| {peak} |{blank_jrnl}"
        )
    for case in run.cases:
        mine = run.connectlog[case.key]
        times = run.ratio(case.key)
        row = (
            f"| `{cell(case.label)}` | {cell(mine.describe())} | "
            f"{f'{mine.spread * 1000:.0f}' if mine.ok else ''} | "
            f"{f'{mine.cpu_median * 1000:.0f}' if mine.ok else ''} | "
            f"{f'{times:.2f}' if times is not None else ''} | "
            f"{f'{mine.peak_mb:.0f}' if mine.ok else ''} |"
        )
        if with_jrnl:
            theirs = run.jrnl.get(case.key)
            if theirs is None:
                row += " – | | |"
            else:
                spread = f"{theirs.spread * 1000:.0f}" if theirs.ok else ""
                speedup = ""
                if mine.ok and theirs.ok:
                    speedup = f"{theirs.median / mine.median:.1f}x"
                elif mine.ok and theirs.over_cap is not None:
                    speedup = f"≥ {theirs.over_cap / mine.median:.0f}x"
                row += f" {cell(theirs.describe())} | {spread} | {speedup} |"
        lines.append(row)
    return lines


def source_state() -> str:
    """The checkout's commit, and whether connectlog's sources differ from it."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "src", "migrations"],
            cwd=HERE.parent,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{commit or 'unknown'}{' with uncommitted changes to src/' if changed else ''}"


def machine() -> str:
    model = ""
    try:
        done = subprocess.run(["lscpu"], capture_output=True, text=True, check=False)
        for line in done.stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    cpus = f"{os.cpu_count()} CPUs" + (f" ({model})" if model else "")
    return f"{platform.platform()}, Python {platform.python_version()}, {cpus}"


def report(
    runs: list[SizeRun],
    verdicts: list[Verdict],
    *,
    command_line: str,
    runs_each: int,
    cap: float,
    jrnl_ran: bool,
    versions: str,
    took: float,
    load: str,
) -> str:
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        f"## Whole process, against jrnl and the import floor ({stamp[:10]})",
        "",
        f"`{command_line}`, {stamp}; {machine()}; {versions}. "
        f"The run took {took / 60:.1f} min; {load}.",
        "",
        " ".join(
            [
                f"Each command is a separate process (start-up included), run {runs_each} times",
                "in interleaved rounds after one untimed warm-up round: median and spread",
                "(max - min) of the wall clock in ms. *CPU ms* is the process's median user +",
                "system time, *peak MB* its own max RSS. *x floor* is the median over",
                f'`python -c "{FLOOR_IMPORT}"` timed in the same rounds; *speed-up* is jrnl\'s',
                "median over connectlog's. stdout goes to a file; `NO_COLOR=1`, `COLUMNS=100`;",
                "bytecode is cached under bench/data/pycache (`PYTHONPYCACHEPREFIX`, with",
                "`PYTHONDONTWRITEBYTECODE` unset) as for an installed package. The journals hold",
                "ten years of generated moments ending the day they were built, 1-3 concepts and",
                "0-2 people each, the same entries for both tools. Adds are not undone: each add",
                "run leaves one more entry in the scratch copy that later commands read. For",
                "the flatness targets each read runs again at the smallest and the largest",
                "size, taking turns in the same rounds, so that the drift in the machine's",
                f'load meets both alike; `python -c "{FLOOR_CORE}"` is what connectlog',
                "itself imports.",
            ]
        ),
    ]
    if jrnl_ran:
        lines[-1] += (
            f" jrnl {JRNL_PIN} runs over {cap:g} s are killed, and that command is not run "
            "with jrnl at larger sizes; jrnl's date-in-words add is "
            f"`jrnl 'yesterday 8pm: {WHEN_TEXT}'`, its concept counts `--tags`."
        )
    else:
        lines[-1] += " jrnl was not run."
    for run in runs:
        lines += ["", f"### {run.size:,} entries", ""]
        if run.jrnl_note:
            lines += [run.jrnl_note, ""]
        lines += size_table(run, jrnl_ran)
    lines += ["", "### Targets", ""]
    lines += [f"- **{verdict.status}** {cell(verdict.text)}" for verdict in verdicts]
    return "\n".join(lines) + "\n"


def write_results(section: str) -> None:
    """Put ``section`` into RESULTS.md in place of the section with the same heading.

    Sections start with a "## " line; one whose heading (up to any parenthesis)
    is new goes first. Other sections (bench/instructions.py's, the profile
    notes) stay as they are.
    """
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else "# Benchmark results\n"
    title, *sections = old.split("\n## ")
    new = section.removeprefix("## ").rstrip()

    def heading(part: str) -> str:
        return part.split("\n", 1)[0].split(" (")[0]

    body = [new if heading(part) == heading(new) else part.rstrip() for part in sections]
    if new not in body:
        body.insert(0, new)
    RESULTS.write_text(title.rstrip() + "\n\n## " + "\n\n## ".join(body) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------


def parse_sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(sorted({int(part.replace("_", "")) for part in text.split(",") if part}))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a list of sizes: {text!r}") from exc
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--quick", action="store_true", help="CI subset: 1k and 10k, 3 runs, no jrnl"
    )
    parser.add_argument("--sizes", type=parse_sizes, default=None, help="e.g. 1000,10000,100000")
    parser.add_argument("--runs", type=int, default=None, help="runs of each command (default 5)")
    parser.add_argument("--jrnl", action=argparse.BooleanOptionalAction, default=None)
    parser.add_argument("--cap", type=float, default=30.0, help="seconds before a jrnl run dies")
    parser.add_argument(
        "--check", type=float, metavar="FACTOR", default=None,
        help="exit 1 if a connectlog run is over FACTOR times its target (ratio or ms)",
    )  # fmt: skip
    parser.add_argument("--write", action="store_true", help="write bench/RESULTS.md")
    parser.add_argument("--build", nargs=3, help=argparse.SUPPRESS)  # SIZE EMPTY REVISION
    options = parser.parse_args(argv)
    if options.sizes is None:
        options.sizes = QUICK_SIZES if options.quick else DEFAULT_SIZES
    if options.runs is None:
        options.runs = 3 if options.quick else 5
    if options.jrnl is None:
        options.jrnl = not options.quick
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    return options


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_args(argv)
    if options.build:
        size, empty, revision = options.build
        build_journals(int(size), Path(empty), revision)
        return 0
    command_line = "python " + shlex.join(["bench/run.py", *sys.argv[1:]])
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    source_before = source_state()
    DATA.mkdir(exist_ok=True)
    connectlog = connectlog_command()
    jrnl = ensure_jrnl() if options.jrnl else None
    with tempfile.TemporaryDirectory(prefix="connectlog-bench-") as folder:
        work = Path(folder)
        env = bench_env(work)
        version = subprocess.run(
            [*connectlog, "--version"], env=env, capture_output=True, text=True
        ).stdout.strip()
        versions = version or "connectlog"
        if jrnl is not None:
            versions += f", jrnl v{JRNL_PIN}"
        empty, revision = empty_journal(connectlog, work, env)
        print(f"{machine()}\n{versions}, schema {revision}; {' '.join(connectlog)}", flush=True)
        jrnl_blocked: dict[str, float] = {}
        runs: list[SizeRun] = []
        for size in options.sizes:
            journals = ensure_journals(size, empty, revision)
            runs.append(
                bench_size(
                    journals,
                    week=middle_week(datetime.now().astimezone().date()),
                    warm_up=not runs,
                    connectlog=connectlog,
                    jrnl=jrnl,
                    env=env,
                    work=work,
                    runs=options.runs,
                    cap=options.cap,
                    jrnl_blocked=jrnl_blocked,
                )
            )
            print("\n".join(["", f"{size:,} entries", "", *size_table(runs[-1], jrnl is not None)]))
        flat: Flat = {}
        if len(options.sizes) > 1:
            flat = bench_flatness(
                ensure_journals(options.sizes[0], empty, revision),
                ensure_journals(options.sizes[-1], empty, revision),
                week=middle_week(datetime.now().astimezone().date()),
                connectlog=connectlog,
                env=env,
                work=work,
                runs=options.runs,
                cap=options.cap,
            )
    verdicts = judge(runs, flat, jrnl is not None)
    took = time.perf_counter() - started
    source_after = source_state()
    section = report(
        runs,
        verdicts,
        command_line=command_line,
        runs_each=options.runs,
        cap=options.cap,
        jrnl_ran=jrnl is not None,
        versions=f"{versions} at {source_before}"
        + ("" if source_after == source_before else f" (changed during the run: {source_after})"),
        took=took,
        load=(
            f"1-minute load average {load_before:.2f} at the start, "
            f"{os.getloadavg()[0]:.2f} at the end"
        ),
    )
    print("\n" + section)
    if options.write:
        write_results(section)
        print(f"wrote {RESULTS}")
    if options.check is not None:
        over = check_factor(runs, options.check)
        for line in over:
            print(f"CHECK FAILED: {line}", file=sys.stderr)
        if over:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
