"""The guided walkthroughs in a real pseudo-terminal, answered the way a person would."""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

import pexpect
import pytest

MK = str(Path(sys.executable).parent / "mk")


def session(args: list[str], home: Path) -> pexpect.spawn:
    env = {**os.environ, "MK_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "200"}
    return pexpect.spawn(MK, args, env=env, encoding="utf-8", timeout=15)


def answer(child: pexpect.spawn, exchanges: list[tuple[str, str]]) -> str:
    for question, reply in exchanges:
        child.expect_exact(question)
        child.sendline(reply)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return child.before


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_init_and_mentor_add_walkthroughs(tmp_path):
    home = tmp_path / "store"
    answer(
        session(["init"], home),
        [
            ("Your name", "Sam Okafor"),
            ("How would you describe your path?", "cardiology fellow"),
            ("What matters most", "curiosity"),
            (">", "family"),
            (">", ""),
            ("What are you working towards", "Publish my first paper"),
            (">", ""),
            ("How do you work with others?", "direct"),
            ("What do you want from your mentors?", "feedback on drafts"),
            ("How much time can you give mentoring?", "4 hours a month"),
            ("do not apply to you?", "clin"),
        ],
    )
    me = tomllib.loads((home / "menteekit.toml").read_text())["me"]
    assert me["values"] == ["curiosity", "family"]
    assert me["goals"] == ["Publish my first paper"]
    assert me["time_budget"] == "4 hours a month"
    assert me["roles_not_needed"] == ["clinical"]

    output = answer(
        session(["mentor", "add"], home),
        [
            ("Mentor's name", "Dr. Ana Rivera"),
            ("Roles", "research, astronaut"),  # a wrong answer is asked again...
            ("is not one of", "research, car"),  # ...and unique prefixes are accepted
            ("Group (", "work"),
            ("From your own institution, or from outside?", "int"),
            ("A peer", ""),  # Enter skips: not said
            ("How often", "45d"),
            ("Email", "ana at uni"),  # not an address: asked again at once
            ("does not look like an email address", "ana@example.edu"),
            ("How do they like to be reached?", "email"),
            ("introvert or an extrovert", "i"),
            ("Phase", "mid"),
            ("When were you last in touch?", "whenever"),  # not a date: asked again
            ("Could not understand", "3 days ago"),
        ],
    )
    assert "days ago" in output
    assert "ana-rivera" in output
    mentor = tomllib.loads((home / "mentors" / "ana-rivera.toml").read_text())
    assert mentor["roles"] == ["research", "career"]
    assert mentor["group"] == "work-project"
    assert mentor["cadence"] == "45d"
    assert mentor["style"] == "introvert"
    assert mentor["internal"] is True
    assert "peer" not in mentor  # skipped, so not recorded either way


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_near_duplicate_asks_before_adding(tmp_path):
    home = tmp_path / "store"
    answer(session(["init", "--no-input"], home), [])
    answer(session(["mentor", "add", "Ana Rivera", "--no-input"], home), [])
    child = session(["mentor", "add", "Ana Riviera"], home)
    child.expect_exact("Add 'Ana Riviera' as a new mentor?")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Nothing was added" in child.before
    assert sorted(p.name for p in (home / "mentors").iterdir()) == ["ana-rivera.toml"]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_ctrl_c_in_a_walkthrough_says_nothing_was_saved(tmp_path):
    home = tmp_path / "store"
    child = session(["init"], home)
    child.expect_exact("Your name")
    child.sendline("Sam")
    child.expect_exact("How would you describe your path?")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "nothing was saved" in child.before
    assert not home.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_touch_and_agreement_walkthroughs(tmp_path):
    home = tmp_path / "store"
    answer(session(["init", "--no-input", "--name", "Sam"], home), [])
    answer(session(["mentor", "add", "Ana Rivera", "--cadence", "monthly", "--no-input"], home), [])
    answer(
        session(["touch", "ana"], home),
        [
            ("Kind (", "letter"),  # not a kind: asked again
            ("is not one of", "th"),
            ("What was it about?", "For the K23 examples"),
            ("When?", "2 days ago"),
        ],
    )
    mentor = tomllib.loads((home / "mentors" / "ana-rivera.toml").read_text())
    assert [(c["kind"], c["note"]) for c in mentor["contacts"]] == [
        ("thanks", "For the K23 examples")
    ]
    answer(
        session(["mentor", "agreement", "ana"], home),
        [
            ("Up to 3 goals", "Submit a K23"),
            (">", ""),
            ("What do you want to have finished", "A submitted K23"),
            ("How long do you picture it running?", "A year"),
            ("When do you usually meet?", ""),
            ("How often do you meet?", ""),  # the cadence is offered
            ("How long is a meeting?", "45 minutes"),
            ("In person, video or phone?", "in person"),
            ("What stays between you?", ""),
            ("Topics either of you would rather leave out?", ""),
            ("What does each of you commit to?", ""),
            ("How will you check that it is working?", "Twice a year"),
            ("How may it end?", ""),
        ],
    )
    agreement = tomllib.loads((home / "mentors" / "ana-rivera.toml").read_text())["agreement"]
    assert agreement["goals"] == ["Submit a K23"]
    assert agreement["frequency"] == "monthly"
    assert agreement["length"] == "45 minutes"
    assert "foreseeable harm" in agreement["confidentiality"]
