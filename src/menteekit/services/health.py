"""`mk health`: how each mentoring relationship is doing, read off the record.

Relationships rarely fail in a meeting; they drift between meetings, through inattention on
either side. This module computes the signals the record holds about one relationship over the
last year — cadence kept, meetings called off, my follow-through, agendas prepared, reflections
written, thanks given, time since the last contact — and turns them into a verdict with the
reasons behind it, the likely causes of any drift (mutual, mine, the mentor's) with questions to
work through, tips for managing up this mentor's style, where the relationship is in its life
(its phase) and whether the ground rules agreed at the start are due for another look.

The verdict rules (the README repeats them for users):

- **new**: the relationship is younger than one cadence interval (90 days without a cadence):
  too little history to judge.
- **stalled**: no contact for more than three cadence intervals, or the last two planned
  meetings were called off with nothing held or exchanged since.
- **drifting**: no contact for more than two intervals, or two or more warning signs (below).
- **thriving**: no warning sign, at least two meetings held in the year, the cadence kept in at
  least 75% of its intervals, at least 75% of the meetings prepared and reflected on, and a
  thank-you in the last six months.
- **steady**: anything else: at most one warning sign.
- **concluded**: the mentoring has ended (`mk mentor end`): an ending is not a drift.

Warning signs: overdue for contact by the cadence; the cadence kept in fewer than half of its
intervals; a third or more of the meetings cancelled or rescheduled (at least two); two or more
of my action items overdue, or fewer than half of those done on time (of at least three);
fewer than half of the meetings prepared in advance, or reflected on (of at least two); no
thank-you in six months despite two or more meetings; two or more of the mentor's items overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from menteekit.dates import local_day
from menteekit.services.actions import by_mentor, is_overdue
from menteekit.services.meetings import agenda_size, chronological, day
from menteekit.services.mentors import last_contact
from menteekit.views import holds
from menteekit.vocab import (
    ActionStatus,
    ContactKind,
    MeetingStatus,
    Owner,
    Phase,
    Status,
    Style,
    cadence_days,
    cadence_text,
)

if TYPE_CHECKING:
    from menteekit.models import Action, Meeting, Mentor

YEAR = 365
HALF_YEAR = 182
AGREEMENT_STALE_DAYS = HALF_YEAR
"""Ground rules are worth going over together about twice a year."""
DEFAULT_INTERVAL = 91
"""Without a cadence, gaps are judged against a quarter."""
STALLED_INTERVALS = 3
DRIFTING_INTERVALS = 2
THRIVING_SHARE = 0.75
WEAK_SHARE = 0.5

PHASE_FOCUS: dict[Phase, str] = {
    Phase.early: (
        "Defining the relationship: agree on goals, how often you meet and what each of you "
        "commits to; come with a clear agenda, and let the mentor widen your view and "
        "introduce you to people. Watch out for expectations that were never said aloud."
    ),
    Phase.mid: (
        "You set more of the direction and the mentor guides through questions more than "
        "answers; a good time for work together and growing independence. Watch out for a "
        "mentor still steering as in the early days: say what you need now."
    ),
    Phase.late: (
        "Colleagues more than teacher and student: contact is occasional and as needed. Keep "
        "them posted on your news, thank them for what they made possible, and decide together "
        "whether to redefine the relationship or close it well."
    ),
}
"""What usually matters in each phase of a relationship (`vocab.PHASE_MEANING`, if present,
says what each phase is; this says what to work on in it)."""

STYLE_TIPS: dict[Style, list[str]] = {
    Style.introvert: [
        "Propose the meetings yourself and send the agenda a day or two ahead, so they can "
        "think it over.",
        "Ask for a slot rather than dropping by unannounced.",
        "In the meeting, leave room for silence: they may want to think before they answer. "
        "Keep to the agenda.",
        "Ask open questions, and give time to the relationship itself, not only the work.",
        "Between meetings keep them posted in writing; email suits them.",
    ],
    Style.extrovert: [
        "Propose the meetings yourself, and meet in person when you can.",
        "Let them think aloud and listen well; before you leave, sum up the points that count.",
        "Be open to brainstorming: their best ideas may come mid-conversation.",
        "Check in often; a quick unplanned chat is usually welcome.",
    ],
}

CAUSE_QUESTIONS: dict[str, list[str]] = {
    "mutual": [
        "Do we still want the same things from this relationship? When did we last talk "
        "about what each of us expects?",
        "Has either of us changed role or circumstances (a new job, new duties, a move) "
        "since we agreed how to work together?",
        "Does our meeting rhythm still suit us both, or should we agree on a new one?",
    ],
    "mentee": [
        "Am I bringing an agenda and driving the meetings, or waiting to be led?",
        "Have I acted on their advice, and told them what came of it?",
        "Have I done what I said I would, by when I said I would?",
        "When did I last thank them, or share good news they helped with?",
    ],
    "mentor": [
        "Do they still have the time they once had? Would shorter or fewer meetings help?",
        "Do they see where I am now, or are they steering as if I were just starting?",
        "Is there something I need from them that I have not asked for plainly?",
    ],
}
"""Questions to work through for each side a drift may come from: the relationship itself
(mutual), my own part (mentee) and the mentor's. The guides advise looking in this order."""

SIDES = ("mutual", "mentee", "mentor")


class CadenceKept(NamedTuple):
    cadence: str | None
    interval_days: int
    intervals: int
    kept: int
    share: float | None
    """None when there is no cadence or not one whole interval of history yet."""


class FollowThrough(NamedTuple):
    on_time: int
    late: int
    overdue_open: int
    mentor_overdue: int
    """The mentor's own items past their date: a sign on their side."""


class Signals(NamedTuple):
    since: dt.date
    """The start of the window the counts cover: a year ago, or when the history begins."""
    together_days: int
    held: int
    cancelled: int
    cancelled_by_mentor: int
    rescheduled: int
    cadence: CadenceKept
    follow_through: FollowThrough
    agendas_prepared: int
    mentee_led: int
    reflections: int
    thanks_6_months: int
    last_contact: dt.date | None
    days_since_contact: int | None
    longest_gap_days: int | None


class Cause(NamedTuple):
    side: str
    signals: list[str]
    questions: list[str]


class PhaseSuggestion(NamedTuple):
    phase: str
    reason: str
    command: str


class PhaseView(NamedTuple):
    current: str | None
    since: dt.date | None
    note: str | None
    focus: str | None
    suggestion: PhaseSuggestion | None


class AgreementView(NamedTuple):
    exists: bool
    agreed: dt.date | None
    revisited: dt.date | None
    suggestion: str | None


class Health(NamedTuple):
    """One relationship's health: the same data serves the text and the JSON."""

    slug: str
    name: str
    status: str
    verdict: str
    summary: str
    reasons: list[str]
    signals: Signals
    causes: list[Cause]
    tips: list[str]
    phase: PhaseView
    agreement: AgreementView
    style: str | None = None


def health_of(
    mentors: Iterable[Mentor],
    meetings: Iterable[Meeting],
    actions: Iterable[Action],
    now: dt.datetime,
) -> list[Health]:
    """The health of each relationship with `mentors`: the record is sorted out by mentor
    once, not searched through again for each of them (years of meetings and actions)."""
    meetings = list(meetings)
    meetings_of: dict[str, list[Meeting]] = {}
    for meeting in meetings:
        meetings_of.setdefault(meeting.mentor, []).append(meeting)
    actions_of = by_mentor(actions, meetings)
    return [
        _relationship_health(
            mentor, meetings_of.get(mentor.slug, []), actions_of.get(mentor.slug, []), now
        )
        for mentor in mentors
    ]


def _relationship_health(
    mentor: Mentor, meetings: Iterable[Meeting], actions: Iterable[Action], now: dt.datetime
) -> Health:
    """The health of the relationship with `mentor` as of `now`, from their meetings and the
    action items linked to them (as `health_of` sorts them out)."""
    today = now.date()
    theirs = chronological(meetings, now)
    # Each meeting's day where the user is, worked out once: it is asked for several times.
    days = {m.id: day(m, now) for m in theirs}
    signals = _signals(mentor, theirs, days, actions, now)
    signs = _warning_signs(signals)
    verdict, summary, reasons = _verdict(mentor, theirs, days, signals, signs, now)
    if mentor.status is not Status.active:
        reasons.insert(0, f"{mentor.name} is {mentor.status}, not an active mentor.")
    agreement, unsettled = _agreement(mentor, today)
    phase = _phase(mentor, signals, signs, verdict, today)
    ended = mentor.status is Status.concluded
    if ended:  # the record is still worth reading; advice on how to go on is not
        agreement, unsettled = agreement._replace(suggestion=None), None
        phase = phase._replace(suggestion=None)
    pointers = list(signs)
    if verdict in ("drifting", "stalled") and unsettled:
        # Not a warning on its own (many good relationships run without one), but where
        # expectations were never set or have moved on, drift is the usual result.
        pointers.append(Sign("agreement", "mutual", unsettled))
    causes = _causes(pointers)
    return Health(
        slug=mentor.slug,
        name=mentor.name,
        status=mentor.status.value,
        verdict=verdict,
        summary=summary,
        reasons=reasons,
        signals=signals,
        causes=[c for c in causes if c.signals or verdict in ("drifting", "stalled")],
        tips=[] if ended else _tips(mentor),
        phase=phase,
        agreement=agreement,
        style=mentor.style.value if mentor.style else None,
    )


# -- signals ---------------------------------------------------------------------------------


def _signals(
    mentor: Mentor,
    theirs: list[Meeting],
    days: dict[str, dt.date],
    actions: Iterable[Action],
    now: dt.datetime,
) -> Signals:
    today = now.date()
    contacts = [c.date for c in mentor.contacts if c.date <= today]
    held_days = [
        days[m.id] for m in theirs if m.status is MeetingStatus.held and days[m.id] <= today
    ]
    # The cached last contact may be one typed by hand (`--last-contact`) with no record behind
    # it; the day a mentor was added is not a contact, though it starts the clock (below).
    typed = [mentor.last_contact] if mentor.last_contact and mentor.last_contact <= today else []
    touch_days = sorted(set(held_days + contacts + typed))
    first = min([mentor.added, *touch_days])
    # A relationship older than its record is judged from the record: the years before it
    # was put on record are not missed contact.
    on_record = min([mentor.recorded or mentor.added, *touch_days])
    since = max(today - dt.timedelta(days=YEAR), on_record)
    half_year = today - dt.timedelta(days=HALF_YEAR)

    in_window = [m for m in theirs if since <= days[m.id] <= today]
    held = [m for m in in_window if m.status is MeetingStatus.held]
    cancelled = [m for m in in_window if m.status is MeetingStatus.cancelled]
    prepared = [m for m in held if _prepared(m, now)]

    interval = cadence_days(mentor.cadence) if mentor.cadence else DEFAULT_INTERVAL
    count = (today - since).days // interval if mentor.cadence else 0
    # Interval i covers the days i*interval to (i+1)*interval - 1 ago; one touch keeps it.
    kept = len(
        {(today - d).days // interval for d in touch_days if (today - d).days < count * interval}
    )
    latest = touch_days[-1] if touch_days else last_contact(mentor)
    window_days = [d for d in touch_days if d >= since]
    gaps = [(b - a).days for a, b in zip([since, *window_days], [*window_days, today], strict=True)]

    linked = [a for a in actions if a.created >= since or a.status is ActionStatus.open]
    mine = [a for a in linked if a.owner is Owner.me]
    done = [a for a in mine if a.status is ActionStatus.done and a.done is not None]
    return Signals(
        since=since,
        together_days=(today - first).days,
        held=len(held),
        cancelled=len(cancelled),
        cancelled_by_mentor=sum(
            m.cancelled is not None and m.cancelled.by is Owner.mentor for m in cancelled
        ),
        rescheduled=sum(m.status is MeetingStatus.rescheduled for m in in_window),
        cadence=CadenceKept(
            cadence=mentor.cadence,
            interval_days=interval,
            intervals=count,
            kept=kept,
            share=round(kept / count, 2) if count else None,
        ),
        follow_through=FollowThrough(
            on_time=sum(a.due is None or a.done <= a.due for a in done),  # type: ignore[operator]
            late=sum(a.due is not None and a.done > a.due for a in done),  # type: ignore[operator]
            overdue_open=sum(is_overdue(a, today) for a in mine),
            mentor_overdue=sum(is_overdue(a, today) for a in linked if a.owner is Owner.mentor),
        ),
        agendas_prepared=len(prepared),
        mentee_led=sum(_mentee_led(m) for m in prepared),
        reflections=sum(holds(m, "reflection") for m in held),
        thanks_6_months=sum(
            c.kind is ContactKind.thanks and half_year <= c.date <= today for c in mentor.contacts
        )
        + sum(
            days[m.id] >= half_year and m.reflection is not None and m.reflection.thanked
            for m in held
        ),
        last_contact=latest,
        days_since_contact=(today - latest).days if latest else None,
        longest_gap_days=max(gaps) if window_days else None,
    )


def _prepared(meeting: Meeting, now: dt.datetime) -> bool:
    """An agenda made before the day of the meeting, with something on it besides the wrap-up
    (a meeting logged after the fact was not prepared)."""
    return local_day(meeting.created, now) < day(meeting, now) and agenda_size(meeting).items > 0


def _mentee_led(meeting: Meeting) -> bool:
    """At least half the agenda is what the mentee wrote (items typed, or from notes), not
    follow-ups the record proposed: the mentee brings their own questions and news."""
    size = agenda_size(meeting)
    return size.items > 0 and 2 * size.own >= size.items


# -- verdict ---------------------------------------------------------------------------------


class Sign(NamedTuple):
    """A warning sign: what it is (`kind`), the side it points to, and how to say it."""

    kind: str
    side: str
    text: str


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole}"


def _warning_signs(s: Signals) -> list[Sign]:
    """The warning signs in the signals, each with the side of the relationship it points to."""
    found = []
    interval = s.cadence.interval_days
    if s.cadence.cadence and s.days_since_contact is not None and s.days_since_contact > interval:
        found.append(
            Sign(
                "contact",
                "mentee",
                f"last contact {s.days_since_contact} days ago, past the "
                f"{cadence_text(s.cadence.cadence)} cadence (keeping in touch is yours to start)",
            )
        )
    if s.cadence.share is not None and s.cadence.intervals >= 2 and s.cadence.share < WEAK_SHARE:
        found.append(
            Sign(
                "cadence",
                "mutual",
                f"the {cadence_text(s.cadence.cadence)} cadence was kept in only "
                f"{_share(s.cadence.kept, s.cadence.intervals)} intervals of the last year",
            )
        )
    called_off = s.cancelled + s.rescheduled
    if called_off >= 2 and 3 * called_off >= s.held + called_off:
        by_me = s.cancelled - s.cancelled_by_mentor
        side = "mentor" if s.cancelled_by_mentor > by_me else "mentee" if by_me > 0 else "mutual"
        found.append(
            Sign(
                "called-off",
                side,
                f"{called_off} meetings called off ({s.cancelled} cancelled, "
                f"{s.cancelled_by_mentor} of them by the mentor; {s.rescheduled} rescheduled) "
                f"against {s.held} held",
            )
        )
    ft = s.follow_through
    done = ft.on_time + ft.late
    if ft.overdue_open >= 2:
        found.append(
            Sign("follow-through", "mentee", f"{ft.overdue_open} of my action items are overdue")
        )
    elif done >= 3 and ft.on_time / done < WEAK_SHARE:
        found.append(
            Sign(
                "follow-through",
                "mentee",
                f"only {_share(ft.on_time, done)} of my action items done on time",
            )
        )
    if s.held >= 2 and s.agendas_prepared / s.held < WEAK_SHARE:
        found.append(
            Sign(
                "agendas",
                "mentee",
                f"only {_share(s.agendas_prepared, s.held)} meetings had an agenda prepared "
                "in advance",
            )
        )
    if s.held >= 2 and s.reflections / s.held < WEAK_SHARE:
        found.append(
            Sign(
                "reflections",
                "mentee",
                f"only {_share(s.reflections, s.held)} meetings reflected on",
            )
        )
    if s.thanks_6_months == 0 and s.held >= 2:
        found.append(Sign("thanks", "mentee", "no thank-you recorded in the last six months"))
    if ft.mentor_overdue >= 2:
        found.append(
            Sign("mentor-items", "mentor", f"{ft.mentor_overdue} of the mentor's items are overdue")
        )
    return found


def _verdict(
    mentor: Mentor,
    theirs: list[Meeting],
    days: dict[str, dt.date],
    s: Signals,
    signs: list[Sign],
    now: dt.datetime,
) -> tuple[str, str, list[str]]:
    """The verdict, a one-line summary of why, and the reasons in full (rules: see the top)."""
    interval = s.cadence.interval_days
    # "less than one 91-day interval (no cadence set)": the rhythm assumed, and why.
    rhythm = cadence_text(s.cadence.cadence) if s.cadence.cadence else f"{interval}-day"
    assumed = "" if s.cadence.cadence else " (no cadence set)"
    gap = s.days_since_contact
    others = [w.text for w in signs if w.kind != "contact"]
    if mentor.status is Status.concluded:  # an ending, not a drift: nothing to judge
        ended = mentor.conclusion.date.isoformat() if mentor.conclusion else "earlier"
        keeping = (
            f"{cadence_text(mentor.cadence, article=True)} reminder keeps you in touch"
            if mentor.cadence
            else "no reminder to keep in touch"
        )
        return ("concluded", f"ended {ended}", [f"the mentoring ended {ended}; {keeping}"])
    if s.together_days < interval:
        return (
            "new",
            "too early to judge",
            [f"together {_days(s.together_days)}, less than one {rhythm} interval{assumed}"],
        )
    if gap is None or gap > STALLED_INTERVALS * interval:
        since = _days(gap) if gap is not None else "ever"
        return (
            "stalled",
            f"no contact for {since}",
            [
                f"no contact for {since}, more than {STALLED_INTERVALS} {rhythm} intervals"
                f"{assumed}",
                *others,
            ],
        )
    past = [m for m in theirs if days[m.id] <= now.date()]
    called_off = (MeetingStatus.cancelled, MeetingStatus.rescheduled)
    if (
        len(past) >= 2
        and all(m.status in called_off for m in past[-2:])
        and (s.last_contact is None or s.last_contact < days[past[-2].id])
    ):
        return (
            "stalled",
            "the last two meetings were called off",
            [
                "the last two meetings were called off and nothing was held or exchanged since",
                *(w.text for w in signs),
            ],
        )
    if gap > DRIFTING_INTERVALS * interval:
        return (
            "drifting",
            f"no contact for {_days(gap)}",
            [
                f"no contact for {_days(gap)}, more than {DRIFTING_INTERVALS} {rhythm} intervals"
                f"{assumed}",
                *others,
            ],
        )
    if len(signs) >= 2:
        return "drifting", f"{len(signs)} warning signs", [w.text for w in signs]
    if signs:
        return "steady", "one warning sign", [signs[0].text]
    shortfalls = _short_of_thriving(s)
    if not shortfalls:
        return "thriving", "every sign is good", _strengths(s)
    return "steady", "no warning sign, but short of thriving", shortfalls


def _plural(count: int, thing: str) -> str:
    return f"{count} {thing}{'' if count == 1 else 's'}"


def _days(count: int) -> str:
    return _plural(count, "day")


def _short_of_thriving(s: Signals) -> list[str]:
    missing = []
    if s.held < 2:
        missing.append(f"{_plural(s.held, 'meeting')} held since {s.since.isoformat()}")
    if s.cadence.share is not None and s.cadence.share < THRIVING_SHARE:
        missing.append(
            f"the cadence kept in {_share(s.cadence.kept, s.cadence.intervals)} intervals"
        )
    if s.held and s.agendas_prepared / s.held < THRIVING_SHARE:
        missing.append(f"{_share(s.agendas_prepared, s.held)} agendas prepared in advance")
    if s.held and s.reflections / s.held < THRIVING_SHARE:
        missing.append(f"{_share(s.reflections, s.held)} meetings reflected on")
    if s.thanks_6_months == 0:
        missing.append("no thank-you in the last six months")
    return missing


def _strengths(s: Signals) -> list[str]:
    ft = s.follow_through
    strengths = [f"{_plural(s.held, 'meeting')} held since {s.since.isoformat()}"]
    if s.cadence.share is not None:
        strengths.append(
            f"the {cadence_text(s.cadence.cadence)} cadence kept in "
            f"{_share(s.cadence.kept, s.cadence.intervals)} intervals"
        )
    strengths.append(f"{_share(s.agendas_prepared, s.held)} agendas prepared in advance")
    strengths.append(f"{_share(s.reflections, s.held)} meetings reflected on")
    if ft.on_time + ft.late:
        strengths.append(f"{_share(ft.on_time, ft.on_time + ft.late)} action items done on time")
    strengths.append(f"{_plural(s.thanks_6_months, 'thank-you')} in the last six months")
    return strengths


def _causes(signs: list[Sign]) -> list[Cause]:
    """Each side of the relationship with the warning signs that point to it and questions to
    work through, in the order the guides advise looking: mutual, my own part, the mentor's."""
    return [
        Cause(side, [w.text for w in signs if w.side == side], CAUSE_QUESTIONS[side])
        for side in SIDES
    ]


# -- tips, phase, agreement ------------------------------------------------------------------


def _tips(mentor: Mentor) -> list[str]:
    if mentor.style is None:
        return [
            "Note whether they are more of an introvert or an extrovert (`style` in "
            f"`mk mentor edit {mentor.slug}`) to get tips for working with their style."
        ]
    return STYLE_TIPS[mentor.style]


def _phase(
    mentor: Mentor, s: Signals, signs: list[Sign], verdict: str, today: dt.date
) -> PhaseView:
    return PhaseView(
        current=mentor.phase.value if mentor.phase else None,
        since=mentor.phase_since,
        note=mentor.phase_note,
        focus=PHASE_FOCUS[mentor.phase] if mentor.phase else None,
        suggestion=_phase_suggestion(mentor, s, signs, verdict, today),
    )


def _phase_suggestion(
    mentor: Mentor, s: Signals, signs: list[Sign], verdict: str, today: dt.date
) -> PhaseSuggestion | None:
    """A change of phase the record suggests (the mentee decides):

    - late, after three years together, or when contact has grown occasional by what looks
      like mutual choice: long gaps while nothing else is wrong (no meeting called off, none of
      my items overdue, a thank-you in six months) in a relationship past its early phase;
    - mid, from early (or no phase), after a year together; or after six months in the early
      phase with regular meetings (the cadence kept in 60% of its intervals, or three meetings
      held in the window); or when I lead most agendas (at least 3 of 4 prepared meetings, of at
      least four held, are mostly my own items);
    - early, for a relationship with no phase recorded yet that is under six months old.
    """
    current = mentor.phase
    years = s.together_days / YEAR
    if verdict == "concluded":
        return None
    if current is not Phase.late and verdict not in ("new", "stalled"):
        if years >= 3:
            return _suggest(mentor, Phase.late, f"{_plural(int(years), 'year')} together")
        only_gaps = all(w.kind in ("contact", "cadence") for w in signs)
        occasional = (
            s.longest_gap_days is not None
            and s.longest_gap_days >= DRIFTING_INTERVALS * s.cadence.interval_days
        )
        if (
            current is Phase.mid
            and occasional
            and only_gaps
            and s.cancelled + s.rescheduled == 0
            and s.follow_through.overdue_open == 0
            and s.thanks_6_months > 0
        ):
            return _suggest(
                mentor,
                Phase.late,
                f"contact has become occasional (a gap of {s.longest_gap_days} days) and "
                "nothing but the gaps looks wrong: if you both chose this rhythm, that is the "
                "late phase",
                "occasional contact by mutual choice",
            )
    if current in (None, Phase.early) and verdict != "new":
        phase_days = s.together_days
        if current is Phase.early and mentor.phase_since:
            phase_days = (today - mentor.phase_since).days
        regular = (s.cadence.share or 0) >= 0.6 or s.held >= 3
        if years >= 1:
            return _suggest(mentor, Phase.mid, f"{_days(s.together_days)} together")
        if phase_days > HALF_YEAR and regular:
            return _suggest(
                mentor,
                Phase.mid,
                f"{phase_days} days in the early phase with regular meetings",
            )
        if s.held >= 4 and 4 * s.mentee_led >= 3 * s.held:
            return _suggest(
                mentor,
                Phase.mid,
                f"you led {_share(s.mentee_led, s.held)} of the agendas with your own items",
            )
    if current is None and s.together_days < HALF_YEAR:
        return _suggest(mentor, Phase.early, "a relationship under six months old")
    return None


def _suggest(mentor: Mentor, phase: Phase, reason: str, note: str = "") -> PhaseSuggestion:
    """A suggested phase; `note` is the short why for the `--note` of the command."""
    return PhaseSuggestion(
        phase=phase.value,
        reason=reason,
        command=f'mk mentor phase {mentor.slug} {phase.value} --note "{note or reason}"',
    )


def _agreement(mentor: Mentor, today: dt.date) -> tuple[AgreementView, str | None]:
    """The agreement as it stands, and what is unsettled about it (None: nothing)."""
    agreement = mentor.agreement
    command = f"mk mentor agreement {mentor.slug}"
    if agreement is None:
        unsettled = "no agreement on record"
        view = AgreementView(
            exists=False,
            agreed=None,
            revisited=None,
            suggestion=f"Agree the ground rules together: {command}",
        )
        return view, unsettled
    last = agreement.revisited or agreement.agreed
    age = (today - last).days
    unsettled = suggestion = None
    if age > AGREEMENT_STALE_DAYS:
        unsettled = f"the agreement was last gone over {age} days ago"
        suggestion = (
            f"Revisit the agreement together: goals and expectations change as trust grows "
            f"({command})"
        )
    view = AgreementView(
        exists=True, agreed=agreement.agreed, revisited=agreement.revisited, suggestion=suggestion
    )
    return view, unsettled
