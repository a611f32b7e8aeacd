"""The `mk` command: what a command line asks for, and the one error boundary.

Nothing here loads typer: the application (`menteekit.cli.app`) is built only for the command
being run, and the plain forms of `mk status`, `mk actions` and `mk health` are answered
without it (`plain`).
"""

import contextlib
import errno
import os
import sys

from menteekit.cli import plain
from menteekit.errors import MkError

# What `mk --help` lists, as each command's help begins (tests/test_startup.py checks it): the
# listing, an unknown command's error and `mk --version` need no command module at all.
LISTING: dict[str, str] = {
    "init": "Create your store, starting with a short self-reflection.",
    "demo": (
        "Build a realistic sample store and show its board and status; your own store is not "
        "touched."
    ),
    "touch": "Log a contact with a mentor between meetings: an email, a thank-you, a coffee.",
    "board": (
        "Show your mentoring board of directors: roles filled, gaps, balance, who is overdue, and"
        " which of your goals no mentor helps with."
    ),
    "status": (
        "Show what needs you now: the next meetings and whether their agenda is ready, meetings "
        "without a reflection, action items overdue or due within a week, mentors overdue for "
        "contact, and goals due for review — each with the command that deals with it."
    ),
    "health": "Show how each relationship is doing, from your own record of the last year.",
    "log": "Reflect on a meeting right after it: what happened, what you heard, what comes next.",
    "recap": "Draft a short follow-up email to your mentor after a meeting.",
    "meetings": (
        "List meetings, oldest first: when, with whom, status, agenda size, reflected or not."
    ),
    "actions": "List open action items, overdue first, then by due date.",
    "done": "Mark action items done (a dropped one too, if you did it after all).",
    "goals": (
        "List your active goals: horizon, due date, progress, next review and weak SMART letters."
    ),
    "notes": "List notes, oldest first: for which mentor, what kind, and where each one is.",
    "doctor": "Check every file in the store and list each problem with its file and line.",
    "mentor": (
        "Add, list, show, edit and end your mentoring relationships; agree their ground rules and"
        " say which phase each is in."
    ),
    "agenda": "Prepare a meeting's agenda, show it, or edit it.",
    "meeting": "Cancel or reschedule a meeting (list them with `mk meetings`).",
    "action": (
        "Add, drop and edit action items (list them with `mk actions`, close them with `mk done`)."
    ),
    "goal": (
        "Set SMART goals, review them, and share your development plan (list them: `mk goals`)."
    ),
    "note": (
        "Write a note for your next meeting with a mentor, or a journal entry; show, edit or drop"
        " one (list them with `mk notes`)."
    ),
}


_HELP_OPTIONS = ("-h", "--help")
NOTE_SUBCOMMANDS = ("add", "list", "show", "edit", "drop")


def _command_at(args: list[str]) -> int:
    """Where the command name is in `args`: after the root's own options."""
    at = 0
    while at < len(args) and args[at].startswith("-") and args[at] not in _HELP_OPTIONS:
        at += 2 if args[at] == "--home" else 1
    return at


def command_named(args: list[str]) -> str | None:
    """The command `args` run, if any."""
    at = _command_at(args)
    return args[at] if at < len(args) and not args[at].startswith("-") else None


def with_add_by_default(args: list[str]) -> list[str]:
    """`mk note [MENTOR] TEXT` is short for `mk note add [MENTOR] TEXT`: anything after `note`
    that is not one of its commands (or a request for help) is a note to add."""
    at = _command_at(args)
    if at >= len(args) or args[at] != "note":
        return args
    after = at + 1
    while after < len(args) and (args[after] == "--home" or args[after].startswith("--home=")):
        after += 2 if args[after] == "--home" else 1  # the group's own --home
    if after < len(args) and args[after] in (*NOTE_SUBCOMMANDS, *_HELP_OPTIONS):
        return args
    return [*args[: at + 1], "add", *args[at + 1 :]]


def main(argv: list[str] | None = None) -> None:
    """Run `mk`: domain errors become one line on stderr and an exit code, never a traceback."""
    debug = os.environ.get("MK_DEBUG", "").lower() in ("1", "true", "yes")
    if sys.stderr is None:  # started with `2>&-`: the messages are not wanted
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (kept for the whole run)
    if sys.stdout is None:
        # Started with the output closed (`>&-`): nothing could be shown, so nothing is done.
        sys.stderr.write("Error: the standard output is closed; nothing was done.\n")
        sys.exit(1)
    try:
        args = with_add_by_default(sys.argv[1:] if argv is None else argv)
        # Shell completion names its words in the environment: it needs every command.
        completing = "_MK_COMPLETE" in os.environ
        try:
            if completing or not plain.answer(args):
                from menteekit.cli.app import make_app

                make_app(command_named(args), everything=completing)(args=args, prog_name="mk")
        except SystemExit:
            _flush_output()  # typer's way to finish: a closed pipe or a full disk, below
            raise
        except BaseException:
            _drop_unwritable_output()  # never in the way of the error on its way out
            raise
        else:
            # What is still buffered goes out here, where a closed pipe or a full disk is
            # reported as below, rather than at exit as a Python warning and exit code 120.
            _flush_output()
    except KeyboardInterrupt:  # as typer exits on Ctrl-C, where it was not there to catch it
        sys.exit(130)
    except MkError as error:
        if debug:
            import traceback

            traceback.print_exc()
        # Stopping a walkthrough is a choice, not an error.
        sys.stderr.write(f"{error}\n" if error.exit_code == 130 else f"Error: {error}\n")
        if error.hint:
            sys.stderr.write(f"{error.hint}\n")
        sys.exit(error.exit_code)
    except UnicodeEncodeError:
        # The output stream cannot carry the user's text (a ValueError: caught before bugs are).
        sys.stderr.write(
            "Error: the terminal or pipe cannot show some characters of your records; "
            "use a UTF-8 locale or set PYTHONIOENCODING=utf-8.\n"
        )
        sys.exit(1)
    except OSError as error:
        _drop_unwritable_output()
        if error.errno == errno.EPIPE:  # the reader is gone (`| head`): as typer, quietly
            sys.exit(1)
        # The machine, not menteekit: a full disk, a read-only folder, a missing permission.
        if debug:
            raise
        where = f": {error.filename}" if error.filename else ""
        sys.stderr.write(f"Error: {error.strerror or error}{where}\n")
        sys.exit(1)
    except Exception as error:
        if debug:
            raise
        sys.stderr.write(
            f"Error: internal error ({type(error).__name__}: {error}). This is a bug in "
            "menteekit; run again with MK_DEBUG=1 to see the traceback, and please report it.\n"
        )
        sys.exit(70)


def _flush_output() -> None:
    """Write out what is buffered; an output already closed has nothing left to write."""
    with contextlib.suppress(ValueError):
        sys.stdout.flush()


def _drop_unwritable_output() -> None:
    """Let go of output that cannot be written (a closed pipe, a full disk), so that Python
    does not try again at exit and report it a second time."""
    try:
        _flush_output()
    except OSError:
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
