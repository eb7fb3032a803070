"""Every sentence connectlog says to a user, in one place."""


def count(number: int, one: str, many: str) -> str:
    """``1 entry``, ``2 entries``."""
    return f"{number} {one if number == 1 else many}"


# storage
DB_EMPTY = "--db needs the journal's file name."
DB_NOT_UTF8 = (
    "{source} names '{path}', which is not valid UTF-8, and SQLite opens only files whose "
    "names are; rename the file or name another."
)
URL_UNREADABLE = (
    "${name} is not a database URL; give one like postgresql+psycopg://user@host/journal, "
    "or unset it to use a journal file."
)
URL_UNKNOWN_DATABASE = (
    "${name} names a database connectlog cannot speak to ('{database}'); "
    "PostgreSQL (postgresql+psycopg://...) and SQLite (sqlite:///FILE) are supported."
)
URL_DRIVER_MISSING = (
    "${name} names a '{database}' database, whose driver ({module}) is not installed: "
    "pip install {package}"
)
CANNOT_OPEN = "Cannot open the journal at {path}: {reason}."
STORAGE_FAILED = "The journal could not be read or written ({reason}). Nothing was changed."
NOT_A_DATABASE = "{path} is not a connectlog journal (it is not a SQLite database)."
JOURNAL_SWAPPED = (
    "{path} was encrypted by another connectlog while this command opened it; nothing was "
    "saved, run the command again."
)
FOREIGN_DATABASE = (
    "{path} holds tables connectlog did not make; choose another file with --db or CONNECTLOG_DB."
)
NEWER_JOURNAL = (
    "This journal was written by a newer connectlog (schema {revision}); "
    "upgrade connectlog to open it."
)
JOURNAL_NOT_A_FILE = (
    "{path} is {kind}, not a journal file; name a file with --db or CONNECTLOG_DB. "
    "Nothing was changed."
)
JOURNAL_LINK_TO_NOTHING = (
    "{path} is a link to a file that is not there; name the journal file itself "
    "with --db or CONNECTLOG_DB. Nothing was changed."
)
NOT_A_JOURNAL = (
    "{path} is not a connectlog journal: it is too short, or not the right length, "
    "to be a database. Nothing was changed in it."
)
FOREIGN_MARKED = (
    "{path} is another program's database (it is marked as one, though it holds no "
    "tables yet); choose another file with --db or CONNECTLOG_DB. Nothing was changed."
)
FOREIGN_REVISION = (
    "{path} is another program's database (its schema revision '{revision}' is not "
    "connectlog's); choose another file with --db or CONNECTLOG_DB. Nothing was changed."
)
JOURNAL_DAMAGED = (
    "The journal {path} is damaged ({reason}); nothing was changed, and nothing is written "
    "to it until it is sound again. 'connectlog doctor' shows what is wrong and the newest "
    "backup; 'connectlog restore FILE' puts a backup back."
)
MIGRATED = "Upgraded the journal to this version of connectlog; the old one is kept at {backup}."
MIGRATIONS_MISSING = "connectlog's migration scripts are missing from this installation."
UPGRADE_FAILED = (
    "The journal could not be brought up to this version of connectlog ({reason}); "
    "nothing was changed: it is still at schema {revision}."
)
UPGRADE_LEFT_AT = (
    "The journal could not be brought up to this version of connectlog ({reason}) "
    "and is at schema {now}, not {was} as before; restore the copy taken before trying."
)
UPGRADE_STATE_UNKNOWN = (
    "The journal could not be brought up to this version of connectlog ({reason}), "
    "and its schema cannot be read now ({error})."
)
SETUP_FAILED = "The new journal could not be set up ({reason}); nothing was written to it."
UPGRADE_BACKUP = "A copy taken before trying is at {backup}."
UPGRADE_BROKE_LINKS = (
    "the upgrade would leave {count} in {table} pointing at rows that are not there"
)
BACKUP_FAILED = (
    "Could not copy the journal to {path} before upgrading it ({reason}). Nothing was changed."
)

# CLI plumbing
BUG = "connectlog hit a bug: {error}. Run again with --debug to see the traceback."
ABORTED = "Aborted; nothing was changed."
FILE_FAILED = "Cannot use {path}: {reason}."

# reading input
NOT_UTF8 = "{what} is not valid UTF-8 text ('{text}'); connectlog reads and keeps text as UTF-8."
INPUT_NOT_A_FILE = "{path} is {kind}, not a file or a folder; connectlog reads only those."
NAME_NUL = "A file name holds a NUL character, which no file name can hold."
ARGUMENT_NUL = "{option} holds a NUL character, which no text or file name can hold."
STDIN_NOT_UTF8 = (
    "What came on stdin is not valid UTF-8 text (at byte {at}: '{text}'); nothing was saved."
)
WHEN_EMPTY = "Say when it happened, e.g. --when 'yesterday 8pm'."
WHEN_UNREADABLE = (
    "Cannot read the date '{raw}'; try 'yesterday 8pm', 'last friday', '2 days ago' "
    "or 2026-11-20T20:00."
)
WHEN_OUT_OF_RANGE = "'{raw}' is outside the dates connectlog can store; check the year."
WHEN_NO_SUCH_TIME = (
    "'{raw}' holds '{clock}', which no clock shows; try 'yesterday 8pm', '20:15' or '8:15am'."
)
WHEN_TOO_EARLY = "'{raw}' is {when}, before 1970; connectlog keeps moments from 1970 on."
WHEN_FUTURE = "'{raw}' is {when}, which is in the future; entries are about what has happened."
BAD_CHOICE = "Unknown {field} '{value}'; choose one of: {choices}."
BAD_RATING = "{field} must be 1 to 5, not {value}."
TEXT_TOO_LONG = "The text is {length:,} characters long; an entry holds at most {limit:,}."
TEXT_CONTROL = (
    "The text holds the control character {code}, which an entry cannot keep "
    "(newlines and tabs it can); nothing was saved."
)
STDIN_TOO_LONG = (
    "The text on stdin is longer than {limit:,} characters, more than an entry holds "
    "({entry:,} at most); nothing was saved."
)
NAME_TOO_LONG = "{what} holds at most {limit:,} characters, not {length:,}."
PERSON_NAME = "A person's name"
CONCEPT_NAME = "A concept's name"
CONCEPT_ALIAS = "A concept's alias"
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
CONCEPT_MISSING = "No concept called '{name}'{closest}."
CONCEPT_CLOSEST = "; closest: {names}"
MAKE_CONCEPT = "Make the concept '{name}'?"
SYSTEMS_NAMING = (
    "'{word}' is not a concept; the systems of these {count} name it "
    "(connectlog learn NAME explains one):"
)
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
AS_TWICE = "--as names {before} before the command and {after} after it: give one."
ON_WITH_SPAN = "--on is one day: give it, or --since and --until, not both."
NO_SUCH_COMMAND = "There is no command '{name}'; 'connectlog --help' lists them."
NO_ENTRIES_NUMBERED = (
    "There are no entries numbered {first} to {last}; 'connectlog list' shows the numbers."
)
BAD_ENTRY_NUMBER = "'{word}' is neither an entry's number nor a range of them, such as 3-7."
BAD_CLEAR = "Cannot clear '{field}'; fields that can be cleared: {fields}."

# editor and prompt
NO_EDITOR = "No editor found; set $EDITOR (or $VISUAL) to the command of your editor."
EDITOR_UNREADABLE = "Cannot read ${variable} ({value}): {reason}; fix its quoting."
EDITOR_FAILED_START = "Cannot start the editor '{editor}' ({reason}); check $VISUAL and $EDITOR."
EDITOR_FAILED = "The editor '{editor}' exited with status {status}; nothing was saved."
EDITOR_NO_FILE = (
    "Cannot make the file to write in for the editor in {folder} ({reason}); "
    "nothing was typed or saved."
)
DRAFT_KEPT = "Your text is kept in {path}."
DRAFT_KEPT_ELSEWHERE = (
    "Your text could not be kept in {folder} ({reason}), so it is kept in {path}."
)
DRAFT_SHOWN = (
    "Your text could not be kept in {folder} ({reason}) nor in {spare} ({spare_reason}), "
    "so it is written above in full, between '{start}' and '{end}': copy it from there."
)
DRAFT_NO_SPARE = "a temporary folder"
TEXT_SHOWN_START = "----- your text, not saved -----"
TEXT_SHOWN_END = "----- end of your text -----"
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
ENV_BAD_VALUE = "${name} is '{value}', which is not one of: {choices}."
ENV_BAD_TYPE = "${name} must be {expected}."
CONFIG_NOT_A_FILE = "The config file {path} is not a regular file; point $CONNECTLOG_CONFIG at one."
CONFIG_TOO_BIG = (
    "The config file {path} is {size:,} bytes long; a config file holds at most {most:,}."
)

# profiles
UNKNOWN_PROFILE = "No profile called '{name}' in this journal; its profiles: {names}."

# patterns
PERIOD_OUT_OF_RANGE = (
    "'{raw}' reaches past the dates connectlog can count (years 1 to 9999, with the "
    "period before it); choose a later or an earlier one."
)
ONE_PERIOD = "Choose one period: --week, --month, or --since/--until."
BAD_WEEK = "Cannot read the week '{raw}'; use an ISO week like 2026-W47, 'this' or 'last'."
BAD_MONTH = "Cannot read the month '{raw}'; use a month like 2026-11, 'this' or 'last'."
SINCE_AFTER_UNTIL = "--since {since} is after --until {until}."
AUTHOR_OR_TOGETHER = "Choose --author (one writer's moments) or --together (everyone's), not both."
BAD_WEEKS = "--weeks must be from 2 to {most}, not {value}."
BAD_YEAR = "--year must be from 1 to 9999, not {value}."
PROFILE_EXISTS = "There is already a profile called {name}."
ALIAS_TAKEN = "'{alias}' already names the profile {name}."
PROFILE_ADDED = "Added the profile {name}."
ALIAS_ADDED = "{alias} now names the profile {name}."
PROFILE_NAME_CONTROL = "A profile's name cannot hold control characters (such as ESC or BEL)."
PROFILE_NAME_TOO_LONG = "A profile's name holds at most {limit} characters, not {length}."
PROFILE_RENAMED = "Renamed the profile {old} to {new}; its entries, aliases and reviews follow."
PROFILE_RENAMED_PARTNER = (
    "Renamed {old} to {new} in this journal; their bundles still land under this profile."
)
PROFILE_SAME_NAME = "The profile is already called {name}; nothing changed."
PROFILE_WROTE = "wrote {entries}"
PROFILE_REVIEWED = "took part in {reviews}"
PROFILE_IN_USE = (
    "{name} {what}; to remove the profile, give its entries and reviews "
    "to another of your profiles with --reassign NAME."
)
PARTNER_IN_USE = (
    "{name} is a partner's profile and {what}; to remove their entries with it, "
    "add --with-entries (a newer bundle from them brings them back)."
)
REASSIGN_SAME = "{name} cannot be reassigned to themselves; name another profile."
REASSIGN_PARTNER = (
    "{name} is a partner's profile: entries belong to their author, so none move to or from it."
)
WITH_ENTRIES_OWN = (
    "--with-entries is for a partner's profile; {name} is yours: move its entries "
    "with --reassign NAME, or delete them with connectlog delete."
)
REASSIGN_OR_WITH = "Choose --reassign or --with-entries, not both."
PROFILE_REMOVED = "Removed the profile {name}."
PROFILE_REMOVED_MOVED = "Moved {what} from {name} to {target}, and removed the profile {name}."
PROFILE_REMOVED_WITH = "Removed the profile {name} and its {entries}."
PROFILE_NEW_DEFAULT = "{name} now writes when no profile is named."
DEFAULT_PROFILE_GONE = (
    "{source} names {name} as the profile to write as; change it, "
    "or commands without --as will fail."
)
DEFAULT_PROFILE_RENAMED = "{source} still names {old} as the profile to write as; set it to {new}."
PROFILE_SOURCE_ENV = "$CONNECTLOG_PROFILE"
PROFILE_SOURCE_CONFIG = "The config file {path}"
FIRST_RUN = "A new journal: your entries and reviews carry your name."
FIRST_RUN_QUESTION = "Your name"
CONFIG_BAD_TYPE = "In the config file {path}, {key} must be {expected}."
NO_PROFILES = "No profiles yet; the first one is made when you add an entry."

# a record from someone else's file (a bundle now; imports later), refused whole
RECORD_REFUSED = "{where}: {problem} Nothing was imported."
FIELD_MISSING = "{field} is missing."
FIELD_UNKNOWN = "'{field}' is not a field connectlog knows."
FIELD_EMPTY = "{field} is empty."
FIELD_TOO_LONG = "{field} is longer than {limit:,} characters."
FIELD_TYPE = "{field} must be {expected}, not {value}."
FIELD_TIME = (
    "{field} must be a time with its UTC offset, like 2026-11-22T20:00:00+01:00, not {value}."
)
FIELD_DATE = "{field} must be a date like 2026-11-22, not {value}."
FIELD_UUID = "{field} must be a uuid like 0b6f3a52-3c1e-4d55-9a53-0f4b3bb1c001, not {value}."
FIELD_WEEK = "{field} must be a week like 2026-W47, not {value}."
FIELD_INVALID = "{field} is not valid ({reason})."

# schemas
UNKNOWN_DOCUMENT = "'{kind}' is not a document connectlog prints; choose one of: {types}."

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
RAW_IS_FOR_CSV = "--raw is for CSV (JSON is always exact), not {format}."
NOTHING_TO_SHARE = "No one has written in this journal yet, so there is no week to share."
SHARED = "Wrote {entries} of {name}'s {span} to {path}; private entries stay here."
IMPORTED = (
    "Imported {name}'s {span}: {added} added, {updated} updated, "
    "{removed} removed, {unchanged} unchanged{more}."
)
IMPORTED_RESTORED = "; {count} changed here put back as {name} wrote"
IMPORTED_REVIEWS = "; {reviews} merged"
SPAN_WEEK = "week {label}"
SPAN_DAYS = "entries from {start} to {end}"
PARTNERS_ENTRY = (
    "Entry {id} is {name}'s: it came in their bundle, and only {name} can change it, "
    "in their own journal."
)
PARTNER_WRITES = "{name}'s entries come in their bundles; no one writes as {name} in this journal."
BAD_SPAN = "Choose one of --week, --weeks and --since."
BAD_SHARE_WEEKS = "--weeks takes a number of weeks from 1 to {most}, not {value}."
# a bundle is someone else's file: what its records may not hold
FIELD_OUTSIDE_SPAN = (
    "it is dated {day} and was not changed in the span the bundle claims ({start} to {end})."
)
FIELD_FUTURE = "{field} is in the future ({value})."
FIELD_ANCIENT = "{field} is before 1970 ({value})."
FIELD_OFFSET = "{field} has a UTC offset beyond 14 hours ({value})."
FIELD_BEFORE_CREATED = "updated_at ({updated}) is before created_at ({created})."
FIELD_DUPLICATE = "uuid {uuid} appears twice in the bundle."
FIELD_CONTROL = "{field} holds a control character or half a character ({code})."
FIELD_SPAN = "the span ends ({end}) before it starts ({start})."

# reviews
BAD_OUTCOME = "An intention went 'done', 'partly' or 'not', not '{outcome}'."
NO_REVIEW = "There is no review of {week}; 'connectlog reviews' lists them."
NO_REVIEWS = "No reviews yet; sit down together and run connectlog review."
REVIEW_NEEDS_TERMINAL = (
    "connectlog review walks you through the week at a terminal; "
    "without one, use --markdown FILE or --json."
)
REVIEW_SAVED = "Saved the review of {week}."
REVIEW_LINE_TOO_LONG = (
    "An answer of the review ({section}) is longer than {limit:,} characters, more than a "
    "partner's connectlog takes in; nothing was saved."
)
AGENDA_WRITTEN = "Wrote the agenda of {week} to {path}."
PROMPT_OUTCOME = "Answer done, partly or not (or d, p, n), or leave it blank."
PROMPT_TOPIC = "Give a number from 1 to {count}, your own words, or leave it blank."
PROMPT_YES_NO = "Answer y or n (Enter for no)."
REVIEW_AGAIN = (
    "You reviewed {week} before: each step shows what was said. Enter keeps it, what you "
    "type adds to it, and a line is changed or taken back only when you say so."
)
REVIEW_RESUME = "Go on from where the review of {week} stopped on {when} ({count} answers)?"
REVIEW_DRAFT_STAYS = "The draft stays in {path}."
REVIEW_DRAFT_UNREADABLE = (
    "A draft of this review in {path} cannot be gone on from; it stays there as it is."
)
REVIEW_DRAFT_HOLDS = "It holds:"
REVIEW_LEFT_OVER = (
    "Some answers in the draft were not asked for this time; they are kept in {path}."
)
REVIEW_LEFT_OVER_ELSEWHERE = "Some answers in the draft were not asked for this time. {where}"

# importing a Day One export (journal/imports/dayone.py): someone else's file, refused whole
DAYONE_NO_JOURNALS = (
    "{path} is not a Day One export: it holds no journal file (such as Journal.json). "
    "Nothing was imported."
)
DAYONE_NOT_JOURNAL = (
    "{name} is not a Day One journal (it has no metadata and entries). Nothing was imported."
)
DAYONE_VERSION = (
    "{name} is a Day One export of version {version}, which this connectlog cannot read. "
    "Nothing was imported."
)
DAYONE_TOO_BIG = (
    "The journals in {path} hold more than {limit} MiB of text, more than connectlog reads "
    "from one Day One export. Nothing was imported."
)
DAYONE_TOO_MANY = (
    "{path} says it holds more than {limit} files, more than connectlog reads from one "
    "Day One export. Nothing was imported."
)
DAYONE_BAD_NAME = (
    "{path} holds a file named {name}, which no Day One export has "
    "(it reaches outside the export or holds a control character). Nothing was imported."
)
DAYONE_LINK = (
    "{name} in {path} is a link; connectlog does not follow links in an export. "
    "Nothing was imported."
)
DAYONE_NOT_FILE = "{name} in {path} is not a regular file. Nothing was imported."
DAYONE_TWICE = "{path} holds {name} twice. Nothing was imported."
DAYONE_UNREADABLE = "Cannot read {name} in {path}: {reason}. Nothing was imported."
DAYONE_NOT_UTF8 = (
    "{name} is not UTF-8 text (byte 0x{byte:02x} at position {position:,}). Nothing was imported."
)
DAYONE_BAD_JSON = "{name} is not valid JSON ({reason}). Nothing was imported."
DAYONE_JSON_DEEP = "nested too deep"
DAYONE_JSON_NUMBER = "it holds a number with thousands of digits"
DAYONE_UUID = "Day One's uuids are 32 hexadecimal characters, not {value}"
DAYONE_DUPLICATE = "uuid {uuid} appears twice in the export (entry {number} of {name} has it too)."
DAYONE_TEXT_TOO_LONG = (
    "the text is longer than {limit:,} characters, the most a connectlog entry holds."
)
#: The text of an imported entry that had no words in Day One (its date, tags and star are kept).
DAYONE_NO_TEXT = "(A Day One entry without text.)"
DAYONE_ONLY_ATTACHMENTS = "(A Day One entry without text: {attachments}, not imported.)"
DAYONE_ATTACHMENTS = {
    "photos": ("photo", "photos"),
    "videos": ("video", "videos"),
    "audios": ("audio recording", "audio recordings"),
    "pdfAttachments": ("PDF", "PDFs"),
}

# backup and restore (storage/backup.py, cli/backup.py)
NOT_A_FILE_JOURNAL = (
    "The journal is at {url}, not in a SQLite file; back up and restore it with the "
    "database's own tools."
)
NO_JOURNAL_YET = "There is no journal at {path} yet, so there is nothing to back up."
BACKED_UP = "Backed up the journal ({entries}) to {path}."
BACKUPS_REMOVED = "Removed {count} older than the last {keep}."
BACKUP_NOT_WRITTEN = "Could not back up the journal to {path} ({reason}). Nothing was changed."
BACKUP_NEEDS_FILE = "backup writes a file, not stdout; give -o FILE or leave -o out."
BACKUP_CHECK_FAILED = (
    "The backup did not read back whole ({reason}); nothing was written to {path}. "
    "Run connectlog doctor."
)
JOURNAL_NOT_OURS = "{path} is not a connectlog journal ({reason}); it was not changed."
RESTORE_IS_JOURNAL = "{path} is the journal itself; restore from a backup or another file."
RESTORE_NOT_SQLITE = "{path} is not a SQLite database; nothing was restored."
RESTORE_NOT_OURS = "{path} is not a connectlog journal ({reason}); nothing was restored."
RESTORE_DAMAGED = "{path} failed SQLite's integrity check ({reason}); nothing was restored."
RESTORE_NEWER = (
    "{path} was written by a newer connectlog (schema {revision}); upgrade connectlog "
    "to restore it. Nothing was restored."
)
RESTORE_NOT_UPGRADED = (
    "{path} could not be brought up to this version of connectlog ({reason}); nothing was restored."
)
RESTORE_OVER_FOREIGN = (
    "{path} is not a connectlog journal ({reason}); restore will not write over it. "
    "Move it away or choose another journal with --db."
)
RESTORE_FAILED = "Could not restore {path} ({reason}); the journal is as it was."
RESTORED = "Restored the journal from {source} ({entries}){upgraded}."
RESTORED_UPGRADED = ", upgraded from schema {revision}"
RESTORED_KEPT = "The journal it replaced is kept at {kept}."
# why a file is not a connectlog journal
NOT_OURS_NO_VERSION = "it has no schema version"
NOT_OURS_VERSION = "its schema version is {revision!r}"
NOT_OURS_MISSING = "it lacks the {kind} {name}"
NOT_OURS_EXTRA = "it has {kind} {name} that connectlog never makes"
NOT_OURS_CHANGED = "its {kind} {name} is not as connectlog makes it"
NOT_OURS_FOREIGN = "it holds tables connectlog did not make"
NOT_OURS_NOT_SQLITE = "it is not a SQLite database"

# importing jrnl's files (journal/imports/jrnl.py): someone else's file, refused whole
JRNL_SOURCE = "the jrnl file"
JRNL_UNREADABLE = "Cannot read the jrnl file {path}: {reason}. Nothing was imported."
JRNL_NOT_UTF8 = (
    "The jrnl file is not UTF-8 text (byte 0x{byte:02x} at position {position:,}). "
    "Nothing was imported."
)
JRNL_BAD_JSON = "The jrnl file is not valid JSON ({reason}). Nothing was imported."
JRNL_NOT_JOURNAL = (
    "The jrnl file does not start with an entry like '[2026-11-22 08:00 PM] Title' "
    "(line {line}); an encrypted journal must be decrypted first (jrnl --decrypt), and "
    "`jrnl --format json` exports any journal. Nothing was imported."
)
JRNL_ON_LINE = "{where} (line {line:,})"
JRNL_TEXT = "the text"
JRNL_TAG_TOO_LONG = "the tag {tag} is longer than {limit:,} characters."
JRNL_DATE = "date"
JRNL_TIME = "not a time of day like 20:15: {value}"
JRNL_JSON_DEEP = "nested too deep"
JRNL_JSON_NUMBER = "it holds a number with thousands of digits"
JRNL_JSON_AFTER = "there is more after the end of the document"
JRNL_JSON_TWICE = "the key {key!r} appears twice"
JRNL_JSON_EXPECTED = "expecting {what}"
JRNL_JSON_CONSTANT = "{name} is not a JSON value"
JRNL_TAG = "not a tag like #trust: {value}"

# importing (journal/imports/): the import command, connectlog's own export read back
IMPORT_SOURCE = "the file"
IMPORT_BAD_FORMAT = "'{format}' is not a format connectlog imports; choose {formats}."
IMPORT_UNKNOWN_FORMAT = (
    "Cannot tell what {path} is: not a connectlog export, a jrnl journal or a Day One "
    "export. Name its format with --format ({formats}). Nothing was imported."
)
IMPORT_IS_BUNDLE = (
    "{path} is a share bundle, not an export; take it in with: connectlog share import {path}"
)
IMPORT_NOT_EXPORT = (
    "This file is not a connectlog export (its type is {type}); nothing was imported."
)
IMPORT_VERSION = (
    "This export has version {version}, which this connectlog cannot read; "
    "upgrade connectlog. Nothing was imported."
)
IMPORT_BROKEN = "This is not a readable connectlog export ({reason}); nothing was imported."
IMPORT_NESTED = "nested too deep"
IMPORT_COUNT = "count says {count}, but {found} follow."
IMPORT_DUPLICATE = "uuid {uuid} appears twice in the file."
IMPORT_NAME_TWICE = "{name} appears twice in the file."
IMPORT_UNKNOWN_AUTHOR = "author {name} is not one of the file's profiles."
IMPORT_UNKNOWN_PARTICIPANT = "{name} is not one of the file's profiles."
IMPORT_PROFILE_CLASH = (
    "the profile {name} is someone else in this journal; rename one of them first "
    "(connectlog profile rename)."
)
IMPORT_ALIAS_CLASH = "'{alias}' already names {name} in this journal."
IMPORT_CONCEPT_CLASH = "'{name}' already finds the concept {concept} in this journal."
IMPORT_FOREIGN_ENTRY = "entry {uuid} is another writer's in this journal."
IMPORT_AHEAD = "{field} is in the future ({value})."
# another program's tags
IMPORT_BAD_MAP = "--map takes TAG=CONCEPT, like --map work=communication, not '{value}'."
IMPORT_MAP_NO_CONCEPT = "--map {tag}={concept}: {problem}"
IMPORT_UNKNOWN_TAGS = (
    "{tags} {are} no concept here. Map each with --map TAG=CONCEPT (--map {first}=trust), "
    "or make them concepts with --create-concepts. Nothing was imported."
)
IMPORT_TAG_NOT_A_NAME = (
    "The tag '{tag}' cannot be a concept's name; map it to one with --map '{tag}=CONCEPT'. "
    "Nothing was imported."
)
IMPORT_TOO_MANY_TAGS = "{shown} and {more} more"
# what an import did
IMPORTED_ENTRIES = "Imported {entries} from {path} ({format}){writer}{more}."
IMPORTED_AS = " as {writer}"
IMPORTED_UPDATED = "{count} updated"
IMPORTED_UNCHANGED = "{count} already here"
IMPORTED_REMOVED = "{count} removed (taken back since)"
IMPORTED_DUPLICATES = "{count} twice in the file, kept once"
IMPORTED_EMPTY = "{count} without text not imported"
IMPORTED_LEFT_BEHIND = "{count} left behind (photos and other attachments)"
IMPORTED_CREATED = "new concepts: {names}"
IMPORTED_NEW = "new here: {parts}"
IMPORTED_MERGED = "{count} merged"
WOULD_IMPORT = (
    "Would import {entries} of {total} from {path} ({format}){writer}; nothing was changed."
)
WOULD_LINE = "  {label}: {value}"
WOULD_UNKNOWN = "unknown tags"
WOULD_UNKNOWN_HINT = "{tags} (map with --map TAG=CONCEPT, or --create-concepts)"
WOULD_MAPPED = "mapped tags"
WOULD_CREATED = "concepts it would make"
WOULD_PEOPLE = "tags that are people (@mentions)"
WOULD_LABELS = {
    "updated": "newer in the file, updated",
    "unchanged": "already here",
    "removed": "removed here (taken back since)",
    "duplicates": "twice in the file, kept once",
    "empty": "without text, not imported",
    "left_behind": "attachments left behind",
    "new_profiles": "new profiles",
    "new_people": "new people",
    "new_concepts": "new concepts",
    "reviews": "reviews merged",
}

# doctor (journal/doctor.py, storage/doctor.py): each finding, then what to do
DOCTOR_NO_JOURNAL = "There is no journal at {path} yet, so there is nothing to check."
DOCTOR_NOT_A_FILE = (
    "connectlog doctor checks a journal file; this journal is at {url}, whose server keeps it."
)
DOCTOR_UNREADABLE = (
    "{path} cannot be read as a journal ({reason}): it is damaged, or not a journal at all."
)
DOCTOR_RESTORE = "Restore the newest backup: connectlog restore {backup}"
DOCTOR_NO_BACKUP = "There is no backup to restore it from; keep the file as it is."
DOCTOR_SOUND = "SQLite finds the journal sound (integrity_check)."
DOCTOR_DAMAGED = "The journal is damaged: {first} ({problems} in all, from integrity_check)."
DOCTOR_DAMAGED_TODO = (
    "Copy out what still reads (connectlog export -o FILE), then restore the newest backup: "
    "connectlog restore {backup}"
)
DOCTOR_DAMAGED_NO_BACKUP = (
    "Copy out what still reads (connectlog export -o FILE) and keep the damaged file; "
    "there is no backup to restore."
)
DOCTOR_LINKS_OK = "Every row points at rows that are there (foreign_key_check)."
DOCTOR_LINKS_BROKEN = "{count} point at rows that are not there: {detail} (foreign_key_check)."
DOCTOR_LINK = "{count} in {table} (to {parent})"
DOCTOR_LINKS_TODO = (
    "doctor does not remove rows: restore a backup from before they appeared "
    "(connectlog restore FILE), or remove them with sqlite3 (PRAGMA foreign_key_check lists them)."
)
DOCTOR_INDEX_OK = "The search index holds every entry and nothing else."
DOCTOR_NO_INDEX = (
    "There is no search index (the SQLite that made the journal had no FTS5); "
    "search reads every entry."
)
DOCTOR_INDEX_ORPHANS = (
    "The search index is out of step with the entries: {orphans} of entries that are gone, "
    "{missing} missing."
)
DOCTOR_INDEX_TODO = "connectlog doctor --fix makes it again from the entries."
DOCTOR_INDEX_REBUILT = "Made the search index again from the entries."
DOCTOR_NO_TRIGGERS = "The triggers that keep the search index in step with the entries are missing."
DOCTOR_NO_TRIGGERS_TODO = (
    "An upgrade lost them: restore the copy taken before it (connectlog restore FILE), "
    "and report this as a bug."
)
DOCTOR_SCHEMA_OK = "The journal is at schema {revision}, this connectlog's."
DOCTOR_SCHEMA_NEW = "The journal has not been made yet; the first command makes it."
DOCTOR_SCHEMA_BEHIND = "The journal is at schema {revision}; this connectlog uses {head}."
DOCTOR_SCHEMA_BEHIND_TODO = "Any command upgrades it, keeping a copy first: connectlog list"
DOCTOR_SCHEMA_FAILED_TODO = (
    "An upgrade was tried and failed (its copy is {backup}); connectlog list tries again "
    "and says why."
)
DOCTOR_SCHEMA_NEWER = "The journal was written by a newer connectlog (schema {revision})."
DOCTOR_SCHEMA_NEWER_TODO = "Upgrade connectlog to open it."
DOCTOR_PRIVATE = "The journal, its files and its folders are yours only."
DOCTOR_OPEN = "Others can read or see into {paths}."
DOCTOR_OPEN_TODO = "connectlog doctor --fix makes them yours only (files 0600, folders 0700)."
DOCTOR_SHARED_FOLDER_TODO = (
    "{folder} holds files that are not connectlog's, so doctor leaves it: "
    "chmod 700 it if nothing in it needs sharing, or move the journal to a folder of its own."
)
DOCTOR_MADE_PRIVATE = "Made yours only: {paths}."
DOCTOR_NOT_FIXED = "Could not change {path}: {reason}."
DOCTOR_NO_LEFTOVERS = "No temporary files are left behind."
DOCTOR_LEFTOVERS = (
    "{count} left behind by a connectlog that was stopped (they may hold the whole journal): "
    "{paths}."
)
DOCTOR_LEFTOVERS_TODO = "connectlog doctor --fix removes them."
DOCTOR_REMOVED = "Removed {paths}."
DOCTOR_BACKUPS = "{count} in {folder}, the newest {newest}."
DOCTOR_NO_BACKUPS = "No backups yet."
DOCTOR_NO_BACKUPS_TODO = "connectlog backup makes one (it keeps the last ten)."
DOCTOR_OLD_BACKUPS = "{count} beyond the newest ten in {folder}: {paths}."
DOCTOR_OLD_BACKUPS_TODO = "connectlog doctor --fix removes them."
DOCTOR_UPGRADE_COPY = "A copy of the journal from before an upgrade is kept at {path}."
DOCTOR_UPGRADE_COPY_TODO = "Remove it once you are sure of the upgraded journal."
DOCTOR_OLD_UPGRADE_COPIES = "{count} from before upgrades more than {days} days ago: {paths}."
DOCTOR_OLD_UPGRADE_COPIES_TODO = "connectlog doctor --fix removes them; the journal is past them."
DOCTOR_NO_DRAFTS = "No drafts: everything typed was saved."
DOCTOR_DRAFTS = "{count} of text that could not be saved, in {folder}: {paths}."
DOCTOR_DRAFTS_TODO = (
    "Read each: connectlog add < FILE saves one as an entry; delete it once it is saved."
)
DOCTOR_REVIEW_DRAFTS = "{count} of reviews that stopped: {paths}."
DOCTOR_REVIEW_DRAFTS_TODO = "connectlog review --week WEEK offers to go on from the latest."
DOCTOR_STRANGE_DRAFTS = "{count} in {folder} that connectlog did not write: {paths}."
DOCTOR_STRANGE_DRAFTS_TODO = "doctor leaves them; look at them, and remove what is not yours."
DOCTOR_ALL_WELL = "All is well."
DOCTOR_ATTENTION = "{count} {verb} attention."
DOCTOR_CAN_FIX = "connectlog doctor --fix sees to {count}."
IMPORT_NATIVE_TAGS = (
    "--map and --create-concepts decide another program's tags; a connectlog export "
    "brings its own concepts."
)
EXPORTING = "Exporting"

# encryption (storage/cipher.py, storage/encryption.py, journal/passphrase.py)
ENCRYPTED_NEEDS_EXTRA = (
    "{path} is not plain SQLite: it is encrypted (or damaged), and this connectlog cannot "
    "open encrypted journals: pip install 'connectlog[encrypted]'"
)
ENCRYPTION_NEEDS_EXTRA = (
    "Encrypting a journal needs SQLCipher, which this connectlog was installed without: "
    "pip install 'connectlog[encrypted]'"
)
NEEDS_EXTRA_REASON = "this connectlog cannot open one (pip install 'connectlog[encrypted]')"
WRONG_PASSPHRASE = "Wrong passphrase for {path} (or the file is damaged); nothing was changed."
WRONG_PASSPHRASE_REASON = "the passphrase given does not open it"
PASSPHRASE_NEEDED = (
    "{path} is not plain SQLite: it is encrypted (or damaged), and there is no terminal to "
    "ask its passphrase at: set CONNECTLOG_PASSPHRASE_FILE to a file holding it, or "
    "passphrase_command in the config file."
)
PASSPHRASE_NEEDED_REASON = (
    "there is no terminal to ask its passphrase at (set CONNECTLOG_PASSPHRASE_FILE, or "
    "passphrase_command in the config file)"
)
DOCTOR_LOCKED = (
    "{path} cannot be read: it is not plain SQLite, so it is encrypted and {reason}, "
    "or it is damaged."
)
RESTORE_LOCKED = (
    "{path} is not a SQLite database, or it is an encrypted one and {reason}; nothing was restored."
)
NEW_PASSPHRASE_NEEDED = (
    "There is no terminal to ask the new passphrase at: set {variable} to a file holding it."
)
PASSPHRASE_PROMPT = "Passphrase for {path}: "
NEW_PASSPHRASE_PROMPT = "New passphrase for {path}: "
REPEAT_PASSPHRASE_PROMPT = "The same passphrase again: "
PASSPHRASES_DIFFER = "The two passphrases differ; nothing was changed."
PASSPHRASE_EMPTY = "A passphrase cannot be empty; nothing was changed."
PASSPHRASE_SAME = "That is the passphrase the journal has already; nothing was changed."
PASSPHRASE_FILE_MISSING = "{variable} names {path}, which does not exist; nothing was changed."
PASSPHRASE_FILE_UNREADABLE = "Cannot read {variable} {path}: {reason}; nothing was changed."
PASSPHRASE_FILE_EMPTY = "The first line of {variable} {path} is empty; nothing was changed."
PASSPHRASE_COMMAND_BAD = (
    "In the config file {path}, passphrase_command cannot be read as a command ({reason})."
)
PASSPHRASE_COMMAND_FAILED = "passphrase_command '{command}' failed: {reason}; nothing was changed."
PASSPHRASE_COMMAND_STATUS = "it exited with status {status}"
PASSPHRASE_COMMAND_EMPTY = "its first line of output is empty"
PASSPHRASE_COMMAND_NOT_UTF8 = "its output is not UTF-8"
PASSPHRASE_NOT_UTF8 = "it is not UTF-8"
ENCRYPTION_NEEDS_FILE = (
    "The journal is a database server's ({url}); init, encrypt, decrypt and passphrase "
    "are for a journal file."
)
INIT_EXISTS = (
    "{path} exists already; init makes a journal only where there is none. Nothing was changed."
)
NO_JOURNAL_TO_CONVERT = "There is no journal at {path} yet; nothing was changed."
INIT_MADE = "Made a new journal at {path}."
INIT_MADE_ENCRYPTED = (
    "Made a new encrypted journal at {path}. Keep the passphrase safe: "
    "without it nobody can read the journal, you neither."
)
ALREADY_ENCRYPTED = "The journal at {path} is encrypted already; nothing was changed."
NOT_ENCRYPTED = "The journal at {path} is not encrypted; nothing was changed."
ENCRYPTED = (
    "Encrypted the journal at {path} ({entries}). Keep the passphrase safe: "
    "without it nobody can read the journal, you neither."
)
ENCRYPTED_PLAIN_COPIES = (
    "Made before and not encrypted: {count}, {paths}. Remove them once you trust the "
    "encrypted journal."
)
DECRYPTED = (
    "Decrypted the journal at {path} ({entries}): it is plain SQLite again, readable by "
    "whoever can read the file."
)
PASSPHRASE_CHANGED = (
    "Changed the passphrase of {path}. Backups made before keep the one they were made with."
)
PASSPHRASE_CHANGED_SOURCE = "Give the new one in {source} too."
CONVERSION_BUSY = (
    "Another connectlog kept the journal busy, so it could not be converted; "
    "nothing was changed. Try again."
)
CONVERSION_FAILED = "Could not convert the journal at {path} ({reason}); nothing was changed."
CONVERSION_CHECK_FAILED = (
    "The converted copy of {path} did not read back whole ({reason}); nothing was changed."
)
EXPORT_NOT_ENCRYPTED = "The journal is encrypted; {what} is not."
BACKUP_ENCRYPTED = "The backup is encrypted, with the journal's passphrase."
WRITTEN_TO_STDOUT = "what was written to stdout"
DRAFT_NOT_ENCRYPTED = "The journal is encrypted; the draft is not."

# Shell completion (cli/_completion.py).
COMPLETION_NO_SHELL = "cannot tell your shell from $SHELL; name it: bash, zsh or fish."
COMPLETION_SHELL = "{shell!r} is not a shell connectlog completes for: bash, zsh or fish."
COMPLETION_INSTALLED = (
    "{shell} completion is in {where}; it takes effect in new shells (or after 'exec {shell}')."
)
