"""The inline tag parser, fuzzed: any text is read for ``#concepts`` and ``@people``, never broken.

Texts dense in what the parser looks at (``#``, ``@``, brackets, letters of
every script and case, digits, dashes, marks that join letters, spaces of every
kind, and look-alikes such as the full-width ``＃``) are read by
:func:`~connectlog.journal.tags.find_tags`, which must give names written in
the text, each once; then saved as an entry and written over one (``add`` and
``edit`` as they run), which must either keep exactly those concepts and people
or refuse with a :class:`ConnectlogError`, the journal as it was.
``tests/unit/test_tags.py`` holds the parser's rules example by example.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectlog.errors import ConnectlogError
from connectlog.journal.concepts import add_concept, concept_key
from connectlog.journal.entries import record_entry, update_entry
from connectlog.journal.tags import find_tags
from connectlog.journal.types.entries import EntryChanges, EntryDraft, EntryView
from connectlog.paths import JournalLocation
from connectlog.storage.store import Journal, open_journal
from tests.property.fuzzing import attempt, told

NOW = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
FIXTURE = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

#: What the parser looks at, and what looks like it.
MARKS = [*"#@[]-_./&' \n\t,!(", "＃", "＠", "\u00a0", "\u200b", "\u202e", "\u0301", "\r"]
LETTERS = [*"aZsSé", "ß", "İ", "ı", "ǅ", "ﬁ", "Σ", "ς", "я", "字", "ا", "1", "٣", "_", "😀"]
texts = st.text(alphabet=st.sampled_from(MARKS + LETTERS), max_size=60)
words = st.text(alphabet=st.sampled_from([*LETTERS, "-", "_"]), min_size=1, max_size=8)
pieces = st.one_of(
    words.map("#{}".format),
    words.map("@{}".format),
    st.text(alphabet=st.sampled_from([*LETTERS, " ", "\t", "-", "[", "@", "#"]), max_size=10).map(
        "@[{}]".format
    ),
    st.sampled_from(["#trust", "#Trust", "#play", "@Sam", "@sam", "@[Mary Ann]", "a@b.c", "C#"]),
    texts,
)
composed = st.lists(pieces, max_size=6).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(text=texts | composed)
def test_every_name_found_is_written_in_the_text_once(text: str) -> None:
    tags = find_tags(text)
    for concept in tags.concepts:
        assert f"#{concept}" in text
        assert re.fullmatch(r"[^\W\d_][\w-]*", concept) and not concept.endswith("-")
    for person in tags.people:
        assert person and person == " ".join(person.split())
        assert f"@{person}" in text or "@[" in text
    for names in (tags.concepts, tags.people):
        folded = [name.casefold() for name in names]
        assert len(set(folded)) == len(folded)


@pytest.fixture
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    opened = open_journal(JournalLocation(path=tmp_path_factory.mktemp("tags") / "journal.db"))
    with opened.writing() as db:
        add_concept(db, name="games", aliases=["play"], now=NOW)
        first = EntryDraft(text="First @Sam #trust", occurred_at=NOW)
        record_entry(db, first, author="me", now=NOW)
    yield opened
    opened.close()


def assert_tagged_as_written(view: EntryView, text: str, *, also: tuple[str, ...] = ()) -> None:
    """The entry's people are the names in ``text`` and its concepts the tags in it."""
    tags = find_tags(text)
    assert sorted(name.casefold() for name in view.people) == sorted(
        {name.casefold() for name in (*tags.people, *also)}
    )
    named = {concept_key(name) for name in tags.concepts}
    aliases = {"play": "games"}
    assert set(view.concepts) == {aliases.get(key, key) for key in named}


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURE)
@given(text=texts | composed)
def test_any_text_is_saved_with_its_tags_or_refused_cleanly(journal: Journal, text: str) -> None:
    def save(db: object) -> EntryView:
        draft = EntryDraft(text=text, occurred_at=NOW)
        return record_entry(db, draft, author="me", now=NOW)  # type: ignore[arg-type]

    result = attempt(journal, save)
    told(result)
    if isinstance(result, EntryView):
        assert_tagged_as_written(result, result.text)


@settings(max_examples=80, deadline=None, suppress_health_check=FIXTURE)
@given(text=texts | composed)
def test_any_text_written_over_an_entry_keeps_its_tags_or_is_refused_cleanly(
    journal: Journal, text: str
) -> None:
    def edit(db: object) -> EntryView:
        return update_entry(db, 1, EntryChanges(text=text), now=NOW)  # type: ignore[arg-type]

    result = attempt(journal, edit)
    told(result)
    if not isinstance(result, ConnectlogError):
        assert_tagged_as_written(result, result.text)
