"""The optional config file: one TOML file in the platform config folder.

Every key is optional and connectlog works without the file. An environment
variable overrides a key where one is named below. A file that cannot be read
is an error that names the file, never silently ignored.

```toml
week_start = "sunday"      # or "monday" (the default); $CONNECTLOG_WEEK_START
profile = "Alex"           # who writes when --as names no one; $CONNECTLOG_PROFILE
review_window = 2          # hours apart two views of one moment may be (default 2)
```
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from connectlog import messages
from connectlog.errors import ConnectlogError

CONFIG_ENV = "CONNECTLOG_CONFIG"
WEEK_START_ENV = "CONNECTLOG_WEEK_START"
PROFILE_ENV = "CONNECTLOG_PROFILE"
WEEK_STARTS = {"monday": 0, "sunday": 6}
KEYS = ("week_start", "profile", "review_window")
DEFAULT_REVIEW_WINDOW = 2.0


@dataclass(frozen=True)
class Settings:
    """What the config file and environment say, with defaults for the rest."""

    week_start: int = WEEK_STARTS["monday"]  # 0 Monday, 6 Sunday, as date.weekday()
    profile: str | None = None  # None: the journal's own first profile
    review_window: float = DEFAULT_REVIEW_WINDOW  # hours


def config_path() -> Path:
    """``$CONNECTLOG_CONFIG``, else ``config.toml`` in the platform config folder."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    from connectlog.paths import user_config_dir

    return user_config_dir() / "config.toml"


def load_settings() -> Settings:
    """The settings from the config file (if any), then the environment."""
    path = config_path()
    values = _read(path)
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        raise ConnectlogError(
            messages.CONFIG_UNKNOWN_KEY.format(path=path, key=unknown[0], keys=", ".join(KEYS))
        )
    week_start = os.environ.get(WEEK_START_ENV) or values.get("week_start", "monday")
    profile = os.environ.get(PROFILE_ENV) or values.get("profile")
    if profile is not None and (not isinstance(profile, str) or not profile.strip()):
        raise ConnectlogError(
            messages.CONFIG_BAD_TYPE.format(path=path, key="profile", expected="a name")
        )
    window = values.get("review_window", DEFAULT_REVIEW_WINDOW)
    if isinstance(window, bool) or not isinstance(window, int | float) or not 0 < window <= 48:
        raise ConnectlogError(
            messages.CONFIG_BAD_TYPE.format(
                path=path, key="review_window", expected="a number of hours from 0 to 48"
            )
        )
    return Settings(
        week_start=_week_start(week_start, path=path),
        profile=profile,
        review_window=float(window),
    )


def _read(path: Path) -> dict[str, object]:
    if not path.exists():  # the usual case: no file, and no TOML parser to load
        return {}
    import tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConnectlogError(
            messages.CONFIG_UNREADABLE.format(path=path, reason=exc.strerror)
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConnectlogError(messages.CONFIG_UNREADABLE.format(path=path, reason=exc)) from exc


def _week_start(value: object, *, path: Path) -> int:
    key = str(value).strip().casefold()
    if key not in WEEK_STARTS:
        raise ConnectlogError(
            messages.CONFIG_BAD_VALUE.format(
                path=path, key="week_start", value=value, choices="monday, sunday"
            )
        )
    return WEEK_STARTS[key]
