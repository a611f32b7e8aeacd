"""`mk demo`: a sample store, so a newcomer sees the tool working in one command."""

from typing import Annotated

import typer

from menteekit.cli._common import given_home


def demo(
    home: Annotated[
        str | None,
        typer.Option(
            "--home",
            metavar="PATH",
            show_default=False,
            help="Build the sample here (a new or empty folder) instead of a temporary one.",
        ),
    ] = None,
) -> None:
    """Build a realistic sample store and show its board; your own store is not touched.

    The sample goes into a new temporary folder, or into --home if you give one (it must be new
    or empty). Explore it afterwards with `mk --home FOLDER ...`.

    \b
    Examples:
      mk demo
      mk demo --home ~/menteekit-demo && mk --home ~/menteekit-demo mentor list
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.services.board import build_board
    from menteekit.services.demo import sample_mentors, sample_profile
    from menteekit.services.mentors import slugify
    from menteekit.store import Store, resolve_root

    # MK_HOME is deliberately ignored: it usually points at the user's real store.
    home = given_home(home)
    store = Store(resolve_root(home)) if home else Store.temporary()
    today = local_now().date()
    config = sample_profile()
    store.create(config)
    mentors = [store.add_mentor(m, slugify(m.name)) for m in sample_mentors(today)]
    render.board(build_board(mentors, config.me, today))
    render.say(
        f"\nThis sample store is in {store.root}\n"
        f"Look around:  mk --home {store.root} mentor list\n"
        f"              mk --home {store.root} mentor show rivera\n"
        "Make your own: mk init\n"
        f"(The sample is yours to play with; delete {store.root} when you are done.)"
    )
