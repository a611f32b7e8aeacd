"""The store's guarantees: atomic writes, locking, private permissions, merges that keep what the
user wrote, broken files reported by file and line, schema checks, ids, templates, `mk init`."""

from __future__ import annotations

import datetime as dt
import errno
import os
import pathlib
import stat
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest
from filelock import FileLock

import menteekit.store as store_module
from conftest import add_mentor, snapshot
from menteekit.errors import BrokenRecord, StoreError
from menteekit.models import StoreConfig
from menteekit.store import ID_ALPHABET, ID_LENGTH, Store, new_id, packaged_templates


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def temporary_files(root: Path) -> list[Path]:
    return sorted(root.rglob(".*.tmp"))


def scrub(text: str, tmp_path: Path) -> str:
    """`text` without the test's folder, whose name (from the test's) may hold the words checked."""
    return text.replace(str(tmp_path), "<tmp>")


def end(mk, who: str, *flags: str):
    """`mk mentor end WHO` without questions (it rewrites the mentor's file through the store)."""
    return mk("mentor", "end", who, "--no-input", "--reason", "r", "--achieved", "a", *flags)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Error:")]


# A hand-written mentor file: comments, an unknown key and an unknown table beside known keys.
HAND_WRITTEN = """\
# Notes on Ana, written by hand.
# She asked me to keep this file short.
name = "Ana Rivera"  # she prefers Ana
roles = ["research", "career"]  # two seats
peer = false
cadence = "monthly"  # agreed in January
status = "active"
added = 2024-01-02
favourite_tea = "oolong"

[extra]
note = "keep me"
"""


@pytest.fixture
def two_mentors(mk, store: Path) -> Path:
    add_mentor(mk, "Ana Rivera", "--role", "research")
    add_mentor(mk, "Ben Okafor", "--role", "career")
    return store


# -- 1. atomic writes ----------------------------------------------------------------------


def test_writes_leave_no_temporary_files(mk, two_mentors):
    assert end(mk, "ben").exit_code == 0
    Store(two_mentors).update_mentor("ana-rivera", lambda m: m.revised(cadence="weekly"))
    assert sorted(p.name for p in (two_mentors / "mentors").iterdir()) == [
        "ana-rivera.toml",
        "ben-okafor.toml",
    ]
    assert temporary_files(two_mentors) == []
    assert Store(two_mentors).leftover_temporary_files() == []


def test_a_leftover_temporary_file_is_reported_and_never_read_as_a_record(mk, two_mentors):
    leftover = two_mentors / "mentors" / ".ana-rivera.toml.abc123.tmp"
    leftover.write_text('name = "Half written', encoding="utf-8")
    store = Store(two_mentors)
    assert store.leftover_temporary_files() == [leftover]
    mentors, problems = store.load_mentors()
    assert sorted(m.slug for m in mentors) == ["ana-rivera", "ben-okafor"]
    assert problems == []


def test_failed_rename_leaves_the_old_file_intact_and_no_temporary_file(two_mentors, monkeypatch):
    store = Store(two_mentors)
    path = store.mentor_path("ana-rivera")
    old = path.read_bytes()
    attempted: list[tuple[Path, bytes]] = []

    def failing_replace(src, dst):
        attempted.append((Path(src), Path(src).read_bytes()))
        raise OSError(errno.EIO, "simulated failure to rename")

    with monkeypatch.context() as patch, pytest.raises(OSError, match="simulated"):
        patch.setattr(store_module.os, "replace", failing_replace)
        store.update_mentor("ana-rivera", lambda m: m.revised(cadence="weekly"))

    # The new text was fully written to a temporary file beside the record...
    [(temp, written)] = attempted
    assert temp.parent == path.parent
    assert temp.name.startswith(".") and temp.name.endswith(".tmp")
    assert b'cadence = "weekly"' in written
    # ...which is gone, and the record is byte for byte what it was.
    assert not temp.exists()
    assert path.read_bytes() == old
    assert temporary_files(two_mentors) == []


def test_failed_write_leaves_the_old_file_intact_and_no_temporary_file(two_mentors, monkeypatch):
    store = Store(two_mentors)
    path = store.mentor_path("ana-rivera")
    old = path.read_bytes()
    seen: list[list[Path]] = []

    def failing_fsync(fd):
        seen.append(temporary_files(two_mentors))
        raise OSError(errno.ENOSPC, "simulated disk full")

    with monkeypatch.context() as patch, pytest.raises(OSError, match="simulated"):
        patch.setattr(store_module.os, "fsync", failing_fsync)
        store.update_mentor("ana-rivera", lambda m: m.revised(cadence="weekly"))

    [temps] = seen
    assert len(temps) == 1 and temps[0].parent == path.parent  # it wrote a temporary file
    assert path.read_bytes() == old
    assert temporary_files(two_mentors) == []


def test_failed_write_through_the_cli_changes_nothing(mk, two_mentors, monkeypatch):
    before = snapshot(two_mentors)

    def failing_fsync(fd):
        raise OSError(errno.ENOSPC, "simulated disk full")

    with monkeypatch.context() as patch:
        patch.setattr(store_module.os, "fsync", failing_fsync)
        result = end(mk, "ana")
    assert result.exit_code == 1  # the machine's problem, not a bug: no "internal error"
    assert result.stderr.strip().splitlines()[-1] == "Error: simulated disk full"
    assert "Traceback" not in result.stderr
    assert snapshot(two_mentors) == before


def test_a_markdown_underline_in_a_value_is_not_a_conflict(store):
    path = store / "mentors" / "bo-mark.toml"
    path.write_text(
        'name = "Bo Mark"\nadded = 2024-01-02\n[conclusion]\ndate = 2025-01-01\n'
        'reason = """Why\n=======\nGoals met"""\n'
    )
    assert Store(store).load_mentor("bo-mark").conclusion.reason == "Why\n=======\nGoals met"


def test_write_fsyncs_the_file_then_renames_then_fsyncs_the_folder(two_mentors, monkeypatch):
    store = Store(two_mentors)
    path = store.mentor_path("ana-rivera")
    events: list[tuple[str, object]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def recording_fsync(fd):
        events.append(("fsync", None))
        real_fsync(fd)

    def recording_replace(src, dst):
        events.append(("replace", Path(dst)))
        real_replace(src, dst)

    def recording_folder(folder):
        events.append(("fsync folder", Path(folder)))
        # By now the rename has happened: the record holds the new text.
        assert b'cadence = "weekly"' in path.read_bytes()

    with monkeypatch.context() as patch:
        patch.setattr(store_module.os, "fsync", recording_fsync)
        patch.setattr(store_module.os, "replace", recording_replace)
        patch.setattr(store_module, "_fsync_folder", recording_folder)
        store.update_mentor("ana-rivera", lambda m: m.revised(cadence="weekly"))

    # (The cache of parsed records, outside the store, then keeps what was written.)
    in_store = [e for e in events if e[1] is None or e[1].is_relative_to(two_mentors)]
    assert in_store == [("fsync", None), ("replace", path), ("fsync folder", path.parent)]


def test_write_text_fsyncs_the_folder_it_wrote_into(tmp_path, monkeypatch):
    folders: list[Path] = []
    monkeypatch.setattr(store_module, "_fsync_folder", folders.append)
    target = tmp_path / "sub" / "file.toml"
    target.parent.mkdir()
    Store(tmp_path)._write_text(target, "x = 1\n")
    assert folders == [target.parent]
    assert target.read_text(encoding="utf-8") == "x = 1\n"


# -- 2. locking ----------------------------------------------------------------------------

WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path

    import menteekit.models, menteekit.render, menteekit.services.mentors, menteekit.store
    from menteekit.cli import main

    ready, go = Path(sys.argv[1]), Path(sys.argv[2])
    ready.touch()
    deadline = time.monotonic() + 30
    while not go.exists():
        if time.monotonic() > deadline:
            sys.exit("never told to go")
        time.sleep(0.001)
    for _ in range(5):
        try:
            main(["mentor", "add", "Same Name", "--no-input", "--force"])
        except SystemExit as exit_:
            if exit_.code not in (0, None):
                sys.exit(exit_.code)
    """
)


def test_parallel_writers_lose_nothing(store, tmp_path):
    workers, adds = 8, 5
    sync = tmp_path / "sync"
    sync.mkdir()
    go = sync / "go"
    env = {**os.environ, "MK_HOME": str(store)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(sync / f"ready-{n}"), str(go)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(workers)
    ]
    try:
        deadline = time.monotonic() + 30
        while len(list(sync.glob("ready-*"))) < workers and time.monotonic() < deadline:
            time.sleep(0.01)
        go.touch()  # all of them start adding at the same moment
        results = [p.communicate(timeout=60) for p in processes]
    finally:
        for p in processes:
            if p.poll() is None:
                p.kill()
                p.wait()
    for p, (_, err) in zip(processes, results, strict=True):
        assert p.returncode == 0, err.decode()

    total = workers * adds
    files = sorted((store / "mentors").iterdir())
    assert len(files) == total
    expected = {"same-name"} | {f"same-name-{n}" for n in range(2, total + 1)}
    assert {f.stem for f in files} == expected
    mentors, problems = Store(store).load_mentors()
    assert problems == []
    assert len(mentors) == total
    assert {m.name for m in mentors} == {"Same Name"}
    assert temporary_files(store) == []


def test_a_held_lock_makes_a_writer_fail_at_once_instead_of_hanging(
    mk, store, monkeypatch, tmp_path
):
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.2)
    before = snapshot(store)
    with FileLock(store / ".mk.lock"):
        started = time.monotonic()
        result = mk("mentor", "add", "Xavier Quinn", "--no-input")
        elapsed = time.monotonic() - started
    assert result.exit_code == 1
    assert "busy" in scrub(result.stderr, tmp_path).lower()
    assert "Traceback" not in result.stderr
    assert elapsed < 5
    assert snapshot(store) == before
    # Once the lock is free, the same command works.
    assert mk("mentor", "add", "Xavier Quinn", "--no-input").exit_code == 0


def test_store_lock_raises_store_error_when_busy(store, monkeypatch):
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.1)
    with FileLock(store / ".mk.lock"), pytest.raises(StoreError, match="busy"), Store(store).lock():
        pass


# -- 3. permissions ------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077], ids=oct)
def test_store_folders_are_0700_and_files_0600_whatever_the_umask(mk, isolated_home, umask):
    old = os.umask(umask)
    try:
        assert mk("init", "--no-input").exit_code == 0
        add_mentor(mk, "Ana Rivera")
        add_mentor(mk, "Ben Okafor")
        store = Store(isolated_home)
        draft = store.draft_path(store.mentor_path("ana-rivera"))
        store.write_draft(draft, "draft text\n")
    finally:
        os.umask(old)
    root = isolated_home
    assert mode(root) == 0o700
    assert mode(root / "mentors") == 0o700
    assert mode(root / ".drafts") == 0o700
    assert mode(root / "menteekit.toml") == 0o600
    assert mode(root / ".gitignore") == 0o600
    assert mode(draft) == 0o600
    mentor_files = sorted((root / "mentors").iterdir())
    assert len(mentor_files) == 2
    for path in mentor_files:
        assert mode(path) == 0o600, path


def test_rewriting_a_file_the_user_made_0644_makes_it_0600_again(mk, two_mentors):
    path = two_mentors / "mentors" / "ana-rivera.toml"
    path.chmod(0o644)
    assert end(mk, "ana").exit_code == 0
    assert mode(path) == 0o600


def test_init_into_an_existing_folder_makes_it_0700(mk, isolated_home):
    isolated_home.mkdir(mode=0o755)
    isolated_home.chmod(0o755)
    (isolated_home / ".git").mkdir()
    assert mk("init", "--no-input").exit_code == 0
    assert mode(isolated_home) == 0o700


# -- 4. unknown keys and comments survive a rewrite ----------------------------------------


def test_ending_a_mentor_keeps_comments_unknown_keys_and_tables(mk, store):
    path = store / "mentors" / "ana-rivera.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    result = end(mk, "ana", "--date", "2024-06-01", "--keep-in-touch")
    assert result.exit_code == 0, result.stderr

    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# Notes on Ana, written by hand."
    assert lines[1] == "# She asked me to keep this file short."
    assert 'name = "Ana Rivera"  # she prefers Ana' in lines
    # The cadence becomes the yearly keep-in-touch reminder, on the same line.
    [cadence] = [line for line in lines if line.startswith("cadence =")]
    assert cadence.startswith('cadence = "yearly"') and cadence.endswith("# agreed in January")
    assert 'favourite_tea = "oolong"' in lines
    assert "[extra]" in lines
    data = tomllib.loads(text)
    assert data["favourite_tea"] == "oolong"
    assert data["extra"] == {"note": "keep me"}
    assert data["status"] == "concluded"
    assert data["conclusion"] == {"date": dt.date(2024, 6, 1), "reason": "r", "achieved": "a"}
    mentor = Store(store).load_mentor("ana-rivera")
    assert mentor.status == "concluded"
    assert mentor.conclusion is not None and mentor.conclusion.reason == "r"


def test_update_changes_only_the_line_of_the_changed_field(store):
    path = store / "mentors" / "ana-rivera.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    old_lines = HAND_WRITTEN.splitlines()

    updated = Store(store).update_mentor("ana-rivera", lambda m: m.revised(cadence="quarterly"))

    assert updated.cadence == "quarterly"
    new_lines = path.read_text(encoding="utf-8").splitlines()
    assert len(new_lines) == len(old_lines)
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert changed == [old_lines.index('cadence = "monthly"  # agreed in January')]
    line = new_lines[changed[0]]
    assert line.startswith('cadence = "quarterly"')
    assert line.endswith("# agreed in January")
    assert Store(store).load_mentor("ana-rivera").cadence == "quarterly"


def test_a_new_key_is_written_above_an_unknown_table_not_into_it(store):
    path = store / "mentors" / "ana-rivera.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    Store(store).update_mentor("ana-rivera", lambda m: m.revised(email="ana@example.org"))
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["email"] == "ana@example.org"
    assert data["extra"] == {"note": "keep me"}


def test_clearing_a_field_removes_its_key_and_keeps_the_rest(store):
    path = store / "mentors" / "ana-rivera.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    Store(store).update_mentor("ana-rivera", lambda m: m.revised(cadence=None))
    text = path.read_text(encoding="utf-8")
    assert "cadence" not in text
    assert 'favourite_tea = "oolong"' in text.splitlines()
    assert tomllib.loads(text)["extra"] == {"note": "keep me"}


# -- 5. broken files -----------------------------------------------------------------------

GOOD_START = b'name = "Bro Ken"\nadded = 2024-01-02\n'

BROKEN = {
    "invalid TOML": (GOOD_START + b"peer = flase\n", 3, ["not valid TOML"]),
    "wrong type": (GOOD_START + b'roles = "research"\n', 3, ["roles"]),
    "invalid enum": (GOOD_START + b'roles = []\nstatus = "retired"\n', 4, ["status"]),
    "missing name": (b'added = 2024-01-02\nroles = ["research"]\n', 1, ["name", "missing"]),
    "invalid UTF-8": (GOOD_START + b'channel = "caf\xe9"\n', 3, ["UTF-8"]),
    "conflict markers": (
        b'name = "Bro Ken"\n<<<<<<< HEAD\nadded = 2024-01-02\n=======\nadded = 2024-01-03\n'
        b">>>>>>> theirs\n",
        2,
        ["conflict"],
    ),
}


@pytest.mark.parametrize(("content", "line", "words"), BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_file_is_one_problem_and_the_rest_stays_usable(
    mk, two_mentors, content, line, words
):
    path = two_mentors / "mentors" / "bro-ken.toml"
    path.write_bytes(content)
    store = Store(two_mentors)

    mentors, problems = store.load_mentors()
    assert sorted(m.slug for m in mentors) == ["ana-rivera", "ben-okafor"]
    [problem] = problems
    assert isinstance(problem, BrokenRecord)
    assert problem.path == path
    assert problem.line == line
    message = str(problem)
    assert "\n" not in message
    assert message.startswith(f"{path}:{line}: ")
    for word in words:
        assert word in message.removeprefix(f"{path}:{line}: ")

    with pytest.raises(BrokenRecord):
        store.update_mentor("bro-ken", lambda m: m.revised(cadence="weekly"))
    assert path.read_bytes() == content

    result = end(mk, "bro-ken")
    assert result.exit_code == 1
    assert str(path) in result.stderr
    assert path.read_bytes() == content

    listed = mk("mentor", "list", "--json")
    assert listed.exit_code == 0
    assert sorted(m["slug"] for m in listed.json()) == ["ana-rivera", "ben-okafor"]
    [error] = error_lines(listed.stderr)
    assert f"{path}:{line}:" in error
    assert "Traceback" not in listed.stderr
    assert path.read_bytes() == content


def test_enum_error_names_line_and_field():
    path = Path("/nowhere/mentors/x.toml")
    text = 'name = "X"\nadded = 2024-01-02\nroles = []\ngroup = "besties"\n'
    with pytest.raises(BrokenRecord) as caught:
        store_module._validate(path, text, tomllib.loads(text), "Mentor")
    assert ":4:" in str(caught.value)
    assert caught.value.field == "group"
    assert "group" in str(caught.value)


def test_a_new_mentor_never_overwrites_a_broken_file_with_the_same_slug(mk, store):
    path = store / "mentors" / "ana-rivera.toml"
    broken = b'name = "Ana Rivera"\nadded = 2024-13-45\n'
    path.write_bytes(broken)
    added = add_mentor(mk, "Ana Rivera", "--force")
    assert added["slug"] == "ana-rivera-2"
    assert path.read_bytes() == broken


@pytest.mark.parametrize(
    "content",
    [
        b'\xef\xbb\xbfname = "Bo Mark"\nroles = ["coach"]\nadded = 2024-01-02\n',
        b'name = "Bo Mark"\r\nroles = ["coach"]\r\nadded = 2024-01-02\r\n',
    ],
    ids=["BOM", "CRLF"],
)
def test_bom_and_crlf_files_load_and_rewrite_fine(mk, two_mentors, content):
    path = two_mentors / "mentors" / "bo-mark.toml"
    path.write_bytes(content)
    store = Store(two_mentors)
    mentors, problems = store.load_mentors()
    assert problems == []
    assert sorted(m.slug for m in mentors) == ["ana-rivera", "ben-okafor", "bo-mark"]
    bo = store.load_mentor("bo-mark")
    assert (bo.name, bo.roles, bo.added) == ("Bo Mark", ["coach"], dt.date(2024, 1, 2))

    result = end(mk, "bo")
    assert result.exit_code == 0, result.stderr
    ended = store.load_mentor("bo-mark")
    assert ended.status == "concluded" and ended.roles == ["coach"]


def test_the_draft_of_a_bom_file_validates(store):
    path = store / "mentors" / "bo-mark.toml"
    path.write_bytes(b'\xef\xbb\xbfname = "Bo Mark"\nadded = 2024-01-02\n')
    s = Store(store)
    assert s.load_mentor("bo-mark").name == "Bo Mark"
    assert s.parse_mentor("bo-mark", s.read_text(path), path).name == "Bo Mark"


def test_rewriting_a_crlf_file_keeps_crlf_line_endings(store):
    path = store / "mentors" / "bo-mark.toml"
    path.write_bytes(b'name = "Bo Mark"\r\nadded = 2024-01-02\r\n')
    Store(store).update_mentor("bo-mark", lambda m: m.revised(cadence="weekly"))
    data = path.read_bytes()
    assert b'cadence = "weekly"' in data
    assert data.count(b"\n") == data.count(b"\r\n")


def test_an_unreadable_file_is_a_broken_record(mk, two_mentors, monkeypatch):
    unreadable = two_mentors / "mentors" / "ana-rivera.toml"
    real_read_bytes = pathlib.Path.read_bytes

    def read_bytes(self):
        if self == unreadable:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    # Made unreadable for real (chmod), the file would have a new stamp and be read again;
    # this one keeps its stamp, so the cache that holds it as written is left out.
    monkeypatch.setenv("MK_CACHE_DIR", str(two_mentors.parent / "another-cache"))
    listed = mk("mentor", "list", "--json")
    assert listed.exit_code == 0
    assert [m["slug"] for m in listed.json()] == ["ben-okafor"]
    [error] = error_lines(listed.stderr)
    assert str(unreadable) in error


# -- 6. schema -----------------------------------------------------------------------------


def test_a_newer_schema_is_refused_and_nothing_changes(mk, two_mentors, tmp_path):
    config = two_mentors / "menteekit.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("schema = 1", "schema = 99"), encoding="utf-8"
    )
    before = snapshot(two_mentors)
    for command in (
        ["board"],
        ["mentor", "add", "Xavier Quinn", "--no-input"],
        ["mentor", "end", "ana", "--no-input", "--reason", "r", "--achieved", "a"],
    ):
        result = mk(*command)
        assert result.exit_code == 1, command
        message = scrub(result.stderr, tmp_path)
        assert "schema 99" in message and "newer" in message
        assert "Traceback" not in result.stderr
        assert snapshot(two_mentors) == before


def test_a_newer_schema_with_a_changed_layout_is_still_reported_as_newer(mk, store, tmp_path):
    (store / "menteekit.toml").write_text('schema = 2\nme = ["a new layout"]\n', encoding="utf-8")
    result = mk("board")
    assert result.exit_code == 1
    assert "newer" in scrub(result.stderr, tmp_path)


@pytest.mark.parametrize(
    ("text", "line"),
    [("schema = 1 1\n[me]\nname = 'x'\n", 1), ('schema = "one"\n', 1), ("[me]\nname = 'x'\n", 1)],
    ids=["invalid TOML", "wrong type", "no schema"],
)
def test_a_broken_config_is_one_line_naming_it(mk, two_mentors, text, line):
    config = two_mentors / "menteekit.toml"
    config.write_text(text, encoding="utf-8")
    before = snapshot(two_mentors)
    for command in (["board"], ["mentor", "add", "Xavier Quinn", "--no-input"]):
        result = mk(*command)
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(f"Error: {config}:{line}: ")
        assert snapshot(two_mentors) == before


# -- 7. ids --------------------------------------------------------------------------------


def test_new_id_uses_the_alphabet_and_avoids_taken_ids():
    taken: set[str] = set()
    for _ in range(300):
        identifier = new_id(taken)
        assert len(identifier) == ID_LENGTH
        assert set(identifier) <= set(ID_ALPHABET)
        assert identifier not in taken
        taken.add(identifier)


def test_new_id_retries_until_a_candidate_is_free(monkeypatch):
    letters = iter("aaaaa" + "bbbbb" + "aaaaa" + "ccccc" + "ddddd")
    calls: list[str] = []

    def choice(alphabet):
        assert alphabet == ID_ALPHABET
        letter = next(letters)
        calls.append(letter)
        return letter

    import secrets  # new_id imports it when first called

    monkeypatch.setattr(secrets, "choice", choice)
    assert new_id({"aaaaa", "bbbbb"}) == "ccccc"
    assert len(calls) == 4 * ID_LENGTH


# -- 8. templates --------------------------------------------------------------------------


def test_packaged_templates_include_the_thank_you_note():
    note = packaged_templates() / "thank-you.md"
    assert note.is_file()
    assert "Dear $greeting," in note.read_text(encoding="utf-8")


def test_a_store_template_overrides_the_packaged_one(mk, two_mentors):
    store = Store(two_mentors)
    packaged = (packaged_templates() / "thank-you.md").read_text(encoding="utf-8")
    assert store.template("thank-you.md") == packaged

    override = two_mentors / "templates" / "thank-you.md"
    override.parent.mkdir()
    override.write_text("Cheers, $mentor_name!\n", encoding="utf-8")
    assert store.template("thank-you.md") == "Cheers, $mentor_name!\n"

    result = end(mk, "ana", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["thank_you_note"] == "Cheers, Ana Rivera!\n"


# -- 9. mk init ----------------------------------------------------------------------------


def test_init_refuses_an_existing_store_and_leaves_it_untouched(mk, two_mentors, tmp_path):
    before = snapshot(two_mentors)
    result = mk("init", "--no-input", "--name", "Someone Else")
    assert result.exit_code == 1
    assert "already" in scrub(result.stderr, tmp_path)
    assert snapshot(two_mentors) == before


def test_init_refuses_a_folder_holding_other_files_and_creates_nothing(mk, isolated_home, tmp_path):
    isolated_home.mkdir()
    (isolated_home / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = mk("init", "--no-input")
    assert result.exit_code == 1
    assert "not empty" in scrub(result.stderr, tmp_path)
    assert sorted(p.name for p in isolated_home.iterdir()) == ["notes.txt"]
    assert (isolated_home / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_init_accepts_a_folder_holding_only_dotfiles(mk, isolated_home):
    (isolated_home / ".git").mkdir(parents=True)
    (isolated_home / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    result = mk("init", "--no-input", "--name", "Sam Okafor")
    assert result.exit_code == 0, result.stderr
    assert Store(isolated_home).open().me.name == "Sam Okafor"
    assert (isolated_home / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (isolated_home / "mentors").is_dir()


def test_store_create_writes_a_readable_config_with_its_header(isolated_home):
    store = Store(isolated_home)
    store.create(StoreConfig(schema=1))
    text = store.config_path.read_text(encoding="utf-8")
    assert text.startswith("# menteekit store:")
    assert store.open().schema_version == 1
    assert ".mk.lock" in (isolated_home / ".gitignore").read_text(encoding="utf-8")
    with pytest.raises(StoreError, match="already"):
        store.create(StoreConfig(schema=1))


def test_init_where_the_store_path_is_a_file_is_a_clear_error(mk, isolated_home):
    isolated_home.write_text("not a folder\n", encoding="utf-8")
    result = mk("init", "--no-input")
    assert result.exit_code == 1
    assert str(isolated_home) in result.stderr
    assert "internal error" not in result.stderr
    assert isolated_home.read_text(encoding="utf-8") == "not a folder\n"


def test_error_lines_skip_look_alike_keys_inside_multi_line_strings():
    path = Path("/nowhere/mentors/x.toml")
    text = (
        'name = "X"\nadded = 2024-01-02\n[conclusion]\nreason = """\ndate = "x"\n"""\n'
        'date = "gone"\n'
    )
    with pytest.raises(BrokenRecord) as caught:
        store_module._validate(path, text, tomllib.loads(text), "Mentor")
    assert caught.value.field == "conclusion.date"
    assert caught.value.line == 7


def test_a_toml_error_at_the_end_of_the_file_names_its_last_line(store):
    path = store / "mentors" / "x.toml"
    path.write_text('name = "X"\nadded = 2024-01-02\nchannel = """never closed\n')
    with pytest.raises(BrokenRecord) as caught:
        Store(store).load_mentor("x")
    assert caught.value.line == 3


def test_init_keeps_an_existing_gitignore(mk, isolated_home):
    isolated_home.mkdir()
    (isolated_home / ".gitignore").write_text("# my ignores\n*.secret\n")
    assert mk("init", "--no-input").exit_code == 0
    lines = (isolated_home / ".gitignore").read_text().splitlines()
    assert lines[:2] == ["# my ignores", "*.secret"]
    assert ".mk.lock" in lines and ".drafts/" in lines


def test_dotted_and_split_tables_keep_their_keys_and_comments(mk, store):
    path = store / "mentors" / "x.toml"
    path.write_text(
        'name = "X"\nadded = 2025-01-01\nconclusion.reason = "old" # c1\n'
        'conclusion.note = "keep"  # c2\nconclusion.date = 2025-06-01\n'
    )
    assert mk("mentor", "end", "x", "--no-input", "--reason", "new").exit_code == 0
    text = path.read_text()
    assert 'conclusion.note = "keep"  # c2' in text and "# c1" in text
    assert Store(store).load_mentor("x").conclusion.reason == "new"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('name = "X"\nadded = 2024-01-02\n[conclusion]\nreason = "r"\n[other]\ndate = 1\n', 3),
        ('name = "X"\nchannel = "say \'\'\' hi"\nadded = 2024-01-02\nstatus = "bad"\n', 4),
        ('name = "X"\nadded = 2024-01-02\nconclusion.reason = "r"\nconclusion.date = "x"\n', 4),
    ],
    ids=["missing key points at its table", "quotes in a one-line string", "dotted keys"],
)
def test_error_lines_in_tricky_layouts(text, line):
    with pytest.raises(BrokenRecord) as caught:
        store_module._validate(Path("x.toml"), text, tomllib.loads(text), "Mentor")
    assert caught.value.line == line


def test_a_read_only_record_is_refused_not_replaced(mk, two_mentors):
    path = two_mentors / "mentors" / "ana-rivera.toml"
    path.chmod(0o400)
    before = path.read_bytes()
    result = end(mk, "ana")
    assert result.exit_code == 1
    assert "read-only" in result.stderr
    assert path.read_bytes() == before and path.stat().st_mode & 0o777 == 0o400


@pytest.mark.parametrize("value", ['"yes"', "0"])
def test_yes_no_fields_must_be_true_or_false(store, value):
    path = store / "mentors" / "x.toml"
    path.write_text(f'name = "X"\nadded = 2025-01-01\ninternal = {value}\n')
    with pytest.raises(BrokenRecord) as caught:
        Store(store).load_mentor("x")
    assert caught.value.field == "internal" and caught.value.line == 3


def test_records_are_listed_in_the_order_of_their_keys(mk, store):
    for name in ("Ana Rivera", "Ana"):
        assert mk("mentor", "add", name, "--no-input").exit_code == 0
    # By key, not by file name: "ana-rivera.toml" sorts before "ana.toml".
    assert Store(store).mentor_slugs() == ["ana", "ana-rivera"]


def test_doctor_fix_deletes_only_its_own_leftovers_never_git_s(mk, two_mentors):
    """The README suggests keeping the store under git: .git/ holds temporary files of its
    own, and so may any folder the user adds."""
    ours = two_mentors / "mentors" / ".ana-rivera.toml.k2j4x9qa.tmp"
    theirs = [two_mentors / ".git" / "objects" / ".pack.tmp", two_mentors / "sub" / ".z.tmp",
              two_mentors / ".notes-by-hand.tmp"]  # fmt: skip
    for path in [ours, *theirs]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    assert Store(two_mentors).leftover_temporary_files() == [ours]
    fixed = mk("doctor", "--fix")
    assert f"Deleted {ours}." in fixed.stdout + fixed.stderr
    assert not ours.exists() and all(path.exists() for path in theirs)


@pytest.mark.parametrize(
    "copy", ["ana-rivera (conflicted copy 2026-12-01).toml", "ana-rivera 2.toml",
             "ana-rivera.sync-conflict-20261201-101010-ABCDEFG.toml"],
)  # fmt: skip
def test_a_copy_a_sync_tool_made_is_not_a_second_record_and_doctor_names_it(mk, two_mentors, copy):
    original = two_mentors / "mentors" / "ana-rivera.toml"
    duplicate = original.with_name(copy)
    duplicate.write_text(original.read_text(), encoding="utf-8")
    listed = mk("mentor", "list", "--json")
    assert [m["slug"] for m in listed.json()] == ["ana-rivera", "ben-okafor"]
    doctor = mk("doctor")
    assert doctor.exit_code == 1
    assert f"{duplicate}: is named as a sync tool names a copy" in doctor.stderr
    assert duplicate.exists()  # left for the user to merge
