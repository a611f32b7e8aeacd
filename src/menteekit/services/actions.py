"""Action items: what counts as overdue, the order they are listed in, closing them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from menteekit.errors import MkError, UsageError
from menteekit.services.lookup import find_unique
from menteekit.vocab import ActionStatus, Owner

if TYPE_CHECKING:
    from menteekit.models import Action, Meeting

_OWNER_PREFIX = {"mentor": Owner.mentor, "me": Owner.me, "i": Owner.me}


def owner_and_text(typed: str, default: Owner = Owner.me) -> tuple[Owner, str]:
    """`"mentor: send the draft"` is the mentor's action; anything else is `default`'s."""
    head, colon, rest = typed.partition(":")
    owner = _OWNER_PREFIX.get(head.strip().lower()) if colon else None
    text = rest.strip() if owner else typed.strip()
    if not text:
        raise UsageError(f"Action {typed!r} has no text.")
    return owner or default, text


def not_before(today: dt.date) -> Callable[[dt.date], dt.date]:
    """A check for a due date: today or later."""

    def check(day: dt.date) -> dt.date:
        if day < today:
            raise ValueError(f"{day.isoformat()} is already past; a due date is today or later")
        return day

    return check


def by_mentor(actions: Iterable[Action], meetings: Iterable[Meeting]) -> dict[str, list[Action]]:
    """Each mentor's action items, by slug: an item names its mentor, or else belongs to the
    mentor of the meeting it came from (one noted in `mk log` without a mentor of its own)."""
    mentor_of_meeting = {meeting.id: meeting.mentor for meeting in meetings}
    theirs: dict[str, list[Action]] = {}
    for action in actions:
        slug = action.mentor
        if slug is None and action.meeting is not None:
            slug = mentor_of_meeting.get(action.meeting)
        if slug is not None:
            theirs.setdefault(slug, []).append(action)
    return theirs


def is_overdue(action: Action, today: dt.date) -> bool:
    return action.status is ActionStatus.open and action.due is not None and action.due < today


def listing_order(actions: Iterable[Action], today: dt.date) -> list[Action]:
    """Open before closed; overdue first, then by due date, undated last; oldest first within."""
    closed_last = {ActionStatus.open: 0, ActionStatus.done: 1, ActionStatus.dropped: 2}

    def key(action: Action) -> tuple[int, int, dt.date, dt.date]:
        due = action.due or dt.date.max
        return (
            closed_last[action.status],
            0 if is_overdue(action, today) else 1,
            due,
            action.created,
        )

    return sorted(actions, key=key)


def find_action(query: str, actions: Iterable[Action]) -> Action:
    """The action whose id (or unique id prefix) was typed."""
    by_id = {action.id: action for action in actions}
    labels = {action.id: action.text[:40] for action in by_id.values()}
    found = find_unique(query.strip().lower(), {i: [i] for i in by_id}, "action", labels)
    return by_id[found]


def mark_done(action: Action, day: dt.date) -> Action:
    """The action done on `day` (a dropped one done after all, too)."""
    return action.revised(status=ActionStatus.done, done=day, dropped=None, reason=None)


def drop(action: Action, day: dt.date, reason: str) -> Action:
    if action.status is not ActionStatus.open:
        raise MkError(f"Action {action.id} is already {action.status}.")
    return action.revised(status=ActionStatus.dropped, dropped=day, reason=reason or None)
