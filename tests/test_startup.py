"""Start-up stays light: `mk --help` must not pay for pydantic, rich, tomlkit or the store."""

from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = ["pydantic", "rich", "tomlkit", "tomli_w", "dateutil", "parsedatetime", "menteekit.store",
         "menteekit.models", "menteekit.render"]  # fmt: skip


def modules_loaded_by(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=os.environ
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_importing_the_cli_loads_nothing_heavy():
    loaded = modules_loaded_by("import menteekit.cli")
    assert not [m for m in HEAVY if m in loaded]


def test_help_loads_nothing_heavy():
    code = (
        "from menteekit.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "try:\n    main(['mentor', 'add', '--help'])\nexcept SystemExit:\n    pass"
    )
    loaded = modules_loaded_by(code)
    assert not [m for m in HEAVY if m in loaded]
