"""`mk status`: what needs the mentee now, read off the record as of one moment.

Five things need a mentee between meetings: the next meetings (is the agenda ready? it should
go to the mentor a day ahead), meetings that went by without a reflection, action items overdue
or due within the week, mentors whose cadence says it is time to get in touch, and goals due
for review. Each entry carries the command that deals with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from menteekit.errors import BrokenRecord
from menteekit.services.actions import is_overdue
from menteekit.services.goals import is_due_for_review, next_review
from menteekit.services.meetings import (
    agenda_size,
    chronological,
    day,
    is_past,
    is_reflected,
    is_upcoming,
    moment,
)
from menteekit.services.mentors import days_overdue, last_contact
from menteekit.vocab import ActionStatus, MeetingStatus, Owner

if TYPE_CHECKING:
    from menteekit.models import Action, Goal, Meeting, Mentor

UPCOMING_DAYS = 14
"""Planned meetings this many days ahead are listed, and each mentor's next one however far."""
AGENDA_DUE_DAYS = 1
"""An agenda goes to the mentor a day ahead: an empty one this close is flagged."""
DUE_SOON_DAYS = 7
"""Open action items due within a week are listed as due soon."""
UNREFLECTED_DAYS = 30
"""Meetings older than this without a reflection are left to `mk meetings --past`: the time to
reflect on them has gone, and listing them every morning would bury what is current."""


class UpcomingMeeting(NamedTuple):
    id: str
    mentor: str
    name: str
    when: dt.date | dt.datetime | None
    days_until: int | None
    agenda_items: int
    agenda_ready: bool
    needs_agenda: bool
    """Within a day and nothing on the agenda but the wrap-up: prepare it now."""
    command: str


class UnreflectedMeeting(NamedTuple):
    id: str
    mentor: str
    name: str
    when: dt.date | dt.datetime | None
    status: str
    days_ago: int
    command: str


class DueAction(NamedTuple):
    id: str
    text: str
    owner: str
    mentor: str | None
    name: str | None
    due: dt.date
    days: int
    """Days overdue for an overdue item, days left for one due soon."""
    command: str


class ContactDue(NamedTuple):
    slug: str
    name: str
    status: str
    cadence: str
    last_contact: dt.date | None
    days_overdue: int
    command: str


class GoalDue(NamedTuple):
    id: str
    statement: str
    next_review: dt.date
    days_overdue: int
    command: str


class StatusReport(NamedTuple):
    """Everything `mk status` shows; the same data serves the text, the JSON and `--short`."""

    today: dt.date
    upcoming: list[UpcomingMeeting]
    unreflected: list[UnreflectedMeeting]
    actions_overdue: list[DueAction]
    actions_due_soon: list[DueAction]
    contacts_overdue: list[ContactDue]
    goals_due: list[GoalDue]
    problems: Sequence[dict[str, object]] = ()

    @property
    def needs_agenda(self) -> list[UpcomingMeeting]:
        return [m for m in self.upcoming if m.needs_agenda]

    def is_clear(self) -> bool:
        """Nothing needs the mentee (meetings whose agenda is ready need nothing)."""
        return not (
            self.needs_agenda
            or self.unreflected
            or self.actions_overdue
            or self.actions_due_soon
            or self.contacts_overdue
            or self.goals_due
        )


def build_status(
    mentors: Sequence[Mentor],
    meetings: Iterable[Meeting],
    actions: Iterable[Action],
    goals: Iterable[Goal],
    now: dt.datetime,
    problems: Sequence[BrokenRecord] = (),
) -> StatusReport:
    """What needs the mentee as of `now`."""
    today = now.date()
    names = {m.slug: m.name for m in mentors}
    meetings = list(meetings)
    upcoming = []
    planned = [m for m in meetings if is_upcoming(m, now)]
    # Dated before undated, as `next_planned` orders them: each mentor's first is their next.
    planned.sort(key=lambda m: (m.when is None, moment(m, now)))
    with_next: set[str] = set()
    for meeting in planned:
        days_until = (day(meeting, now) - today).days if meeting.when is not None else None
        is_next = meeting.mentor not in with_next
        with_next.add(meeting.mentor)
        if days_until is not None and days_until > UPCOMING_DAYS and not is_next:
            continue
        items = agenda_size(meeting).items
        soon = days_until is not None and days_until <= AGENDA_DUE_DAYS
        if meeting.when is None:
            command = f"mk agenda new {meeting.mentor} --date DATE"
        elif items:
            command = f"mk agenda show {meeting.id}"
        else:
            command = f"mk agenda new {meeting.mentor}"
        upcoming.append(
            UpcomingMeeting(
                id=meeting.id,
                mentor=meeting.mentor,
                name=names.get(meeting.mentor, meeting.mentor),
                when=meeting.when,
                days_until=days_until,
                agenda_items=items,
                agenda_ready=items > 0,
                needs_agenda=soon and not items,
                command=command,
            )
        )

    unreflected = []
    for meeting in chronological(meetings, now):
        if is_reflected(meeting) or not is_past(meeting, now):
            continue
        if meeting.status not in (MeetingStatus.held, MeetingStatus.planned):
            continue  # a cancelled or moved meeting has nothing to reflect on
        days_ago = (today - day(meeting, now)).days
        if days_ago > UNREFLECTED_DAYS:
            continue
        unreflected.append(
            UnreflectedMeeting(
                id=meeting.id,
                mentor=meeting.mentor,
                name=names.get(meeting.mentor, meeting.mentor),
                when=meeting.when,
                status=meeting.status.value,
                days_ago=days_ago,
                command=f"mk log {meeting.id}",
            )
        )

    overdue, due_soon = [], []
    for action in actions:
        if action.status is not ActionStatus.open or action.due is None:
            continue
        days_left = (action.due - today).days
        if is_overdue(action, today):
            overdue.append(_due_action(action, names, -days_left))
        elif days_left <= DUE_SOON_DAYS:
            due_soon.append(_due_action(action, names, days_left))
    overdue.sort(key=lambda a: (-a.days, a.id))
    due_soon.sort(key=lambda a: (a.days, a.id))

    contacts = sorted(
        (
            ContactDue(
                slug=m.slug,
                name=m.name,
                status=m.status.value,
                cadence=m.cadence or "",
                last_contact=last_contact(m),
                days_overdue=late,
                # `mk touch` records a message or a call; a meeting is planned as usual.
                command=f"mk touch {m.slug}",
            )
            for m in mentors
            if (late := days_overdue(m, today)) is not None
        ),
        key=lambda c: (-c.days_overdue, c.slug),
    )

    goals_due = sorted(
        (
            GoalDue(
                id=g.id,
                statement=g.statement,
                next_review=review,
                days_overdue=(today - review).days,
                command=f"mk goal review {g.id}",
            )
            for g in goals
            if is_due_for_review(g, today) and (review := next_review(g)) is not None
        ),
        key=lambda g: (-g.days_overdue, g.id),
    )
    return StatusReport(
        today=today,
        upcoming=upcoming,
        unreflected=unreflected,
        actions_overdue=overdue,
        actions_due_soon=due_soon,
        contacts_overdue=contacts,
        goals_due=goals_due,
        problems=[p.as_json() for p in problems],
    )


def _due_action(action: Action, names: dict[str, str], days: int) -> DueAction:
    if action.owner is Owner.me:
        command = f"mk done {action.id}"
    elif action.mentor:
        # The mentor's item is followed up at the next meeting, where the agenda proposes it.
        command = f"mk agenda new {action.mentor}"
    else:
        command = f"mk action edit {action.id}"
    return DueAction(
        id=action.id,
        text=action.text,
        owner=action.owner.value,
        mentor=action.mentor,
        name=names.get(action.mentor) if action.mentor else None,
        due=action.due or dt.date.max,
        days=days,
        command=command,
    )


SHORT_LABELS = (
    ("agenda", "meetings within a day whose agenda holds only the wrap-up"),
    ("log", "meetings of the last 30 days without a reflection"),
    ("overdue", "open action items past their due date (mine and my mentors')"),
    ("soon", "open action items due within 7 days"),
    ("contact", "mentors overdue for contact by their cadence"),
    ("review", "goals due for review"),
    ("broken", "record files that could not be read (see `mk doctor`)"),
)
"""The words of the `--short` line, in the order they appear, and what each one counts."""


def short_line(status: StatusReport) -> str:
    """One terse line for a shell prompt: `label:count` for each non-zero count, in the order of
    SHORT_LABELS, separated by spaces; the empty string when nothing needs the mentee."""
    counts = {
        "agenda": len(status.needs_agenda),
        "log": len(status.unreflected),
        "overdue": len(status.actions_overdue),
        "soon": len(status.actions_due_soon),
        "contact": len(status.contacts_overdue),
        "review": len(status.goals_due),
        "broken": len(status.problems),
    }
    return " ".join(f"{label}:{counts[label]}" for label, _ in SHORT_LABELS if counts[label])
