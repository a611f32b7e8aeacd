"""`mk doctor`: check every file of the store."""

import typer

from menteekit.cli._common import HomeOpt, JsonOpt, store_at


def doctor(home: HomeOpt = None, json: JsonOpt = False) -> None:
    """Check every file in the store and list each problem with its file and line.

    Checks the profile, every mentor, meeting, action item, goal and note. Problems are files
    menteekit cannot read; warnings are keys it does not know (kept as they are, but a misspelt
    key such as "cadance" does nothing), edits kept for later, and temporary files left by an
    interrupted write. Exits 1 when there is any problem, so it can guard a git hook.

    \b
    Examples:
      mk doctor
      mk doctor && git commit -am "mentoring notes"
    """
    from menteekit import render
    from menteekit.services.doctor import warnings as warnings_about

    store = store_at(home)
    store.open()
    problems = store.misplaced_files()
    problems += store.load_mentors()[1] + store.load_meetings()[1] + store.load_actions()[1]
    problems += store.load_goals()[1]
    problems += store.load_notes()[1]
    if store.config_problem:
        problems.insert(0, store.config_problem)
    warnings = warnings_about(
        store.leftover_temporary_files(), store.pending_drafts(), store.unknown_keys()
    )
    if json:
        render.print_json({"problems": [p.as_json() for p in problems], "warnings": warnings})
    else:
        for warning in warnings:
            render.warn(warning)
        render.report_problems(problems)
        if not problems:
            render.say(f"No problems in {store.root}.")
    if problems:
        raise typer.Exit(1)
