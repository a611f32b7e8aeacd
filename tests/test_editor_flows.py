"""Editor flows, for every command that opens a record in $EDITOR: whatever the editor does (exits
non-zero, saves an invalid file, empties it, or cannot be started), the record is unchanged,
the draft's path is shown, and the same command reopens the draft; a fixed draft is saved and
removed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import add_action, add_mentor, meeting_file, plan, snapshot

COMMANDS = ["mentor edit", "agenda edit", "action edit", "goal edit", "note edit"]
MARK = "# edited by hand"


def editor(tmp_path: Path, code: str) -> dict[str, str]:
    """An $EDITOR that runs `code` with the draft's path in `path` and its text in `text`."""
    script = tmp_path / f"editor-{abs(hash(code))}.py"
    script.write_text(
        "import sys, pathlib\npath = pathlib.Path(sys.argv[1])\n"
        f"text = path.read_text(encoding='utf-8')\n{code}\n",
        encoding="utf-8",
    )
    return {"EDITOR": f"{sys.executable} {script}"}


@pytest.fixture
def records(mk, store) -> dict[str, tuple[str, Path]]:
    """For each edit command: the record to edit and its file."""
    add_mentor(mk, "Ana Rivera")
    meeting = plan(mk, "ana", "--date", "in 3 days", "--item", "Ask about the grant")["id"]
    action = add_action(mk, "Draft the aims page")
    goal = mk("goal", "add", "Submit the K award", "--no-input", "--json").json()["id"]
    note = mk("note", "add", "ana", "Ask about sabbaticals", "--json").json()["id"]
    return {
        "mentor edit": ("ana-rivera", store / "mentors" / "ana-rivera.toml"),
        "agenda edit": (meeting, meeting_file(store, meeting)),
        "action edit": (action, store / "actions" / f"{action}.toml"),
        "goal edit": (goal, store / "goals" / f"{goal}.toml"),
        "note edit": (note, store / "notes" / f"{note}.md"),
    }


def drafts(store: Path) -> list[Path]:
    folder = store / ".drafts"
    return sorted(folder.iterdir()) if folder.is_dir() else []


FAILURES = {
    # A change made, then a non-zero exit (the editor crashed, or :cq in vim).
    "exits non-zero": f"path.write_text(text + '{MARK}\\n'); sys.exit(3)",
    # The junk goes on line 2: inside the TOML front matter of a meeting or a note too.
    "saves an invalid file": (
        f"path.write_text(text.replace('\\n', '\\n= not toml\\n', 1) + '{MARK}\\n')"
    ),
    "empties the file": "path.write_text('')",
}


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_failed_edit_loses_nothing_and_can_be_reopened(
    mk, store, records, tmp_path, command, failure
):
    record_id, path = records[command]
    before = path.read_bytes()
    result = mk(*command.split(), record_id, env=editor(tmp_path, FAILURES[failure]))
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    [draft, base] = drafts(store)
    assert base.name == draft.name + ".base"
    assert str(draft) in result.stderr  # where the edit is kept
    if failure != "empties the file":
        assert MARK in draft.read_text(encoding="utf-8")  # what was typed is not lost

    # The same command reopens the draft (not the record): fix it and it is saved.
    fix = (
        "path.write_text(text.replace('= not toml\\n', ''))"
        if failure != "empties the file"
        else f"path.write_text(pathlib.Path({str(base)!r}).read_text() + '{MARK}\\n')"
    )
    again = mk(*command.split(), record_id, env=editor(tmp_path, fix))
    assert again.exit_code == 0, again.stderr
    assert "Resuming" in again.stderr
    assert path.read_text(encoding="utf-8") == before.decode() + f"{MARK}\n"
    assert drafts(store) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_editor_loses_nothing(mk, store, records, command):
    record_id, path = records[command]
    before = path.read_bytes()
    result = mk(*command.split(), record_id, env={"EDITOR": "no-such-editor-for-mk-tests"})
    assert result.exit_code == 1
    assert "Could not start the editor" in result.stderr
    assert "$EDITOR" in result.stderr
    assert path.read_bytes() == before
    assert drafts(store) == []  # nothing was edited: no draft to resume or clean up


@pytest.mark.parametrize("command", COMMANDS)
def test_a_saved_edit_leaves_no_draft(mk, store, records, tmp_path, command):
    record_id, path = records[command]
    before = path.read_text(encoding="utf-8")
    result = mk(
        *command.split(), record_id, env=editor(tmp_path, f"path.write_text(text + '{MARK}\\n')")
    )
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == before + f"{MARK}\n"
    assert drafts(store) == []


# -- new text written in the editor: `mk log --edit` and `mk note add` without text ------------


@pytest.fixture(autouse=True)
def notes_at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """`mk note` opens the editor only at a terminal; these tests are its terminal."""
    monkeypatch.setattr("menteekit.cli.notes.interactive", lambda no_input: not no_input)


COMPOSING = {
    "log --edit": (["log", "{meeting}", "--edit"], "meeting"),
    "note add": (["note", "add", "ana"], "note"),
}


@pytest.fixture
def meeting(mk, store) -> str:
    add_mentor(mk, "Ana Rivera")
    return plan(mk, "ana", "--date", "in 3 days", "--item", "Ask about the grant")["id"]


def written(store: Path, what: str, meeting: str) -> str:
    if what == "meeting":
        return meeting_file(store, meeting).read_text(encoding="utf-8")
    return "".join(p.read_text(encoding="utf-8") for p in (store / "notes").glob("*.md"))


@pytest.mark.parametrize("flow", COMPOSING)
def test_composed_text_survives_a_failed_editor_and_is_resumed(mk, store, meeting, tmp_path, flow):
    argv, what = COMPOSING[flow]
    argv = [a.format(meeting=meeting) for a in argv]
    before = snapshot(store)
    typed = "She suggested the R21 first."
    failed = mk(*argv, env=editor(tmp_path, f"path.write_text(text + {typed!r}); sys.exit(1)"))
    assert failed.exit_code == 1
    [draft, _base] = drafts(store)
    assert str(draft) in failed.stderr
    assert typed in draft.read_text(encoding="utf-8")
    assert {k: v for k, v in snapshot(store).items() if not k.startswith(".drafts")} == before

    resumed = mk(*argv, env=editor(tmp_path, "pass"))  # the editor saves as it is
    assert resumed.exit_code == 0, resumed.stderr
    assert "Resuming" in resumed.stderr
    assert typed in written(store, what, meeting)
    assert drafts(store) == []


@pytest.mark.parametrize("flow", COMPOSING)
def test_composing_with_a_missing_editor_loses_nothing(mk, store, meeting, flow):
    argv, _ = COMPOSING[flow]
    before = snapshot(store)
    result = mk(*[a.format(meeting=meeting) for a in argv], env={"EDITOR": "no-such-editor-here"})
    assert result.exit_code == 1
    assert "Could not start the editor" in result.stderr
    assert snapshot(store) == before


def test_a_meeting_with_an_edit_kept_is_not_refiled_under_another_name(mk, store, tmp_path):
    """Its kept edit is named after its file: a new date leaves the file where it is, so the
    same `mk agenda edit` still resumes the edit."""
    add_mentor(mk, "Ana Rivera")
    meeting = plan(mk, "ana", "--item", "Ask about the grant")["id"]  # no date yet
    path = meeting_file(store, meeting)
    failed = mk("agenda", "edit", meeting, env=editor(tmp_path, FAILURES["exits non-zero"]))
    assert failed.exit_code == 1
    dated = mk("agenda", "new", "ana", "--date", "in 5 days", "--no-input")
    assert dated.exit_code == 0, dated.stderr
    assert meeting_file(store, meeting) == path  # not renamed while its edit is kept
    [draft, _] = drafts(store)
    again = mk("agenda", "edit", meeting, env=editor(tmp_path, "pass"))
    # Found again: the meeting changed since, so the edit is not applied over it, but shown.
    assert str(draft) in again.stderr and "changed" in again.stderr, again.stderr


def test_a_note_written_in_the_editor_names_the_mentor_it_is_for(mk, store, tmp_path, monkeypatch):
    monkeypatch.setattr("menteekit.cli.notes.interactive", lambda no_input: not no_input)
    add_mentor(mk, "Dr. Ana Rivera")
    seen = tmp_path / "seen.txt"
    code = f"pathlib.Path({str(seen)!r}).write_text(text); path.write_text(text + 'Ask it\\n')"
    result = mk("note", "rivera", env=editor(tmp_path, code))
    assert result.exit_code == 0, result.stderr
    assert "for your next meeting with Dr. Ana Rivera." in seen.read_text()


def test_doctor_says_which_command_resumes_each_kept_edit(mk, store, records, tmp_path):
    record_id, _ = records["goal edit"]
    assert mk("goal", "edit", record_id, env=editor(tmp_path, "sys.exit(3)")).exit_code == 1
    (store / ".drafts" / "note-ana-rivera.md").write_text("Ask about the K99\n")
    warnings = " ".join(mk("doctor", "--json").json()["warnings"])
    assert "note-ana-rivera.md: an unsaved edit kept for later; `mk note` for the same" in warnings
    assert "an unsaved edit kept for later; the same edit command resumes it" in warnings
