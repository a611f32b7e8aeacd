"""`mk demo`: a sample store, so a newcomer sees the tool working in one command."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from menteekit.cli._common import given_home

if TYPE_CHECKING:
    import datetime as dt

    from menteekit.models import Mentor
    from menteekit.services.demo import History, Write
    from menteekit.store import Store


def demo(
    home: Annotated[
        str | None,
        typer.Option(
            "--home",
            metavar="PATH",
            show_default=False,
            help="Build the sample here (a new or empty folder) instead of a temporary one.",
        ),
    ] = None,
) -> None:
    """Build a realistic sample store and show its board and status; your own store is not
    touched.

    The sample is a physician-scientist fellow with a board of mentors and about six months
    of mentoring on record: meetings with agendas and reflections, items carried over, action
    items done on time and late, some still open, SMART goals with monthly check-ins, a
    meeting coming up, and a few notes written since the last meetings.

    It goes into a new temporary folder, or into --home if you give one (it must be new or
    empty). Explore it afterwards with `mk --home FOLDER ...`.

    \b
    Examples:
      mk demo
      mk demo --home ~/menteekit-demo && mk --home ~/menteekit-demo meetings
    """
    import shlex

    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.services.actions import is_overdue
    from menteekit.services.board import build_board
    from menteekit.services.demo import sample_mentors, sample_notes, sample_profile
    from menteekit.services.mentors import slugify
    from menteekit.services.status import build_status
    from menteekit.store import Store, resolve_root
    from menteekit.vocab import ActionStatus, MeetingStatus

    # MK_HOME is deliberately ignored: it usually points at the user's real store.
    home = given_home(home)
    store = Store(resolve_root(home)) if home else Store.temporary()
    today = local_now().date()
    config = sample_profile()
    store.create(config)
    with store.lock():  # taken once for the whole sample rather than for every record
        mentors = [store.add_mentor(m, slugify(m.name)) for m in sample_mentors(today)]
        history = _write_history(store, today, mentors)
        notes = [store.add_note(note) for note in sample_notes(today, mentors)]
    render.board(build_board(mentors, config.me, today, goals=history.goals))
    render.say("")
    render.status(
        build_status(
            mentors,
            store.load_meetings()[0],
            store.load_actions()[0],
            store.load_goals()[0],
            local_now(),
        )
    )

    held = sum(m.status is MeetingStatus.held for m in history.meetings)
    cancelled = sum(m.status is MeetingStatus.cancelled for m in history.meetings)
    planned = sum(m.status is MeetingStatus.planned for m in history.meetings)
    actions = history.actions.values()
    still_open = sum(a.status is ActionStatus.open for a in actions)
    overdue = sum(is_overdue(a, today) for a in actions)
    root = shlex.quote(str(store.root))
    render.say(
        f"\nOn record: {held} meetings held, {cancelled} cancelled, {planned} coming up; "
        f"{len(actions)} action items, {still_open} still open ({overdue} overdue); "
        f"{len(history.goals)} goals with their check-ins; "
        f"{len(notes)} notes written since the last meetings.\n"
        f"\nThis sample store is in {store.root}\n"
        f"Look around:  mk --home {root} status\n"
        f"              mk --home {root} health\n"
        f"              mk --home {root} meetings\n"
        f"              mk --home {root} actions --all\n"
        f"              mk --home {root} notes\n"
        f"              mk --home {root} agenda show rivera\n"
        f"              mk --home {root} recap rivera\n"
        f"              mk --home {root} goals\n"
        f"              mk --home {root} goal plan\n"
        f"Prepare the next meeting: mk --home {root} agenda new rivera\n"
        "Make your own: mk init\n"
        f"(The sample is yours to play with; delete {store.root} when you are done.)"
    )


def _write_history(store: "Store", today: "dt.date", mentors: "list[Mentor]") -> "History":
    """Write the sample history record by record, handing each written record back to it."""
    from menteekit.services.demo import sample_history

    steps = sample_history(
        today, mentors, store.template("meeting.md"), store.template("reflection.md")
    )
    try:
        step = next(steps)
        while True:
            step = steps.send(_write(store, step))
    except StopIteration as finished:
        return finished.value


def _write(store: "Store", step: "Write") -> Any:
    from menteekit.services.demo import AddActions, AddGoals, AddMeeting

    match step:
        case AddMeeting(meeting):
            return store.add_meeting(meeting)
        case AddActions(actions):
            return store.add_actions(actions)
        case AddGoals(goals):
            return [store.add_goal(goal) for goal in goals]
    raise TypeError(f"not a write: {step!r}")
