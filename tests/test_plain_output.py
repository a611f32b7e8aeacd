"""Output skips rich where menteekit can print the same itself: piped output where rich would
add nothing, and on a terminal the lines it can lay out and colour as rich does. Every byte
printed that way must be what rich prints."""

from __future__ import annotations

import io
import json
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding

from menteekit import render, terminal


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    from menteekit.cli import main

    home = str(tmp_path_factory.mktemp("demo") / "store")
    with pytest.raises(SystemExit) as done:
        main(["demo", "--home", home])
    assert done.value.code in (0, None)
    return home


COMMANDS = [
    ["status"],
    ["health"],
    ["board"],
    ["mentor", "list"],
    ["mentor", "show", "ana-rivera"],
    ["meetings"],
    ["actions", "--all"],
    ["goals"],
    ["notes"],
    ["recap"],
]


@pytest.mark.parametrize("command", [*COMMANDS, ["goal", "show"]], ids=" ".join)
def test_plain_output_is_what_rich_prints(mk, demo, monkeypatch, command):
    if command == ["goal", "show"]:
        goals = json.loads(mk("goal", "list", "--json", "--home", demo).stdout)
        command = [*command, goals[0]["id"]]
    plain = mk(*command, "--home", demo)
    assert plain.exit_code == 0, plain.stderr
    monkeypatch.setattr(render._PlainConsole, "text", lambda self, *args, **kwargs: None)
    rich = mk(*command, "--home", demo)
    assert (plain.stdout, plain.stderr) == (rich.stdout, rich.stderr)
    assert plain.stdout.strip()


def rich_prints(markup: str) -> str:
    stream = io.StringIO()
    console = Console(file=render._TrimmedLines(stream), width=render.PIPED_WIDTH, highlight=False)
    console.print(markup)
    return stream.getvalue()


words = st.text(alphabet=st.sampled_from("ab [/]\\:é→"), max_size=30)


@given(words, words)
def test_markup_is_read_as_rich_reads_it(user_text, more):
    for markup in (
        f"[bold]{escape(user_text)}[/bold] {escape(more)}",
        f"  [dim]→ {escape(user_text)}[/dim]",
        escape(user_text + more),
    ):
        stream = io.StringIO()
        render._PlainConsole(stream).print(markup)
        assert stream.getvalue() == rich_prints(markup), markup


@given(st.text(alphabet=st.sampled_from("ab [/]\\#@x"), max_size=40))
def test_escape_is_riches(text):
    assert render.escape(text) == escape(text)


# Wide characters (CJK) and control characters are left to rich; the test holds the
# hand-over to the same output.
cells = st.text(alphabet=st.sampled_from("ab [/]\\é—:\u4e00\x1b\x00\x7f\x85"), max_size=12)


@given(
    st.booleans(),
    st.integers(min_value=0, max_value=2),
    st.lists(st.lists(cells, min_size=1, max_size=3), max_size=4),
    st.sampled_from([0, 30, 20, 16, 15, 14, 12, 8, 2, 1, -1]),
)
def test_tables_are_laid_out_as_rich_lays_them_out(header, padding, rows, long):
    table = render._Table.listing() if header else render._Table.grid(padding=(0, padding))
    if header:
        for name in ("first", "second", "third"):
            table.add_column(name)
    for row in rows:
        table.add_row(*(escape(cell) for cell in row))
    if long:  # a cell long enough to bring a row near or past the width
        table.add_row("", "x" * (render.PIPED_WIDTH - long))
    stream = io.StringIO()
    render._PlainConsole(stream).print(table)
    expected = io.StringIO()
    rich_console = Console(
        file=render._TrimmedLines(expected), width=render.PIPED_WIDTH, highlight=False
    )
    rich_console.print(table)
    assert stream.getvalue() == expected.getvalue()


# -- a terminal -----------------------------------------------------------------------------


def rich_console(file: io.StringIO | None, width: int, colour: bool, stderr: bool = False):
    return Console(
        file=file,
        stderr=stderr,
        width=width,
        force_terminal=True,
        color_system="standard",
        no_color=not colour,
        highlight=False,
    )


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("command", [*COMMANDS, ["goal", "show"]], ids=" ".join)
def test_terminal_output_is_what_rich_prints(mk, demo, monkeypatch, command, width):
    if command == ["goal", "show"]:
        goals = json.loads(mk("goal", "list", "--json", "--home", demo).stdout)
        command = [*command, goals[0]["id"]]

    def own(stderr: bool) -> render._TerminalConsole:
        stream = sys.stderr if stderr else sys.stdout
        return render._TerminalConsole(
            stream, width, True, lambda: rich_console(None, width, True, stderr)
        )

    monkeypatch.setattr(render, "_console", own)
    laid_out = mk(*command, "--home", demo)
    assert laid_out.exit_code == 0, laid_out.stderr
    monkeypatch.setattr(render, "_console", lambda stderr: rich_console(None, width, True, stderr))
    printed = mk(*command, "--home", demo)
    assert (laid_out.stdout, laid_out.stderr) == (printed.stdout, printed.stderr)
    assert "\x1b[1m" in laid_out.stdout or command[0] in ("recap", "notes")


def terminal_prints(
    markup: str, width: int, colour: bool, indent: int | None, soft_wrap: bool = False
) -> str:
    stream = io.StringIO()
    rich_console(stream, width, colour).print(
        markup if indent is None else Padding(markup, (0, 0, 0, indent)), soft_wrap=soft_wrap
    )
    return stream.getvalue()


styles = st.sampled_from(["bold", "dim", "red", "yellow", "green", "cyan", "bold red", "dim cyan"])
words = st.text(alphabet=st.sampled_from("ab  [/]\\:é→—"), max_size=12)


@st.composite
def markups(draw) -> str:
    """Markup as menteekit writes it: the user's words escaped, in tags that nest."""
    parts = []
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        text = escape(draw(words))
        if draw(st.booleans()):
            style = draw(styles)
            closing = draw(st.sampled_from([f"[/{style}]", "[/]", ""]))
            text = f"[{style}]{text}{closing}"
        parts.append(text)
    return draw(st.sampled_from(["", " ", "  "])).join(parts)


@settings(max_examples=300)  # most draws are left to rich: enough must be laid out here
@given(
    markups(),
    st.integers(min_value=1, max_value=40),
    st.booleans(),
    st.one_of(st.none(), st.integers(min_value=1, max_value=6)),
    st.booleans(),
)
def test_lines_are_laid_out_as_rich_lays_them_out(markup, width, colour, indent, soft_wrap):
    soft_wrap = soft_wrap and indent is None  # messages soft-wrap; indented lines never do
    shown = terminal.lines(markup, width, colour=colour, indent=indent, soft_wrap=soft_wrap)
    if shown is not None:
        assert "".join(f"{line}\n" for line in shown) == terminal_prints(
            markup, width, colour, indent, soft_wrap
        )


def test_what_menteekit_prints_is_laid_out_without_rich():
    """The usual lines: styles, escaped words, a hint that wraps under its indent."""
    for markup, indent in [
        ("[bold]Next meetings[/bold]", None),
        ("  Thu 3 Dec 14:00  Ana: [red]agenda not ready[/red]  [dim]→ mk agenda new ana[/dim]", 2),
        (f"  [yellow]![/yellow] {escape('[notes] for the next one')}", 2),
        ("[bold]a[/bold][bold]b[/bold] [bold][red]c[/red]d[/] [green]unclosed", None),
    ]:
        for colour in (True, False):
            shown = terminal.lines(markup, 30, colour=colour, indent=indent)
            assert shown is not None, markup
            expected = terminal_prints(markup, 30, colour, indent)
            assert "".join(f"{line}\n" for line in shown) == expected


def test_what_it_cannot_vouch_for_is_left_to_rich():
    assert terminal.lines("[link=https://example.org]here[/link]", 40, colour=True) is None
    assert terminal.lines("[/bold] nothing to close", 40, colour=True) is None
    assert terminal.lines("[on red]background[/on red]", 40, colour=True) is None
    assert terminal.lines("a-word-longer-than-the-line", 10, colour=True) is None
    stream = io.StringIO()
    console = render._TerminalConsole(stream, 40, True, lambda: rich_console(stream, 40, True))
    for text in ("tab\there", "wide \u4e00", "emoji :smile:", "two\nlines", "[on red]x[/on red]"):
        console.print(text)
    expected = io.StringIO()
    reference = rich_console(expected, 40, True)
    for text in ("tab\there", "wide \u4e00", "emoji :smile:", "two\nlines", "[on red]x[/on red]"):
        reference.print(text)
    assert stream.getvalue() == expected.getvalue()


def test_a_terminal_gets_its_own_console_unless_the_environment_asks_for_rich(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "77")
    console = render.out()
    assert isinstance(console, render._TerminalConsole)
    assert (console.width, console.colour) == (77, True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert render.out().colour is False
    asked = (("TERM", "dumb"), ("TTY_COMPATIBLE", "1"), ("FORCE_COLOR", "1"), ("FORCE_COLOR", ""))
    for name, value in asked:
        with monkeypatch.context() as changed:
            changed.setenv(name, value)
            assert isinstance(render.out(), Console)


@settings(max_examples=500)  # most draws are left to rich: enough must be laid out here
@given(
    st.booleans(),
    st.integers(min_value=0, max_value=2),
    st.lists(st.lists(markups(), min_size=1, max_size=3), max_size=4),
    st.lists(st.sampled_from(["", "bold", "dim", "red"]), min_size=3, max_size=3),
    st.integers(min_value=10, max_value=90),
    st.booleans(),
)
def test_tables_are_coloured_as_rich_colours_them(header, padding, rows, styles, width, colour):
    table = render._Table.listing() if header else render._Table.grid(padding=(0, padding))
    for name, style in zip(("first", "second", "third"), styles, strict=True):
        options = {"style": style} if style else {}
        table.add_column(name if header else "", **options)
    for row in rows:
        table.add_row(*row)
    shown = table.terminal_lines(width, colour)
    if shown is not None:
        expected = io.StringIO()
        rich_console(expected, width, colour).print(table)
        assert "".join(f"{line}\n" for line in shown) == expected.getvalue()


def test_a_table_that_fits_is_laid_out_without_rich():
    table = render._Table.listing()
    for column in ("id", "text"):
        table.add_column(column)
    table.add_row("ab1", "[red]overdue[/red] Send the [bold]draft[/bold]")
    grid = render._Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    grid.add_row("  cadence kept", "5 of 6 [yellow]monthly[/yellow] intervals")
    for each in (table, grid):
        for colour in (True, False):
            shown = each.terminal_lines(60, colour)
            assert shown is not None
            expected = io.StringIO()
            rich_console(expected, 60, colour).print(each)
            assert "".join(f"{line}\n" for line in shown) == expected.getvalue()


def test_a_character_laid_out_here_takes_one_column_in_rich_too():
    """Rich counts widths with tables of its own; where Python's differ (spacing marks in
    Devanagari, some symbols), only rich can lay the line out."""
    from rich.cells import cell_len

    for low, high in terminal.ONE_CELL_BLOCKS:
        for point in range(low, high + 1):
            if terminal.narrow(chr(point)):
                assert cell_len(chr(point)) == 1, hex(point)
    assert terminal.narrow("José Müller — ‘quoted’ → €5 ▁▂▃")
    assert not terminal.narrow("किरण")  # a spacing mark: no column of its own in rich
    assert not terminal.narrow("☰ 한")


def test_a_table_on_a_stream_that_is_not_utf8_is_left_to_rich():
    """Rich draws its lines in ASCII there."""

    class Latin1(io.StringIO):
        encoding = "latin-1"

    table = render._Table.listing()
    table.add_column("id")
    table.add_row("ab1")
    stream = Latin1()
    render._PlainConsole(stream).print(table)
    assert "─" not in stream.getvalue() and "ab1" in stream.getvalue()
    shown = Latin1()
    reference = Console(file=shown, width=40, force_terminal=True, highlight=False)
    render._TerminalConsole(shown, 40, True, lambda: reference).print(table)
    assert "─" not in shown.getvalue() and "ab1" in shown.getvalue()
