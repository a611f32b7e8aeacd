"""`mk mentor add|list|show|edit|end`: the people on your mentoring board."""

import textwrap
from typing import TYPE_CHECKING, Annotated

import typer

from menteekit.cli import agreement
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
from menteekit.vocab import (
    CADENCE_HELP,
    PHASE_MEANING,
    ROLE_MEANING,
    Group,
    Phase,
    Role,
    Status,
    Style,
)

if TYPE_CHECKING:
    from menteekit.models import Mentor
    from menteekit.prompts import Asker

app = command_group(
    "Add, list, show, edit and end your mentoring relationships; agree their ground rules "
    "and say which phase each is in."
)


MentorArg = Annotated[
    str, typer.Argument(metavar="MENTOR", help="Slug or a unique prefix of the mentor's name.")
]


@app.command()
def add(
    name: Annotated[
        str | None, typer.Argument(help='The mentor\'s name, e.g. "Dr. Ana Rivera".')
    ] = None,
    role: Annotated[
        list[Role] | None, typer.Option("--role", help="A seat on your board (repeatable).")
    ] = None,
    group: Annotated[
        Group | None, typer.Option(help="Where they sit on the relationship map.")
    ] = None,
    internal: Annotated[
        bool | None,
        typer.Option("--internal/--external", help="From your own institution, or from outside."),
    ] = None,
    peer: Annotated[
        bool | None, typer.Option("--peer/--senior", help="A peer mentor, or a senior one.")
    ] = None,
    cadence: Annotated[
        str | None,
        typer.Option(metavar="CADENCE", help=f"How often to be in touch: {CADENCE_HELP}."),
    ] = None,
    email: Annotated[str | None, typer.Option(metavar="EMAIL", help="Their email address.")] = None,
    channel: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="How they like to be reached, e.g. 'Teams chat'."),
    ] = None,
    style: Annotated[
        Style | None, typer.Option(help="Personality hint, for managing-up tips.")
    ] = None,
    phase: Annotated[Phase | None, typer.Option(help="Where the relationship is.")] = None,
    status: Annotated[Status, typer.Option(help="Whether they are on your board now.")] = (
        Status.active
    ),
    last_contact: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="When you were last in touch, e.g. '3 weeks ago' (default: today)."
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="When they became your mentor, e.g. 2021-09 or '5 years ago' (default: "
            "today); `mk health` judges the relationship from today, not the years before.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Add even if a mentor with a similar name exists.")
    ] = False,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Add a mentor to your store; asks for what the options leave out.

    The mentor's slug (their file name and short handle) comes from the name:
    "Dr. Ana Rivera" becomes ana-rivera.

    \b
    Examples:
      mk mentor add "Dr. Ana Rivera" --role research --role career --cadence monthly
      mk mentor add "Priya Natarajan" --role life --peer --group informal-life --no-input
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.errors import MkError, UsageError
    from menteekit.models import Mentor
    from menteekit.prompts import Asker
    from menteekit.services.mentors import name_words, not_in_future, similar_mentors, slugify
    from menteekit.vocab import GROUP_MEANING, check_line, normalize_cadence, normalize_email

    store, _ = open_store(home)
    now = local_now()
    # Check what was typed before asking anything, so no answer is wasted on a bad flag.
    cadence = checked_option(cadence, normalize_cadence, "--cadence")
    email = checked_option(email, normalize_email, "--email")
    channel = checked_option(channel, check_line, "--channel")
    past = not_in_future(now.date())
    contact = date_option(last_contact, now, "--last-contact", prefer="past", check=past)
    began = date_option(since, now, "--since", prefer="past", check=past)
    if began is not None and contact is not None and contact < began:
        raise UsageError(
            f"--last-contact ({contact.isoformat()}) is before --since ({began.isoformat()})."
        )
    ask = Asker(interactive(no_input))
    name = ask.text("Mentor's name", given=name, required="the NAME argument").strip()
    if not name_words(name):
        raise UsageError(f"{name!r} is not a name: give at least a first or last name.")

    existing, broken = store.load_mentors()
    known = _accept_similar(ask, name, existing, [p.path.stem for p in broken], force)

    if not role:
        ask.say("Which seats on your board do they fill?")
        for seat in Role:
            ask.say(f"  [bold]{seat}[/bold]: {ROLE_MEANING[seat]}")
        role = ask.choose_many("Roles", [r.value for r in Role])
    if group is None:
        ask.say("Where do they sit on your relationship map?")
        for place in Group:
            ask.say(f"  [bold]{place}[/bold]: {GROUP_MEANING[place]}")
        group = ask.choose("Group", [g.value for g in Group])
    if internal is None:
        where = ask.choose("From your own institution, or from outside?", ["internal", "external"])
        internal = None if where is None else where == "internal"
    if peer is None:
        level = ask.choose("A peer (at or near your stage), or senior to you?", ["peer", "senior"])
        peer = None if level is None else level == "peer"
    if cadence is None:
        cadence = ask.value(
            "How often do you want to be in touch?",
            normalize_cadence,
            hint=f"{CADENCE_HELP}.",
        )
    if email is None:
        email = ask.value("Email", normalize_email)
    channel = ask.text("How do they like to be reached?", given=channel) or None
    if style is None:
        style = ask.choose("More of an introvert or an extrovert?", ["introvert", "extrovert"])
    if phase is None and status is Status.active:
        phase = ask.choose(
            "Phase of the relationship",
            [p.value for p in Phase],
            hint="early: getting to know each other; mid: working together; late: winding down "
            "or changing shape.",
        )
    if contact is None and ask.interactive:  # unasked, the day added counts as the last contact
        contact = ask.date(
            "When were you last in touch?",
            now,
            default="today",
            prefer="past",
            check=past,
        )

    mentor = Mentor.create(
        name=name,
        email=email,
        roles=role or [],
        group=group,
        internal=internal,
        peer=peer,
        cadence=cadence,
        channel=channel,
        style=style,
        phase=phase,
        status=status,
        added=began or now.date(),
        # Mentoring of longer standing: nothing before today is on record.
        recorded=now.date() if began is not None and began < now.date() else None,
        last_contact=contact,
    )

    def no_new_namesake(current: list[Mentor]) -> None:
        # Another mk may have added the same person while we were asking questions.
        arrived = {m.slug for m in similar_mentors(name, current)} - known
        if arrived and not force:
            raise MkError(f"A mentor with a similar name was just added: {', '.join(arrived)}.")

    saved = store.add_mentor(mentor, slugify(name), check=no_new_namesake)
    if json:
        render.print_json(render.mentor_data(saved, now.date(), store.mentor_path(saved.slug)))
    else:
        render.say(f"Added {saved.name} as {saved.slug}")


def _accept_similar(
    ask: "Asker", name: str, existing: "list[Mentor]", unreadable: list[str], force: bool
) -> set[str]:
    """Stop unless the user accepts a new mentor beside any with a similar name; return the
    slugs known now, so a namesake added meanwhile by another mk can be told apart."""
    from menteekit.errors import MkError
    from menteekit.services.mentors import similar_mentors, slugify

    similar = [f"{m.name} ({m.slug})" for m in similar_mentors(name, existing)]
    base = slugify(name)
    similar += [f"{slug} (unreadable file)" for slug in unreadable if slug.startswith(base)]
    known = {m.slug for m in existing} | set(unreadable)
    if not similar or force:
        return known
    listed = ", ".join(similar)
    if not ask.interactive:
        raise MkError(
            f"A mentor with a similar name already exists: {listed}.",
            hint="Pass --force to add a new mentor anyway.",
        )
    if not ask.confirm(f"You already have {listed}. Add {name!r} as a new mentor?"):
        from menteekit import render

        render.note("Nothing was added.")
        raise typer.Exit(0)
    return known


@app.command("list")
def list_(
    status: Annotated[
        list[Status] | None, typer.Option("--status", help="Only these statuses (repeatable).")
    ] = None,
    home: HomeOpt = None,
    json: JsonOpt = False,
) -> None:
    """List your mentors with their roles, cadence, status and last contact.

    \b
    Examples:
      mk mentor list
      mk mentor list --status active --json | jq -r '.[].slug'
    """
    from menteekit import render
    from menteekit.dates import local_now

    store, _ = open_store(home)
    today = local_now().date()
    mentors, problems = store.load_mentors()
    order = list(Status)
    shown = sorted(
        (m for m in mentors if not status or m.status in status),
        key=lambda m: (order.index(m.status), m.name.lower()),
    )
    if json:
        render.print_json([render.mentor_data(m, today) for m in shown])
    elif shown:
        render.mentor_table(shown, today)
    elif mentors:
        render.note(f"No mentors with status {', '.join(status or [])}.")
    elif problems:
        render.note("No readable mentors (see the errors below).")
    else:
        render.note("No mentors yet. Add one with `mk mentor add NAME`.")
    render.report_problems(problems)


@app.command()
def show(mentor: MentorArg, home: HomeOpt = None, json: JsonOpt = False) -> None:
    """Show everything recorded about one mentor.

    \b
    Examples:
      mk mentor show rivera
      mk mentor show ana-rivera --json
    """
    from menteekit import render
    from menteekit.dates import local_now

    store, _ = open_store(home)
    record = store.load_mentor(resolve_mentor(store, mentor))
    today = local_now().date()
    path = store.mentor_path(record.slug)
    if json:
        render.print_json(render.mentor_data(record, today, path))
    else:
        render.mentor_details(record, today, path)


@app.command()
def edit(mentor: MentorArg, home: HomeOpt = None) -> None:
    """Edit a mentor's file in $VISUAL or $EDITOR, checked before it is saved.

    You edit a draft copy; if it does not validate you can reopen it, keep the old version, or
    keep the draft for later. Nothing is lost either way. A broken file can be fixed this way.

    \b
    Example:
      EDITOR=nano mk mentor edit rivera
    """
    from menteekit import render
    from menteekit.cli._editor import edit_record, outcome_message

    store, _ = open_store(home)
    slug = resolve_mentor(store, mentor)
    path = store.mentor_path(slug)
    outcome, draft = edit_record(
        store, path, lambda text, source: store.parse_mentor(slug, text, source)
    )
    render.say(outcome_message(outcome, path, draft))


@app.command()
def end(
    mentor: MentorArg,
    date: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="When it ended, e.g. 'last friday' (default: today)."),
    ] = None,
    reason: Annotated[str | None, typer.Option(metavar="TEXT", help="Why it is ending.")] = None,
    achieved: Annotated[
        str | None, typer.Option(metavar="TEXT", help="What you achieved together.")
    ] = None,
    keep_in_touch: Annotated[
        bool | None,
        typer.Option(
            "--keep-in-touch/--no-keep-in-touch",
            help="Be reminded once a year to send them a note (asked if not given; "
            "under --no-input: no).",
            show_default=False,
        ),
    ] = None,
    cancel_meetings: Annotated[
        bool | None,
        typer.Option(
            "--cancel-meetings/--keep-meetings",
            help="Cancel the meetings still to come with them (asked if not given; under "
            "--no-input: kept, and named).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the thank-you note to FILE instead of printing it.",
        ),
    ] = None,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Close a mentoring relationship well: a thank-you note, and a yearly reminder to keep
    in touch.

    Records the date, the reason and what you achieved together, sets the status to concluded,
    and drafts a thank-you note to adapt and send. The note names the help on record: how many
    meetings you held and over what span, the goals linked to them that you achieved, the
    latest decisions you took together and what they did for you between meetings. It reads
    only those structured fields, never your notes, so nothing private reaches it. The note
    comes from the thank-you.md template (your own copy in the store's templates/ folder wins).

    Mentors like to hear how things went, years later. With --keep-in-touch (offered when you
    are asked) their cadence becomes yearly: `mk board` reminds you when a note is due, and
    `mk touch` records it. Without it the cadence is cleared, so the old meeting rhythm stops
    asking for contact. Meetings still to come with them can be cancelled at the same time
    (you are asked; a last meeting you mean to keep stays with --keep-meetings).

    \b
    Examples:
      mk mentor end park
      mk mentor end park --reason "Fellowship finished" --achieved "my first R01" \\
          --keep-in-touch --no-input --output thanks.txt
    """
    from pathlib import Path

    from menteekit import render
    from menteekit.cli.notes import mark_notes
    from menteekit.dates import local_now
    from menteekit.errors import MkError, UsageError
    from menteekit.models import Cancellation, Conclusion
    from menteekit.prompts import Asker
    from menteekit.services.actions import by_mentor
    from menteekit.services.ending import help_on_record, help_paragraph
    from menteekit.services.meetings import cancel, upcoming_with, when_text
    from menteekit.services.mentors import conclude, not_in_future, thank_you_note
    from menteekit.vocab import ActionStatus, check_prose

    for flag, text in (("--reason", reason), ("--achieved", achieved)):
        if text is not None and not text.strip():
            raise UsageError(f"{flag} cannot be empty: leave it out, or say it in a few words.")
    reason = checked_option(reason, check_prose, "--reason")
    achieved = checked_option(achieved, check_prose, "--achieved")
    store, config = open_store(home)
    now = local_now()
    slug = resolve_mentor(store, mentor)
    current = store.load_mentor(slug)
    conclude(current, Conclusion(date=now.date()))  # fail early if it has already ended
    ask = Asker(interactive(no_input))
    ask.say(
        "Ending a relationship on purpose is part of mentoring well. A few questions about "
        f"your time with {render.escape(current.name)}:"
    )
    past = not_in_future(now.date())
    ended = date_option(date, now, "--date", prefer="past", check=past)
    if ended is None:
        ended = (
            ask.date("When did it end?", now, default="today", prefer="past", check=past)
            or now.date()
        )
    conclusion = Conclusion.create(
        date=ended,
        reason=ask.text(
            "Why is it ending?",
            given=reason,
            check=check_prose,
            hint="e.g. goals met, a move, a new direction, too little time.",
        ),
        achieved=ask.text(
            "What did you achieve together?",
            given=achieved,
            check=check_prose,
            hint="One or two specific things to thank them for.",
        ),
    )
    actions, meetings = store.load_actions()[0], store.load_meetings()[0]
    helped = help_on_record(slug, meetings, store.load_goals()[0], actions, now)
    # The note is drafted before anything is written: if it fails, nothing has changed.
    note = thank_you_note(
        store.template("thank-you.md"),
        conclude(current, conclusion),
        config.me,
        help_paragraph(helped),
    )
    if not json and output is None:
        render.note("A thank-you note to adapt and send:\n")
        render.say(note)
    if keep_in_touch is None and ask.interactive:
        ask.say(
            "\nMentors like to hear how things turned out, even years later, and a note now "
            "and then keeps the door open for advice or sponsorship."
        )
        keep_in_touch = ask.confirm("Remind you once a year to send them a note?", default=True)
    keep = bool(keep_in_touch)
    to_come = upcoming_with(slug, meetings, now)
    planned = ", ".join(f"{when_text(m, now)} ({m.id})" for m in to_come)
    if to_come and cancel_meetings is None and ask.interactive:
        cancel_meetings = ask.confirm(
            f"Cancel what is still planned with {render.escape(current.name)}: {planned}?",
            default=True,
        )
    if output is not None:
        path = Path(output).expanduser()
        store.export(path, note)
    updated = store.update_mentor(slug, lambda m: conclude(m, conclusion, keep))
    cancelled = []
    if cancel_meetings:
        ending = Cancellation.create(date=now.date(), reason="The mentoring relationship ended.")
        for meeting in to_come:
            try:  # the relationship has ended all the same
                cancelled.append(store.update_meeting(meeting.id, lambda m: cancel(m, ending)))
            except MkError as problem:  # logged or moved meanwhile, a read-only file...
                render.warn(f"Meeting {meeting.id} was not cancelled: {problem}")
                continue
            mark_notes(store, cancelled[-1], now)  # its notes are open again, as after any cancel
    if json:
        data = render.mentor_data(updated, now.date(), store.mentor_path(slug))
        render.print_json(
            {**data, "thank_you_note": note, "cancelled_meetings": [m.id for m in cancelled]}
        )
        return
    if output is not None:
        render.note(f"Wrote the thank-you note to {path}")
    render.say(f"Concluded {updated.name} ({slug}) on {ended.isoformat()}.")
    if keep:
        render.note(
            "You will be reminded to keep in touch once a year (`mk board`); log each note "
            f"with `mk touch {slug}`."
        )
    else:
        render.note(
            "Staying in touch now and then keeps the door open: they may sponsor you later."
        )
    if cancelled:
        listed = ", ".join(f"{when_text(m, now)} ({m.id})" for m in cancelled)
        render.note(f"Cancelled what was still planned with {updated.name}: {listed}.")
    elif to_come:
        render.note(
            f"Still planned with {updated.name}: {planned}. Cancel with `mk meeting cancel ID`, "
            "or keep it as a last meeting."
        )
    theirs = by_mentor(actions, meetings).get(slug, [])
    still_open = [a for a in theirs if a.status is ActionStatus.open]
    if still_open:
        listed = "; ".join(f"{a.id} {a.text}" for a in still_open)
        render.note(
            f"Still open with {updated.name}: {listed}. Close each with `mk done ID`, or "
            "`mk action drop ID` if it will not happen now."
        )


_PHASES = "\n".join(
    textwrap.fill(
        PHASE_MEANING[phase], 78, initial_indent=f"  {phase:<7}", subsequent_indent=" " * 9
    )
    for phase in Phase
)


@app.command(
    help=f"""Set where a relationship is in its life: early, mid or late.

Relationships change as you grow: you lean on a mentor less and set more of the agenda, and a
good mentor adapts. Naming the phase helps you notice when it shifts. Setting a new phase
records today as its start; --note says why (it replaces the note of the previous phase).
Giving the current phase again only updates its note.

\b
Phases:
{_PHASES}

\b
Examples:
  mk mentor phase rivera mid --note "I now set most of our agendas"
  mk mentor phase marchetti late
"""
)
def phase(
    mentor: MentorArg,
    phase: Annotated[
        Phase,
        typer.Argument(
            metavar="PHASE", help="early, mid or late.", case_sensitive=False, show_default=False
        ),
    ],
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Why the relationship is in this phase.")
    ] = None,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.errors import UsageError
    from menteekit.prompts import Asker
    from menteekit.services.mentors import set_phase
    from menteekit.vocab import check_prose

    if note is not None and not note.strip():
        raise UsageError("--note cannot be empty: leave it out to keep no note.")
    note = checked_option(note, check_prose, "--note")
    store, _ = open_store(home)
    today = local_now().date()
    slug = resolve_mentor(store, mentor)
    current = store.load_mentor(slug)
    set_phase(current, phase, note, today)  # fail early, before any question
    if note is None:
        ask = Asker(interactive(no_input))
        ask.say(f"[bold]{phase}[/bold]: {PHASE_MEANING[phase]}")
        note = ask.text("What tells you so?", check=check_prose).strip() or None
    changed = False

    def change(record: "Mentor") -> "Mentor":
        nonlocal changed
        revised = set_phase(record, phase, note, today)
        changed = revised != record
        return revised if changed else record

    updated = store.update_mentor(slug, change)
    if json:
        render.print_json(render.mentor_data(updated, today, store.mentor_path(slug)))
    elif not changed:
        render.say(f"{updated.name} ({slug}) is already in the {phase} phase; nothing changed.")
    else:
        since = updated.phase_since.isoformat() if updated.phase_since else "earlier"
        render.say(f"{updated.name} ({slug}): {phase} phase since {since}.")


# Its own module: the worksheet is long, and `mk mentor` runs without it otherwise.
app.command("agreement")(agreement.agreement)
