"""What ``connectlog doctor`` found: each check's findings, and what to do about them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

#: ``ok``: nothing to do; ``note``: worth knowing, nothing needs doing;
#: ``attention``: something to do (doctor exits 1); ``fixed``: ``--fix`` did it.
Status = Literal["ok", "note", "attention", "fixed"]

#: Every check, in the order doctor runs and shows them.
CHECKS = (
    "integrity",
    "foreign_keys",
    "orphans",
    "schema",
    "permissions",
    "leftovers",
    "backups",
    "drafts",
)


@dataclass(frozen=True)
class Finding:
    """One thing a check found: what it is, and what to do (None: nothing).

    ``paths``: the files it is about. ``fixable``: ``doctor --fix`` would do
    what ``todo`` says (for a finding that needs attention).
    """

    check: str
    status: Status
    found: str
    todo: str | None = None
    paths: tuple[Path, ...] = ()
    fixable: bool = False


@dataclass(frozen=True)
class Checkup:
    """Every finding about the journal at ``journal``; ``fix``: whether ``--fix`` was asked."""

    journal: Path
    findings: tuple[Finding, ...]
    fix: bool

    @property
    def healthy(self) -> bool:
        """Nothing needs attention (what ``--fix`` did does not)."""
        return not any(finding.status == "attention" for finding in self.findings)

    @property
    def fixable(self) -> int:
        """How many findings ``doctor --fix`` would see to."""
        return sum(1 for finding in self.findings if finding.fixable)
