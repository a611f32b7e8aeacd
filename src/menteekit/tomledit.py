"""Writing a record into its TOML document without disturbing what the user wrote there.

Kept apart from the store so that commands which only read never import tomlkit.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from enum import Enum
from typing import Any

import tomlkit
from tomlkit.items import AoT, Item, Table


def to_toml(data: dict[str, Any], existing: str | None, header: str = "") -> str:
    """The TOML text for `data`: merged into `existing` (a file's text) when there is one.

    Unknown keys, comments and layout of `existing` survive; a None value removes a key the
    record knows about; an unchanged value is not touched. A CRLF file stays CRLF.
    """
    document = tomlkit.parse(existing) if existing is not None else tomlkit.document()
    if existing is None:
        for line in header.splitlines():
            document.add(tomlkit.comment(line.removeprefix("# ")))
    _merge(document, _plain(data), fresh=existing is None)
    text = tomlkit.dumps(document)
    if existing is not None and "\r\n" in existing:
        # tomlkit writes new lines with LF; keep the file's own line endings throughout.
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text


ParseError = tomlkit.exceptions.ParseError


def _plain(value: Any) -> Any:
    """Model data as TOML-ready Python values (enums as their strings)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _merge(table: Any, data: dict[str, Any], fresh: bool) -> None:
    """Update a tomlkit table in place from `data`, leaving unknown keys and comments alone.

    A None value removes a key the model knows about; unchanged values are not touched, so
    their formatting and comments stay as the user wrote them. Rewriting an existing file
    (not `fresh`) does not add an empty list it lacked: a field new in this version, such
    as a mentor's contacts, appears only once it holds something.
    """
    for key, value in data.items():
        current = table.get(key)
        if value is None:
            if key in table:
                del table[key]
        elif value == [] and current is None and not fresh:
            continue
        elif isinstance(value, dict) and isinstance(current, MutableMapping):
            # A [table], an inline table, or dotted keys / split tables (tomlkit's proxy).
            _merge(current, value, fresh)
        elif isinstance(current, AoT) and _all_tables(value):
            _merge_tables(current, value)
        elif current is None or not _same(_unwrap(current), value):
            table[key] = _item(value, current)


def _all_tables(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _merge_tables(current: AoT, tables: list[dict[str, Any]]) -> None:
    """Update an array of tables ([[items]]) in place: each table is merged into the one with
    the same id (else the one at its place), so the user's comments and keys inside survive."""
    existing = list(current)
    by_id = {str(t["id"]): t for t in existing if isinstance(t, MutableMapping) and "id" in t}
    merged = []
    for place, data in enumerate(tables):
        table = by_id.get(str(data.get("id"))) if "id" in data else None
        if table is None and "id" not in data and place < len(existing):
            table = existing[place]
        if table is None:
            table = _table(data)
            table.add(tomlkit.nl())  # the blank line tomlkit puts after each [[table]]
        else:
            _merge(table, data, fresh=False)
        merged.append(table)
    if merged == existing and all(a is b for a, b in zip(merged, existing, strict=True)):
        return
    while len(current):
        current.pop(0)  # tomlkit's AoT has no clear()
    for table in merged:
        current.append(table)


def _same(old: Any, new: Any) -> bool:
    """Equal and of the same type: 0 == False and 1 == 1.0 in Python, not in TOML."""
    return type(old) is type(new) and old == new


def _unwrap(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _item(value: Any, previous: Any) -> Any:
    """A tomlkit item for `value`, keeping the comment of the item it replaces."""
    if isinstance(value, str) and "\n" in value and "\r" not in value:
        # Prose reads better as a multi-line string; a CR would be lost there, so not then.
        new = tomlkit.string(value, multiline=True)
    elif isinstance(value, dict):
        new = _table(value)
    elif value and _all_tables(value):
        new = tomlkit.aot()
        for data in value:
            table = _table(data)
            table.add(tomlkit.nl())
            new.append(table)
    else:
        new = tomlkit.item(value)
    if isinstance(previous, Item) and previous.trivia.comment and not isinstance(new, Table):
        new.comment(previous.trivia.comment.lstrip("#").strip())
    return new


def _table(data: dict[str, Any]) -> Table:
    table = tomlkit.table()
    _merge(table, data, fresh=True)
    return table
