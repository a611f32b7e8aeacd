"""Finding the record a user meant from the few characters they typed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from menteekit.errors import Ambiguous, NotFound, UsageError


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
