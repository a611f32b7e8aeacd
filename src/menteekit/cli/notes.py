"""`mk note`, `mk notes` and `mk note show|edit|drop`: notes between meetings, and a journal."""

from typing import TYPE_CHECKING, Annotated

import typer

from menteekit.cli._common import (
    HomeOpt,
    JsonOpt,
    NoInputOpt,
    checked_option,
    command_group,
    date_option,
    interactive,
    open_store,
    resolve_goal,
    resolve_mentor,
)
from menteekit.cli.plain import mentor_names
from menteekit.vocab import ItemOrigin, NoteKind

if TYPE_CHECKING:
    import datetime as dt

    from menteekit.models import Meeting, Note
    from menteekit.store import Store

app = command_group(
    "Write a note for your next meeting with a mentor, or a journal entry; show, edit or drop "
    "one (list them with `mk notes`).\n\n"
    '`mk note [MENTOR] TEXT` is short for `mk note add [MENTOR] TEXT`: `mk note rivera "question: '
    'how did you choose your study section?"`.'
)

NoteId = Annotated[str, typer.Argument(metavar="ID", help="The note's id or a prefix.")]

_DRAFT_HINT = (
    "<!-- Your note{whom}. Start it with question:, update:, idea:, worry: or win: to set its\n"
    "kind. The first line is what an agenda shows of it. Save it empty to write nothing. -->\n"
)


@app.command()
def add(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[MENTOR] [TEXT]",
            help='The mentor (slug or a unique prefix of the name) and the text; "-" as the '
            "text reads it from stdin.",
            show_default=False,
        ),
    ] = None,
    mentor: Annotated[
        str | None,
        typer.Option(
            metavar="MENTOR",
            help="The mentor it is for, named as an option (then every argument is text).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        NoteKind | None,
        typer.Option(
            help='What it is (default: from a "question:"-style start of the text, else other).',
            show_default=False,
        ),
    ] = None,
    goal: Annotated[
        str | None,
        typer.Option(metavar="GOAL", help="The goal it concerns (its id).", show_default=False),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", metavar="TAG", help="A tag (repeatable).", show_default=False),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="The day it is about (default: today).", show_default=False
        ),
    ] = None,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Write a note: a question, idea or worry for your next meeting with a mentor, or a
    journal entry.

    A note for a mentor is proposed by the next `mk agenda new` with them, as an item of its
    kind (a question or worry as a question, an update or win as an update, an idea as
    other); once discussed there (`mk log`) it is closed, and one not reached comes back.
    A note without a mentor is a journal entry.

    With two arguments the first is the mentor and the second the text. With one, it is the
    text, unless it is a single word naming exactly one mentor: then your editor opens on a
    note for them. Without text your editor opens (an unsaved note is kept in the store's
    .drafts folder and the same command resumes it). Quote the text: more than two
    arguments is an error.

    \b
    Examples:
      mk note rivera "question: how did you choose your R01 study section?"
      mk note "win: the abstract was accepted" --tag conference
      mk note mensah --kind worry --goal k7aw2
      pbpaste | mk note --mentor rivera --tag grants -
    """
    import sys

    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.errors import MkError, UsageError
    from menteekit.models import Note
    from menteekit.services.mentors import not_in_future
    from menteekit.services.notes import kind_and_text
    from menteekit.vocab import normalize_tag

    store, _ = open_store(home)
    now = local_now()
    day = date_option(date, now, "--date", prefer="past", check=not_in_future(now.date()))
    tags = [checked_option(text, normalize_tag, "--tag") for text in tag or []]
    goal_id = resolve_goal(store, goal) if goal is not None else None
    slug, typed = _mentor_and_text(store, words or [], mentor)
    if typed == "-":
        typed = sys.stdin.read()
    draft = None
    if typed is None:
        if not interactive(no_input):  # an editor with no terminal to show it would hang
            raise UsageError(
                "Missing the note's text: give TEXT, or - to read it from stdin "
                "(at a terminal, your editor opens)."
            )
        from menteekit.cli._editor import compose

        name = mentor_names(store).get(slug, slug) if slug else None
        whom = f" for your next meeting with {name}" if name else ", for your journal"
        hint = _DRAFT_HINT.format(whom=whom)
        draft = store.root / ".drafts" / f"note-{slug or 'journal'}.md"
        typed = compose(store, draft, hint).removeprefix(hint)
        if not typed.strip():
            store.discard_draft(draft)
    try:
        kind_given, text = kind_and_text(typed, kind)
        note = Note.create(
            date=day or now.date(),
            mentor=slug,
            goal=goal_id,
            kind=kind_given,
            tags=tags,
            created=now.replace(microsecond=0),
            body=text + "\n",
        )
        saved = store.add_note(note)
    except (MkError, OSError) as problem:
        if draft is None or not draft.exists():
            raise
        kept = f"Your note is kept in {draft}: run the same command again to resume it."
        if isinstance(problem, OSError):
            raise MkError(f"{problem.strerror or problem}", hint=kept) from None
        problem.hint = kept
        raise
    if draft is not None:
        store.discard_draft(draft)
    if json:
        render.print_json(render.note_data(saved, store.note_path(saved.id)))
        return
    whom = f"for {mentor_names(store).get(slug, slug)}" if slug else "in your journal"
    render.say(f"Noted {saved.id} ({saved.kind}, {whom}): {text.splitlines()[0]}")
    if slug:
        render.note(f"`mk agenda new {slug}` will propose it.")


def _mentor_and_text(
    store: "Store", words: list[str], named: str | None
) -> "tuple[str | None, str | None]":
    """Which of the arguments is the mentor and which the text (None: not given)."""
    from menteekit.errors import Ambiguous, NotFound, UsageError

    if len(words) > 2 or (named is not None and len(words) > 1):
        raise UsageError(
            "Too many arguments: put the note's text in quotes, "
            'e.g. mk note rivera "question: how did you choose?"'
        )
    if named is not None:
        return resolve_mentor(store, named), words[0] if words else None
    if len(words) == 2:
        return resolve_mentor(store, words[0]), words[1]
    if not words:
        return None, None
    word = words[0]
    if word != "-" and word.strip() and not any(c.isspace() for c in word):
        try:
            return resolve_mentor(store, word), None
        except Ambiguous as problem:
            problem.hint = _ONE_WORD_HINT.format(word=word)
            raise
        except NotFound as problem:
            if problem.guess:  # a typo of a mentor's name, more likely
                problem.hint = _ONE_WORD_HINT.format(word=word)
                raise
    return None, word


_ONE_WORD_HINT = "A one-word note for your journal reads it from stdin: echo {word} | mk note -"


def notes(
    mentor: Annotated[
        str | None,
        typer.Option(metavar="MENTOR", help="Only notes for this mentor.", show_default=False),
    ] = None,
    journal: Annotated[
        bool, typer.Option("--journal", help="Only journal entries (notes for no mentor).")
    ] = False,
    goal: Annotated[
        str | None,
        typer.Option(metavar="GOAL", help="Only notes about this goal.", show_default=False),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            metavar="TAG",
            help="Only notes with this tag (repeatable: with all of them).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        NoteKind | None, typer.Option(help="Only notes of this kind.", show_default=False)
    ] = None,
    open_: Annotated[
        bool,
        typer.Option(
            "--open", help="Only notes still to raise: open, or on an agenda not yet discussed."
        ),
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="Only notes dated this day or later.", show_default=False
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include dropped notes.")] = False,
    home: HomeOpt = None,
    json: JsonOpt = False,
) -> None:
    """List notes, oldest first: for which mentor, what kind, and where each one is.

    A note is open until it is on an agenda (on-agenda), closed once discussed at a meeting
    held, or dropped. One whose meeting was cancelled, or that was not reached, is open again.

    \b
    Examples:
      mk notes --open --mentor rivera
      mk notes --journal --since "2 weeks ago"
      mk notes --tag grants --json | jq -r '.[].text'
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.errors import UsageError
    from menteekit.services.notes import chronological, is_pending, placements, reconciled
    from menteekit.vocab import NoteStatus, normalize_tag

    if journal and mentor is not None:
        raise UsageError("--journal lists notes for no mentor: give it or --mentor, not both.")
    tags = {checked_option(text, normalize_tag, "--tag").casefold() for text in tag or []}
    store, _ = open_store(home)
    now = local_now()
    since_day = date_option(since, now, "--since", prefer="past")
    slug = resolve_mentor(store, mentor) if mentor is not None else None
    goal_id = resolve_goal(store, goal) if goal is not None else None
    found, problems = store.load_notes()
    placed = placements(store.load_meetings()[0]) if found else {}
    current = [reconciled(note, placed, now) for note in found]
    shown = [
        n
        for n in chronological(current)
        if (all_ or n.status is not NoteStatus.dropped)
        and (slug is None or n.mentor == slug)
        and (not journal or n.mentor is None)
        and (goal_id is None or n.goal == goal_id)
        and tags <= {t.casefold() for t in n.tags}
        and (kind is None or n.kind is kind)
        and (not open_ or is_pending(n))
        and (since_day is None or n.date >= since_day)
    ]
    if json:
        paths = [store.note_path(n.id) for n in shown]
        render.print_json([render.note_data(n, path) for n, path in zip(shown, paths, strict=True)])
    elif shown:
        render.notes_table(shown, mentor_names(store))
    elif found:
        render.note("No notes match.")
    else:
        render.note('No notes yet. Write one with `mk note MENTOR "question: ..."`.')
    render.report_problems(problems)


def _find(store: "Store", query: str) -> "Note":
    """The note named by its id or a unique prefix; one named exactly that cannot be read is
    reported as such."""
    from menteekit.services.lookup import check_not_broken
    from menteekit.services.notes import find_note

    found, problems = store.load_notes()
    check_not_broken(query, {p.path.stem: p for p in problems}, [n.id for n in found], "note")
    return find_note(query, found)


@app.command()
def show(note_id: NoteId, home: HomeOpt = None, json: JsonOpt = False) -> None:
    """Show a note in full: its text, and where it is on its way to a meeting.

    \b
    Example:
      mk note show 3k9x2
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.services.notes import placements, reconciled

    store, _ = open_store(home)
    now = local_now()
    note = reconciled(_find(store, note_id), placements(store.load_meetings()[0]), now)
    path = store.note_path(note.id)
    if json:
        render.print_json(render.note_data(note, path))
        return
    render.note_details(note, mentor_names(store))
    render.note(f"({path})")


@app.command()
def edit(note_id: NoteId, home: HomeOpt = None) -> None:
    """Edit a note's file (its front matter and text) in $VISUAL or $EDITOR, checked before
    it is saved.

    \b
    Example:
      mk note edit 3k9x2
    """
    from menteekit import render
    from menteekit.cli._editor import edit_record, outcome_message
    from menteekit.services.lookup import find_unique

    store, _ = open_store(home)
    # Any note file, readable or not: editing is how a broken one gets fixed.
    ids = store.note_ids()
    found = find_unique(note_id.strip().lower(), {i: [i] for i in ids}, "note")
    path = store.note_path(found)
    outcome, draft = edit_record(
        store, path, lambda text, source: store.parse_note(found, text, source)
    )
    render.say(outcome_message(outcome, path, draft))


@app.command()
def drop(note_id: NoteId, home: HomeOpt = None, json: JsonOpt = False) -> None:
    """Drop a note that is no longer worth raising (it is kept, marked dropped, and never
    proposed again).

    \b
    Example:
      mk note drop 3k9x2
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.services.notes import drop as dropped
    from menteekit.services.notes import placements, reconciled
    from menteekit.vocab import NoteStatus

    store, _ = open_store(home)
    now = local_now()
    placed = placements(store.load_meetings()[0])
    note = reconciled(_find(store, note_id), placed, now)
    if note.status is NoteStatus.dropped:  # asked twice: nothing to change, as `mk goal drop`
        from menteekit.services.notes import headline

        if json:
            render.print_json(render.note_data(note, store.note_path(note.id)))
        else:
            render.note(f"{note.id} was already dropped: {headline(note)}")
        return
    dropped(note, now.date())  # refuse a closed one before writing
    updated = store.update_note(
        note.id, lambda current: dropped(reconciled(current, placed, now), now.date())
    )
    if json:
        render.print_json(render.note_data(updated, store.note_path(updated.id)))
        return
    from menteekit.services.notes import headline

    render.say(f"Dropped {updated.id}: {headline(updated)}")
    if note.status is NoteStatus.on_agenda:
        render.note(
            f"It is still on the agenda of meeting {note.meeting}: take it off there with "
            f"`mk agenda edit {note.meeting}`."
        )


def mark_notes(
    store: "Store", meeting: "Meeting", now: "dt.datetime", meetings: "list[Meeting] | None" = None
) -> None:
    """Write down in each note on `meeting`'s agenda where it now is (on the agenda, closed,
    or open again), as `meetings` (default: all, read now) say.

    The meetings are the record of what happened, so a note that cannot be written is only
    a warning: it is read right all the same, and written the next time.
    """
    from menteekit import render
    from menteekit.errors import MkError
    from menteekit.services.notes import placements, reconciled

    on_it = {i.source for i in meeting.items if i.origin is ItemOrigin.note and i.source}
    if not on_it:
        return
    placed = placements(store.load_meetings()[0] if meetings is None else meetings)
    with store.lock():
        for note_id in sorted(on_it):
            try:
                store.update_note(note_id, lambda current: reconciled(current, placed, now))
            except MkError as problem:
                render.warn(f"Note {note_id} was not marked: {problem}")


app.command("list", help="The same as `mk notes`.")(notes)
