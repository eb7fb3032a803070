"""The ``--json`` documents, declared as models so that their JSON Schemas follow from them.

One model per document and per record nested in one; ``connectlog schema TYPE``
prints :func:`json_schema` of the document whose ``"type"`` is TYPE, and
``tests/test_json_contract.py`` holds what every command really prints to it.
The renderers (``render/json.py``, ``render/export.py``) write the documents;
nothing here is used to write them, only to describe them. Entries reuse the
records of :mod:`connectlog.models` (``EntryPublic``, ``ShareBundle``) rather
than naming an entry's fields again; the shapes and meanings are those of
docs/json.md and docs/data.md.

The schemas are strict, so that a renderer that adds, drops or renames a key
fails the contract test: no object takes a key it does not declare, and every
key is required, because a document never leaves one out (an optional value
that is not set is ``null``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode
from pydantic_core import CoreSchema, core_schema

from connectlog.journal import vocab
from connectlog.models import Day, EntryPublic, ReviewLineRecord, ShareBundle, Time, Uuid

#: The dialect of every schema: what pydantic generates.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

Rounded = Annotated[float | None, Field(description="Rounded to two decimals; null if none.")]


class Part(BaseModel):
    """An object of a document: exactly the keys declared, no other."""

    model_config = ConfigDict(extra="forbid")


class Document(Part):
    """What every document has: its version, and what it holds."""

    version: Literal[1] = Field(description="The shape's version.")


class DocumentSchema(GenerateJsonSchema):
    """pydantic's JSON Schema, with every key required and the dialect named.

    A document always carries every key of its shape (DESIGN: absent optional
    values are null, never missing), so a key with a default is required too.
    """

    def field_is_required(
        self,
        field: core_schema.ModelField | core_schema.DataclassField | core_schema.TypedDictField,
        total: bool,
    ) -> bool:
        return True

    def generate(self, schema: CoreSchema, mode: JsonSchemaMode = "validation") -> Any:
        generated = super().generate(schema, mode=mode)
        return {"$schema": DIALECT, **generated}


# -- Entries -------------------------------------------------------------------


class EntriesDocument(Document):
    """``list --json``: the entries the filters select, newest first."""

    type: Literal["entries"]
    entries: list[EntryPublic]
    total: int = Field(description="How many entries match in all, past --limit.")


class EntryDocument(Document):
    """``show ID --json``, and the entry ``add --json`` and ``edit --json`` saved."""

    type: Literal["entry"]
    entry: EntryPublic


# -- Concepts, people, profiles ------------------------------------------------


class ConceptRecord(Part):
    """What a concept is, as an export keeps it."""

    name: str = Field(description="The concept's name, lowercase.")
    aliases: list[str] = Field(description="Other words that find it.")
    meaning: str = Field(description="One line; empty for your own concepts unless given.")
    systems: str = Field(description="Brain regions and neurochemicals behind it.")
    questions: list[str] = Field(description="Reflection questions.")
    builtin: bool = Field(description="Shipped with connectlog, or added by you.")


class ConceptInfo(ConceptRecord):
    """A concept as ``concepts --json`` and ``learn --json`` show it."""

    count: int = Field(description="How many entries use it.")


class ConceptsDocument(Document):
    """``concepts --json``: every concept, most used first."""

    type: Literal["concepts"]
    concepts: list[ConceptInfo]


class ConceptDocument(Document):
    """``learn CONCEPT --json`` and ``concepts add --json``."""

    type: Literal["concept"]
    concept: ConceptInfo


class PersonInfo(Part):
    name: str = Field(description="The name as written.")
    count: int = Field(description="How many entries they are in.")
    last_seen: Day | None = Field(description="The local day of their latest entry.")


class PeopleDocument(Document):
    """``people --json``: everyone entries are with, most entries first."""

    type: Literal["people"]
    people: list[PersonInfo]


class ProfileInfo(Part):
    name: str = Field(description="The profile's name.")
    aliases: list[str] = Field(description="Other names entries use for them.")
    imported: bool = Field(description="A partner's profile, made by share import.")
    entries: int = Field(description="Entries written as this profile.")
    default: bool = Field(description="The profile this journal writes as without --as.")


class ProfilesDocument(Document):
    """``profile list --json`` and ``profile add --json``."""

    type: Literal["profiles"]
    profiles: list[ProfileInfo]


# -- Patterns ------------------------------------------------------------------


class Period(Part):
    label: str = Field(description="2026-W47, 2026-11, or 2026-11-01..2026-11-22.")
    start: Day = Field(description="The first local day, included.")
    end: Day = Field(description="The last local day, included.")


class Count(Part):
    name: str
    count: int


class Closeness(Part):
    average: Rounded = Field(description="Average closeness; null if no entry was rated.")
    count: int = Field(description="The rated entries.")


class Mean(Part):
    count: int = Field(description="Rated entries on this side.")
    mean: Rounded


class ConceptCloseness(Part):
    name: str
    with_: Mean = Field(alias="with", description="Rated entries with the concept.")
    without: Mean = Field(description="Rated entries without it.")
    difference: Rounded = Field(description="Mean with minus mean without, as rounded.")
    enough: bool = Field(
        description="False, and the means null, until both sides have 5 rated entries."
    )
    interval: Interval | None = Field(
        description="Welch's 95% interval for the difference; null until enough."
    )
    grade: Literal["higher", "lower", "about the same"] | None = Field(
        description="higher or lower when the interval leaves out 0; null until enough."
    )


class Interval(Part):
    low: Rounded
    high: Rounded


class LongestWait(Part):
    id: int = Field(description="The disconnection that took longest until close again.")
    hours: float | None = Field(description="Rounded to one decimal.")


class Reconnection(Part):
    count: int = Field(description="Disconnections in the period.")
    reconnected: int = Field(description="Those followed by a close or repair moment.")
    median_hours: float | None = Field(
        description="The typical time until close again, over those reconnected."
    )
    longest: LongestWait | None


class Pair(Part):
    concepts: list[str] = Field(min_length=2, max_length=2)
    count: int


class Mood(Part):
    change: Rounded = Field(description="Mean of mood after minus mood before.")
    count: int = Field(description="Entries with both moods.")


class Disconnection(Part):
    id: int = Field(description="The entry tagged disconnection.")
    day: Day
    people: list[str]
    reconnected_by: int | None = Field(
        description="The first later close or repair entry with the same people, within 30 days."
    )
    hours_to_reconnect: float | None = Field(description="Rounded to one decimal.")


class Writer(Part):
    """One writer's part of a period."""

    author: str = Field(description="The profile that wrote the entries.")
    entries: int = Field(description="Their entries.")
    days: int = Field(description="Local days they logged.")
    closeness: Closeness = Field(description="Their ratings.")
    initiators: list[Count] = Field(
        description="From their side: me is this writer, them whoever they were with."
    )


class Figures(Part):
    """The figures of one period."""

    entries: int = Field(
        description="Moments: with --together, a moment several writers logged counts once."
    )
    days: int = Field(description="Local days with at least one entry.")
    closeness: Closeness = Field(description="Every rating, each writer's of a shared moment.")
    concepts: list[Count]
    people: list[Count]
    kinds: list[Count]
    touches: list[Count]
    initiators: list[Count] = Field(
        description="The writer's me, them and mutual; empty with --together: see writers."
    )
    responses: list[Count]
    toward_share: Rounded = Field(description="Of the bids with a response, the share toward.")
    concept_closeness: list[ConceptCloseness] = Field(description="Largest difference first.")
    pairs: list[Pair] = Field(description="The concept pairs most often in one entry.")
    weekdays: list[Count] = Field(description="Mon to Sun, by the writer's local day.")
    times_of_day: list[Count] = Field(description="morning, afternoon, evening, night.")
    mood: Mood
    disconnections: list[Disconnection]
    reconnection: Reconnection = Field(description="The disconnections at a glance.")
    paired: int = Field(description="Moments several writers logged; 0 unless --together.")
    writers: list[Writer] = Field(
        description="Each writer described: the one, or with --together everyone who writes."
    )


class Change(Part):
    entries: int = Field(description="Current minus previous.")
    days: int = Field(description="Current minus previous.")
    closeness: Rounded = Field(description="The change in average closeness.")


class SoFar(Part):
    period: Period = Field(description="The days of the period up to today.")
    same_days: Period = Field(description="As many days from the start of the period before.")
    previous: Figures = Field(description="The figures of those same days.")
    change: Change = Field(description="The period so far minus its same days before.")


class Streak(Part):
    current: int = Field(description="Consecutive days with an entry, ending today.")
    longest: int = Field(description="The longest such run in the journal.")


class WriterStreak(Streak):
    author: str = Field(description="Whose days: a streak counts only its writer's.")


Author = Annotated[
    str | None,
    Field(description="The profile whose moments these are; null with --together."),
]
Together = Annotated[bool, Field(description="Everyone's moments in the journal (--together).")]


class SummaryDocument(Document):
    """``summary --json``: a period's figures beside the period before it."""

    type: Literal["summary"]
    author: Author
    together: Together
    period: Period
    previous_period: Period
    current: Figures
    previous: Figures
    change: Change
    so_far: SoFar | None = Field(
        description="A week or month that holds today: its days so far, beside the same days."
    )
    streak: Streak = Field(description="The writer's; with --together, the current profile's.")
    streaks: list[WriterStreak] = Field(description="Each writer's, in the order of writers.")


class Series(Part):
    name: str
    values: list[float | None] = Field(
        description="One number (or null) a week; null before the journal's first week."
    )
    change: float | None = Field(
        description="First to last complete week read, along the Theil-Sen line."
    )
    direction: Literal["up", "down", "steady"] | None = Field(
        description="By the Mann-Kendall test at 5%; null with fewer than 5 complete weeks."
    )
    weeks_read: int = Field(description="Complete weeks with a value the direction read.")
    p: float | None = Field(description="The trend test's two-sided p-value; null if none.")


class TrendsDocument(Document):
    """``trends --json``: series over the last weeks, oldest first."""

    type: Literal["trends"]
    author: Author
    together: Together
    weeks: list[Period]
    so_far: bool = Field(description="The last week holds today: left out of every direction.")
    began: Day | None = Field(description="The writer's first local day; null if none.")
    headline: list[Series] = Field(description="entries, days logged, closeness, turned toward.")
    concepts: list[Series]
    people: list[Series]


class CalendarDay(Part):
    date: Day
    entries: int
    rated: int = Field(description="How many of the day's entries have a closeness.")
    closeness: Rounded


class CalendarDocument(Document):
    """``calendar --json``: the days of a year that have entries."""

    type: Literal["calendar"]
    days: list[CalendarDay]
    year: int
    week_start: Literal["monday", "sunday"]
    entries: int = Field(description="Moments: with --together, one several logged counts once.")
    days_logged: int
    closeness: Rounded = Field(description="The average over the year's rated entries.")
    author: Author
    together: Together


class RememberedDay(Part):
    label: Literal["a week ago", "a month ago", "a year ago"]
    date: Day
    entries: list[EntryPublic]


class RememberDocument(Document):
    """``remember --json``: this day a week, a month and a year ago, and one from further back."""

    type: Literal["remember"]
    days: list[RememberedDay]
    further_back: EntryPublic | None = Field(
        description="A close entry from before the last month; null if none."
    )


class Prompt(Part):
    concept: str
    question: str
    days_since: int | None = Field(
        description="Days since an entry touched the concept; null if none in 60 days."
    )


class PromptDocument(Document):
    """``prompt --json``: today's reflection question."""

    type: Literal["prompt"]
    prompt: Prompt | None = Field(description="Null when no concept has a question.")


# -- Reviews -------------------------------------------------------------------


class Said(Part):
    """One line of a review."""

    who: str | None = Field(description="Who said it; null: together.")
    text: str
    outcome: vocab.Outcome | None = Field(description="For a follow-up: how the intention went.")


class AgendaDocument(Document):
    """``review --json``: the week's agenda, private entries left out."""

    type: Literal["agenda"]
    period: Period
    participants: list[str]
    last_week: str | None = Field(description="The week of the latest review before this one.")
    last_intentions: list[Said]
    appreciations: list[EntryPublic]
    went_right: list[EntryPublic] = Field(description="Each participant's closest moments.")
    two_views: list[list[EntryPublic]] = Field(
        description="Groups of entries by different participants that are one moment."
    )
    to_talk_about: list[EntryPublic] = Field(
        description="Disconnections, bids turned away or against."
    )


class Note(Part):
    """A note taken in a review, with the question it answers."""

    question: str | None = Field(description="The question the note answers, if any.")
    who: str | None
    text: str


class Review(Part):
    """A week reviewed together, and what was said."""

    week: str
    start: Day
    end: Day
    participants: list[str]
    followups: list[Said] = Field(description="How last week's intentions went.")
    appreciations: list[Said]
    topic: str | None = Field(description="The one thing talked about.")
    notes: list[Note] = Field(description="What was noted along the way.")
    intentions: list[Said] = Field(description="Intentions for the next week.")
    created_at: Time
    updated_at: Time


class ReviewDocument(Document):
    """``reviews show WEEK --json``."""

    type: Literal["review"]
    review: Review


class ReviewsDocument(Document):
    """``reviews --json``: past reviews, the latest week first."""

    type: Literal["reviews"]
    reviews: list[Review]


# -- The export ------------------------------------------------------------------


class ExportedProfile(Part):
    name: str
    uuid: Uuid
    aliases: list[str]
    imported: bool = Field(description="A partner's, come in with a shared week.")
    created_at: Time
    sent_name: str | None = Field(
        description="A partner's: the name their own journal gives them; null for your own."
    )


class ExportedConcept(ConceptRecord):
    created_at: Time | None = Field(description="When the concept was made in this journal.")


class ExportedPerson(Part):
    name: str
    created_at: Time


class ExportedReview(Review):
    uuid: Uuid
    topic_entry: Uuid | None = Field(description="The uuid of the entry the topic came from.")
    lines: list[ReviewLineRecord] = Field(
        description="Every line said, as a share bundle carries it, lines taken back included."
    )


class ExportedRemoval(Part):
    """A shared entry its writer deleted or made private, and when."""

    uuid: Uuid = Field(description="The entry's.")
    author: Uuid = Field(description="The uuid of the profile whose entry it was.")
    local_date: Day
    removed_at: Time
    shared: bool = Field(description="False for an entry deleted while private.")


class ExportDocument(Document):
    """``export --format json``: the whole journal (docs/data.md)."""

    type: Literal["export"]
    exported_at: Time = Field(description="When the export began, UTC.")
    private: bool = Field(description="Whether private entries are in it.")
    profiles: list[ExportedProfile]
    concepts: list[ExportedConcept]
    people: list[ExportedPerson]
    reviews: list[ExportedReview] = Field(description="Oldest week first.")
    removals: list[ExportedRemoval] = Field(
        description="What left the shared entries, so an older copy cannot bring it back; "
        "empty without private entries."
    )
    count: int = Field(description="How many entries follow.")
    entries: list[EntryPublic] = Field(description="Oldest first.")


# -- The doctor ------------------------------------------------------------------


class DoctorFinding(Part):
    """One thing a check of ``doctor`` found."""

    check: Literal[
        "integrity",
        "foreign_keys",
        "orphans",
        "schema",
        "permissions",
        "leftovers",
        "backups",
        "drafts",
    ]
    status: Literal["ok", "note", "attention", "fixed"] = Field(
        description="ok: nothing to do; note: worth knowing; attention: something to do; "
        "fixed: --fix did it."
    )
    found: str = Field(description="What was found, one sentence or two.")
    todo: str | None = Field(description="What to do about it; null when nothing.")
    paths: list[str] = Field(description="The files and folders it is about.")
    fixable: bool = Field(description="Whether doctor --fix would do what todo says.")


class DoctorDocument(Document):
    """``doctor --json``: every check's findings about the journal (docs/data.md)."""

    type: Literal["doctor"]
    findings: list[DoctorFinding] = Field(description="In the order the checks run.")
    journal: str = Field(description="The journal file checked.")
    healthy: bool = Field(description="Nothing needs attention: doctor exits 0.")


#: Every document, by its ``"type"``: the names ``connectlog schema`` knows.
DOCUMENTS: dict[str, type[BaseModel]] = {
    "entries": EntriesDocument,
    "entry": EntryDocument,
    "concepts": ConceptsDocument,
    "concept": ConceptDocument,
    "people": PeopleDocument,
    "profiles": ProfilesDocument,
    "summary": SummaryDocument,
    "trends": TrendsDocument,
    "calendar": CalendarDocument,
    "remember": RememberDocument,
    "prompt": PromptDocument,
    "agenda": AgendaDocument,
    "review": ReviewDocument,
    "reviews": ReviewsDocument,
    "share": ShareBundle,
    "export": ExportDocument,
    "doctor": DoctorDocument,
}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the document whose ``"type"`` is ``kind``."""
    schema: dict[str, Any] = DOCUMENTS[kind].model_json_schema(
        schema_generator=DocumentSchema, mode="serialization"
    )
    return schema
