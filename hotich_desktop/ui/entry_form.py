"""The record form beside the page: one row per field, with the OCR value's confidence and image snippet.

Keyboard first: focus selects the whole value (a wrong prefill is replaced by typing), Enter confirms and
moves on, Tab moves too; the window adds PageDown/PageUp and Ctrl+S.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget)

from ..core.forms import FormDef
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
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.dot)
        top.addWidget(self.edit, 1)
        top.addWidget(self.snippet)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addLayout(top)
        box.addWidget(self.note)
        self.note.hide()

    def show_value(self, value: str, conf: float | None, snippet: QPixmap | None) -> None:
        self.edit.setText(value)
        self.edit.setCursorPosition(0)
        colour = confidence_colour(conf)
        self.dot.setStyleSheet(f"color: {colour}; font-size: 16px")
        self.dot.setToolTip(self.tr("Độ tin cậy: {0}").format("—" if conf is None else f"{conf:.0%}"))
        self.snippet.setPixmap(snippet or QPixmap())

    def show_finding(self, message: str) -> None:
        self.note.setText(message)
        self.note.setVisible(bool(message))


class SelectAllOnFocus(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.FocusIn and isinstance(obj, QLineEdit):
            QTimer.singleShot(0, obj.selectAll)
        return False


class EntryForm(QScrollArea):
    confirmed = Signal()  # Enter on the last field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.rows: dict[str, FieldRow] = {}
        self._filter = SelectAllOnFocus(self)
        self.form: FormDef | None = None
        self.setWidget(QWidget())

    def build(self, form: FormDef) -> None:
        if self.form is not None and self.form.book_type == form.book_type:
            return
        self.form = form
        body = QWidget()
        layout = QFormLayout(body)
        layout.setLabelAlignment(Qt.AlignRight)
        self.rows = {}
        for f in form.fields:
            row = FieldRow(f.key, f.max_length)
            row.edit.installEventFilter(self._filter)
            row.edit.returnPressed.connect(lambda key=f.key: self._next(key))
            label = QLabel(f.label + (" *" if f.required else ""))
            label.setBuddy(row.edit)
            layout.addRow(label, row)
            self.rows[f.key] = row
        self.setWidget(body)

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
        first = next(iter(self.rows.values()), None)
        if first:
            first.edit.setFocus()

    def values(self) -> dict[str, str]:
        return {k: r.edit.text().strip() for k, r in self.rows.items() if r.edit.text().strip()}

    def show_findings(self, findings: list[Finding]) -> None:
        messages: dict[str, list[str]] = {}
        for f in findings:
            if not f.accepted:
                messages.setdefault(f.field, []).append(f.message)
        for key, row in self.rows.items():
            row.show_finding(" ".join(messages.get(key, [])))


def _snippet(page: QImage | None, bbox: list[float] | None) -> QPixmap | None:
    if page is None or not bbox:
        return None
    x0, y0, x1, y1 = (int(v) for v in bbox)
    pad = 6
    piece = page.copy(QRect(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad))
    return QPixmap.fromImage(piece.scaledToHeight(32, Qt.SmoothTransformation))
