"""The one module that touches the disk: where the store is, reading and writing its records.

Guarantees, because a mentee's record exists nowhere else:
- every write is atomic (temporary file in the same folder, fsync, rename, fsync the folder), so a
  crash leaves each file either old or new;
- every read-modify-write holds the store's lock, so concurrent `mk` processes lose nothing;
- folders are 0700 and files 0600 whatever the umask;
- a rewrite merges into the existing document, so unknown keys and the user's comments survive;
- a file that cannot be read, parsed or validated raises `BrokenRecord` naming file, line and
  field, and is never overwritten by a command that did not read it successfully.
"""

from __future__ import annotations

import functools
import os
import re
import time
from collections.abc import Callable, Container, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple, TypeVar, get_args

from menteekit.errors import BrokenRecord, Conflict, NotFound, StoreError
from menteekit.patterns import LazyPattern
from menteekit.views import holds, unknown_keys_of
from menteekit.vocab import ActionStatus, MeetingStatus

if TYPE_CHECKING:  # the models are imported where a file is parsed: a cached read needs none
    import datetime as dt
    from datetime import datetime

    from filelock import BaseFileLock
    from pydantic import BaseModel

    from menteekit.migrations import Migration
    from menteekit.models import Action, Goal, Meeting, Mentor, Note, StoreConfig

SCHEMA = 1
"""The store schema this version reads and writes; bumped on every incompatible change."""

CONFIG_FILE = "menteekit.toml"
MENTORS = "mentors"
MEETINGS = "meetings"
ACTIONS = "actions"
GOALS = "goals"
NOTES = "notes"
TEMPLATES = "templates"
DRAFTS = ".drafts"
LOCK_FILE = ".mk.lock"
BACKUPS = ".backups"
RECORD_FOLDERS = {MENTORS: ".toml", GOALS: ".toml", ACTIONS: ".toml", MEETINGS: ".md", NOTES: ".md"}
LOCK_TIMEOUT_SECONDS = 15
REMEMBERED_WRITES = 16
"""How many of the record files one process writes are kept in the cache as written: a
command writes a few, and a bulk write (`mk demo`) is read back the ordinary way."""
GITIGNORE = (
    "# Written by menteekit: working files that are not records.\n.mk.lock\n.drafts/\n*.tmp\n"
    ".backups/\n"
)

ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lowercase
ID_LENGTH = 5

CONFIG_HEADER = (
    "# menteekit store: plain text that is yours to read, edit and keep under git.\n"
    "# `schema` tells menteekit how to read this folder: do not change it by hand.\n"
)

# Both ends of a conflict must be there: a lone "=======" may be a Markdown underline.
_CONFLICT_START = LazyPattern(r"^<{7}(\s|$)", re.MULTILINE)
_CONFLICT_END = LazyPattern(r"^>{7}(\s|$)", re.MULTILINE)
_TOML_LOCATION = LazyPattern(r"\s*\(at line (\d+), column \d+\)")
_SCHEMA_LINE = LazyPattern(r"\s*schema\s*=")
FENCE = "+++"
_LINE_ENDS = LazyPattern(r"(?<=\n)(?!\Z)")  # not $: it also matches before a last \n

M = TypeVar("M")


def action_retired_year(action: Action) -> int | None:
    """None for an open action item; a done or dropped one is no longer on anyone's list, and
    is kept under the year it was created."""
    return None if action.status is ActionStatus.open else action.created.year


def meeting_retired_year(meeting: Meeting) -> int | None:
    """None for a meeting that may still need the user (a planned one is to be prepared, a held
    one without a reflection to be logged); one cancelled, moved, or held and reflected on is
    kept under the year it was (or, undated, was made)."""
    retired = meeting.status in (MeetingStatus.cancelled, MeetingStatus.rescheduled) or (
        meeting.status is MeetingStatus.held and holds(meeting, "reflection")
    )
    return (meeting.when or meeting.created).year if retired else None


RETIRED: dict[str, Callable[[Any], int | None]] = {
    ACTIONS: action_retired_year,
    MEETINGS: meeting_retired_year,
}
"""The kinds whose records retire, how to tell and the year each is kept under: the cache
keeps them apart by year, so that a command about what is current, or about the last year,
need not read a long history."""


def resolve_root(home: str | None) -> Path:
    """The store folder: `--home` first, then `MK_HOME`, then the platform's user data folder."""
    if home:
        return Path(home).expanduser().absolute()
    env_home = os.environ.get("MK_HOME")
    if env_home:
        return Path(env_home).expanduser().absolute()
    from platformdirs import user_data_path

    return user_data_path("menteekit", appauthor=False)


def packaged_templates() -> Path:
    """The templates shipped inside the package (from `data/templates/` of the source tree)."""
    from importlib import resources

    packaged = Path(str(resources.files("menteekit") / "templates"))
    if packaged.is_dir():
        return packaged
    # An editable install maps only the package sources; find the templates beside them.
    return Path(__file__).resolve().parents[2] / "data" / "templates"


def new_id(taken: Container[str]) -> str:
    """A short random id that is not in `taken` (call under the lock so no other writer races)."""
    import secrets

    while True:
        candidate = "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))
        if candidate not in taken:
            return candidate


class Store:
    """A menteekit store rooted at a folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.config_problem: BrokenRecord | None = None
        self._lock: BaseFileLock | None = None
        self._remembered = 0

    # -- the store as a whole -------------------------------------------------------------

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_FILE

    def exists(self) -> bool:
        return self.config_path.is_file()

    @classmethod
    def temporary(cls) -> Store:
        """A store in a new private temporary folder (for the demo)."""
        import tempfile

        return cls(Path(tempfile.mkdtemp(prefix="menteekit-demo-")))

    def ensure_creatable(self) -> None:
        """Refuse an existing store or a folder holding other files, before asking anything."""
        if self.exists():
            raise StoreError(
                f"There is already a menteekit store at {self.root}; it was left untouched.",
                hint="Use it as it is, or pass --home to create another one elsewhere.",
            )
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"{self.root} is a file, not a folder; a store needs a folder.")
        if self.root.exists() and any(not p.name.startswith(".") for p in self.root.iterdir()):
            raise StoreError(
                f"{self.root} is not empty; a new store needs an empty or new folder.",
                hint="Pass --home with another folder.",
            )

    def create(self, config: StoreConfig) -> None:
        """Make a new store (see `ensure_creatable` for what it refuses).

        menteekit.toml is written first: once it exists the store is usable, and folders are
        made when first needed (a git clone has no empty folders either).
        """
        self.ensure_creatable()
        self._make_dir(self.root)
        self.root.chmod(0o700)  # the store is private even if the folder already existed
        with self.lock():
            self.ensure_creatable()  # another `mk init` may have won the race for the lock
            self._write_model(self.config_path, config, new=True, header=CONFIG_HEADER)
            self._add_to_gitignore()
        self._make_dir(self.root / MENTORS)

    def _add_to_gitignore(self) -> None:
        """Make git skip menteekit's working files, keeping any .gitignore already there."""
        path = self.root / ".gitignore"
        current = _read(path) if path.exists() else ""
        missing = [line for line in GITIGNORE.splitlines() if line not in current.splitlines()]
        if any(not line.startswith("#") for line in missing):
            lead = "\n" if current and not current.endswith("\n") else ""
            self._write_text(path, current + lead + "\n".join(missing) + "\n")

    def open(self, *, older: bool = False) -> StoreConfig:
        """Check the store exists and is of a schema this version understands; return its config.

        A store of an older schema is refused (its files may mean something else now) unless
        `older` is set, for `mk doctor`, which reports it and migrates it with `--fix`.
        """
        if not self.exists():
            raise StoreError(
                f"No menteekit store at {self.root}.",
                hint="Create one with `mk init` (or try `mk demo` to see a sample first).",
            )
        from menteekit.cache import RecordCache

        cache = RecordCache(self.root, "config")
        self.config_problem = None
        config = cache.load(
            os.fspath(self.config_path), CONFIG_FILE, lambda: self._read_config(older)
        )
        if self.config_problem or config.schema_version != SCHEMA:
            cache.forget(CONFIG_FILE)  # read again next time, to report it again
        cache.save()
        return config

    def _read_config(self, older: bool) -> StoreConfig:
        text = _read(self.config_path)
        data, broken = self._config_data(text)
        # The schema number first: a newer store may have changed the shape of everything else.
        schema = data.get("schema")
        if isinstance(schema, int) and schema > SCHEMA:
            raise StoreError(
                f"The store at {self.root} has schema {schema}, newer than this menteekit "
                f"understands ({SCHEMA}); nothing was read or written.",
                hint="Upgrade menteekit to use this store.",
            )
        if isinstance(schema, int) and 1 <= schema < SCHEMA and not older:
            raise StoreError(
                f"The store at {self.root} has schema {schema}, older than this menteekit "
                f"reads ({SCHEMA}); nothing was read or written.",
                hint="Run `mk doctor --fix` to upgrade it (it keeps a backup first).",
            )
        if broken is None:
            try:
                return _validate(self.config_path, text, data, "StoreConfig")
            except BrokenRecord as problem:
                broken = problem
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
            raise broken  # without a schema number nothing in the folder can be trusted
        # A broken profile must not lock the user out of every record: go on with what of it
        # can be read (a TOML typo leaves nothing; a wrong value only that setting).
        self.config_problem = broken
        from menteekit.models import StoreConfig
        from menteekit.views import snapshot

        return snapshot(StoreConfig.model_validate(_valid_part(StoreConfig, data)))

    def schema(self) -> int:
        """The schema number the store's menteekit.toml states (checked by `open`)."""
        schema = self._config_data(_read(self.config_path))[0].get("schema")
        return schema if isinstance(schema, int) else SCHEMA

    def _config_data(self, text: str) -> tuple[dict[str, Any], BrokenRecord | None]:
        """menteekit.toml as TOML; or, when a typo breaks it, what its schema line says, and
        the problem: a typo in the profile must not hide the schema number."""
        try:
            return _parse_toml(self.config_path, text), None
        except BrokenRecord as problem:
            return _schema_line(text), problem

    def migrate(self, when: datetime) -> Migrated:
        """Take the store to this version's schema: back it all up, apply each migration to
        every record file in memory, re-parse what they made, and only then replace files,
        menteekit.toml last (so an interrupted migration is still seen as one to finish)."""
        from menteekit import migrations

        with self.lock():
            schema = self.schema()
            if schema >= SCHEMA:
                return Migrated(schema, None, [], [])
            steps = migrations.steps(schema, SCHEMA)
            if steps is None:
                raise StoreError(
                    f"This menteekit cannot upgrade a store of schema {schema}; "
                    "nothing was changed.",
                    hint="Upgrade it with the menteekit version that followed that schema.",
                )
            before = {}
            for path in self._record_files():
                try:
                    before[path] = _read(path)
                except BrokenRecord:
                    continue  # unreadable (bad bytes, a git conflict): left for the user to fix
            after = dict(before)
            for step in steps:
                for path, text in after.items():
                    rewritten = step.rewrite(path.relative_to(self.root).as_posix(), text)
                    after[path] = text if rewritten is None else rewritten
            config = tomlkit_with_schema(after[self.config_path])
            after[self.config_path] = config
            self._verify(before, after)
            backup = self._backup(schema, when)
            changed = [p for p in before if after[p] != before[p] and p != self.config_path]
            for path in changed:
                self._write_text(path, after[path])
            self._write_text(self.config_path, config)
        return Migrated(schema, backup, steps, changed)

    def _record_files(self) -> list[Path]:
        """menteekit.toml and every record file, readable or not (folders aside)."""
        files = [self.config_path]
        for folder, suffix in RECORD_FOLDERS.items():
            keys = self._keys(self.root / folder, suffix)
            files += [self.root / folder / f"{key}{suffix}" for key in keys]
        return [path for path in files if path.is_file()]

    def _verify(self, before: dict[Path, str], after: dict[Path, str]) -> None:
        """Every file that was TOML before a migration must be a valid record after it."""
        from menteekit.models import Action, Goal, Meeting, Mentor, Note, StoreConfig

        models: dict[str, type[BaseModel]] = {
            MENTORS: Mentor, GOALS: Goal, ACTIONS: Action, MEETINGS: Meeting, NOTES: Note,
        }  # fmt: skip
        for path, text in after.items():
            model = StoreConfig if path == self.config_path else models[path.parent.name]
            fenced = model in (Meeting, Note)
            try:
                old = _check_text(path, before[path])
                _parse_toml(path, _split_front_matter(path, old)[0] if fenced else old)
            except BrokenRecord:
                continue  # broken before: doctor reports it as it is
            try:
                new = _check_text(path, text)
                front = _split_front_matter(path, new)[0] if fenced else new
                _validate(path, front, _parse_toml(path, front), model.__name__)
            except BrokenRecord as problem:
                raise StoreError(
                    f"The migration would break {path} ({problem}); nothing was changed.",
                    hint="Please report this as a bug in menteekit, with the file if you can.",
                ) from None

    def _backup(self, schema: int, when: datetime) -> Path:
        """A private copy of the whole store (but its git history) in .backups/."""
        import shutil

        name = f"{when:%Y%m%d-%H%M%S}-schema-{schema}"
        backup, n = self.root / BACKUPS / name, 2
        while backup.exists():  # a second try within the same second
            backup, n = self.root / BACKUPS / f"{name}-{n}", n + 1
        self._make_dir(backup.parent)
        # Links stay links: a dangling one must not stop the backup, nor one that leads
        # outside the store be copied (or made private) in its target's place.
        shutil.copytree(
            self.root,
            backup,
            symlinks=True,
            ignore=shutil.ignore_patterns(BACKUPS, ".git", LOCK_FILE, "*.tmp"),
        )
        for path in (backup, *backup.rglob("*")):
            if not path.is_symlink():
                path.chmod(0o700 if path.is_dir() else 0o600)
        self._add_to_gitignore()
        return backup

    def loose_permissions(self) -> list[Path]:
        """Files and folders of the store that others than the user may read (not .git)."""
        found = []
        for path in (self.root, *self.root.rglob("*")):
            if ".git" in path.relative_to(self.root).parts or path.is_symlink():
                continue
            if path.stat().st_mode & 0o077:
                found.append(path)
        return found

    def tighten_permissions(self) -> list[Path]:
        """Make every loose file 0600 and folder 0700; the paths changed."""
        loose = self.loose_permissions()
        for path in loose:
            path.chmod(0o700 if path.is_dir() else 0o600)
        return loose

    def outside_links(self) -> list[BrokenRecord]:
        """Record folders and files that are links to somewhere outside the store (never
        written through)."""
        root = self.root.resolve()
        folders = [self.root / name for name in RECORD_FOLDERS]
        return [
            BrokenRecord(path, f"is a link to {path.resolve()}, outside the store")
            for path in [*folders, *self._record_files()]
            if path.is_symlink() and not path.resolve().is_relative_to(root)
        ]

    def remove_leftover_temporary_files(self) -> list[Path]:
        """Delete what interrupted writes left (under the lock: no write is under way)."""
        with self.lock():
            leftovers = self.leftover_temporary_files()
            for path in leftovers:
                path.unlink(missing_ok=True)
        return leftovers

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's lock; re-entrant within one process."""
        from filelock import FileLock, Timeout

        if self._lock is None:
            self._lock = FileLock(self.root / LOCK_FILE, timeout=LOCK_TIMEOUT_SECONDS, mode=0o600)
        try:
            with self._lock:
                yield
        except Timeout:
            raise StoreError(
                "The store is busy: another mk process is writing to it.",
                hint="Try again in a moment.",
            ) from None

    # -- mentors -------------------------------------------------------------------------

    def mentor_path(self, slug: str) -> Path:
        return self.root / MENTORS / f"{slug}.toml"

    def mentor_slugs(self) -> list[str]:
        """Slugs of every mentor file, readable or not."""
        return self._keys(self.root / MENTORS, ".toml")

    def load_mentor(self, slug: str) -> Mentor:
        return self._load_one(MENTORS, f"{slug}.toml", lambda: self._read_mentor(slug))

    def _read_mentor(self, slug: str) -> Mentor:
        path = self.mentor_path(slug)
        try:
            return self._load(path, "Mentor").model_copy(update={"slug": slug})
        except FileNotFoundError:
            raise NotFound(f"No mentor {slug!r} in {self.root / MENTORS}.") from None

    def load_mentors(self) -> tuple[list[Mentor], list[BrokenRecord]]:
        """Every readable mentor, and a problem for each file that is not."""
        slugs = self.mentor_slugs()
        return self._load_all(MENTORS, [(s, f"{s}.toml") for s in slugs], self._read_mentor)

    def add_mentor(
        self,
        mentor: Mentor,
        base_slug: str,
        check: Callable[[list[Mentor]], object] = lambda mentors: None,
    ) -> Mentor:
        """Write a new mentor under the first free slug starting with `base_slug`.

        `check` sees the mentors as they are under the lock and may refuse by raising.
        """
        with self.lock():
            check(self.load_mentors()[0])
            # Compared without case: on macOS and Windows Ana-Rivera.toml is ana-rivera.toml.
            taken = {slug.lower() for slug in self.mentor_slugs()}
            slug, n = base_slug, 2
            while slug.lower() in taken:
                slug, n = f"{base_slug}-{n}", n + 1
            self._make_dir(self.root / MENTORS)
            self._write_model(self.mentor_path(slug), mentor, new=True)
        return mentor.model_copy(update={"slug": slug})

    def update_mentor(self, slug: str, change: Callable[[Mentor], Mentor]) -> Mentor:
        """Apply `change` to the mentor as it is on disk now, under the lock."""
        with self.lock():
            updated = change(self.load_mentor(slug))
            self._write_model(self.mentor_path(slug), updated)
        return updated

    def parse_mentor(self, slug: str, text: str, source: Path) -> Mentor:
        """Validate the text of mentor `slug` (an edited draft, named `source` in errors)."""
        text = _check_text(source, text)
        return _validate(source, text, _parse_toml(source, text), "Mentor").model_copy(
            update={"slug": slug}
        )

    # -- meetings ------------------------------------------------------------------------

    def meeting_paths(self) -> tuple[dict[str, Path], list[BrokenRecord]]:
        """Each meeting's file by id (the end of its name), and a problem for each file whose
        id another file already has (a copied file)."""
        names, problems = self._meeting_files()
        folder = self.root / MEETINGS
        return {meeting_id: folder / name for meeting_id, name in names.items()}, problems

    def _meeting_files(self) -> tuple[dict[str, str], list[BrokenRecord]]:
        """`meeting_paths` as file names: thousands of Path objects take a while to make."""
        names: dict[str, str] = {}
        problems = []
        for key in self._keys(self.root / MEETINGS, ".md"):
            meeting_id = key.rsplit("-", 1)[-1]
            if meeting_id in names:
                path = self.root / MEETINGS / f"{key}.md"
                problems.append(
                    BrokenRecord(path, f"has the same id as {names[meeting_id]}; rename one")
                )
            else:
                names[meeting_id] = f"{key}.md"
        return names, problems

    def meeting_path(self, meeting_id: str) -> Path:
        name = self._meeting_files()[0].get(meeting_id)
        if name is None:
            raise NotFound(f"No meeting {meeting_id!r} in {self.root / MEETINGS}.")
        return self.root / MEETINGS / name

    def load_meeting(self, meeting_id: str) -> Meeting:
        path = self.meeting_path(meeting_id)

        def parse() -> Meeting:
            try:
                return self.parse_meeting(meeting_id, _read(path), path)
            except FileNotFoundError:
                raise NotFound(f"No meeting {meeting_id!r} in {self.root / MEETINGS}.") from None

        try:
            return self._load_one(MEETINGS, path.name, parse)
        except NotFound:
            if self.meeting_path(meeting_id) == path:
                raise
            return self.load_meeting(meeting_id)  # refiled by another mk since it was listed

    def load_meetings(self, *, live: bool = False) -> tuple[list[Meeting], list[BrokenRecord]]:
        """Every readable meeting, and a problem for each file that is not.

        `live`: only the meetings that may still need the user — planned, or held and not yet
        reflected on (see `meeting_retired_year`) — which is much quicker on a long history.
        """
        names, copies = self._meeting_files()

        def load(meeting_id: str) -> Meeting:
            path = self.root / MEETINGS / names[meeting_id]
            try:
                return self.parse_meeting(meeting_id, _read(path), path)
            except FileNotFoundError:
                raise NotFound(f"No meeting {meeting_id!r}.") from None

        files = list(names.items())
        meetings, problems = self._load_all(MEETINGS, files, load, None if live else 0)
        return meetings, copies + problems

    def parse_meeting(self, meeting_id: str, text: str, source: Path) -> Meeting:
        """Validate the text of meeting `meeting_id` (a file, or an edited draft: `source`)."""
        text = _check_text(source, text)
        front, body = _split_front_matter(source, text)
        data = _parse_toml(source, front, first_line=2)
        meeting = _validate(source, front, data, "Meeting", first_line=2)
        return meeting.model_copy(update={"id": meeting_id, "body": body})

    def new_meeting_id(self) -> str:
        """An id no meeting has (hold the lock until the meeting is written)."""
        names, problems = self._meeting_files()
        return new_id({*names, *(p.path.stem.rsplit("-", 1)[-1] for p in problems)})

    def add_meeting(
        self, meeting: Meeting, like: str | None = None, meeting_id: str | None = None
    ) -> Meeting:
        """Write a new meeting under a new id (or `meeting_id`, from `new_meeting_id` under the
        same lock); its file is named by its date and mentor.

        A meeting made from another (`like`: its id, for a rescheduled one) starts from that
        file's front matter, so the comments and keys the user added there come along.
        """
        with self.lock():
            base = None
            if like is not None:
                source = self.meeting_path(like)
                base = _split_front_matter(source, _read(source))[0]
            meeting_id = meeting_id or self.new_meeting_id()
            self._make_dir(self.root / MEETINGS)
            path = self.root / MEETINGS / _meeting_name(meeting, meeting_id)
            if path.exists():
                raise StoreError(f"{path} already exists; it was left untouched.")
            front = _dump(meeting, base, path)
            newline = "\r\n" if "\r\n" in front else "\n"
            self._write_text(path, _join_front_matter(front, meeting.body, newline))
        return meeting.model_copy(update={"id": meeting_id})

    def update_meeting(self, meeting_id: str, change: Callable[[Meeting], Meeting]) -> Meeting:
        """Apply `change` to the meeting as it is on disk now, under the lock.

        The body is the user's: `change` may append to it, never alter what is there.
        """
        with self.lock():
            path = self.meeting_path(meeting_id)
            text = _read(path)
            current = self.parse_meeting(meeting_id, text, path)
            updated = change(current)
            if not updated.body.startswith(current.body):
                raise ValueError("a meeting's body may only be appended to")
            front, _ = _split_front_matter(path, text)
            newline = "\r\n" if text.startswith(FENCE + "\r\n") else "\n"
            body = updated.body
            if newline == "\r\n":
                added = body[len(current.body) :]
                body = current.body + added.replace("\r\n", "\n").replace("\n", "\r\n")
            written = _join_front_matter(_dump(updated, front, path), body, newline)
            self._write_text(path, written)
            self._refile_meeting(path, current, updated, meeting_id, written)
        return updated

    def _refile_meeting(
        self, path: Path, before: Meeting, after: Meeting, meeting_id: str, text: str
    ) -> None:
        """Rename a meeting's file, once written, when its day (or mentor) changed: a meeting
        given a date, or held on another day than planned, is filed under its day. Left as it
        is: a name the user chose, a link, a file being edited (its draft is named after the
        file), a name taken. A crash before the rename leaves the old name, read as ever; the
        rename is cosmetic, so one that fails is let go."""
        renamed = path.with_name(_meeting_name(after, meeting_id))
        if (
            renamed == path
            or path.name != _meeting_name(before, meeting_id)
            or path.is_symlink()
            or renamed.exists()
            or self.draft_path(path).exists()
        ):
            return
        try:
            os.rename(path, renamed)
            _fsync_folder(path.parent)
        except OSError:
            return
        self._remember(renamed.resolve(), text)  # the next command reads it from the cache

    # -- notes ---------------------------------------------------------------------------

    def note_path(self, note_id: str) -> Path:
        return self.root / NOTES / f"{note_id}.md"

    def note_ids(self) -> list[str]:
        """Ids of every note file, readable or not."""
        return self._keys(self.root / NOTES, ".md")

    def load_note(self, note_id: str) -> Note:
        path = self.note_path(note_id)
        try:
            return self.parse_note(note_id, _read(path), path)
        except FileNotFoundError:
            raise NotFound(f"No note {note_id!r} in {self.root / NOTES}.") from None

    def load_notes(self) -> tuple[list[Note], list[BrokenRecord]]:
        """Every readable note, and a problem for each file that is not."""
        return self._load_all(NOTES, [(i, f"{i}.md") for i in self.note_ids()], self.load_note)

    def parse_note(self, note_id: str, text: str, source: Path) -> Note:
        """Validate the text of note `note_id` (a file, or an edited draft: `source`)."""
        text = _check_text(source, text)
        front, body = _split_front_matter(source, text)
        data = _parse_toml(source, front, first_line=2)
        note = _validate(source, front, data, "Note", first_line=2)
        return note.model_copy(update={"id": note_id, "body": body})

    def add_note(self, note: Note) -> Note:
        """Write a new note under a new id."""
        with self.lock():
            note_id = new_id(set(self.note_ids()))
            self._make_dir(self.root / NOTES)
            path = self.note_path(note_id)
            self._write_text(path, _join_front_matter(_dump(note, None, path), note.body, "\n"))
        return note.model_copy(update={"id": note_id})

    def update_note(self, note_id: str, change: Callable[[Note], Note]) -> Note:
        """Apply `change` to the note's front matter as it is on disk now, under the lock.

        The text is the user's: it is written back exactly as it is in the file.
        """
        with self.lock():
            path = self.note_path(note_id)
            try:
                text = _read(path)
            except FileNotFoundError:
                raise NotFound(f"No note {note_id!r} in {self.root / NOTES}.") from None
            updated = change(self.parse_note(note_id, text, path))
            front, body = _split_front_matter(path, text)
            newline = "\r\n" if text.startswith(FENCE + "\r\n") else "\n"
            rewritten = _join_front_matter(_dump(updated, front, path), body, newline)
            if rewritten != text:  # dirty-only: a note already right keeps its file as it is
                self._write_text(path, rewritten)
        return updated.model_copy(update={"body": body})

    # -- actions -------------------------------------------------------------------------

    def action_path(self, action_id: str) -> Path:
        return self.root / ACTIONS / f"{action_id}.toml"

    def action_ids(self) -> list[str]:
        """Ids of every action file, readable or not."""
        return self._keys(self.root / ACTIONS, ".toml")

    def load_action(self, action_id: str) -> Action:
        return self._load_one(ACTIONS, f"{action_id}.toml", lambda: self._read_action(action_id))

    def _read_action(self, action_id: str) -> Action:
        try:
            action = self._load(self.action_path(action_id), "Action")
        except FileNotFoundError:
            raise NotFound(f"No action {action_id!r} in {self.root / ACTIONS}.") from None
        return action.model_copy(update={"id": action_id})

    def load_actions(
        self, *, open_only: bool = False, since: dt.date | None = None
    ) -> tuple[list[Action], list[BrokenRecord]]:
        """Every readable action item, and a problem for each file that is not. Quicker on a
        long history: `open_only`, only the open ones; `since`, the open ones and the others
        created on or after that day."""
        files = [(i, f"{i}.toml") for i in self.action_ids()]
        retired_from = None if open_only else since.year if since else 0
        actions, problems = self._load_all(ACTIONS, files, self._read_action, retired_from)
        if since is not None:
            actions = [a for a in actions if a.status is ActionStatus.open or a.created >= since]
        return actions, problems

    def add_actions(self, actions: list[Action]) -> list[Action]:
        """Write new actions, each under a new id."""
        added = []
        with self.lock():
            taken = set(self.action_ids())
            self._make_dir(self.root / ACTIONS)
            for action in actions:
                action_id = new_id(taken)
                taken.add(action_id)
                self._write_model(self.action_path(action_id), action, new=True)
                added.append(action.model_copy(update={"id": action_id}))
        return added

    def update_action(self, action_id: str, change: Callable[[Action], Action]) -> Action:
        with self.lock():
            updated = change(self.load_action(action_id))
            self._write_model(self.action_path(action_id), updated)
        return updated.model_copy(update={"id": action_id})

    def parse_action(self, action_id: str, text: str, source: Path) -> Action:
        text = _check_text(source, text)
        return _validate(source, text, _parse_toml(source, text), "Action").model_copy(
            update={"id": action_id}
        )

    # -- goals ---------------------------------------------------------------------------

    def goal_path(self, goal_id: str) -> Path:
        return self.root / GOALS / f"{goal_id}.toml"

    def goal_ids(self) -> list[str]:
        """Ids of every goal file, readable or not."""
        return self._keys(self.root / GOALS, ".toml")

    def load_goal(self, goal_id: str) -> Goal:
        return self._load_one(GOALS, f"{goal_id}.toml", lambda: self._read_goal(goal_id))

    def _read_goal(self, goal_id: str) -> Goal:
        try:
            goal = self._load(self.goal_path(goal_id), "Goal")
        except FileNotFoundError:
            raise NotFound(f"No goal {goal_id!r} in {self.root / GOALS}.") from None
        return goal.model_copy(update={"id": goal_id})

    def load_goals(self) -> tuple[list[Goal], list[BrokenRecord]]:
        """Every readable goal, and a problem for each file that is not."""
        return self._load_all(GOALS, [(i, f"{i}.toml") for i in self.goal_ids()], self._read_goal)

    def add_goal(self, goal: Goal) -> Goal:
        """Write a new goal under a new id."""
        with self.lock():
            goal_id = new_id(set(self.goal_ids()))
            self._make_dir(self.root / GOALS)
            self._write_model(self.goal_path(goal_id), goal, new=True)
        return goal.model_copy(update={"id": goal_id})

    def update_goal(self, goal_id: str, change: Callable[[Goal], Goal]) -> Goal:
        """Apply `change` to the goal as it is on disk now, under the lock."""
        with self.lock():
            updated = change(self.load_goal(goal_id))
            self._write_model(self.goal_path(goal_id), updated)
        return updated.model_copy(update={"id": goal_id})

    def parse_goal(self, goal_id: str, text: str, source: Path) -> Goal:
        text = _check_text(source, text)
        return _validate(source, text, _parse_toml(source, text), "Goal").model_copy(
            update={"id": goal_id}
        )

    def export(self, path: Path, text: str) -> None:
        """Write a file the user asked for by name (`--output FILE`): atomically, and private
        (0600), since what the store holds is confidential wherever it goes."""
        if path.is_dir():
            raise StoreError(f"{path} is a folder; name a file to write.")
        if not path.parent.is_dir():
            raise StoreError(f"{path.parent} does not exist; nothing was written.")
        self._write_text(path, text, outside=True)

    # -- raw text, for the editor --------------------------------------------------------

    def read_text(self, path: Path) -> str:
        """The text of a record file as the user would see it in an editor (conflict markers
        and all: editing is how a conflict gets resolved). Bad bytes are a BrokenRecord."""
        try:
            return _decode(path, path.read_bytes())
        except FileNotFoundError:
            raise NotFound(f"{path} does not exist.") from None

    def replace_text(self, path: Path, expected: str, text: str) -> None:
        """Write the user's own text to a record, unless the file changed since they read it."""
        with self.lock():
            if self.read_text(path) != expected:
                raise Conflict(f"{path} changed while you were editing it; it was not overwritten.")
            self._write_text(path, text)

    def draft_path(self, path: Path) -> Path:
        """Where the editable copy of a record lives while the user edits it."""
        return self.root / DRAFTS / f"{path.parent.name}-{path.name}"

    def write_draft(self, draft: Path, text: str) -> None:
        """Start a draft of `text`, remembering it as the version the draft is based on."""
        self._make_dir(draft.parent)
        with self.lock():  # `mk doctor --fix` deletes temporary files under the lock
            self._write_text(_draft_base(draft), text)
            self._write_text(draft, text)

    def keep_typed(self, name: str, text: str) -> Path:
        """Keep what the user typed in a walkthrough they stopped, under `.drafts/` (private,
        like everything in the store), and say where."""
        path = self.root / DRAFTS / name
        self._make_dir(path.parent)
        with self.lock():  # `mk doctor --fix` deletes temporary files under the lock
            self._write_text(path, text)
        return path

    def typed_kept(self, prefix: str = "") -> list[Path]:
        """The files `keep_typed` wrote whose names start with `prefix`, oldest first."""
        folder = self.root / DRAFTS
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob(f"{prefix}*.txt") if p.is_file())

    def read_draft(self, draft: Path) -> tuple[str, str] | None:
        """The draft's text and the record text it was based on; None if there is no draft."""
        if not draft.is_file():
            return None
        base = _draft_base(draft)
        return self.read_text(draft), self.read_text(base) if base.is_file() else ""

    def discard_draft(self, draft: Path) -> None:
        draft.unlink(missing_ok=True)
        _draft_base(draft).unlink(missing_ok=True)

    def template(self, name: str) -> str:
        """A template's text: the store's own override if there is one, else the packaged one."""
        override = self.root / TEMPLATES / name
        return _read(override if override.is_file() else packaged_templates() / name)

    def unknown_keys(
        self,
        config: StoreConfig,
        mentors: list[Mentor],
        meetings: list[Meeting],
        actions: list[Action],
        goals: list[Goal],
        notes: list[Note],
        unreadable: list[BrokenRecord],
    ) -> list[UnknownKey]:
        """Keys menteekit does not know in the config and the record files, readable or not
        (`unreadable`: the problems found reading them; a misspelt required key is both).

        They are kept on every rewrite (they may be the user's own), but a typo of a known key
        ("cadance") silently does nothing, so `mk doctor` points them out. Those of a readable
        file were found when it was parsed, and are kept with its record in the cache.
        """
        from menteekit import models

        meeting_files = self._meeting_files()[0]
        # A broken profile stands in for the config (its keys are looked at below).
        located: list[tuple[Path, Any]] = (
            [] if self.config_problem else [(self.config_path, config)]
        )
        located += [(self.mentor_path(m.slug), m) for m in mentors]
        located += [  # a meeting whose file was renamed since it was read: nothing to show
            (self.root / MEETINGS / meeting_files[m.id], m)
            for m in meetings
            if m.id in meeting_files
        ]
        located += [(self.action_path(a.id), a) for a in actions]
        located += [(self.goal_path(g.id), g) for g in goals]
        located += [(self.note_path(n.id), n) for n in notes]
        found = [
            UnknownKey(path, key, list(known))
            for path, record in located
            for key, known in unknown_keys_of(record)
        ]
        kinds = {
            MENTORS: "Mentor",
            MEETINGS: "Meeting",
            ACTIONS: "Action",
            GOALS: "Goal",
            NOTES: "Note",
        }
        read = {path for path, _ in located}
        for path in dict.fromkeys(problem.path for problem in unreadable):
            if path == self.config_path:
                kind = "StoreConfig"
            elif path.parent.parent == self.root and path.parent.name in kinds:
                kind = kinds[path.parent.name]
            else:
                continue  # a misplaced folder, a link out of the store: no keys to look at
            if path in read:
                continue  # the config of an older schema, say: its keys are known already
            try:
                text = _read(path)
                if kind in ("Meeting", "Note"):
                    text = _split_front_matter(path, text)[0]
                data = _parse_toml(path, text)
            except (BrokenRecord, OSError):
                continue  # not TOML at all: the problem says so
            found += [UnknownKey(path, *key) for key in _unknown_keys(data, getattr(models, kind))]
        return found

    def misplaced_files(self) -> list[BrokenRecord]:
        """Store folders that are not folders: every write into them would fail."""
        return [
            BrokenRecord(self.root / name, "should be a folder but is a file")
            for name in (MENTORS, MEETINGS, ACTIONS, GOALS, NOTES, TEMPLATES, DRAFTS)
            if (self.root / name).exists() and not (self.root / name).is_dir()
        ]

    def sync_copies(self) -> list[Path]:
        """Copies of record files a sync tool made beside them when two machines changed the
        same file ("ana-rivera (conflicted copy).toml", "x.sync-conflict-….md"): not read as
        records, which they would duplicate, but left for the user to merge and remove."""
        found = []
        for kind in RECORD_FOLDERS:
            try:
                names = os.listdir(self.root / kind)
            except OSError:
                continue
            found += [self.root / kind / name for name in names if _is_sync_copy(name)]
        return sorted(found)

    def pending_drafts(self) -> list[Path]:
        """Edits kept for later (the same edit command resumes them)."""
        folder = self.root / DRAFTS
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.suffix in (".toml", ".md"))

    def leftover_temporary_files(self) -> list[Path]:
        """Temporary files an interrupted write of this tool left behind (never read as
        records): named as `_write_text` names them, in the folders it writes to. Other
        tools' temporary files (git's in .git/, an editor's) are none of its business."""
        found = []
        for folder in (
            self.root,
            *(self.root / kind for kind in RECORD_FOLDERS),
            self.root / DRAFTS,
        ):
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            found += [folder / name for name in names if _LEFTOVER.match(name)]
        return sorted(found)

    # -- mechanics -------------------------------------------------------------------------

    def _load_one(self, kind: str, name: str, parse: Callable[[], M]) -> M:
        """The record in file `name` of the `kind` folder, through the cache of parsed records:
        `parse()` reads it when the cached one is not known to be current."""
        from menteekit.cache import RecordCache

        cache = RecordCache(self.root, kind, RETIRED.get(kind))
        record = cache.load(os.path.join(self.root, kind, name), name, parse)
        cache.save(complete=False)
        return record

    def _load_all(
        self,
        kind: str,
        files: list[tuple[str, str]],
        load_one: Callable[[str], M],
        retired_from: int | None = 0,
    ) -> tuple[list[M], list[BrokenRecord]]:
        """Every readable record of a kind (`files`: each one's key and file name in the
        `kind` folder), through the cache of parsed records, and a problem for each file that
        cannot be read. The records of the kind that are retired (see `RETIRED`) are there from
        the year `retired_from` on; None leaves them all out.
        """
        from menteekit.cache import RecordCache

        retired_year = RETIRED.get(kind)
        cache = RecordCache(self.root, kind, retired_year)
        folder = os.fspath(self.root / kind)
        names = [name for _, name in files]
        fresh, skipped = cache.fresh(folder, names, retired_from=retired_from)
        if len(fresh) + len(skipped) == len(files):  # all as cached: the usual case
            cache.save()  # forgets the files deleted since
            return list(fresh.values()), []
        records: list[M] = []
        problems: list[BrokenRecord] = []
        for key, name in files:
            record = fresh.get(name)
            if record is not None:
                records.append(record)
                continue
            if name in skipped:
                continue
            # Plain strings: thousands of Path objects cost more than the cached records.
            path = os.path.join(folder, name)
            try:
                record = cache.load(path, name, lambda key=key: load_one(key))
            except BrokenRecord as problem:
                problems.append(problem)
                continue
            except NotFound:
                continue  # deleted since the folder was listed
            year = retired_year(record) if retired_year is not None else None
            if year is None or (retired_from is not None and year >= retired_from):
                records.append(record)
        cache.save()
        return records, problems

    @staticmethod
    def _keys(folder: Path, suffix: str) -> list[str]:
        try:
            names = os.listdir(folder)
        except (FileNotFoundError, NotADirectoryError):
            return []
        # Folders and dangling links named like records are listed too, to be reported; a
        # copy a sync tool made is not a record (see `sync_copies`).
        cut = -len(suffix)
        keys = [
            name[:cut]
            for name in names
            if name.endswith(suffix) and name[0] != "." and not _is_sync_copy(name)
        ]
        keys.sort()  # by key: "ana" before "ana-rivera" (their file names sort the other way)
        return keys

    @staticmethod
    def _make_dir(folder: Path) -> None:
        """Make `folder` and any missing parents, each private (0700) whatever the umask."""
        missing = [f for f in (folder, *folder.parents) if not f.exists()]
        for parent in reversed(missing):
            parent.mkdir(exist_ok=True)
            parent.chmod(0o700)

    def _load(self, path: Path, model: str) -> Any:
        text = _read(path)
        return _validate(path, text, _parse_toml(path, text), model)

    def _write_model(
        self, path: Path, model: BaseModel, *, new: bool = False, header: str = ""
    ) -> None:
        """Write a model, merging into the file's current document to keep what the user added.

        A `new` record must not exist yet: it is never merged into someone else's file.
        """
        if new and path.exists():
            raise StoreError(f"{path} already exists; it was left untouched.")
        existing = _read(path) if path.exists() else None
        self._write_text(path, _dump(model, existing, path, header))

    def _write_text(self, path: Path, text: str, *, outside: bool = False) -> None:
        """Atomically replace `path` with `text`: old or new, never half-written.

        A link is written through (a link inside the store keeps being a link), but never to a
        file outside the store, whether the file or its folder is the link: a planted or stale
        link must not make a command overwrite some other file. Only an explicit export
        (`outside`) writes beyond the store.
        """
        target = path.resolve()
        written_through = path.is_symlink()  # its cached record is the link's, not the target's
        if not outside and not target.is_relative_to(self.root.resolve()):
            raise StoreError(
                f"{path} leads to {target}, outside the store; it was left untouched.",
                hint="Replace the link with a copy of the file to let menteekit write it.",
            )
        path = target
        if path.exists() and not path.stat().st_mode & 0o200:
            raise StoreError(f"{path} is read-only; it was left untouched.")
        import tempfile

        try:
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        except OSError as error:  # the user knows the file they asked for, not our temporary one
            raise OSError(error.errno, error.strerror, str(path)) from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                if _TEST_WRITE_DELAY:  # widen the window of a crash (tests/test_crash.py only)
                    text = _write_slowly(handle, text)
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o600)
            if _TEST_WRITE_DELAY:
                time.sleep(_TEST_WRITE_DELAY)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _fsync_folder(path.parent)
        if not outside and not written_through:
            self._remember(path, text)

    def _remember(self, path: Path, text: str) -> None:
        """Keep the record just written to `path` in the cache of parsed records, parsed as a
        read would parse it, so that the next command need not (see cache.py)."""
        from menteekit.cache import RecordCache

        if self._remembered >= REMEMBERED_WRITES:
            return
        kind = path.parent.name
        root = self.root.resolve()
        if path == root / CONFIG_FILE:
            kind = "config"
        elif RECORD_FOLDERS.get(kind) != path.suffix or path.parent != root / kind:
            return
        self._remembered += 1
        key = path.stem.rsplit("-", 1)[-1] if kind == MEETINGS else path.stem
        try:
            record = self._parse_as_read(kind, key, path, text)
        except BrokenRecord:
            return  # read back, and reported, the ordinary way
        if record is None:
            return
        cache = RecordCache(self.root, kind, RETIRED.get(kind))
        cache.remember(os.fspath(path), path.name, record, text.encode("utf-8"))
        cache.save(complete=False)

    def _parse_as_read(self, kind: str, key: str, path: Path, text: str) -> Any:
        """The record that reading `text` from `path` gives; None for a config that `open`
        would not keep in the cache."""
        if kind == "config":
            text = _check_text(path, text)
            data = _parse_toml(path, text)
            if data.get("schema") != SCHEMA:
                return None
            return _validate(path, text, data, "StoreConfig")
        if kind == MEETINGS:  # the file's text goes through _read and then the parser
            return self.parse_meeting(key, _check_text(path, text), path)
        if kind == NOTES:
            return self.parse_note(key, _check_text(path, text), path)
        parse = {MENTORS: self.parse_mentor, ACTIONS: self.parse_action, GOALS: self.parse_goal}
        return parse[kind](key, text, path)


def _dump(model: BaseModel, existing: str | None, path: Path, header: str = "") -> str:
    """A model as TOML, merged into the `existing` text when there is one."""
    from menteekit import tomledit

    try:
        return tomledit.to_toml(model.model_dump(by_alias=True), existing, header)
    except tomledit.ParseError:
        raise BrokenRecord(path, "cannot be rewritten while it is broken") from None


def _split_front_matter(path: Path, text: str) -> tuple[str, str]:
    """The TOML between a meeting file's `+++` fences, and the Markdown body after them."""
    lines = _lines(text)
    if not lines or lines[0].strip() != FENCE:
        raise BrokenRecord(
            path, f"must start with a {FENCE} line that opens its TOML front matter", line=1
        )
    for number in range(1, len(lines)):
        if lines[number].strip() != FENCE:
            continue
        front = "".join(lines[1:number])
        if _open_string(front):
            continue  # a +++ line inside a multi-line string is text, not the fence
        return front, "".join(lines[number + 1 :])
    raise BrokenRecord(
        path, f"the front matter is never closed: add a {FENCE} line after it", line=1
    )


def _lines(text: str) -> list[str]:
    """The lines of a record, ends kept: split at LF only, as TOML does (str.splitlines would
    also split at U+2028, a form feed and others, and so misplace a fence or a line number)."""
    return _LINE_ENDS.split(text)


def _join_front_matter(front: str, body: str, newline: str) -> str:
    if front and not front.endswith("\n"):
        front += newline
    return f"{FENCE}{newline}{front}{FENCE}{newline}{body}"


class Migrated(NamedTuple):
    """What `Store.migrate` did: from which schema, where the backup is, the steps applied
    and the record files they changed (menteekit.toml aside)."""

    schema: int
    backup: Path | None
    steps: list[Migration]
    changed: list[Path]


def tomlkit_with_schema(config: str) -> str:
    """menteekit.toml's text with this version's schema number, comments and all."""
    import tomlkit

    document = tomlkit.parse(config)
    document["schema"] = SCHEMA
    return tomlkit.dumps(document)


class UnknownKey(NamedTuple):
    path: Path
    key: str
    known: list[str]


def _unknown_keys(
    data: dict[str, Any], model: type[BaseModel], prefix: str = ""
) -> list[tuple[str, list[str]]]:
    """Dotted keys of `data` that `model` has no field for, with the keys it does have there."""
    fields = _keys_of(model)
    unknown = []
    for key, value in data.items():
        if key not in fields:
            unknown.append((prefix + key, sorted(fields)))
            continue
        nested = fields[key]
        if nested is not None and isinstance(value, dict):
            unknown += _unknown_keys(value, nested, f"{prefix}{key}.")
        elif nested is not None and isinstance(value, list):  # an array of tables: [[items]]
            for number, entry in enumerate(value, 1):
                if isinstance(entry, dict):
                    unknown += _unknown_keys(entry, nested, f"{prefix}{key}[{number}].")
    return unknown


@functools.cache  # asked for every file parsed, and for each of its nested records
def _keys_of(model: type[BaseModel]) -> dict[str, type[BaseModel] | None]:
    """Each key a file may give `model`, with the model of the records nested under it."""
    from pydantic import BaseModel

    keys: dict[str, type[BaseModel] | None] = {}
    for name, field in model.model_fields.items():
        nested = [
            t
            for t in (field.annotation, *get_args(field.annotation))
            if isinstance(t, type) and issubclass(t, BaseModel)
        ]
        keys[field.alias or name] = nested[0] if nested else None
    return keys


def _is_sync_copy(name: str) -> bool:
    # Dropbox, iCloud and Google Drive add " (…)" or " 2"; Syncthing ".sync-conflict-…".
    # menteekit's own names never hold a space.
    return " " in name or ".sync-conflict-" in name


_LEFTOVER = LazyPattern(r"^\..+\.(?:toml|md|txt|base)\.[a-z0-9_]+\.tmp$")
"""The name `tempfile.mkstemp` gives a file `_write_text` is writing: `.<name>.<random>.tmp`."""


def _draft_base(draft: Path) -> Path:
    return draft.with_name(draft.name + ".base")


# Test-only: seconds to stall inside every write, so the crash tests can kill `mk` mid-write.
_TEST_WRITE_DELAY = float(os.environ.get("MK_TEST_WRITE_DELAY") or 0)


def _write_slowly(handle: IO[str], text: str) -> str:
    """Write the first half of `text`, flushed to the temporary file, and stall (test-only)."""
    handle.write(text[: len(text) // 2])
    handle.flush()
    time.sleep(_TEST_WRITE_DELAY)
    return text[len(text) // 2 :]


def _valid_part(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """The keys of `data` that `model` takes as they are, each table of them (a nested
    model) likewise: what can still be used of a record with a wrong value in it."""
    from pydantic import BaseModel, ValidationError

    kept: dict[str, Any] = {}
    for key, value in data.items():
        field = model.model_fields.get(key) or next(
            (f for f in model.model_fields.values() if f.alias == key), None
        )
        nested = field.annotation if field is not None else None
        if isinstance(value, dict) and isinstance(nested, type) and issubclass(nested, BaseModel):
            value = _valid_part(nested, value)
        try:
            model.model_validate({**kept, key: value})
        except ValidationError as error:
            if any(problem["loc"][:1] == (key,) for problem in error.errors()):
                continue  # this value is wrong; a missing required key is not its fault
        kept[key] = value
    return kept


def _meeting_name(meeting: Meeting, meeting_id: str) -> str:
    """A meeting's file name: its day (the day it was planned on, until it has one), its
    mentor and its id."""
    day = meeting.when or meeting.created
    return f"{day:%Y-%m-%d}-{meeting.mentor}-{meeting_id}.md"


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read(path: Path) -> str:
    """Decode a record file, reporting unreadable files, bad bytes and git conflicts by line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if path.is_symlink():
            raise BrokenRecord(path, "is a link to a file that does not exist") from None
        raise
    except IsADirectoryError:
        raise BrokenRecord(path, "is a folder, not a record file") from None
    except OSError as error:
        raise BrokenRecord(path, f"cannot be read: {error.strerror}") from None
    return _check_text(path, _decode(path, raw))


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise BrokenRecord(
            path, "is not valid UTF-8 text (save it as UTF-8, e.g. with iconv)", line=line
        ) from None


def _check_text(path: Path, text: str) -> str:
    """The text without a byte-order mark; an unresolved git conflict is an error."""
    text = text.removeprefix("\ufeff")
    starts = _CONFLICT_START.search(text)
    if starts and _CONFLICT_END.search(text, starts.end()):
        line = text[: starts.start()].count("\n") + 1
        raise BrokenRecord(
            path,
            "unresolved git conflict: keep the version you want and remove the "
            "<<<<<<< ======= >>>>>>> lines",
            line=line,
        )
    return text


def _schema_line(text: str) -> dict[str, Any]:
    """`{"schema": N}` from the line of menteekit.toml that states it, before any table, read
    alone: a typo elsewhere in the file must not hide it. Empty if there is no such line."""
    import tomllib

    for line in text.splitlines():
        if line.lstrip().startswith("["):
            break
        if _SCHEMA_LINE.match(line):
            try:
                return tomllib.loads(line)
            except tomllib.TOMLDecodeError:
                return {}
    return {}


def _parse_toml(path: Path, text: str, first_line: int = 1) -> dict[str, Any]:
    """Parse TOML that starts on line `first_line` of the file at `path`."""
    import tomllib  # a cached read parses nothing

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise BrokenRecord(path, "not valid TOML: nested too deeply to read") from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        location = _TOML_LOCATION.search(message)
        # An error "at end of document" (an unclosed string or array) points at the last line.
        line = int(location.group(1)) if location else text.count("\n") or 1
        reason = _TOML_LOCATION.sub("", message)
        raise BrokenRecord(path, f"not valid TOML: {reason}", line=line + first_line - 1) from None


def _validate(path: Path, text: str, data: dict[str, Any], model: str, first_line: int = 1) -> Any:
    """The record `data` validated by the model named `model`, as a view (see views.py)."""
    from pydantic import ValidationError

    from menteekit import models
    from menteekit.views import snapshot

    facts = None
    if model == "Meeting":  # what listings ask of every meeting, kept so its agenda stays packed
        from menteekit.services.meetings import measure_agenda

        facts = {"items": measure_agenda}
    known = getattr(models, model)
    unknown = tuple((key, tuple(there)) for key, there in _unknown_keys(data, known))
    try:
        return snapshot(known.model_validate(data), facts=facts, unknown=unknown)
    except ValidationError as error:
        problems = error.errors()
        first = problems[0]
        loc = tuple(first["loc"])
        field = ".".join(str(part) for part in loc) or None
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "missing":
            message = "required but missing"
        if len(problems) > 1:
            message += f" (and {len(problems) - 1} more problem{'s' * (len(problems) > 2)})"
        line = _line_of(text, loc) + first_line - 1
        raise BrokenRecord(path, message, line=line, field=field) from None


def _line_of(text: str, loc: tuple[int | str, ...]) -> int:
    """The 1-based line where the key at `loc` is written; a missing key points at its table
    (or at line 1 for a top-level key)."""
    lines = _key_lines(text)
    start, found = 0, None
    for part in (p for p in loc if isinstance(p, str)):
        match = _find_key(lines, part, start, in_table=found is not None)
        if match is None:
            break
        found = match
        # After a [table] header its keys follow; a dotted key (a.b = 1) goes on on its line.
        start = match + 1 if lines[match].lstrip().startswith("[") else match
    return 1 if found is None else found + 1


def _find_key(lines: list[str], part: str, start: int, in_table: bool) -> int | None:
    key = re.compile(rf"""^\s*(\[+\s*)?(?:[\w.-]*\.)?["']?{re.escape(part)}["']?\s*(=|\]|\.)""")
    for number in range(start, len(lines)):
        if key.match(lines[number]):
            return number
        if in_table and lines[number].lstrip().startswith("["):
            return None  # the next table begins: the key is not in this one
    return None


def _key_lines(text: str) -> list[str]:
    """The lines of a TOML text, blanked inside multi-line strings so they never look like keys."""
    return _scan(text)[0]


def _open_string(text: str) -> bool:
    """Whether a TOML text ends inside a multi-line string."""
    return bool(_scan(text)[1])


def _scan(text: str) -> tuple[list[str], str]:
    """`_key_lines`, and the delimiter of the multi-line string open at the end ("" if none)."""
    lines: list[str] = []
    inside = ""  # the delimiter of the multi-line string we are in, if any
    for line in (line.rstrip("\r\n") for line in _lines(text)):
        lines.append("" if inside else line)
        at = 0
        while at < len(line):
            if inside:
                close = line.find(inside, at)
                if close < 0:
                    break
                inside, at = "", close + 3
            elif line.startswith(('"""', "'''"), at):
                inside, at = line[at : at + 3], at + 3
            elif line[at] == "#":
                break
            elif line[at] in "\"'":
                at = _string_end(line, at)
            else:
                at += 1
    return lines, inside


def _string_end(line: str, start: int) -> int:
    """Where a one-line string that opens at `start` ends (a basic string has escapes)."""
    quote, at = line[start], start + 1
    while at < len(line):
        if quote == '"' and line[at] == "\\":
            at += 2
        elif line[at] == quote:
            return at + 1
        else:
            at += 1
    return len(line)
