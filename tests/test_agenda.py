"""`mk agenda new|show` through the real CLI on a temporary store: the scripted flags, what the
record proposes for the next agenda, and the agenda as it is shown to be sent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import (
    TODAY,
    WRAP_UP,
    add_action,
    add_mentor,
    day,
    log,
    meeting_file,
    plan,
    snapshot,
    split_meeting,
    wall,
)


def read_meeting(store: Path, meeting_id: str) -> dict:
    return split_meeting(meeting_file(store, meeting_id).read_text(encoding="utf-8"))[0]


def items(meeting: dict) -> list[tuple]:
    """(id, kind, text, minutes, status, origin, source) of each agenda item, in order."""
    return [
        (i["id"], i["kind"], i["text"], i["minutes"], i["status"], i["origin"], i.get("source"))
        for i in meeting.get("items", [])
    ]


def done(mk, *args: str) -> None:
    result = mk("done", *args)
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def rivera(mk, store) -> str:
    add_mentor(mk, "Dr. Ana Rivera", "--role", "research")
    return "ana-rivera"


# -- agenda new: the scripted flags ---------------------------------------------------------


def test_new_with_flags_writes_one_meeting_file(mk, store, rivera):
    when = day(3)
    result = mk(
        "agenda", "new", "rivera", "--date", f"{when.isoformat()} 15:00", "--minutes", "45",
        "--item", "question: Which study section? (10m)", "--item", "Update on the aims page",
        "--item", "decision: K award or R21 (15 min)", "--no-input",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    [path] = (store / "meetings").iterdir()
    meeting_id = path.stem.rsplit("-", 1)[1]
    assert path.name == f"{when.isoformat()}-ana-rivera-{meeting_id}.md"
    data, body = split_meeting(path.read_text(encoding="utf-8"))
    assert data["mentor"] == "ana-rivera"
    assert wall(data["when"]) == dt.datetime.combine(when, dt.time(15, 0))
    assert data["minutes"] == 45
    assert data["status"] == "planned"
    assert data["created"].date() == TODAY
    *typed, wrap_up = items(data)
    assert typed == [
        ("1", "question", "Which study section?", 10, "pending", "new", None),
        ("2", "other", "Update on the aims page", 5, "pending", "new", None),
        ("3", "decision", "K award or R21", 15, "pending", "new", None),
    ]
    assert wrap_up[1:] == ("other", WRAP_UP, 5, "pending", "wrap-up", None)
    assert wrap_up[0] not in {"1", "2", "3"}
    for absent in ("reflection", "cancelled", "rescheduled_to", "rescheduled_from"):
        assert absent not in data
    # The body is the meeting.md template: a place for notes, with a Private section.
    assert "## Notes" in body and "## Private" in body
    # The agenda is printed, ready to send; the path goes to stderr.
    assert "Agenda: meeting with Dr. Ana Rivera" in result.stdout
    assert "1. [question] Which study section? (10 min)" in result.stdout
    assert "3. [decision] K award or R21 (15 min)" in result.stdout
    assert f"{WRAP_UP} (5 min)" in result.stdout
    assert result.stdout.index("K award or R21") < result.stdout.index(WRAP_UP)
    assert "Planned: 35 of 45 min." in result.stdout
    assert str(path) in result.stderr
    assert "Warning" not in result.stderr


@pytest.mark.parametrize(
    ("typed", "kind", "text", "minutes"),
    [
        ("question: Which study section? (10m)", "question", "Which study section?", 10),
        ("Q: a quick one", "question", "a quick one", 5),
        ("Follow up: the intro to Dr. Chen", "follow-up", "the intro to Dr. Chen", 5),
        ("followup: the intro", "follow-up", "the intro", 5),
        ("FEEDBACK: my job talk (15 minutes)", "feedback", "my job talk", 15),
        ("update: the paper is out ( 20 min )", "update", "the paper is out", 20),
        ("decision:stay or move", "decision", "stay or move", 5),
        ("Re: the grant: what next?", "other", "Re: the grant: what next?", 5),
        # A note's kinds mean the same on an agenda; an idea keeps its word.
        ("worry: my PI may leave", "question", "my PI may leave", 5),
        ("Win: the grant came in (2m)", "update", "the grant came in", 2),
        ("idea: a shared preprint", "other", "idea: a shared preprint", 5),
        ("A plain item (3m)", "other", "A plain item", 3),
        ("Ends (10m) before the end", "other", "Ends (10m) before the end", 5),
    ],
)  # fmt: skip
def test_item_kind_prefix_and_minutes_suffix(mk, store, rivera, typed, kind, text, minutes):
    saved = plan(mk, "rivera", "--item", typed)
    first = saved["items"][0]
    assert (first["kind"], first["text"], first["minutes"]) == (kind, text, minutes)
    assert first["origin"] == "new"
    assert read_meeting(store, saved["id"])["items"][0]["text"] == text


@pytest.mark.parametrize("typed", ["", "   ", "question:", "question: (10m)", "(10m)"])
def test_an_item_without_text_is_refused_and_nothing_is_written(mk, store, rivera, typed):
    before = snapshot(store)
    result = mk("agenda", "new", "rivera", "--no-input", "--item", "fine", "--item", typed)
    assert result.exit_code == 2
    assert "no text" in result.stderr
    assert snapshot(store) == before


def test_json_output_has_the_meeting_and_its_items(mk, store, rivera):
    saved = plan(mk, "rivera", "--date", day(2).isoformat(), "--item", "Aims (10m)")
    for key in (
        "id", "mentor", "when", "minutes", "status", "agenda_items", "agenda_minutes",
        "reflected", "created", "items", "path",
    ):  # fmt: skip
        assert key in saved, key
    assert "body" not in saved
    assert saved["mentor"] == "ana-rivera"
    assert saved["when"] == day(2).isoformat()
    assert (saved["status"], saved["reflected"]) == ("planned", False)
    assert (saved["agenda_items"], saved["agenda_minutes"]) == (1, 15)  # the wrap-up aside
    assert Path(saved["path"]) == meeting_file(store, saved["id"])
    assert [i["origin"] for i in saved["items"]] == ["new", "wrap-up"]


def test_modality_and_location_are_kept_and_shown(mk, store, rivera):
    saved = plan(
        mk, "rivera", "--date", "today", "--item", "Aims",
        "--modality", "video", "--location", "https://meet.example/ana",
    )  # fmt: skip
    data = read_meeting(store, saved["id"])
    assert (data["modality"], data["location"]) == ("video", "https://meet.example/ana")
    assert (saved["modality"], saved["location"]) == ("video", "https://meet.example/ana")
    shown = mk("agenda", "show", saved["id"]).stdout
    assert "Where: video, https://meet.example/ana" in shown
    # The next meeting is by video again unless told otherwise.
    log(mk, saved["id"], "--discussed", "1")
    later = plan(mk, "rivera", "--date", day(9).isoformat())
    assert read_meeting(store, later["id"]).get("modality") == "video"
    moved = plan(mk, "rivera", "--date", day(9).isoformat(), "--modality", "in person")
    assert moved["id"] == later["id"]
    assert read_meeting(store, later["id"])["modality"] == "in person"


def test_a_modality_on_two_lines_is_refused(mk, store, rivera):
    before = snapshot(store)
    result = mk("agenda", "new", "rivera", "--no-input", "--modality", "video\nphone")
    assert result.exit_code == 2
    assert "--modality" in result.stderr
    assert snapshot(store) == before


def test_without_a_date_or_length_the_meeting_is_undated_and_30_minutes(mk, store, rivera):
    result = mk("agenda", "new", "rivera", "--no-input", "--item", "Aims")
    assert result.exit_code == 0, result.stderr
    assert "date not yet agreed (30 min)" in result.stdout
    [path] = (store / "meetings").iterdir()
    assert path.name.startswith(f"{TODAY.isoformat()}-ana-rivera-")
    data = split_meeting(path.read_text())[0]
    assert "when" not in data
    assert data["minutes"] == 30


def test_only_the_wrap_up_is_a_hint_to_add_items(mk, store, rivera):
    result = mk("agenda", "new", "rivera", "--no-input")
    assert result.exit_code == 0, result.stderr
    assert "holds only the wrap-up" in result.stderr
    [path] = (store / "meetings").iterdir()
    assert [i[5] for i in items(split_meeting(path.read_text())[0])] == ["wrap-up"]


def test_items_are_added_to_the_meeting_already_planned(mk, store, rivera):
    first = plan(mk, "rivera", "--date", f"{day(3).isoformat()} 15:00", "--item", "Aims")
    result = mk("agenda", "new", "rivera", "--no-input", "--item", "question: Budget?")
    assert result.exit_code == 0, result.stderr
    assert "Added to" in result.stderr
    assert len(list((store / "meetings").iterdir())) == 1
    data = read_meeting(store, first["id"])
    assert [(i[2], i[5]) for i in items(data)] == [
        ("Aims", "new"),
        ("Budget?", "new"),
        (WRAP_UP, "wrap-up"),
    ]
    assert len({i[0] for i in items(data)}) == 3  # ids stay unique
    # The same day with another time and length: the same meeting, moved within its day.
    again = plan(mk, "rivera", "--date", f"{day(3).isoformat()} 16:30", "--minutes", "60")
    assert again["id"] == first["id"]
    data = read_meeting(store, first["id"])
    assert wall(data["when"]) == dt.datetime.combine(day(3), dt.time(16, 30))
    assert data["minutes"] == 60
    assert len(data["items"]) == 3


def test_another_day_or_new_plans_a_separate_meeting(mk, store, rivera):
    first = plan(mk, "rivera", "--date", day(3).isoformat(), "--item", "Aims")
    other_day = plan(mk, "rivera", "--date", day(10).isoformat(), "--item", "Budget")
    separate = plan(mk, "rivera", "--date", day(3).isoformat(), "--new", "--item", "Talk")
    assert len({first["id"], other_day["id"], separate["id"]}) == 3
    assert len(list((store / "meetings").iterdir())) == 3
    assert [i[2] for i in items(read_meeting(store, first["id"]))] == ["Aims", WRAP_UP]
    assert [i[2] for i in items(read_meeting(store, separate["id"]))] == ["Talk", WRAP_UP]


def test_an_agenda_longer_than_the_meeting_is_a_warning(mk, store, rivera):
    result = mk(
        "agenda", "new", "rivera", "--no-input", "--minutes", "20",
        "--item", "Aims (10m)", "--item", "Budget (10m)",
    )  # fmt: skip
    assert result.exit_code == 0
    assert "Warning" in result.stderr
    assert "25 minutes" in result.stderr and "20" in result.stderr
    assert "Planned: 25 of 20 min." in result.stdout
    assert len(list((store / "meetings").iterdir())) == 1


def test_an_agenda_that_fits_is_not_a_warning(mk, store, rivera):
    result = mk("agenda", "new", "rivera", "--no-input", "--minutes", "25", "--item", "A (20m)")
    assert result.exit_code == 0
    assert "Warning" not in result.stderr


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--date", "yesterday"], "in the past"),
        (["--date", (TODAY - dt.timedelta(days=10)).isoformat()], "in the past"),
        (["--date", "the other day"], "Could not understand"),
        (["--date", "2031-02-30"], "impossible"),
        (["--minutes", "0"], "minutes"),
    ],
)
def test_a_bad_date_or_length_is_refused_and_nothing_is_written(mk, store, rivera, flags, message):
    before = snapshot(store)
    result = mk("agenda", "new", "rivera", "--no-input", "--item", "Aims", *flags)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(store) == before


def test_an_unknown_or_missing_mentor_writes_nothing(mk, store, rivera):
    before = snapshot(store)
    unknown = mk("agenda", "new", "Nobody Known", "--no-input", "--item", "Aims")
    assert unknown.exit_code == 1
    assert "No mentor matches" in unknown.stderr
    missing = mk("agenda", "new", "--no-input", "--item", "Aims")
    assert missing.exit_code == 2
    assert "MENTOR" in missing.stderr
    assert snapshot(store) == before


def test_the_length_defaults_to_the_last_meeting_with_the_mentor(mk, store, rivera):
    first = plan(mk, "rivera", "--date", "today", "--minutes", "45", "--item", "Aims")
    log(mk, first["id"], "--discussed", "1")
    second = plan(mk, "rivera", "--date", day(7).isoformat())
    assert second["id"] != first["id"]
    assert read_meeting(store, second["id"])["minutes"] == 45


# -- agenda new: what the record proposes ----------------------------------------------------


def test_the_record_proposes_each_thing_once_in_order_with_the_wrap_up_last(mk, store, rivera):
    add_mentor(mk, "Kwame Mensah")
    first = plan(
        mk, "rivera", "--date", "today",
        "--item", "Aims page", "--item", "question: Which study section? (10m)", "--item", "Budget",
    )["id"]  # fmt: skip
    due = day(7).isoformat()
    logged = log(
        mk, first, "--discussed", "1", "--carry", "2", "--due", due,
        "--action", "Draft the aims", "--action", "mentor: Intro to Dr. Chen",
    )  # fmt: skip
    by_text = {a["text"]: a["id"] for a in logged["actions"]}
    draft, intro = by_text["Draft the aims"], by_text["Intro to Dr. Chen"]
    chapter = add_action(mk, "Finish chapter 2", "--mentor", "rivera")
    win = add_action(mk, "Submit the abstract", "--mentor", "rivera")
    personal = add_action(mk, "Renew my passport")  # linked to nobody: still a win to share
    done(mk, win, personal)
    done(mk, add_action(mk, "Mensah's task", "--mentor", "mensah"))  # another mentor's
    done(mk, add_action(mk, "mentor: Read my draft", "--mentor", "rivera"))  # theirs, done
    old = add_action(mk, "Old idea", "--mentor", "rivera")
    assert mk("action", "drop", old, "--no-input").exit_code == 0
    before_meeting = add_action(mk, "Booked the room", "--mentor", "rivera")
    done(mk, before_meeting, "--date", "yesterday")  # before the last meeting: not news

    saved = plan(mk, "rivera", "--date", day(14).isoformat())
    expected = [
        ("carried", f"{first}.2", "question", "Which study section?", 10),
        ("carried", f"{first}.3", "other", "Budget", 5),
        ("win", win, "update", "Done: Submit the abstract", 2),
        ("win", personal, "update", "Done: Renew my passport", 2),
        ("my-action", draft, "update", f"Progress on: Draft the aims (due {due})", 3),
        ("my-action", chapter, "update", "Progress on: Finish chapter 2", 3),
        ("mentor-action", intro, "follow-up", f"Follow up: Intro to Dr. Chen (due {due})", 3),
        ("wrap-up", None, "other", WRAP_UP, 5),
    ]
    wins = sorted([win, personal])
    if wins != [win, personal]:  # wins done the same day are listed by id
        expected[2], expected[3] = expected[3], expected[2]

    def proposed(meeting: dict) -> list[tuple]:
        return [(i[5], i[6], i[1], i[2], i[3]) for i in items(meeting)]

    assert proposed(read_meeting(store, saved["id"])) == expected
    assert all(i[4] == "pending" for i in items(read_meeting(store, saved["id"])))
    # Running it again proposes nothing new: everything is already on this agenda.
    again = plan(mk, "rivera", "--item", "Lab move")
    assert again["id"] == saved["id"]
    assert proposed(read_meeting(store, saved["id"])) == [
        *expected[:-1],
        ("new", None, "other", "Lab move", 5),
        expected[-1],
    ]


def test_no_carry_proposes_nothing(mk, store, rivera):
    first = plan(mk, "rivera", "--date", "today", "--item", "Aims", "--item", "Budget")["id"]
    log(mk, first, "--discussed", "1", "--action", "mentor: Intro", "--action", "Draft")
    done(mk, add_action(mk, "Abstract", "--mentor", "rivera"))
    saved = plan(mk, "rivera", "--no-carry", "--item", "Only this")
    assert [(i[2], i[5]) for i in items(read_meeting(store, saved["id"]))] == [
        ("Only this", "new"),
        (WRAP_UP, "wrap-up"),
    ]
    # What was not proposed is still there for a later agenda.
    later = plan(mk, "rivera")
    origins = [i[5] for i in items(read_meeting(store, later["id"]))]
    assert origins == ["new", "carried", "win", "my-action", "mentor-action", "wrap-up"]


def test_a_carried_item_already_on_another_planned_meeting_is_not_proposed_again(mk, store, rivera):
    first = plan(mk, "rivera", "--date", "today", "--item", "Aims", "--item", "Budget")["id"]
    log(mk, first, "--discussed", "1")
    one = plan(mk, "rivera", "--date", day(7).isoformat())
    assert [i[6] for i in items(read_meeting(store, one["id"]))] == [f"{first}.2", None]
    other = plan(mk, "rivera", "--date", day(7).isoformat(), "--new")
    assert [i[5] for i in items(read_meeting(store, other["id"]))] == ["wrap-up"]


def test_a_win_is_proposed_once_even_after_that_meeting(mk, store, rivera):
    first = plan(mk, "rivera", "--date", "today", "--item", "Aims")["id"]
    log(mk, first, "--discussed", "1")
    win = add_action(mk, "Submit the abstract", "--mentor", "rivera")
    done(mk, win)
    second = plan(mk, "rivera", "--date", "today", "--new")["id"]
    assert [i[6] for i in items(read_meeting(store, second))] == [win, None]
    log(mk, second, "--discussed", "1")
    third = plan(mk, "rivera", "--date", day(7).isoformat())["id"]
    assert [i[5] for i in items(read_meeting(store, third))] == ["wrap-up"]


def test_items_not_named_under_no_input_stay_pending_and_come_back(mk, store, rivera):
    first = plan(mk, "rivera", "--date", "today", "--item", "A", "--item", "B", "--item", "C")
    log(mk, first["id"], "--discussed", "2")
    statuses = [i[4] for i in items(read_meeting(store, first["id"]))]
    assert statuses == ["pending", "discussed", "pending", "discussed"]
    later = plan(mk, "rivera", "--date", day(7).isoformat())
    assert [(i[2], i[5], i[6]) for i in items(read_meeting(store, later["id"]))] == [
        ("A", "carried", f"{first['id']}.1"),
        ("C", "carried", f"{first['id']}.3"),
        (WRAP_UP, "wrap-up", None),
    ]


# Regression: an unplanned conversation logged after a meeting used to drop that meeting's
# undiscussed items from the next agenda.
def test_a_corridor_chat_does_not_swallow_what_was_left_over(mk, store, rivera):
    first = plan(mk, "rivera", "--date", "today", "--item", "Aims", "--item", "Budget")["id"]
    log(mk, first, "--discussed", "1")
    # That meeting was a week ago; the chat, yesterday.
    path = meeting_file(store, first)
    week_ago = day(-7).isoformat()
    path.write_text(path.read_text().replace(f"when = {TODAY.isoformat()}", f"when = {week_ago}"))
    chat = mk("log", "rivera", "--date", "yesterday", "--no-input", "--note", "At the lifts")
    assert chat.exit_code == 0, chat.stderr
    assert len(list((store / "meetings").iterdir())) == 2
    later = plan(mk, "rivera", "--date", day(7).isoformat())
    assert (f"{first}.2", "Budget") in [
        (i[6], i[2]) for i in items(read_meeting(store, later["id"]))
    ]


def test_a_concluded_mentor_is_a_warning_not_a_refusal(mk, store, rivera):
    assert mk("mentor", "end", "rivera", "--no-input").exit_code == 0
    result = mk("agenda", "new", "rivera", "--no-input", "--item", "Farewell coffee")
    assert result.exit_code == 0
    assert "concluded" in result.stderr
    assert len(list((store / "meetings").iterdir())) == 1


# -- agenda show --------------------------------------------------------------------------------


def test_show_defaults_to_the_next_planned_meeting(mk, store, rivera):
    add_mentor(mk, "Kwame Mensah")
    later = plan(mk, "rivera", "--date", day(9).isoformat(), "--item", "Later item")
    sooner = plan(mk, "mensah", "--date", f"{day(2).isoformat()} 09:30", "--item", "Sooner item")
    result = mk("agenda", "show")
    assert result.exit_code == 0, result.stderr
    assert "Agenda: meeting with Kwame Mensah" in result.stdout
    assert "1. [other] Sooner item (5 min)" in result.stdout
    assert "Later item" not in result.stdout
    assert "planned" in result.stderr and sooner["path"] in result.stderr
    by_mentor = mk("agenda", "show", "rivera")
    assert by_mentor.exit_code == 0
    assert "Later item" in by_mentor.stdout and "Sooner item" not in by_mentor.stdout
    assert later["path"] in by_mentor.stderr


def test_show_by_id_or_id_prefix_and_json(mk, store, rivera):
    saved = plan(mk, "rivera", "--date", day(4).isoformat(), "--item", "Aims (10m)")
    meeting_id = saved["id"]
    for query in (meeting_id, meeting_id.upper(), meeting_id[:4]):
        result = mk("agenda", "show", query, "--json")
        assert result.exit_code == 0, (query, result.stderr)
        shown = result.json()
        assert shown["id"] == meeting_id
        assert [i["text"] for i in shown["items"]] == ["Aims", WRAP_UP]
        assert shown["path"] == saved["path"]
        assert "body" not in shown
    text = mk("agenda", "show", meeting_id)
    assert "When: " in text.stdout and f"{day(4).day}" in text.stdout
    assert "(30 min)" in text.stdout
    assert "Planned: 15 of 30 min." in text.stdout


def test_show_a_held_meeting_gives_each_item_its_outcome(mk, store, rivera):
    first = plan(mk, "rivera", "--date", "today", "--item", "Aims", "--item", "Budget")["id"]
    log(mk, first, "--discussed", "1", "--carry", "2")
    result = mk("agenda", "show", first)
    assert result.exit_code == 0
    assert "1. [other] Aims (5 min) — discussed" in result.stdout
    assert "2. [other] Budget (5 min) — carried" in result.stdout
    assert "(held;" in result.stderr


def test_show_without_anything_to_show_is_an_error(mk, store, rivera):
    nothing = mk("agenda", "show")
    assert nothing.exit_code == 1
    assert "No upcoming meeting" in nothing.stderr
    unknown = mk("agenda", "show", "zzzzz")
    assert unknown.exit_code == 1
    assert "No meeting or mentor matches" in unknown.stderr
    no_meeting = mk("agenda", "show", "rivera")
    assert no_meeting.exit_code == 1
    assert "No upcoming meeting with ana-rivera" in no_meeting.stderr


def test_the_numbers_shown_are_the_ones_log_takes_on_a_fresh_agenda(mk, store, rivera):
    saved = plan(mk, "rivera", "--date", "today", "--item", "Aims", "--item", "Budget")
    shown = mk("agenda", "show", saved["id"]).stdout
    assert "2. [other] Budget (5 min)" in shown
    log(mk, saved["id"], "--discussed", "2")
    statuses = {i[2]: i[4] for i in items(read_meeting(store, saved["id"]))}
    assert statuses["Budget"] == "discussed" and statuses["Aims"] == "pending"


# Regression: `agenda show` used to number items by position while `mk log --discussed` takes
# item ids, which differed once items were added after the wrap-up was made.
@pytest.mark.parametrize("how", ["added later", "planned by log --next"])
def test_the_number_shown_for_an_item_is_the_one_log_takes(mk, store, rivera, how):
    if how == "added later":
        meeting_id = plan(mk, "rivera", "--date", "today", "--item", "Aims")["id"]
        plan(mk, "rivera", "--item", "Budget")
    else:
        first = plan(mk, "rivera", "--date", "today", "--item", "Old")["id"]
        meeting_id = log(mk, first, "--discussed", "1", "--next", "today")["next_meeting"]["id"]
        plan(mk, "rivera", "--item", "Aims", "--item", "Budget")
    shown = mk("agenda", "show", meeting_id).stdout
    [line] = [line for line in shown.splitlines() if "] Budget (" in line]
    number = line.split(".", 1)[0]
    log(mk, meeting_id, "--discussed", number)
    statuses = {i[2]: i[4] for i in items(read_meeting(store, meeting_id))}
    assert statuses["Budget"] == "discussed"


# -- templates ------------------------------------------------------------------------------------


def test_the_agenda_template_of_the_store_is_used(mk, store, rivera):
    (store / "templates").mkdir()
    (store / "templates" / "agenda.md").write_text(
        "MY AGENDA for $mentor_name on $when\n$items\nTOTAL $total/$minutes\n"
    )
    saved = plan(mk, "rivera", "--date", day(2).isoformat(), "--item", "Aims (10m)")
    result = mk("agenda", "show", saved["id"])
    assert result.exit_code == 0
    assert result.stdout.startswith("MY AGENDA for Dr. Ana Rivera on ")
    assert "1. [other] Aims (10 min)" in result.stdout
    assert "TOTAL 15/30" in result.stdout
    assert "Planned:" not in result.stdout
    printed = mk("agenda", "new", "rivera", "--no-input", "--item", "More")
    assert printed.stdout.startswith("MY AGENDA for Dr. Ana Rivera")


def test_the_meeting_template_of_the_store_is_the_new_body(mk, store, rivera):
    (store / "templates").mkdir()
    (store / "templates" / "meeting.md").write_text("# My own notes page\n\n## Private\n")
    saved = plan(mk, "rivera", "--date", day(2).isoformat(), "--item", "Aims")
    body = split_meeting(meeting_file(store, saved["id"]).read_text())[1]
    assert body == "# My own notes page\n\n## Private\n"


def test_a_broken_meeting_of_the_mentor_stops_a_scripted_agenda(mk, store, rivera):
    """It may be the very meeting being prepared: a second one beside it would be a duplicate."""
    planned = plan(mk, "rivera", "--item", "Aims")
    path = meeting_file(store, planned["id"])
    path.write_text(path.read_text().replace("minutes = 30", 'minutes = "forty-five"'))
    before = snapshot(store)
    result = mk("agenda", "new", "rivera", "--no-input", "--item", "Budget")
    assert result.exit_code == 1
    assert result.stderr.count(path.name) == 1  # the problem, once, with its file
    assert "A meeting file of Dr. Ana Rivera cannot be read" in result.stderr
    assert "--new" in result.stderr
    assert snapshot(store) == before
    separate = mk("agenda", "new", "rivera", "--no-input", "--item", "Budget", "--new")
    assert separate.exit_code == 0, separate.stderr
    assert len(list((store / "meetings").iterdir())) == 2


def test_a_broken_meeting_of_another_mentor_does_not_stop_one(mk, store, rivera):
    """Meeting files are named <date>-<slug>-<id>.md: a mentor "ana" is not "ana-rivera"."""
    assert mk("mentor", "add", "Ana", "--no-input", "--force", "--json").json()["slug"] == "ana"
    planned = plan(mk, "rivera", "--item", "Aims")
    path = meeting_file(store, planned["id"])
    path.write_text(path.read_text().replace("minutes = 30", 'minutes = "forty-five"'))
    assert mk("agenda", "new", "ana", "--no-input", "--item", "Budget").exit_code == 0


def test_a_date_on_another_day_plans_a_new_meeting_and_names_the_one_planned(mk, store, rivera):
    first = plan(mk, "rivera", "--date", day(5).isoformat(), "--item", "Aims")
    result = mk("agenda", "new", "rivera", "--date", day(2).isoformat(), "--no-input", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["id"] != first["id"]
    said = " ".join(result.stderr.split())
    assert "Also planned with Dr. Ana Rivera: " in said and f"({first['id']})" in said
    assert f"mk meeting reschedule {first['id']} --date DATE" in said
    same_day = mk("agenda", "new", "rivera", "--date", day(5).isoformat(), "--no-input")
    assert same_day.exit_code == 0 and "Also planned" not in same_day.stderr


def test_a_day_without_a_year_read_as_next_years_is_flagged(mk, store, rivera):
    """ "dec 3" typed a few days after it is most likely a slip, not a meeting a year away."""
    gone = TODAY - dt.timedelta(days=4)
    typed = f"{gone:%b} {gone.day}"
    result = mk("agenda", "new", "rivera", "--date", typed, "--no-input", "--item", "x")
    assert result.exit_code == 0, result.stderr
    assert f"Warning: '{typed}' is " in result.stderr and "check it is the day you meant" in (
        result.stderr
    )
    for meant in ((gone + dt.timedelta(days=365)).isoformat(), "in 350 days"):
        again = mk("agenda", "new", "rivera", "--date", meant, "--no-input", "--new")
        assert again.exit_code == 0 and "Warning" not in again.stderr, meant


def test_a_month_is_not_a_meeting_day(mk, store, rivera):
    result = mk("agenda", "new", "rivera", "--date", "june", "--no-input")
    assert result.exit_code == 2
    assert "a meeting needs a day" in result.stderr


def test_a_meeting_that_overlaps_another_is_flagged(mk, store, rivera):
    add_mentor(mk, "Kofi Mensah")
    at = f"{day(3).isoformat()} 10:00"
    first = plan(mk, "rivera", "--date", at, "--minutes", "60")
    clash = mk("agenda", "new", "mensah", "--date", f"{day(3).isoformat()} 10:30", "--no-input")
    assert clash.exit_code == 0, clash.stderr
    said = " ".join(clash.stderr.split())
    assert "It overlaps your meeting with Dr. Ana Rivera on " in said
    assert f"(60 min, {first['id']})" in said
    after = mk("agenda", "new", "mensah", "--date", f"{day(3).isoformat()} 11:00", "--new",
               "--no-input")  # fmt: skip
    assert after.exit_code == 0 and "It overlaps" not in after.stderr  # starts as hers ends
    moved = mk("meeting", "reschedule", first["id"], "--date", f"{day(3).isoformat()} 10:45")
    assert moved.exit_code == 0, moved.stderr
    assert "It overlaps your meeting with Kofi Mensah" in moved.stderr
