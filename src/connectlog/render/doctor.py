"""``connectlog doctor``'s report: a line for each finding, what to do under it, and a verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from connectlog import messages
from connectlog.render.console import stored

if TYPE_CHECKING:
    from connectlog.journal.types.doctor import Checkup

#: How each status is marked, and in what style.
MARKS = {
    "ok": ("ok", "green"),
    "note": ("note", "cyan"),
    "attention": ("!!", "bold red"),
    "fixed": ("fixed", "green"),
}


def checkup_view(checkup: Checkup) -> RenderableType:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for finding in checkup.findings:
        mark, style = MARKS[finding.status]
        said = stored(finding.found)
        if finding.todo:
            said.append("\n")
            said.append_text(stored(f"→ {finding.todo}", style="italic"))
        table.add_row(Text(mark, style=style), finding.check.replace("_", " "), said)
    return Group(stored(str(checkup.journal), style="bold"), table, _verdict(checkup))


def _verdict(checkup: Checkup) -> Text:
    attention = sum(1 for finding in checkup.findings if finding.status == "attention")
    if not attention:
        return Text(messages.DOCTOR_ALL_WELL, style="green")
    said = messages.DOCTOR_ATTENTION.format(
        count=messages.count(attention, "thing", "things"),
        verb="needs" if attention == 1 else "need",
    )
    if checkup.fixable and not checkup.fix:
        said = f"{said} {messages.DOCTOR_CAN_FIX.format(count=checkup.fixable)}"
    return Text(said, style="bold red")
