"""A realistic sample store, so a newcomer sees the tool working before entering their own data."""

from __future__ import annotations

import datetime as dt

from menteekit.models import SCHEMA, Conclusion, Mentor, Profile, StoreConfig
from menteekit.vocab import Group, Phase, Role, Status, Style


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


def sample_mentors(today: dt.date) -> list[Mentor]:
    """Mentors of varied roles, groups and cadences; Li Wei is overdue for contact."""

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    return [
        Mentor(
            name="Dr. Ana Rivera",
            email="ana.rivera@example.edu",
            roles=[Role.research, Role.career],
            group=Group.work_project,
            internal=True,
            peer=False,
            cadence="monthly",
            channel="email",
            style=Style.introvert,
            phase=Phase.mid,
            added=ago(400),
            last_contact=ago(12),
        ),
        Mentor(
            name="Prof. Kwame Mensah",
            email="k.mensah@example.edu",
            roles=[Role.sponsor, Role.leadership],
            group=Group.formal_career,
            internal=True,
            cadence="quarterly",
            channel="in person, after grand rounds",
            style=Style.extrovert,
            phase=Phase.mid,
            peer=False,
            added=ago(300),
            last_contact=ago(40),
        ),
        Mentor(
            name="Dr. Li Wei",
            roles=[Role.clinical],
            group=Group.work_project,
            internal=True,
            cadence="biweekly",
            channel="Teams chat",
            phase=Phase.early,
            peer=False,
            added=ago(90),
            last_contact=ago(38),
        ),
        Mentor(
            name="Dr. Sofia Marchetti",
            email="sofia.marchetti@example.org",
            roles=[Role.career, Role.coach],
            group=Group.informal_professional,
            internal=False,
            cadence="twice-yearly",
            channel="video call",
            style=Style.extrovert,
            phase=Phase.late,
            peer=False,
            added=ago(900),
            last_contact=ago(70),
        ),
        Mentor(
            name="Priya Natarajan",
            roles=[Role.life],
            group=Group.informal_life,
            internal=False,
            peer=True,
            cadence="monthly",
            channel="coffee",
            phase=Phase.mid,
            added=ago(500),
            last_contact=ago(20),
        ),
        Mentor(
            name="Dr. Tomás Herrera",
            roles=[Role.teaching],
            group=Group.informal_professional,
            internal=False,
            status=Status.prospective,
            peer=False,
            added=ago(10),
        ),
        Mentor(
            name="Dr. Helen Park",
            roles=[Role.advisor],
            group=Group.formal_career,
            internal=True,
            cadence="monthly",
            phase=Phase.late,
            status=Status.concluded,
            peer=False,
            added=ago(1100),
            conclusion=Conclusion(
                date=ago(200),
                reason="Residency ended and our programme pairing with it",
                achieved="choosing a fellowship and a first research project",
            ),
        ),
    ]
