"""The ordered, named migrations between store schemas, applied by `mk doctor --fix`.

Schema 1 is the first schema menteekit has had, so there is no migration yet. When a change to
the file format is incompatible, bump `store.SCHEMA` and add a `Migration` here that takes a
store of the schema before to the new one. A migration is a pure function of one file's text:
`Store.migrate` feeds it every file, keeps a backup of the whole store first, and re-parses
the result with the current models before it replaces anything.

A migration must be idempotent (applying it to a file it already changed changes nothing):
if a migration is interrupted half-way, the schema number is still the old one, and running
`mk doctor --fix` again applies it to every file once more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """What takes a store from schema `to_schema - 1` to `to_schema`."""

    to_schema: int
    summary: str  # one line for the user: what changes in their files
    # (path relative to the store root, with "/" separators; its text) -> the new text,
    # or None to leave the file as it is
    rewrite: Callable[[str, str], str | None]


MIGRATIONS: list[Migration] = []


def steps(schema: int, target: int) -> list[Migration] | None:
    """The migrations from `schema` up to `target`, in order; None if one is missing."""
    by_target = {m.to_schema: m for m in MIGRATIONS}
    found = [by_target.get(n) for n in range(schema + 1, target + 1)]
    return None if None in found else [m for m in found if m is not None]
