"""A record written by the store reads back as the same record, whatever text it holds."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from menteekit.models import Conclusion, Mentor, Profile, StoreConfig
from menteekit.store import SCHEMA, Store
from menteekit.vocab import Group, Role, Status

# Any text a person might type: unicode, quotes, backslashes, emoji, right-to-left scripts;
# prose also holds line breaks and tabs. No other control characters (the models refuse them)
# and no lone surrogates (they cannot be written as UTF-8).
line = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), max_size=300)
text = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\r\t"),
    max_size=300,
)
name = line.filter(lambda t: t.strip())
one_line_samples = st.sampled_from(
    ['He said """hi"""', "a\\nb", "C:\\Users\\me", "שלום עולם", "🙂 emoji", "'''", "x" * 5000]
)
samples = one_line_samples | st.sampled_from(["line\r\nbreak", "two\nlines\n", "tab\there"])
days = st.dates(dt.date(1970, 1, 1), dt.date(2100, 1, 1))
examples = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def mentors(draw) -> Mentor:
    return Mentor(
        name=draw(name | one_line_samples),
        channel=draw(st.none() | line | one_line_samples),
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
        name=line,
        path=text | samples,
        working_style=text | samples,
        values=st.lists(name, max_size=4),
        goals=st.lists(name | one_line_samples, max_size=4),
    )
)
def test_a_profile_survives_a_write(tmp_path, me):
    assert fresh_store(tmp_path, me).open().me == me
