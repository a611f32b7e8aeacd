"""Mentor logic: slugs, finding a mentor from what was typed, near-duplicate names, ending well."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from difflib import SequenceMatcher, get_close_matches
from typing import TYPE_CHECKING

from menteekit.errors import MkError, NotFound
from menteekit.patterns import LazyPattern
from menteekit.services.lookup import find_unique
from menteekit.services.templates import fill
from menteekit.vocab import Phase, Status, cadence_days

if TYPE_CHECKING:
    from menteekit.models import Conclusion, Contact, Mentor, Profile

_TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame", "rev"}
_SUFFIXES = {"md", "phd", "dphil", "mph", "mba", "msc", "rn", "np", "pa", "jr", "sr", "ii", "iii"}
_NON_WORD = LazyPattern(r"[\W_]+")


def name_words(name: str) -> list[str]:
    """The words of a name, lowercased, without accents, titles or degrees."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    words = [w for w in _NON_WORD.split(plain) if w]
    while words and words[0] in _TITLES:
        words.pop(0)
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return words


def salutation(name: str) -> str:
    """How a letter greets them: "Dr. Ana Rivera, MD" -> "Dr. Rivera"; untitled, the name."""
    words = [w.strip(",") for w in name.split()]
    while len(words) > 2 and words[-1].strip(".").lower() in _SUFFIXES:
        words.pop()
    if len(words) > 2 and words[0].strip(".").lower() in _TITLES:
        return f"{words[0]} {words[-1]}"
    return name.strip()


SLUG_MAX = 60


def slugify(name: str) -> str:
    """The file name for a mentor: "Dr. Ana Rivera, MD" -> "ana-rivera" (at most 60 chars)."""
    slug = "-".join(name_words(name)) or "mentor"
    return slug[:SLUG_MAX].rstrip("-")


def similar_mentors(name: str, mentors: Iterable[Mentor]) -> list[Mentor]:
    """Mentors who are probably the person `name` names: the same words in any order
    ("Li Wei", "Wei Li"), an initial for a first name ("A. Rivera"), or a near-identical
    spelling ("Ana Riviera"); not merely someone with the same family name ("Mary Chen")."""
    words = name_words(name)
    similar = []
    for mentor in mentors:
        other = name_words(mentor.name)
        initial = (
            len(words) > 1
            and len(other) > 1
            and words[-1] == other[-1]
            and min(len(words[0]), len(other[0])) == 1
            and words[0][0] == other[0][0]
        )
        spelling = SequenceMatcher(None, " ".join(words), " ".join(other)).ratio() >= 0.9
        if sorted(words) == sorted(other) or initial or spelling:
            similar.append(mentor)
    return similar


def find_mentor(query: str, names: Mapping[str, str | None]) -> str:
    """The slug the user meant: a slug, or a unique prefix of it or of a word of the name or slug.

    `names` maps every slug to the mentor's name (None when the file is unreadable, so that a
    broken mentor can still be named and then reported).
    """
    if query in names:  # a file name exactly as listed, even one menteekit did not write
        return query
    typed = slugify(query) if query.strip() else ""
    if not typed:
        raise NotFound("No mentor named: the name is empty.")
    aliases = {
        slug: [slug.lower(), *slugify(slug).split("-"), *name_words(name or "")]
        for slug, name in names.items()
    }
    labels = {slug: name for slug, name in names.items() if name}
    try:
        return find_unique(typed, aliases, "mentor", labels)
    except NotFound:
        words = {word: slug for slug, known in aliases.items() for word in known}
        close = get_close_matches(typed, list(words), n=1, cutoff=0.7)
        guess = words[close[0]] if close else None
        raise NotFound(
            f"No mentor matches {query!r}." + (f" Did you mean {guess}?" if guess else ""),
            hint="`mk mentor list` shows everyone.",
            guess=guess,
        ) from None


def not_in_future(today: dt.date) -> Callable[[dt.date], dt.date]:
    """A check for dates that record something that already happened (a contact, an ending)."""

    def check(day: dt.date) -> dt.date:
        if day > today:
            raise ValueError(f"{day.isoformat()} is in the future; give today or an earlier date")
        if day.year < today.year - 100:  # a typo, not a mentoring relationship
            raise ValueError(f"{day.isoformat()} is more than a hundred years ago")
        return day

    return check


def last_contact(mentor: Mentor) -> dt.date | None:
    """The latest contact known: the one recorded, else the day they were put on record here
    (a mentor of long standing added without a last contact is not years overdue; a prospect
    never contacted has none)."""
    if mentor.last_contact or mentor.status is Status.prospective:
        return mentor.last_contact
    return mentor.recorded or mentor.added


def contacted(mentor: Mentor, day: dt.date) -> Mentor:
    """The mentor with `day` as the last contact, unless a later one is known."""
    if mentor.last_contact and mentor.last_contact >= day:
        return mentor
    return mentor.revised(last_contact=day)


def log_contact(mentor: Mentor, contact: Contact) -> Mentor:
    """The mentor with `contact` among their contacts (kept in date order) and counted as the
    last contact if it is the latest known, so cadence tracking sees it."""
    from menteekit.models import Contact

    earlier = []
    if not mentor.contacts and mentor.last_contact and mentor.last_contact < contact.date:
        # The first contact logged: keep the last contact typed before as one, or the history
        # it stood for would be lost when this one takes its place.
        earlier = [Contact(date=mentor.last_contact, note="the last contact before this log")]
    contacts = sorted([*earlier, *mentor.contacts, contact], key=lambda c: c.date)
    return contacted(mentor.revised(contacts=contacts), contact.date)


def recent_contacts(mentor: Mentor, count: int = 5) -> list[Contact]:
    """The latest `count` contacts, newest first."""
    return sorted(mentor.contacts, key=lambda c: c.date, reverse=True)[:count]


def keeps_in_touch(mentor: Mentor) -> bool:
    """A concluded mentor with a cadence: the cadence is a reminder to keep in touch."""
    return mentor.status is Status.concluded and mentor.cadence is not None


def counted_from(mentor: Mentor) -> dt.date | None:
    """The day the cadence counts from: the last contact, or, for a concluded mentor one keeps
    in touch with, the ending if it came later."""
    contact = last_contact(mentor)
    if keeps_in_touch(mentor) and mentor.conclusion:
        ended = mentor.conclusion.date
        return max(contact, ended) if contact else ended
    return contact


def days_overdue(mentor: Mentor, today: dt.date) -> int | None:
    """Days past the mentor's cadence since the last contact; None when nothing is due.

    For an active mentor the cadence is the agreed rhythm. For a concluded one it is a
    reminder to keep in touch, counted from the ending or any later contact; a concluded
    mentor without a cadence is never due, and neither is a paused or prospective one.
    """
    if mentor.cadence is None or mentor.status not in (Status.active, Status.concluded):
        return None
    since = counted_from(mentor)
    if since is None:
        return None
    overdue = (today - since).days - cadence_days(mentor.cadence)
    return overdue if overdue > 0 else None


def set_phase(mentor: Mentor, phase: Phase, note: str | None, today: dt.date) -> Mentor:
    """The mentor in `phase` with `note`. A new phase starts today and drops the old note; the
    same phase keeps its start and, unless a new note is given, its note."""
    if mentor.status is Status.concluded:
        raise MkError(
            f"{mentor.name} ({mentor.slug}) is concluded: phases are for relationships that go on."
        )
    if phase is mentor.phase:
        return mentor.revised(phase_note=mentor.phase_note if note is None else note)
    return mentor.revised(phase=phase, phase_since=today, phase_note=note)


KEEP_IN_TOUCH = "yearly"
"""The cadence of the reminder to keep in touch with a mentor after the relationship ends."""


def conclude(mentor: Mentor, conclusion: Conclusion, keep_in_touch: bool = False) -> Mentor:
    """The mentor with the relationship ended as described. Their cadence becomes the yearly
    keep-in-touch reminder if one is wanted; otherwise it goes, so that the old meeting
    rhythm does not keep asking for contact."""
    if mentor.status is Status.concluded:
        ended = mentor.conclusion.date.isoformat() if mentor.conclusion else "earlier"
        raise MkError(f"{mentor.name} ({mentor.slug}) is already concluded ({ended}).")
    return mentor.revised(
        status=Status.concluded,
        conclusion=conclusion,
        cadence=KEEP_IN_TOUCH if keep_in_touch else None,
    )


def thank_you_note(template: str, mentor: Mentor, me: Profile, helped: str = "") -> str:
    """A thank-you note draft from the `thank-you.md` template ($placeholders filled in);
    `helped` is the paragraph naming the help on record (see services.ending)."""
    conclusion = mentor.conclusion
    achieved = (conclusion.achieved if conclusion else "").strip()
    return fill(
        template,
        mentor_name=mentor.name,
        greeting=salutation(mentor.name),  # "Dr. Rivera", as the recap greets them
        achieved=achieved or "[one or two specific things this mentor helped you achieve]",
        helped=helped,
        my_name=me.name or "[your name]",
    )
