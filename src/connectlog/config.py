"""The optional config file: one TOML file in the platform config folder.

Every key is optional and connectlog works without the file. An environment
variable overrides a key where one is named below. A file that cannot be read
is an error that names the file, never silently ignored.

```toml
week_start = "sunday"      # or "monday" (the default); $CONNECTLOG_WEEK_START
profile = "Alex"           # who writes when --as names no one; $CONNECTLOG_PROFILE
review_window = 2          # hours apart two views of one moment may be (default 2)
passphrase_command = "pass show connectlog"  # prints an encrypted journal's passphrase
default_time = "19:00"     # the hour of a --when that names a day only (default 12:00)
unknown_tags = "create"    # an unknown #concept is made, not refused (default "refuse")
```
"""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from connectlog import messages
from connectlog.errors import ConnectlogError

CONFIG_ENV = "CONNECTLOG_CONFIG"
WEEK_START_ENV = "CONNECTLOG_WEEK_START"
PROFILE_ENV = "CONNECTLOG_PROFILE"
WEEK_STARTS = {"monday": 0, "sunday": 6}
KEYS = (
    "week_start",
    "profile",
    "review_window",
    "passphrase_command",
    "default_time",
    "unknown_tags",
)
UNKNOWN_TAGS = ("refuse", "create")
DEFAULT_REVIEW_WINDOW = 2.0


@dataclass(frozen=True)
class Settings:
    """What the config file and environment say, with defaults for the rest."""

    week_start: int = WEEK_STARTS["monday"]  # 0 Monday, 6 Sunday, as date.weekday()
    profile: str | None = None  # None: the journal's own first profile
    review_window: float = DEFAULT_REVIEW_WINDOW  # hours
    passphrase_command: str | None = None  # run without a shell; its first line of output
    default_time: time = time(12)  # of a moment whose --when names a day and no time
    make_concepts: bool = False  # an unknown #concept in a new entry is made, not refused


def config_path() -> Path:
    """``$CONNECTLOG_CONFIG``, else ``config.toml`` in the platform config folder."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    from connectlog.paths import user_config_dir

    return user_config_dir() / "config.toml"


def load_settings() -> Settings:
    """The settings from the config file (if any), then the environment.

    Every key of the file is checked, whether or not an environment variable
    overrides it, so that every command reports a broken file alike; a bad
    variable's message names the variable.
    """
    path = config_path()
    values = _read(path)
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        raise ConnectlogError(
            messages.CONFIG_UNKNOWN_KEY.format(
                path=path, key=_shown(unknown[0]), keys=", ".join(KEYS)
            )
        )
    in_file = _Source(path=path)
    week_start = _week_start(values.get("week_start", "monday"), source=in_file, key="week_start")
    profile = values.get("profile")
    if profile is not None:
        profile = _name(profile, source=in_file, key="profile")
    window = values.get("review_window", DEFAULT_REVIEW_WINDOW)
    if isinstance(window, bool) or not isinstance(window, int | float) or not 0 < window <= 48:
        raise ConnectlogError(
            in_file.bad_type("review_window", expected="a number of hours from 0 to 48")
        )
    command = values.get("passphrase_command")
    if command is not None and (not isinstance(command, str) or not command.strip()):
        raise ConnectlogError(in_file.bad_type("passphrase_command", expected="a command"))
    if isinstance(command, str) and "\x00" in command:
        raise ConnectlogError(in_file.bad_type("passphrase_command", expected="a command"))
    default_time = _clock_time(values.get("default_time", "12:00"), source=in_file)
    unknown_tags = values.get("unknown_tags", "refuse")
    if unknown_tags not in UNKNOWN_TAGS:
        raise ConnectlogError(in_file.bad_type("unknown_tags", expected='"refuse" or "create"'))
    if raw := os.environ.get(WEEK_START_ENV):
        week_start = _week_start(raw, source=_Source(variable=WEEK_START_ENV), key="week_start")
    if raw := os.environ.get(PROFILE_ENV):
        profile = _name(raw, source=_Source(variable=PROFILE_ENV), key="profile")
    return Settings(
        week_start=week_start,
        profile=profile,
        review_window=float(window),
        passphrase_command=command,
        default_time=default_time,
        make_concepts=unknown_tags == "create",
    )


#: A config file longer than this is not a config file (and is not read whole).
MOST_BYTES = 1 << 20


def _read(path: Path) -> dict[str, object]:
    try:
        found = path.stat()
    except FileNotFoundError:  # the usual case: no file, and no TOML parser to load
        return {}
    except OSError as exc:
        raise ConnectlogError(
            messages.CONFIG_UNREADABLE.format(path=path, reason=exc.strerror)
        ) from exc
    if not stat.S_ISREG(found.st_mode):  # a FIFO would keep every command waiting
        raise ConnectlogError(messages.CONFIG_NOT_A_FILE.format(path=path))
    if found.st_size > MOST_BYTES:
        raise ConnectlogError(
            messages.CONFIG_TOO_BIG.format(path=path, size=found.st_size, most=MOST_BYTES)
        )
    import tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.loads(handle.read(MOST_BYTES + 1).decode("utf-8"))
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConnectlogError(
            messages.CONFIG_UNREADABLE.format(path=path, reason=exc.strerror)
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        reason = _shown(str(exc))
        raise ConnectlogError(messages.CONFIG_UNREADABLE.format(path=path, reason=reason)) from exc


@dataclass(frozen=True)
class _Source:
    """Where a value came from, as a message names it: the config file, or a variable."""

    path: Path | None = None
    variable: str | None = None

    def bad_value(self, key: str, value: object, choices: str) -> str:
        shown = _shown(str(value))
        if self.variable is not None:
            return messages.ENV_BAD_VALUE.format(name=self.variable, value=shown, choices=choices)
        return messages.CONFIG_BAD_VALUE.format(
            path=self.path, key=key, value=shown, choices=choices
        )

    def bad_type(self, key: str, *, expected: str) -> str:
        if self.variable is not None:
            return messages.ENV_BAD_TYPE.format(name=self.variable, expected=expected)
        return messages.CONFIG_BAD_TYPE.format(path=self.path, key=key, expected=expected)


def _clock_time(value: object, *, source: _Source) -> time:
    """``"HH:MM"``, as a 24-hour clock shows it."""
    if isinstance(value, str) and len(value) == 5 and value[2] == ":":
        try:
            return time.fromisoformat(value)
        except ValueError:
            pass
    raise ConnectlogError(
        source.bad_type("default_time", expected='a time of day such as "12:00" or "19:30"')
    )


def _week_start(value: object, *, source: _Source, key: str) -> int:
    if not isinstance(value, str):
        raise ConnectlogError(source.bad_value(key, value, "monday, sunday"))
    found = WEEK_STARTS.get(value.strip().casefold())
    if found is None:
        raise ConnectlogError(source.bad_value(key, value, "monday, sunday"))
    return found


def _name(value: object, *, source: _Source, key: str) -> str:
    """A profile's name from the file or the environment: text, short, no control character."""
    from connectlog.journal.vocab import NAME_LIMIT

    if not isinstance(value, str) or not value.strip():
        raise ConnectlogError(source.bad_type(key, expected="a name"))
    if any(unicodedata.category(char) == "Cs" for char in value):  # bytes that were not UTF-8
        raise ConnectlogError(source.bad_type(key, expected="a name in UTF-8"))
    expected = f"a name of at most {NAME_LIMIT} characters, without control characters"
    if len(value) > NAME_LIMIT or any(unicodedata.category(char) in ("Cc", "Cs") for char in value):
        raise ConnectlogError(source.bad_type(key, expected=expected))
    return value


def _shown(text: str) -> str:
    """``text`` safe in one line: bytes that are not UTF-8 and control characters escaped."""
    raw = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(
        char if unicodedata.category(char) != "Cc" else f"\\x{ord(char):02x}" for char in raw
    )
