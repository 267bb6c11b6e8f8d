"""The core's service layer: the one door through which the window, the CLI and the tests change anything.

Every method that acts as a user takes an `Actor` and checks the role here, so a hidden menu is never the
only guard. Each call is one transaction; the audit event is written in that same transaction.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import audit, blobs, lifecycle, naming
from .atomic import rename_no_clobber
from .booktypes import book_type as get_book_type
from .errors import BadInput, Conflict, HotichError, NotFound, PermissionDenied, Refused
from .lifecycle import BookStatus, EntryStatus, PageStatus
from .records import checks
from .records.forms import load_form
from .records.context import record_context
from .records.normalize import normalize_fields
from .records.rules import load_rules
from .records.search import search_keys
from .records_hash import content_hash
from .roles import ACTION_LABELS, Actor, Role
from .security import dummy_hash, hash_password, lock_after, verify_password
from .store.db import Store
from .store.models import (Book, Entry, FindingAcceptance, IntakeFile, Office, Page, Record, ReviewDecision, User,
                           utcnow)
from .views import BookInfo, EntryInfo, Finding, PageInfo
from .workspace import Settings, Workspace

if TYPE_CHECKING:
    from .backup.service import Backups
    from .reports.service import Reports
    from .ocr.layouts import Layouts

SYSTEM = "system"
# Findings the clerk must fix before submitting; other errors (odd but real old records) go to the
# supervisor, who accepts them with a reason or returns the entry.
INPUT_ERRORS = lifecycle.INPUT_ERRORS
# Codes must be in their lists: no acceptance lets an unknown gender or ethnicity through.
CODE_ERRORS = lifecycle.CODE_ERRORS


@dataclass
class SaveResult:
    entry: EntryInfo
    findings: list[Finding]


class Service:
    def __init__(self, workspace: Workspace, store: Store | None = None) -> None:
        self.workspace = workspace.ensure()
        self.store = store or Store(workspace.db_url)
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

    @cached_property
    def discrepancies(self):  # noqa: ANN201 - the stage object (core/discrepancies/service.py), built on first use
        from .discrepancies.service import Discrepancies

        return Discrepancies(self)

    @cached_property
    def backups(self) -> Backups:  # the backup stage (core/backup/service.py): office key, by hand, on schedule
        from .backup.service import Backups

        return Backups(self)

    def close(self) -> None:
        self.store.close()

    @cached_property
    def reports(self) -> Reports:  # the reports stage's door: campaign, progress, report files, roll-up
        from .reports.service import Reports
        return Reports(self)

    @cached_property
    def layouts(self) -> Layouts:  # per-book layout profiles (core/ocr/layouts.py)
        from .ocr.layouts import Layouts

        return Layouts(self)

    @property
    def settings(self) -> Settings:
        return self.workspace.settings()

    @cached_property
    def learning(self):  # noqa: ANN201 - core/learning/service.py:Learning, what approved records taught
        from .learning.service import Learning

        return Learning(self)

    # -- roles -----------------------------------------------------------------------------------------
    def require(self, actor: Actor | None, action: str) -> Actor:
        """Refuses (and records the attempt) when the actor's role may not do `action`."""
        if actor is not None and actor.may(action):
            return actor
        who = actor.login if actor else "(chưa đăng nhập)"
        with self.store.session() as s:
            audit.record(s, who, "denied", "action", action)
        raise PermissionDenied(f"Người dùng {who} không có quyền {ACTION_LABELS[action]}.")

    # -- users -----------------------------------------------------------------------------------------
    def has_users(self) -> bool:
        with self.store.session() as s:
            return bool(s.scalar(select(func.count(User.id))))

    def create_user(self, actor: Actor | None, login: str, password: str, role: str,
                    full_name: str = "") -> Actor:
        """The first user of a new workspace needs no actor; after that only an admin adds users."""
        if self.has_users() or actor is not None:
            self.require(actor, "manage_users")
        login = login.strip()
        if not login or len(login) > 80 or any(c.isspace() for c in login):
            raise BadInput("Tên đăng nhập không được trống, dài quá 80 ký tự hay có khoảng trắng.")
        if len(password) < 6:
            raise BadInput("Mật khẩu phải có ít nhất 6 ký tự.")
        try:
            role_value = Role(role)
        except ValueError:
            raise BadInput(f"Vai trò không hợp lệ: «{role}» (clerk, supervisor, admin).") from None
        with self.store.session() as s:
            if s.scalar(select(User.id).where(User.login == login)):
                raise Refused(f"Tên đăng nhập «{login}» đã có.")
            user = User(login=login, full_name=full_name, role=role_value.value,
                        password_hash=hash_password(password))
            s.add(user)
            s.flush()
            audit.record(s, actor.login if actor else SYSTEM, "user_create", "user", user.id,
                         after={"login": login, "role": role_value.value})
            return Actor(user.id, user.login, role_value)

    def login(self, login: str, password: str) -> Actor:
        """Checks the password; failures are committed (and slow the next try) before the refusal.

        An unknown or disabled login gets the same answer, the same scrypt work and the same lock-out as a
        known one, so neither the message nor the time tells which logins exist.
        """
        refusal = ""
        wrong = "Sai tên đăng nhập hoặc mật khẩu."
        with self.store.session() as s:
            user = s.scalar(select(User).where(User.login == login))
            now = utcnow()
            if user is None or not user.active:
                failures, last = _recent_failures(s, login, now)
                locked_until = last + lock_after(failures) if last else None
                if locked_until and locked_until > now:
                    refusal = _lock_message(locked_until, now)
                else:
                    verify_password(password, dummy_hash())  # the same work as a real check
                    audit.record(s, login, "login_failed", "user", "")
                    refusal = wrong
            elif user.locked_until and user.locked_until > now:
                refusal = _lock_message(user.locked_until, now)
            elif not verify_password(password, user.password_hash):
                user.failed_logins += 1
                user.locked_until = now + lock_after(user.failed_logins)
                audit.record(s, login, "login_failed", "user", user.id)
                refusal = wrong
            elif not _account_vouched(s, user):
                # `update users set role='admin'` behind the app's back: the chain says otherwise
                audit.record(s, login, "login_refused", "user", user.id, after={"role": user.role})
                refusal = (f"Vai trò hoặc trạng thái của tài khoản «{login}» trong cơ sở dữ liệu không khớp nhật ký "
                           "(có thể đã bị sửa ngoài ứng dụng). Không đăng nhập; hãy báo quản trị.")
            else:
                user.failed_logins, user.locked_until = 0, None
                audit.record(s, login, "login", "user", user.id)
                actor = Actor(user.id, user.login, Role(user.role))
        if refusal:
            raise PermissionDenied(refusal)
        return actor

    def update_user(self, actor: Actor, login: str, *, role: str | None = None, active: bool | None = None,
                    password: str | None = None) -> None:
        """Admin changes a role, locks or unlocks an account, or sets a new password (never logged)."""
        self.require(actor, "manage_users")
        if password is not None and len(password) < 6:
            raise BadInput("Mật khẩu phải có ít nhất 6 ký tự.")
        if role is not None and role not in {r.value for r in Role}:
            raise BadInput(f"Vai trò không hợp lệ: «{role}» (clerk, supervisor, admin).")
        with self.store.session() as s:
            user = s.scalar(select(User).where(User.login == login))
            if user is None:
                raise NotFound(f"Không có người dùng «{login}».")
            before = {"role": user.role, "active": user.active}
            if user.id == actor.id and (active is False or (role and role != Role.ADMIN.value)):
                raise Refused("Không tự khóa hay tự bỏ quyền quản trị của chính mình.")
            if role is not None:
                user.role = role
            if active is not None:
                user.active = active
            if password is not None:
                user.password_hash = hash_password(password)
                user.failed_logins, user.locked_until = 0, None
            after = {"role": user.role, "active": user.active, **({"password": "(đã đổi)"} if password else {})}
            audit.record(s, actor.login, "user_update", "user", user.id, before, after)

    def users(self) -> list[dict[str, Any]]:
        with self.store.session() as s:
            return [{"id": u.id, "login": u.login, "role": u.role, "full_name": u.full_name, "active": u.active}
                    for u in s.scalars(select(User).order_by(User.login))]

    # -- books -----------------------------------------------------------------------------------------
    def _office(self, s: Session) -> Office:
        cfg = self.settings
        office = s.scalar(select(Office).where(Office.code == cfg.office_code))
        if office is None:
            office = Office(code=cfg.office_code, name=cfg.office_name)
            s.add(office)
            s.flush()
        return office

    def open_book(self, actor: Actor, book_type: str, year: int, volume: str) -> BookInfo:
        """The book being scanned now: created on first use, found again after that."""
        self.require(actor, "manage_books")
        get_book_type(book_type)
        if not 1900 <= int(year) <= 2100:
            raise BadInput(f"Năm của sổ không hợp lệ: {year}.")
        volume = str(volume).strip() or "1"
        with self.store.session() as s:
            office = self._office(s)
            book = s.scalar(select(Book).where(Book.office_id == office.id, Book.book_type == book_type,
                                               Book.year == int(year), Book.volume == volume))
            if book is None:
                book = Book(office_id=office.id, book_type=book_type, year=int(year), volume=volume)
                s.add(book)
                s.flush()
                audit.record(s, actor.login, "book_create", "book", book.id,
                             after={"book_type": book_type, "year": int(year), "volume": volume})
            return _book_info(book, office)

    def update_book(self, actor: Actor, book_id: int, expected_version: int, *, volume: str | None = None,
                    status: str | None = None) -> BookInfo:
        """Corrects a book's volume label or status; refused (errors.Conflict) if another desk changed it."""
        self.require(actor, "manage_books")
        if status is not None and status not in tuple(BookStatus):
            raise BadInput(f"Trạng thái sổ không hợp lệ: «{status}» (open, closed).")
        with self.store.session(write=True) as s:
            book = s.scalar(select(Book).where(Book.id == book_id).with_for_update())
            if book is None:
                raise NotFound(f"Không có sổ số {book_id}.")
            if (book.version or 1) != int(expected_version):
                raise Conflict(f"Sổ {book_id}", book.version or 1, {"volume": book.volume, "status": book.status},
                               int(expected_version))
            before = {"volume": book.volume, "status": book.status}
            if volume is not None:
                volume = str(volume).strip()
                if not volume:
                    raise BadInput("Số quyển không được trống.")
                book.volume = volume
            if status is not None:
                book.status = status
            audit.record(s, actor.login, "book_update", "book", book.id, before,
                         {"volume": book.volume, "status": book.status})
            s.flush()
            return _book_info(book, book.office)

    def book(self, book_id: int) -> BookInfo:
        with self.store.session() as s:
            book = s.get(Book, book_id)
            if book is None:
                raise NotFound(f"Không có sổ số {book_id}.")
            return _book_info(book, book.office)

    def books(self) -> list[BookInfo]:
        with self.store.session() as s:
            return [_book_info(b, b.office) for b in s.scalars(select(Book).order_by(Book.id))]

    # -- pages -----------------------------------------------------------------------------------------
    def pages(self, book_id: int) -> list[PageInfo]:
        """The book's pages in order, with entry counts from one query (the window calls this often)."""
        with self.store.session() as s:
            counts = dict(s.execute(select(Entry.page_id, func.count(Entry.id)).join(Page)
                                    .where(Page.book_id == book_id).group_by(Entry.page_id)).all())
            rows = s.scalars(select(Page).where(Page.book_id == book_id, Page.status != PageStatus.DELETED)
                             .order_by(Page.order, Page.id))
            return [_page_info(p, counts.get(p.id, 0)) for p in rows]

    def page(self, page_id: int) -> PageInfo:
        with self.store.session() as s:
            page = s.get(Page, page_id)
            if page is None:
                raise NotFound(f"Không có trang số {page_id}.")
            return _page_info(page)

    def page_path(self, page: PageInfo) -> Path:
        """The page's original on this desk; fetched from the shared store if another desk took it in."""
        with self.store.session() as s:
            sha = s.scalar(select(Page.source_sha256).where(Page.id == page.id)) or ""
        return blobs.local_file(self, page.stored_path, sha)

    def move_page(self, actor: Actor, page_id: int, book_id: int, order: float) -> None:
        self.require(actor, "manage_books")
        with self.store.session() as s:
            page = s.get(Page, page_id)
            if page is None or s.get(Book, book_id) is None:
                raise NotFound("Không tìm thấy trang hoặc sổ.")
            before = {"book_id": page.book_id, "order": page.order}
            page.book_id, page.order = book_id, order
            audit.record(s, actor.login, "page_move", "page", page_id, before, {"book_id": book_id, "order": order})

    # -- intake ----------------------------------------------------------------------------------------
    def intake_lookup(self, sha: str, path: Path) -> tuple[str, int | None] | None:
        """('stored', first page id), or ('quarantined', None) for this very file quarantined before."""
        with self.store.session() as s:
            page_id = s.scalar(select(Page.id).where(Page.source_sha256 == sha).order_by(Page.frame).limit(1))
            if page_id is not None:
                return "stored", page_id
            bad = s.scalar(select(IntakeFile.id).where(IntakeFile.sha256 == sha, IntakeFile.outcome == "quarantined",
                                                       IntakeFile.source_path == str(path)))
            return ("quarantined", None) if bad else None

    def intake_note_duplicate(self, sha: str, path: Path) -> bool:
        """Remembers a duplicate drop once per path; True the first time (so the clerk is told once)."""
        with self.store.session() as s:
            seen = s.scalar(select(IntakeFile.id).where(IntakeFile.sha256 == sha,
                                                        IntakeFile.source_path == str(path)))
            if seen:
                return False
            s.add(IntakeFile(sha256=sha, source_path=str(path), size=_size(path), outcome="duplicate"))
            return True

    def intake_quarantined(self, actor: Actor, sha: str, path: Path, reason: str) -> None:
        with self.store.session() as s:
            s.add(IntakeFile(sha256=sha, source_path=str(path), size=_size(path), outcome="quarantined",
                             reason=reason))
            audit.record(s, actor.login, "intake_quarantine", "file", sha[:16], after={"file": str(path),
                                                                                       "reason": reason})

    def add_pages(self, actor: Actor, book_id: int, source: Path, sha: str, stored: Path,
                  frames: Iterable[Any]) -> list[int]:
        """Records a stored original and its pages in one transaction (the moment intake counts)."""
        self.require(actor, "intake")
        rel = str(stored.relative_to(self.workspace.root))
        frames = list(frames)
        with self.store.session() as s:
            if s.get(Book, book_id) is None:
                raise NotFound(f"Không có sổ số {book_id}.")
            last = s.scalar(select(func.max(Page.order)).where(Page.book_id == book_id)) or 0
            pages = [Page(book_id=book_id, order=last + i + 1, source_name=source.name, source_sha256=sha,
                          frame=f.index, frames=len(frames), stored_path=rel, width=f.width, height=f.height,
                          dpi=f.dpi, dpi_estimated=f.dpi_estimated, created_by=actor.id or None)
                     for i, f in enumerate(frames)]
            s.add_all(pages)
            s.add(IntakeFile(sha256=sha, source_path=str(source), size=_size(source), outcome="stored",
                             book_id=book_id))
            blobs.publish(s, stored, sha)  # every desk on a shared store reaches the original
            s.flush()
            audit.record(s, actor.login, "intake_store", "file", sha[:16],
                         after={"file": source.name, "pages": [p.id for p in pages], "book_id": book_id})
            return [p.id for p in pages]

    # -- entries ---------------------------------------------------------------------------------------
    def entries(self, book_id: int | None = None, page_id: int | None = None) -> list[EntryInfo]:
        with self.store.session() as s:
            q = select(Entry).join(Page).order_by(Page.order, Page.id, Entry.order)
            if book_id is not None:
                q = q.where(Page.book_id == book_id)
            if page_id is not None:
                q = q.where(Entry.page_id == page_id)
            return [_entry_info(e) for e in s.scalars(q)]

    def entry(self, entry_id: int) -> EntryInfo:
        with self.store.session() as s:
            return _entry_info(self._entry(s, entry_id))

    @staticmethod
    def _entry(s: Session, entry_id: int) -> Entry:
        entry = s.get(Entry, entry_id)
        if entry is None:
            raise NotFound(f"Không có mục số {entry_id}.")
        return entry

    def entry_context(self, entry_id: int) -> tuple[BookInfo, PageInfo]:
        with self.store.session() as s:
            entry = self._entry(s, entry_id)
            return _book_info(entry.page.book, entry.page.book.office), _page_info(entry.page)

    # -- records ---------------------------------------------------------------------------------------
    def save_record(self, actor: Actor, entry_id: int, fields: dict[str, Any], submit: bool = False,
                    replace: bool = False, expected_version: int | None = None) -> SaveResult:
        """Normalises, checks, stores; renames the PDF after the record; `submit` sends it for review.

        Keys not given keep their stored values (a partial file never erases the rest); `replace` makes
        `fields` the whole record. A value is text within its field's length, never an object or 10 MB.
        expected_version: the record version the clerk's form was filled from (EntryInfo.version). When another
        desk saved in between, the save is refused with errors.Conflict carrying that desk's values.
        """
        self.require(actor, "enter")
        if not isinstance(fields, dict):
            raise BadInput("Dữ liệu hồ sơ phải là một đối tượng JSON {khóa: giá trị}.")
        with self.store.session(write=True) as s:
            entry = self._entry(s, entry_id)
            self._check_version(s, entry, expected_version)
            book = entry.page.book
            form = load_form(book.book_type)
            unknown = sorted(set(map(str, fields)) - set(form.keys))
            if unknown:
                raise BadInput(f"Trường không có trong biểu mẫu {form.title}: {', '.join(unknown)}.")
            was_approved = entry.status in lifecycle.LOCKED
            if not lifecycle.editable(entry.status, actor.may("review")):
                raise Refused("Hồ sơ đã được phê duyệt; chỉ người phê duyệt mới sửa được.")
            record = entry.record or Record(entry_id=entry.id, book_type=book.book_type, fields={}, ocr={})
            given = normalize_fields(form, field_texts(form, fields))
            _check_lengths(form, given)
            before = dict(record.fields or {})
            merged = {} if replace else dict(before)
            merged.update(given)
            values = {k: v for k, v in merged.items() if v != ""}
            # A supervisor correcting a clerk's record: the clerk stays its author (so the supervisor may
            # still approve it) and the entry keeps its place in the review queue; the audit names both.
            correcting = actor.may("review") and record.entered_by not in (None, actor.id)
            record.fields = values
            record.content_hash = content_hash(values)
            record.person_key, record.reg_no = checks.person_key(values), checks.number_key(values.get("so", ""))
            for key, value in search_keys(book.book_type, values).items():
                setattr(record, key, value)
            if not correcting:
                record.entered_by, record.entered_at = actor.id, utcnow()
            s.add(record)
            with s.no_autoflush:  # one UPDATE per save: the version moves by exactly one
                findings = self._findings(s, entry, values)
            blocking = lifecycle.blocks_submit(findings)
            if submit and blocking:
                raise Refused("Chưa gửi duyệt được: " + "; ".join(f.message for f in blocking[:5]))
            entry.status = lifecycle.advance("submit" if submit else ("correct" if correcting else "save"),
                                             entry.status)
            if submit:
                record.submitted_at = utcnow()
            if was_approved and entry.status not in lifecycle.LOCKED:
                self.learning.on_withdrawn(s, entry)  # a corrected approval teaches again when re-approved
            old_pdf = self._rename_pdf(s, entry, book, values)
            action = "record_correct" if correcting and not submit else ("record_submit" if submit else "record_save")
            audit.record(s, actor.login, action, "entry", entry.id, before, values)
            self.layouts.learn_in(s, entry, values, record.ocr)  # the book learns where its fields sit
            info = _entry_info(entry)
        if old_pdf is not None:
            old_pdf.unlink(missing_ok=True)  # the new name is committed; the old link can go
        return SaveResult(info, findings)

    @staticmethod
    def _check_version(s: Session, entry: Entry, expected: int | None) -> Record | None:
        """Locks the entry and record rows (PostgreSQL; SQLite holds its write lock already), reloading them
        as committed after the wait, and refuses when the record moved past the version the caller saw."""
        s.refresh(entry, with_for_update=True)
        record = s.scalar(select(Record).where(Record.entry_id == entry.id).with_for_update()
                          .execution_options(populate_existing=True))
        current = (record.version or 1) if record is not None else 0
        if expected is not None and int(expected) != current:
            raise Conflict(f"Mục {entry.id}", current, dict(record.fields or {}) if record else {}, int(expected))
        return record

    def _findings(self, s: Session, entry: Entry, values: dict[str, str]) -> list[Finding]:
        book = entry.page.book
        found = checks.record_findings(load_form(book.book_type), values, record_context(s, book, entry.id, values),
                                       load_rules(book.book_type, self.workspace.root))
        accepted = {(a.code, a.field) for a in
                    s.scalars(select(FindingAcceptance).where(FindingAcceptance.entry_id == entry.id))}
        return [replace(f, accepted=(f.code, f.field) in accepted) for f in found]

    def findings(self, entry_id: int) -> list[Finding]:
        with self.store.session() as s:
            entry = self._entry(s, entry_id)
            return self._findings(s, entry, dict(entry.record.fields) if entry.record else {})

    def _rename_pdf(self, s: Session, entry: Entry, book: Book, values: dict[str, str]) -> Path | None:
        """Links the PDF under its new name (old name kept until the commit); returns the old path."""
        if not entry.pdf_path:
            return None
        old = blobs.local_file(self, entry.pdf_path, entry.pdf_sha256)  # desk B renames desk A's PDF too
        page = entry.page
        parts = naming.NameParts(book.book_type, book.year, book.volume, values.get("so", ""),
                                 naming.person_name(book.book_type, values), values.get("gioi_tinh", ""),
                                 naming.paper_size(page.width, page.height, page.dpi), page.page_number)
        wanted = naming.render(parts, self.settings.naming_pattern)
        if wanted == old.name or not old.exists():
            return None
        name = naming.unique(wanted, lambda n: (old.parent / n).exists())
        new = old.parent / name
        os.link(old, new) if hasattr(os, "link") else rename_no_clobber(old, new)
        entry.pdf_path = str(new.relative_to(self.workspace.root))
        audit.record(s, SYSTEM, "pdf_rename", "entry", entry.id, {"pdf": old.name}, {"pdf": new.name})
        return old if old.exists() and new.exists() else None

    # -- review ----------------------------------------------------------------------------------------
    def approve(self, actor: Actor, entry_id: int, version: int | None = None) -> EntryInfo:
        """Approves the record version the supervisor looked at (EntryInfo.version): a record changed since
        is refused with errors.Conflict, so nothing is approved unseen."""
        self.require(actor, "review")
        with self.store.session(write=True) as s:
            entry = self._entry(s, entry_id)
            record = self._check_version(s, entry, version)
            if record is None or not lifecycle.reviewable(entry.status):
                raise Refused(f"Mục {entry_id} chưa có hồ sơ chờ duyệt (trạng thái: {lifecycle.label(entry.status)}).")
            if self.settings.forbid_self_approval and record.entered_by == actor.id:
                raise Refused("Không được tự phê duyệt hồ sơ do chính mình nhập.")
            blocking = lifecycle.blocks_approval(self._findings(s, entry, dict(record.fields)))
            if blocking:
                raise Refused("Chưa phê duyệt được: " + "; ".join(f.message for f in blocking[:5]))
            record.approved_hash = record.content_hash
            entry.status = lifecycle.advance("approve", entry.status)
            self.learning.on_approved(s, entry, record)
            s.add(ReviewDecision(entry_id=entry.id, reviewer_id=actor.id, decision=EntryStatus.APPROVED,
                                 record_hash=record.content_hash, record_version=record.version or 1))
            audit.record(s, actor.login, "review_approve", "entry", entry.id,
                         after={"hash": record.content_hash, "version": record.version or 1})
            return _entry_info(entry)

    def return_entry(self, actor: Actor, entry_id: int, reason: str, version: int | None = None) -> EntryInfo:
        self.require(actor, "review")
        if not reason.strip():
            raise BadInput("Hãy ghi lý do trả lại để cán bộ nhập liệu biết cần sửa gì.")
        with self.store.session(write=True) as s:
            entry = self._entry(s, entry_id)
            self._check_version(s, entry, version)
            if entry.record is None:
                raise Refused(f"Mục {entry_id} chưa có hồ sơ.")
            if entry.status in lifecycle.LOCKED:
                self.learning.on_withdrawn(s, entry)
            entry.status = lifecycle.advance("return", entry.status)
            entry.record.approved_hash = ""
            s.add(ReviewDecision(entry_id=entry.id, reviewer_id=actor.id, decision=EntryStatus.RETURNED, reason=reason,
                                 record_hash=entry.record.content_hash, record_version=entry.record.version or 1))
            audit.record(s, actor.login, "review_return", "entry", entry.id, after={"reason": reason})
            return _entry_info(entry)

    def accept_finding(self, actor: Actor, entry_id: int, code: str, field: str, reason: str) -> Finding:
        """Accepts an open finding the book really says: a clerk accepts warnings, a supervisor errors too.

        Input errors (missing, malformed) must be fixed, never accepted. `field` may be empty when the code
        names one finding only. Accepting twice changes nothing.
        """
        self.require(actor, "enter")
        if not reason.strip():
            raise BadInput("Hãy ghi lý do chấp nhận điểm bất thường này.")
        with self.store.session() as s:
            entry = self._entry(s, entry_id)
            status = entry.status
            found = [f for f in self._findings(s, entry, dict(entry.record.fields) if entry.record else {})
                     if f.code == code and (not field or f.field == field)]
        if not found:
            raise NotFound(f"Mục {entry_id} không có điểm cần xem «{code}{':' + field if field else ''}».")
        if len(found) > 1:
            raise BadInput(f"Mã «{code}» có ở nhiều trường; hãy ghi rõ trường: "
                           + ", ".join(f"{code}:{f.field}" for f in found) + ".")
        finding = found[0]
        if not lifecycle.acceptable(finding):
            raise Refused(f"«{finding.message}» là lỗi nhập liệu: hãy sửa, không chấp nhận được.")
        if finding.severity == "error":
            self.require(actor, "review")  # records a clerk's refused attempt and raises
        if not lifecycle.editable(status, actor.may("review")):
            raise Refused("Hồ sơ đã được phê duyệt; chỉ người phê duyệt mới sửa được.")
        if not finding.accepted:
            with self.store.session() as s:
                s.add(FindingAcceptance(entry_id=entry_id, code=finding.code, field=finding.field, reason=reason,
                                        user_id=actor.id))
                audit.record(s, actor.login, "finding_accept", "entry", entry_id,
                             after={"code": finding.code, "field": finding.field, "reason": reason,
                                    "severity": finding.severity})
        return replace(finding, accepted=True)

    def return_reasons(self, entry_id: int) -> list[str]:
        with self.store.session() as s:
            q = select(ReviewDecision.reason).where(ReviewDecision.entry_id == entry_id,
                                                    ReviewDecision.decision == EntryStatus.RETURNED)
            return list(s.scalars(q.order_by(ReviewDecision.id.desc())))

    # -- backup ----------------------------------------------------------------------------------------
    def backup(self, actor: Actor, target: Path, passphrase: str | None = None, keep: int = 7):  # noqa: ANN201
        """A supervisor or admin writes one encrypted, incremental snapshot (see Backups.run)."""
        return self.backups.run(actor, Path(target), keep, passphrase)

    # -- audit -----------------------------------------------------------------------------------------
    def verify_audit(self, anchors: list[dict[str, Any]] | None = None) -> audit.ChainReport:
        """The chain, the anchors this workspace wrote outside the database plus any given, every approved
        record and every account against what the chain vouches for."""
        from . import anchors as anchor_file

        with self.store.session() as s:
            return audit.verify(s, anchor_file.load(self.workspace.root) + list(anchors or []))

    def log(self, actor_login: str, action: str, obj_type: str = "", obj_id: Any = "",
            after: dict | None = None) -> None:
        with self.store.session() as s:
            audit.record(s, actor_login, action, obj_type, obj_id, after=after)


def _account_vouched(s: Session, user: User) -> bool:
    """The role and state in the users table are the ones an admin last set, as the audit chain says."""
    told = audit.chain_account(s, user.id)
    return told is not None and told.get("role") == user.role and bool(told.get("active")) == bool(user.active)


def _lock_message(until: dt.datetime, now: dt.datetime) -> str:
    wait = int((until - now).total_seconds()) + 1
    return f"Đăng nhập sai nhiều lần. Hãy thử lại sau {wait} giây."


def _recent_failures(s: Session, login: str, now: dt.datetime) -> tuple[int, dt.datetime | None]:
    """Failed tries for a login that has no account, from the last hour of the audit trail (read through
    the index on time, so it costs about what a real account's check does): count and the latest time."""
    from .store.models import AuditEvent

    rows = s.execute(select(AuditEvent.action, AuditEvent.at)
                     .where(AuditEvent.at >= now - dt.timedelta(hours=1), AuditEvent.user_login == login,
                            AuditEvent.action.in_(("login_failed", "login")))
                     .order_by(AuditEvent.id.desc()).limit(64)).all()
    failures = 0
    for action, _ in rows:
        if action == "login":
            break
        failures += 1
    return failures, (rows[0][1] if failures else None)


def field_texts(form: Any, fields: dict[str, Any]) -> dict[str, str]:
    """Every value as text: strings as given, whole numbers written out, null as empty; anything else
    (an object, a list, true/false) is refused with the field's label."""
    out: dict[str, str] = {}
    for key, value in fields.items():
        if value is None:
            out[key] = ""
        elif isinstance(value, str):
            out[key] = value
        elif isinstance(value, int) and not isinstance(value, bool):
            out[key] = str(value)
        else:
            label = form.field(key).label
            raise BadInput(f"«{label}» phải là chữ (một chuỗi), không phải {type(value).__name__}.")
    for key, value in out.items():
        fdef = form.field(key)
        if len(value) > 4 * fdef.max_length + 100:  # refuse before normalising megabytes
            raise BadInput(f"«{fdef.label}» dài quá {fdef.max_length} ký tự ({len(value)} ký tự).")
    return out


def _check_lengths(form: Any, values: dict[str, str]) -> None:
    too_long = [f"«{form.field(k).label}» ({len(v)}/{form.field(k).max_length})" for k, v in values.items()
                if len(v) > form.field(k).max_length]
    if too_long:
        raise BadInput("Giá trị dài quá độ dài của trường: " + ", ".join(too_long) + ".")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _bbox_size(polygon: Iterable[Iterable[float]]) -> tuple[float, float]:
    pts = [tuple(p) for p in polygon]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return max(xs) - min(xs), max(ys) - min(ys)


def _book_info(book: Book, office: Office) -> BookInfo:
    return BookInfo(book.id, book.book_type, book.year, book.volume, office.code, book.status, book.version or 1)


def _page_info(p: Page, entries: int | None = None) -> PageInfo:
    return PageInfo(p.id, p.book_id, p.order, p.source_name, p.stored_path, p.width, p.height, p.dpi, p.status,
                    len(p.entries) if entries is None else entries, p.page_number, p.error)


def _entry_info(e: Entry) -> EntryInfo:
    record = e.record
    return EntryInfo(e.id, e.page_id, e.order, e.polygon, e.pdf_path, e.pdf_bytes, e.status,
                     dict(record.fields) if record else {}, dict(record.ocr) if record else {},
                     (record.version or 1) if record else 0, e.version or 1)


def today() -> dt.date:
    return dt.date.today()
