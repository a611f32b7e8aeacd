"""Finding the record a user meant from the few characters they typed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from menteekit.errors import Ambiguous, MkError, NotFound, UsageError


def find_unique(
    typed: str,
    aliases: Mapping[str, Iterable[str]],
    what: str,
    labels: Mapping[str, str] | None = None,
) -> str:
    """The one key whose aliases start with `typed`; an exact key always wins.

    `aliases` maps each key (an id or a slug) to the words it may be called by. No match is a
    NotFound; several are Ambiguous, listing the candidates (with `labels` when given).
    """
    if not typed.strip():
        raise UsageError(f"No {what} named: the {what} given is empty.")
    if typed in aliases:
        return typed
    matches = [key for key, words in aliases.items() if any(w.startswith(typed) for w in words)]
    if not matches:
        raise NotFound(f"No {what} matches {typed!r}.")
    if len(matches) > 1:
        labels = labels or {}
        listed = [f"{key} ({labels[key]})" if labels.get(key) else key for key in matches]
        raise Ambiguous(what.capitalize(), typed, listed)
    return matches[0]


def check_not_broken(
    typed: str, broken: Mapping[str, MkError], readable: Iterable[str], what: str
) -> None:
    """Raise the problem of a file that cannot be read when that is the one the user named:
    by its full id, or by a prefix that fits it and no readable record. A prefix that fits
    both is ambiguous. `broken` maps the id each unreadable file is named by to its problem."""
    typed = typed.strip().lower()
    if typed in broken:
        raise broken[typed]
    unreadable = [key for key in broken if typed and key.startswith(typed)]
    if not unreadable:
        return
    fits = [key for key in readable if key.startswith(typed)]
    if typed in fits:  # an exact id always wins
        return
    if not fits and len(unreadable) == 1:
        raise broken[unreadable[0]]
    listed = fits + [f"{key} (cannot be read)" for key in unreadable]
    raise Ambiguous(what.capitalize(), typed, listed)
