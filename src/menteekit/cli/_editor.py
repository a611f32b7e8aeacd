"""Editing a record in the user's editor without ever losing their text.

The editor works on a draft the tool owns (in the store's .drafts/ folder), never on the record
itself. A draft that does not validate can be reopened, discarded, or kept for later; a draft is
never applied over a record that changed after the draft was made.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from menteekit.cli._common import interactive
from menteekit.errors import MkError

if TYPE_CHECKING:
    from menteekit.store import Store


class EditorNotStarted(MkError):
    """$VISUAL or $EDITOR could not be run: the draft was never opened."""


class Outcome(Enum):
    saved = "saved"
    unchanged = "unchanged"
    discarded = "discarded"
    kept = "kept"


def outcome_message(outcome: Outcome, path: Path, draft: Path) -> str:
    return {
        Outcome.saved: f"Saved {path}",
        Outcome.unchanged: "No changes.",
        Outcome.discarded: f"Your edit was discarded; {path} is unchanged.",
        Outcome.kept: f"{path} is unchanged; your edit is kept in {draft} for next time.",
    }[outcome]


def edit_record(
    store: Store, path: Path, validate: Callable[[str, Path], object]
) -> tuple[Outcome, Path]:
    """Edit the record at `path` through a draft; say what became of the edit, and the draft.

    `validate(text, source)` raises BrokenRecord naming `source` (the draft) and its line.
    """
    from menteekit import render
    from menteekit.errors import BrokenRecord, Conflict, Interrupted
    from menteekit.prompts import Asker

    ask = Asker(interactive(no_input=False))
    current = store.read_text(path)
    draft = store.draft_path(path)
    earlier = store.read_draft(draft)
    if earlier is not None and earlier[1] != current:
        stale = f"{path} changed after your unsaved edit in {draft} was made."
        answer = ask.choose(f"{stale} Discard that edit and start again?", ["yes", "no"])
        if answer != "yes":
            raise Conflict(
                stale + " It was not applied.",
                hint="Copy what you still need from the draft, then delete it to start again.",
            )
        store.discard_draft(draft)
        earlier = None
    if earlier is None:
        store.write_draft(draft, current)
    else:
        render.note(f"Resuming your unsaved edit from {draft}")
    while True:
        try:
            _run_editor(draft)
        except EditorNotStarted:
            if earlier is None:  # nothing was typed: a draft left behind would only confuse
                store.discard_draft(draft)
            raise
        edited = store.read_text(draft)
        if edited == current:
            store.discard_draft(draft)
            return Outcome.unchanged, draft
        try:
            validate(edited, draft)
        except BrokenRecord as problem:
            render.report_problems([problem])
            try:
                # Enter keeps it for later; with nobody to answer, that is an error (below).
                choice = ask.choose(
                    "Edit again, discard your edit, or keep it for later?",
                    ["edit", "discard", "later"],
                    default="later" if ask.interactive else "",
                )
            except Interrupted:
                raise Interrupted(f"Stopped: {path} is unchanged; your edit is kept.") from None
            if choice == "edit":
                continue
            if choice == "discard":
                store.discard_draft(draft)
                return Outcome.discarded, draft
            if choice == "later":
                return Outcome.kept, draft
            raise MkError(
                f"{path} is unchanged; your edit is kept in {draft}.",
                hint="Run the same command again to resume it.",
            ) from None
        try:
            store.replace_text(path, current, edited)
        except Conflict as conflict:
            raise Conflict(str(conflict), hint=f"Your edit is kept in {draft}.") from None
        store.discard_draft(draft)
        return Outcome.saved, draft


def _run_editor(draft: Path) -> None:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    hint = "Set $VISUAL or $EDITOR to your editor's command."
    try:
        finished = subprocess.run([*shlex.split(editor), str(draft)], check=False)
    except ValueError as problem:  # unbalanced quotes in $EDITOR
        raise EditorNotStarted(
            f"Cannot read the editor command {editor!r}: {problem}.", hint=hint
        ) from None
    except OSError as problem:
        raise EditorNotStarted(
            f"Could not start the editor {editor!r}: {problem.strerror}.", hint=hint
        ) from None
    if finished.returncode != 0:
        raise MkError(
            f"The editor exited with status {finished.returncode}; your edit is kept in {draft}.",
            hint="Run the same command again to resume it.",
        )


def compose(store: Store, draft: Path, initial: str) -> str:
    """New text written in the user's editor, starting from `initial`.

    The draft outlives a failed editor or a crash: the same command resumes it. The caller
    discards it once what was written is saved.
    """
    from menteekit import render

    resumed = store.read_draft(draft) is not None
    if resumed:
        render.note(f"Resuming your unsaved text from {draft}")
    else:
        store.write_draft(draft, initial)
    try:
        _run_editor(draft)
    except EditorNotStarted:
        if not resumed:  # nothing was typed: a draft left behind would only confuse
            store.discard_draft(draft)
        raise
    return store.read_text(draft)
