"""Parse the dates people type: "tomorrow 3pm", "next tue", "+2w", "Dec 3", "2026-12-03 14:30".

Every command that takes a date (meeting dates, due dates, last contact...) goes through this
module, so all of them accept the same forms and fail the same way.

Strategy, cheapest and strictest first:

1. Standard-library fast paths: "today" / "tomorrow" / "yesterday" / "now", the ``+10d`` /
   ``-2w`` / ``+3m`` / ``+1y`` shorthand (a small regex and dateutil's ``relativedelta``, so that
   months and years follow the calendar), and ISO dates through ``date/datetime.fromisoformat``.
2. python-dateutil's ``parser.parse`` for absolute dates that contain a digit ("Dec 3", "3 Dec",
   "dec 3 3pm", "12/03", "3pm"). Never fuzzy: fuzzy parsing silently drops the words it skips.
3. parsedatetime for relative phrases ("next tue", "in 2 weeks", "tomorrow at noon").
   parsedatetime ignores the words it does not know ("tomorrow blah" gives tomorrow), so we use
   ``Calendar.nlp`` and require its matches to cover the whole input apart from filler words
   ("at", "on", "the", "of", commas, spaces): anything left over is an error.

An impossible date ("2026-02-30", "Feb 30") is reported as impossible and never handed on to a more
lenient parser that would invent a date. dateutil and parsedatetime are imported inside the
functions that need them: the CLI's start-up time matters and most commands never parse a date.
"""

from __future__ import annotations

import re
import sys
import warnings
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal

from menteekit.errors import UsageError
from menteekit.patterns import LazyPattern

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

Prefer = Literal["future", "past"] | None

ACCEPTED_FORMS = "today, tomorrow 3pm, next tue, in 2 weeks, +10d, 2026-12-03 14:30, Dec 3"
ACCEPTED_DAY_FORMS = "today, next tue, in 2 weeks, +6m, 2027-03-31, Dec 3, end of june, Q3, 2031"
"""What a field holding a day (a due date) takes: periods too, and no time of day."""

_DAY_OFFSETS = {"today": 0, "tomorrow": 1, "yesterday": -1}
_SHORTHAND = LazyPattern(r"([+-])\s*(\d+)\s*([dwmy])", re.IGNORECASE)
_SHORTHAND_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}
_ISO_DATE = LazyPattern(r"\d{4}-\d{2}-\d{2}(?!\d)")
_FILLER = frozenset({"at", "on", "the", "of"})
_FILLER_SEPARATORS = LazyPattern(r"[\s,]+")
# A typed clock time; parsedatetime drops one it cannot read ("tomorrow 25:00") without a word.
_CLOCK_TIME = LazyPattern(r"\d\s*[ap]\.?m\b|\d:\d", re.IGNORECASE)
_WEEKDAY_WORD = LazyPattern(
    r"\b(mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)\b",
    re.IGNORECASE,
)
_THIS_WEEKDAY = LazyPattern(r"(?:this\s+)?" + _WEEKDAY_WORD.pattern, re.IGNORECASE)
_HOURS_H = LazyPattern(r"\b([01]?\d|2[0-3])h([0-5]\d)?\b", re.IGNORECASE)
_DOTTED_TIME = LazyPattern(r"\b([01]?\d|2[0-3])\.([0-5]\d)(?!\d)")
_DOTTED_CLOCK = LazyPattern(r"\b([01]?\d)\.([0-5]\d)(?=\s*[ap]\.?m\b)", re.IGNORECASE)
# Spellings parsedatetime does not know, and a phrase it does not read, as ones it does.
_SPELLINGS = LazyPattern(r"\b(?:(weds)|(thurs?)|(tues))\b", re.IGNORECASE)
_FROM_NOW = LazyPattern(
    r"(a|an|one|\d+)\s+(day|week|month|year)s?\s+from\s+(?:now|today)", re.IGNORECASE
)
_DAY_WORD = LazyPattern(_WEEKDAY_WORD.pattern + r"|\b(?:today|tomorrow|yesterday)\b", re.I)
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS = {name[:3].lower(): index for index, name in enumerate(_DAY_NAMES)}
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_WORD = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# Due dates are often a period, not a day: "end of march", "mid june 2027", "Q2", "end of the
# year". An edge picks the day within the period; a month or quarter alone needs one or a year.
_EDGE_WORD = r"(?:by\s+)?(?:the\s+)?(?P<edge>end|start|beginning|mid|middle)"
_EDGE_OF = r"(?:" + _EDGE_WORD + r"[\s-]+(?:of[\s-]+)?)?"
_PERIOD = LazyPattern(
    _EDGE_OF + r"(?:the\s+)?"
    r"(?:(?:(?P<which_month>this|next)\s+)?(?P<month>" + _MONTH_WORD + r")"
    r"|q(?P<quarter>[1-4])|(?P<which>this|next)?\s*"
    r"(?P<unit>month|quarter|year))"
    r"(?:\s*,?\s*(?P<year>\d{4}))?",
    re.IGNORECASE,
)
_YEAR_PERIOD = LazyPattern(_EDGE_OF + r"(?P<year>\d{4})", re.IGNORECASE)
_EDGE = LazyPattern(_EDGE_WORD + r"\b", re.IGNORECASE)


class DateError(UsageError):
    """A date the user typed cannot be used; a usage error, so the CLI exits with 2."""


def _not_understood(text: str) -> DateError:
    return DateError(f"Could not understand {text!r} as a date. Try: {ACCEPTED_FORMS}.")


def _no_day(text: str) -> DateError:
    return DateError(
        f"{text!r} is a month, quarter or year; a meeting needs a day, e.g. 'jun 12', "
        "'thu 3pm' or '2026-12-03 14:30'."
    )


def _impossible(text: str, reason: str) -> DateError:
    return DateError(f"{text!r} is an impossible date ({reason}). Try: {ACCEPTED_FORMS}.")


def local_now() -> datetime:
    """The current time, aware, in the system's local zone; what commands pass as ``now``."""
    return datetime.now().astimezone()


def parse_when(
    text: str, now: datetime, *, prefer: Prefer = None, periods: bool = False
) -> date | datetime:
    """Parse what the user typed: a ``date`` when no time was typed, else an aware ``datetime``.

    Whether a time was typed matters ("tomorrow" is a day, "tomorrow 3pm" a moment), so callers
    decide what a missing time means. ``now`` is passed in so results are deterministic in tests.
    ``prefer`` moves an absolute date typed without a year ("Dec 3", "12/03"): "future"
    moves one already past this year to next year (meetings, due dates), "past" moves one later
    than today to last year (last contact); with "past" a weekday alone ("fri") is the one just
    gone. With ``periods`` a month, quarter or year stands for one of its days ("end of
    march", "mid june", "Q2"; the last day unless an edge says otherwise): what a due date
    means, never a meeting's. Raises `DateError` for anything else.
    """
    if prefer not in (None, "future", "past"):
        raise ValueError(f"prefer must be 'future', 'past' or None, not {prefer!r}")
    try:
        value = _parse_wall(text, _wall(now), prefer, periods)
        return _attach(value, now) if isinstance(value, datetime) else value
    except (ValueError, OverflowError) as problem:  # an offset or year no clock can hold
        raise _impossible(text, str(problem)) from None


def parse_date(text: str, now: datetime, *, prefer: Prefer = None) -> date:
    """Like `parse_when` for fields that hold a day, periods included: a typed time is dropped,
    its date kept."""
    try:
        value = parse_when(text, now, prefer=prefer, periods=True)
    except DateError as problem:
        raise DateError(str(problem).replace(ACCEPTED_FORMS, ACCEPTED_DAY_FORMS)) from None
    return value.date() if isinstance(value, datetime) else value


def describe(value: date | datetime, now: datetime) -> str:
    """Echo a resolved date so the user can check it: "Tue 24 Nov 2026 15:00 (tomorrow)".

    The relative part counts calendar days between today and the value's day, both in ``now``'s
    zone, so "tomorrow 9am" reads "(tomorrow)" even when it is less than 24 hours away.
    """
    day = _attach(value, now).date() if isinstance(value, datetime) else value
    shown = format_when(value, now)
    days = (day - _wall(now).date()).days
    if days == 0:
        relative = "today"
    elif days == 1:
        relative = "tomorrow"
    elif days == -1:
        relative = "yesterday"
    elif days > 1:
        relative = f"in {days} days"
    else:
        relative = f"{-days} days ago"
    return f"{shown} ({relative})"


def format_when(value: date | datetime, now: datetime) -> str:
    """A day or a moment in ``now``'s zone, without the relative part: "Tue 24 Nov 2026 15:00"."""
    if isinstance(value, datetime):
        local = _attach(value, now)
        return f"{_format_day(local.date())} {local:%H:%M}"
    return _format_day(value)


def local_day(value: date | datetime, now: datetime) -> date:
    """The calendar day of a date or a moment in ``now``'s zone (a meeting stored at 10:00 in
    Tokyo is on the day before in Los Angeles)."""
    return _attach(value, now).date() if isinstance(value, datetime) else value


def start_of(value: date | datetime, now: datetime) -> datetime:
    """A moment to compare with others: a day alone is its start, in ``now``'s zone."""
    if isinstance(value, datetime):
        return value
    return _attach(datetime.combine(value, time.min), now)


def _format_day(day: date) -> str:
    # Our own names rather than strftime's %a/%b, which follow the process locale.
    return f"{_DAY_NAMES[day.weekday()][:3]} {day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def _zone(now: datetime) -> ZoneInfo | None:
    """``now``'s zone when it knows its daylight-saving rules; None means the system zone."""
    # No time can be in a ZoneInfo before zoneinfo is imported, and importing it only to
    # find that out would slow every command.
    zoneinfo = sys.modules.get("zoneinfo")
    return now.tzinfo if zoneinfo and isinstance(now.tzinfo, zoneinfo.ZoneInfo) else None


def _wall(now: datetime) -> datetime:
    """``now`` as a naive wall-clock time in the zone results are attached to."""
    return now.astimezone(_zone(now)).replace(tzinfo=None)


def _attach(value: datetime, now: datetime) -> datetime:
    """Make a parsed wall-clock time aware, in ``now``'s zone (an aware one is converted)."""
    zone = _zone(now)
    if value.tzinfo is not None:
        return value.astimezone(zone)
    # ZoneInfo knows its DST rules; a fixed offset (local_now) may be wrong that day: ask the OS.
    return value.replace(tzinfo=zone) if zone is not None else value.astimezone()


def _parse_wall(text: str, wall: datetime, prefer: Prefer, periods: bool) -> date | datetime:
    """Parse ``text`` against the naive wall-clock ``wall``: a date, or a datetime (naive unless
    the text carried its own offset, as in "2026-12-03T14:30+00:00")."""
    cleaned = _clock_times(" ".join(text.split()))
    if not cleaned:
        raise _not_understood(text)
    key = cleaned.lower()
    if key in _DAY_OFFSETS:
        return wall.date() + timedelta(days=_DAY_OFFSETS[key])
    if key == "now":
        return wall
    if shorthand := _SHORTHAND.fullmatch(cleaned):
        return _parse_shorthand(shorthand, text, wall.date())
    if _ISO_DATE.match(cleaned) and (iso := _parse_iso(cleaned, text)) is not None:
        return iso
    if period := _PERIOD.fullmatch(cleaned):
        day = _parse_period(period, wall, prefer)
        if day is not None and periods:
            return day
        if day is not None or (period.group("edge") and period.group("year")):
            # parsedatetime would give the 1st, drop "end of", or read a year as a time.
            raise _not_understood(text) if periods else _no_day(text)
    if _EDGE.match(cleaned) and not _YEAR_PERIOD.fullmatch(cleaned):
        # "end of june 2027 3pm": an edge of a period the parsers below would silently drop.
        raise _not_understood(text) if periods else _no_day(text)
    if year := _YEAR_PERIOD.fullmatch(cleaned):
        if not periods:  # parsedatetime reads "end of 2031" as 20:31 today
            raise _no_day(text)
        first = date(int(year.group("year")), 1, 1)
        return _edge_day(first, 12, (year.group("edge") or "").lower())
    # Weekday names are relative ("friday 3pm" is the coming Friday): parsedatetime's job.
    if any(c.isdigit() for c in cleaned) and not _WEEKDAY_WORD.search(cleaned):
        absolute = _parse_absolute(cleaned, text, wall, prefer)
        if absolute is not None:
            return absolute
    value = _parse_relative(cleaned, text, wall)
    # A weekday alone means the coming one; for a date in the past ("fri" as a last contact)
    # it means the one just gone.
    day = value.date() if isinstance(value, datetime) else value
    if prefer == "past" and _WEEKDAY_WORD.fullmatch(cleaned) and day > wall.date():
        value -= timedelta(days=7)
    # parsedatetime reads "this friday" as this week's, even when it has gone.
    if prefer != "past" and _THIS_WEEKDAY.match(cleaned) and day < wall.date():
        value += timedelta(days=7)
    return value


def _clock_times(text: str) -> str:
    """Times written "15h", "9h30", "3.30pm", or "9.30" beside a day word, as "15:00" and
    "9:30" (parsedatetime would read "15h" as fifteen hours from now); and the spellings and
    phrases of `_SPELLINGS` and `_FROM_NOW` in the words parsedatetime knows."""
    text = _SPELLINGS.sub(lambda m: ("wed", "thu", "tue")[m.lastindex - 1], text)
    text = _FROM_NOW.sub(lambda m: f"in {m.group(1)} {m.group(2)}", text)
    text = _HOURS_H.sub(lambda m: f"{m.group(1)}:{m.group(2) or '00'}", text)
    text = _DOTTED_CLOCK.sub(r"\1:\2", text)  # "3.30pm" is a time, whatever else is there
    if _DAY_WORD.search(text):  # then "9.30" cannot be a date (3 September, in Europe)
        text = _DOTTED_TIME.sub(r"\1:\2", text)
    return text


def _parse_shorthand(match: re.Match[str], text: str, today: date) -> date:
    """``+10d``, ``-2w``, ``+3m``, ``+1y``: relativedelta so "+1m" on 31 Jan gives 28 Feb."""
    from dateutil.relativedelta import relativedelta

    sign, count, unit = match.groups()
    amount = int(count) if sign == "+" else -int(count)
    try:
        return today + relativedelta(**{_SHORTHAND_UNITS[unit.lower()]: amount})
    except (ValueError, OverflowError) as exc:
        raise _impossible(text, str(exc)) from None


def _parse_period(match: re.Match[str], wall: datetime, prefer: Prefer) -> date | None:
    """A day within a month, quarter or year: its first ("start of"), its 15th or middle
    ("mid"), else its last ("june", "Q2 2027", "end of the year"); None for "next month"
    without an edge, which is a day a month away."""
    edge, month, which_month, quarter, which, unit, year = (
        (match.group(name) or "").lower()
        for name in ("edge", "month", "which_month", "quarter", "which", "unit", "year")
    )
    today = wall.date()
    if unit == "year" and year and not which:  # "end of year 2027"
        return _edge_day(date(int(year), 1, 1), 12, edge)
    if unit:
        if not edge or year:  # "next month" alone is a day a month away: parsedatetime's job
            return None
        step = 1 if which == "next" else 0
        if unit == "year":
            first, months = date(today.year + step, 1, 1), 12
        elif unit == "quarter":
            start = (today.month - 1) // 3 * 3 + 1
            first, months = _add_months(date(today.year, start, 1), 3 * step), 3
        else:
            first, months = _add_months(date(today.year, today.month, 1), step), 1
        return _edge_day(first, months, edge)
    number = _MONTH_NAMES.index(month[:3].title()) + 1 if month else (int(quarter) - 1) * 3 + 1
    months = 1 if month else 3
    if which_month and not year:  # "next october": the coming one; "this october": this year's
        later = which_month == "next" and date(today.year, number, 1) <= today
        return _edge_day(date(today.year + later, number, 1), months, edge)
    day = _edge_day(date(int(year) if year else today.year, number, 1), months, edge)
    if not year and prefer == "future" and day < today:
        day = _edge_day(date(today.year + 1, number, 1), months, edge)
    elif not year and prefer == "past" and date(today.year, number, 1) > today:
        # Only a period not yet begun is last year's: "december" in December is this one.
        day = _edge_day(date(today.year - 1, number, 1), months, edge)
    return day


def _add_months(first: date, months: int) -> date:
    month = first.month - 1 + months
    return date(first.year + month // 12, month % 12 + 1, 1)


def _edge_day(first: date, months: int, edge: str) -> date:
    """The first, middle or last day of the `months` starting on `first`."""
    if edge in ("start", "beginning"):
        return first
    if edge in ("mid", "middle"):
        return first.replace(day=15) if months == 1 else _add_months(first, months // 2)
    return _add_months(first, months) - timedelta(days=1)


def _parse_iso(cleaned: str, text: str) -> date | datetime | None:
    """ISO 8601 via the standard library; None when only the time part is not ISO ("... 3pm")."""
    try:
        day = date.fromisoformat(cleaned[:10])
    except ValueError as exc:
        raise _impossible(text, str(exc)) from None
    if len(cleaned) == 10:
        return day
    try:
        return datetime.fromisoformat(cleaned)
    except ValueError:
        return None


def _parse_absolute(
    cleaned: str, text: str, wall: datetime, prefer: Prefer
) -> date | datetime | None:
    """dateutil for absolute dates; None when it does not recognise the text at all.

    A field dateutil did not find is taken from ``default``, so parsing twice with defaults that
    differ in every field shows which fields were typed: those come out equal both times.
    """
    from dateutil import parser
    from dateutil.parser import UnknownTimezoneWarning

    first = datetime.combine(wall.date(), time())
    # 400 years later keeps leap years (and so "Feb 29") the same; the month and day just differ.
    second = datetime(
        wall.year + 400 if wall.year < 9000 else wall.year - 400,
        1 if wall.month != 1 else 2,
        1 if wall.day != 1 else 2,
        1,
        1,
        1,
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", UnknownTimezoneWarning)  # "3pm XYZ": no silent drop
            parsed = parser.parse(cleaned, default=first)
            check = parser.parse(cleaned, default=second)
    except UnknownTimezoneWarning:
        raise _not_understood(text) from None
    except OverflowError as exc:
        raise _impossible(text, str(exc)) from None
    except ValueError as exc:
        # dateutil chains the ValueError of a date that cannot exist; an unknown format has none.
        if isinstance(exc.__cause__, ValueError):
            raise _impossible(text, str(exc.__cause__)) from None
        return None
    typed_year, typed_month, typed_day = (
        getattr(parsed, field) == getattr(check, field) for field in ("year", "month", "day")
    )
    typed_time = parsed.hour == check.hour
    if not (typed_month and typed_day):
        # A time alone means today; a year, month or day alone ("2026", "Dec 2026", "5th") is
        # not a day we would dare guess.
        if typed_year or typed_month or typed_day or not typed_time:
            raise _not_understood(text)
    elif not typed_year and prefer is not None:
        parsed = _apply_prefer(parsed, wall.date(), prefer, text)
    return parsed if typed_time else parsed.date()


def _apply_prefer(value: datetime, today: date, prefer: Prefer, text: str) -> datetime:
    """Move a year-less date to next/last year so "Dec 3" means the coming/previous one."""
    if prefer == "future" and value.date() < today:
        shift = 1
    elif prefer == "past" and value.date() > today:
        shift = -1
    else:
        return value
    try:
        return value.replace(year=value.year + shift)
    except ValueError as exc:  # Feb 29 moved to a year without one
        raise _impossible(text, f"{exc} in {value.year + shift}") from None


def _parse_relative(cleaned: str, text: str, wall: datetime) -> date | datetime:
    """parsedatetime for relative phrases, refusing any word it did not use."""
    import parsedatetime

    calendar = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
    try:
        matches = calendar.nlp(cleaned, sourceTime=wall) or ()
    except (ValueError, OverflowError):
        raise _not_understood(text) from None
    if not matches:
        raise _not_understood(text)
    leftover = list(cleaned)
    dated: datetime | None = None
    timed: datetime | None = None
    for found, context, start, end, _ in matches:
        if not (context.hasDate or context.hasTime):  # e.g. "in 99999999 years"
            raise _not_understood(text)
        # Two dates or two times ("tomorrow, friday") contradict each other.
        if (context.hasDate and dated) or (context.hasTime and timed):
            raise _not_understood(text)
        dated = found if context.hasDate else dated
        timed = found if context.hasTime else timed
        leftover[start:end] = " " * (end - start)
    words = _FILLER_SEPARATORS.split("".join(leftover))
    if any(word and word.lower() not in _FILLER for word in words):
        raise _not_understood(text)
    if timed is None and _CLOCK_TIME.search(cleaned):
        raise _impossible(text, "no such time of day")
    value: date | datetime
    if dated is not None and timed is not None:
        value = datetime.combine(dated.date(), timed.time())
    elif dated is not None:
        value = dated.date()
    elif timed is not None:  # a time alone ("noon", "in 2 hours") keeps the day it falls on
        value = timed
    else:
        raise _not_understood(text)
    _check_weekdays(cleaned, text, value)
    return value


def _check_weekdays(cleaned: str, text: str, value: date | datetime) -> None:
    """Refuse a weekday that contradicts the date ("Tue 3 Dec 2026" when that is a Thursday)."""
    day = value.date() if isinstance(value, datetime) else value
    for match in _WEEKDAY_WORD.finditer(cleaned):
        if _WEEKDAYS[match.group(1)[:3].lower()] != day.weekday():
            raise _impossible(text, f"{_format_day(day)} is a {_DAY_NAMES[day.weekday()]}")
