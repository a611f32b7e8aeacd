"""`mk log` through the real CLI on a temporary store: every scripted flag, what lands in the
front matter, the body and the action files, and the failures that must leave the store as it
was."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from conftest import (
    TODAY,
    WRAP_UP,
    add_action,
    add_mentor,
    day,
    meeting_file,
    snapshot,
    split_meeting,
    wall,
)


def read_meeting(store: Path, meeting_id: str) -> tuple[dict, str]:
    return split_meeting(meeting_file(store, meeting_id).read_text(encoding="utf-8"))


def read_toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def statuses(meeting: dict) -> dict[str, str]:
    return {item["text"]: item["status"] for item in meeting["items"]}


def plan(mk, mentor: str, *flags: str) -> str:
    result = mk("agenda", "new", mentor, "--no-input", "--json", *flags)
    assert result.exit_code == 0, result.stderr
    return result.json()["id"]


def log(mk, *args: str) -> dict:
    result = mk("log", *args, "--no-input", "--json")
    assert result.exit_code == 0, result.stderr
    return result.json()


@pytest.fixture
def rivera(mk, store) -> str:
    add_mentor(mk, "Dr. Ana Rivera", "--last-contact", "30 days ago")
    return "ana-rivera"


@pytest.fixture
def planned(mk, store, rivera) -> str:
    """A meeting planned for today with three items (ids 1-3) and the wrap-up."""
    return plan(
        mk, "rivera", "--date", "today",
        "--item", "Aims page", "--item", "question: Which study section?", "--item", "Budget",
    )  # fmt: skip


def test_log_with_every_flag(mk, store, planned):
    goals = store / "goals"
    goals.mkdir()
    (goals / "k7aw2.toml").write_text('statement = "Win a K award"\ncreated = 2026-01-05\n')
    due = day(7)
    following = day(14)
    before_body = read_meeting(store, planned)[1]
    result = log(
        mk, planned,
        "--note", "It went well; she liked the aims.",
        "--discussed", "1", "--carry", "2",
        "--advice", "Write every morning", "--advice", "Ask Dr. Chen about study sections",
        "--feedback", "appreciation: The figures are clear",
        "--feedback", "Slow down when presenting",
        "--feedback", "eval: Ahead of most peers",
        "--decision", "Apply for the K in June",
        "--action", "Send the revised aims page",
        "--action", "mentor: Introduce me to Dr. Chen",
        "--due", due.isoformat(), "--goal", "k7a",
        "--thanked", "--next", f"{following.isoformat()} 10:00",
    )  # fmt: skip

    data, body = read_meeting(store, planned)
    assert data["status"] == "held"
    assert statuses(data) == {
        "Aims page": "discussed",
        "Which study section?": "carried",
        "Budget": "pending",  # not named under --no-input: carried over next time
        WRAP_UP: "discussed",
    }
    reflection = data["reflection"]
    assert reflection["thanked"] is True
    assert reflection["decisions"] == ["Apply for the K in June"]
    assert [(f["kind"], f["text"]) for f in reflection["feedback"]] == [
        ("appreciation", "The figures are clear"),
        ("coaching", "Slow down when presenting"),
        ("evaluation", "Ahead of most peers"),
    ]
    assert isinstance(reflection["written"], dt.datetime)
    assert reflection["written"].date() == TODAY
    # The prose goes to the body, below what was there.
    assert body.startswith(before_body)
    added = body[len(before_body) :]
    for text in (
        "## Reflection",
        "It went well; she liked the aims.",
        "- Aims page — discussed",
        "- Which study section? — carried over",
        "- Budget — carried over",
        "- Write every morning",
        "- (appreciation) The figures are clear",
        "- (coaching) Slow down when presenting",
        "- Apply for the K in June",
        f"- Me: Send the revised aims page (due {due.isoformat()})",
        f"- Mentor: Introduce me to Dr. Chen (due {due.isoformat()})",
        "Thank-you sent.",
        "Next meeting: ",
    ):
        assert text in added, text
    assert WRAP_UP not in added

    # The actions: one file each, linked to the meeting, the mentor and the goal.
    files = sorted((store / "actions").glob("*.toml"))
    assert len(files) == 2
    actions = {read_toml(path)["text"]: (path.stem, read_toml(path)) for path in files}
    mine_id, mine = actions["Send the revised aims page"]
    theirs_id, theirs = actions["Introduce me to Dr. Chen"]
    common = {
        "mentor": "ana-rivera", "meeting": planned, "goal": "k7aw2", "due": due,
        "status": "open", "created": TODAY,
    }  # fmt: skip
    assert mine == {"text": "Send the revised aims page", "owner": "me", **common}
    assert theirs == {"text": "Introduce me to Dr. Chen", "owner": "mentor", **common}

    # The next meeting is planned at once, as long as this one, with only the wrap-up.
    [next_path] = [p for p in (store / "meetings").iterdir() if not p.stem.endswith(planned)]
    next_id = next_path.stem.rsplit("-", 1)[1]
    assert next_path.name == f"{following.isoformat()}-ana-rivera-{next_id}.md"
    next_data, next_body = split_meeting(next_path.read_text())
    assert next_data["status"] == "planned"
    assert wall(next_data["when"]) == dt.datetime.combine(following, dt.time(10))
    assert next_data["minutes"] == 30
    assert [i["origin"] for i in next_data["items"]] == ["wrap-up"]
    assert "## Private" in next_body

    # The JSON: the meeting (never its body), the new actions, the next meeting.
    assert set(result) == {"meeting", "actions", "closed_actions", "next_meeting"}
    assert result["closed_actions"] == []  # closed only when asked, in a terminal
    assert result["meeting"]["id"] == planned
    assert result["meeting"]["status"] == "held"
    assert result["meeting"]["reflected"] is True
    assert "body" not in result["meeting"]
    assert "It went well" not in str(result)
    assert sorted(a["id"] for a in result["actions"]) == sorted([mine_id, theirs_id])
    for action in result["actions"]:
        for key in ("id", "text", "owner", "due", "status", "mentor", "meeting", "goal"):
            assert key in action
        assert action["meeting"] == planned
    assert result["next_meeting"]["id"] == next_id
    assert result["next_meeting"]["status"] == "planned"


def test_the_summary_for_people(mk, store, planned):
    result = mk(
        "log", planned, "--no-input", "--discussed", "1", "--carry", "2",
        "--action", "Send aims", "--action", "mentor: Intro", "--due", day(3).isoformat(),
        "--next", day(10).isoformat(),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Logged the meeting with Dr. Ana Rivera" in result.stdout
    assert "1 item discussed" in result.stdout
    assert "2 carried over" in result.stdout
    assert "2 action items added" in result.stdout
    assert f"(me, due {day(3).isoformat()}): Send aims" in result.stdout
    assert "(mentor, due" in result.stdout and "Intro" in result.stdout
    assert "Next meeting planned" in result.stdout
    assert "mk recap" in result.stderr  # not thanked yet: a nudge
    assert str(meeting_file(store, planned)) in result.stderr


def test_without_a_meeting_the_latest_one_due_is_logged(mk, store, planned):
    result = mk("log", "--no-input", "--discussed", "3")
    assert result.exit_code == 0, result.stderr
    assert "Dr. Ana Rivera" in result.stderr
    data = read_meeting(store, planned)[0]
    assert data["status"] == "held"
    assert statuses(data)["Budget"] == "discussed"


def test_without_a_meeting_and_nothing_due_is_a_usage_error(mk, store, rivera):
    plan(mk, "rivera", "--date", day(3).isoformat(), "--item", "Later")
    before = snapshot(store)
    result = mk("log", "--no-input", "--note", "Hm")
    assert result.exit_code == 2
    assert "No planned meeting is due" in result.stderr
    assert snapshot(store) == before


def test_the_mentor_name_logs_their_meeting_due(mk, store, planned):
    result = mk("log", "rivera", "--no-input", "--discussed", "2")
    assert result.exit_code == 0, result.stderr
    assert statuses(read_meeting(store, planned)[0])["Which study section?"] == "discussed"
    assert len(list((store / "meetings").iterdir())) == 1


def test_log_updates_the_last_contact(mk, store, planned):
    assert read_toml(store / "mentors" / "ana-rivera.toml")["last_contact"] == day(-30)
    log(mk, planned)
    assert read_toml(store / "mentors" / "ana-rivera.toml")["last_contact"] == TODAY
    listed = mk("mentor", "show", "rivera", "--json").json()
    assert listed["last_contact"] == TODAY.isoformat()


def test_an_older_conversation_does_not_move_the_last_contact_back(mk, store, planned):
    log(mk, planned)
    log(mk, "rivera", "--date", "5 days ago", "--note", "Coffee last week")
    assert read_toml(store / "mentors" / "ana-rivera.toml")["last_contact"] == TODAY


def test_an_unplanned_conversation_is_recorded_as_a_held_meeting(mk, store, rivera):
    result = log(mk, "rivera", "--date", "yesterday", "--note", "Hallway chat about the K award")
    yesterday = day(-1)
    [path] = (store / "meetings").iterdir()
    meeting_id = result["meeting"]["id"]
    assert path.name == f"{yesterday.isoformat()}-ana-rivera-{meeting_id}.md"
    data, body = split_meeting(path.read_text())
    assert data["status"] == "held"
    assert data["mentor"] == "ana-rivera"
    assert data["when"] == yesterday
    assert data.get("items", []) == []
    assert "reflection" in data
    assert "Hallway chat about the K award" in body
    assert read_toml(store / "mentors" / "ana-rivera.toml")["last_contact"] == yesterday


def test_an_unplanned_conversation_leaves_the_planned_meeting_planned(mk, store, rivera):
    upcoming = plan(mk, "rivera", "--date", day(5).isoformat(), "--item", "Aims")
    result = mk("log", "rivera", "--no-input", "--note", "Ran into her at a seminar")
    assert result.exit_code == 0, result.stderr
    assert upcoming in result.stderr  # says how to log the planned one later
    assert read_meeting(store, upcoming)[0]["status"] == "planned"
    held = [p for p in (store / "meetings").iterdir() if not p.stem.endswith(upcoming)]
    assert len(held) == 1
    data = split_meeting(held[0].read_text())[0]
    assert data["status"] == "held"
    assert wall(data["when"]).date() == TODAY
    assert read_toml(store / "mentors" / "ana-rivera.toml")["last_contact"] == TODAY


def test_logging_an_undated_meeting_gives_it_the_day_it_happened(mk, store, rivera):
    meeting_id = plan(mk, "rivera", "--item", "Aims")  # no date agreed when it was planned
    result = log(mk, "rivera", "--date", "3 days ago", "--discussed", "1")
    assert result["meeting"]["id"] == meeting_id
    data = read_meeting(store, meeting_id)[0]
    assert data["status"] == "held"
    assert data.get("when") == day(-3)
    assert read_toml(store / "mentors" / "ana-rivera.toml")["last_contact"] == day(-3)
    # Filed under the day it happened, no longer the day it was planned on.
    assert [p.name for p in (store / "meetings").iterdir()] == [
        f"{day(-3).isoformat()}-ana-rivera-{meeting_id}.md"
    ]


def test_logging_twice_adds_to_the_reflection(mk, store, planned):
    log(
        mk, planned, "--discussed", "1", "--note", "First thoughts.", "--decision", "Apply in June",
        "--feedback", "appreciation: Clear figures", "--thanked", "--action", "Send aims",
    )  # fmt: skip
    first_text = meeting_file(store, planned).read_text()
    first_body = split_meeting(first_text)[1]
    log(
        mk, planned, "--discussed", "2", "--note", "Second thoughts.",
        "--decision", "Drop the R21", "--feedback", "evaluation: On track",
        "--action", "mentor: Read the draft",
    )  # fmt: skip
    data, body = read_meeting(store, planned)
    assert body.startswith(first_body)
    assert "First thoughts." in body and "Second thoughts." in body
    assert body.count("## Reflection") == 2
    reflection = data["reflection"]
    assert reflection["decisions"] == ["Apply in June", "Drop the R21"]
    assert [f["text"] for f in reflection["feedback"]] == ["Clear figures", "On track"]
    assert reflection["thanked"] is True  # still thanked: it is not forgotten
    assert statuses(data)["Aims page"] == "discussed"
    assert statuses(data)["Which study section?"] == "discussed"
    assert statuses(data)["Budget"] == "pending"
    assert len(list((store / "actions").iterdir())) == 2


def test_logging_the_mentor_again_the_same_day_adds_to_that_reflection(mk, store, planned):
    log(mk, planned, "--decision", "First")
    log(mk, "rivera", "--decision", "Second")
    assert len(list((store / "meetings").iterdir())) == 1
    assert read_meeting(store, planned)[0]["reflection"]["decisions"] == ["First", "Second"]


def test_next_on_a_day_already_planned_does_not_plan_a_second_meeting(mk, store, planned):
    later = plan(mk, "rivera", "--date", day(7).isoformat(), "--new", "--item", "Later")
    result = log(mk, planned, "--next", f"{day(7).isoformat()} 11:00")
    assert result["next_meeting"]["id"] == later
    assert len(list((store / "meetings").iterdir())) == 2


def test_the_reflection_template_of_the_store_is_used(mk, store, planned):
    (store / "templates").mkdir()
    (store / "templates" / "reflection.md").write_text(
        "## My debrief ($date)\n\n$notes\n\n$decisions\n\n$actions\n\nEND OF DEBRIEF\n"
    )
    log(
        mk, planned, "--note", "Good one", "--decision", "Go", "--advice", "Hidden", "--action", "X"
    )
    body = read_meeting(store, planned)[1]
    assert "## My debrief (" in body
    assert "Good one" in body and "- Go" in body and "- Me: X" in body
    assert body.rstrip().endswith("END OF DEBRIEF")
    assert "## Reflection" not in body
    assert "Hidden" not in body  # the template has no $advice


# -- the body and the front matter are the user's -------------------------------------------


def test_log_only_appends_to_the_body(mk, store, planned):
    path = meeting_file(store, planned)
    own = "\nShe asked about my teaching load.\n\n## Private\n\nI am thinking of leaving.\n"
    path.write_text(path.read_text() + own)
    before = split_meeting(path.read_text())[1]
    log(mk, planned, "--discussed", "1", "--note", "Fine")
    after = split_meeting(path.read_text())[1]
    assert after.startswith(before)
    assert "I am thinking of leaving." in after
    assert len(after) > len(before)


def test_comments_and_unknown_keys_in_an_item_survive_a_log(mk, store, planned):
    path = meeting_file(store, planned)
    text = path.read_text()
    marker = 'text = "Budget"\n'
    assert marker in text
    path.write_text(text.replace(marker, marker + '# ask for a bigger one\npriority = "high"\n'))
    text = path.read_text()
    text = text.replace("+++\n", '+++\n# my meeting with Ana\nroom = "B214"\n', 1)
    path.write_text(text)
    log(mk, planned, "--discussed", "3")
    text = path.read_text()
    assert "# ask for a bigger one" in text
    assert "# my meeting with Ana" in text
    data = split_meeting(text)[0]
    [budget] = [i for i in data["items"] if i["text"] == "Budget"]
    assert budget["priority"] == "high"
    assert budget["status"] == "discussed"
    assert data["room"] == "B214"
    assert data["status"] == "held"


# -- failures leave the store unchanged -----------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "code", "message"),
    [
        (["--discussed", "9"], 1, "agenda item"),
        (["--carry", "x"], 1, "agenda item"),
        (["--discussed", "1", "--carry", "1"], 2, "both discussed and carried"),
        (["--date", "the other day"], 2, "Could not understand"),
        (["--date", "tomorrow"], 2, "in the future"),
        (["--due", "someday soon"], 2, "Could not understand"),
        (["--due", "2031-02-30"], 2, "impossible"),
        (["--next", "whenever"], 2, "Could not understand"),
        (["--next", "yesterday"], 2, "in the past"),
        (["--goal", "nope"], 1, "goal"),
        (["--feedback", "appreciation:   "], 2, "no text"),
        (["--action", "mentor:"], 2, "no text"),
        (["--note", "bad \x1b[31m escape"], 2, "--note"),
        (["--decision", "two\nlines"], 2, "--decision"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(mk, store, planned, flags, code, message):
    before = snapshot(store)
    result = mk("log", planned, "--no-input", "--action", "Something", *flags)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(store) == before


def test_an_unknown_mentor_or_meeting_writes_nothing(mk, store, planned):
    before = snapshot(store)
    for query in ("Nobody Known", "zzzzz"):
        result = mk("log", query, "--no-input", "--note", "Hm")
        assert result.exit_code == 1
        assert "No meeting or mentor matches" in result.stderr
    assert snapshot(store) == before


@pytest.mark.parametrize("command", [["log", "--no-input"], ["agenda", "show"], ["recap"]])
def test_a_mistyped_mentor_gets_the_guess_wherever_a_meeting_may_be_named(mk, planned, command):
    result = mk(*command, "rivra")
    assert result.exit_code == 1
    assert "No meeting or mentor matches 'rivra'. Did you mean " in result.stderr


def rename_meeting(store: Path, old: str, new: str) -> None:
    path = meeting_file(store, old)
    path.rename(path.with_name(path.name.removesuffix(f"{old}.md") + f"{new}.md"))


def test_an_ambiguous_meeting_prefix_writes_nothing(mk, store, planned):
    other = plan(mk, "rivera", "--date", "today", "--new", "--item", "Other")
    rename_meeting(store, planned, "7k2aa")
    rename_meeting(store, other, "7k2bb")
    before = snapshot(store)
    result = mk("log", "7k2", "--no-input", "--note", "Hm")
    assert result.exit_code == 1
    assert "ambiguous" in result.stderr
    assert "7k2aa" in result.stderr and "7k2bb" in result.stderr
    assert snapshot(store) == before
    # A longer prefix is enough.
    assert mk("log", "7k2a", "--no-input", "--discussed", "1").exit_code == 0
    assert read_meeting(store, "7k2aa")[0]["status"] == "held"
    assert read_meeting(store, "7k2bb")[0]["status"] == "planned"


def test_a_cancelled_or_rescheduled_meeting_cannot_be_logged(mk, store, rivera):
    cancelled = plan(mk, "rivera", "--date", "today", "--item", "A")
    assert mk("meeting", "cancel", cancelled, "--no-input").exit_code == 0
    moved = plan(mk, "rivera", "--date", day(2).isoformat(), "--item", "B")
    assert mk("meeting", "reschedule", moved, "--date", day(4).isoformat()).exit_code == 0
    before = snapshot(store)
    for meeting_id, status in ((cancelled, "cancelled"), (moved, "rescheduled")):
        result = mk("log", meeting_id, "--no-input", "--note", "Hm")
        assert result.exit_code == 1
        assert status in result.stderr
    assert snapshot(store) == before


def test_a_broken_meeting_file_does_not_stop_logging_another(mk, store, planned):
    broken = store / "meetings" / f"{TODAY.isoformat()}-ana-rivera-zz9zz.md"
    broken.write_text('+++\nmentor = "ana-rivera"\nwhen = = 3\n+++\nMy notes\n')
    content = broken.read_bytes()
    result = mk("log", planned, "--no-input", "--discussed", "1")
    assert result.exit_code == 0, result.stderr
    assert f"{broken}:3:" in result.stderr
    assert broken.read_bytes() == content
    assert read_meeting(store, planned)[0]["status"] == "held"


def test_logging_a_meeting_planned_for_later_dates_it_the_day_it_happened(mk, store, rivera):
    meeting_id = plan(mk, "rivera", "--date", "+10d", "--item", "Aims")
    result = log(mk, meeting_id, "--discussed", "1")
    assert wall(dt.datetime.fromisoformat(result["meeting"]["when"])).date() == TODAY
    assert read_toml(store / "mentors" / "ana-rivera.toml")["last_contact"] == TODAY


def test_every_question_of_the_walkthrough_has_a_flag(mk, store, planned):
    result = log(
        mk, planned,
        "--discussed", "1: she liked the new aims",
        "--carry", "2: no time left",
        "--feedback", "evaluation/identity: Not ready for a K yet",
        "--differently", "Send the draft two days ahead",
        "--disagree", "That the K must wait a year",
        "--follow-up", "Ask Prof. Mensah for a second view",
    )  # fmt: skip
    meeting, body = read_meeting(store, planned)
    notes = {item["id"]: item.get("note") for item in meeting["items"]}
    assert (notes["1"], notes["2"]) == ("she liked the new aims", "no time left")
    assert meeting["reflection"]["feedback"] == [
        {"kind": "evaluation", "text": "Not ready for a K yet", "trigger": "identity"}
    ]
    assert "### What I will do differently\n\nSend the draft two days ahead" in body
    assert "That the K must wait a year" in body
    assert "How I will follow up: Ask Prof. Mensah for a second view" in body
    assert result["meeting"]["status"] == "held"


@pytest.mark.parametrize(
    "flags",
    [
        ["--follow-up", "Ask again"],  # a follow-up of no disagreement
        ["--feedback", "coaching/sad: too slow"],  # not a trigger
    ],
)
def test_flags_that_cannot_be_used_write_nothing(mk, store, planned, flags):
    before = snapshot(store)
    result = mk("log", planned, "--no-input", *flags)
    assert result.exit_code == 2, result.stderr
    assert snapshot(store) == before


def test_feedback_under_a_word_that_is_not_a_kind_is_kept_as_coaching_with_a_warning(
    mk, store, planned
):
    """ "praise: ..." may be a misnamed kind, "Aims: ..." a label: kept, and said so."""
    result = log(mk, planned, "--feedback", "praise: nice figures", "--feedback", "Aims: too broad")
    assert [(f["kind"], f["text"]) for f in result["meeting"]["reflection"]["feedback"]] == [
        ("coaching", "praise: nice figures"),
        ("coaching", "Aims: too broad"),
    ]
    again = mk("log", planned, "--no-input", "--feedback", "praise: clear talk")
    assert "'praise' is not a kind of feedback" in again.stderr


def test_done_closes_action_items_reported_at_the_meeting(mk, store, planned):
    """The scripted form of the walkthrough's "Is that action item done now?"."""
    first = add_action(mk, "Send the aims page", "--mentor", "rivera")
    second = add_action(mk, "mentor: Read my draft", "--mentor", "rivera")
    result = log(mk, planned, "--done", first[:4], "--done", second, "--done", first)
    assert [a["id"] for a in result["closed_actions"]] == [first, second]
    for action_id in (first, second):
        stored = read_toml(store / "actions" / f"{action_id}.toml")
        assert (stored["status"], stored["done"]) == ("done", TODAY)

    before = snapshot(store)
    again = mk("log", planned, "--no-input", "--done", first)
    assert again.exit_code == 2 and f"action {first} is already done" in again.stderr
    missing = mk("log", planned, "--no-input", "--done", "zzzz")
    assert missing.exit_code == 1 and "No action matches" in missing.stderr
    assert snapshot(store) == before
