"""The entry's lifecycle: the moves the clerk and the supervisor make, and the ones refused."""
import pytest

from hotich_desktop.core import lifecycle
from hotich_desktop.core.errors import Refused
from hotich_desktop.core.lifecycle import EntryStatus as S
from hotich_desktop.core.views import Finding


def test_a_record_goes_from_typed_to_exported() -> None:
    status = S.NEW
    for event, expected in (("save", S.ENTERED), ("submit", S.SUBMITTED), ("return", S.RETURNED),
                            ("submit", S.SUBMITTED), ("approve", S.APPROVED), ("export", S.EXPORTED),
                            ("export", S.EXPORTED)):
        status = lifecycle.advance(event, status)
        assert status == expected, event


@pytest.mark.parametrize("event,status", [("approve", S.NEW), ("approve", S.APPROVED), ("export", S.SUBMITTED),
                                          ("export", S.NEW), ("save", S.DELETED), ("delete_page", S.APPROVED)])
def test_moves_not_in_the_table_are_refused_in_vietnamese(event: str, status: S) -> None:
    with pytest.raises(Refused, match="trạng thái «"):
        lifecycle.advance(event, status)


def test_a_supervisor_correction_keeps_the_queue_place_and_reopens_a_locked_record() -> None:
    assert lifecycle.advance("correct", S.RETURNED) == S.RETURNED
    assert lifecycle.advance("correct", S.APPROVED) == S.SUBMITTED
    assert lifecycle.advance("correct", "exported") == S.SUBMITTED


def test_who_may_change_what() -> None:
    assert lifecycle.editable("submitted", may_review=False)
    assert not lifecycle.editable("approved", may_review=False) and lifecycle.editable("approved", may_review=True)
    assert not lifecycle.editable("deleted", may_review=True)
    assert lifecycle.reviewable("returned") and not lifecycle.reviewable("approved")
    assert lifecycle.exportable("exported") and not lifecycle.exportable("entered")
    with pytest.raises(Refused):
        lifecycle.status_of("archived")
    assert lifecycle.label("submitted") == "chờ duyệt" and lifecycle.label("odd") == "odd"


def test_which_findings_stop_which_move() -> None:
    missing = Finding("required", "ho_ten", "Thiếu họ tên", "error", False)
    odd_date = Finding("birth_after_registration", "ngay_sinh", "Sinh sau ngày đăng ký", "error", False)
    odd_accepted = Finding("birth_after_registration", "ngay_sinh", "…", "error", True)
    code_accepted = Finding("unknown_code", "dan_toc", "Mã lạ", "error", True)
    warning = Finding("gender_name", "gioi_tinh", "Giới tính lệch tên đệm", "warning", False)
    assert lifecycle.blocks_submit([missing, odd_date, warning]) == [missing]
    assert lifecycle.blocks_submit([code_accepted]) == [code_accepted]
    assert lifecycle.blocks_approval([odd_date, odd_accepted, warning, code_accepted]) == [odd_date, code_accepted]
    assert lifecycle.open_findings([odd_accepted, warning]) == [warning]
    assert not lifecycle.acceptable(missing) and lifecycle.acceptable(warning)
