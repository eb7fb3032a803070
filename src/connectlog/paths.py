"""Where the journal, its drafts and the config file live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "connectlog"
DB_ENV = "CONNECTLOG_DB"
URL_ENV = "CONNECTLOG_DATABASE_URL"


def user_data_dir() -> Path:
    """The platform's per-user data folder for connectlog."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    """The platform's per-user config folder for connectlog."""
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class JournalLocation:
    """Where a journal lives: a SQLite file, or a full SQLAlchemy URL."""

    path: Path | None = None
    url: str | None = None

    @property
    def database_url(self) -> str:
        if self.url is not None:
            return self.url
        assert self.path is not None
        return f"sqlite:///{self.path}"

    @property
    def is_sqlite_file(self) -> bool:
        return self.path is not None

    def describe(self) -> str:
        """The file path, or the URL with any password hidden."""
        if self.path is not None:
            return str(self.path)
        assert self.url is not None
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    @property
    def drafts_dir(self) -> Path:
        base = self.path.parent if self.path is not None else user_data_dir()
        return base / "drafts"


def resolve_location(db_option: str | None = None) -> JournalLocation:
    """``--db``, then ``CONNECTLOG_DB``, then ``CONNECTLOG_DATABASE_URL``, then the default."""
    if db_option:
        return JournalLocation(path=_absolute(db_option))
    env_path = os.environ.get(DB_ENV)
    if env_path:
        return JournalLocation(path=_absolute(env_path))
    env_url = os.environ.get(URL_ENV)
    if env_url:
        return JournalLocation(url=env_url)
    return JournalLocation(path=user_data_dir() / "journal.db")


def _absolute(raw: str) -> Path:
    return Path(raw).expanduser().absolute()
