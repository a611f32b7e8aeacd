"""`mk recap`: the follow-up email after a meeting."""

from typing import Annotated

import typer

from menteekit.cli._common import HomeOpt, JsonOpt, meeting_or_mentor, mentor_name, open_store


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
    from menteekit.errors import MkError
    from menteekit.services.meetings import last_held
    from menteekit.services.reflection import follow_up
    from menteekit.services.reflection import recap as recap_text
    from menteekit.vocab import MeetingStatus

    store, config = open_store(home)
    now = local_now()
    meetings, problems = store.load_meetings()
    named = None if meeting is None else meeting_or_mentor(store, meeting, meetings, problems, now)
    found = last_held(meetings, now, named) if named is None or isinstance(named, str) else named
    if found is None:
        raise MkError("No meeting has been logged yet.", hint="After a meeting, run `mk log`.")
    if found.status is not MeetingStatus.held:
        raise MkError(
            f"Meeting {found.id} is {found.status}: a recap follows a meeting that was held.",
            hint=f"After the meeting, run `mk log {found.id}`.",
        )
    actions, following = follow_up(found, store.load_actions()[0], meetings, now)
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
        path = store.meeting_path(found.id)
        render.print_json({"meeting": render.meeting_data(found, path), "text": text})
    else:
        render.say(text.rstrip("\n"))
    render.report_problems(problems)
