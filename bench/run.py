"""Time `mk` on the ten-year benchmark store against the targets of DESIGN §7.

    python bench/run.py [--runs 15] [--seed 1] [--scale 1] [--keep DIR]

Generates fresh stores at scale 1 and 2 (bench/make_store.py), then times whole processes:
one warm-up round (which also fills the cache of parsed records, as any earlier use would),
then `--runs` counted rounds. Each round runs the floor (`python -c "import typer"`), then
every command in turn, each at scale 1 and straight after at scale 2, so that a slow moment
of the machine does not land on one command or one scale. The last command is
`mk status --short` straight after an `mk action add` on the same store, as a shell prompt
runs it after every command. Reports the median wall time at each scale, the scale-1 ratio
to the floor's median, the growth from scale 1 to 2 (the median of each round's pair), the
peak RSS, and whether each target is met. Exits 1 when one is not.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

MAKE_STORE = Path(__file__).resolve().parent / "make_store.py"
MIB = 1024 * 1024
RSS_LIMIT_MIB = 80
GROWTH_LIMIT = 0.15


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]
    limit: float  # the most it may take, as a multiple of the floor
    on_copy: bool = False  # runs on a copy of the store, kept for all its runs
    first: tuple[str, ...] = ()  # an `mk` command run just before it (on the same store), not timed


def commands(mentor: str) -> list[Command]:
    return [
        Command("mk --help", ("--help",), 1.2),
        Command("mk status", ("status",), 1.5),
        Command("mk status --short", ("status", "--short"), 1.5),
        Command("mk board", ("board",), 1.5),
        Command("mk actions --json", ("actions", "--json"), 1.5),
        Command("mk goal list --json", ("goal", "list", "--json"), 2.0),
        Command("mk health", ("health",), 2.0),
        Command("mk meetings --json", ("meetings", "--json"), 2.0),
        Command(
            "mk agenda new --no-input",
            ("agenda", "new", mentor, "--no-input", "--item", "x"),
            2.0,
            on_copy=True,
        ),
        # A shell prompt runs straight after every command, writes included.
        Command(
            "mk status --short after add",
            ("status", "--short"),
            1.5,
            on_copy=True,
            first=("action", "add", "Benchmark item", "--no-input"),
        ),
    ]


@dataclass
class Timing:
    seconds: list[float]
    rss: int  # bytes, the largest seen
    failed: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int, int, str]:
    """Wall time, peak RSS (bytes), exit code and the end of stderr of one process."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        tail = errors.read().decode(errors="replace").strip().splitlines()[-1:]
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return elapsed, rss, process.returncode, tail[0] if tail else ""


def mk_executable() -> str:
    found = shutil.which("mk", path=str(Path(sys.executable).parent)) or shutil.which("mk")
    if found is None:
        sys.exit("No `mk` found: install the project (see README) in this environment first.")
    return found


@dataclass
class Results:
    floor: Timing
    timings: dict[tuple[str, int], Timing]  # by command name and scale


def time_both(stores: dict[int, Path], work: Path, runs: int, mk: str) -> Results:
    """Time every command at both scales in the same rounds: each round runs the floor, then
    each command at scale 1 and straight after at scale 2, so that the growth compares runs
    made seconds apart, whatever the machine does over the minutes of the whole run."""
    envs = {}
    copies = {}
    for scale, store in stores.items():
        scratch = work / f"scratch-{scale}"
        scratch.mkdir()
        env = {
            **os.environ,
            "MK_HOME": str(store),
            "MK_CACHE_DIR": str(scratch / "cache"),
            "NO_COLOR": "1",
            "COLUMNS": "100",
        }
        # As installed: byte-code is written once and read after (the warm-up round writes it).
        for variable in ("MK_DEBUG", "PYTHONDONTWRITEBYTECODE"):
            env.pop(variable, None)
        envs[scale] = env
        copies[scale] = scratch / "copy"
        shutil.copytree(store, copies[scale])
    mentor = sorted(p.stem for p in (stores[1] / "mentors").glob("*.toml"))[0]
    todo = commands(mentor)
    floor = Timing([], 0)
    timings = {(c.name, scale): Timing([], 0) for c in todo for scale in stores}
    for round_number in range(runs + 1):  # round 0 warms the caches up and is not counted
        counted = round_number > 0
        elapsed, rss, _, _ = run_once([sys.executable, "-c", "import typer"], envs[1])
        if counted:
            floor.seconds.append(elapsed)
            floor.rss = max(floor.rss, rss)
        for command in todo:
            for scale, env in envs.items():
                timing = timings[command.name, scale]
                if timing.failed:
                    continue
                # Writes go to the copy, for all the rounds: each `mk agenda new` adds to the
                # meeting the one before planned, as a user's would.
                run_env = {**env, "MK_HOME": str(copies[scale])} if command.on_copy else env
                if command.first:
                    code = run_once([mk, *command.first], run_env)[2]
                    if code != 0:
                        timing.failed = f"`mk {' '.join(command.first)}`: exit {code}"
                        continue
                elapsed, rss, code, tail = run_once([mk, *command.args], run_env)
                if code != 0:
                    timing.failed = f"exit {code}: {tail}"
                    continue
                if counted:
                    timing.seconds.append(elapsed)
                    timing.rss = max(timing.rss, rss)
    return Results(floor, timings)


def report(results: Results, mentor_count: int, base: float = 1) -> bool:
    """Print the table (the stores at `base` and twice it); True when every target is met."""
    floor = results.floor.median
    print(f'floor `python -c "import typer"`: {floor * 1000:.0f} ms (median)')
    header = (
        f"{'command':<28}{f'scale {base:g}':>11}{'ratio':>7}{'limit':>7}{f'scale {2 * base:g}':>11}"
        f"{'growth':>8}{'RSS MiB':>9}  result"
    )
    print(header)
    print("-" * len(header))
    all_met = True
    for command in commands("x"):
        name, limit = command.name, command.limit
        one, two = results.timings[name, 1], results.timings[name, 2]
        if one.failed or two.failed:
            all_met = False
            print(f"{name:<28}  failed: {one.failed or two.failed}")
            continue
        ratio = one.median / floor
        # Each round ran scale 2 just after scale 1: the median of those pairs' ratios.
        pairs = zip(one.seconds, two.seconds, strict=True)
        growth = statistics.median([b / a for a, b in pairs]) - 1
        rss = max(one.rss, two.rss) / MIB
        problems = []
        if ratio > limit:
            problems.append(f"ratio > {limit}")
        if growth > GROWTH_LIMIT:
            problems.append(f"growth > {GROWTH_LIMIT:.0%}")
        if rss > RSS_LIMIT_MIB:
            problems.append(f"RSS > {RSS_LIMIT_MIB} MiB")
        all_met = all_met and not problems
        print(
            f"{name:<28}{one.median * 1000:>9.0f}ms{ratio:>7.2f}{limit:>7.1f}"
            f"{two.median * 1000:>9.0f}ms{growth:>+8.0%}{rss:>9.1f}  "
            + ("met" if not problems else "NOT MET: " + ", ".join(problems))
        )
    print(
        f"\n{'every target met' if all_met else 'some targets not met'} "
        f"({mentor_count} mentors at scale {base:g})"
    )
    return all_met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="counted runs per command (>= 5)")
    parser.add_argument("--seed", type=int, default=1, help="the store's random seed")
    parser.add_argument(
        "--scale", type=float, default=1, help="the smaller store's scale (default 1; twice it too)"
    )
    parser.add_argument("--keep", type=Path, help="build the stores here and keep them")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    if args.scale <= 0:
        parser.error("--scale must be more than 0")
    mk = mk_executable()
    work = args.keep or Path(tempfile.mkdtemp(prefix="menteekit-bench-"))
    stores = {scale: work / f"store-{scale}" for scale in (1, 2)}
    try:
        for scale, store in stores.items():
            size = f"{scale * args.scale:g}"
            print(f"Generating the scale-{size} store…", file=sys.stderr, flush=True)
            # In its own process: a child forked from a large parent would report the
            # parent's memory as its own peak RSS.
            subprocess.run(
                [
                    sys.executable,
                    str(MAKE_STORE),
                    str(store),
                    f"--scale={size}",
                    f"--seed={args.seed}",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        time.sleep(3)  # files younger than two seconds are never cached: let them settle
        print(f"Timing both scales ({args.runs} runs)…", file=sys.stderr, flush=True)
        results = time_both(stores, work, args.runs, mk)
        mentors = len(list((stores[1] / "mentors").glob("*.toml")))
        return 0 if report(results, mentors, args.scale) else 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
