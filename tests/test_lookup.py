"""Short ids and names: the unique-prefix lookup every command uses."""

from __future__ import annotations

import pytest

from menteekit.errors import Ambiguous, NotFound
from menteekit.services.lookup import find_unique
from menteekit.store import ID_ALPHABET, ID_LENGTH, new_id

IDS = {key: [key] for key in ("k3f9a", "k3x2b", "m7q1c")}


@pytest.mark.parametrize(("typed", "found"), [("k3f", "k3f9a"), ("m", "m7q1c"), ("k3x2b", "k3x2b")])
def test_a_unique_prefix_finds_the_record(typed, found):
    assert find_unique(typed, IDS, "action") == found


def test_an_ambiguous_prefix_lists_every_candidate():
    with pytest.raises(Ambiguous) as raised:
        find_unique("k3", IDS, "action", {"k3f9a": "call Ana"})
    assert raised.value.candidates == ["k3f9a (call Ana)", "k3x2b"]
    assert "Action 'k3' is ambiguous" in str(raised.value)


def test_an_exact_key_wins_over_longer_matches():
    assert find_unique("ana", {"ana": ["ana"], "ana-rivera": ["ana-rivera", "ana"]}, "mentor") == (
        "ana"
    )


def test_no_match_is_not_found():
    with pytest.raises(NotFound, match="No action matches 'zz'"):
        find_unique("zz", IDS, "action")


def test_new_ids_are_short_crockford_and_fresh():
    taken: set[str] = set()
    for _ in range(2000):
        fresh = new_id(taken)
        assert len(fresh) == ID_LENGTH and set(fresh) <= set(ID_ALPHABET)
        assert fresh not in taken
        taken.add(fresh)


BROKEN_RECORDS = {
    # kind: (what makes one, the file to break, how it is broken, the command that names it)
    "goal": (["goal", "add", "Give three talks", "--no-input", "--json"], "goals/{id}.toml",
             ("review_days = 30", 'review_days = "thirty"'), ["goal", "show"]),
    "action": (["action", "add", "Send the draft", "--no-input", "--json"], "actions/{id}.toml",
               ('status = "open"', 'status = "half"'), ["done"]),
    "note": (["note", "Ask about the K99", "--json"], "notes/{id}.md",
             ("+++\n", "+++\nkind = 7\n"), ["note", "show"]),
    "meeting": (["agenda", "new", "rivera", "--item", "Aims", "--no-input", "--json"],
                "meetings/*-{id}.md", ("minutes = 30", 'minutes = "thirty"'),
                ["agenda", "show"]),
}  # fmt: skip


@pytest.mark.parametrize("kind", BROKEN_RECORDS)
def test_a_prefix_of_a_record_that_cannot_be_read_says_why(mk, store, kind):
    """Not "no goal matches": the record is there, and its file says what is wrong with it."""
    from conftest import add_mentor

    add_mentor(mk, "Ana Rivera")
    make, pattern, (was, broken), command = BROKEN_RECORDS[kind]
    made = mk(*make)
    assert made.exit_code == 0, made.stderr
    record_id = made.json()["id"]
    [path] = store.glob(pattern.format(id=record_id))
    text = path.read_text()
    assert was in text
    path.write_text(text.replace(was, broken, 1))
    for typed in (record_id, record_id[:3]):
        result = mk(*command, typed)
        assert result.exit_code == 1, (typed, result.stdout)
        assert f"{path}:" in result.stderr and "matches" not in result.stderr, typed


def test_a_prefix_that_fits_a_readable_and_an_unreadable_record_is_ambiguous():
    from menteekit.errors import MkError
    from menteekit.services.lookup import check_not_broken

    broken = {"k3x2b": MkError("actions/k3x2b.toml:2: status: ...")}
    with pytest.raises(Ambiguous) as raised:
        check_not_broken("k3", broken, ["k3f9a", "m7q1c"], "action")
    assert raised.value.candidates == ["k3f9a", "k3x2b (cannot be read)"]
    check_not_broken("k3f", broken, ["k3f9a"], "action")  # the readable one alone: no problem
    check_not_broken("k3f9a", {"k3f9a0": broken["k3x2b"]}, ["k3f9a"], "action")  # exact wins
    with pytest.raises(MkError, match=r"k3x2b\.toml:2"):
        check_not_broken("k3x", broken, ["k3f9a"], "action")
