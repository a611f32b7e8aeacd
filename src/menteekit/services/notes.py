"""Notes between meetings: their kind, where they are on the way to a meeting, listing them.

A note for a mentor waits for the next agenda with them. Where it is now is read from the
meetings, which are the record of what happened: on the agenda of a planned meeting, or
discussed at one held. The note's own file is kept in step (`reconciled`) so that it says so
too, but the meetings decide: an agenda edited by hand or a meeting cancelled is never
contradicted by a stale note.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from menteekit.dates import local_day
from menteekit.errors import MkError, UsageError
from menteekit.patterns import LazyPattern
from menteekit.services.lookup import find_unique
from menteekit.vocab import ItemOrigin, ItemStatus, MeetingStatus, NoteKind, NoteStatus, check_prose

if TYPE_CHECKING:
    from menteekit.models import Meeting, Note

_KIND_PREFIX = LazyPattern(r"^\s*([a-z]+)\s*:\s*", re.IGNORECASE)
_KIND_WORDS = {kind.value: kind for kind in NoteKind} | {"q": NoteKind.question}


def kind_and_text(typed: str, kind: NoteKind | None = None) -> tuple[NoteKind, str]:
    """The kind and text of a note as typed: `"question: TEXT"` is a question (as on an
    agenda); `kind` is the one asked for with --kind, which a different prefix contradicts."""
    text = typed.strip()
    try:
        check_prose(text)
    except ValueError as problem:
        raise UsageError(f"The note's text {problem}.") from None
    prefix = _KIND_PREFIX.match(text)
    said = _KIND_WORDS.get(prefix.group(1).lower()) if prefix else None
    if prefix and said is not None:
        if kind is not None and said is not kind:
            raise UsageError(f"--kind {kind} conflicts with the {prefix.group(1)}: prefix.")
        text = text[prefix.end() :].strip()
    if not text:
        raise UsageError("The note is empty: nothing was saved.")
    return said or kind or NoteKind.other, text


def headline(note: Note) -> str:
    """The note's first line of text: what an agenda item or a listing shows of it."""
    for line in note.body.splitlines():
        if line.strip():
            return line.strip()
    return ""


class Placement(NamedTuple):
    """A meeting whose agenda holds an item made from a note, and that item's status."""

    meeting: Meeting
    status: ItemStatus


def placements(meetings: Iterable[Meeting]) -> dict[str, list[Placement]]:
    """Every agenda item made from a note, by the note's id."""
    found: dict[str, list[Placement]] = {}
    for meeting in meetings:
        for item in meeting.items:
            if item.origin is ItemOrigin.note and item.source:
                found.setdefault(item.source, []).append(Placement(meeting, item.status))
    return found


def status_of(note: Note, placed: dict[str, list[Placement]]) -> tuple[NoteStatus, Meeting | None]:
    """Where the note is, as the meetings say, and the meeting that says so: closed once
    discussed at a meeting held, on the agenda of a planned meeting, else open (its meeting
    was cancelled, or the item was not reached). A dropped note stays dropped, and one closed
    without a meeting (by hand) stays closed."""
    if note.status is NoteStatus.dropped:
        return note.status, None
    where = placed.get(note.id, [])
    for placement in where:
        if (
            placement.meeting.status is MeetingStatus.held
            and placement.status is ItemStatus.discussed
        ):
            return NoteStatus.closed, placement.meeting
    for placement in where:
        if placement.meeting.status is MeetingStatus.planned:
            return NoteStatus.on_agenda, placement.meeting
    if note.status is NoteStatus.closed:
        return note.status, None
    return NoteStatus.open, None


def reconciled(note: Note, placed: dict[str, list[Placement]], now: dt.datetime) -> Note:
    """The note with its status, meeting and closing day as the meetings say (see
    `status_of`); the note itself when nothing changes, so it is not rewritten."""
    status, meeting = status_of(note, placed)
    if meeting is None:
        if status is not NoteStatus.open:
            return note
        fields: dict[str, object] = {"status": status, "meeting": None, "closed": None}
    else:
        closed = local_day(meeting.when or meeting.created, now)
        fields = {
            "status": status,
            "meeting": meeting.id,
            "closed": closed if status is NoteStatus.closed else None,
        }
    if all(getattr(note, name) == value for name, value in fields.items()):
        return note
    return note.revised(**fields)


def waiting_for(mentor: str, notes: Iterable[Note], meetings: Iterable[Meeting]) -> list[Note]:
    """The notes for `mentor` still to go on an agenda, oldest first."""
    placed = placements(meetings)
    return chronological(
        n for n in notes if n.mentor == mentor and status_of(n, placed)[0] is NoteStatus.open
    )


def is_pending(note: Note) -> bool:
    """Still to be raised with a mentor: open, or on an agenda not yet discussed (a journal
    entry is never raised)."""
    return note.mentor is not None and note.status in (NoteStatus.open, NoteStatus.on_agenda)


def chronological(notes: Iterable[Note]) -> list[Note]:
    return sorted(notes, key=lambda n: (n.date, n.created, n.id))


def find_note(query: str, notes: Iterable[Note]) -> Note:
    """The note whose id (or unique id prefix) was typed."""
    by_id = {note.id: note for note in notes}
    labels = {note.id: headline(note)[:40] for note in by_id.values()}
    found = find_unique(query.strip().lower(), {i: [i] for i in by_id}, "note", labels)
    return by_id[found]


def drop(note: Note, day: dt.date) -> Note:
    if note.status in (NoteStatus.dropped, NoteStatus.closed):
        raise MkError(f"Note {note.id} is already {note.status}.")
    return note.revised(status=NoteStatus.dropped, dropped=day)
