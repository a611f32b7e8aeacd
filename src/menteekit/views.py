"""Records as the store hands them out: validated once by their model, then plain objects.

A view has its model's fields as attributes (nested records as views too) and answers the few
model methods the rest of menteekit uses. It exists so that reading commands never import
pydantic: the store validates a file with the model in `models.py` (still the one definition
of every field), snapshots the result as a view, and the cache of parsed records keeps views,
which unpickle without the models. Changing a record goes back through its model:
`revised()` validates the changed fields and returns a real model.
"""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic import BaseModel

Shape = tuple[str, tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]
"""A view's model: its name in `menteekit.models`, its fields in order, the fields left out of
a dump (the ones a file's name holds), and each field written under another key."""

_shapes: dict[type, Shape] = {}


class RecordView:
    """A validated record, read-only.

    Its `__dict__` holds the fields and `_shape` (no field name starts with "_"), so that a
    pickled view is rebuilt without running any Python code: that is what makes thousands of
    them quick to load.
    """

    _shape: Shape

    def __init__(self, shape: Shape, fields: dict[str, Any]) -> None:
        self.__dict__.update(fields, _shape=shape)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a {self._shape[0]} read from the store is read-only; use revised()")

    def _fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self._shape[1]}

    def __iter__(self):  # type: ignore[no-untyped-def]
        """(name, value) of every field, as iterating a model gives."""
        return iter(self._fields().items())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RecordView):
            return self._shape[0] == other._shape[0] and self._fields() == other._fields()
        if hasattr(type(other), "model_fields") and type(other).__name__ == self._shape[0]:
            return self._fields() == dict(other)  # type: ignore[call-overload]
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # as a model: equal by value, so not hashable

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self)
        return f"{self._shape[0]}({fields})"

    def model_dump(self, *, by_alias: bool = False) -> dict[str, Any]:
        """The fields as plain values, as the model's `model_dump` gives them."""
        _, _, hidden, aliases = self._shape
        renamed = dict(aliases) if by_alias else {}
        return {
            renamed.get(name, name): _dumped(value, by_alias)
            for name, value in self
            if name not in hidden
        }

    def model_copy(self, *, update: dict[str, Any] | None = None) -> RecordView:
        """A copy with `update` applied, not validated (as the model's `model_copy`)."""
        kept = {"_unknown": self.__dict__["_unknown"]} if "_unknown" in self.__dict__ else {}
        return RecordView(self._shape, {**self._fields(), **kept, **(update or {})})

    def revised(self, **changes: Any) -> BaseModel:
        """The record as a validated model, with `changes` applied."""
        from menteekit import models

        model = getattr(models, self._shape[0])
        return model.create(**{**self._fields(), **changes})


class StoredRecord(RecordView):
    """A record as read from its file: its nested records (agenda items, check-ins,
    contacts...) stay pickled in `_lazy` until first used. A command that looks at a thousand
    meetings mostly needs a few of their agendas.

    `_facts` holds what was worked out from a nested field when the file was parsed (a
    meeting's agenda size, say: see `fact`), so that a listing need not decode it at all.
    """

    def __init__(
        self,
        shape: Shape,
        fields: dict[str, Any],
        lazy: dict[str, bytes],
        facts: dict[str, Any] | None = None,
    ) -> None:
        self.__dict__.update(fields, _shape=shape, _lazy=lazy)
        if facts:
            self.__dict__["_facts"] = facts

    def __getstate__(self) -> dict[str, Any]:
        # A nested field decoded since stays pickled once: the cache keeps it lazy, so that
        # the next run pays for it only if it uses it too.
        lazy = self.__dict__["_lazy"]
        return {name: value for name, value in self.__dict__.items() if name not in lazy}

    def __setstate__(self, state: dict[str, Any]) -> None:
        # Without it, unpickling would look for one through __getattr__, at a greater cost.
        self.__dict__.update(state)

    def model_copy(self, *, update: dict[str, Any] | None = None) -> RecordView:
        """A copy with `update` applied, not validated; what is still pickled stays so."""
        update = update or {}
        fields = {**self.__dict__, **update}
        lazy = {k: v for k, v in fields.pop("_lazy").items() if k not in update}
        # A fact about a field outlives the copy only while the field is the same.
        facts = {k: v for k, v in fields.pop("_facts", {}).items() if k not in update}
        return StoredRecord(fields.pop("_shape"), fields, lazy, facts)

    def __getattr__(self, name: str) -> Any:
        """A nested field on first use (only called for what `__dict__` does not hold)."""
        lazy = self.__dict__.get("_lazy")
        if lazy and name in lazy:
            value = self.__dict__[name] = pickle.loads(lazy[name])
            return value
        raise AttributeError(name)


def holds(record: Any, name: str) -> bool:
    """Whether field `name` of a record (a model or a view) is set, that is not None, without
    decoding a nested record still pickled: a pickled one is never None."""
    lazy = getattr(record, "__dict__", {}).get("_lazy")
    return bool(lazy and name in lazy) or getattr(record, name) is not None


def unknown_keys_of(record: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The keys of a record's file that its model does not know, each with the keys it knows
    there, as found when the file was parsed (see `snapshot`)."""
    return getattr(record, "__dict__", {}).get("_unknown", ())


def fact(record: Any, name: str) -> Any:
    """What was worked out from nested field `name` of a record read from the store when its
    file was parsed (None if nothing was: a model, or a field not nested)."""
    facts = getattr(record, "__dict__", {}).get("_facts")
    return facts.get(name) if facts else None


def _dumped(value: Any, by_alias: bool) -> Any:
    if isinstance(value, RecordView):
        return value.model_dump(by_alias=by_alias)
    if isinstance(value, list):
        return [_dumped(each, by_alias) for each in value]
    return value


def plain(value: Any) -> Any:
    """What a model validates: every field of a view, nested views included, as dicts."""
    if isinstance(value, RecordView):
        return {name: plain(each) for name, each in value}
    if isinstance(value, list):
        return [plain(each) for each in value]
    return value


def snapshot(
    value: Any,
    *,
    nested: bool = False,
    facts: dict[str, Callable[[Any], Any]] | None = None,
    unknown: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> Any:
    """A validated model (or a list of them) as a view; any other value as it is.

    The nested records of a top-level view are kept pickled until used (see StoredRecord),
    with `facts` about them: for a nested field, the function that works its fact out from
    the field's value (a plain value, so that reading it back needs no code of ours). A
    top-level view also keeps the `unknown` keys of its file (see `unknown_keys_of`), so that
    `mk doctor` need not parse every file again to find them.
    """
    if isinstance(value, list):
        return [snapshot(each, nested=nested) for each in value]
    model = type(value)
    fields = getattr(model, "model_fields", None)
    if fields is None or isinstance(value, type):
        return value
    shape = _shapes.get(model)
    if shape is None:
        hidden = tuple(name for name, field in fields.items() if field.exclude)
        aliases = tuple((name, field.alias) for name, field in fields.items() if field.alias)
        shape = _shapes[model] = (model.__name__, tuple(fields), hidden, aliases)
    values = {name: snapshot(getattr(value, name), nested=True) for name in fields}
    if nested:
        return RecordView(shape, values)
    if unknown:
        values["_unknown"] = unknown
    lazy, known = {}, {}
    for name, each in list(values.items()):
        if isinstance(each, RecordView) or (isinstance(each, list) and each):
            if facts and name in facts:
                known[name] = facts[name](each)
            lazy[name] = pickle.dumps(values.pop(name), pickle.HIGHEST_PROTOCOL)
    # A record with nothing nested (most action items) is a plain view: it unpickles a fifth
    # quicker, with no Python code run for it at all.
    return StoredRecord(shape, values, lazy, known) if lazy else RecordView(shape, values)
