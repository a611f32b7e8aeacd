"""`mk action add|drop|edit`, `mk actions` and `mk done` through the real CLI on a temporary
store: one file per action, the listing and its filters, closing actions all or nothing."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from conftest import TODAY, add_mentor, day, snapshot


def read_action(store: Path, action_id: str) -> dict:
    return tomllib.loads((store / "actions" / f"{action_id}.toml").read_text(encoding="utf-8"))


def add(mk, text: str, *flags: str) -> dict:
    result = mk("action", "add", text, "--no-input", "--json", *flags)
    assert result.exit_code == 0, result.stderr
    return result.json()


def listed(mk, *flags: str) -> list[dict]:
    result = mk("actions", "--json", *flags)
    assert result.exit_code == 0, result.stderr
    return result.json()


def editor(tmp_path: Path, code: str) -> dict[str, str]:
    """An $EDITOR that runs `code` with the draft's path in `path` and its text in `text`."""
    script = tmp_path / "editor.py"
    script.write_text(
        f"import sys, pathlib\npath = pathlib.Path(sys.argv[1])\ntext = path.read_text()\n{code}\n"
    )
    return {"EDITOR": f"{sys.executable} {script}"}


@pytest.fixture
def mentors(mk, store) -> Path:
    add_mentor(mk, "Dr. Ana Rivera")
    add_mentor(mk, "Kwame Mensah")
    goals = store / "goals"
    goals.mkdir()
    (goals / "k7aw2.toml").write_text('statement = "Win a K award"\ncreated = 2026-01-05\n')
    (goals / "t3ach.toml").write_text('title = "Teach a course"\n')
    return store


# -- action add -------------------------------------------------------------------------------


def test_add_with_every_flag_writes_one_file(mk, mentors):
    store = mentors
    due = day(5)
    result = mk(
        "action", "add", "Send the revised aims page", "--due", due.isoformat(),
        "--mentor", "rivera", "--goal", "k7a", "--owner", "me", "--no-input",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    [path] = (store / "actions").iterdir()
    assert path.suffix == ".toml"
    assert f"Added action {path.stem}: Send the revised aims page" in result.stdout
    assert tomllib.loads(path.read_text()) == {
        "text": "Send the revised aims page",
        "owner": "me",
        "mentor": "ana-rivera",
        "goal": "k7aw2",
        "due": due,
        "status": "open",
        "created": TODAY,
    }


def test_add_json_has_every_field(mk, store):
    saved = add(mk, "Read the paper")
    for key in (
        "id", "text", "owner", "due", "status", "mentor", "meeting", "goal", "created", "done",
        "overdue",
    ):  # fmt: skip
        assert key in saved, key
    assert (saved["text"], saved["owner"], saved["status"]) == ("Read the paper", "me", "open")
    assert (saved["due"], saved["mentor"], saved["goal"], saved["done"]) == (None,) * 4
    assert saved["created"] == TODAY.isoformat()
    assert (store / "actions" / f"{saved['id']}.toml").is_file()


@pytest.mark.parametrize(
    ("typed", "flags", "owner", "text"),
    [
        ("mentor: Introduce me", ["--mentor", "riv"], "mentor", "Introduce me"),
        ("Mentor:Read my draft", ["--mentor", "rivera"], "mentor", "Read my draft"),
        ("Read my draft", ["--mentor", "rivera", "--owner", "mentor"], "mentor", "Read my draft"),
        ("me: Book the room", [], "me", "Book the room"),
        ("I: Book the room", [], "me", "Book the room"),
        ("Note: a colon that is not an owner", [], "me", "Note: a colon that is not an owner"),
    ],
)  # fmt: skip
def test_the_owner_prefix(mk, mentors, typed, flags, owner, text):
    saved = add(mk, typed, *flags)
    assert (saved["owner"], saved["text"]) == (owner, text)
    assert read_action(mentors, saved["id"])["owner"] == owner


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["mentor: Introduce me"], 2, "--mentor"),
        (["Read my draft", "--owner", "mentor"], 2, "--mentor"),
        (["me: Book it", "--owner", "mentor", "--mentor", "rivera"], 2, "conflicts"),
        (["mentor: Intro", "--owner", "me", "--mentor", "rivera"], 2, "conflicts"),
        (["mentor:", "--mentor", "rivera"], 2, "no text"),
        (["Read", "--mentor", "Nobody Known"], 1, "No mentor matches"),
        (["Read", "--goal", "nope"], 1, "No goal matches"),
        (["Read", "--due", "someday"], 2, "Could not understand"),
        (["Read", "--due", "2031-02-30"], 2, "impossible"),
        (["Read", "--owner", "boss"], 2, "owner"),
        (["two\nlines"], 2, "line break"),
        ([], 2, "TEXT"),
        (["   "], 2, "Error: the TEXT argument cannot be empty."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(mk, mentors, args, code, message):
    before = snapshot(mentors)
    result = mk("action", "add", *args, "--no-input")
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(mentors) == before


# -- actions ----------------------------------------------------------------------------------


@pytest.fixture
def several(mk, mentors) -> dict[str, str]:
    """Actions of every kind, by a short name."""
    ids = {
        "undated": add(mk, "Undated mine")["id"],
        "soon": add(mk, "Due soon", "--due", day(2).isoformat(), "--mentor", "rivera")["id"],
        "late": add(mk, "Late one", "--due", day(-3).isoformat(), "--goal", "k7aw2")["id"],
        "later": add(mk, "Due later", "--due", day(20).isoformat(), "--goal", "t3ach")["id"],
        "very late": add(mk, "Very late", "--due", day(-9).isoformat(), "--mentor", "mensah")["id"],
        "theirs": add(mk, "mentor: Their intro", "--mentor", "rivera", "--due", day(1).isoformat())[
            "id"
        ],
        "done": add(mk, "Already done", "--mentor", "rivera")["id"],
        "dropped": add(mk, "Dropped one", "--mentor", "rivera")["id"],
    }
    assert mk("done", ids["done"]).exit_code == 0
    assert mk("action", "drop", ids["dropped"], "--no-input").exit_code == 0
    return ids


def names(rows: list[dict], ids: dict[str, str]) -> list[str]:
    by_id = {value: key for key, value in ids.items()}
    return [by_id[row["id"]] for row in rows]


def test_actions_lists_open_ones_overdue_first_then_by_due_date(mk, several):
    rows = listed(mk)
    assert names(rows, several) == ["very late", "late", "theirs", "soon", "later", "undated"]
    assert [row["overdue"] for row in rows] == [True, True, False, False, False, False]
    for row in rows:
        for key in (
            "id", "text", "owner", "due", "status", "mentor", "meeting", "goal", "created", "done",
        ):  # fmt: skip
            assert key in row, key
    late = rows[1]
    assert (late["text"], late["due"], late["goal"]) == ("Late one", day(-3).isoformat(), "k7aw2")


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (["--mine"], ["very late", "late", "soon", "later", "undated"]),
        (["--mentor", "rivera"], ["theirs", "soon"]),
        (["--mentor", "mensah"], ["very late"]),
        (["--goal", "k7a"], ["late"]),
        (["--overdue"], ["very late", "late"]),
        (["--mine", "--mentor", "rivera"], ["soon"]),
        (["--all", "--mentor", "rivera"], ["theirs", "soon", "done", "dropped"]),
        (
            ["--all"],
            ["very late", "late", "theirs", "soon", "later", "undated", "done", "dropped"],
        ),
    ],
)
def test_actions_filters(mk, several, flags, expected):
    assert names(listed(mk, *flags), several) == expected


def test_actions_table_for_people(mk, several):
    result = mk("actions")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    [late] = [line for line in lines if "Very late" in line]
    assert "9d overdue" in late and several["very late"] in late
    [theirs] = [line for line in lines if "Their intro" in line]
    assert "mentor" in theirs and "Dr. Ana Rivera" in theirs
    assert "Already done" not in result.stdout
    everything = mk("actions", "--all").stdout
    assert f"done {TODAY.isoformat()}" in everything
    assert "dropped" in everything


def test_actions_on_an_empty_store_or_with_nothing_open(mk, store):
    empty = mk("actions")
    assert empty.exit_code == 0
    assert "No action items yet" in empty.stderr
    assert listed(mk) == []
    saved = add(mk, "Only one")
    assert mk("done", saved["id"]).exit_code == 0
    closed = mk("actions")
    assert closed.exit_code == 0
    assert "--all" in closed.stderr
    assert listed(mk) == []
    assert mk("actions", "--overdue").stderr.startswith("No action items match")


def test_actions_with_an_unknown_mentor_or_goal_is_an_error(mk, mentors):
    assert mk("actions", "--mentor", "Nobody Known").exit_code == 1
    assert mk("actions", "--goal", "nope").exit_code == 1


# -- done -------------------------------------------------------------------------------------


def test_done_closes_several_at_once_by_id_or_prefix(mk, store):
    first = add(mk, "First", "--due", day(3).isoformat())["id"]
    second = add(mk, "Second")["id"]
    third = add(mk, "Third")["id"]
    result = mk("done", first, second[:4].upper())
    assert result.exit_code == 0, result.stderr
    assert f"Done {first}: First" in result.stdout
    assert f"Done {second}: Second" in result.stdout
    for action_id in (first, second):
        data = read_action(store, action_id)
        assert (data["status"], data["done"]) == ("done", TODAY)
    assert read_action(store, third)["status"] == "open"
    assert "done" not in read_action(store, third)


def test_action_done_is_done_too(mk, store):
    added = add(mk, "First")["id"]
    result = mk("action", "done", added)
    assert (result.exit_code, result.stdout) == (0, f"Done {added}: First\n")
    assert read_action(store, added)["status"] == "done"


def test_done_with_a_date_and_json(mk, store):
    late = add(mk, "Late", "--due", day(-5).isoformat())["id"]
    result = mk("done", late, "--date", "yesterday", "--json")
    assert result.exit_code == 0, result.stderr
    [row] = result.json()
    assert (row["id"], row["status"], row["done"]) == (late, "done", day(-1).isoformat())
    assert row["overdue"] is False
    assert read_action(store, late)["done"] == day(-1)
    human = mk("done", add(mk, "Also late", "--due", day(-2).isoformat())["id"])
    assert "(late)" in human.stdout


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["zzzzz"], 1, "No action matches"),
        (["DUPLICATE"], 2, "named twice"),
        (["--date", "tomorrow"], 2, "in the future"),
        (["--date", "the other day"], 2, "Could not understand"),
    ],
)
def test_done_changes_nothing_when_any_id_is_wrong(mk, store, extra, code, message):
    first = add(mk, "First")["id"]
    second = add(mk, "Second")["id"]
    closed = add(mk, "Closed")["id"]
    assert mk("done", closed).exit_code == 0
    extra = [{"DUPLICATE": first, "DONE": closed}.get(arg, arg) for arg in extra]
    before = snapshot(store)
    result = mk("done", first, second, *extra)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert snapshot(store) == before


def test_done_with_an_ambiguous_prefix_changes_nothing(mk, store):
    first = add(mk, "First")["id"]
    second = add(mk, "Second")["id"]
    actions = store / "actions"
    (actions / f"{first}.toml").rename(actions / "k7aaa.toml")
    (actions / f"{second}.toml").rename(actions / "k7abb.toml")
    before = snapshot(store)
    result = mk("done", "k7a")
    assert result.exit_code == 1
    assert "ambiguous" in result.stderr
    assert snapshot(store) == before
    assert mk("done", "k7ab").exit_code == 0
    assert read_action(store, "k7abb")["status"] == "done"
    assert read_action(store, "k7aaa")["status"] == "open"


# -- action drop ----------------------------------------------------------------------------------


def test_drop_keeps_the_action_marked_dropped_with_its_reason(mk, store):
    saved = add(mk, "Present at the spring meeting")["id"]
    result = mk("action", "drop", saved, "--reason", "The meeting was cancelled", "--no-input")
    assert result.exit_code == 0, result.stderr
    assert f"Dropped {saved}" in result.stdout
    data = read_action(store, saved)
    assert data["status"] == "dropped"
    assert data["dropped"] == TODAY
    assert data["reason"] == "The meeting was cancelled"
    assert data["text"] == "Present at the spring meeting"
    assert listed(mk) == []
    [row] = listed(mk, "--all")
    assert (row["status"], row["reason"]) == ("dropped", "The meeting was cancelled")


def test_drop_without_a_reason_and_with_json(mk, store):
    saved = add(mk, "Something")["id"]
    result = mk("action", "drop", saved, "--no-input", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["status"] == "dropped"
    assert "reason" not in read_action(store, saved)


def test_a_closed_or_unknown_action_cannot_be_dropped(mk, store):
    dropped = add(mk, "Dropped")["id"]
    done = add(mk, "Done")["id"]
    assert mk("action", "drop", dropped, "--no-input").exit_code == 0
    assert mk("done", done).exit_code == 0
    before = snapshot(store)
    for action_id, message in ((dropped, "already dropped"), (done, "already done")):
        result = mk("action", "drop", action_id, "--reason", "again", "--no-input")
        assert result.exit_code == 1
        assert message in result.stderr
    unknown = mk("action", "drop", "zzzzz", "--no-input")
    assert unknown.exit_code == 1
    assert snapshot(store) == before


# -- action edit --------------------------------------------------------------------------------


def test_edit_saves_a_valid_change_and_keeps_comments(mk, store, tmp_path):
    saved = add(mk, "Send draft", "--due", day(4).isoformat())["id"]
    path = store / "actions" / f"{saved}.toml"
    path.write_text("# from the lab meeting\n" + path.read_text())
    env = editor(tmp_path, "path.write_text(text.replace('Send draft', 'Send the final draft'))")
    result = mk("action", "edit", saved[:3], env=env)
    assert result.exit_code == 0, result.stderr
    assert "Saved" in result.stdout
    text = path.read_text()
    assert text.startswith("# from the lab meeting\n")
    assert tomllib.loads(text)["text"] == "Send the final draft"
    assert not list((store / ".drafts").iterdir())


def test_edit_without_a_change(mk, store, tmp_path):
    saved = add(mk, "Send draft")["id"]
    before = snapshot(store)
    result = mk("action", "edit", saved, env=editor(tmp_path, "pass"))
    assert result.exit_code == 0
    assert "No changes" in result.stdout
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("path.write_text(text.replace('due = ', 'due = = '))", "not valid TOML"),
        ("path.write_text(text.replace('\"open\"', '\"finished\"'))", "status"),
        ("path.write_text(text.replace('text = ', 'words = '))", "text"),
    ],
    ids=["invalid TOML", "invalid status", "missing text"],
)
def test_a_bad_edit_is_not_saved_and_is_kept_as_a_draft(mk, store, tmp_path, code, problem):
    saved = add(mk, "Send draft", "--due", day(4).isoformat())["id"]
    path = store / "actions" / f"{saved}.toml"
    before = path.read_bytes()
    result = mk("action", "edit", saved, env=editor(tmp_path, code))
    assert result.exit_code == 1
    assert problem in result.stderr
    assert f".drafts/actions-{saved}.toml:" in result.stderr
    assert path.read_bytes() == before
    assert (store / ".drafts" / f"actions-{saved}.toml").is_file()
    # Fixing it in the resumed draft saves it.
    fix = editor(tmp_path, f"path.write_text({path.read_text()!r}.replace('Send', 'Post'))")
    resumed = mk("action", "edit", saved, env=fix)
    assert resumed.exit_code == 0, resumed.stderr
    assert "Resuming" in resumed.stderr
    assert read_action(store, saved)["text"] == "Post draft"


def test_edit_an_unknown_action(mk, store):
    result = mk("action", "edit", "zzzzz", env={"EDITOR": "true"})
    assert result.exit_code == 1
    assert "No action matches" in result.stderr


def test_done_leaves_an_action_already_done_as_it_was(mk, store):
    closed = add(mk, "Closed")["id"]
    assert mk("done", closed, "--date", "yesterday").exit_code == 0
    before = snapshot(store)
    result = mk("done", closed)
    assert result.exit_code == 0, result.stderr
    assert "already done" in result.stderr
    assert snapshot(store) == before


def test_done_closes_a_dropped_action_done_after_all(mk, store):
    dropped = add(mk, "Maybe not")["id"]
    assert mk("action", "drop", dropped, "--reason", "no time", "--no-input").exit_code == 0
    result = mk("done", dropped, "--json")
    assert result.exit_code == 0, result.stderr
    [data] = result.json()
    assert data["status"] == "done"
    assert data["reason"] is None
