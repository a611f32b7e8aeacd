"""The cache of parsed records: commands see every change made behind the tool's back, and a
broken or missing cache is rebuilt without a word."""

from __future__ import annotations

import os
import pickle
import re
import sys
import time
from pathlib import Path

import pytest

import menteekit.cache
import menteekit.store
from conftest import add_mentor
from menteekit.store import Store


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once, so the records of this test's new files are cached."""
    monkeypatch.setattr(menteekit.cache, "SETTLE_SECONDS", -60.0)


@pytest.fixture
def actions(mk, store) -> dict[str, Path]:
    paths = {}
    for text in ("Draft the aims", "Email the program officer"):
        added = mk("action", "add", text, "--no-input", "--json").json()
        paths[text] = store / "actions" / f"{added['id']}.toml"
    return paths


def texts(mk) -> list[str]:
    result = mk("actions", "--json")
    assert result.exit_code == 0, result.stderr
    return sorted(a["text"] for a in result.json())


def cache_files(tmp_path: Path, kind: str = "*") -> list[Path]:
    return sorted((tmp_path / "cache").glob(f"*/{kind}.pickle"))


def test_records_are_cached_and_used(mk, store, actions, settled, monkeypatch, tmp_path):
    assert texts(mk) == ["Draft the aims", "Email the program officer"]
    assert [p.name for p in cache_files(tmp_path)] == ["actions.pickle", "config.pickle"]

    def no_parsing(self, action_id):
        raise AssertionError("parsed although the file did not change")

    monkeypatch.setattr(Store, "_read_action", no_parsing)
    assert texts(mk) == ["Draft the aims", "Email the program officer"]


def test_a_hand_edit_of_the_same_size_in_the_same_second_is_seen(mk, actions, settled):
    assert texts(mk) == ["Draft the aims", "Email the program officer"]
    path = actions["Draft the aims"]
    before = os.stat(path)
    path.write_text(path.read_text().replace("Draft the aims", "Draft the Aims"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same modification time
    assert os.stat(path).st_size == before.st_size
    assert texts(mk) == ["Draft the Aims", "Email the program officer"]


def test_a_file_written_just_now_is_not_trusted_to_its_stamp(mk, actions):
    """Without the settle time, two writes in one tick of the clock could share a stamp."""
    assert texts(mk) == ["Draft the aims", "Email the program officer"]
    path = actions["Draft the aims"]
    path.write_text(path.read_text().replace("aims", "AIMS"))
    assert texts(mk) == ["Draft the AIMS", "Email the program officer"]
    path.write_text(path.read_text().replace("AIMS", "aimz"))
    assert texts(mk) == ["Draft the aimz", "Email the program officer"]


def test_what_a_command_writes_is_read_back_without_parsing(mk, store, actions, monkeypatch):
    """The command right after a write (a shell prompt's, say) need not parse what was written:
    the cache keeps it with the bytes written, and the file still holds exactly those."""

    def no_parsing(*args):
        raise AssertionError("parsed a file the tool had just written")

    monkeypatch.setattr(menteekit.store, "_validate", no_parsing)
    assert texts(mk) == ["Draft the aims", "Email the program officer"]
    assert mk("status", "--short").exit_code == 0  # the config `mk init` wrote, too


def test_a_hand_edit_right_after_a_write_is_seen_even_when_it_keeps_the_stamp(
    mk, store, monkeypatch
):
    def coarse(path: str) -> tuple[int, int, int, int]:
        """A stamp blind to the change time: as if both writes fell in one tick of the clock."""
        status = os.stat(path)
        return (status.st_mtime_ns, 0, status.st_size, status.st_ino)

    monkeypatch.setattr(menteekit.cache, "_stamp", coarse)
    added = mk("action", "add", "Draft the aims", "--no-input", "--json").json()
    path = store / "actions" / f"{added['id']}.toml"
    before = coarse(str(path))
    path.write_text(path.read_text().replace("Draft the aims", "Draft the Aims"))
    os.utime(path, ns=(before[0], before[0]))
    assert coarse(str(path)) == before
    assert texts(mk) == ["Draft the Aims"]
    assert texts(mk) == ["Draft the Aims"]


def test_a_written_record_joins_the_ordinary_cache_once_settled(mk, store, actions, settled):
    from menteekit.cache import RecordCache
    from menteekit.store import RETIRED

    done = actions["Draft the aims"]
    assert mk("done", done.stem).exit_code == 0
    cache = RecordCache(store, "actions", RETIRED["actions"])
    assert done.name in cache.unsettled  # as written by `mk done`, checked against its bytes
    assert texts(mk) == ["Email the program officer"]
    assert sorted(a.id for a in Store(store).load_actions()[0]) == sorted(
        p.stem for p in actions.values()
    )
    cache = RecordCache(store, "actions", RETIRED["actions"])
    assert cache.unsettled == {}  # settled: the stamp alone tells a change from now on
    year = cache.entries[done.name][1]
    assert isinstance(year, int)
    assert cache.retired(year)[done.name][1].text == "Draft the aims"  # kept with its year


def test_files_added_and_deleted_behind_its_back_are_seen(mk, store, actions, settled):
    assert texts(mk) == ["Draft the aims", "Email the program officer"]
    actions["Draft the aims"].unlink()
    (store / "actions" / "zz9zz.toml").write_text('text = "Book the room"\ncreated = 2026-11-02\n')
    assert texts(mk) == ["Book the room", "Email the program officer"]


def test_a_file_broken_by_hand_is_reported_not_served_from_the_cache(mk, actions, settled):
    assert texts(mk) == ["Draft the aims", "Email the program officer"]
    path = actions["Draft the aims"]
    path.write_text('text = "unterminated\n')
    result = mk("actions", "--json")
    assert [a["text"] for a in result.json()] == ["Email the program officer"]
    assert path.name in result.stderr


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle at all", pickle.dumps(("another header", {}))],
    ids=["empty", "garbage", "other version"],
)
def test_a_broken_cache_is_rebuilt_silently(mk, actions, settled, tmp_path, damage):
    assert texts(mk) == ["Draft the aims", "Email the program officer"]
    [cache] = cache_files(tmp_path, "actions")
    cache.write_bytes(damage)
    result = mk("actions", "--json")
    assert result.exit_code == 0 and result.stderr == ""
    assert sorted(a["text"] for a in result.json()) == [
        "Draft the aims",
        "Email the program officer",
    ]
    assert cache.read_bytes() != damage  # rebuilt


def test_a_deleted_cache_or_an_unwritable_cache_folder_changes_nothing(
    mk, actions, settled, tmp_path, monkeypatch
):
    assert texts(mk) == ["Draft the aims", "Email the program officer"]
    for cache in cache_files(tmp_path):
        cache.unlink()
    assert texts(mk) == ["Draft the aims", "Email the program officer"]
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("MK_CACHE_DIR", str(blocked))
    assert texts(mk) == ["Draft the aims", "Email the program officer"]


def test_a_cache_others_can_write_to_is_not_read(mk, actions, settled, tmp_path, monkeypatch):
    assert texts(mk) == ["Draft the aims", "Email the program officer"]
    [cache] = cache_files(tmp_path, "actions")
    cache.chmod(0o666)
    parsed = []
    real = Store._read_action
    monkeypatch.setattr(Store, "_read_action", lambda self, i: parsed.append(i) or real(self, i))
    assert texts(mk) == ["Draft the aims", "Email the program officer"]
    assert len(parsed) == 2


def test_each_command_sees_a_hand_edited_mentor(mk, store, settled):
    add_mentor(mk, "Dr. Ana Rivera", "--role", "research")
    assert mk("board", "--json").json()["roles"]["research"] == ["ana-rivera"]
    path = store / "mentors" / "ana-rivera.toml"
    path.write_text(path.read_text().replace('"research"', '"teaching"'))
    assert mk("board", "--json").json()["roles"]["teaching"] == ["ana-rivera"]
    assert mk("mentor", "list", "--json").json()[0]["roles"] == ["teaching"]
    assert mk("status", "--json").exit_code == 0
    # One record read on its own goes through the cache too, and sees the edit as well.
    assert mk("mentor", "show", "ana-rivera", "--json").json()["roles"] == ["teaching"]
    before = os.stat(path)
    path.write_text(path.read_text().replace('"teaching"', '"research"'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert mk("mentor", "show", "ana-rivera", "--json").json()["roles"] == ["research"]
    assert mk("board", "--json").json()["roles"]["research"] == ["ana-rivera"]


def test_reading_one_record_keeps_the_others_cached(mk, store, actions, settled, monkeypatch):
    assert texts(mk) == ["Draft the aims", "Email the program officer"]
    one = actions["Draft the aims"].stem
    assert Store(store).load_action(one).text == "Draft the aims"

    def no_parsing(self, action_id):
        raise AssertionError("parsed although the file did not change")

    monkeypatch.setattr(Store, "_read_action", no_parsing)
    assert texts(mk) == ["Draft the aims", "Email the program officer"]


def test_records_read_in_another_time_zone_are_read_again(mk, store, settled, monkeypatch):
    """A meeting time written without an offset is local time: the zone it was read in counts."""
    add_mentor(mk, "Ana Rivera")
    planned = mk("agenda", "new", "ana", "--date", "2026-12-17 15:00", "--no-input", "--json")
    path = next((store / "meetings").glob("*.md"))
    text = path.read_text()
    path.write_text(
        text.replace(text.split("when = ", 1)[1].split("\n", 1)[0], "2026-12-17T15:00:00")
    )
    assert planned.exit_code == 0
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert "15:00" in mk("meetings").stdout
        monkeypatch.setenv("TZ", "Asia/Tokyo")
        time.tzset()
        assert "Thu 17 Dec 2026 15:00" in mk("meetings").stdout
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_hand_edited_config_is_seen(mk, store, settled):
    assert mk("board", "--json").json()["me"] == "Sam Okafor"
    path = store / "menteekit.toml"
    before = os.stat(path)
    path.write_text(path.read_text().replace("Sam Okafor", "Sam Okafox"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert mk("board", "--json").json()["me"] == "Sam Okafox"


def test_a_broken_profile_is_reported_on_every_run(mk, store, settled):
    path = store / "menteekit.toml"
    path.write_text(path.read_text().replace('values = ["curiosity"]', "values = 3"))
    for _ in range(2):
        result = mk("status")
        assert result.exit_code == 0
        assert "menteekit.toml" in result.stderr and "values" in result.stderr


def test_an_older_store_read_by_doctor_is_still_refused_afterwards(mk, store, settled, monkeypatch):
    """`mk doctor` reads a store of an older schema; the config it read must not let the
    other commands past the schema check."""
    import menteekit.store as store_module

    monkeypatch.setattr(store_module, "SCHEMA", 2)  # this store (schema 1) is now older
    assert "older than this menteekit reads" in mk("doctor").stderr
    for _ in range(2):
        result = mk("actions", "--json")
        assert result.exit_code == 1
        assert "mk doctor --fix" in result.stderr


def test_a_done_action_edited_back_to_open_is_seen(
    mk, store, actions, settled, monkeypatch, tmp_path
):
    path = actions["Draft the aims"]
    assert mk("done", path.stem).exit_code == 0
    assert texts(mk) == ["Email the program officer"]
    assert len(mk("actions", "--all", "--json").json()) == 2  # the done one, from the cache
    assert cache_files(tmp_path, "actions.retired-*")

    # The open list never reads the retired records; it still checks each file's stamp.
    def unread(self, year):
        raise AssertionError("the retired records were read for the open list")

    with monkeypatch.context() as patched:
        patched.setattr(menteekit.cache.RecordCache, "retired", unread)
        assert texts(mk) == ["Email the program officer"]
    before = os.stat(path)
    path.write_text(path.read_text().replace('status = "done"', 'status = "open"'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    assert texts(mk) == ["Draft the aims", "Email the program officer"]


def test_a_cancelled_meeting_edited_back_to_planned_is_on_the_status(mk, store, settled):
    add_mentor(mk, "Dr. Ana Rivera", "--role", "research")
    meeting = mk("agenda", "new", "ana-rivera", "--date", "+3d", "--no-input", "--json").json()
    assert mk("meeting", "cancel", meeting["id"], "--no-input").exit_code == 0
    assert mk("status", "--json").json()["upcoming"] == []
    [path] = (store / "meetings").glob(f"*-{meeting['id']}.md")
    path.write_text(path.read_text().replace('status = "cancelled"', 'status = "planned"'))
    assert [m["id"] for m in mk("status", "--json").json()["upcoming"]] == [meeting["id"]]


def test_a_hand_edited_agenda_is_counted_again(mk, store, settled):
    """A listing counts each agenda from what was kept when the file was parsed: a hand edit
    of the items, even one that keeps the file's size, must be counted anew."""
    add_mentor(mk, "Dr. Ana Rivera", "--role", "research")
    added = mk("agenda", "new", "ana-rivera", "--date", "+3d", "--no-input", "--item", "Aims")
    assert added.exit_code == 0, added.stderr
    [path] = (store / "meetings").glob("*.md")

    def listed() -> tuple[int, int]:
        [meeting] = mk("meetings", "--json").json()
        return meeting["agenda_items"], meeting["agenda_minutes"]

    assert listed() == listed() == (1, 10)  # the second from the cache
    before = os.stat(path)
    path.write_text(path.read_text().replace('origin = "wrap-up"', 'origin = "carried"'))
    assert os.stat(path).st_size == before.st_size
    assert listed() == (2, 10)
    path.write_text(path.read_text().replace("minutes = 5\n", "minutes = 9\n", 1))
    assert listed() == (2, 14)
    assert "2 items" in mk("meetings").stdout


def test_doctor_finds_unknown_keys_in_cached_records_and_in_hand_edits(mk, store, actions, settled):
    add_mentor(mk, "Dr. Ana Rivera", "--role", "research")
    meeting = mk("agenda", "new", "ana", "--date", "+3d", "--no-input", "--json").json()
    [meeting_file] = (store / "meetings").glob("*.md")
    path = actions["Draft the aims"]
    path.write_text(path.read_text() + 'prority = "high"\n')
    meeting_file.write_text(meeting_file.read_text().replace("+++\n", '+++\nvenue = "B2"\n', 1))

    def warned() -> list[str]:
        return sorted(
            re.findall(r"unknown key '(\w+)'", "".join(mk("doctor", "--json").json()["warnings"]))
        )

    assert warned() == warned() == ["prority", "venue"]  # the second from the cache
    path.write_text(path.read_text().replace("prority", "priorty"))
    assert warned() == ["priorty", "venue"]
    assert meeting["id"] in {m["id"] for m in mk("meetings", "--json").json()}


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule is written out for Linux only")
@pytest.mark.parametrize("xdg", [None, "", "/somewhere/cache"])
def test_the_cache_folder_is_where_platformdirs_puts_it(monkeypatch, tmp_path, xdg):
    from platformdirs import user_cache_path

    monkeypatch.delenv("MK_CACHE_DIR", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    expected = user_cache_path("menteekit", appauthor=False)
    assert menteekit.cache.cache_folder(tmp_path).parent == expected


def test_closed_items_are_kept_by_year_and_only_the_years_asked_for_are_read(
    store, settled, monkeypatch
):
    from conftest import day
    from records import write_action

    write_action(store, "oldopen", mentor=None, created=-800, due=-790)
    old_done = write_action(store, "olddone", mentor=None, created=-800, due=-790, done=-795)
    write_action(store, "newdone", mentor=None, created=-20, due=-10, done=-12)
    records = Store(store)
    since = day(-365)

    def ids(**options) -> list[str]:
        return sorted(action.id for action in records.load_actions(**options)[0])

    for _ in range(2):  # parsed, then from the cache
        assert ids(since=since) == ["newdone", "oldopen"]
        assert ids() == ["newdone", "olddone", "oldopen"]
        assert ids(open_only=True) == ["oldopen"]

    read = []
    years = menteekit.cache.RecordCache.retired
    monkeypatch.setattr(
        menteekit.cache.RecordCache,
        "retired",
        lambda self, year: read.append(year) or years(self, year),
    )
    assert ids(since=since) == ["newdone", "oldopen"]
    assert day(-800).year not in read  # the year of the old closed item was not read

    # Reopened by hand, the old item is there at once, though its year is not asked for.
    lines = old_done.read_text().splitlines()
    reopened = [line.replace('"done"', '"open"') for line in lines if not line.startswith("done")]
    old_done.write_text("\n".join(reopened) + "\n")
    assert ids(since=since) == ["newdone", "olddone", "oldopen"]


def test_no_copy_of_a_closed_item_outlives_its_file_or_its_year(mk, store, settled, tmp_path):
    from conftest import day
    from records import write_action

    write_action(store, "olddone", mentor=None, created=-800, due=-790, done=-795)
    moved = write_action(store, "moved", mentor=None, created=-800, due=-790, done=-795)
    assert len(mk("actions", "--all", "--json").json()) == 2
    [old_year] = cache_files(tmp_path, "actions.retired-*")

    (store / "actions" / "olddone.toml").unlink()  # deleted by hand
    lines = moved.read_text().splitlines()
    recent = f"created = {day(-5).isoformat()}"  # moved to this year by hand
    moved.write_text("\n".join(recent if x.startswith("created") else x for x in lines) + "\n")
    assert [a["id"] for a in mk("actions", "--all", "--json").json()] == ["moved"]

    # The old year's file went with the last records it held: the cache keeps no copy of the
    # deleted item anywhere.
    assert not old_year.exists()
    everything = b"".join(path.read_bytes() for path in (tmp_path / "cache").rglob("*.pickle"))
    assert b"Action olddone" not in everything
    assert [path.name for path in cache_files(tmp_path, "actions.retired-*")] == [
        f"actions.retired-{day(-5).year}.pickle"
    ]


def test_the_retired_file_of_the_earlier_cache_format_is_removed(mk, actions, settled, tmp_path):
    assert len(texts(mk)) == 2
    [main] = cache_files(tmp_path, "actions")
    legacy = main.with_name("actions.retired.pickle")
    legacy.write_bytes(pickle.dumps(("an earlier format", {})))
    assert mk("action", "add", "Book the room", "--no-input").exit_code == 0
    assert len(texts(mk)) == 3
    assert not legacy.exists()
