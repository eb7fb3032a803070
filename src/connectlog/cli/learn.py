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
    """Explain a concept: its meaning, the systems behind it, questions to reflect on.

    A word that is no concept, such as oxytocin, lists the concepts whose systems name it."""
    from connectlog import messages
    from connectlog.errors import InvalidInputError
    from connectlog.journal.concepts import concepts_naming, get_concept, list_concepts

    with _context.session() as session:
        if concept is None:
            _output.present("concepts", list_concepts(session), json=json)
            return
        try:
            info = get_concept(session, concept)
        except InvalidInputError:  # no such concept, or no name a concept could have
            naming = concepts_naming(session, concept)
            if not naming:
                raise
            _output.say(messages.SYSTEMS_NAMING.format(word=concept, count=len(naming)))
            _output.present("concepts", naming, json=json)
            return
    _output.present("concept", info, json=json)
