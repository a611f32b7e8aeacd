"""Crash safety: real `mk` write commands killed with SIGKILL at random moments lose nothing.

Each trial copies a small store, starts one write command in its own process with the store's
test-only write delay (MK_TEST_WRITE_DELAY: every write stalls half-written in its temporary
file, then again before the rename), kills it with SIGKILL at a random moment, and checks:

- every record file is either byte-for-byte its old version, or a complete new version: it
  validates and is exactly what the store's writer makes of that record (a torn file is not);
- no record file vanished, and a leftover temporary file is never listed as a record;
- `mk doctor` finds no problem, and the same command then runs to the end (no stale lock).

The default suite runs a few trials per command; `pytest -m full` runs the full count.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import add_action, add_mentor, snapshot
from menteekit.store import FENCE, Store, _dump, _split_front_matter
from records import write_meeting

WRITE_DELAY = 0.05  # seconds each write stalls, twice: enough to land kills inside writes
QUICK_TRIALS = 2  # per command, in the default suite
FULL_TRIALS = 40  # per command under `pytest -m full`: 6 commands, 240 trials


@dataclass
class Base:
    """A store with one of everything, and the ids the commands need."""

    root: Path
    meeting: str
    action: str
    goal: str


@pytest.fixture
def base(mk, store) -> Base:
    add_mentor(mk, "Ana Rivera", "--role", "research", "--cadence", "monthly")
    # Yesterday's meeting, still to be logged (commands cannot plan one in the past).
    meeting = "k7m2p"
    write_meeting(store, meeting, "ana-rivera", -1, status="planned", reflected=False)
    action = add_action(mk, "Draft the aims page", "--mentor", "ana", "--due", "+1w")
    goal = mk("goal", "add", "Submit the K award", "--no-input", "--json").json()["id"]
    assert mk("note", "add", "ana", "Ask about sabbaticals").exit_code == 0
    return Base(store, meeting, action, goal)


def commands(b: Base) -> dict[str, list[str]]:
    """The write commands of the issue, each changing several files in one run."""
    return {
        "agenda new": ["agenda", "new", "ana", "--no-input", "--new", "--date", "+9d", "--item",
                       "Talk about teaching", "--item", "Ask for feedback on the talk"],
        "log": ["log", b.meeting, "--no-input", "--note", "It went well", "--decision",
                "Apply in June", "--action", "Send the draft", "--action", "mentor: Read it",
                "--due", "+2w", "--next", "+4w"],
        "action add": ["action", "add", "Book the room", "--no-input", "--mentor", "ana",
                       "--due", "+3d"],
        "done": ["done", b.action],
        "goal review": ["goal", "review", b.goal, "--no-input", "--progress", "40", "--helped",
                        "Writing every morning", "--next", "Outline chapter 2", "--next-due",
                        "+1w", "--mentor", "ana"],
        "touch": ["touch", "ana", "--kind", "thanks", "--note", "For the introduction",
                  "--no-input"],
    }  # fmt: skip


@dataclass
class Tally:
    trials: int = 0
    mid_write: int = 0  # killed while a temporary file was there: inside a write
    outcomes: dict[str, int] = field(default_factory=dict)


# Each listing and the folder of the records it lists.
LISTINGS = {
    "actions --all": "actions",
    "goals --all": "goals",
    "meetings": "meetings",
    "notes --all": "notes",
    "mentor list": "mentors",
}


def record_files(root: Path) -> dict[str, bytes]:
    """The files the store reads as records (a dot file, such as a temporary one, is not)."""
    return {
        name: data
        for name, data in snapshot(root).items()
        if not any(part.startswith(".") for part in Path(name).parts)
    }


def temporaries(root: Path) -> list[Path]:
    return list(root.rglob(".*.tmp"))


def writing(root: Path, before: dict[str, bytes]) -> bool:
    """Whether a write has begun: a temporary file, or a record file that changed."""
    return bool(temporaries(root)) or record_files(root) != before


def assert_complete(store: Store, name: str, new: bytes, old: bytes | None) -> None:
    """`new` is a whole record: valid, and what the writer makes of it from `old`."""
    path = store.root / name
    text = new.decode("utf-8")
    folder = Path(name).parts[0]
    before = old.decode("utf-8") if old is not None else None
    if name == "menteekit.toml":
        store.open()
        assert store.config_problem is None
        return
    if folder in ("meetings", "notes"):
        record_id = path.stem.rsplit("-", 1)[-1]
        parse = store.parse_meeting if folder == "meetings" else store.parse_note
        record = parse(record_id, text, path)
        front, body = _split_front_matter(path, text)
        old_front, old_body = _split_front_matter(path, before) if before else (None, "")
        assert body.startswith(old_body), f"{name}: the Markdown body lost text"
        assert front == _dump(record, old_front, path), f"{name}: not a whole front matter"
        assert text.startswith(FENCE)
        return
    parse = {
        "mentors": store.parse_mentor,
        "actions": store.parse_action,
        "goals": store.parse_goal,
    }[folder]
    record = parse(path.stem, text, path)
    assert text == _dump(record, before, path), f"{name}: not a whole record"


def one_trial(mk, base: Base, argv: list[str], tmp: Path, rng: random.Random, tally: Tally):
    root = tmp / f"trial-{tally.trials}"
    shutil.copytree(base.root, root, symlinks=True)
    before = record_files(root)
    env = {**os.environ, "MK_HOME": str(root), "MK_TEST_WRITE_DELAY": str(WRITE_DELAY)}
    process = subprocess.Popen(
        [sys.executable, "-m", "menteekit", *argv],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # Every other kill lands inside the first write (while it stalls half-written); the rest
    # at any moment of the run, start-up included.
    if tally.trials % 2 == 0:
        deadline = time.monotonic() + 15
        while not writing(root, before) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(rng.uniform(0.1, 0.9) * WRITE_DELAY)
    else:
        time.sleep(rng.uniform(0, 0.8))
    mid_write = bool(temporaries(root))
    process.send_signal(signal.SIGKILL)
    _, err = process.communicate(timeout=30)
    tally.trials += 1
    if process.returncode == -signal.SIGKILL:
        outcome = "killed mid-write" if mid_write else "killed"
        tally.mid_write += mid_write
    else:
        assert process.returncode == 0, err.decode()
        outcome = "finished first"
    tally.outcomes[outcome] = tally.outcomes.get(outcome, 0) + 1

    after = record_files(root)
    store = Store(root)
    assert set(before) <= set(after), f"files vanished: {set(before) - set(after)}"
    for name, data in after.items():
        if before.get(name) != data:
            assert_complete(store, name, data, before.get(name))
    # A leftover temporary file is only ever a hidden .tmp, never listed as a record.
    for leftover in temporaries(root):
        assert leftover.name.startswith(".") and leftover.suffix == ".tmp"
    for listing, folder in LISTINGS.items():
        listed = mk(*listing.split(), "--json", "--home", str(root)).json()
        files = [n for n in after if n.startswith(f"{folder}/")]
        assert len(listed) == len(files), (listing, listed, files)
    doctor = mk("doctor", "--json", "--home", str(root))
    assert doctor.exit_code == 0, doctor.stdout
    assert doctor.json()["problems"] == []
    # The killed process held the lock: it is free again, and the command works.
    again = mk(*argv, "--home", str(root))
    assert again.exit_code == 0, again.stderr
    shutil.rmtree(root)


def run_trials(mk, base: Base, command: str, trials: int, tmp_path: Path) -> Tally:
    argv = commands(base)[command]
    rng = random.Random(f"{command}-{trials}")
    tally = Tally()
    for _ in range(trials):
        one_trial(mk, base, argv, tmp_path, rng, tally)
    print(f"{command}: {tally}")
    return tally


COMMANDS = ["agenda new", "log", "action add", "done", "goal review", "touch"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_killed_write_leaves_every_file_old_or_new(mk, base, command, tmp_path):
    run_trials(mk, base, command, QUICK_TRIALS, tmp_path)


@pytest.mark.full
@pytest.mark.parametrize("command", COMMANDS)
def test_full_crash_trials(mk, base, command, tmp_path):
    tally = run_trials(mk, base, command, FULL_TRIALS, tmp_path)
    assert tally.trials == FULL_TRIALS
    # The trials are worth something only if many kills landed inside a write.
    assert tally.mid_write >= FULL_TRIALS // 4, tally
