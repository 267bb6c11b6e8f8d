"""Issue 24: the window's progress view — the campaign's summary, the two charts drawn by the core, a row per
book — and the plan set by a supervisor from the province's list."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np

from hotich_desktop.ui.report_dialog import CampaignDialog, ReportDialog
from tests.ui.test_review_outbox import entered_book


def test_progress_tab_shows_charts_and_the_plan(qtbot, tmp_path: Path, ledgers: Path) -> None:
    svc, clerk, book, entries = entered_book(tmp_path)
    boss = svc.users.login("kiemtra", "kiemtra123")
    svc.review.approve(boss, entries[0].id)
    with open(tmp_path / "so.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["Loại sổ", "Năm", "Quyển", "Số hồ sơ dự kiến"], ["KS", 1998, 1, 10],
                                  ["Khai tử", 1998, 1, ""]])
    plan = CampaignDialog(svc, boss)
    qtbot.addWidget(plan)
    plan.start.setDate(dt.date.today() - dt.timedelta(days=3))
    plan.end.setDate(dt.date.today() + dt.timedelta(days=20))
    plan.list_path.setText(str(tmp_path / "none.csv"))
    assert not plan.save() and plan.message.text()  # a missing list is said, not raised
    plan.list_path.setText(str(tmp_path / "so.csv"))
    assert plan.save()
    assert [b.book_type for b in svc.reports.campaign().books] == ["khai_sinh", "khai_tu"]

    dialog = ReportDialog(svc, actor=boss)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=60000)  # drawn in the background
    assert dialog.plan_button.isEnabled()
    assert "kế hoạch 10 hồ sơ" in dialog.summary.text() and "1 đã duyệt" in dialog.summary.text()
    for label in (dialog.daily_chart, dialog.book_chart):
        image = label.pixmap().toImage()
        assert image.width() > 600
        grey = np.array([[image.pixelColor(x, y).lightness() for x in range(0, image.width(), 4)]
                         for y in range(0, image.height(), 4)])
        assert (grey < 128).mean() > 0.01  # drawn, not an empty frame
    assert dialog.books.rowCount() == 2 and dialog.books.item(0, 0).text() == "KS 1998 q.1"
    out = dialog.save(".json", str(tmp_path / "gui"))
    assert out is not None and out.suffix == ".json" and '"plan_records": 10' in out.read_text(encoding="utf-8")

    clerk_view = ReportDialog(svc, actor=clerk)
    qtbot.addWidget(clerk_view)
    qtbot.waitUntil(lambda: clerk_view.loaded, timeout=60000)
    assert not clerk_view.plan_button.isEnabled()
    svc.close()
