"""Concurrency: `mk` processes running at the same moment lose nothing and never share an id."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from conftest import add_mentor, meeting_file, split_meeting
from menteekit.store import Store
from records import write_meeting

# Each worker waits for the signal to go, then runs its list of `mk` commands in-process (one
# interpreter per worker: starting 200 interpreters would measure start-up, not the lock).
WORKER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path

    import menteekit.models, menteekit.render, menteekit.store
    from menteekit.cli import main

    ready, go, commands = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
    ready.touch()
    deadline = time.monotonic() + 60
    while not go.exists():
        if time.monotonic() > deadline:
            sys.exit("never told to go")
        time.sleep(0.001)
    for argv in commands:
        try:
            main(argv)
        except SystemExit as exit_:
            if exit_.code not in (0, None):
                sys.exit(exit_.code)
    """
)


def run_together(
    store: Path, sync: Path, jobs: list[list[list[str]]], env: dict[str, str] | None = None
) -> None:
    """Start one process per job, release them all at once, and check each succeeded."""
    import json

    sync.mkdir()
    go = sync / "go"
    env = {**os.environ, "MK_HOME": str(store), **(env or {})}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(sync / f"ready-{n}"), str(go), json.dumps(job)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n, job in enumerate(jobs)
    ]
    try:
        deadline = time.monotonic() + 60
        while len(list(sync.glob("ready-*"))) < len(jobs) and time.monotonic() < deadline:
            time.sleep(0.01)
        go.touch()
        errors = [p.communicate(timeout=120)[1].decode() for p in processes]
    finally:
        for p in processes:
            if p.poll() is None:
                p.kill()
                p.wait()
    for p, err in zip(processes, errors, strict=True):
        assert p.returncode == 0, err


def test_eight_writers_adding_actions_and_contacts_lose_nothing(mk, store, tmp_path):
    add_mentor(mk, "Ana Rivera")
    workers, adds = 8, 25
    jobs = [
        [
            argv
            for n in range(adds)
            for argv in (
                ["action", "add", f"Task {w}-{n}", "--mentor", "ana", "--no-input"],
                ["touch", "ana", "--note", f"Contact {w}-{n}", "--no-input"],
            )
        ]
        for w in range(workers)
    ]
    run_together(store, tmp_path / "sync", jobs)

    actions = mk("actions", "--all", "--json").json()
    assert len(actions) == workers * adds
    assert len({a["id"] for a in actions}) == workers * adds
    assert {a["text"] for a in actions} == {
        f"Task {w}-{n}" for w in range(workers) for n in range(adds)
    }
    assert len(list((store / "actions").glob("*.toml"))) == workers * adds
    mentor = Store(store).load_mentor("ana-rivera")
    notes = [c.note for c in mentor.contacts]
    assert sorted(notes) == sorted(f"Contact {w}-{n}" for w in range(workers) for n in range(adds))
    assert list(store.rglob(".*.tmp")) == []


def test_two_logs_of_the_same_meeting_keep_both(mk, store, tmp_path):
    add_mentor(mk, "Ana Rivera")
    write_meeting(store, "k7m2p", "ana-rivera", -1, status="planned", reflected=False)
    jobs = [
        [["log", "k7m2p", "--no-input", "--note", f"Note from run {n}", "--decision",
          f"Decision {n}", "--action", f"Follow-up {n}"]]
        for n in (1, 2)
    ]  # fmt: skip
    # Slow writes (the crash tests' delay) make the two runs overlap: without the lock, both
    # would read the meeting before either wrote it, and the second would undo the first.
    run_together(store, tmp_path / "sync", jobs, env={"MK_TEST_WRITE_DELAY": "0.05"})

    front, body = split_meeting(meeting_file(store, "k7m2p").read_text(encoding="utf-8"))
    assert front["status"] == "held"
    assert sorted(front["reflection"]["decisions"]) == ["Decision 1", "Decision 2"]
    assert "Note from run 1" in body and "Note from run 2" in body
    texts = {a["text"] for a in mk("actions", "--json").json()}
    assert texts == {"Follow-up 1", "Follow-up 2"}
