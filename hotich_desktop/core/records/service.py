"""`svc.records`: what a clerk types. A save normalises, checks and stores the record, moves the entry on
in its lifecycle, and has the entry's PDF renamed after it; findings come from records/findings.py in
their one-record or whole-book form."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import audit, lifecycle
from ..changes import NOTHING, Changes, Done
from ..errors import BadInput, Conflict, Refused
from ..records_hash import content_hash
from ..roles import Actor
from ..store.infos import entry_info, entry_row
from ..store.models import Entry, Record, utcnow
from ..views import EntryInfo, Finding
from . import checks
from .findings import BookCheck, around, book_findings, record_findings, refresh_stale, store_checks
from .forms import FormDef, load_form
from .normalize import normalize_fields
from .search import Hit, search_keys, search_records

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service


@dataclass
class SaveResult:
    entry: EntryInfo
    findings: list[Finding]
    changes: Changes = NOTHING


class Records:
    def __init__(self, svc: Service) -> None:
        self.svc = svc

    # -- reads -------------------------------------------------------------------------------------------
    def findings(self, actor: Actor, entry_id: int) -> list[Finding]:
        self.svc.require(actor, "read_records")
        with self.svc.store.session() as s:
            entry = entry_row(s, entry_id)
            return record_findings(s, entry, dict(entry.record.fields) if entry.record else {}, self.svc.workspace.root)

    def book_findings(self, actor: Actor, book_id: int) -> BookCheck:
        self.svc.require(actor, "read_records")
        with self.svc.store.session() as s:
            return book_findings(s, book_id, self.svc.workspace.root)

    def refresh_checks(self, actor: Actor, limit: int | None = None) -> Done[int]:
        """Stores what the checks find for the review queue's records that have no summary matching their
        version and the rules in force (after the upgrade, or after the province's rules changed), so the
        next progress report adds up stored counts instead of checking them. Audited; returns how many."""
        self.svc.require(actor, "report")
        with self.svc.store.session(write=True) as s:
            n = refresh_stale(s, self.svc.workspace.root, limit)
            if n:
                audit.record(s, actor.login, "checks_refresh", "records", "", after={"records": n})
        return Done(n)  # nothing a panel shows moved: the counts were right before, now they are stored

    def search(self, actor: Actor, query: str, limit: int = 50) -> list[Hit]:
        self.svc.require(actor, "read_records")
        return search_records(self.svc, query, limit)

    # -- writes ------------------------------------------------------------------------------------------
    def save(self, actor: Actor, entry_id: int, fields: dict[str, Any], submit: bool = False,
             replace: bool = False, expected_version: int | None = None) -> SaveResult:
        """Normalises, checks, stores; renames the PDF after the record; `submit` sends it for review.

        Keys not given keep their stored values (a partial file never erases the rest); `replace` makes
        `fields` the whole record. A value is text within its field's length, never an object or 10 MB.
        expected_version: the record version the clerk's form was filled from (EntryInfo.version). When another
        desk saved in between, the save is refused with errors.Conflict carrying that desk's values.
        """
        self.svc.require(actor, "enter")
        if not isinstance(fields, dict):
            raise BadInput("Dữ liệu hồ sơ phải là một đối tượng JSON {khóa: giá trị}.")
        with self.svc.store.session(write=True) as s:
            entry = entry_row(s, entry_id)
            lock_record(s, entry, expected_version)
            book = entry.page.book
            form = load_form(book.book_type)
            unknown = sorted(set(map(str, fields)) - set(form.keys))
            if unknown:
                raise BadInput(f"Trường không có trong biểu mẫu {form.title}: {', '.join(unknown)}.")
            was_approved = lifecycle.locked(entry.status)
            if not lifecycle.editable(entry.status, actor.may("review")):
                raise Refused("Hồ sơ đã được phê duyệt; chỉ người phê duyệt mới sửa được.")
            record = entry.record or Record(entry_id=entry.id, book_type=book.book_type, fields={}, ocr={})
            given = normalize_fields(form, field_texts(form, fields))
            _check_lengths(form, given)
            before = dict(record.fields or {})
            was = (record.reg_no or "", record.person_key or "")
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
                findings = record_findings(s, entry, values, self.svc.workspace.root)
            blocking = lifecycle.blocks_submit(findings)
            if submit and blocking:
                raise Refused("Chưa gửi duyệt được: " + "; ".join(f.message for f in blocking[:5]))
            entry.status = lifecycle.advance("submit" if submit else ("correct" if correcting else "save"),
                                             entry.status)
            if submit:
                record.submitted_at = utcnow()
            if was_approved and not lifecycle.locked(entry.status):
                self.svc.learning.on_withdrawn(s, entry)  # a corrected approval teaches again when re-approved
            old_pdf = self.svc.entries.rename_pdf(s, entry, values)
            action = "record_correct" if correcting and not submit else ("record_submit" if submit else "record_save")
            audit.record(s, actor.login, action, "entry", entry.id, before, values)
            self.svc.layouts.learn_in(s, entry, values, record.ocr)  # the book learns where its fields sit
            # what the checks find now, stored for this version and for the records whose context moved
            store_checks(s, {entry.id} | around(s, book.id, book.book_type, (was[0], record.reg_no),
                                                (was[1], record.person_key)), self.svc.workspace.root)
            info = entry_info(entry)
            touched = Changes.of(entries=[entry.id], pages=[entry.page_id], books=[book.id])
        if old_pdf is not None:
            old_pdf.unlink(missing_ok=True)  # the new name is committed; the old link can go
        return SaveResult(info, findings, touched)


def lock_record(s: Session, entry: Entry, expected: int | None) -> Record | None:
    """Locks the entry and record rows (PostgreSQL; SQLite holds its write lock already), reloading them
    as committed after the wait, and refuses when the record moved past the version the caller saw."""
    s.refresh(entry, with_for_update=True)
    record = s.scalar(select(Record).where(Record.entry_id == entry.id).with_for_update()
                      .execution_options(populate_existing=True))
    current = (record.version or 1) if record is not None else 0
    if expected is not None and int(expected) != current:
        raise Conflict(f"Mục {entry.id}", current, dict(record.fields or {}) if record else {}, int(expected))
    return record


def field_texts(form: FormDef, fields: dict[str, Any]) -> dict[str, str]:
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


def _check_lengths(form: FormDef, values: dict[str, str]) -> None:
    too_long = [f"«{form.field(k).label}» ({len(v)}/{form.field(k).max_length})" for k, v in values.items()
                if len(v) > form.field(k).max_length]
    if too_long:
        raise BadInput("Giá trị dài quá độ dài của trường: " + ", ".join(too_long) + ".")
