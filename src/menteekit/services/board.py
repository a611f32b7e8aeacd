"""The mentoring board of directors: which roles are filled, the gaps, balance, who is overdue.

No single mentor can cover research, teaching, clinical work, career, leadership and life, so a
mentee keeps a board of several. This module reads the board off the mentor records and says
where to look for each gap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from menteekit.errors import BrokenRecord
from menteekit.services.goals import goals_without_mentor, listing_order
from menteekit.services.mentors import counted_from, days_overdue, keeps_in_touch
from menteekit.vocab import GoalStatus, Group, Role, Status, cadence_text

if TYPE_CHECKING:
    from menteekit.models import Goal, Mentor, Profile

WHERE_TO_LOOK: dict[Role, str] = {
    Role.research: (
        "Ask your current mentors whom they would send a new researcher to; look at the senior "
        "authors of papers you admire and at collaborators on your own projects."
    ),
    Role.clinical: (
        "Think of the senior clinician in your field whose practice you would most like to "
        "copy, and ask your programme director or division chief to introduce you."
    ),
    Role.teaching: (
        "Try your faculty development or education office, course directors whose teaching "
        "learners praise, and the education interest group of your professional society."
    ),
    Role.career: (
        "Look for someone a step or two ahead on the path you want, ideally outside your line "
        "of supervision; faculty affairs offices and society programmes often match mentees."
    ),
    Role.leadership: (
        "Watch who runs committees, teams or projects well and ask them how they learned; "
        "leadership programmes and society committees are good places to meet them."
    ),
    Role.life: (
        "Peers a few years ahead, role models who share part of your background or "
        "circumstances, and affinity or peer-mentoring groups."
    ),
    Role.sponsor: (
        "Sponsors usually grow out of mentors who know your work: tell a senior mentor which "
        "opportunities you want and ask whether they would put your name forward."
    ),
    Role.advisor: (
        "For a specific task, ask who knows the process best: administrators, core facility "
        "leads, or the colleague who did it last year."
    ),
    Role.coach: (
        "Faculty development offices often offer coaching; a certified coach or a peer-coaching "
        "pairing also works when you need clarity about your own goals."
    ),
}


class OverdueMentor(NamedTuple):
    slug: str
    name: str
    cadence: str
    last_contact: dt.date
    days_since: int
    days_overdue: int
    keep_in_touch: bool = False  # concluded: the cadence is a reminder to send a note


class Relationship(NamedTuple):
    """Where one relationship stands: its phase and its agreement."""

    slug: str
    name: str
    phase: str | None
    phase_since: dt.date | None
    phase_note: str | None
    agreed: dt.date | None  # first agreed
    revisited: dt.date | None  # last gone over together, if ever


class LoneGoal(NamedTuple):
    """An active goal no active mentor helps with."""

    id: str
    statement: str


class Suggestion(NamedTuple):
    topic: str
    text: str


class Board(NamedTuple):
    """Everything `mk board` shows; the same data serves the table and the JSON."""

    me: str
    values: list[str]
    goals: list[str]
    names: dict[str, str]
    active: list[str]
    roles: dict[str, list[str]]
    gaps: list[str]
    not_needed: list[str]
    groups: dict[str, list[str]]
    ungrouped: list[str]
    internal: list[str]
    external: list[str]
    peers: list[str]
    seniors: list[str]
    overdue: list[OverdueMentor]
    relationships: list[Relationship]
    no_cadence: list[str]
    goals_without_mentor: list[LoneGoal]
    suggestions: list[Suggestion]
    problems: Sequence[dict[str, object]] = ()


def build_board(
    mentors: list[Mentor],
    me: Profile,
    today: dt.date,
    problems: Sequence[BrokenRecord] = (),
    goals: Sequence[Goal] = (),
) -> Board:
    """Read the board of directors off the mentor records (and which goals no mentor helps
    with off the goals), as of `today`."""
    active = sorted((m for m in mentors if m.status is Status.active), key=lambda m: m.name)
    roles = {role.value: [m.slug for m in active if role in m.roles] for role in Role}
    not_needed = [role.value for role in Role if role in me.roles_not_needed]
    gaps = [role for role, slugs in roles.items() if not slugs and role not in not_needed]
    groups = {group.value: [m.slug for m in active if m.group is group] for group in Group}
    overdue = sorted(
        (
            OverdueMentor(
                slug=m.slug,
                name=m.name,
                cadence=m.cadence or "",
                last_contact=contact,
                days_since=(today - contact).days,
                days_overdue=late,
                keep_in_touch=keeps_in_touch(m),
            )
            for m in [*active, *(m for m in mentors if keeps_in_touch(m))]
            if (late := days_overdue(m, today)) is not None and (contact := counted_from(m))
        ),
        key=lambda o: -o.days_overdue,
    )
    board = Board(
        me=me.name,
        values=list(me.values),
        # The SMART goals once there are any: the profile's goals were a first draft of them.
        goals=[g.statement for g in listing_order(goals) if g.status is GoalStatus.active]
        if goals
        else list(me.goals),
        names={m.slug: m.name for m in mentors},
        active=[m.slug for m in active],
        roles=roles,
        gaps=gaps,
        not_needed=not_needed,
        groups=groups,
        ungrouped=[m.slug for m in active if m.group is None],
        internal=[m.slug for m in active if m.internal is True],
        external=[m.slug for m in active if m.internal is False],
        peers=[m.slug for m in active if m.peer is True],
        seniors=[m.slug for m in active if m.peer is False],
        overdue=overdue,
        relationships=[
            Relationship(
                slug=m.slug,
                name=m.name,
                phase=m.phase.value if m.phase else None,
                phase_since=m.phase_since,
                phase_note=m.phase_note,
                agreed=m.agreement.agreed if m.agreement else None,
                revisited=m.agreement.revisited if m.agreement else None,
            )
            for m in active
        ],
        no_cadence=[m.slug for m in active if m.cadence is None],
        goals_without_mentor=[
            LoneGoal(g.id, g.statement) for g in goals_without_mentor(goals, mentors)
        ],
        suggestions=[],
        problems=[p.as_json() for p in problems],
    )
    board.suggestions.extend(_suggestions(board, mentors))
    return board


def _suggestions(board: Board, mentors: list[Mentor]) -> list[Suggestion]:
    """Concrete next steps: who to approach for each gap, and how to balance the board."""
    if not board.active:
        return [
            Suggestion(
                "start",
                "Begin with the people who already shaped your path: who do you go to for "
                "counsel now? Add them with `mk mentor add`, then look at the gaps.",
            )
        ]
    prospective = [m for m in mentors if m.status is Status.prospective]
    suggestions = []
    for gap in board.gaps:
        candidates = [m.name for m in prospective if gap in m.roles]
        text = WHERE_TO_LOOK[Role(gap)]
        if candidates:
            text = f"You noted {', '.join(candidates)} as a prospect: reach out. " + text
        suggestions.append(Suggestion(gap, text))
    informal = board.groups[Group.informal_professional] + board.groups[Group.informal_life]
    formal = board.groups[Group.work_project] + board.groups[Group.formal_career]
    if formal and not informal and not board.ungrouped:
        suggestions.append(
            Suggestion(
                "informal",
                "All your mentors are formal ones. An informal mentor outside your line of work "
                "can give more candid feedback and stay with you when jobs change.",
            )
        )
    # Only when it is known of everyone: a mentor whose side is "not said" is not guessed.
    everyone = len(board.active)
    if board.internal and len(board.internal) == everyone:
        suggestions.append(
            Suggestion(
                "external",
                "Everyone is from your own institution. A mentor from elsewhere (a society, a "
                "collaborator's group) brings perspective and can sponsor you beyond it.",
            )
        )
    if board.seniors and len(board.seniors) == everyone:
        suggestions.append(
            Suggestion(
                "peer",
                "You have no peer mentor. A colleague at your stage, or a little ahead, is good "
                "for honest day-to-day advice and mutual accountability.",
            )
        )
    for goal in board.goals_without_mentor:
        suggestions.append(
            Suggestion(
                "goal",
                f"No mentor helps with “{goal.statement}”: who has done this, or something "
                f"like it? Ask them, then link them with `mk goal link {goal.id} MENTOR`.",
            )
        )
    for late in board.overdue:
        if late.keep_in_touch:
            text = (
                f"Send {late.name} a short note on how things are going: mentors like to "
                "hear what became of their advice, and it keeps the door open."
            )
        else:
            text = (
                f"Get in touch with {late.name}: a short update, a question or a thank-you "
                f"keeps {cadence_text(late.cadence, article=True)} relationship alive."
            )
        suggestions.append(Suggestion("contact", text))
    unagreed = [r.name for r in board.relationships if r.agreed is None]
    if unagreed:
        suggestions.append(
            Suggestion(
                "agreement",
                f"No ground rules agreed yet with {_some(unagreed)}: goals, how often you "
                "meet, what stays confidential. Draft them with `mk mentor agreement NAME`.",
            )
        )
    if board.no_cadence:
        names = _some([board.names[s] for s in board.no_cadence])
        suggestions.append(
            Suggestion(
                "cadence",
                f"Agree how often to meet with {names}, then record it with "
                "`mk mentor edit` so menteekit can tell you when contact is due.",
            )
        )
    return suggestions


def _some(names: list[str], most: int = 5) -> str:
    """`names` as a list in a sentence, cut short on a large board: a hint naming twenty
    mentors is read by nobody (the board lists each relationship above it, and `--json` has
    them all)."""
    if len(names) <= most + 1:
        return ", ".join(names)
    return f"{', '.join(names[:most])} and {len(names) - most} more"
