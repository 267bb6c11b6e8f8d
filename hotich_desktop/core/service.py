"""The core's context: the one door through which the window, the CLI and the tests reach anything.

It holds the workspace, the store, the settings, the actor's rights (`require`) and the audit trail, and one
object per stage, each in its room: `svc.users`, `svc.books`, `svc.intake`, `svc.entries`, `svc.records`,
`svc.review`, `svc.outbox`, `svc.reports`, `svc.backups`, `svc.audit`, `svc.settings`. Only the stage objects touch rows;
every write checks the actor's role, writes its audit event in its own transaction and returns what it
touched (changes.Changes), so the window refreshes from one signal.

The few methods below the stages are thin delegates kept for the many callers (tests, benchmarks) that
predate them; new code calls the stage.
"""
from __future__ import annotations

import logging
import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import lifecycle
from .entries.service import Entries
from .errors import HotichError, PermissionDenied
from .export.service import Outbox
from .intake.books import Books
from .intake.service import Intake
from .records.service import Records, SaveResult, field_texts
from .review.service import Review
from .roles import ACTION_LABELS, Actor
from .settings.service import OfficeSettings
from .store.db import Store
from .users.service import SYSTEM, Users
from .users.trail import Trail
from .workspace import Workspace

if TYPE_CHECKING:
    from .backup.service import Backups
    from .ocr.layouts import Layouts
    from .reports.service import Reports

__all__ = ["SYSTEM", "SaveResult", "Service", "field_texts"]
# Findings the clerk must fix before submitting; other errors go to the supervisor (lifecycle.py).
INPUT_ERRORS = lifecycle.INPUT_ERRORS
CODE_ERRORS = lifecycle.CODE_ERRORS


class Service:
    def __init__(self, workspace: Workspace, store: Store | None = None) -> None:
        self.workspace = workspace.ensure()
        self.store = store or Store(workspace.db_url)
        self.settings.ensure_imported()
        self._recover_exports()

    def _recover_exports(self) -> None:
        """Exports a crash interrupted are undone (before the commit) or cleaned up (after it) on start."""
        from .export.intent import recover_exports

        try:
            recover_exports(self.store)
        except HotichError as exc:  # a read-only or busy store still opens; the next start tries again
            logging.getLogger(__name__).warning("export recovery skipped: %s", exc.message)

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None, db_url: str | None = None) -> Service:
        return cls(Workspace.resolve(data_dir, db_url))

    def close(self) -> None:
        self.store.close()

    @cached_property
    def settings(self) -> OfficeSettings:  # the office's in the store, this desk's in settings.json
        return OfficeSettings(self)

    # -- the stages (built on first use) -------------------------------------------------------------------
    @cached_property
    def users(self) -> Users:
        return Users(self)

    @cached_property
    def audit(self) -> Trail:
        return Trail(self)

    @cached_property
    def books(self) -> Books:
        return Books(self)

    @cached_property
    def intake(self) -> Intake:
        return Intake(self)

    @cached_property
    def entries(self) -> Entries:
        return Entries(self)

    @cached_property
    def records(self) -> Records:
        return Records(self)

    @cached_property
    def review(self) -> Review:
        return Review(self)

    @cached_property
    def outbox(self) -> Outbox:
        return Outbox(self)

    @cached_property
    def reports(self) -> Reports:  # campaign, progress, report files, roll-up
        from .reports.service import Reports

        return Reports(self)

    @cached_property
    def backups(self) -> Backups:  # office key, by hand, on schedule
        from .backup.service import Backups

        return Backups(self)

    @cached_property
    def layouts(self) -> Layouts:  # per-book layout profiles (core/ocr/layouts.py)
        from .ocr.layouts import Layouts

        return Layouts(self)

    @cached_property
    def discrepancies(self):  # noqa: ANN201 - the stage object (core/discrepancies/service.py), built on first use
        from .discrepancies.service import Discrepancies

        return Discrepancies(self)

    @cached_property
    def learning(self):  # noqa: ANN201 - core/learning/service.py:Learning, what approved records taught
        from .learning.service import Learning

        return Learning(self)

    # -- rights ------------------------------------------------------------------------------------------
    def require(self, actor: Actor | None, action: str) -> Actor:
        """Refuses (and records the attempt) when the actor's role may not do `action`."""
        if actor is not None and actor.may(action):
            return actor
        who = actor.login if actor else "(chưa đăng nhập)"
        self.audit.record(who, "denied", "action", action)
        raise PermissionDenied(f"Người dùng {who} không có quyền {ACTION_LABELS[action]}.")

    # -- delegates kept for the many callers (tests, benchmarks: 50 or more each) --------------------------
    def create_user(self, actor: Actor | None, login: str, password: str, role: str, full_name: str = "") -> Actor:
        return self.users.create(actor, login, password, role, full_name).value

    def save_record(self, actor: Actor, entry_id: int, fields: dict[str, Any], submit: bool = False,
                    replace: bool = False, expected_version: int | None = None) -> SaveResult:
        return self.records.save(actor, entry_id, fields, submit, replace, expected_version)

    def backup(self, actor: Actor, target: Path, passphrase: str | None = None, keep: int = 7):  # noqa: ANN201
        return self.backups.run(actor, Path(target), keep, passphrase)
