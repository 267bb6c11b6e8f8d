"""Issue 17 (2): the audit chain vouches for records and roles, and anchors outside the database show a
deleted or re-chained tail."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select, text

from hotich_desktop.core import audit
from hotich_desktop.core.errors import PermissionDenied, Refused
from hotich_desktop.core.export.outbox import export_book
from hotich_desktop.core.records_hash import content_hash
from hotich_desktop.core.store.models import AuditEvent, Record
from tests.cli.test_contracts import hotich
from tests.core.export.synthetic import approved_book


def _forge(svc, entry_id: int, **changes: str) -> None:
    """A row changed behind the app's back, with the app's own hash recomputed in both columns."""
    with svc.store.session() as s:
        rec = s.scalar(select(Record).where(Record.entry_id == entry_id))
        fields = dict(rec.fields, **changes)
        rec.fields, rec.content_hash, rec.approved_hash = fields, content_hash(fields), content_hash(fields)


def test_a_row_changed_behind_the_apps_back_is_not_exported(service, tmp_path: Path) -> None:
    book_id, boss, _, ids = approved_book(service, 3)
    _forge(service, ids[1], ho_ten="Kẻ Mạo Danh")
    with pytest.raises(Refused, match=rf"sửa ngoài ứng dụng.*mục {ids[1]} \(số 2\)"):
        export_book(service, boss, book_id, tmp_path / "out")
    assert not (tmp_path / "out" / "KS.1998.01.xa-Demo").exists()
    report = service.audit.verify()
    assert not report.ok and any(f"mục {ids[1]}" in p for p in report.problems)


def test_the_package_names_the_approver_the_chain_knows(service, tmp_path: Path) -> None:
    book_id, boss, clerk, ids = approved_book(service, 2)
    with service.store.session() as s:  # the decision table says the clerk approved
        s.execute(text("UPDATE review_decisions SET reviewer_id = :c"), {"c": clerk.id})
    folder = export_book(service, boss, book_id, tmp_path / "out").package
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["approved_by"] == "hoa"
    assert manifest["audit_head"]["id"] > 0 and len(manifest["audit_head"]["hash"]) == 64


def test_a_role_raised_in_the_users_table_is_refused(service) -> None:
    admin = service.create_user(None, "admin", "matkhau-admin", "admin")
    service.create_user(admin, "lan", "matkhau-lan", "clerk")
    with service.store.session() as s:
        s.execute(text("UPDATE users SET role = 'admin' WHERE login = 'lan'"))
    with pytest.raises(PermissionDenied, match="không khớp nhật ký"):
        service.users.login("lan", "matkhau-lan")
    report = service.audit.verify()
    assert not report.ok and any("«lan»" in p for p in report.problems)
    service.users.update(admin, "lan", role="supervisor")  # an admin's real change is vouched for
    assert service.users.login("lan", "matkhau-lan").role.value == "supervisor"
    assert service.audit.verify().ok


def test_deleting_the_tail_is_seen_through_the_anchors(service, tmp_path: Path) -> None:
    book_id, boss, _, _ = approved_book(service, 2)
    folder = export_book(service, boss, book_id, tmp_path / "out").package
    assert service.audit.verify().ok
    anchored = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["audit_head"]["id"]
    with service.store.session() as s:
        s.execute(text("DELETE FROM audit_events WHERE id >= :i"), {"i": anchored})
    plain = service.audit.verify()
    assert not plain.ok and "bị xóa" in plain.reason  # the workspace's own anchor list


def test_rechaining_with_the_apps_own_hash_is_seen_through_an_anchor(service, tmp_path: Path) -> None:
    book_id, boss, _, _ = approved_book(service, 2)
    folder = export_book(service, boss, book_id, tmp_path / "out").package
    (service.workspace.root / "audit-anchors.json").unlink()  # an attacker removes the local list too
    with service.store.session() as s:
        events = list(s.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        events[3].user_login = "ke-gian"
        prev = events[2].hash
        for e in events[3:]:
            e.prev_hash = prev
            e.hash = f"{e.id:064d}"  # placeholders keep the unique hashes apart while rewriting
        s.flush()
        for e in events[3:]:
            e.prev_hash = prev
            e.hash = audit._digest(e)
            prev = e.hash
    assert service.audit.verify().ok  # the chain alone cannot tell
    from hotich_desktop.core import anchors

    report = service.audit.verify([anchors.parse(str(folder))])
    assert not report.ok and "viết lại" in report.reason


def test_audit_verify_anchor_on_the_command_line(sqlite_service, tmp_path: Path) -> None:
    book_id, boss, _, _ = approved_book(sqlite_service, 2)
    folder = export_book(sqlite_service, boss, book_id, tmp_path / "out").package
    ws = ["--data-dir", str(sqlite_service.workspace.root)]
    assert hotich(*ws, "audit", "verify", "--anchor", str(folder)).returncode == 0
    anchored = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["audit_head"]["id"]
    with sqlite_service.store.session() as s:  # the tail from the anchored event on
        s.execute(text("DELETE FROM audit_events WHERE id >= :i"), {"i": anchored})
    (sqlite_service.workspace.root / "audit-anchors.json").unlink()
    proc = hotich(*ws, "audit", "verify", "--anchor", str(folder), "--json", check=False)
    assert proc.returncode == 6 and "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["problems"]
