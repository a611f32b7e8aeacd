"""Views: what the store hands out instead of models, so that reading needs no pydantic."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from menteekit.errors import UsageError
from menteekit.models import AgendaItem, Meeting, StoreConfig
from menteekit.services.meetings import agenda_size, measure_agenda
from menteekit.views import fact, holds, snapshot

NOW = dt.datetime(2026, 11, 2, 9, 30).astimezone()


def meeting() -> Meeting:
    items = [AgendaItem(id="1", text="Fellowship aims"), AgendaItem(id="w", text="Wrap-up")]
    return Meeting(id="ab12c", body="notes\n", mentor="ana-rivera", created=NOW, items=items)


def test_a_view_dumps_and_compares_as_its_model():
    model = meeting()
    view = pickle.loads(pickle.dumps(snapshot(model)))
    assert view.model_dump(by_alias=True) == model.model_dump(by_alias=True)
    assert view == model and model == view
    assert view.items[0].text == "Fellowship aims" and view.id == "ab12c"
    assert dict(view) == {name: getattr(view, name) for name in Meeting.model_fields}


def test_a_view_keeps_aliases_and_leaves_out_what_the_file_name_holds():
    dumped = snapshot(StoreConfig(schema=1)).model_dump(by_alias=True)
    assert dumped["schema"] == 1 and "schema_version" not in dumped
    assert "id" not in snapshot(meeting()).model_dump(by_alias=True)


def test_a_view_is_read_only_and_changes_go_through_the_model():
    view = snapshot(meeting())
    with pytest.raises(AttributeError):
        view.mentor = "someone-else"  # type: ignore[misc]
    revised = view.revised(minutes=45)
    assert isinstance(revised, Meeting) and revised.minutes == 45 and revised.items[1].id == "w"
    with pytest.raises(UsageError, match="minutes"):
        view.revised(minutes=0)


def test_a_copy_keeps_the_nested_records_still_to_be_read():
    view = pickle.loads(pickle.dumps(snapshot(meeting())))
    copy = view.model_copy(update={"id": "zz9zz"})
    assert copy.id == "zz9zz" and view.id == "ab12c"
    assert [item.id for item in copy.items] == ["1", "w"]
    assert copy.model_copy(update={"items": []}).items == []


def test_a_nested_record_read_once_is_kept_pickled_when_the_view_is_pickled_again():
    view = snapshot(meeting())
    assert view.items[0].text == "Fellowship aims"  # read: the cache would now keep it ...
    state = view.__getstate__()
    assert "items" not in state and "items" in state["_lazy"]  # ... still to be read
    again = pickle.loads(pickle.dumps(view))
    assert again == view and again.items[1].id == "w"
    changed = view.model_copy(update={"items": []})
    assert pickle.loads(pickle.dumps(changed)).items == []


def test_holds_tells_a_set_field_without_reading_a_pickled_one():
    model = meeting()
    view = pickle.loads(pickle.dumps(snapshot(model)))
    assert holds(view, "items") and holds(model, "items")
    assert "items" not in view.__dict__  # still pickled
    assert not holds(view, "reflection") and not holds(model, "reflection")
    assert not holds(view.model_copy(update={"items": []}), "cancelled")


def test_a_fact_about_a_nested_field_stands_until_the_field_changes():
    view = pickle.loads(pickle.dumps(snapshot(meeting(), facts={"items": measure_agenda})))
    assert fact(view, "items") == (2, 10, 2) and "items" not in view.__dict__  # not decoded
    assert agenda_size(view) == agenda_size(meeting()) == (2, 10, 2)
    assert fact(view.model_copy(update={"id": "zz9zz"}), "items") == (2, 10, 2)
    emptied = view.model_copy(update={"items": []})
    assert fact(emptied, "items") is None and agenda_size(emptied) == (0, 0, 0)
    assert fact(meeting(), "items") is None  # a model knows no facts: it is measured
