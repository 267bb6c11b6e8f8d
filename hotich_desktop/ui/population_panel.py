"""Beside the form while a record is entered: the person of the population extract most like it and the
fields that differ; the clerk takes a value over into the form or notes the difference for the district."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget


class PopulationPanel(QGroupBox):
    take = Signal(str, str)  # field, the population's value: put it into the form
    note = Signal(str, str)  # field, the population's value: record the difference for the district

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Dữ liệu dân cư"), parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.grid = QGridLayout()
        col = QVBoxLayout(self)
        col.addWidget(self.summary)
        col.addLayout(self.grid)
        self.rows: list[QWidget] = []

    def show_match(self, found: Any) -> None:
        """found: core.discrepancies.views.PopulationMatch or None."""
        for w in self.rows:
            self.grid.removeWidget(w)
            w.deleteLater()
        self.rows = []
        if found is None:
            self.summary.setText(self.tr("Không thấy người nào giống trong dữ liệu dân cư."))
            return
        v = found.values
        self.summary.setText(self.tr("Giống nhất: {0}, sinh {1}, số định danh {2} (điểm {3:.0f}).").format(
            v.get("name", ""), v.get("birth", "") or "?", found.id_number or "?", found.score)
            + ("" if found.differences else " " + self.tr("Không có trường nào khác.")))
        for r, d in enumerate(found.differences):
            label = QLabel(self.tr("{0}: sổ «{1}» — dân cư «{2}»").format(d.label, d.record, d.population))
            label.setWordWrap(True)
            label.setStyleSheet("color: #8a4b00")
            take = QPushButton(self.tr("Lấy giá trị"))
            take.clicked.connect(lambda _=False, f=d.field, p=d.population: self.take.emit(f, p))
            note = QPushButton(self.tr("Ghi sai lệch"))
            note.clicked.connect(lambda _=False, f=d.field, p=d.population: self.note.emit(f, p))
            for c, w in enumerate((label, take, note)):
                self.grid.addWidget(w, r, c)
                self.rows.append(w)
