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
