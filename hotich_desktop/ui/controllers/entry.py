"""The open page and the entry being typed: the page with its boxes, the record form, saving (and keeping
edits when the clerk moves on), box edits and accepted findings. Refreshes from `Ops.changed` when its
page or one of its entries changed; a refresh never drops what the clerk is typing."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QInputDialog, QMessageBox

from ...core import lifecycle
from ...core.changes import Changes
from ...core.entries import edit as entry_edit
from ...core.errors import Conflict
from ...core.lifecycle import EntryStatus, PageStatus
from ...core.records.forms import load_form
from ...core.service import SaveResult
from ...core.views import BookInfo, EntryInfo, Finding, PageInfo
from ..dialogs import tell
from ..operations import SILENT, STATUS, QueryOp, WriteOp, error_text
from ..page_view import polygon_to_rect, rect_to_polygon
from ..reads import PageBundle, load_page_bundle
from ..widgets import STATUS_LABELS

if TYPE_CHECKING:
    from ..main_window import MainWindow


class EntryController(QObject):
    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win, self.ops, self.svc, self.actor = win, win.ops, win.svc, win.actor
        self.view, self.form, self.mismatch = win.view, win.form, win.mismatch
        self.book: BookInfo | None = None
        self.page: PageInfo | None = None
        self.page_image: QImage | None = None
        self.entries: list[EntryInfo] = []
        self.findings: dict[int, list[Finding]] = {}
        self.reasons: dict[int, list[str]] = {}
        self.current = -1
        self.pending_entry: int | None = None
        self.added_entry: int | None = None  # a box the clerk just added: shown once the page is read again
        self.asked = 0  # page reads asked for; only the newest answer is shown
        self.written: dict[int, int] = {}  # entry -> record version this window's last save wrote
        self.box_written: dict[int, int] = {}  # entry -> box version this window's last box edit wrote
        self.saving: tuple[int, dict[str, str], WriteOp] | None = None  # the save in flight: entry, values, op
        self.view.box_changed.connect(self._box_changed)
        self.view.box_added.connect(self._box_added)
        self.view.box_deleted.connect(self._box_deleted)
        self.view.box_selected.connect(self._box_selected)
        self.form.confirmed.connect(lambda: self.save_record(submit=True))  # Enter on the last field
        self.form.field_left.connect(self._field_left)
        self.form.accept_requested.connect(self.accept_finding)
        self.form.completions_wanted.connect(self._completions)
        self.population = win.population
        self.population_people: int | None = None
        self.population.take.connect(self._take_population_value)
        self.population.note.connect(self._note_population_difference)
        self.ops.changed.connect(self._changed)

    # -- what is shown ---------------------------------------------------------------------------------
    def set_book(self, book: BookInfo) -> None:
        self.book = book
        self.current = -1
        self.form.build(load_form(book.book_type))

    def entry(self) -> EntryInfo | None:
        return self.entries[self.current] if 0 <= self.current < len(self.entries) else None

    def open_page(self, page_id: int, entry_index: int = 0) -> None:
        self.asked += 1
        asked = self.asked
        self.page = PageInfo(page_id, self.book.id if self.book else 0, 0, "", "", 0, 0, 0, "")  # until it is read
        QueryOp(self.ops, load_page_bundle, self.svc, self.actor, page_id, label=self.tr("Đang mở trang…"),
                success=lambda b: self._show_page(b, entry_index) if asked == self.asked else None).run()

    def clear(self, title: str | None = None) -> None:
        """The book has no page left (or there is no book yet): nothing to show, nothing to type into."""
        self.asked += 1
        self.page, self.page_image, self.entries, self.current = None, None, [], -1
        self.view.boxes = []  # before clear(): the scene reports selection changes while it deletes items
        self.view.scene().clear()
        self.view.undo_stack.clear()
        self.mismatch.hide()
        self._nothing(title or self.tr("Sổ chưa có trang nào"))

    def _nothing(self, title: str) -> None:
        self.win.entry_title.setText(title)
        self.win.entry_pdf.setText("")
        self.win.returned.setText("")
        self.form.set_editable(False)  # nothing to type into: no edit can be lost
        self.form.load({}, {}, None)

    def _show_page(self, bundle: PageBundle, entry_index: int = 0) -> None:
        self.keep_draft(ask=False)  # a page re-shown after a box edit must not drop typed values
        self.page, self.page_image = bundle.page, bundle.image
        self.entries, self.findings, self.reasons = bundle.entries, bundle.findings, bundle.reasons
        self._show_mismatch()
        self.view.show_page(bundle.image, [(e.id, polygon_to_rect(e.polygon)) for e in self.entries])
        self.current = -1
        wanted = [i for i, e in enumerate(self.entries) if e.id == self.pending_entry]
        self.pending_entry = None
        if wanted:
            self.show_entry(wanted[0])
        elif self.entries:
            self.show_entry(entry_index if entry_index >= 0 else len(self.entries) - 1)
        else:
            self._nothing(self.tr("Trang chưa có mục nào"))

    def _show_mismatch(self) -> None:
        mismatch = self.page is not None and self.page.status == PageStatus.MISMATCH
        self.mismatch.text.setText(self.page.error if mismatch else "")
        self.mismatch.setVisible(mismatch)

    def show_entry(self, index: int) -> None:
        if not 0 <= index < len(self.entries):
            return
        if index != self.current and not self.keep_draft():
            return
        self.current = index
        self._load_form()
        self.view.select_entry(self.entries[index].id)

    def _load_form(self) -> None:
        entry = self.entries[self.current]
        self._update_title()
        reasons = self.reasons.get(entry.id, []) if entry.status == EntryStatus.RETURNED else []
        self.win.returned.setText(self.tr("Bị trả lại: {0}").format(reasons[0]) if reasons else "")
        self.form.set_editable(self._may_edit(entry))
        self.form.load(entry.fields, entry.ocr, self.page_image)
        if entry.fields:
            self.form.show_findings(self.findings.get(entry.id, []), self._may_accept)
        elif self.form.editable:
            self._learned_prefill(entry.id)
        self.refresh_population()

    # -- population extract, learnt prefill and completions (all read on the pool) -----------------------
    def refresh_population(self) -> None:
        """The extract's best match for the shown record (the panel is hidden while no extract is loaded)."""
        entry = self.entry()
        if entry is None or self.book is None:
            self.population.hide()
            return
        values, book_type, entry_id = self.form.values() or entry.fields, self.book.book_type, entry.id
        known = self.population_people

        def read() -> tuple[int, object]:
            people = known if known is not None else self.svc.discrepancies.population_size()
            return people, (self.svc.discrepancies.population_match(book_type, values) if people else None)

        def show(found: tuple[int, object]) -> None:
            self.population_people, match = found
            shown = self.entry()
            if not self.population_people or shown is None or shown.id != entry_id:
                self.population.hide()
                return
            self.population.show_match(match)
            self.population.show()

        QueryOp(self.ops, read, success=show).run()

    def _take_population_value(self, field: str, value: str) -> None:
        row = self.form.rows.get(field)
        if row is None or not self.form.editable:
            return
        row.edit.setText(value)
        row.edit.setFocus()
        self._field_left(field)  # saved as a draft like a typed change; the audit names the clerk

    def _note_population_difference(self, field: str, value: str) -> None:
        entry = self.entry()
        if entry is None or not self.keep_draft():
            return
        note, ok = QInputDialog.getText(self.win, self.tr("Ghi sai lệch cho huyện"),
                                        self.tr("Ghi chú (ví dụ: sổ ghi đúng như vậy):"))
        if ok:
            WriteOp(self.ops, self.svc.discrepancies.note_difference, self.actor, entry.id, field, value, note,
                    source=self, changes=Changes.of(entries=[entry.id]),
                    success=lambda _r: self.win.status.message(self.tr("Đã ghi sai lệch vào danh sách gửi huyện."))
                    ).run()

    def _learned_prefill(self, entry_id: int) -> None:
        """The OCR prefill corrected by what approved records taught (core/learning), put into the fields the
        clerk has not touched yet, if the entry is still the one shown."""
        def offer(proposals: dict) -> None:
            shown = self.entry()
            if shown is not None and shown.id == entry_id and not shown.fields:
                self.form.offer(proposals)

        QueryOp(self.ops, self.svc.learning.prefill, self.actor, entry_id, success=offer).run()

    def _completions(self, key: str, text: str) -> None:
        """The likeliest values for the field being typed, asked of the service on the pool."""
        if self.entry() is None or self.book is None:
            return
        QueryOp(self.ops, self.svc.learning.suggest, self.actor, self.book.id, key, text,
                success=lambda found: self.form.offer_completions(key, text, [g.value for g in found])).run()

    def _update_title(self) -> None:
        entry = self.entry()
        if entry is None:
            return
        self.win.entry_title.setText(self.tr("Mục {0}/{1} — {2}").format(
            self.current + 1, len(self.entries), self.tr(STATUS_LABELS.get(entry.status, entry.status))))
        self.win.entry_pdf.setText(Path(entry.pdf).name)

    def _may_edit(self, entry: EntryInfo) -> bool:
        """Mirrors the core's rule, so the form is read-only where a save would be refused."""
        return self.actor.may("enter") and lifecycle.editable(entry.status, self.actor.may("review"))

    def _may_accept(self, finding: Finding) -> bool:
        """Who may accept a finding as the book really says it (the core checks again)."""
        if not lifecycle.acceptable(finding) or not self.actor.may("enter"):
            return False
        return not lifecycle.accepted_by_reviewer_only(finding) or self.actor.may("review")

    # -- refreshing from changes --------------------------------------------------------------------------
    def _changed(self, changes: Changes, _source: object) -> None:
        if self.page is None:
            return
        if (self.page.id in changes.pages or changes.entries & {e.id for e in self.entries}
                or (self.book is not None and self.book.id in changes.books)):
            self.refresh()

    def refresh(self) -> None:
        """Fresh statuses, versions, PDF names, findings and boxes of the open page; the image stays."""
        if self.page is None:
            return
        asked, page_id = self.asked, self.page.id
        QueryOp(self.ops, load_page_bundle, self.svc, self.actor, page_id, False,
                success=lambda b: self._refreshed(b) if asked == self.asked else None).run()

    def _refreshed(self, bundle: PageBundle) -> None:
        if bundle.page.status == PageStatus.DELETED or (self.book and bundle.page.book_id != self.book.id):
            return  # the page left this book: the page list opens another one
        shown = self.entry()
        old = {e.id: e for e in self.entries}
        self.page, self.findings, self.reasons = bundle.page, bundle.findings, bundle.reasons
        self._show_mismatch()
        fresh = bundle.entries
        for e in fresh:
            if e.id in old:
                e.ocr = old[e.id].ocr or e.ocr
        boxes_moved = [(e.id, e.polygon) for e in fresh] != [(e.id, e.polygon) for e in self.entries]
        same_ids = [e.id for e in fresh] == [e.id for e in self.entries]
        self.entries = fresh
        if not same_ids and self.page_image is not None:  # a box added or deleted: the boxes are drawn again
            self.view.show_page(self.page_image, [(e.id, polygon_to_rect(e.polygon)) for e in fresh])
        elif boxes_moved:
            pass  # a drag already moved the box on screen; undo puts it back the same way
        ids = [e.id for e in fresh]
        if shown is not None and shown.id in ids:
            self.current = ids.index(shown.id)
            now = fresh[self.current]
            if self.form.dirty():
                self._update_title()  # what the clerk is typing stays in the form
            elif now.version != shown.version or now.status != shown.status or now.fields != shown.fields:
                self._load_form()
            else:
                self._update_title()
                if now.fields:
                    self.form.show_findings(self.findings.get(now.id, []), self._may_accept)
            if not same_ids:
                self.view.select_entry(now.id)
        elif fresh:
            self.current = -1
            self.show_entry(min(max(0, self.current), len(fresh) - 1))
        else:
            self.current = -1
            self._nothing(self.tr("Trang chưa có mục nào"))
        if self.added_entry in ids:
            added, self.added_entry = self.added_entry, None
            self.show_entry(ids.index(added))

    # -- saving -----------------------------------------------------------------------------------------
    def _save_op(self, entry: EntryInfo, values: dict[str, str], expected_version: int | None = None,
                 submit: bool = False, **kw) -> WriteOp:  # noqa: ANN003
        """A save on the write queue. Saves queued one after another from this window (a field left, then
        Ctrl+S) name the version the previous one wrote: they build on each other, not conflict."""
        page_id, entry_id, svc, actor = entry.page_id, entry.id, self.svc, self.actor

        def save() -> SaveResult:
            expected = expected_version
            if expected is not None:
                expected = max(expected, self.written.get(entry_id, 0))
            result = svc.records.save(actor, entry_id, values, submit=submit, replace=True,
                                     expected_version=expected)
            self.written[entry_id] = result.entry.version  # read by the next save, on this same write thread
            return result

        return WriteOp(self.ops, save, source=self, mine=values,
                       changes=Changes.of(entries=[entry_id], pages=[page_id]), **kw)

    def keep_draft(self, ask: bool = True) -> bool:
        """Saves the shown entry's unsaved edits before the clerk moves elsewhere (waiting for the write
        queue, the window painting but taking no input); True when it is fine to move on. If the save is
        refused, the clerk chooses between staying and dropping the edits."""
        entry = self.entry()
        if entry is None or not self.form.dirty():
            return True
        values = self.form.values()
        if self.saving is not None and self.saving[:2] == (entry.id, values) and not self.saving[2].finished:
            op = self.saving[2]  # that very save is already queued: wait for it
        else:
            op = self._save_op(entry, values, where=SILENT).run()
        try:
            result = op.wait()
        except Exception as exc:  # noqa: BLE001 - the clerk decides what happens to the edits
            message = error_text(exc, values)
            if not ask:
                self.win.status.message(self.tr("Chưa lưu được mục {0}: {1}").format(self.current + 1, message))
                return True
            return self.win._ask_discard(message)
        self._saved(result, entry, values)
        self.win.status.message(self.tr("Đã tự lưu bản nháp mục {0}").format(self.entries.index(entry) + 1
                                                                          if entry in self.entries else ""))
        return True

    def _saved(self, result: SaveResult, entry: EntryInfo, values: dict[str, str]) -> bool:
        """Puts a save's answer in place; True when that entry is still the one shown."""
        result.entry.ocr = entry.ocr
        index = next((i for i, e in enumerate(self.entries) if e.id == entry.id), -1)
        if index < 0:
            return False
        self.entries[index] = result.entry
        self.findings[entry.id] = result.findings
        if index != self.current:
            return False
        if self.form.values() == values:
            self.form.mark_saved()
        else:
            self.form.saved = dict(values)  # typed on meanwhile: those later keys stay unsaved
        self._update_title()
        self.refresh_population()
        return True

    def _field_left(self, key: str) -> None:
        """Leaving a changed field saves the draft; only that field's findings are shown (the clerk has
        not reached the others yet)."""
        entry = self.entry()
        if entry is None or not self.form.dirty():
            return
        values = self.form.values()

        def done(result: SaveResult) -> None:
            if self._saved(result, entry, values):
                self.form.show_findings(result.findings, self._may_accept, only={key})

        op = self._save_op(entry, values, where=STATUS, success=done).run()
        self.saving = (entry.id, values, op)

    def save_record(self, submit: bool = False) -> None:
        entry = self.entry()
        if entry is None:
            return
        if not self._may_edit(entry):
            tell(self.win, self.tr("Mục này đã được phê duyệt; chỉ người phê duyệt mới sửa được."))
            return
        values = self.form.values()

        def done(result: SaveResult) -> None:
            if not self._saved(result, entry, values):
                return
            self.form.show_findings(result.findings, self._may_accept)
            number = self.current + 1
            self.win.status.message(self.tr("Đã gửi duyệt mục {0}").format(number) if submit
                                    else self.tr("Đã lưu mục {0}").format(number))
            if not lifecycle.blocks_approval(result.findings):  # the core's rule, not a second one here
                self.next_entry()

        def conflict(exc: BaseException) -> None:
            if isinstance(exc, Conflict):  # the next save merges onto the other desk's version
                entry.version = exc.version

        op = self._save_op(entry, values, submit=submit, expected_version=entry.version or None,
                           success=done, failure=conflict).run()
        self.saving = (entry.id, values, op)

    def accept_finding(self, finding: Finding) -> None:
        """The book really says it: the finding is accepted with a reason (audited by the core)."""
        entry = self.entry()
        if entry is None or not self.keep_draft():
            return
        reason, ok = QInputDialog.getText(self.win, self.tr("Chấp nhận điểm cần xem"),
                                          self.tr("«{0}»\nLý do chấp nhận (ví dụ: sổ gốc ghi đúng như vậy):")
                                          .format(finding.message))
        if not ok:
            return

        def accept() -> list[Finding]:
            self.svc.review.accept_finding(self.actor, entry.id, finding.code, finding.field, reason)
            return self.svc.records.findings(self.actor, entry.id)

        def done(findings: list[Finding]) -> None:
            self.findings[entry.id] = findings
            if self.entry() is not None and self.entry().id == entry.id:
                self.form.show_findings(findings, self._may_accept)
            self.win.status.message(self.tr("Đã chấp nhận: {0}").format(finding.message))

        WriteOp(self.ops, accept, success=done, source=self,
                changes=Changes.of(entries=[entry.id], pages=[entry.page_id])).run().wait()

    # -- moving ---------------------------------------------------------------------------------------
    def next_entry(self) -> None:
        if self.current + 1 < len(self.entries):
            self.show_entry(self.current + 1)
        else:
            self.win.pager.step(+1)

    def previous_entry(self) -> None:
        if self.current > 0:
            self.show_entry(self.current - 1)
        else:
            self.win.pager.step(-1)

    def _box_selected(self, entry_id: int | None) -> None:
        for i, e in enumerate(self.entries):
            if e.id == entry_id and i != self.current:
                self.show_entry(i)

    # -- box edits: one write each, in the order they were made ----------------------------------------
    def _box_changed(self, entry_id: int, rect: QRectF) -> None:
        before = next((e for e in self.entries if e.id == entry_id), None)
        page_id = before.page_id if before else (self.page.id if self.page else 0)

        def done(result: EntryInfo) -> None:
            if before is not None and Path(result.pdf).name != Path(before.pdf).name:  # the clerk sees the new name
                self.win.status.message(self.tr("Khung đã sửa; tệp PDF mới: {0}").format(Path(result.pdf).name))

        # The box as this desk last saw it: another desk's change meanwhile is refused, and its box shown.
        WriteOp(self.ops, self._versioned(entry_edit.set_box, entry_id), self.svc, self.actor, entry_id,
                rect_to_polygon(rect), source=self, changes=Changes.of(entries=[entry_id], pages=[page_id]),
                success=done, failure=self._box_refused, label=self.tr("Đang cắt lại mục…")).run()

    def _box_added(self, rect: QRectF) -> None:
        if self.page is None:
            return
        def added(entry: EntryInfo) -> None:  # Ctrl+N then typing (or Delete) acts on the new box, not the old one
            self.added_entry = entry.id

        WriteOp(self.ops, entry_edit.add_box, self.svc, self.actor, self.page.id, rect_to_polygon(rect),
                source=self, changes=lambda e: Changes.of(entries=[e.id], pages=[e.page_id]), success=added,
                label=self.tr("Đang thêm mục…")).run()

    def _box_deleted(self, entry_id: int) -> None:
        if self.page is None:
            return
        WriteOp(self.ops, self._versioned(entry_edit.delete_box, entry_id), self.svc, self.actor, entry_id,
                source=self, changes=Changes.of(entries=[entry_id], pages=[self.page.id]),
                failure=self._box_refused).run()

    def _versioned(self, fn, entry_id: int):  # noqa: ANN001, ANN202
        """The box edit naming the box version this window knows when the edit runs: the one on screen, or the
        one an earlier drag of this window wrote (two quick drags build on each other; another desk's is refused)."""
        shown = next((e.box_version for e in self.entries if e.id == entry_id), None)

        def run(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            expected = max(shown, self.box_written.get(entry_id, 0)) if shown is not None else None
            result = fn(*args, expected_version=expected, **kwargs)
            if result is not None and getattr(result, "box_version", None) is not None:
                self.box_written[entry_id] = result.box_version
            return result

        return run

    def _box_refused(self, _exc: BaseException) -> None:
        """The message is said by the operations layer; the page is drawn again as the store has it."""
        if self.page is not None:
            self.open_page(self.page.id, max(0, self.current))

    def ask_discard(self, message: str) -> bool:
        box = QMessageBox(QMessageBox.Warning, self.tr("Chưa lưu được"),
                          self.tr("Không lưu được các thay đổi của mục này: {0}").format(message), parent=self.win)
        stay = box.addButton(self.tr("Ở lại để sửa"), QMessageBox.RejectRole)
        box.addButton(self.tr("Bỏ các thay đổi"), QMessageBox.DestructiveRole)
        box.setDefaultButton(stay)
        box.exec()
        if box.clickedButton() is stay:
            return False
        self.form.mark_saved()  # dropped on purpose
        return True
