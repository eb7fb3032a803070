"""builtin concepts

Insert the twelve built-in concepts (meaning, systems, reflection questions)
and their aliases. This is frozen history: the data lives here, not in
connectlog code, so later changes to the app never change what this did.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import NamedTuple

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


class _Concept(NamedTuple):
    name: str
    meaning: str
    systems: str
    questions: tuple[str, ...]
    aliases: tuple[str, ...]


CONCEPTS: tuple[_Concept, ...] = (
    _Concept(
        name="trust",
        meaning="Feeling safe enough to rely on someone and let your guard down.",
        systems="Oxytocin, released with touch and closeness, supports trust.",
        questions=(
            "What made it feel safe to rely on them here?",
            "Did anything make me hold back?",
        ),
        aliases=("safety", "safe", "reliance"),
    ),
    _Concept(
        name="empathy",
        meaning="Sensing what someone else feels and caring about it.",
        systems="Anterior cingulate cortex, insula, prefrontal cortex; oxytocin.",
        questions=(
            "What did I sense they were feeling?",
            "How did I let them know I noticed?",
        ),
        aliases=("compassion", "caring"),
    ),
    _Concept(
        name="touch",
        meaning="Physical contact that comforts, reassures or draws you closer.",
        systems="Oxytocin, released with touch and closeness; reward circuitry.",
        questions=(
            "How did the touch change how I felt?",
            "Was it what we both wanted in that moment?",
        ),
        aliases=("affection", "physical", "contact"),
    ),
    _Concept(
        name="attachment",
        meaning="The lasting bond that makes someone feel like home.",
        systems="Vasopressin, tied to pair bonding; oxytocin; reward circuitry.",
        questions=("What in this moment reminded me that we belong together?",),
        aliases=("bonding", "bond", "belonging"),
    ),
    _Concept(
        name="resonance",
        meaning="Feeling in sync, as if you share the same wavelength for a moment.",
        systems="Mirror neurons; anterior cingulate cortex, insula, prefrontal cortex.",
        questions=(
            "When did I feel we were in sync?",
            "What were we doing or feeling together?",
        ),
        aliases=("mirroring", "in-sync", "attunement"),
    ),
    _Concept(
        name="reward",
        meaning="The good feeling of being together that makes you want more of it.",
        systems="Reward circuitry from the ventral tegmental area; dopamine.",
        questions=(
            "What part of this felt good?",
            "What would I like to do again?",
        ),
        aliases=("joy", "pleasure", "delight", "fun"),
    ),
    _Concept(
        name="regulation",
        meaning="Calming down, alone or with each other's help, when feelings run high.",
        systems="Prefrontal cortex calming the amygdala; oxytocin; anterior cingulate cortex.",
        questions=(
            "What helped one of us settle?",
            "How did my body feel before and after?",
        ),
        aliases=("soothing", "calming", "co-regulation"),
    ),
    _Concept(
        name="communication",
        meaning="Saying what you mean and hearing what the other means.",
        systems="Prefrontal cortex, anterior cingulate cortex and insula read social cues.",
        questions=(
            "What did I say, and what did they hear?",
            "Was there something left unsaid?",
        ),
        aliases=("talk", "listening", "conversation"),
    ),
    _Concept(
        name="responsiveness",
        meaning="Feeling understood and cared for when you reach out.",
        systems="Reward circuitry (ventral tegmental area, dopamine); oxytocin.",
        questions=(
            "When I reached out, how did they respond?",
            "Did I feel understood?",
        ),
        aliases=("understood", "cared-for", "responsive"),
    ),
    _Concept(
        name="vulnerability",
        meaning="Opening up and letting someone see what you usually keep inside.",
        systems="Oxytocin, which supports trust; prefrontal cortex calming the amygdala.",
        questions=(
            "What did I share that felt risky?",
            "How was it received?",
        ),
        aliases=("opening-up", "openness", "sharing"),
    ),
    _Concept(
        name="disconnection",
        meaning="Feeling apart, unseen or cut off, even when you are close by.",
        systems=(
            "Social pain overlaps physical pain circuitry, "
            "e.g. anterior cingulate cortex and insula."
        ),
        questions=(
            "When did I start to feel apart?",
            "What did I need that I did not get?",
        ),
        aliases=("distance", "lonely", "rupture"),
    ),
    _Concept(
        name="repair",
        meaning="Finding your way back to each other after a rupture or a hard moment.",
        systems="Prefrontal regulation of the amygdala; oxytocin; reward circuitry.",
        questions=(
            "What helped us find our way back?",
            "What would I do the same next time?",
        ),
        aliases=("reconnecting", "apology", "making-up"),
    ),
)

concept_table = sa.table(
    "concept",
    sa.column("id", sa.Integer()),
    sa.column("name", sa.String()),
    sa.column("meaning", sa.String()),
    sa.column("systems", sa.String()),
    sa.column("questions", sa.String()),
    sa.column("builtin", sa.Boolean()),
    sa.column("created_at", sa.DateTime()),
)

alias_table = sa.table(
    "concept_alias",
    sa.column("id", sa.Integer()),
    sa.column("concept_id", sa.Integer()),
    sa.column("alias", sa.String()),
)


def upgrade() -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    op.bulk_insert(
        concept_table,
        [
            {
                "name": c.name,
                "meaning": c.meaning,
                "systems": c.systems,
                "questions": "\n".join(c.questions),
                "builtin": True,
                "created_at": now,
            }
            for c in CONCEPTS
        ],
    )
    rows = op.get_bind().execute(
        sa.select(concept_table.c.id, concept_table.c.name).where(
            concept_table.c.name.in_([c.name for c in CONCEPTS])
        )
    )
    ids = {name: concept_id for concept_id, name in rows}
    op.bulk_insert(
        alias_table,
        [{"concept_id": ids[c.name], "alias": alias} for c in CONCEPTS for alias in c.aliases],
    )


def downgrade() -> None:
    builtin_ids = sa.select(concept_table.c.id).where(concept_table.c.builtin.is_(True))
    op.execute(alias_table.delete().where(alias_table.c.concept_id.in_(builtin_ids)))
    op.execute(concept_table.delete().where(concept_table.c.builtin.is_(True)))
