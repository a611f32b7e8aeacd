"""`mk mentor agreement`: the ground-rules worksheet, agreed, revisited and exported."""

from __future__ import annotations

import datetime as dt
import re
import stat
import tomllib
from pathlib import Path

import pytest

from conftest import add_mentor, snapshot

TODAY = dt.date.today()

EVERY_FLAG = [
    "--goal", "Submit a K23", "--goal", "Publish the registry paper",
    "--outcome", "A submitted K23",
    "--duration", "Two years, then review",
    "--time", "Second Thursday, 3pm",
    "--frequency", "monthly",
    "--length", "45 minutes",
    "--modality", "in person",
    "--confidentiality", "Between us",
    "--off-limits", "My clinical rota",
    "--obligations", "I send the agenda two days ahead",
    "--checkins", "Every six months",
    "--ending", "Either of us, any time",
]  # fmt: skip


def agreement_of(store: Path, slug: str) -> dict | None:
    text = (store / "mentors" / f"{slug}.toml").read_text()
    return tomllib.loads(text).get("agreement")


def backdate(store: Path, slug: str, days: int) -> None:
    """Move the agreement's date back, as if it had been agreed `days` days ago."""
    path = store / "mentors" / f"{slug}.toml"
    agreed = TODAY - dt.timedelta(days=days)
    path.write_text(re.sub(r"(?m)^agreed = .*$", f"agreed = {agreed}", path.read_text()))


def test_every_flag_is_stored_with_the_day_agreed(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    result = mk("mentor", "agreement", "riv", *EVERY_FLAG, "--no-input")
    assert result.exit_code == 0, result.stderr
    assert "Saved the agreement with Dr. Ana Rivera (ana-rivera), agreed today." in result.stdout
    assert "--export" in result.stderr
    assert agreement_of(store, "ana-rivera") == {
        "agreed": TODAY,
        "goals": ["Submit a K23", "Publish the registry paper"],
        "outcomes": "A submitted K23",
        "duration": "Two years, then review",
        "time": "Second Thursday, 3pm",
        "frequency": "monthly",
        "length": "45 minutes",
        "modality": "in person",
        "confidentiality": "Between us",
        "off_limits": "My clinical rota",
        "obligations": "I send the agenda two days ahead",
        "checkins": "Every six months",
        "ending": "Either of us, any time",
    }


def test_a_new_agreement_starts_from_the_record(mk, store):
    add_mentor(mk, "Ana Rivera", "--cadence", "monthly")
    for statement in ("Submit a K23", "Publish the registry paper"):
        added = mk("goal", "add", statement, "--mentor", "ana", "--no-input")
        assert added.exit_code == 0, added.stderr
    other = mk("goal", "add", "Learn to teach", "--no-input")  # not linked to Ana
    assert other.exit_code == 0, other.stderr
    result = mk("mentor", "agreement", "ana", "--no-input", "--json")
    assert result.exit_code == 0, result.stderr
    # What did not come from a flag is said, so nothing lands in the agreement unseen.
    assert "Filled in from your record" in result.stderr
    assert "the goals" in result.stderr and "monthly" in result.stderr
    agreement = result.json()["agreement"]
    assert result.json()["slug"] == "ana-rivera"
    # Both were set today: which comes first is not defined.
    assert sorted(agreement["goals"]) == ["Publish the registry paper", "Submit a K23"]
    assert agreement["frequency"] == "monthly"
    assert "foreseeable harm" in agreement["confidentiality"]
    assert "any time" in agreement["ending"]
    assert agreement["outcomes"] == "" and agreement["revisited"] is None
    assert agreement_of(store, "ana-rivera")["goals"] == agreement["goals"]


def test_running_it_again_revisits_and_keeps_what_is_not_given(mk, store):
    add_mentor(mk, "Ana Rivera")
    assert mk("mentor", "agreement", "ana", *EVERY_FLAG, "--no-input").exit_code == 0
    backdate(store, "ana-rivera", 200)
    result = mk("mentor", "agreement", "ana", "--frequency", "quarterly", "--no-input")
    assert result.exit_code == 0, result.stderr
    assert "Revisited the agreement" in result.stdout
    agreement = agreement_of(store, "ana-rivera")
    assert agreement["agreed"] == TODAY - dt.timedelta(days=200)
    assert agreement["revisited"] == TODAY
    assert agreement["frequency"] == "quarterly"
    assert agreement["goals"] == ["Submit a K23", "Publish the registry paper"]
    assert agreement["off_limits"] == "My clinical rota"
    shown = mk("mentor", "show", "ana").stdout
    assert f"last revisited {TODAY.isoformat()}" in shown


def test_looking_at_it_again_changes_nothing(mk, store):
    add_mentor(mk, "Ana Rivera")
    assert mk("mentor", "agreement", "ana", *EVERY_FLAG, "--no-input").exit_code == 0
    backdate(store, "ana-rivera", 200)
    before = snapshot(store)
    shown = mk("mentor", "agreement", "ana", "--json", "--no-input")
    assert shown.exit_code == 0, shown.stderr
    assert shown.json()["agreement"]["frequency"] == agreement_of(store, "ana-rivera")["frequency"]
    assert "revisited" not in agreement_of(store, "ana-rivera")
    assert snapshot(store) == before


def test_an_agreed_frequency_that_is_a_cadence_becomes_the_cadence(mk, store):
    add_mentor(mk, "Ana Rivera", "--cadence", "monthly")
    result = mk("mentor", "agreement", "ana", "--frequency", "biweekly", "--no-input")
    assert result.exit_code == 0, result.stderr
    assert "Cadence set to biweekly" in result.stderr
    assert mk("mentor", "show", "ana", "--json").json()["cadence"] == "biweekly"
    loose = mk("mentor", "agreement", "ana", "--frequency", "when needed", "--no-input")
    assert loose.exit_code == 0 and "Cadence" not in loose.stderr
    assert mk("mentor", "show", "ana", "--json").json()["cadence"] == "biweekly"


def test_new_goals_replace_the_old_ones(mk, store):
    add_mentor(mk, "Ana Rivera")
    assert mk("mentor", "agreement", "ana", *EVERY_FLAG, "--no-input").exit_code == 0
    result = mk("mentor", "agreement", "ana", "--goal", "Lead a study", "--no-input", "--json")
    assert result.json()["agreement"]["goals"] == ["Lead a study"]


def test_export_prints_markdown_to_send(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    assert mk("mentor", "agreement", "ana", *EVERY_FLAG[:6], "--no-input").exit_code == 0
    result = mk("mentor", "agreement", "ana", "--export")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("# Our mentoring agreement: Sam Okafor and Dr. Ana Rivera")
    assert "## Goals\n\n1. Submit a K23\n2. Publish the registry paper" in text
    assert "## Specific outcomes\n\nA submitted K23" in text
    assert "## Logistics" in text and "- How often: _To discuss._" in text
    assert "## Topics off-limits\n\nNone." in text  # left empty: there are none
    assert "Agreed on" in text and "revisited" not in text


def test_export_to_a_file_is_private_and_leaves_the_record_alone(mk, store, tmp_path):
    add_mentor(mk, "Ana Rivera")
    assert mk("mentor", "agreement", "ana", *EVERY_FLAG, "--no-input").exit_code == 0
    before = snapshot(store)
    target = tmp_path / "agreement.md"
    result = mk("mentor", "agreement", "ana", "--export", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "## Check-ins\n\nEvery six months" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert snapshot(store) == before


def test_board_and_show_say_whether_there_is_an_agreement(mk, store):
    add_mentor(mk, "Ana Rivera")
    add_mentor(mk, "Li Wei")
    assert "none yet" in mk("mentor", "show", "ana").stdout
    assert mk("mentor", "agreement", "ana", "--goal", "K23", "--no-input").exit_code == 0
    backdate(store, "ana-rivera", 30)
    assert f"agreed {TODAY - dt.timedelta(days=30)} (30d ago)" in mk("mentor", "show", "ana").stdout
    board = mk("board")
    assert re.search(r"Ana Rivera .*agreed \S+, not revisited since", board.stdout)
    assert re.search(r"Li Wei .*no agreement yet", board.stdout)
    rows = {r["slug"]: r for r in mk("board", "--json").json()["relationships"]}
    assert rows["ana-rivera"]["agreed"] == (TODAY - dt.timedelta(days=30)).isoformat()
    assert rows["li-wei"]["agreed"] is None
    suggestion = [
        s for s in mk("board", "--json").json()["suggestions"] if s["topic"] == "agreement"
    ]
    assert "Li Wei" in suggestion[0]["text"] and "Ana" not in suggestion[0]["text"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nobody"], 1, "No mentor matches"),
        (["ana", "--goal", "a", "--goal", "b", "--goal", "c", "--goal", "d"], 2, "at most 3"),
        (["ana", "--goal", " "], 2, "a goal cannot be empty"),
        (["ana", "--outcome", ""], 2, "--outcome cannot be empty"),
        (["ana", "--length", "45\nminutes"], 2, "--length"),
        (["ana", "--export", "--goal", "x"], 2, "--export prints the saved agreement"),
        (["ana", "--export", "--json"], 2, "choose one"),
        (["ana", "--export"], 1, "No agreement with Ana Rivera yet"),
        (["herrera", "--goal", "x"], 1, "concluded"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(mk, store, tmp_path, args, code, message):
    add_mentor(mk, "Ana Rivera")
    add_mentor(mk, "Tomas Herrera", "--status", "concluded")
    before = snapshot(store)
    result = mk("mentor", "agreement", *args, "--no-input")
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(store) == before


def test_output_to_a_missing_folder_is_a_clear_error(mk, store, tmp_path):
    add_mentor(mk, "Ana Rivera")
    assert mk("mentor", "agreement", "ana", "--goal", "K23", "--no-input").exit_code == 0
    result = mk("mentor", "agreement", "ana", "--output", str(tmp_path / "no" / "a.md"))
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("menteekit.cli.agreement.interactive", lambda no_input: not no_input)


def test_walkthrough_asks_every_row_in_order(mk, store, at_a_terminal):
    add_mentor(mk, "Ana Rivera", "--cadence", "monthly")
    answers = [
        "Submit a K23", "Publish the registry paper", "",  # goals, one per line
        "A submitted K23",  # outcomes
        "Two years",  # duration
        "Thursdays 3pm",  # time
        "",  # frequency: Enter takes the cadence
        "45 minutes",  # length
        "video",  # modality
        "",  # confidentiality: the standard pledge
        "-",  # off-limits: none
        "I send the agenda",  # obligations
        "Twice a year",  # check-ins
        "",  # ending: the standard wording
    ]  # fmt: skip
    result = mk("mentor", "agreement", "ana", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    order = [
        "Up to 3 goals",
        "What do you want to have finished",
        "How long do you picture it running?",
        "When do you usually meet?",
        "How often do you meet?",
        "How long is a meeting?",
        "In person, video or phone?",
        "What stays between you?",
        "Topics either of you would rather leave out?",
        "What does each of you commit to?",
        "How will you check that it is working?",
        "How may it end?",
    ]
    positions = [result.stderr.index(question) for question in order]
    assert positions == sorted(positions)
    agreement = agreement_of(store, "ana-rivera")
    assert agreement["goals"] == ["Submit a K23", "Publish the registry paper"]
    assert agreement["frequency"] == "monthly"
    assert agreement["modality"] == "video"
    assert agreement["off_limits"] == ""
    assert "foreseeable harm" in agreement["confidentiality"]
    assert "Filled in from your record" not in result.stderr  # they were shown as asked


def test_walkthrough_refuses_a_fourth_goal_and_asks_again(mk, store, at_a_terminal):
    add_mentor(mk, "Ana Rivera")
    answers = ["a", "b", "c", "d", "", "a", "b", "", *[""] * 11]
    result = mk("mentor", "agreement", "ana", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "That is 4" in result.stderr
    assert agreement_of(store, "ana-rivera")["goals"] == ["a", "b"]


def test_revisiting_offers_the_current_answers(mk, store, at_a_terminal):
    add_mentor(mk, "Ana Rivera")
    assert mk("mentor", "agreement", "ana", *EVERY_FLAG, "--no-input").exit_code == 0
    # Keep the goals, change the length, keep everything else with Enter.
    answers = ["", "", "", "", "", "30 minutes", *[""] * 6]
    result = mk("mentor", "agreement", "ana", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "Keep these goals?" in result.stderr
    assert "Revisiting your agreement" in result.stderr
    agreement = agreement_of(store, "ana-rivera")
    assert agreement["length"] == "30 minutes"
    assert agreement["goals"] == ["Submit a K23", "Publish the registry paper"]
    assert agreement["modality"] == "in person"
    assert agreement["revisited"] == TODAY


def test_an_empty_answer_after_declining_the_goals_keeps_them(mk, store, at_a_terminal):
    """Declined, then too many typed, then Enter: nothing is dropped (they were emptied)."""
    add_mentor(mk, "Ana Rivera")
    assert mk("mentor", "agreement", "ana", *EVERY_FLAG, "--no-input").exit_code == 0
    answers = ["n", "A", "B", "C", "D", "", "", *[""] * 11]
    result = mk("mentor", "agreement", "ana", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "That is 4" in result.stderr and "the goals stay as they were" in result.stderr
    assert agreement_of(store, "ana-rivera")["goals"] == [
        "Submit a K23",
        "Publish the registry paper",
    ]


def test_output_dash_prints_and_output_with_new_terms_is_refused(mk, store):
    add_mentor(mk, "Ana Rivera")
    assert mk("mentor", "agreement", "ana", *EVERY_FLAG, "--no-input").exit_code == 0
    printed = mk("mentor", "agreement", "ana", "--output", "-")
    assert printed.exit_code == 0 and printed.stdout.startswith("# Our mentoring agreement")
    assert not (Path.cwd() / "-").exists()
    before = snapshot(store)
    both = mk("mentor", "agreement", "ana", "--output", "x.md", "--goal", "New goal")
    assert both.exit_code == 2 and "--output writes the saved agreement" in both.stderr
    assert snapshot(store) == before
