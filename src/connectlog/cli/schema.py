"""``connectlog schema``: the JSON Schema of each ``--json`` document, for scripts to check."""

from __future__ import annotations

from typing import Annotated

import typer

from connectlog import messages
from connectlog.cli import _options

app = _options.typer_app()


@app.command()
def schema(
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="[TYPE]",
            help='A document\'s type, as its "type" key says (entries, summary, share, ...).',
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a --json document; with no TYPE, list the types.

    TYPE is what the document's "type" key says: `connectlog schema "$(jq -r
    .type doc.json)"` is the schema doc.json is held to. No journal is needed.
    """
    from connectlog.documents import DOCUMENTS, json_schema
    from connectlog.render import json as render_json

    if kind is None:
        typer.echo("\n".join(DOCUMENTS))
        return
    if kind not in DOCUMENTS:
        raise typer.BadParameter(
            messages.UNKNOWN_DOCUMENT.format(kind=kind, types=", ".join(DOCUMENTS)),
            param_hint="'TYPE'",
        )
    typer.echo(render_json.dumps(json_schema(kind)))
