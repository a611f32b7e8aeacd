"""`mk recap`: the follow-up email after a meeting."""

from typing import Annotated

import typer

from menteekit.cli._common import HomeOpt, JsonOpt, mentor_name, open_store, resolve_mentor


def recap(
    meeting: Annotated[
        str | None,
        typer.Argument(
            metavar="[MEETING]",
            help="A meeting id (or prefix), or a mentor for your last meeting with them "
            "(default: your last meeting).",
            show_default=False,
        ),
    ] = None,
    home: HomeOpt = None,
    json: JsonOpt = False,
) -> None:
    """Draft a short follow-up email to your mentor after a meeting.

    Thanks, what you discussed and agreed, the action items with who does what by when, and
    the next meeting: ready to paste into an email. It is built from the meeting's agenda,
    decisions and actions only, never from your notes, so nothing Private can slip in. Edit
    the recap.md template (copy it into your store's templates/ folder) to make it yours.

    \b
    Examples:
      mk recap
      mk recap rivera | pbcopy
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.errors import MkError, NotFound
    from menteekit.services.meetings import find_meeting, is_meeting_id, last_held, moment
    from menteekit.services.reflection import recap as recap_text

    store, config = open_store(home)
    now = local_now()
    meetings, problems = store.load_meetings()
    if meeting is None:
        found = last_held(meetings, now)
    elif meeting.strip().lower() in {m.id for m in meetings}:
        found = find_meeting(meeting, meetings, now)
    else:
        try:
            found = last_held(meetings, now, resolve_mentor(store, meeting))
        except NotFound:
            if not is_meeting_id(meeting, (m.id for m in meetings)):
                raise
            found = find_meeting(meeting, meetings, now)
    if found is None:
        raise MkError("No meeting has been logged yet.", hint="After a meeting, run `mk log`.")
    if found.status != "held":
        raise MkError(
            f"Meeting {found.id} is {found.status}: a recap follows a meeting that was held.",
            hint=f"After the meeting, run `mk log {found.id}`.",
        )
    actions = [
        a for a in store.load_actions()[0] if a.meeting == found.id and a.status != "dropped"
    ]
    actions.sort(key=lambda a: (a.owner != "me", a.due or a.created, a.id))
    later = [
        m
        for m in meetings
        if m.mentor == found.mentor
        and m.status == "planned"
        and moment(m, now) > moment(found, now)
    ]
    following = min(later, key=lambda m: moment(m, now), default=None)
    text = recap_text(
        store.template("recap.md"),
        found,
        mentor_name(store, found.mentor),
        config.me.name,
        actions,
        following,
        now,
    )
    if json:
        render.print_json({"meeting": found.id, "mentor": found.mentor, "text": text})
    else:
        render.say(text.rstrip("\n"))
    render.report_problems(problems)
