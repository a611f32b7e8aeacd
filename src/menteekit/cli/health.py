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
    from menteekit.cli import plain

    store, _ = open_store(home)
    only = store.load_mentor(resolve_mentor(store, mentor)) if mentor is not None else None
    plain.health(store, only=only, json=json)
