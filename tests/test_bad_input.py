"""Bad command-line input, for every command: a clear one-line error, exit 1 or 2, and the store
byte-for-byte unchanged.

The table below must name every command and subcommand that `mk --help` lists: a new command
without bad-input cases fails `test_every_command_has_bad_input_cases`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import add_action, add_mentor, snapshot
from records import write_meeting

# Fixture ids: two of each kind share a prefix, to make that prefix ambiguous.
ACTIONS = ("ab123", "ab456")
GOALS = ("gq111", "gq222")
NOTES = ("nn111", "nn222")
MEETINGS = ("mm111", "mm222")
NOWHERE = "/nonexistent-folder-for-mk-tests/out.md"

# command -> [(argv after the command, expected exit codes)]; "ana" matches two mentors.
UNKNOWN, AMBIGUOUS = {1}, {1}
USAGE = {2}
BAD_INPUT: dict[str, list[tuple[list[str], set[int]]]] = {
    "init": [(["--no-input"], {1})],  # refuses an existing store
    "demo": [(["--home", "{store}"], {1})],  # refuses a folder that holds a store
    "touch": [
        (["zed", "--no-input"], UNKNOWN),
        (["ana", "--no-input"], AMBIGUOUS),
        (["ben", "--date", "not a date", "--no-input"], USAGE),
        (["ben", "--date", "2025-02-30", "--no-input"], USAGE),
        (["ben", "--kind", "hug", "--no-input"], USAGE),
        ([], USAGE),
    ],
    "board": [(["--bogus"], USAGE)],
    "status": [(["--bogus"], USAGE)],
    "health": [(["zed"], UNKNOWN), (["ana"], AMBIGUOUS)],
    "log": [
        (["zzzzz", "--no-input"], UNKNOWN),
        (["mm", "--no-input"], AMBIGUOUS),
        (["mm111", "--no-input", "--next", "someday soon"], USAGE),
        (["mm111", "--no-input", "--action", "x", "--due", "2025-13-01"], USAGE),
        (["mm111", "--no-input", "--minutes", "0"], USAGE),
        (["mm111", "--no-input", "--follow-up", "ask again"], USAGE),  # needs --disagree
        (["mm111", "--no-input", "--discussed", "99"], UNKNOWN),  # no such item
    ],
    "recap": [(["zzzzz"], UNKNOWN), (["mm"], AMBIGUOUS)],
    "meetings": [(["--mentor", "zed"], UNKNOWN), (["--upcoming", "--past"], USAGE)],
    "actions": [(["--mentor", "zed"], UNKNOWN), (["--mentor", "ana"], AMBIGUOUS)],
    "done": [(["zzzzz"], UNKNOWN), (["ab"], AMBIGUOUS), ([], USAGE)],
    "goals": [(["--mentor", "zed"], UNKNOWN), (["--bogus"], USAGE)],
    "notes": [(["--mentor", "zed"], UNKNOWN), (["--since", "whenever"], USAGE)],
    "doctor": [(["--bogus"], USAGE)],
    "mentor add": [
        (["", "--no-input"], USAGE),
        (["   ", "--no-input"], USAGE),
        (["--no-input"], USAGE),  # no name, and no prompt to ask for it
        (["Cy Young", "--cadence", "sometimes", "--no-input"], USAGE),
        (["Cy Young", "--last-contact", "tomorrow", "--no-input"], USAGE),  # in the future
        (["Cy Young", "--email", "not-an-email", "--no-input"], USAGE),
    ],
    "mentor list": [(["--status", "retired"], USAGE)],
    "mentor show": [(["zed"], UNKNOWN), (["ana"], AMBIGUOUS)],
    "mentor edit": [(["zed"], UNKNOWN), (["ana"], AMBIGUOUS)],
    "mentor end": [
        (["zed", "--no-input"], UNKNOWN),
        (["ana", "--no-input"], AMBIGUOUS),
        (["ben", "--no-input", "--date", "someday"], USAGE),
        (["ben", "--no-input", "--reason", "r", "--achieved", "a", "--output", NOWHERE], {1}),
    ],
    "mentor phase": [(["zed", "mid"], UNKNOWN), (["ben", "ancient"], USAGE)],
    "mentor agreement": [(["zed", "--no-input"], UNKNOWN), (["ana", "--no-input"], AMBIGUOUS)],
    "agenda new": [
        (["zed", "--no-input"], UNKNOWN),
        (["ana", "--no-input"], AMBIGUOUS),
        (["ben", "--no-input", "--new", "--date", "someday"], USAGE),
        (["ben", "--no-input", "--new", "--date", "2020-01-01 10:00"], USAGE),  # in the past
        (["ben", "--no-input", "--new", "--minutes", "-5"], USAGE),
        (["ben", "--no-input", "--new", "--item", ""], USAGE),
    ],
    "agenda show": [(["zzzzz"], UNKNOWN), (["mm"], AMBIGUOUS)],
    "agenda edit": [(["zzzzz"], UNKNOWN), (["mm"], AMBIGUOUS)],
    "meeting cancel": [(["zzzzz", "--no-input"], UNKNOWN), (["mm", "--no-input"], AMBIGUOUS)],
    "meeting reschedule": [
        (["zzzzz", "--date", "+1w", "--no-input"], UNKNOWN),
        (["mm222", "--date", "garbage", "--no-input"], USAGE),
        (["mm222", "--no-input"], USAGE),  # no date, and no prompt to ask for it
    ],
    "meeting list": [(["--mentor", "zed"], UNKNOWN)],
    "action add": [
        (["", "--no-input"], USAGE),
        (["Call Ben", "--due", "garbage", "--no-input"], USAGE),
        (["Call Ben", "--due", "2025-02-30", "--no-input"], USAGE),
        (["Call Ben", "--mentor", "zed", "--no-input"], UNKNOWN),
        (["Call Ben", "--goal", "gq", "--no-input"], AMBIGUOUS),
        (["Call Ben", "--owner", "boss", "--no-input"], USAGE),
    ],
    "action drop": [(["zzzzz", "--no-input"], UNKNOWN), (["ab", "--no-input"], AMBIGUOUS)],
    "action edit": [(["zzzzz"], UNKNOWN), (["ab"], AMBIGUOUS)],
    "action list": [(["--mentor", "zed"], UNKNOWN), (["--goal", "gq"], AMBIGUOUS)],
    "goal add": [
        (["", "--no-input"], USAGE),
        (["Publish", "--due", "garbage", "--no-input"], USAGE),
        (["Publish", "--horizon", "forever", "--no-input"], USAGE),
        (["Publish", "--mentor", "zed", "--no-input"], UNKNOWN),
    ],
    "goal show": [(["zzzzz"], UNKNOWN), (["gq"], AMBIGUOUS)],
    "goal review": [
        (["zzzzz", "--no-input"], UNKNOWN),
        (["gq", "--no-input"], AMBIGUOUS),
        (["gq111", "--no-input", "--progress", "140"], USAGE),
        (["gq111", "--no-input", "--next", "x", "--next-due", "garbage"], USAGE),
    ],
    "goal done": [(["zzzzz"], UNKNOWN), (["gq"], AMBIGUOUS)],
    "goal drop": [(["zzzzz", "--no-input"], UNKNOWN), (["gq", "--no-input"], AMBIGUOUS)],
    "goal pause": [(["zzzzz"], UNKNOWN), (["gq"], AMBIGUOUS)],
    "goal resume": [(["zzzzz"], UNKNOWN), (["gq"], AMBIGUOUS)],
    "goal link": [(["gq111", "zed"], UNKNOWN), (["gq", "ben"], AMBIGUOUS)],
    "goal edit": [(["zzzzz"], UNKNOWN), (["gq"], AMBIGUOUS)],
    "goal plan": [(["--output", NOWHERE], {1})],
    "goal list": [(["--mentor", "zed"], UNKNOWN)],
    "note add": [
        (["zed", "A question", "--no-input"], UNKNOWN),
        (["ana", "A question", "--no-input"], AMBIGUOUS),
        (["ben", "", "--no-input"], USAGE),
        (["ben", "A question", "--date", "garbage", "--no-input"], USAGE),
        (["ben", "A question", "--mentor", "ben", "--no-input"], USAGE),  # named twice
    ],
    "note show": [(["zzzzz"], UNKNOWN), (["nn"], AMBIGUOUS)],
    "note edit": [(["zzzzz"], UNKNOWN), (["nn"], AMBIGUOUS)],
    "note drop": [(["zzzzz"], UNKNOWN), (["nn"], AMBIGUOUS)],
    "note list": [(["--kind", "rant"], USAGE), (["--mentor", "zed"], UNKNOWN)],
}


def listed_commands(mk) -> list[str]:
    """Every command and subcommand that `mk --help` lists."""

    def names(help_text: str) -> list[str]:
        section = help_text.split("Commands:", 1)[1]
        return re.findall(r"^  (\S+)", section, re.MULTILINE)

    found = []
    for name in names(mk("--help").stdout):
        sub = mk(name, "--help").stdout
        found += [f"{name} {s}" for s in names(sub)] if "Commands:" in sub else [name]
    return found


def test_every_command_has_bad_input_cases(mk):
    assert sorted(listed_commands(mk)) == sorted(BAD_INPUT)


_FIXTURE: dict[str, Path] = {}


def build_fixture(mk, store: Path) -> None:
    add_mentor(mk, "Ana Rivera")
    add_mentor(mk, "Ana Lopez")
    add_mentor(mk, "Ben Okafor")
    write_meeting(store, MEETINGS[0], "ben-okafor", -1, status="planned", reflected=False)
    write_meeting(store, MEETINGS[1], "ben-okafor", 3, status="planned", reflected=False)
    for wanted in ACTIONS:
        made = add_action(mk, f"Action {wanted}", "--mentor", "ben")
        (store / "actions" / f"{made}.toml").rename(store / "actions" / f"{wanted}.toml")
    for wanted in GOALS:
        made = mk("goal", "add", f"Goal {wanted}", "--no-input", "--json").json()["id"]
        (store / "goals" / f"{made}.toml").rename(store / "goals" / f"{wanted}.toml")
    for wanted in NOTES:
        made = mk("note", "add", "ben", f"Note {wanted}", "--json").json()["id"]
        (store / "notes" / f"{made}.md").rename(store / "notes" / f"{wanted}.md")


@pytest.fixture
def populated(mk, store: Path, tmp_path_factory) -> Path:
    """The fixture store, built once per worker and copied for each test."""
    if "base" not in _FIXTURE:
        build_fixture(mk, store)
        base = tmp_path_factory.mktemp("bad-input") / "store"
        shutil.copytree(store, base, symlinks=True)
        _FIXTURE["base"] = base
        return store
    shutil.rmtree(store)
    shutil.copytree(_FIXTURE["base"], store, symlinks=True)
    return store


CASES = [
    pytest.param(command, argv, codes, id=f"{command} {' '.join(argv)}".strip())
    for command, cases in BAD_INPUT.items()
    for argv, codes in cases
]


@pytest.mark.parametrize(("command", "argv", "codes"), CASES)
def test_bad_input_is_a_clear_error_and_writes_nothing(mk, populated, command, argv, codes):
    argv = [a.replace("{store}", str(populated)) for a in argv]
    before = snapshot(populated)
    result = mk(*command.split(), *argv)
    assert result.exit_code in codes, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr
    assert result.stderr.strip(), "an error must say what went wrong"
    assert snapshot(populated) == before
