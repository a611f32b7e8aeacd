"""`mk meetings` and `mk meeting cancel|reschedule`: the meetings on record."""

from typing import Annotated

import typer

from menteekit.cli._common import (
    HomeOpt,
    JsonOpt,
    NoInputOpt,
    checked_option,
    command_group,
    interactive,
    meeting_date,
    mentor_name,
    open_store,
    pick_meeting,
    resolve_mentor,
    warn_of_clashes,
)
from menteekit.cli.plain import mentor_names
from menteekit.vocab import ItemOrigin, Owner

app = command_group("Cancel or reschedule a meeting (list them with `mk meetings`).")


MeetingArg = Annotated[
    str,
    typer.Argument(
        metavar="MEETING", help="A meeting id (or prefix), or a mentor for their next meeting."
    ),
]


def meetings(
    mentor: Annotated[
        str | None,
        typer.Option(metavar="MENTOR", help="Only meetings with this mentor.", show_default=False),
    ] = None,
    upcoming: Annotated[
        bool, typer.Option("--upcoming", help="Only planned meetings still to come.")
    ] = False,
    past: Annotated[bool, typer.Option("--past", help="Only meetings held, or over.")] = False,
    home: HomeOpt = None,
    json: JsonOpt = False,
) -> None:
    """List meetings, oldest first: when, with whom, status, agenda size, reflected or not.

    \b
    Examples:
      mk meetings --upcoming
      mk meetings --mentor rivera --past --json | jq '.[] | select(.reflected | not)'
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.errors import UsageError
    from menteekit.services.meetings import chronological, is_past, is_upcoming

    if upcoming and past:
        raise UsageError("--upcoming and --past exclude each other; give one or neither.")
    store, _ = open_store(home)
    now = local_now()
    slug = resolve_mentor(store, mentor) if mentor is not None else None
    found, problems = store.load_meetings()
    shown = [
        m
        for m in chronological(found, now)
        if (slug is None or m.mentor == slug)
        and (not upcoming or is_upcoming(m, now))
        and (not past or is_past(m, now))
    ]
    if json:
        paths = store.meeting_paths()[0]
        render.print_json([render.meeting_data(m, paths.get(m.id)) for m in shown])
    elif shown:
        render.meetings_table(shown, mentor_names(store), now)
    elif found:
        render.note("No meetings match.")
    else:
        render.note("No meetings yet. Prepare one with `mk agenda new MENTOR`.")
    render.report_problems(problems)


@app.command()
def cancel(
    meeting: MeetingArg,
    reason: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Why.", show_default=False)
    ] = None,
    by: Annotated[
        Owner | None, typer.Option(help="Who cancelled it (default: me).", show_default=False)
    ] = None,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Cancel a planned meeting. It stays on record (cancellations say something about a
    relationship), and its agenda items come back in the next `mk agenda new`.

    \b
    Examples:
      mk meeting cancel rivera --reason "Clinic overran" --by me
      mk meeting cancel 7k2q --by mentor --no-input
    """
    from menteekit import render
    from menteekit.cli.notes import mark_notes
    from menteekit.dates import local_now
    from menteekit.models import Cancellation
    from menteekit.prompts import Asker
    from menteekit.services.meetings import cancel as cancelled
    from menteekit.services.meetings import when_text
    from menteekit.vocab import check_prose

    reason = checked_option(reason, check_prose, "--reason")
    store, _ = open_store(home)
    now = local_now()
    found = pick_meeting(store, meeting, now)
    cancelled(found, Cancellation(date=now.date()))  # refuse one that is not planned, first
    ask = Asker(interactive(no_input))
    ask.say(
        f"Cancelling your meeting with {render.escape(mentor_name(store, found.mentor))} on "
        f"{when_text(found, now)} ({found.id})."
    )
    if by is None:
        by = Owner(ask.choose("Who cancelled it?", ["me", "mentor"], default="me") or "me")
    reason = ask.text("Why? (optional)", given=reason, check=check_prose)
    cancellation = Cancellation.create(date=now.date(), by=by, reason=reason)
    updated = store.update_meeting(found.id, lambda current: cancelled(current, cancellation))
    mark_notes(store, updated, now)  # open again, for the next agenda
    if json:
        path = store.meeting_path(updated.id)
        render.print_json(render.meeting_data(updated, path, full=True))
        return
    name = mentor_name(store, updated.mentor)
    render.say(f"Cancelled your meeting with {name}, {when_text(updated, now)} ({updated.id}).")
    if any(item.origin is not ItemOrigin.wrap_up for item in updated.items):
        render.note(f"Its agenda items will be proposed again by `mk agenda new {updated.mentor}`.")


@app.command()
def reschedule(
    meeting: MeetingArg,
    date: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="The new date and time, e.g. 'next tue 3pm'.", show_default=False
        ),
    ] = None,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Move a planned meeting to another date; its agenda and notes move with it.

    The old date stays on record as rescheduled (how often meetings move says something about
    a relationship). A meeting whose date was not yet agreed is simply given one.

    \b
    Examples:
      mk meeting reschedule rivera --date "next tue 3pm"
    """
    from menteekit import render
    from menteekit.cli.notes import mark_notes
    from menteekit.dates import local_day, local_now
    from menteekit.errors import UsageError
    from menteekit.prompts import Asker
    from menteekit.services import meetings as plan

    store, _ = open_store(home)
    now = local_now()
    when = meeting_date(date, now)
    found = pick_meeting(store, meeting, now)
    ask = Asker(interactive(no_input))
    if when is None and not ask.interactive:
        raise UsageError("Missing the new date: pass --date.")
    if when is None:
        ask.say(
            f"Moving your meeting with {render.escape(mentor_name(store, found.mentor))} on "
            f"{plan.when_text(found, now)} ({found.id})."
        )
        when = ask.value(
            "When is it now?", lambda answer: meeting_date(answer, now), hint="e.g. thu 3pm"
        )
    if when is None:
        raise UsageError("No new date was given: the meeting was not moved.")
    with store.lock():
        # Setting a date not yet agreed, or a time on the same day, moves nothing.
        if found.when is None or plan.day(found, now) == local_day(when, now):
            moved = store.update_meeting(found.id, lambda current: plan.scheduled(current, when))
        else:
            current = store.load_meeting(found.id)
            moved = store.add_meeting(plan.moved_copy(current, when, now), like=found.id)
            store.update_meeting(found.id, lambda current: plan.mark_rescheduled(current, moved.id))
    mark_notes(store, moved, now)  # now on the agenda of the moved meeting
    warn_of_clashes(store, moved, store.load_meetings()[0], now)
    path = store.meeting_path(moved.id)
    if json:
        render.print_json(render.meeting_data(moved, path, full=True))
        return
    name = mentor_name(store, moved.mentor)
    was = f"; it was {plan.when_text(found, now)} ({found.id})" if moved.id != found.id else ""
    render.say(f"The meeting with {name} is now on {plan.when_text(moved, now)} ({moved.id}){was}.")
    render.note(f"Saved {path}")


app.command("list", help="The same as `mk meetings`.")(meetings)
