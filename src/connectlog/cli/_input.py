"""Text from outside connectlog's own code, checked before anything uses it.

connectlog keeps text as UTF-8. On Linux an argument, an environment
variable or a file name is bytes, which Python hands over as ``str`` with
each byte that is not UTF-8 as a lone surrogate (``surrogateescape``); SQLite
cannot store such a string and the terminal cannot show it. So:

- :func:`guard_arguments` wraps every command's callback: a text argument or
  option that is not UTF-8, or holds a NUL, is a usage error (exit 2) naming
  the option, before the command does anything. A file name may be any bytes
  the system allows (options whose metavar is FILE or PATH), but not a NUL.
- :func:`read_stdin` reads what is piped in as UTF-8, strictly.
- :func:`not_utf8` says which text it was, for the one line of an error.
"""

from __future__ import annotations

import codecs
import stat
import sys
from collections.abc import Iterable
from functools import wraps
from pathlib import Path
from typing import Any

from connectlog import messages
from connectlog.errors import ConnectlogError, InvalidInputError

#: Parameters that name files: their values may be any bytes but NUL.
PATH_METAVARS = frozenset({"FILE", "PATH"})
_GUARDED = "_connectlog_guarded"


def guard_arguments(command: Any) -> None:
    """Check the text parameters of ``command`` (and of every command under it) before it runs."""
    for sub in getattr(command, "commands", {}).values():
        guard_arguments(sub)
    callback = getattr(command, "callback", None)
    if callback is None or getattr(callback, _GUARDED, False):
        return
    params = {param.name: param for param in command.params if param.name}

    @wraps(callback)
    def checked(*args: Any, **values: Any) -> Any:
        for name, value in values.items():
            param = params.get(name)
            if param is None:
                continue
            path = param.metavar in PATH_METAVARS
            check_value(value, hint=_hint(param), path=path)
            if path and param.param_type_name == "argument" and isinstance(value, str):
                check_input_file(value)
        return callback(*args, **values)

    setattr(checked, _GUARDED, True)
    command.callback = checked


def check_value(value: object, *, hint: str, path: bool = False) -> None:
    """Refuse a text (or texts) that is not UTF-8 or holds a NUL character."""
    for text in _texts(value):
        if "\x00" in text:
            raise InvalidInputError(messages.ARGUMENT_NUL.format(option=hint))
        if not path and not is_utf8(text):
            raise InvalidInputError(messages.NOT_UTF8.format(what=hint, text=shown(text)))


def check_input_file(name: str) -> None:
    """Refuse a FILE to read that is a FIFO, a device or a socket (or a link to one).

    Reading one would wait for a writer forever, or never end (``/dev/zero``).
    A file or a folder (an unzipped export) passes, and so does a name that
    is not there: the command says so in its own words.
    """
    try:
        mode = Path(name).stat().st_mode
    except (OSError, ValueError):
        return
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return
    kind = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device or a socket"
    raise ConnectlogError(messages.INPUT_NOT_A_FILE.format(path=shown(name, most=120), kind=kind))


def is_utf8(text: str) -> bool:
    """Whether ``text`` holds no lone surrogate (a byte that was not UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(text: str, *, most: int = 60) -> str:
    """``text``, each byte that is not UTF-8 written as ``\\xNN``, cut to ``most`` characters."""
    raw = text.encode("utf-8", "surrogateescape")
    visible = raw.decode("utf-8", "backslashreplace")
    return visible if len(visible) <= most else visible[: most - 1] + "…"


def not_utf8(error: UnicodeError) -> str:
    """The line for text found not to be UTF-8 somewhere no check saw first."""
    found = getattr(error, "object", b"")
    start = getattr(error, "start", 0)
    end = getattr(error, "end", start + 1)
    # Only the characters at fault: the text around them may be anyone's, or a buffer's.
    if isinstance(found, str):
        text = shown(found[start:end])
    elif isinstance(found, bytes | bytearray):
        text = bytes(found[start:end]).decode("utf-8", "backslashreplace")
    else:
        text = ""
    return messages.NOT_UTF8.format(what="the input", text=text)


def read_stdin(most: int | None = None) -> str:
    """What is piped on stdin, read as UTF-8: at most ``most`` characters, when given.

    A byte that is not UTF-8 is a usage error naming where it is (never a
    replacement character saved in its place); reading stops once ``most``
    characters are in, so a longer stream is never read whole.
    """
    stream = sys.stdin
    raw = getattr(stream, "buffer", None)
    if raw is None:  # a text stream only (some test harnesses): what it decoded
        text: str = stream.read() if most is None else stream.read(most)
        if not is_utf8(text):
            raise InvalidInputError(messages.STDIN_NOT_UTF8.format(at=0, text=shown(text)))
        return text
    decoder = codecs.getincrementaldecoder("utf-8")()
    parts: list[str] = []
    read = length = 0
    while most is None or length < most:
        chunk: bytes = raw.read(_CHUNK)
        try:
            part = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            at = read + error.start
            near = chunk[max(error.start - 20, 0) : error.start + 20]
            shown_near = near.decode("utf-8", "backslashreplace")
            raise InvalidInputError(
                messages.STDIN_NOT_UTF8.format(at=at, text=shown_near)
            ) from None
        parts.append(part)
        read, length = read + len(chunk), length + len(part)
        if not chunk:
            break
    text = "".join(parts)
    return text if most is None else text[:most]


_CHUNK = 1 << 16


def _texts(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            if isinstance(item, str):
                yield item


def _hint(param: Any) -> str:
    opts: list[str] = getattr(param, "opts", [])
    if opts and opts[0].startswith("-"):
        return max(opts, key=len)
    return str(getattr(param, "metavar", None) or param.name).upper()
