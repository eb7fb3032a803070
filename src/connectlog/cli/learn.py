"""``connectlog learn``: what a concept means and what lies behind it."""

from __future__ import annotations

from typing import Annotated

import typer

from connectlog.cli import _context, _options, _output

app = _options.typer_app()


@app.command()
def learn(
    concept: Annotated[
        str | None,
        typer.Argument(
            help="A concept or one of its aliases; without one, the concepts to learn.",
            autocompletion=_options.complete_concepts,
        ),
    ] = None,
    json: _options.Json = False,
) -> None:
    """Explain a concept: its meaning, the systems behind it, questions to reflect on."""
    from connectlog.journal.concepts import get_concept, list_concepts

    with _context.session() as session:
        if concept is None:
            _output.present("concepts", list_concepts(session), json=json)
            return
        info = get_concept(session, concept)
    _output.present("concept", info, json=json)
