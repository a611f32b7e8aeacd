"""End to end through the installed `mk` console script, as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

MK = Path(sys.executable).parent / "mk"


def run(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "MK_HOME": str(home), **env}
    environment.pop("NO_COLOR", None)
    return subprocess.run(
        [str(MK), *args], capture_output=True, text=True, env=environment, stdin=subprocess.DEVNULL
    )


def test_the_installed_mk_runs_the_newcomer_flow(tmp_path):
    home = tmp_path / "mine"
    demo = run("demo", "--home", str(tmp_path / "demo"), home=home)
    assert demo.returncode == 0, demo.stderr
    assert "Mentoring board of directors" in demo.stdout
    assert "\x1b[" not in demo.stdout  # piped output is plain

    assert run("init", "--no-input", "--name", "Sam", home=home).returncode == 0
    for name, role in (("Ana Rivera", "research"), ("Bo Chen", "career"), ("Li Wei", "life")):
        added = run("mentor", "add", name, "--role", role, "--cadence", "monthly", "--no-input",
                    home=home)  # fmt: skip
        assert added.returncode == 0, added.stderr
    run("mentor", "add", "Zoe Old", "--cadence", "weekly", "--last-contact", "2026-01-05",
        "--no-input", home=home)  # fmt: skip
    board = json.loads(run("board", "--json", home=home).stdout)
    assert "clinical" in board["gaps"]
    assert [o["slug"] for o in board["overdue"]] == ["zoe-old"]

    (home / "mentors" / "bo-chen.toml").write_text('name = "Bo Chen"\nadded = "yesterday"\n')
    broken = run("board", home=home)
    assert broken.returncode == 0
    assert "Ana Rivera" in broken.stdout
    assert [line for line in broken.stderr.splitlines() if line.startswith("Error:")] == [
        f"Error: {home / 'mentors' / 'bo-chen.toml'}:2: added: Input should be a valid date "
        "or datetime, input is too short"
    ]
    assert "Traceback" not in broken.stderr


def test_mk_module_entry_and_version(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "menteekit", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("mk ")


def test_mk_module_entry_reports_errors_with_their_exit_code(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "menteekit", "--home", str(tmp_path / "none"), "status"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode != 0
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stderr
