"""Issue 21 at the window: a finding frames its field red (error) or amber (warning) with the message beside it,
and the check view filters a book's findings by rule, the filter list read from the rule table."""
from __future__ import annotations

from pathlib import Path

from hotich_desktop.core.records.forms import load_form
from hotich_desktop.core.records.rules import rule_titles
from hotich_desktop.core.review.book import ANY_STATUS
from hotich_desktop.core.service import Service
from hotich_desktop.ui.entry_form import SEVERITY_COLOURS, EntryForm
from hotich_desktop.ui.review_panel import ReviewPanel, finding_filters
from tests.conftest import make_entries

BIRTH = {"so": "1", "ngay_dang_ky": "12/03/1992", "ho_ten": "Cầm Diệu Thúy", "gioi_tinh": "Nữ",
         "ngay_sinh": "06/03/1992", "noi_sinh": "Trạm y tế xã Mường Bú", "dan_toc": "Thái",
         "nam_sinh_cha": "1965", "nam_sinh_me": "1970"}


def _now(fn, *args, on_done=None, on_error=None, label=""):  # the window's pool, run on the spot
    on_done(fn(*args))


def test_findings_frame_their_fields_red_or_amber_with_the_message_beside(qtbot, tmp_path: Path) -> None:
    svc = Service.open(tmp_path / "ws")
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    entry = make_entries(svc, clerk, 1)[0]
    odd = dict(BIRTH, nam_sinh_cha="1985", ngay_sinh="06/03/1962", loai_dang_ky="1")  # 7-year-old father, late
    findings = svc.save_record(clerk, entry, odd).findings
    form = EntryForm()
    qtbot.addWidget(form)
    form.build(load_form("khai_sinh"))
    form.load(odd, {}, None)
    form.show_findings(findings)
    father, child, kind = form.rows["nam_sinh_cha"], form.rows["ngay_sinh"], form.rows["loai_dang_ky"]
    assert father.edit.property("severity") == "error" and SEVERITY_COLOURS["error"] in father.edit.styleSheet()
    assert "Cha" in father.note.text() and not father.note.isHidden()
    assert child.edit.property("severity") == "error"  # the birth date the age is counted from, framed too
    assert kind.edit.property("severity") == "warning" and SEVERITY_COLOURS["warning"] in kind.note.styleSheet()
    assert "Quá hạn" in kind.note.text()
    form.show_findings([])
    assert father.edit.styleSheet() == "" and father.note.isHidden()
    svc.close()


def test_the_check_view_filters_a_books_findings_by_rule(qtbot, tmp_path: Path) -> None:
    svc = Service.open(tmp_path / "ws")
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    boss = svc.create_user(admin, "kiemtra", "matkhau-kiemtra", "supervisor")
    ids = make_entries(svc, clerk, 3)
    svc.save_record(clerk, ids[0], BIRTH)
    svc.save_record(clerk, ids[1], dict(BIRTH, so="2", ho_ten="Lò Văn Pó", gioi_tinh="Nam", nam_sinh_me="1918"))  # saved, not sent for review
    svc.save_record(clerk, ids[2], dict(BIRTH, so="3", ho_ten="Lò Thị Ỏn", dan_toc="Kinhh"))
    from hotich_desktop.ui.operations import Ops

    ops = Ops()
    panel = ReviewPanel(svc, boss, ops)  # reads on the window's query pool
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.loaded and ops.busy == 0, timeout=20000)
    offered = [panel.finding.itemData(i) for i in range(panel.finding.count())]
    assert offered == [value for value, _ in finding_filters()]
    assert {rule_id for rule_id, _ in rule_titles()} <= set(offered)  # every rule of the table has its filter
    panel.status.setCurrentIndex(panel.status.findData(ANY_STATUS))
    qtbot.waitUntil(lambda: panel.loaded and ops.busy == 0, timeout=20000)
    panel.finding.setCurrentIndex(panel.finding.findData("mother_age"))
    qtbot.waitUntil(lambda: panel.loaded and ops.busy == 0, timeout=20000)
    assert [r.entry_id for r in panel.rows] == [ids[1]]
    panel.finding.setCurrentIndex(panel.finding.findData("unknown_code"))
    qtbot.waitUntil(lambda: panel.loaded and ops.busy == 0, timeout=20000)
    assert [r.entry_id for r in panel.rows] == [ids[2]] and "Kinh" in panel.table.item(0, 6).text()
    panel.finding.setCurrentIndex(panel.finding.findData("any"))
    qtbot.waitUntil(lambda: panel.loaded and ops.busy == 0, timeout=20000)
    assert [r.entry_id for r in panel.rows] == ids[1:]
    ops.close()
    svc.close()
