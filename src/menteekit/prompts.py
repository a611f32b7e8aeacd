"""The interactive walkthrough machinery shared by the guided commands.

An `Asker` prompts only when the user can answer: stdin is a terminal and `--no-input` was not
given. Otherwise every question takes its default, and a required answer that is missing is a
usage error naming the flag that supplies it. Prompts go to stderr so stdout stays data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from rich.console import Console
from rich.markup import escape
from rich.prompt import Confirm, Prompt

from menteekit.dates import DateError, describe, parse_date
from menteekit.errors import UsageError

T = TypeVar("T")


class Asker:
    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive
        self.console = Console(stderr=True, highlight=False)

    def say(self, text: str) -> None:
        """Guidance shown between questions (only to a person at a terminal)."""
        if self.interactive:
            self.console.print(text)

    def text(
        self,
        question: str,
        *,
        given: str | None = None,
        default: str = "",
        required: str | None = None,
        hint: str = "",
    ) -> str:
        """A line of text, unless it was `given` on the command line.

        `required` names the flag or argument that supplies it when nobody can answer.
        """
        if given is not None:
            if required and not given.strip():
                raise UsageError(f"{question} cannot be empty.")
            return given
        if not self.interactive:
            if required and not default.strip():
                raise UsageError(f"Missing {question.lower().rstrip('?')}: pass {required}.")
            return default
        if hint:
            self.console.print(f"[dim]{escape(hint)}[/dim]")
        while True:
            answer = Prompt.ask(
                escape(question),
                console=self.console,
                default=default or None,
                show_default=bool(default),
            )
            answer = (answer or "").strip()
            if answer or not required:
                return answer
            self.console.print("[red]An answer is needed here.[/red]")

    def lines(self, question: str, *, given: Sequence[str] = (), hint: str = "") -> list[str]:
        """Several short answers, one per line (an empty line ends), unless `given` already."""
        if not self.interactive or given:
            return list(given)
        self.console.print(escape(question) + " [dim](one per line, empty line to finish)[/dim]")
        if hint:
            self.console.print(f"[dim]{escape(hint)}[/dim]")
        answers = []
        while answer := Prompt.ask(
            "  ", console=self.console, default="", show_default=False
        ).strip():
            answers.append(answer)
        return answers

    def choose(
        self,
        question: str,
        options: Sequence[str],
        *,
        default: str | None = None,
        allow_none: bool = True,
    ) -> str | None:
        """One of `options`; an empty answer means none (or the default)."""
        if not self.interactive:
            return default
        return self._until_valid(
            question + f" ({', '.join(options)})",
            lambda answer: _one_of(answer, options, allow_none),
            default or "",
        )

    def choose_many(self, question: str, options: Sequence[str]) -> list[str]:
        """Any number of `options`, separated by commas or spaces."""
        if not self.interactive:
            return []
        return self._until_valid(
            question + " (separate with commas)",
            lambda answer: [_one_of(part, options, False) for part in _split(answer)],
            "",
        )

    def confirm(self, question: str, *, default: bool = False) -> bool:
        if not self.interactive:
            return default
        return Confirm.ask(escape(question), console=self.console, default=default)

    def date(
        self, question: str, now: dt.datetime, *, default: str = "", prefer: str | None = None
    ) -> dt.date | None:
        """A date typed naturally; the date understood is echoed back."""
        if not self.interactive:
            return parse_date(default, now, prefer=prefer) if default else None
        day = self._until_valid(
            question,
            lambda answer: parse_date(answer, now, prefer=prefer) if answer else None,
            default,
        )
        if day is not None:
            self.console.print(f"[dim]  → {describe(day, now)}[/dim]")
        return day

    def _until_valid(self, question: str, convert: Callable[[str], T], default: str) -> T:
        while True:
            answer = Prompt.ask(
                escape(question), console=self.console, default=default, show_default=bool(default)
            ).strip()
            try:
                return convert(answer)
            except (ValueError, DateError) as problem:
                self.console.print(f"[red]{escape(str(problem))}[/red]")


def _split(answer: str) -> list[str]:
    return [part for part in answer.replace(",", " ").split() if part]


def _one_of(answer: str, options: Sequence[str], allow_none: bool) -> str | None:
    answer = answer.strip().lower()
    if not answer and allow_none:
        return None
    matches = [o for o in options if o == answer] or [o for o in options if o.startswith(answer)]
    if len(matches) == 1 and answer:
        return matches[0]
    raise ValueError(f"Please answer one of: {', '.join(options)}.")
