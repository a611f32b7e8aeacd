"""`mk board`: the mentoring board of directors."""

from menteekit.cli._common import HomeOpt, JsonOpt, open_store


def board(home: HomeOpt = None, json: JsonOpt = False) -> None:
    """Show your mentoring board of directors: roles filled, gaps, balance, who is overdue,
    and which of your goals no mentor helps with.

    Each of the nine roles (research, clinical, teaching, career, leadership, life, sponsor,
    advisor, coach) lists the active mentors who fill it; empty ones are gaps, with ideas for
    where to look. The relationship map sorts mentors into formal and informal groups.

    \b
    Examples:
      mk board
      mk board --json | jq '.gaps'
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.services.board import build_board

    store, config = open_store(home)
    mentors, problems = store.load_mentors()
    goals, goal_problems = store.load_goals()
    # Goals it cannot read are left out of "which goals no mentor helps with": counted too.
    problems += goal_problems
    # A broken profile was reported by open_store; the JSON lists it with the rest.
    listed = [store.config_problem, *problems] if store.config_problem else problems
    view = build_board(mentors, config.me, local_now().date(), listed, goals)
    if json:
        render.print_json(view)
    else:
        render.board(view)
    render.report_problems(problems)
