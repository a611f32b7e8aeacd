"""Hand-edit fuzzing: random corruptions of every kind of record file, then every kind of command.

Whatever the corruption: no command shows a traceback; reading commands still show the other
records and name the broken file (with its line when there is one); writing commands leave the
broken file byte-for-byte as it was; `mk doctor` lists it and exits 1. A corruption that leaves
the file valid (a BOM, CRLF, an unknown key, a long value) must keep working, and a rewrite
keeps what the user added.

The default suite runs a few examples per kind of record; `pytest -m full` runs many more.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from conftest import add_action, add_mentor
from menteekit.errors import BrokenRecord, StoreError
from menteekit.models import Action, Goal, Meeting, Mentor, Note, StoreConfig
from menteekit.store import Store
from records import write_meeting

QUICK_EXAMPLES = 6
FULL_EXAMPLES = 150

# -- corruptions -----------------------------------------------------------------------------

WRONG_VALUES = ["[1, 2]", '"text"', "12", "-1", "true", "{ a = 1 }", "1979-05-27", "3.5", '""']


@st.composite
def corruptions(draw, raw: bytes) -> tuple[str, bytes]:
    """A named corruption of a record file's bytes, as a person or a tool might make it."""
    text = raw.decode("utf-8")
    lines = text.splitlines(keepends=True)
    at = draw(st.integers(0, max(len(lines) - 1, 0)))
    keyed = [n for n, line in enumerate(lines) if "=" in line and not line.startswith("[")]
    key_line = draw(st.sampled_from(keyed)) if keyed else at

    def with_line(number: int, new: str) -> str:
        return "".join([*lines[:number], new, *lines[number + 1 :]])

    def key_of(number: int) -> str:
        return lines[number].split("=", 1)[0]

    kind = draw(
        st.sampled_from(
            [
                "truncated", "invalid toml", "wrong type", "missing field", "unknown key",
                "impossible date", "no opening fence", "no closing fence", "fence in a value",
                "bom", "crlf", "invalid utf-8", "lone surrogate", "escaped surrogate",
                "conflict markers", "very long value", "empty", "junk line",
            ]
        )
    )  # fmt: skip
    if kind == "truncated":
        return kind, raw[: draw(st.integers(0, max(len(raw) - 1, 0)))]
    if kind == "invalid toml":
        junk = draw(st.sampled_from(['x = "unclosed\n', "[table\n", "= 3\n", "a = 1 = 2\n"]))
        return kind, with_line(at, lines[at] + junk if lines else junk).encode()
    if kind == "wrong type":
        value = draw(st.sampled_from(WRONG_VALUES))
        return kind, with_line(key_line, f"{key_of(key_line)}= {value}\n").encode()
    if kind == "missing field":
        return kind, with_line(key_line, "").encode()
    if kind == "unknown key":
        return kind, (text + "zz_my_own_key = 'kept'\n").encode() if lines else raw
    if kind == "impossible date":
        value = draw(st.sampled_from(["2025-02-30", "2025-13-01", "2025-04-31T25:00:00"]))
        return kind, with_line(key_line, f"{key_of(key_line)}= {value}\n").encode()
    if kind == "no opening fence":
        return kind, "".join(lines[1:]).encode()
    if kind == "no closing fence":
        return kind, "".join(x for n, x in enumerate(lines) if n == 0 or x != "+++\n").encode()
    if kind == "fence in a value":
        return kind, with_line(at, lines[at] + 'extra = """\n+++\n"""\n' if lines else "").encode()
    if kind == "bom":
        return kind, b"\xef\xbb\xbf" + raw
    if kind == "crlf":
        return kind, raw.replace(b"\n", b"\r\n")
    if kind == "invalid utf-8":
        cut = draw(st.integers(0, len(raw)))
        return kind, raw[:cut] + draw(st.sampled_from([b"\xff", b"\xc3(", b"\x80\x80"])) + raw[cut:]
    if kind == "lone surrogate":  # a surrogate written as UTF-8 bytes: not valid UTF-8
        return kind, raw + b'zz = "\xed\xb2\x80"\n'
    if kind == "escaped surrogate":
        return kind, (text + 'zz = "\\udc80"\n').encode()
    if kind == "conflict markers":
        theirs = f"<<<<<<< HEAD\n{lines[at] if lines else ''}=======\nzz = 1\n>>>>>>> theirs\n"
        return kind, with_line(at, theirs).encode()
    if kind == "very long value":
        long = "x" * draw(st.integers(1_000, 200_000))
        return kind, (text + f'zz_long = "{long}"\n').encode()
    if kind == "empty":
        return kind, b""
    junk = draw(st.text(min_size=1, max_size=40)).replace("\x00", "")
    return kind, with_line(at, junk + "\n").encode("utf-8", "surrogatepass")


# -- the store and the commands ----------------------------------------------------------------

KINDS = ["config", "mentor", "meeting", "action", "goal", "note"]


def build(mk, store: Path) -> dict[str, object]:
    """Two records of each kind (so one can be broken and the other shown), and their ids."""
    add_mentor(mk, "Ana Rivera", "--cadence", "monthly")
    add_mentor(mk, "Ben Okafor")
    for meeting_id, when in (("mt111", -2), ("mt222", -1)):
        write_meeting(store, meeting_id, "ana-rivera", when, status="planned", reflected=False)
    actions = [add_action(mk, f"Action {n}", "--mentor", "ana", "--due", "+1w") for n in (1, 2)]
    goals = [mk("goal", "add", f"Goal {n}", "--no-input", "--json").json()["id"] for n in (1, 2)]
    notes = [mk("note", "add", "ana", f"Note {n}", "--json").json()["id"] for n in (1, 2)]
    return {
        "config": ("menteekit.toml", None),
        "mentor": ("mentors/ana-rivera.toml", "mentors/ben-okafor.toml"),
        "meeting": (
            str(next((store / "meetings").glob("*-mt111.md")).relative_to(store)),
            str(next((store / "meetings").glob("*-mt222.md")).relative_to(store)),
        ),
        "action": (f"actions/{actions[0]}.toml", f"actions/{actions[1]}.toml"),
        "goal": (f"goals/{goals[0]}.toml", f"goals/{goals[1]}.toml"),
        "note": (f"notes/{notes[0]}.md", f"notes/{notes[1]}.md"),
    }


MODELS = {
    "config": StoreConfig,
    "mentor": Mentor,
    "meeting": Meeting,
    "action": Action,
    "goal": Goal,
    "note": Note,
}
CONFLICT = re.compile(r"^<{7}.*^>{7}", re.MULTILINE | re.DOTALL)


def readable(kind: str, data: bytes) -> bool:
    """Whether the file is a valid record, judged without the store's own reading code."""
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return False
    if CONFLICT.search(text):
        return False
    fronts = [text]
    if kind in ("meeting", "note"):
        lines = text.split("\n")
        if not lines or lines[0].rstrip("\r") != "+++":
            return False
        # Any closing +++ line will do: one inside a multi-line string fails to parse.
        closing = [n for n in range(1, len(lines)) if lines[n].rstrip("\r") == "+++"]
        fronts = ["\n".join(lines[1:n]) + "\n" for n in closing]
    for front in fronts:
        try:
            MODELS[kind].model_validate(tomllib.loads(front))
        except (tomllib.TOMLDecodeError, ValidationError, RecursionError):
            continue
        return True
    return False


def problem_of(store: Store, kind: str, path: Path) -> BrokenRecord | StoreError | None:
    """What the store makes of the file: None if it reads fine."""
    try:
        if kind == "config":
            store.open()
            return store.config_problem
        record_id = path.stem.rsplit("-", 1)[-1]
        {
            "mentor": lambda: store.load_mentor(path.stem),
            "meeting": lambda: store.load_meeting(record_id),
            "action": lambda: store.load_action(path.stem),
            "goal": lambda: store.load_goal(path.stem),
            "note": lambda: store.load_note(path.stem),
        }[kind]()
    except (BrokenRecord, StoreError) as problem:  # StoreError: a config of another schema
        return problem
    return None


# Reading commands that read each kind: the first lists that kind, so must show the other
# record of it too.
READING = {
    "config": [["mentor", "list", "--json"], ["status"], ["board"], ["health"]],
    "mentor": [["mentor", "list", "--json"], ["board", "--json"], ["health"], ["status"]],
    "meeting": [["meetings", "--json"], ["status", "--json"], ["health"], ["health", "ben"]],
    "action": [["actions", "--all", "--json"], ["status", "--json"], ["health"]],
    "goal": [["goals", "--all", "--json"], ["goal", "plan"], ["status"], ["board", "--json"]],
    "note": [["notes", "--all", "--json"], ["notes", "--mentor", "ana"]],
}
# What the other record of the kind is called in a listing: it must still be shown.
SHOWN = {
    "mentor": "Ben Okafor",
    "meeting": "mt222",
    "action": "Action 2",
    "goal": "Goal 2",
    "note": "Note 2",
}


def writing(kind: str, path: Path) -> list[list[str]]:
    """Commands that would rewrite the record at `path`."""
    record_id = path.stem.rsplit("-", 1)[-1]
    return {
        "config": [["mentor", "add", "Cy Young", "--no-input", "--force"]],
        "mentor": [["touch", "ana-rivera", "--no-input"], ["mentor", "phase", "ana-rivera", "mid"]],
        "meeting": [["log", record_id, "--no-input", "--note", "Went well"]],
        "action": [["done", record_id]],
        "goal": [["goal", "review", record_id, "--no-input", "--progress", "10"]],
        "note": [["note", "drop", record_id]],
    }[kind]


def assert_no_crash(result, argv) -> None:
    everything = result.stdout + result.stderr
    assert "Traceback" not in everything, (argv, everything)
    assert "internal error" not in everything, (argv, everything)
    assert result.exit_code in (0, 1, 2), (argv, result.exit_code, everything)


_BASES: dict[str, tuple[Path, dict]] = {}


def fuzz_one(mk, kind: str, corruption: st.DataObject, tmp_path: Path) -> None:
    base, names = _BASES[kind]
    root = Path(tempfile.mkdtemp(dir=tmp_path)) / "store"
    shutil.copytree(base, root, symlinks=True)
    target = root / names[kind][0]
    name, data = corruption.draw(corruptions(target.read_bytes()), label="corruption")
    target.write_bytes(data)
    home = ["--home", str(root)]
    problem = problem_of(Store(root), kind, target)
    if not readable(kind, data):
        assert problem is not None, (name, "the store read a broken file as a record")

    for argv in READING[kind]:
        result = mk(*argv, *home)
        assert_no_crash(result, argv)
        if problem is None:
            continue
        if kind == "config" and result.exit_code == 1:  # nothing can be read without it
            assert str(root) in result.stderr, (name, argv, result.stderr)
        else:
            assert str(target) in result.stderr, (name, argv, result.stderr)
            if getattr(problem, "line", None):
                assert f"{target}:{problem.line}" in result.stderr, (name, argv)
        if kind in SHOWN and argv == READING[kind][0]:
            assert result.exit_code == 0, (name, argv, result.stderr)
            assert SHOWN[kind] in result.stdout + result.stderr, (name, argv)

    for argv in writing(kind, target):
        result = mk(*argv, *home)
        assert_no_crash(result, argv)
        if problem is not None:
            assert target.read_bytes() == data, (name, argv, "a broken record was rewritten")
        elif result.exit_code == 0 and target.exists():
            assert problem_of(Store(root), kind, target) is None, (name, argv)
            if name == "unknown key":
                assert "zz_my_own_key = 'kept'" in target.read_text(encoding="utf-8-sig")

    if kind != "config":  # the rest of the store keeps working, writes included
        unrelated = mk("note", "add", "A journal entry", "--no-input", *home)
        assert unrelated.exit_code == 0, (name, unrelated.stderr)

    doctor = mk("doctor", "--json", *home)
    assert_no_crash(doctor, ["doctor"])
    if problem is not None:
        assert doctor.exit_code == 1, (name, doctor.stdout, doctor.stderr)
        reported = doctor.stdout + doctor.stderr
        named = root if isinstance(problem, StoreError) else target  # a newer schema: the store
        assert str(named) in reported, (name, reported)
    shutil.rmtree(root.parent)


@pytest.fixture
def bases(mk, store, tmp_path_factory) -> None:
    """The store to corrupt, built once per worker and copied for each example."""
    if not _BASES:
        names = build(mk, store)
        base = tmp_path_factory.mktemp("fuzz") / "store"
        shutil.copytree(store, base, symlinks=True)
        for kind in KINDS:
            _BASES[kind] = (base, names)


def fuzz_settings(examples: int):
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@pytest.mark.parametrize("kind", KINDS)
@fuzz_settings(QUICK_EXAMPLES)
@given(corruption=st.data())
def test_a_hand_broken_file_is_reported_never_rewritten(mk, bases, kind, corruption, tmp_path):
    fuzz_one(mk, kind, corruption, tmp_path)


@pytest.mark.full
@pytest.mark.parametrize("kind", KINDS)
@fuzz_settings(FULL_EXAMPLES)
@given(corruption=st.data())
def test_full_fuzzing(mk, bases, kind, corruption, tmp_path):
    fuzz_one(mk, kind, corruption, tmp_path)


def test_doctor_lists_every_broken_file_at_once(mk, bases, tmp_path):
    base, names = _BASES["mentor"]
    root = tmp_path / "all-broken"
    shutil.copytree(base, root, symlinks=True)
    broken = [root / names[kind][0] for kind in KINDS if kind != "config"]
    for path in broken:
        path.write_bytes(path.read_bytes()[:-9])  # cut off mid-line: no longer a record
    config = root / "menteekit.toml"
    config.write_text(config.read_text().replace('name = "Sam Okafor"', "name = 3"))
    doctor = mk("doctor", "--json", "--home", str(root))
    assert doctor.exit_code == 1, doctor.stderr
    reported = {p["path"] for p in doctor.json()["problems"]}
    assert reported == {str(p) for p in broken} | {str(root / "menteekit.toml")}
    assert all(p["line"] for p in doctor.json()["problems"])


# -- every command on a store with one broken file of each kind --------------------------------

# Every command of `mk --help` (tests/test_bad_input.py checks the list is complete), run with
# good arguments on records that are fine. "{x}" names the healthy record of kind x.
EVERY_COMMAND = {
    "init": ["--no-input"],
    "demo": ["--home", "{tmp}/demo"],
    "touch": ["ben", "--no-input"],
    "board": [],
    "status": [],
    "health": [],
    "log": ["{meeting}", "--no-input", "--note", "Good talk"],
    "recap": ["{meeting}"],
    "meetings": [],
    "actions": [],
    "done": ["{action}"],
    "goals": [],
    "notes": [],
    "doctor": [],
    "mentor add": ["Cy Young", "--no-input", "--force"],
    "mentor list": [],
    "mentor show": ["ben"],
    "mentor edit": ["ben"],
    "mentor end": ["ben", "--no-input", "--reason", "moved", "--achieved", "a paper"],
    "mentor phase": ["ben", "mid"],
    "mentor agreement": ["ben", "--no-input"],
    "agenda new": ["ben", "--no-input", "--date", "in 3 days"],
    "agenda show": ["{meeting}"],
    "agenda edit": ["{meeting}"],
    "meeting cancel": ["{meeting}", "--no-input"],
    "meeting reschedule": ["{meeting}", "--date", "in 9 days", "--no-input"],
    "meeting list": [],
    "action add": ["Call Ben", "--no-input"],
    "action drop": ["{action}", "--no-input"],
    "action edit": ["{action}"],
    "action list": [],
    "goal add": ["Publish the paper", "--no-input"],
    "goal show": ["{goal}"],
    "goal review": ["{goal}", "--no-input", "--progress", "5"],
    "goal done": ["{goal}"],
    "goal drop": ["{goal}", "--no-input"],
    "goal pause": ["{goal}"],
    "goal resume": ["{goal}"],
    "goal link": ["{goal}", "ben"],
    "goal edit": ["{goal}"],
    "goal plan": [],
    "goal list": [],
    "note add": ["ben", "Ask about teaching"],
    "note show": ["{note}"],
    "note edit": ["{note}"],
    "note drop": ["{note}"],
    "note list": [],
}
# Those that exit 1 all the same: the store exists (init), the meeting is not held yet (recap),
# there are problems (doctor), the goal is active (resume).
REFUSING = {"init", "recap", "doctor", "goal resume"}
# Commands aimed at a broken record (of that kind): they must refuse, naming its file. (The
# edit commands are not here: editing is how a broken record gets fixed.)
AT_BROKEN = {
    "touch": ("mentor", ["ana-rivera", "--no-input"]),
    "mentor phase": ("mentor", ["ana-rivera", "mid"]),
    "mentor end": ("mentor", ["ana-rivera", "--no-input", "--reason", "r", "--achieved", "a"]),
    "log": ("meeting", ["{broken meeting}", "--no-input"]),
    "agenda show": ("meeting", ["{broken meeting}"]),
    "meeting cancel": ("meeting", ["{broken meeting}", "--no-input"]),
    "done": ("action", ["{broken action}"]),
    "action drop": ("action", ["{broken action}", "--no-input"]),
    "goal review": ("goal", ["{broken goal}", "--no-input", "--progress", "5"]),
    "goal done": ("goal", ["{broken goal}"]),
    "goal link": ("goal", ["{broken goal}", "ben"]),
    "note drop": ("note", ["{broken note}"]),
    "note show": ("note", ["{broken note}"]),
}


@pytest.fixture
def all_broken(mk, bases, tmp_path) -> tuple[Path, dict[str, str], dict[str, Path]]:
    """The fuzz store with the first record of every kind cut off mid-line and a broken
    profile; the ids to put in the commands; the broken file of each kind."""
    base, names = _BASES["mentor"]
    root = tmp_path / "all-broken"
    shutil.copytree(base, root, symlinks=True)
    for kind in KINDS[1:]:
        path = root / names[kind][0]
        path.write_bytes(path.read_bytes()[:-9])
    config = root / "menteekit.toml"
    config.write_text(config.read_text().replace('name = "Sam Okafor"', "name = 3"))
    broken = {kind: root / names[kind][0] for kind in KINDS}
    ids = {"tmp": str(tmp_path)}
    for kind in ("meeting", "action", "goal", "note"):
        healthy, sick = (Path(n).stem.rsplit("-", 1)[-1] for n in reversed(names[kind]))
        ids[kind], ids[f"broken {kind}"] = healthy, sick
    return root, ids, broken


def fill(argv: list[str], ids: dict[str, str]) -> list[str]:
    return [arg.format(**ids) if "{" in arg else arg for arg in argv]


def run_on(mk, root: Path, command: str, argv: list[str]):
    home = [] if "--home" in argv else ["--home", str(root)]
    return mk(*command.split(), *argv, *home, env={"EDITOR": "true"})


def test_the_command_list_is_every_command():
    from test_bad_input import BAD_INPUT  # its own test checks it against `mk --help`

    assert sorted(EVERY_COMMAND) == sorted(BAD_INPUT)


@pytest.mark.parametrize("command", EVERY_COMMAND)
def test_every_command_works_beside_broken_files_and_leaves_them(mk, all_broken, command):
    root, ids, broken = all_broken
    before = {path: path.read_bytes() for path in broken.values()}
    result = run_on(mk, root, command, fill(EVERY_COMMAND[command], ids))
    if command not in REFUSING:
        assert result.exit_code == 0, (command, result.stderr)
    assert_no_crash(result, command)
    assert {path: path.read_bytes() for path in broken.values()} == before, command


@pytest.mark.parametrize("command", AT_BROKEN)
def test_a_command_aimed_at_a_broken_record_refuses_and_names_it(mk, all_broken, command):
    root, ids, broken = all_broken
    kind, argv = AT_BROKEN[command]
    before = {path: path.read_bytes() for path in broken.values()}
    result = run_on(mk, root, command, fill(argv, ids))
    assert_no_crash(result, command)
    assert result.exit_code == 1, (command, result.stdout, result.stderr)
    assert f"{broken[kind]}:" in result.stderr, (command, result.stderr)
    assert {path: path.read_bytes() for path in broken.values()} == before, command
