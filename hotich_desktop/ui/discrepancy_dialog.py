"""The district's discrepancy lists: import (with the province's column mapping), match, resolve line by line
beside the entry's scan, export, and the progress against the 45 days. Also the population extract's import
and purge. Everything goes through `svc.discrepancies`."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QInputDialog, QLabel, QMessageBox, QPushButton, QSplitter, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ..core.roles import Actor
from ..core.service import Service
from .widgets import read_only_table

# error type -> the record field a correction changes
FIELD_OF = {"name": "ho_ten", "birth": "ngay_sinh", "gender": "gioi_tinh", "ethnicity": "dan_toc",
            "nationality": "quoc_tich", "parents": "ho_ten_me"}
SHEETS = "Bảng tính (*.xlsx *.xlsm *.csv *.txt)"


def _message(exc: Exception) -> str:
    return getattr(exc, "message", str(exc))


class MappingDialog(QDialog):
    """Which column holds what: proposed from the header names (or the province's saved mapping), changed
    by the clerk once; the import remembers it for the province."""

    def __init__(self, preview: dict[str, Any], title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.boxes: dict[str, QComboBox] = {}
        form = QFormLayout()
        for key, label in preview["fields"].items():
            box = QComboBox()
            box.addItem(self.tr("(không có)"), "")
            for column in preview["header"]:
                if column:
                    box.addItem(column, column)
            chosen = preview["mapping"].get(key, "")
            box.setCurrentIndex(max(0, box.findData(chosen)))
            self.boxes[key] = box
            form.addRow(label, box)
        notes = QLabel("\n".join(preview["notes"] + [self.tr("{0} dòng dữ liệu.").format(preview["lines"])]))
        notes.setWordWrap(True)
        sample = read_only_table(preview["header"])
        sample.setRowCount(len(preview["rows"]))
        for r, cells in enumerate(preview["rows"]):
            for c, value in enumerate(cells[:len(preview["header"])]):
                sample.setItem(r, c, QTableWidgetItem(value))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(notes)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Vài dòng đầu của tệp:")))
        layout.addWidget(sample, 1)
        layout.addWidget(buttons)
        self.resize(780, 640)

    def mapping(self) -> dict[str, str]:
        return {k: box.currentData() for k, box in self.boxes.items() if box.currentData()}


def ask_mapping(parent: QWidget, svc: Service, path: Path, kind: str) -> dict[str, str] | None:
    try:
        preview = svc.discrepancies.preview(path, kind)
    except Exception as exc:  # noqa: BLE001 - an unreadable file: say why
        QMessageBox.warning(parent, parent.tr("Không đọc được tệp"), _message(exc))
        return None
    title = parent.tr("Ghép cột: {0}").format(path.name)
    dialog = MappingDialog(preview, title, parent)
    return dialog.mapping() if dialog.exec() == QDialog.Accepted else None


class DiscrepancyDialog(QDialog):
    open_entry = Signal(int)  # show the entry's scan and form in the main window
    changed = Signal(object)  # core.changes.Changes of a resolution that saved a record

    def __init__(self, svc: Service, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc, self.actor = svc, actor
        self.lines: list[Any] = []
        self.setWindowTitle(self.tr("Danh sách sai lệch hộ tịch – dân cư"))
        self.list_box = QComboBox()
        self.list_box.currentIndexChanged.connect(self.load_lines)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Danh sách:")))
        top.addWidget(self.list_box, 1)
        may = actor.may("discrepancies")
        for text, slot, allowed in ((self.tr("Nhập danh sách…"), self.import_list, may),
                                    (self.tr("Ghép với hồ sơ"), self.match, may),
                                    (self.tr("Xuất kết quả…"), self.export, True)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setEnabled(allowed)
            top.addWidget(button)
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        self.table = read_only_table([self.tr("Dòng"), self.tr("Loại sai lệch"), self.tr("Đơn vị"), self.tr("Họ tên"),
                                      self.tr("Ngày sinh"), self.tr("CSDL hộ tịch"), self.tr("CSDL dân cư"),
                                      self.tr("Hồ sơ"), self.tr("Kết quả")], 3)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_line(row))
        self.candidates = read_only_table([self.tr("Hồ sơ"), self.tr("Điểm"), self.tr("Vì sao")], 2)
        self.candidates.cellDoubleClicked.connect(lambda row, _c: self._open_candidate(row))
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextSelectableByMouse)
        actions = QHBoxLayout()
        for text, slot in ((self.tr("Xem bản quét"), lambda: self._open_candidate(self.candidates.currentRow())),
                           (self.tr("Sổ đúng: CSDL dân cư sai"), lambda: self.resolve("population_wrong")),
                           (self.tr("Nhập sai: sửa hồ sơ…"), lambda: self.resolve("record_corrected")),
                           (self.tr("Không có trong sổ"), lambda: self.resolve("not_in_books")),
                           (self.tr("Mở lại"), lambda: self.resolve(""))):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setEnabled(may or text == self.tr("Xem bản quét"))
            actions.addWidget(button)
        lower = QWidget()
        lower_col = QVBoxLayout(lower)
        lower_col.addWidget(self.detail)
        lower_col.addWidget(QLabel(self.tr("Hồ sơ ứng viên (nhấp đúp để xem bản quét):")))
        lower_col.addWidget(self.candidates, 1)
        lower_col.addLayout(actions)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([420, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(split, 1)
        self.resize(1100, 760)
        self.reload()

    # -- lists ----------------------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        current = select if select is not None else self.list_box.currentData()
        self.list_box.blockSignals(True)
        self.list_box.clear()
        for x in self.svc.discrepancies.lists():
            self.list_box.addItem(self.tr("{0} — {1}/{2} đã xử lý, hạn {3}").format(
                x.name, x.resolved, x.lines, x.deadline.strftime("%d/%m/%Y")), x.id)
        index = self.list_box.findData(current)
        self.list_box.setCurrentIndex(index if index >= 0 else self.list_box.count() - 1)
        self.list_box.blockSignals(False)
        self.load_lines()

    def list_id(self) -> int | None:
        return self.list_box.currentData()

    def import_list(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Danh sách sai lệch của huyện"), "", self.tr(SHEETS))
        if not name:
            return
        path = Path(name)
        mapping = ask_mapping(self, self.svc, path, "discrepancy")
        if mapping is None:
            return
        try:
            report = self.svc.discrepancies.import_list(self.actor, path, mapping=mapping).value
            self.svc.discrepancies.save_mapping(self.actor, "discrepancy", mapping)
        except Exception as exc:  # noqa: BLE001 - nothing was imported; say why
            QMessageBox.warning(self, self.tr("Chưa nhập được"), _message(exc))
            return
        QMessageBox.information(self, self.tr("Đã nhập danh sách"), report.text())
        self.reload(report.list_id)
        self.match()

    def match(self) -> None:
        list_id = self.list_id()
        if list_id is None:
            return
        try:
            report = self.svc.discrepancies.match(self.actor, list_id).value
        except Exception as exc:  # noqa: BLE001
            QMessageBox.warning(self, self.tr("Chưa ghép được"), _message(exc))
            return
        self.load_lines()
        self.progress.setText(report.text() + "\n" + self.progress.text())

    def export(self) -> None:
        list_id = self.list_id()
        if list_id is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Xuất kết quả xử lý"), "ket-qua-xu-ly.xlsx",
                                              self.tr("Excel (*.xlsx)"))
        if not name:
            return
        if not name.lower().endswith(".xlsx"):
            name += ".xlsx"
        try:
            out = self.svc.discrepancies.export(self.actor, list_id, Path(name)).value
        except Exception as exc:  # noqa: BLE001
            QMessageBox.warning(self, self.tr("Chưa xuất được"), _message(exc))
            return
        QMessageBox.information(self, self.tr("Đã xuất"), str(out))

    # -- lines ----------------------------------------------------------------------------------------
    def load_lines(self) -> None:
        list_id = self.list_id()
        self.lines = self.svc.discrepancies.lines(list_id) if list_id is not None else []
        self.table.setRowCount(len(self.lines))
        for r, x in enumerate(self.lines):
            self._fill_row(r, x)
        self.show_progress()
        if self.lines:
            self.table.selectRow(0)
        else:
            self.show_line(-1)

    def _fill_row(self, r: int, x: Any) -> None:
        f = x.fields
        cells = (str(x.row), x.error_label, x.unit, f.get("name", ""), f.get("birth", ""), f.get("value_hotich", ""),
                 f.get("value_population", ""), f"{x.entry_id} ({x.score:.0f})" if x.entry_id else "—",
                 self.tr(x.resolution_label))
        for c, value in enumerate(cells):
            self.table.setItem(r, c, QTableWidgetItem(value))

    def show_progress(self) -> None:
        list_id = self.list_id()
        if list_id is None:
            self.progress.setText(self.tr("Chưa có danh sách nào: nhập danh sách của huyện (Excel hoặc CSV)."))
            return
        p = self.svc.discrepancies.progress(list_id)
        late = (self.tr("quá hạn {0} ngày").format(-p.days_left) if p.days_left < 0
                else self.tr("còn {0} ngày").format(p.days_left))
        by_type = ", ".join(f"{k} {d}/{n}" for k, (n, d) in p.by_error_type.items())
        by_unit = ", ".join(f"{k} {d}/{n}" for k, (n, d) in p.by_unit.items())
        self.progress.setText(self.tr("Đã xử lý {0}/{1}; hạn {2} ({3}).\nTheo loại: {4}\nTheo đơn vị: {5}").format(
            p.resolved, p.lines, p.deadline.strftime("%d/%m/%Y"), late, by_type, by_unit))

    def current(self) -> Any:
        row = self.table.currentRow()
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def show_line(self, row: int) -> None:
        x = self.lines[row] if 0 <= row < len(self.lines) else None
        self.candidates.setRowCount(0)
        if x is None:
            self.detail.setText("")
            return
        shown = "; ".join(f"{k}: {v}" for k, v in x.fields.items())
        self.detail.setText(self.tr("Dòng {0} — {1} ({2}). {3}{4}").format(
            x.row, x.error_label, x.error_text, shown, ("\n" + self.tr("Ghi chú: ") + x.note) if x.note else ""))
        self.candidates.setRowCount(len(x.candidates))
        for r, c in enumerate(x.candidates):
            for col, value in enumerate((str(c["entry_id"]), f"{c['score']:.0f}", c.get("why", ""))):
                self.candidates.setItem(r, col, QTableWidgetItem(value))
        if x.candidates:
            chosen = next((r for r, c in enumerate(x.candidates) if c["entry_id"] == x.entry_id), 0)
            self.candidates.selectRow(chosen)

    def _open_candidate(self, row: int) -> None:
        x = self.current()
        if x is not None and 0 <= row < len(x.candidates):
            self.open_entry.emit(int(x.candidates[row]["entry_id"]))
        elif x is not None and x.entry_id:
            self.open_entry.emit(int(x.entry_id))

    def resolve(self, resolution: str) -> None:
        x = self.current()
        if x is None:
            return
        row = self.candidates.currentRow()
        entry_id = int(x.candidates[row]["entry_id"]) if 0 <= row < len(x.candidates) else x.entry_id
        corrections = None
        if resolution == "record_corrected":
            if entry_id is None:
                QMessageBox.information(self, self.windowTitle(), self.tr("Hãy chọn hồ sơ ứng viên trước."))
                return
            key = FIELD_OF.get(x.error_type, "ho_ten")
            value, ok = QInputDialog.getText(self, self.tr("Sửa hồ sơ"), self.tr(
                "Giá trị đúng theo sổ của trường «{0}» (bản sửa được gửi phê duyệt):").format(key),
                text=x.fields.get("value_population", "") or x.fields.get(x.error_type, ""))
            if not ok or not value.strip():
                return
            corrections = {key: value.strip()}
        note, ok = QInputDialog.getText(self, self.tr("Ghi chú xử lý"), self.tr("Ghi chú (không bắt buộc):"),
                                        text=x.note)
        if not ok:
            return
        try:
            done = self.svc.discrepancies.resolve(self.actor, x.id, resolution, note=note, entry_id=entry_id,
                                                  corrections=corrections)
        except Exception as exc:  # noqa: BLE001 - a refused save or a missing record: say why
            QMessageBox.warning(self, self.tr("Chưa xử lý được"), _message(exc))
            return
        row = self.table.currentRow()
        self.lines[row] = done.value
        self._fill_row(row, done.value)
        self.show_progress()
        if done.changes:
            self.changed.emit(done.changes)
        if row + 1 < len(self.lines):
            self.table.selectRow(row + 1)


def import_population(parent: QWidget, svc: Service, actor: Actor) -> bool:
    name, _ = QFileDialog.getOpenFileName(parent, parent.tr("Trích xuất dữ liệu dân cư của xã"), "",
                                          parent.tr(SHEETS))
    if not name:
        return False
    path = Path(name)
    mapping = ask_mapping(parent, svc, path, "population")
    if mapping is None:
        return False
    try:
        report = svc.discrepancies.import_population(actor, path, mapping=mapping).value
        svc.discrepancies.save_mapping(actor, "population", mapping)
    except Exception as exc:  # noqa: BLE001
        QMessageBox.warning(parent, parent.tr("Chưa nhập được"), _message(exc))
        return False
    QMessageBox.information(parent, parent.tr("Đã nhập dữ liệu dân cư"), report.text() + "\n" + parent.tr(
        "Dữ liệu chỉ nằm trong cơ sở dữ liệu; tệp gốc không được chép. Xóa khi xong bằng «Xóa dữ liệu dân cư»."))
    return True


def purge_population(parent: QWidget, svc: Service, actor: Actor) -> bool:
    n = svc.discrepancies.population_size()
    if QMessageBox.question(parent, parent.tr("Xóa dữ liệu dân cư"),
                            parent.tr("Xóa toàn bộ {0} người của dữ liệu dân cư đã nhập? Việc này được ghi nhật ký "
                                      "và không hoàn tác được.").format(n)) != QMessageBox.Yes:
        return False
    try:
        gone = svc.discrepancies.purge_population(actor).value
    except Exception as exc:  # noqa: BLE001
        QMessageBox.warning(parent, parent.tr("Chưa xóa được"), _message(exc))
        return False
    QMessageBox.information(parent, parent.tr("Đã xóa"), parent.tr("Đã xóa {0} người.").format(gone))
    return True
