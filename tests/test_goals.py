"""SMART goals: `mk goal add|show|review|done|drop|pause|resume|link|edit|plan` and `mk goals`."""

from __future__ import annotations

import re
import stat
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import add_mentor, day, log, plan, snapshot

GOOD = {
    "statement": "Submit the K23 application to NIH",
    "--measure": "Application submitted",
    "--achievable": "Aims drafted; needs two internal reviewers",
    "--value": "curiosity",
    "--due": day(120).isoformat(),
}


def add_goal(mk, statement: str = GOOD["statement"], *flags: str, **fields: str) -> dict[str, Any]:
    """`mk goal add` with the good goal's fields, less or more: `measure=""` leaves one out."""
    chosen = {key: value for key, value in GOOD.items() if key != "statement"}
    for key, value in fields.items():
        chosen[f"--{key.replace('_', '-')}"] = value
    args = [flag_value for key, value in chosen.items() if value for flag_value in (key, value)]
    result = mk("goal", "add", statement, *args, *flags, "--no-input", "--json")
    assert result.exit_code == 0, result.stderr
    return result.json()


def goal_file(store: Path, goal_id: str) -> dict[str, Any]:
    return tomllib.loads((store / "goals" / f"{goal_id}.toml").read_text(encoding="utf-8"))


def set_created(store: Path, goal_id: str, days_ago: int) -> None:
    """Backdate a goal, as if it had been set `days_ago` days ago."""
    path = store / "goals" / f"{goal_id}.toml"
    text = re.sub(r"(?m)^created = .*$", f"created = {day(-days_ago)}", path.read_text())
    path.write_text(text)


def review(mk, goal_id: str, *flags: str) -> list[dict[str, Any]]:
    result = mk("goal", "review", goal_id, "--no-input", "--json", *flags)
    assert result.exit_code == 0, result.stderr
    return result.json()


# -- the SMART check, letter by letter ---------------------------------------------------------

SMART_CASES = [
    # (letter, expected, statement, changed fields)
    ("S", "ok", "Submit the K23 application to NIH", {}),
    ("S", "ok", "Give 3 talks outside my department", {}),
    ("S", "ok", "Improve my writing by publishing two first-author papers", {}),
    ("S", "weak", "Improve my writing", {}),
    ("S", "weak", "Get better at presenting", {}),
    ("S", "weak", "Do more research", {}),
    ("S", "weak", "Work on my R01", {}),
    ("S", "weak", "Grants", {}),
    ("M", "ok", GOOD["statement"], {"measure": "3 abstracts accepted"}),
    ("M", "ok", GOOD["statement"], {"measure": "Manuscript submitted to a journal"}),
    ("M", "ok", GOOD["statement"], {"measure": "Promotion to associate professor"}),
    ("M", "weak", GOOD["statement"], {"measure": ""}),
    ("M", "weak", GOOD["statement"], {"measure": "I feel more confident"}),
    ("A", "ok", GOOD["statement"], {"achievable": "Protected Fridays and a statistician"}),
    ("A", "weak", GOOD["statement"], {"achievable": ""}),
    ("A", "weak", GOOD["statement"], {"achievable": "Sure"}),
    ("R", "ok", GOOD["statement"], {"value": "independence"}),
    ("R", "weak", GOOD["statement"], {"value": ""}),
    ("T", "ok", GOOD["statement"], {"due": day(200).isoformat()}),
    ("T", "ok", GOOD["statement"], {"due": day(5 * 365).isoformat(), "horizon": "long"}),
    ("T", "weak", GOOD["statement"], {"due": ""}),
    ("T", "weak", GOOD["statement"], {"due": day(3 * 365).isoformat(), "horizon": "short"}),
    ("T", "weak", GOOD["statement"], {"due": day(100).isoformat(), "horizon": "long"}),
    ("T", "weak", GOOD["statement"], {"due": day(15 * 365).isoformat(), "horizon": "long"}),
]


@pytest.mark.parametrize(
    ("letter", "expected", "statement", "fields"),
    SMART_CASES,
    ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(SMART_CASES)],
)
def test_each_smart_letter_is_ok_or_weak(mk, store, letter, expected, statement, fields):
    saved = add_goal(mk, statement, **fields)
    assert saved["smart"][letter] == expected
    if expected == "weak":
        assert saved["advice"][letter]  # a concrete suggestion comes with a weak letter
    else:
        assert letter not in saved["advice"]


def test_a_good_goal_is_saved_with_every_field(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    saved = add_goal(mk, GOOD["statement"], "--mentor", "riv", "--review-days", "14")
    assert saved["smart"] == dict.fromkeys("SMART", "ok")
    assert saved["advice"] == {}
    on_disk = goal_file(store, saved["id"])
    assert on_disk == {
        "statement": "Submit the K23 application to NIH",
        "measure": "Application submitted",
        "achievable": "Aims drafted; needs two internal reviewers",
        "values": ["curiosity"],
        "due": day(120),
        "horizon": "short",
        "status": "active",
        "mentors": ["ana-rivera"],
        "review_days": 14,
        "created": day(0),
        "checkins": [],
    }
    assert saved["next_review"] == day(14).isoformat()
    assert saved["progress"] is None


def test_the_horizon_follows_a_far_due_date(mk, store):
    saved = add_goal(mk, "Lead an independent lab of 4 people", due=day(6 * 365).isoformat())
    assert saved["horizon"] == "long"
    assert saved["smart"]["T"] == "ok"


def test_a_weak_goal_is_saved_and_each_weak_letter_is_explained(mk, store):
    result = mk("goal", "add", "Improve my writing", "--no-input")
    assert result.exit_code == 0, result.stderr
    for name in ("specific", "measurable", "achievable", "relevant", "time-bound"):
        assert re.search(rf"weak +\w {name}: +\S", result.stdout), name
    assert "mk goal link" in result.stderr  # no mentor yet: how to link one


def test_more_than_three_active_goals_in_a_horizon_is_a_focus_warning(mk, store):
    for number in range(3):
        result = mk("goal", "add", f"Give {number + 2} talks", "--no-input")
        assert "Warning" not in result.stderr
    fourth = mk("goal", "add", "Give 9 talks", "--no-input")
    assert fourth.exit_code == 0
    assert "4 active short-term goals" in fourth.stderr
    # A long-term goal is counted apart.
    far = mk("goal", "add", "Lead a lab of 5", "--due", day(5 * 365).isoformat(), "--no-input")
    assert "Warning" not in far.stderr


def test_a_value_not_in_the_profile_is_kept_and_pointed_out(mk, store):
    result = mk("goal", "add", "Submit a paper", "--value", "family", "--value", "Curiosity")
    assert result.exit_code == 0, result.stderr
    assert "Not among the values in your profile (curiosity): family." in result.stderr
    [saved] = mk("goals", "--json").json()
    assert goal_file(store, saved["id"])["values"] == ["family", "Curiosity"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["goal", "add", "--no-input"], 2, "pass it as the STATEMENT"),
        (["goal", "add", "  ", "--no-input"], 2, "cannot be empty"),
        (["goal", "add", "Submit a paper", "--mentor", "nobody", "--no-input"], 1, "nobody"),
        (["goal", "add", "Submit a paper", "--due", "someday", "--no-input"], 2, "--due"),
        (["goal", "add", "Submit a paper", "--due", "yesterday", "--no-input"], 2, "past"),
        (["goal", "add", "Submit a paper", "--review-days", "0", "--no-input"], 2, "0"),
        (["goal", "add", "Submit\x1b[2J a paper", "--no-input"], 2, "control character"),
    ],
    ids=[
        "no statement",
        "empty",
        "unknown mentor",
        "bad date",
        "past date",
        "bad interval",
        "escape",
    ],
)
def test_bad_input_is_refused_and_writes_nothing(mk, store, args, code, message):
    before = snapshot(store)
    result = mk(*args)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert snapshot(store) == before


# -- listing and showing -----------------------------------------------------------------------


def test_goals_lists_active_ones_and_all_with_the_json_shape(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    kept = add_goal(mk, GOOD["statement"], "--mentor", "rivera")["id"]
    paused = add_goal(mk, "Give 3 talks outside my department")["id"]
    assert mk("goal", "pause", paused).exit_code == 0
    listed = mk("goals", "--json").json()
    assert [g["id"] for g in listed] == [kept]
    required = {"id", "statement", "due", "horizon", "status", "progress", "mentors"}
    assert required | {"next_review", "smart"} <= set(listed[0])
    assert listed[0]["smart"] == dict.fromkeys("SMART", "ok")
    everything = mk("goal", "list", "--all", "--json").json()
    assert {g["id"]: g["status"] for g in everything} == {kept: "active", paused: "paused"}
    assert [g["id"] for g in mk("goals", "--mentor", "riv", "--json").json()] == [kept]
    table = mk("goals")
    assert kept in table.stdout and paused not in table.stdout


def test_goals_on_a_new_store_says_how_to_start(mk, store):
    result = mk("goals")
    assert result.exit_code == 0
    assert "mk goal add" in result.stderr


def test_show_has_the_check_ins_actions_and_meetings(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    goal = add_goal(mk, GOOD["statement"], "--mentor", "rivera")["id"]
    review(mk, goal, "--progress", "20", "--next", "Draft the aims page", "--next-due", "+1w")
    review(mk, goal, "--progress", "45", "--note", "Worried about the timeline")
    meeting = plan(mk, "rivera", "--date", day(3).isoformat())
    shown = mk("goal", "show", goal[:3], "--json").json()
    assert [c["progress"] for c in shown["checkins"]] == [20, 45]
    assert shown["progress"] == 45
    assert [a["text"] for a in shown["actions"]] == ["Draft the aims page"]
    assert [m["id"] for m in shown["meetings"]] == [meeting["id"]]
    text = mk("goal", "show", goal).stdout
    assert "Check-ins" in text and "45%" in text and "Draft the aims page" in text
    assert re.search("[▁▂▃▄▅▆▇█]{2}", text)  # progress over time
    assert "Worried about the timeline" in text
    assert f"{meeting['id']}" in text and "on the agenda" in text
    cancelled = mk("meeting", "cancel", meeting["id"], "--no-input")
    assert cancelled.exit_code == 0, cancelled.stderr
    assert mk("goal", "show", goal, "--json").json()["meetings"] == []
    assert "on the agenda" not in mk("goal", "show", goal).stdout


def test_an_unknown_or_ambiguous_goal_is_a_clear_error(mk, store):
    add_goal(mk)
    result = mk("goal", "show", "zzzzz")
    assert result.exit_code == 1
    assert "No goal matches 'zzzzz'" in result.stderr


# -- reviews -----------------------------------------------------------------------------------


def test_review_records_a_check_in_and_turns_the_next_step_into_an_action(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    goal = add_goal(mk, GOOD["statement"], "--mentor", "rivera")["id"]
    [result] = review(
        mk,
        goal,
        "--progress",
        "40",
        "--helped",
        "Writing group",
        "--blocker",
        "Clinic weeks",
        "--next",
        "Send the aims page to Rivera",
        "--next-due",
        day(7).isoformat(),
        "--note",
        "Private: tired this month",
    )
    action = result["action"]
    assert (action["text"], action["goal"], action["mentor"]) == (
        "Send the aims page to Rivera",
        goal,
        "ana-rivera",
    )
    assert action["due"] == day(7).isoformat() and action["owner"] == "me"
    [checkin] = goal_file(store, goal)["checkins"]
    assert checkin == {
        "date": day(0),
        "progress": 40,
        "helped": "Writing group",
        "blocker": "Clinic weeks",
        "next_step": "Send the aims page to Rivera",
        "action": action["id"],
        "raise_with": "ana-rivera",
        "note": "Private: tired this month",
    }
    assert result["goal"]["next_review"] == day(30).isoformat()
    assert result["raise_with"] == "ana-rivera"
    assert mk("actions", "--goal", goal, "--json").json()[0]["id"] == action["id"]


def test_review_ends_by_saying_which_mentor_to_raise_it_with(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    add_mentor(mk, "Kwame Mensah")
    goal = add_goal(mk, GOOD["statement"], "--mentor", "rivera", "--mentor", "mensah")["id"]
    plan(mk, "mensah", "--date", day(2).isoformat(), "--no-carry")
    plan(mk, "rivera", "--date", day(9).isoformat(), "--no-carry")
    result = mk("goal", "review", goal, "--progress", "30", "--no-input")
    assert result.exit_code == 0, result.stderr
    # Mensah is met first, so the goal goes to him.
    assert "with Kwame Mensah at your meeting" in result.stdout
    assert "mk agenda new kwame-mensah` proposes it" in result.stdout
    assert goal_file(store, goal)["checkins"][0]["raise_with"] == "kwame-mensah"


def test_a_review_brings_the_goal_on_a_planned_agenda_up_to_date(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    goal = add_goal(mk, GOOD["statement"], "--mentor", "rivera")["id"]
    planned = plan(mk, "rivera", "--date", day(5).isoformat())
    [shared] = goal_items(planned)
    assert shared["text"].startswith("Goal to share")
    result = mk("goal", "review", goal, "--progress", "30", "--no-input")
    assert "is on the agenda of your meeting with Dr. Ana Rivera" in result.stdout
    assert "`mk agenda new ana-rivera` brings it up to date" in result.stdout
    again = plan(mk, "rivera", "--date", day(5).isoformat())
    assert [(i["id"], i["text"]) for i in goal_items(again)] == [
        (shared["id"], f"Goal: {GOOD['statement']}, now 30%")
    ]


def test_a_mentor_named_in_the_review_is_linked_to_the_goal(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    goal = add_goal(mk)["id"]
    [result] = review(
        mk, goal, "--progress", "10", "--next", "mentor: read my aims", "--mentor", "riv"
    )
    assert result["action"]["owner"] == "mentor"
    assert goal_file(store, goal)["mentors"] == ["ana-rivera"]


def test_a_mentors_next_step_needs_a_mentor(mk, store):
    goal = add_goal(mk)["id"]
    before = snapshot(store)
    result = mk(
        "goal", "review", goal, "--progress", "10", "--next", "mentor: read it", "--no-input"
    )
    assert result.exit_code == 2
    assert "--mentor" in result.stderr
    assert snapshot(store) == before


def test_review_walks_only_the_goals_due(mk, store):
    due = add_goal(mk)["id"]
    add_goal(mk, "Give 3 talks outside my department")
    set_created(store, due, 31)
    listed = {g["id"]: g for g in mk("goals", "--json").json()}
    assert listed[due]["next_review"] == day(-1).isoformat()
    [result] = mk("goal", "review", "--progress", "50", "--no-input", "--json").json()
    assert result["goal"]["id"] == due
    # Reviewed: nothing is due any more.
    again = mk("goal", "review", "--no-input")
    assert again.exit_code == 0
    assert "No goal is due for review" in again.stderr


@pytest.mark.parametrize("flags", [["--progress", "10"], []], ids=["with flags", "without"])
def test_review_of_several_due_goals_without_a_terminal_asks_to_name_one(mk, store, flags):
    for statement in ("Give 3 talks outside my department", GOOD["statement"]):
        set_created(store, add_goal(mk, statement)["id"], 40)
    before = snapshot(store)
    result = mk("goal", "review", *flags, "--no-input")
    assert result.exit_code == 2
    assert "name one" in result.stderr
    assert snapshot(store) == before


def test_a_scripted_review_can_raise_the_goal_with_nobody(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    goal = add_goal(mk, GOOD["statement"], "--mentor", "rivera")["id"]
    [checked] = review(mk, goal, "--progress", "30", "--next", "Draft aims", "--mentor", "none")
    assert checked["raise_with"] is None
    assert checked["action"]["mentor"] is None
    [suggested] = review(mk, goal, "--progress", "40")
    assert suggested["raise_with"] == "ana-rivera"  # without --mentor: the linked mentor


@pytest.mark.parametrize(
    ("flags", "code", "message"),
    [
        ([], 2, "--progress"),
        (["--progress", "120"], 2, "120"),
        (["--progress", "10", "--next-due", "yesterday"], 2, "past"),
        (["--progress", "10", "--mentor", "zzz"], 1, "zzz"),
    ],
    ids=["no progress", "over 100", "past due", "unknown mentor"],
)
def test_review_refuses_bad_input_and_writes_nothing(mk, store, flags, code, message):
    goal = add_goal(mk)["id"]
    before = snapshot(store)
    result = mk("goal", "review", goal, "--no-input", *flags)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert snapshot(store) == before


def test_a_closed_goal_is_not_reviewed(mk, store):
    goal = add_goal(mk)["id"]
    assert mk("goal", "done", goal).exit_code == 0
    before = snapshot(store)
    result = mk("goal", "review", goal, "--progress", "10", "--no-input")
    assert result.exit_code == 1
    assert "achieved" in result.stderr
    assert snapshot(store) == before


# -- goals on the agenda -------------------------------------------------------------------------


def discuss_all(mk, meeting: dict[str, Any]) -> None:
    flags = [
        f for i in meeting["items"] if i["origin"] != "wrap-up" for f in ("--discussed", i["id"])
    ]
    log(mk, meeting["id"], *flags)


def goal_items(meeting: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for item in meeting["items"] if item["origin"] == "goal"]


def test_a_reviewed_goal_shows_up_on_the_right_mentors_next_agenda_once(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    add_mentor(mk, "Kwame Mensah")
    goal = add_goal(mk, GOOD["statement"], "--mentor", "rivera")["id"]
    # A goal never raised with its mentor is proposed to share.
    first = plan(mk, "rivera", "--date", "today")
    [shared] = goal_items(first)
    assert shared["text"].startswith(f"Goal to share: {GOOD['statement']}")
    assert shared["source"] == goal
    discuss_all(mk, first)
    # Discussed, and no news since: not proposed again.
    assert goal_items(plan(mk, "rivera", "--date", day(14).isoformat(), "--new")) == []
    review(mk, goal, "--progress", "40", "--next", "Cut the Approach")
    # Mensah is not linked: nothing for him; Rivera's agenda already planned gets it.
    assert goal_items(plan(mk, "mensah")) == []
    again = plan(mk, "rivera", "--date", day(14).isoformat())
    [news] = goal_items(again)
    assert news["text"] == f"Goal: {GOOD['statement']}, now 40%"  # the next step is an action
    assert any(i["text"].startswith("Progress on: Cut the Approach") for i in again["items"])
    # Proposed once: preparing the same meeting again adds nothing more.
    assert len(goal_items(plan(mk, "rivera", "--date", day(14).isoformat()))) == 1


def test_news_discussed_on_the_day_of_the_review_is_not_proposed_again(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    goal = add_goal(mk, GOOD["statement"], "--mentor", "rivera")["id"]
    review(mk, goal, "--progress", "30")
    today = plan(mk, "rivera", "--date", "today")
    assert goal_items(today)[0]["text"] == f"Goal: {GOOD['statement']}, now 30%"
    discuss_all(mk, today)
    assert goal_items(plan(mk, "rivera", "--date", day(14).isoformat())) == []


@pytest.mark.parametrize(
    ("close", "expected"),
    [(["done"], [f"Goal achieved: {GOOD['statement']}"]), (["drop", "--no-input"], [])],
    ids=["achieved", "dropped"],
)
def test_closing_a_goal_updates_the_agendas_that_raise_it(mk, store, close, expected):
    add_mentor(mk, "Dr. Ana Rivera")
    goal = add_goal(mk, GOOD["statement"], "--mentor", "rivera")["id"]
    meeting = plan(mk, "rivera", "--date", day(5).isoformat())
    assert len(goal_items(meeting)) == 1
    result = mk("goal", *close[:1], goal, *close[1:])
    assert result.exit_code == 0, result.stderr
    assert "The agenda of your meeting with Dr. Ana Rivera (" in result.stderr
    shown = mk("agenda", "show", meeting["id"], "--json").json()
    assert [i["text"] for i in goal_items(shown)] == expected


def test_closing_a_goal_with_json_output_updates_the_agendas_too(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    goal = add_goal(mk, GOOD["statement"], "--mentor", "rivera")["id"]
    meeting = plan(mk, "rivera", "--date", day(5).isoformat())
    assert mk("goal", "done", goal, "--json").json()["status"] == "achieved"
    shown = mk("agenda", "show", meeting["id"], "--json").json()
    assert [i["text"] for i in goal_items(shown)] == [f"Goal achieved: {GOOD['statement']}"]


def test_a_goal_due_for_review_is_proposed_until_discussed(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    goal = add_goal(mk, GOOD["statement"], "--mentor", "rivera")["id"]
    set_created(store, goal, 45)
    first = plan(mk, "rivera", "--date", "today")
    [check] = goal_items(first)
    assert check["text"] == f"Goal check: {GOOD['statement']} (no progress yet)"
    log(mk, first["id"], "--carry", check["id"])  # not reached
    second = plan(mk, "rivera", "--date", day(7).isoformat())
    assert [i["text"] for i in goal_items(second)] == [check["text"]]
    assert [i for i in second["items"] if i["origin"] == "carried"] == []  # not twice
    second_check = goal_items(second)[0]
    log(mk, second["id"], "--discussed", second_check["id"])
    assert goal_items(plan(mk, "rivera", "--date", day(14).isoformat())) == []


@pytest.mark.parametrize(("when", "checked"), [(-3, False), (-40, True)], ids=["since", "before"])
def test_a_review_discussed_with_another_mentor_counts_only_since_it_fell_due(
    mk, store, when, checked
):
    """Set 45 days ago, the goal fell due for review 15 days ago (monthly). Discussed with
    another mentor since, it is no check for this one; discussed only before, it still is."""
    add_mentor(mk, "Dr. Ana Rivera")
    add_mentor(mk, "Kwame Mensah")
    goal = add_goal(mk, GOOD["statement"], "--mentor", "rivera", "--mentor", "mensah")["id"]
    set_created(store, goal, 45)
    with_mensah = plan(mk, "mensah", "--date", "today")
    discuss_all(mk, with_mensah)
    [path] = (store / "meetings").glob(f"*-{with_mensah['id']}.md")
    moved = re.sub(r"(?m)^when = \d{4}-\d\d-\d\d", f"when = {day(when)}", path.read_text())
    path.write_text(moved)  # as if it had been held that day
    texts = [i["text"] for i in goal_items(plan(mk, "rivera", "--date", day(7).isoformat()))]
    check = f"Goal check: {GOOD['statement']} (no progress yet)"
    assert (check in texts) is checked


def test_paused_and_achieved_goals_are_not_proposed(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    paused = add_goal(mk, GOOD["statement"], "--mentor", "rivera")["id"]
    done = add_goal(mk, "Give 3 talks outside my department", "--mentor", "rivera")["id"]
    assert mk("goal", "pause", paused).exit_code == 0
    assert mk("goal", "done", done).exit_code == 0
    assert goal_items(plan(mk, "rivera")) == []


# -- closing, pausing, linking, editing ----------------------------------------------------------


def test_done_drop_pause_resume_change_the_status(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    goal = add_goal(mk, GOOD["statement"], "--mentor", "rivera")["id"]
    paused = mk("goal", "pause", goal, "--json").json()
    assert (paused["status"], paused["paused"], paused["next_review"]) == (
        "paused",
        day(0).isoformat(),
        None,
    )
    assert mk("goal", "pause", goal).exit_code == 0  # already paused: nothing to do
    assert goal_file(store, goal)["paused"] == day(0)
    assert mk("goal", "resume", goal, "--json").json()["status"] == "active"
    result = mk("goal", "done", goal, "--date", "yesterday")
    assert result.exit_code == 0, result.stderr
    assert "Dr. Ana Rivera" in result.stderr  # tell the mentor who helped
    on_disk = goal_file(store, goal)
    assert (on_disk["status"], on_disk["achieved"]) == ("achieved", day(-1))
    assert mk("goals", "--all", "--json").json()[0]["progress"] == 100
    before = snapshot(store)
    twice = mk("goal", "done", goal)  # done twice is still done, and changes nothing
    assert twice.exit_code == 0
    assert f"{goal} was already achieved on {day(-1).isoformat()}" in twice.stderr
    assert snapshot(store) == before

    other = add_goal(mk, "Give 3 talks outside my department")["id"]
    dropped = mk("goal", "drop", other, "--reason", "Chose the clinical track", "--json").json()
    assert (dropped["status"], dropped["reason"]) == ("dropped", "Chose the clinical track")
    again = mk("goal", "drop", other, "--no-input")
    assert again.exit_code == 0 and "already dropped" in again.stderr
    reason = mk("goal", "drop", other, "--reason", "Another reason", "--no-input")
    assert reason.exit_code == 0 and "its reason on record stays" in reason.stderr
    achieved = mk("goal", "drop", goal, "--no-input")
    assert achieved.exit_code == 1 and "achieved" in achieved.stderr


def test_dropping_a_goal_points_at_its_open_action_items(mk, store):
    goal = add_goal(mk)["id"]
    [checked] = review(mk, goal, "--progress", "10", "--next", "Email the program officer")
    action = checked["action"]["id"]
    result = mk("goal", "drop", goal, "--no-input")
    assert result.exit_code == 0
    assert f"Still open for it: action {action}" in result.stderr
    assert mk("actions", "--json").json()[0]["status"] == "open"  # left for the user to decide


def test_link_and_unlink_mentors(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    add_mentor(mk, "Kwame Mensah")
    goal = add_goal(mk)["id"]
    linked = mk("goal", "link", goal, "riv", "mensah", "--json").json()
    assert linked["mentors"] == ["ana-rivera", "kwame-mensah"]
    again = mk("goal", "link", goal, "riv", "--json").json()
    assert again["mentors"] == ["ana-rivera", "kwame-mensah"]  # no duplicates
    assert mk("goal", "link", goal, "riv", "--unlink", "--json").json()["mentors"] == [
        "kwame-mensah"
    ]
    before = snapshot(store)
    assert mk("goal", "link", goal, "nobody").exit_code == 1
    assert snapshot(store) == before
    # A mentor whose file was deleted can still be unlinked by the slug the goal holds.
    (store / "mentors" / "kwame-mensah.toml").unlink()
    unlinked = mk("goal", "link", goal, "kwame-mensah", "--unlink", "--json")
    assert unlinked.exit_code == 0, unlinked.stderr
    assert unlinked.json()["mentors"] == []


def editor(tmp_path: Path, code: str) -> dict[str, str]:
    script = tmp_path / "editor.py"
    script.write_text(
        f"import sys, pathlib\npath = pathlib.Path(sys.argv[1])\ntext = path.read_text()\n{code}\n"
    )
    return {"EDITOR": f"{sys.executable} {script}"}


def test_edit_is_validated_before_it_is_saved(mk, store, tmp_path):
    goal = add_goal(mk)["id"]
    path = store / "goals" / f"{goal}.toml"
    ok = mk(
        "goal", "edit", goal, env=editor(tmp_path, "path.write_text(text.replace('NIH', 'NCI'))")
    )
    assert ok.exit_code == 0, ok.stderr
    assert goal_file(store, goal)["statement"] == "Submit the K23 application to NCI"
    assert "SMART check" in ok.stdout and "specific" in ok.stdout
    before = path.read_bytes()
    bad = mk(
        "goal",
        "edit",
        goal,
        env=editor(tmp_path, "path.write_text(text.replace('\"short\"', '\"someday\"'))"),
    )
    assert bad.exit_code == 1
    assert "horizon" in bad.stderr
    assert path.read_bytes() == before


# -- the development plan ----------------------------------------------------------------------


def test_plan_is_markdown_to_share_without_private_notes(mk, store, tmp_path):
    add_mentor(mk, "Dr. Ana Rivera")
    short = add_goal(mk, GOOD["statement"], "--mentor", "rivera")["id"]
    add_goal(mk, "Lead an independent lab of 4 people", due=day(6 * 365).isoformat())
    paused = add_goal(mk, "Give 3 talks outside my department")["id"]
    mk("goal", "pause", paused)
    review(
        mk,
        short,
        "--progress",
        "40",
        "--helped",
        "Writing group",
        "--next",
        "Cut the Approach",
        "--next-due",
        day(5).isoformat(),
        "--note",
        "SECRET worry about my chair",
    )
    result = mk("goal", "plan")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("# Individual development plan: Sam Okafor")
    assert "## What I value\n\n- curiosity" in text
    short_part = text.index("## Short-term goals")
    long_part = text.index("## Long-term goals")
    held = text.index("## On hold")
    assert short_part < text.index(GOOD["statement"]) < long_part
    assert long_part < text.index("Lead an independent lab") < held
    assert "**How I will know:** Application submitted" in text
    assert "**Mentors:** Dr. Ana Rivera" in text
    assert "**Progress:** 40% on" in text and "Writing group" in text
    assert f"  - Cut the Approach (by {day(5).isoformat()})" in text
    assert "SECRET" not in text

    output = tmp_path / "plan.md"
    written = mk("goal", "plan", "--output", str(output))
    assert written.exit_code == 0, written.stderr
    assert written.stdout == ""
    assert output.read_text(encoding="utf-8") == text
    assert stat.S_IMODE(output.stat().st_mode) == 0o600


def test_plan_on_a_new_store_and_to_a_missing_folder(mk, store, tmp_path):
    result = mk("goal", "plan")
    assert result.exit_code == 0
    assert "No active goals yet" in result.stdout
    missing = mk("goal", "plan", "--output", str(tmp_path / "nowhere" / "plan.md"))
    assert missing.exit_code == 1
    assert "does not exist" in missing.stderr


# -- the board, broken files, the demo ------------------------------------------------------------


def test_the_board_lists_active_goals_no_mentor_helps_with(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    add_goal(mk, GOOD["statement"], "--mentor", "rivera")
    lonely = add_goal(mk, "Give 3 talks outside my department")["id"]
    board = mk("board", "--json").json()
    assert board["goals_without_mentor"] == [
        {"id": lonely, "statement": "Give 3 talks outside my department"}
    ]
    text = mk("board").stdout
    assert "Goals no mentor helps with" in text
    assert f"mk goal link {lonely} MENTOR" in text


def test_the_board_shows_the_smart_goals_in_place_of_the_first_draft_in_the_profile(
    mk, isolated_home
):
    mk("init", "--no-input", "--name", "Sam", "--goal", "get a grant")
    assert "My goal: get a grant" in mk("board").stdout
    goal = add_goal(mk, GOOD["statement"])["id"]
    board = mk("board")
    assert f"My goal: {GOOD['statement']}" in board.stdout
    assert "get a grant" not in board.stdout
    assert mk("board", "--json").json()["goals"] == [GOOD["statement"]]
    mk("goal", "done", goal)
    assert mk("board", "--json").json()["goals"] == []


def test_a_broken_goal_file_is_named_and_the_rest_still_listed(mk, store):
    good = add_goal(mk)["id"]
    (store / "goals" / "bad01.toml").write_text('statement = "Half\ncreated = 2026-01-01\n')
    listed = mk("goals", "--json")
    assert listed.exit_code == 0
    assert [g["id"] for g in listed.json()] == [good]
    assert "goals/bad01.toml:1:" in listed.stderr
    named = mk("goal", "show", "bad01")
    assert named.exit_code == 1 and "bad01.toml" in named.stderr
    doctor = mk("doctor")
    assert doctor.exit_code == 1
    assert "bad01.toml" in doctor.stderr


def test_doctor_names_an_unknown_key_in_a_goal(mk, store):
    goal = add_goal(mk)["id"]
    path = store / "goals" / f"{goal}.toml"
    path.write_text(path.read_text().replace("measure =", "mesure ="))
    result = mk("doctor")
    assert "unknown key 'mesure'" in result.stderr
    assert "did you mean 'measure'" in result.stderr


def test_demo_goals_have_check_ins_and_one_weak_goal(mk, tmp_path):
    home = tmp_path / "demo"
    assert mk("demo", "--home", str(home)).exit_code == 0
    goals = mk("--home", str(home), "goals", "--all", "--json").json()
    assert len(goals) >= 4
    assert any(len(g["checkins"]) >= 3 for g in goals)
    assert any(g["status"] == "achieved" for g in goals)
    assert any("weak" in g["smart"].values() for g in goals)
    assert any(g["horizon"] == "long" for g in goals)
    plan_text = mk("--home", str(home), "goal", "plan").stdout
    assert "## Short-term goals" in plan_text and "## Long-term goals" in plan_text


def test_unlinking_a_mentor_takes_the_goal_off_their_agendas_to_come(mk, store):
    add_mentor(mk, "Dr. Li Wei")
    goal = mk("goal", "add", "Submit the AF paper", "--measure", "submitted", "--due", "+6m",
              "--mentor", "wei", "--no-input", "--json").json()["id"]  # fmt: skip
    planned = plan(mk, "wei", "--date", "+7d")
    assert any(i.get("source") == goal for i in planned["items"])
    result = mk("goal", "link", goal, "wei", "--unlink")
    assert result.exit_code == 0, result.stderr
    assert "The agenda of your meeting with Dr. Li Wei (" in result.stderr
    assert "no longer raises it" in result.stderr
    shown = mk("agenda", "show", planned["id"], "--json").json()
    assert not any(i.get("source") == goal for i in shown["items"])
    again = plan(mk, "wei", "--date", "+7d")
    assert not any(i.get("source") == goal for i in again["items"])


def test_a_review_at_100_percent_points_to_goal_done(mk, store):
    goal = add_goal(mk, GOOD["statement"])["id"]
    result = mk("goal", "review", goal, "--progress", "100", "--no-input")
    assert result.exit_code == 0, result.stderr
    assert f"At 100%: if it is achieved, `mk goal done {goal}` says so." in result.stdout
    partial = mk("goal", "review", goal, "--progress", "90", "--no-input")
    assert "At 100%" not in partial.stdout


def test_an_export_that_cannot_be_written_names_the_file_asked_for(mk, store, monkeypatch):
    import tempfile

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/somewhere/.plan.md.x1y2z3.tmp")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    target = store.parent / "plan.md"
    result = mk("goal", "plan", "--output", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Error: Permission denied: {target}\n"
