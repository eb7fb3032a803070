"""``connectlog learn``: what a concept means and what lies behind it."""

from __future__ import annotations

from typing import Annotated

import typer

from connectlog.cli import _context, _options, _output

app = _options.typer_app()


@app.command()
def learn(
    concept: Annotated[str, typer.Argument(help="A concept or one of its aliases.")],
    json: _options.Json = False,
) -> None:
    """Explain a concept: its meaning, the systems behind it, questions to reflect on."""
    from connectlog.journal.concepts import get_concept

    with _context.session() as session:
        info = get_concept(session, concept)
    _output.present("concept", info, json=json)
