"""`mk doctor`: check every file of the store."""

from __future__ import annotations

import typer

from menteekit.cli._common import HomeOpt, open_store


def doctor(home: HomeOpt = None) -> None:
    """Check every file in the store and list each problem with its file and line.

    Exits 1 when any record is broken, so it can guard a git hook or a backup script.

    \b
    Example:
      mk doctor && git commit -am "mentoring notes"
    """
    from menteekit import render

    store, _ = open_store(home)
    mentors, problems = store.load_mentors()
    leftovers = store.leftover_temporary_files()
    for leftover in leftovers:
        render.warn(f"{leftover}: left by an interrupted write; the record beside it is intact.")
    render.report_problems(problems)
    if problems:
        raise typer.Exit(1)
    render.say(
        f"All good: {len(mentors)} mentor file(s) and {store.config_path.name} read cleanly."
    )
