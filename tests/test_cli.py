"""Global behaviour: help with examples, version, exit codes, the one error boundary."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from menteekit import __version__

COMMANDS = [
    ["init"],
    ["demo"],
    ["board"],
    ["doctor"],
    ["mentor", "add"],
    ["mentor", "list"],
    ["mentor", "show"],
    ["mentor", "edit"],
    ["mentor", "end"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(mk, command):
    result = mk(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"mk {' '.join(command)}" in result.stdout


def test_top_level_help_lists_the_commands(mk):
    result = mk("--help")
    assert result.exit_code == 0
    for name in ("init", "demo", "mentor", "board", "doctor"):
        assert name in result.stdout


def test_version(mk):
    result = mk("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"mk {__version__}"


def test_unknown_command_is_a_usage_error(mk):
    result = mk("bogus")
    assert result.exit_code == 2
    assert "No such command" in result.stderr


def test_bad_option_value_is_a_usage_error(mk, store):
    result = mk("mentor", "add", "Ana", "--role", "astronaut", "--no-input")
    assert result.exit_code == 2
    assert "astronaut" in result.stderr
    assert not list((store / "mentors").iterdir())


def test_missing_store_is_a_clear_domain_error(mk, isolated_home):
    result = mk("board")
    assert result.exit_code == 1
    assert f"No menteekit store at {isolated_home}" in result.stderr
    assert "mk init" in result.stderr
    assert "Traceback" not in result.stderr


def test_home_option_before_or_after_the_command(mk, tmp_path):
    other = tmp_path / "elsewhere"
    assert mk("--home", str(other), "init", "--no-input").exit_code == 0
    assert mk("--home", str(other), "mentor", "add", "Ana Rivera", "--no-input").exit_code == 0
    listed = mk("mentor", "list", "--json", "--home", str(other))
    assert [m["slug"] for m in listed.json()] == ["ana-rivera"]


def test_home_option_wins_over_environment(mk, tmp_path, monkeypatch, isolated_home):
    other = tmp_path / "chosen"
    assert mk("init", "--no-input", "--home", str(other)).exit_code == 0
    assert (other / "menteekit.toml").is_file()
    assert not isolated_home.exists()


def test_unexpected_failure_is_one_line_without_traceback(mk, store, monkeypatch):
    import menteekit.services.board as board_service

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(board_service, "build_board", broken)
    result = mk("board")
    assert result.exit_code == 70
    assert "internal error" in result.stderr and "MK_DEBUG=1" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_variable_shows_the_traceback(mk, isolated_home):
    result = mk("board", env={"MK_DEBUG": "1"})
    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert "No menteekit store" in result.stderr


def test_debug_off_values_do_not_show_a_traceback(mk, isolated_home):
    result = mk("board", env={"MK_DEBUG": "0"})
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr


def test_home_before_demo_builds_the_sample_there(mk, tmp_path, isolated_home):
    home = tmp_path / "sample"
    assert mk("--home", str(home), "demo").exit_code == 0
    assert (home / "menteekit.toml").is_file()
    assert not isolated_home.exists()


def test_a_deep_new_home_is_private_all_the_way_down(mk, tmp_path):
    import os

    old = os.umask(0o000)
    try:
        assert mk("--home", str(tmp_path / "deep" / "a" / "b"), "init", "--no-input").exit_code == 0
    finally:
        os.umask(old)
    for folder in (tmp_path / "deep", tmp_path / "deep" / "a", tmp_path / "deep" / "a" / "b"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


def test_bare_mk_shows_help_and_succeeds(mk):
    result = mk()
    assert result.exit_code == 0
    assert "Usage: mk" in result.stdout


def test_an_output_that_cannot_carry_the_text_is_a_clear_error(tmp_path):
    mk = str(Path(sys.executable).parent / "mk")
    env = {**os.environ, "MK_HOME": str(tmp_path / "s")}
    subprocess.run([mk, "demo", "--home", str(tmp_path / "s")], env=env, capture_output=True)
    result = subprocess.run(
        [mk, "board"], env={**env, "PYTHONIOENCODING": "ascii"}, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "PYTHONIOENCODING=utf-8" in result.stderr and "Traceback" not in result.stderr


def test_ctrl_c_exits_130_quietly_on_the_prompts_line_too(mk, store, monkeypatch):
    """`mk status --short` skips typer, which is what answers Ctrl-C elsewhere."""
    from menteekit.cli import plain

    def interrupted(store):
        raise KeyboardInterrupt

    monkeypatch.setattr(plain, "print_line", interrupted)
    result = mk("status", "--short")
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "")


def test_an_option_taken_as_the_home_folder_is_a_usage_error(mk, store):
    result = mk("status", "--home", "--short")
    assert result.exit_code == 2
    assert "'--short', which looks like an option" in result.stderr
    assert "./--short" in result.stderr


def run_mk(tmp_path: Path, command: str, redirect: str) -> subprocess.CompletedProcess[str]:
    """`mk COMMAND REDIRECT` in bash, on a store with one item due today."""
    home = tmp_path / "s"
    env = {**os.environ, "MK_HOME": str(home), "PYTHONUNBUFFERED": ""}
    mk = shlex.quote(sys.executable) + " -m menteekit"
    if not home.exists():
        for setup in ("init --no-input", "action add 'Send the draft' --due today --no-input"):
            subprocess.run(["bash", "-c", f"{mk} {setup}"], env=env, capture_output=True)
    return subprocess.run(
        ["bash", "-c", f"{mk} {command} {redirect}"], env=env, capture_output=True, text=True
    )


@pytest.mark.parametrize("command", ["status --short", "status", "actions"])
def test_output_that_cannot_be_written_is_one_clear_exit(tmp_path, command):
    """A reader that went away (`| head -c0`) ends the run quietly with 1, as typer does; a
    full disk is one line; a closed output does nothing. Never Python's warning at exit."""
    gone = run_mk(tmp_path, command, "| head -c0; exit ${PIPESTATUS[0]}")
    assert (gone.returncode, gone.stderr) == (1, "")
    if os.path.exists("/dev/full"):
        full = run_mk(tmp_path, command, "> /dev/full")
        assert (full.returncode, full.stderr) == (1, "Error: No space left on device\n")
    closed = run_mk(tmp_path, command, ">&-")
    assert closed.returncode == 1
    assert closed.stderr == "Error: the standard output is closed; nothing was done.\n"


def test_a_closed_stderr_still_shows_the_output(tmp_path):
    """`2>&-` only says the messages are not wanted."""
    result = run_mk(tmp_path, "status --short", "2>&-")
    assert (result.returncode, result.stdout) == (0, "soon:1\n")


def test_an_error_is_not_hidden_by_output_that_cannot_be_written(tmp_path):
    """Output buffered for a reader that has gone, then an error: the error is what counts."""
    code = (
        "import sys\n"
        "from menteekit.cli import main, plain\n"
        "from menteekit.errors import UsageError\n"
        "def answer(args):\n"
        "    sys.stdout.write('partial\\n')\n"
        "    raise UsageError('a real usage problem')\n"
        "plain.answer = answer\n"
        "main(['status'])\n"
    )
    reader, writer = os.pipe()
    os.close(reader)
    try:
        buffered = {**os.environ, "PYTHONUNBUFFERED": ""}
        result = subprocess.run(
            [sys.executable, "-c", code], stdout=writer, stderr=subprocess.PIPE, text=True,
            env=buffered,
        )  # fmt: skip
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (2, "Error: a real usage problem\n")
