"""A derived copy of the parsed records, so that reading commands need not parse every file.

The record files stay the truth. Each cached record is kept with its file's stamp — the
modification and change times in nanoseconds, the size and the inode — and is used only while
the file still has exactly that stamp; anything else is parsed again. A hand edit changes the
change time even when it keeps the size and puts the modification time back. A stamp younger
than `SETTLE_SECONDS` is never cached: a second write within the same tick of the clock could
leave it as it was, so such a file is parsed on every run until it has settled.

The copy lives in the user's cache folder (`MK_CACHE_DIR` overrides it), never in the store:
it is not the user's data, must not travel with a synced store, and holds pickles, which are
only ever read from a private folder of the user's own. A copy that is missing, unreadable,
of another version or corrupt is rebuilt without a word; one that cannot be written is simply
not kept. Concurrent runs each replace the file atomically, and every entry is checked against
its file on every read, so the last writer winning is harmless.

What a command writes itself is kept too, with the bytes it wrote (`remember`): until its
stamp settles, such a record is used only while the file still holds exactly those bytes. So
the command after a write (a shell prompt's `mk status --short`, say) reads it without parsing
it, and a hand edit that keeps even the stamp is still seen.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import stat
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from menteekit import __version__

FORMAT = 4
"""Bumped when the layout of the cache files changes."""
SETTLE_SECONDS = 2.0
"""How old a file's stamp must be before its record is cached."""

Stamp = tuple[int, int, int, int]
R = TypeVar("R")


def cache_folder(root: Path) -> Path:
    """The folder holding the cached records of the store at `root`."""
    base = os.environ.get("MK_CACHE_DIR")
    if base:
        folder = Path(base)
    elif sys.platform == "linux":
        # The XDG rule platformdirs follows here (a relative path does not count), without
        # the few milliseconds its import adds to every command.
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        folder = Path(xdg if os.path.isabs(xdg) else os.path.expanduser("~/.cache")) / "menteekit"
    else:
        from platformdirs import user_cache_path

        folder = user_cache_path("menteekit", appauthor=False)
    # A checksum is enough to tell a user's stores apart (the header holds the full path, so
    # two that collided would only take turns), and it spares every command loading OpenSSL.
    key = zlib.crc32(_resolved(root).encode("utf-8", "surrogatepass"))
    return folder / f"{key:08x}"


@functools.cache  # each kind's cache asks; resolving a path costs a system call a folder
def _resolved(root: Path) -> str:
    return str(root.resolve())


def _stamp(path: str) -> Stamp:
    status = os.stat(path)
    return (status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino)


def _content(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _remove(path: Path) -> None:
    """Remove a cache file if it is there; one that cannot be removed is simply left."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _stamp_or_none(path: str) -> Stamp | None:
    try:
        return _stamp(path)
    except OSError:
        return None


@functools.cache
def _models_stamp() -> tuple[int, ...]:
    """Changes whenever the record definitions, their views or the store's reading of them do,
    even within one version (a development install): a cached record is only as good as the
    code that made it (services/meetings.py works out what a meeting's record keeps of its
    agenda)."""
    stamps: tuple[int, ...] = ()
    package = os.path.dirname(__file__)
    for source in ("models.py", "views.py", "store.py", "services/meetings.py"):
        try:
            status = os.stat(os.path.join(package, source))
        except OSError:  # installed as byte-code only: the version says it all
            return ()
        stamps += (status.st_mtime_ns, status.st_size)
    return stamps


class RecordCache:
    """The cached records of one kind (mentors, meetings, ...) of one store.

    With `retired_year`, the kind is kept in several files. `<kind>.pickle` holds the stamp of every
    file and the records that may still need the user (an open action item, a meeting planned
    or not yet reflected on); the others, most of a long history, are kept by year in
    `<kind>.retired-<year>.pickle` and read only by a command that wants them, and only the
    years it wants. A command that wants only the live ones still checks every file's stamp,
    so a retired record edited back to life is seen. A year's file is pruned as soon as one of
    its records is edited, deleted or comes back to life: no copy outlives its file.

    `retired_year(record)` says which records retire: None for a live one, else the year it
    is kept under.
    """

    def __init__(
        self, root: Path, kind: str, retired_year: Callable[[Any], int | None] | None = None
    ) -> None:
        self.folder = cache_folder(root)
        self.kind = kind
        self.path = self.folder / f"{kind}.pickle"
        self.retired_year = retired_year
        # A time written without an offset is read in the local zone: a record parsed in
        # another zone (travel, TZ=...) must be parsed again.
        zone = (os.environ.get("TZ"), time.tzname, time.timezone, time.altzone)
        self.header = (FORMAT, __version__, _models_stamp(), _resolved(root), zone)
        # name: (stamp, record), or (stamp, year) for a record kept in that year's file
        self.entries: dict[str, tuple[Stamp, Any]]
        # name: the bytes of a file this tool wrote, whose record is used only while the file
        # holds them, until its stamp has settled
        self.unsettled: dict[str, bytes]
        self.entries, self.unsettled = self._read(self.path, parts=2)
        self.years: dict[int, dict[str, tuple[Stamp, Any]]] = {}  # the year files read
        self.seen: set[str] = set()
        self.changed = False
        self.changed_years: set[int] = set()
        # Years whose file may still hold a record the main file no longer puts there (edited,
        # deleted, reopened): read and pruned when saving, so no copy outlives its file.
        self.stale_years: set[int] = set()
        self.started = time.time_ns()

    def _read(self, path: Path, parts: int) -> tuple[dict[str, Any], ...]:
        """The `parts` dictionaries a cache file holds after its header: a year's entries; the
        main file's entries and unsettled bytes. Empty ones if it cannot be used."""
        empty = tuple({} for _ in range(parts))
        try:
            with open(path, "rb") as handle:
                status = os.fstat(handle.fileno())
                # Only a file of the user's own that nobody else can write is unpickled.
                if status.st_uid != os.getuid() or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                    return empty
                header, *kept = pickle.load(handle)
        except Exception:  # missing, unreadable or corrupt: start again, quietly
            return empty
        if header != self.header or len(kept) != parts:
            return empty
        return tuple(kept) if all(isinstance(part, dict) for part in kept) else empty

    def retired(self, year: int) -> dict[str, tuple[Stamp, Any]]:
        """The retired records kept under `year`, read when first needed."""
        records = self.years.get(year)
        if records is None:
            [records] = self._read(self._year_path(year), parts=1)
            self.years[year] = records
        return records

    def _year_path(self, year: int) -> Path:
        return self.folder / f"{self.kind}.retired-{year}.pickle"

    def fresh(
        self, folder: str, names: list[str], *, retired_from: int | None = 0
    ) -> tuple[dict[str, Any], set[str]]:
        """The cached records of the files `names` in `folder` that are unchanged, by name.

        Retired records are wanted from the year `retired_from` on (None: none at all); the
        names of unchanged files whose records are not wanted come second: the caller need not
        read them. This is the loop every reading command runs over thousands of files, so it
        is kept tight: one stat each, relative to the folder when the system allows.
        """
        self.seen.update(names)
        entries, unsettled = self.entries, self.unsettled
        found: dict[str, Any] = {}
        skipped: set[str] = set()
        if not entries:
            return found, skipped
        relative = os.stat in os.supports_dir_fd
        try:
            fd = os.open(folder, os.O_RDONLY) if relative else None
        except OSError:
            return found, skipped
        # Bound once: the loop below runs for every file of the kind.
        get, stat, skip = entries.get, os.stat, skipped.add
        wanted_retired: list[str] = []
        try:
            for name in names:
                cached = get(name)
                if cached is None or (unsettled and name in unsettled):  # load() checks those
                    continue
                try:
                    now = stat(name, dir_fd=fd) if fd is not None else stat(f"{folder}/{name}")
                except OSError:
                    continue
                if cached[0] != (now.st_mtime_ns, now.st_ctime_ns, now.st_size, now.st_ino):
                    continue
                kept = cached[1]
                if type(kept) is not int:  # a live record
                    found[name] = kept
                elif retired_from is not None and kept >= retired_from:
                    wanted_retired.append(name)
                else:
                    skip(name)
        finally:
            if fd is not None:
                os.close(fd)
        if wanted_retired:  # from their years' files, in the order of `names`
            for name in wanted_retired:
                stamp, year = get(name)
                kept = self.retired(year).get(name)
                if kept is not None and kept[0] == stamp:
                    found[name] = kept[1]
            found = {name: found[name] for name in names if name in found}
        return found, skipped

    def load(self, path: str, name: str, parse: Callable[[], R]) -> R:
        """The record in `path` (named `name` in its folder): the cached one while the file is
        unchanged, else `parse()`."""
        self.seen.add(name)
        try:
            before = _stamp(path)
        except OSError:  # gone, or a dangling link: parsing says which, as it always has
            return parse()
        cached = self.entries.get(name)
        settled = max(before[0], before[1]) < self.started - int(SETTLE_SECONDS * 1e9)
        written = self.unsettled.get(name)
        if written is not None:
            if cached is not None and cached[0] == before and _content(path) == written:
                # The file holds what was written: the record stands. Once its stamp has
                # settled, a later change would change the stamp, so the bytes can go.
                if settled:
                    del self.unsettled[name]
                    self._keep(name, before, cached[1])
                return cached[1]
            del self.unsettled[name]
            self.changed = True
        elif cached is not None and cached[0] == before:
            if type(cached[1]) is not int:
                return cached[1]
            kept = self.retired(cached[1]).get(name)
            if kept is not None and kept[0] == before:
                return kept[1]
        record = parse()
        if cached is not None and type(cached[1]) is int:
            self.stale_years.add(cached[1])
        if settled and _stamp_or_none(path) == before:  # not changed while it was read
            self._keep(name, before, record)
        elif name in self.entries:
            del self.entries[name]
            self.changed = True
        return record

    def remember(self, path: str, name: str, record: Any, written: bytes) -> None:
        """Keep the record of a file this tool has just written as `written` (see above)."""
        try:
            now = _stamp(path)
        except OSError:
            return
        self.forget(name)
        self.entries[name] = (now, record)
        self.unsettled[name] = written
        self.changed = True

    def _keep(self, name: str, stamp: Stamp, record: Any) -> None:
        """Keep the record of a file whose `stamp` has settled, in its year's file if it is
        retired."""
        year = self.retired_year(record) if self.retired_year is not None else None
        if year is not None:
            self.entries[name] = (stamp, year)
            self.retired(year)[name] = (stamp, record)
            self.changed_years.add(year)
        else:
            self.entries[name] = (stamp, record)
        self.changed = True

    def forget(self, name: str) -> None:
        """Do not keep the record of `name` (it must be read from its file next time)."""
        self.unsettled.pop(name, None)
        dropped = self.entries.pop(name, None)
        if dropped is not None:
            if type(dropped[1]) is int:
                self.stale_years.add(dropped[1])
            self.changed = True

    def save(self, complete: bool = True) -> None:
        """Keep the records read this time and, when every file of the kind was looked at
        (`complete`), forget the files that are gone; only if anything changed. A cache that
        cannot be written is not an error. The years' files go first: until the main one is
        replaced, nothing refers to what is new in them."""
        gone = self.entries.keys() - self.seen if complete else set()
        if not (self.changed or gone):  # then no year's file holds anything stale either
            return
        for name in gone:
            self.unsettled.pop(name, None)
            kept = self.entries.pop(name)[1]
            if type(kept) is int:
                self.stale_years.add(kept)
        for year in self.stale_years:
            self.retired(year)  # read, to be pruned below
        for year, records in self.years.items():
            # What the main file no longer puts under this year: changed, gone, back to life.
            stale = [
                name
                for name, (stamp, _) in records.items()
                if self.entries.get(name) != (stamp, year)
            ]
            for name in stale:
                del records[name]
            if records and (year in self.changed_years or stale):
                self._write(self._year_path(year), records)
            elif not records:
                _remove(self._year_path(year))
        self._write(self.path, self.entries, self.unsettled)
        # The one file of all retired records that the cache's format 2 kept.
        _remove(self.folder / f"{self.kind}.retired.pickle")

    def _write(self, path: Path, *parts: dict[str, Any]) -> None:
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            import tempfile

            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump((self.header, *parts), handle, pickle.HIGHEST_PROTOCOL)
                os.replace(temp, path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError:
            pass
