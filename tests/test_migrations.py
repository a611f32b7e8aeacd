"""Schema migrations: `mk doctor --fix` upgrades an older store after a backup and re-parses what
it made; every other command refuses an older or newer store instead of misreading it.

Schema 1 is the first schema menteekit has had, so no real migration exists yet. tests/fixtures/
schema-1 is a store written by this version, kept as it is: the store the first real migration
will have to upgrade. These tests pretend this version is schema 2 and register a test-only
migration, to prove the machinery every future migration will go through.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

import pytest

import menteekit.store as store_module
from conftest import snapshot
from menteekit import migrations
from menteekit.migrations import Migration

FIXTURE = Path(__file__).parent / "fixtures" / "schema-1"


@pytest.fixture
def schema_1(isolated_home: Path) -> Path:
    shutil.copytree(FIXTURE, isolated_home)
    # A checkout leaves the fixture readable by all; a store made by mk is private.
    for folder, _, files in os.walk(isolated_home):
        Path(folder).chmod(0o700)
        for name in files:
            (Path(folder) / name).chmod(0o600)
    return isolated_home


def review_every_60_days(path: str, text: str) -> str | None:
    """A test-only migration: goals are reviewed every 60 days instead of 30."""
    if path.startswith("goals/"):
        return text.replace("review_days = 30", "review_days = 60")
    return None


@pytest.fixture
def version_2(monkeypatch):
    """Pretend this menteekit reads schema 2, with the test-only migration from schema 1."""
    monkeypatch.setattr(store_module, "SCHEMA", 2)
    step = Migration(2, "goals are reviewed every 60 days", review_every_60_days)
    monkeypatch.setattr(migrations, "MIGRATIONS", [step])


def test_the_schema_1_fixture_reads_cleanly_with_this_version(mk, schema_1):
    doctor = mk("doctor", "--json")
    assert doctor.exit_code == 0, doctor.stdout
    assert doctor.json() == {"problems": [], "warnings": []}
    assert [a["text"] for a in mk("actions", "--json").json()] == ["Draft the aims page"]
    assert [g["statement"] for g in mk("goals", "--json").json()] == ["Submit the K award"]
    assert [m["name"] for m in mk("mentor", "list", "--json").json()] == ["Ana Rivera"]
    assert len(mk("meetings", "--json").json()) == 1
    assert len(mk("notes", "--json").json()) == 1


def test_doctor_fix_on_a_current_store_changes_nothing(mk, schema_1):
    before = snapshot(schema_1)
    result = mk("doctor", "--fix", "--json")
    assert result.exit_code == 0
    assert result.json()["fixed"] == []
    assert snapshot(schema_1) == before
    assert not (schema_1 / ".backups").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["actions", "--json"],
        ["action", "add", "Call Ana", "--no-input"],
        ["touch", "ana", "--no-input"],
        ["goal", "review", "794mp", "--no-input", "--progress", "10"],
    ],
)
def test_other_commands_refuse_an_older_store_and_write_nothing(mk, schema_1, version_2, argv):
    before = snapshot(schema_1)
    result = mk(*argv)
    assert result.exit_code == 1
    assert "schema 1, older than" in result.stderr
    assert "mk doctor --fix" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(schema_1) == before


def test_doctor_reports_an_older_store_without_fix_and_changes_nothing(mk, schema_1, version_2):
    before = snapshot(schema_1)
    result = mk("doctor")
    assert result.exit_code == 1
    assert "schema 1, older than this menteekit reads (2)" in result.stderr
    assert "mk doctor --fix" in result.stderr
    assert snapshot(schema_1) == before


def test_doctor_fix_backs_up_migrates_and_verifies(mk, schema_1, version_2):
    before = snapshot(schema_1)
    result = mk("doctor", "--fix", "--json")
    assert result.exit_code == 0, result.stdout + result.stderr
    [message] = result.json()["fixed"]
    assert "from schema 1 to 2" in message and "goals are reviewed every 60 days" in message

    # The backup holds the store exactly as it was.
    [backup] = (schema_1 / ".backups").iterdir()
    assert backup.name.endswith("-schema-1")
    assert snapshot(backup) == before
    assert (backup.stat().st_mode & 0o777) == 0o700
    assert ".backups/" in (schema_1 / ".gitignore").read_text(encoding="utf-8")

    # The migration ran on the goal only; menteekit.toml says schema 2 and keeps its comments.
    after = snapshot(schema_1)
    changed = {n for n in before if after.get(n) != before[n]}
    assert changed == {"menteekit.toml", "goals/794mp.toml", ".gitignore"}
    config = (schema_1 / "menteekit.toml").read_text(encoding="utf-8")
    assert tomllib.loads(config)["schema"] == 2
    assert config.startswith("# menteekit store")
    assert mk("goal", "show", "794mp", "--json").json()["review_days"] == 60
    # The store is usable again, and a second --fix has nothing to do.
    assert mk("status").exit_code == 0
    again = mk("doctor", "--fix", "--json")
    assert again.exit_code == 0 and again.json()["fixed"] == []
    assert len(list((schema_1 / ".backups").iterdir())) == 1


def test_the_backup_keeps_a_dangling_link_as_a_link(mk, schema_1, version_2, tmp_path):
    (schema_1 / "mentors" / "ghost.toml").symlink_to(tmp_path / "nowhere.toml")
    result = mk("doctor", "--fix", "--json")
    assert "Traceback" not in result.stderr and result.exit_code in (0, 1), result.stderr
    [backup] = (schema_1 / ".backups").iterdir()
    ghost = backup / "mentors" / "ghost.toml"
    assert ghost.is_symlink() and not ghost.exists()


def test_a_migration_that_would_break_a_record_is_refused_and_changes_nothing(
    mk, schema_1, version_2, monkeypatch
):
    def breaks_goals(path: str, text: str) -> str | None:
        return (
            text.replace("review_days = 30", 'review_days = "monthly"')
            if "goals/" in path
            else None
        )

    monkeypatch.setattr(migrations, "MIGRATIONS", [Migration(2, "broken", breaks_goals)])
    before = snapshot(schema_1)
    result = mk("doctor", "--fix")
    assert result.exit_code == 1
    assert "would break" in result.stderr and "794mp.toml" in result.stderr
    assert "nothing was changed" in result.stderr
    assert snapshot(schema_1) == before
    assert not (schema_1 / ".backups").exists()


def test_a_missing_migration_step_is_refused(mk, schema_1, version_2, monkeypatch):
    monkeypatch.setattr(store_module, "SCHEMA", 3)
    before = snapshot(schema_1)
    result = mk("doctor", "--fix")
    assert result.exit_code == 1
    assert "cannot upgrade a store of schema 1" in result.stderr
    assert snapshot(schema_1) == before


def test_doctor_fix_refuses_a_newer_store(mk, schema_1):
    config = schema_1 / "menteekit.toml"
    config.write_text(config.read_text().replace("schema = 1", "schema = 9"))
    before = snapshot(schema_1)
    result = mk("doctor", "--fix")
    assert result.exit_code == 1
    assert "newer than this menteekit" in result.stderr
    assert snapshot(schema_1) == before


def test_an_interrupted_migration_is_finished_by_running_it_again(
    mk, schema_1, version_2, monkeypatch, tmp_path
):
    def two_files(path: str, text: str) -> str | None:
        if path.startswith("goals/"):
            return text.replace("review_days = 30", "review_days = 60")
        if path.startswith("actions/") and "(v2)" not in text:  # idempotent
            return text.replace('"Draft the aims page"', '"Draft the aims page (v2)"')
        return None

    monkeypatch.setattr(migrations, "MIGRATIONS", [Migration(2, "two files", two_files)])
    clean = tmp_path / "clean"
    shutil.copytree(schema_1, clean)
    assert mk("doctor", "--fix", "--home", str(clean)).exit_code == 0

    # The machine fails after the first file is replaced (a full disk, a crash).
    real_write = store_module.Store._write_text
    writes = []

    def failing_write(self, path, text, **options):
        writes.append(path)
        if len(writes) == 2:
            raise OSError(28, "No space left on device", str(path))
        return real_write(self, path, text, **options)

    monkeypatch.setattr(store_module.Store, "_write_text", failing_write)
    failed = mk("doctor", "--fix")
    assert failed.exit_code == 1 and "No space left" in failed.stderr
    monkeypatch.setattr(store_module.Store, "_write_text", real_write)
    assert "older than" in mk("status").stderr  # still refused: the schema is still 1

    assert mk("doctor", "--fix").exit_code == 0
    records = {k: v for k, v in snapshot(schema_1).items() if not k.startswith(".")}
    assert records == {k: v for k, v in snapshot(clean).items() if not k.startswith(".")}
