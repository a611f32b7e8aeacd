"""The `mk` command: wires the command modules together and holds the one error boundary."""

import os
import sys
from typing import Annotated

import typer

from menteekit import __version__
from menteekit.cli import (
    actions,
    agenda,
    agreement,
    board,
    demo,
    doctor,
    goals,
    health,
    init,
    log,
    meeting,
    mentor,
    notes,
    recap,
    status,
    touch,
)
from menteekit.cli._common import HomeOpt, remember_root_home
from menteekit.errors import MkError

app = typer.Typer(
    name="mk",
    help=(
        "menteekit: a mentoring journal for mentees who drive their own mentoring.\n\n"
        "Keep your mentors, goals, meetings and action items in a plain-text store you own: "
        "set SMART goals, prepare each meeting, reflect right after it, follow through, and "
        "see your mentoring board of directors and its gaps.\n\n"
        "\b\nStart here:\n  mk demo          see a sample store\n  mk init          create yours"
        "\n  mk mentor add    add a mentor\n  mk goal add      set a SMART goal"
        "\n  mk agenda new    prepare a meeting"
        "\n  mk log           reflect after it\n  mk actions       what you owe, and are owed"
        "\n  mk note          jot down a question for the next meeting"
        "\n  mk touch         log an email, a thank-you or a coffee between meetings"
        "\n  mk board         your board and its gaps"
        "\n  mk status        what needs you now"
        "\n  mk health        how each relationship is doing"
    ),
    rich_markup_mode=None,  # plain help: Rich formatting would double the start-up time
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("init")(init.init)
app.command("demo")(demo.demo)
mentor.app.command("agreement")(agreement.agreement)
app.add_typer(mentor.app, name="mentor")
app.command("touch")(touch.touch)
app.command("board")(board.board)
app.command("status")(status.status)
app.command("health")(health.health)
app.add_typer(agenda.app, name="agenda")
app.command("log")(log.log)
app.command("recap")(recap.recap)
app.command("meetings")(meeting.meetings)
meeting.app.command("list", help="The same as `mk meetings`.")(meeting.meetings)
app.add_typer(meeting.app, name="meeting")
app.command("actions")(actions.actions)
actions.app.command("list", help="The same as `mk actions`.")(actions.actions)
app.add_typer(actions.app, name="action")
app.command("done")(actions.done)
app.command("goals")(goals.goals)
goals.app.command("list", help="The same as `mk goals`.")(goals.goals)
app.add_typer(goals.app, name="goal")
app.command("notes")(notes.notes)
notes.app.command("list", help="The same as `mk notes`.")(notes.notes)
app.add_typer(notes.app, name="note")
app.command("doctor")(doctor.doctor)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"mk {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    home: HomeOpt = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    remember_root_home(home)
    if ctx.invoked_subcommand is None:  # a bare `mk` is a request for help, not an error
        typer.echo(ctx.get_help())
        raise typer.Exit()


def main(argv: list[str] | None = None) -> None:
    """Run `mk`: domain errors become one line on stderr and an exit code, never a traceback."""
    debug = os.environ.get("MK_DEBUG", "").lower() in ("1", "true", "yes")
    try:
        app(args=notes.with_add_by_default(sys.argv[1:] if argv is None else argv), prog_name="mk")
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
