"""`mk status` in its plain forms, answered without building the typer application.

A shell prompt runs `mk status --short` before every command line, and `mk status` is the
first thing to run in the morning: loading typer costs about as much as everything else they
need. Their plain forms — `status`, `status --short` or `status --json`, with at most one
`--home PATH` anywhere — are answered here. Any other command line, including one this module
does not recognise as plain (`--help`, a second `--home`, `--short --json`), goes through the
application, whose `status` command calls the same code.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from menteekit.errors import BrokenRecord
    from menteekit.services.status import StatusReport
    from menteekit.store import Store


_PLAIN = {("status",): "full", ("status", "--short"): "short", ("status", "--json"): "json"}
"""The plain forms, besides `--home`, and what each shows."""


def answer(args: list[str]) -> bool:
    """Show the status if `args` ask for it plainly (see above), with at most one `--home PATH`
    (or `--home=PATH`) anywhere; return whether they did."""
    words: list[str] = []
    home: str | None = None
    at = 0
    while at < len(args):
        arg = args[at]
        if home is None and arg == "--home" and at + 1 < len(args):
            home, at = args[at + 1], at + 2
        elif home is None and arg.startswith("--home="):
            home, at = arg.removeprefix("--home="), at + 1
        else:
            words.append(arg)
            at += 1
    form = _PLAIN.get(tuple(words))
    # An empty folder or one that looks like an option is for the application to explain.
    if form is None or (home is not None and (not home or home[0] == "-")):
        return False
    from menteekit.store import Store, resolve_root

    show(Store(resolve_root(home)), short=form == "short", json=form == "json")
    return True


def show(store: Store, *, short: bool = False, json: bool = False) -> None:
    """What needs the mentee now: in full, as JSON, or (`short`) as the prompt's line."""
    if short:
        print_line(store)
        return
    store.open()
    view, problems = status_of(store)
    from menteekit import render

    if json:
        render.print_json(view)
    else:
        render.status(view)
    render.report_problems(problems)


def print_line(store: Store) -> None:
    """One line of `label:count` words for what needs the mentee, nothing when nothing does.
    Without a store it prints nothing either: a prompt on a machine (or in a folder) without
    one stays clean."""
    if not store.exists():
        return
    from menteekit.errors import BrokenRecord

    try:
        store.open()
    except BrokenRecord:  # menteekit.toml itself: nothing else can be read, so it is all
        sys.stdout.write("broken:1\n")
        return
    from menteekit.services.status import short_line

    line = short_line(status_of(store)[0])
    if line:
        sys.stdout.write(f"{line}\n")


def status_of(store: Store) -> tuple[StatusReport, list[BrokenRecord]]:
    """What needs the mentee now, from the records that still can (a ten-year history must
    not slow a shell prompt, so retired meetings and closed action items are not read), and
    the files that could not be read (a broken profile in menteekit.toml too: `store` is
    open)."""
    from menteekit.dates import local_now
    from menteekit.services.status import build_status

    mentors, problems = store.load_mentors()
    meetings, meeting_problems = store.load_meetings(live=True)
    actions, action_problems = store.load_actions(open_only=True)
    goals, goal_problems = store.load_goals()
    problems += meeting_problems + action_problems + goal_problems
    if store.config_problem is not None:
        problems.insert(0, store.config_problem)
    return build_status(mentors, meetings, actions, goals, local_now(), problems), problems
