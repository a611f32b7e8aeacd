"""Output that is not going to a terminal skips rich where rich would add nothing: every line
printed that way must be exactly what rich prints."""

from __future__ import annotations

import io

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
    ["meetings"],
    ["actions", "--all"],
    ["goals"],
    ["notes"],
    ["recap"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_plain_output_is_what_rich_prints(mk, demo, monkeypatch, command):
    plain = mk(*command, "--home", demo)
    assert plain.exit_code == 0, plain.stderr
    monkeypatch.setattr(render._PlainConsole, "text", lambda self, objects, markup=True: None)
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
