"""Where a workspace lives: the database, the archive of originals, entry PDFs, exports and quarantine.

Resolved from --data-dir, then HOTICH_HOME, then the user's data folder (platformdirs).
"""
from __future__ import annotations

import importlib.resources
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
from filelock import FileLock

from . import atomic
from .errors import Conflict

APP_NAME = "hotich_desktop"
DEFAULT_NAMING = "{type}.{year}.{volume}.{number}.{name}.{paper}.pdf"


def resources_dir() -> Path:
    """The package's resources (forms, code lists, templates, translations, demo scans).

    Package data read through importlib.resources, so a wheel or a frozen bundle finds them as a source
    checkout does; HOTICH_RESOURCES points elsewhere (a province's own forms).
    """
    env = os.environ.get("HOTICH_RESOURCES")
    if env:
        return Path(env)
    return Path(str(importlib.resources.files("hotich_desktop") / "resources"))


PERMS_MARK = "cache/private-v1"  # set once every file of an older workspace has been made private


def private_umask() -> None:
    """New folders 0700 and files 0600 from here on, whatever wrote them (SQLite, Pillow, pikepdf, …)."""
    if os.name == "posix":
        os.umask(0o077)


def tighten(root: Path) -> None:
    """Makes an existing workspace private: folders 0700, files 0600; the full walk runs only once."""
    if os.name != "posix":
        return
    try:
        os.chmod(root, 0o700)
        for db in root.glob("hotich.sqlite3*"):
            os.chmod(db, 0o600)
        if (root / PERMS_MARK).exists():
            return
        for folder, dirs, files in os.walk(root):
            for d in dirs:
                os.chmod(os.path.join(folder, d), 0o700)
            for f in files:
                path = os.path.join(folder, f)
                if not os.path.islink(path):
                    os.chmod(path, 0o600)
        (root / PERMS_MARK).parent.mkdir(exist_ok=True)
        (root / PERMS_MARK).touch()
    except OSError:
        pass  # a read-only or foreign-owned copy still opens; the store refuses writes with its own message


# Office-wide settings live in the store (core/settings/service.py: every desk sees one office, one target,
# one backup schedule and key); the rest is this desk's own and stays in settings.json.
OFFICE_KEYS = ("office_code", "office_name", "naming_pattern", "forbid_self_approval", "upload_url",
               "backup_folder", "backup_keep", "backup_hour", "backup_key")


@dataclass
class Settings:
    """What a desk works with: the office's settings (from the store) over this desk's own (settings.json).

    `svc.settings.get()` builds it; `svc.settings.update(actor, changes, seen)` changes it. `version` is the desk
    file's, `versions` each office setting's row version as read (0: never saved)."""

    office_code: str = "xa-Demo"
    office_name: str = "UBND xã Demo"
    naming_pattern: str = DEFAULT_NAMING
    watch_folders: list[str] = field(default_factory=list)
    move_done: bool = False
    rescan_seconds: float = 30.0
    stable_seconds: float = 1.0
    ocr_enabled: bool = True
    ocr_language: str = "vie"
    forbid_self_approval: bool = True
    upload_url: str = ""
    upload_token: str = ""
    export_target_folder: str = ""
    templates: dict[str, str] = field(default_factory=dict)
    # Scheduled backup (core/backup/service.py): where, how many whole backups to keep, from what hour, and
    # the office's public backup key (set once with the passphrase; no secret is kept here).
    backup_folder: str = ""
    backup_keep: int = 7
    backup_hour: int = 17
    backup_key: dict[str, Any] = field(default_factory=dict)
    version: int = 0  # bumped on every save: a save from an older copy is refused (errors.Conflict)
    versions: dict[str, int] = field(default_factory=dict, compare=False)

    @classmethod
    def load(cls, path: Path) -> Settings:
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()  # an unreadable settings file must not stop the clerk: defaults, rewritten on save
        if not isinstance(raw, dict):
            return cls()
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__ and k != "versions"}
        return cls(**known)

    def office_values(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in OFFICE_KEYS}

    def desk_values(self) -> dict[str, Any]:
        """What settings.json keeps: this desk's own items (the office's are the store's)."""
        return {k: v for k, v in asdict(self).items() if k not in OFFICE_KEYS and k != "versions"}

    def save(self, path: Path) -> None:
        """Writes this desk's items if nobody saved others since they were loaded (else errors.Conflict)."""
        with FileLock(str(path) + ".lock", timeout=30):
            on_disk = _saved_version(path)
            if on_disk is not None and on_disk != self.version:
                current = Settings.load(path)
                raise Conflict("Cài đặt của máy này", on_disk, current.desk_values(), self.version)
            self.version += 1
            try:
                atomic.write_text(path, json.dumps(self.desk_values(), ensure_ascii=False, indent=1))
            except BaseException:
                self.version -= 1
                raise


def _saved_version(path: Path) -> int | None:
    """The version in the settings file; None when there is no readable file to protect."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return int(raw.get("version", 0)) if isinstance(raw, dict) else None


@dataclass(frozen=True)
class Workspace:
    root: Path
    db_url: str

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None, db_url: str | None = None) -> Workspace:
        root = Path(data_dir or os.environ.get("HOTICH_HOME") or platformdirs.user_data_dir(APP_NAME, False))
        root = root.expanduser().resolve()
        url = db_url or os.environ.get("HOTICH_DB_URL") or f"sqlite:///{root / 'hotich.sqlite3'}"
        return cls(root=root, db_url=url)

    def ensure(self) -> Workspace:
        """Creates the folders, readable by this user only (scans, PDFs and the store hold citizens' data)."""
        private_umask()
        for sub in (self.archive, self.pdfs, self.exports, self.quarantine, self.cache):
            sub.mkdir(parents=True, exist_ok=True)
        tighten(self.root)
        return self

    @property
    def archive(self) -> Path:
        return self.root / "archive"

    @property
    def pdfs(self) -> Path:
        return self.root / "pdf"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def settings_path(self) -> Path:
        return self.root / "settings.json"

    def desk_settings(self) -> Settings:
        """settings.json alone (the office's items in it only until the store has imported them)."""
        return Settings.load(self.settings_path)
