"""`mk actions`, `mk action add|drop|edit` and `mk done`: following through between meetings."""

from typing import TYPE_CHECKING, Annotated

import typer

from menteekit.cli._common import (
    HomeOpt,
    JsonOpt,
    NoInputOpt,
    checked_option,
    command_group,
    date_option,
    find_actions,
    interactive,
    open_store,
    resolve_goal,
    resolve_mentor,
)
from menteekit.vocab import Owner

if TYPE_CHECKING:
    from menteekit.models import Action
    from menteekit.store import Store

app = command_group(
    "Add, drop and edit action items (list them with `mk actions`, close them with `mk done`)."
)


ActionIds = Annotated[
    list[str], typer.Argument(metavar="ID...", help="Action ids (a unique prefix will do).")
]


def actions(
    mine: Annotated[bool, typer.Option("--mine", help="Only the ones I am to do.")] = False,
    mentor: Annotated[
        str | None,
        typer.Option(
            metavar="MENTOR", help="Only those linked to this mentor.", show_default=False
        ),
    ] = None,
    goal: Annotated[
        str | None,
        typer.Option(metavar="GOAL", help="Only those serving this goal.", show_default=False),
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue ones.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Include done and dropped ones.")] = False,
    home: HomeOpt = None,
    json: JsonOpt = False,
) -> None:
    """List open action items, overdue first, then by due date.

    \b
    Examples:
      mk actions
      mk actions --mine --overdue
      mk actions --mentor rivera --all --json | jq -r '.[].text'
    """
    from menteekit.cli import plain

    store, _ = open_store(home)
    slug = resolve_mentor(store, mentor) if mentor is not None else None
    goal_id = resolve_goal(store, goal) if goal is not None else None
    plain.actions(
        store, mine=mine, slug=slug, goal_id=goal_id, overdue=overdue, all_=all_, json=json
    )


@app.command()
def add(
    text: Annotated[
        str | None,
        typer.Argument(help='What is to be done; "mentor: TEXT" makes it the mentor\'s.'),
    ] = None,
    due: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="When it is due, e.g. 'fri' or '+2w'.", show_default=False
        ),
    ] = None,
    mentor: Annotated[
        str | None,
        typer.Option(metavar="MENTOR", help="The mentor it concerns.", show_default=False),
    ] = None,
    goal: Annotated[
        str | None,
        typer.Option(metavar="GOAL", help="The goal it serves (its id).", show_default=False),
    ] = None,
    owner: Annotated[
        Owner | None, typer.Option(help="Who is to do it (default: me).", show_default=False)
    ] = None,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Add an action item.

    \b
    Examples:
      mk action add "Send the draft aims page" --due fri --mentor rivera
      mk action add "mentor: introduce me to the study section chair" --mentor rivera
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.errors import UsageError
    from menteekit.models import Action
    from menteekit.prompts import Asker
    from menteekit.services.actions import owner_and_text

    store, _ = open_store(home)
    now = local_now()
    due_day = date_option(due, now, "--due", prefer="future")
    if due_day is not None and due_day < now.date():
        render.warn(f"--due {due_day.isoformat()} is already past.")
    slug = resolve_mentor(store, mentor) if mentor is not None else None
    goal_id = resolve_goal(store, goal) if goal is not None else None
    ask = Asker(interactive(no_input))
    typed = ask.text("What is to be done?", given=text, required="the TEXT argument")
    who, what = owner_and_text(typed, owner or Owner.me)
    if owner is not None and who is not owner:
        raise UsageError(f"--owner {owner} conflicts with the {who}: prefix of the text.")
    if who is Owner.mentor and slug is None:
        raise UsageError("A mentor's action needs --mentor: whose is it?")
    action = Action.create(
        text=what, owner=who, mentor=slug, goal=goal_id, due=due_day, created=now.date()
    )
    [saved] = store.add_actions([action])
    if json:
        render.print_json(render.action_data(saved, now.date()))
    else:
        render.say(f"Added action {saved.id}: {saved.text}")


def done(
    ids: ActionIds,
    date: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="When it was done, e.g. 'yesterday' (default: today).",
            show_default=False,
        ),
    ] = None,
    home: HomeOpt = None,
    json: JsonOpt = False,
) -> None:
    """Mark action items done (a dropped one too, if you did it after all).

    Every id is checked before anything is written: one unknown id changes nothing. One that
    is already done is left as it is.

    \b
    Examples:
      mk done 3k9x2
      mk done 3k 7f q2 --date yesterday
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.services.actions import mark_done
    from menteekit.services.mentors import not_in_future
    from menteekit.vocab import ActionStatus

    store, _ = open_store(home)
    now = local_now()
    day = date_option(date, now, "--date", prefer="past", check=not_in_future(now.date()))
    day = day or now.date()

    def closed(action: "Action") -> "Action":
        return mark_done(action, day)

    with store.lock():  # all of them found, as they are now, before any is changed
        targets = _find_all(store, ids)
        updated = [
            a if a.status is ActionStatus.done else store.update_action(a.id, closed)
            for a in targets
        ]
    if json:
        render.print_json([render.action_data(a, now.date()) for a in updated])
        return
    for before, action in zip(targets, updated, strict=True):
        if before.status is ActionStatus.done:
            render.note(f"{action.id} was already done ({action.done or 'date unknown'}).")
        else:
            late = action.due is not None and day > action.due
            render.say(f"Done {action.id}: {action.text}" + (" (late)" if late else ""))


# `mk action done` too, as `mk goal done` closes a goal: the short `mk done` is the one shown.
app.command("done", hidden=True)(done)


def _find_all(store: "Store", ids: list[str]) -> "list[Action]":
    """The actions named by `ids`, all found before anything is done to any of them; one
    named twice is a usage error."""
    from menteekit.errors import UsageError

    found = find_actions(store, ids)
    for at, action in enumerate(found):
        if action.id in {a.id for a in found[:at]}:
            raise UsageError(f"Action {action.id} is named twice.")
    return found


@app.command()
def drop(
    action_id: Annotated[str, typer.Argument(metavar="ID", help="The action's id or a prefix.")],
    reason: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="Why it is no longer worth doing.", show_default=False),
    ] = None,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Drop an action item that is no longer worth doing (it is kept, marked dropped).

    \b
    Example:
      mk action drop 3k9x2 --reason "The conference was cancelled"
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.prompts import Asker
    from menteekit.services.actions import drop as dropped
    from menteekit.vocab import check_prose

    reason = checked_option(reason, check_prose, "--reason")
    store, _ = open_store(home)
    today = local_now().date()
    [action] = _find_all(store, [action_id])
    dropped(action, today, "")  # refuse a closed one before asking
    reason = Asker(interactive(no_input)).text(
        "Why drop it?", given=reason, check=check_prose, hint="Optional: a few words for later."
    )
    updated = store.update_action(action.id, lambda current: dropped(current, today, reason))
    if json:
        render.print_json(render.action_data(updated, today))
    else:
        render.say(f"Dropped {updated.id}: {updated.text}")


@app.command()
def edit(
    action_id: Annotated[str, typer.Argument(metavar="ID", help="The action's id or a prefix.")],
    home: HomeOpt = None,
) -> None:
    """Edit an action item's file in $VISUAL or $EDITOR, checked before it is saved.

    \b
    Example:
      mk action edit 3k9x2
    """
    from menteekit import render
    from menteekit.cli._editor import edit_record, outcome_message
    from menteekit.services.lookup import find_unique

    store, _ = open_store(home)
    # Any action file, readable or not: editing is how a broken one gets fixed.
    ids = store.action_ids()
    found = find_unique(action_id.strip().lower(), {i: [i] for i in ids}, "action")
    path = store.action_path(found)
    outcome, draft = edit_record(
        store, path, lambda text, source: store.parse_action(found, text, source)
    )
    render.say(outcome_message(outcome, path, draft))


app.command("list", help="The same as `mk actions`.")(actions)
