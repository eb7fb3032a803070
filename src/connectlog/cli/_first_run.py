"""The first run at a terminal: asking the writer's name before the first profile is made.

Without a terminal (a script, a pipe, the tests' runner) nothing is asked and
the first profile is named after the login, as before.
"""

from __future__ import annotations

import sys


def at_terminal() -> bool:
    """Whether someone is there to answer: stdin and stderr are both a terminal."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def first_name() -> str | None:
    """The name the writer gives for the journal's first profile, if it is about to be made.

    None when a profile is chosen (--as, $CONNECTLOG_PROFILE, the config file),
    when the journal already has its own writer, or when no one is at a
    terminal to ask: the journal then names the first profile after the login.
    """
    if not at_terminal():
        return None
    from connectlog.cli import _context
    from connectlog.journal.profiles import check_first, login_name, needs_first

    if _context.chosen_profile():
        return None
    with _context.session() as session:
        if not needs_first(session):
            return None
        import typer

        from connectlog import messages
        from connectlog.cli._output import say
        from connectlog.errors import ConnectlogError

        say(messages.FIRST_RUN)
        while True:
            raw = typer.prompt(messages.FIRST_RUN_QUESTION, default=login_name(), err=True)
            try:
                return check_first(session, str(raw))
            except ConnectlogError as error:
                say(str(error))
