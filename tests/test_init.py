"""`mk init`: the store and the self-reflection it starts with."""

from __future__ import annotations

import tomllib

from conftest import snapshot


def test_init_no_input_with_flags_writes_the_profile(mk, isolated_home):
    result = mk(
        "init", "--no-input", "--name", "Sam Okafor", "--path", "paediatric oncology fellow",
        "--value", "curiosity", "--value", "time with family", "--goal", "Submit a K08",
        "--style", "direct", "--looking-for", "honest feedback", "--time", "4 hours a month",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert str(isolated_home) in result.stdout
    config = tomllib.loads((isolated_home / "menteekit.toml").read_text())
    assert config["schema"] == 1
    assert config["me"] == {
        "name": "Sam Okafor",
        "path": "paediatric oncology fellow",
        "values": ["curiosity", "time with family"],
        "goals": ["Submit a K08"],
        "working_style": "direct",
        "looking_for": "honest feedback",
        "time_budget": "4 hours a month",
        "roles_not_needed": [],
    }
    assert (isolated_home / "mentors").is_dir()
    assert ".mk.lock" in (isolated_home / ".gitignore").read_text()


def test_init_without_anything_makes_an_empty_store(mk, isolated_home):
    result = mk("init", "--no-input")
    assert result.exit_code == 0
    assert mk("board").exit_code == 0


def test_init_without_a_terminal_does_not_prompt(mk, isolated_home):
    # stdin is not a terminal here: init must not wait for answers.
    result = mk("init", input="should not be read\n")
    assert result.exit_code == 0
    assert tomllib.loads((isolated_home / "menteekit.toml").read_text())["me"]["name"] == ""


def test_init_refuses_an_existing_store(mk, store):
    before = snapshot(store)
    result = mk("init", "--no-input", "--name", "Someone Else")
    assert result.exit_code == 1
    assert "already a menteekit store" in result.stderr
    assert snapshot(store) == before


def test_init_rejects_a_blank_value(mk, isolated_home):
    result = mk("init", "--no-input", "--value", "  ")
    assert result.exit_code == 2
    assert "values" in result.stderr
    assert not isolated_home.exists()


def test_values_separated_by_commas_are_several(mk, isolated_home):
    result = mk(
        "init", "--no-input", "--value", "independence, patient care", "--value", "curiosity"
    )
    assert result.exit_code == 0, result.stderr
    config = tomllib.loads((isolated_home / "menteekit.toml").read_text())
    assert config["me"]["values"] == ["independence", "patient care", "curiosity"]
