"""`mk touch MENTOR`: log a contact between meetings so cadence tracking sees it."""

from typing import Annotated

import typer

from menteekit.cli._common import (
    HomeOpt,
    JsonOpt,
    NoInputOpt,
    checked_option,
    date_option,
    interactive,
    open_store,
    resolve_mentor,
)
from menteekit.vocab import CONTACT_KIND_MEANING, ContactKind


def touch(
    mentor: Annotated[
        str, typer.Argument(metavar="MENTOR", help="Slug or a unique prefix of the mentor's name.")
    ],
    kind: Annotated[
        ContactKind | None,
        typer.Option(help="What kind of contact it was (default: other)."),
    ] = None,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help="A line on what it was about.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="When it happened, e.g. 'yesterday' (default: today)."),
    ] = None,
    home: HomeOpt = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Log a contact with a mentor between meetings: an email, a thank-you, a coffee.

    Relationships drift between meetings, and small contacts keep them alive: an update on
    what you did with their advice, a thank-you, congratulations on their news. Each contact
    is kept on the mentor's record and counts as being in touch, so `mk board` stops calling
    them overdue. A thank-you also counts as appreciation shown.

    \b
    Kinds:
      email     a message about anything
      thanks    a thank-you: for advice, an introduction, their time
      update    news on what you did with their advice
      call      a phone or video call outside a planned meeting
      coffee    an informal chat in person
      congrats  congratulations on their news
      other     anything else that kept in touch

    Any mentor can be touched: a prospect you are getting to know, a paused one, or one whose
    mentoring has ended and with whom you keep in touch.

    \b
    Examples:
      mk touch rivera --kind thanks --note "for the intro to Dr. Osei"
      mk touch mensah --kind congrats --date yesterday --no-input
    """
    from menteekit import render
    from menteekit.dates import local_now
    from menteekit.models import Contact
    from menteekit.prompts import Asker
    from menteekit.services.mentors import log_contact, not_in_future
    from menteekit.vocab import check_prose

    now = local_now()
    if note is not None and not note.strip():
        from menteekit.errors import UsageError

        raise UsageError("--note cannot be empty: leave it out, or say what it was about.")
    note = checked_option(note, check_prose, "--note")
    day = date_option(date, now, "--date", prefer="past", check=not_in_future(now.date()))
    store, _ = open_store(home)
    slug = resolve_mentor(store, mentor)
    current = store.load_mentor(slug)
    ask = Asker(interactive(no_input))
    if kind is None:
        ask.say(f"What kind of contact with {render.escape(current.name)} was it?")
        for each in ContactKind:
            ask.say(f"  [bold]{each}[/bold]: {CONTACT_KIND_MEANING[each]}")
        chosen = ask.choose("Kind", [k.value for k in ContactKind], default=ContactKind.other)
        kind = ContactKind(chosen or ContactKind.other)
    note = ask.text("What was it about?", given=note, check=check_prose).strip()
    if day is None:
        day = ask.date(
            "When?", now, default="today", prefer="past", check=not_in_future(now.date())
        )
    contact = Contact.create(date=day or now.date(), kind=kind, note=note)
    updated = store.update_mentor(slug, lambda m: log_contact(m, contact))
    if json:
        render.print_json(
            {
                "slug": slug,
                "contact": render.jsonable(contact),
                "last_contact": render.jsonable(updated.last_contact),
                "contacts": len(updated.contacts),
            }
        )
        return
    what = "a thank-you" if kind is ContactKind.thanks else f"a contact ({kind})"
    render.say(f"Logged {what} with {updated.name} ({slug}) on {contact.date.isoformat()}.")
