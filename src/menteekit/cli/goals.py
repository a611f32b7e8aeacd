"""`mk goals` and `mk goal add|show|review|done|drop|pause|resume|link|edit|plan`: SMART goals.

Goals are what every agenda and reflection serves: a mentee who knows theirs is not carried
along by a mentor's agenda.
"""

from typing import TYPE_CHECKING, Annotated

import typer

from menteekit.cli._common import (
    HomeOpt,
    JsonOpt,
    NoInputOpt,
    checked_option,
    command_group,
    date_option,
    interactive,
    open_store,
    resolve_mentor,
)
from menteekit.cli.plain import mentor_names
from menteekit.vocab import Horizon

if TYPE_CHECKING:
    import datetime as dt

    from menteekit.models import Action, CheckIn, Goal, Meeting, Mentor
    from menteekit.prompts import Asker
    from menteekit.services.goals import Review
    from menteekit.store import Store
    from menteekit.vocab import GoalStatus

app = command_group(
    "Set SMART goals, review them, and share your development plan (list them: `mk goals`)."
)

GoalArg = Annotated[
    str, typer.Argument(metavar="ID", help="The goal's id (a unique prefix will do).")
]
MentorsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--mentor",
        metavar="MENTOR",
        help="A mentor who helps with it (repeatable).",
        show_default=False,
    ),
]


def goals(
    all_: Annotated[
        bool, typer.Option("--all", help="Include paused, achieved and dropped goals.")
    ] = False,
    mentor: Annotated[
        str | None,
        typer.Option(
            metavar="MENTOR", help="Only goals this mentor helps with.", show_default=False
        ),
    ] = None,
    home: HomeOpt = None,
    json: JsonOpt = False,
) -> None:
    """List your active goals: horizon, due date, progress, next review and weak SMART letters.

    \b
    Examples:
      mk goals
      mk goals --all --json | jq -r '.[] | select(.smart.M == "weak") | .statement'
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.services.goals import listing_order
    from menteekit.vocab import GoalStatus

    store, _ = open_store(home)
    today = local_now().date()
    slug = resolve_mentor(store, mentor) if mentor is not None else None
    found, problems = store.load_goals()
    shown = listing_order(
        g
        for g in found
        if (all_ or g.status is GoalStatus.active) and (slug is None or slug in g.mentors)
    )
    if json:
        render.print_json([render.goal_data(g, today) for g in shown])
    elif shown:
        render.goals_table(shown, today)
    elif found:
        render.note(
            "No goals match."
            if slug
            else "No active goals. `mk goals --all` shows the others; `mk goal add` sets one."
        )
    else:
        render.note("No goals yet. Set one with `mk goal add`: it walks you through SMART.")
    render.report_problems(problems)


@app.command()
def add(
    statement: Annotated[
        str | None,
        typer.Argument(
            metavar="[STATEMENT]",
            help="Specific: what you will do or achieve.",
            show_default=False,
        ),
    ] = None,
    measure: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="Measurable: how you will know.", show_default=False),
    ] = None,
    achievable: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT",
            help="Achievable: why it is within reach, what it needs.",
            show_default=False,
        ),
    ] = None,
    value: Annotated[
        list[str] | None,
        typer.Option(
            "--value",
            metavar="VALUE",
            help="Relevant: a value of yours it serves (repeatable).",
            show_default=False,
        ),
    ] = None,
    due: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Time-bound: when it is due, e.g. 'jun 30', 'end of march' or '+6m'.",
            show_default=False,
        ),
    ] = None,
    horizon: Annotated[
        Horizon | None,
        typer.Option(
            help="short: 3 to 12 months; long: years (default: from the due date, else short).",
            show_default=False,
        ),
    ] = None,
    mentor: MentorsOpt = None,
    review_days: Annotated[
        int,
        typer.Option(min=1, max=3660, metavar="DAYS", help="How often to review it, in days."),
    ] = 30,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Set a goal, one SMART letter at a time, and have it checked before it is saved.

    Specific, Measurable, Achievable, Relevant (to your values), Time-bound. Each letter is
    reported ok or weak with a way to strengthen it, and in a terminal you can revise a weak
    letter before saving. About three active goals per horizon keeps them in focus.

    \b
    Examples:
      mk goal add
      mk goal add "Submit the K23 application" --measure "Application submitted to NIH" \\
        --achievable "Aims drafted; needs 2 reviewers" --value independence --due 2027-02-12 \\
        --mentor rivera --no-input
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.errors import UsageError
    from menteekit.models import Goal
    from menteekit.prompts import Asker
    from menteekit.services import goals as smart
    from menteekit.services.actions import not_before
    from menteekit.vocab import HORIZON_MEANING, check_prose

    if statement is not None and not statement.strip():
        raise UsageError("The goal cannot be empty: say what you will do or achieve.")
    store, config = open_store(home)
    now = local_now()
    today = now.date()
    measure = checked_option(measure, check_prose, "--measure")
    achievable = checked_option(achievable, check_prose, "--achievable")
    due_day = date_option(due, now, "--due", prefer="future", check=not_before(today))
    slugs = [resolve_mentor(store, m) for m in mentor or []]
    existing, problems = store.load_goals()
    ask = Asker(interactive(no_input))
    if statement is None and not ask.interactive:
        raise UsageError(
            "Missing the goal: pass it as the STATEMENT, "
            'e.g. mk goal add "Submit the K23 application" --no-input.'
        )
    ask.say(
        "A SMART goal, one letter at a time. Enter skips any question but the goal itself: "
        "the check at the end says what is weak, and you can revise it then."
    )
    if statement is None:
        _explain(ask, "S")
    drafted = {g.statement.casefold() for g in existing}
    in_profile = [g for g in config.me.goals if g.casefold() not in drafted]
    if statement is None and in_profile:
        ask.say("[dim]  In your profile: " + "; ".join(_escape(g) for g in in_profile) + "[/dim]")
    typed = ask.text(
        "The goal: what will you do or achieve?", given=statement, required="STATEMENT"
    )
    if measure is None:
        _explain(ask, "M")
    measure = ask.text("How will you know it is done?", given=measure, check=check_prose)
    if achievable is None:
        _explain(ask, "A")
    achievable = ask.text(
        "Why is it within reach, and what will it take?", given=achievable, check=check_prose
    )
    if not value:
        _explain(ask, "R")
    values = value or _ask_values(ask, config.me.values)
    if due_day is None:
        _explain(ask, "T")
    chosen_horizon = horizon
    if chosen_horizon is None and due_day is None and ask.interactive:
        chosen_horizon = Horizon(
            ask.choose(
                "Short-term or long-term?",
                ["short", "long"],
                default="short",
                hint="; ".join(f"{h}: {HORIZON_MEANING[h]}" for h in Horizon),
            )
        )
    if due_day is None:
        due_day = ask.date("When is it due?", now, prefer="future", check=not_before(today))
    if chosen_horizon is None:
        chosen_horizon = smart.horizon_for(due_day, today)
    if not slugs:
        slugs = _ask_mentors(ask, store)
    goal = Goal.create(
        statement=typed,
        measure=measure,
        achievable=achievable,
        values=values,
        due=due_day,
        horizon=chosen_horizon,
        mentors=slugs,
        review_days=review_days,
        created=today,
    )
    goal = _revise(ask, goal, now, config.me.values)
    focus = smart.focus_warning(goal, existing)
    saved = store.add_goal(goal)
    checks = smart.check(saved, today)
    if json:
        data = render.goal_data(saved, today, store.goal_path(saved.id))
        data["advice"] = {c.letter: c.advice for c in checks if not c.ok}
        render.print_json(data)
    else:
        render.say(f"Saved goal {saved.id}: {saved.statement}")
        if not ask.interactive:  # at a terminal the check was shown before saving
            render.smart_report(checks)
        if not saved.mentors:
            render.note(
                f"No mentor is linked yet: `mk goal link {saved.id} MENTOR` puts it on their "
                "next agenda."
            )
        mine = {v.casefold() for v in config.me.values}
        if mine and (new := [v for v in saved.values if v.casefold() not in mine]):
            render.note(
                f"Not among the values in your profile ({', '.join(config.me.values)}): "
                f"{', '.join(new)}. If it is one of yours, add it to `values` under [me] in "
                "menteekit.toml."
            )
    if focus:
        render.warn(focus)
    render.report_problems(problems)


def _explain(ask: "Asker", letter: str) -> None:
    from menteekit.services.goals import LETTERS

    about = next(entry for entry in LETTERS if entry.letter == letter)
    ask.say(f"\n[bold]{about.letter}[/bold] ({about.name}) {_escape(about.asks)}")
    ask.say(f"[dim]  e.g. {_escape(about.example)}[/dim]")


def _escape(text: str) -> str:
    from menteekit.render import escape

    return escape(text)


def _ask_values(ask: "Asker", mine: list[str]) -> list[str]:
    """Values typed as words, or as numbers of the values in the profile."""
    if not ask.interactive:
        return []
    if mine:
        ask.say("Your values: " + ", ".join(f"{n}. {_escape(v)}" for n, v in enumerate(mine, 1)))

    def convert(answer: str) -> list[str]:
        chosen = []
        for part in (p.strip() for p in answer.split(",")):
            if part.isdigit():
                if not 1 <= int(part) <= len(mine):
                    raise ValueError(f"No value number {part}.")
                part = mine[int(part) - 1]
            if part:
                chosen.append(part)
        return chosen

    return (
        ask.value(
            "Which of your values does it serve? (names or numbers, separated by commas)", convert
        )
        or []
    )


def _ask_mentors(ask: "Asker", store: "Store") -> list[str]:
    from menteekit.errors import MkError
    from menteekit.vocab import Status

    active = [m for m in store.load_mentors()[0] if m.status is Status.active]
    if not ask.interactive or not active:
        return []
    ask.say("\nYour mentors: " + ", ".join(_escape(f"{m.name} ({m.slug})") for m in active))

    def convert(answer: str) -> list[str]:
        try:
            return list(
                dict.fromkeys(
                    resolve_mentor(store, p.strip()) for p in answer.split(",") if p.strip()
                )
            )
        except MkError as problem:
            raise ValueError(str(problem)) from None

    return (
        ask.value("Which mentors can help with it? (comma-separated; Enter: none yet)", convert)
        or []
    )


def _revise(ask: "Asker", goal: "Goal", now: "dt.datetime", my_values: list[str]) -> "Goal":
    """Show the SMART check; at a terminal, offer to revise weak letters until the user is
    content, then return the goal to save."""
    from menteekit import render
    from menteekit.services import goals as smart
    from menteekit.services.actions import not_before
    from menteekit.vocab import check_prose

    if not ask.interactive:
        return goal
    today = now.date()
    while True:
        checks = smart.check(goal, today)
        ask.say("\n[bold]SMART check[/bold]")
        render.smart_report(checks, ask.console)
        weak = [c.letter for c in checks if not c.ok]
        if not weak:
            return goal
        chosen = ask.choose(
            "Revise a weak one, or Enter to save it as it is",
            [about.name for about in smart.LETTERS],
            default="",
            hint="Its first letter will do: s, m, a, r or t.",
        )
        if chosen is None:
            return goal
        letter = next(about.letter for about in smart.LETTERS if about.name == chosen)
        _explain(ask, letter)
        if letter == "S":
            goal = goal.revised(
                statement=ask.text("The goal", default=goal.statement, required="STATEMENT")
            )
        elif letter == "M":
            goal = goal.revised(
                measure=ask.text("How will you know?", default=goal.measure, check=check_prose)
            )
        elif letter == "A":
            goal = goal.revised(
                achievable=ask.text(
                    "Why within reach, and what will it take?",
                    default=goal.achievable,
                    check=check_prose,
                )
            )
        elif letter == "R":
            goal = goal.revised(values=_ask_values(ask, my_values) or goal.values)
        else:
            horizon = ask.choose(
                "Short-term or long-term?", ["short", "long"], default=goal.horizon.value
            )
            due = ask.date(
                "When is it due?",
                now,
                default=goal.due.isoformat() if goal.due else "",
                prefer="future",
                check=not_before(today),
            )
            goal = goal.revised(horizon=horizon or goal.horizon, due=due or goal.due)


@app.command()
def show(goal: GoalArg, home: HomeOpt = None, json: JsonOpt = False) -> None:
    """Show a goal: its SMART check, progress over time, action items and meetings.

    \b
    Example:
      mk goal show 7f3k2
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.services import goals as smart
    from menteekit.services.meetings import chronological

    store, _ = open_store(home)
    now = local_now()
    found = _find(store, goal)
    actions = [a for a in store.load_actions()[0] if a.goal == found.id]
    actions.sort(key=lambda a: (a.status.value != "open", a.due or a.created, a.created))
    meetings = chronological(smart.raised_at(found, store.load_meetings()[0]), now)
    path = store.goal_path(found.id)
    if json:
        data = render.goal_data(found, now.date(), path)
        data["advice"] = {c.letter: c.advice for c in smart.check(found, now.date()) if not c.ok}
        data["actions"] = [render.action_data(a, now.date()) for a in actions]
        data["meetings"] = [render.meeting_data(m) for m in meetings]
        render.print_json(data)
        return
    render.goal_details(
        found,
        smart.check(found, now.date()),
        mentor_names(store),
        actions,
        meetings,
        path,
        now,
    )


@app.command()
def review(
    goal: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="The goal to review (default: each active goal due for review).",
            show_default=False,
        ),
    ] = None,
    progress: Annotated[
        int | None,
        typer.Option(min=0, max=100, metavar="PERCENT", help="How far along it is, 0 to 100."),
    ] = None,
    helped: Annotated[
        str | None, typer.Option(metavar="TEXT", help="What helped since last time.")
    ] = None,
    blocker: Annotated[str | None, typer.Option(metavar="TEXT", help="What is in the way.")] = None,
    next_step: Annotated[
        str | None,
        typer.Option(
            "--next",
            metavar="TEXT",
            help='The next step: it becomes an action item ("mentor: TEXT" makes it theirs).',
        ),
    ] = None,
    next_due: Annotated[
        str | None, typer.Option(metavar="DATE", help="When the next step is due.")
    ] = None,
    mentor: Annotated[
        str | None,
        typer.Option(
            metavar="MENTOR",
            help="The mentor to raise it with next (linked to the goal and the next step; "
            "default: the linked mentor you meet soonest; 'none' for nobody).",
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="A private note: never in the development plan."),
    ] = None,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Review your goals: progress, what helped, what is in the way, the next step.

    Walks through each active goal due for review (every 30 days unless set otherwise), or
    the one named. For each: its SMART status, last progress and open action items; then
    progress now, what helped, what is in the way, whether it still matters to you (else
    rewrite, pause or drop it), and the next step, which becomes an action item. A dated
    check-in is recorded, and you are told which mentor to raise each goal with: `mk agenda
    new` for that mentor proposes it.

    \b
    Examples:
      mk goal review
      mk goal review 7f3k2 --progress 40 --helped "Writing group" --blocker "Clinic weeks" \\
        --next "Send specific aims to Rivera" --next-due fri --no-input
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.errors import Interrupted, UsageError
    from menteekit.prompts import Asker
    from menteekit.services import goals as smart
    from menteekit.services.actions import not_before
    from menteekit.vocab import check_line, check_prose

    helped = checked_option(helped, check_prose, "--helped")
    blocker = checked_option(blocker, check_prose, "--blocker")
    note = checked_option(note, check_prose, "--note")
    next_step = checked_option(next_step, check_line, "--next")
    store, _ = open_store(home)
    now = local_now()
    today = now.date()
    due_day = date_option(next_due, now, "--next-due", prefer="future", check=not_before(today))
    if due_day is not None and next_step is None:
        raise UsageError("--next-due needs --next: the date is the next step's.")
    mentors = store.load_mentors()[0]
    slug = None
    if mentor is not None:
        # "" is an answer, unlike None: raise it with nobody rather than the suggestion.
        slug = "" if _means_nobody(mentor) else _active_mentor(store, mentor, mentors)
    if goal is not None:
        chosen = [smart.check_reviewable(_find(store, goal))]
        problems = []
    else:
        found, problems = store.load_goals()
        chosen = [g for g in smart.listing_order(found) if smart.is_due_for_review(g, today)]
        if not chosen:
            render.note(_nothing_due(found, today))
            render.report_problems(problems)
            return
    given = _ReviewFlags(progress, helped, blocker, next_step, due_day, slug, note)
    if len(chosen) > 1 and (given.any() or not interactive(no_input)):
        raise UsageError(
            f"{len(chosen)} goals are due for review ({', '.join(g.id for g in chosen)}): "
            "name one to review it with flags, `mk goal review ID`."
        )
    ask = Asker(interactive(no_input))
    if not ask.interactive and progress is None:
        raise UsageError("Missing the progress: pass --progress PERCENT.")
    meetings = store.load_meetings()[0]
    actions = store.load_actions()[0]
    reviewed: list[_Reviewed] = []
    names = {m.slug: m.name for m in mentors}
    for each in chosen:
        try:
            done = _review_one(ask, store, each, given, mentors, meetings, actions, now)
        except Interrupted:
            if reviewed:
                saved = (
                    "the review before this one was"
                    if len(reviewed) == 1
                    else f"the {len(reviewed)} reviews before this one were"
                )
                raise Interrupted(f"Stopped: {saved} saved; this one was not.") from None
            raise
        reviewed.append(done)
        closing = _after_closing(store, done.goal) if done.goal.status is not done.was else []
        if not json:
            render.say(_saved_message(done, names))
            for line in closing:
                render.note(line)
    if json:
        render.print_json(
            [
                {
                    "goal": render.goal_data(r.goal, today),
                    "checkin": render.jsonable(r.checkin),
                    "action": render.action_data(r.action, today) if r.action else None,
                    "raise_with": r.checkin.raise_with,
                }
                for r in reviewed
            ]
        )
    else:
        for line in smart.raise_suggestions([r.goal for r in reviewed], names, meetings, now):
            render.say(line)
    render.report_problems(problems)


class _ReviewFlags:
    """What the command line already answered for a review."""

    def __init__(
        self,
        progress: int | None,
        helped: str | None,
        blocker: str | None,
        next_step: str | None,
        next_due: "dt.date | None",
        mentor: str | None,
        note: str | None,
    ) -> None:
        self.progress = progress
        self.helped = helped
        self.blocker = blocker
        self.next_step = next_step
        self.next_due = next_due
        self.mentor = mentor
        self.note = note

    def any(self) -> bool:
        return any(value is not None for value in vars(self).values())


class _Reviewed:
    def __init__(
        self, goal: "Goal", checkin: "CheckIn", action: "Action | None", was: "GoalStatus"
    ) -> None:
        self.goal = goal
        self.checkin = checkin
        self.action = action
        self.was = was


def _review_one(
    ask: "Asker",
    store: "Store",
    goal: "Goal",
    given: _ReviewFlags,
    mentors: "list[Mentor]",
    meetings: "list[Meeting]",
    actions: "list[Action]",
    now: "dt.datetime",
) -> _Reviewed:
    """Ask about one goal, then save its check-in (and the action for its next step)."""
    from menteekit.errors import UsageError
    from menteekit.models import Action, CheckIn
    from menteekit.services import goals as smart
    from menteekit.services.actions import not_before, owner_and_text
    from menteekit.vocab import ActionStatus, GoalStatus, Owner, check_prose

    today = now.date()
    latest = smart.latest_checkin(goal)
    ask.say(f"\n[bold]Goal {goal.id}[/bold]: {_escape(goal.statement)}")
    weak = smart.weak_letters(goal, today)
    ask.say(
        f"  SMART: weak {weak} (`mk goal show {goal.id}` says how to fix them)"
        if weak
        else "  SMART: every letter ok"
    )
    if latest is not None:
        step = f"; next step then: {_escape(latest.next_step)}" if latest.next_step else ""
        ask.say(f"  Last check-in: {latest.progress}% on {latest.date.isoformat()}{step}")
    else:
        ask.say("  No check-in yet.")
    for action in actions:
        if action.goal == goal.id and action.status is ActionStatus.open:
            due = f" (due {action.due.isoformat()})" if action.due else ""
            whose = ""
            if action.owner is Owner.mentor:
                name = next((m.name for m in mentors if m.slug == action.mentor), action.mentor)
                whose = f" ({_escape(name or 'a mentor')}'s)"
            ask.say(f"  Open action {action.id}{whose}: {_escape(action.text)}{due}")

    percent = given.progress
    if percent is None:
        percent = ask.value(
            "Progress now, from 0 to 100%?",
            smart.parse_progress,
            default=str(latest.progress if latest else 0),
        )
    helped = ask.text("What helped since last time?", given=given.helped, check=check_prose)
    blocker = ask.text(
        "What is in the way?",
        given=given.blocker,
        check=check_prose,
        hint="Both answers go into your development plan (`mk goal plan`); a note does not.",
    )
    review = smart.Review()
    if ask.interactive:
        paused = goal.status is GoalStatus.paused
        # Not a yes-or-no question: "does it still matter?" invited a "y" it could not take.
        decision = ask.choose(
            "What now for this goal?",
            ["keep", "rewrite", "resume" if paused else "pause", "drop"],
            default="keep",
            yes="keep",
            hint="Keep it paused, rewrite it, take it up again (resume) or drop it."
            if paused
            else "If it still matters to you, keep it as it is or rewrite it; if not, pause "
            "it for now or drop it.",
        )
        review = _decide(ask, goal, decision or "keep", now)
        if review.decision == "rewrite":
            weak = smart.weak_letters(goal.revised(**review.changes), today)
            ask.say(
                f"  Rewritten; SMART: weak {weak} (`mk goal show {goal.id}` says how to fix them)"
                if weak
                else "  Rewritten; SMART: every letter ok"
            )

    step_text, owner, slug, due = "", Owner.me, given.mentor, given.next_due
    going_on = review.decision in ("keep", "rewrite", "resume")
    if going_on:
        typed = ask.text(
            'The next step? (it becomes an action item; "mentor: TEXT" if it is theirs)',
            given=given.next_step,
        )
        if typed.strip():
            owner, step_text = owner_and_text(typed)
            if due is None:
                due = ask.date("By when?", now, prefer="future", check=not_before(today))
        if slug is None:
            suggested = smart.raise_with(goal, mentors, meetings, now)
            slug = _ask_raise_with(ask, goal, mentors, suggested, theirs=owner is Owner.mentor)
    slug = slug or None
    if owner is Owner.mentor and slug is None:
        raise UsageError("A next step for a mentor needs --mentor: whose is it?")
    note = given.note
    if note is None:
        note = ask.text("A private note? (never in the plan; Enter: none)", check=check_prose)

    action = None
    if step_text:
        action = Action.create(
            text=step_text, owner=owner, mentor=slug, goal=goal.id, due=due, created=today
        )
    checkin = CheckIn.create(
        date=today,
        progress=percent if percent is not None else 0,
        helped=helped,
        blocker=blocker,
        next_step=step_text,
        raise_with=slug if going_on else None,
        note=note,
    )
    with store.lock():
        # The goal as it is now must take the review before its action item is written.
        smart.reviewed(store.load_goal(goal.id), checkin, review, today)
        if action is not None:
            [action] = store.add_actions([action])
            checkin = checkin.revised(action=action.id)
        saved = store.update_goal(
            goal.id, lambda current: smart.reviewed(current, checkin, review, today)
        )
    return _Reviewed(saved, checkin, action, goal.status)


def _decide(ask: "Asker", goal: "Goal", decision: str, now: "dt.datetime") -> "Review":
    """A goal that no longer matters as it is: its rewrite, or why it is dropped."""
    from menteekit.services.actions import not_before
    from menteekit.services.goals import Review
    from menteekit.vocab import check_prose

    if decision == "rewrite":
        # A due date already past is not offered again (it would be refused): Enter keeps it.
        still_ahead = goal.due is not None and goal.due >= now.date()
        changes = {
            "statement": ask.text("The goal, rewritten", default=goal.statement),
            "measure": ask.text("How will you know?", default=goal.measure, check=check_prose),
            "due": ask.date(
                "When is it due?"
                if still_ahead or goal.due is None
                else f"When is it due now? (it was due {goal.due.isoformat()})",
                now,
                default=goal.due.isoformat() if still_ahead and goal.due else "",
                prefer="future",
                check=not_before(now.date()),
            )
            or goal.due,
        }
        return Review("rewrite", changes)
    if decision == "drop":
        reason = ask.text(
            "Why drop it?", check=check_prose, hint="Optional: a few words for later."
        )
        return Review("drop", reason=reason)
    return Review(decision)


def _active_mentor(store: "Store", query: str, mentors: "list[Mentor]") -> str:
    """The mentor named, who must be active to have a goal raised with them."""
    from menteekit.errors import MkError
    from menteekit.vocab import Status

    slug = resolve_mentor(store, query)
    status = next((m.status for m in mentors if m.slug == slug), None)
    if status is not None and status is not Status.active:
        raise MkError(
            f"{slug} is {status}: raise your goals with an active mentor.",
            hint="`mk mentor edit` changes a mentor's status.",
        )
    return slug


def _saved_message(done: _Reviewed, names: dict[str, str]) -> str:
    from menteekit.vocab import Owner

    lines = [f"Checked in on {done.goal.id}: {done.checkin.progress}%."]
    action = done.action
    if action is not None:
        due = f" (due {action.due.isoformat()})" if action.due else ""
        whose = "" if action.owner is Owner.me else f"{names.get(action.mentor or '', '')}'s "
        lines.append(f"  Added {whose}action {action.id}: {action.text}{due}")
    if done.goal.status is not done.was:
        lines.append(f"  The goal is now {done.goal.status}.")
    elif done.checkin.progress == 100:
        lines.append(f"  At 100%: if it is achieved, `mk goal done {done.goal.id}` says so.")
    return "\n".join(lines)


def _ask_raise_with(
    ask: "Asker",
    goal: "Goal",
    mentors: "list[Mentor]",
    suggested: str | None,
    theirs: bool = False,
) -> str | None:
    """Which active mentor to raise the goal with next (Enter takes the suggestion; "none"
    for nobody); a next step that is a mentor's (`theirs`) becomes that mentor's."""
    from menteekit.errors import MkError
    from menteekit.services.mentors import find_mentor
    from menteekit.vocab import Status

    if not ask.interactive:
        return suggested
    active = {m.slug: m.name for m in mentors if m.status is Status.active}

    def convert(answer: str) -> str:
        if _means_nobody(answer):
            return ""
        try:
            return find_mentor(answer, active)
        except MkError as problem:
            raise ValueError(str(problem)) from None

    linked = ", ".join(_escape(active.get(s, s)) for s in goal.mentors) or "none yet"
    ask.say(f"  Mentors linked to it: {linked}")
    question = (
        "Whose step is it? (the mentor you will raise the goal with)"
        if theirs
        else 'Raise it with which mentor next? (a name; "none" for nobody)'
    )
    answer = ask.value(question, convert, default=suggested or "")
    return answer or None


def _after_closing(store: "Store", goal: "Goal") -> list[str]:
    """Once `goal` is achieved, dropped or paused: bring the planned agendas that raise it up
    to date (whatever the output asked for), and say so, and which of its action items are
    still open."""
    from menteekit.vocab import ActionStatus, GoalStatus

    if goal.status is GoalStatus.active:
        return []
    notes = _off_agendas(store, goal)
    still_open = [
        a.id for a in store.load_actions()[0] if a.goal == goal.id and a.status is ActionStatus.open
    ]
    if still_open:
        notes.append(
            f"Still open for it: action {', '.join(still_open)}. `mk action drop ID` for any "
            "that no longer matter; the others stay on your list."
        )
    return notes


def _off_agendas(store: "Store", goal: "Goal", mentors: "list[str] | None" = None) -> list[str]:
    """Take `goal` off the agendas still to come (with `mentors` only, when given) that raise
    it, or make it a win there if it was achieved; say which."""
    from menteekit.dates import local_now
    from menteekit.services.goals import off_agenda
    from menteekit.services.meetings import is_upcoming, when_text
    from menteekit.vocab import GoalStatus, ItemOrigin, ItemStatus

    now = local_now()
    names = mentor_names(store)
    what = "shares it as a win" if goal.status is GoalStatus.achieved else "no longer raises it"
    notes = []
    for meeting in store.load_meetings()[0]:
        pending = any(
            i.origin is ItemOrigin.goal and i.source == goal.id and i.status is ItemStatus.pending
            for i in meeting.items
        )
        if pending and is_upcoming(meeting, now) and (mentors is None or meeting.mentor in mentors):
            store.update_meeting(meeting.id, lambda m: off_agenda(m, goal))
            notes.append(
                f"The agenda of your meeting with {names.get(meeting.mentor, meeting.mentor)} "
                f"({when_text(meeting, now)}) {what}."
            )
    return notes


def _unchanged(found: "Goal", json: bool, said: str) -> None:
    """A goal asked to become what it already is: nothing to write, and say so."""
    from menteekit import render
    from menteekit.dates import local_now

    if json:
        render.print_json(render.goal_data(found, local_now().date()))
    else:
        render.note(f"{found.id} {said}: {found.statement}")


def _means_nobody(answer: str) -> bool:
    return answer.strip().lower() in ("none", "nobody", "-")


def _nothing_due(goals: "list[Goal]", today: "dt.date") -> str:
    from menteekit.services.goals import next_review

    upcoming = sorted((r, g.id) for g in goals if (r := next_review(g)) is not None)
    if not upcoming:
        return "No active goals to review. Set one with `mk goal add`."
    day, goal_id = upcoming[0]
    return (
        f"No goal is due for review; the next is {goal_id} on {day.isoformat()}. "
        "`mk goal review ID` reviews one now."
    )


def _find(store: "Store", query: str) -> "Goal":
    """The goal named by id or prefix; a broken file so named says why it cannot be used."""
    from menteekit.services.goals import find_goal
    from menteekit.services.lookup import check_not_broken

    goals, problems = store.load_goals()
    check_not_broken(query, {p.path.stem: p for p in problems}, [g.id for g in goals], "goal")
    return find_goal(query, goals)


@app.command()
def done(
    goal: GoalArg,
    date: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="When it was achieved (default: today).", show_default=False
        ),
    ] = None,
    home: HomeOpt = None,
    json: JsonOpt = False,
) -> None:
    """Mark a goal achieved.

    \b
    Example:
      mk goal done 7f3k2
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.services import goals as smart
    from menteekit.services.mentors import not_in_future
    from menteekit.vocab import GoalStatus

    store, _ = open_store(home)
    now = local_now()
    day = date_option(date, now, "--date", prefer="past", check=not_in_future(now.date()))
    found = _find(store, goal)
    if found.status is GoalStatus.achieved:  # done twice is still done
        when = f" on {found.achieved.isoformat()}" if found.achieved else ""
        _unchanged(found, json, f"was already achieved{when}")
        return
    smart.achieve(found, day or now.date())  # refuse before writing
    saved = store.update_goal(found.id, lambda g: smart.achieve(g, day or now.date()))
    closing = _after_closing(store, saved)
    if json:
        render.print_json(render.goal_data(saved, now.date()))
        return
    render.say(f"Achieved {saved.id}: {saved.statement}")
    for line in closing:
        render.note(line)
    names = mentor_names(store)
    helpers = [names.get(s, s) for s in saved.mentors]
    if helpers:
        render.note(f"Tell {', '.join(helpers)}: a mentor who helped likes to hear it worked.")


@app.command()
def drop(
    goal: GoalArg,
    reason: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="Why it no longer matters.", show_default=False),
    ] = None,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Drop a goal that no longer matters to you (it is kept, marked dropped).

    \b
    Example:
      mk goal drop 7f3k2 --reason "Chose the clinical track instead"
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.prompts import Asker
    from menteekit.services import goals as smart
    from menteekit.vocab import GoalStatus, check_prose

    reason = checked_option(reason, check_prose, "--reason")
    store, _ = open_store(home)
    today = local_now().date()
    found = _find(store, goal)
    if found.status is GoalStatus.dropped:  # asked twice: nothing to change
        kept = " (its reason on record stays)" if reason and reason != found.reason else ""
        _unchanged(found, json, f"was already dropped{kept}")
        return
    smart.drop(found, today, "")  # refuse an achieved one before asking
    reason = Asker(interactive(no_input)).text(
        "Why drop it?", given=reason, check=check_prose, hint="Optional: a few words for later."
    )
    saved = store.update_goal(found.id, lambda g: smart.drop(g, today, reason))
    closing = _after_closing(store, saved)
    if json:
        render.print_json(render.goal_data(saved, today))
        return
    render.say(f"Dropped {saved.id}: {saved.statement}")
    for line in closing:
        render.note(line)


@app.command()
def pause(goal: GoalArg, home: HomeOpt = None, json: JsonOpt = False) -> None:
    """Pause a goal: it leaves reviews, agendas and the focus count until you resume it.

    \b
    Example:
      mk goal pause 7f3k2
    """
    _change_status(goal, home, json, "pause")


@app.command()
def resume(goal: GoalArg, home: HomeOpt = None, json: JsonOpt = False) -> None:
    """Make a paused (or dropped) goal active again.

    \b
    Example:
      mk goal resume 7f3k2
    """
    _change_status(goal, home, json, "resume")


def _change_status(goal: str, home: str | None, json: bool, change: str) -> None:
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.services import goals as smart
    from menteekit.vocab import GoalStatus

    store, _ = open_store(home)
    today = local_now().date()
    found = _find(store, goal)
    wanted = GoalStatus.paused if change == "pause" else GoalStatus.active
    if found.status is wanted:  # asked twice: nothing to change
        _unchanged(found, json, f"is already {wanted}")
        return

    def changed(current: "Goal") -> "Goal":
        return smart.pause(current, today) if change == "pause" else smart.resume(current)

    changed(found)  # refuse before writing
    saved = store.update_goal(found.id, changed)
    closing = _after_closing(store, saved)
    if json:
        render.print_json(render.goal_data(saved, today))
        return
    render.say(f"{'Paused' if change == 'pause' else 'Resumed'} {saved.id}: {saved.statement}")
    for line in closing:
        render.note(line)
    if change == "resume":
        warning = smart.focus_warning(saved, store.load_goals()[0])
        if warning:
            render.warn(warning)


@app.command()
def link(
    goal: GoalArg,
    mentors: Annotated[
        list[str], typer.Argument(metavar="MENTOR...", help="Mentors who help with it.")
    ],
    unlink: Annotated[
        bool, typer.Option("--unlink", help="Remove these mentors from the goal instead.")
    ] = False,
    home: HomeOpt = None,
    json: JsonOpt = False,
) -> None:
    """Link mentors to a goal: their next agendas propose it, and the board counts it covered.

    \b
    Examples:
      mk goal link 7f3k2 rivera mensah
      mk goal link 7f3k2 mensah --unlink
    """
    from menteekit import render
    from menteekit.dates import local_now

    store, _ = open_store(home)
    found = _find(store, goal)
    # A mentor whose file is gone can still be unlinked by the slug the goal holds.
    slugs = [
        query.strip().lower()
        if unlink and query.strip().lower() in found.mentors
        else resolve_mentor(store, query)
        for query in mentors
    ]

    def changed(current: "Goal") -> "Goal":
        if unlink:
            return current.revised(mentors=[s for s in current.mentors if s not in slugs])
        return current.revised(mentors=[*current.mentors, *slugs])

    saved = store.update_goal(found.id, changed)
    # Their agendas still to come no longer raise it (a review may still name them for it).
    notes = _off_agendas(store, saved, slugs) if unlink else []
    if json:
        render.print_json(render.goal_data(saved, local_now().date()))
        return
    names = mentor_names(store)
    linked = ", ".join(names.get(s, s) for s in saved.mentors) or "nobody"
    render.say(f"Mentors of {saved.id} ({saved.statement}): {linked}")
    for note in notes:
        render.note(note)


@app.command()
def edit(goal: GoalArg, home: HomeOpt = None) -> None:
    """Edit a goal's file in $VISUAL or $EDITOR, checked before it is saved.

    \b
    Example:
      mk goal edit 7f3k2
    """
    from menteekit import render
    from menteekit.cli._editor import Outcome, edit_record, outcome_message
    from menteekit.dates import local_now
    from menteekit.services.goals import check
    from menteekit.services.lookup import find_unique

    store, _ = open_store(home)
    # Any goal file, readable or not: editing is how a broken one gets fixed.
    ids = store.goal_ids()
    found = find_unique(goal.strip().lower(), {i: [i] for i in ids}, "goal")
    path = store.goal_path(found)
    outcome, draft = edit_record(
        store, path, lambda text, source: store.parse_goal(found, text, source)
    )
    render.say(outcome_message(outcome, path, draft))
    if outcome is Outcome.saved:
        edited = store.load_goal(found)
        render.say("SMART check:")
        render.smart_report(check(edited, local_now().date()))


@app.command()
def plan(
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write it to FILE (replacing it; readable by you only) instead of printing "
            "it; - prints it.",
        ),
    ] = None,
    home: HomeOpt = None,
) -> None:
    """Print your individual development plan, in Markdown, to share with a mentor.

    Your path and values, then your short- and long-term goals with how you will know, why
    they are within reach, due dates, the mentors who help, your latest progress and next
    steps; goals on hold and those achieved this past year. Private check-in notes never
    appear in it. Edit the plan.md template (copy it into your store's templates/ folder) to
    make it yours.

    \b
    Examples:
      mk goal plan
      mk goal plan --output plan.md
    """
    from pathlib import Path

    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.services.goals import development_plan
    from menteekit.vocab import GoalStatus

    store, config = open_store(home)
    goals, problems = store.load_goals()
    text = development_plan(
        store.template("plan.md"),
        config.me,
        goals,
        mentor_names(store),
        store.load_actions()[0],
        local_now().date(),
    )
    if output is None or output == "-":  # "-": standard output, as usual
        render.say(text.rstrip("\n"))
    else:
        path = Path(output).expanduser()
        store.export(path, text)
        render.note(f"Wrote your development plan to {path}")
    if not any(g.status is GoalStatus.active for g in goals):
        render.note("No active goals to plan with: set one with `mk goal add`.")
    render.report_problems(problems)


app.command("list", help="The same as `mk goals`.")(goals)
