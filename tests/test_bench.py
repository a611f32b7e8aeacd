"""The benchmark (bench/run.py, not part of the suite) still runs: a tiny store, one round."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parents[1] / "bench" / "run.py"
COMMANDS = [
    "mk --help",
    "mk status",
    "mk status --short",
    "mk board",
    "mk actions --json",
    "mk goal list --json",
    "mk health",
    "mk meetings --json",
    "mk agenda new --no-input",
    "mk status --short after add",
]


def test_the_benchmark_runs_every_command_at_both_scales(tmp_path):
    done = subprocess.run(
        [sys.executable, str(RUN), "--scale", "0.05", "--runs", "1", "--keep", str(tmp_path)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode in (0, 1), done.stderr  # 1: a target not met, which it may not be
    lines = done.stdout.splitlines()
    assert lines[1].split()[1:3] == ["scale", "0.05"]
    rows = [line for line in lines if line.startswith("mk ")]
    assert [row[:28].rstrip() for row in rows] == COMMANDS
    assert not [row for row in rows if "failed" in row]
    assert (tmp_path / "store-1" / "meetings").is_dir()  # --keep keeps the stores
