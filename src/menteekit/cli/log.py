"""`mk log`: the reflection right after a meeting, time-boxed to half an hour."""

import math
import time
from typing import TYPE_CHECKING, Annotated

import typer

from menteekit.cli._common import (
    HomeOpt,
    JsonOpt,
    NoInputOpt,
    ask_mentor,
    checked_option,
    date_option,
    day_of,
    interactive,
    meeting_date,
    mentor_name,
    open_store,
    resolve_goal,
    resolve_mentor,
)

if TYPE_CHECKING:
    import datetime as dt

    from menteekit.models import Action, Meeting, Mentor
    from menteekit.prompts import Asker
    from menteekit.services.reflection import Answers
    from menteekit.store import Store


class TimeBox:
    """The half hour after a meeting: how much of it is left, and how much was taken."""

    def __init__(self, minutes: int) -> None:
        self.minutes = minutes
        self.started = time.monotonic()
        self.last_shown = ""
        self.told_over = False

    def elapsed(self) -> float:
        return (time.monotonic() - self.started) / 60

    def taken(self) -> int:
        return max(1, math.ceil(self.elapsed()))

    def tell(self, ask: "Asker") -> None:
        left = self.minutes - self.elapsed()
        if left > 0:
            shown = f"({math.ceil(left)} of {self.minutes} min left)"
            if shown != self.last_shown:  # once per minute that passes, not at every question
                self.last_shown = shown
                ask.say(f"\n[dim]{shown}[/dim]")
        elif not self.told_over:
            self.told_over = True
            ask.say(
                f"\n[yellow]Your {self.minutes} minutes are up.[/yellow] Finish with the action "
                "items and the next date; press Enter to skip anything that can wait."
            )


def log(
    meeting: Annotated[
        str | None,
        typer.Argument(
            metavar="[MEETING|MENTOR]",
            help="A meeting id (or prefix), or a mentor: their meeting planned for today or "
            "earlier, else an unplanned conversation (default: your latest planned meeting).",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            help="When an unplanned conversation happened (default: now).", show_default=False
        ),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=240,
            help="The time box for reflecting (default: reflection_minutes in menteekit.toml, "
            "else 30).",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option(help="A note on how the meeting went.", show_default=False)
    ] = None,
    discussed: Annotated[
        list[str] | None,
        typer.Option(
            "--discussed",
            metavar="ID",
            help="An agenda item discussed (repeatable).",
            show_default=False,
        ),
    ] = None,
    carry: Annotated[
        list[str] | None,
        typer.Option(
            "--carry",
            metavar="ID",
            help="An agenda item to carry over (repeatable); under --no-input items not named "
            "are carried over too.",
            show_default=False,
        ),
    ] = None,
    advice: Annotated[
        list[str] | None,
        typer.Option("--advice", help="Advice you heard (repeatable).", show_default=False),
    ] = None,
    feedback: Annotated[
        list[str] | None,
        typer.Option(
            "--feedback",
            help='Feedback you received (repeatable); "appreciation: TEXT" or "evaluation: '
            'TEXT" sets its kind (default: coaching).',
            show_default=False,
        ),
    ] = None,
    decision: Annotated[
        list[str] | None,
        typer.Option("--decision", help="A decision taken (repeatable).", show_default=False),
    ] = None,
    action: Annotated[
        list[str] | None,
        typer.Option(
            "--action",
            help='A new action item for you (repeatable); "mentor: TEXT" makes it the mentor\'s.',
            show_default=False,
        ),
    ] = None,
    due: Annotated[
        str | None,
        typer.Option(help="When the new actions are due, e.g. '+2w'.", show_default=False),
    ] = None,
    goal: Annotated[
        str | None, typer.Option(help="The goal the new actions serve.", show_default=False)
    ] = None,
    thanked: Annotated[
        bool, typer.Option("--thanked", help="You have thanked them for their time.")
    ] = False,
    next_date: Annotated[
        str | None,
        typer.Option(
            "--next", help="The next meeting's date: it is planned at once.", show_default=False
        ),
    ] = None,
    edit: Annotated[
        bool, typer.Option("--edit", help="Write the reflection itself in $VISUAL or $EDITOR.")
    ] = False,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Reflect on a meeting right after it: what happened, what you heard, what comes next.

    Give yourself half an hour alone after the meeting, while it is fresh: mark each agenda
    item discussed or carried over, note the advice and feedback you heard (and, if feedback
    stung, questions worth asking back), decisions, new action items for you and your mentor,
    what you will do differently, where you disagree and how you will follow up, whether you
    have thanked them, and the next meeting date (which plans that meeting).

    The answers are recorded in the meeting's file: the structured ones in its front matter,
    the rest as a section added to its notes. Logging a meeting that was never planned (a
    corridor conversation) records it too.

    \b
    Examples:
      mk log rivera
      mk log rivera --no-input --discussed 1 --carry 2 --action "Send aims page" --due +1w \\
        --action "mentor: intro to Dr. Chen" --next "jan 8 3pm" --thanked
      mk log mensah --date yesterday --note "Hallway chat about the K award" --no-input
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.errors import MkError, UsageError
    from menteekit.prompts import Asker
    from menteekit.services import reflection
    from menteekit.services.actions import owner_and_text
    from menteekit.services.mentors import not_in_future
    from menteekit.vocab import ItemStatus, check_prose

    store, config = open_store(home)
    now = local_now()
    # Everything typed is checked before the first question, so no answer is wasted.
    happened = date_option(date, now, "--date", prefer="past", check=not_in_future(now.date()))
    due_day = date_option(due, now, "--due", prefer="future")
    if due_day is not None and due_day < now.date():
        render.warn(f"--due {due_day.isoformat()} is already past.")
    next_when = meeting_date(next_date, now, "next meeting")
    goal_id = resolve_goal(store, goal) if goal is not None else None
    note = checked_option(note, check_prose, "--note") or ""
    typed_feedback = [reflection.feedback_from(text) for text in feedback or []]
    typed_actions = [owner_and_text(text) for text in action or []]
    answers = reflection.Answers(
        notes=note,
        advice=[_line(text, "--advice") for text in advice or []],
        decisions=[_line(text, "--decision") for text in decision or []],
        feedback=typed_feedback,
        thanked=thanked,
    )
    ask = Asker(interactive(no_input))
    target = _target(store, ask, meeting, happened, now)
    slug = target.mentor
    name = mentor_name(store, slug)
    for query, status in [(q, ItemStatus.discussed) for q in discussed or []] + [
        (q, ItemStatus.carried) for q in carry or []
    ]:
        item = reflection.item_id(query, target)
        if answers.outcomes.get(item, status) is not status:
            raise UsageError(f"Agenda item {item} is named as both discussed and carried over.")
        answers.outcomes[item] = status

    box = TimeBox(minutes or config.reflection_minutes)
    prose = draft = None
    if edit:  # the prose first: if the editor fails, no other answer has been given yet
        from menteekit.cli._editor import compose

        draft = store.root / ".drafts" / f"log-{target.id or slug}.md"
        prose = compose(store, draft, reflection.prose_draft(answers))
    if ask.interactive:
        _walk_through(ask, box, target, name, answers, prose=not edit)
    new_actions = [(who, what, due_day, goal_id) for who, what in typed_actions]
    if ask.interactive and not typed_actions:
        new_actions = _ask_actions(ask, box, store, now, goal_id)
    if ask.interactive:
        _ask_closing(ask, box, answers, thanked, prose=not edit)
        if next_when is None:
            next_when = ask.value(
                "When is your next meeting? (empty if not agreed yet)",
                lambda answer: meeting_date(answer, now, "next meeting"),
                hint="The last minutes of a meeting are for fixing the next date: e.g. jan 8 3pm",
            )
    if ask.interactive or edit:
        answers.minutes_taken = box.taken()

    actions = [_action(who, what, day, goal, slug, now) for who, what, day, goal in new_actions]
    template = store.template("reflection.md")
    section = reflection.section(template, target, answers, actions, next_when, now, prose=prose)

    with store.lock():
        if target.id:
            # A meeting planned without a date, or for later, gets the day it happened.
            dated = happened or now.replace(second=0, microsecond=0)

            def record(current: "Meeting") -> "Meeting":
                if current.when is None or day_of(current.when) > now.date():
                    current = current.revised(when=dated)
                return reflection.apply(current, answers, section, now)

            held = store.update_meeting(target.id, record)
        else:
            held = store.add_meeting(reflection.apply(target, answers, section, now))
        saved = store.add_actions([a.revised(meeting=held.id) for a in actions])
        following = _plan_next(store, held, next_when, now)
        day = day_of(held.when or now)
        if day <= now.date():
            try:
                store.update_mentor(slug, lambda m: _contacted(m, day))
            except MkError as problem:  # the meeting is logged all the same
                render.warn(f"The last contact with {name} was not updated: {problem}")
    if draft is not None:
        store.discard_draft(draft)

    path = store.meeting_path(held.id)
    if json:
        render.print_json(
            {
                "meeting": render.meeting_data(held, path, full=True),
                "actions": [render.action_data(a, now.date()) for a in saved],
                "next_meeting": render.meeting_data(following) if following else None,
            }
        )
        return
    _summary(held, name, saved, following, now)
    render.note(f"Saved {path}")


def _line(text: str, flag: str) -> str:
    from menteekit.vocab import check_line

    return checked_option(text.strip(), check_line, flag) or ""


def _target(
    store: "Store", ask: "Asker", query: str | None, happened: "dt.date | None", now: "dt.datetime"
) -> "Meeting":
    """The meeting to reflect on: named, or the mentor's meeting planned for then, or a new
    unplanned one (its id is empty until it is saved)."""
    from menteekit import render
    from menteekit.dates import describe
    from menteekit.errors import NotFound, UsageError
    from menteekit.services.meetings import (
        chronological,
        find_meeting,
        is_meeting_id,
        when_text,
    )
    from menteekit.services.reflection import unplanned

    meetings, problems = store.load_meetings()
    render.report_problems(problems)
    planned = [m for m in meetings if m.status == "planned"]
    day = happened or now.date()
    due = [m for m in planned if m.when is None or day_of(m.when) <= day]
    if query is None and due:
        latest = chronological(due, now)[-1]
        name = mentor_name(store, latest.mentor)
        render.note(f"Logging your meeting with {name} on {when_text(latest, now)}.")
        return _reflectable(latest)
    if query is None:
        if not ask.interactive:
            raise UsageError(
                "No planned meeting is due to be logged: name the meeting or the mentor.",
                hint="For a conversation that was never planned: mk log MENTOR",
            )
        slug = ask_mentor(store, ask, None)
    elif query.strip().lower() in {m.id for m in meetings}:
        return _reflectable(find_meeting(query, meetings, now))
    else:
        typed = query.strip().lower()
        try:
            slug = resolve_mentor(store, query)
        except NotFound:
            if is_meeting_id(typed, (m.id for m in meetings)):
                return _reflectable(find_meeting(typed, meetings, now))
            raise NotFound(f"No meeting or mentor matches {query!r}.") from None
    theirs = [m for m in due if m.mentor == slug]
    if happened is not None:
        theirs = [m for m in theirs if m.when is None or day_of(m.when) == happened]
    if theirs:
        return chronological(theirs, now)[-1]
    # Logged already today: `mk log MENTOR` again adds to that reflection.
    same_day = [
        m
        for m in meetings
        if m.mentor == slug and m.status == "held" and day_of(m.when or m.created) == day
    ]
    if same_day:
        latest = chronological(same_day, now)[-1]
        render.note(f"Adding to your reflection on the meeting of {when_text(latest, now)}.")
        return latest
    later = [m for m in planned if m.mentor == slug and day_of(m.when or m.created) > day]
    upcoming = chronological(later, now)
    if upcoming and ask.interactive:
        soon = upcoming[0]
        when = describe(soon.when, now) if soon.when else "with no date yet"
        if ask.confirm(f"Is this your meeting with {mentor_name(store, slug)} planned {when}?"):
            return soon
    if upcoming:
        render.note(
            f"Logging an unplanned conversation; the meeting planned for "
            f"{when_text(upcoming[0], now)} stays planned (log it with its id, "
            f"{upcoming[0].id})."
        )
    store.load_mentor(slug)  # a broken mentor file is reported before any question
    when = happened or now.replace(second=0, microsecond=0)
    return unplanned(slug, when, now, store.template("meeting.md"))


def _reflectable(meeting: "Meeting") -> "Meeting":
    from menteekit.errors import MkError

    if meeting.status in ("cancelled", "rescheduled"):
        moved = f" (now {meeting.rescheduled_to})" if meeting.rescheduled_to else ""
        raise MkError(f"Meeting {meeting.id} was {meeting.status}{moved}; it cannot be logged.")
    return meeting


def _walk_through(
    ask: "Asker", box: TimeBox, meeting: "Meeting", name: str, answers: "Answers", prose: bool
) -> None:
    """The questions about the meeting itself; `prose` ones are skipped when the reflection
    is written in the editor."""
    from menteekit import render
    from menteekit.models import Feedback
    from menteekit.services.reflection import LISTEN_FOR, QUESTIONS_BACK
    from menteekit.vocab import (
        FEEDBACK_KIND_MEANING,
        TRIGGER_MEANING,
        FeedbackKind,
        ItemStatus,
        Trigger,
        check_prose,
    )

    ask.say(
        f"[bold]Reflecting on your meeting with {render.escape(name)}.[/bold] Take "
        f"{box.minutes} minutes, now, while it is fresh; press Enter to skip a question."
    )
    if meeting.reflection is not None:
        ask.say("[dim]You reflected on it before: this adds to what you wrote.[/dim]")
    if prose and not answers.notes:
        answers.notes = ask.text("In a sentence or two, how did it go?", check=check_prose)
    # Only what is still open: logging a meeting again does not undo what was decided.
    items = [
        i
        for i in meeting.items
        if i.origin != "wrap-up" and i.id not in answers.outcomes and i.status == "pending"
    ]
    if items:
        box.tell(ask)
        ask.say("[bold]The agenda[/bold]: what did you get to? (carried items come back next time)")
    for item in items:
        ask.say(render.escape(f"  {item.id}. [{item.kind}] {item.text}"))
        choice = ask.choose(
            "  Discussed or carried over?", ["discussed", "carried"], default="discussed"
        )
        answers.outcomes[item.id] = ItemStatus(choice or "discussed")
        item_note = ask.text("  Anything to note about it?", check=check_prose)
        if item_note:
            answers.item_notes[item.id] = item_note
    box.tell(ask)
    if prose and not answers.advice:
        answers.advice = ask.lines("Advice you heard")
    if not answers.feedback:
        box.tell(ask)
        ask.say("[bold]Feedback[/bold]: knowing which kind you got helps you hear it well.")
        for kind in FeedbackKind:
            ask.say(f"  {kind}: {FEEDBACK_KIND_MEANING[kind]}")
        ask.say("[dim]One at a time; press Enter when there is none, or no more.[/dim]")
        while kind := ask.choose(
            "Feedback received, of which kind?", [k.value for k in FeedbackKind]
        ):
            text = ask.text("  What was said?", check=check_prose, required="--feedback")
            stung = None
            if kind != FeedbackKind.appreciation:
                stung = ask.choose(
                    "  Did it sting? If so, why",
                    ["no", *(t.value for t in Trigger)],
                    default="no",
                    hint="; ".join(f"{t}: {TRIGGER_MEANING[t]}" for t in Trigger),
                )
            trigger = Trigger(stung) if stung and stung != "no" else None
            if trigger:
                ask.say(f"  [dim]{render.escape(LISTEN_FOR[trigger])}[/dim]")
                ask.say("  Questions worth asking back, when you are ready:")
                for question in QUESTIONS_BACK[trigger]:
                    ask.say(f"    • {render.escape(question)}")
            answers.feedback.append(Feedback.create(kind=kind, text=text, trigger=trigger))
    if not answers.decisions:
        box.tell(ask)
        answers.decisions = ask.lines("Decisions taken")


def _ask_actions(
    ask: "Asker", box: TimeBox, store: "Store", now: "dt.datetime", goal_id: str | None
) -> "list[tuple]":
    from menteekit.errors import MkError
    from menteekit.services.actions import not_before
    from menteekit.vocab import Owner

    box.tell(ask)
    found: list[tuple] = []
    has_goals = bool(store.goal_ids())

    def to_goal(answer: str) -> str:
        try:
            return resolve_goal(store, answer)
        except MkError as problem:
            raise ValueError(str(problem)) from None

    for owner, question in (
        (Owner.me, "Action items for you: what will you do, concretely?"),
        (Owner.mentor, "Action items your mentor took on"),
    ):
        for text in ask.lines(question):
            day = ask.date(
                f"  Due date for {text!r}? (Enter: none)",
                now,
                prefer="future",
                check=not_before(now.date()),
            )
            linked = goal_id
            if has_goals and linked is None:
                linked = ask.value("  Which goal does it serve? (Enter: none)", to_goal)
            found.append((owner, text, day, linked))
    return found


def _ask_closing(
    ask: "Asker", box: TimeBox, answers: "Answers", thanked: bool, prose: bool
) -> None:
    from menteekit.vocab import check_prose

    box.tell(ask)
    if prose:
        answers.differently = ask.text("What will you do differently?", check=check_prose)
        answers.disagree = ask.text(
            "Anything you disagree with?",
            check=check_prose,
            hint="Disagreeing is fine; deciding how to raise it is the useful part.",
        )
    if answers.disagree:
        answers.disagree_follow_up = ask.text("How will you follow up on it?", check=check_prose)
    if not thanked:
        answers.thanked = ask.confirm("Have you thanked them for their time?")
        if not answers.thanked:
            ask.say(
                "[dim]A short thank-you today keeps the door open: `mk recap` drafts one.[/dim]"
            )


def _action(
    owner: str,
    text: str,
    due: "dt.date | None",
    goal: str | None,
    mentor: str,
    now: "dt.datetime",
) -> "Action":
    from menteekit.models import Action

    return Action.create(
        text=text, owner=owner, mentor=mentor, goal=goal, due=due, created=now.date()
    )


def _plan_next(
    store: "Store", held: "Meeting", when: "dt.date | dt.datetime | None", now: "dt.datetime"
) -> "Meeting | None":
    """The next meeting, planned now unless one with this mentor is already planned that day."""
    from menteekit.services.meetings import new_meeting, with_items

    if when is None:
        return None
    for other in store.load_meetings()[0]:
        same_day = other.when is not None and day_of(other.when) == day_of(when)
        if other.mentor == held.mentor and other.status == "planned" and same_day:
            return other
    planned = new_meeting(held.mentor, when, held.minutes, now, store.template("meeting.md"))
    planned = planned.revised(modality=held.modality, location=held.location)
    return store.add_meeting(with_items(planned, []))


def _contacted(mentor: "Mentor", day: "dt.date") -> "Mentor":
    if mentor.last_contact and mentor.last_contact >= day:
        return mentor
    return mentor.revised(last_contact=day)


def _summary(
    held: "Meeting",
    name: str,
    actions: "list[Action]",
    following: "Meeting | None",
    now: "dt.datetime",
) -> None:
    from menteekit import render
    from menteekit.services.meetings import when_text

    done = sum(1 for i in held.items if i.status == "discussed" and i.origin != "wrap-up")
    carried = sum(1 for i in held.items if i.status != "discussed")
    parts = [f"{done} item{'s' * (done != 1)} discussed"] if held.items else []
    if carried:
        parts.append(f"{carried} carried over to next time")
    parts.append(f"{len(actions)} action item{'s' * (len(actions) != 1)} added")
    render.say(
        f"Logged the meeting with {name} on {when_text(held, now)} ({held.id}): "
        + ", ".join(parts)
        + "."
    )
    for action in actions:
        owner = "me" if action.owner == "me" else "mentor"
        due = f", due {action.due.isoformat()}" if action.due else ""
        render.say(f"  {action.id} ({owner}{due}): {action.text}")
    if following is not None:
        render.say(
            f"Next meeting planned: {when_text(following, now)} ({following.id}); "
            f"prepare it with `mk agenda new {held.mentor}`."
        )
    if not (held.reflection and held.reflection.thanked):
        render.note("Send a thank-you and the next steps: `mk recap` drafts the email.")
