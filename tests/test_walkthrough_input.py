"""The walkthroughs of `mk agenda new` and `mk log` answered through CliRunner's input.

Prompts only appear when stdin is a terminal, which CliRunner's is not; these tests make the
commands treat it as one, so the questions and their order are checked in-process and fast.
The real-terminal runs are in test_interactive_meetings.py.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from conftest import add_mentor


@pytest.fixture(autouse=True)
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("agenda", "log"):
        monkeypatch.setattr(f"menteekit.cli.{module}.interactive", lambda no_input: not no_input)


def front_matter(path: Path) -> dict:
    lines = path.read_text(encoding="utf-8").split("\n")
    return tomllib.loads("\n".join(lines[1 : lines.index("+++", 1)]))


def answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_adding_to_a_meeting_without_a_date_asks_for_it(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    planned = mk("agenda", "new", "riv", "--no-input", "--json").json()
    assert planned["when"] is None
    result = mk("agenda", "new", "riv", input=answers("", "tomorrow 3pm", *[""] * 8))
    assert result.exit_code == 0, result.stderr
    assert "already planned (date not yet agreed" in result.stderr
    assert "When do you meet?" in result.stderr
    [path] = (store / "meetings").iterdir()
    assert "T15:00:00" in str(front_matter(path)["when"].isoformat())


def test_agenda_new_asks_in_order_and_saves_the_answers(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    result = mk(
        "agenda",
        "new",
        input=answers(
            "riv",  # which mentor
            "tomorrow 3pm",  # when
            "45",  # length
            "video",  # how
            "",  # where
            "Started the K23 aims page",  # updates
            "",
            "question: Which study section? (10m)",  # questions
            "",
            "",  # decisions
            "The aims page",  # feedback to ask for
            "",
        ),
    )
    assert result.exit_code == 0, result.stderr
    order = [
        "Which mentor",
        "When do you meet",
        "How long",
        "How do you meet",
        "Where?",
        "Updates to share",
        "Questions to ask",
        "Decisions you need",
        "Feedback to ask for",
    ]
    positions = [result.stderr.index(question) for question in order]
    assert positions == sorted(positions)
    [path] = (store / "meetings").iterdir()
    meeting = front_matter(path)
    assert (meeting["minutes"], meeting["modality"]) == (45, "video")
    assert [(i["kind"], i["text"], i["minutes"]) for i in meeting["items"][:-1]] == [
        ("update", "Started the K23 aims page", 5),
        ("question", "Which study section?", 10),
        ("feedback", "The aims page", 5),
    ]
    assert meeting["items"][-1]["origin"] == "wrap-up"


def test_log_asks_in_order_and_records_the_reflection(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    planned = mk("agenda", "new", "rivera", "--no-input", "--json", "--date", "today",
                 "--item", "Aims", "--item", "Budget")  # fmt: skip
    meeting_id = planned.json()["id"]
    result = mk(
        "log",
        "rivera",
        input=answers(
            "Useful and frank",  # how did it go
            "d",  # item 1
            "she liked it",
            "carried over",  # item 2
            "",
            "Apply in June, not February",  # advice
            "",
            "coaching",  # feedback kind
            "The significance section is thin",
            "truth",  # why it stung
            "",  # no more feedback
            "Aim for June",  # decisions
            "",
            "Rewrite the significance section",  # my actions
            "",
            "in 2 weeks",  # its due date
            "Introduce me to Dr. Chen",  # the mentor's
            "",
            "",  # no due date
            "Ask earlier",  # differently
            "",  # no disagreement
            "yes",  # thanked
            "",  # next meeting not agreed yet
        ),
    )
    assert result.exit_code == 0, result.stderr
    assert "Questions worth asking back" in result.stderr
    meeting = front_matter(next((store / "meetings").glob(f"*-{meeting_id}.md")))
    assert [i["status"] for i in meeting["items"]] == ["discussed", "carried", "discussed"]
    reflection = meeting["reflection"]
    assert reflection["thanked"] is True and reflection["minutes"] >= 1
    assert reflection["decisions"] == ["Aim for June"]
    assert reflection["feedback"] == [
        {"kind": "coaching", "text": "The significance section is thin", "trigger": "truth"}
    ]
    owners = sorted(
        tomllib.loads(p.read_text())["owner"] for p in (store / "actions").glob("*.toml")
    )
    assert owners == ["me", "mentor"]


def test_log_offers_the_goals_by_number_for_a_new_action(mk, store):
    add_mentor(mk, "Dr. Ana Rivera")
    mk("goal", "add", "Give 3 talks outside my department", "--no-input")
    linked = mk(
        "goal", "add", "Submit the K23 application", "--mentor", "rivera", "--no-input", "--json"
    ).json()["id"]
    mk("agenda", "new", "rivera", "--no-input", "--date", "today", "--no-carry", "--item", "Aims")
    result = mk(
        "log",
        "rivera",
        input=answers(
            "Good",  # how did it go
            "d",  # the item
            "",
            "",  # advice
            "",  # feedback
            "",  # decisions
            "Rewrite the significance section",  # my actions
            "",
            "",  # no due date
            "1",  # the goal: Rivera's goal is listed first
            "",  # the mentor's actions
            "",  # differently
            "",  # disagreement
            "no",  # thanked
            "",  # next meeting
        ),
    )
    assert result.exit_code == 0, result.stderr
    assert "Your goals: 1. Submit the K23 application; 2. Give 3 talks" in result.stderr
    [action] = [tomllib.loads(p.read_text()) for p in (store / "actions").glob("*.toml")]
    assert action["goal"] == linked


def test_a_choice_takes_the_number_of_an_option_in_the_list():
    """(A "yes" where the question invites one: tests/test_interactive_meetings.py.)"""
    from menteekit.prompts import _one_of

    options = ["discussed", "carried"]
    assert _one_of("2", options) == "carried"
    assert _one_of(" 1 ", options) == "discussed"
    with pytest.raises(ValueError, match="is not one of"):
        _one_of("3", options)
    # A number that begins an option is that option, not a place in the list.
    assert _one_of("2", ["1a2b", "2c3d"]) == "2c3d"
