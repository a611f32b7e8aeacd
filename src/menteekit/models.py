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
from menteekit.vocab import (
    Group,
    Phase,
    Role,
    Status,
    Style,
    check_line,
    check_prose,
    normalize_cadence,
    normalize_email,
)

SCHEMA = 1
"""The store schema this version reads and writes; bumped on every incompatible change."""

Line = Annotated[str, AfterValidator(check_line)]
"""One line of text: a name, a channel, a value."""
Prose = Annotated[str, AfterValidator(check_prose)]
"""Text that may run over several lines."""
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(check_line)
]
Flag = Annotated[bool, Strict()]
"""A yes/no that must be written true or false (not "yes", not 0)."""


class Record(BaseModel):
    """Common settings: validate on assignment so a record in memory is always valid."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True, populate_by_name=True)

    @classmethod
    def create(cls, **fields: Any) -> Self:
        """A record from what the user typed; invalid input is a usage error naming the field."""
        try:
            return cls.model_validate(fields)
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
    """`menteekit.toml`: the schema number and the profile."""

    schema_version: int = Field(alias="schema", ge=1, strict=True)  # never coerce "7" or 7.0
    me: Profile = Field(default_factory=Profile)


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
    status: Status = Status.active
    added: dt.date
    last_contact: dt.date | None = Field(
        None, description="The last contact known from before it was recorded here"
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
