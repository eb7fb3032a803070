"""An export comes back exactly: any journal, exported, imported into an empty one, is the same.

Hypothesis writes journals the way their writers would (several profiles with
aliases, a partner's entries as their bundles bring them, concepts of their
own, entries with any fields, edited, made private, shared again, deleted,
reviews said and taken back), exports each as ``export --format json`` does,
imports the file into an empty journal and compares everything but row
numbers; a second import of the same file changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, select

from connectlog.analytics.periods import Period
from connectlog.journal.concepts import add_concept
from connectlog.journal.entries import delete_entry, place_entry, record_entry, update_entry
from connectlog.journal.exports import export_journal
from connectlog.journal.imports import import_file
from connectlog.journal.people import ensure_people
from connectlog.journal.profiles import add_profile, create_profile
from connectlog.journal.reviews import save_review
from connectlog.journal.types.entries import EntryChanges, EntryDraft
from connectlog.journal.types.reviews import Agenda, ReviewDraft, Said
from connectlog.paths import JournalLocation
from connectlog.render.export import json_text
from connectlog.storage.store import Journal, open_journal
from connectlog.storage.tables import entry, review_line
from tests.journal_contents import everything

START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
ZONES = [timezone(timedelta(hours=hours)) for hours in (-5, 0, 1, 5.5, 13)]

words = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="#@[]", max_codepoint=0x1F600
    ),
    min_size=1,
    max_size=30,
).filter(lambda text: bool(text.strip()))
texts = st.builds(lambda a, b: f"{a}\n{b}" if b else a, words, st.none() | words)
ratings = st.none() | st.integers(1, 5)
adds = st.fixed_dictionaries(
    {
        "step": st.just("add"),
        "author": st.integers(0, 2),
        "text": texts,
        "day": st.integers(0, 40),
        "zone": st.sampled_from(ZONES),
        "closeness": ratings,
        "kind": st.none() | st.sampled_from(["emotional", "physical", "both"]),
        "mood": ratings,
        "people": st.lists(st.sampled_from(["Sam", "Jo", "Mary Ann", "Ümit"]), max_size=2),
        "concepts": st.lists(st.sampled_from(["trust", "touch", "repair", "games"]), max_size=2),
        "flags": st.lists(st.booleans(), min_size=3, max_size=3),
    }
)
changes = st.fixed_dictionaries(
    {
        "step": st.sampled_from(["edit", "private", "public", "delete"]),
        "which": st.integers(0, 100),
        "closeness": st.integers(1, 5),
    }
)
reviews = st.fixed_dictionaries(
    {
        "step": st.just("review"),
        "week": st.integers(0, 5),
        "said": st.lists(texts, min_size=1, max_size=3),
        "take_back": st.booleans(),
    }
)
partner = st.fixed_dictionaries(
    {
        "step": st.just("partner"),
        "text": texts,
        "day": st.integers(0, 40),
        "private": st.just(False),
    }
)
plans = st.lists(st.one_of(adds, changes, reviews, partner), min_size=1, max_size=12)


@pytest.fixture(scope="module")
def journals(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Journal, Journal, Path]]:
    folder = tmp_path_factory.mktemp("roundtrip")
    source = open_journal(JournalLocation(path=folder / "source.db"))
    target = open_journal(JournalLocation(path=folder / "target.db"))
    yield source, target, folder / "export.json"
    source.close()
    target.close()


def play(db: Connection, plan: list[dict[str, Any]]) -> datetime:
    """Write ``plan`` into the journal ``db``; returns the time after the last step."""
    now = START
    add_profile(db, name="Alex", aliases=["Lex"], now=now)
    add_profile(db, name="Robin", now=now)
    add_concept(db, name="games", aliases=["play"], meaning="Playing together", now=now)
    sam = create_profile(db, "Sam", now=now, imported=True)
    ids: list[int] = []
    for step in plan:
        now += timedelta(minutes=7)
        kind = step["step"]
        if kind == "add":
            starred, appreciation, private = step["flags"]
            occurred = (START + timedelta(days=step["day"])).astimezone(step["zone"])
            draft = EntryDraft(
                text=step["text"],
                occurred_at=occurred,
                people=tuple(step["people"]),
                concepts=tuple(step["concepts"]),
                kind=step["kind"],
                closeness=step["closeness"],
                mood_before=step["mood"],
                mood_after=step["mood"],
                starred=starred,
                appreciation=appreciation,
                private=private,
            )
            author = ("Alex", "Robin", "Lex")[step["author"]]
            ids.append(record_entry(db, draft, author=author, now=now).id)
        elif kind == "partner":  # as Sam's bundle brings it
            occurred = START + timedelta(days=step["day"])
            made = place_entry(
                db,
                None,
                EntryDraft(text=step["text"], occurred_at=occurred),
                author_id=sam.id,
                uuid=f"00000000-0000-4000-8000-{int(now.timestamp()):012d}",
                created_at=now,
                updated_at=now,
                concepts=[],
                people=ensure_people(db, ["Alex"], now=now),
            )
            ids.append(made.id)  # a partner's: the edits below leave it alone
        elif kind == "review":
            _review(db, step, now=now)
        elif ids:
            chosen = ids[step["which"] % len(ids)]
            writer = db.execute(select(entry.c.author_id).where(entry.c.id == chosen)).scalar()
            if writer == sam.id:
                continue
            if kind == "delete":
                delete_entry(db, chosen, now=now)
                ids.remove(chosen)
            elif kind == "edit":
                update_entry(db, chosen, EntryChanges(closeness=step["closeness"]), now=now)
            else:
                update_entry(db, chosen, EntryChanges(private=kind == "private"), now=now)
    return now + timedelta(minutes=1)


def _review(db: Connection, step: dict[str, Any], *, now: datetime) -> None:
    start = date(2026, 6, 1) + timedelta(weeks=step["week"])
    period = Period(label=start.strftime("%G-W%V"), start=start, end=start + timedelta(days=6))
    agenda = Agenda(
        period=period,
        participants=("Alex", "Sam"),
        last_intentions=(),
        last_week=None,
        appreciations=(),
        went_right=(),
        two_views=(),
        to_talk_about=(),
    )
    said = step["said"]
    draft = ReviewDraft(
        appreciations=tuple(Said(text=text, who="Alex") for text in said),
        notes=(Said(text=said[0], who="Sam", question="What went well?"),),
        topic=said[-1],
        intentions=(Said(text=said[0]),),
    )
    saved = save_review(db, agenda, draft, now=now)
    if step["take_back"] and saved.appreciations:
        line = saved.appreciations[0].id
        assert line is not None
        save_review(db, agenda, ReviewDraft(removed=(line,)), now=now + timedelta(seconds=1))
        assert db.execute(select(review_line.c.removed).where(review_line.c.id == line)).scalar()


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plans)
def test_an_exported_journal_imports_exactly_and_a_second_import_changes_nothing(
    journals: tuple[Journal, Journal, Path], plan: list[dict[str, Any]]
) -> None:
    source, target, path = journals
    with source.reading() as db:  # rolled back: every example starts from empty journals
        now = play(db, plan)
        exported = export_journal(db, private=True, now=now)
        path.write_text("".join(json_text(exported)), encoding="utf-8")
        wanted = everything(db)
    later = START + timedelta(days=60)  # past every moment of the plan
    with target.reading() as db:
        import_file(db, path, now=later)
        assert everything(db) == wanted
        report = import_file(db, path, now=later)
        assert (report.added, report.updated, report.removed) == (0, 0, 0)
        assert everything(db) == wanted
