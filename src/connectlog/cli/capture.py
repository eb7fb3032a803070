"""``connectlog add``: record a moment from an argument, the editor, stdin or a guided prompt."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from connectlog.cli import _context, _first_run, _options, _output

if TYPE_CHECKING:
    from connectlog.cli._prompt import Answers
    from connectlog.journal.types.entries import EntryDraft, EntryView

app = _options.typer_app()


@app.command()
def add(
    text: Annotated[
        str | None,
        typer.Argument(metavar="TEXT", help="What happened; may hold #concepts and @people."),
    ] = None,
    with_: _options.With = None,
    kind: _options.Kind = None,
    touch: _options.Touch = None,
    closeness: _options.Closeness = None,
    initiated_by: _options.InitiatedBy = None,
    response: _options.Response = None,
    mood_before: _options.MoodBefore = None,
    mood_after: _options.MoodAfter = None,
    appreciation: Annotated[
        bool,
        typer.Option(
            "--appreciation", help="Something you appreciate about them (for the weekly review)."
        ),
    ] = False,
    concept: _options.Concept = None,
    private: Annotated[
        bool, typer.Option("--private", help="Never shared, never in a review.")
    ] = False,
    star: Annotated[bool, typer.Option("--star", help="Worth coming back to.")] = False,
    when: _options.When = None,
    edit: Annotated[bool, typer.Option("--edit", "-e", help="Write the text in $EDITOR.")] = False,
    create_concepts: Annotated[
        bool,
        typer.Option(
            "--create-concepts",
            "-C",
            help="Make any concept the entry names that the journal lacks, instead of "
            "refusing the entry (asked at a terminal; the config's unknown_tags = "
            '"create" does this always).',
        ),
    ] = False,
    json: _options.Json = False,
) -> None:
    """Record a moment of connection.

    With no TEXT: the guided prompt at a terminal, the editor with --edit,
    or the text piped on stdin. Tag inline: #trust, @Sam, @[Mary Ann].
    """
    from connectlog.config import load_settings
    from connectlog.journal.people import split_names
    from connectlog.journal.types.entries import EntryDraft
    from connectlog.journal.when import parse_when

    now = _context.now()
    settings = load_settings()
    occurred_at = (
        parse_when(when, now=now, default_time=settings.default_time) if when is not None else now
    )
    people = split_names(with_ or [])
    typed = None  # text the writer typed here, kept as a draft if saving fails
    asking = edit or (text is None and sys.stdin.isatty())
    if asking:  # check the options before the writer types a word
        choices = {"kind": kind, "touch": touch, "initiated by": initiated_by, "response": response}
        _check_options(concept or [], choices, people)
    first = _first_run.first_name()  # a first run at a terminal: asked before any text
    if edit:
        text = typed = _from_editor(text or "")
    elif text is None and asking:
        answers = _guided(ask_kind=kind is None, ask_closeness=closeness is None)
        text = typed = answers.text
        people = (*people, *answers.people)
        concept = [*(concept or []), *answers.concepts]
        kind, closeness = kind or answers.kind, closeness or answers.closeness
    elif text is None:
        text = _from_stdin()
    draft = EntryDraft(
        text=text or "",
        occurred_at=occurred_at,
        people=tuple(people),
        concepts=tuple(concept or []),
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
    )
    make = create_concepts or settings.make_concepts or _offer_concepts(draft)
    view = _save(draft, typed, given=text, first=first, make_concepts=make)
    from connectlog import messages

    _output.present("entry", view, json=json, said=messages.SAVED.format(id=view.id))


def _check_options(
    concepts: list[str], choices: dict[str, str | None], people: tuple[str, ...]
) -> None:
    """Reject a bad option before the writer types a word in the editor or the prompt."""
    from connectlog.journal import vocab
    from connectlog.journal.concepts import resolve_concepts
    from connectlog.journal.people import new_name

    for field, value in choices.items():
        if value is not None:
            vocab.choose(value, vocab.FIELDS[field], field=field)
    for name in people:
        new_name(name)  # one of them may be known already, but none can be this long
    if concepts:
        with _context.session() as session:
            resolve_concepts(session, concepts)


def _offer_concepts(draft: EntryDraft) -> bool:
    """At a terminal, offer to make each concept ``draft`` names that the journal lacks.

    True when there were some and every one was agreed to; otherwise saving
    refuses the entry as it would without a terminal, saying how to make them.
    """
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return False
    if not draft.concepts and "#" not in draft.text:
        return False  # names no concept: no need to look
    from connectlog import messages
    from connectlog.journal.entries import concepts_to_make

    with _context.session() as session:
        missing = concepts_to_make(session, draft)
    for name, closest in missing.items():
        near = messages.CONCEPT_CLOSEST.format(names=", ".join(closest)) if closest else ""
        _output.say(messages.CONCEPT_MISSING.format(name=name, closest=near))
        question = _output.prompt_text(messages.MAKE_CONCEPT.format(name=name))
        if not typer.confirm(question, default=False, err=True):
            return False
    return bool(missing)


def _from_editor(initial: str) -> str:
    from connectlog.cli._editor import edit_text
    from connectlog.cli._keeping import keeping

    with keeping():
        return edit_text(initial)


def _from_stdin() -> str:
    """What is piped on stdin, read no further than an entry could hold.

    The spaces around a text are not kept, so twice an entry's length is read
    before it is refused: a longer text is never read whole into memory.
    """
    from connectlog import messages
    from connectlog.cli._input import read_stdin
    from connectlog.errors import InvalidInputError
    from connectlog.journal import vocab

    limit = 2 * vocab.TEXT_LIMIT
    text = read_stdin(limit + 1)  # as UTF-8, strictly
    if len(text) > limit:
        raise InvalidInputError(messages.STDIN_TOO_LONG.format(limit=limit, entry=vocab.TEXT_LIMIT))
    return text


def _guided(*, ask_kind: bool, ask_closeness: bool) -> Answers:
    from connectlog.cli import _prompt
    from connectlog.cli._keeping import keeping
    from connectlog.journal import concepts, vocab

    with _context.session() as session:
        names = concepts.concept_names(session)

        def check_concepts(given: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(found.name for found in concepts.resolve_concepts(session, given))

        with keeping():
            return _prompt.ask(
                known_concepts=names,
                check_kind=lambda raw: vocab.choose(raw, vocab.KINDS, field="kind"),
                check_concepts=check_concepts,
                ask_kind=ask_kind,
                ask_closeness=ask_closeness,
            )


def _save(
    draft: EntryDraft,
    typed: str | None,
    *,
    given: str | None,
    first: str | None,
    make_concepts: bool,
) -> EntryView:
    """Record ``draft``; if it cannot be, keep what was ``typed`` (or ``given``: see _keeping)."""
    from connectlog.cli._keeping import keeping
    from connectlog.journal.entries import record_entry
    from connectlog.journal.profiles import writer

    chosen = _context.chosen_profile()
    with keeping(typed, given=given), _context.session(write=True) as session:
        now = _context.now()
        author = writer(session, chosen=chosen, now=now, first=first)
        return record_entry(
            session, draft, author=author.name, now=now, make_concepts=make_concepts
        )
