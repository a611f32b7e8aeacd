"""Output that is not going to a terminal skips rich where rich would add nothing: every line
printed that way must be exactly what rich prints."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.markup import escape

from menteekit import render


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
