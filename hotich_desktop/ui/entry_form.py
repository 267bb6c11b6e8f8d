"""The record form beside the page: one row per field, with the OCR value's confidence and image snippet.

Keyboard first: focus selects the whole value (a wrong prefill is replaced by typing), Enter confirms and
moves on (on the last field it sends the record for review), Tab moves too; the window adds PageDown/PageUp
and Ctrl+S. The form remembers what was loaded or last saved, so the window can tell unsaved edits apart
and keep them when the clerk moves on.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

from ..core.records.forms import FormDef
from ..core.views import Finding

LOW, HIGH = 0.6, 0.85


def confidence_colour(conf: float | None) -> str:
    if conf is None:
        return "#9e9e9e"
    return "#2e7d32" if conf >= HIGH else ("#f9a825" if conf >= LOW else "#c62828")


class FieldRow(QWidget):
    def __init__(self, key: str, max_length: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.edit = QLineEdit()
        self.edit.setMaxLength(max_length)
        self.edit.setObjectName(f"field_{key}")
        self.dot = QLabel("●")
        self.dot.setToolTip(self.tr("Độ tin cậy của giá trị đọc tự động"))
        self.snippet = QLabel()
        self.snippet.setFixedHeight(34)
        self.snippet.setFixedWidth(170)
        self.edit.setMinimumWidth(200)
        self.note = QLabel()
        self.note.setStyleSheet("color: #c62828")
        self.note.setWordWrap(True)
        self.accept_button = QPushButton(self.tr("Chấp nhận…"))
        self.accept_button.setToolTip(self.tr("Sổ gốc ghi đúng như vậy: chấp nhận điểm này, kèm lý do"))
        self.accept_button.hide()
        self.findings: list[Finding] = []
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.dot)
        top.addWidget(self.edit, 1)
        top.addWidget(self.snippet)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addLayout(top)
        notes = QHBoxLayout()
        notes.setContentsMargins(0, 0, 0, 0)
        notes.addWidget(self.note, 1)
        notes.addWidget(self.accept_button, 0, Qt.AlignTop)
        box.addLayout(notes)
        self.note.hide()

    def show_value(self, value: str, conf: float | None, snippet: QPixmap | None) -> None:
        self.edit.setText(value)
        self.edit.setCursorPosition(0)
        colour = confidence_colour(conf)
        self.dot.setStyleSheet(f"color: {colour}; font-size: 16px")
        self.dot.setToolTip(self.tr("Độ tin cậy: {0}").format("—" if conf is None else f"{conf:.0%}"))
        self.snippet.setPixmap(snippet or QPixmap())
        self.snippet.setVisible(snippet is not None)  # no empty 170 px gap when nothing was read

    def show_finding(self, message: str, acceptable: list[Finding] | None = None) -> None:
        self.note.setText(message)
        self.note.setVisible(bool(message))
        self.findings = list(acceptable or [])
        self.accept_button.setVisible(bool(self.findings))


class SelectAllOnFocus(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.FocusIn and isinstance(obj, QLineEdit):
            QTimer.singleShot(0, obj.selectAll)
        return False


class EntryForm(QScrollArea):
    confirmed = Signal()  # Enter on the last field
    field_left = Signal(str)  # a field with an unsaved change lost the focus (its key)
    accept_requested = Signal(object)  # the clerk wants to accept this Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # rows wrap and shrink, never run off the edge
        self.rows: dict[str, FieldRow] = {}
        self._filter = SelectAllOnFocus(self)
        self.form: FormDef | None = None
        self.saved: dict[str, str] = {}  # the values as shown or last saved; edits are the difference
        self.editable = True
        self.setWidget(QWidget())

    def build(self, form: FormDef) -> None:
        if self.form is not None and self.form.book_type == form.book_type:
            return
        self.form = form
        body = QWidget()
        outer = QVBoxLayout(body)
        legend = QLabel(self.tr("Chấm màu (độ tin cậy của chữ đọc tự động): "
                                "<span style='color:{0}'>●</span> cao "
                                "<span style='color:{1}'>●</span> vừa, nên xem lại "
                                "<span style='color:{2}'>●</span> thấp, phải kiểm tra "
                                "<span style='color:{3}'>●</span> không đọc được").format(
            confidence_colour(HIGH), confidence_colour(LOW), confidence_colour(0.0), confidence_colour(None)))
        legend.setObjectName("confidence_legend")
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #555")
        outer.addWidget(legend)
        layout = QFormLayout()
        layout.setLabelAlignment(Qt.AlignRight)
        layout.setRowWrapPolicy(QFormLayout.DontWrapRows)
        outer.addLayout(layout)
        outer.addStretch(1)
        self.rows = {}
        for f in form.fields:
            row = FieldRow(f.key, f.max_length)
            row.edit.installEventFilter(self._filter)
            row.edit.returnPressed.connect(lambda key=f.key: self._next(key))
            row.edit.editingFinished.connect(lambda key=f.key: self._left(key))
            row.accept_button.clicked.connect(lambda _checked=False, r=row: self._accept(r))
            label = QLabel(f.label + (" *" if f.required else ""))
            label.setBuddy(row.edit)
            label.setWordWrap(True)
            layout.addRow(label, row)
            self.rows[f.key] = row
        self.setWidget(body)
        self.saved = {}

    def _left(self, key: str) -> None:
        row = self.rows.get(key)
        if row is not None and self.editable and row.edit.text().strip() != self.saved.get(key, ""):
            self.field_left.emit(key)

    def _accept(self, row: FieldRow) -> None:
        for finding in row.findings:
            self.accept_requested.emit(finding)
            return

    def _next(self, key: str) -> None:
        keys = list(self.rows)
        i = keys.index(key)
        if i + 1 < len(keys):
            self.rows[keys[i + 1]].edit.setFocus()
        else:
            self.confirmed.emit()

    def load(self, fields: dict[str, Any], ocr: dict[str, Any], page: QImage | None) -> None:
        for key, row in self.rows.items():
            read = ocr.get(key) or {}
            value = fields.get(key, read.get("value", "")) if fields else read.get("value", "")
            row.show_value(value or "", read.get("confidence") if read else None, _snippet(page, read.get("bbox")))
            row.show_finding("")
        # Only what the user changes after this counts as an edit: paging through untouched OCR prefills
        # must not turn them into entered records.
        self.saved = self.values()
        first = next(iter(self.rows.values()), None)
        if first and self.editable:
            first.edit.setFocus()

    def set_editable(self, editable: bool) -> None:
        """An entry the user may not change is shown read-only, so no edit can be typed and then lost."""
        self.editable = editable
        for row in self.rows.values():
            row.edit.setReadOnly(not editable)

    def values(self) -> dict[str, str]:
        return {k: r.edit.text().strip() for k, r in self.rows.items() if r.edit.text().strip()}

    def dirty(self) -> bool:
        """True when the user changed something since the entry was shown or last saved."""
        return self.editable and self.values() != self.saved

    def mark_saved(self) -> None:
        self.saved = self.values()

    def show_findings(self, findings: list[Finding], may_accept: Callable[[Finding], bool] | None = None,
                      only: set[str] | None = None) -> None:
        """Each open finding beside its field, with "Chấp nhận…" where the user may accept it.
        `only` limits the update to those fields (a field just left), leaving the others as they are."""
        messages: dict[str, list[str]] = {}
        acceptable: dict[str, list[Finding]] = {}
        for f in findings:
            if not f.accepted:
                messages.setdefault(f.field, []).append(f.message)
                if may_accept is not None and may_accept(f):
                    acceptable.setdefault(f.field, []).append(f)
        for key, row in self.rows.items():
            if only is None or key in only:
                row.show_finding(" ".join(messages.get(key, [])), acceptable.get(key))


def _snippet(page: QImage | None, bbox: list[float] | None) -> QPixmap | None:
    if page is None or not bbox:
        return None
    x0, y0, x1, y1 = (int(v) for v in bbox)
    pad = 6
    piece = page.copy(QRect(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad))
    return QPixmap.fromImage(piece.scaledToHeight(32, Qt.SmoothTransformation))
