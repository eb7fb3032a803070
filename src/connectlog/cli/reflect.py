"""``remember`` and ``prompt``: moments that come back, and a question to reflect on.

Both read the current profile's moments (``--as``, the config), or everyone's
with ``--together``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from connectlog.cli import _context, _options, _output

if TYPE_CHECKING:
    from connectlog.journal.types.patterns import Scope

app = _options.typer_app()

Together = Annotated[
    bool, typer.Option("--together", help="Everyone's moments in this journal, not only yours.")
]


def _scope(together: bool) -> Scope:
    from connectlog.journal.types.patterns import Scope

    return Scope(together=together, chosen=_context.chosen_profile())


@app.command()
def remember(together: Together = False, json: _options.Json = False) -> None:
    """Moments from this day a week, a month and a year ago, and a close one from before."""
    from connectlog.journal.patterns import remember as look_back

    with _context.session() as session:
        result = look_back(session, today=_context.now().date(), scope=_scope(together))
    _output.present("remember", result, json=json)


@app.command()
def prompt(
    together: Together = False,
    another: Annotated[
        bool, typer.Option("--another", help="A different question than today's.")
    ] = False,
    json: _options.Json = False,
) -> None:
    """One question a day to reflect on, leaning towards what you have not written about lately.

    The same question all day; --another draws a different one."""
    import random

    from connectlog.journal.patterns import reflection

    draw = random.randrange(1, 1 << 31) if another else 0
    with _context.session() as session:
        today = _context.now().date()
        result = reflection(session, today=today, scope=_scope(together), draw=draw)
    _output.present("prompt", result, json=json)
