"""Start-up stays light: `mk --help` must not pay for pydantic, rich, tomlkit or the store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HEAVY = ["pydantic", "rich", "tomlkit", "tomli_w", "dateutil", "parsedatetime", "menteekit.store",
         "menteekit.models", "menteekit.render"]  # fmt: skip


CALL_MAIN = "from menteekit.cli import main\ntry:\n    main"


def modules_loaded_by(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=os.environ
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_importing_the_cli_loads_nothing_heavy():
    loaded = modules_loaded_by("import menteekit.cli")
    assert not [m for m in HEAVY if m in loaded]


def test_help_loads_nothing_heavy():
    code = (
        "from menteekit.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "try:\n    main(['mentor', 'add', '--help'])\nexcept SystemExit:\n    pass"
    )
    loaded = modules_loaded_by(code)
    assert not [m for m in HEAVY if m in loaded]


def mk_in(home: Path, *args: str) -> str:
    """Code that runs `mk --home HOME ARGS...` through the real entry point."""
    argv = ["--home", str(home), *args]
    return f"{CALL_MAIN}({argv!r})\nexcept SystemExit:\n    pass"


def test_reading_commands_do_not_load_the_writers(tmp_path):
    home = tmp_path / "store"
    modules_loaded_by(mk_in(home, "init", "--no-input"))
    modules_loaded_by(mk_in(home, "mentor", "add", "Ana", "--no-input"))
    loaded = modules_loaded_by(mk_in(home, "board"))
    assert "menteekit.store" in loaded
    assert not [m for m in ("tomlkit", "filelock", "dateutil", "parsedatetime") if m in loaded]


def test_a_reading_command_right_after_writes_parses_nothing(tmp_path):
    """What a command writes is kept in the cache as written: the shell prompt's
    `mk status --short` right after it does not load the models to parse it again."""
    home = tmp_path / "store"
    modules_loaded_by(mk_in(home, "init", "--no-input"))
    modules_loaded_by(mk_in(home, "mentor", "add", "Ana", "--no-input"))
    modules_loaded_by(
        mk_in(home, "action", "add", "Send the draft", "--mentor", "ana", "--no-input")
    )
    loaded = modules_loaded_by(mk_in(home, "status", "--short"))
    assert not [m for m in ("pydantic", "menteekit.models") if m in loaded]


def test_the_help_listing_matches_the_real_commands():
    """`mk --help` lists the commands without importing them: its listing must say what the real
    commands say, in the same order."""
    from typer.testing import CliRunner

    from menteekit.cli.app import make_app

    runner = CliRunner()
    listed = runner.invoke(make_app(), ["--help"], prog_name="mk", env={"COLUMNS": "300"})
    real = runner.invoke(
        make_app(everything=True), ["--help"], prog_name="mk", env={"COLUMNS": "300"}
    )
    assert listed.exit_code == real.exit_code == 0
    assert listed.output == real.output


def test_only_the_command_run_is_imported():
    loaded = modules_loaded_by(f"{CALL_MAIN}(['actions', '--help'])\nexcept SystemExit:\n    pass")
    assert "menteekit.cli.actions" in loaded
    assert not [m for m in ("menteekit.cli.goals", "menteekit.cli.log") if m in loaded]
    listing = modules_loaded_by(f"{CALL_MAIN}(['--help'])\nexcept SystemExit:\n    pass")
    framework = ("menteekit.cli._common", "menteekit.cli.app", "menteekit.cli.plain")
    assert not [m for m in listing if m.startswith("menteekit.cli.") and m not in framework]


PLAIN_FORMS = [
    ["status"],
    ["status", "--short"],
    ["status", "--json"],
    ["actions"],
    ["actions", "--json"],
    ["health"],
    ["health", "--json"],
]


EXPECTED = {
    "status": lambda shown: "due within 7 days" in shown and "Send the draft" in shown,
    "status --short": lambda shown: shown == "soon:1",
    "status --json": lambda shown: (
        json.loads(shown)["actions_due_soon"][0]["text"] == "Send the draft"
    ),
    "actions": lambda shown: "Send the draft" in shown and "Ana Rivera" not in shown,
    "actions --json": lambda shown: [a["text"] for a in json.loads(shown)] == ["Send the draft"],
    "health": lambda shown: shown.startswith("Ana Rivera (ana-rivera) — new"),
    "health --json": lambda shown: [h["slug"] for h in json.loads(shown)] == ["ana-rivera"],
}
"""What each plain form shows on the store of the test below."""


def test_the_plain_forms_do_not_load_typer(tmp_path):
    """`mk status --short` runs before every prompt; `mk status`, `mk actions` and `mk health`
    are run (and aliased) day to day: their plain forms skip the application."""
    home = tmp_path / "store"
    modules_loaded_by(mk_in(home, "init", "--no-input"))
    modules_loaded_by(mk_in(home, "mentor", "add", "Ana Rivera", "--no-input"))
    modules_loaded_by(
        mk_in(home, "action", "add", "Send the draft", "--due", "today", "--no-input")
    )
    homes = (["--home", str(home)], [f"--home={home}"])
    for words in PLAIN_FORMS:
        for args in ([*words, *homes[0]], [*homes[0], *words], [words[0], *homes[1], *words[1:]]):
            code = f"from menteekit.cli import main\nmain({args!r})\nprint('typer' in sys.modules)"
            result = subprocess.run(
                [sys.executable, "-c", f"import sys\n{code}"], capture_output=True, text=True
            )
            assert (result.returncode, result.stderr) == (0, ""), args
            shown, loaded = result.stdout.removesuffix("\n").rsplit("\n", 1)
            assert loaded == "False", args
            assert EXPECTED[" ".join(words)](shown), args


def test_the_plain_forms_show_what_the_application_shows(tmp_path, mk):
    """What `cli/plain.py` answers, the application would have answered alike: on the sample
    store, and on one whose profile in menteekit.toml is broken (reported once, all the same)."""
    from typer.testing import CliRunner

    from menteekit.cli.app import make_app

    env = {"MK_HOME": str(tmp_path / "none"), "NO_COLOR": "1", "COLUMNS": "200"}
    sample = tmp_path / "sample"
    made = CliRunner().invoke(make_app("demo"), ["demo", "--home", str(sample)], env=env)
    assert made.exit_code == 0, made.output
    broken = tmp_path / "broken"
    shutil.copytree(sample, broken)
    config = broken / "menteekit.toml"
    config.write_text(config.read_text().replace('name = "', "name = 5 # ", 1))
    for home in (sample, broken):
        for words in PLAIN_FORMS:
            args = [*words, "--home", str(home)]
            plain = mk(*args)
            via_app = CliRunner().invoke(make_app(words[0]), args, prog_name="mk", env=env)
            assert plain.exit_code == via_app.exit_code == 0, args
            assert (plain.stdout, plain.stderr) == (via_app.stdout, via_app.stderr), args
            if home == broken and words != ["status", "--short"]:
                assert plain.stderr.count("menteekit.toml") == 1, args


def test_shell_completion_still_knows_every_subcommand():
    """Completion passes its words in the environment, so no command name is in the args."""
    env = {
        **os.environ,
        "_MK_COMPLETE": "complete_bash",
        "COMP_WORDS": "mk goal ",
        "COMP_CWORD": "2",
    }
    code = f"{CALL_MAIN}([])\nexcept SystemExit:\n    pass"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert {"add", "review", "plan"} <= set(result.stdout.split())


def test_a_command_given_all_its_answers_does_not_load_rich(tmp_path):
    """Prompts need rich; `--no-input` and piped output do not."""
    argv = ["--home", str(tmp_path / "store")]
    modules_loaded_by(
        f"{CALL_MAIN}({[*argv, 'init', '--no-input']!r})\nexcept SystemExit:\n    pass"
    )
    add = [*argv, "mentor", "add", "Ana Rivera", "--role", "research", "--no-input"]
    loaded = modules_loaded_by(f"{CALL_MAIN}({add!r})\nexcept SystemExit:\n    pass")
    assert "menteekit.prompts" in loaded
    assert not [m for m in loaded if m == "rich" or m.startswith("rich.")]
