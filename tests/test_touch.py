"""`mk touch MENTOR`: contacts between meetings, through the real CLI on a temporary store."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from conftest import add_mentor, snapshot

TODAY = dt.date.today()


def read_mentor(store: Path, slug: str) -> dict:
    return tomllib.loads((store / "mentors" / f"{slug}.toml").read_text())


def test_a_contact_is_stored_and_counts_as_the_last_contact(mk, store):
    add_mentor(mk, "Dr. Ana Rivera", "--cadence", "monthly", "--last-contact", "40 days ago")
    result = mk(
        "touch", "riv", "--kind", "thanks", "--note", "for the intro to Dr. Osei",
        "--date", "2 days ago", "--no-input",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Logged a thank-you with Dr. Ana Rivera (ana-rivera)" in result.stdout
    assert "date:" in result.stderr  # the date understood is echoed back
    data = read_mentor(store, "ana-rivera")
    two_days_ago = TODAY - dt.timedelta(days=2)
    assert data["contacts"] == [
        # The last contact typed when the mentor was added is kept, not overwritten.
        {
            "date": TODAY - dt.timedelta(days=40),
            "kind": "other",
            "note": "the last contact before this log",
        },
        {"date": two_days_ago, "kind": "thanks", "note": "for the intro to Dr. Osei"},
    ]
    assert data["last_contact"] == two_days_ago


def test_a_long_relationship_stays_long_after_one_contact(mk, store):
    add_mentor(mk, "Olu Ade", "--cadence", "monthly", "--since", "5 years ago",
               "--last-contact", "200 days ago")  # fmt: skip
    assert mk("touch", "olu", "--kind", "email", "--no-input").exit_code == 0
    [health] = mk("health", "olu", "--json").json()
    assert health["verdict"] != "new"
    assert health["signals"]["together_days"] > 4 * 365


def test_since_cannot_come_after_the_last_contact(mk, store):
    before = snapshot(store)
    result = mk("mentor", "add", "Olu Ade", "--since", "yesterday", "--last-contact", "1 week ago",
                "--no-input")  # fmt: skip
    assert result.exit_code == 2 and "--since" in result.stderr
    assert snapshot(store) == before


def test_json_shape_and_defaults(mk, store):
    add_mentor(mk, "Ana Rivera")
    result = mk("touch", "ana", "--no-input", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == {
        "slug": "ana-rivera",
        "contact": {"date": TODAY.isoformat(), "kind": "other", "note": ""},
        "last_contact": TODAY.isoformat(),
        "contacts": 1,
    }


def test_an_older_contact_is_kept_in_order_and_does_not_move_the_last_contact_back(mk, store):
    add_mentor(mk, "Ana Rivera")
    assert (
        mk("touch", "ana", "--kind", "email", "--date", "3 days ago", "--no-input").exit_code == 0
    )
    assert mk("touch", "ana", "--kind", "call", "--date", "9 days ago", "--no-input").exit_code == 0
    data = read_mentor(store, "ana-rivera")
    assert [c["kind"] for c in data["contacts"]] == ["call", "email"]
    assert data["last_contact"] == TODAY - dt.timedelta(days=3)


def test_a_contact_ends_overdue_on_the_board(mk, store):
    add_mentor(mk, "Li Wei", "--cadence", "biweekly", "--last-contact", "40 days ago")
    assert [o["slug"] for o in mk("board", "--json").json()["overdue"]] == ["li-wei"]
    assert mk("touch", "li", "--kind", "coffee", "--no-input").exit_code == 0
    assert mk("board", "--json").json()["overdue"] == []
    assert "Nobody is overdue for contact." in mk("board").stdout


def test_show_lists_the_recent_contacts_newest_first(mk, store):
    add_mentor(mk, "Ana Rivera")
    for days, note in ((30, "aims draft"), (20, "grant news"), (10, "award")):
        flags = ("--kind", "update", "--note", note, "--date", f"{days} days ago", "--no-input")
        assert mk("touch", "ana", *flags).exit_code == 0
    shown = mk("mentor", "show", "ana").stdout
    assert "Recent contacts" in shown
    assert shown.index("award") < shown.index("grant news") < shown.index("aims draft")
    data = mk("mentor", "show", "ana", "--json").json()
    assert [c["note"] for c in data["contacts"]] == ["aims draft", "grant news", "award"]


def test_show_says_how_many_contacts_are_left_out(mk, store):
    add_mentor(mk, "Ana Rivera")
    for days in range(7):
        assert mk("touch", "ana", "--date", f"{days} days ago", "--no-input").exit_code == 0
    assert "5 of 7" in mk("mentor", "show", "ana").stdout


@pytest.mark.parametrize("status", ["prospective", "paused", "concluded"])
def test_any_mentor_can_be_touched(mk, store, status):
    add_mentor(mk, "Tomas Herrera", "--status", status)
    result = mk("touch", "herrera", "--kind", "coffee", "--no-input")
    assert result.exit_code == 0, result.stderr
    assert read_mentor(store, "tomas-herrera")["last_contact"] == TODAY


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nobody"], 1, "No mentor matches 'nobody'"),
        (["ana", "--kind", "letter"], 2, "letter"),
        (["ana", "--date", "tomorrow"], 2, "in the future"),
        (["ana", "--date", "the other day"], 2, "Could not understand"),
        (["ana", "--note", "  "], 2, "--note cannot be empty"),
        (["ana", "--note", "bad\x1b[31m"], 2, "control character"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(mk, store, args, code, message):
    add_mentor(mk, "Ana Rivera")
    before = snapshot(store)
    result = mk("touch", *args, "--no-input")
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(store) == before


def test_walkthrough_asks_for_kind_note_and_date(mk, store, monkeypatch):
    monkeypatch.setattr("menteekit.cli.touch.interactive", lambda no_input: not no_input)
    add_mentor(mk, "Ana Rivera")
    result = mk("touch", "ana", input="thank\nFor reading my aims page\nyesterday\n")
    assert result.exit_code == 0, result.stderr
    for question in ("What kind of contact", "What was it about?", "When?"):
        assert question in result.stderr
    [contact] = read_mentor(store, "ana-rivera")["contacts"]
    assert contact == {
        "date": TODAY - dt.timedelta(days=1),
        "kind": "thanks",
        "note": "For reading my aims page",
    }


def test_walkthrough_asks_only_what_the_flags_leave_out(mk, store, monkeypatch):
    monkeypatch.setattr("menteekit.cli.touch.interactive", lambda no_input: not no_input)
    add_mentor(mk, "Ana Rivera")
    result = mk("touch", "ana", "--kind", "congrats", "--date", "today", input="On the award\n")
    assert result.exit_code == 0, result.stderr
    assert "What kind" not in result.stderr and "When?" not in result.stderr
    [contact] = read_mentor(store, "ana-rivera")["contacts"]
    assert (contact["kind"], contact["note"]) == ("congrats", "On the award")


def test_a_date_from_another_century_is_a_typo(mk, store):
    add_mentor(mk, "Ana Rivera")
    before = snapshot(store)
    result = mk("touch", "ana", "--date", "0001-01-01", "--no-input")
    assert result.exit_code == 2 and "a hundred years ago" in result.stderr
    assert snapshot(store) == before
