"""Records written by hand into a store, as a user editing the files would, to build a history
with exact dates (relative to TODAY) that the commands would not let us backdate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import WRAP_UP, day


def _toml_date(value: dt.date) -> str:
    return value.isoformat()


def _noon(value: dt.date) -> str:
    return f"{value.isoformat()}T12:00:00+00:00"


def write_mentor(store: Path, slug: str, name: str, added: int, *lines: str) -> Path:
    """`mentors/<slug>.toml` added `added` days from today (negative: ago), plus `lines` of
    TOML (top-level keys first, then tables)."""
    folder = store / "mentors"
    folder.mkdir(exist_ok=True)
    path = folder / f"{slug}.toml"
    path.write_text(
        f'name = "{name}"\nadded = {_toml_date(day(added))}\n' + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    return path


def contact(offset: int, kind: str = "email") -> str:
    return f'[[contacts]]\ndate = {_toml_date(day(offset))}\nkind = "{kind}"\n'


def write_meeting(
    store: Path,
    meeting_id: str,
    mentor: str,
    when: int,
    *,
    status: str = "held",
    prepared: int | None = 3,
    items: tuple[str, ...] = ("new", "new"),
    reflected: bool = True,
    thanked: bool = False,
    cancelled_by: str | None = None,
) -> Path:
    """A meeting `when` days from today. `prepared`: how many days before it the agenda was made
    (None: made on the day, as when a meeting is logged after the fact); `items`: the origins
    of its agenda items, before the wrap-up."""
    created = day(when - prepared) if prepared is not None else day(when)
    lines = [
        f'mentor = "{mentor}"',
        f"when = {_toml_date(day(when))}",
        f'status = "{status}"',
        f"created = {_noon(created)}",
    ]
    for number, origin in enumerate(items, 1):
        item_status = "discussed" if status == "held" else "pending"
        lines += [
            "",
            "[[items]]",
            f'id = "{number}"',
            'kind = "question"',
            f'text = "Item {number}"',
            f'origin = "{origin}"',
            f'status = "{item_status}"',
        ]
    lines += ["", "[[items]]", 'id = "w"', f'text = "{WRAP_UP}"', 'origin = "wrap-up"']
    if status == "held" and reflected:
        written = f"written = {_noon(day(when))}"
        lines += ["", "[reflection]", written, f"thanked = {str(thanked).lower()}"]
    if cancelled_by:
        lines += ["", "[cancelled]", f"date = {_toml_date(day(when - 1))}"]
        lines.append(f'by = "{cancelled_by}"')
    folder = store / "meetings"
    folder.mkdir(exist_ok=True)
    path = folder / f"{day(when).isoformat()}-{mentor}-{meeting_id}.md"
    path.write_text("+++\n" + "\n".join(lines) + "\n+++\n", encoding="utf-8")
    return path


def write_action(
    store: Path,
    action_id: str,
    *,
    mentor: str | None,
    due: int | None,
    created: int = -60,
    owner: str = "me",
    done: int | None = None,
    meeting: str | None = None,
) -> Path:
    lines = [
        f'text = "Action {action_id}"',
        f'owner = "{owner}"',
        f"created = {_toml_date(day(created))}",
    ]
    if mentor:
        lines.append(f'mentor = "{mentor}"')
    if meeting:
        lines.append(f'meeting = "{meeting}"')
    if due is not None:
        lines.append(f"due = {_toml_date(day(due))}")
    if done is not None:
        lines += ['status = "done"', f"done = {_toml_date(day(done))}"]
    folder = store / "actions"
    folder.mkdir(exist_ok=True)
    path = folder / f"{action_id}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_goal(store: Path, goal_id: str, created: int, review_days: int = 30) -> Path:
    folder = store / "goals"
    folder.mkdir(exist_ok=True)
    path = folder / f"{goal_id}.toml"
    path.write_text(
        f'statement = "Goal {goal_id}"\ncreated = {_toml_date(day(created))}\n'
        f"review_days = {review_days}\n",
        encoding="utf-8",
    )
    return path
