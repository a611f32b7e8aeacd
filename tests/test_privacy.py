"""Privacy: everything the store holds is 0600 in 0700 folders whatever the umask; nothing is
written outside the store but an explicit --output; a record that is a link leading out of the
store is never written through; `mk doctor` reports loose permissions and `--fix` tightens them.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from conftest import add_action, add_mentor, snapshot


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def workflow(mk, tmp_path: Path) -> None:
    """One of every write: the whole meeting cycle, goals, notes, contacts and an edit."""
    add_mentor(mk, "Ana Rivera", "--role", "research")
    meeting = mk("agenda", "new", "ana", "--no-input", "--json", "--date", "in 2 days",
                 "--item", "Ask about the grant").json()["id"]  # fmt: skip
    assert mk("log", meeting, "--no-input", "--note", "Good talk", "--action", "Send the aims",
              "--next", "in 5 weeks").exit_code == 0  # fmt: skip
    action = add_action(mk, "Book the room")
    assert mk("done", action).exit_code == 0
    goal = mk("goal", "add", "Submit the K award", "--no-input", "--json").json()["id"]
    assert mk("goal", "review", goal, "--no-input", "--progress", "20").exit_code == 0
    assert mk("note", "add", "ana", "Ask about sabbaticals").exit_code == 0
    assert mk("touch", "ana", "--kind", "thanks", "--no-input").exit_code == 0
    script = tmp_path / "editor.py"
    script.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                      "p.write_text(p.read_text() + '# edited\\n')\n")  # fmt: skip
    edit = mk("action", "edit", action, env={"EDITOR": f"{sys.executable} {script}"})
    assert edit.exit_code == 0, edit.stderr


@pytest.mark.parametrize("umask", [0o000, 0o002, 0o022])
def test_everything_in_the_store_is_private_whatever_the_umask(mk, isolated_home, tmp_path, umask):
    old = os.umask(umask)
    try:
        assert mk("init", "--no-input").exit_code == 0
        workflow(mk, tmp_path)
    finally:
        os.umask(old)
    paths = [isolated_home, *isolated_home.rglob("*")]
    assert len(paths) > 10
    for path in paths:
        assert mode(path) == (0o700 if path.is_dir() else 0o600), (path, oct(mode(path)))
    assert not list((isolated_home / ".drafts").iterdir())  # the edit's draft is gone


def test_nothing_is_written_outside_the_store_but_an_explicit_output(
    mk, isolated_home, tmp_path, monkeypatch
):
    # Everything a careless tool might write into: the home folder, config and cache folders,
    # the current folder.
    outside = tmp_path / "outside"
    for name in ("home", "config", "cache", "data", "cwd"):
        (outside / name).mkdir(parents=True)
    monkeypatch.setenv("HOME", str(outside / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(outside / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(outside / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(outside / "data"))
    monkeypatch.chdir(outside / "cwd")
    monkeypatch.delenv("MK_CACHE_DIR")  # the cache of parsed records goes where it would,
    monkeypatch.setattr("menteekit.cache.SETTLE_SECONDS", -60.0)  # and holds every record
    assert mk("init", "--no-input").exit_code == 0
    workflow(mk, tmp_path)
    for command in (["status"], ["board"], ["health"], ["doctor", "--fix"], ["goal", "plan"]):
        assert mk(*command).exit_code == 0, command
    # Only the cache of parsed records, private, in the user cache folder.
    cached = snapshot(outside)
    assert cached
    assert all(name.startswith("cache/menteekit/") for name in cached), sorted(cached)
    for name in cached:
        assert mode(outside / name) == 0o600
        assert mode((outside / name).parent) == 0o700
    shutil.rmtree(outside / "cache" / "menteekit")
    assert snapshot(outside) == {}

    plan = outside / "cwd" / "plan.md"
    assert mk("goal", "plan", "--output", str(plan)).exit_code == 0
    written = {k: v for k, v in snapshot(outside).items() if not k.startswith("cache/")}
    assert written == {"cwd/plan.md": plan.read_bytes()}
    assert mode(plan) == 0o600


@pytest.fixture
def linked_action(mk, store, tmp_path) -> tuple[Path, Path]:
    """An action file that is a link to a file outside the store."""
    action = add_action(mk, "Draft the aims page")
    record = store / "actions" / f"{action}.toml"
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_bytes(record.read_bytes())
    record.unlink()
    record.symlink_to(elsewhere)
    return record, elsewhere


def test_a_record_linked_outside_the_store_is_never_written_through(mk, linked_action):
    record, elsewhere = linked_action
    before = elsewhere.read_bytes()
    result = mk("done", record.stem)
    assert result.exit_code == 1
    assert "outside the store" in result.stderr and "left untouched" in result.stderr
    assert elsewhere.read_bytes() == before
    assert record.is_symlink()
    doctor = mk("doctor")
    assert doctor.exit_code == 1
    assert f"{record}: is a link to {elsewhere}, outside the store" in doctor.stderr


def test_a_link_inside_the_store_is_written_through_and_stays_a_link(mk, store):
    action = add_action(mk, "Draft the aims page")
    record = store / "actions" / f"{action}.toml"
    kept = store / "kept"  # e.g. a folder a dotfiles manager links records from
    kept.mkdir(mode=0o700)
    target = kept / "aims.toml"
    record.rename(target)
    record.symlink_to(target)
    assert mk("done", action).exit_code == 0
    assert record.is_symlink()
    assert 'status = "done"' in target.read_text(encoding="utf-8")
    assert mk("doctor").exit_code == 0


def test_doctor_reports_loose_permissions_and_fix_tightens_them(mk, store):
    add_mentor(mk, "Ana Rivera")
    record = store / "mentors" / "ana-rivera.toml"
    record.chmod(0o644)
    (store / "mentors").chmod(0o755)
    store.chmod(0o750)

    report = mk("doctor", "--json")
    assert report.exit_code == 0  # a warning: nothing is broken
    warned = "\n".join(report.json()["warnings"])
    for path in (record, store / "mentors", store):
        assert f"{path}: others on this machine may read it" in warned

    fixed = mk("doctor", "--fix", "--json")
    assert fixed.exit_code == 0
    assert len(fixed.json()["fixed"]) == 3
    assert fixed.json()["warnings"] == []
    assert (mode(record), mode(store / "mentors"), mode(store)) == (0o600, 0o700, 0o700)


def test_doctor_fix_deletes_temporary_files_left_by_a_crash(mk, store):
    add_mentor(mk, "Ana Rivera")
    leftover = store / "mentors" / ".ana-rivera.toml.x1y2z3.tmp"
    leftover.write_text("name = 'half", encoding="utf-8")
    leftover.chmod(0o600)
    assert "interrupted write" in mk("doctor").stderr
    fixed = mk("doctor", "--fix", "--json").json()["fixed"]
    assert fixed == [f"Deleted {leftover}."]
    assert not leftover.exists()


def test_a_record_folder_linked_outside_the_store_is_never_written_into(mk, store, tmp_path):
    add_action(mk, "Draft the aims page")
    elsewhere = tmp_path / "elsewhere"
    (store / "actions").rename(elsewhere)
    (store / "actions").symlink_to(elsewhere)
    before = snapshot(elsewhere)
    result = mk("action", "add", "Book the room", "--no-input")
    assert result.exit_code == 1
    assert "outside the store" in result.stderr
    assert snapshot(elsewhere) == before
    doctor = mk("doctor")  # the reason every write fails is reported, not "no problems"
    assert doctor.exit_code == 1
    assert "actions: is a link to" in doctor.stderr
