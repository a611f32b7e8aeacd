"""`mk doctor`: check every file of the store."""

import typer

from menteekit.cli._common import HomeOpt, JsonOpt, store_at


def doctor(home: HomeOpt = None, json: JsonOpt = False) -> None:
    """Check every file in the store and list each problem with its file and line.

    Problems are files menteekit cannot read; warnings are keys it does not know (kept as they
    are, but a misspelt key such as "cadance" does nothing) and temporary files left by an
    interrupted write. Exits 1 when there is any problem, so it can guard a git hook.

    \b
    Examples:
      mk doctor
      mk doctor && git commit -am "mentoring notes"
    """
    from difflib import get_close_matches

    from menteekit import render

    store = store_at(home)
    store.open()
    _, problems = store.load_mentors()
    problems = store.misplaced_files() + problems
    if store.config_problem:
        problems.insert(0, store.config_problem)
    warnings = [
        f"{leftover}: a temporary file left by an interrupted write; the record beside it is "
        "intact and this file can be deleted."
        for leftover in store.leftover_temporary_files()
    ]
    warnings += [
        f"{draft}: an unsaved edit kept for later; `mk mentor edit` resumes it, or delete it."
        for draft in store.pending_drafts()
    ]
    for unknown in store.unknown_keys():
        leaf = unknown.key.rsplit(".", 1)[-1]
        close = get_close_matches(leaf, unknown.known, n=1)
        guess = f" (did you mean {close[0]!r}?)" if close else ""
        warnings.append(
            f"{unknown.path}: unknown key {unknown.key!r}{guess}; kept, but menteekit ignores it."
        )
    if json:
        render.print_json(
            {
                "problems": [
                    {"path": str(p.path), "line": p.line, "message": str(p)} for p in problems
                ],
                "warnings": warnings,
            }
        )
    else:
        for warning in warnings:
            render.warn(warning)
        render.report_problems(problems)
        if not problems:
            render.say(f"No problems in {store.root}.")
    if problems:
        raise typer.Exit(1)
