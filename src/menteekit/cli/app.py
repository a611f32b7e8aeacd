"""The `mk` application: typer, and only the command module being run."""

from typing import Annotated

import typer

from menteekit import __version__
from menteekit.cli import COMMANDS, LISTING
from menteekit.cli._common import HomeOpt, remember_root_home

HELP = (
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
)

_SAME_MODULE = {"meeting", "action", "done", "goal", "note"}
"""Names registered along with the one before them in `COMMANDS`."""


def _register(app: typer.Typer, name: str) -> None:
    """Add command `name` (and the commands that share its module) to `app`.

    Only the module of the command being run is imported: each one costs start-up time, and a
    prompt line like `mk status --short` runs many times a day.
    """
    if name == "init":
        from menteekit.cli import init

        app.command("init")(init.init)
    elif name == "demo":
        from menteekit.cli import demo

        app.command("demo")(demo.demo)
    elif name == "mentor":
        from menteekit.cli import mentor

        app.add_typer(mentor.app, name="mentor")
    elif name == "touch":
        from menteekit.cli import touch

        app.command("touch")(touch.touch)
    elif name == "board":
        from menteekit.cli import board

        app.command("board")(board.board)
    elif name == "status":
        from menteekit.cli import status

        app.command("status")(status.status)
    elif name == "health":
        from menteekit.cli import health

        app.command("health")(health.health)
    elif name == "agenda":
        from menteekit.cli import agenda

        app.add_typer(agenda.app, name="agenda")
    elif name == "log":
        from menteekit.cli import log

        app.command("log")(log.log)
    elif name == "recap":
        from menteekit.cli import recap

        app.command("recap")(recap.recap)
    elif name in ("meetings", "meeting"):
        from menteekit.cli import meeting

        app.command("meetings")(meeting.meetings)
        app.add_typer(meeting.app, name="meeting")
    elif name in ("actions", "action", "done"):
        from menteekit.cli import actions

        app.command("actions")(actions.actions)
        app.add_typer(actions.app, name="action")
        app.command("done")(actions.done)
    elif name in ("goals", "goal"):
        from menteekit.cli import goals

        app.command("goals")(goals.goals)
        app.add_typer(goals.app, name="goal")
    elif name in ("notes", "note"):
        from menteekit.cli import notes

        app.command("notes")(notes.notes)
        app.add_typer(notes.app, name="note")
    elif name == "doctor":
        from menteekit.cli import doctor

        app.command("doctor")(doctor.doctor)


def _listed() -> None:
    """Stands in for a command in the listing; never run."""


def make_app(command: str | None = None, *, everything: bool = False) -> typer.Typer:
    """The `mk` application able to run `command`; without one (or with an unknown one), one
    that only lists the commands, unless `everything` asks for every real command."""
    app = typer.Typer(
        name="mk",
        help=HELP,
        rich_markup_mode=None,  # plain help: Rich formatting would double the start-up time
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback(invoke_without_command=True)(root)
    if command in COMMANDS:
        _register(app, command)
    elif everything:
        for name in COMMANDS:
            if name not in _SAME_MODULE:
                _register(app, name)
    else:
        for name, text in LISTING.items():
            app.command(name, help=text)(_listed)
    return app


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"mk {__version__}")
        raise typer.Exit()


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
