"""The everyday reading commands in their plain forms, answered without building the typer
application, and the code their typer commands share.

A shell prompt runs `mk status --short` before every command line; `mk status`, `mk actions`
and `mk health` are what a mentee runs (and aliases) day to day. Loading typer and building
the application costs about as much as everything else they need. Their plain forms — the
command alone, with `--json` (or `--short` for `status`), and at most one `--home PATH`
anywhere — are answered here. Any other command line, including one this module does not
recognise as plain (`--help`, a second `--home`, `--short --json`, a filter), goes through the
application, whose commands call the same functions below.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from menteekit.errors import BrokenRecord
    from menteekit.models import Mentor, StoreConfig
    from menteekit.services.status import StatusReport
    from menteekit.store import Store


def answer(args: list[str]) -> bool:
    """Run the command `args` ask for if they ask plainly (see above), with at most one
    `--home PATH` (or `--home=PATH`) anywhere; return whether they did."""
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

    run, options = form
    run(Store(resolve_root(home)), **options)
    return True


def opened(store: Store) -> StoreConfig:
    """Open `store`: check it exists and is readable by this version; return its config. A
    broken profile in menteekit.toml is reported here, once, and the command goes on."""
    config = store.open()
    if store.config_problem:
        from menteekit import render

        render.report_problems([store.config_problem])
    return config


def mentor_names(store: Store) -> dict[str, str]:
    """Every readable mentor's name by slug, for listings."""
    return {mentor.slug: mentor.name for mentor in store.load_mentors()[0]}


# -- mk status ----------------------------------------------------------------------------


def status(store: Store, *, short: bool = False, json: bool = False) -> None:
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


# -- mk actions ---------------------------------------------------------------------------


def actions(
    store: Store,
    *,
    mine: bool = False,
    slug: str | None = None,
    goal_id: str | None = None,
    overdue: bool = False,
    all_: bool = False,
    json: bool = False,
) -> None:
    """The action items of an open `store`: open ones (`all_`: closed too), those the mentee
    is to do (`mine`), linked to a mentor (`slug`) or a goal, or `overdue`; overdue first."""
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.services.actions import is_overdue, listing_order
    from menteekit.vocab import ActionStatus, Owner

    today = local_now().date()
    found, problems = store.load_actions(open_only=not all_)
    shown = [
        a
        for a in found
        if (all_ or a.status is ActionStatus.open)
        and (not mine or a.owner is Owner.me)
        and (slug is None or a.mentor == slug)
        and (goal_id is None or a.goal == goal_id)
        and (not overdue or is_overdue(a, today))
    ]
    shown = listing_order(shown, today)
    if json:
        render.print_json([render.action_data(a, today) for a in shown])
    elif shown:
        render.actions_table(shown, mentor_names(store), today)
    elif found or store.action_ids():  # some, but none open (only open ones were read)
        render.note(
            "No action items match."
            if (mine or slug or goal_id or overdue)
            else "No open action items. `mk actions --all` shows the closed ones."
        )
    else:
        render.note("No action items yet. Add one with `mk action add TEXT`, or in `mk log`.")
    render.report_problems(problems)


# -- mk health ----------------------------------------------------------------------------


def health(store: Store, *, only: Mentor | None = None, json: bool = False) -> None:
    """How each active mentor's relationship is doing (`only`: that mentor's), from the
    record of an open `store`."""
    import datetime as dt

    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.services.health import YEAR, health_of
    from menteekit.vocab import Status

    now = local_now()
    if only is not None:
        mentors, problems = [only], []
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


def _opened_then(command: Callable[..., None]) -> Callable[..., None]:
    """`command` run on the store once it is open (as `opened`)."""

    def run(store: Store, **options: Any) -> None:
        opened(store)
        command(store, **options)

    return run


_PLAIN: dict[tuple[str, ...], tuple[Callable[..., None], dict[str, Any]]] = {
    ("status",): (status, {}),
    ("status", "--short"): (status, {"short": True}),
    ("status", "--json"): (status, {"json": True}),
    ("actions",): (_opened_then(actions), {}),
    ("actions", "--json"): (_opened_then(actions), {"json": True}),
    ("health",): (_opened_then(health), {}),
    ("health", "--json"): (_opened_then(health), {"json": True}),
}
"""The plain forms, besides `--home`: what runs each and with which options."""
