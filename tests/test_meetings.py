"""The meeting cycle through the real CLI on a temporary store: prepare (`mk agenda new`),
reflect (`mk log`), follow through (`mk done`), prepare the next one; `mk meetings`,
`mk meeting cancel|reschedule`, `mk recap`, the user's body and broken meeting files."""

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
    log,
    meeting_file,
    plan,
    snapshot,
    split_meeting,
    wall,
)

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SECRET = "I am thinking of leaving the lab next year."
OWN_NOTES = "\nShe suggested the aims go on one page.\n\n## Private\n\n" + SECRET + "\n"


def shown(value: dt.date) -> str:
    """A day the way mk writes it for people: "Tue 24 Nov 2026"."""
    return f"{DAY_NAMES[value.weekday()]} {value.day} {MONTHS[value.month - 1]} {value.year}"


def read_meeting(store: Path, meeting_id: str) -> tuple[dict, str]:
    return split_meeting(meeting_file(store, meeting_id).read_text(encoding="utf-8"))


def body_of(store: Path, meeting_id: str) -> str:
    return read_meeting(store, meeting_id)[1]


def items(meeting: dict) -> list[tuple]:
    """(origin, source, kind, text, minutes, status) of each agenda item, in order."""
    return [
        (i["origin"], i.get("source"), i["kind"], i["text"], i["minutes"], i["status"])
        for i in meeting.get("items", [])
    ]


def append_to_body(store: Path, meeting_id: str, text: str) -> str:
    """Write in the meeting's notes by hand, as a user would; the body as it now is."""
    path = meeting_file(store, meeting_id)
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return body_of(store, meeting_id)


def meetings(mk, *flags: str) -> list[dict]:
    result = mk("meetings", "--json", *flags)
    assert result.exit_code == 0, result.stderr
    return result.json()


@pytest.fixture
def rivera(mk, store) -> str:
    add_mentor(mk, "Dr. Ana Rivera", "--cadence", "monthly", "--last-contact", "40 days ago")
    return "ana-rivera"


# -- 1. the whole cycle -------------------------------------------------------------------------


def test_the_whole_meeting_cycle(mk, store, rivera):
    # Prepare.
    first = plan(
        mk, "rivera", "--date", "today", "--minutes", "45",
        "--item", "update: Abstract submitted", "--item", "question: Which journal? (10m)",
        "--item", "decision: K award or R21?", "--item", "Lab move",
    )["id"]  # fmt: skip
    assert [i[3] for i in items(read_meeting(store, first)[0])] == [
        "Abstract submitted",
        "Which journal?",
        "K award or R21?",
        "Lab move",
        WRAP_UP,
    ]
    # Reflect: 1 and 3 discussed, 2 carried, 4 not named (so carried too).
    due = day(7)
    following = day(14)
    logged = log(
        mk, first, "--discussed", "1", "--discussed", "3", "--carry", "2",
        "--decision", "Go for the K", "--thanked", "--due", due.isoformat(),
        "--action", "Send the aims page", "--action", "mentor: Introduce me to Dr. Chen",
        "--next", f"{following.isoformat()} 10:00",
    )  # fmt: skip
    held = read_meeting(store, first)[0]
    assert held["status"] == "held"
    assert [i[5] for i in items(held)] == [
        "discussed",
        "carried",
        "discussed",
        "pending",  # not named under --no-input: carried over all the same
        "discussed",  # the wrap-up is what the reflection records
    ]
    assert (
        tomllib.loads((store / "mentors" / "ana-rivera.toml").read_text())["last_contact"] == TODAY
    )
    actions = {a["text"]: a["id"] for a in logged["actions"]}
    aims, intro = actions["Send the aims page"], actions["Introduce me to Dr. Chen"]
    second = logged["next_meeting"]["id"]
    assert [i[0] for i in items(read_meeting(store, second)[0])] == ["wrap-up"]
    assert read_meeting(store, second)[0]["minutes"] == 45

    # Follow through.
    chapter = add_action(mk, "Finish chapter 2", "--mentor", "rivera")
    assert mk("done", aims).exit_code == 0

    # Prepare the next meeting: the record proposes what is due, each once, wrap-up last.
    result = mk("agenda", "new", "rivera", "--no-input")
    assert result.exit_code == 0, result.stderr
    assert "Added to" in result.stderr
    expected = [
        ("carried", f"{first}.2", "question", "Which journal?", 10, "pending"),
        ("carried", f"{first}.4", "other", "Lab move", 5, "pending"),
        ("win", aims, "update", "Done: Send the aims page", 2, "pending"),
        ("my-action", chapter, "update", "Progress on: Finish chapter 2", 3, "pending"),
        (
            "mentor-action",
            intro,
            "follow-up",
            f"Follow up: Introduce me to Dr. Chen (due {due.isoformat()})",
            3,
            "pending",
        ),
        ("wrap-up", None, "other", WRAP_UP, 5, "pending"),
    ]
    assert items(read_meeting(store, second)[0]) == expected
    for text in ("Which journal?", "Done: Send the aims page", "Follow up: Introduce me"):
        assert text in result.stdout
    assert result.stdout.index("Lab move") < result.stdout.index(WRAP_UP)
    # Again: nothing is proposed twice.
    assert mk("agenda", "new", "rivera", "--no-input").exit_code == 0
    assert items(read_meeting(store, second)[0]) == expected
    assert len(list((store / "meetings").iterdir())) == 2

    # The record as a whole.
    rows = {row["id"]: row for row in meetings(mk)}
    assert (rows[first]["status"], rows[first]["reflected"]) == ("held", True)
    assert (rows[second]["status"], rows[second]["reflected"]) == ("planned", False)
    assert rows[second]["agenda_items"] == 5  # the wrap-up aside
    open_actions = {row["id"] for row in mk("actions", "--json").json()}
    assert open_actions == {intro, chapter}


def test_the_cycle_with_no_carry_proposes_nothing(mk, store, rivera):
    first = plan(mk, "rivera", "--date", "today", "--item", "Aims", "--item", "Budget")["id"]
    logged = log(
        mk, first, "--discussed", "1", "--action", "Send aims", "--action", "mentor: Intro",
        "--next", day(14).isoformat(),
    )  # fmt: skip
    assert mk("done", logged["actions"][0]["id"]).exit_code == 0
    second = logged["next_meeting"]["id"]
    result = mk("agenda", "new", "rivera", "--no-input", "--no-carry")
    assert result.exit_code == 0, result.stderr
    assert [i[0] for i in items(read_meeting(store, second)[0])] == ["wrap-up"]


# -- 3. mk meetings -----------------------------------------------------------------------------


@pytest.fixture
def record(mk, store, rivera) -> dict[str, str]:
    """A held meeting with Rivera today, two planned meetings and a cancelled one."""
    add_mentor(mk, "Kwame Mensah")
    held = plan(mk, "rivera", "--date", "today", "--item", "Aims", "--item", "Budget")["id"]
    log(mk, held, "--discussed", "1")
    ids = {
        "held": held,
        "rivera later": plan(mk, "rivera", "--date", day(5).isoformat(), "--item", "X")["id"],
        "mensah soon": plan(mk, "mensah", "--date", f"{day(2).isoformat()} 09:00")["id"],
        "mensah cancelled": plan(mk, "mensah", "--date", day(3).isoformat(), "--new")["id"],
    }
    cancel = mk("meeting", "cancel", ids["mensah cancelled"], "--no-input")
    assert cancel.exit_code == 0, cancel.stderr
    return ids


def names(rows: list[dict], ids: dict[str, str]) -> list[str]:
    by_id = {value: key for key, value in ids.items()}
    return [by_id[row["id"]] for row in rows]


def test_meetings_lists_every_meeting_oldest_first(mk, record):
    rows = meetings(mk)
    assert names(rows, record) == ["held", "mensah soon", "mensah cancelled", "rivera later"]
    for row in rows:
        for key in ("id", "mentor", "when", "status", "agenda_items", "reflected"):
            assert key in row, key
        assert "body" not in row and "items" not in row
    held = rows[0]
    assert (held["mentor"], held["when"], held["status"]) == (
        "ana-rivera",
        TODAY.isoformat(),
        "held",
    )
    assert (held["agenda_items"], held["reflected"]) == (2, True)
    soon = rows[1]
    assert soon["mentor"] == "kwame-mensah"
    assert dt.datetime.fromisoformat(soon["when"]).astimezone().replace(tzinfo=None) == (
        dt.datetime.combine(day(2), dt.time(9))
    )
    assert (soon["status"], soon["reflected"], soon["agenda_items"]) == ("planned", False, 0)
    assert rows[2]["status"] == "cancelled"


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (["--mentor", "rivera"], ["held", "rivera later"]),
        (["--mentor", "mensah"], ["mensah soon", "mensah cancelled"]),
        (["--upcoming"], ["mensah soon", "rivera later"]),
        (["--upcoming", "--mentor", "rivera"], ["rivera later"]),
        (["--past", "--mentor", "rivera"], ["held"]),
    ],
)
def test_meetings_filters(mk, record, flags, expected):
    assert names(meetings(mk, *flags), record) == expected


def test_meetings_past_holds_what_happened_and_nothing_planned(mk, record):
    past = names(meetings(mk, "--past"), record)
    assert "held" in past
    assert "mensah soon" not in past and "rivera later" not in past


# Regression: `mk meetings --past` used to list cancelled and rescheduled meetings whose date
# was still to come.
def test_meetings_past_does_not_list_a_meeting_still_to_come(mk, record):
    moved = plan(mk, "rivera", "--date", day(8).isoformat(), "--new")["id"]
    assert mk("meeting", "reschedule", moved, "--date", day(9).isoformat()).exit_code == 0
    past = names(meetings(mk, "--past"), {**record, "moved": moved})
    assert past == ["held"]


def test_meetings_table_for_people(mk, record):
    result = mk("meetings")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    [held] = [line for line in lines if record["held"] in line]
    assert "Dr. Ana Rivera" in held and "held" in held and "2 items" in held and "yes" in held
    [soon] = [line for line in lines if record["mensah soon"] in line]
    assert "Kwame Mensah" in soon and "09:00" in soon and "planned" in soon
    assert shown(day(2)) in soon


def test_meetings_usage_errors(mk, record):
    both = mk("meetings", "--upcoming", "--past")
    assert both.exit_code == 2
    assert "--upcoming" in both.stderr and "--past" in both.stderr
    assert both.stdout == ""
    unknown = mk("meetings", "--mentor", "Nobody Known")
    assert unknown.exit_code == 1


def test_meetings_on_an_empty_store(mk, store):
    result = mk("meetings")
    assert result.exit_code == 0
    assert "No meetings yet" in result.stderr
    assert meetings(mk) == []


# -- 4. cancel and reschedule ---------------------------------------------------------------------


def test_cancel_records_who_and_why_and_keeps_the_meeting(mk, store, rivera):
    saved = plan(mk, "rivera", "--date", day(3).isoformat(), "--item", "Aims", "--item", "Budget")
    body = append_to_body(store, saved["id"], OWN_NOTES)
    result = mk(
        "meeting", "cancel", "rivera", "--reason", "Clinic overran", "--by", "mentor", "--no-input"
    )
    assert result.exit_code == 0, result.stderr
    assert f"Cancelled your meeting with Dr. Ana Rivera, {shown(day(3))}" in result.stdout
    assert "proposed again" in result.stderr
    data, after = read_meeting(store, saved["id"])
    assert data["status"] == "cancelled"
    assert data["cancelled"] == {"date": TODAY, "by": "mentor", "reason": "Clinic overran"}
    assert [i[3] for i in items(data)] == ["Aims", "Budget", WRAP_UP]
    assert after == body


def test_cancel_by_default_is_by_me_and_json(mk, store, rivera):
    saved = plan(mk, "rivera", "--date", day(3).isoformat())
    result = mk("meeting", "cancel", saved["id"][:4], "--no-input", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert (data["id"], data["status"]) == (saved["id"], "cancelled")
    assert data["cancelled"]["by"] == "me"
    assert data["cancelled"]["date"] == TODAY.isoformat()
    assert read_meeting(store, saved["id"])[0]["cancelled"]["by"] == "me"


def test_a_cancelled_meetings_items_come_back_in_the_next_agenda(mk, store, rivera):
    cancelled = plan(mk, "rivera", "--date", day(3).isoformat(), "--item", "Aims (10m)")["id"]
    assert mk("meeting", "cancel", cancelled, "--no-input").exit_code == 0
    later = plan(mk, "rivera", "--date", day(10).isoformat())["id"]
    assert later != cancelled
    assert items(read_meeting(store, later)[0]) == [
        ("carried", f"{cancelled}.1", "other", "Aims", 10, "pending"),
        ("wrap-up", None, "other", WRAP_UP, 5, "pending"),
    ]
    # Only once.
    assert mk("agenda", "new", "rivera", "--no-input").exit_code == 0
    assert len(read_meeting(store, later)[0]["items"]) == 2


def test_cancelling_twice_or_a_held_meeting_is_refused(mk, store, rivera):
    saved = plan(mk, "rivera", "--date", day(3).isoformat(), "--item", "Aims")["id"]
    assert mk("meeting", "cancel", saved, "--no-input", "--reason", "first").exit_code == 0
    held = plan(mk, "rivera", "--date", "today", "--item", "Budget")["id"]
    log(mk, held, "--discussed", "1")
    before = snapshot(store)
    again = mk("meeting", "cancel", saved, "--no-input", "--reason", "second")
    assert again.exit_code == 1
    assert "cancelled" in again.stderr
    past = mk("meeting", "cancel", held, "--no-input")
    assert past.exit_code == 1
    assert "held" in past.stderr
    nothing = mk("meeting", "cancel", "rivera", "--no-input")
    assert nothing.exit_code == 1
    assert "No upcoming meeting" in nothing.stderr
    assert snapshot(store) == before
    assert read_meeting(store, saved)[0]["cancelled"]["reason"] == "first"


def test_cancel_with_a_bad_reason_or_by_writes_nothing(mk, store, rivera):
    saved = plan(mk, "rivera", "--date", day(3).isoformat())["id"]
    before = snapshot(store)
    assert mk("meeting", "cancel", saved, "--by", "boss", "--no-input").exit_code == 2
    assert mk("meeting", "cancel", saved, "--reason", "a\x07b", "--no-input").exit_code == 2
    assert snapshot(store) == before


def test_reschedule_moves_the_agenda_and_notes_and_keeps_the_old_date(mk, store, rivera):
    saved = plan(
        mk, "rivera", "--date", f"{day(2).isoformat()} 15:00", "--minutes", "40",
        "--item", "question: Aims? (10m)", "--item", "Budget",
    )  # fmt: skip
    old_id = saved["id"]
    body = append_to_body(store, old_id, OWN_NOTES)
    old_items = read_meeting(store, old_id)[0]["items"]
    result = mk("meeting", "reschedule", "rivera", "--date", f"{day(5).isoformat()} 10:00")
    assert result.exit_code == 0, result.stderr
    [new_path] = [p for p in (store / "meetings").iterdir() if not p.stem.endswith(old_id)]
    new_id = new_path.stem.rsplit("-", 1)[1]
    assert new_path.name == f"{day(5).isoformat()}-ana-rivera-{new_id}.md"
    assert f"now on {shown(day(5))} 10:00 ({new_id})" in result.stdout

    old, old_body = read_meeting(store, old_id)
    assert old["status"] == "rescheduled"
    assert old["rescheduled_to"] == new_id
    assert wall(old["when"]) == dt.datetime.combine(day(2), dt.time(15))
    assert old_body == body

    new, new_body = split_meeting(new_path.read_text())
    assert new["status"] == "planned"
    assert new["rescheduled_from"] == old_id
    assert "rescheduled_to" not in new
    assert wall(new["when"]) == dt.datetime.combine(day(5), dt.time(10))
    assert new["minutes"] == 40
    assert new["items"] == old_items
    assert new_body == body
    assert SECRET in new_body

    # The moved meeting is now the next one.
    show = mk("agenda", "show", "--json")
    assert show.json()["id"] == new_id
    # Adding to the agenda goes to the new meeting, not the old one.
    assert plan(mk, "rivera", "--item", "More")["id"] == new_id


def test_reschedule_json(mk, store, rivera):
    saved = plan(mk, "rivera", "--date", day(2).isoformat(), "--item", "Aims")
    result = mk("meeting", "reschedule", saved["id"], "--date", day(6).isoformat(), "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["id"] != saved["id"]
    assert (data["status"], data["when"], data["rescheduled_from"]) == (
        "planned",
        day(6).isoformat(),
        saved["id"],
    )
    assert [i["text"] for i in data["items"]] == ["Aims", WRAP_UP]
    assert Path(data["path"]) == meeting_file(store, data["id"])


def test_an_undated_meeting_is_simply_given_its_date(mk, store, rivera):
    saved = plan(mk, "rivera", "--item", "Aims")["id"]
    result = mk("meeting", "reschedule", saved, "--date", day(4).isoformat(), "--no-input")
    assert result.exit_code == 0, result.stderr
    assert len(list((store / "meetings").iterdir())) == 1
    data = read_meeting(store, saved)[0]
    assert (data["status"], data["when"]) == ("planned", day(4))
    assert "rescheduled_to" not in data and "rescheduled_from" not in data


@pytest.mark.parametrize(
    ("flags", "code", "message"),
    [
        (["--date", "DAY2"], 2, "already on"),
        (["--date", "yesterday"], 2, "in the past"),
        (["--date", "whenever"], 2, "Could not understand"),
        ([], 2, "--date"),
    ],
)
def test_reschedule_refuses_a_bad_date_and_writes_nothing(mk, store, rivera, flags, code, message):
    saved = plan(mk, "rivera", "--date", day(2).isoformat(), "--item", "Aims")["id"]
    flags = [day(2).isoformat() if flag == "DAY2" else flag for flag in flags]
    before = snapshot(store)
    result = mk("meeting", "reschedule", saved, "--no-input", *flags)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert snapshot(store) == before


def test_only_a_planned_meeting_can_be_rescheduled(mk, store, rivera):
    saved = plan(mk, "rivera", "--date", day(2).isoformat(), "--item", "Aims")["id"]
    assert mk("meeting", "cancel", saved, "--no-input").exit_code == 0
    before = snapshot(store)
    result = mk("meeting", "reschedule", saved, "--date", day(4).isoformat(), "--no-input")
    assert result.exit_code == 1
    assert "cancelled" in result.stderr
    assert snapshot(store) == before


# Regression: reschedule used to rebuild the new file's front matter, losing the comments and
# keys the user had added to the agenda.
def test_reschedule_keeps_what_the_user_added_to_the_agenda(mk, store, rivera):
    old_id = plan(mk, "rivera", "--date", day(2).isoformat(), "--item", "Budget")["id"]
    path = meeting_file(store, old_id)
    marker = 'text = "Budget"\n'
    path.write_text(
        path.read_text().replace(marker, marker + '# ask for more\npriority = "high"\n')
    )
    assert mk("meeting", "reschedule", old_id, "--date", day(4).isoformat()).exit_code == 0
    [new_path] = [p for p in (store / "meetings").iterdir() if not p.stem.endswith(old_id)]
    text = new_path.read_text()
    assert "# ask for more" in text
    assert split_meeting(text)[0]["items"][0]["priority"] == "high"


# -- 6. the body is the user's ---------------------------------------------------------------------


def test_no_command_changes_what_the_user_wrote_in_the_body(mk, store, rivera):
    first = plan(mk, "rivera", "--date", "today", "--item", "Aims")["id"]
    written = append_to_body(store, first, OWN_NOTES)
    assert SECRET in written

    assert mk("agenda", "new", "rivera", "--no-input", "--item", "Budget").exit_code == 0
    assert body_of(store, first) == written  # adding items leaves the body alone
    assert len(read_meeting(store, first)[0]["items"]) == 3

    log(mk, first, "--discussed", "1", "--note", "Went well", "--advice", "Write daily")
    logged = body_of(store, first)
    assert logged.startswith(written)
    assert "Went well" in logged[len(written) :]
    log(mk, first, "--decision", "Apply in June")
    assert body_of(store, first).startswith(logged)

    cancelled = plan(mk, "rivera", "--date", day(3).isoformat(), "--item", "X")["id"]
    cancelled_body = append_to_body(store, cancelled, "Some thoughts before.\n")
    assert mk("meeting", "cancel", cancelled, "--no-input", "--reason", "Sick").exit_code == 0
    assert body_of(store, cancelled) == cancelled_body

    moved = plan(mk, "rivera", "--date", day(4).isoformat(), "--item", "Y")["id"]
    moved_body = append_to_body(store, moved, OWN_NOTES + "Without a final newline")
    result = mk("meeting", "reschedule", moved, "--date", day(6).isoformat(), "--json")
    assert result.exit_code == 0, result.stderr
    assert body_of(store, moved) == moved_body
    assert body_of(store, result.json()["id"]) == moved_body
    assert mk("agenda", "new", "rivera", "--no-input", "--item", "Z").exit_code == 0
    assert body_of(store, result.json()["id"]) == moved_body


def test_a_crlf_meeting_file_keeps_its_body_and_line_endings(mk, store, rivera):
    meeting_id = plan(mk, "rivera", "--date", "today", "--item", "Aims")["id"]
    path = meeting_file(store, meeting_id)
    text = path.read_text() + OWN_NOTES
    path.write_bytes(text.replace("\n", "\r\n").encode())
    before = path.read_bytes()
    body_before = before.split(b"+++\r\n", 2)[2]
    log(mk, meeting_id, "--discussed", "1", "--note", "Fine")
    after = path.read_bytes()
    assert after.split(b"+++\r\n", 2)[2].startswith(body_before)
    assert after.count(b"\n") == after.count(b"\r\n")


# -- 7. recap -------------------------------------------------------------------------------------


@pytest.fixture
def logged(mk, store, rivera) -> dict:
    """A meeting with Rivera, held today and logged with everything, and notes by hand."""
    meeting_id = plan(
        mk, "rivera", "--date", "today",
        "--item", "update: Abstract submitted", "--item", "question: Which journal?",
        "--item", "decision: K award or R21?",
    )["id"]  # fmt: skip
    append_to_body(store, meeting_id, OWN_NOTES)
    path = meeting_file(store, meeting_id)
    marker = 'text = "Which journal?"\n'
    path.write_text(path.read_text().replace(marker, marker + 'note = "Item note: keep quiet"\n'))
    result = log(
        mk, meeting_id, "--discussed", "1", "--discussed", "3", "--carry", "2",
        "--note", "Felt rushed and a bit anxious.", "--advice", "Never say yes on the spot",
        "--decision", "Go for the K", "--decision", "Target JAMA",
        "--action", "Send the aims page", "--action", "mentor: Introduce me to Dr. Chen",
        "--due", day(7).isoformat(), "--next", f"{day(14).isoformat()} 10:00",
    )  # fmt: skip
    return {"id": meeting_id, **result}


def test_recap_has_what_was_agreed_and_nothing_private(mk, store, logged):
    result = mk("recap")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "Dear Dr. Rivera," in text
    assert f"Thank you for your time on {shown(TODAY)}" in text
    assert "We talked about:\n- Abstract submitted\n- K award or R21?\n" in text
    assert "- Which journal?" not in text  # carried over, not discussed
    assert WRAP_UP not in text
    assert "We agreed:\n- Go for the K\n- Target JAMA\n" in text
    assert f"- Me: Send the aims page (by {shown(day(7))})" in text
    assert f"- You: Introduce me to Dr. Chen (by {shown(day(7))})" in text
    assert text.index("- Me: Send") < text.index("- You: Introduce")
    assert f"Our next meeting: {shown(day(14))} 10:00." in text
    assert text.rstrip().endswith("Sam Okafor")
    for private in (
        SECRET,
        "She suggested the aims",
        "Felt rushed",
        "Never say yes on the spot",
        "Item note",
        "## Private",
        "Reflection",
    ):
        assert private not in text, private


def test_recap_by_mentor_id_and_json_agree(mk, store, logged):
    default = mk("recap").stdout
    assert mk("recap", "rivera").stdout == default
    assert mk("recap", logged["id"]).stdout == default
    as_json = mk("recap", logged["id"][:4], "--json")
    assert as_json.exit_code == 0
    data = as_json.json()
    assert (data["meeting"]["id"], data["meeting"]["mentor"]) == (logged["id"], "ana-rivera")
    assert data["text"].rstrip("\n") == default.rstrip("\n")
    assert SECRET not in as_json.stdout


def test_recap_defaults_to_the_last_meeting_held(mk, store, rivera):
    older = log(mk, "rivera", "--date", "10 days ago", "--decision", "Older decision")
    newer = plan(mk, "rivera", "--date", "today", "--item", "Newer item")["id"]
    log(mk, newer, "--discussed", "1", "--decision", "Newer decision")
    plan(mk, "rivera", "--date", day(3).isoformat(), "--item", "Not yet held")
    text = mk("recap").stdout
    assert "Newer decision" in text and "- Newer item" in text
    assert "Older decision" not in text
    assert f"Our next meeting: {shown(day(3))}." in text
    old_text = mk("recap", older["meeting"]["id"]).stdout
    assert "Older decision" in old_text and "Newer decision" not in old_text
    assert f"your time on {shown(day(-10))}" in old_text


def test_recap_without_a_next_meeting_or_actions(mk, store, rivera):
    meeting_id = plan(mk, "rivera", "--date", "today", "--item", "Aims")["id"]
    log(mk, meeting_id, "--discussed", "1")
    add_action(mk, "Not from this meeting", "--mentor", "rivera")
    text = mk("recap").stdout
    assert "I will be in touch to find a date for our next meeting." in text
    assert "Next steps" not in text
    assert "Not from this meeting" not in text
    assert "We agreed" not in text


def test_recap_before_any_meeting_is_held(mk, store, rivera):
    plan(mk, "rivera", "--date", day(2).isoformat(), "--item", "Aims")
    result = mk("recap")
    assert result.exit_code == 1
    assert "No meeting has been logged yet" in result.stderr
    assert mk("recap", "rivera").exit_code == 1


def test_the_recap_template_of_the_store_is_used(mk, store, logged):
    (store / "templates").mkdir()
    (store / "templates" / "recap.md").write_text(
        "Hi $mentor_name!\n\n$discussed\n\n$actions\n\n$next\n\nCheers, $my_name ($date)\n"
    )
    text = mk("recap").stdout
    assert text.startswith("Hi Dr. Ana Rivera!\n")
    assert "- Abstract submitted" in text
    assert "- Me: Send the aims page" in text
    assert f"Cheers, Sam Okafor ({shown(TODAY)})" in text
    assert "Subject:" not in text
    assert "We agreed" not in text  # the template has no $decisions
    assert SECRET not in text


# -- 9. broken meeting files ----------------------------------------------------------------------

BROKEN = {
    "invalid TOML": ('+++\nmentor = "ana-rivera"\nwhen = = 3\n+++\nNotes\n', 3, "not valid TOML"),
    "no opening fence": ('mentor = "ana-rivera"\n+++\nNotes\n', 1, "+++"),
    "never closed": ('+++\nmentor = "ana-rivera"\ncreated = 2026-01-02T10:00:00Z\n', 1, "+++"),
    "invalid status": (
        '+++\nmentor = "ana-rivera"\nstatus = "maybe"\ncreated = 2026-01-02T10:00:00Z\n+++\n',
        3,
        "status",
    ),
    "missing mentor": ("+++\ncreated = 2026-01-02T10:00:00Z\n+++\nNotes\n", 2, "mentor"),
}


@pytest.mark.parametrize(("content", "line", "words"), BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_meeting_file_is_reported_and_the_rest_stays_usable(
    mk, store, rivera, content, line, words
):
    good = plan(mk, "rivera", "--date", day(3).isoformat(), "--item", "Aims")["id"]
    path = store / "meetings" / f"{day(3).isoformat()}-ana-rivera-zz9zz.md"
    path.write_text(content)
    where = f"{path}:{line}:"

    listed = mk("meetings", "--json")
    assert listed.exit_code == 0
    assert [row["id"] for row in listed.json()] == [good]
    assert where in listed.stderr and words in listed.stderr
    assert "Traceback" not in listed.stderr

    table = mk("meetings")
    assert good in table.stdout
    assert where in table.stderr

    added = mk("agenda", "new", "rivera", "--no-input", "--item", "Budget")
    assert added.exit_code == 0, added.stderr
    assert where in added.stderr
    assert [i[3] for i in items(read_meeting(store, good)[0])] == ["Aims", "Budget", WRAP_UP]

    show = mk("agenda", "show", "zz9zz")
    assert show.exit_code == 1
    assert where in show.stderr

    doctor = mk("doctor")
    assert doctor.exit_code == 1
    assert where in doctor.stderr and words in doctor.stderr
    report = mk("doctor", "--json")
    assert report.exit_code == 1
    [problem] = report.json()["problems"]
    assert (problem["path"], problem["line"]) == (str(path), line)

    assert path.read_text() == content  # never rewritten by a command that could not read it


def test_doctor_points_out_a_misspelt_key_in_a_meeting(mk, store, rivera):
    meeting_id = plan(mk, "rivera", "--date", day(2).isoformat(), "--item", "Aims")["id"]
    path = meeting_file(store, meeting_id)
    path.write_text(path.read_text().replace("minutes = 30\n", 'minutes = 30\nlocaton = "B2"\n', 1))
    result = mk("doctor")
    assert result.exit_code == 0  # a warning, not a problem
    assert str(path) in result.stderr
    assert "locaton" in result.stderr and "location" in result.stderr


def test_doctor_points_out_a_misspelt_key_in_an_agenda_item(mk, store, rivera):
    meeting_id = plan(mk, "rivera", "--date", day(2).isoformat(), "--item", "Aims")["id"]
    path = meeting_file(store, meeting_id)
    marker = 'text = "Aims"\n'
    path.write_text(path.read_text().replace(marker, marker + "minuts = 10\n"))
    result = mk("doctor")
    assert "minuts" in result.stderr
    assert "minutes" in result.stderr


def test_no_json_output_carries_the_notes(mk, store, rivera):
    meeting_id = plan(mk, "rivera", "--date", "today", "--item", "Aims")["id"]
    append_to_body(store, meeting_id, OWN_NOTES)
    outputs = [
        mk("agenda", "show", meeting_id, "--json"),
        mk("meetings", "--json"),
        mk("log", meeting_id, "--no-input", "--json", "--note", "Private-ish note"),
        mk("recap", "--json"),
    ]
    later = plan(mk, "rivera", "--date", day(3).isoformat(), "--item", "X")["id"]
    append_to_body(store, later, OWN_NOTES)
    outputs.append(mk("meeting", "cancel", later, "--no-input", "--json"))
    for result in outputs:
        assert result.exit_code == 0, result.stderr
        result.json()  # valid JSON
        assert SECRET not in result.stdout
        assert "She suggested" not in result.stdout


def test_a_conflicted_copy_of_a_meeting_is_not_a_second_meeting(mk, store, rivera):
    good = plan(mk, "rivera", "--date", day(3).isoformat(), "--item", "Aims")["id"]
    [path] = (store / "meetings").iterdir()
    copy = path.with_name(f"{path.stem} (conflicted copy).md")
    copy.write_text(path.read_text(), encoding="utf-8")
    assert [m["id"] for m in mk("meetings", "--json").json()] == [good]
    assert f"{copy}: is named as a sync tool names a copy" in mk("doctor").stderr
