"""The backup stage as the window and the CLI use it: `svc.backups.run(actor, ...)`, the office key, the
daily schedule.

The passphrase is asked once, when an admin sets it: only the public key it yields is kept (settings), so a
backup — by hand or by the schedule — needs no secret, and only restore and verify ask for it (keys.py).
The scheduled run is the office's standing order set by an admin (folder, keep N, hour): it runs on
whichever desk has the window or `hotich watch` open, audited as SCHEDULER.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import atomic, audit
from ..errors import BadInput
from ..roles import Actor
from . import keys
from .run import BackupReport, backup

if TYPE_CHECKING:
    from ..service import Service

SCHEDULER = "lich-sao-luu"  # the audit's name for the scheduled run
RETRY_MINUTES = 60  # a failed scheduled run (USB stick out) is tried again after this long


class Backups:
    def __init__(self, svc: Service) -> None:
        self.svc = svc

    # -- the office key --------------------------------------------------------------------------------
    def set_passphrase(self, actor: Actor, passphrase: str) -> str:
        """An admin sets (or replaces) the office's backup passphrase; returns the new key's fingerprint.
        Backups made with an earlier passphrase still open with that one; new ones go to a new folder."""
        self.svc.require(actor, "manage_settings")
        return self._set_key(actor, passphrase)

    def _set_key(self, actor: Actor, passphrase: str) -> str:
        office = keys.new_office_key(passphrase)
        settings = self.svc.settings.get()
        before = keys.fingerprint(settings.backup_key) if settings.backup_key else ""
        fingerprint = keys.fingerprint(office)
        with self.svc.store.session(write=True) as s:
            self.svc.settings.write(s, actor.login, {"backup_key": office})
            audit.record(s, actor.login, "backup_key", "settings", "backup_key",
                         before={"fingerprint": before} if before else None, after={"fingerprint": fingerprint})
        return fingerprint

    def office_key(self, passphrase: str | None = None) -> dict[str, Any]:
        """The public key backups are written with; a passphrase given is checked against it."""
        office = self.svc.settings.get().backup_key
        if not office:
            raise BadInput("Chưa đặt mật khẩu sao lưu của cơ quan: quản trị viên đặt nó một lần trong Cài đặt "
                           "(hoặc «hotich backup set-passphrase»).")
        if passphrase is not None:
            keys.unlock(passphrase, office)
        return office

    # -- the store at rest -------------------------------------------------------------------------------
    def encrypt_store(self, actor: Actor, passphrase: str) -> bool:
        """An admin encrypts this desk's SQLite store with SQLCipher, keyed from the office's passphrase
        (the backup passphrase once the office has one: one secret to remember); False if it already was.

        The clear file is replaced atomically by its encrypted export (store/cipher.py); from then on the
        window asks for the passphrase at start and the CLI reads HOTICH_PASSPHRASE or prompts."""
        from ..store import cipher
        from .dump import sqlite_path

        self.svc.require(actor, "manage_settings")
        if not self.svc.store.is_sqlite:
            raise BadInput("Cơ sở dữ liệu PostgreSQL được bảo vệ ở máy chủ (mã hóa ổ đĩa của máy chủ); "
                           "mã hóa SQLCipher chỉ dành cho tệp SQLite của một máy.")
        if not cipher.available():
            raise BadInput(cipher.MISSING)
        office = self.svc.settings.get().backup_key
        if office:
            keys.unlock(passphrase, office)  # the office's one passphrase
        path = sqlite_path(self.svc.store.url)
        self.svc.store.engine.dispose()
        try:
            done = cipher.encrypt(path, passphrase)
        finally:
            self.svc.store.reopen()
        if done:
            with self.svc.store.session() as s:
                audit.record(s, actor.login, "store_encrypt", "settings", "store", after={"cipher": "sqlcipher"})
        return done

    # -- one backup ------------------------------------------------------------------------------------
    def run(self, actor: Actor, target: Path | None = None, keep: int | None = None,
            passphrase: str | None = None) -> BackupReport:
        """A supervisor or admin writes one snapshot (to the settings' folder unless told another).

        A passphrase is needed only while the office has none: the first backup sets it (by whoever may
        back up); replacing it later is an admin's (set_passphrase)."""
        self.svc.require(actor, "backup")
        if passphrase is not None and not self.svc.settings.get().backup_key:
            self._set_key(actor, passphrase)
        office = self.office_key(passphrase)
        return self._run(actor.login, target, keep, office)

    def _run(self, who: str, target: Path | None, keep: int | None, office: dict[str, Any]) -> BackupReport:
        settings = self.svc.settings.get()
        folder = Path(target) if target else Path(settings.backup_folder) if settings.backup_folder else None
        if folder is None:
            raise BadInput("Chưa chọn thư mục sao lưu (USB hoặc ổ khác) trong Cài đặt.")
        report = backup(self.svc.workspace, folder, office, keep or settings.backup_keep)
        with self.svc.store.session() as s:
            audit.record(s, who, "backup", "backup", report.snapshot,
                         after={"files": report.files, "new_files": report.new_files, "records": report.records})
        return report

    # -- the schedule ----------------------------------------------------------------------------------
    def configure(self, actor: Actor, folder: str, keep: int, hour: int) -> dict[str, Any]:
        """An admin sets the daily backup: target folder (USB), whole backups kept, hour of the day."""
        self.svc.require(actor, "manage_settings")
        if keep < 1 or keep > 365:
            raise BadInput("Số bản sao lưu giữ lại phải từ 1 đến 365.")
        if not 0 <= hour <= 23:
            raise BadInput("Giờ sao lưu phải từ 0 đến 23.")
        if folder and Path(folder).expanduser().resolve().is_relative_to(self.svc.workspace.root.resolve()):
            raise BadInput("Thư mục sao lưu không được nằm trong thư mục làm việc: hãy chọn USB hoặc ổ khác.")
        settings = self.svc.settings.get()
        before = {"folder": settings.backup_folder, "keep": settings.backup_keep, "hour": settings.backup_hour}
        after = {"folder": folder, "keep": keep, "hour": hour}
        with self.svc.store.session(write=True) as s:
            self.svc.settings.write(s, actor.login, {"backup_folder": folder, "backup_keep": keep, "backup_hour": hour})
            audit.record(s, actor.login, "backup_schedule", "settings", "backup", before=before, after=after)
        return after

    def _mark_path(self) -> Path:
        return self.svc.workspace.cache / "backup" / "scheduled.json"

    def _marks(self) -> dict[str, str]:
        try:
            marks = json.loads(self._mark_path().read_text(encoding="utf-8"))
            return marks if isinstance(marks, dict) else {}
        except (OSError, ValueError):
            return {}

    def due(self, now: dt.datetime | None = None) -> bool:
        """A daily backup is due: configured, not yet done today once the hour has come (or missed for a
        whole day, the desk being off at that hour), and no failed try in the last hour."""
        settings = self.svc.settings.get()
        if not settings.backup_folder or not settings.backup_key:
            return False
        now = now or dt.datetime.now()
        marks = self._marks()
        if marks.get("failed") and now - dt.datetime.fromisoformat(marks["failed"]) < dt.timedelta(minutes=RETRY_MINUTES):
            return False
        if not marks.get("done"):
            return True
        done = dt.datetime.fromisoformat(marks["done"])
        return (done.date() < now.date() and now.hour >= settings.backup_hour) or now - done >= dt.timedelta(days=1)

    def run_scheduled(self, now: dt.datetime | None = None) -> BackupReport | None:
        """Runs the daily backup if due (from the window's timer or the watch loop); None when not due.
        A failure is recorded (tried again later) and raised for the caller to show."""
        if not self.due(now):
            return None
        now = now or dt.datetime.now()
        try:
            report = self._run(SCHEDULER, None, None, self.office_key())
        except Exception:
            atomic.write_text(self._mark_path(), json.dumps({**self._marks(), "failed": now.isoformat()}))
            raise
        atomic.write_text(self._mark_path(), json.dumps({"done": now.isoformat(), "snapshot": report.snapshot}))
        return report
