"""A record written by the store reads back as the same record, whatever text it holds."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from menteekit.models import SCHEMA, Conclusion, Mentor, Profile, StoreConfig
from menteekit.store import Store
from menteekit.vocab import Group, Role, Status

# Any text a person might type: unicode, quotes, backslashes, newlines, emoji, right-to-left
# scripts; no lone surrogates (they cannot be written as UTF-8) and no NUL.
text = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=300
)
name = text.filter(lambda t: t.strip())
samples = st.sampled_from(
    ['He said """hi"""', "a\\nb", "C:\\Users\\me", "שלום עולם", "🙂 emoji", "line\r\nbreak", "'''",
     "x" * 5000, "two\nlines\n"]
)  # fmt: skip
days = st.dates(dt.date(1970, 1, 1), dt.date(2100, 1, 1))
examples = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def mentors(draw) -> Mentor:
    return Mentor(
        name=draw(name | samples),
        channel=draw(st.none() | text | samples),
        roles=draw(st.lists(st.sampled_from(list(Role)), unique=True)),
        group=draw(st.none() | st.sampled_from(list(Group))),
        internal=draw(st.none() | st.booleans()),
        peer=draw(st.none() | st.booleans()),
        cadence=draw(st.none() | st.sampled_from(["weekly", "quarterly", "45d"])),
        status=draw(st.sampled_from(list(Status))),
        added=draw(days),
        conclusion=draw(
            st.none()
            | st.builds(Conclusion, date=days, reason=text | samples, achieved=text | samples)
        ),
    )


def fresh_store(tmp_path: Path, me: Profile | None = None) -> Store:
    """A new store for each example (hypothesis reuses the test's tmp_path)."""
    store = Store(Path(tempfile.mkdtemp(dir=tmp_path)) / "store")
    store.create(StoreConfig(schema=SCHEMA, me=me or Profile()))
    return store


@examples
@given(mentor=mentors(), update=mentors())
def test_a_mentor_survives_a_write_and_a_rewrite(tmp_path, mentor, update):
    store = fresh_store(tmp_path)
    saved = store.add_mentor(mentor, "someone")
    assert store.load_mentor(saved.slug) == saved
    # Rewriting the file with other values goes through the store's merge into the document.
    rewritten = store.update_mentor(
        saved.slug, lambda m: update.model_copy(update={"slug": m.slug})
    )
    assert store.load_mentor(saved.slug) == rewritten


@examples
@given(
    me=st.builds(
        Profile,
        name=text,
        path=text | samples,
        working_style=text | samples,
        values=st.lists(name, max_size=4),
        goals=st.lists(name | samples, max_size=4),
    )
)
def test_a_profile_survives_a_write(tmp_path, me):
    assert fresh_store(tmp_path, me).open().me == me
