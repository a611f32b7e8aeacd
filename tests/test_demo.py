"""`mk demo`: the sample history is there and hangs together, as a newcomer would explore it."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from menteekit.cli.app import make_app


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One sample store for the module, built by `mk demo --home DIR`, and what it printed.

    Tests that change the store work on a copy of it."""
    root = tmp_path_factory.mktemp("demo")
    home = root / "sample"
    env = {"MK_HOME": str(root / "own-store"), "NO_COLOR": "1", "COLUMNS": "200"}
    result = CliRunner().invoke(make_app("demo"), ["demo", "--home", str(home)], env=env)
    assert result.exit_code == 0, result.output
    assert not (root / "own-store").exists()
    return home, result.stdout


@pytest.fixture
def home(sample: tuple[Path, str]) -> Path:
    return sample[0]


@pytest.fixture
def read(mk, home: Path):
    """Run a reading command against the sample and return its JSON."""

    def run(*args: str) -> Any:
        result = mk("--home", str(home), *args, "--json")
        assert result.exit_code == 0, result.stderr
        return result.json()

    return run


def full(read, meetings: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every stored field of each meeting, by id."""
    return {m["id"]: read("agenda", "show", m["id"]) for m in meetings}


def day(value: str) -> dt.date:
    return dt.datetime.fromisoformat(value).date()


def test_the_closing_text_points_at_the_history(sample):
    home, printed = sample
    for command in ("meetings", "actions", "agenda show rivera", "recap rivera", "agenda new"):
        assert f"mk --home {home} {command}" in printed
    assert "meetings held" in printed and "overdue" in printed


def test_months_of_meetings_with_each_mentor_by_cadence(read):
    meetings = read("meetings")
    today = dt.date.today()
    held = Counter(m["mentor"] for m in meetings if m["status"] == "held")
    assert held["ana-rivera"] >= 5
    assert held["ana-rivera"] > max(n for slug, n in held.items() if slug != "ana-rivera")
    assert {"kwame-mensah", "li-wei", "sofia-marchetti", "priya-natarajan", "helen-park"} <= set(
        held
    )
    assert "tomas-herrera" not in {m["mentor"] for m in meetings}  # a prospect: never met
    rivera = [m for m in meetings if m["mentor"] == "ana-rivera"]
    first = min(day(m["when"]) for m in rivera)
    assert (today - first).days >= 150  # about six months of monthly meetings
    assert [m["status"] for m in rivera].count("cancelled") == 1
    for meeting in rivera:
        if meeting["status"] == "held":
            assert meeting["reflected"]
            assert 4 <= meeting["agenda_items"] <= 8  # 3 to 7 items and the wrap-up
            assert meeting["agenda_minutes"] <= meeting["minutes"]
    assert all(m["reflected"] for m in meetings if m["status"] == "held")
    assert not any(m["reflected"] for m in meetings if m["status"] != "held")


def test_a_planned_meeting_with_rivera_is_coming_up_with_an_agenda(read):
    [upcoming] = read("meetings", "--upcoming")
    assert upcoming["mentor"] == "ana-rivera" and upcoming["status"] == "planned"
    assert day(upcoming["when"]) > dt.date.today()
    shown = read("agenda", "show", "rivera")
    assert shown["id"] == upcoming["id"]
    kinds = [item["kind"] for item in shown["items"] if item["origin"] != "wrap-up"]
    assert len(kinds) >= 2 and shown["items"][-1]["origin"] == "wrap-up"


def test_items_carried_over_name_an_earlier_meeting_and_item(read):
    meetings = read("meetings")
    by_id = full(read, meetings)
    carried = [
        (meeting, item)
        for meeting in by_id.values()
        for item in meeting["items"]
        if item["origin"] == "carried"
    ]
    assert len(carried) >= 3
    from_cancelled = 0
    for meeting, item in carried:
        source_id, item_id = item["source"].split(".")
        source = by_id[source_id]
        [original] = [i for i in source["items"] if i["id"] == item_id]
        assert original["text"] == item["text"] and original["kind"] == item["kind"]
        assert original["status"] != "discussed"
        assert source["mentor"] == meeting["mentor"]
        assert day(source["when"]) < day(meeting["when"])
        from_cancelled += source["status"] == "cancelled"
    assert from_cancelled >= 1
    kinds = {i["kind"] for m in by_id.values() if m["mentor"] == "ana-rivera" for i in m["items"]}
    assert kinds >= {"update", "question", "decision", "feedback", "follow-up"}


def test_reflections_record_decisions_feedback_and_a_sting(read):
    meetings = read("meetings", "--past")
    by_id = full(read, [m for m in meetings if m["status"] == "held"])
    feedback = []
    for meeting in by_id.values():
        reflection = meeting["reflection"]
        written = dt.datetime.fromisoformat(reflection["written"])
        when = dt.datetime.fromisoformat(meeting["when"])
        assert when < written < when + dt.timedelta(days=1)  # soon after the meeting
        assert reflection["minutes"]
        assert all(item["status"] != "pending" for item in meeting["items"])
        feedback += reflection["feedback"]
    assert sum(bool(m["reflection"]["decisions"]) for m in by_id.values()) >= len(by_id) // 2
    assert {f["kind"] for f in feedback} == {"appreciation", "coaching", "evaluation"}
    stung = [f for f in feedback if f["trigger"]]
    assert len(stung) == 1 and stung[0]["kind"] == "coaching"
    cancelled = [m for m in read("meetings") if m["status"] == "cancelled"]
    for meeting in full(read, cancelled).values():
        assert meeting["cancelled"]["by"] in ("me", "mentor") and meeting["cancelled"]["reason"]


def test_actions_done_on_time_and_late_some_open_one_overdue(read):
    actions = read("actions", "--all")
    meetings = {m["id"]: m for m in read("meetings")}
    done = [a for a in actions if a["status"] == "done"]
    assert any(day(a["done"]) <= day(a["due"]) for a in done if a["due"])
    late = [a for a in done if a["due"] and day(a["done"]) > day(a["due"])]
    assert 2 <= len(late) <= 4
    assert len(done) > 3 * len(late)  # most are done on time
    still_open = [a for a in actions if a["status"] == "open"]
    assert 2 <= len(still_open) <= 5
    [overdue] = [a for a in actions if a["overdue"]]
    assert overdue["status"] == "open" and overdue["owner"] == "me"
    assert read("actions", "--overdue") == [overdue]
    rivera = [a for a in still_open if a["mentor"] == "ana-rivera"]
    assert {a["owner"] for a in rivera} == {"me", "mentor"}
    for action in actions:
        meeting = meetings[action["meeting"]]  # agreed at a meeting that is on record
        assert action["mentor"] == meeting["mentor"] and meeting["status"] == "held"
        assert action["created"] == day(meeting["when"]).isoformat()
        if action["done"]:
            assert action["created"] <= action["done"] <= dt.date.today().isoformat()


def test_last_contact_is_the_latest_meeting_or_contact_and_li_wei_is_overdue(read):
    last: dict[str, str] = {}
    for meeting in read("meetings", "--past"):
        if meeting["status"] == "held":
            last[meeting["mentor"]] = max(last.get(meeting["mentor"], ""), meeting["when"][:10])
    mentors = {m["slug"]: m for m in read("mentor", "list")}
    for slug, mentor in mentors.items():
        touched = [c["date"] for c in mentor["contacts"]]
        latest = max([*touched, last.get(slug, "")]) or None
        assert mentor["last_contact"] == latest, slug
    assert mentors["helen-park"]["conclusion"]["date"] == last["helen-park"]
    # Park keeps in touch yearly and wrote recently: only Li Wei is overdue.
    assert mentors["helen-park"]["keep_in_touch"] is True
    assert [m["slug"] for m in read("board")["overdue"]] == ["li-wei"]


def test_contacts_agreements_and_phases_give_the_signals_something_to_read(read):
    mentors = {m["slug"]: m for m in read("mentor", "list")}
    kinds = {c["kind"] for m in mentors.values() for c in m["contacts"]}
    assert {"thanks", "update", "congrats", "coffee"} <= kinds
    today = dt.date.today()
    rivera = mentors["ana-rivera"]["agreement"]
    assert rivera["revisited"] is None
    assert (today - dt.date.fromisoformat(rivera["agreed"])).days > 183
    li = mentors["li-wei"]["agreement"]
    assert (today - dt.date.fromisoformat(li["agreed"])).days < 183
    active = [m for m in mentors.values() if m["status"] == "active"]
    assert all(m["phase"] and m["phase_since"] and m["phase_note"] for m in active)
    assert {m["phase"] for m in active} == {"early", "mid", "late"}
    for mentor in mentors.values():
        assert all(c["date"] <= today.isoformat() for c in mentor["contacts"])


def test_doctor_finds_nothing_to_report(mk, home):
    result = mk("doctor", "--home", str(home), "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == {"problems": [], "warnings": []}


def test_recap_drafts_the_follow_up_of_the_last_meeting_with_rivera(read):
    held = [m for m in read("meetings", "--mentor", "rivera") if m["status"] == "held"]
    recap = read("recap", "rivera")
    assert recap["meeting"]["id"] == held[-1]["id"]
    assert "We agreed:" in recap["text"] and "Our next meeting:" in recap["text"]
    assert "- You: " in recap["text"] and "- Me: " in recap["text"]


def test_agenda_new_proposes_what_was_carried_and_is_still_open(mk, home, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(home, copy)
    before = mk("--home", str(copy), "agenda", "show", "rivera", "--json").json()
    last = [
        m for m in mk("--home", str(copy), "meetings", "--json").json() if m["status"] == "held"
    ]
    last_rivera = [m for m in last if m["mentor"] == "ana-rivera"][-1]
    actions = mk("--home", str(copy), "actions", "--mentor", "rivera", "--json").json()

    result = mk("agenda", "new", "rivera", "--no-input", "--json", "--home", str(copy))
    assert result.exit_code == 0, result.stderr
    after = result.json()
    assert after["id"] == before["id"]  # added to the meeting already planned
    added = after["items"][len(before["items"]) - 1 : -1]
    origins = Counter(item["origin"] for item in added)
    assert origins["carried"] >= 1 and origins["my-action"] >= 2 and origins["mentor-action"] >= 1
    # Both goals are due for review by the day of the meeting and not discussed since.
    assert origins["goal"] == 2
    goals = {g["id"]: g for g in mk("--home", str(copy), "goals", "--json").json()}
    for item in added:
        if item["origin"] == "carried":
            assert item["source"].startswith(last_rivera["id"] + ".")
        elif item["origin"] == "goal":
            assert goals[item["source"]]["mentors"][0] == "ana-rivera"
            assert item["text"].startswith("Goal check: ")
        else:
            assert item["source"] in {a["id"] for a in actions}
    [overdue] = [a for a in actions if a["overdue"]]
    assert overdue["id"] in {item["source"] for item in added}
    assert after["items"][-1]["origin"] == "wrap-up"
    assert after["agenda_minutes"] <= after["minutes"]


@pytest.mark.parametrize("shift", range(7))
def test_the_sample_is_the_same_for_a_given_day_and_coherent_on_any_weekday(shift):
    from menteekit.services.demo import AddGoals, AddMeeting, sample_history, sample_mentors
    from menteekit.services.meetings import total_minutes
    from menteekit.services.mentors import slugify
    from menteekit.store import packaged_templates

    templates = [(packaged_templates() / n).read_text() for n in ("meeting.md", "reflection.md")]
    today = dt.date(2026, 3, 2) + dt.timedelta(days=shift)

    def play() -> Any:
        ids = itertools.count()
        mentors = [m.model_copy(update={"slug": slugify(m.name)}) for m in sample_mentors(today)]
        steps = sample_history(today, mentors, *templates)
        try:
            step = next(steps)
            while True:
                if isinstance(step, AddMeeting):
                    written = step.meeting.model_copy(update={"id": f"m{next(ids)}"})
                elif isinstance(step, AddGoals):
                    written = [g.model_copy(update={"id": f"g{next(ids)}"}) for g in step.goals]
                else:
                    written = [a.model_copy(update={"id": f"a{next(ids)}"}) for a in step.actions]
                step = steps.send(written)
        except StopIteration as finished:
            return finished.value

    first, second = play(), play()
    assert first.meetings == second.meetings and first.actions == second.actions
    assert first.goals == second.goals
    for meeting in first.meetings:
        assert total_minutes(meeting) <= meeting.minutes
        if meeting.mentor == "ana-rivera" and meeting.status == "held":
            assert 4 <= len(meeting.items) <= 8
    assert all(a.done is None or a.done <= today for a in first.actions.values())
    assert (
        sum(a.due is not None and a.due < today and a.done is None for a in first.actions.values())
        == 1
    )
