"""`mk mentor add|list|show|edit|end`: the people on your mentoring board."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from menteekit.cli._common import (
    HomeOpt,
    JsonOpt,
    NoInputOpt,
    date_option,
    interactive,
    open_store,
    resolve_mentor,
)
from menteekit.vocab import CADENCE_HELP, ROLE_MEANING, Group, Phase, Role, Status, Style

if TYPE_CHECKING:
    from menteekit.prompts import Asker

app = typer.Typer(
    help="Add, list, show, edit and end your mentoring relationships.",
    no_args_is_help=True,
    rich_markup_mode=None,
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
        str | None, typer.Option(help=f"How often to be in touch: {CADENCE_HELP}.")
    ] = None,
    email: Annotated[str | None, typer.Option(help="Their email address.")] = None,
    channel: Annotated[
        str | None, typer.Option(help="How they like to be reached, e.g. 'Teams chat'.")
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
        typer.Option(help="When you were last in touch, e.g. '3 weeks ago' (default: today)."),
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
    from menteekit.errors import MkError
    from menteekit.models import Mentor
    from menteekit.prompts import Asker
    from menteekit.services.mentors import similar_mentors, slugify

    store, _ = open_store(home)
    now = local_now()
    ask = Asker(interactive(no_input))
    name = ask.text("Mentor's name", given=name, required="the NAME argument")
    if cadence is not None:
        cadence = _cadence_option(cadence)
    contact = date_option(last_contact, now, "--last-contact", prefer="past")

    existing, _problems = store.load_mentors()
    similar = similar_mentors(name, existing)
    if similar and not force:
        listed = ", ".join(f"{m.name} ({m.slug})" for m in similar)
        if not ask.interactive:
            raise MkError(
                f"A mentor with a similar name already exists: {listed}.",
                hint="Pass --force to add a new mentor anyway.",
            )
        if not ask.confirm(f"You already have {listed}. Add {name!r} as a new mentor?"):
            raise typer.Exit(1)

    if not role:
        role = _ask_roles(ask)
    if group is None:
        group = ask.choose("Relationship group", [g.value for g in Group])
    if internal is None and ask.interactive:
        internal = ask.confirm("Are they from your own institution?", default=True)
    if peer is None:
        peer = ask.confirm("Are they a peer (at or near your own stage)?", default=False)
    if cadence is None:
        cadence = ask.choose(
            "How often do you want to be in touch?",
            ["weekly", "biweekly", "monthly", "quarterly", "twice-yearly", "yearly"],
        )
    email = ask.text("Email", given=email) or None
    channel = ask.text("Preferred channel", given=channel) or None
    if style is None:
        style = ask.choose(
            "Are they more of an introvert or an extrovert?", ["introvert", "extrovert"]
        )
    if phase is None and status is Status.active:
        phase = ask.choose("Phase of the relationship", [p.value for p in Phase])
    if contact is None and ask.interactive:
        contact = ask.date("When were you last in touch?", now, default="today", prefer="past")

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
        added=now.date(),
        last_contact=contact,
    )
    saved = store.add_mentor(mentor, slugify(name))
    if json:
        render.print_json(render.mentor_data(saved, now.date(), store.mentor_path(saved.slug)))
    else:
        render.say(f"Added {saved.name} as [bold]{saved.slug}[/bold]")


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
    from menteekit.cli._editor import edit_record

    store, _ = open_store(home)
    slug = resolve_mentor(store, mentor)
    saved = edit_record(store, store.mentor_path(slug), lambda text: store.parse_mentor(slug, text))
    render.say(f"Saved {store.mentor_path(slug)}" if saved else "No changes.")


@app.command()
def end(
    mentor: MentorArg,
    date: Annotated[
        str | None, typer.Option(help="When it ended or will end (default: today).")
    ] = None,
    reason: Annotated[str | None, typer.Option(help="Why it is ending.")] = None,
    achieved: Annotated[str | None, typer.Option(help="What you achieved together.")] = None,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Close a mentoring relationship well, and draft a thank-you note.

    Records the date, the reason and what you achieved together, sets the status to concluded,
    and prints a thank-you note to adapt and send. The note comes from the thank-you.md
    template (your own copy in the store's templates/ folder wins).

    \b
    Examples:
      mk mentor end park
      mk mentor end park --reason "Fellowship finished" --achieved "my first R01" --no-input
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.models import Conclusion
    from menteekit.prompts import Asker
    from menteekit.services.mentors import conclude, thank_you_note

    store, config = open_store(home)
    now = local_now()
    slug = resolve_mentor(store, mentor)
    current = store.load_mentor(slug)
    conclude(current, Conclusion(date=now.date()))  # fail early if it has already ended
    ask = Asker(interactive(no_input))
    ask.say(
        f"Ending a relationship on purpose is part of mentoring well. A few questions about "
        f"your time with {current.name}:"
    )
    ended = (
        date_option(date, now, "--date")
        or ask.date("When does it end?", now, default="today")
        or now.date()
    )
    conclusion = Conclusion.create(
        date=ended,
        reason=ask.text(
            "Why is it ending?",
            given=reason,
            hint="e.g. goals met, a move, a new direction, too little time.",
        ),
        achieved=ask.text(
            "What did you achieve together?",
            given=achieved,
            hint="One or two specific things to thank them for.",
        ),
    )
    updated = store.update_mentor(slug, lambda m: conclude(m, conclusion))
    note = thank_you_note(store.template("thank-you.md"), updated, config.me)
    if json:
        data = render.mentor_data(updated, now.date(), store.mentor_path(slug))
        render.print_json({**data, "thank_you_note": note})
        return
    render.say(f"Concluded {updated.name} ({slug}) on {ended.isoformat()}.")
    render.note("A thank-you note to adapt and send:\n")
    render.say(note)
    render.note("Staying in touch now and then keeps the door open: they may sponsor you later.")


def _ask_roles(ask: Asker) -> list[str]:
    ask.say("Which seats on your board do they fill?")
    for seat in Role:
        ask.say(f"  [bold]{seat}[/bold]: {ROLE_MEANING[seat]}")
    return ask.choose_many("Roles", [r.value for r in Role])


def _cadence_option(text: str) -> str:
    from menteekit.errors import UsageError
    from menteekit.vocab import normalize_cadence

    try:
        return normalize_cadence(text)
    except ValueError as problem:
        raise UsageError(f"--cadence: {problem}") from None
