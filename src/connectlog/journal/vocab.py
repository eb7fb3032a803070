"""The fixed choices of an entry's fields, and how typed values map onto them.

The vocabulary is written here once, as plain Python: the models build their
rules from it (closeness 1 to 5, a kind among ``Kind``'s), and the commands
that must not load pydantic check typed values against the same names and
limits, with the same messages.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal, get_args

from connectlog import messages
from connectlog.errors import InvalidInputError

Kind = Literal["emotional", "physical", "both"]
Touch = Literal["hug", "holding hands", "kiss", "cuddle", "massage", "sexual", "other"]
Initiator = Literal["me", "them", "mutual"]
Response = Literal["toward", "away", "against"]

KINDS: tuple[Kind, ...] = get_args(Kind)
TOUCHES: tuple[Touch, ...] = get_args(Touch)
INITIATORS: tuple[Initiator, ...] = get_args(Initiator)
RESPONSES: tuple[Response, ...] = get_args(Response)

#: What a line of a review is, and how an intention went.
#: What a review line is: the topic chosen and the notes taken are lines too, so that two
#: journals' reviews of one week merge line by line.
Section = Literal["appreciation", "intention", "followup", "topic", "note"]
Outcome = Literal["done", "partly", "not"]

#: A rating: closeness, mood before and after.
LOWEST, HIGHEST = 1, 5
SCALE = range(LOWEST, HIGHEST + 1)
#: The longest text an entry may hold, in characters: a long evening's reflection
#: is a few thousand words; anything longer is not an entry.
TEXT_LIMIT = 100_000
#: The longest name of a person, a concept, a concept's alias or a profile (and its
#: aliases), in characters: room for any name a person goes by, never a paragraph.
NAME_LIMIT = 200
#: A uuid, as connectlog writes them: 36 characters (32 hexadecimal digits in five groups).
UUID_LENGTH = 36
#: The longest id another program gives an entry (Day One's are 32 characters).
FOREIGN_ID_LIMIT = 100
#: The largest entry number: SQLite's largest integer; a larger one names no entry.
ENTRY_NUMBER_LIMIT = 2**63 - 1
#: The first day a moment may lie on: times before it are not a moment anyone
#: logged (year 1 is a forged one), from the command line or from a file.
EARLIEST = date(1970, 1, 1)

#: The fields with fixed choices, by the name messages give them.
FIELDS = {"kind": KINDS, "touch": TOUCHES, "initiated by": INITIATORS, "response": RESPONSES}

_SPELLINGS = {
    "holding hands": ("hands", "holding", "hand holding", "hand in hand"),
    "toward": ("turned toward", "towards", "turned towards"),
    "away": ("turned away",),
    "against": ("turned against",),
    "mutual": ("both", "us"),
    "both": ("emotional and physical",),
}


def choose(value: str, choices: tuple[str, ...], *, field: str) -> str:
    """The choice ``value`` names: exact, a known spelling, or a unique prefix."""
    typed = " ".join(value.replace("-", " ").replace("_", " ").split()).casefold()
    if typed in choices:
        return typed
    for choice in choices:
        if typed in _SPELLINGS.get(choice, ()):
            return choice
    starting = [choice for choice in choices if typed and choice.startswith(typed)]
    if len(starting) == 1:
        return starting[0]
    raise InvalidInputError(
        messages.BAD_CHOICE.format(field=field, value=value, choices=", ".join(choices))
    )


def rating(value: int, *, field: str) -> int:
    """``value`` if it lies on the 1 to 5 scale."""
    if value not in SCALE:
        raise InvalidInputError(messages.BAD_RATING.format(field=field, value=value))
    return value


def short_name(name: str, *, what: str) -> str:
    """``name`` if it is no longer than NAME_LIMIT; ``what`` says whose ("A person's name")."""
    if len(name) > NAME_LIMIT:
        raise InvalidInputError(
            messages.NAME_TOO_LONG.format(what=what, limit=NAME_LIMIT, length=len(name))
        )
    return name


#: What an entry's text may not hold: C0 and C1 controls but newline and tab, DEL, and
#: halves of a surrogate pair. A bundle or an export holding one is refused whole by the
#: partner's or the next journal's reader (models.py), so it is refused when written.
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def entry_text(value: str) -> str:
    """``value`` as an entry's text: line ends made newlines, the spaces around it gone.

    Refused when nothing is left, when it is longer than TEXT_LIMIT, or when it
    holds a character of CONTROL_IN_TEXT.
    """
    cleaned = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not cleaned:
        raise InvalidInputError(messages.EMPTY_TEXT)
    if len(cleaned) > TEXT_LIMIT:
        raise InvalidInputError(
            messages.TEXT_TOO_LONG.format(length=len(cleaned), limit=TEXT_LIMIT)
        )
    found = CONTROL_IN_TEXT.search(cleaned)
    if found is not None:
        raise InvalidInputError(messages.TEXT_CONTROL.format(code=f"U+{ord(found.group()):04X}"))
    return cleaned
