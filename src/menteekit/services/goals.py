"""SMART goals: checking a goal letter by letter, progress, reviews, and where to raise them.

A mentee who knows their goals is not carried along by a mentor's agenda. The check is a
heuristic, meant to prompt a better sentence rather than to grade: each SMART letter is ok or
weak, and a weak one comes with a concrete way to strengthen it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from menteekit.errors import MkError
from menteekit.patterns import LazyPattern
from menteekit.services.lookup import find_unique
from menteekit.services.templates import fill
from menteekit.vocab import (
    ActionStatus,
    GoalStatus,
    Horizon,
    ItemKind,
    ItemOrigin,
    ItemStatus,
    MeetingStatus,
    Owner,
)

if TYPE_CHECKING:
    from menteekit.models import Action, AgendaItem, CheckIn, Goal, Meeting, Mentor, Profile

FOCUS_LIMIT = 3
"""The guides advise working on about three goals at a time (per relationship, per horizon)."""


class Letter(NamedTuple):
    """One letter of SMART: what it asks, and an example of a goal that meets it."""

    letter: str
    name: str
    asks: str
    example: str


LETTERS = (
    Letter(
        "S",
        "specific",
        "Say exactly what you will do or produce: a verb and what it acts on.",
        "Submit a first-author paper on the readmissions cohort (not 'publish more')",
    ),
    Letter(
        "M",
        "measurable",
        "How will you know it is done? A number, or a result you can point to.",
        "Manuscript submitted to a journal; or 3 grand-rounds talks given",
    ),
    Letter(
        "A",
        "achievable",
        "Why is it within reach, and what will it take: time, data, money, people?",
        "The data are cleaned; it needs 4 protected hours a week and a statistician's review",
    ),
    Letter(
        "R",
        "relevant",
        "Which of your values does it serve? That is why it matters to you.",
        "independence, patient care",
    ),
    Letter(
        "T",
        "time-bound",
        "When is it due? Within a year for a short-term goal; years ahead for a long one.",
        "end of june; Q3 2027; 2031-09-01 for a long-term goal",
    ),
)


class LetterCheck(NamedTuple):
    letter: str
    ok: bool
    advice: str = ""


_NUMBER = LazyPattern(
    r"(?<![\w.])[$€£]?\d+(?:[.,]\d+)*(?:%|k|x|st|nd|rd|th|h|ms)?(?!\w)"
    r"|\bq[1-4]\b"
    r"|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|hundred|thousand|half|twice|double|triple)\b",
    re.IGNORECASE,
)
_YEAR = LazyPattern(r"(?:19|20)\d\d")
# A direction without a destination, where the verb of the goal is: "improve my writing",
# "get better at teaching", "do more research", "publish more" (not "publish a paper on
# improving hand hygiene", where the vague word is the topic).
_VAGUE = LazyPattern(
    r"(?:^|\b(?:to|and|will|then)\s+)(?:really\s+)?("
    r"improve|get(?:ting)? better|be(?:come)? (?:a |an )?better|be(?:come)? more|"
    r"do more|work on|work harder|learn more|try to|focus on|keep up|increase|enhance|"
    r"strengthen|boost|grow|develop my|build my|expand my|broaden my)\b"
    r"|^\w+(?:\s+\w+)?\s+(more|better|harder)\b",
    re.IGNORECASE,
)
_COMPARATIVE = LazyPattern(
    r"\b(?:more|better|less|fewer|improved?|higher|lower|stronger|greater)\b", re.IGNORECASE
)
# Things that exist, or events that happen, once the goal is met: a measure naming one can be
# checked without a number.
_DELIVERABLE = LazyPattern(
    r"\b(?:submit(?:ted|s)?|publish(?:ed)?|publications?|accept(?:ed|ance)?|approv(?:ed|al)|"
    r"award(?:ed|s)?|fund(?:ed|ing)|complet(?:e|ed|ion)|finish(?:ed)?|deliver(?:ed|y)?|"
    r"launch(?:ed)?|deploy(?:ed|ment)?|releas(?:e|ed)|merged?|ship(?:ped)?|live|signed|"
    r"present(?:ed|ations?)?|given|papers?|manuscripts?|drafts?|applications?|proposals?|"
    r"grants?|abstracts?|posters?|talks?|lectures?|chapters?|books?|thes[ie]s|"
    r"dissertations?|reports?|certifi(?:ed|cate|cation)|exams?|boards?|promot(?:ed|ion)|"
    r"tenure|offers?|courses?|curricul(?:um|a)|workshops?|protocols?|datasets?|prototypes?|"
    r"polic(?:y|ies)|degrees?|fellowships?|positions?|jobs?|elected|appointed|hired|"
    r"pass(?:ed)?|letters?|licen[cs]e[ds]?|patents?|production|scores?|percentile|place|"
    r"defen[cs]e[ds]?|graduat(?:e|ed|ion)|reviews?|interviews?)\b",
    re.IGNORECASE,
)
_SHORT_DAYS = 366 + 31  # a short-term goal: due within about a year
_LONG_MIN_DAYS = 366
_LONG_MAX_DAYS = 11 * 366


def check(goal: Goal, today: dt.date) -> list[LetterCheck]:
    """Each SMART letter of `goal`, ok or weak with a concrete suggestion."""
    return [
        _specific(goal.statement),
        _measurable(goal.measure),
        _achievable(goal.achievable),
        _relevant(goal.values),
        _time_bound(goal, today),
    ]


def smart_summary(goal: Goal, today: dt.date) -> dict[str, str]:
    """Letter -> "ok" or "weak", for JSON."""
    return {c.letter: "ok" if c.ok else "weak" for c in check(goal, today)}


def weak_letters(goal: Goal, today: dt.date) -> str:
    """The weak letters in order ("M, T"), or "" when all are ok."""
    return ", ".join(c.letter for c in check(goal, today) if not c.ok)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _has_number(text: str) -> bool:
    """A count, amount or rank; a year alone ("in 2027") says when, not how much."""
    return any(not _YEAR.fullmatch(m.group(0)) for m in _NUMBER.finditer(text))


def _specific(statement: str) -> LetterCheck:
    if len(_words(statement)) < 2:
        return LetterCheck(
            "S",
            False,
            "Too short to be specific: say what you will do and what it produces, "
            "e.g. 'Submit the K23 application' rather than 'grants'.",
        )
    vague = _VAGUE.search(statement.strip())
    if vague and not _has_number(statement):
        words = (vague.group(1) or vague.group(2)).lower()
        return LetterCheck(
            "S",
            False,
            f"'{words}' says which way, not where to: name the result and how much, "
            "e.g. 'give 3 talks outside my department' rather than 'improve my speaking'.",
        )
    return LetterCheck("S", True)


def _measurable(measure: str) -> LetterCheck:
    if not measure.strip():
        return LetterCheck(
            "M",
            False,
            "No measure: add how you will know it is done, e.g. 'paper submitted' or "
            "'2 abstracts accepted'.",
        )
    counted = _has_number(measure)
    if (not counted and not _DELIVERABLE.search(measure)) or (
        not counted and _COMPARATIVE.search(measure)
    ):
        return LetterCheck(
            "M",
            False,
            "Hard to check: give a number ('3 talks', '80% of sessions') or a thing you can "
            "point to when it is done ('protocol approved', 'draft sent to my mentor'); "
            "'more' or 'better' needs a number to be checked against.",
        )
    return LetterCheck("M", True)


def _achievable(achievable: str) -> LetterCheck:
    if len(_words(achievable)) < 3:
        return LetterCheck(
            "A",
            False,
            "Say why it is within reach and what it needs: the time, data, money or people, "
            "e.g. 'pilot data in hand; needs Friday mornings protected'.",
        )
    return LetterCheck("A", True)


def _relevant(values: Sequence[str]) -> LetterCheck:
    if not values:
        return LetterCheck(
            "R",
            False,
            "Not linked to a value: name the value it serves (from your profile, or a new "
            "one), so that you know why it is worth the effort.",
        )
    return LetterCheck("R", True)


def _time_bound(goal: Goal, today: dt.date) -> LetterCheck:
    if goal.due is None:
        return LetterCheck(
            "T",
            False,
            "No due date: give one, within a year for a short-term goal or a few years ahead "
            "for a long-term one.",
        )
    if goal.status is not GoalStatus.active:
        return LetterCheck("T", True)
    days = (goal.due - today).days
    if days < 0:
        return LetterCheck(
            "T",
            False,
            f"The due date ({goal.due.isoformat()}) has passed: set a new one, or close the "
            "goal with `mk goal done` or `mk goal drop`.",
        )
    months = round(days / 30.4)
    span = f"{months} months" if months < 24 else f"{round(days / 365.25)} years"
    if goal.horizon is Horizon.short and days > _SHORT_DAYS:
        return LetterCheck(
            "T",
            False,
            f"Due in about {span}, beyond a short-term horizon: make it long-term, "
            "or name a first step you can finish within a year.",
        )
    if goal.horizon is Horizon.long and days < _LONG_MIN_DAYS:
        return LetterCheck(
            "T",
            False,
            f"Due within a year ({goal.due.isoformat()}): that is a short-term goal now; "
            "set its horizon to short.",
        )
    if goal.horizon is Horizon.long and days > _LONG_MAX_DAYS:
        return LetterCheck(
            "T",
            False,
            "More than ten years away: set a nearer date, for a milestone on the way.",
        )
    return LetterCheck("T", True)


def horizon_for(due: dt.date | None, today: dt.date) -> Horizon:
    """The horizon a due date implies: long when it is more than about a year away."""
    if due is not None and (due - today).days > _SHORT_DAYS:
        return Horizon.long
    return Horizon.short


def focus_warning(goal: Goal, goals: Iterable[Goal]) -> str:
    """A warning when `goal` would make more than about three active goals in its horizon."""
    same = [
        g
        for g in goals
        if g.id != goal.id and g.status is GoalStatus.active and g.horizon is goal.horizon
    ]
    count = len(same) + 1
    if goal.status is not GoalStatus.active or count <= FOCUS_LIMIT:
        return ""
    return (
        f"That makes {count} active {goal.horizon}-term goals. About {FOCUS_LIMIT} at a time "
        "is what most people can give real attention to: consider pausing one "
        "(`mk goal pause ID`)."
    )


# -- progress and reviews --------------------------------------------------------------------


def latest_checkin(goal: Goal) -> CheckIn | None:
    """The latest check-in: the last written (a review appends today's, whatever dates an
    earlier one was given by hand)."""
    return goal.checkins[-1] if goal.checkins else None


def progress(goal: Goal) -> int | None:
    """Percent done: 100 once achieved, else the latest check-in's, None before any."""
    if goal.status is GoalStatus.achieved:
        return 100
    latest = latest_checkin(goal)
    return latest.progress if latest else None


def next_review(goal: Goal) -> dt.date | None:
    """When an active goal is next due for review: its interval after the last check-in (or
    after it was set). Goals that are not active are not reviewed."""
    if goal.status is not GoalStatus.active:
        return None
    latest = latest_checkin(goal)
    since = latest.date if latest else goal.created
    return since + dt.timedelta(days=goal.review_days)


def is_due_for_review(goal: Goal, today: dt.date) -> bool:
    review = next_review(goal)
    return review is not None and review <= today


def find_goal(query: str, goals: Iterable[Goal]) -> Goal:
    """The goal whose id (or unique id prefix) was typed."""
    by_id = {goal.id: goal for goal in goals}
    found = find_unique(
        query.strip().lower(),
        {i: [i] for i in by_id},
        "goal",
        {i: g.statement for i, g in by_id.items()},
    )
    return by_id[found]


def listing_order(goals: Iterable[Goal]) -> list[Goal]:
    """Active first, then by horizon (short before long), due date and creation."""
    rank = {GoalStatus.active: 0, GoalStatus.paused: 1, GoalStatus.achieved: 2}
    return sorted(
        goals,
        key=lambda g: (
            rank.get(g.status, 3),
            g.horizon is Horizon.long,
            g.due or dt.date.max,
            g.created,
            g.id,
        ),
    )


def check_reviewable(goal: Goal) -> Goal:
    if goal.status in (GoalStatus.achieved, GoalStatus.dropped):
        raise MkError(
            f"Goal {goal.id} is {goal.status}: there is nothing left to review.",
            hint="`mk goal resume ID` reopens a dropped goal; `mk goal add` sets a new one.",
        )
    return goal


class Review(NamedTuple):
    """What a review decided about a goal, besides its check-in."""

    decision: str = "keep"  # keep, rewrite, pause, resume (a paused goal) or drop
    changes: Mapping[str, object] = MappingProxyType({})  # a rewrite's new fields
    reason: str = ""  # why it was dropped


def reviewed(goal: Goal, checkin: CheckIn, review: Review, today: dt.date) -> Goal:
    """The goal after a review: rewritten if so decided, the check-in added, the mentor to
    raise it with linked, and paused or dropped if it no longer matters."""
    check_reviewable(goal)
    updated = goal.revised(**review.changes, checkins=[*goal.checkins, checkin])
    if checkin.raise_with and checkin.raise_with not in updated.mentors:
        updated = updated.revised(mentors=[*updated.mentors, checkin.raise_with])
    if review.decision == "pause":
        return pause(updated, today)
    if review.decision == "resume":
        return resume(updated)
    if review.decision == "drop":
        return drop(updated, today, review.reason)
    return updated


def achieve(goal: Goal, day: dt.date) -> Goal:
    if goal.status is GoalStatus.achieved:
        raise MkError(f"Goal {goal.id} was already achieved ({goal.achieved or 'date unknown'}).")
    return goal.revised(status=GoalStatus.achieved, achieved=day, paused=None)


def drop(goal: Goal, day: dt.date, reason: str) -> Goal:
    if goal.status in (GoalStatus.dropped, GoalStatus.achieved):
        raise MkError(f"Goal {goal.id} is already {goal.status}.")
    return goal.revised(status=GoalStatus.dropped, dropped=day, reason=reason or None, paused=None)


def pause(goal: Goal, day: dt.date) -> Goal:
    if goal.status is not GoalStatus.active:
        raise MkError(f"Goal {goal.id} is {goal.status}; only an active goal can be paused.")
    return goal.revised(status=GoalStatus.paused, paused=day)


def resume(goal: Goal) -> Goal:
    if goal.status is GoalStatus.active:
        raise MkError(f"Goal {goal.id} is already active.")
    if goal.status is GoalStatus.achieved:
        raise MkError(
            f"Goal {goal.id} was achieved; it stays on record as it is.",
            hint="Set the next goal that builds on it with `mk goal add`.",
        )
    return goal.revised(status=GoalStatus.active, paused=None, dropped=None, reason=None)


def parse_progress(typed: str) -> int:
    """A percentage typed as "40" or "40%"."""
    text = typed.strip().removesuffix("%").strip()
    if not text.isdigit() or int(text) > 100:
        raise ValueError(f"{typed!r} is not a percentage: type a whole number from 0 to 100")
    return int(text)


# -- mentors: who to raise a goal with -------------------------------------------------------


def raise_with(
    goal: Goal, mentors: Iterable[Mentor], meetings: Iterable[Meeting], now: dt.datetime
) -> str | None:
    """The linked active mentor to raise `goal` with next: the one with the soonest dated
    meeting planned, else the first linked; None when no active mentor is linked."""
    from menteekit.services.meetings import is_upcoming, moment
    from menteekit.vocab import Status

    active = {m.slug for m in mentors if m.status is Status.active}
    linked = [slug for slug in goal.mentors if slug in active]
    upcoming = [
        m for m in meetings if m.mentor in linked and m.when is not None and is_upcoming(m, now)
    ]
    if upcoming:
        return min(upcoming, key=lambda m: moment(m, now)).mentor
    return linked[0] if linked else None


def raised_at(goal: Goal, meetings: Iterable[Meeting]) -> list[Meeting]:
    """The meetings where the goal was discussed, and those it is on the agenda of; a
    cancelled or moved meeting, or one where it was not reached, did not raise it."""
    return [
        m
        for m in meetings
        if any(
            item.origin is ItemOrigin.goal
            and item.source == goal.id
            and (
                item.status is ItemStatus.discussed
                or (m.status is MeetingStatus.planned and item.status is ItemStatus.pending)
            )
            for item in m.items
        )
    ]


def goals_without_mentor(goals: Iterable[Goal], mentors: Iterable[Mentor]) -> list[Goal]:
    """Active goals no active mentor is linked to."""
    from menteekit.vocab import Status

    active = {m.slug for m in mentors if m.status is Status.active}
    return [
        g
        for g in listing_order(goals)
        if g.status is GoalStatus.active and not any(s in active for s in g.mentors)
    ]


class GoalTopic(NamedTuple):
    """A goal to raise at the next meeting with a mentor, as an agenda item would say it."""

    goal: Goal
    kind: ItemKind
    text: str


def topics_for(
    mentor: str,
    goals: Iterable[Goal],
    meetings: Iterable[Meeting],
    target: Meeting | None,
    on: dt.date,
    now: dt.datetime,
) -> list[GoalTopic]:
    """Active goals to raise with `mentor` at a meeting `on` that day.

    - News: a check-in since the goal was last discussed with them (a review has progress and
      a next step to report), unless the review named another mentor to raise it with.
    - A check: the goal is due for review by that day and was not discussed with anyone since.
    - Sharing: a linked goal never yet discussed with them.

    A goal on another agenda still to come with them is not proposed; one already on
    `target` is proposed again as the record now says it, to bring that item up to date.
    """
    from menteekit.services.meetings import day, is_upcoming

    # Each active goal of theirs, its latest check-in, and the mentor that names to raise it with.
    theirs = []
    for goal in listing_order(goals):
        latest = latest_checkin(goal)
        named = latest.raise_with if latest else None
        if goal.status is GoalStatus.active and (mentor in goal.mentors or named == mentor):
            theirs.append((goal, latest, named))
    # Where each goal came up: one pass over the agendas of years, not one for each goal.
    raised_by_goal: dict[str, list[tuple[Meeting, AgendaItem]]] = {
        goal.id: [] for goal, _, _ in theirs
    }
    # Another mentor's meeting only tells whether a goal was discussed since its review fell
    # due (below), so the agendas of their meetings before the earliest such day stay closed.
    reviews = [review for goal, _, _ in theirs if (review := next_review(goal)) and review <= on]
    since = min(reviews, default=dt.date.max)
    if theirs:
        for m in meetings:
            if m is target or m.id == getattr(target, "id", None):
                continue
            if m.mentor != mentor and day(m, now) < since:
                continue
            for item in m.items:
                if item.origin is ItemOrigin.goal and item.source in raised_by_goal:
                    raised_by_goal[item.source].append((m, item))
    topics = []
    for goal, latest, named in theirs:
        raised = raised_by_goal[goal.id]
        if any(m.mentor == mentor and is_upcoming(m, now) for m, _ in raised):
            continue  # already on another agenda to come
        discussed = [
            (m.mentor, day(m, now), item.text)
            for m, item in raised
            if m.status is MeetingStatus.held and item.status is ItemStatus.discussed
        ]
        with_them = max((d for who, d, _ in discussed if who == mentor), default=None)
        with_anyone = max((d for _, d, _ in discussed), default=None)
        review = next_review(goal)
        due = review is not None and review <= on and (with_anyone is None or with_anyone < review)
        # A review on the day of a meeting is news for the next one (it usually follows it).
        fresh = latest is not None and (with_them is None or latest.date >= with_them)
        news = _news(goal, latest) if latest is not None else ""
        # The same words discussed with them already (the review came before that meeting).
        fresh = fresh and all(t != news for who, _, t in discussed if who == mentor)
        if fresh and latest is not None and named in (None, mentor):
            topics.append(_topic(goal, news))
        elif due:
            last = f"at {latest.progress}% on {latest.date}" if latest else "no progress yet"
            topics.append(_topic(goal, f"Goal check: {goal.statement} ({last})"))
        elif with_them is None:
            by = f" (due {goal.due})" if goal.due else ""
            topics.append(_topic(goal, f"Goal to share: {goal.statement}{by}"))
    return topics


def _news(goal: Goal, latest: CheckIn) -> str:
    text = f"Goal: {goal.statement}, now {latest.progress}%"
    # A next step that became an action item is proposed as that action.
    if latest.next_step and latest.action is None:
        text += f"; next: {latest.next_step}"
    return text


def off_agenda(meeting: Meeting, goal: Goal) -> Meeting:
    """A planned meeting that is no longer to raise `goal` (closed, or not linked to the
    meeting's mentor any more): its pending item becomes a win to share if the goal was
    achieved, and goes otherwise (dropped, paused, unlinked: there is nothing to report)."""
    items = []
    for item in meeting.items:
        if item.origin is ItemOrigin.goal and item.source == goal.id:
            if item.status is not ItemStatus.pending:
                items.append(item)
            elif goal.status is GoalStatus.achieved:
                items.append(item.revised(text=f"Goal achieved: {goal.statement}"))
        else:
            items.append(item)
    return meeting.revised(items=items)


def _topic(goal: Goal, text: str) -> GoalTopic:
    return GoalTopic(goal, ItemKind.update, text)


# -- the individual development plan ---------------------------------------------------------


def development_plan(
    template: str,
    me: Profile,
    goals: Iterable[Goal],
    names: dict[str, str],
    actions: Iterable[Action],
    today: dt.date,
) -> str:
    """The plan to share with a mentor: my path and values, then each goal with its measure,
    date, mentors, latest progress and next steps. Check-in notes are private and never in it."""
    goals = listing_order(goals)
    open_steps = [a for a in actions if a.status is ActionStatus.open and a.goal]

    def section(title: str, chosen: list[Goal]) -> str:
        if not chosen:
            return ""
        blocks = [_plan_goal(g, names, [a for a in open_steps if a.goal == g.id]) for g in chosen]
        return f"## {title}\n\n" + "\n\n".join(blocks)

    active = [g for g in goals if g.status is GoalStatus.active]
    year_ago = today - dt.timedelta(days=365)
    achieved = [
        g
        for g in goals
        if g.status is GoalStatus.achieved and (g.achieved is None or g.achieved >= year_ago)
    ]
    values = "\n".join(f"- {value}" for value in me.values)
    return fill(
        template,
        title=f"Individual development plan: {me.name}"
        if me.name
        else "Individual development plan",
        date=f"Updated {today.isoformat()}",
        path=f"## My path\n\n{me.path.strip()}" if me.path.strip() else "",
        values=f"## What I value\n\n{values}" if values else "",
        short=section(
            "Short-term goals (3 to 12 months)", [g for g in active if g.horizon is Horizon.short]
        ),
        long=section("Long-term goals (years)", [g for g in active if g.horizon is Horizon.long]),
        paused=section("On hold", [g for g in goals if g.status is GoalStatus.paused]),
        achieved=section("Achieved this past year", achieved),
        no_goals="" if active else "_No active goals yet._",
    )


def _plan_goal(goal: Goal, names: dict[str, str], steps: list[Action]) -> str:
    lines = [f"### {goal.statement}", ""]
    for label, value in (
        ("How I will know", goal.measure),
        ("Why it is within reach", goal.achievable),
        ("Values it serves", ", ".join(goal.values)),
        ("Due", goal.due.isoformat() if goal.due else ""),
        ("Achieved", goal.achieved.isoformat() if goal.achieved else ""),
        ("Mentors", ", ".join(names.get(slug, slug) for slug in goal.mentors)),
    ):
        if value.strip():
            lines.append(f"- **{label}:** {_one_paragraph(value)}")
    latest = latest_checkin(goal)
    if latest is not None and goal.status is not GoalStatus.achieved:
        done = f"{latest.progress}% on {latest.date.isoformat()}"
        if latest.helped.strip():
            done += f"; what helped: {_one_paragraph(latest.helped)}"
        if latest.blocker.strip():
            done += f"; in the way: {_one_paragraph(latest.blocker)}"
        lines.append(f"- **Progress:** {done}")
    next_steps = [
        f"{'' if a.owner is Owner.me else names.get(a.mentor or '', 'My mentor') + ': '}"
        f"{a.text}" + (f" (by {a.due.isoformat()})" if a.due else "")
        for a in sorted(steps, key=lambda a: (a.due or dt.date.max, a.created))
    ]
    if latest is not None and latest.next_step and latest.action is None:
        next_steps.append(latest.next_step)
    if next_steps and goal.status is not GoalStatus.achieved:
        lines.append("- **Next steps:**")
        lines += [f"  - {step}" for step in next_steps]
    return "\n".join(lines)


def _one_paragraph(text: str) -> str:
    """Prose folded onto one line, so that it stays inside its list item."""
    return " ".join(text.split())


def raise_suggestions(
    goals: Iterable[Goal], names: dict[str, str], meetings: Iterable[Meeting], now: dt.datetime
) -> list[str]:
    """For each active goal just reviewed: the mentor to raise it with, and when."""
    from menteekit.services.meetings import is_upcoming, moment, when_text

    meetings = list(meetings)
    lines = []
    for goal in goals:
        if goal.status is not GoalStatus.active:
            continue
        latest = latest_checkin(goal)
        slug = latest.raise_with if latest else None
        if slug is None:
            lines.append(
                f"No mentor to raise “{goal.statement}” with: `mk goal link {goal.id} MENTOR` "
                "puts it on their next agenda."
            )
            continue
        upcoming = sorted(
            (m for m in meetings if m.mentor == slug and is_upcoming(m, now)),
            key=lambda m: moment(m, now),
        )
        name = names.get(slug, slug)
        listed = [
            m
            for m in upcoming
            if any(i.origin is ItemOrigin.goal and i.source == goal.id for i in m.items)
        ]
        if listed:
            lines.append(
                f"“{goal.statement}” is on the agenda of your meeting with {name} "
                f"({when_text(listed[0], now)}): `mk agenda new {slug}` brings it up to date."
            )
            continue
        when = (
            f"at your meeting ({when_text(upcoming[0], now)})" if upcoming else "when you next meet"
        )
        lines.append(
            f"Raise “{goal.statement}” with {name} {when}: `mk agenda new {slug}` proposes it."
        )
    return lines
