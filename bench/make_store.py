"""Generate the benchmark store: ten years of a busy mentee's record (DESIGN §7).

    python bench/make_store.py DIR [--scale N] [--seed S] [--today YYYY-MM-DD]

At scale 1: 25 mentors, 1,200 meetings with agendas and reflections, 4,000 action items,
150 goals with check-ins and 600 contacts, spread over the ten years before `--today`.
`--scale 2` doubles every count. Every record is written through menteekit's own store, so
each one is valid; the same seed (and day) gives the same store, ids included.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

from menteekit import store as store_module
from menteekit.models import (
    Action,
    AgendaItem,
    CheckIn,
    Contact,
    Feedback,
    Goal,
    Meeting,
    Mentor,
    Profile,
    Reflection,
    StoreConfig,
)
from menteekit.services.meetings import WRAP_UP_ID, WRAP_UP_TEXT
from menteekit.store import ID_ALPHABET, ID_LENGTH, Store
from menteekit.vocab import (
    ActionStatus,
    ContactKind,
    FeedbackKind,
    GoalStatus,
    Group,
    Horizon,
    ItemKind,
    ItemOrigin,
    ItemStatus,
    MeetingStatus,
    Owner,
    Phase,
    Role,
    Status,
    Style,
)

MENTORS, MEETINGS, ACTIONS, GOALS, CONTACTS = 25, 1200, 4000, 150, 600
YEARS = 10
CADENCES = ("weekly", "biweekly", "monthly", "monthly", "quarterly")
FIRST = ("Ana", "Kwame", "Mei", "Luca", "Priya", "Jonas", "Amara", "Diego", "Noor", "Sven")
LAST = ("Rivera", "Mensah", "Li", "Marchetti", "Natarajan", "Berg", "Okafor", "Silva", "Haddad")
TOPICS = (
    "the R01 resubmission",
    "the readmissions cohort paper",
    "teaching the second-year course",
    "the clinic schedule",
    "a K award budget",
    "hiring a research coordinator",
    "the conference abstract",
    "balancing call weeks and writing",
    "the study section comments",
    "leading the journal club",
)
VERBS = ("Draft", "Send", "Read", "Ask about", "Revise", "Outline", "Schedule", "Review")


class Generator:
    """Everything random comes from one seeded generator, ids included."""

    def __init__(self, seed: int, today: dt.date, scale: float) -> None:
        self.random = random.Random(seed)
        self.today = today
        self.start = today - dt.timedelta(days=365 * YEARS)
        self.scale = scale

    def count(self, at_scale_1: int) -> int:
        """How many at this scale (at least one): `--scale 2` doubles every count, and a
        fraction makes a small store for a quick try of the benchmark."""
        return max(1, round(at_scale_1 * self.scale))

    def new_id(self, taken: object) -> str:
        while True:
            candidate = "".join(self.random.choice(ID_ALPHABET) for _ in range(ID_LENGTH))
            if candidate not in taken:  # type: ignore[operator]
                return candidate

    def day(self, after: dt.date, before: dt.date) -> dt.date:
        return after + dt.timedelta(days=self.random.randrange(max(1, (before - after).days)))

    def text(self) -> str:
        return f"{self.random.choice(VERBS)} {self.random.choice(TOPICS)}"

    def mentors(self) -> list[Mentor]:
        mentors = []
        for n in range(self.count(MENTORS)):
            added = self.day(self.start, self.today - dt.timedelta(days=60))
            concluded = n % 6 == 5
            mentors.append(
                Mentor.create(
                    name=f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]} {n + 1}",
                    roles=self.random.sample(list(Role), k=self.random.randint(1, 3)),
                    group=self.random.choice(list(Group)),
                    internal=self.random.random() < 0.6,
                    peer=self.random.random() < 0.2,
                    cadence=self.random.choice(CADENCES),
                    style=self.random.choice(list(Style)),
                    phase=self.random.choice(list(Phase)),
                    status=Status.concluded if concluded else Status.active,
                    added=added,
                    conclusion={"date": self.today - dt.timedelta(days=30), "reason": "moved"}
                    if concluded
                    else None,
                )
            )
        return mentors

    def contacts(self, mentor: Mentor, count: int) -> list[Contact]:
        days = sorted(self.day(mentor.added, self.today) for _ in range(count))
        return [
            Contact(
                date=day,
                kind=self.random.choice(list(ContactKind)),
                note=f"About {self.random.choice(TOPICS)}",
            )
            for day in days
        ]

    def meeting(self, mentor: Mentor, day: dt.date, goals: list[Goal]) -> Meeting:
        when = dt.datetime.combine(day, dt.time(self.random.choice((9, 11, 14, 16)))).astimezone()
        created = when - dt.timedelta(days=self.random.randint(0, 4), hours=2)
        future = day >= self.today
        status = MeetingStatus.planned if future else MeetingStatus.held
        roll = self.random.random()
        if not future and roll < 0.05:
            status = MeetingStatus.cancelled
        items = []
        for number in range(1, self.random.randint(3, 6) + 1):
            goal = self.random.choice(goals) if goals and number == 1 else None
            items.append(
                AgendaItem(
                    id=str(number),
                    kind=self.random.choice(list(ItemKind)),
                    text=f"Progress on: {goal.statement}" if goal else self.text(),
                    minutes=self.random.choice((5, 5, 10, 15)),
                    status=ItemStatus.pending
                    if status is not MeetingStatus.held
                    else self.random.choice((ItemStatus.discussed,) * 4 + (ItemStatus.carried,)),
                    origin=ItemOrigin.goal if goal else ItemOrigin.new,
                    source=goal.id if goal else None,
                    note="They suggested asking the division chief" if number == 2 else None,
                )
            )
        items.append(
            AgendaItem(id=WRAP_UP_ID, text=WRAP_UP_TEXT, origin=ItemOrigin.wrap_up, minutes=5)
        )
        reflection = None
        body = ""
        if status is MeetingStatus.held and roll < 0.9:
            reflection = Reflection(
                written=when + dt.timedelta(hours=3),
                minutes=self.random.randint(10, 35),
                thanked=self.random.random() < 0.4,
                decisions=[f"Go ahead with {self.random.choice(TOPICS)}"],
                feedback=[
                    Feedback(kind=self.random.choice(list(FeedbackKind)), text="Tighten the aims")
                ],
            )
            body = (
                "## Advice\n\nStart with the question, not the method.\n\n"
                "## What I will do differently\n\nSend the agenda two days ahead.\n"
            )
        return Meeting(
            mentor=mentor.slug,
            when=when,
            minutes=self.random.choice((30, 45, 60)),
            status=status,
            created=created,
            items=items,
            reflection=reflection,
            cancelled={"date": day, "by": Owner.mentor, "reason": "clinic"}
            if status is MeetingStatus.cancelled
            else None,
            body=body,
        )

    def goals(self, slugs: list[str]) -> list[Goal]:
        goals = []
        for n in range(self.count(GOALS)):
            created = self.day(self.start, self.today - dt.timedelta(days=40))
            long = n % 4 == 0
            due = created + dt.timedelta(days=self.random.randint(1900, 3000) if long else 300)
            closed = due < self.today
            checkins = [
                CheckIn(
                    date=day,
                    progress=min(100, 10 * (i + 1)),
                    helped="A writing group",
                    blocker="Call weeks",
                    next_step=self.text(),
                )
                for i, day in enumerate(
                    sorted(
                        self.day(created, min(due, self.today))
                        for _ in range(self.random.randint(2, 8))
                    )
                )
            ]
            goals.append(
                Goal(
                    statement=f"Submit paper {n + 1} on {self.random.choice(TOPICS)}",
                    measure="Manuscript submitted to a journal",
                    achievable="Data in hand; needs Friday mornings",
                    values=["independence"],
                    due=due,
                    horizon=Horizon.long if long else Horizon.short,
                    status=GoalStatus.achieved if closed else GoalStatus.active,
                    achieved=due if closed else None,
                    mentors=self.random.sample(slugs, k=min(2, len(slugs))),
                    created=created,
                    checkins=checkins,
                )
            )
        return goals

    def actions(self, meetings: list[Meeting], goals: list[Goal], count: int) -> list[Action]:
        actions = []
        for _ in range(count):
            meeting = self.random.choice(meetings)
            made = meeting.created.date()
            due = made + dt.timedelta(days=self.random.randint(3, 40))
            old = due < self.today - dt.timedelta(days=30)
            status = ActionStatus.open
            if old or self.random.random() < 0.5:
                status = self.random.choice((ActionStatus.done,) * 9 + (ActionStatus.dropped,))
            goal = self.random.choice(goals) if self.random.random() < 0.3 else None
            actions.append(
                Action(
                    text=self.text(),
                    owner=Owner.mentor if self.random.random() < 0.2 else Owner.me,
                    mentor=meeting.mentor,
                    meeting=meeting.id,
                    goal=goal.id if goal else None,
                    due=due,
                    status=status,
                    created=made,
                    done=min(due + dt.timedelta(days=self.random.randint(-3, 10)), self.today)
                    if status is ActionStatus.done
                    else None,
                    dropped=due if status is ActionStatus.dropped else None,
                )
            )
        return actions


def make_store(root: Path, scale: float = 1, seed: int = 1, today: dt.date | None = None) -> Store:
    """Write the benchmark store into `root` (a new or empty folder)."""
    today = today or dt.date.today()
    make = Generator(seed, today, scale)
    store_module.new_id = make.new_id  # seeded ids: the same seed gives the same store
    store = Store(root)
    store.ensure_creatable()
    store.create(
        StoreConfig(
            schema=1,
            me=Profile(name="Sam Okafor", values=["independence", "patient care", "curiosity"]),
        )
    )
    mentors = [store.add_mentor(m, m.name.lower().replace(" ", "-")) for m in make.mentors()]
    slugs = [m.slug for m in mentors]
    goals = [store.add_goal(g) for g in make.goals(slugs)]

    per_mentor = make.count(MEETINGS) // len(mentors)
    meetings: list[Meeting] = []
    for mentor in mentors:
        mine = [g for g in goals if mentor.slug in g.mentors]
        span_end = mentor.conclusion.date if mentor.conclusion else today + dt.timedelta(days=20)
        days = sorted(make.day(mentor.added, span_end) for _ in range(per_mentor))
        for day in days:
            meetings.append(store.add_meeting(make.meeting(mentor, day, mine)))
        held = [m.when for m in meetings if m.mentor == mentor.slug and m.reflection]
        contacts = make.contacts(mentor, make.count(CONTACTS) // len(mentors))
        latest = max([c.date for c in contacts] + [w.date() for w in held if w is not None])
        store.update_mentor(
            mentor.slug, lambda m, c=contacts, d=latest: m.revised(contacts=c, last_contact=d)
        )
    store.add_actions(make.actions(meetings, goals, make.count(ACTIONS)))
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="a new or empty folder for the store")
    parser.add_argument(
        "--scale", type=float, default=1, help="multiply every count (default 1; 0.05: a quick try)"
    )
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, default=None, help="the last day of the ten years"
    )
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be more than 0")
    make_store(args.dir, args.scale, args.seed, args.today)
    print(f"Wrote the benchmark store (scale {args.scale:g}, seed {args.seed}) to {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
