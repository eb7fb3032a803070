"""``connectlog edit``: correct an entry's fields by option, or its text in the editor."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _options, _output

app = _options.typer_app()


@app.command()
def edit(
    entry_id: _options.EntryId,
    text: Annotated[str | None, typer.Option(help="New text, instead of the editor.")] = None,
    with_: _options.With = None,
    kind: _options.Kind = None,
    touch: _options.Touch = None,
    closeness: _options.Closeness = None,
    initiated_by: _options.InitiatedBy = None,
    response: _options.Response = None,
    mood_before: _options.MoodBefore = None,
    mood_after: _options.MoodAfter = None,
    appreciation: Annotated[
        bool | None, typer.Option("--appreciation/--no-appreciation", help="Mark or unmark.")
    ] = None,
    concept: _options.Concept = None,
    private: Annotated[
        bool | None, typer.Option("--private/--public", help="Keep it private, or not.")
    ] = None,
    star: Annotated[bool | None, typer.Option("--star/--unstar", help="Star or unstar.")] = None,
    when: _options.NewWhen = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            help="Empty a field: kind, touch, closeness, initiated-by, response, "
            "mood-before, mood-after, people or concepts."
        ),
    ] = None,
    edit: Annotated[
        bool, typer.Option("--edit", "-e", help="Also open the text in $EDITOR.")
    ] = False,
    json: _options.Json = False,
) -> None:
    """Correct an entry. With no options, its text opens in your editor.

    --with and --concept replace the entry's people and concepts; #tags and
    @names in the text are always kept.
    """
    from connectlog.cli._editor import edit_text
    from connectlog.cli._keeping import keeping
    from connectlog.config import load_settings
    from connectlog.journal.entries import update_entry
    from connectlog.journal.people import split_names
    from connectlog.journal.types.entries import EntryChanges
    from connectlog.journal.views import get_entry
    from connectlog.journal.when import parse_when

    now = _context.now()
    changes = EntryChanges(
        text=text,
        occurred_at=parse_when(when, now=now, default_time=load_settings().default_time)
        if when is not None
        else None,
        people=split_names(with_) if with_ is not None else None,
        concepts=tuple(concept) if concept is not None else None,
        kind=kind,
        touch=touch,
        closeness=closeness,
        initiated_by=initiated_by,
        response=response,
        mood_before=mood_before,
        mood_after=mood_after,
        appreciation=appreciation,
        starred=star,
        private=private,
        clear=frozenset(name.strip().casefold().replace("-", "_") for name in clear or []),
    )
    typed = None
    if text is None and (edit or changes.is_empty):
        with _context.session() as session:
            current = get_entry(session, entry_id)
        with keeping():
            typed = edit_text(current.text)
        if typed.strip() == current.text and changes.is_empty:
            _output.say(messages.UNCHANGED.format(id=entry_id))
            return
        changes = replace(changes, text=typed)
    with keeping(typed, given=text), _context.session(write=True) as session:
        view = update_entry(session, entry_id, changes, now=now)
    _output.present("entry", view, json=json, said=messages.UPDATED.format(id=view.id))
