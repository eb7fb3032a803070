"""Text on its way to a terminal: every control character shown, none obeyed.

A journal holds what its writers typed and what partners' bundles brought, and
any of it may hold ESC, BEL or another control character that, printed raw,
would retitle the terminal, clear the screen or worse. Whatever connectlog
prints for a person passes through here first (DESIGN.md, Trust; the places
are listed in docs/architecture.md), and each control character becomes a
visible, harmless stand-in:

- C0 (U+0000 to U+001F) and DEL (U+007F) become the pictures Unicode has for
  them, one cell each: ESC is ``␛``, BEL ``␇``, NUL ``␀``, DEL ``␡``;
- C1 (U+0080 to U+009F), which have no pictures, are written as ``\\x9b``.

:func:`visible` is for text of many lines (an entry's text, a review's notes):
its newlines and tabs stay, and a Windows line end (CR LF) is a newline.
:func:`one_line` is for everything else, names and titles and messages: a
newline or tab in them is shown too, so a name never prints a line of its own.

:func:`json_escaped` is for JSON, which is data: it writes the DEL and C1
characters ``json.dumps`` leaves raw as JSON's own ``\\u`` escapes (C0 it
escapes already), so the document reads back the same.

Pure functions of strings, with no Rich, so that the command line's messages
use them without loading it.
"""

from __future__ import annotations

import re

#: What each control character is shown as.
_SHOWN = {code: chr(0x2400 + code) for code in range(0x20)}
_SHOWN[0x7F] = "\u2421"
_SHOWN.update({code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})
#: The same for text of many lines, which keeps its newlines and tabs.
_SHOWN_IN_TEXT = {code: shown for code, shown in _SHOWN.items() if chr(code) not in "\n\t"}

_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_RAW_IN_JSON = re.compile("[\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with each control character but newline and tab shown (see the module).

    ``text`` itself when there is none, as nearly always.
    """
    if _CONTROL_IN_TEXT.search(text) is None:
        return text
    return text.replace("\r\n", "\n").translate(_SHOWN_IN_TEXT)


def one_line(text: str) -> str:
    """``text`` on one line, with each control character shown, newline and tab too.

    ``text`` itself when there is none.
    """
    if _ANY_CONTROL.search(text) is None:
        return text
    return text.translate(_SHOWN)


def json_escaped(text: str) -> str:
    """JSON ``text`` with the DEL and C1 characters in its strings as ``\\u`` escapes.

    Outside its strings a JSON text has no character beyond ASCII, and inside
    them ``json.dumps`` escapes every C0 character, so this is the same
    document with nothing in it a terminal would obey.
    """
    if _RAW_IN_JSON.search(text) is None:
        return text
    return _RAW_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
