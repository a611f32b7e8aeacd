"""`mk doctor`: check every file of the store, and repair what can be repaired safely."""

from typing import Annotated

import typer

from menteekit.cli._common import HomeOpt, JsonOpt, store_at


def doctor(
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Upgrade a store of an older schema (after a backup in .backups/), make loose "
            "files 0600 and folders 0700, and delete temporary files left by interrupted "
            "writes. Broken records are yours to fix: they are never changed.",
        ),
    ] = False,
    home: HomeOpt = None,
    json: JsonOpt = False,
) -> None:
    """Check every file in the store and list each problem with its file and line.

    Checks the profile, every mentor, meeting, action item, goal and note. Problems are files
    menteekit cannot read, record files that are links to outside the store (menteekit will
    not write through them), and a store of an older schema. Warnings are keys it does not
    know (kept as they are, but a misspelt key such as "cadance" does nothing), edits kept for
    later, what was typed in a reflection that was stopped, temporary files left by an
    interrupted write, and files or folders others may read.
    Exits 1 when there is any problem, so it can guard a git hook.

    \b
    Examples:
      mk doctor
      mk doctor --fix
      mk doctor && git commit -am "mentoring notes"
    """
    import datetime as dt

    from menteekit import render
    from menteekit.errors import BrokenRecord
    from menteekit.services.doctor import warnings as warnings_about
    from menteekit.store import SCHEMA

    store = store_at(home)
    config = store.open(older=True)
    fixed: list[str] = []
    if fix:
        migrated = store.migrate(dt.datetime.now())
        if migrated.backup:
            steps = "".join(f"\n  {step.to_schema}: {step.summary}" for step in migrated.steps)
            fixed.append(
                f"Upgraded the store from schema {migrated.schema} to {SCHEMA} "
                f"({len(migrated.changed)} files changed); a backup of it as it was is in "
                f"{migrated.backup}.{steps}"
            )
        fixed += [f"Deleted {p}." for p in store.remove_leftover_temporary_files()]
        fixed += [f"Made {p} private." for p in store.tighten_permissions()]
        store.config_problem = None
        config = store.open()
    problems = store.misplaced_files()
    schema = store.schema()
    if schema < SCHEMA:
        problems.append(
            BrokenRecord(
                store.config_path,
                f"the store has schema {schema}, older than this menteekit reads ({SCHEMA}): "
                "run `mk doctor --fix` to upgrade it",
            )
        )
    loaded = (
        store.load_mentors(),
        store.load_meetings(),
        store.load_actions(),
        store.load_goals(),
        store.load_notes(),
    )
    problems += [problem for _, unreadable in loaded for problem in unreadable]
    problems += store.outside_links()
    problems += [
        BrokenRecord(
            path,
            "is named as a sync tool names a copy it made when two machines changed the same "
            "record, so it is not read: merge what you need from it into that record and "
            "remove it (or, if it is a record of its own, rename it without spaces)",
        )
        for path in store.sync_copies()
    ]
    if store.config_problem:
        problems.insert(0, store.config_problem)
    warnings = warnings_about(
        store.leftover_temporary_files(),
        store.pending_drafts(),
        store.unknown_keys(config, *(records for records, _ in loaded), problems),
        store.loose_permissions(),
        store.typed_kept(),
    )
    if json:
        report: dict[str, object] = {
            "problems": [p.as_json() for p in problems],
            "warnings": warnings,
        }
        if fix:
            report["fixed"] = fixed
        render.print_json(report)
    else:
        for line in fixed:
            render.say(line)
        for warning in warnings:
            render.warn(warning)
        render.report_problems(problems)
        if not problems:
            render.say(f"No problems in {store.root}.")
    if problems:
        raise typer.Exit(1)
