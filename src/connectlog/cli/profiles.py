"""``connectlog profile``: the writers who share this journal, and partners' names for them."""

from __future__ import annotations

from typing import Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _options, _output

app = _options.typer_app(
    name="profile",
    help="The writers of this journal: add one, list them, name aliases, rename or remove one.",
)


@app.command("add")
def add_profile(
    name: Annotated[str, typer.Argument(help="The new writer's name.")],
    alias: Annotated[
        list[str] | None,
        typer.Option(metavar="NAME", help="Another name entries use for them; repeatable."),
    ] = None,
    json: _options.Json = False,
) -> None:
    """Add a writer to this journal; write as them with --as NAME."""
    from connectlog.journal.profiles import add_profile as add

    with _context.session(write=True) as session:
        info = add(session, name=name, aliases=alias or [], now=_context.now())
    _output.present(
        "profiles", [info], json=json, said=messages.PROFILE_ADDED.format(name=info.name)
    )


@app.command("list")
def list_profiles(json: _options.Json = False) -> None:
    """List the profiles: who writes here, and partners whose weeks were imported."""
    from connectlog.journal.profiles import list_profiles as listing

    with _context.session() as session:
        found = listing(session)
    _output.present("profiles", found, json=json, empty=messages.NO_PROFILES)


@app.command("alias")
def alias_profile(
    name: Annotated[
        str, typer.Argument(help="The profile.", autocompletion=_options.complete_profiles)
    ],
    alias: Annotated[str, typer.Argument(help="Another name for them, e.g. a nickname.")],
) -> None:
    """Let another name stand for a profile, as in a partner's @Lex for Alex."""
    from connectlog.journal.profiles import add_alias

    with _context.session(write=True) as session:
        stored, profile = add_alias(session, profile=name, alias=alias)
    _output.say(messages.ALIAS_ADDED.format(alias=stored, name=profile))


@app.command("rename")
def rename_profile(
    old: Annotated[
        str,
        typer.Argument(
            help="The profile's name now (or one of its aliases).",
            autocompletion=_options.complete_profiles,
        ),
    ],
    new: Annotated[str, typer.Argument(help="The name to use from now on.")],
) -> None:
    """Rename a profile; its entries, aliases, reviews and shared identity follow.

    A partner's profile is renamed in this journal only; their bundles still
    land under it. Your partner's journal learns your new name from your next
    bundle. To keep the old name working in @mentions, add it back as an
    alias: connectlog profile alias NEW OLD.
    """
    from connectlog.journal.profiles import rename_profile as rename

    with _context.session(write=True) as session:
        before, after = rename(session, old=old, new=new)
    if before == after.name:
        _output.say(messages.PROFILE_SAME_NAME.format(name=after.name))
        return
    said = messages.PROFILE_RENAMED_PARTNER if after.imported else messages.PROFILE_RENAMED
    _output.say(said.format(old=before, new=after.name))
    source = _default_source(before)
    if source is not None:
        again = messages.DEFAULT_PROFILE_RENAMED.format(source=source, old=before, new=after.name)
        _output.say(again)


@app.command("remove")
def remove_profile(
    name: Annotated[
        str,
        typer.Argument(
            help="The profile to remove (or one of its aliases).",
            autocompletion=_options.complete_profiles,
        ),
    ],
    reassign: Annotated[
        str | None,
        typer.Option(
            metavar="TO", help="Move its entries and reviews to this profile of yours first."
        ),
    ] = None,
    with_entries: Annotated[
        bool,
        typer.Option(
            "--with-entries", help="For a partner's profile: remove their entries with it."
        ),
    ] = False,
) -> None:
    """Remove a profile that wrote nothing, or move what it wrote with --reassign TO.

    A profile that wrote entries or took part in reviews is kept unless
    --reassign names another of your profiles to take them. A partner's
    entries never become yours: their profile goes only with --with-entries,
    and a newer bundle from them brings it and their entries back.
    """
    from connectlog.journal.profiles import remove_profile as remove

    with _context.session(write=True) as session:
        removed = remove(
            session, name=name, reassign=reassign, with_entries=with_entries, now=_context.now()
        )
    if removed.target is not None and (removed.entries or removed.reviews):
        counted = [(removed.entries, "entry", "entries"), (removed.reviews, "review", "reviews")]
        what = " and ".join(messages.count(*each) for each in counted if each[0])
        said = messages.PROFILE_REMOVED_MOVED.format(
            name=removed.name, what=what, target=removed.target
        )
    elif removed.entries:
        entries = messages.count(removed.entries, "entry", "entries")
        said = messages.PROFILE_REMOVED_WITH.format(name=removed.name, entries=entries)
    else:
        said = messages.PROFILE_REMOVED.format(name=removed.name)
    _output.say(said)
    if removed.default is not None:
        _output.say(messages.PROFILE_NEW_DEFAULT.format(name=removed.default))
    source = _default_source(*removed.names)
    if source is not None:
        gone = messages.DEFAULT_PROFILE_GONE.format(source=source, name=removed.name)
        _output.say(gone)


def _default_source(*names: str) -> str | None:
    """Where the profile to write as is set, if it is set to one of ``names``."""
    import os

    from connectlog.config import PROFILE_ENV, config_path, load_settings
    from connectlog.errors import ConnectlogError
    from connectlog.journal.people import clean_name

    try:
        chosen = load_settings().profile
        if chosen is None or clean_name(chosen).casefold() not in {n.casefold() for n in names}:
            return None
    except ConnectlogError:  # a broken config file is reported by the commands that read it
        return None
    if os.environ.get(PROFILE_ENV):
        return messages.PROFILE_SOURCE_ENV
    return messages.PROFILE_SOURCE_CONFIG.format(path=config_path())
