"""The README transcripts are real: each `$ connectlog ...` line runs and prints what is shown.

The commands run in order against one fresh journal, with the clock stopped
on a Sunday evening in Berlin (the ``clock`` fixture), so that "monday 19:30"
is always the same day.
After changing output, rewrite the transcripts with:
    CONNECTLOG_WRITE_DOCS=1 pytest tests/test_readme.py
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import Cli

README = Path(__file__).resolve().parent.parent / "README.md"
_BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass
class Step:
    command: str
    output: str


def transcript_steps(text: str) -> list[Step]:
    """Every ``$ connectlog`` line of the README's console blocks, with the lines it printed."""
    steps: list[Step] = []
    for block in _BLOCK.findall(text):
        for line in block.splitlines(keepends=True):
            if line.startswith("$ "):
                steps.append(Step(line[2:].rstrip("\n"), ""))
            elif steps:
                steps[-1].output += line
    return steps


def run_transcript(cli: Cli, steps: list[Step]) -> list[str]:
    outputs = []
    for step in steps:
        words = shlex.split(step.command)
        assert words[0] == "connectlog", step.command
        result = cli(*words[1:], COLUMNS="80")
        assert result.exit_code == 0, (step.command, result.output)
        outputs.append(result.output)
    return outputs


def rewrite(text: str, steps: list[Step], outputs: list[str]) -> str:
    replies = iter(zip(steps, outputs, strict=True))

    def block(match: re.Match[str]) -> str:
        lines = []
        for line in match.group(1).splitlines(keepends=True):
            if line.startswith("$ "):
                step, output = next(replies)
                lines.append(f"$ {step.command}\n{output}")
        return "```console\n" + "".join(lines) + "```"

    return _BLOCK.sub(block, text)


@pytest.mark.usefixtures("clock")
def test_readme_transcripts_are_what_connectlog_prints(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = README.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # files the transcripts write land here
    steps = transcript_steps(text)
    assert len(steps) >= 8, "the README should show a week of use"
    outputs = run_transcript(cli, steps)
    if os.environ.get("CONNECTLOG_WRITE_DOCS"):
        README.write_text(rewrite(text, steps, outputs), encoding="utf-8")
        return
    for step, output in zip(steps, outputs, strict=True):
        assert _UUID.sub("UUID", output) == _UUID.sub("UUID", step.output), (
            f"README output of '{step.command}' is out of date"
        )
