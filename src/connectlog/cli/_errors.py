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
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

from connectlog import messages
from connectlog.cli._context import state
from connectlog.cli._lazy import LazyGroup
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
        state.reset()
        code = run(
            lambda: super(ConnectlogGroup, self).main(
                args=args,
                prog_name=prog_name or "connectlog",
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        )
        if standalone_mode:
            sys.exit(code)
        return code


def run(call: Any) -> int:
    """Run ``call`` and turn whatever it raises into an exit code."""
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
    except typer.Abort:
        _say(messages.ABORTED)
        return 1
    except KeyboardInterrupt:
        _say(messages.ABORTED)
        return 130
    except Exception as error:
        if state.debug:
            traceback.print_exc()
        _say(messages.BUG.format(error=_describe(error)))
        return EXIT_BUG
    return result if isinstance(result, int) else 0


def _say(line: str) -> None:
    typer.echo(line, err=True)


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
