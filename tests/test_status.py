"""`mk status`: what needs the mentee now, in full, as JSON and as one line for a prompt."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import day, snapshot
from records import write_action, write_goal, write_meeting, write_mentor

KEYS = {"upcoming", "unreflected", "actions_overdue", "actions_due_soon", "contacts_overdue",
        "goals_due"}  # fmt: skip


def one_of_everything(store: Path) -> None:
    """A store where each section of the status has exactly what the test expects."""
    write_mentor(store, "ana-rivera", "Ana Rivera", -200, 'cadence = "monthly"',
                 f"last_contact = {day(-45).isoformat()}")  # fmt: skip
    write_mentor(store, "li-wei", "Li Wei", -100, 'cadence = "quarterly"',
                 f"last_contact = {day(-10).isoformat()}")  # fmt: skip
    # Tomorrow, with nothing on the agenda but the wrap-up: flagged.
    write_meeting(store, "tmrw1", "li-wei", 1, status="planned", items=())
    # In five days, with an agenda: ready, not flagged.
    write_meeting(store, "ready", "ana-rivera", 5, status="planned")
    # In forty days, and Li Wei's next meeting is tomorrow's: too far ahead to list.
    write_meeting(store, "later", "li-wei", 40, status="planned", items=())
    write_meeting(store, "helds", "ana-rivera", -2, reflected=False)  # held, no reflection
    write_meeting(store, "never", "li-wei", -3, status="planned")  # its day went by, not logged
    write_meeting(store, "stale", "li-wei", -40, status="planned")  # too old to list
    write_meeting(store, "donea", "ana-rivera", -20)  # held and reflected: nothing to do
    write_meeting(store, "cancl", "ana-rivera", -6, status="cancelled", cancelled_by="mentor")
    write_action(store, "late1", mentor="ana-rivera", due=-3)
    write_action(store, "soon1", mentor=None, due=3)
    write_action(store, "their", mentor="li-wei", due=6, owner="mentor")
    write_action(store, "far01", mentor=None, due=20)
    write_action(store, "shut1", mentor=None, due=-10, done=-11)
    write_goal(store, "g0due", created=-40)
    write_goal(store, "g0new", created=-5)


def test_status_json_has_one_of_everything(mk, store):
    one_of_everything(store)
    data = mk("status", "--json").json()
    assert set(data) >= KEYS
    assert [(m["id"], m["needs_agenda"], m["agenda_ready"]) for m in data["upcoming"]] == [
        ("tmrw1", True, False),
        ("ready", False, True),
    ]
    assert data["upcoming"][0]["days_until"] == 1
    assert data["upcoming"][0]["command"] == "mk agenda new li-wei"
    assert data["upcoming"][1]["command"] == "mk agenda show ready"
    assert [(m["id"], m["status"], m["days_ago"]) for m in data["unreflected"]] == [
        ("never", "planned", 3),
        ("helds", "held", 2),
    ]
    assert data["unreflected"][0]["command"] == "mk log never"
    assert [(a["id"], a["days"], a["command"]) for a in data["actions_overdue"]] == [
        ("late1", 3, "mk done late1")
    ]
    assert [(a["id"], a["owner"], a["days"]) for a in data["actions_due_soon"]] == [
        ("soon1", "me", 3),
        ("their", "mentor", 6),
    ]
    assert data["actions_due_soon"][1]["command"] == "mk agenda new li-wei"
    [late] = data["contacts_overdue"]
    assert (late["slug"], late["days_overdue"], late["last_contact"]) == (
        "ana-rivera",
        15,
        day(-45).isoformat(),
    )
    assert [(g["id"], g["days_overdue"], g["command"]) for g in data["goals_due"]] == [
        ("g0due", 10, "mk goal review g0due")
    ]


def test_status_text_names_each_thing_and_its_command(mk, store):
    one_of_everything(store)
    result = mk("status")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "Li Wei: agenda not ready: nothing on it but the wrap-up  → mk agenda new li-wei" in text
    assert "Ana Rivera: agenda ready (2 items)  → mk agenda show ready" in text
    for expected in ("Meetings without a reflection", "→ mk log never", "→ mk log helds",
                     "3 days overdue  Action late1 (mine, with Ana Rivera)  → mk done late1",
                     "Action their (Li Wei's)", "→ mk touch ana-rivera",
                     "15 days overdue", "→ mk goal review g0due"):  # fmt: skip
        assert expected in text
    assert "stale" not in text and "far01" not in text and "g0new" not in text
    assert "Nothing needs you now" not in text


def test_short_line_counts_what_needs_attention(mk, store):
    one_of_everything(store)
    result = mk("status", "--short")
    assert result.exit_code == 0
    assert result.stdout == "agenda:1 log:2 overdue:1 soon:2 contact:1 review:1\n"
    assert result.stderr == ""


def test_an_agenda_prepared_tomorrow_is_no_longer_flagged(mk, store):
    write_mentor(store, "li-wei", "Li Wei", -100, f"last_contact = {day(-1).isoformat()}")
    write_meeting(store, "tmrw1", "li-wei", 1, status="planned", items=())
    assert mk("status", "--short").stdout == "agenda:1\n"
    result = mk("agenda", "new", "li-wei", "--item", "question: which journal?", "--no-input")
    assert result.exit_code == 0, result.stderr
    assert mk("status", "--short").stdout == ""
    [meeting] = mk("status", "--json").json()["upcoming"]
    assert (meeting["id"], meeting["agenda_ready"], meeting["agenda_items"]) == ("tmrw1", True, 1)


def test_nothing_due_prints_nothing_short_and_says_so_in_full(mk, store):
    write_mentor(store, "ana-rivera", "Ana Rivera", -200, 'cadence = "monthly"',
                 f"last_contact = {day(-3).isoformat()}")  # fmt: skip
    write_meeting(store, "donea", "ana-rivera", -3)
    write_action(store, "far01", mentor=None, due=30)
    write_goal(store, "g0new", created=-5)
    short = mk("status", "--short")
    assert (short.exit_code, short.stdout, short.stderr) == (0, "", "")
    text = mk("status").stdout
    assert "Nothing needs you now." in text
    assert "None planned. → mk agenda new MENTOR" in text


def test_an_empty_store(mk, store):
    data = mk("status", "--json").json()
    assert all(data[key] == [] for key in KEYS)
    assert mk("status", "--short").stdout == ""
    assert "Nothing needs you now." in mk("status").stdout


def test_no_store_is_silent_in_short_form_and_an_error_in_full(mk, isolated_home):
    short = mk("status", "--short")
    assert (short.exit_code, short.stdout, short.stderr) == (0, "", "")
    full = mk("status")
    assert full.exit_code == 1
    assert "No menteekit store" in full.stderr
    assert not isolated_home.exists()


def test_the_short_line_is_the_same_whichever_way_the_command_line_takes(mk, store, tmp_path):
    """Plain forms of `status --short` skip the application; any other form goes through it,
    and both print the same line."""
    one_of_everything(store)
    other = tmp_path / "other"
    line = "agenda:1 log:2 overdue:1 soon:2 contact:1 review:1\n"
    assert mk("status", "--short", "--home", str(store)).stdout == line
    # Two --home (the last one counts) are for the application to sort out.
    assert mk("--home", str(other), "status", "--home", str(store), "--short").stdout == line
    assert mk("--home", str(store), "status", "--home", str(other), "--short").stdout == ""
    assert mk("status", "--short", "--home", "").exit_code == 2


def test_the_status_is_the_same_whichever_way_the_command_line_takes(mk, store, tmp_path):
    """`mk status` and `mk status --json` skip the application too in their plain forms; a
    form they do not take plainly (two --home) gives the same."""
    one_of_everything(store)
    other = tmp_path / "other"
    for form in ([], ["--json"]):
        plain = mk("status", *form, "--home", str(store))
        through_the_app = mk("--home", str(other), "status", *form, "--home", str(store))
        assert plain.exit_code == through_the_app.exit_code == 0
        assert (plain.stdout, plain.stderr) == (through_the_app.stdout, through_the_app.stderr)
        assert "Li Wei" in plain.stdout
    missing = mk("status", "--home", str(other))
    assert (missing.exit_code, missing.stdout) == (1, "")
    assert missing.stderr.startswith(f"Error: No menteekit store at {other}.")


def test_short_and_json_together_is_a_usage_error(mk, store):
    before = snapshot(store)
    result = mk("status", "--short", "--json")
    assert result.exit_code == 2
    assert "--short" in result.stderr
    assert snapshot(store) == before


def test_a_broken_file_is_counted_and_the_rest_still_shown(mk, store):
    one_of_everything(store)
    (store / "actions" / "bad01.toml").write_text("text = \n", encoding="utf-8")
    assert mk("status", "--short").stdout.endswith(" broken:1\n")
    result = mk("status", "--json")
    assert result.exit_code == 0
    data = result.json()
    assert [p["path"].endswith("bad01.toml") for p in data["problems"]] == [True]
    assert len(data["actions_overdue"]) == 1
    assert "bad01.toml" in result.stderr


def test_a_paused_mentor_is_not_chased_at_their_cadence(mk, store):
    write_mentor(store, "bo-chen", "Bo Chen", -400, 'cadence = "weekly"', 'status = "paused"',
                 f"last_contact = {day(-100).isoformat()}")  # fmt: skip
    assert mk("status", "--json").json()["contacts_overdue"] == []


def test_a_mentors_next_meeting_is_listed_however_far(mk, store):
    write_mentor(store, "sofia", "Sofia Marchetti", -300, f"last_contact = {day(-3).isoformat()}")
    write_meeting(store, "far01", "sofia", 60, status="planned", items=())
    write_meeting(store, "far02", "sofia", 90, status="planned", items=())
    [meeting] = mk("status", "--json").json()["upcoming"]
    assert (meeting["id"], meeting["days_until"], meeting["needs_agenda"]) == ("far01", 60, False)
    assert mk("status", "--short").stdout == ""  # an empty agenda two months ahead is no worry


def test_a_meeting_whose_date_is_not_agreed_asks_for_one(mk, store):
    write_mentor(store, "sofia", "Sofia Marchetti", -300, f"last_contact = {day(-3).isoformat()}")
    path = write_meeting(store, "undat", "sofia", 0, status="planned", items=())
    path.write_text(path.read_text().replace(f"when = {day(0).isoformat()}\n", ""))
    [meeting] = mk("status", "--json").json()["upcoming"]
    assert (meeting["when"], meeting["days_until"]) == (None, None)
    assert meeting["command"] == "mk agenda new sofia --date DATE"
    assert "date not yet agreed  Sofia Marchetti: no agenda yet" in mk("status").stdout


def test_demo_shows_the_status_after_the_board(mk, tmp_path):
    result = mk("demo", "--home", str(tmp_path / "sample"))
    assert result.exit_code == 0, result.stderr
    board, status = result.stdout.split("Status — ", 1)
    assert "Mentoring board of directors" in board
    assert "Next meetings" in status and "Goals due for review" in status
    assert f"mk --home {tmp_path / 'sample'} health" in status


def test_a_broken_profile_is_counted_and_listed_once(mk, store):
    one_of_everything(store)
    config = store / "menteekit.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'name = "Sam Okafor"', "name = 5"), encoding="utf-8")  # fmt: skip
    short = mk("status", "--short")
    assert (short.exit_code, short.stderr) == (0, "")
    assert short.stdout.endswith(" broken:1\n")
    full = mk("status", "--json")
    assert [p["path"] for p in full.json()["problems"]] == [str(config)]
    assert full.stderr.count("menteekit.toml") == 1
    board = mk("board", "--json")
    assert [p["path"] for p in board.json()["problems"]] == [str(config)]
    assert board.stderr.count("menteekit.toml") == 1
    assert "1 file could not be read" in mk("board").stdout  # not "1 mentor file"


def test_a_broken_menteekit_toml_is_the_prompts_one_broken_file(mk, store):
    (store / "menteekit.toml").write_text("schema = 1\n[me\n", encoding="utf-8")
    short = mk("status", "--short")
    assert (short.exit_code, short.stdout, short.stderr) == (0, "broken:1\n", "")
    full = mk("status")  # the profile is what is broken: the rest is shown, the error named
    assert full.exit_code == 0 and "menteekit.toml:2: not valid TOML" in full.stderr
    (store / "menteekit.toml").write_text("schema = \n[me]\n", encoding="utf-8")
    assert mk("status").exit_code == 1  # no schema number: nothing can be trusted


def test_a_single_day_is_one_day(mk, store):
    write_action(store, "yday1", mentor=None, due=-1)
    text = mk("status").stdout
    assert "1 day overdue" in text and "1 days" not in text


def test_a_meeting_over_earlier_today_is_to_log_not_to_prepare(mk, store):
    """Reflect right after: once a meeting with a time has run its length it is no longer the
    next meeting to prepare but one to log, the same day."""
    import datetime as dt

    write_mentor(store, "li-wei", "Li Wei", -100, f"last_contact = {day(-1).isoformat()}")
    now = dt.datetime.now().astimezone().replace(second=0, microsecond=0)
    (store / "meetings").mkdir(exist_ok=True)
    for meeting_id, when in (
        ("ended", now - dt.timedelta(minutes=31)),
        ("later", now + dt.timedelta(hours=2)),
    ):
        (store / "meetings" / f"{when.date()}-li-wei-{meeting_id}.md").write_text(
            f'+++\nmentor = "li-wei"\nwhen = {when.isoformat()}\nminutes = 30\n'
            f'status = "planned"\ncreated = {(now - dt.timedelta(days=2)).isoformat()}\n+++\n'
        )
    data = mk("status", "--json").json()
    assert [m["id"] for m in data["upcoming"]] == ["later"]
    assert [(m["id"], m["command"]) for m in data["unreflected"]] == [("ended", "mk log ended")]
    assert mk("status", "--short").stdout == "agenda:1 log:1\n"
    assert [m["id"] for m in mk("meetings", "--past", "--json").json()] == ["ended"]


def test_in_a_narrow_terminal_each_command_stays_on_one_line(mk, store, monkeypatch):
    """A line too long for the terminal puts its command on a line of its own rather than
    wrapping it: a command split over two lines is hard to copy."""
    import sys

    from menteekit import render

    def terminal(stderr: bool) -> render._TerminalConsole:
        return render._TerminalConsole(sys.stderr if stderr else sys.stdout, 80, False, None)

    one_of_everything(store)
    long = write_action(store, "long1", mentor="ana-rivera", due=-2)
    long.write_text(long.read_text().replace("Action long1", "Draft the data plan for the renewal"))
    parts = [part for part in mk("status", "--json").json().values() if isinstance(part, list)]
    commands = [each["command"] for part in parts for each in part if "command" in each]
    monkeypatch.setattr(render, "_console", terminal)
    shown = re.sub(r"\x1b\[[0-9;]*m", "", mk("status").stdout)  # bold and dim
    lines = [line.rstrip() for line in shown.splitlines()]
    assert commands and all(len(line) <= 80 for line in lines), shown
    for command in commands:
        assert any(f"→ {command}" in line for line in lines), command
    assert "    → mk done long1" in lines
