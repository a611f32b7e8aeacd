"""`mk status`: what needs you now — in full, as JSON, or as one line for a shell prompt."""

from typing import Annotated

import typer

from menteekit.cli import plain
from menteekit.cli._common import HomeOpt, JsonOpt, store_at


def status(
    short: Annotated[
        bool,
        typer.Option(
            "--short",
            help="One terse line for a shell prompt (empty when nothing needs you).",
        ),
    ] = False,
    home: HomeOpt = None,
    json: JsonOpt = False,
) -> None:
    """Show what needs you now: the next meetings and whether their agenda is ready, meetings
    without a reflection, action items overdue or due within a week, mentors overdue for
    contact, and goals due for review — each with the command that deals with it.

    --short prints one line of `label:count` words for the counts that are not zero, in this
    order: agenda (meetings within a day whose agenda holds only the wrap-up), log (meetings of
    the last 30 days without a reflection), overdue and soon (action items), contact (mentors),
    review (goals), broken (unreadable files). When nothing needs you it prints nothing, and
    with no store at all it prints nothing too; both exit 0, so a prompt stays clean.

    \b
    Examples:
      mk status
      mk status --short              # e.g. "agenda:1 overdue:2 review:1"
      mk status --json | jq '.actions_overdue[].text'
    """
    from menteekit.errors import UsageError

    if short and json:
        raise UsageError("Choose one of --short and --json.")
    plain.status(store_at(home), short=short, json=json)
