"""Output: rich text for people, JSON for scripts — two views of the same data.

Data goes to stdout, messages to stderr. Consoles are made per call so that colour follows the
stream actually in use: plain when piped or when NO_COLOR is set.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from menteekit import terminal
from menteekit.errors import BrokenRecord
from menteekit.patterns import LazyPattern
from menteekit.vocab import (
    GROUP_MEANING,
    ROLE_MEANING,
    ActionStatus,
    Group,
    MeetingStatus,
    Owner,
    Role,
    Status,
    cadence_text,
)

if TYPE_CHECKING:
    from rich.console import Console

    from menteekit.models import Action, Goal, Meeting, Mentor, Note

    # each command imports the service it renders; render need not load them all
    from menteekit.services.board import Board
    from menteekit.services.goals import LetterCheck
    from menteekit.services.health import Health
    from menteekit.services.status import StatusReport

PIPED_WIDTH = 500
"""Output that is not going to a terminal is not wrapped, so each record stays on its line."""


class _TrimmedLines(io.TextIOBase):
    """Passes text on without the spaces Rich pads table cells with at the ends of lines."""

    def __init__(self, target: TextIO) -> None:
        self.target = target
        self.pending = ""

    @property
    def encoding(self) -> str | None:  # type: ignore[override]
        # Rich draws a table's lines in ASCII on a stream that is not UTF-8.
        return getattr(self.target, "encoding", None)

    def write(self, text: str) -> int:
        *lines, self.pending = (self.pending + text).split("\n")
        self.target.writelines(line.rstrip(" ") + "\n" for line in lines)
        return len(text)

    def flush(self) -> None:
        self.target.write(self.pending)
        self.pending = ""
        self.target.flush()


# The pattern rich.markup.escape escapes.
_TAG_TO_ESCAPE = LazyPattern(r"(\\*)(\[[a-z#/@][^[]*?])")
_REWRITTEN_BY_RICH = LazyPattern(r"[\a\b\t\v\f\r]")
"""Characters rich strips or expands (control codes, tabs)."""


def _unmarked(markup: str) -> str:
    """The text of rich markup without its style tags, escapes resolved as rich resolves them."""
    return terminal.parse(markup)[0]


class _PlainConsole:
    """A console for output that is not going to a terminal, where rich adds nothing to a line
    of text but its start-up time and a few hundred microseconds a line.

    It prints what rich would print (no colour, markup tags removed, not wrapped) for the text
    and the tables (`_Table`) it can vouch for, and hands anything else to a rich console on
    the same stream: padding, emoji codes, control characters, wide characters in a table,
    and lines long enough that rich might wrap them.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = _TrimmedLines(stream)
        self.boxes = _draws_boxes(stream)
        self._rich: Console | None = None

    def text(
        self, objects: tuple[Any, ...], markup: bool = True, longest: int = PIPED_WIDTH // 2
    ) -> str | None:
        """What printing `objects` shows, if rich is not needed to say; else None.

        A line is at most `longest` characters: half the width by default, since a wide
        character (CJK) takes two columns and rich wraps at the width in columns.
        """
        if not all(isinstance(each, str) for each in objects):
            return None
        text = " ".join(objects)
        plain = _unmarked(text) if markup and "[" in text else text
        if (
            any(len(line) > longest for line in plain.split("\n"))
            or terminal.EMOJI_CODE.search(plain)
            or _REWRITTEN_BY_RICH.search(plain)
        ):
            return None
        return plain

    def write(self, text: str) -> None:
        self.stream.write(text + "\n")

    def print(self, *objects: Any, markup: bool = True, soft_wrap: bool = False) -> None:
        text = self.text(objects, markup)
        if text is not None:
            self.write(text)
            return
        if len(objects) == 1 and isinstance(objects[0], _Table) and self.boxes:
            # A table laid out here has one-column characters only: it may be full width.
            lines = objects[0].plain_lines(lambda cell: self.text((cell,), longest=PIPED_WIDTH))
            if lines is not None:
                for line in lines:
                    self.write(line)
                return
        if self._rich is None:
            from rich.console import Console

            self._rich = Console(file=self.stream, width=PIPED_WIDTH, highlight=False)
        self._rich.print(*objects, markup=markup, soft_wrap=soft_wrap)


class _Table:
    """The two kinds of table menteekit prints: a listing under a header row (rich's
    SIMPLE_HEAD box without edges) and a borderless grid. Output that is not going to a
    terminal lays it out itself, as rich would; a terminal gets rich's table (`__rich__`).
    """

    def __init__(self, header: bool, padding: int) -> None:
        self.header = header
        self.padding = padding
        self.columns: list[tuple[str, dict[str, Any]]] = []
        self.rows: list[tuple[Any, ...]] = []

    @classmethod
    def listing(cls) -> _Table:
        return cls(header=True, padding=1)

    @classmethod
    def grid(cls, padding: tuple[int, int] = (0, 0)) -> _Table:
        return cls(header=False, padding=padding[1])

    def add_column(self, header: str = "", **options: Any) -> None:
        self.columns.append((header, options))

    def add_row(self, *cells: Any) -> None:
        self.rows.append(cells)

    def __rich__(self) -> Any:
        from rich import box
        from rich.table import Table

        if self.header:
            table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        else:
            table = Table.grid(padding=(0, self.padding))
        for header, options in self.columns:
            table.add_column(header, **options)
        for row in self.rows:
            table.add_row(*row)
        return table

    def plain_lines(self, text: Callable[[str], str | None]) -> list[str] | None:
        """The table's lines as rich prints them without colour, `text` giving each cell's
        text; None when it is beyond this (a cell not text, of several lines or with wide
        characters, or a table close to the full width)."""
        laid_out = self._laid_out(text, PIPED_WIDTH)
        if laid_out is None:
            return None
        cells, widths = laid_out
        # Between columns: the padding on each side and, in a listing, the box's divider.
        gap = " " * (2 * self.padding + 1) if self.header else " " * self.padding
        lines = [
            gap.join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            for row in cells
        ]
        if self.header:
            lines.insert(1, "─" * len(lines[0]))
        return lines

    def terminal_lines(self, width: int, colour: bool) -> list[str] | None:
        """The table's lines as rich prints them on a terminal `width` columns wide, colour
        codes and all (`colour` False: NO_COLOR); None when it is beyond this (as for
        `plain_lines`, or a style not in `menteekit.terminal`)."""
        parsed: dict[str, tuple[str, list[terminal.Span]]] = {}

        def text(cell: str) -> str | None:
            plain, spans = terminal.parse(cell)
            if spans is None or terminal.emoji_code_in(cell, plain):
                return None
            parsed[cell] = (plain, spans)
            return plain

        laid_out = self._laid_out(text, width)
        if laid_out is None:
            return None
        _, widths = laid_out
        if 0 in widths:  # an empty column: rich writes its padding as one run, or none
            return None
        # A listing's header row is bold (rich's "table.header"); a column's style is its own.
        header = terminal.style_named("bold") or terminal.NO_STYLE
        styles = []
        for _, options in self.columns:
            name = options.get("style")
            style = terminal.style_named(name) if name else terminal.NO_STYLE
            if style is None:
                return None
            styles.append(style)
        styles += [terminal.NO_STYLE] * (len(widths) - len(styles))
        last = len(widths) - 1
        lines = []
        for number, row in enumerate(self._rows()):
            heading = self.header and number == 0
            parts = []
            for column, (cell, cell_width) in enumerate(zip(row, widths, strict=True)):
                style = header if heading else styles[column]
                if self.header and column:  # the box's divider, then the cell's own padding
                    parts.append(" " + terminal.sgr(" " * self.padding, [style], colour))
                plain, spans = parsed[cell]
                content = terminal.styled(plain.ljust(cell_width), spans, colour, style)
                if content is None:
                    return None
                parts.append(content)
                if column < last and self.padding:
                    parts.append(terminal.sgr(" " * self.padding, [style], colour))
            lines.append("".join(parts))
        if self.header:
            lines.insert(1, "─" * (sum(widths) + (2 * self.padding + 1) * last))
        return lines

    def _rows(self) -> list[list[Any]]:
        """Every row with a cell for each column, the header row first in a listing."""
        count = max([len(self.columns), *(len(row) for row in self.rows)])
        rows = [list(row) + [""] * (count - len(row)) for row in self.rows]
        if self.header:
            rows.insert(
                0, [header for header, _ in self.columns] + [""] * (count - len(self.columns))
            )
        return rows

    def _laid_out(
        self, text: Callable[[str], str | None], width: int
    ) -> tuple[list[list[str]], list[int]] | None:
        """Each row's cells as `text` gives them, and each column's width, as rich lays the
        table out on `width` columns; None when it is beyond this."""
        rows = self._rows()
        if not rows or not rows[0]:
            return None
        count = len(rows[0])
        cells = []
        for row in rows:
            texts = [text(cell) if isinstance(cell, str) else None for cell in row]
            if any(each is None or "\n" in each or not terminal.narrow(each) for each in texts):
                return None
            cells.append(texts)
        # Rich gives every column at least one cell of width, padding included: an empty
        # column is a space wide only where no padding is beside it (in an unpadded table, a
        # table of one column, and a grid's last column, whose padding falls at the edge).
        unpadded = {*range(count)} if self.padding == 0 or count == 1 else set()
        if not self.header:
            unpadded.add(count - 1)
        widths = [max([int(i in unpadded), *(len(row[i]) for row in cells)]) for i in range(count)]
        # Near the width rich would shrink or wrap columns: more than a margin for the
        # padding and dividers around each column, and rich must do it.
        if sum(widths) + (2 * self.padding + 1) * count > width:
            return None
        return cells, widths


class _TerminalConsole:
    """A console for a terminal: the lines and tables `menteekit.terminal` can lay out are
    printed as rich would print them, colour codes and all; anything else (wide characters,
    emoji codes, a word longer than a line, a table wider than the terminal...) goes to a rich
    console on the same stream."""

    def __init__(
        self, stream: TextIO, width: int, colour: bool, rich: Callable[[], Console]
    ) -> None:
        self.stream = stream
        self.width = width
        self.colour = colour
        self.boxes = _draws_boxes(stream)
        self._make_rich = rich
        self._rich: Console | None = None

    def lines(
        self,
        objects: tuple[Any, ...],
        markup: bool = True,
        soft_wrap: bool = False,
        indent: int | None = None,
    ) -> list[str] | None:
        """The lines printing `objects` shows (in a padding of `indent` spaces), if rich is
        not needed to say; else None."""
        if not objects:
            return [""]
        if len(objects) > 1 or not isinstance(objects[0], str):
            return None
        return terminal.lines(
            objects[0],
            self.width,
            colour=self.colour,
            indent=indent,
            plain=not markup,
            soft_wrap=soft_wrap,
        )

    def print(self, *objects: Any, markup: bool = True, soft_wrap: bool = False) -> None:
        if len(objects) == 1 and isinstance(objects[0], _Table):
            shown = objects[0].terminal_lines(self.width, self.colour) if self.boxes else None
        else:
            shown = self.lines(objects, markup, soft_wrap)
        if shown is None:
            self.rich().print(*objects, markup=markup, soft_wrap=soft_wrap)
        else:
            self._write(shown)

    def print_indented(self, text: str, indent: int) -> bool:
        """Print `text` in a padding of `indent` spaces as rich's Padding does; whether it
        could."""
        shown = self.lines((text,), indent=indent) if text else None
        if shown is not None:
            self._write(shown)
        return shown is not None

    def _write(self, lines: list[str]) -> None:
        self.stream.write("".join(f"{line}\n" for line in lines))

    def rich(self) -> Console:
        """The rich console for what is beyond this one, made when first needed."""
        if self._rich is None:
            self._rich = self._make_rich()
        return self._rich


def _draws_boxes(stream: TextIO) -> bool:
    """Whether rich draws a table's lines on `stream` with box-drawing characters: it falls
    back to ASCII on a stream that is not UTF-8, and then rich must lay the table out."""
    return (getattr(stream, "encoding", None) or "utf-8").lower().startswith("utf")


def _console(stderr: bool) -> Console | _PlainConsole | _TerminalConsole:
    stream = sys.stderr if stderr else sys.stdout
    if _colour_forced() or (stream.isatty() and not _ordinary_terminal()):
        return _rich_console(stderr)
    if stream.isatty():
        colour = os.environ.get("NO_COLOR", "") == ""
        return _TerminalConsole(stream, _terminal_width(), colour, lambda: _rich_console(stderr))
    return _PlainConsole(stream)


def _rich_console(stderr: bool) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _ordinary_terminal() -> bool:
    """A terminal that rich would write the standard colour codes to, with nothing in the
    environment asking it for more or less (a dumb terminal, Jupyter, Windows' console)."""
    # FORCE_COLOR set but empty: rich 14 and later take it as "not a terminal", 13 as colour.
    unusual = ("TTY_COMPATIBLE", "TTY_INTERACTIVE", "FORCE_COLOR", "JUPYTER_COLUMNS",
               "JUPYTER_LINES", "DATABRICKS_RUNTIME_VERSION")  # fmt: skip
    return (
        sys.platform != "win32"
        and os.environ.get("TERM", "").lower() not in ("dumb", "unknown")
        and not any(name in os.environ for name in unusual)
    )


def _terminal_width() -> int:
    """The width rich gives a terminal: COLUMNS, else the first standard stream's size."""
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    width = 0
    for descriptor in (0, 1, 2):
        try:
            width = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    return width or 80


def _colour_forced() -> bool:
    """Whether rich would colour output that is not going to a terminal."""
    return os.environ.get("TTY_COMPATIBLE") == "1" or bool(os.environ.get("FORCE_COLOR"))


def out() -> Console | _PlainConsole | _TerminalConsole:
    return _console(stderr=False)


def err() -> Console | _PlainConsole | _TerminalConsole:
    return _console(stderr=True)


def escape(text: str) -> str:
    """`text` shown as it is in rich output, never read as markup (for the commands too).

    What rich.markup.escape does (a test holds them to it), without importing rich: plain
    output escapes the user's words too, and rich costs more to load than all of it.
    """
    text = _TAG_TO_ESCAPE.sub(lambda match: f"{match[1]}{match[1]}\\{match[2]}", text)
    return text + "\\" if text.endswith("\\") and not text.endswith("\\\\") else text


_SCALARS = (str, int, bool, float)


def jsonable(value: Any) -> Any:
    """Plain JSON values: dates as ISO 8601 strings, enums as their values."""
    kind = type(value)
    if value is None or kind in _SCALARS:  # most of it, first
        return value
    # Listings are lists of flat dicts: their plain values are taken as they are, in place,
    # rather than each in a call of its own (a thousand meetings hold ten thousand values).
    if kind is dict:
        return {
            str(k): v if v is None or type(v) in _SCALARS else jsonable(v) for k, v in value.items()
        }
    if kind is list:
        return [v if v is None or type(v) in _SCALARS else jsonable(v) for v in value]
    if kind is dt.date or kind is dt.datetime:
        return value.isoformat()
    if hasattr(value, "model_dump"):  # a model, or a view of one
        return jsonable(value.model_dump(by_alias=True))
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a service's named tuple
        return jsonable(value._asdict())
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        import dataclasses

        return jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def print_json(data: Any) -> None:
    import json  # here, not at the top: most output is not JSON

    sys.stdout.write(json.dumps(jsonable(data), indent=2, ensure_ascii=False) + "\n")


def say(message: str) -> None:
    """Plain text for the user on stdout (never read as markup: it holds the user's words).

    Not wrapped by us, so a note meant to be copied keeps its own line breaks.
    """
    out().print(message, markup=False, soft_wrap=True)


def note(message: str) -> None:
    """Plain text beside the data, on stderr: confirmations of dates, hints."""
    err().print(message, markup=False, soft_wrap=_unwrapped())


def warn(message: str) -> None:
    err().print(f"[yellow]Warning:[/yellow] {escape(message)}", soft_wrap=_unwrapped())


def _unwrapped() -> bool:
    """Messages wrap at word boundaries on a terminal; piped, each stays on one line."""
    return not sys.stderr.isatty()


def report_problems(problems: Iterable[BrokenRecord]) -> None:
    """One line per unreadable record, so the user knows what was left out and where to look."""
    problems = list(problems)
    if not problems:
        return  # the usual case, and no reason to load rich
    console = err()
    for problem in problems:
        console.print(f"[red]Error:[/red] {escape(str(problem))}", soft_wrap=_unwrapped())


def echo_date(label: str, value: dt.date | dt.datetime, now: dt.datetime) -> None:
    from menteekit.dates import describe

    note(f"{label}: {describe(value, now)}")


# -- mentors -------------------------------------------------------------------------------


def mentor_data(mentor: Mentor, today: dt.date, path: Path | None = None) -> dict[str, Any]:
    """A mentor as JSON: every stored field plus what is derived (slug, last contact, overdue)."""
    from menteekit.services.mentors import days_overdue, keeps_in_touch, last_contact

    data: dict[str, Any] = {"slug": mentor.slug}
    data.update(jsonable(mentor))
    contact = last_contact(mentor)
    data["last_contact"] = contact.isoformat() if contact else None
    data["days_overdue"] = days_overdue(mentor, today)
    data["keep_in_touch"] = keeps_in_touch(mentor)
    if path is not None:
        data["path"] = str(path)
    return data


def mentor_table(mentors: list[Mentor], today: dt.date) -> None:
    from menteekit.services.mentors import days_overdue, last_contact

    table = _Table.listing()
    for column in ("slug", "name", "roles", "cadence", "status", "last contact"):
        table.add_column(column, no_wrap=column in ("slug", "cadence", "status"))
    for mentor in mentors:
        contact = _ago(last_contact(mentor), today, short=True)
        late = days_overdue(mentor, today)
        if late:
            contact = f"[red]{contact}, {late}d overdue[/red]"
        table.add_row(
            escape(mentor.slug),
            escape(mentor.name),
            ", ".join(mentor.roles) or "-",
            cadence_text(mentor.cadence) if mentor.cadence else "-",
            mentor.status,
            contact,
        )
    out().print(table)


def mentor_details(mentor: Mentor, today: dt.date, path: Path) -> None:
    from menteekit.services.agreements import last_agreed
    from menteekit.services.mentors import (
        days_overdue,
        keeps_in_touch,
        last_contact,
        recent_contacts,
    )

    console = out()
    console.print(f"[bold]{escape(mentor.name)}[/bold]  ({escape(mentor.slug)}, {mentor.status})")
    ended = mentor.conclusion
    late = days_overdue(mentor, today)
    if late and keeps_in_touch(mentor):
        overdue = (
            f"keep in touch: {cadence_text(mentor.cadence, article=True)} note is {late} days late"
        )
    else:
        overdue = (
            f"{late} days past {cadence_text(mentor.cadence, article=True)} cadence"
            if late
            else None
        )
    phase = mentor.phase.value if mentor.phase else None
    if phase and mentor.phase_since:
        phase += f", since {_ago(mentor.phase_since, today)}"
    agreement = f"none yet: `mk mentor agreement {mentor.slug}`"
    if mentor.agreement:
        agreement = f"agreed {mentor.agreement.agreed.isoformat()}"
        if mentor.agreement.revisited:
            agreement += f", last revisited {mentor.agreement.revisited.isoformat()}"
        agreement += f" ({_ago(last_agreed(mentor.agreement), today, short=True)})"
    elif mentor.status is Status.concluded:
        agreement = None
    on_record = f" (on record here since {mentor.recorded})" if mentor.recorded else ""
    fields: list[tuple[str, str | None]] = [
        ("roles", ", ".join(f"{r} — {ROLE_MEANING[r]}" for r in mentor.roles)),
        ("group", f"{mentor.group} — {GROUP_MEANING[mentor.group]}" if mentor.group else None),
        ("where", {True: "internal", False: "external", None: None}[mentor.internal]),
        ("level", {True: "peer", False: "senior", None: None}[mentor.peer]),
        ("cadence", cadence_text(mentor.cadence) if mentor.cadence else None),
        ("email", mentor.email),
        ("channel", mentor.channel),
        ("style", mentor.style),
        ("phase", phase),
        ("phase note", mentor.phase_note),
        ("agreement", agreement),
        ("added", mentor.added.isoformat() + on_record),
        ("last contact", _ago(last_contact(mentor), today)),
        ("overdue", overdue),
        ("concluded", ended.date.isoformat() if ended else None),
        ("reason", ended.reason if ended else None),
        ("achieved", ended.achieved if ended else None),
        ("file", str(path)),
    ]
    optional = ("phase note", "agreement", "overdue", "concluded", "reason", "achieved")
    table = _Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for label, value in fields:
        if value or label not in optional:
            table.add_row(label, escape(value or "-"))
    console.print(table)
    recent = recent_contacts(mentor)
    if recent:
        console.print()
        shown = (
            f"{len(recent)} of {len(mentor.contacts)}, "
            if len(recent) < len(mentor.contacts)
            else ""
        )
        console.print(f"[bold]Recent contacts[/bold] [dim]({shown}newest first)[/dim]")
        contacts = _Table.grid(padding=(0, 2))
        for contact in recent:
            contacts.add_row(
                f"  {contact.date.isoformat()}", contact.kind.value, escape(contact.note) or "-"
            )
        console.print(contacts)


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def _ago(day: dt.date | None, today: dt.date, short: bool = False) -> str:
    if day is None:
        return "never"
    days = (today - day).days
    relative = "today" if days == 0 else f"{days}d ago" if days > 0 else f"in {-days}d"
    return relative if short else f"{day.isoformat()} ({relative})"


# -- the board -----------------------------------------------------------------------------


def board(view: Board) -> None:
    console = out()
    names = view.names

    def who(slugs: list[str]) -> str:
        return ", ".join(escape(names[s]) for s in slugs)

    title = (
        f"Mentoring board of directors — {escape(view.me)}"
        if view.me
        else ("Mentoring board of directors")
    )
    console.print(f"[bold]{title}[/bold]")
    if view.problems:
        console.print(
            # Mentor and goal files, or the profile with the user's values (menteekit.toml).
            f"[red]{_count(len(view.problems), 'file')} could not be read and "
            f"{'is' if len(view.problems) == 1 else 'are'} left out of this board "
            "(see the errors below).[/red]"
        )
    if view.values:
        console.print(f"My values: {escape(', '.join(view.values))}")
    for goal in view.goals:
        console.print(f"My goal: {escape(goal)}")
    console.print()

    roles = _Table.listing()
    roles.add_column("role")
    roles.add_column("mentors")
    for role, slugs in view.roles.items():
        if slugs:
            filled = who(slugs)
        elif role in view.not_needed:
            filled = "[dim]not needed[/dim]"
        else:
            filled = f"[red]gap[/red] [dim]— {ROLE_MEANING[Role(role)]}[/dim]"
        roles.add_row(role, filled)
    console.print(roles)

    console.print()
    console.print("[bold]Relationship map[/bold]")
    groups = _Table.grid(padding=(0, 2))
    for group in Group:
        kind = "formal" if group in (Group.work_project, Group.formal_career) else "informal"
        groups.add_row(f"  {kind}", group.value, who(view.groups[group]) or "[red]—[/red]")
    if view.ungrouped:
        groups.add_row("  ", "no group yet", who(view.ungrouped))
    console.print(groups)

    def balance(first: list[str], first_name: str, second: list[str], second_name: str) -> str:
        unsaid = len(view.active) - len(first) - len(second)
        text = f"{len(first)} {first_name}, {len(second)} {second_name}"
        return text + (f", {unsaid} not said" if unsaid else "")

    console.print(
        f"Balance: {balance(view.internal, 'internal', view.external, 'external')}; "
        f"{balance(view.peers, 'peer', view.seniors, 'senior')}"
    )

    if view.goals_without_mentor:
        console.print()
        console.print("[bold]Goals no mentor helps with[/bold]")
        for goal in view.goals_without_mentor:
            console.print(f"  [yellow]{goal.id}[/yellow] {escape(goal.statement)}")

    if view.relationships:
        console.print()
        console.print("[bold]Relationships[/bold] [dim](phase; ground rules agreed)[/dim]")
        rows = _Table.grid(padding=(0, 2))
        for each in view.relationships:
            phase = each.phase or "[dim]no phase[/dim]"
            if each.phase and each.phase_since:
                phase += f" since {each.phase_since.isoformat()}"
            if each.phase_note:
                phase += f": {escape(each.phase_note)}"
            if each.agreed is None:
                agreed = "[yellow]no agreement yet[/yellow]"
            elif each.revisited:
                agreed = f"agreed {each.agreed.isoformat()}, revisited {each.revisited.isoformat()}"
            else:
                agreed = f"agreed {each.agreed.isoformat()}, not revisited since"
            rows.add_row(f"  {escape(each.name)}", phase, agreed)
        console.print(rows)

    console.print()
    if view.overdue:
        console.print("[bold]Overdue for contact[/bold]")
        for late in view.overdue:
            who = f"[red]{escape(late.name)}[/red] ({escape(late.slug)})"
            if late.keep_in_touch:
                note = cadence_text(late.cadence, article=True)
                console.print(
                    f"  {who}: keep in touch — {note} note since the relationship ended, "
                    f"last contact {_count(late.days_since, 'day')} ago "
                    f"({_count(late.days_overdue, 'day')} late)"
                )
            else:
                console.print(
                    f"  {who}: {cadence_text(late.cadence)}, last contact "
                    f"{_count(late.days_since, 'day')} ago "
                    f"({_count(late.days_overdue, 'day')} overdue)"
                )
    else:
        console.print("Nobody is overdue for contact.")

    if view.suggestions:
        console.print()
        console.print("[bold]Where to look next[/bold]")
        hints = _Table.grid(padding=(0, 1))
        hints.add_column(no_wrap=True)
        hints.add_column()
        for suggestion in view.suggestions:
            hints.add_row(f"  • [bold]{suggestion.topic}[/bold]:", escape(suggestion.text))
        console.print(hints)


# -- meetings and actions -------------------------------------------------------------------


def meeting_data(meeting: Meeting, path: Path | None = None, full: bool = False) -> dict[str, Any]:
    """A meeting as JSON: the summary a listing needs, or (`full`) every stored field too.
    The body (the user's notes) is never included."""
    from menteekit.services.meetings import agenda_size, is_reflected

    size = agenda_size(meeting)
    data: dict[str, Any] = {
        "id": meeting.id,
        "mentor": meeting.mentor,
        "when": jsonable(meeting.when),
        "minutes": meeting.minutes,
        "status": meeting.status.value,
        "agenda_items": size.items,
        "agenda_minutes": size.minutes,
        "reflected": is_reflected(meeting),
    }
    if full:
        data.update(jsonable(meeting))
    if path is not None:
        data["path"] = str(path)
    return data


def meetings_table(meetings: list[Meeting], names: dict[str, str], now: dt.datetime) -> None:
    from menteekit.services.meetings import agenda_size, is_reflected, when_text

    table = _Table.listing()
    for column in ("id", "when", "mentor", "status", "agenda", "reflected"):
        table.add_column(column, no_wrap=column != "mentor")
    for meeting in meetings:
        table.add_row(
            meeting.id,
            when_text(meeting, now),
            escape(names.get(meeting.mentor, meeting.mentor)),
            meeting.status.value,
            _count(agenda_size(meeting).items, "item"),
            "yes" if is_reflected(meeting) else "-",
        )
    out().print(table)


def action_data(action: Action, today: dt.date) -> dict[str, Any]:
    from menteekit.services.actions import is_overdue

    data: dict[str, Any] = {"id": action.id}
    data.update(jsonable(action))
    data["overdue"] = is_overdue(action, today)
    return data


def actions_table(actions: list[Action], names: dict[str, str], today: dt.date) -> None:
    from menteekit.services.actions import is_overdue

    table = _Table.listing()
    # The status says something only when closed actions are listed too (--all).
    with_status = any(action.status is not ActionStatus.open for action in actions)
    columns = ("id", "due", "owner", "action", "mentor") + (("status",) * with_status)
    for column in columns:
        table.add_column(column, no_wrap=column not in ("action", "mentor"))
    for action in actions:
        due = "-"
        if action.due:
            open_ = action.status is ActionStatus.open
            due = _ago_due(action.due, today) if open_ else action.due.isoformat()
        if is_overdue(action, today):
            due = f"[red]{due}[/red]"
        owner = "me" if action.owner is Owner.me else "mentor"
        status = action.status.value
        if action.status is ActionStatus.done and action.done:
            status = f"done {action.done.isoformat()}"
        row = [
            action.id,
            due,
            owner,
            escape(action.text),
            escape(names.get(action.mentor, action.mentor)) if action.mentor else "-",
        ]
        table.add_row(*row, *([status] * with_status))
    out().print(table)


def _ago_due(day: dt.date, today: dt.date) -> str:
    days = (day - today).days
    when = "today" if days == 0 else f"in {days}d" if days > 0 else f"{-days}d overdue"
    return f"{day.isoformat()} ({when})"


# -- goals -----------------------------------------------------------------------------------

_SPARKS = "▁▂▃▄▅▆▇█"


def goal_data(goal: Goal, today: dt.date, path: Path | None = None) -> dict[str, Any]:
    """A goal as JSON: every stored field, its progress, next review and SMART check."""
    from menteekit.services.goals import next_review, progress, smart_summary

    data: dict[str, Any] = {"id": goal.id}
    data.update(jsonable(goal))
    data["progress"] = progress(goal)
    data["next_review"] = jsonable(next_review(goal))
    data["smart"] = smart_summary(goal, today)
    if path is not None:
        data["path"] = str(path)
    return data


def progress_bar(percent: int | None, width: int = 10) -> str:
    if percent is None:
        return "[dim]no check-in[/dim]"
    filled = round(percent * width / 100)
    return f"{'█' * filled}{'░' * (width - filled)} {percent:>3}%"


def sparkline(values: list[int]) -> str:
    """Progress over time, one character per check-in."""
    return "".join(_SPARKS[min(len(_SPARKS) - 1, value * len(_SPARKS) // 101)] for value in values)


def goals_table(goals: list[Goal], today: dt.date) -> None:
    from menteekit.services.goals import next_review, progress, weak_letters

    table = _Table.listing()
    with_status = any(goal.status.value != "active" for goal in goals)
    for column in ("id", "goal", "horizon", "due", "progress", "review", "weak"):
        table.add_column(column, no_wrap=column != "goal")
    if with_status:
        table.add_column("status", no_wrap=True)
    for goal in goals:
        review = next_review(goal)
        review_text = "-"
        if review is not None:
            review_text = "[red]due[/red]" if review <= today else _ago(review, today, short=True)
        weak = weak_letters(goal, today)
        row = [
            goal.id,
            escape(goal.statement),
            goal.horizon.value,
            goal.due.isoformat() if goal.due else "[red]-[/red]",
            progress_bar(progress(goal)),
            review_text,
            f"[yellow]{weak}[/yellow]" if weak else "[green]-[/green]",
        ]
        table.add_row(*row, *([goal.status.value] * with_status))
    out().print(table)


def smart_report(checks: list[LetterCheck], console: Console | None = None) -> None:
    """Each SMART letter, ok or weak, with the suggestion for a weak one."""
    from menteekit.services.goals import LETTERS

    console = console or out()
    # A grid, so that advice running over several lines stays indented under itself.
    report = _Table.grid(padding=(0, 1))
    report.add_column(no_wrap=True)
    report.add_column(no_wrap=True)
    report.add_column()
    for letter, check in zip(LETTERS, checks, strict=True):
        report.add_row(
            "  [green]ok[/green]  " if check.ok else "  [yellow]weak[/yellow]",
            f"{letter.letter} {letter.name}" + ("" if check.ok else ":"),
            "" if check.ok else escape(check.advice),
        )
    console.print(report)


def goal_details(
    goal: Goal,
    checks: list[LetterCheck],
    names: dict[str, str],
    actions: list[Action],
    meetings: list[Meeting],
    path: Path,
    now: dt.datetime,
) -> None:
    from menteekit.services.goals import next_review, progress
    from menteekit.services.meetings import when_text

    console = out()
    today = now.date()
    console.print(f"[bold]{escape(goal.statement)}[/bold]  [dim]{goal.id}[/dim]")
    rows = _Table.grid(padding=(0, 2))
    rows.add_column(style="dim", no_wrap=True)
    rows.add_column()
    status = goal.status.value
    for closed in ("achieved", "paused", "dropped"):
        if status == closed and getattr(goal, closed):
            status += f" {getattr(goal, closed).isoformat()}"
    if goal.reason:
        status += f": {goal.reason}"
    review = next_review(goal)
    for label, value in (
        ("measure", goal.measure),
        ("achievable", goal.achievable),
        ("values", ", ".join(goal.values)),
        ("due", f"{goal.due.isoformat()} ({goal.horizon}-term)" if goal.due else ""),
        ("status", status),
        ("mentors", ", ".join(names.get(s, s) for s in goal.mentors)),
        ("progress", progress_bar(progress(goal), 20)),
        ("review", f"every {goal.review_days} days; next {_ago(review, today)}" if review else ""),
        ("set", goal.created.isoformat()),
    ):
        rows.add_row(label, escape(value) if label != "progress" else value or "-")
    console.print(rows)
    console.print()
    console.print("[bold]SMART check[/bold]")
    smart_report(checks, console)
    if goal.checkins:
        console.print()
        history = [c.progress for c in sorted(goal.checkins, key=lambda c: c.date)]
        console.print(f"[bold]Check-ins[/bold]  {sparkline(history)}")
        table = _Table.listing()
        noted = any(c.note for c in goal.checkins)
        columns = ("date", "progress", "helped", "in the way", "next step") + ("note",) * noted
        for column in columns:
            table.add_column(column, no_wrap=column in ("date", "progress"))
        for checkin in sorted(goal.checkins, key=lambda c: c.date):
            cells = [checkin.helped, checkin.blocker, checkin.next_step] + [checkin.note] * noted
            table.add_row(
                checkin.date.isoformat(),
                progress_bar(checkin.progress),
                *(escape(cell) or "-" for cell in cells),
            )
        console.print(table)
        if noted:
            console.print("[dim]Notes are private: `mk goal plan` leaves them out.[/dim]")
    if actions:
        console.print()
        console.print("[bold]Action items for this goal[/bold]")
        actions_table(actions, names, today)
    if meetings:
        console.print()
        console.print("[bold]Raised with mentors[/bold]")
        for meeting in meetings:
            state = "on the agenda" if meeting.status is MeetingStatus.planned else "discussed"
            console.print(
                f"  {meeting.id}  {escape(when_text(meeting, now))} with "
                f"{escape(names.get(meeting.mentor, meeting.mentor))}: {state}"
            )
    console.print(f"[dim]{escape(str(path))}[/dim]")


# -- status ----------------------------------------------------------------------------------


def _days(days: int, future: bool) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow" if future else "yesterday"
    return f"in {days} days" if future else f"{days} days ago"


def _hint(command: str) -> str:
    return f"[dim]→ {escape(command)}[/dim]"


def _ending_with(line: str, hint: str, width: int) -> tuple[str, ...]:
    """An indented `line` of markup ending with `hint` (a command to run), or, when the two
    would not fit in `width`, the hint on a line of its own under it: wrapped, a command is
    split across lines and hard to copy."""
    if _columns(_unmarked(line)) + 2 + _columns(_unmarked(hint)) <= width:
        return (f"{line}  {hint}",)
    return (line, f"{' ' * (len(line) - len(line.lstrip(' ')) + 2)}{hint}")


def _columns(text: str) -> int:
    """The columns `text` takes at most: two for a character that may be wide (CJK)."""
    if terminal.narrow(text):
        return len(text)
    return sum(1 if terminal.narrow(character) else 2 for character in text)


class _Indenting:
    """A console whose indented lines wrap under their own indent, not at the left edge: the
    long lines of status and health stay readable in an 80-column terminal."""

    def __init__(self, console: Console | _PlainConsole | _TerminalConsole) -> None:
        self.console = console

    def print(self, *objects: Any, **options: Any) -> None:
        console = self.console
        if isinstance(console, _PlainConsole):
            text = console.text(objects)
            if text is not None:  # short enough not to wrap: its indent is all there is to it
                console.write(text)
                return
        if len(objects) == 1 and isinstance(objects[0], str) and objects[0].startswith(" "):
            text = objects[0]
            indent = len(text) - len(text.lstrip(" "))
            if isinstance(console, _TerminalConsole):
                if console.print_indented(text[indent:], indent):
                    return
                console = console.rich()
            from rich.padding import Padding

            objects = (Padding(text[indent:], (0, 0, 0, indent)),)
        console.print(*objects, **options)


def status(view: StatusReport) -> None:
    """What needs the mentee now, section by section, each line ending with its command."""
    from menteekit.dates import describe, format_when

    console = _Indenting(out())
    width = getattr(out(), "width", PIPED_WIDTH)

    def print_ending_with(line: str, hint: str) -> None:
        for each in _ending_with(line, hint, width):
            console.print(each)

    now = dt.datetime.combine(view.today, dt.time()).astimezone()
    console.print(f"[bold]Status[/bold] — {describe(view.today, now)}")

    console.print()
    console.print("[bold]Next meetings[/bold]")
    if not view.upcoming:
        console.print("  None planned. " + _hint("mk agenda new MENTOR"))
    for meeting in view.upcoming:
        if meeting.when is None:
            when = "date not yet agreed"
        else:
            when = f"{format_when(meeting.when, now)} ({_days(meeting.days_until or 0, True)})"
        if meeting.needs_agenda:
            agenda = "[red]agenda not ready: nothing on it but the wrap-up[/red]"
        elif meeting.agenda_ready:
            agenda = f"agenda ready ({_count(meeting.agenda_items, 'item')})"
        else:
            agenda = "[yellow]no agenda yet[/yellow]"
        print_ending_with(f"  {when}  {escape(meeting.name)}: {agenda}", _hint(meeting.command))

    if view.unreflected:
        console.print()
        console.print("[bold]Meetings without a reflection[/bold]")
        for meeting in view.unreflected:
            when = format_when(meeting.when, now) if meeting.when else "undated"
            print_ending_with(
                f"  [yellow]{when}[/yellow] ({_days(meeting.days_ago, False)})  "
                f"{escape(meeting.name)}, {meeting.status}",
                _hint(meeting.command),
            )

    for title, actions, future in (
        ("Overdue action items", view.actions_overdue, False),
        ("Action items due within 7 days", view.actions_due_soon, True),
    ):
        if not actions:
            continue
        console.print()
        console.print(f"[bold]{title}[/bold]")
        for action in actions:
            when = _days(action.days, True) if future else f"{_count(action.days, 'day')} overdue"
            whose = "mine" if action.owner == Owner.me else f"{escape(action.name or 'mentor')}'s"
            if action.owner == Owner.me and action.name:
                whose += f", with {escape(action.name)}"
            style = "red" if not future else "yellow"
            print_ending_with(
                f"  {action.id}  [{style}]{when}[/{style}]  {escape(action.text)} ({whose})",
                _hint(action.command),
            )

    if view.contacts_overdue:
        console.print()
        console.print("[bold]Overdue for contact[/bold]")
        for late in view.contacts_overdue:
            since = "never"
            if late.last_contact:
                since = _days((view.today - late.last_contact).days, False)
            ended = late.status == Status.concluded
            kind = ", concluded: a yearly hello" if ended else ""
            meet = "" if ended else f" [dim]or plan a meeting: mk agenda new {late.slug}[/dim]"
            print_ending_with(
                f"  [red]{escape(late.name)}[/red] ({escape(late.slug)}{kind}): "
                f"{cadence_text(late.cadence)}, "
                f"last contact {since}, {_count(late.days_overdue, 'day')} overdue",
                _hint(late.command) + meet,
            )

    if view.goals_due:
        console.print()
        console.print("[bold]Goals due for review[/bold]")
        for goal in view.goals_due:
            print_ending_with(
                f"  {goal.id}  {escape(goal.statement)} (review due "
                f"{_days(goal.days_overdue, False)})",
                _hint(goal.command),
            )

    if view.is_clear():
        console.print()
        console.print("[green]Nothing needs you now.[/green]")


# -- health ----------------------------------------------------------------------------------

_VERDICT_STYLE = {"thriving": "green", "steady": "cyan", "drifting": "yellow", "stalled": "red"}
_SIDE_TITLE = {
    "mutual": "the relationship itself (mutual)",
    "mentee": "my part (mentee)",
    "mentor": "the mentor's part",
}


def _percent(part: int, whole: int) -> str:
    return f"{part} of {whole} ({round(100 * part / whole)}%)" if whole else "-"


def health(views: list[Health], today: dt.date) -> None:
    """Each relationship: verdict and reasons, signals, causes, tips, phase and agreement."""
    console = _Indenting(out())
    for number, view in enumerate(views):
        if number:
            console.print()
        style = _VERDICT_STYLE.get(view.verdict, "bold")
        console.print(
            f"[bold]{escape(view.name)}[/bold] ({escape(view.slug)}) — "
            f"[{style}]{view.verdict}[/{style}]: {escape(view.summary)}"
        )
        for reason in view.reasons:
            console.print(f"  • {escape(reason)}")

        s = view.signals
        ft = s.follow_through
        cadence = "no cadence set"
        if s.cadence.cadence:
            rhythm = cadence_text(s.cadence.cadence)
            cadence = (
                f"{_percent(s.cadence.kept, s.cadence.intervals)} {rhythm} intervals"
                if s.cadence.intervals
                else f"{rhythm}: not one whole interval on record yet"
            )
        rows = _Table.grid(padding=(0, 2))
        rows.add_column(style="dim", no_wrap=True)
        rows.add_column()
        for label, value in (
            ("cadence kept", cadence),
            (
                "meetings",
                f"{s.held} held, {s.cancelled} cancelled ({s.cancelled_by_mentor} by the "
                f"mentor), {s.rescheduled} rescheduled",
            ),
            (
                "my follow-through",
                f"{ft.on_time} done on time, {ft.late} done late, {ft.overdue_open} overdue"
                + (f"; the mentor's overdue: {ft.mentor_overdue}" if ft.mentor_overdue else ""),
            ),
            ("agendas prepared", _percent(s.agendas_prepared, s.held)),
            ("reflections", _percent(s.reflections, s.held)),
            ("thank-yous", f"{s.thanks_6_months} in the last six months"),
            ("last contact", _ago(s.last_contact, today)),
        ):
            rows.add_row(f"  {label}", escape(value))
        console.print(f"  [bold]The record since {s.since.isoformat()}[/bold]")
        console.print(rows)

        if view.causes:
            console.print("  [bold]Where drift may come from, and what to ask[/bold]")
            for cause in view.causes:
                console.print(f"  {_SIDE_TITLE[cause.side]}:")
                for signal in cause.signals:
                    console.print(f"    [yellow]![/yellow] {escape(signal)}")
                if not cause.signals:
                    console.print("    [dim]nothing in the record points here[/dim]")
                for question in cause.questions:
                    console.print(f"    ? {escape(question)}")

        title = f"Managing up ({view.style})" if view.style else "Managing up"
        console.print(f"  [bold]{title}[/bold]")
        for tip in view.tips:
            console.print(f"    • {escape(tip)}")

        phase = view.phase
        if phase.current:
            since = f" since {phase.since.isoformat()}" if phase.since else ""
            note = f": {phase.note}" if phase.note else ""
            console.print(f"  [bold]Phase[/bold] {phase.current}{since}{escape(note)}")
            console.print(f"    {escape(phase.focus or '')}")
        else:
            console.print("  [bold]Phase[/bold] not recorded")
        if phase.suggestion:
            hint = phase.suggestion
            console.print(
                f"    [yellow]Consider the {hint.phase} phase[/yellow]: {escape(hint.reason)}  "
                f"{_hint(hint.command)}"
            )

        agreement = view.agreement
        if agreement.exists and agreement.agreed:
            revisited = (
                f", last revisited {agreement.revisited.isoformat()}" if agreement.revisited else ""
            )
            console.print(
                f"  [bold]Agreement[/bold] agreed {agreement.agreed.isoformat()}{revisited}"
            )
        else:
            console.print("  [bold]Agreement[/bold] none on record")
        if agreement.suggestion:
            console.print(f"    {escape(agreement.suggestion)}")


# -- notes ---------------------------------------------------------------------------------


def note_data(note: Note, path: Path | None = None) -> dict[str, Any]:
    """A note as JSON: every stored field, and its text."""
    data: dict[str, Any] = {"id": note.id}
    data.update(jsonable(note))
    data["text"] = note.body.strip()
    if path is not None:
        data["path"] = str(path)
    return data


def _whose(note: Note, names: dict[str, str]) -> str:
    return names.get(note.mentor, note.mentor) if note.mentor else "journal"


def notes_table(notes: list[Note], names: dict[str, str]) -> None:
    from menteekit.services.notes import headline

    table = _Table.listing()
    with_tags = any(note.tags for note in notes)
    columns = ("id", "date", "for", "kind", "note") + ("tags",) * with_tags + ("status",)
    for column in columns:
        table.add_column(column, no_wrap=column not in ("note", "for", "tags"))
    for note in notes:
        row = [note.id, note.date.isoformat(), escape(_whose(note, names)), note.kind.value]
        row.append(escape(headline(note)))
        if with_tags:
            row.append(escape(", ".join(note.tags)) or "-")
        status = note.status.value
        if note.meeting:
            status += f" ({note.meeting})"
        table.add_row(*row, status)
    out().print(table)


def note_details(note: Note, names: dict[str, str]) -> None:
    console = out()
    where = {
        "open": "open: the next agenda will propose it" if note.mentor else "journal entry",
        "on-agenda": f"on the agenda of meeting {note.meeting}",
        "closed": f"discussed at meeting {note.meeting} on {note.closed}"
        if note.meeting
        else "closed",
        "dropped": f"dropped on {note.dropped}",
    }[note.status.value]
    whose = f"for {_whose(note, names)}" if note.mentor else "in your journal"
    console.print(
        f"[bold]Note {note.id}[/bold]  {note.date.isoformat()}, {note.kind}, {escape(whose)}"
    )
    console.print(f"[dim]{escape(where)}[/dim]")
    extras = [f"tags: {', '.join(note.tags)}"] if note.tags else []
    extras += [f"goal: {note.goal}"] if note.goal else []
    for extra in extras:
        console.print(escape(extra))
    console.print()
    say(note.body.rstrip("\n"))
