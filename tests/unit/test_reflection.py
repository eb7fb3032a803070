"""``prompt --another``: another question than the day's, whatever the concepts (issue 14)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from connectlog.analytics.looking_back import ConceptUse, choose_reflection

TODAY = date(2026, 12, 3)

uses_strategy = st.lists(
    st.builds(
        ConceptUse,
        name=st.sampled_from(["trust", "touch", "repair", "play"]),
        questions=st.lists(st.sampled_from(["a?", "b?", "c?", "d?"]), max_size=3).map(tuple),
        last_used=st.none() | st.integers(0, 90).map(lambda days: TODAY - timedelta(days=days)),
    ),
    max_size=5,
)


@given(uses=uses_strategy, draw=st.integers(1, 10_000), days=st.integers(0, 3000))
def test_another_draw_is_never_the_days_question_while_there_is_another(
    uses: list[ConceptUse], draw: int, days: int
) -> None:
    today = TODAY + timedelta(days=days)
    day = choose_reflection(uses, today=today)
    other = choose_reflection(uses, today=today, draw=draw)
    questions = {question for use in uses for question in use.questions}
    if not questions:
        assert day is None and other is None
        return
    assert day is not None and other is not None
    if len(questions) > 1:
        assert other.question != day.question
    else:
        assert other == day  # nothing else to ask
    # It is one of the concept's own questions.
    assert any(use.name == other.concept and other.question in use.questions for use in uses)


def test_the_days_question_stays_put_and_another_may_change() -> None:
    uses = [ConceptUse(name, (f"{name} one?", f"{name} two?"), None) for name in ("a", "b", "c")]
    assert choose_reflection(uses, today=TODAY) == choose_reflection(uses, today=TODAY, draw=0)
    others = {choose_reflection(uses, today=TODAY, draw=n) for n in range(1, 60)}
    assert len(others) > 2
