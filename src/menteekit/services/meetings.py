"""Meetings: finding one, what is next or last with a mentor, agendas, cancelling, moving.

Agenda proposals follow the meeting cycle: whatever was not discussed last time comes back
first, then what I got done since (wins), my open actions (report progress), the mentor's
(follow up) and the goals linked to the mentor that have news or are due for review; the
mentee adds updates, questions, decisions and feedback requests; the last minutes are always
kept for the wrap-up: who does what by when, and when we meet next.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from menteekit.dates import format_when, local_day, start_of
from menteekit.errors import MkError, UsageError
from menteekit.patterns import LazyPattern
from menteekit.services.goals import topics_for
from menteekit.services.lookup import find_unique
from menteekit.services.notes import headline, waiting_for
from menteekit.services.templates import fill
from menteekit.views import fact, holds
from menteekit.vocab import (
    NOTE_ITEM_KIND,
    ActionStatus,
    ItemKind,
    ItemOrigin,
    ItemStatus,
    MeetingStatus,
    NoteKind,
    Owner,
    check_line,
)

if TYPE_CHECKING:
    from menteekit.models import Action, AgendaItem, Cancellation, Goal, Meeting, Mentor, Note

WRAP_UP_TEXT = "Wrap-up: who does what by when, and the date of our next meeting"
MINUTES = {
    ItemOrigin.new: 5,
    ItemOrigin.carried: 5,
    ItemOrigin.win: 2,
    ItemOrigin.my_action: 3,
    ItemOrigin.mentor_action: 3,
    ItemOrigin.goal: 3,
    ItemOrigin.note: 5,
    ItemOrigin.wrap_up: 5,
}
_KIND_PREFIX = LazyPattern(r"^\s*([a-z][a-z -]*?)\s*:\s*", re.IGNORECASE)
_MINUTES_SUFFIX = LazyPattern(r"\s*\(\s*(\d{1,3})\s*(?:m|min|mins|minutes)\s*\)\s*$", re.IGNORECASE)


# Items made from an action, a goal, a note (or the wrap-up) are not carried over: the
# action itself is proposed again while it is open, and as a win once it is done; a goal
# while it has news; a note not discussed is open again, and proposed from the note.
_FROM_THE_RECORD = {
    ItemOrigin.wrap_up,
    ItemOrigin.win,
    ItemOrigin.my_action,
    ItemOrigin.mentor_action,
    ItemOrigin.goal,
    ItemOrigin.note,
}


class Proposal(NamedTuple):
    """An agenda item before it is on a meeting (it has no id yet)."""

    kind: ItemKind
    text: str
    minutes: int
    origin: ItemOrigin = ItemOrigin.new
    source: str | None = None


# -- finding meetings -----------------------------------------------------------------------


def find_meeting(query: str, meetings: Iterable[Meeting], now: dt.datetime) -> Meeting:
    """The meeting whose id (or unique id prefix) was typed."""
    by_id = {meeting.id: meeting for meeting in meetings}
    labels = {m.id: f"{m.mentor}, {when_text(m, now)}" for m in by_id.values()}
    found = find_unique(query.strip().lower(), {i: [i] for i in by_id}, "meeting", labels)
    return by_id[found]


def is_meeting_id(query: str, meeting_ids: Iterable[str]) -> bool:
    """Whether `query` is an id or a unique-enough id prefix rather than, say, a mentor's name."""
    typed = query.strip().lower()
    return any(meeting_id.startswith(typed) for meeting_id in meeting_ids) and bool(typed)


def when_text(meeting: Meeting, now: dt.datetime) -> str:
    return format_when(meeting.when, now) if meeting.when else "date not yet agreed"


def moment(meeting: Meeting, now: dt.datetime) -> dt.datetime:
    """When the meeting is (or was) for sorting: an undated one counts from when it was made."""
    return start_of(meeting.when or meeting.created, now)


def chronological(meetings: Iterable[Meeting], now: dt.datetime) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (moment(m, now), m.created))


def day(meeting: Meeting, now: dt.datetime) -> dt.date:
    """The meeting's calendar day where the user is (an undated one: the day it was made)."""
    return local_day(meeting.when or meeting.created, now)


def is_over(meeting: Meeting, now: dt.datetime) -> bool:
    """Dated, and its time has gone by: one with a time of day once it has run its length,
    one dated by the day alone once that day is over."""
    if isinstance(meeting.when, dt.datetime):
        return meeting.when + dt.timedelta(minutes=meeting.minutes) <= now
    return meeting.when is not None and meeting.when < now.date()


def is_upcoming(meeting: Meeting, now: dt.datetime) -> bool:
    """Planned and not yet over (an undated one always): a meeting that has ended is to be
    logged, not prepared."""
    return meeting.status is MeetingStatus.planned and not is_over(meeting, now)


def upcoming_with(mentor: str, meetings: Iterable[Meeting], now: dt.datetime) -> list[Meeting]:
    """The meetings still to come with `mentor` (see `is_upcoming`), soonest first."""
    return chronological((m for m in meetings if m.mentor == mentor and is_upcoming(m, now)), now)


def is_past(meeting: Meeting, now: dt.datetime) -> bool:
    """Held, or over (a meeting cancelled for next week is not past)."""
    return meeting.status is MeetingStatus.held or is_over(meeting, now)


def is_due(meeting: Meeting, now: dt.datetime, on: dt.date | None = None) -> bool:
    """A planned meeting whose time has come, so it can be logged: dated and begun (a day
    alone: today or earlier), or dated `on` that day when one is given."""
    if meeting.status is not MeetingStatus.planned or meeting.when is None:
        return False
    if on is not None:
        return day(meeting, now) == on
    if isinstance(meeting.when, dt.datetime):
        return meeting.when <= now
    return meeting.when <= now.date()


def clashes(meeting: Meeting, meetings: Iterable[Meeting], now: dt.datetime) -> list[Meeting]:
    """The other upcoming meetings whose time overlaps `meeting`'s, when both have a time of
    day (a day alone clashes with nothing)."""
    if not isinstance(meeting.when, dt.datetime):
        return []
    end = meeting.when + dt.timedelta(minutes=meeting.minutes)
    return chronological(
        (
            m
            for m in meetings
            if m.id != meeting.id
            and is_upcoming(m, now)
            and isinstance(m.when, dt.datetime)
            and m.when < end
            and meeting.when < m.when + dt.timedelta(minutes=m.minutes)
        ),
        now,
    )


def never_logged(meetings: Iterable[Meeting], mentor: str, now: dt.datetime) -> list[Meeting]:
    """Planned meetings with `mentor` that are over (see `is_over`) without a reflection."""
    return chronological(
        (
            m
            for m in meetings
            if m.mentor == mentor and m.status is MeetingStatus.planned and is_past(m, now)
        ),
        now,
    )


def agenda_target(
    meetings: Iterable[Meeting], mentor: str, when: dt.date | dt.datetime | None, now: dt.datetime
) -> Meeting | None:
    """The planned meeting with `mentor` that a new agenda adds to: the one on the day `when`
    falls on, else one whose date is not agreed yet (it gets that date); with no `when`, the
    next one. None means a new meeting."""
    theirs = upcoming_with(mentor, meetings, now)
    if when is None:
        return next_planned(theirs, now)
    on_the_day = [m for m in theirs if m.when is not None and day(m, now) == local_day(when, now)]
    undated = [m for m in theirs if m.when is None]
    found = chronological(on_the_day, now) or chronological(undated, now)
    return found[0] if found else None


def next_planned(
    meetings: Iterable[Meeting], now: dt.datetime, mentor: str | None = None
) -> Meeting | None:
    """The soonest upcoming meeting (with `mentor`); a dated one before an undated one."""
    upcoming = [
        m for m in meetings if is_upcoming(m, now) and (mentor is None or m.mentor == mentor)
    ]
    upcoming.sort(key=lambda m: (m.when is None, moment(m, now)))
    return upcoming[0] if upcoming else None


def last_held(
    meetings: Iterable[Meeting], now: dt.datetime, mentor: str | None = None
) -> Meeting | None:
    held = [
        m
        for m in meetings
        if m.status is MeetingStatus.held and (mentor is None or m.mentor == mentor)
    ]
    return chronological(held, now)[-1] if held else None


def is_reflected(meeting: Meeting) -> bool:
    # Asked of every meeting by the listings: the reflection itself is not needed for it.
    return holds(meeting, "reflection")


# -- agendas ---------------------------------------------------------------------------------


def parse_item(typed: str, kind: ItemKind | None = None, minutes: int | None = None) -> Proposal:
    """An item typed by the user: `"question: TEXT"` sets the kind and a trailing `(10m)` the
    minutes; `kind` and `minutes` are the defaults when none is typed."""
    text = typed.strip()
    chosen = kind or ItemKind.other
    prefix = _KIND_PREFIX.match(text)
    if prefix:
        word = prefix.group(1).strip().lower().replace(" ", "-")
        word = {"followup": "follow-up", "q": "question"}.get(word, word)
        if word in ItemKind.__members__.values():
            chosen, text = ItemKind(word), text[prefix.end() :]
        elif word in (NoteKind.worry, NoteKind.win):
            # As a note's: "worry: ..." is raised as a question, "win: ..." as an update (an
            # "idea: ..." keeps its word: it would be an item of kind other).
            chosen, text = NOTE_ITEM_KIND[NoteKind(word)], text[prefix.end() :]
    minutes = minutes or MINUTES[ItemOrigin.new]
    suffix = _MINUTES_SUFFIX.search(text)
    if suffix:
        minutes, text = int(suffix.group(1)), text[: suffix.start()]
    text = text.strip()
    if not text:
        raise UsageError(f"Agenda item {typed!r} has no text.")
    if not 1 <= minutes <= 24 * 60:
        raise UsageError(f"Agenda item {typed!r}: give it between 1 and 1440 minutes.")
    try:
        check_line(text)
    except ValueError as problem:
        raise UsageError(f"Agenda item {typed!r}: {problem}") from None
    return Proposal(chosen, text, minutes)


def propose(
    mentor: Mentor,
    meetings: Iterable[Meeting],
    actions: Iterable[Action],
    target: Meeting | None,
    now: dt.datetime,
    goals: Iterable[Goal] = (),
    meeting_day: dt.date | None = None,
    notes: Iterable[Note] = (),
) -> list[Proposal]:
    """What the record suggests for the next agenda with `mentor`, in the order to raise it.

    Nothing already on `target` (the meeting being prepared) and nothing already carried into
    another meeting is proposed again; a win is reported once; a note is proposed until it
    is on an agenda, and again if it was not discussed there. `meeting_day` is the day of a
    meeting not yet written (the target's own day is used otherwise).
    """
    theirs = [m for m in meetings if m.mentor == mentor.slug]
    held = chronological((m for m in theirs if m.status is MeetingStatus.held), now)
    on_target = {item.source for item in target.items} if target else set()
    carried_on = {item.source for m in theirs for item in m.items if m is not target}
    # A win is proposed until it has been shared: discussed at a meeting held, or on the
    # agenda of one to come. One left over (not discussed, or its meeting cancelled) comes back.
    win_items = [(m, item) for m in theirs for item in m.items if item.origin is ItemOrigin.win]
    shared = {
        item.source
        for m, item in win_items
        if m.status is MeetingStatus.planned
        or (m.status is MeetingStatus.held and item.status is ItemStatus.discussed)
    }
    left_over = {item.source for _, item in win_items} - shared

    proposals = []
    # Not discussed at the last meeting that had an agenda (a corridor chat since has none),
    # nor at the meetings held or cancelled after it.
    with_agenda = [m for m in held if not only_wrap_up(m)]
    since_agenda = moment(with_agenda[-1], now) if with_agenda else None
    missed = [
        m
        for m in theirs
        if m.status in (MeetingStatus.held, MeetingStatus.cancelled)
        and (since_agenda is None or moment(m, now) >= since_agenda)
    ]
    for meeting in chronological(missed, now):
        for item in meeting.items:
            key = f"{meeting.id}.{item.id}"
            if (
                item.status is not ItemStatus.discussed
                and item.origin not in _FROM_THE_RECORD
                and key not in on_target | carried_on
            ):
                proposals.append(
                    Proposal(item.kind, item.text, item.minutes, ItemOrigin.carried, key)
                )
    proposals += _from_notes(mentor.slug, notes, theirs)

    # Done since the last meeting that had an agenda (a corridor chat gave no room to say so).
    since_day = day(with_agenda[-1], now) if with_agenda else mentor.added
    related = [a for a in actions if a.mentor in (None, mentor.slug)]
    wins = [
        a
        for a in related
        if a.owner is Owner.me
        and a.status is ActionStatus.done
        and a.done is not None
        and (a.done >= since_day or a.id in left_over)
        and a.id not in shared
    ]
    for action in sorted(wins, key=lambda a: (a.done, a.id)):
        proposals.append(
            Proposal(
                ItemKind.update,
                f"Done: {action.text}",
                MINUTES[ItemOrigin.win],
                ItemOrigin.win,
                action.id,
            )
        )

    linked = sorted(
        (a for a in related if a.mentor == mentor.slug and a.status is ActionStatus.open),
        key=lambda a: (a.due or dt.date.max, a.created, a.id),
    )
    for owner, origin, kind, lead in (
        (Owner.me, ItemOrigin.my_action, ItemKind.update, "Progress on"),
        (Owner.mentor, ItemOrigin.mentor_action, ItemKind.follow_up, "Follow up"),
    ):
        for action in linked:
            if action.owner is owner and action.id not in on_target:
                due = f" (due {action.due.isoformat()})" if action.due else ""
                proposals.append(
                    Proposal(
                        kind, f"{lead}: {action.text}{due}", MINUTES[origin], origin, action.id
                    )
                )

    # Goals due for review by the day of the meeting, not only by today.
    if meeting_day is None and target is not None and target.when is not None:
        meeting_day = day(target, now)
    on = max(meeting_day or now.date(), now.date())
    for topic in topics_for(mentor.slug, goals, meetings, target, on, now):
        proposals.append(
            Proposal(
                topic.kind, topic.text, MINUTES[ItemOrigin.goal], ItemOrigin.goal, topic.goal.id
            )
        )
    return proposals


def _from_notes(mentor: str, notes: Iterable[Note], meetings: list[Meeting]) -> list[Proposal]:
    """The notes written for `mentor` that no agenda holds yet (or whose item was not
    discussed), oldest first, each as the kind of item its kind asks for; a note already on
    an earlier agenda comes back as it was worded there."""
    worded = {
        item.source: item
        for meeting in sorted(meetings, key=lambda m: m.created)  # the latest wording wins
        if meeting.mentor == mentor and meeting.status is MeetingStatus.held
        for item in meeting.items
        if item.origin is ItemOrigin.note and item.status is ItemStatus.carried
    }
    proposals = []
    for note in waiting_for(mentor, notes, meetings):
        if (earlier := worded.get(note.id)) is not None:
            proposals.append(
                Proposal(earlier.kind, earlier.text, earlier.minutes, ItemOrigin.note, note.id)
            )
        elif headline(note):  # a note emptied by hand has nothing to say
            proposals.append(
                Proposal(
                    NOTE_ITEM_KIND[note.kind],
                    headline(note),
                    MINUTES[ItemOrigin.note],
                    ItemOrigin.note,
                    note.id,
                )
            )
    return proposals


def new_meeting(
    mentor: str, when: dt.datetime | dt.date | None, minutes: int, now: dt.datetime, body: str
) -> Meeting:
    from menteekit.models import Meeting

    return Meeting.create(
        mentor=mentor, when=when, minutes=minutes, created=now.replace(microsecond=0), body=body
    )


WRAP_UP_ID = "w"


def with_items(meeting: Meeting, proposals: Iterable[Proposal]) -> Meeting:
    """The meeting with `proposals` added before the wrap-up item, which is always last.

    Items are numbered 1, 2, 3... in the order they are added (the wrap-up is "w"), and a
    number is never reused, so the number shown is the one `mk log --discussed` takes. A
    proposal already on the meeting is not added twice.
    """
    from menteekit.models import AgendaItem

    items = [i for i in meeting.items if i.origin is not ItemOrigin.wrap_up]
    wrap_up = [i for i in meeting.items if i.origin is ItemOrigin.wrap_up]
    numbers = [int(i.id) for i in meeting.items if i.id.isdigit()]
    next_id = max(numbers, default=0) + 1
    present = {(item.origin, item.source): item for item in items if item.source}
    for proposal in proposals:
        existing = present.get((proposal.origin, proposal.source))
        if existing is not None:
            # Already there (a second `mk agenda new`, or one running meanwhile). A goal's
            # item is written from the record, so it takes the latest review's words.
            if (
                existing.origin is ItemOrigin.goal
                and existing.status is ItemStatus.pending
                and existing.text != proposal.text
            ):
                items[items.index(existing)] = existing.revised(text=proposal.text)
            continue
        items.append(
            AgendaItem(
                id=str(next_id),
                kind=proposal.kind,
                text=proposal.text,
                minutes=proposal.minutes,
                origin=proposal.origin,
                source=proposal.source,
            )
        )
        next_id += 1
    if not wrap_up:
        wrap_up = [
            AgendaItem(
                id=WRAP_UP_ID if WRAP_UP_ID not in {i.id for i in items} else str(next_id),
                kind=ItemKind.other,
                text=WRAP_UP_TEXT,
                minutes=MINUTES[ItemOrigin.wrap_up],
                origin=ItemOrigin.wrap_up,
            )
        ]
    return meeting.revised(items=items + wrap_up)


def without_repeats(proposals: list[Proposal], typed: Iterable[Proposal]) -> list[Proposal]:
    """The proposals, less any the user typed again in their own words (same text)."""
    own = {item.text.casefold() for item in typed}
    return [p for p in proposals if p.text.casefold() not in own]


def agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """The items on a meeting's agenda, less the wrap-up every agenda ends with."""
    return [item for item in meeting.items if item.origin is not ItemOrigin.wrap_up]


class AgendaSize(NamedTuple):
    items: int
    """On the agenda, less the wrap-up."""
    minutes: int
    """All of it, wrap-up included."""
    own: int
    """Items the mentee brought: typed, or from their notes (not proposed by the record)."""


_OWN = (ItemOrigin.new, ItemOrigin.note)


def measure_agenda(items: list[AgendaItem]) -> tuple[int, int, int]:
    """The AgendaSize of these items, as a plain tuple: it is worked out when a meeting's file is
    parsed and kept with its record (see `agenda_size`)."""
    listed = [item for item in items if item.origin is not ItemOrigin.wrap_up]
    own = sum(item.origin in _OWN for item in listed)
    return len(listed), sum(item.minutes for item in items), own


def agenda_size(meeting: Meeting) -> AgendaSize:
    """How much is on a meeting's agenda. A meeting read from the store knows without decoding
    its agenda, which is most of what a listing of years of meetings would cost."""
    known = fact(meeting, "items")
    return AgendaSize(*(known if known is not None else measure_agenda(meeting.items)))


def total_minutes(meeting: Meeting) -> int:
    return agenda_size(meeting).minutes


def only_wrap_up(meeting: Meeting) -> bool:
    """An agenda with nothing on it yet but the wrap-up: not ready to send."""
    return not agenda_size(meeting).items


def agenda_text(template: str, meeting: Meeting, mentor_name: str, now: dt.datetime) -> str:
    """The agenda as plain text to send ahead of the meeting (the `agenda.md` template)."""
    lines = []
    for item in meeting.items:
        status = f" — {item.status}" if meeting.status is MeetingStatus.held else ""
        number = "  " if item.origin is ItemOrigin.wrap_up else f"{item.id}."
        kind = "" if item.origin is ItemOrigin.wrap_up else f"[{item.kind}] "
        lines.append(f"{number} {kind}{item.text} ({item.minutes} min){status}")
    where = ", ".join(part for part in (meeting.modality, meeting.location) if part)
    return fill(
        template,
        mentor_name=mentor_name,
        when=when_text(meeting, now),
        minutes=str(meeting.minutes),
        where=f"Where: {where}" if where else "",
        items="\n".join(lines),
        total=str(total_minutes(meeting)),
    )


# -- cancelling and moving -------------------------------------------------------------------


def still_planned(meeting: Meeting, doing: str) -> None:
    """Refuse to change a meeting that was held, cancelled or moved meanwhile."""
    if meeting.status is not MeetingStatus.planned:
        raise MkError(
            f"Meeting {meeting.id} is {meeting.status}; only a planned one can be {doing}."
        )


def cancel(meeting: Meeting, cancellation: Cancellation) -> Meeting:
    still_planned(meeting, "cancelled")
    return meeting.revised(status=MeetingStatus.cancelled, cancelled=cancellation)


def moved_copy(meeting: Meeting, when: dt.datetime | dt.date, now: dt.datetime) -> Meeting:
    """The meeting at its new time, with its agenda and notes; `mark_rescheduled` the old one."""
    still_planned(meeting, "rescheduled")
    if meeting.when is not None and start_of(when, now) == start_of(meeting.when, now):
        raise UsageError(f"Meeting {meeting.id} is already on {format_when(when, now)}.")
    return meeting.revised(
        when=when,
        created=now.replace(microsecond=0),
        rescheduled_from=meeting.id,
        rescheduled_to=None,
    )


def mark_rescheduled(meeting: Meeting, new_id: str) -> Meeting:
    still_planned(meeting, "rescheduled")
    return meeting.revised(status=MeetingStatus.rescheduled, rescheduled_to=new_id)


def scheduled(meeting: Meeting, when: dt.datetime | dt.date) -> Meeting:
    """A meeting given its date, or a time on its day: nothing was moved."""
    still_planned(meeting, "scheduled")
    if meeting.when == when:
        raise UsageError(f"Meeting {meeting.id} is already on that date.")
    return meeting.revised(when=when)
