"""Where the journal, its drafts and the config file live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from connectlog import messages
from connectlog.errors import ConnectlogError, InvalidInputError

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
    """``--db``, then ``CONNECTLOG_DB``, then ``CONNECTLOG_DATABASE_URL``, then the default.

    What names the journal is checked here, before anything opens it: a file
    name SQLite can open (UTF-8: SQLite takes no other), a URL SQLAlchemy can
    read (its driver: :func:`require_driver`, when it is opened).
    """
    if db_option is not None:
        if not db_option:
            raise InvalidInputError(messages.DB_EMPTY)
        return JournalLocation(path=_absolute(db_option, source="--db"))
    env_path = os.environ.get(DB_ENV)
    if env_path:
        return JournalLocation(path=_absolute(env_path, source=f"${DB_ENV}"))
    env_url = os.environ.get(URL_ENV)
    if env_url:
        return _from_url(env_url)
    return JournalLocation(path=user_data_dir() / "journal.db")


def _absolute(raw: str, *, source: str) -> Path:
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        shown = raw.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise InvalidInputError(messages.DB_NOT_UTF8.format(source=source, path=shown)) from None
    return Path(raw).expanduser().absolute()


def _from_url(raw: str) -> JournalLocation:
    """The journal ``$CONNECTLOG_DATABASE_URL`` names; one line if it cannot be reached.

    A SQLite URL naming a file is that file, checked as ``--db`` would be.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(raw)
    except (ArgumentError, ValueError):
        raise ConnectlogError(messages.URL_UNREADABLE.format(name=URL_ENV)) from None
    database = url.database or ""
    if url.get_backend_name() == "sqlite" and database not in ("", ":memory:") and not url.query:
        return JournalLocation(path=_absolute(database, source=f"${URL_ENV}"))
    return JournalLocation(url=raw)


def require_driver(location: JournalLocation) -> None:
    """Say in one line what to install when the database ``location`` names has no driver here.

    Checked when a journal is opened, not when it is only named (``db path``).
    """
    if location.url is None:
        return
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import NoSuchModuleError

    url = make_url(location.url)
    try:
        dialect = url.get_dialect()
    except NoSuchModuleError:
        raise ConnectlogError(
            messages.URL_UNKNOWN_DATABASE.format(name=URL_ENV, database=url.drivername)
        ) from None
    try:
        dialect.import_dbapi()
    except ImportError as exc:
        module = (exc.name or "").split(".")[0]
        package = _DRIVER_PACKAGES.get(module, module or url.drivername)
        raise ConnectlogError(
            messages.URL_DRIVER_MISSING.format(
                name=URL_ENV, database=url.drivername, module=module, package=package
            )
        ) from None


#: The package to install for a database driver whose module has another name.
_DRIVER_PACKAGES = {"psycopg2": "psycopg2-binary", "MySQLdb": "mysqlclient", "pymysql": "PyMySQL"}
