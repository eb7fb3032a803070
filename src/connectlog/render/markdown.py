"""Journal text written into a Markdown page so that it reads as written, never as markup.

An entry, a name or a review line is what someone typed, or what a
partner's bundle or an imported file brought. Put into a Markdown page as it
is, a line ``# not a heading`` would become a heading, ``<img src=...>`` or
``![](https://...)`` would make a viewer fetch a stranger's address, and the
lines of a text would run together. So each text is escaped (CommonMark's
backslash escapes, which every renderer reads as the character itself):

- the characters that start inline markup anywhere on a line: ``\\``, `````,
  ``*``, ``_``, ``[``, ``]``, ``<``, ``&``, ``~``, ``|``;
- what starts a block at the beginning of a line: ``#``, ``>``, ``-``,
  ``+``, ``=``, and the ``.`` or ``)`` after a number (``1.``);
- spaces and tabs that begin a line, which would make indented code, become
  no-break spaces;
- each line break is kept as a hard break (a ``\\`` at the end of the line);
  an empty line still parts paragraphs.

Control characters are left as they are: a file holds the data
(docs/architecture.md, "Nothing reaches the terminal raw").
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<&~|])")
_BLOCK_START = re.compile(r"^([#>+=-])")
_NUMBERED = re.compile(r"^([0-9]{1,9})([.)])")
_INDENT = re.compile(r"^[ \t]+")
_CLOSING = re.compile(r"(^|[ \t])(#+[ \t]*)$")
_NO_BREAK_SPACE = "\u00a0"


def inline(text: str) -> str:
    """``text`` escaped for the middle of a line: a name, a title, a list item's words.

    Its line breaks become spaces; for text whose breaks matter, see :func:`block`.
    """
    return _line(" ".join(text.replace("\r\n", "\n").split("\n")))


def heading(text: str) -> str:
    """``text`` escaped for a heading: as :func:`inline`, and ``#``s at its end cannot close it."""
    return _CLOSING.sub(r"\1\\\2", inline(text))


def block(text: str, *, indent: str = "") -> str:
    """``text`` as paragraphs of its own lines, each break kept.

    ``indent``: put before every line but the first, so that the text stays
    inside a list item (``"  "`` after ``"- "``).
    """
    lines = [_line(line) for line in text.replace("\r\n", "\n").split("\n")]
    shown = []
    for number, line in enumerate(lines):
        follows = number + 1 < len(lines) and lines[number + 1] != ""
        shown.append(f"{line}\\" if line and follows else line)
    return f"\n{indent}".join(shown).replace(f"\n{indent}\n", "\n\n")


def _line(line: str) -> str:
    escaped = _INLINE.sub(r"\\\1", line)
    indent = _INDENT.match(escaped)
    if indent is not None:
        width = len(indent.group().expandtabs(4))
        return _NO_BREAK_SPACE * width + escaped[indent.end() :]
    escaped = _BLOCK_START.sub(r"\\\1", escaped)
    return _NUMBERED.sub(r"\1\\\2", escaped)
