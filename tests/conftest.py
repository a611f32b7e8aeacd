"""Every test runs the real `mk` against its own temporary store (MK_HOME points into tmp_path)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from menteekit.cli import main


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "store"
    monkeypatch.setenv("MK_HOME", str(home))
    monkeypatch.setenv("MK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    for variable in ("VISUAL", "EDITOR", "MK_DEBUG"):
        monkeypatch.delenv(variable, raising=False)
    return home


@pytest.fixture
def mk():
    """Run `mk ARGS...` in-process through the real entry point and its error boundary."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Run:
        with runner.isolation(input=input, env=env) as (stdout, stderr, _):
            try:
                main(list(args))
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
            return Run(code, stdout.getvalue().decode(), stderr.getvalue().decode())

    return run


@pytest.fixture
def store(mk, isolated_home: Path) -> Path:
    """A fresh store, created the way a user would (`mk init --no-input`)."""
    result = mk("init", "--no-input", "--name", "Sam Okafor", "--value", "curiosity")
    assert result.exit_code == 0, result.stderr
    return isolated_home


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` with its bytes, to prove a failed command wrote nothing."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".mk.lock"
    }


def add_mentor(mk, name: str, *flags: str) -> dict[str, Any]:
    result = mk("mentor", "add", name, "--no-input", "--json", *flags)
    assert result.exit_code == 0, result.stderr
    return result.json()


def environ_with(**extra: str) -> dict[str, str]:
    return {**os.environ, **extra}


# -- meetings --------------------------------------------------------------------------------

TODAY = dt.date.today()
WRAP_UP = "Wrap-up: who does what by when, and the date of our next meeting"


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def meeting_file(store: Path, meeting_id: str) -> Path:
    [path] = (store / "meetings").glob(f"*-{meeting_id}.md")
    return path


def split_meeting(text: str) -> tuple[dict, str]:
    """The parsed TOML front matter between the `+++` lines, and the Markdown body."""
    lines = text.splitlines(keepends=True)
    assert lines[0] == "+++\n"
    close = lines.index("+++\n", 1)
    return tomllib.loads("".join(lines[1:close])), "".join(lines[close + 1 :])


def wall(value: dt.datetime) -> dt.datetime:
    return value.astimezone().replace(tzinfo=None)


def plan(mk, mentor: str, *flags: str) -> dict:
    result = mk("agenda", "new", mentor, "--no-input", "--json", *flags)
    assert result.exit_code == 0, result.stderr
    return result.json()


def log(mk, meeting: str, *flags: str) -> dict:
    result = mk("log", meeting, "--no-input", "--json", *flags)
    assert result.exit_code == 0, result.stderr
    return result.json()


def add_action(mk, text: str, *flags: str) -> str:
    result = mk("action", "add", text, "--no-input", "--json", *flags)
    assert result.exit_code == 0, result.stderr
    return result.json()["id"]
