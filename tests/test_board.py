"""`mk board` and `mk demo`: roles and gaps, the relationship map, balance, who is overdue."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import add_mentor, snapshot

ROLES = ["research", "clinical", "teaching", "career", "leadership", "life", "sponsor", "advisor",
         "coach"]  # fmt: skip


def test_board_on_a_new_store_shows_every_role_as_a_gap(mk, store):
    data = mk("board", "--json").json()
    assert list(data["roles"]) == ROLES
    assert data["gaps"] == ROLES
    assert data["overdue"] == []
    assert data["suggestions"][0]["topic"] == "start"
    text = mk("board")
    assert text.exit_code == 0
    assert text.stdout.count("gap") >= 9


def test_board_json_fills_roles_groups_and_overdue(mk, store):
    add_mentor(mk, "Ana Rivera", "--role", "research", "--role", "career", "--group",
               "work-project", "--internal", "--cadence", "monthly")  # fmt: skip
    add_mentor(mk, "Li Wei", "--role", "clinical", "--group", "work-project", "--internal",
               "--cadence", "biweekly", "--last-contact", "40 days ago")  # fmt: skip
    add_mentor(mk, "Priya Natarajan", "--role", "life", "--peer", "--group", "informal-life",
               "--external", "--cadence", "monthly", "--last-contact", "10 days ago")  # fmt: skip
    add_mentor(mk, "Tomas Herrera", "--role", "teaching", "--status", "prospective")
    add_mentor(mk, "Helen Park", "--role", "advisor", "--status", "concluded")
    data = mk("board", "--json").json()
    assert data["roles"]["research"] == ["ana-rivera"]
    assert data["roles"]["career"] == ["ana-rivera"]
    assert data["roles"]["clinical"] == ["li-wei"]
    assert data["roles"]["teaching"] == []  # prospective mentors do not fill a seat
    assert data["roles"]["advisor"] == []  # nor do concluded ones
    assert data["gaps"] == ["teaching", "leadership", "sponsor", "advisor", "coach"]
    assert data["groups"]["work-project"] == ["ana-rivera", "li-wei"]
    assert data["groups"]["informal-life"] == ["priya-natarajan"]
    assert data["groups"]["formal-career"] == []
    assert data["overdue"] == [
        {
            "slug": "li-wei",
            "name": "Li Wei",
            "cadence": "biweekly",
            "last_contact": data["overdue"][0]["last_contact"],
            "days_since": 40,
            "days_overdue": 26,
            "keep_in_touch": False,
        }
    ]
    assert sorted(data["internal"]) == ["ana-rivera", "li-wei"]
    assert data["external"] == ["priya-natarajan"]
    assert data["peers"] == ["priya-natarajan"]
    teaching = next(s for s in data["suggestions"] if s["topic"] == "teaching")
    assert "Tomas Herrera" in teaching["text"]
    assert any(s["topic"] == "contact" and "Li Wei" in s["text"] for s in data["suggestions"])


def test_board_text_names_gaps_overdue_and_where_to_look(mk, store):
    add_mentor(mk, "Li Wei", "--role", "clinical", "--cadence", "weekly", "--last-contact",
               "30 days ago")  # fmt: skip
    result = mk("board")
    assert result.exit_code == 0
    assert "Li Wei (li-wei): weekly, last contact 30 days ago (23 days overdue)" in result.stdout
    assert "Where to look next" in result.stdout
    assert "\x1b[" not in result.stdout  # plain when not a terminal


def test_a_hint_about_many_mentors_names_a_few_and_counts_the_rest(mk, store):
    names = [f"Mentor {letter}" for letter in "ABCDEFGH"]
    for name in names:
        add_mentor(mk, name)
    hints = {hint["topic"]: hint["text"] for hint in mk("board", "--json").json()["suggestions"]}
    assert "with Mentor A, Mentor B, Mentor C, Mentor D, Mentor E and 3 more:" in hints["agreement"]
    assert "with Mentor A, Mentor B, Mentor C, Mentor D, Mentor E and 3 more," in hints["cadence"]
    relationships = mk("board").stdout.split("Relationships")[1]
    assert all(name in relationships for name in names)  # each one is still on the board


def test_the_goals_on_the_board_are_in_the_order_mk_goals_lists_them(mk, store):
    statements = ["Lead a research programme", "Publish the outcomes study", "Submit the K award"]
    for statement, horizon, due in zip(
        statements,
        ("long", "short", "short"),
        ("2031-01-01", "2027-09-01", "2027-03-01"),
        strict=True,
    ):
        made = mk("goal", "add", statement, "--horizon", horizon, "--due", due, "--no-input")
        assert made.exit_code == 0, made.stderr
    listed = [goal["statement"] for goal in mk("goals", "--json").json()]
    assert listed == [statements[2], statements[1], statements[0]]
    assert mk("board", "--json").json()["goals"] == listed


def test_every_n_days_cadence(mk, store):
    add_mentor(mk, "Bo Chen", "--cadence", "45d", "--last-contact", "50 days ago")
    [late] = mk("board", "--json").json()["overdue"]
    assert late["days_overdue"] == 5


def test_a_broken_mentor_file_is_named_and_the_board_still_shows_the_rest(mk, store):
    add_mentor(mk, "Ana Rivera", "--role", "research")
    add_mentor(mk, "Bo Chen", "--role", "career")
    broken = store / "mentors" / "bo-chen.toml"
    lines = broken.read_text().splitlines()
    lines[1] = 'roles = ["career"'  # unterminated array
    broken.write_text("\n".join(lines) + "\n")
    before = snapshot(store)
    result = mk("board")
    assert result.exit_code == 0
    assert "Ana Rivera" in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1
    assert f"{broken}:" in errors[0]
    assert "Traceback" not in result.stderr
    data = mk("board", "--json").json()
    assert data["roles"]["research"] == ["ana-rivera"]
    [problem] = data["problems"]
    assert problem["path"] == str(broken) and problem["line"] >= 2
    assert snapshot(store) == before


def test_the_count_of_files_left_out_includes_a_broken_goal(mk, store):
    """The board's goals no mentor helps with are worked out without it: it is left out too."""
    add_mentor(mk, "Ana Rivera", "--role", "research")
    goal = mk("goal", "add", "Give three talks", "--no-input", "--json").json()["id"]
    path = store / "goals" / f"{goal}.toml"
    path.write_text(path.read_text().replace("review_days = 30", 'review_days = "thirty"'))
    result = mk("board")
    assert "1 file could not be read and is left out of this board" in result.stdout
    assert [line for line in result.stderr.splitlines() if line.startswith("Error:")] == [
        line for line in result.stderr.splitlines() if f"{path}:" in line
    ]
    assert [p["path"] for p in mk("board", "--json").json()["problems"]] == [str(path)]


def test_conflict_markers_are_reported_as_a_conflict(mk, store):
    add_mentor(mk, "Ana Rivera", "--role", "research")
    path = store / "mentors" / "ana-rivera.toml"
    text = path.read_text()
    path.write_text(
        "<<<<<<< HEAD\n" + text + "=======\n" + text.replace("research", "career") + ">>>>>>> b\n"
    )
    result = mk("board")
    assert result.exit_code == 0
    assert "unresolved git conflict" in result.stderr
    assert f"{path}:1:" in result.stderr
    assert mk("doctor").exit_code == 1


def test_doctor_is_quiet_on_a_clean_store_and_lists_problems(mk, store):
    add_mentor(mk, "Ana Rivera")
    clean = mk("doctor")
    assert clean.exit_code == 0 and "No problems" in clean.stdout
    (store / "mentors" / "zed.toml").write_text('name = "Zed"\nadded = 2026-13-01\n')
    (store / "mentors" / ".ana-rivera.toml.abc.tmp").write_text("half")
    result = mk("doctor")
    assert result.exit_code == 1
    assert "zed.toml:2" in result.stderr
    assert ".ana-rivera.toml.abc.tmp" in result.stderr
    assert mk("mentor", "list", "--json").json()[0]["slug"] == "ana-rivera"


def test_demo_in_a_folder_shows_the_board_and_leaves_a_usable_store(mk, tmp_path, isolated_home):
    home = tmp_path / "demo"
    result = mk("demo", "--home", str(home))
    assert result.exit_code == 0, result.stderr
    assert "Mentoring board of directors" in result.stdout
    assert "Overdue for contact" in result.stdout
    assert not isolated_home.exists()  # MK_HOME, the user's own store, is never touched
    data = mk("--home", str(home), "board", "--json").json()
    assert len(data["overdue"]) == 1
    assert data["gaps"]
    mentors = mk("--home", str(home), "mentor", "list", "--json").json()
    assert len({m["group"] for m in mentors}) == 4
    assert {m["status"] for m in mentors} >= {"active", "prospective", "concluded"}
    again = mk("demo", "--home", str(home))
    assert again.exit_code == 1


def test_demo_without_home_uses_a_new_temporary_folder(mk, isolated_home):
    result = mk("demo")
    assert result.exit_code == 0
    line = next(line for line in result.stdout.splitlines() if "sample store is in" in line)
    folder = Path(line.split(" is in ")[1].strip())
    try:
        assert (folder / "menteekit.toml").is_file()
        assert not isolated_home.exists()
    finally:
        import shutil

        shutil.rmtree(folder)


def test_a_broken_profile_does_not_lock_the_user_out(mk, store):
    add_mentor(mk, "Ana Rivera", "--role", "research")
    config = store / "menteekit.toml"
    config.write_text(config.read_text().replace('values = ["curiosity"]', 'values = "curiosity"'))
    result = mk("board", "--json")
    assert result.exit_code == 0
    assert result.json()["roles"]["research"] == ["ana-rivera"]
    [error] = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert f"{config}:" in error and "me.values" in error
    assert mk("mentor", "list", "--json").exit_code == 0
    doctor = mk("doctor", "--json")
    assert doctor.exit_code == 1
    assert doctor.json()["problems"][0]["path"] == str(config)
    # Only the wrong value is lost: the name still signs a recap and titles the plan.
    assert result.json()["me"] == "Sam Okafor" and result.json()["values"] == []
    assert mk("goal", "plan").stdout.startswith("# Individual development plan: Sam Okafor")


def test_a_typo_that_breaks_the_profiles_toml_does_not_lock_the_user_out(mk, store):
    add_mentor(mk, "Ana Rivera", "--role", "research")
    config = store / "menteekit.toml"
    config.write_text(config.read_text().replace('values = ["curiosity"]', "values = curiosity"))
    line = config.read_text().splitlines().index("values = curiosity") + 1
    for command in (["board"], ["status"], ["actions"], ["goal", "add", "Write", "--no-input"]):
        result = mk(*command)
        assert result.exit_code == 0, (command, result.stderr)
        assert f"{config}:{line}: not valid TOML" in result.stderr
    assert "ana-rivera" in mk("board", "--json").stdout
    assert mk("status", "--short").stdout.endswith("broken:1\n")


def test_doctor_reads_a_profile_broken_by_a_typo_and_reports_the_rest(mk, store):
    add_mentor(mk, "Ana Rivera")
    config = store / "menteekit.toml"
    config.write_text(config.read_text().replace('values = ["curiosity"]', "values = curiosity"))
    mentor = store / "mentors" / "ana-rivera.toml"
    mentor.write_text(mentor.read_text() + 'cadance = "monthly"\n')
    result = mk("doctor", "--json")
    assert result.exit_code == 1
    report = result.json()
    assert [p["path"] for p in report["problems"]] == [str(config)]
    assert "cadance" in " ".join(report["warnings"])


def test_a_typo_in_another_top_level_key_does_not_hide_the_schema(mk, store):
    config = store / "menteekit.toml"
    config.write_text(
        config.read_text().replace("reflection_minutes = 30", "reflection_minutes = thirty")
    )
    result = mk("status")
    assert result.exit_code == 0 and "menteekit.toml:4: not valid TOML" in result.stderr


def test_doctor_points_out_a_misspelt_required_key(mk, store):
    add_mentor(mk, "Bo Chen")
    path = store / "mentors" / "bo-chen.toml"
    path.write_text(path.read_text().replace("name = ", "nmae = "))
    result = mk("doctor")
    assert result.exit_code == 1
    assert "name: required but missing" in result.stderr
    assert "unknown key 'nmae' (did you mean 'name'?)" in result.stderr


def test_a_string_schema_is_not_coerced(mk, store):
    config = store / "menteekit.toml"
    config.write_text(config.read_text().replace("schema = 1", 'schema = "7"'))
    before = snapshot(store)
    result = mk("mentor", "add", "Ana Rivera", "--no-input")
    assert result.exit_code == 1
    assert "schema" in result.stderr
    assert snapshot(store) == before


def test_doctor_warns_about_unknown_keys_with_a_guess(mk, store):
    add_mentor(mk, "Ana Rivera")
    path = store / "mentors" / "ana-rivera.toml"
    path.write_text(path.read_text() + 'cadance = "monthly"\nfavourite_tea = "oolong"\n')
    result = mk("doctor")
    assert result.exit_code == 0
    assert "unknown key 'cadance' (did you mean 'cadence'?)" in result.stderr
    assert "unknown key 'favourite_tea'" in result.stderr
    data = mk("doctor", "--json").json()
    assert data["problems"] == []
    assert len(data["warnings"]) == 2


def test_doctor_reports_odd_files_and_kept_edits(mk, store, tmp_path):
    add_mentor(mk, "Ana Rivera")
    mentors = store / "mentors"
    (mentors / "ghost.toml").symlink_to(tmp_path / "nowhere.toml")
    (mentors / "folder.toml").mkdir()
    (mentors / "deep.toml").write_text('name = "Deep"\nadded = 2025-01-01\nroles = ' + "[" * 2000)
    (store / ".drafts").mkdir()
    (store / ".drafts" / "mentors-ana-rivera.toml").write_text("kept")
    result = mk("doctor")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for name in ("ghost.toml", "folder.toml", "deep.toml", "mentors-ana-rivera.toml"):
        assert name in result.stderr, name
    listed = mk("mentor", "list", "--json")
    assert listed.exit_code == 0
    assert [m["slug"] for m in listed.json()] == ["ana-rivera"]


def test_a_mentors_file_in_place_of_the_folder_is_a_problem(mk, store):
    (store / "mentors").rmdir()
    (store / "mentors").write_text("oops")
    result = mk("doctor")
    assert result.exit_code == 1
    assert "should be a folder" in result.stderr


def test_seats_that_do_not_apply_are_not_gaps(mk, isolated_home):
    assert (
        mk("init", "--no-input", "--not-needed", "clinical", "--not-needed", "teaching").exit_code
        == 0
    )
    data = mk("board", "--json").json()
    assert data["not_needed"] == ["clinical", "teaching"]
    assert "clinical" not in data["gaps"] and "teaching" not in data["gaps"]
    assert "research" in data["gaps"]
    assert not [s for s in data["suggestions"] if s["topic"] in ("clinical", "teaching")]
    assert re.search(r"^ *clinical +not needed$", mk("board").stdout, re.MULTILINE)


def test_a_side_not_said_is_not_taken_for_the_other(mk, store):
    """README: peer/senior and internal/external skipped are "not said", never guessed."""

    def topics() -> set[str]:
        return {hint["topic"] for hint in mk("board", "--json").json()["suggestions"]}

    mk("mentor", "add", "Ana Rivera", "--internal", "--senior", "--no-input")
    assert {"external", "peer"} <= topics()
    mk("mentor", "add", "Bo Chen", "--no-input")  # where from, and how senior: not said
    assert not topics() & {"external", "peer"}
