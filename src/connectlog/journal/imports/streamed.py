"""Reading one JSON document a record at a time, so a file of any size is never held whole.

An export of 100,000 entries is tens of megabytes; ``json.load`` would hold
all of it as Python objects at once (some 2 kB an entry). Here the document's
top-level object is walked key by key, and the items of one list in it (the
``entries``) are handed over one by one as they are decoded, each to be
checked and kept in a smaller form, or dropped. Every value is still decoded
by :mod:`json`, so what is accepted is exactly JSON, with two refusals more:
a key twice in the top-level object, and anything after the document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import IO, Any

#: How much of the file is read at a time (characters).
CHUNK = 1 << 20
_SPACE = re.compile(r"[ \t\n\r]*")


class BrokenJson(ValueError):
    """The file is not one JSON object; the message says where and why."""


class _Reader:
    """A window on a text file: what has been read and not yet decoded."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.text = ""
        self.at = 0
        self.ended = False
        self.consumed = 0  # characters before ``text``

    def more(self) -> bool:
        """Read the next chunk; False at the end of the file."""
        if self.ended:
            return False
        chunk = self.handle.read(CHUNK)
        if not chunk:
            self.ended = True
            return False
        self.consumed += self.at
        self.text = self.text[self.at :] + chunk
        self.at = 0
        return True

    def peek(self) -> str:
        """The next character after spaces ('' at the end of the file)."""
        while True:
            self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]
            if self.at < len(self.text) or not self.more():
                return self.text[self.at : self.at + 1]

    def take(self, char: str) -> None:
        found = self.peek()
        if found != char:
            shown = repr(found) if found else "the end of the file"
            raise BrokenJson(f"expected '{char}' at character {self.where}, found {shown}")
        self.at += 1

    def value(self) -> Any:
        """The next JSON value, decoded."""
        self.peek()
        decoder = _DECODER
        while True:
            try:
                value, end = decoder.raw_decode(self.text, self.at)
            except json.JSONDecodeError as error:
                if self.more():  # the value may go on past what was read
                    continue
                raise BrokenJson(f"{error.msg} at character {self.consumed + error.pos}") from None
            # A number (or any value) ending where the text read ends may go on.
            if end == len(self.text) and self.more():
                continue
            self.at = end
            return value

    @property
    def where(self) -> int:
        return self.consumed + self.at


_DECODER = json.JSONDecoder()


def read_object(
    handle: IO[str], *, streamed: str, each: Callable[[int, Any], None]
) -> dict[str, Any]:
    """The JSON object in ``handle``, its ``streamed`` list handed to ``each`` item by item.

    ``each(number, item)`` gets each item of the list under the key
    ``streamed`` (numbered from 0) as it is read; in the returned object that
    key holds how many there were. Raises :class:`BrokenJson` for a file that
    is not one JSON object, and ``RecursionError`` for one nested too deep.
    Numbers of thousands of digits are refused by :mod:`json` itself
    (``ValueError``).
    """
    reader = _Reader(handle)
    if reader.peek() == "\ufeff":  # a byte-order mark some editors write
        reader.at += 1
    reader.take("{")
    found: dict[str, Any] = {}
    if reader.peek() == "}":
        reader.at += 1
    else:
        while True:
            if reader.peek() != '"':
                raise BrokenJson(f"expected a key at character {reader.where}")
            key = reader.value()
            if key in found:
                raise BrokenJson(f"the key {json.dumps(key)} appears twice")
            reader.take(":")
            if key == streamed and reader.peek() == "[":
                found[key] = _items(reader, each)
            else:
                found[key] = reader.value()
            if reader.peek() == ",":
                reader.at += 1
                continue
            reader.take("}")
            break
    if reader.peek() != "":
        raise BrokenJson(f"something follows the document at character {reader.where}")
    return found


def _items(reader: _Reader, each: Callable[[int, Any], None]) -> int:
    reader.take("[")
    count = 0
    if reader.peek() == "]":
        reader.at += 1
        return 0
    while True:
        each(count, reader.value())
        count += 1
        if reader.peek() == ",":
            reader.at += 1
            continue
        reader.take("]")
        return count
