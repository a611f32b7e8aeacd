"""`mk health`: how each mentoring relationship is doing, with reasons from the record."""

from typing import Annotated

import typer

from menteekit.cli._common import HomeOpt, JsonOpt, open_store, resolve_mentor


def health(
    mentor: Annotated[
        str | None,
        typer.Argument(
            metavar="[MENTOR]",
            help="One mentor (slug or a unique prefix of a name); default: every active one.",
            show_default=False,
        ),
    ] = None,
    home: HomeOpt = None,
    json: JsonOpt = False,
) -> None:
    """Show how each relationship is doing, from your own record of the last year.

    For each active mentor (or the one named): the cadence kept, meetings cancelled or
    rescheduled, your follow-through on action items, agendas prepared in advance,
    reflections written, thank-yous in the last six months and the time since the last
    contact. From them a verdict — new, thriving, steady, drifting or stalled — with the
    reasons, where a drift may come from (the relationship itself, your part, the mentor's)
    with questions to work through, tips for the mentor's style, the phase of the
    relationship and what matters in it (with a suggested change when the record points to
    one), and whether your agreement is due for another look.

    \b
    Examples:
      mk health
      mk health rivera
      mk health --json | jq -r '.[] | "\\(.slug) \\(.verdict)"'
    """
    import datetime as dt

    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.services.health import YEAR, health_of
    from menteekit.vocab import Status

    store, _ = open_store(home)
    now = local_now()
    if mentor is not None:
        mentors, problems = [store.load_mentor(resolve_mentor(store, mentor))], []
    else:
        everyone, problems = store.load_mentors()
        mentors = sorted((m for m in everyone if m.status is Status.active), key=lambda m: m.name)
    meetings, meeting_problems = store.load_meetings() if mentors else ([], [])
    # Health looks at the last year: closed action items older than that say nothing.
    since = now.date() - dt.timedelta(days=YEAR)
    actions, action_problems = store.load_actions(since=since) if mentors else ([], [])
    views = health_of(mentors, meetings, actions, now)
    if json:
        render.print_json(views)
    elif views:
        render.health(views, now.date())
    else:
        render.note(
            "No active mentors to look at. Add one with `mk mentor add NAME`, or name one: "
            "`mk health MENTOR`."
        )
    render.report_problems(problems + meeting_problems + action_problems)
