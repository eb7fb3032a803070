"""Inline ``#concept`` tags and ``@person`` mentions in an entry's text.

A tag or mention starts with a letter and runs over letters, digits, ``-``
and ``_``: ``#trust``, ``@Sam``. A name with spaces goes in brackets:
``@[Mary Ann]``. ``#`` or ``@`` in the middle of a word (an e-mail address,
``C#``) or after a ``/`` (a link: ``example.com/#top``, ``medium.com/@sam``)
is not a tag, and neither is ``#1``. A name may hold an apostrophe
(``@O'Brien``), and after Chinese or Japanese text ``@`` needs no space before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = r"[^\W\d_][\w-]*"
#: A name may hold an apostrophe between letters (O'Brien, D’Souza), but not the
#: possessive one: "@Sam's birthday" names Sam.
_NAME = r"[^\W\d_](?:[\w-]|['’](?![sS]\b)(?=[^\W\d_]))*"
#: Chinese and Japanese put no space before a mention: "我和@小明", "今日は@さくら".
_CJK = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_CONCEPT = re.compile(rf"(?<![\w#@&/])#({_WORD})")
_PERSON = re.compile(rf"(?:(?<![\w@#./])|(?<={_CJK}))@(?:\[([^\]\n]+)\]|({_NAME}))")


@dataclass(frozen=True)
class InlineTags:
    concepts: tuple[str, ...]
    people: tuple[str, ...]


def find_tags(text: str) -> InlineTags:
    """The concepts and people named inline, in order of first appearance."""
    concepts = [match.group(1).rstrip("-") for match in _CONCEPT.finditer(text)]
    people = []
    for match in _PERSON.finditer(text):
        bracketed, plain = match.groups()
        name = person_name(bracketed) if bracketed else plain.rstrip("-")
        if name:  # "@[@]" or "@[[]" names no one
            people.append(name)
    return InlineTags(concepts=unique_folded(concepts), people=unique_folded(people))


def person_name(raw: str) -> str:
    """A person's name as it is stored, however it was written (``@Sam``, ``[Mary  Ann]``):
    spaces folded, no leading ``@`` or brackets; empty if nothing is left."""
    return " ".join(raw.strip().lstrip("@").strip("[]").split())


def unique_folded(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """``names`` without repeats, compared case-insensitively, first spelling kept."""
    seen: set[str] = set()
    kept = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(name)
    return tuple(kept)
