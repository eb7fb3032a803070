"""Options shared by several commands, declared once."""

from __future__ import annotations

from typing import Annotated, Any

import typer

# Re-exported, for the commands' own arguments that take a journal's names.
from connectlog.cli._lazy import complete_concepts as complete_concepts
from connectlog.cli._lazy import complete_people as complete_people
from connectlog.cli._lazy import complete_profiles as complete_profiles

Json = Annotated[bool, typer.Option("--json", help="Print a versioned JSON document.")]
With = Annotated[
    list[str] | None,
    typer.Option(
        "--with",
        "-w",
        metavar="NAME",
        help="Who it was with; repeat or separate with commas.",
        autocompletion=complete_people,
    ),
]
Concept = Annotated[
    list[str] | None,
    typer.Option(
        "--concept",
        "-t",
        metavar="CONCEPT",
        help="A concept (or alias) it touches; repeatable.",
        autocompletion=complete_concepts,
    ),
]
Kind = Annotated[str | None, typer.Option(metavar="KIND", help="emotional, physical or both.")]
Touch = Annotated[
    str | None,
    typer.Option(
        metavar="TOUCH", help="hug, holding hands, kiss, cuddle, massage, sexual or other."
    ),
]
Closeness = Annotated[
    int | None,
    typer.Option(
        "--closeness", "-c", metavar="1-5", min=1, max=5, help="How connected it felt, 1 to 5."
    ),
]
InitiatedBy = Annotated[
    str | None,
    typer.Option("--initiated-by", metavar="WHO", help="Who reached out: me, them or mutual."),
]
Response = Annotated[
    str | None,
    typer.Option(metavar="HOW", help="How the reach was met: toward, away or against."),
]
MoodBefore = Annotated[
    int | None,
    typer.Option("--mood-before", metavar="1-5", min=1, max=5, help="Your mood before, 1 to 5."),
]
MoodAfter = Annotated[
    int | None,
    typer.Option("--mood-after", metavar="1-5", min=1, max=5, help="Your mood after, 1 to 5."),
]
When = Annotated[
    str | None,
    typer.Option(
        "--when",
        metavar="WHEN",
        help="When it happened: 'yesterday 8pm', 'last friday', '2 days ago', ISO. Default: now.",
    ),
]
#: ``edit``'s: an entry keeps its time unless told.
NewWhen = Annotated[
    str | None,
    typer.Option(
        "--when",
        metavar="WHEN",
        help="When it happened instead: 'yesterday 8pm', 'last friday', '2 days ago', ISO.",
    ),
]
EntryId = Annotated[
    int, typer.Argument(metavar="ID", help="The entry's number, as 'connectlog list' shows.")
]


def typer_app(**settings: Any) -> typer.Typer:
    """A Typer app with connectlog's settings: plain help, no completion install."""
    return typer.Typer(rich_markup_mode=None, add_completion=False, **settings)


# The filters of 'list' and 'read': every filter given must match.
Since = Annotated[str | None, typer.Option(metavar="DATE", help="From this day on, e.g. 'monday'.")]
Until = Annotated[str | None, typer.Option(metavar="DATE", help="Up to and including this day.")]
KindFilter = Annotated[
    str | None,
    typer.Option(metavar="KIND", help="emotional or physical (each includes both), or both."),
]
MinCloseness = Annotated[
    int | None,
    typer.Option("--min-closeness", metavar="1-5", min=1, max=5, help="Closeness at least N."),
]
MaxCloseness = Annotated[
    int | None,
    typer.Option("--max-closeness", metavar="1-5", min=1, max=5, help="Closeness at most N."),
]
WithAll = Annotated[
    list[str] | None,
    typer.Option(
        "--with",
        "-w",
        metavar="NAME",
        help="With every one of these people (-w Jo,Mum: with both); repeat or separate "
        "with commas.",
        autocompletion=complete_people,
    ),
]
WithAny = Annotated[
    list[str] | None,
    typer.Option(
        "--with-any",
        metavar="NAME",
        help="With at least one of these people (--with-any Jo,Mum: either).",
        autocompletion=complete_people,
    ),
]
On = Annotated[str | None, typer.Option(metavar="DATE", help="Only this day, e.g. 'yesterday'.")]
Starred = Annotated[bool, typer.Option("--starred", help="Only starred entries.")]
Private = Annotated[
    bool | None,
    typer.Option(
        "--private/--not-private",
        help="Only private entries, or only the others.",
        show_default=False,
    ),
]
Appreciation = Annotated[
    bool, typer.Option("--appreciation", help="Only the moments marked as appreciations.")
]
Author = Annotated[
    str | None,
    typer.Option(
        "--author",
        metavar="PROFILE",
        help="Only entries this profile wrote.",
        autocompletion=complete_profiles,
    ),
]
Search = Annotated[
    str | None,
    typer.Option(metavar="WORDS", help="Words that must all appear in the text, any case."),
]

Limit = Annotated[
    # SQLite counts in 64 bits; no journal holds a billion entries.
    int,
    typer.Option(metavar="N", min=0, max=10**9, help="Show at most N entries; 0 shows all."),
]
