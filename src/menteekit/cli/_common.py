"""Options shared by the commands, defined once, and the helpers every command module uses.

Command modules are imported at start-up, so this module imports only typer and the standard
library; the store and everything heavy are imported inside the helpers.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

if TYPE_CHECKING:
    import datetime as dt

    from menteekit.dates import Prefer
    from menteekit.errors import BrokenRecord
    from menteekit.models import Action, Meeting, StoreConfig
    from menteekit.prompts import Asker
    from menteekit.store import Store

T = TypeVar("T")
R = TypeVar("R")

HomeOpt = Annotated[
    str | None,
    typer.Option(
        "--home",
        metavar="PATH",
        show_default=False,
        help="The store folder to use (default: $MK_HOME, then your user data folder).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
NoInputOpt = Annotated[
    bool,
    typer.Option(
        "--no-input", help="Never prompt: use flags and defaults, fail if something is missing."
    ),
]

_root_home: list[str | None] = [None]


def remember_root_home(home: str | None) -> None:
    """Keep a --home given before the command name, for commands given none of their own."""
    _root_home[0] = home


def command_group(help: str) -> typer.Typer:
    """A group of commands (`mk mentor ...`) that also takes --home after the group's name
    (`mk mentor --home PATH list`)."""
    group = typer.Typer(help=help, no_args_is_help=True, rich_markup_mode=None)

    @group.callback()
    def take_home(home: HomeOpt = None) -> None:
        if home:
            remember_root_home(home)

    return group


def given_home(home: str | None) -> str | None:
    """The --home given after the command name, else the one given before it."""
    given = home or _root_home[0]
    empty = home == "" or _root_home[0] == ""
    if empty or (given is not None and given.startswith("-")):
        from menteekit.errors import UsageError

        if empty:
            raise UsageError("--home needs a folder; it was given an empty one.")
        # `mk status --home --short`: the option took the next word as its folder.
        raise UsageError(
            f"--home needs a folder; it was given {given!r}, which looks like an option.",
            hint=f"For a folder whose name starts with '-', write ./{given}.",
        )
    return given


def store_at(home: str | None) -> Store:
    from menteekit.store import Store, resolve_root

    return Store(resolve_root(given_home(home)))


def open_store(home: str | None) -> tuple[Store, StoreConfig]:
    """The store the user means, checked to exist and be readable by this version.

    A broken profile in menteekit.toml is reported here, once, and the command goes on.
    """
    from menteekit.cli.plain import opened

    store = store_at(home)
    return store, opened(store)


def interactive(no_input: bool) -> bool:
    """Prompt only when someone can answer: not under --no-input, and stdin is a terminal."""
    return not no_input and sys.stdin.isatty()


def resolve_mentor(store: Store, query: str) -> str:
    """The slug of the mentor the user named (slug or unique prefix of a word of the name)."""
    from menteekit.services.mentors import find_mentor

    mentors, problems = store.load_mentors()
    names: dict[str, str | None] = {m.slug: m.name for m in mentors}
    names.update({p.path.stem: None for p in problems})
    return find_mentor(query, names)


def warn_of_clashes(
    store: Store, meeting: Meeting, meetings: list[Meeting], now: dt.datetime
) -> None:
    """A warning for each other meeting to come whose time overlaps `meeting`'s."""
    from menteekit import render
    from menteekit.services.meetings import clashes, when_text

    for other in clashes(meeting, meetings, now):
        render.warn(
            f"It overlaps your meeting with {mentor_name(store, other.mentor)} on "
            f"{when_text(other, now)} ({other.minutes} min, {other.id})."
        )


def mentor_name(store: Store, slug: str) -> str:
    from menteekit.errors import MkError

    try:
        return store.load_mentor(slug).name
    except MkError:
        return slug  # the meeting stays readable when its mentor's file is not


def meeting_or_mentor(
    store: Store,
    query: str,
    meetings: list[Meeting],
    problems: list[BrokenRecord],
    now: dt.datetime,
) -> Meeting | str:
    """What the user named among `meetings` (with the `problems` of the files that could not
    be read): a meeting, by id or a unique id prefix, or a mentor's slug.

    A meeting file named by its full id that cannot be read is reported as such; a prefix
    that could be either a meeting or a mentor is ambiguous.
    """
    from menteekit.errors import Ambiguous, NotFound, UsageError
    from menteekit.services.lookup import check_not_broken
    from menteekit.services.meetings import find_meeting, is_meeting_id

    typed = query.strip().lower()
    if not typed:
        raise UsageError("No meeting or mentor named: the name is empty.")
    if typed in {m.id for m in meetings}:
        return find_meeting(typed, meetings, now)
    broken = {p.path.stem.rsplit("-", 1)[-1]: p for p in problems}
    if typed in broken:
        raise broken[typed]
    could_be_meeting = is_meeting_id(typed, (m.id for m in meetings))
    try:
        slug = resolve_mentor(store, query)
    except NotFound as missing:
        if could_be_meeting:
            return find_meeting(typed, meetings, now)
        # A prefix of a meeting file that cannot be read: say why it cannot be used.
        check_not_broken(typed, broken, [m.id for m in meetings], "meeting")
        guess = f" Did you mean {missing.guess}?" if missing.guess else ""
        raise NotFound(
            f"No meeting or mentor matches {query!r}.{guess}",
            hint="`mk meetings` lists your meetings, `mk mentor list` your mentors.",
        ) from None
    if could_be_meeting:
        ids = [m.id for m in meetings if m.id.startswith(typed)]
        raise Ambiguous("Meeting or mentor", query, [*ids, slug])
    return slug


def pick_meeting(store: Store, query: str | None, now: dt.datetime) -> Meeting:
    """The meeting the user means: named, a mentor's next meeting, or the next one."""
    from menteekit.errors import MkError
    from menteekit.services.meetings import next_planned

    meetings, problems = store.load_meetings()
    named = meeting_or_mentor(store, query, meetings, problems, now) if query is not None else None
    if named is not None and not isinstance(named, str):
        return named
    found = next_planned(meetings, now, named)
    if found is None:
        who = f" with {named}" if named else ""
        raise MkError(
            f"No upcoming meeting{who}.", hint=f"Plan one with `mk agenda new {named or 'MENTOR'}`."
        )
    return found


def meeting_date(
    text: str | None, now: dt.datetime, label: str = "date"
) -> dt.date | dt.datetime | None:
    """A meeting's date (and time, if typed): today or later, echoed back as `label`."""
    if text is None:
        return None
    from menteekit import render
    from menteekit.dates import DateError, local_day, parse_when

    when = parse_when(text, now, prefer="future")
    ahead = (local_day(when, now) - now.date()).days
    if ahead < 0:
        raise DateError(f"{text!r} is in the past; the {label} is today or later.")
    render.echo_date(label, when, now)
    # "dec 3" typed a few days after it is taken as next year's: most likely a slip. (A date
    # typed with its year, or "in 11 months", is not moved, so it is not flagged.)
    if ahead > 334 and local_day(parse_when(text, now), now) < now.date():
        render.warn(f"{text!r} is {ahead} days from now: check it is the day you meant.")
    return when


def ask_mentor(store: Store, ask: Asker, typed: str | None) -> str:
    """The mentor typed, else asked for (a usage error when nobody can answer)."""
    from menteekit.errors import MkError, UsageError

    if typed is not None:
        return resolve_mentor(store, typed)
    if not ask.interactive:
        raise UsageError("Missing the mentor: pass the MENTOR argument.")
    from menteekit.vocab import Status

    mentors = [
        m for m in store.load_mentors()[0] if m.status in (Status.active, Status.prospective)
    ]
    if not mentors:
        raise MkError(
            "No active or prospective mentors to meet.",
            hint="Add one with `mk mentor add NAME`, or name a mentor: MENTOR.",
        )
    from menteekit.render import escape

    ask.say("Your mentors: " + ", ".join(escape(f"{m.name} ({m.slug})") for m in mentors))

    def convert(answer: str) -> str:
        try:
            return resolve_mentor(store, answer)
        except MkError as problem:
            raise ValueError(str(problem)) from None

    slug = ask.value("Which mentor is the meeting with?", convert)
    if slug is None:
        raise UsageError("No mentor was chosen.")
    return slug


def find_actions(store: Store, ids: list[str]) -> list[Action]:
    """The action items named by `ids` (each an id or a unique prefix), in their order; a
    broken file so named says why it cannot be used."""
    from menteekit.services.actions import find_action
    from menteekit.services.lookup import check_not_broken

    actions, problems = store.load_actions()
    broken = {p.path.stem: p for p in problems}
    readable = [a.id for a in actions]
    found = []
    for query in ids:
        check_not_broken(query, broken, readable, "action")
        found.append(find_action(query, actions))
    return found


def resolve_goal(store: Store, query: str) -> str:
    """The id of the goal the user named (its id or a unique prefix)."""
    from menteekit.errors import NotFound
    from menteekit.services.lookup import find_unique

    ids = store.goal_ids()
    try:
        return find_unique(query.strip().lower(), {i: [i] for i in ids}, "goal")
    except NotFound:
        raise NotFound(
            f"No goal matches {query!r}.", hint="Goal ids are the file names in goals/."
        ) from None


def checked_option(text: T | None, check: Callable[[T], R], flag: str) -> R | None:
    """An option's value passed through `check`; its ValueError becomes a usage error."""
    if text is None:
        return None
    from menteekit.errors import UsageError

    try:
        return check(text)
    except ValueError as problem:
        raise UsageError(f"{flag}: {problem}") from None


def date_option(
    text: str | None,
    now: dt.datetime,
    flag: str,
    *,
    prefer: Prefer = None,
    check: Callable[[dt.date], object] = lambda day: None,
) -> dt.date | None:
    """A date typed in an option, checked by `check` (a ValueError is a usage error) and echoed
    back on stderr; None when the option was not given."""
    if text is None:
        return None
    from menteekit import render
    from menteekit.dates import DateError, parse_date

    try:
        day = parse_date(text, now, prefer=prefer)
        check(day)
    except (DateError, ValueError) as problem:
        raise DateError(f"{flag}: {problem}") from None
    render.echo_date(flag.removeprefix("--").replace("-", " "), day, now)
    return day
