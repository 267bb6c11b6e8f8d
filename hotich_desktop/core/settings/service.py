"""`svc.settings`: the one door to settings. The office's (identity, naming, delivery target, backup schedule and
key, self-approval) live in the store's `settings` table, one versioned row each, so every desk
on a shared server sees one office; this desk's own items (watched folder, OCR, intake timings, export folder)
stay in its settings.json.

The first start on a store without settings imports the office's items from that desk's settings.json, once.
A save names the versions it read (`seen`): an item another desk changed since is refused with
errors.Conflict ("đã có người sửa mục này") and the current values, never silently overwritten.
"""
from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import audit
from ..changes import Changes, Done
from ..errors import BadInput, Conflict, HotichError
from ..roles import Actor
from ..store.models import Office, OfficeSetting, utcnow
from ..workspace import OFFICE_KEYS, Settings

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service

SYSTEM = "system"
SETTINGS = Changes.of(settings=True)
# Who may change what: the delivery target and the backup's key and schedule keep the admin's own right;
# the rest of the office's settings an admin or a supervisor; this desk's own items anyone signed in here.
RIGHTS = {"upload_url": "configure_delivery", "backup_folder": "manage_settings", "backup_keep": "manage_settings",
          "backup_hour": "manage_settings", "backup_key": "manage_settings"}
OFFICE_RIGHT, DESK_RIGHT = "office_settings", "desk_settings"
LABELS = {"office_code": "Mã đơn vị", "office_name": "Tên đơn vị", "naming_pattern": "Mẫu tên tệp PDF",
          "forbid_self_approval": "Không tự duyệt hồ sơ mình nhập", "upload_url": "Nơi nhận gói",
          "backup_folder": "Thư mục sao lưu", "backup_keep": "Số bản sao lưu giữ lại", "backup_hour": "Giờ sao lưu",
          "backup_key": "Khóa sao lưu"}
SECRET_IN_AUDIT = {"backup_key"}  # public, but long: the audit keeps its fingerprint's presence only
log = logging.getLogger(__name__)


def _check(key: str, value: Any) -> Any:
    """The value as stored, or BadInput naming the setting: a wrong type never reaches another desk."""
    default = Settings.__dataclass_fields__[key]
    kind = type(default.default_factory() if default.default_factory is not dataclasses.MISSING  # type: ignore[misc]
                else default.default)
    label = LABELS.get(key, key)
    if kind is bool:
        return bool(value)
    if kind in (int, float):
        try:
            number = kind(value)
        except (TypeError, ValueError):
            raise BadInput(f"{label}: «{value}» không phải là số.") from None
        if key == "backup_keep" and not 1 <= number <= 365:
            raise BadInput("Số bản sao lưu giữ lại phải từ 1 đến 365.")
        if key == "backup_hour" and not 0 <= number <= 23:
            raise BadInput("Giờ sao lưu phải từ 0 đến 23.")
        return number
    if kind is str:
        text = str(value or "").strip()
        if key in ("office_code", "office_name", "naming_pattern") and not text:
            raise BadInput(f"{label} không được để trống.")
        if len(text) > (80 if key == "office_code" else 1000):
            raise BadInput(f"{label} dài quá.")
        return text
    if not isinstance(value, kind):
        raise BadInput(f"{label}: giá trị không đúng kiểu.")
    return value


def _shown(key: str, value: Any) -> Any:
    return bool(value) if key in SECRET_IN_AUDIT else value


class OfficeSettings:
    def __init__(self, svc: Service) -> None:
        self.svc = svc

    # -- reads -------------------------------------------------------------------------------------------
    def get(self, s: Session | None = None) -> Settings:
        """This desk's settings with the office's items from the store over them (with their row versions).

        `s`: read inside the caller's transaction (a nested session would wait on SQLite's write lock)."""
        settings = self.svc.workspace.desk_settings()
        rows = self._rows(s) if s is not None else self._read()
        for row in rows:
            if row.key in OFFICE_KEYS:
                setattr(settings, row.key, row.value)
                settings.versions[row.key] = row.version
        return settings

    def desk(self) -> Settings:
        """This desk's own items alone (settings.json, no store read): safe on the window's thread."""
        return self.svc.workspace.desk_settings()

    def _read(self) -> list[OfficeSetting]:
        with self.svc.store.session() as s:
            rows = self._rows(s)
            s.expunge_all()
            return rows

    @staticmethod
    def _rows(s: Session, keys: tuple[str, ...] = OFFICE_KEYS, lock: bool = False) -> list[OfficeSetting]:
        q = select(OfficeSetting).where(OfficeSetting.key.in_(keys)).order_by(OfficeSetting.key)
        return list(s.scalars(q.with_for_update() if lock else q))

    # -- writes ------------------------------------------------------------------------------------------
    def import_desk_file(self) -> bool:
        """Once per store: the office's items come from the first desk's settings.json (or the defaults).
        Every item gets a row, so a later desk's file is never imported over them. True if it imported."""
        with self.svc.store.session(write=True) as s:
            if s.scalar(select(OfficeSetting.key).limit(1)) is not None:
                return False
            values = self.svc.workspace.desk_settings().office_values()
            for key, value in values.items():
                s.add(OfficeSetting(key=key, value=value, updated_by=SYSTEM))
            audit.record(s, SYSTEM, "settings_import", "settings", "office",
                         after={k: _shown(k, v) for k, v in values.items()})
            return True

    def ensure_imported(self) -> None:
        """On start: imports if needed; a read-only store, or another desk importing at the same moment,
        leaves the desk on its file's values until the next start."""
        try:
            self.import_desk_file()
        except HotichError as exc:  # StoreError, or a locked store waiting for its passphrase
            log.warning("settings import skipped: %s", exc.message)

    def update(self, actor: Actor, changes: dict[str, Any], seen: Settings | None = None) -> Done[Settings]:
        """Saves changed items, each checked against the actor's right, audited in one event.

        `seen`: the settings the change was made on; an item changed here whose row moved on since is
        refused (errors.Conflict with the office's current values). Without it the change goes on top."""
        unknown = sorted(k for k in changes if k not in Settings.__dataclass_fields__ or k in ("version", "versions"))
        if unknown:
            raise BadInput(f"Không có mục cài đặt «{', '.join(unknown)}».")
        if seen is not None:  # a form sends every item; only those changed on it are this save's
            changes = {k: v for k, v in changes.items() if v != getattr(seen, k)}
        office = {k: v for k, v in changes.items() if k in OFFICE_KEYS}
        desk = {k: v for k, v in changes.items() if k not in OFFICE_KEYS}
        for right in sorted({RIGHTS.get(k, OFFICE_RIGHT) for k in office} | ({DESK_RIGHT} if desk else set())):
            self.svc.require(actor, right)
        with self.svc.store.session(write=True) as s:
            before, after = self.write(s, actor.login, office, seen)
            if desk:
                before_desk, after_desk = self._save_desk(desk, seen)
                before, after = {**before, **before_desk}, {**after, **after_desk}
            if after:
                audit.record(s, actor.login, "settings_update", "settings", ",".join(sorted(after)),
                             before=before, after=after)
        return Done(self.get(), SETTINGS if after else Changes())

    def write(self, s: Session, login: str, changes: dict[str, Any],
              seen: Settings | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
        """The office rows changed inside the caller's transaction (which writes its own audit event);
        returns (before, after) of what really changed. For stage doors that check their own right."""
        values = {k: _check(k, v) for k, v in changes.items()}
        rows = {row.key: row for row in self._rows(s, tuple(values), lock=True)}
        if seen is not None:
            values = {k: v for k, v in values.items() if v != getattr(seen, k)}
            stale = [k for k in values if (rows[k].version if k in rows else 0) != seen.versions.get(k, 0)]
            if stale:
                current = self.get(s)
                key = stale[0]
                raise Conflict(f"Cài đặt «{LABELS.get(key, key)}»", current.versions.get(key, 0),
                               {k: _shown(k, v) for k, v in current.office_values().items()},
                               seen.versions.get(key, 0))
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for key, value in values.items():
            row = rows.get(key)
            old = row.value if row is not None else getattr(self.svc.workspace.desk_settings(), key)
            if row is not None and row.value == value:
                continue
            if row is None:
                row = OfficeSetting(key=key)
                s.add(row)
            row.value, row.updated_by, row.updated_at = value, login, utcnow()
            before[key], after[key] = _shown(key, old), _shown(key, value)
        if {"office_code", "office_name"} & set(after):
            office = s.scalar(select(Office).order_by(Office.id).limit(1))
            if office is not None:  # the store's one office row follows its settings
                office.code = values.get("office_code", office.code)
                office.name = values.get("office_name", office.name)
        s.flush()
        return before, after

    def _save_desk(self, changes: dict[str, Any], seen: Settings | None) -> tuple[dict[str, Any], dict[str, Any]]:
        """This desk's items into settings.json (file-locked, versioned like the rows)."""
        path = self.svc.workspace.settings_path
        current = Settings.load(path)
        if seen is not None:
            current.version = seen.version
            changes = {k: v for k, v in changes.items() if v != getattr(seen, k)}
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for key, value in changes.items():
            value = _check(key, value) if key != "upload_token" else value
            if getattr(current, key) != value:
                before[key], after[key] = getattr(current, key), value
                setattr(current, key, value)
        if after:
            current.save(path)
        return ({k: v for k, v in before.items() if k != "upload_token"},
                {k: v for k, v in after.items() if k != "upload_token"})
