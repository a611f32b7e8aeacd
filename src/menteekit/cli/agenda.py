"""`mk agenda new|show|edit`: preparing a meeting, and the agenda to send a day ahead."""

from typing import TYPE_CHECKING, Annotated

import typer

from menteekit.cli._common import (
    HomeOpt,
    JsonOpt,
    NoInputOpt,
    ask_mentor,
    checked_option,
    command_group,
    interactive,
    meeting_date,
    mentor_name,
    open_store,
    pick_meeting,
    warn_of_clashes,
)
from menteekit.vocab import ItemKind, ItemOrigin, Status

if TYPE_CHECKING:
    from menteekit.models import Meeting
    from menteekit.prompts import Asker
    from menteekit.services.meetings import Proposal

app = command_group("Prepare a meeting's agenda, show it, or edit it.")


MeetingArg = Annotated[
    str | None,
    typer.Argument(
        metavar="[MEETING]",
        help="A meeting id (or prefix), or a mentor for their next meeting "
        "(default: your next meeting).",
        show_default=False,
    ),
]


@app.command()
def new(
    mentor: Annotated[
        str | None,
        typer.Argument(help="Slug or a unique prefix of the mentor's name.", show_default=False),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="When you meet, e.g. 'thu 3pm' or '2026-12-03 14:30'.",
            show_default=False,
        ),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            metavar="N",
            min=1,
            max=1440,
            help="How long the meeting is (default: as last time, else 30).",
            show_default=False,
        ),
    ] = None,
    item: Annotated[
        list[str] | None,
        typer.Option(
            "--item",
            metavar="TEXT",
            help='An agenda item (repeatable); "question: TEXT" sets its kind (update, '
            "question, decision, feedback, follow-up, other; as in a note, worry: is a question "
            'and win: an update) and a trailing "(10m)" its minutes.',
            show_default=False,
        ),
    ] = None,
    carry: Annotated[
        bool,
        typer.Option(
            "--carry/--no-carry",
            help="Propose what the record suggests: items not discussed last time, your notes "
            "for this mentor, wins since, open actions with this mentor, goals linked to them "
            "with news or due for review.",
        ),
    ] = True,
    modality: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT",
            help="How you meet: in person, video, phone... (default: as last time).",
            show_default=False,
        ),
    ] = None,
    location: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT", help="Where: a room, an address or a call link.", show_default=False
        ),
    ] = None,
    separate: Annotated[
        bool,
        typer.Option("--new", help="Plan a separate meeting even if one is already planned."),
    ] = False,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Prepare your next meeting with a mentor: a guided agenda, saved and printed.

    You drive the agenda. It starts from the record: items not discussed last time, the
    notes you wrote for this mentor since (`mk note`), what you got done since (wins), your
    open actions with this mentor (report progress) and theirs (follow up), and your goals
    linked to them that have news from `mk goal review`, are due for review or were never
    raised with them. Keep, edit or drop each; then add your updates, questions, decisions
    you need and feedback to ask for. Each item has a kind and minutes, the total is checked
    against the meeting's length, and the last minutes are kept for the wrap-up: who does
    what by when, and the next meeting date. Send it a day ahead.

    If a meeting with this mentor is already planned, the items are added to it (you are
    asked first; --new plans a separate one). With --date, that is the meeting on that day,
    or one whose date is not agreed yet; a date on another day plans a new meeting, and the
    one already planned is named.

    \b
    Examples:
      mk agenda new rivera --date "thu 3pm" --minutes 45
      mk agenda new rivera --no-input --item "question: which study section? (10m)"
    """
    import datetime as dt

    from menteekit import render
    from menteekit.cli.notes import mark_notes
    from menteekit.dates import local_now
    from menteekit.errors import Interrupted, StoreError
    from menteekit.prompts import Asker
    from menteekit.services import meetings as agenda
    from menteekit.vocab import check_line

    store, _ = open_store(home)
    now = local_now()
    when = meeting_date(date, now)
    modality = checked_option(modality, check_line, "--modality")
    location = checked_option(location, check_line, "--location")
    typed = [agenda.parse_item(text) for text in item or []]  # refuse a bad item before asking
    ask = Asker(interactive(no_input))
    slug = ask_mentor(store, ask, mentor)
    person = store.load_mentor(slug)
    if person.status is Status.concluded:
        render.warn(f"{person.name} is concluded: this plans a meeting all the same.")
    meetings, problems = store.load_meetings()
    actions, action_problems = store.load_actions()
    goals, goal_problems = store.load_goals()
    notes, note_problems = store.load_notes()
    for forgotten in agenda.never_logged(meetings, slug, now):
        render.warn(
            f"Your meeting with {person.name} on {agenda.when_text(forgotten, now)} was never "
            f"logged: `mk log {forgotten.id}` (or cancel it) so its items come back."
        )
    target = None if separate else agenda.agenda_target(meetings, slug, when, now)
    # <date>-<slug>-<id>.md: "ana" is not "ana-rivera".
    unreadable = [p for p in problems if p.path.name[11:].rsplit("-", 1)[0] == slug]
    if unreadable and not separate and target is None:
        # It may be the meeting to prepare: going on would plan a second one beside it.
        render.report_problems(unreadable)
        problems = [p for p in problems if p not in unreadable]  # reported once
        fix = "if it is the meeting you are preparing, fix it first (`mk agenda edit ID`)"
        if not ask.interactive:
            raise StoreError(
                f"A meeting file of {person.name} cannot be read; {fix}. Nothing was saved.",
                hint="Or plan a separate meeting with --new.",
            )
        if not ask.confirm(f"A meeting file of {person.name} cannot be read; {fix}. Go on anyway?"):
            raise Interrupted("Nothing was saved.")
    if target is None and not separate and when is not None:
        for other in agenda.upcoming_with(slug, meetings, now):
            render.note(
                f"Also planned with {person.name}: {agenda.when_text(other, now)} ({other.id}); "
                f"this plans a new meeting. To move that one instead: `mk meeting reschedule "
                f"{other.id} --date DATE`."
            )
    if target is not None and ask.interactive:
        count = len(agenda.agenda_items(target))
        planned = f"{agenda.when_text(target, now)}, {count} item{'s' * (count != 1)}"
        if not ask.confirm(
            f"A meeting with {person.name} is already planned ({planned}). Add to it?",
            default=True,
        ):
            target = None
    # Asked for a new meeting, and for one planned before its date was agreed.
    if when is None and ask.interactive and (target is None or target.when is None):
        when = ask.value(
            "When do you meet? (empty if not agreed yet)",
            lambda answer: meeting_date(answer, now),
            hint="e.g. thu 3pm, next tue 10:00, 2026-12-03 14:30",
        )
    if target is None:
        last = agenda.last_held(meetings, now, slug)
        length = minutes or (last.minutes if last else 30)
        if minutes is None and ask.interactive:
            length = (
                ask.value("How long is the meeting, in minutes?", _minutes, default=str(length))
                or length
            )
        modality = modality or (last.modality if last else None)
        location = location or (last.location if last else None)
        if modality is None:
            modality = ask.text("How do you meet? (in person, video, phone...)") or None
        if location is None:
            location = ask.text("Where? (a room, an address or a call link)") or None
        planned = agenda.new_meeting(slug, when, length, now, store.template("meeting.md"))
        planned = planned.revised(modality=modality, location=location)
        ask.say(
            f"Meeting with {render.escape(person.name)}: {agenda.when_text(planned, now)}, "
            f"{length} min."
        )
    proposals = []
    if carry:
        on = None if target is not None or when is None else agenda.day(planned, now)
        proposals = agenda.propose(
            person, meetings, actions, target, now, goals, meeting_day=on, notes=notes
        )
    # What is already on the meeting is not asked about again (it is only brought up to date).
    present = {(i.origin, i.source) for i in target.items} if target is not None else set()
    again = [p for p in proposals if (p.origin, p.source) in present]
    proposals = [p for p in proposals if (p.origin, p.source) not in present]
    kept = again + _review(ask, agenda.without_repeats(proposals, typed))
    kept += typed or _ask_new_items(ask)

    given = {"when": when, "minutes": minutes, "modality": modality, "location": location}
    if target is not None and target.when is not None and not isinstance(when, dt.datetime):
        given["when"] = None  # a day alone keeps the time already agreed for that day
    changes = {field: value for field, value in given.items() if value is not None}
    base = target or planned
    kept = _fit(ask, base, agenda.with_items(base.revised(**changes), kept), kept)

    if target is None:
        saved = store.add_meeting(agenda.with_items(planned, kept))
    else:

        def add_to(current: "Meeting") -> "Meeting":
            agenda.still_planned(current, "prepared")
            return agenda.with_items(current.revised(**changes), kept)

        saved = store.update_meeting(target.id, add_to)
    mark_notes(store, saved, now, [m for m in meetings if m.id != saved.id] + [saved])
    warn_of_clashes(store, saved, meetings, now)
    path = store.meeting_path(saved.id)
    if json:
        render.print_json(render.meeting_data(saved, path, full=True))
    else:
        render.say(agenda.agenda_text(store.template("agenda.md"), saved, person.name, now))
        render.note(f"{'Added to' if target else 'Saved'} {path}")
        if agenda.only_wrap_up(saved):
            render.note(
                "The agenda holds only the wrap-up so far: add items with "
                f"`mk agenda new {slug} --item TEXT` or `mk agenda edit {saved.id}`."
            )
    render.report_problems(problems + action_problems + goal_problems + note_problems)


def _fit(
    ask: "Asker", base: "Meeting", preview: "Meeting", kept: "list[Proposal]"
) -> "list[Proposal]":
    """Warn when the agenda needs more time than the meeting has; in a terminal, offer to
    drop some of the new items before anything is saved."""
    from menteekit import render
    from menteekit.services.meetings import total_minutes

    over = total_minutes(preview) - preview.minutes
    if over <= 0:
        return kept
    render.warn(
        f"The agenda needs {total_minutes(preview)} minutes but the meeting is "
        f"{preview.minutes}: shorten or drop items, or ask for more time."
    )
    before = {item.id for item in base.items}
    new = {
        i.id: i for i in preview.items if i.id not in before and i.origin is not ItemOrigin.wrap_up
    }
    if not ask.interactive or not new:
        return kept

    def numbers(answer: str) -> set[str]:
        chosen = set(answer.replace(",", " ").split())
        unknown = chosen - set(new)
        if unknown:
            raise ValueError(f"Not among the new items: {', '.join(sorted(unknown))}")
        return chosen

    for number, item in new.items():
        ask.say(render.escape(f"  {number}. {item.text} ({item.minutes} min)"))
    dropped = ask.value(
        f"Drop any of the new items ({', '.join(new)})? Their numbers, or Enter", numbers
    )
    gone = {(new[n].kind, new[n].text, new[n].source) for n in dropped or ()}
    return [p for p in kept if (p.kind, p.text, p.source) not in gone]


def _minutes(answer: str) -> int:
    import re

    typed = re.fullmatch(r"\s*(\d+)\s*(?:m|min|mins|minutes?)?\s*", answer, re.IGNORECASE)
    if not typed:
        raise ValueError(f"{answer!r} is not a number of minutes")
    value = int(typed.group(1))
    if not 1 <= value <= 1440:
        raise ValueError("give between 1 and 1440 minutes")
    return value


_GROUPS = {
    "carried": "Not discussed last time",
    "note": "Your notes for this mentor since",
    "win": "Done since your last meeting: share the wins",
    "my-action": "Your open actions: report progress",
    "mentor-action": "Their open actions: follow up",
    "goal": "Your goals they help with: progress, next steps, reviews due",
}


def _review(ask: "Asker", proposals: "list[Proposal]") -> "list[Proposal]":
    """Keep, edit or drop each proposal (all are kept when nobody can answer)."""
    from menteekit import render
    from menteekit.services.meetings import parse_item

    if not ask.interactive:
        return proposals
    kept = []
    heading = None
    for proposal in proposals:
        if proposal.origin != heading:
            heading = proposal.origin
            ask.say(f"\n[bold]{_GROUPS[heading]}[/bold]")
        ask.say(render.escape(f"  [{proposal.kind}] {proposal.text} ({proposal.minutes} min)"))
        choice = ask.choose(
            "  Keep, edit or drop?", ["keep", "edit", "drop"], default="keep", yes="keep"
        )
        if choice == "drop":
            continue
        if choice == "edit":
            edited = ask.value(
                "  New text",
                lambda answer, p=proposal: parse_item(answer, p.kind, p.minutes),
                hint='Enter keeps it; "question: ..." changes its kind, "(10m)" its minutes.',
            )
            if edited is not None:
                proposal = proposal._replace(
                    kind=edited.kind, text=edited.text, minutes=edited.minutes
                )
        kept.append(proposal)
    return kept


_PROMPTS = (
    (ItemKind.update, "Updates to share: news, progress, what changed since you last met"),
    (ItemKind.question, "Questions to ask: where their view or experience would help"),
    (ItemKind.decision, "Decisions you need to make, and want to think through with them"),
    (ItemKind.feedback, "Feedback to ask for: on what, specifically?"),
)


def _ask_new_items(ask: "Asker") -> "list[Proposal]":
    from menteekit.services.meetings import parse_item

    if not ask.interactive:
        return []
    ask.say('\nNow your own items. Add "(10m)" to give one more than 5 minutes.')
    items = []
    for kind, question in _PROMPTS:
        items += ask.lines(question, lambda answer, k=kind: parse_item(answer, k))
    return items


@app.command()
def show(meeting: MeetingArg = None, home: HomeOpt = None, json: JsonOpt = False) -> None:
    """Show a meeting's agenda, ready to paste into an email or calendar invite.

    \b
    Examples:
      mk agenda show
      mk agenda show rivera
      mk agenda show 7k2q --json
    """
    from menteekit import render
    from menteekit.dates import local_now

    store, _ = open_store(home)
    now = local_now()
    found = pick_meeting(store, meeting, now)
    path = store.meeting_path(found.id)
    if json:
        render.print_json(render.meeting_data(found, path, full=True))
        return
    from menteekit.services.meetings import agenda_text

    name = mentor_name(store, found.mentor)
    render.say(agenda_text(store.template("agenda.md"), found, name, now))
    render.note(f"({found.status}; {path})")


@app.command()
def edit(meeting: MeetingArg = None, home: HomeOpt = None) -> None:
    """Edit a meeting's file (agenda and notes) in $VISUAL or $EDITOR, checked before saving.

    You edit a draft copy; if its front matter does not validate you can reopen it, keep the
    old version, or keep the draft for later. Nothing is lost either way.

    \b
    Example:
      mk agenda edit rivera
    """
    from menteekit import render
    from menteekit.cli._editor import edit_record, outcome_message
    from menteekit.dates import local_now

    store, _ = open_store(home)
    # Any meeting file named by id, readable or not: editing is how a broken one gets fixed.
    paths = store.meeting_paths()[0]
    typed = (meeting or "").strip().lower()
    meeting_id = typed if typed in paths else pick_meeting(store, meeting, local_now()).id
    path = paths[meeting_id]
    outcome, draft = edit_record(
        store, path, lambda text, source: store.parse_meeting(meeting_id, text, source)
    )
    render.say(outcome_message(outcome, path, draft))
