"""The office's settings in the store (svc.settings): imported once from the first desk's settings.json, one
office for every desk on a shared store, a stale save refused, rights and audit; this desk's items stay its own.
Each test runs on SQLite and on PostgreSQL (the db_url fixture)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from hotich_desktop.core.errors import BadInput, Conflict, PermissionDenied
from hotich_desktop.core.service import Service
from hotich_desktop.core.store.models import AuditEvent
from hotich_desktop.core.workspace import Workspace


def _desk(root: Path, db_url: str, **file_values) -> Service:
    """A desk whose settings.json (written before its first start) holds `file_values`."""
    root.mkdir(parents=True, exist_ok=True)
    if file_values:
        (root / "settings.json").write_text(json.dumps(file_values, ensure_ascii=False), encoding="utf-8")
    return Service(Workspace(root, db_url))


@pytest.fixture
def office(tmp_path: Path, db_url: str):
    """Desk A (its file names the office and a watched folder), then desk B (its file names another office)."""
    a = _desk(tmp_path / "a", db_url, office_code="17707", office_name="UBND xã Châu Quang", backup_hour=18,
              watch_folders=["/quet/a"])
    b = _desk(tmp_path / "b", db_url, office_code="xa-Khac", office_name="UBND xã Khác", watch_folders=["/quet/b"])
    admin = a.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = a.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    boss = a.create_user(admin, "kiemtra", "matkhau-kiemtra", "supervisor")
    yield a, b, admin, clerk, boss
    a.close()
    b.close()


def _events(svc: Service, action: str) -> list[AuditEvent]:
    with svc.store.session() as s:
        rows = list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))
        s.expunge_all()
        return rows


def test_imported_once_from_the_first_desk_and_seen_by_every_desk(office) -> None:
    a, b, admin, _, _ = office
    for svc in (a, b):
        seen = svc.settings.get()
        assert (seen.office_code, seen.office_name, seen.backup_hour) == ("17707", "UBND xã Châu Quang", 18)
    assert (a.settings.get().watch_folders, b.settings.get().watch_folders) == (["/quet/a"], ["/quet/b"])
    assert len(_events(a, "settings_import")) == 1
    b.settings.ensure_imported()  # a later start imports nothing over the office's rows
    assert len(_events(a, "settings_import")) == 1 and b.settings.get().office_code == "17707"
    book_a = a.books.open(admin, "khai_sinh", 1998, "1").value
    book_b = b.books.open(admin, "khai_sinh", 1998, "1").value
    assert book_a.id == book_b.id and book_b.office_code == "17707"

    a.settings.update(admin, {"office_code": "17708", "office_name": "UBND xã Châu Quang, huyện Quỳ Hợp"})
    assert b.settings.get().office_name == "UBND xã Châu Quang, huyện Quỳ Hợp"
    assert b.books.info(book_a.id).office_code == "17708"  # the store's office row follows its settings
    a.settings.update(admin, {"watch_folders": ["/quet/a2"]})  # this desk's own item: the other desk keeps its own
    assert b.settings.get().watch_folders == ["/quet/b"]
    on_disk = json.loads(a.workspace.settings_path.read_text(encoding="utf-8"))
    assert on_disk["watch_folders"] == ["/quet/a2"] and "office_name" not in on_disk


def test_a_stale_settings_save_is_refused(office) -> None:
    a, b, admin, _, boss = office
    seen_a, seen_b = a.settings.get(), b.settings.get()
    a.settings.update(admin, {"office_name": "UBND xã Một"}, seen_a)
    with pytest.raises(Conflict) as refused:
        b.settings.update(boss, {"office_name": "UBND xã Hai"}, seen_b)
    assert "đã có người sửa mục này" in refused.value.message
    assert refused.value.current["office_name"] == "UBND xã Một" and refused.value.version == 2
    assert a.settings.get().office_name == "UBND xã Một"
    # An item nobody changed meanwhile saves from the same older copy; the form's unchanged items are ignored.
    form = {**seen_b.office_values(), "naming_pattern": "{type}.{year}.{number}.pdf"}
    b.settings.update(boss, form, seen_b)
    now = a.settings.get()
    assert (now.office_name, now.naming_pattern) == ("UBND xã Một", "{type}.{year}.{number}.pdf")
    b.settings.update(boss, {"office_name": "UBND xã Hai"}, b.settings.get())  # merged on top: accepted
    assert a.settings.get().office_name == "UBND xã Hai"


def test_rights_audit_and_bad_values(office) -> None:
    a, _, admin, clerk, boss = office
    with pytest.raises(PermissionDenied):
        a.settings.update(clerk, {"office_name": "UBND xã Ba"})
    with pytest.raises(PermissionDenied):
        a.settings.update(boss, {"backup_hour": 9})  # the backup schedule stays the admin's
    with pytest.raises(PermissionDenied):
        a.settings.update(boss, {"upload_url": "/mnt/huyen"})  # so does the delivery target
    a.settings.update(clerk, {"ocr_enabled": False})  # this desk's own item
    a.settings.update(boss, {"forbid_self_approval": False})
    a.settings.update(admin, {"backup_hour": 9})
    for bad in ({"backup_hour": 30}, {"office_name": "  "}, {"backup_keep": "nhiều"}, {"no_such_item": 1},
                {"watch_folders": "/quet"}):
        with pytest.raises(BadInput):
            a.settings.update(admin, bad)
    events = [(e.user_login, e.after) for e in _events(a, "settings_update")]
    assert events == [("canbo", {"ocr_enabled": False}), ("kiemtra", {"forbid_self_approval": False}),
                      ("admin", {"backup_hour": 9})]
    assert [e.user_login for e in _events(a, "denied")] == ["canbo", "kiemtra", "kiemtra"]
    assert not a.settings.get().forbid_self_approval and a.settings.get().backup_hour == 9
