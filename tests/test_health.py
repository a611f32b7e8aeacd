"""`mk health`: verdicts with their reasons on constructed histories, drift causes, tips,
phases and agreements."""

from __future__ import annotations

from pathlib import Path

from conftest import day, snapshot
from records import contact, write_action, write_meeting, write_mentor


def thriving(store: Path) -> None:
    """Monthly for 300 days: a meeting each month, prepared and reflected on, thanks given,
    actions done on time, an agreement revisited lately; still marked early."""
    write_mentor(
        store, "ana-rivera", "Ana Rivera", -300,
        'cadence = "monthly"', 'style = "introvert"', 'phase = "early"',
        f"phase_since = {day(-300).isoformat()}",
        f"[agreement]\nagreed = {day(-290).isoformat()}\nrevisited = {day(-60).isoformat()}\n"
        'goals = ["first R01"]\n',
        contact(-25, "thanks"),
    )  # fmt: skip
    for month in range(10):
        when = -10 - 30 * month
        write_meeting(store, f"ana{month:02d}", "ana-rivera", when, thanked=month == 0)
        write_action(store, f"ana{month:02d}", mentor="ana-rivera", created=when, due=when + 14,
                     done=when + 10)  # fmt: skip


def drifting(store: Path) -> None:
    """Biweekly for 200 days, in touch ten days ago, but the meetings thinned out, most were
    not prepared, nobody was thanked and two of my items are overdue."""
    write_mentor(store, "li-wei", "Li Wei", -200, 'cadence = "biweekly"', contact(-10))
    write_meeting(store, "li1", "li-wei", -190)
    write_meeting(store, "li2", "li-wei", -176)
    write_meeting(store, "li3", "li-wei", -162, prepared=None)
    write_meeting(store, "li4", "li-wei", -120, prepared=None, reflected=False)
    write_meeting(store, "li5", "li-wei", -100, prepared=None)
    write_meeting(store, "li6", "li-wei", -80, status="cancelled", cancelled_by="mentor")
    write_action(store, "lia", mentor="li-wei", created=-100, due=-30)
    write_action(store, "lib", mentor="li-wei", created=-100, due=-20)


def stalled(store: Path) -> None:
    """Monthly, but nothing since a meeting five months ago."""
    write_mentor(store, "bo-chen", "Bo Chen", -400, 'cadence = "monthly"', 'style = "extrovert"')
    for number, when in enumerate((-380, -300, -220, -150)):
        write_meeting(store, f"bo{number}", "bo-chen", when)


def by_slug(mk, *args: str) -> dict[str, dict]:
    result = mk("health", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return {view["slug"]: view for view in result.json()}


def test_a_thriving_relationship(mk, store):
    thriving(store)
    view = by_slug(mk)["ana-rivera"]
    assert view["verdict"] == "thriving"
    signals = view["signals"]
    assert signals["cadence"] == {"cadence": "monthly", "interval_days": 30, "intervals": 10,
                                  "kept": 10, "share": 1.0}  # fmt: skip
    assert (signals["held"], signals["agendas_prepared"], signals["reflections"]) == (10, 10, 10)
    assert signals["follow_through"] == {"on_time": 10, "late": 0, "overdue_open": 0,
                                         "mentor_overdue": 0}  # fmt: skip
    assert signals["thanks_6_months"] == 2  # the thank-you note and the meeting thanked at
    assert signals["days_since_contact"] == 10
    assert "10 meetings held since" in view["reasons"][0]
    assert view["causes"] == []
    assert view["agreement"]["exists"] is True and view["agreement"]["suggestion"] is None
    # Ten months in the early phase, meeting every month: the record points to the mid phase.
    suggestion = view["phase"]["suggestion"]
    assert suggestion["phase"] == "mid"
    assert suggestion["command"].startswith("mk mentor phase ana-rivera mid --note ")
    assert view["tips"][0].startswith("Propose the meetings yourself")


def test_a_drifting_relationship(mk, store):
    drifting(store)
    view = by_slug(mk)["li-wei"]
    assert view["verdict"] == "drifting"
    assert view["summary"] == "4 warning signs"
    reasons = " | ".join(view["reasons"])
    for expected in ("cadence was kept in only 6 of 14 intervals", "2 of my action items are "
                     "overdue", "only 2 of 5 meetings had an agenda prepared",
                     "no thank-you recorded in the last six months"):  # fmt: skip
        assert expected in reasons
    causes = {cause["side"]: cause for cause in view["causes"]}
    assert list(causes) == ["mutual", "mentee", "mentor"]  # the order the guides advise
    assert any("no agreement on record" in s for s in causes["mutual"]["signals"])
    assert len(causes["mentee"]["signals"]) == 3
    assert causes["mentor"]["signals"] == []
    assert all(cause["questions"] for cause in causes.values())
    assert view["signals"]["cancelled_by_mentor"] == 1
    assert view["agreement"]["suggestion"] == "Agree the ground rules together: mk mentor " \
        "agreement li-wei"  # fmt: skip


def test_an_action_counts_for_the_mentor_it_names_or_else_the_one_of_its_meeting(mk, store):
    drifting(store)
    stalled(store)
    write_action(store, "lic", mentor=None, meeting="li5", created=-100, due=-25)
    write_action(store, "bod", mentor="bo-chen", meeting="li5", created=-100, due=-25)
    write_action(store, "own", mentor=None, created=-100, due=-25)  # nobody's
    views = by_slug(mk)
    assert views["li-wei"]["signals"]["follow_through"]["overdue_open"] == 3
    assert views["bo-chen"]["signals"]["follow_through"]["overdue_open"] == 1


def test_follow_through_counts_the_last_year_and_whatever_is_still_open(mk, store):
    stalled(store)
    write_action(store, "bo-old", mentor="bo-chen", created=-400, due=-390, done=-380)
    write_action(store, "bo-open", mentor="bo-chen", created=-400, due=-390)
    write_action(store, "bo-new", mentor="bo-chen", created=-100, due=-90, done=-95)
    follow = by_slug(mk)["bo-chen"]["signals"]["follow_through"]
    assert follow == {"on_time": 1, "late": 0, "overdue_open": 1, "mentor_overdue": 0}


def test_a_stalled_relationship(mk, store):
    stalled(store)
    view = by_slug(mk)["bo-chen"]
    assert view["verdict"] == "stalled"
    assert view["summary"] == "no contact for 150 days"
    assert view["reasons"][0] == "no contact for 150 days, more than 3 monthly intervals"
    assert view["signals"]["days_since_contact"] == 150
    assert view["tips"][0] == "Propose the meetings yourself, and meet in person when you can."


def test_two_meetings_called_off_in_a_row_is_stalled(mk, store):
    write_mentor(store, "kim-lee", "Kim Lee", -200, 'cadence = "monthly"')
    write_meeting(store, "kim1", "kim-lee", -60)
    write_meeting(store, "kim2", "kim-lee", -40, status="cancelled", cancelled_by="mentor")
    write_meeting(store, "kim3", "kim-lee", -25, status="rescheduled")
    write_meeting(store, "kim4", "kim-lee", 10, status="planned")
    view = by_slug(mk, "kim")["kim-lee"]
    assert view["verdict"] == "stalled"
    assert view["summary"] == "the last two meetings were called off"


def test_a_mentor_added_last_week_is_new_not_stalled(mk, store):
    write_mentor(store, "new-one", "New One", -7, 'cadence = "monthly"')
    view = by_slug(mk)["new-one"]
    assert view["verdict"] == "new"
    assert view["reasons"] == ["together 7 days, less than one monthly interval"]
    assert view["phase"]["suggestion"]["phase"] == "early"  # no phase recorded yet


def test_years_together_suggest_the_late_phase_and_an_old_agreement_a_revisit(mk, store):
    write_mentor(
        store, "old-friend", "Old Friend", -3 * 365 - 20, 'cadence = "quarterly"',
        'phase = "mid"', f"[agreement]\nagreed = {day(-400).isoformat()}\n", contact(-30),
    )  # fmt: skip
    view = by_slug(mk)["old-friend"]
    assert view["phase"]["suggestion"]["phase"] == "late"
    assert view["phase"]["suggestion"]["reason"] == "3 years together"
    assert "Revisit the agreement" in view["agreement"]["suggestion"]


def test_every_active_mentor_in_name_order_and_one_by_name(mk, store):
    thriving(store)
    drifting(store)
    stalled(store)
    write_mentor(store, "gone", "Gone Away", -500, 'status = "concluded"')
    assert list(by_slug(mk)) == ["ana-rivera", "bo-chen", "li-wei"]
    assert list(by_slug(mk, "li")) == ["li-wei"]
    named = by_slug(mk, "gone")["gone"]  # named, a mentor who is not active is shown too
    assert named["reasons"][0] == "Gone Away is concluded, not an active mentor."


def test_text_shows_verdict_reasons_causes_tips_phase_and_agreement(mk, store):
    thriving(store)
    drifting(store)
    result = mk("health")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    ana, li = text.split("Li Wei (li-wei)")
    assert "Ana Rivera (ana-rivera) — thriving: every sign is good" in ana
    assert "cadence kept       10 of 10 (100%) monthly intervals" in ana
    assert "Managing up (introvert)" in ana
    assert "Phase early since" in ana and "Consider the mid phase" in ana
    assert "→ mk mentor phase ana-rivera mid" in ana
    assert f"Agreement agreed {day(-290).isoformat()}, last revisited" in ana
    assert "Where drift may come from" not in ana
    assert li.startswith(" — drifting: 4 warning signs")
    assert "Where drift may come from, and what to ask" in li
    assert "my part (mentee):" in li and "! 2 of my action items are overdue" in li
    assert "nothing in the record points here" in li  # the mentor's side
    assert "Am I bringing an agenda" in li
    assert "`style` in `mk mentor edit li-wei`" in li
    assert "Phase not recorded" in li
    assert "Agreement none on record" in li


def test_no_active_mentors(mk, store):
    assert mk("health", "--json").json() == []
    result = mk("health")
    assert result.exit_code == 0
    assert "No active mentors" in result.stderr


def test_an_unknown_mentor_is_an_error_and_nothing_is_written(mk, store):
    thriving(store)
    before = snapshot(store)
    result = mk("health", "nobody")
    assert result.exit_code == 1
    assert "No mentor matches 'nobody'" in result.stderr
    assert snapshot(store) == before


def test_a_broken_meeting_is_reported_and_health_still_computed(mk, store):
    thriving(store)
    (store / "meetings" / "2020-01-01-ana-rivera-bad00.md").write_text("no fence\n")
    result = mk("health", "--json")
    assert result.exit_code == 0
    assert result.json()[0]["slug"] == "ana-rivera"
    assert "bad00.md" in result.stderr


def test_a_mentor_never_met_since_being_added_long_ago_is_stalled(mk, store):
    write_mentor(store, "quiet", "Quiet One", -120, 'cadence = "monthly"')
    view = by_slug(mk)["quiet"]
    assert view["verdict"] == "stalled"
    assert view["signals"]["cadence"]["kept"] == 0  # being added is not a contact
    assert view["signals"]["days_since_contact"] == 120


def test_leading_most_agendas_suggests_the_mid_phase(mk, store):
    write_mentor(store, "ana-rivera", "Ana Rivera", -120, 'cadence = "monthly"',
                 'phase = "early"', contact(-5, "thanks"))  # fmt: skip
    for number, when in enumerate((-100, -70, -40, -10)):
        write_meeting(store, f"led{number}", "ana-rivera", when, items=("new", "note", "goal"))
    suggestion = by_slug(mk)["ana-rivera"]["phase"]["suggestion"]
    assert suggestion["phase"] == "mid"
    assert suggestion["reason"] == "you led 4 of 4 of the agendas with your own items"


def test_agendas_of_follow_ups_only_do_not_count_as_leading(mk, store):
    write_mentor(store, "ana-rivera", "Ana Rivera", -120, 'cadence = "monthly"',
                 'phase = "early"', contact(-5, "thanks"))  # fmt: skip
    for number, when in enumerate((-100, -70, -40, -10)):
        write_meeting(store, f"fol{number}", "ana-rivera", when,
                      items=("my-action", "mentor-action", "new"))  # fmt: skip
    view = by_slug(mk)["ana-rivera"]
    assert view["signals"]["mentee_led"] == 0
    assert view["phase"]["suggestion"] is None


def test_occasional_contact_with_goodwill_suggests_the_late_phase(mk, store):
    write_mentor(store, "sofia", "Sofia Marchetti", -300, 'cadence = "monthly"', 'phase = "mid"')
    write_meeting(store, "sof1", "sofia", -290)
    write_meeting(store, "sof2", "sofia", -200)
    write_meeting(store, "sof3", "sofia", -20, thanked=True)
    view = by_slug(mk)["sofia"]
    assert view["verdict"] == "steady"
    assert view["signals"]["longest_gap_days"] == 180
    suggestion = view["phase"]["suggestion"]
    assert suggestion["phase"] == "late"
    assert "occasional" in suggestion["reason"]
    # A meeting the mentor cancelled is not goodwill: no suggestion then.
    write_meeting(store, "sof4", "sofia", -100, status="cancelled", cancelled_by="mentor")
    assert by_slug(mk)["sofia"]["phase"]["suggestion"] is None


def test_a_mentor_of_long_standing_is_judged_from_the_day_put_on_record(mk, store):
    """A mentee adds the mentors they already have: the years before are not missed contact."""
    result = mk("mentor", "add", "Maria Gonzalez", "--cadence", "monthly", "--since",
                "2 years ago", "--last-contact", "2 weeks ago", "--no-input")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert mk("mentor", "phase", "gonzalez", "mid").exit_code == 0
    assert mk("touch", "gonzalez", "--kind", "thanks", "--no-input").exit_code == 0
    view = by_slug(mk)["maria-gonzalez"]
    assert view["signals"]["since"] == day(-14).isoformat()
    assert view["signals"]["cadence"]["intervals"] == 0
    assert view["verdict"] != "new" and not view["reasons"][0].startswith("the monthly cadence")
    assert view["phase"]["suggestion"] is None
    shown = mk("mentor", "show", "gonzalez").stdout
    assert f"(on record here since {day(0).isoformat()})" in shown
    # Without a last contact either: the clock starts the day they are put on record.
    added = mk("mentor", "add", "Tom Baker", "--cadence", "monthly", "--since", "2 years ago",
               "--no-input")  # fmt: skip
    assert added.exit_code == 0, added.stderr
    baker = by_slug(mk)["tom-baker"]
    assert baker["signals"]["days_since_contact"] == 0
    assert baker["verdict"] == "steady" and "no warning sign" in baker["summary"]
    assert "tom-baker" not in mk("status", "--json").stdout  # not overdue for contact


def test_silence_since_a_mentor_was_put_on_record_is_missed_contact(mk, store):
    write_mentor(store, "old-hand", "Old Hand", -800, 'cadence = "monthly"',
                 f"recorded = {day(-95).isoformat()}")  # fmt: skip
    view = by_slug(mk)["old-hand"]
    assert view["signals"]["since"] == day(-95).isoformat()
    assert (view["signals"]["cadence"]["intervals"], view["signals"]["cadence"]["kept"]) == (3, 0)
    assert view["verdict"] == "stalled"


def test_a_mentor_with_no_cadence_is_judged_on_an_assumed_rhythm_that_says_so(mk, store):
    from menteekit.services.health import DEFAULT_INTERVAL

    write_mentor(store, "no-rhythm", "No Rhythm", -7)
    [reason] = by_slug(mk)["no-rhythm"]["reasons"]
    assert reason == (
        f"together 7 days, less than one {DEFAULT_INTERVAL}-day interval (no cadence set)"
    )
