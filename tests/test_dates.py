"""Tests for menteekit.dates: every accepted form, `prefer`, DST, errors, describe, lazy imports."""

from __future__ import annotations

import os
import subprocess
import sys
import time as systime
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import menteekit.dates
from menteekit.dates import (
    ACCEPTED_DAY_FORMS,
    ACCEPTED_FORMS,
    DateError,
    describe,
    local_now,
    parse_date,
    parse_when,
)
from menteekit.errors import UsageError

PARIS = ZoneInfo("Europe/Paris")
# Sunday 22 November 2026, 10:00 in Paris (+01:00).
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=PARIS)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


def assert_same(result: date | datetime, expected: date | datetime) -> None:
    """Equal, of the same type (date vs datetime), and a datetime carries now's zone."""
    assert type(result) is type(expected), (result, expected)
    assert result == expected
    if isinstance(expected, datetime):
        assert isinstance(result, datetime)
        assert result.tzinfo is PARIS
        assert result.utcoffset() == expected.utcoffset()


ACCEPTED = [
    # keywords
    ("today", date(2026, 11, 22)),
    ("tomorrow", date(2026, 11, 23)),
    ("yesterday", date(2026, 11, 21)),
    ("TODAY", date(2026, 11, 22)),
    ("  tomorrow  ", date(2026, 11, 23)),
    ("now", at(2026, 11, 22, 10)),
    # relative day with a time
    ("tomorrow 3pm", at(2026, 11, 23, 15)),
    ("tomorrow at noon", at(2026, 11, 23, 12)),
    ("Tomorrow at 3:30pm", at(2026, 11, 23, 15, 30)),
    ("tomorrow, 3pm", at(2026, 11, 23, 15)),
    ("yesterday 5pm", at(2026, 11, 21, 17)),
    # weekdays: the coming one, never today (now is a Sunday)
    ("next tue", date(2026, 11, 24)),
    ("tue", date(2026, 11, 24)),
    ("friday", date(2026, 11, 27)),
    ("Friday", date(2026, 11, 27)),
    ("sunday", date(2026, 11, 29)),
    ("next sunday", date(2026, 11, 29)),
    # spellings people use (now is Sunday 22 November)
    ("weds", date(2026, 11, 25)),
    ("thurs 9am", at(2026, 11, 26, 9)),
    ("next thur", date(2026, 11, 26)),
    ("tues", date(2026, 11, 24)),
    ("tomorrow 3.30pm", at(2026, 11, 23, 15, 30)),
    ("3.30 pm", at(2026, 11, 22, 15, 30)),
    ("a week from now", date(2026, 11, 29)),
    ("2 weeks from today", date(2026, 12, 6)),
    ("last friday", date(2026, 11, 20)),
    ("friday 3pm", at(2026, 11, 27, 15)),
    ("fri, 3pm", at(2026, 11, 27, 15)),
    ("monday at 9:30", at(2026, 11, 23, 9, 30)),
    # times written the European way
    ("tomorrow 15h", at(2026, 11, 23, 15)),
    ("tomorrow 9h30", at(2026, 11, 23, 9, 30)),
    ("monday 9.30", at(2026, 11, 23, 9, 30)),
    ("this friday", date(2026, 11, 27)),
    ("this friday 3pm", at(2026, 11, 27, 15)),
    ("at 3pm on friday", at(2026, 11, 27, 15)),
    ("Thu 3 Dec 2026", date(2026, 12, 3)),
    # relative spans
    ("in 2 weeks", date(2026, 12, 6)),
    ("in 3 days", date(2026, 11, 25)),
    ("2 weeks ago", date(2026, 11, 8)),
    ("3 days ago", date(2026, 11, 19)),
    ("in 2 weeks at 3pm", at(2026, 12, 6, 15)),
    ("in 2 hours", at(2026, 11, 22, 12)),
    ("next week", date(2026, 11, 29)),
    ("next month", date(2026, 12, 1)),
    # shorthand
    ("+10d", date(2026, 12, 2)),
    ("+2w", date(2026, 12, 6)),
    ("+3m", date(2027, 2, 22)),
    ("+1y", date(2027, 11, 22)),
    ("-5d", date(2026, 11, 17)),
    ("-1m", date(2026, 10, 22)),
    ("+0d", date(2026, 11, 22)),
    ("+10D", date(2026, 12, 2)),
    # ISO
    ("2026-12-03", date(2026, 12, 3)),
    ("2026-12-03 14:30", at(2026, 12, 3, 14, 30)),
    ("2026-12-03T14:30", at(2026, 12, 3, 14, 30)),
    ("2026-12-03 3pm", at(2026, 12, 3, 15)),
    ("2026-12-03T14:30+00:00", at(2026, 12, 3, 15, 30)),
    # absolute without ISO
    ("Dec 3", date(2026, 12, 3)),
    ("3 Dec", date(2026, 12, 3)),
    ("dec 3 3pm", at(2026, 12, 3, 15)),
    ("Dec 3 at 3pm", at(2026, 12, 3, 15)),
    ("December 3, 2027", date(2027, 12, 3)),
    ("12/03", date(2026, 12, 3)),
    ("Jan 5", date(2026, 1, 5)),
    # a time alone is today
    ("3pm", at(2026, 11, 22, 15)),
    ("15:00", at(2026, 11, 22, 15)),
    ("noon", at(2026, 11, 22, 12)),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED, ids=[row[0] for row in ACCEPTED])
def test_accepted_forms(text: str, expected: date | datetime) -> None:
    assert_same(parse_when(text, NOW), expected)


PREFERRED = [
    ("Dec 3", None, date(2026, 12, 3)),
    ("Dec 3", "future", date(2026, 12, 3)),
    ("Dec 3", "past", date(2025, 12, 3)),
    ("Jan 5", None, date(2026, 1, 5)),
    ("Jan 5", "future", date(2027, 1, 5)),
    ("Jan 5", "past", date(2026, 1, 5)),
    ("Nov 1", None, date(2026, 11, 1)),
    ("Nov 1", "future", date(2027, 11, 1)),
    ("Nov 1", "past", date(2026, 11, 1)),
    ("Nov 22", "future", date(2026, 11, 22)),
    ("Nov 22", "past", date(2026, 11, 22)),
    ("12/03", "past", date(2025, 12, 3)),
    ("dec 3 3pm", "past", at(2025, 12, 3, 15)),
    ("Jan 5 9am", "future", at(2027, 1, 5, 9)),
    # a typed year is never moved; relative forms are not affected at all
    ("Dec 3 2026", "past", date(2026, 12, 3)),
    ("Jan 5 2026", "future", date(2026, 1, 5)),
    ("2026-01-05", "future", date(2026, 1, 5)),
    ("next tue", "past", date(2026, 11, 24)),
    ("+10d", "past", date(2026, 12, 2)),
    ("2 weeks ago", "future", date(2026, 11, 8)),
    # a weekday alone, for something that happened, is the one just gone (now is a Sunday)
    ("fri", "past", date(2026, 11, 20)),
    ("friday", None, date(2026, 11, 27)),
    ("sunday", "past", date(2026, 11, 22)),  # today, not next week
    ("this friday", "future", date(2026, 11, 27)),  # the coming one, not the one just gone
]


@pytest.mark.parametrize(("text", "prefer", "expected"), PREFERRED)
def test_prefer_moves_yearless_dates_and_lone_weekdays(
    text: str, prefer: str | None, expected: date | datetime
) -> None:
    assert_same(parse_when(text, NOW, prefer=prefer), expected)  # type: ignore[arg-type]


def test_prefer_rejects_unknown_value() -> None:
    with pytest.raises(ValueError, match="prefer"):
        parse_when("Dec 3", NOW, prefer="soon")  # type: ignore[arg-type]


def test_prefer_moving_feb_29_to_a_year_without_one_is_impossible() -> None:
    leap_now = datetime(2028, 3, 1, 10, tzinfo=PARIS)
    assert parse_when("Feb 29", leap_now) == date(2028, 2, 29)
    with pytest.raises(DateError, match="impossible date"):
        parse_when("Feb 29", leap_now, prefer="future")


# 2027-03-28 is the last Sunday of March: Paris moves from +01:00 to +02:00.
BEFORE_DST = datetime(2027, 3, 20, 10, 0, tzinfo=PARIS)


def test_dst_zoneinfo_result_carries_its_own_offset() -> None:
    assert BEFORE_DST.utcoffset() == timedelta(hours=1)
    after = parse_when("2027-04-01 15:00", BEFORE_DST)
    assert isinstance(after, datetime)
    assert after.utcoffset() == timedelta(hours=2)
    assert after.isoformat() == "2027-04-01T15:00:00+02:00"
    in_two_weeks = parse_when("in 2 weeks at 9am", BEFORE_DST)
    assert isinstance(in_two_weeks, datetime)
    assert in_two_weeks.isoformat() == "2027-04-03T09:00:00+02:00"


@pytest.fixture
def paris_system_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make the OS's local zone Europe/Paris, as if local_now() ran in Paris."""
    if not hasattr(systime, "tzset"):
        pytest.skip("time.tzset is not available on this platform")
    monkeypatch.setenv("TZ", "Europe/Paris")
    systime.tzset()
    yield
    monkeypatch.undo()
    systime.tzset()


@pytest.mark.usefixtures("paris_system_zone")
def test_dst_fixed_offset_now_gets_the_offset_of_the_result_date() -> None:
    now = datetime(2027, 3, 20, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    after = parse_when("2027-04-01 15:00", now)
    assert isinstance(after, datetime)
    assert after.utcoffset() == timedelta(hours=2)
    assert after == datetime(2027, 4, 1, 13, 0, tzinfo=UTC)
    before = parse_when("tomorrow 3pm", now)
    assert isinstance(before, datetime)
    assert before.utcoffset() == timedelta(hours=1)
    assert before == datetime(2027, 3, 21, 14, 0, tzinfo=UTC)
    assert describe(after, now) == "Thu 1 Apr 2027 15:00 (in 12 days)"


@pytest.mark.usefixtures("paris_system_zone")
def test_local_now_is_aware_and_in_the_system_zone() -> None:
    now = local_now()
    assert now.tzinfo is not None
    assert abs(now.timestamp() - systime.time()) < 5
    expected = timedelta(hours=2) if systime.localtime().tm_isdst else timedelta(hours=1)
    assert now.utcoffset() == expected


NOT_UNDERSTOOD = [
    "",
    "   ",
    "blah",
    "tomorrow blah",
    "fooday 3pm",
    "next blah tue",
    "+10x",
    "+10",
    "at",
    "the day after tomorrow",
    "tomorrow, friday",
    "tomorrow 3pm, 4pm",
    "noon, midnight",
    "5th",
    "dec 3 3pm XYZ",
    "3pm blah",
]


@pytest.mark.parametrize("text", NOT_UNDERSTOOD)
def test_not_understood(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_when(text, NOW)
    message = str(caught.value)
    assert message == f"Could not understand {text!r} as a date. Try: {ACCEPTED_FORMS}."
    assert "impossible" not in message


def test_error_message_names_the_accepted_forms() -> None:
    with pytest.raises(DateError) as caught:
        parse_when("blah", NOW)
    assert str(caught.value) == (
        "Could not understand 'blah' as a date. "
        "Try: today, tomorrow 3pm, next tue, in 2 weeks, +10d, 2026-12-03 14:30, Dec 3."
    )
    assert isinstance(caught.value, UsageError)
    assert caught.value.exit_code == 2


IMPOSSIBLE = [
    ("2026-02-30", "day is out of range for month"),
    ("2026-13-01", "month must be in 1..12"),
    ("Feb 30", "day is out of range for month"),
    ("Feb 29", "day is out of range for month"),  # 2026 is not a leap year
    ("30 February 2026", "day is out of range for month"),
    ("2026-12-03 25:00", "hour must be in 0..23"),
    ("tomorrow 25:00", "no such time of day"),
    ("Tue 3 Dec 2026", "Thu 3 Dec 2026 is a Thursday"),
    ("+99999y", "out of range"),
]


@pytest.mark.parametrize(("text", "reason"), IMPOSSIBLE, ids=[row[0] for row in IMPOSSIBLE])
def test_impossible_dates_say_so(text: str, reason: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_when(text, NOW)
    message = str(caught.value)
    assert message.startswith(f"{text!r} is an impossible date (")
    assert reason in message
    assert message.endswith(f"Try: {ACCEPTED_FORMS}.")


def test_parse_date_drops_a_typed_time() -> None:
    assert_same(parse_date("tomorrow 3pm", NOW), date(2026, 11, 23))
    assert_same(parse_date("+2w", NOW), date(2026, 12, 6))
    assert_same(parse_date("Jan 5", NOW, prefer="past"), date(2026, 1, 5))
    late = datetime(2026, 11, 22, 23, 30, tzinfo=PARIS)
    assert_same(parse_date("2026-11-22T23:30+01:00", late), date(2026, 11, 22))


# A due date is often a period: the day it stands for, with NOW on Sunday 22 November 2026.
PERIODS = [
    ("end of march", "future", date(2027, 3, 31)),
    ("by the end of March", "future", date(2027, 3, 31)),
    ("end of march", "past", date(2026, 3, 31)),
    ("end of march", None, date(2026, 3, 31)),
    ("end of december", "future", date(2026, 12, 31)),
    ("mid june", "future", date(2027, 6, 15)),
    ("start of june 2028", "future", date(2028, 6, 1)),
    ("june", "future", date(2027, 6, 30)),
    ("Sept 2027", "future", date(2027, 9, 30)),
    ("march, 2027", "future", date(2027, 3, 31)),
    ("Q2", "future", date(2027, 6, 30)),
    ("q4", "future", date(2026, 12, 31)),
    ("end of Q1 2028", "future", date(2028, 3, 31)),
    ("end of the month", "future", date(2026, 11, 30)),
    ("end-of-month", "future", date(2026, 11, 30)),
    ("end of next month", "future", date(2026, 12, 31)),
    ("start of next month", "future", date(2026, 12, 1)),
    ("end of the year", "future", date(2026, 12, 31)),
    ("end of next year", "future", date(2027, 12, 31)),
    # "next october" is the coming one (parsedatetime gave 1 Oct of the year after)
    ("next october", None, date(2027, 10, 31)),
    ("mid next oct", "future", date(2027, 10, 15)),
    ("next december", None, date(2026, 12, 31)),
    ("this june", None, date(2026, 6, 30)),
    ("mid year", None, date(2026, 7, 1)),
    ("end of this quarter", None, date(2026, 12, 31)),
    ("end of next quarter", None, date(2027, 3, 31)),
    ("2031", "future", date(2031, 12, 31)),
    ("mid 2030", "future", date(2030, 7, 1)),
    ("start of 2028", "future", date(2028, 1, 1)),
    ("end of year 2027", "future", date(2027, 12, 31)),
    # A period under way is this one even for a past date (the check then says "future").
    ("november", "past", date(2026, 11, 30)),
    ("start of november", "past", date(2026, 11, 1)),
    ("december", "past", date(2025, 12, 31)),
]


@pytest.mark.parametrize(("text", "prefer", "expected"), PERIODS)
def test_a_day_field_takes_a_period_as_one_of_its_days(
    text: str, prefer: Literal["future", "past"] | None, expected: date
) -> None:
    assert_same(parse_date(text, NOW, prefer=prefer), expected)


@pytest.mark.parametrize(
    "text",
    ["end of march", "mid june", "end of the year", "Q2", "end of 2031", "2031", "june",
     "Dec 2026", "end of june 2027 3pm", "next october"],
)  # fmt: skip
def test_a_meeting_time_refuses_a_period(text: str) -> None:
    """parsedatetime would read "end of march" or "june" as the 1st: a meeting needs a day."""
    with pytest.raises(DateError, match="is a month, quarter or year; a meeting needs a day"):
        parse_when(text, NOW, prefer="future")


DESCRIBED = [
    (date(2026, 11, 24), "Tue 24 Nov 2026 (in 2 days)"),
    (at(2026, 11, 23, 15), "Mon 23 Nov 2026 15:00 (tomorrow)"),
    (date(2026, 11, 20), "Fri 20 Nov 2026 (2 days ago)"),
    (date(2026, 11, 22), "Sun 22 Nov 2026 (today)"),
    (at(2026, 11, 22, 9, 5), "Sun 22 Nov 2026 09:05 (today)"),
    (date(2026, 11, 21), "Sat 21 Nov 2026 (yesterday)"),
    (date(2027, 11, 22), "Mon 22 Nov 2027 (in 365 days)"),
    (date(2026, 12, 3), "Thu 3 Dec 2026 (in 11 days)"),
    # counted in now's zone: 23:30 UTC is already the 23rd, 00:30, in Paris
    (datetime(2026, 11, 22, 23, 30, tzinfo=UTC), "Mon 23 Nov 2026 00:30 (tomorrow)"),
]


@pytest.mark.parametrize(("value", "expected"), DESCRIBED)
def test_describe(value: date | datetime, expected: str) -> None:
    assert describe(value, NOW) == expected


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_iso_dates_round_trip(day: date) -> None:
    assert_same(parse_when(day.isoformat(), NOW), day)


@given(st.integers(min_value=2, max_value=3000))
def test_shorthand_days_agree_with_describe(days: int) -> None:
    later = parse_when(f"+{days}d", NOW)
    earlier = parse_when(f"-{days}d", NOW)
    assert describe(later, NOW).endswith(f"(in {days} days)")
    assert describe(earlier, NOW).endswith(f"({days} days ago)")


def test_importing_dates_does_not_import_the_parsers() -> None:
    code = (
        "import menteekit.dates, sys; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dateutil', 'parsedatetime')))"
    )
    # Pass PYTHONPATH through, plus the directory this checkout's package was imported from.
    package_root = str(Path(menteekit.dates.__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_day_field_suggests_the_forms_it_takes() -> None:
    with pytest.raises(DateError) as caught:
        parse_date("someday", NOW)
    assert str(caught.value).endswith(f"Try: {ACCEPTED_DAY_FORMS}.")
    assert "end of june" in ACCEPTED_DAY_FORMS


@pytest.mark.parametrize("text", ["end of june 2027 3pm", "end of month 2027", "mid of"])
def test_an_edge_of_a_period_is_never_dropped_silently(text: str) -> None:
    with pytest.raises(DateError, match="Could not understand"):
        parse_date(text, NOW, prefer="future")
