"""Every sentence connectlog says to a user, in one place."""

# storage
CANNOT_OPEN = "Cannot open the journal at {path}: {reason}."
STORAGE_FAILED = "The journal could not be read or written ({reason}). Nothing was changed."
NOT_A_DATABASE = "{path} is not a connectlog journal (it is not a SQLite database)."
FOREIGN_DATABASE = (
    "{path} holds tables connectlog did not make; choose another file with --db or CONNECTLOG_DB."
)
NEWER_JOURNAL = (
    "This journal was written by a newer connectlog (schema {revision}); "
    "upgrade connectlog to open it."
)
MIGRATED = "Upgraded the journal to schema {revision}; a copy of the old one is at {backup}."
MIGRATIONS_MISSING = "connectlog's migration scripts are missing from this installation."

# CLI plumbing
BUG = "connectlog hit a bug: {error}. Run again with --debug to see the traceback."
ABORTED = "Aborted; nothing was changed."
