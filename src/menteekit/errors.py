"""The errors menteekit raises on purpose, each with the exit code the user sees.

Domain code raises these; the one error boundary in `menteekit.cli.main` turns them into a
single line on stderr and an exit code: 1 for a domain error, 2 for a usage error.
"""

from __future__ import annotations

from pathlib import Path


class MkError(Exception):
    """A problem the user can act on; exits with 1."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class UsageError(MkError):
    """The command line or an answer could not be understood; exits with 2."""

    exit_code = 2


class Interrupted(MkError):
    """The user stopped a walkthrough (Ctrl-C or Ctrl-D) before anything was written."""

    exit_code = 130


class NotFound(MkError):
    """No record matches what the user typed; `guess` is one it is close to, if any."""

    def __init__(self, message: str, *, hint: str | None = None, guess: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.guess = guess


class Ambiguous(MkError):
    """More than one record matches what the user typed."""

    def __init__(self, what: str, query: str, candidates: list[str]) -> None:
        listed = ", ".join(candidates)
        super().__init__(f"{what} {query!r} is ambiguous: it matches {listed}")
        self.candidates = candidates


class StoreError(MkError):
    """The store is missing, unreadable, of another schema, or busy."""


class BrokenRecord(MkError):
    """A record file that cannot be parsed or validated.

    Carries the file, the line (1-based, when known) and the field, so the message points the
    user at exactly what to fix; every other record stays usable.
    """

    def __init__(
        self, path: Path, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        self.path = path
        self.line = line
        self.field = field
        where = f"{path}:{line}" if line else str(path)
        what = f"{field}: {message}" if field else message
        super().__init__(f"{where}: {what}")

    def as_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "line": self.line,
            "field": self.field,
            "message": str(self),
        }


class Conflict(MkError):
    """A write that would overwrite a change made since the user started."""
