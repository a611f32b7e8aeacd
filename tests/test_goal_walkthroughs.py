"""The guided `mk goal add` and `mk goal review`, answered as a person at a terminal would.

Most run in-process with the command made to believe stdin is a terminal (fast, and the order
of the questions is checked); one runs the installed `mk` in a real pseudo-terminal.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

import pexpect
import pytest

from conftest import add_mentor, day, plan


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("menteekit.cli.goals.interactive", lambda no_input: not no_input)


def answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def review(mk, goal_id: str, *lines: str):
    """`mk goal review GOAL` answered with `lines`, one per question."""
    return mk("goal", "review", goal_id, input=answers(*lines))


def in_order(text: str, parts: list[str]) -> None:
    """Each of `parts` appears in `text`, each after the one before."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        assert found >= 0, f"{part!r} missing after position {at} in:\n{text}"
        at = found + len(part)


def only_goal(store: Path) -> dict:
    [path] = (store / "goals").glob("*.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_goal_add_walks_the_letters_and_revises_the_weak_ones(mk, store, at_a_terminal):
    add_mentor(mk, "Dr. Ana Rivera")
    result = mk(
        "goal",
        "add",
        input=answers(
            "Improve my writing",  # S
            "",  # M: skipped
            "",  # A: skipped
            "1, mentoring others",  # R: a value of the profile by number, and a new one
            "long",  # horizon
            "+5y",  # due
            "riv",  # mentors
            "s",  # revise: specific
            "Submit two first-author papers",
            "m",  # revise: measurable
            "2 papers submitted to journals",
            "a",
            "Two datasets analysed; needs Fridays protected",
            "",  # all ok now: save
        ),
    )
    assert result.exit_code == 0, result.stderr
    order = [
        "(specific)",
        "The goal: what will you do",
        "(measurable)",
        "How will you know it is done?",
        "(achievable)",
        "Why is it within reach",
        "(relevant)",
        "Your values: 1. curiosity",
        "Which of your values",
        "(time-bound)",
        "Short-term or long-term?",
        "When is it due?",
        "Which mentors can help",
        "SMART check",
        "weak S specific",
        "Revise a weak one",
    ]
    in_order(result.stderr, order)
    assert "e.g." in result.stderr  # every letter comes with an example
    goal = only_goal(store)
    assert goal["statement"] == "Submit two first-author papers"
    assert goal["measure"] == "2 papers submitted to journals"
    assert goal["achievable"] == "Two datasets analysed; needs Fridays protected"
    assert goal["values"] == ["curiosity", "mentoring others"]
    assert (goal["horizon"], goal["mentors"]) == ("long", ["ana-rivera"])
    # The last check shows every letter ok before saving.
    last_check = result.stderr.rindex("SMART check")
    assert "weak" not in result.stderr[last_check:]
    assert "Saved goal" in result.stdout


def test_goal_add_asks_again_after_a_bad_answer(mk, store, at_a_terminal):
    result = mk(
        "goal",
        "add",
        "Submit the K23 application",
        input=answers(
            "Application submitted",
            "Aims drafted and reviewed",
            "7",
            "curiosity",
            "",
            "yesterday",
            "in 6 months",
            "",
        ),
    )
    assert result.exit_code == 0, result.stderr
    assert "No value number 7" in result.stderr
    assert "already past" in result.stderr
    assert only_goal(store)["due"] > day(150)


def test_goal_add_stopped_with_ctrl_d_saves_nothing(mk, store, at_a_terminal):
    result = mk("goal", "add", input="Submit the K23 application\n")
    assert result.exit_code == 130
    assert not (store / "goals").exists() or not list((store / "goals").iterdir())


def test_goal_review_walkthrough_records_the_answers(mk, store, at_a_terminal):
    add_mentor(mk, "Dr. Ana Rivera")
    saved = mk(
        "goal", "add", "Submit the K23 application", "--mentor", "rivera", "--no-input", "--json"
    ).json()
    plan(mk, "rivera", "--date", day(5).isoformat(), "--no-carry")
    result = mk(
        "goal",
        "review",
        saved["id"],
        input=answers(
            "35%",  # progress
            "The writing group",  # helped
            "Clinic weeks",  # in the way
            "",  # still matters: keep
            "Cut the Approach to six pages",  # next step
            "fri",  # by when
            "",  # raise with: the suggested mentor
            "Felt slow this month",  # a private note
        ),
    )
    assert result.exit_code == 0, result.stderr
    order = [
        "No check-in yet",
        "Progress now",
        "What helped",
        "What is in the way",
        "What now for this goal?",
        "The next step?",
        "By when?",
        "Raise it with which mentor",
        "A private note?",
    ]
    in_order(result.stderr, order)
    [checkin] = only_goal(store)["checkins"]
    assert (checkin["progress"], checkin["helped"], checkin["blocker"]) == (
        35,
        "The writing group",
        "Clinic weeks",
    )
    assert checkin["raise_with"] == "ana-rivera"
    assert checkin["note"] == "Felt slow this month"
    assert "Raise “Submit the K23 application” with Dr. Ana Rivera" in result.stdout


@pytest.mark.parametrize(("choice", "status"), [("pause", "paused"), ("drop", "dropped")])
def test_a_goal_that_no_longer_matters_can_be_paused_or_dropped_in_review(
    mk, store, at_a_terminal, choice, status
):
    saved = mk("goal", "add", "Give 3 talks", "--no-input", "--json").json()
    extra = ["Chose the clinical track"] if choice == "drop" else []
    result = mk("goal", "review", saved["id"], input=answers("10", "", "", choice, *extra, ""))
    assert result.exit_code == 0, result.stderr
    assert "The next step?" not in result.stderr  # no next step for a goal set aside
    goal = only_goal(store)
    assert goal["status"] == status
    assert goal["checkins"][0]["progress"] == 10
    if choice == "drop":
        assert goal["reason"] == "Chose the clinical track"


def test_a_paused_goal_can_be_taken_up_again_in_review(mk, store, at_a_terminal):
    saved = mk("goal", "add", "Give 3 talks", "--no-input", "--json").json()
    assert mk("goal", "pause", saved["id"]).exit_code == 0
    result = mk("goal", "review", saved["id"], input=answers("10", "", "", "resume", "", "", ""))
    assert result.exit_code == 0, result.stderr
    assert "keep, rewrite, resume, drop" in result.stderr.replace("/", ", ")
    assert "The goal is now active" in result.stdout
    assert only_goal(store)["status"] == "active"


def test_a_rewritten_goal_keeps_its_history(mk, store, at_a_terminal):
    saved = mk("goal", "add", "Give 3 talks", "--no-input", "--json").json()
    result = review(
        mk, saved["id"], "20", "", "", "rewrite", "Give 3 talks at national meetings", *[""] * 5
    )
    assert result.exit_code == 0, result.stderr
    goal = only_goal(store)
    assert goal["statement"] == "Give 3 talks at national meetings"
    assert len(goal["checkins"]) == 1


def test_rewriting_a_goal_past_its_due_date_asks_for_a_new_one_and_enter_keeps_it(
    mk, store, at_a_terminal
):
    """The past date is not offered as the default: it would be refused at every Enter."""
    saved = mk("goal", "add", "Give 3 talks", "--due", "+1m", "--no-input", "--json").json()
    [path] = (store / "goals").glob("*.toml")
    past = day(-10).isoformat()
    path.write_text(path.read_text().replace(f"due = {saved['due']}", f"due = {past}"))
    result = review(mk, saved["id"], "20", "", "", "rewrite", *[""] * 6)
    assert result.exit_code == 0, result.stderr
    assert f"When is it due now? (it was due {past})" in result.stderr
    assert "already past" not in result.stderr
    assert only_goal(store)["due"].isoformat() == past


def test_a_mentors_next_step_asks_whose_step_it_is(mk, store, at_a_terminal):
    add_mentor(mk, "Dr. Ana Rivera")
    saved = mk("goal", "add", "Give 3 talks", "--no-input", "--json").json()
    result = review(
        mk, saved["id"], "20", "", "", "keep", "mentor: connect me with a statistician", "+2w",
        "riv", "",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Whose step is it? (the mentor you will raise the goal with)" in result.stderr
    assert "Added Dr. Ana Rivera's action" in result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_goal_add_in_a_real_terminal(mk, store):
    env = {**os.environ, "MK_HOME": str(store), "NO_COLOR": "1", "COLUMNS": "200"}
    child = pexpect.spawn(
        str(Path(sys.executable).parent / "mk"),
        ["goal", "add"],
        env=env,
        encoding="utf-8",
        timeout=15,
    )
    for question, answer in (
        ("what will you do", "Get better at teaching"),
        ("How will you know", "Teaching scores above 4.5 in 2 courses"),
        ("within reach", "Two courses booked; a teaching mentor to observe"),
        ("Which of your values", "curiosity"),
        ("Short-term", "short"),
        ("When is it due", "in 9 months"),
        ("Revise a weak one", ""),
    ):
        child.expect(question)
        child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    goal = only_goal(store)
    assert goal["statement"] == "Get better at teaching"
    assert goal["measure"] == "Teaching scores above 4.5 in 2 courses"


def test_stopping_in_the_second_review_keeps_the_first(mk, store, at_a_terminal):
    from records import write_goal

    write_goal(store, "g0one", created=-40)
    write_goal(store, "g0two", created=-40)
    result = mk("goal", "review", input=answers("10", "", "", "keep", "", "", ""))
    assert result.exit_code == 130
    assert "Stopped: the review before this one was saved; this one was not." in result.stderr
    goals = {p.stem: tomllib.loads(p.read_text()) for p in (store / "goals").glob("*.toml")}
    assert [c["progress"] for c in goals["g0one"]["checkins"]] == [10]
    assert goals["g0two"].get("checkins", []) == []
