"""`mk mentor agreement NAME`: the ground rules of a relationship, agreed and revisited."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from menteekit.cli._common import (
    HomeOpt,
    JsonOpt,
    NoInputOpt,
    checked_option,
    interactive,
    open_store,
    resolve_mentor,
)

if TYPE_CHECKING:
    from menteekit.prompts import Asker


def _text(help: str) -> Any:
    return typer.Option(metavar="TEXT", help=help, show_default=False)


LINE_FIELDS = ("duration", "time", "frequency", "length", "modality")
"""The worksheet's one-line answers; the others may run over several lines."""


def agreement(
    mentor: Annotated[
        str, typer.Argument(metavar="MENTOR", help="Slug or a unique prefix of the mentor's name.")
    ],
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal",
            metavar="TEXT",
            help="A goal for this relationship (repeatable, at most 3; default: your active "
            "goals linked to this mentor).",
            show_default=False,
        ),
    ] = None,
    outcome: Annotated[str | None, _text("What you want to have finished by the end.")] = None,
    duration: Annotated[str | None, _text("How long it runs, e.g. 'a year, then review'.")] = None,
    time: Annotated[str | None, _text("When you usually meet, e.g. 'first Tuesday, 3pm'.")] = None,
    frequency: Annotated[
        str | None, _text("How often you meet (default: the mentor's cadence).")
    ] = None,
    length: Annotated[str | None, _text("How long a meeting lasts, e.g. '45 minutes'.")] = None,
    modality: Annotated[str | None, _text("In person, video, phone...")] = None,
    confidentiality: Annotated[
        str | None, _text("What stays between you (default: the worksheet's standard pledge).")
    ] = None,
    off_limits: Annotated[str | None, _text("Topics either of you would rather keep out.")] = None,
    obligations: Annotated[str | None, _text("What each of you commits to.")] = None,
    checkins: Annotated[str | None, _text("How you check that it is working.")] = None,
    ending: Annotated[
        str | None,
        _text("How either of you may end it (default: any time, no blame, either side)."),
    ] = None,
    export: Annotated[
        bool,
        typer.Option("--export", help="Print the saved agreement as Markdown to send them."),
    ] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="With --export: write the Markdown to FILE instead of printing it.",
        ),
    ] = None,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Agree the ground rules with a mentor: goals, outcomes, logistics, confidentiality.

    At the start of a relationship both sides tend to assume they want the same things. The
    worksheet makes those assumptions explicit: up to three goals, the outcomes you want, how
    long it runs, when, how often, how long and how you meet, what stays confidential, topics
    that are off-limits, what each of you commits to, how you check it is working, and how it
    may end. Fill it in, send it with --export, and agree it at your next meeting.

    A new agreement starts from your record: your active goals linked to this mentor, their
    cadence as the frequency, and standard wording for confidentiality and ending (either of
    you may end it at any time, without blame). Running it again revisits the agreement: the
    current answers are offered, what you pass replaces them, and today is recorded as
    revisited. Revisit it when goals or circumstances change, and at least twice a year.

    \b
    Examples:
      mk mentor agreement rivera
      mk mentor agreement rivera --goal "Submit a K23 by October" --frequency monthly \\
          --length "45 minutes" --modality "in person" --no-input
      mk mentor agreement rivera --export --output agreement.md
    """
    from pathlib import Path

    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.errors import MkError, UsageError
    from menteekit.prompts import Asker
    from menteekit.services.agreements import (
        TERMS,
        agree,
        agreement_markdown,
        check_goals,
        starting_terms,
    )
    from menteekit.vocab import check_line, check_prose

    typed = {
        "outcomes": ("--outcome", outcome),
        "duration": ("--duration", duration),
        "time": ("--time", time),
        "frequency": ("--frequency", frequency),
        "length": ("--length", length),
        "modality": ("--modality", modality),
        "confidentiality": ("--confidentiality", confidentiality),
        "off_limits": ("--off-limits", off_limits),
        "obligations": ("--obligations", obligations),
        "checkins": ("--checkins", checkins),
        "ending": ("--ending", ending),
    }
    # Check what was typed before anything is read or asked.
    given: dict[str, str] = {}
    for field, (flag, value) in typed.items():
        if value is None:
            continue
        if not value.strip():
            raise UsageError(f"{flag} cannot be empty.")
        check = check_line if field in LINE_FIELDS else check_prose
        given[field] = checked_option(value.strip(), check, flag) or ""
    goals = [checked_option(g.strip(), _goal, "--goal") or "" for g in goal] if goal else None
    if goals is not None:
        check_goals(goals)
    if output is not None and (given or goals is not None):
        raise UsageError("--output writes the saved agreement out; change the terms first.")
    if output == "-":  # the usual name for standard output
        output = None
        export = True
    if output is not None:
        export = True
    if export and (given or goals is not None):
        raise UsageError("--export prints the saved agreement; leave it out to change the terms.")
    if export and json:
        raise UsageError("--export prints Markdown and --json prints JSON: choose one.")

    store, config = open_store(home)
    now = local_now()
    slug = resolve_mentor(store, mentor)
    current = store.load_mentor(slug)
    if export:
        if current.agreement is None:
            raise MkError(
                f"No agreement with {current.name} yet.",
                hint=f"Draft one with `mk mentor agreement {slug}`.",
            )
        text = agreement_markdown(current.agreement, current.name, config.me.name, now)
        if output is None:
            render.say(text.rstrip("\n"))
        else:
            path = Path(output).expanduser()
            store.export(path, text)
            render.note(f"Wrote the agreement with {current.name} to {path}")
        return

    start = starting_terms(current, store.load_goals()[0])
    agree(current, start, now.date())  # fail early (a concluded mentor), before any question
    revisiting = current.agreement is not None
    ask = Asker(interactive(no_input))
    name = render.escape(current.name)
    if revisiting:
        ask.say(
            f"Revisiting your agreement with {name}. Enter keeps the answer shown; "
            "type - to leave one empty."
        )
    else:
        ask.say(
            f"The ground rules with {name}: fill in your side, then go over it together. "
            "Enter takes the suggestion shown; type - to leave one empty."
        )
    goals_from_record = goals is None
    if goals is None:
        goals = _ask_goals(ask, start, "Keep these goals?" if revisiting else "Use these goals?")
    terms: dict[str, Any] = {"goals": goals}
    for term in TERMS:
        if term.field in given:
            terms[term.field] = given[term.field]
            continue
        check = check_line if term.field in LINE_FIELDS else check_prose
        answer = ask.text(term.question, default=start[term.field], hint=term.hint, check=check)
        terms[term.field] = "" if answer.strip() == "-" else answer.strip()
    if not revisiting and not ask.interactive:
        _say_what_was_filled_in(current.cadence, start, terms, goals_from_record, given)

    if (
        revisiting
        and current.agreement is not None
        and all(getattr(current.agreement, field) == value for field, value in terms.items())
    ):
        # Nothing changed: looking at it is not going over it together.
        if json:
            render.print_json({"slug": slug, "agreement": current.agreement})
        else:
            render.note(f"No changes: the agreement with {current.name} is as it was.")
        return
    updated = store.update_mentor(slug, lambda m: agree(m, terms, now.date()))
    if updated.cadence != current.cadence and not json:
        render.note(f"Cadence set to {updated.cadence}, the frequency you agreed.")
    settled = updated.agreement
    assert settled is not None  # agree() always sets one
    if json:
        render.print_json({"slug": slug, "agreement": settled})
        return
    if revisiting:
        render.say(
            f"Revisited the agreement with {updated.name} ({slug}) on "
            f"{now.date().isoformat()}; first agreed {settled.agreed.isoformat()}."
        )
    else:
        render.say(f"Saved the agreement with {updated.name} ({slug}), agreed today.")
    render.note(f"To send it: mk mentor agreement {slug} --export")


def _goal(text: str) -> str:
    from menteekit.vocab import check_line

    if not text:
        raise ValueError("a goal cannot be empty")
    return check_line(text)


def _ask_goals(ask: "Asker", start: dict[str, Any], keep: str) -> list[str]:
    """The goals, asked for: the current or suggested ones kept, or typed anew (at most 3)."""
    from menteekit import render
    from menteekit.services.agreements import MAX_GOALS

    suggested: list[str] = start["goals"]
    if not ask.interactive:
        return suggested
    if suggested:
        ask.say("Goals for this relationship:")
        for number, text in enumerate(suggested, 1):
            ask.say(f"  {number}. {render.escape(text)}")
        if ask.confirm(keep, default=True):
            return suggested
    while True:
        typed = ask.lines(
            f"Up to {MAX_GOALS} goals you hope this relationship helps with",
            _goal,
            hint="The goals you bring: the mentor may help refine them when you meet.",
        )
        if not typed and suggested:  # an empty answer drops nothing
            ask.say("[dim]Nothing typed: the goals stay as they were.[/dim]")
            return suggested
        if len(typed) <= MAX_GOALS:
            return typed
        ask.say(f"[red]That is {len(typed)}: type again the {MAX_GOALS} that matter most.[/red]")


def _say_what_was_filled_in(
    cadence: str | None,
    start: dict[str, Any],
    terms: dict[str, Any],
    goals_from_record: bool,
    given: dict[str, str],
) -> None:
    """Under --no-input, say which answers came from the record or the standard wording, so
    nothing lands in the agreement unseen."""
    from menteekit import render

    filled = []
    if goals_from_record and terms["goals"]:
        filled.append("the goals (your active goals linked to this mentor)")
    if cadence and "frequency" not in given:
        filled.append(f"the frequency ({cadence}, their cadence)")
    standard = [f for f in ("confidentiality", "ending") if f not in given and start[f]]
    if standard:
        filled.append(f"{' and '.join(standard)} (the standard wording)")
    if filled:
        render.note("Filled in from your record: " + "; ".join(filled) + ".")
