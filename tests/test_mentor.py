"""`mk mentor add|list|show|edit|end` through the real CLI on a temporary store."""

from __future__ import annotations

import datetime as dt
import re
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import add_mentor, snapshot

TODAY = dt.date.today()


def read_mentor(store: Path, slug: str) -> dict:
    return tomllib.loads((store / "mentors" / f"{slug}.toml").read_text())


def test_add_with_flags_writes_one_file_and_prints_the_slug(mk, store):
    result = mk(
        "mentor", "add", "Dr. Ana Rivera", "--role", "research", "--role", "career",
        "--group", "work-project", "--internal", "--cadence", "monthly",
        "--email", "ana@example.edu", "--channel", "email", "--style", "introvert",
        "--phase", "mid", "--no-input",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "ana-rivera" in result.stdout
    data = read_mentor(store, "ana-rivera")
    assert data == {
        "name": "Dr. Ana Rivera",
        "email": "ana@example.edu",
        "roles": ["research", "career"],
        "group": "work-project",
        "internal": True,
        "cadence": "monthly",
        "channel": "email",
        "style": "introvert",
        "phase": "mid",
        "status": "active",
        "added": TODAY,
        "contacts": [],
    }


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Dr. Ana Rivera", "ana-rivera"),
        ("Prof. Kwame Mensah, PhD", "kwame-mensah"),
        ("José Núñez-García", "jose-nunez-garcia"),
        ("  Li   Wei ", "li-wei"),
        ("O'Brien", "o-brien"),
        ("王伟", "王伟"),
    ],
)
def test_slug_is_derived_from_the_name(mk, store, name, slug):
    assert add_mentor(mk, name)["slug"] == slug
    assert (store / "mentors" / f"{slug}.toml").is_file()


def test_last_contact_is_parsed_echoed_and_stored(mk, store):
    result = mk("mentor", "add", "Bo Chen", "--last-contact", "2 weeks ago", "--no-input")
    assert result.exit_code == 0, result.stderr
    expected = TODAY - dt.timedelta(days=14)
    assert "last contact:" in result.stderr and str(expected.day) in result.stderr
    assert read_mentor(store, "bo-chen")["last_contact"] == expected


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--cadence", "sometimes"], "not a cadence"),
        (["--last-contact", "the other day"], "Could not understand"),
        (["--last-contact", "2026-02-30"], "impossible"),
        (["--last-contact", "in 3 days"], "in the future"),
        (["--last-contact", "2026-12-03T14:30+25:00"], "impossible"),
        (["--email", "not-an-email"], "email"),
        (["--group", "family"], "family"),
    ],
)
def test_bad_input_is_a_usage_error_and_writes_nothing(mk, store, flags, message):
    before = snapshot(store)
    result = mk("mentor", "add", "Ana Rivera", "--no-input", *flags)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(store) == before


def test_missing_name_under_no_input_is_a_usage_error(mk, store):
    result = mk("mentor", "add", "--no-input")
    assert result.exit_code == 2
    assert "NAME" in result.stderr


def test_a_nearly_matching_name_is_refused_without_force(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    before = snapshot(store)
    for near in ("Ana Rivera", "Dr Ana Riviera", "A. Rivera"):
        result = mk("mentor", "add", near, "--no-input")
        assert result.exit_code == 1, near
        assert "similar name" in result.stderr and "ana-rivera" in result.stderr
    assert snapshot(store) == before
    assert add_mentor(mk, "Ana Rivera", "--force")["slug"] == "ana-rivera-2"


def test_a_different_person_is_not_a_near_match(mk, store):
    add_mentor(mk, "Ana Rivera")
    assert add_mentor(mk, "Bo Chen")["slug"] == "bo-chen"


def test_list_json_has_the_documented_fields(mk, store):
    add_mentor(mk, "Ana Rivera", "--role", "research", "--cadence", "monthly")
    add_mentor(mk, "Bo Chen", "--status", "prospective", "--group", "informal-life")
    listed = mk("mentor", "list", "--json")
    assert listed.exit_code == 0
    rows = {row["slug"]: row for row in listed.json()}
    assert set(rows) == {"ana-rivera", "bo-chen"}
    ana = rows["ana-rivera"]
    for key in ("slug", "name", "roles", "group", "cadence", "status", "last_contact"):
        assert key in ana
    assert ana["roles"] == ["research"]
    assert ana["last_contact"] == TODAY.isoformat()
    assert rows["bo-chen"]["group"] == "informal-life"
    only = mk("mentor", "list", "--json", "--status", "prospective").json()
    assert [row["slug"] for row in only] == ["bo-chen"]


def test_list_on_an_empty_store(mk, store):
    assert mk("mentor", "list", "--json").json() == []
    result = mk("mentor", "list")
    assert result.exit_code == 0
    assert "No mentors yet" in result.stderr


def test_list_table_shows_overdue_mentors(mk, store):
    add_mentor(mk, "Bo Chen", "--cadence", "weekly", "--last-contact", "30 days ago")
    result = mk("mentor", "list")
    assert "bo-chen" in result.stdout
    assert "23d overdue" in result.stdout


def test_list_shows_the_last_contact_of_a_concluded_mentor_too(mk, store):
    add_mentor(mk, "Tom Baker", "--last-contact", "3 days ago")
    assert mk("mentor", "end", "baker", "--no-input").exit_code == 0
    [row] = [line for line in mk("mentor", "list").stdout.splitlines() if "tom-baker" in line]
    assert row.split()[-3:] == ["concluded", "3d", "ago"]


def test_show_by_slug_prefix_or_name_word(mk, store):
    add_mentor(mk, "Dr. Ana Rivera", "--role", "research")
    for query in ("ana-rivera", "rivera", "riv", "Ana", "ANA RIVERA"):
        result = mk("mentor", "show", query, "--json")
        assert result.exit_code == 0, query
        assert result.json()["slug"] == "ana-rivera"
    human = mk("mentor", "show", "rivera")
    assert "Dr. Ana Rivera" in human.stdout and "research" in human.stdout


def test_an_ambiguous_prefix_lists_the_candidates(mk, store):
    add_mentor(mk, "Ana Rivera")
    add_mentor(mk, "Anand Patel")
    result = mk("mentor", "show", "an")
    assert result.exit_code == 1
    assert "ambiguous" in result.stderr
    assert "ana-rivera" in result.stderr and "anand-patel" in result.stderr


def test_an_exact_slug_beats_a_longer_prefix_match(mk, store):
    add_mentor(mk, "Ana")
    add_mentor(mk, "Ana Rivera")
    assert mk("mentor", "show", "ana", "--json").json()["slug"] == "ana"


def test_an_unknown_mentor_is_a_domain_error(mk, store):
    result = mk("mentor", "show", "nobody")
    assert result.exit_code == 1
    assert "No mentor matches 'nobody'" in result.stderr


def test_end_records_the_conclusion_and_drafts_a_thank_you(mk, store):
    add_mentor(mk, "Dr. Helen Park", "--role", "advisor")
    result = mk(
        "mentor", "end", "park", "--no-input", "--date", "yesterday",
        "--reason", "Residency ended", "--achieved", "choosing a fellowship",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Dear Dr. Park," in result.stdout
    assert "choosing a fellowship" in result.stdout
    assert "Sam Okafor" in result.stdout
    data = read_mentor(store, "helen-park")
    assert data["status"] == "concluded"
    assert data["conclusion"] == {
        "date": TODAY - dt.timedelta(days=1),
        "reason": "Residency ended",
        "achieved": "choosing a fellowship",
    }
    again = mk("mentor", "end", "park", "--no-input")
    assert again.exit_code == 1
    assert "already concluded" in again.stderr


def test_end_uses_the_store_template_override(mk, store):
    add_mentor(mk, "Dr. Helen Park")
    (store / "templates").mkdir()
    (store / "templates" / "thank-you.md").write_text("Cheers $mentor_name, from $my_name\n")
    result = mk("mentor", "end", "park", "--no-input", "--json")
    assert result.json()["thank_you_note"] == "Cheers Dr. Helen Park, from Sam Okafor\n"
    assert result.json()["status"] == "concluded"


def test_end_with_a_bad_date_writes_nothing(mk, store):
    add_mentor(mk, "Dr. Helen Park")
    before = snapshot(store)
    result = mk("mentor", "end", "park", "--no-input", "--date", "someday soon")
    assert result.exit_code == 2
    assert snapshot(store) == before


# -- edit -----------------------------------------------------------------------------------


def editor(tmp_path: Path, code: str) -> dict[str, str]:
    """An $EDITOR that runs `code` with the draft's path in `path`."""
    script = tmp_path / "editor.py"
    script.write_text(
        f"import sys, pathlib\npath = pathlib.Path(sys.argv[1])\ntext = path.read_text()\n{code}\n"
    )
    return {"EDITOR": f"{sys.executable} {script}"}


def test_edit_saves_a_valid_change_and_keeps_comments(mk, store, tmp_path):
    add_mentor(mk, "Ana Rivera", "--cadence", "monthly")
    path = store / "mentors" / "ana-rivera.toml"
    path.write_text("# my note\n" + path.read_text())
    env = editor(tmp_path, "path.write_text(text.replace('monthly', 'quarterly'))")
    result = mk("mentor", "edit", "rivera", env=env)
    assert result.exit_code == 0, result.stderr
    assert "Saved" in result.stdout
    assert path.read_text().startswith("# my note\n")
    assert read_mentor(store, "ana-rivera")["cadence"] == "quarterly"
    assert not list((store / ".drafts").iterdir())


def test_edit_without_changes_says_so(mk, store, tmp_path):
    add_mentor(mk, "Ana Rivera")
    result = mk("mentor", "edit", "rivera", env=editor(tmp_path, "pass"))
    assert result.exit_code == 0
    assert "No changes" in result.stdout


def test_a_bad_edit_keeps_the_old_file_and_the_draft(mk, store, tmp_path):
    add_mentor(mk, "Ana Rivera", "--cadence", "monthly")
    path = store / "mentors" / "ana-rivera.toml"
    before = path.read_bytes()
    env = editor(tmp_path, "path.write_text(text.replace('monthly', 'sometimes'))")
    result = mk("mentor", "edit", "rivera", env=env)
    assert result.exit_code == 1
    assert "cadence" in result.stderr
    assert ".drafts/mentors-ana-rivera.toml:" in result.stderr  # the line is the draft's
    assert path.read_bytes() == before
    draft = store / ".drafts" / "mentors-ana-rivera.toml"
    assert "sometimes" in draft.read_text()
    # The next edit resumes the draft, so the user's work is not lost; fixing it saves it.
    fix = editor(tmp_path, "path.write_text(text.replace('sometimes', 'yearly'))")
    resumed = mk("mentor", "edit", "rivera", env=fix)
    assert resumed.exit_code == 0, resumed.stderr
    assert "Resuming" in resumed.stderr
    assert read_mentor(store, "ana-rivera")["cadence"] == "yearly"
    assert not draft.exists()


def test_edit_does_not_overwrite_a_file_changed_meanwhile(mk, store, tmp_path):
    add_mentor(mk, "Ana Rivera", "--cadence", "monthly")
    path = store / "mentors" / "ana-rivera.toml"
    code = (
        f"pathlib.Path({str(path)!r}).write_text(text.replace('monthly', 'weekly'))\n"
        "path.write_text(text.replace('monthly', 'yearly'))"
    )
    result = mk("mentor", "edit", "rivera", env=editor(tmp_path, code))
    assert result.exit_code == 1
    assert "changed while you were editing" in result.stderr
    assert read_mentor(store, "ana-rivera")["cadence"] == "weekly"
    assert "yearly" in (store / ".drafts" / "mentors-ana-rivera.toml").read_text()


def test_a_failing_editor_keeps_the_draft(mk, store, tmp_path):
    add_mentor(mk, "Ana Rivera")
    result = mk("mentor", "edit", "rivera", env=editor(tmp_path, "sys.exit(3)"))
    assert result.exit_code == 1
    assert "status 3" in result.stderr
    missing = mk("mentor", "edit", "rivera", env={"EDITOR": "no-such-editor-here"})
    assert missing.exit_code == 1
    assert "Could not start the editor" in missing.stderr


def test_edit_can_fix_a_broken_file(mk, store, tmp_path):
    add_mentor(mk, "Ana Rivera")
    path = store / "mentors" / "ana-rivera.toml"
    path.write_text(path.read_text().replace('status = "active"', 'status = "retired"'))
    assert mk("mentor", "show", "rivera").exit_code == 1
    env = editor(tmp_path, "path.write_text(text.replace('retired', 'paused'))")
    assert mk("mentor", "edit", "rivera", env=env).exit_code == 0
    assert mk("mentor", "show", "rivera", "--json").json()["status"] == "paused"


def test_a_kept_draft_is_never_applied_over_a_newer_record(mk, store, tmp_path):
    add_mentor(mk, "Li Wei", "--cadence", "monthly")
    bad = editor(tmp_path, "path.write_text(text.replace('monthly', 'sometimes'))")
    assert mk("mentor", "edit", "li", env=bad).exit_code == 1  # the draft is kept
    assert mk("mentor", "end", "li", "--no-input", "--reason", "moved").exit_code == 0
    fix = editor(tmp_path, "path.write_text(text.replace('sometimes', 'yearly'))")
    result = mk("mentor", "edit", "li", env=fix)
    assert result.exit_code == 1
    assert "changed after your unsaved edit" in result.stderr
    data = read_mentor(store, "li-wei")
    assert data["status"] == "concluded" and data["conclusion"]["reason"] == "moved"
    assert (store / ".drafts" / "mentors-li-wei.toml").exists()


def test_discarding_a_bad_edit_is_not_an_error_in_a_terminal(mk, store, tmp_path, monkeypatch):
    from menteekit.prompts import Asker

    add_mentor(mk, "Li Wei", "--cadence", "monthly")
    monkeypatch.setattr(Asker, "choose", lambda self, question, options, **kw: "discard")
    bad = editor(tmp_path, "path.write_text(text.replace('monthly', 'sometimes'))")
    result = mk("mentor", "edit", "li", env=bad)
    assert result.exit_code == 0
    assert "discarded" in result.stdout
    assert read_mentor(store, "li-wei")["cadence"] == "monthly"
    assert not list((store / ".drafts").iterdir())


def test_enter_keeps_a_bad_edit_for_later_in_a_terminal(mk, store, tmp_path, monkeypatch):
    add_mentor(mk, "Li Wei", "--cadence", "monthly")
    monkeypatch.setattr("menteekit.cli._editor.interactive", lambda no_input: True)
    bad = editor(tmp_path, "path.write_text(text.replace('monthly', 'sometimes'))")
    result = mk("mentor", "edit", "li", env=bad, input="\n")
    assert "(edit, discard, later): (later)" in result.stderr
    assert result.exit_code == 0, result.stderr
    assert "your edit is kept in" in result.stdout and "for next time" in result.stdout
    assert read_mentor(store, "li-wei")["cadence"] == "monthly"
    assert (store / ".drafts" / "mentors-li-wei.toml").exists()


@pytest.mark.parametrize(
    "editor_command", ['vim "-c', "no-such-editor-here"], ids=["bad quoting", "missing"]
)
def test_an_unusable_editor_is_a_clear_error(mk, store, editor_command):
    add_mentor(mk, "Li Wei")
    result = mk("mentor", "edit", "li", env={"EDITOR": editor_command})
    assert result.exit_code == 1
    assert "editor" in result.stderr and "Traceback" not in result.stderr


def test_names_with_brackets_are_shown_as_typed(mk, store):
    assert add_mentor(mk, "Ana [/x] Costa", "--role", "life")["name"] == "Ana [/x] Costa"
    assert "Ana [/x] Costa" in mk("mentor", "list").stdout
    assert "Ana [/x] Costa" in mk("board").stdout
    assert "Ana [/x] Costa" in mk("mentor", "show", "costa").stdout
    ended = mk("mentor", "end", "costa", "--no-input", "--achieved", "the [first author] paper")
    assert ended.exit_code == 0, ended.stderr
    assert "the [first author] paper" in ended.stdout
    assert "Concluded Ana [/x] Costa" in ended.stdout


def test_a_broken_template_fails_before_anything_is_written(mk, store):
    add_mentor(mk, "Helen Park")
    (store / "templates").mkdir()
    (store / "templates" / "thank-you.md").write_bytes(b"Dear \xff$mentor_name\n")
    before = snapshot(store)
    result = mk("mentor", "end", "park", "--no-input")
    assert result.exit_code == 1
    assert "thank-you.md" in result.stderr and "UTF-8" in result.stderr
    assert snapshot(store) == before


def test_an_end_date_in_the_future_is_refused(mk, store):
    add_mentor(mk, "Helen Park")
    result = mk("mentor", "end", "park", "--no-input", "--date", "in 2 weeks")
    assert result.exit_code == 2
    assert "in the future" in result.stderr
    assert read_mentor(store, "helen-park")["status"] == "active"


@pytest.mark.parametrize("name", ["Dr.", "  ", "Prof. Dr."])
def test_a_name_without_a_name_is_refused(mk, store, name):
    result = mk("mentor", "add", name, "--no-input")
    assert result.exit_code == 2
    assert not list((store / "mentors").iterdir())


def test_a_very_long_name_gets_a_short_slug(mk, store):
    name = "Ana " + "Maria " * 60 + "Rivera"
    added = add_mentor(mk, name)
    assert len(added["slug"]) <= 60
    assert added["name"] == name


def test_a_hand_named_file_can_be_named_exactly(mk, store):
    (store / "mentors" / "Bob_Smith.toml").write_text('name = "Bob Smith"\nadded = 2025-01-01\n')
    assert mk("mentor", "show", "Bob_Smith", "--json").json()["slug"] == "Bob_Smith"
    assert mk("mentor", "show", "bob", "--json").json()["slug"] == "Bob_Smith"


def test_list_with_a_status_filter_that_matches_nobody(mk, store):
    add_mentor(mk, "Ana Rivera")
    result = mk("mentor", "list", "--status", "concluded")
    assert result.exit_code == 0
    assert "No mentors with status concluded" in result.stderr


def test_home_can_follow_the_mentor_group(mk, tmp_path):
    other = tmp_path / "other"
    assert mk("--home", str(other), "init", "--no-input").exit_code == 0
    assert mk("mentor", "--home", str(other), "add", "Ana Rivera", "--no-input").exit_code == 0
    assert (other / "mentors" / "ana-rivera.toml").is_file()


@pytest.mark.parametrize(
    ("first", "second", "refused"),
    [
        ("Ana Rivera", "Rivera, Ana", True),
        ("Li Wei", "Wei Li", True),
        ("Dr. Ana Rivera", "A. Rivera", True),
        ("Mark Chen", "Mary Chen", False),
        ("Bob Lee", "Rob Lee", False),
    ],
)
def test_near_names_are_people_not_surnames(mk, store, first, second, refused):
    add_mentor(mk, first)
    result = mk("mentor", "add", second, "--no-input")
    assert (result.exit_code == 1) is refused, result.stderr


@pytest.mark.parametrize(("typed", "stored"), [("3w", "21d"), ("every 10 days", "10d")])
def test_cadence_in_weeks_or_days(mk, store, typed, stored):
    assert add_mentor(mk, "Ana Rivera", "--cadence", typed)["cadence"] == stored


@pytest.mark.parametrize(
    ("typed", "said", "with_article"),
    [
        ("every 6 weeks", "6-week", "a 6-week"),
        ("8w", "8-week", "an 8-week"),
        ("11 days", "11-day", "an 11-day"),
        ("every 1 week", "weekly", "a weekly"),
    ],
)
def test_a_cadence_in_weeks_or_days_is_said_in_words(mk, store, typed, said, with_article):
    """The store keeps "42d"; what the mentee reads says "6-week", with the right article."""
    add_mentor(mk, "Ana Rivera", "--cadence", typed, "--last-contact", "400 days ago")
    row = mk("mentor", "list").stdout.splitlines()[2].split()
    assert row[:4] == ["ana-rivera", "Ana", "Rivera", "-"] and row[4] == said
    shown = mk("mentor", "show", "ana").stdout
    assert re.search(rf"^cadence +{said}$", shown, re.MULTILINE)
    assert f"days past {with_article} cadence" in shown
    board = " ".join(mk("board").stdout.split())
    assert f"keeps {with_article} relationship alive" in board
    assert f"Rivera (ana-rivera): {said}, last contact" in mk("status").stdout


def test_control_characters_in_a_name_are_refused(mk, store):
    result = mk("mentor", "add", "\x1b[31mRed", "--no-input")
    assert result.exit_code == 2
    assert "control character" in result.stderr
    assert not list((store / "mentors").iterdir())


def test_an_empty_home_is_a_usage_error(mk, store):
    assert mk("board", "--home", "").exit_code == 2


def test_a_draft_saved_in_another_encoding_is_not_applied(mk, store, tmp_path):
    add_mentor(mk, "Jose Nunez", "--channel", "email")
    path = store / "mentors" / "jose-nunez.toml"
    before = path.read_bytes()
    latin = editor(tmp_path, "path.write_bytes(text.replace('email', 'café').encode('latin-1'))")
    result = mk("mentor", "edit", "jose", env=latin)
    assert result.exit_code == 1
    assert "UTF-8" in result.stderr and ".drafts/mentors-jose-nunez.toml:" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["mentor", "add", "Cy Tab", "--channel", "a\tb", "--no-input"],
        ["mentor", "add", "Esc Ape", "--email", "x\x1b]0;pwned\x07@b.co", "--no-input"],
        ["mentor", "end", "ana", "--reason", "moved\x1b[2J", "--no-input"],
    ],
    ids=["channel", "email", "reason"],
)
def test_control_characters_in_flags_are_refused_before_anything(mk, store, args):
    add_mentor(mk, "Ana Rivera")
    before = snapshot(store)
    result = mk(*args)
    assert result.exit_code == 2
    assert "control character" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(store) == before


def test_a_bad_init_flag_is_refused_before_any_question(mk, isolated_home):
    result = mk("init", "--time", "4\thours")
    assert result.exit_code == 2
    assert "time_budget" in result.stderr
    assert not isolated_home.exists()
