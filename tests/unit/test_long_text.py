"""An entry's text is shown as Rich would show it, a line at a time (render/console.LongText).

Rich prints a Text of many lines as one piece holding them all, which the console
then cuts at each newline by copying what is left: time growing with the square
of the text's length. LongText hands the console each line as its own pieces.
bench/show.py measures the time; these tests check the shape and the output.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console, Group
from rich.text import Text

from connectlog.render.console import LongText, Shown
from connectlog.render.terminal import visible

SAMPLES = [
    "",
    "one",
    "a\n\nb",
    "x" * 300,
    "word " * 100 + "\n\tTab\there\n" + "日本語" * 50,
    "ctrl \x1b[2J and \x9b and \r\n a Windows line end",
    "trailing\n",
    "[bold]not markup[/bold] :smile:",
]


def printed(renderable: object, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    console.print(Shown(Group(Text("Entry 1"), renderable)))  # type: ignore[arg-type]
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


@pytest.mark.parametrize("width", [20, 80, 120])
@pytest.mark.parametrize("text", SAMPLES)
def test_a_long_text_prints_as_rich_prints_the_same_text(text: str, width: int) -> None:
    assert printed(LongText(text), width) == printed(Text(visible(text)), width)


@given(st.text(alphabet=st.sampled_from("ab \n\t-é日\x1b"), max_size=400))
def test_any_text_prints_as_rich_prints_it(text: str) -> None:
    assert printed(LongText(text), 40) == printed(Text(visible(text)), 40)


def test_no_piece_it_hands_the_console_spans_a_line() -> None:
    console = Console(file=io.StringIO(), width=60, color_system=None)
    text = ("we talked about the week " * 4000) + "\n\n" + ("and then " * 4000)
    segments = list(console.render(LongText(text)))
    assert all("\n" not in segment.text or segment.text == "\n" for segment in segments)
    lines = "".join(segment.text for segment in segments).splitlines()
    assert len(lines) > 2000 and all(len(line) <= 60 for line in lines)
    assert " ".join(" ".join(lines).split()) == " ".join(text.split())
