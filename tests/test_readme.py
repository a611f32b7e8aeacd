"""The README's shell aliases work as written: each one runs in bash against a sample store,
so an edit of the README that breaks one fails here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
ALIAS = re.compile(r"^alias (?P<name>[\w-]+)='(?P<command>[^']*)'\s*(?:#\s*(?P<comment>.*))?$")


def shell_block() -> list[str]:
    """The lines of the sh block in the README's "Use it from your shell" section."""
    section = README.read_text(encoding="utf-8").split("## Use it from your shell", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return block.splitlines()


def alias_lines() -> list[str]:
    return [line for line in shell_block() if line.startswith("alias ")]


def example(line: str) -> str:
    """How the alias is used: its comment when that starts with its name, else its name alone."""
    match = ALIAS.match(line)
    assert match, f"not an alias line the README test can read: {line!r}"
    comment = (match["comment"] or "").strip()
    return comment if comment.split(" ", 1)[0] == match["name"] else match["name"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a shell whose `mk` is this one, on a sample store."""
    home = tmp_path_factory.mktemp("readme") / "store"
    bin_folder = Path(sys.executable).parent
    env = {
        **os.environ,
        "MK_HOME": str(home),
        "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
    }
    env.pop("NO_COLOR", None)
    built = subprocess.run(
        [str(bin_folder / "mk"), "demo", "--home", str(home)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert built.returncode == 0, built.stderr
    return env


def bash(script: str, env: dict[str, str], *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "--norc", "--noprofile", *flags, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def test_the_section_has_the_aliases_the_issue_asks_for():
    commands = " ".join(ALIAS.match(line)["command"] for line in alias_lines())
    for expected in ("mk note", "mk agenda new", "mk actions", "mk meetings --upcoming"):
        assert expected in commands
    assert any(line.startswith("PS1=") for line in shell_block())


@pytest.mark.parametrize("line", alias_lines(), ids=lambda line: ALIAS.match(line)["name"])
def test_each_alias_runs_as_written(line, sample):
    # An alias takes effect from the next line a shell reads, as in a ~/.bashrc.
    result = bash(f"shopt -s expand_aliases\n{line}\n{example(line)}", sample)
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr and "Traceback" not in result.stderr
    assert result.stdout.strip()


def test_the_prompt_line_shows_the_short_status(sample):
    block = "\n".join(shell_block())
    result = bash(f'{block}\nprintf "%s\\n" "${{PS1@P}}"', sample, "-i")
    assert result.returncode == 0, result.stderr
    # The sample has overdue items, so the prompt shows the status words in brackets.
    assert re.fullmatch(r"\[[a-z]+:\d+( [a-z]+:\d+)*\] .*", result.stdout.strip().splitlines()[-1])
