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
    find_actions,
    interactive,
    meeting_date,
    meeting_or_mentor,
    mentor_name,
    open_store,
    resolve_goal,
)
from menteekit.vocab import ItemOrigin, ItemStatus, MeetingStatus

if TYPE_CHECKING:
    import datetime as dt

    from menteekit.models import Action, Meeting
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
            "earlier, else an unplanned conversation (default: the planned meeting whose time "
            "has come; with several, you pick one).",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="When an unplanned conversation happened (default: now).",
            show_default=False,
        ),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            metavar="N",
            min=1,
            max=240,
            help="The time box for reflecting (default: reflection_minutes in menteekit.toml, "
            "else 30).",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="A note on how the meeting went.", show_default=False),
    ] = None,
    discussed: Annotated[
        list[str] | None,
        typer.Option(
            "--discussed",
            metavar="ID",
            help='An agenda item discussed (repeatable); "2: TEXT" adds a note on it.',
            show_default=False,
        ),
    ] = None,
    carry: Annotated[
        list[str] | None,
        typer.Option(
            "--carry",
            metavar="ID",
            help='An agenda item to carry over (repeatable; "3: TEXT" adds a note); under '
            "--no-input items not named "
            "are carried over too.",
            show_default=False,
        ),
    ] = None,
    done: Annotated[
        list[str] | None,
        typer.Option(
            "--done",
            metavar="ID",
            help="An action item reported on at the meeting that is done now (repeatable; its id "
            "or a prefix): marked done on the day of the meeting, as `mk done` would.",
            show_default=False,
        ),
    ] = None,
    advice: Annotated[
        list[str] | None,
        typer.Option(
            "--advice", metavar="TEXT", help="Advice you heard (repeatable).", show_default=False
        ),
    ] = None,
    feedback: Annotated[
        list[str] | None,
        typer.Option(
            "--feedback",
            metavar="TEXT",
            help='Feedback you received (repeatable); "appreciation: TEXT" or "evaluation: '
            'TEXT" sets its kind (default: coaching), "evaluation/identity: TEXT" says it stung '
            "and why (truth, relationship or identity).",
            show_default=False,
        ),
    ] = None,
    decision: Annotated[
        list[str] | None,
        typer.Option(
            "--decision", metavar="TEXT", help="A decision taken (repeatable).", show_default=False
        ),
    ] = None,
    action: Annotated[
        list[str] | None,
        typer.Option(
            "--action",
            metavar="TEXT",
            help='A new action item for you (repeatable); "mentor: TEXT" makes it the mentor\'s.',
            show_default=False,
        ),
    ] = None,
    due: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="When the new actions (yours and the mentor's) are due.",
            show_default=False,
        ),
    ] = None,
    goal: Annotated[
        str | None,
        typer.Option(metavar="GOAL", help="The goal the new actions serve.", show_default=False),
    ] = None,
    differently: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="What you will do differently.", show_default=False),
    ] = None,
    disagree: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="What you disagree with.", show_default=False),
    ] = None,
    follow_up: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT",
            help="How you will follow up on the disagreement (with --disagree).",
            show_default=False,
        ),
    ] = None,
    thanked: Annotated[
        bool, typer.Option("--thanked", help="You have thanked them for their time.")
    ] = False,
    next_date: Annotated[
        str | None,
        typer.Option(
            "--next",
            metavar="DATE",
            help="The next meeting's date: it is planned at once.",
            show_default=False,
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
    from menteekit.cli.notes import mark_notes
    from menteekit.dates import local_day, local_now
    from menteekit.errors import Interrupted, MkError, UsageError
    from menteekit.models import Action
    from menteekit.prompts import Asker
    from menteekit.services import reflection
    from menteekit.services.actions import mark_done, owner_and_text
    from menteekit.services.meetings import is_reflected
    from menteekit.services.mentors import contacted, not_in_future
    from menteekit.vocab import ActionStatus, FeedbackKind, check_prose

    if edit and no_input:
        raise UsageError("--edit opens your editor, which --no-input rules out: give one.")
    store, config = open_store(home)
    misplaced = store.misplaced_files()
    if misplaced:  # every write below would fail: say so before the first question
        raise misplaced[0]
    now = local_now()
    # Everything typed is checked before the first question, so no answer is wasted.
    happened = date_option(date, now, "--date", prefer="past", check=not_in_future(now.date()))
    due_day = date_option(due, now, "--due", prefer="future")
    if due_day is not None and due_day < now.date():
        render.warn(f"--due {due_day.isoformat()} is already past.")
    next_when = meeting_date(next_date, now, "next meeting")
    goal_id = resolve_goal(store, goal) if goal is not None else None
    note = checked_option(note, check_prose, "--note") or ""
    if follow_up is not None and disagree is None:
        raise UsageError("--follow-up says how you will follow up a disagreement: give --disagree.")
    typed_feedback = [reflection.feedback_from(text) for text in feedback or []]
    for text in feedback or []:
        if (word := reflection.unknown_kind(text)) is not None:
            kinds = ", ".join(FeedbackKind)
            render.warn(
                f"{word!r} is not a kind of feedback ({kinds}): {text!r} is kept as coaching. "
                'Name the kind if it is another ("appreciation: ...").'
            )
    typed_actions = [owner_and_text(text) for text in action or []]
    answers = reflection.Answers(
        notes=note,
        advice=[_line(text, "--advice") for text in advice or []],
        decisions=[_line(text, "--decision") for text in decision or []],
        feedback=typed_feedback,
        differently=checked_option(differently, check_prose, "--differently") or "",
        disagree=checked_option(disagree, check_prose, "--disagree") or "",
        disagree_follow_up=checked_option(follow_up, check_prose, "--follow-up") or "",
        thanked=thanked,
    )
    ask = Asker(interactive(no_input))
    target = _target(store, ask, meeting, happened, now)
    slug = target.mentor
    name = mentor_name(store, slug)
    for typed, status in [(t, ItemStatus.discussed) for t in discussed or []] + [
        (t, ItemStatus.carried) for t in carry or []
    ]:
        query, _, item_note = typed.partition(":")  # "2: she liked it"
        item = reflection.item_id(query, target)
        if answers.outcomes.get(item, status) is not status:
            raise UsageError(f"Agenda item {item} is named as both discussed and carried over.")
        answers.outcomes[item] = status
        if item_note.strip():
            flag = "--discussed" if status is ItemStatus.discussed else "--carry"
            answers.item_notes[item] = checked_option(item_note.strip(), check_prose, flag)

    if done:
        answers.done = [a.id for a in _open_actions_named(store, done)]

    box = TimeBox(minutes or config.reflection_minutes)
    prose = draft = None
    if edit:  # the prose first: if the editor fails, no other answer has been given yet
        from menteekit.cli._editor import compose

        draft = store.root / ".drafts" / f"log-{target.id or slug}.md"
        prose = compose(store, draft, reflection.prose_draft(answers))
    new_actions = [
        Action.create(
            text=what, owner=who, mentor=slug, goal=goal_id, due=due_day, created=now.date()
        )
        for who, what in typed_actions
    ]
    if ask.interactive:
        kept_before = store.typed_kept(f"log-{target.id}-") if target.id else []
        if kept_before:
            ask.say(
                f"[dim]You stopped a reflection on this meeting before; what you typed then is in "
                f"{render.escape(str(kept_before[-1]))}.[/dim]"
            )
        ask.typed.clear()  # only the reflection's own answers are worth keeping (below)
        try:
            # An item reporting on an open action item asks whether it is done now.
            open_ids = {a.id for a in store.load_actions(open_only=True)[0]}
            _walk_through(ask, box, target, name, answers, open_ids, prose=not edit)
            if not typed_actions:
                new_actions = _ask_actions(ask, box, store, slug, now, goal_id)
            _ask_closing(ask, box, answers, thanked, prose=not edit)
            if next_when is None:
                next_when = ask.value(
                    "When is your next meeting? (empty if not agreed yet)",
                    lambda answer: meeting_date(answer, now, "next meeting"),
                    hint="The last minutes of a meeting are for fixing the next date: "
                    "e.g. jan 8 3pm",
                )
        except Interrupted:
            if not ask.typed:
                raise
            kept = store.keep_typed(
                f"log-{target.id or slug}-{now:%Y%m%d-%H%M%S}.txt",
                _typed_text(ask.typed, name, target, now),
            )
            raise Interrupted(
                f"Stopped: nothing was logged. What you typed is kept in {kept}."
            ) from None
        blank = answers == reflection.Answers() and not (new_actions or next_when or prose)
        what = "meeting" if target.id else "conversation"
        if (
            blank
            and not is_reflected(target)
            and not ask.confirm(
                f"Nothing was noted. Log the {what} anyway, as held with an empty reflection?"
            )
        ):
            raise Interrupted("Nothing was logged.")
    if ask.interactive or edit:
        answers.minutes_taken = box.taken()

    template = store.template("reflection.md")
    # A meeting planned without a date, or for later, gets the day it happened.
    dated = happened or now.replace(second=0, microsecond=0)
    written: list[str] = []

    def record(current: "Meeting") -> "Meeting":
        if current.when is None or local_day(current.when, now) > now.date():
            current = current.revised(when=dated)
        # From the meeting as it is now: another mk may have changed it while we asked.
        section = reflection.section(
            template, current, answers, new_actions, next_when, now, prose=prose
        )
        written[:] = [section]
        return reflection.apply(current, answers, section, now)

    try:
        with store.lock():
            # New records first and the meeting last: if a write fails part-way, the meeting
            # is not marked held while what it promises is missing.
            meeting_id = target.id or store.new_meeting_id()
            saved = store.add_actions([a.revised(meeting=meeting_id) for a in new_actions])
            following = _plan_next(store, target, next_when, now)
            if target.id:
                held = store.update_meeting(target.id, record)
            else:
                held = store.add_meeting(record(target), meeting_id=meeting_id)
    except (MkError, OSError) as problem:
        unsaved = (
            written[0]
            if written
            else reflection.section(
                template, target, answers, new_actions, next_when, now, prose=prose
            )
        )
        raise MkError(str(problem), hint=_keep_unsaved(store, target, unsaved)) from None
    if draft is not None:
        store.discard_draft(draft)
    mark_notes(store, held, now)  # after the meeting: it is the record of what was discussed
    met = local_day(held.when or now, now)
    if met <= now.date():
        try:
            store.update_mentor(slug, lambda mentor: contacted(mentor, met))
        except MkError as problem:  # the meeting is logged all the same
            render.warn(f"The last contact with {name} was not updated: {problem}")

    def close(action: Action) -> Action:
        if action.status is not ActionStatus.open:  # closed meanwhile: that stands
            raise MkError(f"it is already {action.status}")
        return mark_done(action, met)  # done by the day of the meeting, where it was reported

    closed = []
    for action_id in answers.done:
        try:
            closed.append(store.update_action(action_id, close))
        except MkError as problem:  # the meeting is logged all the same
            render.warn(f"Action {action_id} was not marked done: {problem}")

    path = store.meeting_path(held.id)
    if json:
        render.print_json(
            {
                "meeting": render.meeting_data(held, path, full=True),
                "actions": [render.action_data(a, now.date()) for a in saved],
                "closed_actions": [render.action_data(a, now.date()) for a in closed],
                "next_meeting": (
                    render.meeting_data(following, store.meeting_path(following.id))
                    if following
                    else None
                ),
            }
        )
        return
    _summary(held, name, saved, following, now)
    for action in closed:
        render.note(f"Marked done: {action.id} {action.text}")
    render.note(f"Saved {path}")


def _open_actions_named(store: "Store", ids: list[str]) -> "list[Action]":
    """The open action items named by `ids` (each an id or a prefix), found before anything
    is written."""
    from menteekit.errors import UsageError
    from menteekit.vocab import ActionStatus

    named: list[Action] = []
    for query, action in zip(ids, find_actions(store, ids), strict=True):
        if action.status is not ActionStatus.open:
            raise UsageError(f"--done {query}: action {action.id} is already {action.status}.")
        if action not in named:
            named.append(action)
    return named


def _keep_unsaved(store: "Store", target: "Meeting", section: str) -> str:
    """Keep a reflection that could not be saved, and say where; never lose the answers."""
    from menteekit.errors import MkError

    draft = store.root / ".drafts" / f"log-{target.id or target.mentor}-unsaved.md"
    try:
        store.write_draft(draft, section)
    except (MkError, OSError) as problem:
        return f"Your reflection could not be kept either ({problem}); here it is:\n{section}"
    return f"Your reflection is kept in {draft}: run `mk log` again, or paste it in."


def _line(text: str, flag: str) -> str:
    from menteekit.vocab import check_line

    return checked_option(text.strip(), check_line, flag) or ""


def _typed_text(
    typed: list[tuple[str, str]], name: str, target: "Meeting", now: "dt.datetime"
) -> str:
    """What was typed in a reflection stopped before it was saved, to copy from next time."""
    from menteekit.services.meetings import when_text

    meeting = f"your meeting with {name}" + (f" of {when_text(target, now)}" if target.id else "")
    lines = [
        f"# What you typed in `mk log` on {now:%Y-%m-%d %H:%M}: {meeting}.",
        "# It was stopped before it was saved, so nothing was logged: run `mk log` again and",
        "# copy from here what you want to keep.",
    ]
    for question, answer in typed:
        lines += ["", question.strip(), answer]
    return "\n".join(lines) + "\n"


def _target(
    store: "Store", ask: "Asker", query: str | None, happened: "dt.date | None", now: "dt.datetime"
) -> "Meeting":
    """The meeting to reflect on: named, or the one whose time has come (with the mentor
    named, theirs), or a new unplanned one (its id is empty until it is saved)."""
    from menteekit import render
    from menteekit.dates import describe
    from menteekit.errors import UsageError
    from menteekit.services.meetings import chronological, is_due, when_text
    from menteekit.services.reflection import meeting_with, unplanned

    meetings, problems = store.load_meetings()
    render.report_problems(problems)
    if query is not None:
        named = meeting_or_mentor(store, query, meetings, problems, now)
        if not isinstance(named, str):
            return _confirm_early(ask, _reflectable(named), now)
        slug = named
    else:
        due = chronological((m for m in meetings if is_due(m, now, happened)), now)
        if len(due) == 1:
            name = mentor_name(store, due[0].mentor)
            render.note(f"Logging your meeting with {name} on {when_text(due[0], now)}.")
            return due[0]
        if due:
            listed = ", ".join(f"{m.id} ({m.mentor}, {when_text(m, now)})" for m in due)
            if not ask.interactive:
                raise UsageError(
                    f"Several meetings are waiting to be logged: {listed}.",
                    hint="Name one: mk log MEETING",
                )
            ask.say(f"Waiting to be logged: {render.escape(listed)}")
            chosen = ask.choose("Which one?", [m.id for m in due], default=due[-1].id)
            return next(m for m in due if m.id == chosen)
        if not ask.interactive:
            raise UsageError(
                "No planned meeting is due to be logged: name the meeting or the mentor.",
                hint="For a conversation that was never planned: mk log MENTOR",
            )
        slug = ask_mentor(store, ask, None)

    choice = meeting_with(meetings, slug, happened, now)
    if choice.meeting is not None:
        if choice.meeting.status is MeetingStatus.held:
            when = when_text(choice.meeting, now)
            render.note(f"Adding to your reflection on the meeting of {when}.")
        return choice.meeting
    later = choice.later
    if later is not None and ask.interactive:
        when = describe(later.when, now) if later.when else ""
        if ask.confirm(f"Is this your meeting with {mentor_name(store, slug)} planned {when}?"):
            return later
    if later is not None:
        render.note(
            f"Logging an unplanned conversation; the meeting planned for "
            f"{when_text(later, now)} stays planned (log it with its id, {later.id})."
        )
    store.load_mentor(slug)  # a broken mentor file is reported before any question
    when = happened or now.replace(second=0, microsecond=0)
    return unplanned(slug, when, now, store.template("meeting.md"))


def _confirm_early(ask: "Asker", meeting: "Meeting", now: "dt.datetime") -> "Meeting":
    """A meeting named while its day is still to come: in a terminal, check it was held."""
    from menteekit.dates import describe
    from menteekit.errors import Interrupted
    from menteekit.services.meetings import day

    if meeting.when is None or day(meeting, now) <= now.date() or not ask.interactive:
        return meeting
    if not ask.confirm(
        f"Meeting {meeting.id} is planned {describe(meeting.when, now)}. Was it held already?",
        default=True,
    ):
        raise Interrupted("Nothing was logged: log it after the meeting.")
    return meeting


def _reflectable(meeting: "Meeting") -> "Meeting":
    from menteekit.errors import MkError

    if meeting.status in (MeetingStatus.cancelled, MeetingStatus.rescheduled):
        moved = f" (now {meeting.rescheduled_to})" if meeting.rescheduled_to else ""
        raise MkError(f"Meeting {meeting.id} was {meeting.status}{moved}; it cannot be logged.")
    return meeting


def _walk_through(
    ask: "Asker",
    box: TimeBox,
    meeting: "Meeting",
    name: str,
    answers: "Answers",
    open_actions: set[str],
    prose: bool,
) -> None:
    """The questions about the meeting itself; `prose` ones are skipped when the reflection
    is written in the editor. An item made from one of the `open_actions` (progress on mine,
    a follow-up of the mentor's), once discussed, asks whether that action is done now."""
    from menteekit import render
    from menteekit.models import Feedback
    from menteekit.services.reflection import LISTEN_FOR, QUESTIONS_BACK
    from menteekit.vocab import (
        FEEDBACK_KIND_MEANING,
        TRIGGER_MEANING,
        FeedbackKind,
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
        if i.origin is not ItemOrigin.wrap_up
        and i.id not in answers.outcomes
        and i.status is ItemStatus.pending
    ]
    if items:
        box.tell(ask)
        ask.say("[bold]The agenda[/bold]: what did you get to? (carried items come back next time)")
    for item in items:
        ask.say(render.escape(f"  {item.id}. [{item.kind}] {item.text}"))
        choice = ask.choose(
            "  Discussed or carried over?",
            ["discussed", "carried"],
            default="discussed",
            yes="discussed",
        )
        answers.outcomes[item.id] = ItemStatus(choice or "discussed")
        if (
            answers.outcomes[item.id] is ItemStatus.discussed
            and item.origin in (ItemOrigin.my_action, ItemOrigin.mentor_action)
            and item.source in open_actions
            and item.source not in answers.done
            and ask.confirm("  Is that action item done now?")
        ):
            answers.done.append(item.source)
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
    ask: "Asker", box: TimeBox, store: "Store", mentor: str, now: "dt.datetime", goal_id: str | None
) -> "list[Action]":
    from menteekit import render
    from menteekit.errors import MkError
    from menteekit.models import Action
    from menteekit.services.actions import not_before
    from menteekit.services.goals import listing_order
    from menteekit.vocab import GoalStatus, Owner

    box.tell(ask)
    found: list[Action] = []
    # The goals this mentor helps with first: an action agreed with them most likely serves one.
    goals = sorted(
        (g for g in listing_order(store.load_goals()[0]) if g.status is GoalStatus.active),
        key=lambda g: mentor not in g.mentors,
    )
    if goals and goal_id is None:
        ask.say(
            "Your goals: "
            + "; ".join(f"{n}. {render.escape(g.statement)}" for n, g in enumerate(goals, 1))
        )

    def to_goal(answer: str) -> str:
        if answer.isdigit() and 1 <= int(answer) <= len(goals):
            return goals[int(answer) - 1].id
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
            if goals and linked is None:
                linked = ask.value("  Which goal does it serve? (its number; Enter: none)", to_goal)
            found.append(
                Action.create(
                    text=text, owner=owner, mentor=mentor, goal=linked, due=day, created=now.date()
                )
            )
    return found


def _ask_closing(
    ask: "Asker", box: TimeBox, answers: "Answers", thanked: bool, prose: bool
) -> None:
    from menteekit.vocab import check_prose

    box.tell(ask)
    if prose and not answers.differently:
        answers.differently = ask.text("What will you do differently?", check=check_prose)
    if prose and not answers.disagree:
        answers.disagree = ask.text(
            "Anything you disagree with?",
            check=check_prose,
            hint="Disagreeing is fine; deciding how to raise it is the useful part.",
        )
    if answers.disagree and not answers.disagree_follow_up:
        answers.disagree_follow_up = ask.text("How will you follow up on it?", check=check_prose)
    if not thanked:
        answers.thanked = ask.confirm("Have you thanked them for their time?")
        if not answers.thanked:
            ask.say(
                "[dim]A short thank-you today keeps the door open: `mk recap` drafts one.[/dim]"
            )


def _plan_next(
    store: "Store", meeting: "Meeting", when: "dt.date | dt.datetime | None", now: "dt.datetime"
) -> "Meeting | None":
    """The next meeting, planned now like this one, unless one with this mentor is already
    planned that day."""
    from menteekit.dates import local_day
    from menteekit.services.meetings import day, new_meeting, with_items

    if when is None:
        return None
    that_day = [
        other
        for other in store.load_meetings()[0]
        if other.mentor == meeting.mentor
        and other.id != meeting.id  # still planned: it is marked held after this
        and other.status is MeetingStatus.planned
        and other.when
        and day(other, now) == local_day(when, now)
    ]
    if that_day:
        return that_day[0]
    planned = new_meeting(meeting.mentor, when, meeting.minutes, now, store.template("meeting.md"))
    planned = planned.revised(modality=meeting.modality, location=meeting.location)
    return store.add_meeting(with_items(planned, []))


def _summary(
    held: "Meeting",
    name: str,
    actions: "list[Action]",
    following: "Meeting | None",
    now: "dt.datetime",
) -> None:
    from menteekit import render
    from menteekit.services.meetings import when_text

    done = sum(
        i.status is ItemStatus.discussed and i.origin is not ItemOrigin.wrap_up for i in held.items
    )
    carried = sum(i.status is not ItemStatus.discussed for i in held.items)
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
        owner = action.owner.value
        due = f", due {action.due.isoformat()}" if action.due else ""
        render.say(f"  {action.id} ({owner}{due}): {action.text}")
    if following is not None:
        render.say(
            f"Next meeting planned: {when_text(following, now)} ({following.id}); "
            f"prepare it with `mk agenda new {held.mentor}`."
        )
    if not (held.reflection and held.reflection.thanked):
        render.note("Send a thank-you and the next steps: `mk recap` drafts the email.")
