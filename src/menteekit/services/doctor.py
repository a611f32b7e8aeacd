"""What `mk doctor` says about things that are not broken but deserve a look."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from menteekit.store import UnknownKey


def warnings(
    leftovers: Iterable[Path],
    drafts: Iterable[Path],
    unknown_keys: Iterable[UnknownKey],
    loose: Iterable[Path] = (),
    typed: Iterable[Path] = (),
) -> list[str]:
    """One sentence per leftover temporary file, kept edit, unknown key (with a guess), file
    or folder others may read, and answers kept from a walkthrough that was stopped."""
    found = [
        f"{leftover}: a temporary file left by an interrupted write; the record beside it is "
        "intact and this file can be deleted."
        for leftover in leftovers
    ]
    found += [
        f"{draft}: an unsaved edit kept for later; {_resumed_by(draft.name)} resumes it, or "
        "delete it."
        for draft in drafts
    ]
    for unknown in unknown_keys:
        close = get_close_matches(unknown.key.rsplit(".", 1)[-1], unknown.known, n=1)
        guess = f" (did you mean {close[0]!r}?)" if close else ""
        found.append(
            f"{unknown.path}: unknown key {unknown.key!r}{guess}; kept, but menteekit ignores it."
        )
    found += [
        f"{path}: others on this machine may read it; `mk doctor --fix` makes it private."
        for path in loose
    ]
    found += [
        f"{path}: what you typed in a reflection you stopped; copy what you want from it, "
        "then delete it."
        for path in typed
    ]
    return found


def _resumed_by(draft: str) -> str:
    """The command that picks a kept draft up again, from its name (see where each is made)."""
    if draft.startswith("note-"):
        return "`mk note` for the same mentor (or your journal)"
    if draft.startswith("log-"):
        return "`mk log --edit` of that meeting"
    return "the same edit command"
