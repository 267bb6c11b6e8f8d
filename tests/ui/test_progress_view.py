"""Issue 24: the window's progress view — the campaign's summary, the two charts drawn by the core, a row per
book — and the plan set by a supervisor from the province's list."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
from sqlalchemy import select

from hotich_desktop.core.store.models import AuditEvent
from hotich_desktop.ui.report_dialog import KEY, CampaignDialog, ReportDialog
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
    qtbot.waitUntil(lambda: plan.loaded, timeout=30000)
    plan.start.setDate(dt.date.today() - dt.timedelta(days=3))
    plan.end.setDate(dt.date.today() + dt.timedelta(days=20))
    plan.list_path.setText(str(tmp_path / "none.csv"))
    plan.import_list()
    qtbot.waitUntil(lambda: plan.pending == 0 and "none.csv" in plan.message.text(), timeout=30000)  # said
    plan.list_path.setText(str(tmp_path / "so.csv"))
    plan.import_list()
    qtbot.waitUntil(lambda: plan.pending == 0 and plan.grid.rowCount() == 2, timeout=30000)
    assert [b.book_type for b in svc.reports.campaign().books] == ["khai_sinh", "khai_tu"]
    plan.close()

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
        # drawn, not a blank frame: the charts are flat greys now (no hatching), so count what is not paper,
        # and some dark ink (axes, text, the lines) besides
        assert (grey < 250).mean() > 0.03 and (grey < 128).mean() > 0.003
    assert dialog.books.rowCount() == 2 and dialog.books.item(0, 0).text() == "KS 1998 q.1"
    out = dialog.save(".json", str(tmp_path / "gui"))
    qtbot.waitUntil(lambda: dialog.saved == out, timeout=60000)  # written on the read pool
    assert out.suffix == ".json" and '"plan_records": 10' in out.read_text(encoding="utf-8")

    clerk_view = ReportDialog(svc, actor=clerk)
    qtbot.addWidget(clerk_view)
    qtbot.waitUntil(lambda: clerk_view.loaded, timeout=60000)
    assert not clerk_view.plan_button.isEnabled()
    svc.close()


def test_the_plans_books_are_edited_a_row_at_a_time(qtbot, tmp_path: Path, ledgers: Path) -> None:
    """The grid writes each complete row through the write queue (svc.reports.put_book/remove_book),
    says what is wrong with a bad one, and follows a change made elsewhere (the `changed` signal)."""
    from hotich_desktop.core.reports.campaign import PlannedBook
    from hotich_desktop.ui.operations import Ops, WriteOp

    svc, _clerk, _book, _entries = entered_book(tmp_path)
    boss = svc.users.login("kiemtra", "kiemtra123")
    ops = Ops()
    plan = CampaignDialog(svc, boss, ops=ops)
    qtbot.addWidget(plan)
    qtbot.waitUntil(lambda: plan.loaded, timeout=30000)
    assert plan.grid.rowCount() == 0
    plan.add_row()  # before any plan: refused with the reason
    for col, text in enumerate(("Khai sinh", "1998", "1", "120")):
        plan.grid.item(0, col).setText(text)
    qtbot.waitUntil(lambda: plan.pending == 0 and "Chưa có kế hoạch" in plan.message.text(), timeout=30000)
    plan.save_dates()
    qtbot.waitUntil(lambda: plan.pending == 0 and svc.reports.campaign() is not None, timeout=30000)

    plan.add_row()
    for col, text in enumerate(("KS", "1998", "1", "120")):
        plan.grid.item(plan.grid.rowCount() - 1, col).setText(text)
    qtbot.waitUntil(lambda: plan.pending == 0 and plan.grid.rowCount() == 1, timeout=30000)
    assert svc.reports.campaign().books == (PlannedBook("khai_sinh", 1998, "1", 120),)
    plan.grid.item(0, 3).setText("150")  # the expected count of that book, changed in place
    qtbot.waitUntil(lambda: plan.pending == 0 and svc.reports.campaign().books[0].expected == 150, timeout=30000)
    plan.add_row()
    row = plan.grid.rowCount() - 1
    for col, text in enumerate(("Khai tử", "năm ngoái", "2")):
        plan.grid.item(row, col).setText(text)
    assert "không phải số" in plan.message.text() and len(svc.reports.campaign().books) == 1
    plan.grid.item(row, 1).setText("1999")
    qtbot.waitUntil(lambda: plan.pending == 0 and len(svc.reports.campaign().books) == 2, timeout=30000)
    plan.add_row()  # the same book twice: refused, the grid shows the store's two again
    for col, text in enumerate(("KS", "1998", "1")):
        plan.grid.item(plan.grid.rowCount() - 1, col).setText(text)
    qtbot.waitUntil(lambda: plan.pending == 0 and "đã có trong kế hoạch" in plan.message.text(), timeout=30000)
    qtbot.waitUntil(lambda: plan.grid.rowCount() == 2, timeout=30000)

    plan.grid.selectRow(0)
    plan.remove_selected()
    qtbot.waitUntil(lambda: plan.pending == 0 and len(svc.reports.campaign().books) == 1, timeout=30000)
    assert plan.grid.rowCount() == 1 and plan.grid.item(0, 0).data(KEY) == "khai_tu"

    # another panel adds a book through the same queue: this grid follows
    WriteOp(ops, svc.reports.put_book, boss, PlannedBook("ket_hon", 2001, "3", None)).run()
    qtbot.waitUntil(lambda: plan.grid.rowCount() == 2, timeout=30000)
    with svc.store.session() as s:
        events = set(s.scalars(select(AuditEvent.action)))
    assert {"campaign_set", "campaign_book_set", "campaign_book_remove"} <= events
    plan.close()
    ops.close()
    svc.close()
