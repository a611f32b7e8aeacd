"""`mk mentor end`: a thank-you that names the help on record, and keeping in touch after."""

from __future__ import annotations

import datetime as dt
import stat
import tomllib
from pathlib import Path

import pytest

from conftest import add_mentor, log, meeting_file, plan, snapshot

TODAY = dt.date.today()


def read_mentor(store: Path, slug: str) -> dict:
    return tomllib.loads((store / "mentors" / f"{slug}.toml").read_text())


@pytest.fixture
def history(mk, store) -> Path:
    """Ana Rivera with two meetings held, decisions, a favour done, a goal achieved with her,
    and a Private section in a meeting's notes."""
    add_mentor(mk, "Dr. Ana Rivera", "--cadence", "monthly")
    first = log(
        mk, "riv", "--date", "2025-03-04", "--decision", "Apply for a K23 rather than a K08",
        "--action", "mentor: Introduce me to Dr. Osei", "--advice", "Write every morning",
    )  # fmt: skip
    log(mk, "riv", "--date", "2025-11-20", "--decision", "Aim for the October deadline")
    favour = first["actions"][0]["id"]
    assert mk("done", favour).exit_code == 0
    goal = mk("goal", "add", "Submit the K23", "--mentor", "riv", "--no-input", "--json").json()
    assert mk("goal", "done", goal["id"]).exit_code == 0
    unlinked = mk("goal", "add", "Learn to teach", "--no-input", "--json").json()
    assert mk("goal", "done", unlinked["id"]).exit_code == 0
    [path] = (store / "meetings").glob("2025-03-04-*.md")
    path.write_text(path.read_text() + "\n## Private\n\nShe seemed tired of the department.\n")
    return store


def test_the_thank_you_names_the_help_on_record(mk, history):
    result = mk("mentor", "end", "riv", "--no-input", "--achieved", "my K23", "--reason", "moved")
    assert result.exit_code == 0, result.stderr
    note = result.stdout
    assert "Looking back over our 2 meetings, from March 2025 to November 2025" in note
    assert "- reaching my goal: Submit the K23" in note
    assert "- deciding together: Apply for a K23 rather than a K08" in note
    assert "- deciding together: Aim for the October deadline" in note
    assert "- your help with: Introduce me to Dr. Osei" in note
    assert "Learn to teach" not in note  # achieved, but not with her
    # Only structured fields are read: neither the notes nor the Private section reach it.
    assert "tired" not in note and "Write every morning" not in note


def test_the_note_can_be_written_to_a_private_file(mk, history, tmp_path):
    target = tmp_path / "thanks.txt"
    result = mk("mentor", "end", "riv", "--no-input", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert "Dear Dr. Rivera," in target.read_text()
    assert "Dear" not in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert read_mentor(history, "ana-rivera")["status"] == "concluded"


def test_a_mentor_with_no_record_gets_the_plain_note(mk, store):
    add_mentor(mk, "Helen Park")
    result = mk("mentor", "end", "park", "--no-input")
    assert result.exit_code == 0, result.stderr
    assert "Looking back" not in result.stdout
    assert "\n\n\n" not in result.stdout  # the empty paragraph closes up


def test_keep_in_touch_makes_the_cadence_a_yearly_reminder(mk, store):
    add_mentor(mk, "Ana Rivera")
    add_mentor(mk, "Helen Park", "--cadence", "monthly", "--last-contact", "450 days ago")
    result = mk("mentor", "end", "park", "--date", "400 days ago", "--keep-in-touch", "--no-input")
    assert result.exit_code == 0, result.stderr
    assert "once a year" in result.stderr
    data = read_mentor(store, "helen-park")
    assert (data["status"], data["cadence"]) == ("concluded", "yearly")
    # A year and 35 days after the ending, the note is due: the board says so in its words.
    board = mk("board")
    assert "Overdue for contact" in board.stdout
    assert "keep in touch — a yearly note since the relationship ended" in board.stdout
    assert "Send Helen Park a short note" in board.stdout
    [late] = mk("board", "--json").json()["overdue"]
    assert (late["slug"], late["keep_in_touch"], late["days_overdue"]) == ("helen-park", True, 35)
    shown = mk("mentor", "show", "park")
    assert "keep in touch: a yearly note is 35 days late" in shown.stdout
    # A note sent puts the reminder off for another year.
    assert mk("touch", "park", "--kind", "update", "--no-input").exit_code == 0
    assert mk("board", "--json").json()["overdue"] == []


def test_without_keep_in_touch_the_old_cadence_goes_and_nothing_is_ever_due(mk, store):
    add_mentor(mk, "Helen Park", "--cadence", "monthly", "--last-contact", "450 days ago")
    result = mk("mentor", "end", "park", "--date", "400 days ago", "--no-input", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["cadence"] is None
    assert result.json()["days_overdue"] is None and result.json()["keep_in_touch"] is False
    assert "cadence" not in read_mentor(store, "helen-park")
    assert mk("board", "--json").json()["overdue"] == []


def test_a_concluded_mentor_with_a_cadence_from_before_is_a_reminder(mk, store):
    """A store written before keep-in-touch existed: its concluded mentors kept their cadence."""
    add_mentor(mk, "Helen Park", "--cadence", "quarterly", "--last-contact", "200 days ago")
    path = store / "mentors" / "helen-park.toml"
    ended = TODAY - dt.timedelta(days=150)
    text = path.read_text().replace('status = "active"', 'status = "concluded"')
    path.write_text(text + f"\n[conclusion]\ndate = {ended}\n")
    data = mk("mentor", "show", "park", "--json").json()
    assert data["days_overdue"] == 150 - 91  # counted from the ending, the later of the two


def test_bad_output_path_writes_nothing(mk, store, tmp_path):
    add_mentor(mk, "Helen Park")
    before = snapshot(store)
    result = mk("mentor", "end", "park", "--no-input", "--output", str(tmp_path / "no" / "t.md"))
    assert result.exit_code == 1
    assert "does not exist" in result.stderr
    assert snapshot(store) == before


def test_walkthrough_shows_the_note_then_offers_to_keep_in_touch(mk, store, monkeypatch):
    monkeypatch.setattr("menteekit.cli.mentor.interactive", lambda no_input: not no_input)
    add_mentor(mk, "Helen Park", "--cadence", "monthly")
    result = mk("mentor", "end", "park", input="today\nResidency ended\na fellowship\n\n")
    assert result.exit_code == 0, result.stderr
    assert "Dear Helen Park" in result.stdout and "a fellowship" in result.stdout
    assert "Remind you once a year" in result.stderr
    assert read_mentor(store, "helen-park")["cadence"] == "yearly"  # Enter: yes


def test_walkthrough_can_decline_keeping_in_touch(mk, store, monkeypatch):
    monkeypatch.setattr("menteekit.cli.mentor.interactive", lambda no_input: not no_input)
    add_mentor(mk, "Helen Park", "--cadence", "monthly")
    result = mk("mentor", "end", "park", input="today\n\n\nn\n")
    assert result.exit_code == 0, result.stderr
    assert "cadence" not in read_mentor(store, "helen-park")


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--date", "tomorrow"], "future"),
        (["--reason", ""], "--reason cannot be empty"),
    ],
    ids=["in the future", "empty reason"],
)
def test_an_impossible_ending_is_refused(mk, store, flags, message):
    add_mentor(mk, "Wen Li", "--since", "2024-03-01")
    before = snapshot(store)
    result = mk("mentor", "end", "wen", *flags, "--no-input")
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert snapshot(store) == before


def test_health_of_a_concluded_mentor_is_not_a_verdict_on_a_drift(mk, store):
    add_mentor(mk, "Wen Li", "--since", "2024-03-01", "--cadence", "monthly")
    assert mk("mentor", "end", "wen", "--no-keep-in-touch", "--no-input").exit_code == 0
    [health] = mk("health", "wen", "--json").json()
    assert health["verdict"] == "concluded"
    assert health["phase"].get("suggestion") is None
    assert health["tips"] == [] and health["agreement"]["suggestion"] is None
    assert "mk mentor agreement" not in mk("health", "wen").stdout


def test_ending_names_the_items_still_open_with_them(mk, store):
    add_mentor(mk, "Bo Chen")
    theirs = mk("action", "add", "Send me her template email", "--mentor", "bo", "--owner",
                "mentor", "--no-input", "--json").json()  # fmt: skip
    mine = mk("action", "add", "Read the paper", "--mentor", "bo", "--no-input", "--json").json()
    assert mk("done", mine["id"]).exit_code == 0
    result = mk("mentor", "end", "bo", "--no-input")
    assert result.exit_code == 0, result.stderr
    said = " ".join((result.stdout + result.stderr).split())
    assert f"Still open with Bo Chen: {theirs['id']} Send me her template email." in said
    assert mine["id"] not in said


def test_ending_names_an_item_linked_only_through_one_of_their_meetings(mk, store):
    """An item that names no mentor belongs to the mentor of its meeting, as for `mk health`."""
    add_mentor(mk, "Bo Chen")
    meeting = plan(mk, "bo", "--item", "Aims page")
    log(mk, meeting["id"], "--action", "Send the revised aims page")
    [action_id] = [a["id"] for a in mk("actions", "--json").json()]
    path = store / "actions" / f"{action_id}.toml"
    text = path.read_text()
    assert 'mentor = "bo-chen"' in text and "meeting = " in text
    path.write_text(text.replace('mentor = "bo-chen"\n', ""))
    result = mk("mentor", "end", "bo", "--no-input")
    assert result.exit_code == 0, result.stderr
    said = " ".join((result.stdout + result.stderr).split())
    assert f"Still open with Bo Chen: {action_id} Send the revised aims page." in said


def test_ending_cancels_the_meetings_to_come_when_asked_and_names_them_otherwise(mk, store):
    add_mentor(mk, "Tom Baker")
    soon = plan(mk, "baker", "--date", "in 5 days", "--item", "question: quotas")
    kept = mk("mentor", "end", "baker", "--no-input")
    assert kept.exit_code == 0, kept.stderr
    said = " ".join(kept.stderr.split())
    assert "Still planned with Tom Baker: " in said and f"({soon['id']})" in said
    assert "mk meeting cancel ID" in said
    assert mk("agenda", "show", soon["id"], "--json").json()["status"] == "planned"

    add_mentor(mk, "Ada Quinn")
    first = plan(mk, "quinn", "--date", "in 3 days", "--item", "Budget")
    undated = plan(mk, "quinn", "--new", "--item", "Later")
    ended = mk("mentor", "end", "quinn", "--cancel-meetings", "--no-input", "--json")
    assert ended.exit_code == 0, ended.stderr
    assert set(ended.json()["cancelled_meetings"]) == {first["id"], undated["id"]}
    for meeting in (first, undated):
        shown = mk("agenda", "show", meeting["id"], "--json").json()
        assert shown["status"] == "cancelled"
        assert shown["cancelled"]["reason"] == "The mentoring relationship ended."
    assert "quinn" not in mk("status").stdout.lower()


def test_walkthrough_offers_to_cancel_the_meetings_to_come(mk, store, monkeypatch):
    monkeypatch.setattr("menteekit.cli.mentor.interactive", lambda no_input: not no_input)
    add_mentor(mk, "Helen Park", "--cadence", "monthly")
    soon = plan(mk, "park", "--date", "in 4 days", "--item", "Budget")
    result = mk("mentor", "end", "park", input="today\n\n\nn\n\n")  # Enter: cancel it
    assert result.exit_code == 0, result.stderr
    assert "Cancel what is still planned with Helen Park: " in result.stderr
    assert mk("agenda", "show", soon["id"], "--json").json()["status"] == "cancelled"


def test_the_thank_you_note_greets_a_titled_mentor_as_the_recap_does(mk, store):
    add_mentor(mk, "Prof. Tom Becker")
    result = mk("mentor", "end", "becker", "--no-input")
    assert result.exit_code == 0, result.stderr
    assert "Dear Prof. Becker," in result.stdout


def test_a_meeting_that_cannot_be_cancelled_does_not_stop_the_ending(mk, store):
    add_mentor(mk, "Ada Quinn")
    stuck = plan(mk, "quinn", "--date", "in 3 days", "--item", "Budget")
    other = plan(mk, "quinn", "--new", "--item", "Later")
    meeting_file(store, stuck["id"]).chmod(0o400)
    ended = mk("mentor", "end", "quinn", "--cancel-meetings", "--no-input", "--json")
    assert ended.exit_code == 0, ended.stderr
    assert ended.json()["status"] == "concluded" and ended.json()["thank_you_note"]
    assert ended.json()["cancelled_meetings"] == [other["id"]]
    assert f"Meeting {stuck['id']} was not cancelled" in ended.stderr
