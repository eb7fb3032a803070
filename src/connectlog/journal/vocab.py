"""The fixed choices of an entry's fields, and how typed values map onto them."""

from __future__ import annotations

from connectlog import messages
from connectlog.errors import InvalidInputError

KINDS = ("emotional", "physical", "both")
TOUCHES = ("hug", "holding hands", "kiss", "cuddle", "massage", "sexual", "other")
INITIATORS = ("me", "them", "mutual")
RESPONSES = ("toward", "away", "against")
SCALE = range(1, 6)

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
