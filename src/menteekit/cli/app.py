"""The `mk` application: typer, and only the command module being run."""

import importlib
from typing import Annotated

import typer

from menteekit import __version__
from menteekit.cli import LISTING
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

COMMANDS = {
    "init": "init",
    "demo": "demo",
    "mentor": "mentor",
    "touch": "touch",
    "board": "board",
    "status": "status",
    "health": "health",
    "agenda": "agenda",
    "log": "log",
    "recap": "recap",
    "meetings": "meeting",
    "meeting": "meeting",
    "actions": "actions",
    "action": "actions",
    "done": "actions",
    "goals": "goals",
    "goal": "goals",
    "notes": "notes",
    "note": "notes",
    "doctor": "doctor",
}
"""Every command name, in the order they are registered, and its module in `menteekit.cli`:
a command is the module's function of that name, a group of commands its `app`."""
GROUPS = {"mentor", "agenda", "meeting", "action", "goal", "note"}


def _register(app: typer.Typer, module_name: str) -> None:
    """Add the commands of module `module_name` to `app`.

    Only the module of the command being run is imported: each one costs start-up time.
    """
    module = importlib.import_module(f"menteekit.cli.{module_name}")
    for name, defined_in in COMMANDS.items():
        if defined_in != module_name:
            continue
        if name in GROUPS:
            app.add_typer(module.app, name=name)
        else:
            app.command(name)(getattr(module, name))


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
        _register(app, COMMANDS[command])
    elif everything:
        for module_name in dict.fromkeys(COMMANDS.values()):
            _register(app, module_name)
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
