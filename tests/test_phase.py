"""`mk mentor phase`: where a relationship is in its life, through the real CLI."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest

from conftest import add_mentor, snapshot
from menteekit.vocab import PHASE_MEANING, Phase

TODAY = dt.date.today()


def read_mentor(store: Path, slug: str) -> dict:
    return tomllib.loads((store / "mentors" / f"{slug}.toml").read_text())


def backdate_phase(store: Path, slug: str, days: int) -> dt.date:
    path = store / "mentors" / f"{slug}.toml"
    since = TODAY - dt.timedelta(days=days)
    path.write_text(re.sub(r"(?m)^phase_since = .*$", f"phase_since = {since}", path.read_text()))
    return since


def test_a_phase_is_set_with_the_day_and_the_note(mk, store):
    add_mentor(mk, "Ana Rivera", "--phase", "early")
    result = mk("mentor", "phase", "ana", "mid", "--note", "I set the agenda now", "--no-input")
    assert result.exit_code == 0, result.stderr
    assert f"Ana Rivera (ana-rivera): mid phase since {TODAY}." in result.stdout
    data = read_mentor(store, "ana-rivera")
    assert (data["phase"], data["phase_since"], data["phase_note"]) == (
        "mid",
        TODAY,
        "I set the agenda now",
    )


def test_the_same_phase_keeps_its_start_and_takes_a_new_note(mk, store):
    add_mentor(mk, "Ana Rivera")
    assert mk("mentor", "phase", "ana", "mid", "--note", "first", "--no-input").exit_code == 0
    since = backdate_phase(store, "ana-rivera", 100)
    result = mk("mentor", "phase", "ana", "mid", "--note", "still mid", "--no-input", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["phase_since"] == since.isoformat()
    assert result.json()["phase_note"] == "still mid"
    again = mk("mentor", "phase", "ana", "mid", "--no-input")
    assert "already in the mid phase; nothing changed" in again.stdout
    assert read_mentor(store, "ana-rivera")["phase_note"] == "still mid"


def test_a_new_phase_without_a_note_drops_the_old_note(mk, store):
    add_mentor(mk, "Ana Rivera")
    assert mk("mentor", "phase", "ana", "mid", "--note", "working", "--no-input").exit_code == 0
    assert mk("mentor", "phase", "ana", "late", "--no-input").exit_code == 0
    data = read_mentor(store, "ana-rivera")
    assert data["phase"] == "late" and "phase_note" not in data


def test_show_and_board_show_the_phase(mk, store):
    add_mentor(mk, "Ana Rivera")
    add_mentor(mk, "Li Wei")
    assert (
        mk("mentor", "phase", "ana", "late", "--note", "colleagues now", "--no-input").exit_code
        == 0
    )
    since = backdate_phase(store, "ana-rivera", 40)
    shown = mk("mentor", "show", "ana").stdout
    assert f"late, since {since} (40d ago)" in shown
    assert "colleagues now" in shown
    board = mk("board").stdout
    assert re.search(rf"Ana Rivera +late since {since}: colleagues now", board)
    assert re.search(r"Li Wei +no phase", board)
    rows = {r["slug"]: r for r in mk("board", "--json").json()["relationships"]}
    assert rows["ana-rivera"]["phase"] == "late"
    assert rows["ana-rivera"]["phase_note"] == "colleagues now"


def test_help_explains_each_phase(mk):
    result = mk("mentor", "phase", "--help")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    for phase in Phase:
        assert " ".join(PHASE_MEANING[phase].split()) in flat


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nobody", "mid"], 1, "No mentor matches"),
        (["ana", "middle"], 2, "middle"),
        (["ana", "mid", "--note", " "], 2, "--note cannot be empty"),
        (["park", "late"], 1, "concluded"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(mk, store, args, code, message):
    add_mentor(mk, "Ana Rivera")
    add_mentor(mk, "Helen Park", "--status", "concluded")
    before = snapshot(store)
    result = mk("mentor", "phase", *args, "--no-input")
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert snapshot(store) == before


def test_walkthrough_explains_the_phase_and_asks_why(mk, store, monkeypatch):
    monkeypatch.setattr("menteekit.cli.mentor.interactive", lambda no_input: not no_input)
    add_mentor(mk, "Ana Rivera")
    result = mk("mentor", "phase", "ana", "early", input="We just agreed the ground rules\n")
    assert result.exit_code == 0, result.stderr
    assert "getting started" in result.stderr and "What tells you so?" in result.stderr
    assert read_mentor(store, "ana-rivera")["phase_note"] == "We just agreed the ground rules"
