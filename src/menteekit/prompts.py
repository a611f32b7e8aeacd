"""The interactive walkthrough machinery shared by the guided commands.

An `Asker` prompts only when the user can answer: stdin is a terminal and `--no-input` was not
given. Otherwise every question takes its default, and a required answer that is missing is a
usage error naming the flag that supplies it. Prompts go to stderr so stdout stays data.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from difflib import get_close_matches
from typing import TYPE_CHECKING, TypeVar

from menteekit.dates import Prefer, describe, parse_date
from menteekit.errors import Interrupted, UsageError
from menteekit.render import escape
from menteekit.vocab import check_line

if TYPE_CHECKING:  # rich is loaded only when somebody is asked: --no-input never needs it
    from rich.console import Console
    from rich.prompt import Prompt

T = TypeVar("T")


@functools.cache
def _question() -> type[Prompt]:
    from rich.prompt import Prompt

    class Question(Prompt):
        """A prompt whose question keeps its own punctuation ("Why?" rather than "Why?:")."""

        prompt_suffix = " "

    return Question


class Asker:
    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive
        # (question, answer) for every answer typed, so that a long walkthrough stopped
        # half-way can keep what was typed (see `mk log`).
        self.typed: list[tuple[str, str]] = []

    @functools.cached_property
    def console(self) -> Console:
        from rich.console import Console

        return Console(stderr=True, highlight=False)

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
        check: Callable[[str], object] = check_line,
    ) -> str:
        """A line of text, unless it was `given` on the command line; `check` (a ValueError)
        refuses a flag at once and asks again after a typed answer.

        `required` names the flag or argument that supplies it when nobody can answer.
        """
        if given is not None:
            if required and not given.strip():
                raise UsageError(f"{required} cannot be empty.")
            try:
                check(given)
            except ValueError as problem:
                raise UsageError(f"{question}: {problem}") from None
            return given
        if not self.interactive:
            if required and not default.strip():
                raise UsageError(f"Missing {question.lower().rstrip('?')}: pass {required}.")
            return default
        self._hint(hint)
        while True:
            answer = self._ask(question, default)
            if not answer and required:
                self.console.print("[red]An answer is needed here.[/red]")
                continue
            try:
                check(answer)
            except ValueError as problem:
                self._complain(problem)
                continue
            return answer

    def value(
        self, question: str, convert: Callable[[str], T], *, default: str = "", hint: str = ""
    ) -> T | None:
        """An answer checked by `convert` (asked again until it passes); empty means none."""
        if not self.interactive:
            return convert(default) if default else None
        self._hint(hint)
        while True:
            answer = self._ask(question, default)
            if not answer:
                return None
            try:
                return convert(answer)
            except (ValueError, UsageError) as problem:
                self._complain(problem)

    def lines(
        self,
        question: str,
        convert: Callable[[str], T] = check_line,  # type: ignore[assignment]
        *,
        given: Sequence[T] = (),
        hint: str = "",
    ) -> list[T]:
        """Several short answers, one per line until an empty line, unless `given` already;
        `convert` refuses one (a ValueError or UsageError) and it is asked again."""
        if not self.interactive or given:
            return list(given)
        self.console.print(escape(question) + " [dim](one per line, empty line to finish)[/dim]")
        self._hint(hint)
        answers = []
        while answer := self._ask("  >", "", asked=question):
            try:
                answers.append(convert(answer))
            except (ValueError, UsageError) as problem:
                self._complain(problem)
        return answers

    def choose(
        self,
        question: str,
        options: Sequence[str],
        *,
        default: str = "",
        hint: str = "",
        yes: str | None = None,
    ) -> str | None:
        """One of `options`: a unique prefix, or its number in the list, will do; an empty
        answer means `default`, or none. `yes` is the option a "y" or "yes" stands for, where
        the question invites one ("Discussed or carried over?" "yes")."""

        def convert(answer: str) -> str:
            if yes is not None and answer.strip().lower() in ("y", "yes"):
                return yes
            return _one_of(answer, options)

        return self.value(f"{question} ({', '.join(options)})", convert, default=default, hint=hint)

    def choose_many(self, question: str, options: Sequence[str], *, hint: str = "") -> list[str]:
        """Any number of `options`, separated by commas or spaces."""
        chosen = self.value(
            f"{question} ({', '.join(options)}; separate with commas)",
            lambda answer: [_one_of(part, options) for part in _split(answer)],
            hint=hint,
        )
        return chosen or []

    def confirm(self, question: str, *, default: bool = False) -> bool:
        """Yes or no: y, yes, n, no (any case); Enter takes `default`."""
        if not self.interactive:
            return default
        answer = self.value(
            f"{question} [{'Y/n' if default else 'y/N'}]",
            _yes_or_no,
            default="",
        )
        return default if answer is None else answer

    def date(
        self,
        question: str,
        now: dt.datetime,
        *,
        default: str = "",
        prefer: Prefer = None,
        check: Callable[[dt.date], object] = lambda day: None,
    ) -> dt.date | None:
        """A date typed naturally, checked by `check`; the date understood is echoed back."""

        def convert(answer: str) -> dt.date:
            day = parse_date(answer, now, prefer=prefer)
            check(day)
            return day

        day = self.value(question, convert, default=default)
        if day is not None and self.interactive:
            self.console.print(f"[dim]  → {describe(day, now)}[/dim]")
        return day

    def _hint(self, hint: str) -> None:
        if hint:
            self.console.print(f"[dim]{escape(hint)}[/dim]")

    def _ask(self, question: str, default: str, asked: str = "") -> str:
        shown = question if question.endswith(("?", ":", ">")) else question + ":"
        with self._stoppable():
            answer = _question().ask(
                escape(shown), console=self.console, default=default, show_default=bool(default)
            )
        answer = (answer or "").strip()
        if answer:
            self.typed.append((asked or question, answer))
        return answer

    def _complain(self, problem: Exception) -> None:
        self.console.print(f"[red]{escape(str(problem))}[/red]")

    @contextmanager
    def _stoppable(self) -> Iterator[None]:
        """Ctrl-C or Ctrl-D at a question ends the walkthrough; answers are only written once
        it is over, so stopping loses nothing."""
        try:
            yield
        except (KeyboardInterrupt, EOFError):
            self.console.print()
            raise Interrupted("Stopped: nothing was saved.") from None


def _split(answer: str) -> list[str]:
    return [part for part in answer.replace(",", " ").split() if part]


def _yes_or_no(answer: str) -> bool:
    word = answer.strip().lower()
    if word in ("y", "yes"):
        return True
    if word in ("n", "no"):
        return False
    raise ValueError("Please answer yes or no.")


def _one_of(answer: str, options: Sequence[str]) -> str:
    answer = answer.strip().lower()
    if answer.isdigit() and not any(o.startswith(answer) for o in options):
        if 1 <= int(answer) <= len(options):  # its place in the list shown
            return options[int(answer) - 1]
        raise ValueError(f"{answer!r} is not one of: {', '.join(options)}.")
    matches = (
        [o for o in options if o == answer]
        or [o for o in options if o.startswith(answer)]
        # The question's own words: "carried over" for "carried".
        or [o for o in options if answer.startswith(o + " ")]
    )
    if len(matches) == 1 and answer:
        return matches[0]
    if len(matches) > 1:
        raise ValueError(f"{answer!r} could be {' or '.join(matches)}: type a little more.")
    close = get_close_matches(answer, options, n=1)
    guess = f" Did you mean {close[0]}?" if close else ""
    raise ValueError(f"{answer!r} is not one of: {', '.join(options)}.{guess}")
