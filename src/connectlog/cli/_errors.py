"""The single exit point: every error becomes one line on stderr and an exit code.

:class:`ConnectlogGroup` wraps Typer's own ``main`` so that usage errors,
connectlog's errors and bugs all end the same way, whether the program runs
from the console script or under ``CliRunner`` in the tests.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from typing import Any

import typer
from typer._click import Command, Context
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

from connectlog import messages
from connectlog.cli._context import Settings
from connectlog.cli._input import guard_arguments, not_utf8, shown
from connectlog.cli._lazy import LazyGroup
from connectlog.cli._output import say
from connectlog.errors import ConnectlogError

EXIT_BUG = 70  # EX_SOFTWARE: connectlog itself failed


class ConnectlogGroup(LazyGroup):
    """The root command group, with connectlog's error handling around it."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        settings = Settings()  # filled in by the root options, read by the command
        guard_arguments(self)
        code = run(
            lambda: super(ConnectlogGroup, self).main(
                args=args,
                prog_name=prog_name or "connectlog",
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                obj=settings,
                **extra,
            ),
            settings=settings,
        )
        if standalone_mode:
            sys.exit(code)
        return code

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        """The command ``args`` name, its text arguments checked; the config file read first.

        Every command reads the config file here, before it runs, so that a
        broken one is reported by every command alike, not only by those that
        use a setting; asking a command for its --help reads nothing.
        """
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            guard_arguments(command)
            if not _asks_for_help(rest, ctx.help_option_names):
                from connectlog.config import load_settings

                load_settings()
        return name, command, rest


def run(call: Any, *, settings: Settings) -> int:
    """Run ``call`` and turn whatever it raises into an exit code (``settings``: its options)."""
    try:
        result = call()
    except ConnectlogError as error:
        _say(f"Error: {_one_line(str(error))}")
        return error.exit_code
    except NoArgsIsHelpError as error:
        # A group run without a command: its help, as Click shows it, not squeezed into one line.
        error.show()
        return error.exit_code
    except UsageError as error:
        _say(f"Error: {_one_line(error.format_message())}{_help_hint(error)}")
        return error.exit_code
    except ClickException as error:
        _say(f"Error: {_one_line(error.format_message())}")
        return error.exit_code
    except UnicodeError as error:
        if not _from_outside(error):
            return _bug(error, settings)
        _say(f"Error: {_one_line(not_utf8(error))}")
        return 2
    except ValueError as error:
        if "embedded null" not in str(error):  # a NUL in a file name, from a file or a variable
            return _bug(error, settings)
        _say(f"Error: {_one_line(messages.NAME_NUL)}")
        return 2
    except OSError as error:
        if error.filename is None:  # not about a file someone named
            return _bug(error, settings)
        name = shown(str(error.filename), most=120)
        reason = error.strerror or type(error).__name__
        _say(f"Error: {_one_line(messages.FILE_FAILED.format(path=name, reason=reason))}")
        return 1
    except typer.Abort:
        _say(messages.ABORTED)
        return 1
    except KeyboardInterrupt:
        _say(messages.ABORTED)
        return 130
    except Exception as error:
        return _bug(error, settings)
    return result if isinstance(result, int) else 0


def _bug(error: Exception, settings: Settings) -> int:
    if settings.debug:  # what the error quotes may be anyone's: shown, not obeyed
        from connectlog.render.terminal import visible

        sys.stderr.write(visible(traceback.format_exc()))
    _say(messages.BUG.format(error=_describe(error)))
    return EXIT_BUG


def _from_outside(error: UnicodeError) -> bool:
    """Whether ``error`` is text from outside that is not UTF-8.

    A byte that was not UTF-8 in an argument, a variable or a file name
    arrives as a lone surrogate, which no UTF-8 encoder takes; a file or a
    stream read as UTF-8 fails to decode. Another encoding failing is connectlog's.
    """
    if isinstance(error, UnicodeEncodeError):
        return error.reason == "surrogates not allowed"
    if isinstance(error, UnicodeDecodeError):
        return error.encoding.replace("-", "").casefold() in ("utf8", "utf8sig")
    return False


def _asks_for_help(args: list[str], names: list[str]) -> bool:
    """Whether ``args`` (what follows a command's name) ask for its help."""
    for arg in args:
        if arg == "--":
            return False
        if arg in names:
            return True
    return False


def _say(line: str) -> None:
    say(line)


def _describe(error: Exception) -> str:
    # A database driver's error says what went wrong; SQLAlchemy's wrapper adds the
    # whole statement, which belongs in the --debug traceback, not in one line.
    cause = getattr(error, "orig", None)
    detail = cause if isinstance(cause, Exception) else error
    return _one_line(f"{type(error).__name__}: {detail}")


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _help_hint(error: UsageError) -> str:
    if error.ctx is None:
        return ""
    return f" (see '{error.ctx.command_path} --help')"
