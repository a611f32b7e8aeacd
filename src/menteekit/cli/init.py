"""`mk init`: create the store with a short guided self-reflection."""

from typing import Annotated

import typer

from menteekit.cli._common import HomeOpt, NoInputOpt, interactive, store_at
from menteekit.vocab import Role, check_prose


def init(
    home: HomeOpt = None,
    name: Annotated[
        str | None, typer.Option(metavar="NAME", help="Your name.", show_default=False)
    ] = None,
    path: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="How you describe your path.", show_default=False),
    ] = None,
    value: Annotated[
        list[str] | None,
        typer.Option("--value", metavar="TEXT", help="A value you hold (repeatable)."),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option("--goal", metavar="GOAL", help="A current goal (repeatable)."),
    ] = None,
    style: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="Your working style, in a line.", show_default=False),
    ] = None,
    looking_for: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="What you want from mentors.", show_default=False),
    ] = None,
    not_needed: Annotated[
        list[Role] | None,
        typer.Option(
            "--not-needed",
            help="A seat on the board that does not apply to you, e.g. clinical (repeatable).",
        ),
    ] = None,
    time: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT",
            help="The time you can give mentoring, e.g. '4 hours a month'.",
            show_default=False,
        ),
    ] = None,
    no_input: NoInputOpt = False,
) -> None:
    """Create your store, starting with a short self-reflection.

    Knowing your own path, values and goals is what keeps a mentee from being carried along by
    a mentor's agenda; the answers are saved in menteekit.toml under [me] and shown on your
    board. Refuses to touch an existing store.

    \b
    Examples:
      mk init
      mk init --no-input --name "Sam Okafor" --value curiosity --value family
    """
    from menteekit import render
    from menteekit.models import Profile, StoreConfig
    from menteekit.prompts import Asker
    from menteekit.store import SCHEMA

    store = store_at(home)
    store.ensure_creatable()
    # Every flag is checked before the first question, so no answer is typed in vain.
    Profile.create(
        name=name or "",
        path=path or "",
        values=value or [],
        goals=goal or [],
        working_style=style or "",
        looking_for=looking_for or "",
        time_budget=time or "",
        roles_not_needed=not_needed or [],
    )
    ask = Asker(interactive(no_input))
    ask.say(
        "[bold]Welcome to menteekit.[/bold] A few questions to start from you, not your mentors. "
        "Press Enter to skip any of them; you can change the answers later in menteekit.toml.\n"
    )
    profile = Profile.create(
        name=ask.text("Your name", given=name),
        path=ask.text(
            "How would you describe your path?",
            given=path,
            check=check_prose,
            hint="Where you are and where you are heading, e.g. 'second-year cardiology "
            "fellow aiming for a clinician-educator career'.",
        ),
        values=_split_values(
            ask.lines(
                "What matters most to you in your work and life?",
                given=value or [],
                hint="A word or two each, one per line or separated by commas: curiosity, "
                "patient equity, ...",
            )
        ),
        goals=ask.lines(
            "What are you working towards right now?",
            given=goal or [],
            hint="Some for the next 3-12 months, some for the next 5-10 years.",
        ),
        working_style=ask.text(
            "How do you work with others?",
            given=style,
            check=check_prose,
            hint="e.g. direct and blunt, or deferential to senior people; written or spoken; "
            "planner or improviser. It helps you pick mentors whose style fits.",
        ),
        looking_for=ask.text(
            "What do you want from your mentors?",
            given=looking_for,
            check=check_prose,
            hint="e.g. honest feedback on drafts, help choosing opportunities, introductions.",
        ),
        time_budget=ask.text(
            "How much time can you give mentoring?",
            given=time,
            hint="Preparing agendas, meeting, reflecting and following up: e.g. 4 hours a month.",
        ),
        roles_not_needed=not_needed
        or ask.choose_many(
            "Which seats on a mentoring board do not apply to you?",
            [r.value for r in Role],
            hint="e.g. clinical if you do not see patients. Press Enter if all may apply.",
        ),
    )
    store.create(StoreConfig(schema=SCHEMA, me=profile))
    render.say(f"Created your menteekit store at {store.root}")
    render.note(
        "Next: add your mentors with `mk mentor add NAME --role ROLE`, then look at `mk board`."
    )
    if profile.goals:
        render.note(
            "Make each goal SMART with `mk goal add`: it is then reviewed each month and put on "
            "the right mentor's agenda."
        )


def _split_values(lines: list[str]) -> list[str]:
    """A value is a word or two, so "curiosity, patient equity" on one line is two of them; a
    line without a comma is kept as typed (a blank one is then refused by the profile)."""
    values: list[str] = []
    for line in lines:
        values += [p.strip() for p in line.split(",") if p.strip()] if "," in line else [line]
    return values
