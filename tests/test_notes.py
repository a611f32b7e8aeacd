"""`mk note`, `mk notes` and `mk note show|edit|drop` through the real CLI on a temporary store:
capturing a note in one command, the next agenda proposing it once, and the note closing once
it is discussed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import TODAY, add_mentor, day, log, meeting_file, plan, snapshot, split_meeting

QUESTION = "how did you choose your R01 study section?"


def read_note(store: Path, note_id: str) -> tuple[dict, str]:
    """The note's front matter and its text."""
    return split_meeting((store / "notes" / f"{note_id}.md").read_text(encoding="utf-8"))


def note(mk, *args: str, input: str | None = None) -> dict:
    result = mk("note", *args, "--json", input=input)
    assert result.exit_code == 0, result.stderr
    return result.json()


def listed(mk, *flags: str) -> list[dict]:
    result = mk("notes", "--json", *flags)
    assert result.exit_code == 0, result.stderr
    return result.json()


def status(mk, note_id: str) -> str:
    return next(n["status"] for n in listed(mk, "--all") if n["id"] == note_id)


def agenda_items(meeting: dict) -> list[tuple]:
    """(kind, text, origin, source) of each agenda item, less the wrap-up."""
    return [
        (i["kind"], i["text"], i["origin"], i.get("source"))
        for i in meeting["items"]
        if i["origin"] != "wrap-up"
    ]


def editor(tmp_path: Path, code: str) -> dict[str, str]:
    """An $EDITOR that runs `code` with the draft's path in `path` and its text in `text`."""
    script = tmp_path / "editor.py"
    script.write_text(
        f"import sys, pathlib\npath = pathlib.Path(sys.argv[1])\ntext = path.read_text()\n{code}\n"
    )
    return {"EDITOR": f"{sys.executable} {script}"}


@pytest.fixture
def mentors(mk, store) -> Path:
    add_mentor(mk, "Dr. Ana Rivera", "--role", "research")
    add_mentor(mk, "Kwame Mensah", "--role", "sponsor")
    (store / "goals").mkdir()
    (store / "goals" / "k7aw2.toml").write_text(
        'statement = "Win a K award"\ncreated = 2026-01-05\n'
    )
    return store


# -- capture ----------------------------------------------------------------------------------


def test_a_note_for_a_mentor_in_one_command(mk, mentors):
    result = mk("note", "rivera", f"question: {QUESTION}")
    assert result.exit_code == 0, result.stderr
    [path] = (mentors / "notes").iterdir()
    assert path.suffix == ".md"
    assert result.stdout == f"Noted {path.stem} (question, for Dr. Ana Rivera): {QUESTION}\n"
    assert "mk agenda new ana-rivera" in result.stderr
    front, body = read_note(mentors, path.stem)
    created = front.pop("created")
    assert front == {
        "date": TODAY,
        "mentor": "ana-rivera",
        "kind": "question",
        "tags": [],
        "status": "open",
    }
    assert created.date() == TODAY
    assert body == f"{QUESTION}\n"
    assert path.read_text().startswith("+++\n")


def test_a_note_without_a_mentor_is_a_journal_entry(mk, mentors):
    saved = note(mk, "win: the abstract was accepted", "--tag", "#conference", "--tag", "talks")
    assert (saved["mentor"], saved["kind"], saved["text"]) == (
        None,
        "win",
        "the abstract was accepted",
    )
    assert saved["tags"] == ["conference", "talks"]
    front, _ = read_note(mentors, saved["id"])
    assert "mentor" not in front
    assert mk("note", "A quiet week in clinic").stdout.endswith(
        "(other, in your journal): A quiet week in clinic\n"
    )


def test_every_option_and_the_json_shape(mk, mentors):
    yesterday = day(-1).isoformat()
    saved = note(
        mk, "--mentor", "mensah", "Ask about the K award panel", "--kind", "question",
        "--goal", "k7a", "--tag", "grants", "--date", yesterday,
    )  # fmt: skip
    assert set(saved) == {
        "id", "date", "mentor", "goal", "kind", "tags", "text", "status", "meeting", "created",
        "closed", "dropped", "path",
    }  # fmt: skip
    assert saved["mentor"] == "kwame-mensah"
    assert (saved["goal"], saved["kind"], saved["date"]) == ("k7aw2", "question", yesterday)
    assert (saved["status"], saved["meeting"], saved["closed"]) == ("open", None, None)
    assert saved["path"] == str(mentors / "notes" / f"{saved['id']}.md")
    assert listed(mk) == [saved]


@pytest.mark.parametrize(
    ("typed", "kind", "text"),
    [
        ("Question: which panel?", "question", "which panel?"),
        ("q: which panel?", "question", "which panel?"),
        ("worry:the timeline is tight", "worry", "the timeline is tight"),
        ("idea: a review paper", "idea", "a review paper"),
        ("update: aims page drafted", "update", "aims page drafted"),
        ("Note: a colon that is not a kind", "other", "Note: a colon that is not a kind"),
    ],
)
def test_the_kind_prefix(mk, mentors, typed, kind, text):
    saved = note(mk, "rivera", typed)
    assert (saved["kind"], saved["text"]) == (kind, text)


def test_text_from_stdin(mk, mentors):
    piped = "idea: read the Okafor paper on study sections\n\nIt argues for fewer aims.\n"
    saved = note(mk, "rivera", "-", input=piped)
    assert (saved["kind"], saved["mentor"]) == ("idea", "ana-rivera")
    _, body = read_note(mentors, saved["id"])
    assert body == "read the Okafor paper on study sections\n\nIt argues for fewer aims.\n"
    journal = note(mk, "-", input="A long day, but the grant is in.\n")
    assert (journal["mentor"], journal["text"]) == (None, "A long day, but the grant is in.")


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("menteekit.cli.notes.interactive", lambda no_input: not no_input)


@pytest.mark.parametrize(("word", "message"), [("riviera", "Did you mean"), ("an", "ambiguous")])
def test_one_word_like_a_mentor_is_refused_not_filed_in_the_journal(mk, mentors, word, message):
    add_mentor(mk, "Anand Shah")
    before = snapshot(mentors)
    result = mk("note", word)
    assert result.exit_code == 1
    assert message in result.stderr and f"echo {word} | mk note -" in result.stderr
    assert snapshot(mentors) == before


def test_without_a_terminal_no_editor_opens(mk, mentors, tmp_path):
    before = snapshot(mentors)
    result = mk("note", "rivera", env=editor(tmp_path, "raise SystemExit('opened')"))
    assert result.exit_code == 2
    assert "Missing the note's text" in result.stderr and "opened" not in result.stderr
    assert snapshot(mentors) == before


def test_a_mentor_alone_opens_the_editor_on_a_note_for_them(mk, mentors, tmp_path, at_a_terminal):
    env = editor(tmp_path, "path.write_text(text + 'worry: the timeline\\nSix weeks left.\\n')")
    result = mk("note", "rivera", env=env)
    assert result.exit_code == 0, result.stderr
    [path] = (mentors / "notes").iterdir()
    front, body = read_note(mentors, path.stem)
    assert (front["mentor"], front["kind"]) == ("ana-rivera", "worry")
    assert body == "the timeline\nSix weeks left.\n"  # the draft's hint is not kept
    assert not list((mentors / ".drafts").iterdir())


def test_a_failed_editor_loses_nothing_and_the_same_command_resumes(
    mk, mentors, tmp_path, at_a_terminal
):
    failing = editor(tmp_path, "path.write_text(text + 'question: half a thought')\nsys.exit(3)")
    result = mk("note", "rivera", env=failing)
    assert result.exit_code == 1
    [draft] = (mentors / ".drafts").glob("note-*.md")
    assert str(draft) in result.stderr
    assert not (mentors / "notes").exists()

    finish = editor(tmp_path, "path.write_text(text.replace('half a', 'a whole'))")
    resumed = mk("note", "rivera", env=finish)
    assert resumed.exit_code == 0, resumed.stderr
    assert "Resuming" in resumed.stderr
    [saved] = listed(mk)
    assert (saved["kind"], saved["text"]) == ("question", "a whole thought")
    assert not draft.exists()


def test_a_note_saved_empty_in_the_editor_writes_nothing(mk, mentors, tmp_path, at_a_terminal):
    before = snapshot(mentors)
    result = mk("note", env=editor(tmp_path, "pass"))
    assert result.exit_code == 2
    assert "empty" in result.stderr
    assert snapshot(mentors) == before


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nobody", "question: hello?"], 1, "No mentor matches"),
        (["--mentor", "nobody", "hello"], 1, "No mentor matches"),
        (["rivera", ""], 2, "empty"),
        (["rivera", "question:   "], 2, "empty"),
        (["rivera", "--no-input"], 2, "Missing the note's text"),
        (["--no-input"], 2, "Missing the note's text"),
        (["rivera", "how", "did you choose?"], 2, "quotes"),
        (["--mentor", "rivera", "rivera", "text"], 2, "quotes"),
        (["rivera", "question: x", "--kind", "idea"], 2, "conflicts"),
        (["rivera", "text", "--kind", "hunch"], 2, "hunch"),
        (["rivera", "text", "--date", "someday"], 2, "Could not understand"),
        (["rivera", "text", "--date", "+3d"], 2, "future"),
        (["rivera", "text", "--tag", "#"], 2, "not a tag"),
        (["rivera", "text", "--goal", "nope"], 1, "No goal matches"),
        (["rivera", "bell\x07"], 2, "control character"),
    ],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(mk, mentors, args, code, message):
    before = snapshot(mentors)
    result = mk("note", *args)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(mentors) == before


def test_a_one_word_note_is_text_unless_it_names_one_mentor(mk, mentors):
    assert note(mk, "Grateful")["mentor"] is None
    result = mk("note", "mensah", "--no-input")  # a mentor: the text is missing
    assert result.exit_code == 2


def test_options_before_the_command_and_the_group_help(mk, mentors):
    result = mk("--home", str(mentors), "note", "rivera", "update: aims done", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["kind"] == "update"
    helped = mk("note", "--help")
    assert helped.exit_code == 0
    assert "mk note add [MENTOR] TEXT" in helped.stdout
    assert "drop" in helped.stdout


# -- the next agenda -------------------------------------------------------------------------


def test_the_next_agenda_offers_each_open_note_once(mk, mentors):
    """The issue's story: a question on Tuesday is on Friday's agenda, and closed after."""

    def dated(days_ago: int) -> list[str]:
        return ["--date", day(-days_ago).isoformat()]

    question = note(mk, "rivera", f"question: {QUESTION}", *dated(4))["id"]
    worry = note(mk, "rivera", "worry: the timeline is tight", *dated(3))["id"]
    win = note(mk, "rivera", "win: the pilot data came in", *dated(2))["id"]
    idea = note(mk, "rivera", "idea: a review paper together", *dated(1))["id"]
    note(mk, "mensah", "question: the K award panel?")
    note(mk, "A journal entry")
    meeting = plan(mk, "rivera", "--date", day(3).isoformat())
    assert agenda_items(meeting) == [
        ("question", QUESTION, "note", question),
        ("question", "the timeline is tight", "note", worry),
        ("update", "the pilot data came in", "note", win),
        ("other", "a review paper together", "note", idea),
    ]
    for note_id in (question, worry, win, idea):
        front, _ = read_note(mentors, note_id)
        assert (front["status"], front["meeting"]) == ("on-agenda", meeting["id"])
    # Preparing again (the same meeting, or a separate one) proposes none of them again.
    again = plan(mk, "rivera", "--item", "question: one more")
    assert again["id"] == meeting["id"]
    assert [i[2] for i in agenda_items(again)].count("note") == 4
    separate = plan(mk, "rivera", "--new", "--date", day(10).isoformat())
    assert not [i for i in agenda_items(separate) if i[2] == "note"]


def test_notes_come_right_after_the_carried_over_items(mk, mentors):
    first = plan(mk, "rivera", "--item", "question: which study section?", "--date", "today")
    log(mk, first["id"])  # not discussed: carried over
    note_id = note(mk, "rivera", "update: aims page drafted")["id"]
    nxt = plan(mk, "rivera", "--item", "decision: K or R21")
    assert agenda_items(nxt) == [
        ("question", "which study section?", "carried", f"{first['id']}.1"),
        ("update", "aims page drafted", "note", note_id),
        ("decision", "K or R21", "new", None),
    ]


def test_a_discussed_note_closes_and_one_not_reached_stays_open(mk, mentors):
    asked = note(mk, "rivera", f"question: {QUESTION}")["id"]
    later = note(mk, "rivera", "idea: a review paper")["id"]
    meeting = plan(mk, "rivera", "--date", "today")
    by_source = {i["source"]: i["id"] for i in meeting["items"] if i["origin"] == "note"}
    log(mk, meeting["id"], "--discussed", by_source[asked], "--carry", by_source[later])

    front, body = read_note(mentors, asked)
    assert (front["status"], front["meeting"], front["closed"]) == ("closed", meeting["id"], TODAY)
    assert body == f"{QUESTION}\n"  # the text is the user's: never rewritten
    front, _ = read_note(mentors, later)
    assert (front["status"], "meeting" in front) == ("open", False)
    assert [n["id"] for n in listed(mk, "--open")] == [later]

    # The one not reached comes back from the note, once, and never as a carried item too.
    nxt = plan(mk, "rivera", "--date", day(7).isoformat())
    assert agenda_items(nxt) == [("other", "a review paper", "note", later)]
    assert status(mk, asked) == "closed"


def test_a_note_carried_over_keeps_the_wording_it_had_on_the_agenda(mk, mentors):
    asked = note(mk, "rivera", "ask about the K23 vs K08 choice")["id"]
    meeting = plan(mk, "rivera", "--date", "today")
    path = meeting_file(mentors, meeting["id"])
    path.write_text(
        path.read_text()
        .replace('text = "ask about the K23 vs K08 choice"', 'text = "K23 or K08 for me?"')
        .replace('kind = "other"\ntext = "K23', 'kind = "question"\ntext = "K23'),
        encoding="utf-8",
    )
    [item] = [i for i in mk("agenda", "show", meeting["id"], "--json").json()["items"]
              if i["origin"] == "note"]  # fmt: skip
    log(mk, meeting["id"], "--carry", item["id"])
    nxt = plan(mk, "rivera", "--date", day(7).isoformat())
    assert agenda_items(nxt) == [("question", "K23 or K08 for me?", "note", asked)]


def test_the_recap_names_a_discussed_note(mk, mentors):
    note(mk, "rivera", f"question: {QUESTION}")
    meeting = plan(mk, "rivera", "--date", "today")
    [item] = [i for i in meeting["items"] if i["origin"] == "note"]
    log(mk, meeting["id"], "--discussed", item["id"])
    assert f"- {QUESTION}" in mk("recap", meeting["id"]).stdout


def test_a_cancelled_meeting_opens_its_notes_again(mk, mentors):
    note_id = note(mk, "rivera", "question: which panel?")["id"]
    meeting = plan(mk, "rivera", "--date", day(2).isoformat())
    assert status(mk, note_id) == "on-agenda"
    result = mk("meeting", "cancel", meeting["id"], "--no-input")
    assert result.exit_code == 0, result.stderr
    front, _ = read_note(mentors, note_id)
    assert front["status"] == "open"
    assert agenda_items(plan(mk, "rivera")) == [("question", "which panel?", "note", note_id)]


def test_a_rescheduled_meeting_takes_its_notes_along(mk, mentors):
    note_id = note(mk, "rivera", "question: which panel?")["id"]
    meeting = plan(mk, "rivera", "--date", day(2).isoformat())
    result = mk("meeting", "reschedule", meeting["id"], "--date", day(9).isoformat(), "--json")
    assert result.exit_code == 0, result.stderr
    moved = result.json()["id"]
    assert moved != meeting["id"]
    front, _ = read_note(mentors, note_id)
    assert (front["status"], front["meeting"]) == ("on-agenda", moved)


def test_status_follows_the_meetings_even_when_an_agenda_is_edited_by_hand(mk, mentors):
    note_id = note(mk, "rivera", "question: which panel?")["id"]
    meeting = plan(mk, "rivera", "--date", day(2).isoformat())
    path = meeting_file(mentors, meeting["id"])
    path.write_text(path.read_text().replace('origin = "note"', 'origin = "new"'))
    assert status(mk, note_id) == "open"
    assert agenda_items(plan(mk, "rivera", "--new"))[-1] == (
        "question",
        "which panel?",
        "note",
        note_id,
    )


# -- listing, show, edit, drop ---------------------------------------------------------------


def test_the_listing_filters(mk, mentors):
    old = note(mk, "rivera", "idea: old idea", "--date", day(-20).isoformat(), "--tag", "grants")
    asked = note(mk, "rivera", "question: new question", "--tag", "Grants", "--tag", "k",
                 "--date", day(-3).isoformat())  # fmt: skip
    journal = note(mk, "win: a journal win", "--goal", "k7aw2", "--date", day(-2).isoformat())
    other = note(mk, "mensah", "worry: a worry")

    def ids(*flags: str) -> list[str]:
        return [n["id"] for n in listed(mk, *flags)]

    assert ids() == [old["id"], asked["id"], journal["id"], other["id"]]
    assert ids("--mentor", "rivera") == [old["id"], asked["id"]]
    assert ids("--journal") == [journal["id"]]
    assert ids("--goal", "k7aw2") == [journal["id"]]
    assert ids("--tag", "grants") == [old["id"], asked["id"]]
    assert ids("--tag", "grants", "--tag", "k") == [asked["id"]]
    assert ids("--kind", "worry") == [other["id"]]
    assert ids("--since", day(-7).isoformat()) == [asked["id"], journal["id"], other["id"]]
    assert ids("--open") == [old["id"], asked["id"], other["id"]]  # a journal entry is not raised
    assert mk("note", "drop", other["id"]).exit_code == 0
    assert ids("--open", "--kind", "worry") == []
    assert ids("--all", "--kind", "worry") == [other["id"]]
    table = mk("notes").stdout
    assert "new question" in table and "journal" in table and "a worry" not in table
    assert mk("notes", "--journal", "--mentor", "rivera").exit_code == 2
    assert mk("notes", "--since", "someday").exit_code == 2
    assert mk("notes", "--mentor", "nobody").exit_code == 1


def test_an_empty_store_lists_no_notes(mk, mentors):
    assert listed(mk) == []
    assert "No notes yet" in mk("notes").stderr


def test_show_edit_and_drop(mk, mentors, tmp_path):
    saved = note(mk, "rivera", "question: which panel?\n\nMore detail here.", "--tag", "grants")
    shown = mk("note", "show", saved["id"][:3])
    assert shown.exit_code == 0, shown.stderr
    assert "which panel?\n\nMore detail here." in shown.stdout
    assert "for Dr. Ana Rivera" in shown.stdout and "tags: grants" in shown.stdout
    assert mk("note", "show", saved["id"], "--json").json() == saved

    env = editor(tmp_path, "path.write_text(text.replace('which panel', 'which study section'))")
    edited = mk("note", "edit", saved["id"], env=env)
    assert edited.exit_code == 0, edited.stderr
    assert read_note(mentors, saved["id"])[1].startswith("which study section?")

    dropped = mk("note", "drop", saved["id"])
    assert dropped.exit_code == 0, dropped.stderr
    front, _ = read_note(mentors, saved["id"])
    assert (front["status"], front["dropped"]) == ("dropped", TODAY)
    before = snapshot(mentors)
    twice = mk("note", "drop", saved["id"])  # as `mk goal drop` and `mk done`: nothing to do
    assert twice.exit_code == 0 and "was already dropped" in twice.stderr
    assert snapshot(mentors) == before
    assert not [i for i in agenda_items(plan(mk, "rivera")) if i[2] == "note"]
    assert mk("note", "show", "zzzzz").exit_code == 1


def test_a_closed_note_cannot_be_dropped(mk, mentors):
    note_id = note(mk, "rivera", "question: which panel?")["id"]
    meeting = plan(mk, "rivera", "--date", "today")
    log(mk, meeting["id"], "--discussed", "1")
    result = mk("note", "drop", note_id)
    assert result.exit_code == 1
    assert "already closed" in result.stderr


def test_a_broken_note_is_reported_and_the_others_still_work(mk, mentors):
    kept = note(mk, "rivera", "question: which panel?")
    broken = mentors / "notes" / "b0rkd.md"
    broken.write_text('+++\ndate = "someday"\ncreated = 2026-01-01T09:00:00Z\n+++\nText\n')
    result = mk("notes", "--json")
    assert result.exit_code == 0
    assert [n["id"] for n in result.json()] == [kept["id"]]
    assert f"{broken}:2: date:" in result.stderr
    assert mk("note", "show", "b0rkd").exit_code == 1
    meeting = plan(mk, "rivera")
    assert [i[3] for i in agenda_items(meeting)] == [kept["id"]]
    doctor = mk("doctor")
    assert doctor.exit_code == 1
    assert f"{broken}:2:" in doctor.stderr


def test_doctor_checks_notes(mk, mentors):
    saved = note(mk, "rivera", "question: which panel?")
    path = mentors / "notes" / f"{saved['id']}.md"
    path.write_text(path.read_text().replace("+++\n", "+++\nstaus = 'open'\n", 1))
    result = mk("doctor")
    assert result.exit_code == 0
    assert "unknown key 'staus' (did you mean 'status'?)" in result.stderr
    (mentors / "notes").rename(mentors / "notes-away")
    (mentors / "notes").write_text("")
    assert "should be a folder" in mk("doctor").stderr


def test_hand_edited_comments_and_keys_survive_marking(mk, mentors):
    saved = note(mk, "rivera", "question: which panel?")
    path = mentors / "notes" / f"{saved['id']}.md"
    path.write_text(path.read_text().replace("+++\n", "+++\n# from the bus\nmood = 'keen'\n", 1))
    plan(mk, "rivera")
    text = path.read_text()
    assert "# from the bus" in text and "mood = 'keen'" in text
    assert read_note(mentors, saved["id"])[0]["status"] == "on-agenda"
