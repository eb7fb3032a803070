"""A review's draft: what a stopped review keeps, read back to go on from, or shown if it cannot be.

The file is the writer's own words first; the line after the mark is read as
any file from outside is, so whatever the file holds, reading it never fails
and never loses it.
"""

from __future__ import annotations

import stat
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectlog.journal.drafts import RESUME_MARK, Answer, review_drafts, save_review_draft

NOW = datetime(2026, 11, 22, 20, 15).astimezone()
#: What a prompt can return: one line of text, any characters but line ends and half ones.
LINE = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\n\r"), max_size=40)
ANSWERS = st.lists(
    st.builds(Answer, question=LINE, text=LINE, entry=st.none() | st.integers(1, 10**9)),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(answers=ANSWERS)
def test_every_answer_kept_is_read_back_as_it_was(
    tmp_path_factory: pytest.TempPathFactory, answers: list[Answer]
) -> None:
    folder = tmp_path_factory.mktemp("drafts")
    path = save_review_draft(folder, week="2026-W47", answers=tuple(answers), now=NOW)
    (found,) = review_drafts(folder, week="2026-W47")
    assert (found.path, found.answers, found.kept_at) == (path, tuple(answers), NOW)
    for answer in answers:
        if answer.text:
            assert f"{answer.question}: {answer.text}\n" in found.text
    assert review_drafts(folder, week="2026-W48") == []


@settings(max_examples=150, deadline=None)
@given(head=st.binary(max_size=200), tail=st.binary(max_size=300))
def test_any_bytes_are_read_without_failing_and_left_as_they_are(
    tmp_path_factory: pytest.TempPathFactory,
    head: bytes,
    tail: bytes,
) -> None:
    folder = tmp_path_factory.mktemp("drafts")
    path = folder / "review-2026-W47-20261122-201500.txt"
    content = head + f"\n{RESUME_MARK}\n".encode() + tail
    path.write_bytes(content)
    (found,) = review_drafts(folder, week="2026-W47")
    assert found.path == path
    if found.answers is None:
        assert found.kept_at is None
    assert path.read_bytes() == content


def test_a_draft_is_private_and_never_written_over(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    first = save_review_draft(folder, week="2026-W47", answers=(Answer("q", "a"),), now=NOW)
    second = save_review_draft(folder, week="2026-W47", answers=(Answer("q", "b"),), now=NOW)
    assert first != second
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    # The latest first, even within one second.
    assert [draft.path for draft in review_drafts(folder, week="2026-W47")] == [second, first]


def test_a_week_that_is_not_a_week_finds_nothing_and_names_no_file(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    save_review_draft(folder, week="2026-W47", answers=(Answer("q", "a"),), now=NOW)
    assert review_drafts(folder, week="../2026-W47") == []
    assert review_drafts(folder, week="*") == []
    assert review_drafts(tmp_path / "nowhere", week="2026-W47") == []
