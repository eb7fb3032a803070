"""Inline ``#concept`` tags and ``@person`` mentions found in an entry's text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectlog.journal.tags import InlineTags, find_tags, unique_folded


@pytest.mark.parametrize(
    ("text", "concepts", "people"),
    [
        ("Hugged @Sam after work #touch", ("touch",), ("Sam",)),
        ("#trust and #empathy with @Sam and @Alex", ("trust", "empathy"), ("Sam", "Alex")),
        ("Dinner with @[Mary Ann] and @Jo", (), ("Mary Ann", "Jo")),
        ("@[  Mary   Ann ] spaces fold", (), ("Mary Ann",)),
        ("Long talk (#trust), then #co-regulation.", ("trust", "co-regulation"), ()),
        ("Ending on a tag #trust. Or a dash #repair- then", ("trust", "repair"), ()),
        ("@Sam's idea, @Alex!", (), ("Sam", "Alex")),
        ("Vertrauen: #Vertrauen mit @Zoë und @[José María]", ("Vertrauen",), ("Zoë", "José María")),
        ("#trust\n@Sam\n#touch", ("trust", "touch"), ("Sam",)),
        ("Met @[@Sam] and @[[Jo]] and @[ @Sam ]", (), ("Sam", "Jo")),  # named as stored
        ("no tags at all", (), ()),
        ("", (), ()),
    ],
)
def test_find_tags_finds_concepts_and_people_in_order(
    text: str, concepts: tuple[str, ...], people: tuple[str, ...]
) -> None:
    assert find_tags(text) == InlineTags(concepts=concepts, people=people)


@pytest.mark.parametrize(
    "text",
    [
        "wrote to sam@example.com about it",  # an e-mail address
        "issue #1 and #42 again",  # numbers
        "I code in C# and F#",  # # inside a word
        "see https://example.com/#section",  # a link's fragment
        "read medium.com/@sam/post",  # a link's path
        "quote &#39; entity",  # an HTML entity
        "## heading and # lone hash",
        "@ alone, @[] and @[ ] empty brackets",
        "mailed the list [@[@]] and @[[] and @[@ ]",  # nothing left of the name
        "@[Mary\nAnn] across a line",
        "#_under and @_under and #-dash",
    ],
)
def test_find_tags_ignores_what_is_not_a_tag(text: str) -> None:
    assert find_tags(text) == InlineTags(concepts=(), people=())


def test_find_tags_keeps_each_name_once_case_insensitively_first_spelling_wins() -> None:
    tags = find_tags("#Trust #trust #TRUST @sam @Sam @[SAM] @[Mary Ann] @[mary  ann]")
    assert tags == InlineTags(concepts=("Trust",), people=("sam", "Mary Ann"))


def test_unique_folded_drops_repeats_case_insensitively_keeping_order() -> None:
    assert unique_folded(["b", "A", "a", "B", "c"]) == ("b", "A", "c")
    assert unique_folded(("Straße", "STRASSE")) == ("Straße",)


# Property tests ---------------------------------------------------------------

NAMES = st.text(
    alphabet=st.characters(categories=["Lu", "Ll"]), min_size=1, max_size=8
) | st.sampled_from(["trust", "Trust", "TRUST", "co-regulation", "Sam", "sam", "Ǆ", "ǆ", "ß"])
FILLER = st.sampled_from(
    [" ", "\n", ", ", ". ", "(", ")", "a@b.com", "#1", "C#", "@[Mary Ann]", "@[mary ann]", "x"]
)


@given(st.lists(st.one_of(NAMES.map("#{}".format), NAMES.map("@{}".format), FILLER)))
def test_find_tags_never_returns_a_name_twice_case_insensitively(parts: list[str]) -> None:
    tags = find_tags(" ".join(parts))
    for names in (tags.concepts, tags.people):
        folded = [name.casefold() for name in names]
        assert len(folded) == len(set(folded))


@given(st.lists(NAMES))
def test_find_tags_finds_every_tag_written_apart(names: list[str]) -> None:
    text = " ".join(f"#{name}" for name in names) + " " + " ".join(f"@{name}" for name in names)
    tags = find_tags(text)
    assert tags.concepts == unique_folded(names)
    assert tags.people == unique_folded(names)


@given(st.text())
def test_find_tags_only_returns_names_written_in_the_text(text: str) -> None:
    tags = find_tags(text)
    for concept in tags.concepts:
        assert f"#{concept}" in text
    for person in tags.people:
        assert f"@{person}" in text or person.split()[0] in text
        assert person == person.strip()
        assert person


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Tea with @O'Brien", ("O'Brien",)),  # issue 14: it was "O"
        ("Lunch with @D’Souza today", ("D’Souza",)),
        ("@Sam's birthday", ("Sam",)),  # the possessive is not part of the name
        ("@Jo’s idea", ("Jo",)),
        ("@O' and then", ("O",)),
        ("我和@小明 去了公园", ("小明",)),  # no space before @ after Chinese
        ("今日は@さくら と話した", ("さくら",)),  # nor after Japanese
        ("write to a@b.com", ()),  # still no mention inside a Latin word
    ],
)
def test_apostrophes_in_names_and_mentions_after_cjk(text: str, people: tuple[str, ...]) -> None:
    assert find_tags(text).people == people
