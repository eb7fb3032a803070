"""Every sentence connectlog says to a user, in one place."""


def count(number: int, one: str, many: str) -> str:
    """``1 entry``, ``2 entries``."""
    return f"{number} {one if number == 1 else many}"


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
MIGRATED = "Upgraded the journal to this version of connectlog; the old one is kept at {backup}."
MIGRATIONS_MISSING = "connectlog's migration scripts are missing from this installation."
UPGRADE_FAILED = (
    "The journal could not be brought up to this version of connectlog ({reason}); it is as it was."
)
UPGRADE_BACKUP = "A copy taken before trying is at {backup}."
BACKUP_FAILED = (
    "Could not copy the journal to {path} before upgrading it ({reason}). Nothing was changed."
)

# CLI plumbing
BUG = "connectlog hit a bug: {error}. Run again with --debug to see the traceback."
ABORTED = "Aborted; nothing was changed."

# reading input
WHEN_EMPTY = "Say when it happened, e.g. --when 'yesterday 8pm'."
WHEN_UNREADABLE = (
    "Cannot read the date '{raw}'; try 'yesterday 8pm', 'last friday', '2 days ago' "
    "or 2026-11-20T20:00."
)
WHEN_OUT_OF_RANGE = "'{raw}' is outside the dates connectlog can store; check the year."
WHEN_FUTURE = "'{raw}' is {when}, which is in the future; entries are about what has happened."
BAD_CHOICE = "Unknown {field} '{value}'; choose one of: {choices}."
BAD_RATING = "{field} must be 1 to 5, not {value}."
EMPTY_TEXT = "The entry has no text; nothing was saved."
TOUCH_NOT_EMOTIONAL = (
    "A touch makes a moment physical; drop --touch or use --kind physical or both."
)
BAD_NAME = (
    "'{name}' is not a valid {what} name; use letters, digits and hyphens, starting with a letter."
)

# concepts
UNKNOWN_CONCEPT = "No concept called '{name}'; {hint}"
DID_YOU_MEAN = "did you mean {names}? To make a new one: connectlog concepts add {name}"
SEE_CONCEPTS = "see them with 'connectlog concepts', or make it: connectlog concepts add {name}"
CONCEPT_EXISTS = "'{name}' is already taken by the concept {concept}."
CONCEPT_NAME_EXISTS = "There is already a concept called {name}; connectlog learn {name} shows it."

# people
EMPTY_PERSON = "A person's name cannot be empty."
UNKNOWN_PERSON = "No one called '{name}' in this journal; {hint}"
DID_YOU_MEAN_PERSON = "did you mean {names}?"
SEE_PEOPLE = "'connectlog people' lists everyone."
PERSON_EXISTS = (
    "{name} is already in the journal; to make {old} and {name} one person, "
    "use: connectlog people merge {args}"
)
MERGE_SAME = "{name} cannot be merged into themselves."

# entries
NO_ENTRY = "There is no entry {id}; 'connectlog list' shows the numbers."
BAD_CLEAR = "Cannot clear '{field}'; fields that can be cleared: {fields}."

# editor and prompt
NO_EDITOR = "No editor found; set $EDITOR (or $VISUAL) to the command of your editor."
EDITOR_UNREADABLE = "Cannot read ${variable} ({value}): {reason}; fix its quoting."
EDITOR_FAILED_START = "Cannot start the editor '{editor}' ({reason}); check $VISUAL and $EDITOR."
EDITOR_FAILED = "The editor '{editor}' exited with status {status}; nothing was saved."
DRAFT_KEPT = "Your text is kept in {path}."
PROMPT_NO_TEXT = "Write a few words."
PROMPT_BAD_RATING = "Give a number from 1 to 5, or leave it blank."
PROMPT_CONCEPTS = "Concepts: {names}"
SAVED = "Saved entry {id}."
UPDATED = "Updated entry {id}."
DELETED = "Deleted entry {id}."
NOT_DELETED = "Nothing was deleted."
CONFIRM_DELETE = "Delete entry {id} ({title})? This cannot be undone."
SHOWING = "Showing {shown} of {total} entries; --limit 0 shows them all."
NO_ENTRIES = "No entries match."
UNCHANGED = "Nothing changed; entry {id} is as it was."
CONCEPT_ADDED = "Added the concept {name}."
NO_PEOPLE = "No people yet; name them with --with or @Name when you add an entry."
RENAMED = "Renamed {old} to {new}."
MERGED = "Merged {source} into {target}, now in {count} entries."

# config
CONFIG_UNREADABLE = "Cannot read the config file {path}: {reason}."
CONFIG_UNKNOWN_KEY = "The config file {path} has an unknown key '{key}'; known keys: {keys}."
CONFIG_BAD_VALUE = "In the config file {path}, {key} = '{value}' is not one of: {choices}."

# profiles
UNKNOWN_PROFILE = "No profile called '{name}' in this journal; its profiles: {names}."

# patterns
ONE_PERIOD = "Choose one period: --week, --month, or --since/--until."
BAD_WEEK = "Cannot read the week '{raw}'; use an ISO week like 2026-W47, 'this' or 'last'."
BAD_MONTH = "Cannot read the month '{raw}'; use a month like 2026-11, 'this' or 'last'."
SINCE_AFTER_UNTIL = "--since {since} is after --until {until}."
BAD_WEEKS = "--weeks must be from 2 to {most}, not {value}."
BAD_YEAR = "--year must be from 1 to 9999, not {value}."
PROFILE_EXISTS = "There is already a profile called {name}."
ALIAS_TAKEN = "'{alias}' already names the profile {name}."
PROFILE_ADDED = "Added the profile {name}."
ALIAS_ADDED = "{alias} now names the profile {name}."
CONFIG_BAD_TYPE = "In the config file {path}, {key} must be {expected}."
NO_PROFILES = "No profiles yet; the first one is made when you add an entry."

# sharing
BUNDLE_BROKEN = "This is not a readable connectlog bundle ({reason}); nothing was imported."
BUNDLE_NOT_SHARE = "This file is not a connectlog share bundle; nothing was imported."
BUNDLE_VERSION = (
    "This bundle has version {version}, which this connectlog cannot read; "
    "upgrade connectlog. Nothing was imported."
)
BUNDLE_OWN = "This bundle is {name}'s own week from this journal; nothing was imported."
BUNDLE_CLASH = (
    "The bundle is from {name}, but {name} is already someone else in this journal; "
    "import it under another name with --name. Nothing was imported."
)
BUNDLE_FOREIGN_ENTRY = (
    "The bundle holds entry {uuid}, which this journal has from another writer; "
    "nothing was imported."
)
FILE_UNREADABLE = "Cannot read {path}: {reason}."
FILE_UNWRITABLE = "Cannot write {path}: {reason}."
OUTPUT_IS_JOURNAL = "{path} is the journal itself; write to another file."
EXPORTED = "Wrote {entries} to {path}, private ones too; keep it where only you can read it."
EXPORTED_NO_PRIVATE = "Wrote {entries} to {path}; private entries stay here."
BAD_FORMAT = "'{format}' is not a format connectlog writes; choose {formats}."
SHARED = "Wrote {entries} of {name}'s week {week} to {path}; private entries stay here."
IMPORTED = (
    "Imported {name}'s week {week}: {added} added, {updated} updated, "
    "{removed} removed, {unchanged} unchanged."
)

# reviews
BAD_OUTCOME = "An intention went 'done', 'partly' or 'not', not '{outcome}'."
NO_REVIEW = "There is no review of {week}; 'connectlog reviews' lists them."
NO_REVIEWS = "No reviews yet; sit down together and run connectlog review."
REVIEW_NEEDS_TERMINAL = (
    "connectlog review walks you through the week at a terminal; "
    "without one, use --markdown FILE or --json."
)
REVIEW_SAVED = "Saved the review of {week}."
AGENDA_WRITTEN = "Wrote the agenda of {week} to {path}."
PROMPT_OUTCOME = "Answer done, partly or not (or d, p, n), or leave it blank."
PROMPT_TOPIC = "Give a number from 1 to {count}, your own words, or leave it blank."
