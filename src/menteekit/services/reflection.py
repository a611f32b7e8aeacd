"""`mk log`: the reflection after a meeting, and the follow-up recap to the mentor.

The structured answers (item outcomes, feedback kinds, decisions, thanks) go into the
meeting's front matter; the prose goes into a section appended to its Markdown body, rendered
from the `reflection.md` template. What is already in the body is never touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from menteekit.dates import format_when
from menteekit.errors import UsageError
from menteekit.services.lookup import find_unique
from menteekit.services.meetings import chronological, day, is_due, moment
from menteekit.services.mentors import salutation
from menteekit.services.templates import fill
from menteekit.vocab import (
    ActionStatus,
    FeedbackKind,
    ItemOrigin,
    ItemStatus,
    MeetingStatus,
    Owner,
    Trigger,
)

if TYPE_CHECKING:
    from menteekit.models import Action, Feedback, Meeting

LISTEN_FOR: dict[Trigger, str] = {
    Trigger.truth: "Listen for what they know that you do not, and where their reading of "
    "events differs from yours: the gap is often the useful part.",
    Trigger.relationship: "Notice whether a second topic, how the two of you get on, has "
    "slipped in beside the feedback. Take them one at a time.",
    Trigger.identity: "Notice how far this knocked you and how fast you are coming back. It "
    "says something about your wiring, not a verdict on who you are.",
}

QUESTIONS_BACK: dict[Trigger, tuple[str, ...]] = {
    Trigger.truth: (
        "What did you notice that I may have missed? Is there a moment you could point me to?",
        "How did it land on you, or on the people around us?",
        "If you were in my place, what would you change first?",
    ),
    Trigger.relationship: (
        "Could you say more about where this comes from, so that I understand it?",
        "How much of this comes from the way we work together, and which part of that is mine?",
        "Once I have understood it, could we also talk about how things are going between us?",
    ),
    Trigger.identity: (
        "How big a deal is this, set against everything else you see in my work?",
        "If I could work on only one thing from this, which should it be?",
        "What would progress on this look like a month from now?",
    ),
}


@dataclass
class Answers:
    """Everything a reflection records, from flags or from the walkthrough."""

    outcomes: dict[str, ItemStatus] = field(default_factory=dict)  # item id -> discussed/carried
    item_notes: dict[str, str] = field(default_factory=dict)
    notes: str = ""
    advice: list[str] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    differently: str = ""
    disagree: str = ""
    disagree_follow_up: str = ""
    thanked: bool = False
    minutes_taken: int | None = None
    done: list[str] = field(default_factory=list)  # action items discussed and done now


def item_id(query: str, meeting: Meeting) -> str:
    """The agenda item of `meeting` that `query` names (its number, or a unique prefix)."""
    if not meeting.items:
        raise UsageError(
            f"The meeting with {meeting.mentor} has no agenda, so there is no item {query!r}."
        )
    ids = {item.id: [item.id] for item in meeting.items}
    labels = {item.id: item.text[:40] for item in meeting.items}
    return find_unique(query.strip().lower(), ids, "agenda item", labels)


def unknown_kind(typed: str) -> str | None:
    """The word before the colon of a feedback typed as `"praise: TEXT"`, when it is not a kind
    of feedback: it may have been meant as one (`"Aims: too broad"` may be a label)."""
    head, colon, _ = typed.partition(":")
    word = head.strip().lower().partition("/")[0]
    if colon and word.isalpha() and not any(k.startswith(word) for k in FeedbackKind):
        return head.strip()
    return None


def feedback_from(typed: str) -> Feedback:
    """`"coaching: TEXT"` (or appreciation, evaluation; a unique prefix will do), and
    `"evaluation/identity: TEXT"` for feedback that stung (truth, relationship or identity);
    coaching when no kind is typed."""
    from menteekit.models import Feedback

    head, colon, rest = typed.partition(":")
    kind_word, slash, trigger_word = head.strip().lower().partition("/")
    kinds = [k for k in FeedbackKind if kind_word and k.startswith(kind_word)]
    if not (colon and len(kinds) == 1):
        kinds, rest, slash = [FeedbackKind.coaching], typed, ""
    trigger = None
    if slash:
        triggers = [t for t in Trigger if trigger_word and t.startswith(trigger_word)]
        if len(triggers) != 1:
            listed = ", ".join(Trigger)
            raise UsageError(f"Feedback {typed!r}: after the '/' give why it stung: {listed}.")
        trigger = triggers[0]
    if not rest.strip():
        raise UsageError(f"Feedback {typed!r} has no text.")
    return Feedback.create(kind=kinds[0], text=rest.strip(), trigger=trigger)


@dataclass(frozen=True)
class LogChoice:
    """What `mk log MENTOR` reflects on: `meeting` (one whose time has come, or one already
    reflected on that day, to add to), else a new unplanned conversation; `later` is the next
    meeting planned with them, which the user may mean if it was held early."""

    meeting: Meeting | None
    later: Meeting | None


def meeting_with(
    meetings: Iterable[Meeting], mentor: str, happened: dt.date | None, now: dt.datetime
) -> LogChoice:
    """The meeting with `mentor` a reflection is about (see `LogChoice`); `happened` is the day
    it took place when the user gave one."""
    theirs = [m for m in meetings if m.mentor == mentor]
    due = chronological((m for m in theirs if is_due(m, now, happened)), now)
    undated = [m for m in theirs if m.status is MeetingStatus.planned and m.when is None]
    on = happened or now.date()
    # Logged already that day: `mk log MENTOR` again adds to that reflection.
    same_day = [m for m in theirs if m.status is MeetingStatus.held and day(m, now) == on]
    found = due or chronological(undated, now) or chronological(same_day, now)
    if found:
        return LogChoice(found[-1], None)
    # Planned for later (even later today): the user may mean it, held early.
    later = chronological(
        (
            m
            for m in theirs
            if m.status is MeetingStatus.planned
            and m.when
            and not is_due(m, now)
            and day(m, now) >= on
        ),
        now,
    )
    return LogChoice(None, later[0] if later else None)


def unplanned(mentor: str, when: dt.datetime | dt.date, now: dt.datetime, body: str) -> Meeting:
    """A conversation that was never planned (a corridor chat, a call): it has no agenda."""
    from menteekit.models import Meeting

    return Meeting.create(mentor=mentor, when=when, created=now.replace(microsecond=0), body=body)


def apply(meeting: Meeting, answers: Answers, section: str, now: dt.datetime) -> Meeting:
    """The meeting as held, with the answers recorded and `section` appended to its body.

    Logging the same meeting again adds to what is there: both reflections are kept.
    """
    from menteekit.models import Reflection

    items = []
    for item in meeting.items:
        status = answers.outcomes.get(item.id, item.status)
        if item.origin is ItemOrigin.wrap_up:
            status = ItemStatus.discussed  # the wrap-up is what the reflection records
        note = answers.item_notes.get(item.id)
        joined = f"{item.note}\n{note}" if note and item.note else note or item.note
        items.append(item.revised(status=status, note=joined))
    earlier = meeting.reflection
    minutes = [m for m in (earlier and earlier.minutes, answers.minutes_taken) if m is not None]
    reflection = Reflection.create(
        written=earlier.written if earlier else now.replace(microsecond=0),
        minutes=sum(minutes) if minutes else None,
        thanked=answers.thanked or bool(earlier and earlier.thanked),
        decisions=(earlier.decisions if earlier else []) + answers.decisions,
        feedback=(earlier.feedback if earlier else []) + answers.feedback,
    )
    body = meeting.body
    if body and not body.endswith("\n"):
        body += "\n"
    if body.strip():
        body += "\n"
    return meeting.revised(
        status=MeetingStatus.held, items=items, reflection=reflection, body=body + section
    )


_PROSE_HEADINGS = (
    "How it went",
    "Advice I heard",
    "What I will do differently",
    "Where I disagree",
)


def prose_draft(answers: Answers) -> str:
    """The prose part of a reflection, to be written in the editor: a heading for each part,
    with what was already given on the command line under it."""
    given = (
        answers.notes,
        "\n".join(f"- {a}" for a in answers.advice),
        answers.differently,
        _disagreement(answers),
    )
    return "\n".join(
        f"### {h}\n\n{text.strip()}\n" for h, text in zip(_PROSE_HEADINGS, given, strict=True)
    )


def tidy_prose(text: str) -> str:
    """What was written in the editor, less the headings of `prose_draft` left with nothing
    under them; every line the user wrote is kept as written."""
    lines = text.strip("\n").split("\n")
    ours = {f"### {heading}" for heading in _PROSE_HEADINGS}
    kept = []
    for number, line in enumerate(lines):
        following = next((later for later in lines[number + 1 :] if later.strip()), None)
        if line.rstrip() in ours and (following is None or following.rstrip() in ours):
            continue  # an empty part of the draft: its heading goes, with its blank lines
        kept.append(line)
    prose = "\n".join(kept).strip("\n")
    return prose + "\n" if prose.strip() else ""


def _disagreement(answers: Answers) -> str:
    disagree = answers.disagree.strip()
    if disagree and answers.disagree_follow_up.strip():
        disagree += f"\n\nHow I will follow up: {answers.disagree_follow_up.strip()}"
    return disagree


def section(
    template: str,
    meeting: Meeting,
    answers: Answers,
    actions: Iterable[Action],
    next_when: dt.datetime | dt.date | None,
    now: dt.datetime,
    *,
    prose: str | None = None,
) -> str:
    """The reflection as Markdown, from the `reflection.md` template.

    `prose` is the prose part written in the editor (see `prose_draft`): it takes the place of
    the answers' notes, advice, what I will do differently and where I disagree.
    """

    def block(heading: str, lines: list[str], text: str = "") -> str:
        content = "\n".join(lines) or text.strip()
        return f"### {heading}\n\n{content}\n" if content else ""

    again = meeting.reflection is not None  # adding to a reflection: only what is new
    outcome = []
    for item in meeting.items:
        if item.origin is ItemOrigin.wrap_up or (again and item.id not in answers.outcomes):
            continue
        status = answers.outcomes.get(item.id, item.status)
        shown = "discussed" if status is ItemStatus.discussed else "carried over"
        note = answers.item_notes.get(item.id)
        outcome.append(f"- {item.text} — {shown}" + (f": {note}" if note else ""))
    feedback = []
    for given in answers.feedback:
        feedback.append(f"- ({given.kind}) {given.text}")
        if given.trigger:
            feedback.append(f"  - It stung ({given.trigger} trigger). Questions to ask back:")
            feedback += [f"    - {q}" for q in QUESTIONS_BACK[given.trigger]]
    action_lines = [
        f"- {'Me' if a.owner is Owner.me else 'Mentor'}: {a.text}"
        + (f" (due {a.due.isoformat()})" if a.due else "")
        for a in actions
    ]
    if prose is not None:
        prose_parts = {"notes": tidy_prose(prose)}
    else:
        prose_parts = {
            "notes": block("How it went", [], answers.notes),
            "advice": block("Advice I heard", [f"- {a}" for a in answers.advice]),
            "differently": block("What I will do differently", [], answers.differently),
            "disagree": block("Where I disagree", [], _disagreement(answers)),
        }
    return fill(
        template,
        **{"advice": "", "differently": "", "disagree": "", **prose_parts},
        date=format_when(meeting.when or now, now) + (", continued" if again else ""),
        agenda=block("Agenda", outcome),
        feedback=block("Feedback I received", feedback),
        decisions=block("Decisions", [f"- {d}" for d in answers.decisions]),
        actions=block("Action items", action_lines),
        thanked="Thank-you sent." if answers.thanked else "",
        next=f"Next meeting: {format_when(next_when, now)}." if next_when else "",
        time=(
            f"_Reflected for {answers.minutes_taken} min on {format_when(now, now)}._"
            if answers.minutes_taken is not None
            else f"_Logged on {format_when(now, now)}._"
        ),
    )


def follow_up(
    meeting: Meeting, actions: Iterable[Action], meetings: Iterable[Meeting], now: dt.datetime
) -> tuple[list[Action], Meeting | None]:
    """What a recap of `meeting` lists: its action items still standing (mine first, by date)
    and the next meeting planned with the same mentor."""
    steps = sorted(
        (a for a in actions if a.meeting == meeting.id and a.status is not ActionStatus.dropped),
        key=lambda a: (a.owner is not Owner.me, a.due or a.created, a.id),
    )
    later = [
        m
        for m in meetings
        if m.mentor == meeting.mentor
        and m.status is MeetingStatus.planned
        and moment(m, now) > moment(meeting, now)
    ]
    return steps, min(later, key=lambda m: moment(m, now), default=None)


def recap(
    template: str,
    meeting: Meeting,
    mentor_name: str,
    my_name: str,
    actions: Iterable[Action],
    next_meeting: Meeting | None,
    now: dt.datetime,
) -> str:
    """A short follow-up to send the mentor: what we discussed and agreed, who does what by
    when, and when we meet next. Only structured fields are used: never the notes, so
    nothing from the Private section (or any prose) can leak into it."""
    # The topics the mentee brought (typed, carried over, from a note or a goal); wins and
    # progress on actions are the mentee's own news, and what is still to do is in the next
    # steps.
    topics = (ItemOrigin.new, ItemOrigin.carried, ItemOrigin.note, ItemOrigin.goal)
    discussed = [
        f"- {item.text}"
        for item in meeting.items
        if item.status is ItemStatus.discussed and item.origin in topics
    ]
    decisions = [f"- {d}" for d in meeting.reflection.decisions] if meeting.reflection else []
    steps = [
        f"- {'Me' if a.owner is Owner.me else 'You'}: {a.text}"
        + (f" (by {format_when(a.due, now)})" if a.due else "")
        for a in actions
    ]
    when = meeting.when or meeting.created
    return fill(
        template,
        mentor_name=mentor_name,
        greeting=salutation(mentor_name),
        date=format_when(when if not isinstance(when, dt.datetime) else when.date(), now),
        discussed="We talked about:\n" + "\n".join(discussed) if discussed else "",
        decisions="We agreed:\n" + "\n".join(decisions) if decisions else "",
        actions="Next steps:\n" + "\n".join(steps) if steps else "",
        next=(
            f"Our next meeting: {format_when(next_meeting.when, now)}."
            if next_meeting and next_meeting.when
            else "I will be in touch to find a date for our next meeting."
        ),
        my_name=my_name or "[your name]",
    )
