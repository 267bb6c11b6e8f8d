"""The record form beside the page: one row per field, with the OCR value's confidence and image snippet.

Keyboard first: focus selects the whole value (a wrong prefill is replaced by typing), Enter confirms and
moves on (on the last field it sends the record for review), Tab moves too; the window adds PageDown/PageUp
and Ctrl+S. The form remembers what was loaded or last saved, so the window can tell unsaved edits apart
and keep them when the clerk moves on.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QApplication, QCompleter, QFormLayout, QGraphicsView, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from ..core.records.forms import FormDef
from ..core.views import Finding

LOW, HIGH = 0.6, 0.85


def confidence_colour(conf: float | None) -> str:
    if conf is None:
        return "#9e9e9e"
    return "#2e7d32" if conf >= HIGH else ("#f9a825" if conf >= LOW else "#c62828")


SEVERITY_COLOURS = {"error": "#c62828", "warning": "#b26a00"}  # red, amber


class FieldRow(QWidget):
    def __init__(self, key: str, max_length: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.edit = QLineEdit()
        self.edit.setMaxLength(max_length)
        self.edit.setObjectName(f"field_{key}")
        # The likeliest values (what this book and office wrote, core/learning) as the clerk types: the list
        # comes from the service, already matched without accents, so Qt shows it as it is.
        self.completions = QStringListModel(self)
        self.completer = QCompleter(self.completions, self)
        self.completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.edit.setCompleter(self.completer)
        self.dot = QLabel("●")
        self.dot.setToolTip(self.tr("Độ tin cậy của giá trị đọc tự động"))
        self.snippet = QLabel()
        self.snippet.setFixedHeight(34)
        # On a narrow form (1366 px screen) the picture gives way, never the field: a fixed 170 px beside a
        # 200 px minimum field overlapped the end of what the clerk typed. It shows its left part, down to 40 px.
        self.snippet.setMinimumWidth(40)
        self.snippet.setMaximumWidth(170)
        self.snippet.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self.snippet.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.edit.setMinimumWidth(150)
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

    def show_value(self, value: str, conf: float | None, snippet: QPixmap | None, why: str = "",
                   ocr_value: str | None = None) -> None:
        self.show_proposal(value, conf, why, ocr_value)
        self.snippet.setPixmap(snippet or QPixmap())
        self.snippet.setVisible(snippet is not None)  # no empty 170 px gap when nothing was read

    def show_proposal(self, value: str, conf: float | None, why: str = "", ocr_value: str | None = None) -> None:
        """The value and why it was proposed (OCR, the office's approved records, the book's order)."""
        self.edit.setText(value)
        self.edit.setCursorPosition(0)
        colour = confidence_colour(conf)
        self.dot.setStyleSheet(f"color: {colour}; font-size: 16px")
        tip = self.tr("Độ tin cậy: {0}").format("—" if conf is None else f"{conf:.0%}")
        if why:
            tip += "\n" + self.tr("Nguồn: {0}").format(why)
        if ocr_value is not None and ocr_value != value:
            tip += "\n" + self.tr("Chữ đọc được: «{0}»").format(ocr_value)
        self.dot.setToolTip(tip)
        self.edit.setToolTip(tip if why else "")

    def set_completions(self, values: list[str]) -> None:
        """Shows the likeliest values under the field (nothing when there are none)."""
        self.completions.setStringList(values)
        if values and self.edit.hasFocus():
            self.completer.complete()
        elif not values:
            self.completer.popup().hide()

    def show_finding(self, message: str, acceptable: list[Finding] | None = None, severity: str = "") -> None:
        """The message beside the value; the field framed red (an error) or amber (a warning). A field a
        finding also points to (the child's birth date beside the father's age) is framed without a message."""
        colour = SEVERITY_COLOURS.get(severity or ("error" if message else ""), "")
        self.note.setText(message)
        self.note.setStyleSheet(f"color: {colour or SEVERITY_COLOURS['error']}")
        self.note.setVisible(bool(message))
        self.edit.setStyleSheet(f"QLineEdit {{ border: 2px solid {colour}; }}" if colour else "")
        self.edit.setProperty("severity", severity)
        self.findings = list(acceptable or [])
        self.accept_button.setVisible(bool(self.findings))


class SelectAllOnFocus(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.FocusIn and isinstance(obj, QLineEdit):
            QTimer.singleShot(0, obj.selectAll)
        return False


LABEL_WIDTH = 150  # the labels' column (px): the longest labels take two or three lines


class EntryForm(QScrollArea):
    confirmed = Signal()  # Enter on the last field
    field_left = Signal(str)  # a field with an unsaved change lost the focus (its key)
    accept_requested = Signal(object)  # the clerk wants to accept this Finding
    completions_wanted = Signal(str, str)  # (field key, text so far): the window asks the service

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # rows wrap and shrink, never run off the edge
        self.rows: dict[str, FieldRow] = {}
        self._filter = SelectAllOnFocus(self)
        self.form: FormDef | None = None
        self.saved: dict[str, str] = {}  # the values as shown or last saved; edits are the difference
        self.editable = True
        self._typed: tuple[str, str] | None = None
        self._ask = QTimer(self)
        self._ask.setSingleShot(True)
        self._ask.setInterval(120)  # one question per pause in typing, not one per key
        self._ask.timeout.connect(self._ask_completions)
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
            row.edit.textEdited.connect(lambda text, key=f.key: self._edited(key, text))
            row.accept_button.clicked.connect(lambda _checked=False, r=row: self._accept(r))
            label = QLabel(f.label + (" *" if f.required else ""))
            label.setBuddy(row.edit)
            label.setWordWrap(True)
            # A fixed column and the height its lines need: the form layout gave a wrapped label one line's
            # height, cutting the marks above its letters («Họ va ten ngươi chet»).
            label.setFixedWidth(LABEL_WIDTH)
            label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            label.setMinimumHeight(label.heightForWidth(LABEL_WIDTH))
            layout.addRow(label, row)
            self.rows[f.key] = row
        self.setWidget(body)
        self.saved = {}

    def _left(self, key: str) -> None:
        row = self.rows.get(key)
        if row is not None and self.editable and row.edit.text().strip() != self.saved.get(key, ""):
            self.field_left.emit(key)

    def _edited(self, key: str, text: str) -> None:
        if self.editable and text.strip():
            self._typed = (key, text)
            self._ask.start()
        else:
            self.rows[key].set_completions([])

    def _ask_completions(self) -> None:
        if self._typed is not None:
            self.completions_wanted.emit(*self._typed)

    def offer_completions(self, key: str, text: str, values: list[str]) -> None:
        """Completions the service found for `text`; dropped when the clerk has typed on since."""
        row = self.rows.get(key)
        if row is not None and row.edit.text() == text:
            row.set_completions([v for v in values if v != text])

    def offer(self, proposals: dict[str, Any]) -> None:
        """Better prefill values (core/learning) for fields the clerk has not touched since they were shown."""
        for key, row in self.rows.items():
            got = proposals.get(key)
            if not got or row.edit.text().strip() != self.saved.get(key, ""):
                continue
            value = str(got.get("value") or "")
            row.show_proposal(value, got.get("confidence"), str(got.get("why") or ""), got.get("ocr_value"))
            self.saved[key] = value.strip()
        self.saved = {k: v for k, v in self.saved.items() if v}

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
            # A saved record holds every value the clerk kept: a key missing from it was cleared, so the OCR
            # reading must not come back in its place (it stays in the tooltip and the snippet).
            value = fields.get(key, "") if fields else read.get("value", "")
            row.show_value(value or "", read.get("confidence") if read else None, _snippet(page, read.get("bbox")),
                           str(read.get("why") or "") if not fields else "", read.get("ocr_value"))
            row.show_finding("")
        # Only what the user changes after this counts as an edit: paging through untouched OCR prefills
        # must not turn them into entered records.
        self.saved = self.values()
        first = next(iter(self.rows.values()), None)
        # A box clicked on the page keeps the focus there: Delete then deletes the box, not the entry's number.
        if first and self.editable and not isinstance(QApplication.focusWidget(), QGraphicsView):
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
        severity: dict[str, str] = {}
        for f in findings:
            if not f.accepted:
                messages.setdefault(f.field, []).append(f.message)
                for key in (f.field, *f.fields):
                    if severity.get(key) != "error":
                        severity[key] = f.severity
                if may_accept is not None and may_accept(f):
                    acceptable.setdefault(f.field, []).append(f)
        for key, row in self.rows.items():
            if only is None or key in only:
                row.show_finding(" ".join(messages.get(key, [])), acceptable.get(key), severity.get(key, ""))


def _snippet(page: QImage | None, bbox: list[float] | None) -> QPixmap | None:
    if page is None or not bbox:
        return None
    x0, y0, x1, y1 = (int(v) for v in bbox)
    pad = 6
    piece = page.copy(QRect(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad))
    return QPixmap.fromImage(piece.scaledToHeight(32, Qt.SmoothTransformation))
