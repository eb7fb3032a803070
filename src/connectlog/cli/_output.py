"""How a read command ends: its result as a ``--json`` document on stdout, or its view.

Each kind of result names its document (a function of ``render.json``) and its
view (a module of ``render`` and a function in it) here, once. They are named
rather than imported so that a ``--json`` run never imports Rich, and a run
that shows one view imports only that view's module; ``tests/test_cli_plumbing.py``
holds every name to a function that exists.
"""

from __future__ import annotations

import importlib
import os
import shlex
import subprocess
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import RenderableType

#: For each kind of result: its document in render.json, and its view's module and function.
SHAPES: dict[str, tuple[str, str, str]] = {
    "entry": ("entry_document", "console", "entry_detail"),
    "concepts": ("concepts_document", "console", "concepts_table"),
    "concept": ("concept_document", "console", "concept_detail"),
    "people": ("people_document", "console", "people_table"),
    "profiles": ("profiles_document", "console", "profiles_table"),
    "summary": ("summary_document", "patterns", "summary"),
    "trends": ("trends_document", "patterns", "trends"),
    "calendar": ("calendar_document", "patterns", "calendar"),
    "remember": ("remember_document", "patterns", "remember"),
    "prompt": ("prompt_document", "patterns", "reflection"),
    "reviews": ("reviews_document", "review", "reviews_table"),
    "review": ("review_document", "review", "review_view"),
    "doctor": ("doctor_document", "doctor", "checkup_view"),
}


def present(
    kind: str, result: Any, *, json: bool, empty: str | None = None, said: str | None = None
) -> None:
    """Print ``result`` as its document with ``json``, else show its view.

    ``empty``: for a list, what to say on stderr instead of showing an empty one.
    ``said``: for a command that changed the journal, the line on stderr that
    says what it did, instead of the view.
    """
    document, module, view = SHAPES[kind]
    if json:
        from connectlog.render import json as render_json

        typer.echo(render_json.dumps(getattr(render_json, document)(result)))  # escaped as JSON
        return
    if said is not None:
        say(said)
        return
    if empty is not None and not result:
        say(empty)
        return
    from connectlog.render import console

    console.show(getattr(importlib.import_module(f"connectlog.render.{module}"), view)(result))


def say(message: str) -> None:
    """Write ``message``, one line, on stderr, with any control character in it shown, not obeyed.

    Every line connectlog says to a person (what a command did, a refusal, a
    warning) is one line, and the names it quotes may come from a partner's
    bundle: a newline in them is shown too (``render/terminal.py``).
    """
    from connectlog.render.terminal import one_line

    typer.echo(one_line(message), err=True)


def say_text(text: str) -> None:
    """Write ``text``, many lines as they are, on stderr: what the writer typed, given back.

    To a file or a pipe it goes exactly as typed; at a terminal a control
    character in it is shown, not obeyed (its newlines and tabs stay).
    """
    import sys

    from connectlog.render.terminal import visible

    typer.echo(visible(text) if sys.stderr.isatty() else text, err=True, nl=False)


def prompt_text(question: str) -> str:
    """``question`` as :func:`say` would write it, for ``typer.prompt`` or ``typer.confirm``."""
    from connectlog.render.terminal import one_line

    return one_line(question)


def paged(parts: Iterable[RenderableType], *, pager: bool = True) -> None:
    """Show ``parts`` one after another, through a pager at a terminal, as git does.

    The pager is ``$PAGER`` (a command and its arguments; empty or ``cat`` for
    none), else ``less`` with ``LESS=FRX`` unless ``$LESS`` is set: it quits at
    once when all of it fits on one screen, and shows the colours. Never when
    stdout is not a terminal, nor with ``pager=False``; and when the pager
    cannot be started, straight to the terminal instead.
    """
    from connectlog.render import console

    command = _pager() if pager and sys.stdout.isatty() else None
    if command is None:
        console.show_all(parts)
        return
    environment = dict(os.environ)
    environment.setdefault("LESS", "FRX")
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, env=environment, text=True, encoding="utf-8"
        )
    except OSError:
        console.show_all(parts)
        return
    assert process.stdin is not None
    try:
        with process.stdin:
            console.show_all(parts, file=process.stdin)
    except BrokenPipeError:  # the reader quit the pager before the end
        pass
    finally:
        process.wait()


def _pager() -> list[str] | None:
    chosen = os.environ.get("PAGER")
    if chosen is None:
        return ["less"]
    try:
        command = shlex.split(chosen)
    except ValueError:  # unbalanced quotes: no pager rather than a wrong one
        return None
    return None if command in ([], ["cat"]) else command
