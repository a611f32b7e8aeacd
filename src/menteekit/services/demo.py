"""A realistic sample store, so a newcomer sees the tool working before entering their own data.

The sample is Sam Okafor, a physician-scientist fellow, with a board of mentors and about six
months of mentoring on record: agendas prepared the way `mk agenda new` prepares them, meetings
reflected on the way `mk log` records them, a cancelled meeting, action items done on time and
late, some still open, SMART goals reviewed month by month, and a meeting coming up.

Everything is built by the same services the commands use, from the fixed script below, so the
sample is the same for a given `today` (only the record ids, which the store draws, differ).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field
from typing import Any

from menteekit.models import (
    Action,
    Agreement,
    Cancellation,
    CheckIn,
    Conclusion,
    Contact,
    Feedback,
    Goal,
    Meeting,
    Mentor,
    Note,
    Profile,
    StoreConfig,
)
from menteekit.services import meetings as plan
from menteekit.services import reflection
from menteekit.services.actions import mark_done
from menteekit.services.agreements import STANDARD_CONFIDENTIALITY, STANDARD_ENDING
from menteekit.services.mentors import KEEP_IN_TOUCH, log_contact
from menteekit.store import SCHEMA
from menteekit.vocab import (
    ContactKind,
    FeedbackKind,
    GoalStatus,
    Group,
    Horizon,
    ItemKind,
    ItemStatus,
    NoteKind,
    Owner,
    Phase,
    Role,
    Status,
    Style,
    Trigger,
)

RIVERA = "Dr. Ana Rivera"
MENSAH = "Prof. Kwame Mensah"
LI = "Dr. Li Wei"
MARCHETTI = "Dr. Sofia Marchetti"
NATARAJAN = "Priya Natarajan"
HERRERA = "Dr. Tomás Herrera"
PARK = "Dr. Helen Park"

PARK_LAST_MEETING = 200
"""Days before today of the last meeting with Helen Park, which ended the relationship."""


def sample_profile() -> StoreConfig:
    return StoreConfig(
        schema=SCHEMA,
        me=Profile(
            name="Sam Okafor",
            path="Physician-scientist in paediatric oncology, second year of a research fellowship",
            values=["curiosity", "equity in care", "time with family"],
            goals=[
                "Submit a career development award application by next October",
                "Publish the tumour-board outcomes study as first author",
            ],
            working_style="Direct and prepared; I tend to defer to senior people in meetings",
            looking_for="Honest feedback on my research plan, and someone to open doors",
            time_budget="About four hours a month",
        ),
    )


def on_weekday(today: dt.date, days_ago: int) -> dt.date:
    """The day `days_ago` days before today (after it, if negative), moved off a weekend:
    a Saturday to the Friday before, a Sunday to the Monday after."""
    day = today - dt.timedelta(days=days_ago)
    shift = {5: -1, 6: 1}.get(day.weekday(), 0)
    return day + dt.timedelta(days=shift)


def sample_mentors(today: dt.date) -> list[Mentor]:
    """Mentors of varied roles, groups, cadences and phases; Li Wei is overdue for contact.

    Each last contact is the later of the last meeting held in the sample history (as `mk log`
    records it) and the last contact logged between meetings (as `mk touch` records it).
    Rivera's agreement is over a year old and was never revisited; Li Wei's is recent. Park's
    relationship ended well, with a yearly reminder to keep in touch.
    """

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    def last(name: str) -> dt.date | None:
        return _last_held(today, name)

    mentors = [
        Mentor(
            name=RIVERA,
            email="ana.rivera@example.edu",
            roles=[Role.research, Role.career],
            group=Group.work_project,
            internal=True,
            peer=False,
            cadence="monthly",
            channel="email",
            style=Style.introvert,
            phase=Phase.mid,
            phase_since=ago(200),
            phase_note="I bring the agenda and the drafts now; she mostly asks questions.",
            added=ago(400),
            last_contact=last(RIVERA),
            agreement=Agreement(
                agreed=ago(390),
                goals=[
                    "Submit a career development (K) award application",
                    "Publish the tumour-board outcomes study as first author",
                ],
                outcomes="A submitted K23 and a first-author paper from the tumour-board data.",
                duration="Two years, then we look again",
                time="Second Thursday, 3pm",
                frequency="monthly",
                length="45 minutes",
                modality="in person, her office",
                confidentiality=STANDARD_CONFIDENTIALITY,
                obligations="I send the agenda and any draft two days ahead and follow through "
                "on what we agree; she reads what I send and says plainly what is weak.",
                checkins="Every six months we ask whether these are still the right goals.",
                ending=STANDARD_ENDING,
            ),
        ),
        Mentor(
            name=MENSAH,
            email="k.mensah@example.edu",
            roles=[Role.sponsor, Role.leadership],
            group=Group.formal_career,
            internal=True,
            cadence="quarterly",
            channel="in person, after grand rounds",
            style=Style.extrovert,
            phase=Phase.mid,
            phase_since=ago(150),
            phase_note="He sponsors more than he advises: nominations and introductions.",
            peer=False,
            added=ago(300),
            last_contact=last(MENSAH),
        ),
        Mentor(
            name=LI,
            roles=[Role.clinical],
            group=Group.work_project,
            internal=True,
            cadence="biweekly",
            channel="Teams chat",
            phase=Phase.early,
            phase_since=ago(90),
            phase_note="Still learning how the unit runs and what he expects of a fellow.",
            peer=False,
            added=ago(90),
            last_contact=last(LI),
            agreement=Agreement(
                agreed=ago(84),
                goals=["Run oral step-down on the unit without checking every case"],
                duration="This year on the unit",
                time="Tuesday lunchtime",
                frequency="biweekly",
                length="30 minutes",
                modality="in person, ward 5 staff room",
                confidentiality=STANDARD_CONFIDENTIALITY,
                off_limits="Rota and leave requests: those go to the unit manager.",
                ending=STANDARD_ENDING,
            ),
        ),
        Mentor(
            name=MARCHETTI,
            email="sofia.marchetti@example.org",
            roles=[Role.career, Role.coach],
            group=Group.informal_professional,
            internal=False,
            cadence="twice-yearly",
            channel="video call",
            style=Style.extrovert,
            phase=Phase.late,
            phase_since=ago(420),
            phase_note="We talk as colleagues now; I call when a big choice comes up.",
            peer=False,
            added=ago(900),
            last_contact=last(MARCHETTI),
        ),
        Mentor(
            name=NATARAJAN,
            roles=[Role.life],
            group=Group.informal_life,
            internal=False,
            peer=True,
            cadence="monthly",
            channel="coffee",
            phase=Phase.mid,
            phase_since=ago(300),
            phase_note="Monthly coffee, mostly about fitting work around the family.",
            added=ago(500),
            last_contact=last(NATARAJAN),
        ),
        Mentor(
            name=HERRERA,
            roles=[Role.teaching],
            group=Group.informal_professional,
            internal=False,
            status=Status.prospective,
            peer=False,
            added=ago(10),
        ),
        Mentor(
            name=PARK,
            roles=[Role.advisor],
            group=Group.formal_career,
            internal=True,
            cadence=KEEP_IN_TOUCH,
            phase=Phase.late,
            phase_since=ago(500),
            phase_note="Winding down as the residency ends.",
            status=Status.concluded,
            peer=False,
            added=ago(1100),
            last_contact=last(PARK),
            conclusion=Conclusion(
                date=on_weekday(today, PARK_LAST_MEETING),
                reason="Residency ended and our programme pairing with it",
                achieved="choosing a fellowship and a first research project",
            ),
        ),
    ]
    touches = {
        RIVERA: [
            Contact(
                date=ago(100),
                kind=ContactKind.thanks,
                note="For the two funded K23 applications: they showed me what reviewers want",
            ),
            Contact(
                date=ago(55),
                kind=ContactKind.update,
                note="The meeting with Dr. Osei went well; he will help with the power analysis",
            ),
            Contact(
                date=ago(11),
                kind=ContactKind.thanks,
                note="For turning the Research Strategy comments round so fast",
            ),
        ],
        MENSAH: [
            Contact(
                date=ago(90),
                kind=ContactKind.congrats,
                note="On the department's teaching award",
            ),
            Contact(
                date=ago(60), kind=ContactKind.update, note="Sent the aims page with his opening"
            ),
        ],
        LI: [
            Contact(
                date=ago(63),
                kind=ContactKind.coffee,
                note="After the ward round: how he runs family meetings",
            ),
        ],
        MARCHETTI: [
            Contact(
                date=ago(30),
                kind=ContactKind.update,
                note="The K23 aims are settled; thanked her for pushing me to choose",
            ),
        ],
        NATARAJAN: [
            Contact(
                date=ago(19),
                kind=ContactKind.thanks,
                note="Her backup childcare tip saved my week on call",
            ),
        ],
        PARK: [
            Contact(
                date=ago(198),
                kind=ContactKind.thanks,
                note="A handwritten card after our last meeting",
            ),
            Contact(date=ago(45), kind=ContactKind.email, note="How the fellowship is going"),
        ],
    }
    for index, mentor in enumerate(mentors):
        for contact in touches.get(mentor.name, []):
            mentor = log_contact(mentor, contact)
        mentors[index] = mentor
    return mentors


# -- the script of the history ----------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    """An agenda item Sam typed (what the record proposes is added by `propose`)."""

    kind: ItemKind
    text: str
    minutes: int = 5
    carried: bool = False  # not reached in the meeting: it comes back next time


@dataclass(frozen=True)
class Todo:
    """An action item agreed at a meeting; days count from the meeting's day."""

    text: str
    owner: Owner = Owner.me
    due: int | None = None
    done: int | None = None  # None: still open


@dataclass(frozen=True)
class Log:
    """The reflection written after a meeting (`mk log`)."""

    notes: str
    after: int = 20  # minutes after the meeting ended that it was written
    taken: int = 20  # minutes spent on it
    advice: tuple[str, ...] = ()
    feedback: tuple[Feedback, ...] = ()
    decisions: tuple[str, ...] = ()
    differently: str = ""
    disagree: str = ""
    follow_up: str = ""
    thanked: bool = True
    todos: tuple[Todo, ...] = ()
    item_notes: tuple[tuple[str, str], ...] = ()  # (words from an item's text, a note on it)


@dataclass(frozen=True)
class Called:
    """A meeting called off, `days_before` it was due."""

    by: Owner
    reason: str
    days_before: int = 1


@dataclass(frozen=True)
class Usual:
    """How a mentor and Sam usually meet."""

    at: dt.time
    minutes: int
    modality: str
    location: str | None = None


@dataclass(frozen=True)
class Scene:
    """One meeting of the sample history: held if it has a log, cancelled if called off,
    else still planned."""

    mentor: str
    days_ago: int  # negative: still to come
    topics: tuple[Topic, ...] = ()
    agenda: bool = True  # False: a conversation that was never planned (no agenda)
    carry: bool = True  # the agenda starts from what the record proposes, as `mk agenda new`
    dropped: tuple[str, ...] = ()  # words of proposals Sam dropped while preparing
    prepared: int = 3  # days ahead that the agenda was prepared
    next_agreed: bool = False  # the date of the next meeting was fixed in this one
    log: Log | None = None
    called_off: Called | None = None
    at: dt.time | None = None  # unless as usual
    minutes: int | None = None
    location: str | None = None


USUAL = {
    RIVERA: Usual(dt.time(15), 45, "in person", "Her office, research building, fourth floor"),
    MENSAH: Usual(dt.time(9), 30, "in person", "His office, after grand rounds"),
    LI: Usual(dt.time(12, 30), 30, "in person", "Ward 5 staff room"),
    MARCHETTI: Usual(dt.time(18), 60, "video call"),
    NATARAJAN: Usual(dt.time(7, 30), 45, "coffee", "The café across from the children's hospital"),
    PARK: Usual(dt.time(16), 30, "in person", "Her office in the residency programme suite"),
}

Q, U, D, F = ItemKind.question, ItemKind.update, ItemKind.decision, ItemKind.feedback
MENTOR = Owner.mentor


def _coaching(text: str, trigger: Trigger | None = None) -> Feedback:
    return Feedback(kind=FeedbackKind.coaching, text=text, trigger=trigger)


def _appreciation(text: str) -> Feedback:
    return Feedback(kind=FeedbackKind.appreciation, text=text)


def _evaluation(text: str) -> Feedback:
    return Feedback(kind=FeedbackKind.evaluation, text=text)


def _script() -> list[Scene]:
    """Every meeting on record: what Sam prepared, what happened and what was agreed."""
    return [
        # -- Dr. Helen Park: the residency programme pairing, closed well ------------------
        Scene(
            PARK,
            PARK_LAST_MEETING,
            topics=(
                Topic(U, "A one-page look back at our three years, to read together"),
                Topic(F, "What should I keep doing, and what should I stop?", 10),
                Topic(Q, "Would you be a reference for faculty applications later on?"),
            ),
            log=Log(
                "Our last meeting as a pair, which Helen wanted to end properly rather than let "
                "it fade. She read my look back and added two things I had forgotten, both "
                "about how I got through the hard months of intern year.",
                after=45,
                feedback=(
                    _appreciation(
                        "I have grown most in asking for what I need, early and plainly."
                    ),
                    _coaching("Keep fewer projects and finish them; stop saying yes in the room."),
                ),
                decisions=("Stay in touch with a short note twice a year",),
            ),
        ),
        # -- Prof. Kwame Mensah: sponsor, quarterly, after grand rounds ---------------------
        Scene(
            MENSAH,
            128,
            topics=(
                Topic(F, "Two openings for my aims page: which would you score higher?", 10),
                Topic(Q, "What would you want from me as a member of my K23 committee?"),
                Topic(U, "Ana and I have settled on a K23; the aims page is on its third draft"),
            ),
            log=Log(
                "He read both openings on his phone while I waited and picked the gap-first "
                "one without hesitating. So Ana was right.",
                after=15,
                feedback=(
                    _appreciation(
                        "Asking for a blind comparison was a good way to settle a disagreement "
                        "with a senior mentor."
                    ),
                ),
                decisions=(
                    "Lead the aims page with the gap in care",
                    "Hold a full committee meeting twice a year",
                ),
                differently="Settle a disagreement with evidence sooner, instead of carrying "
                "it around for a month.",
                todos=(Todo("Schedule the first K23 committee meeting", due=30, done=26),),
                item_notes=(
                    (
                        "Two openings",
                        "Gap-first: the registry shows you can do it, the gap shows why anyone "
                        "should care.",
                    ),
                ),
            ),
        ),
        Scene(
            MENSAH,
            40,
            topics=(
                Topic(U, "The committee has met; Ana's comments on the Research Strategy are in"),
                Topic(Q, "Would you write a letter of support, and what do you need from me?", 10),
                Topic(Q, "Is it too early to ask about a faculty position after fellowship?", 8),
            ),
            log=Log(
                "He will write the letter and wants a draft with the specifics: dates, numbers, "
                "my role. On the faculty job he was blunt: the award comes first, and he will "
                "raise my name with the chair once it is submitted.",
                after=10,
                advice=("Give a letter writer a draft with the facts filled in",),
                feedback=(
                    _evaluation(
                        "Against the fellows he has seen win K awards, I am on track for the "
                        "science and behind on first-author papers."
                    ),
                ),
                decisions=("Raise the faculty position again once the K23 is submitted",),
                todos=(
                    Todo(
                        "Send Prof. Mensah a draft letter of support with the dates and numbers "
                        "filled in",
                        due=30,
                        done=26,
                    ),
                ),
            ),
        ),
        # -- Dr. Sofia Marchetti: career coach, twice a year, by video --------------------
        Scene(
            MARCHETTI,
            70,
            topics=(
                Topic(U, "The K23 is on track for October and the committee is in place"),
                Topic(
                    Q,
                    "The tumour-board chair wants me to run the registry: how do I say no "
                    "without closing a door?",
                    15,
                ),
                Topic(F, "Am I drifting from my non-negotiables?", 15),
            ),
            log=Log(
                "We checked the week again: writing is up to nine hours. The registry question "
                "was really about whether saying no to a senior colleague costs me.",
                after=25,
                taken=25,
                advice=(
                    "Say no to the role and yes to the person: offer what you can give, with a "
                    "date",
                ),
                decisions=("Decline the registry role and offer to train whoever takes it on",),
                todos=(
                    Todo(
                        "Reply to the tumour-board chair: decline the registry, offer to train "
                        "a successor",
                        due=5,
                        done=3,
                    ),
                ),
            ),
        ),
        # -- Priya Natarajan: a peer, coffee once a month ---------------------------------
        Scene(
            NATARAJAN,
            48,
            topics=(
                Topic(Q, "How do you write when the kids are asleep at eight and you by nine?", 10),
                Topic(Q, "Inpatient weeks: what do you do when daycare closes at six?", 10),
                Topic(D, "A full week of leave this summer, with the grant due in the autumn?", 10),
            ),
            log=Log(
                "Priya has two children and an R01 and does not pretend it is easy, which "
                "helped more than any tip. On leave she was clear: take it, and say so early.",
                after=60,
                taken=10,
                advice=(
                    "Write in the morning before anyone is up, even for forty minutes; writing "
                    "at night is borrowed from the next day",
                ),
                decisions=(
                    "Try writing from 6 to 7 am for two weeks",
                    "Take the full week of leave, and book it this month",
                ),
                todos=(
                    Todo("Write from 6 to 7 am for two weeks and keep a tally", due=14, done=14),
                    Todo("Share the dates of my week of leave", due=10, done=9),
                    Todo("Send the name of her backup childcare service", MENTOR, 3, 2),
                ),
            ),
        ),
        Scene(
            NATARAJAN,
            20,
            agenda=False,
            log=Log(
                "Coffee without an agenda, which was the point. Nine mornings out of fourteen "
                "at six: Priya says that is a habit, not a failure. We talked about our kids "
                "more than our work, and I left lighter.",
                after=90,
                taken=5,
                todos=(Todo("Book the family weekend away before the grant gets busy"),),
            ),
        ),
        # -- Dr. Li Wei: clinical mentor, meant to be every two weeks ---------------------
        Scene(
            LI,
            84,
            topics=(
                Topic(Q, "How do you run a family meeting when the news is relapse?", 10),
                Topic(Q, "Attending weeks on the ward: how do you keep any research time?", 10),
                Topic(U, "I start as junior attending on the inpatient service next month"),
            ),
            log=Log(
                "Our first proper meeting. Li is calm and specific, and she thinks in checklists.",
                after=20,
                advice=(
                    "Ask what the family already knows before you say anything",
                    "On service weeks protect one hour a day, and accept that some days it goes",
                ),
                todos=(
                    Todo("Sit in on one of Li's relapse family meetings", due=14, done=14),
                    Todo("Share her family-meeting checklist", MENTOR, 3, 1),
                ),
            ),
        ),
        Scene(
            LI,
            70,
            agenda=False,
            at=dt.time(11, 15),
            minutes=15,
            location="The corridor outside the family room",
            log=Log(
                "Fifteen minutes in the corridor after the family meeting I sat in on. She "
                "pointed out that I filled every silence.",
                after=30,
                taken=10,
                feedback=(
                    _coaching(
                        "Let the silence sit after the news. I filled it with a treatment plan "
                        "the parents were not ready to hear."
                    ),
                ),
                todos=(
                    Todo(
                        "Leave ten seconds of silence after hard news, and note how it goes",
                        due=14,
                        done=8,
                    ),
                ),
            ),
        ),
        Scene(
            LI,
            56,
            topics=(Topic(Q, "Neutropenic fever: when do you step down from IV antibiotics?", 10),),
            called_off=Called(
                Owner.me, "I was on the ward and the round ran past one.", days_before=0
            ),
        ),
        Scene(
            LI,
            38,
            topics=(
                Topic(
                    F, "Would you watch me lead a family meeting and tell me what to change?", 10
                ),
            ),
            log=Log(
                "We finally met after I cancelled last time. She will watch me lead a family "
                "meeting. We did not fix a next date: I said I would message her after my "
                "service block, and have not yet.",
                after=15,
                advice=("Step down on the pathway's criteria, not on the calendar",),
                decisions=("Use the unit pathway's criteria for oral step-down",),
                todos=(Todo("Send the unit's neutropenic fever audit", MENTOR, 7, 5),),
            ),
        ),
        # -- Dr. Ana Rivera: research and career mentor, primary mentor on the K23 --------
        Scene(
            RIVERA,
            166,
            minutes=60,  # the first talk about the award: she gave it the hour
            topics=(
                Topic(U, "Tumour-board study: the registry pull is done, 412 children, six years"),
                Topic(D, "K08 or K23: which fits a study built on tumour-board outcomes?", 15),
                Topic(Q, "Who else should sit on my K award mentoring committee?", 10),
                Topic(
                    F,
                    "My first specific aims page: is Aim 2 too much for a five-year award?",
                    10,
                    carried=True,
                ),
            ),
            next_agreed=True,
            log=Log(
                "Ana had already read the registry summary, so the update took two minutes and "
                "we spent most of the hour on the mechanism. We never got to the aims page.",
                after=20,
                taken=25,
                advice=(
                    "Choose the mechanism from the science, not from which study section "
                    "feels friendlier",
                    "A committee works best with one member who has sat on a study section",
                ),
                feedback=(
                    _appreciation(
                        "The registry summary was clear and the right length; she would like "
                        "every update in that format."
                    ),
                ),
                decisions=("Apply for a K23 rather than a K08", "Aim for the October deadline"),
                todos=(
                    Todo(
                        "Email Prof. Mensah to ask whether he will join my K23 committee",
                        due=7,
                        done=3,
                    ),
                    Todo("Rewrite the aims page as a K23, with a narrower Aim 2", due=14, done=12),
                    Todo("Send two funded K23 applications from her former fellows", MENTOR, 7, 5),
                ),
                item_notes=(
                    (
                        "K08 or K23",
                        "K23: the study is about how decisions are made for patients, not about "
                        "biology.",
                    ),
                ),
            ),
        ),
        Scene(
            RIVERA,
            138,
            topics=(
                Topic(
                    Q, "How much preliminary data does a K23 need if the pilot ran at one site?", 10
                ),
                Topic(U, "I have been asked to lead the fellows' journal club next term"),
            ),
            next_agreed=True,
            log=Log(
                "A hard meeting. Ana went through the new aims page line by line. The "
                "preliminary data question turned out to be the same question: the pilot is "
                "the strongest thing I have, and I had buried it on the second page.",
                after=25,
                taken=30,
                advice=(
                    "Write the aims page for a tired reviewer at 11 pm: one question, two aims, "
                    "why now",
                    "Data from one site is fine if you say plainly why the other sites will "
                    "behave the same",
                ),
                feedback=(
                    _coaching(
                        "The aims read as a list of analyses. Nobody on a study section is "
                        "waiting for an analysis; they are waiting for an answer. Open with the "
                        "gap in care for these children, then show the registry is how you "
                        "close it.",
                        Trigger.truth,
                    ),
                ),
                decisions=("Keep two aims; the cost analysis moves to future directions",),
                differently="Send the page three days ahead, not the night before, so she has "
                "time to mark it up.",
                disagree="I still think the registry belongs in the first paragraph: "
                "reviewers need to see at once that we can do this.",
                follow_up="Write both openings and ask Prof. Mensah, who has reviewed for NIH, "
                "which one he would score higher.",
                todos=(
                    Todo(
                        "Write two openings for the aims page, gap-first and registry-first",
                        due=10,
                        done=16,
                    ),
                    Todo(
                        "Ask the biostatistics core for a power calculation for Aim 1",
                        due=21,
                        done=20,
                    ),
                    Todo("Introduce me to Dr. Osei at the biostatistics core", MENTOR, 7, 2),
                ),
            ),
        ),
        Scene(
            RIVERA,
            110,
            topics=(
                Topic(D, "Research-in-progress next month: present the cohort as it stands?", 10),
                Topic(Q, "What should I look for in a biostatistics co-mentor?"),
            ),
            called_off=Called(MENTOR, "Ana was called to sit on a study section that week."),
        ),
        Scene(
            RIVERA,
            102,
            topics=(Topic(U, "Power calculation: Aim 1 needs about 300 children; we have 412"),),
            next_agreed=True,
            log=Log(
                "Ana was apologetic about the cancellation and generous with time to make up "
                "for it. The power calculation changes the conversation: Aim 1 is feasible on "
                "our own data.",
                after=20,
                advice=(
                    "Show the research-in-progress audience the question, not the results: you "
                    "want their objections before the reviewers have them",
                ),
                decisions=(
                    "Present at research-in-progress next month with the cohort as it stands",
                    "Ask Dr. Osei to be the biostatistics co-mentor",
                ),
                thanked=False,
                todos=(
                    Todo("Ask Dr. Osei to be my co-mentor for biostatistics", due=14, done=9),
                    Todo("Send the full Research Strategy draft", due=24, done=23),
                ),
            ),
        ),
        Scene(
            RIVERA,
            73,
            dropped=("Publish the tumour-board",),  # the abstract topic covers the paper
            topics=(
                Topic(U, "Research-in-progress: three useful objections, one on referral bias"),
                Topic(F, "How did I handle the referral bias question in the room?", 10),
                Topic(
                    D,
                    "A second-year medical student wants to join the chart review: take her on?",
                    10,
                    carried=True,
                ),
                Topic(Q, "Spring meeting: submit the tumour-board abstract now, or wait?", 8),
            ),
            next_agreed=True,
            log=Log(
                "Ana was at research-in-progress and had notes. We spent longer on my answer "
                "to the referral bias question than I expected, and ran out of time for the "
                "student.",
                after=15,
                advice=(
                    "When the room pushes back, say what you did and why, then what you would "
                    "add; do not open with an apology",
                ),
                feedback=(
                    _coaching(
                        "I answered the referral bias question by apologising first. The "
                        "analysis was sound; the apology made the room doubt it."
                    ),
                ),
                decisions=(
                    "Submit the abstract to the spring meeting and write the paper alongside it",
                ),
                todos=(
                    Todo("Submit the tumour-board abstract to the spring meeting", due=12, done=11),
                    Todo("Return comments on the Research Strategy draft", MENTOR, 21, 21),
                ),
                item_notes=(
                    ("the referral bias question", "Lead with the sensitivity analysis next time."),
                ),
            ),
        ),
        Scene(
            RIVERA,
            42,
            topics=(
                Topic(U, "The abstract was accepted as a poster"),
                Topic(
                    Q, "Your comments say feasibility is not shown: what would convince you?", 10
                ),
                Topic(Q, "I want to teach better on rounds: who should I learn from?"),
            ),
            next_agreed=True,
            log=Log(
                "A practical meeting. Feasibility is about showing that four sites will send "
                "data on time, not about the statistics.",
                after=17 * 60,  # the next morning, before clinic
                advice=(
                    "Reviewers believe letters that name numbers: cases a year, meeting days, "
                    "who enters the data",
                ),
                feedback=(
                    _appreciation("The abstract is the clearest thing I have written for her."),
                ),
                decisions=(
                    "Take on the medical student for the summer, with a written plan and a "
                    "weekly 30-minute check-in",
                    "Get a letter from each site's tumour-board lead to show feasibility",
                ),
                todos=(
                    Todo("Write the student's project plan and share it", due=7, done=6),
                    Todo("Revise the Approach to answer the feasibility comments", due=21, done=20),
                    Todo("Draft the data management and sharing plan", due=37),
                    Todo(
                        "Introduce me to Dr. Tomás Herrera, who runs the teaching-skills course",
                        MENTOR,
                        14,
                        31,
                    ),
                ),
            ),
        ),
        Scene(
            RIVERA,
            12,
            dropped=("Goal check: Publish",),  # the paper waits until the award is in
            topics=(
                Topic(
                    Q,
                    "Letters of support: ask Prof. Mensah now, or after the next draft?",
                    10,
                    carried=True,
                ),
                Topic(U, "The medical student has started: 60 charts abstracted in two weeks"),
            ),
            next_agreed=True,
            log=Log(
                "Short on time: Ana had to leave for clinic at twenty to four. The Approach is "
                "in much better shape. The data management plan is the piece I keep putting "
                "off, and she noticed.",
                after=20,
                decisions=(
                    "Send the full application to internal review eight weeks before the deadline",
                ),
                todos=(
                    Todo("Send the revised Approach and my biosketch", due=17),
                    Todo(
                        "Ask Dr. Chen whether she will advise on the health-services methods",
                        MENTOR,
                        21,
                    ),
                ),
                item_notes=(
                    (
                        "data management",
                        "Not started. Ana says the library has a template and a person who "
                        "reviews these.",
                    ),
                    ("Dr. Tomás Herrera", "Ana will send the introduction this week."),
                ),
            ),
        ),
        # Planned at the last meeting; two items jotted down since, without the record's
        # proposals (`mk agenda new rivera --no-carry`): `mk agenda new rivera` adds those.
        Scene(
            RIVERA,
            -16,
            carry=False,
            prepared=26,
            topics=(
                Topic(Q, "Internal review in eight weeks: is that realistic from here?", 7),
                Topic(
                    F, "Please read the revised Approach first, above all the feasibility part", 8
                ),
            ),
        ),
    ]


# fmt: off
def sample_goals(today: dt.date, slugs: dict[str, str]) -> list[Goal]:
    """Sam's goals, set before the first meeting on record and reviewed most months since.

    `slugs` maps each mentor's name to their slug. One goal is left weak on purpose (no
    measure, no date, no mentor) so that the SMART check and the board have something to say.
    """

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    def reviews(*rows: tuple[int, int, str, str, str, str]) -> list[CheckIn]:
        """Check-ins from (days ago, progress, what helped, in the way, next step, raise with)."""
        return [
            CheckIn(
                date=ago(days),
                progress=progress,
                helped=helped,
                blocker=blocker,
                next_step=step,
                raise_with=slugs[who],
            )
            for days, progress, helped, blocker, step, who in rows
        ]

    return [
        Goal(
            statement="Submit a career development (K) award application",
            measure="Application submitted to NIH for the October deadline",
            achievable="Pilot data from the tumour-board study; 80% protected research time; "
            "Dr. Rivera has mentored three funded K awards",
            values=["curiosity", "equity in care"],
            due=today + dt.timedelta(days=320),
            mentors=[slugs[RIVERA], slugs[MENSAH]],
            created=ago(175),
            checkins=reviews(
                (145, 15, "Settling on a K23", "Aim 2 is still too broad",
                 "Block Friday mornings for writing", RIVERA),
                (115, 25, "Friday mornings kept", "How much pilot data is enough?",
                 "Draft the Research Strategy", RIVERA),
                (80, 35, "Research Strategy drafted", "Referral bias in the pilot",
                 "Present the pilot at research-in-progress", RIVERA),
                (48, 45, "Comments on the Research Strategy", "No letters of support yet",
                 "Draft the letter requests", RIVERA),
                (18, 55, "Internal review booked", "The Approach is too long",
                 "Cut the Approach to six pages", RIVERA),
            ),
        ),
        Goal(
            statement="Publish the tumour-board outcomes study as first author",
            measure="Manuscript accepted in a peer-reviewed journal",
            achievable="Data analysed; needs a statistician's review and two weeks of writing",
            values=["equity in care"],
            due=today + dt.timedelta(days=150),
            mentors=[slugs[RIVERA]],
            created=ago(175),
            checkins=reviews(
                (150, 30, "The registry pull", "Follow-up data missing for some children",
                 "Chase the registry for follow-up data", RIVERA),
                (100, 50, "Registry data in", "No statistician free for months",
                 "Ask the biostatistics core for a consult", RIVERA),
                (45, 70, "First full draft", "Co-authors slow to comment",
                 "Set a comment deadline for co-authors", RIVERA),
            ),
        ),
        Goal(
            statement="Lead an independent research programme on paediatric oncology outcomes",
            measure="R01-level funding and a team of at least three people",
            achievable="A K award first, then a faculty post with start-up funds",
            values=["curiosity"],
            due=today + dt.timedelta(days=6 * 365),
            horizon=Horizon.long,
            mentors=[slugs[MARCHETTI]],
            review_days=90,
            created=ago(175),
            checkins=reviews(
                (75, 10, "Talking it through with Dr. Marchetti",
                 "Unsure of the clinical and research balance I want",
                 "List three places to apply to", MARCHETTI),
            ),
        ),
        Goal(
            statement="Pass the paediatric haematology-oncology board exam",
            measure="A pass from the certifying board",
            achievable="Review course booked; a study group of three fellows",
            values=["curiosity"],
            due=ago(100),
            status=GoalStatus.achieved,
            achieved=ago(110),
            mentors=[slugs[LI]],
            created=ago(175),
            checkins=reviews(
                (160, 60, "The study group", "Night shifts", "Two question banks a week", LI),
                (130, 85, "Practice exams", "Nerves", "One last mock exam", LI),
            ),
        ),
        Goal(
            statement="Get better at saying no to committee requests",
            values=["time with family"],
            created=ago(60),
        ),
    ]
# fmt: on


def _as_of(goal: Goal, day: dt.date) -> Goal:
    """The goal as it stood at the end of `day`: its check-ins until then, achieved or not."""
    earlier = [c for c in goal.checkins if c.date <= day]
    if goal.achieved is not None and goal.achieved > day:
        return goal.model_copy(
            update={"checkins": earlier, "status": GoalStatus.active, "achieved": None}
        )
    return goal.model_copy(update={"checkins": earlier})


def _last_held(today: dt.date, name: str) -> dt.date | None:
    """The day of the last meeting held with the mentor called `name`."""
    held = [s.days_ago for s in _script() if s.mentor == name and s.log and s.days_ago >= 0]
    return on_weekday(today, min(held)) if held else None


# -- playing the script -------------------------------------------------------------------------


@dataclass(frozen=True)
class AddMeeting:
    meeting: Meeting


@dataclass(frozen=True)
class AddActions:
    actions: list[Action]


@dataclass(frozen=True)
class AddGoals:
    goals: list[Goal]


Write = AddMeeting | AddActions | AddGoals
"""A request to write new records; the records as written, with their ids, are sent back."""


@dataclass
class History:
    """The sample history as written: every meeting, every action as it stands today, and
    the goals."""

    meetings: list[Meeting] = field(default_factory=list)
    actions: dict[str, Action] = field(default_factory=dict)
    goals: list[Goal] = field(default_factory=list)


def sample_history(
    today: dt.date,
    mentors: Iterable[Mentor],
    meeting_template: str,
    reflection_template: str,
) -> Generator[Write, Any, History]:
    """The meetings and action items of the sample, in the order they happened.

    Yields the records to write and expects them back as written: later records refer to
    earlier ones by the id the store gave them (an item carried over names its meeting and
    item, a win or a follow-up its action, an action its meeting). `mentors` are the sample
    mentors as written.

    Each action is written once, as it stands today (done or still open); while the script
    plays, the history keeps it as it stood at each moment, so that every agenda proposes what
    `mk agenda new` would have proposed on the day it was prepared.
    """
    by_name = {m.name: m for m in mentors}
    history = History()
    history.goals = yield AddGoals(sample_goals(today, {m.name: m.slug for m in mentors}))
    # Actions written as done but still open at this point of the story: (day done, id).
    finished: list[tuple[dt.date, str]] = []
    agreed: dict[str, dt.datetime] = {}  # mentor -> when the next meeting's date was fixed

    def move_to(day: dt.date) -> None:
        """Mark done the actions done by the end of `day`."""
        for done, action_id in sorted(finished):
            if done <= day:
                finished.remove((done, action_id))
                history.actions[action_id] = mark_done(history.actions[action_id], done)

    scenes = sorted(_script(), key=lambda s: -s.days_ago)
    for scene in scenes:
        mentor = by_name[scene.mentor]
        usual = USUAL[scene.mentor]
        day = on_weekday(today, scene.days_ago)
        when = dt.datetime.combine(day, scene.at or usual.at).astimezone()
        minutes = scene.minutes or usual.minutes
        after = scene.log.after if scene.log else 0
        written = when + dt.timedelta(minutes=minutes + after)

        if scene.agenda:
            prepared = dt.datetime.combine(day - dt.timedelta(days=scene.prepared), dt.time(17, 30))
            prepared = prepared.astimezone()
            move_to(prepared.date())
            # Planned when the last meeting fixed its date (`mk log --next`), else when prepared.
            created = agreed.pop(mentor.slug, prepared)
            meeting = plan.new_meeting(mentor.slug, when, minutes, created, meeting_template)
            proposals: list[plan.Proposal] = []
            if scene.carry:
                actions = list(history.actions.values())
                goals = [
                    _as_of(g, prepared.date())
                    for g in history.goals
                    if g.created <= prepared.date()
                ]
                proposals = [
                    p
                    for p in plan.propose(mentor, history.meetings, actions, None, prepared, goals)
                    if not any(words in p.text for words in scene.dropped)
                ]
            typed = [plan.Proposal(t.kind, t.text, t.minutes) for t in scene.topics]
            meeting = plan.with_items(meeting, proposals + typed)
        else:
            meeting = reflection.unplanned(mentor.slug, when, written, meeting_template)
            meeting = meeting.revised(minutes=minutes)
        meeting = meeting.revised(
            modality=usual.modality, location=scene.location or usual.location
        )

        todos = scene.log.todos if scene.log else ()
        agreed_actions = [
            Action.create(
                text=todo.text,
                owner=todo.owner,
                mentor=mentor.slug,
                due=day + dt.timedelta(days=todo.due) if todo.due is not None else None,
                created=day,
            )
            for todo in todos
        ]
        if scene.called_off is not None:
            called = scene.called_off
            cancellation = Cancellation(
                date=day - dt.timedelta(days=called.days_before), by=called.by, reason=called.reason
            )
            meeting = plan.cancel(meeting, cancellation)
        elif scene.log is not None:
            following = _next_meeting(today, scenes, scene) if scene.next_agreed else None
            meeting = _held(meeting, scene, agreed_actions, following, written, reflection_template)
        saved = yield AddMeeting(meeting)
        history.meetings.append(saved)
        if scene.next_agreed:
            agreed[mentor.slug] = written
        if not todos:
            continue

        agreed_actions = [a.revised(meeting=saved.id) for a in agreed_actions]
        as_today = [
            mark_done(action, day + dt.timedelta(days=todo.done))
            if todo.done is not None
            else action
            for action, todo in zip(agreed_actions, todos, strict=True)
        ]
        added = yield AddActions(as_today)
        for action, todo, as_written in zip(agreed_actions, todos, added, strict=True):
            history.actions[as_written.id] = action.model_copy(update={"id": as_written.id})
            if todo.done is not None:
                finished.append((day + dt.timedelta(days=todo.done), as_written.id))

    move_to(today)
    if finished:
        raise ValueError(f"the sample has actions done after today: {finished}")
    return history


def _next_meeting(today: dt.date, scenes: list[Scene], scene: Scene) -> dt.datetime:
    """When the meeting after `scene` with the same mentor is."""
    following = next(s for s in scenes if s.mentor == scene.mentor and s.days_ago < scene.days_ago)
    at = following.at or USUAL[following.mentor].at
    return dt.datetime.combine(on_weekday(today, following.days_ago), at).astimezone()


def _held(
    meeting: Meeting,
    scene: Scene,
    actions: list[Action],
    following: dt.datetime | None,
    written: dt.datetime,
    template: str,
) -> Meeting:
    """The meeting as `mk log` leaves it: item outcomes, the reflection, its Markdown section."""
    log = scene.log
    assert log is not None
    outcomes = {item.id: ItemStatus.discussed for item in meeting.items}
    by_text = {item.text: item.id for item in meeting.items}
    for topic in scene.topics:
        if topic.carried:
            outcomes[by_text[topic.text]] = ItemStatus.carried
    notes = {}
    for words, note in log.item_notes:
        [item_id] = [item.id for item in meeting.items if words in item.text]
        notes[item_id] = note
    answers = reflection.Answers(
        outcomes=outcomes,
        item_notes=notes,
        notes=log.notes,
        advice=list(log.advice),
        feedback=list(log.feedback),
        decisions=list(log.decisions),
        differently=log.differently,
        disagree=log.disagree,
        disagree_follow_up=log.follow_up,
        thanked=log.thanked,
        minutes_taken=log.taken,
    )
    section = reflection.section(template, meeting, answers, actions, following, written)
    return reflection.apply(meeting, answers, section, written)


def sample_notes(today: dt.date, mentors: Iterable[Mentor]) -> list[Note]:
    """Notes written since the last meetings: two waiting for the next agenda with Priya and
    Kwame (Ana's agenda is already full), and two journal entries."""
    slugs = {m.name: m.slug for m in mentors}

    def written(days_ago: int, hour: int) -> tuple[dt.date, dt.datetime]:
        day = today - dt.timedelta(days=days_ago)
        return day, dt.datetime.combine(day, dt.time(hour, 10)).astimezone()

    script = (
        (
            NATARAJAN,
            NoteKind.question,
            "How did you decide when to say no to a second fellowship year?",
            ("career",),
            written(6, 7),
        ),
        (
            MENSAH,
            NoteKind.worry,
            "I said yes to the curriculum committee before checking my protected time.",
            (),
            written(2, 18),
        ),
        (
            None,
            NoteKind.win,
            "Presented the pilot data at fellows' research day; the questions were friendly.",
            ("talks",),
            written(9, 19),
        ),
        (
            None,
            NoteKind.other,
            "Noticing that I prepare better for meetings with Ana than with Priya.",
            (),
            written(1, 22),
        ),
    )
    return [
        Note(
            date=day,
            mentor=slugs[name] if name else None,
            kind=kind,
            tags=list(tags),
            created=created,
            body=text + "\n",
        )
        for name, kind, text, tags, (day, created) in script
    ]
