"""``remember`` and ``prompt``: moments that come back, and a question to reflect on."""

from __future__ import annotations

import typer

from connectlog.cli import _context, _options

app = _options.typer_app()


@app.command()
def remember(json: _options.Json = False) -> None:
    """Moments from this day a week, a month and a year ago, and a close one from before."""
    from connectlog.journal.patterns import remember as look_back

    with _context.session() as session:
        result = look_back(session, today=_context.now().date())
    if json:
        from connectlog.render import json as render_json

        typer.echo(render_json.dumps(render_json.remember_document(result)))
        return
    from connectlog.render import console
    from connectlog.render import patterns as render

    console.show(render.remember(result))


@app.command()
def prompt(json: _options.Json = False) -> None:
    """One question to reflect on, leaning towards what you have not written about lately."""
    from connectlog.journal.patterns import reflection

    with _context.session() as session:
        result = reflection(session, today=_context.now().date())
    if json:
        from connectlog.render import json as render_json

        typer.echo(render_json.dumps(render_json.prompt_document(result)))
        return
    from connectlog.render import console
    from connectlog.render import patterns as render

    console.show(render.reflection(result))
