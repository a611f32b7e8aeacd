"""Editing a record in the user's editor without ever losing their text.

The editor works on a draft the tool owns (in the store's .drafts/ folder), never on the record
itself. A draft that does not validate can be reopened, abandoned, or kept for later; a record
that changed on disk meanwhile is not overwritten.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from menteekit.cli._common import interactive

if TYPE_CHECKING:
    from menteekit.store import Store


def edit_record(store: Store, path: Path, validate: Callable[[str], object]) -> bool:
    """Edit the record at `path`; True when a change was saved, False when there was none."""
    from menteekit import render
    from menteekit.errors import BrokenRecord, Conflict, MkError
    from menteekit.prompts import Asker

    ask = Asker(interactive(no_input=False))
    original = store.read_text(path)
    draft = store.draft_path(path)
    if draft.exists():
        render.note(f"Resuming your unsaved edit from {draft}")
    else:
        store.write_draft(draft, original)
    while True:
        _run_editor(draft)
        edited = store.read_text(draft)
        if edited == original:
            store.discard_draft(draft)
            return False
        try:
            validate(edited)
        except BrokenRecord as problem:
            render.report_problems([problem])
            choice = ask.choose(
                "Edit again, keep the old version, or save the draft for later?",
                ["edit", "keep", "save"],
                default="save",
                allow_none=False,
            )
            if choice == "edit":
                continue
            if choice == "keep":
                store.discard_draft(draft)
                raise MkError(f"Your edit was discarded; {path} is unchanged.") from None
            raise MkError(
                f"{path} is unchanged; your edit is kept in {draft}.",
                hint="Run the same command again to resume it.",
            ) from None
        try:
            store.replace_text(path, original, edited)
        except Conflict as conflict:
            raise Conflict(str(conflict), hint=f"Your edit is kept in {draft}.") from None
        store.discard_draft(draft)
        return True


def _run_editor(draft: Path) -> None:
    from menteekit.errors import MkError

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        finished = subprocess.run([*shlex.split(editor), str(draft)], check=False)
    except OSError as problem:
        raise MkError(
            f"Could not start the editor {editor!r}: {problem.strerror}.",
            hint="Set $VISUAL or $EDITOR to your editor's command.",
        ) from None
    if finished.returncode != 0:
        raise MkError(
            f"The editor exited with status {finished.returncode}; your edit is kept in {draft}.",
            hint="Run the same command again to resume it.",
        )
