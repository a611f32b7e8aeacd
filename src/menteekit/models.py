"""The records of a menteekit store: the single definition of every field and its validation.

Each model is what one file holds. Keys a file has that a model does not know are ignored here
and kept on disk by the store, which merges changes into the existing document.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationError,
    field_validator,
)

from menteekit.errors import UsageError
from menteekit.views import plain
from menteekit.vocab import (
    ActionStatus,
    ContactKind,
    FeedbackKind,
    GoalStatus,
    Group,
    Horizon,
    ItemKind,
    ItemOrigin,
    ItemStatus,
    MeetingStatus,
    NoteKind,
    NoteStatus,
    Owner,
    Phase,
    Role,
    Status,
    Style,
    Trigger,
    check_line,
    check_prose,
    normalize_cadence,
    normalize_email,
    normalize_tag,
)

Line = Annotated[str, AfterValidator(check_line)]
"""One line of text: a name, a channel, a value."""
Prose = Annotated[str, AfterValidator(check_prose)]
"""Text that may run over several lines."""
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(check_line)
]
Flag = Annotated[bool, Strict()]
"""A yes/no that must be written true or false (not "yes", not 0)."""
Minutes = Annotated[int, Strict(), Field(ge=0, le=24 * 60)]
"""A duration in whole minutes (never coerced from "30" or 30.5)."""
RecordId = Annotated[str, StringConstraints(pattern=r"^[0-9a-z]{1,12}$")]
"""A short lowercase id of a meeting, an action or an agenda item."""
Slug = Annotated[str, StringConstraints(pattern=r"^[^\W_][\w-]*$")]
"""A mentor's slug, the name of their file: letters, digits and dashes."""


class Record(BaseModel):
    """Common settings: validate on assignment so a record in memory is always valid."""

    # defer_build: a model's validator is built when first used, not at import; a reading
    # command served from the cache of parsed records never builds most of them.
    model_config = ConfigDict(
        extra="ignore", validate_assignment=True, populate_by_name=True, defer_build=True
    )

    @classmethod
    def create(cls, **fields: Any) -> Self:
        """A record from what the user typed; invalid input is a usage error naming the field."""
        try:
            return cls.model_validate({name: plain(value) for name, value in fields.items()})
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(part) for part in first["loc"])
            message = first["msg"].removeprefix("Value error, ")
            raise UsageError(f"{field}: {message}") from None

    def revised(self, **changes: Any) -> Self:
        """A validated copy with `changes` applied (model_copy would skip validation)."""
        return type(self).create(**{**dict(self), **changes})


class Profile(Record):
    """The `[me]` table: who the mentee is, from the self-reflection of `mk init`."""

    name: Line = ""
    path: Prose = Field("", description="How I describe my path")
    values: list[Name] = Field(default_factory=list)
    goals: list[Name] = Field(default_factory=list, description="Current goals, in my words")
    working_style: Prose = ""
    looking_for: Prose = Field("", description="What I want from mentors")
    time_budget: Line = Field("", description="The time I can give mentoring")
    roles_not_needed: list[Role] = Field(
        default_factory=list, description="Seats on the board that do not apply to me"
    )


class StoreConfig(Record):
    """`menteekit.toml`: the schema number, settings and the profile."""

    schema_version: int = Field(alias="schema", ge=1, strict=True)  # never coerce "7" or 7.0
    reflection_minutes: Annotated[Minutes, Field(ge=1)] = Field(
        30, description="The time box of `mk log`: half an hour alone, right after the meeting"
    )
    me: Profile = Field(default_factory=Profile)


class Contact(Record):
    """A contact between meetings: it counts toward the cadence like a meeting does."""

    date: dt.date
    kind: ContactKind = ContactKind.other
    note: Prose = ""


class Agreement(Record):
    """The ground rules agreed with a mentor at the start, revisited as the relationship grows."""

    agreed: dt.date = Field(description="When the agreement was first made")
    revisited: dt.date | None = Field(None, description="When it was last gone over together")
    goals: Annotated[list[Name], Field(max_length=3)] = Field(
        default_factory=list, description="Up to three goals for this relationship"
    )
    outcomes: Prose = Field("", description="What each goal should lead to, specifically")
    duration: Line = Field("", description="How long the arrangement runs before we review it")
    time: Line = Field("", description="When we usually meet")
    frequency: Line = Field("", description="How often we meet")
    length: Line = Field("", description="How long a meeting lasts")
    modality: Line = Field("", description="In person, video, phone…")
    confidentiality: Prose = Field("", description="What stays between us")
    off_limits: Prose = Field("", description="Topics either of us would rather keep out")
    obligations: Prose = Field("", description="What each of us commits to")
    checkins: Prose = Field("", description="How we check that it is working")
    ending: Prose = Field("", description="How either of us may end it, without blame")


class Conclusion(Record):
    """How a mentoring relationship ended."""

    date: dt.date
    reason: Prose = ""
    achieved: Prose = ""


class Mentor(Record):
    """`mentors/<slug>.toml`: one mentoring relationship.

    The slug is the file's name, so it is not stored in the file.
    """

    slug: str = Field("", exclude=True)
    name: Name
    email: str | None = None
    roles: list[Role] = Field(default_factory=list)
    group: Group | None = None
    internal: Flag | None = None
    peer: Flag | None = None
    cadence: str | None = None
    channel: Line | None = None
    style: Style | None = None
    phase: Phase | None = None
    phase_since: dt.date | None = Field(None, description="When the current phase was set")
    phase_note: Prose | None = Field(None, description="Why the relationship is in this phase")
    status: Status = Status.active
    added: dt.date
    recorded: dt.date | None = Field(
        None,
        description="The day a mentor of longer standing was put on record here (none: the day"
        " added); the record of their health starts no earlier",
    )
    last_contact: dt.date | None = Field(
        None, description="The latest contact: typed, or the last meeting logged"
    )
    agreement: Agreement | None = None
    contacts: list[Contact] = Field(
        default_factory=list, description="Contacts between meetings, from `mk touch`"
    )
    conclusion: Conclusion | None = None

    @field_validator("roles")
    @classmethod
    def _unique_roles(cls, roles: list[Role]) -> list[Role]:
        return list(dict.fromkeys(roles))

    @field_validator("cadence")
    @classmethod
    def _known_cadence(cls, cadence: str | None) -> str | None:
        return None if cadence is None else normalize_cadence(cadence)

    @field_validator("email")
    @classmethod
    def _plausible_email(cls, email: str | None) -> str | None:
        return None if email is None else normalize_email(email)


def _local(value: dt.datetime | dt.date | None) -> dt.datetime | dt.date | None:
    """A time written without an offset is the user's local time; one that no local clock can
    show (year 9999 with an offset) is refused here rather than crash whoever shows it."""
    if not isinstance(value, dt.datetime):
        return value
    try:
        local = value.astimezone()
    except (OverflowError, ValueError):
        raise ValueError("is too far in the past or future to be a date") from None
    return local if value.tzinfo is None else value


class AgendaItem(Record):
    """One item on a meeting's agenda."""

    id: RecordId
    kind: ItemKind = ItemKind.other
    text: Name
    minutes: Minutes = 5
    status: ItemStatus = ItemStatus.pending
    origin: ItemOrigin = ItemOrigin.new
    source: str | None = Field(
        None,
        description="What it was proposed from: the action or goal id, or <meeting>.<item> "
        "for an item carried over",
    )
    note: Prose | None = Field(None, description="What was said about it, from `mk log`")


class Feedback(Record):
    kind: FeedbackKind
    text: Prose
    trigger: Trigger | None = Field(None, description="Why it stung, if it did")


class Reflection(Record):
    """The structured part of `mk log`; the prose goes into the meeting's Markdown body."""

    written: dt.datetime = Field(description="When the first reflection was written")
    minutes: Minutes | None = Field(None, description="Time spent reflecting, in all")
    thanked: Flag = False
    decisions: list[Name] = Field(default_factory=list)
    feedback: list[Feedback] = Field(default_factory=list)

    @field_validator("written")
    @classmethod
    def _local_time(cls, written: dt.datetime) -> dt.datetime:
        return _local(written)  # type: ignore[return-value]


class Cancellation(Record):
    date: dt.date
    by: Owner = Owner.me
    reason: Prose = ""


class Meeting(Record):
    """`meetings/<yyyy-mm-dd>-<mentor>-<id>.md`: the TOML front matter of one meeting.

    The id is the end of the file's name and the body is the Markdown after the front matter;
    neither is a key in the front matter.
    """

    id: str = Field("", exclude=True)
    body: str = Field("", exclude=True)
    mentor: Slug
    when: dt.datetime | dt.date | None = Field(None, description="None: not yet agreed")
    minutes: Annotated[Minutes, Field(ge=1)] = 30
    modality: Line | None = None
    location: Line | None = None
    status: MeetingStatus = MeetingStatus.planned
    created: dt.datetime
    items: list[AgendaItem] = Field(default_factory=list)
    reflection: Reflection | None = None
    cancelled: Cancellation | None = None
    rescheduled_to: RecordId | None = None
    rescheduled_from: RecordId | None = None

    @field_validator("when", "created")
    @classmethod
    def _local_time(cls, value: dt.datetime | dt.date | None) -> dt.datetime | dt.date | None:
        return _local(value)

    @field_validator("items")
    @classmethod
    def _unique_item_ids(cls, items: list[AgendaItem]) -> list[AgendaItem]:
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ValueError(f"two agenda items have the id {item.id!r}")
            seen.add(item.id)
        return items


class Action(Record):
    """`actions/<id>.toml`: one action item. The id is the file's name."""

    id: str = Field("", exclude=True)
    text: Name
    owner: Owner = Owner.me
    mentor: Slug | None = None
    meeting: RecordId | None = None
    goal: RecordId | None = None
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.open
    created: dt.date
    done: dt.date | None = None
    dropped: dt.date | None = None
    reason: Prose | None = Field(None, description="Why it was dropped")


Progress = Annotated[int, Strict(), Field(ge=0, le=100)]
"""How far along a goal is, in percent."""


class CheckIn(Record):
    """One dated look at a goal, from `mk goal review`."""

    date: dt.date
    progress: Progress
    helped: Prose = ""
    blocker: Prose = Field("", description="What is in the way")
    next_step: Line = ""
    action: RecordId | None = Field(None, description="The action item made from the next step")
    raise_with: Slug | None = Field(None, description="The mentor to raise the goal with next")
    note: Prose = Field("", description="Private: never in the development plan")


class Goal(Record):
    """`goals/<id>.toml`: a SMART goal and its check-ins. The id is the file's name."""

    id: str = Field("", exclude=True)
    statement: Name = Field(description="Specific: what I will do or achieve")
    measure: Prose = Field("", description="Measurable: how I will know it is done")
    achievable: Prose = Field("", description="Achievable: why it is within reach; what I need")
    values: list[Name] = Field(
        default_factory=list, description="Relevant: which of my values it serves"
    )
    due: dt.date | None = Field(None, description="Time-bound: when it is due")
    horizon: Horizon = Horizon.short
    status: GoalStatus = GoalStatus.active
    mentors: list[Slug] = Field(default_factory=list)
    review_days: Annotated[int, Strict(), Field(ge=1, le=3660)] = Field(
        30, description="How often to review it, in days"
    )
    created: dt.date
    achieved: dt.date | None = None
    paused: dt.date | None = None
    dropped: dt.date | None = None
    reason: Prose | None = Field(None, description="Why it was dropped")
    checkins: list[CheckIn] = Field(default_factory=list)

    @field_validator("values", "mentors")
    @classmethod
    def _unique(cls, names: list[str]) -> list[str]:
        return list(dict.fromkeys(names))


Tag = Annotated[str, AfterValidator(normalize_tag)]
"""A word or two that groups notes ("#grants" is stored as "grants")."""


class Note(Record):
    """`notes/<id>.md`: a note written between meetings, as TOML front matter and its text.

    The id is the file's name and the body is the Markdown after the front matter; neither is
    a key in the front matter. A note with a mentor waits for the next agenda with them; one
    without is a journal entry.
    """

    id: str = Field("", exclude=True)
    body: str = Field("", exclude=True)
    date: dt.date
    mentor: Slug | None = None
    goal: RecordId | None = None
    kind: NoteKind = NoteKind.other
    tags: list[Tag] = Field(default_factory=list)
    status: NoteStatus = NoteStatus.open
    meeting: RecordId | None = Field(
        None, description="The meeting it is on the agenda of, or was discussed at"
    )
    created: dt.datetime
    closed: dt.date | None = Field(None, description="The day it was discussed")
    dropped: dt.date | None = None

    @field_validator("created")
    @classmethod
    def _local_time(cls, created: dt.datetime) -> dt.datetime:
        return _local(created)  # type: ignore[return-value]

    @field_validator("tags")
    @classmethod
    def _unique_tags(cls, tags: list[str]) -> list[str]:
        return list(dict.fromkeys(tags))
