"""The fixed vocabularies of a mentoring record: board roles, relationship groups, cadences.

Kept apart from the pydantic models because the command modules need them at start-up (Typer
shows the choices in `--help`) and this module imports nothing heavy.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from menteekit.patterns import LazyPattern


class Role(StrEnum):
    """A seat on the mentoring board of directors."""

    research = "research"
    clinical = "clinical"
    teaching = "teaching"
    career = "career"
    leadership = "leadership"
    life = "life"
    sponsor = "sponsor"
    advisor = "advisor"
    coach = "coach"


ROLE_MEANING: dict[Role, str] = {
    Role.research: "guides your research: questions, methods, papers, grants",
    Role.clinical: "helps you grow as a clinician or practitioner in your field",
    Role.teaching: "helps you teach, supervise and design courses well",
    Role.career: "helps you plan the long arc: promotion, moves, what to say yes to",
    Role.leadership: "helps you lead teams, committees and projects",
    Role.life: "helps you keep a life you want alongside the work",
    Role.sponsor: "spends their reputation on you: nominations, introductions, credit",
    Role.advisor: "answers specific how-to questions: a process, a technique, a form",
    Role.coach: "asks the questions that clarify your own values, goals and choices",
}


class Group(StrEnum):
    """Where a relationship sits on the relationship map (formal vs informal, work vs life)."""

    work_project = "work-project"
    formal_career = "formal-career"
    informal_professional = "informal-professional"
    informal_life = "informal-life"


GROUP_MEANING: dict[Group, str] = {
    Group.work_project: "formal: tied to your work or a project (research mentor, project lead)",
    Group.formal_career: "formal: assigned or programme mentors (department, institution)",
    Group.informal_professional: "informal: sought out in your field (society leaders, seniors)",
    Group.informal_life: "informal: peers, role models and people who help with life",
}


class Style(StrEnum):
    """A personality hint used for managing-up tips."""

    introvert = "introvert"
    extrovert = "extrovert"


class Phase(StrEnum):
    """Where a relationship is in its life: getting started, working, or winding down."""

    early = "early"
    mid = "mid"
    late = "late"


PHASE_MEANING: dict[Phase, str] = {
    Phase.early: "getting started: you lean on their wider view and agree what the relationship "
    "is for (goals, how often you meet, the agenda); they may open doors and make introductions",
    Phase.mid: "working together: you set more of the agenda and build your own network; they "
    "guide through questions more than answers, and joint work often peaks",
    Phase.late: "colleagues: you are largely independent, contact comes when one of you needs "
    "it, and the relationship is more about trust and perspective than guidance",
}
"""What each phase usually means, for `mk mentor phase --help` and the health signals."""


class ContactKind(StrEnum):
    """A contact between meetings; a thank-you also counts as appreciation shown."""

    email = "email"
    thanks = "thanks"
    update = "update"
    call = "call"
    coffee = "coffee"
    congrats = "congrats"
    other = "other"


CONTACT_KIND_MEANING: dict[ContactKind, str] = {
    ContactKind.email: "a message about anything",
    ContactKind.thanks: "a thank-you: for advice, an introduction, their time",
    ContactKind.update: "news on what I did with their advice",
    ContactKind.call: "a phone or video call outside a planned meeting",
    ContactKind.coffee: "an informal chat in person",
    ContactKind.congrats: "congratulations on their news",
    ContactKind.other: "anything else that kept in touch",
}


class Status(StrEnum):
    """Whether a mentor is on the board now."""

    prospective = "prospective"
    active = "active"
    paused = "paused"
    concluded = "concluded"


CADENCE_DAYS: dict[str, int] = {
    "weekly": 7,
    "biweekly": 14,
    "monthly": 30,
    "quarterly": 91,
    "twice-yearly": 182,
    "yearly": 365,
}

_EMAIL = LazyPattern(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_EVERY_N_DAYS = LazyPattern(r"^([1-9]\d{0,3})d$")
_EVERY_N = LazyPattern(r"^(?:every-)?([1-9]\d{0,2})-?(d|w|days?|weeks?)$")

CADENCE_HELP = (
    "weekly, biweekly, monthly, quarterly, twice-yearly, yearly, or every N days or weeks (45d, 3w)"
)


def normalize_cadence(text: str) -> str:
    """Return the canonical spelling of a cadence, or raise ValueError naming the accepted forms."""
    value = text.strip().lower().replace(" ", "-").replace("_", "-")
    value = {"fortnightly": "biweekly", "semiannual": "twice-yearly", "annual": "yearly"}.get(
        value, value
    )
    if value in CADENCE_DAYS or _EVERY_N_DAYS.match(value):
        return value
    if every := _EVERY_N.match(value):  # "3w", "every 3 weeks", "every 10 days"
        count, unit = int(every.group(1)), every.group(2)
        return f"{count * 7 if unit.startswith('w') else count}d"
    raise ValueError(f"{text!r} is not a cadence; use {CADENCE_HELP}")


def cadence_days(cadence: str) -> int:
    """The number of days between contacts that a (normalized) cadence asks for."""
    if cadence in CADENCE_DAYS:
        return CADENCE_DAYS[cadence]
    match = _EVERY_N_DAYS.match(cadence)
    if not match:
        raise ValueError(f"{cadence!r} is not a cadence; use {CADENCE_HELP}")
    return int(match.group(1))


def cadence_text(cadence: str, *, article: bool = False) -> str:
    """A (normalized) cadence as a sentence says it before a noun: "monthly", and for every N
    weeks or days "6-week" or "10-day" (the store keeps "42d", which reads like a code); with
    its `article`, "a monthly", "an 8-week"."""
    text = cadence
    if match := _EVERY_N_DAYS.match(cadence):
        days = int(match.group(1))
        text = "weekly" if days == 7 else f"{days // 7}-week" if days % 7 == 0 else f"{days}-day"
    if not article:
        return text
    number = text.split("-")[0]
    # Said aloud: "an eight", "an eleven", "an eighteen", "an eighty"...
    return f"an {text}" if number.startswith("8") or number in ("11", "18") else f"a {text}"


def normalize_email(text: str) -> str:
    """A plausible email address, trimmed; ValueError for something that is not one."""
    email = check_line(text).strip()
    if not _EMAIL.match(email):
        raise ValueError(f"{text!r} does not look like an email address")
    return email


def normalize_tag(text: str) -> str:
    """A tag as stored: trimmed, without the "#" some people type out of habit."""
    tag = check_line(text).strip().removeprefix("#").strip()
    if not tag:
        raise ValueError(f"{text!r} is not a tag: it needs at least one letter or digit")
    return tag


def _no_controls(text: str, allowed: str) -> str:
    """Refuse control characters: an escape sequence in a name would reach the terminal."""
    bad = [c for c in text if unicodedata.category(c) == "Cc" and c not in allowed]
    if bad:
        kind = "a line break" if bad[0] in "\r\n" else f"the control character {bad[0]!r}"
        raise ValueError(f"must not contain {kind}")
    return text


def check_line(text: str) -> str:
    """One line of text: a name, a channel, a value."""
    if any(unicodedata.category(c) in ("Zl", "Zp") for c in text):
        raise ValueError("must not contain a line or paragraph separator")
    return _no_controls(text, "")


def check_prose(text: str) -> str:
    """Text that may run over several lines (a reason, a description of a path)."""
    return _no_controls(text, "\n\r\t")


class ItemKind(StrEnum):
    """What an agenda item asks of the meeting."""

    update = "update"
    question = "question"
    decision = "decision"
    feedback = "feedback"
    follow_up = "follow-up"
    other = "other"


ITEM_KIND_MEANING: dict[ItemKind, str] = {
    ItemKind.update: "news or progress to share",
    ItemKind.question: "something to ask their view on",
    ItemKind.decision: "a choice you need help making",
    ItemKind.feedback: "feedback you want to ask for",
    ItemKind.follow_up: "checking on something agreed before",
    ItemKind.other: "anything else",
}


class ItemStatus(StrEnum):
    """What became of an agenda item in the meeting."""

    pending = "pending"
    discussed = "discussed"
    carried = "carried"


class ItemOrigin(StrEnum):
    """Where an agenda item came from, so the next agenda knows what it has already proposed."""

    new = "new"  # typed for this meeting
    carried = "carried"  # not discussed at an earlier meeting
    win = "win"  # one of my actions done since the last meeting
    my_action = "my-action"  # my open action: report progress
    mentor_action = "mentor-action"  # the mentor's open action: follow up
    goal = "goal"  # a goal linked to the mentor: its progress and next step
    note = "note"  # a note written for this mentor since the last meeting
    wrap_up = "wrap-up"  # assignments and the next meeting date, always last


class MeetingStatus(StrEnum):
    planned = "planned"
    held = "held"
    cancelled = "cancelled"
    rescheduled = "rescheduled"


class Owner(StrEnum):
    """Who is to do an action item (or who cancelled a meeting)."""

    me = "me"
    mentor = "mentor"


class ActionStatus(StrEnum):
    open = "open"
    done = "done"
    dropped = "dropped"


class FeedbackKind(StrEnum):
    """The three kinds of feedback: knowing which one you got avoids a mismatch of
    expectations (hoping for appreciation, hearing an evaluation)."""

    appreciation = "appreciation"
    coaching = "coaching"
    evaluation = "evaluation"


FEEDBACK_KIND_MEANING: dict[FeedbackKind, str] = {
    FeedbackKind.appreciation: "recognition: what you did well and that it was noticed",
    FeedbackKind.coaching: "advice on how to do something better next time",
    FeedbackKind.evaluation: "an assessment of where you stand against a standard or peers",
}


class Trigger(StrEnum):
    """Why a piece of feedback stung."""

    truth = "truth"
    relationship = "relationship"
    identity = "identity"


TRIGGER_MEANING: dict[Trigger, str] = {
    Trigger.truth: "the content seemed wrong, unfair or unhelpful",
    Trigger.relationship: "it was about who said it, or how they treated you",
    Trigger.identity: "it shook your sense of who you are",
}


class Horizon(StrEnum):
    """How far off a goal is: the guides plan short-term goals over 3 to 12 months and
    long-term ones over 5 to 10 years."""

    short = "short"
    long = "long"


HORIZON_MEANING: dict[Horizon, str] = {
    Horizon.short: "3 to 12 months: a step you can finish this year",
    Horizon.long: "several years (5 to 10): where the steps are heading",
}


class GoalStatus(StrEnum):
    active = "active"
    paused = "paused"
    achieved = "achieved"
    dropped = "dropped"


class NoteKind(StrEnum):
    """What a note between meetings is: it decides the kind of agenda item it becomes."""

    question = "question"
    update = "update"
    idea = "idea"
    worry = "worry"
    win = "win"
    other = "other"


NOTE_KIND_MEANING: dict[NoteKind, str] = {
    NoteKind.question: "something to ask: their view, their experience, a how-to",
    NoteKind.update: "news or progress they should hear about",
    NoteKind.idea: "a paper, a plan or a thought to mention",
    NoteKind.worry: "a concern to raise before it grows",
    NoteKind.win: "something that went well, worth sharing",
    NoteKind.other: "anything else",
}

NOTE_ITEM_KIND: dict[NoteKind, ItemKind] = {
    NoteKind.question: ItemKind.question,
    NoteKind.update: ItemKind.update,
    NoteKind.idea: ItemKind.other,
    # A worry is raised to hear how they see it: a question, not an announcement.
    NoteKind.worry: ItemKind.question,
    NoteKind.win: ItemKind.update,
    NoteKind.other: ItemKind.other,
}
"""The kind of agenda item a note becomes on the next agenda."""


class NoteStatus(StrEnum):
    """Where a note is on its way to a meeting."""

    open = "open"  # waiting for the next agenda with its mentor (or a journal entry)
    on_agenda = "on-agenda"  # on the agenda of a planned meeting
    closed = "closed"  # discussed at a meeting held
    dropped = "dropped"  # no longer worth raising
