"""The service layer: roles enforced in the core, the review workflow, the hash-chained audit trail."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from hotich_desktop.core.errors import BadInput, PermissionDenied, Refused
from tests.conftest import make_entries


def _entry(service, actor) -> int:
    """A page with one entry, as processing would leave it."""
    return make_entries(service, actor, 1)[0]


GOOD = {"so": "47", "ngay_dang_ky": "12/3/1992", "ho_ten": "cầm diệu thúy", "gioi_tinh": "nữ",
        "ngay_sinh": "ngày 6 tháng 3 năm 1992", "noi_sinh": "Trạm y tế xã Mường Bú", "dan_toc": "thai"}


def test_first_user_needs_no_actor_then_only_admin_adds(service) -> None:
    admin = service.create_user(None, "admin", "matkhau1", "admin")
    with pytest.raises(PermissionDenied):
        service.create_user(None, "lan", "matkhau2", "clerk")
    clerk = service.create_user(admin, "lan", "matkhau2", "clerk")
    with pytest.raises(PermissionDenied):
        service.create_user(clerk, "hoa", "matkhau3", "supervisor")
    assert [u["login"] for u in service.users.list(admin)] == ["admin", "lan"]


def test_passwords_are_hashed_and_failed_logins_slow_down(service) -> None:
    service.create_user(None, "admin", "matkhau1", "admin")
    with service.store.session() as s:
        stored = s.execute(text("SELECT password_hash FROM users")).scalar()
    assert "matkhau1" not in stored and stored.startswith("scrypt$")
    for _ in range(3):
        with pytest.raises(PermissionDenied, match="Sai"):
            service.users.login("admin", "sai")
    with pytest.raises(PermissionDenied, match="thử lại sau"):
        service.users.login("admin", "matkhau1")


def test_clerk_enters_supervisor_approves(service, people) -> None:
    admin, clerk, boss = people
    entry_id = _entry(service, clerk)
    result = service.save_record(clerk, entry_id, GOOD, submit=True)
    assert result.entry.status == "submitted"
    assert result.entry.fields["ho_ten"] == "Cầm Diệu Thúy"
    assert result.entry.fields["ngay_sinh"] == "06/03/1992"
    assert result.entry.fields["gioi_tinh"] == "Nữ"
    assert result.entry.fields["dan_toc"] == "Thái"
    with pytest.raises(PermissionDenied):
        service.review.approve(clerk, entry_id)
    with pytest.raises(PermissionDenied):
        service.review.approve(admin, entry_id)
    assert service.review.approve(boss, entry_id).value.status == "approved"
    actions = _actions(service)
    assert actions.count("denied") == 2 and "review_approve" in actions


def test_supervisor_cannot_approve_own_entry(service, people) -> None:
    _, _, boss = people
    entry_id = _entry(service, boss)
    service.save_record(boss, entry_id, GOOD, submit=True)
    with pytest.raises(Refused, match="tự phê duyệt"):
        service.review.approve(boss, entry_id)


def test_return_needs_a_reason_and_reaches_the_clerk(service, people) -> None:
    _, clerk, boss = people
    entry_id = _entry(service, clerk)
    service.save_record(clerk, entry_id, GOOD, submit=True)
    with pytest.raises(BadInput):
        service.review.return_entry(boss, entry_id, "  ")
    assert service.review.return_entry(boss, entry_id, "Sai ngày sinh").value.status == "returned"
    assert service.review.return_reasons(clerk, entry_id) == ["Sai ngày sinh"]


def test_submit_refused_with_blocking_findings(service, people) -> None:
    _, clerk, _ = people
    entry_id = _entry(service, clerk)
    bad = dict(GOOD, ngay_sinh="31/02/1992")
    with pytest.raises(Refused, match="không phải ngày hợp lệ"):
        service.save_record(clerk, entry_id, bad, submit=True)
    saved = service.save_record(clerk, entry_id, bad)
    assert any(f.code == "bad_date" for f in saved.findings)


def test_unknown_field_is_refused(service, people) -> None:
    _, clerk, _ = people
    with pytest.raises(BadInput, match="khong_co"):
        service.save_record(clerk, _entry(service, clerk), {"khong_co": "x"})


def _actions(service) -> list[str]:
    with service.store.session() as s:
        return list(s.execute(text("SELECT action FROM audit_events ORDER BY id")).scalars())


def test_audit_chain_detects_edit_and_delete(service, people) -> None:
    assert service.audit.verify().ok
    with service.store.session() as s:
        s.execute(text("UPDATE audit_events SET user_login = 'ke-gian' WHERE id = 2"))
    report = service.audit.verify()
    assert not report.ok and report.broken_id == 2


def test_audit_chain_detects_deleted_event(service, people) -> None:
    with service.store.session() as s:
        s.execute(text("DELETE FROM audit_events WHERE id = 2"))
    report = service.audit.verify()
    assert not report.ok and report.broken_id == 3


def test_odd_but_real_record_goes_to_supervisor_who_accepts_it(service, people) -> None:
    _, clerk, boss = people
    entry_id = _entry(service, clerk)
    odd = dict(GOOD, ngay_sinh="20/03/1992")  # born after the registration date: it happens in old books
    result = service.save_record(clerk, entry_id, odd, submit=True)
    assert result.entry.status == "submitted"
    assert [f.code for f in result.findings if f.severity == "error"] == ["birth_after_registration"]
    with pytest.raises(Refused, match="Ngày sinh sau ngày đăng ký"):
        service.review.approve(boss, entry_id)
    with pytest.raises(PermissionDenied):
        service.review.accept_finding(clerk, entry_id, "birth_after_registration", "ngay_sinh", "Sổ gốc ghi vậy")
    service.review.accept_finding(boss, entry_id, "birth_after_registration", "ngay_sinh", "Sổ gốc ghi vậy")
    assert service.review.approve(boss, entry_id).value.status == "approved"
