"""The ground rules of a mentoring relationship: the agreement worksheet, kept on the mentor.

Early on both sides tend to assume they want the same things; writing down goals, logistics,
confidentiality and how it may end turns those assumptions into something both can check, and
revisit as the relationship grows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from menteekit.dates import format_when
from menteekit.errors import MkError, UsageError
from menteekit.vocab import GoalStatus, Status, normalize_cadence

if TYPE_CHECKING:
    from menteekit.models import Agreement, Goal, Mentor

MAX_GOALS = 3
"""The worksheet asks for up to three goals: more and none of them gets the attention."""

STANDARD_CONFIDENTIALITY = (
    "What we talk about stays between us, unless keeping it could lead to foreseeable harm. "
    "Sponsorship or introductions on my behalf happen only when we both agree."
)
STANDARD_ENDING = (
    "Either of us may end this at any time and for any reason, and neither will hold it "
    "against the other. I will say when I think my goals have been met."
)


@dataclass(frozen=True)
class Term:
    """One row of the worksheet: the field it fills, its heading and the question it asks."""

    field: str
    heading: str
    question: str
    hint: str = ""


TERMS: tuple[Term, ...] = (
    Term(
        "outcomes",
        "Specific outcomes",
        "What do you want to have finished by the end?",
        "e.g. a submitted manuscript, a new course, an application for a leadership role.",
    ),
    Term(
        "duration",
        "Duration",
        "How long do you picture it running?",
        "A few months on one project, or open-ended over years? You can change it later.",
    ),
    Term("time", "When we meet", "When do you usually meet?", "e.g. first Tuesday, 3pm."),
    Term("frequency", "How often", "How often do you meet?"),
    Term("length", "How long", "How long is a meeting?", "e.g. 45 minutes."),
    Term("modality", "Where and how", "In person, video or phone?"),
    Term("confidentiality", "Confidentiality", "What stays between you?"),
    Term(
        "off_limits",
        "Topics off-limits",
        "Topics either of you would rather leave out?",
        "Leave empty if there are none.",
    ),
    Term(
        "obligations",
        "Obligations",
        "What does each of you commit to?",
        "e.g. I set and send the agenda a day ahead and follow through on what we agree; "
        "you listen and leave me a question to think about.",
    ),
    Term(
        "checkins",
        "Check-ins",
        "How will you check that it is working?",
        "e.g. every six months we ask whether the goals still fit and whether new ones appeared.",
    ),
    Term("ending", "Ending", "How may it end?"),
)
"""The worksheet after the goals, in the order it is walked through and exported."""

LOGISTICS = ("time", "frequency", "length", "modality")


def suggested_goals(goals: Iterable[Goal], slug: str) -> list[str]:
    """The active SMART goals linked to the mentor, oldest first, at most three."""
    linked = [g for g in goals if g.status is GoalStatus.active and slug in g.mentors]
    return [g.statement for g in sorted(linked, key=lambda g: (g.created, g.id))][:MAX_GOALS]


def starting_terms(mentor: Mentor, goals: Iterable[Goal]) -> dict[str, Any]:
    """What an agreement starts from: the current one when revisiting; for a new one, the
    goals linked to the mentor, their cadence as the frequency, and the worksheet's standard
    wording for confidentiality and ending."""
    if mentor.agreement is not None:
        current = mentor.agreement.model_dump()
        return {key: current[key] for key in ("goals", *(t.field for t in TERMS))}
    start: dict[str, Any] = {t.field: "" for t in TERMS}
    start.update(
        goals=suggested_goals(goals, mentor.slug),
        frequency=mentor.cadence or "",
        confidentiality=STANDARD_CONFIDENTIALITY,
        ending=STANDARD_ENDING,
    )
    return start


def check_goals(goals: list[str]) -> list[str]:
    if len(goals) > MAX_GOALS:
        raise UsageError(
            f"{len(goals)} goals given: an agreement holds at most {MAX_GOALS}. "
            "Choose the ones this mentor can help with most."
        )
    return goals


def agree(mentor: Mentor, terms: Mapping[str, Any], today: dt.date) -> Mentor:
    """The mentor with the agreement set to `terms`: agreed today, or, when one exists,
    revisited today (the day first agreed is kept)."""
    from menteekit.models import Agreement

    if mentor.status is Status.concluded:
        raise MkError(
            f"{mentor.name} ({mentor.slug}) is concluded: there is no relationship to agree on."
        )
    check_goals(list(terms.get("goals", [])))
    if mentor.agreement is None:
        agreement = Agreement.create(agreed=today, **terms)
    else:
        agreement = mentor.agreement.revised(**terms, revisited=today)
    agreed = mentor.revised(agreement=agreement)
    try:  # an agreed frequency that is a cadence becomes the cadence the record is kept to
        cadence = normalize_cadence(agreement.frequency) if agreement.frequency else None
    except ValueError:
        cadence = None
    return agreed.revised(cadence=cadence) if cadence else agreed


def last_agreed(agreement: Agreement) -> dt.date:
    """When the agreement was last gone over: revisited, else first agreed."""
    return agreement.revisited or agreement.agreed


def agreement_markdown(
    agreement: Agreement, mentor_name: str, my_name: str, now: dt.datetime
) -> str:
    """The agreement as Markdown to send to the mentor; an empty row reads "to discuss"."""
    by_field = {t.field: t for t in TERMS}
    values = agreement.model_dump()

    def row(field: str) -> str:
        # The worksheet says to leave off-limits topics empty when there are none.
        empty = "None." if field == "off_limits" else "_To discuss._"
        return str(values[field]).strip() or empty

    dated = f"Agreed on {format_when(agreement.agreed, now)}"
    if agreement.revisited:
        dated += f"; last revisited on {format_when(agreement.revisited, now)}"
    goals = [f"{n}. {goal}" for n, goal in enumerate(agreement.goals, 1)] or ["_To discuss._"]
    parts = [
        f"# Our mentoring agreement: {my_name or '[your name]'} and {mentor_name}",
        dated + ".",
        "## Goals\n\n" + "\n".join(goals),
        f"## {by_field['outcomes'].heading}\n\n{row('outcomes')}",
        f"## {by_field['duration'].heading}\n\n{row('duration')}",
        "## Logistics\n\n" + "\n".join(f"- {by_field[f].heading}: {row(f)}" for f in LOGISTICS),
    ]
    parts += [
        f"## {term.heading}\n\n{row(term.field)}"
        for term in TERMS
        if term.field not in ("outcomes", "duration", *LOGISTICS)
    ]
    parts.append("We will go over this together when goals or circumstances change.")
    return "\n\n".join(parts) + "\n"
