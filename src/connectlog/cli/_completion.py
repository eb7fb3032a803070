"""Shell completion for bash, zsh and fish: the scripts, their installation, and the answers.

Imported only when a shell asks (``$_CONNECTLOG_COMPLETE`` is set) or
``--show-completion``/``--install-completion`` is given, so the everyday
commands never load it (tests/test_completion.py).

The protocol is Click 8's: the script sets ``_CONNECTLOG_COMPLETE`` to
``SHELL_complete`` (Typer's ``complete_SHELL`` is read too), ``COMP_WORDS`` to
the command line and ``COMP_CWORD`` to the index of the word being completed
(for fish: that word itself). The answer is one value a line, each value
free of control characters; bash gets it escaped as the shell reads it back.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import unicodedata
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

from typer._click import Command, Context
from typer._click.shell_completion import CompletionItem, ShellComplete, split_arg_string

PROG = "connectlog"
VARIABLE = "_CONNECTLOG_COMPLETE"
SHELLS = ("bash", "zsh", "fish")
FUNCTION = "_connectlog_completion"

_BASH = """\
# connectlog's completion for bash: source this file (connectlog --install-completion bash).
%(function)s() {
    local IFS=$'\\n'
    mapfile -t COMPREPLY < <(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD="$COMP_CWORD" \\
        %(variable)s=bash_complete "$1" 2>/dev/null)
    return 0
}
complete -o default -F %(function)s %(prog)s
"""

_ZSH = """\
#compdef %(prog)s
# connectlog's completion for zsh (connectlog --install-completion zsh).
%(function)s() {
    local -a answer described plain
    local value help
    answer=("${(@f)$(env COMP_WORDS="${words[*]}" COMP_CWORD=$((CURRENT - 1)) \\
        %(variable)s=zsh_complete "${words[1]}" 2>/dev/null)}")
    for value help in "${answer[@]}"; do
        [[ -z $value ]] && continue
        if [[ -n $help ]]; then
            described+=("${value//:/\\\\:}:$help")
        else
            plain+=("$value")
        fi
    done
    (( ${#described} )) && _describe -V connectlog described -U
    (( ${#plain} )) && compadd -U -V connectlog -a plain
    (( ${#described} + ${#plain} )) || _files
}
if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
    %(function)s "$@"
else
    compdef %(function)s %(prog)s
fi
"""

_FISH = """\
# connectlog's completion for fish (connectlog --install-completion fish).
function %(function)s
    env COMP_WORDS=(commandline -cp) COMP_CWORD=(commandline -t) \\
        %(variable)s=fish_complete %(prog)s 2>/dev/null
end
complete --command %(prog)s --no-files --arguments "(%(function)s)"
"""

_SCRIPTS = {"bash": _BASH, "zsh": _ZSH, "fish": _FISH}
_BASH_SAFE = re.compile(r"[\w@%+=:,./-]", re.ASCII)


def script(shell: str) -> str:
    """The completion script for ``shell``."""
    return _SCRIPTS[shell] % {"function": FUNCTION, "variable": VARIABLE, "prog": PROG}


def detected_shell() -> str | None:
    """The shell ``$SHELL`` names, if connectlog completes for it."""
    name = Path(os.environ.get("SHELL", "")).name
    return name if name in SHELLS else None


# ---------------------------------------------------------------------------
# --show-completion and --install-completion


def show(shell: str) -> None:
    sys.stdout.write(script(shell))


def install(shell: str, home: Path) -> tuple[Path, Path | None]:
    """Write ``shell``'s script under ``home`` and load it from the rc file; (script, rc file)."""
    if shell == "fish":
        config = os.environ.get("XDG_CONFIG_HOME") or str(home / ".config")
        target = Path(config) / "fish" / "completions" / f"{PROG}.fish"
        _write(target, script(shell))
        return target, None  # fish loads the folder's files by itself
    if shell == "bash":
        target = home / ".bash_completions" / f"{PROG}.sh"
        rc, line = home / ".bashrc", f"source {shlex.quote(str(target))}"
    else:
        target = home / ".zfunc" / f"_{PROG}"
        rc, line = home / ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit"
    _write(target, script(shell))
    text = rc.read_text(encoding="utf-8") if rc.is_file() else ""
    if line not in text.splitlines():
        separator = "" if not text or text.endswith("\n") else "\n"
        _write(rc, f"{text}{separator}{line}\n")
    return target, rc


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------
# Answering a shell


def respond(cli: Command, ctx_args: MutableMapping[str, Any], instruction: str) -> int:
    """Answer the completion ``instruction``; the exit code. Never a traceback."""
    first, _, second = instruction.partition("_")
    action, shell = (first, second) if first in ("complete", "source") else (second, first)
    complete_class = _CLASSES.get(shell)
    if complete_class is None or action not in ("complete", "source"):
        return 1
    completer = complete_class(cli, ctx_args, PROG, VARIABLE)
    try:
        answer = completer.source() if action == "source" else completer.complete()
        if answer:
            sys.stdout.write(answer if answer.endswith("\n") else answer + "\n")
            sys.stdout.flush()
    except Exception:  # a Tab press shows nothing rather than a traceback
        return 1
    return 0


def _typeable(value: str) -> bool:
    """Whether ``value`` can go back to a shell: no control or format characters."""
    return bool(value) and not any(
        unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in value
    )


def _one_line(help: str | None) -> str:
    text = " ".join((help or "").split())
    return "".join(char for char in text if _typeable(char))


class _Complete(ShellComplete):
    def source_vars(self) -> dict[str, Any]:
        return {}

    def source(self) -> str:
        return script(self.name)

    def get_completion_args(self) -> tuple[list[str], str]:
        words = split_arg_string(os.environ.get("COMP_WORDS", ""))
        try:
            index = int(os.environ.get("COMP_CWORD", ""))
        except ValueError:
            return words[1:], ""
        return words[1:index], words[index] if index < len(words) else ""

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        items = [
            item
            for item in self.get_completions(args, incomplete)
            if isinstance(item.value, str) and _typeable(item.value)
        ]
        return "\n".join(self.format_completion(item) for item in items)


class _Bash(_Complete):
    name = "bash"

    def format_completion(self, item: CompletionItem) -> str:
        # Bash puts a reply on the command line as it is: escape what it would read.
        return "".join(
            char if _BASH_SAFE.fullmatch(char) or ord(char) > 127 else "\\" + char
            for char in str(item.value)
        )


class _Zsh(_Complete):
    name = "zsh"

    def format_completion(self, item: CompletionItem) -> str:
        # Two lines: the value, then its description; compadd quotes the value itself.
        return f"{item.value}\n{_one_line(item.help)}"


class _Fish(_Complete):
    name = "fish"

    def get_completion_args(self) -> tuple[list[str], str]:
        words = split_arg_string(os.environ.get("COMP_WORDS", ""))
        incomplete = os.environ.get("COMP_CWORD", "")
        args = words[1:]
        if incomplete and args and args[-1] == incomplete:
            args.pop()
        return args, incomplete

    def format_completion(self, item: CompletionItem) -> str:
        help = _one_line(item.help)
        return f"{item.value}\t{help}" if help else str(item.value)


_CLASSES: dict[str, type[_Complete]] = {"bash": _Bash, "zsh": _Zsh, "fish": _Fish}


# ---------------------------------------------------------------------------
# The journal's names


def _names(ctx: Context) -> Any:
    """The names of the journal this command line would open; none if it cannot be read quietly."""
    from connectlog.paths import resolve_location
    from connectlog.storage.peek import Names, names

    try:
        location = resolve_location(ctx.find_root().params.get("db_path"))
    except Exception:  # a name that cannot be a journal completes nothing
        return Names()
    return names(location.path) if location.path is not None else Names()


def _listed(ctx: Context, incomplete: str, pick: Callable[[Any], tuple[str, ...]]) -> list[str]:
    """The names that start the last comma-separated part of ``incomplete``, after the others."""
    done, comma, part = incomplete.rpartition(",")
    before = done + comma
    return [before + name for name in pick(_names(ctx)) if name.startswith(part)]


def concepts(ctx: Context, incomplete: str) -> list[str]:
    return _listed(ctx, incomplete, lambda found: found.concepts)


def people(ctx: Context, incomplete: str) -> list[str]:
    return _listed(ctx, incomplete, lambda found: found.people)


def profiles(ctx: Context, incomplete: str) -> list[str]:
    return _listed(ctx, incomplete, lambda found: found.profiles)
