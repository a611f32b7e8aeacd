"""Ending a mentoring relationship well: the concrete help a thank-you note can name.

A thank-you lands when it is specific. The record already knows what the mentor did: the
meetings held, the goals reached with them, the decisions taken together and the things they
did between meetings. Only structured fields are read, never the notes, so nothing from a
meeting's Private section (or any prose) can reach the draft.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from menteekit.services.meetings import chronological, day
from menteekit.vocab import ActionStatus, GoalStatus, MeetingStatus, Owner

if TYPE_CHECKING:
    from menteekit.models import Action, Goal, Meeting

MOST = 3
"""How many decisions and favours a note names: a few specific ones say more than a list."""


@dataclass(frozen=True)
class Help:
    """What the record says a mentor helped with."""

    meetings: int
    first: dt.date | None
    last: dt.date | None
    goals: list[str]
    decisions: list[str]
    favours: list[str]

    def __bool__(self) -> bool:
        return bool(self.meetings or self.goals or self.decisions or self.favours)


def help_on_record(
    slug: str,
    meetings: Iterable[Meeting],
    goals: Iterable[Goal],
    actions: Iterable[Action],
    now: dt.datetime,
) -> Help:
    """The help `slug` gave: meetings held (and their span), goals achieved that were linked
    to them, the latest decisions from reflections on meetings with them, and the latest of
    their own action items they carried out."""
    held = chronological(
        (m for m in meetings if m.mentor == slug and m.status is MeetingStatus.held), now
    )
    decisions = [d for m in held if m.reflection for d in m.reflection.decisions]
    favours = sorted(
        (
            a
            for a in actions
            if a.mentor == slug and a.owner is Owner.mentor and a.status is ActionStatus.done
        ),
        key=lambda a: (a.done or a.created, a.id),
    )
    return Help(
        meetings=len(held),
        first=day(held[0], now) if held else None,
        last=day(held[-1], now) if held else None,
        goals=[
            g.statement
            for g in sorted(goals, key=lambda g: (g.achieved or g.created, g.id))
            if g.status is GoalStatus.achieved and slug in g.mentors
        ],
        decisions=decisions[-MOST:],
        favours=[a.text for a in favours[-MOST:]],
    )


def _month(day: dt.date) -> str:
    return day.strftime("%B %Y")


def help_paragraph(help: Help) -> str:
    """A paragraph for the thank-you note naming the help on record; empty when there is none."""
    if not help:
        return ""
    if help.meetings == 1 and help.first:
        over = f"our meeting in {_month(help.first)}"
    elif help.first and help.last and _month(help.first) != _month(help.last):
        over = f"our {help.meetings} meetings, from {_month(help.first)} to {_month(help.last)}"
    elif help.first:
        over = f"our {help.meetings} meetings in {_month(help.first)}"
    else:
        over = "our time together"
    lines = [f"- reaching my goal: {goal}" for goal in help.goals]
    lines += [f"- deciding together: {decision}" for decision in help.decisions]
    lines += [f"- your help with: {favour}" for favour in help.favours]
    if not lines:
        return f"Looking back over {over}, I am grateful for the time you gave me."
    return f"Looking back over {over}, I think especially of:\n" + "\n".join(lines)
