"""The desk learns from approvals: lexicon and priors change with each one, survive a restart (a new Service
on the same workspace) and are forgotten when an approval is taken back."""
from __future__ import annotations

from pathlib import Path

import pytest

from hotich_desktop.core.errors import PermissionDenied
from hotich_desktop.core.learning.lexicon import Lexicon
from hotich_desktop.core.learning.priors import Sequence, date_guess
from hotich_desktop.core.learning.refine import refine
from hotich_desktop.core.learning.terms import terms_of
from hotich_desktop.core.service import Service
from hotich_desktop.core.store.models import Record
from hotich_desktop.core.workspace import Workspace
from tests.conftest import make_entries


def birth(n: int, child: str, father: str, mother: str, home: str, day: str = "18/07/1998") -> dict[str, str]:
    return {"so": str(n), "ngay_dang_ky": day, "ho_ten": child, "gioi_tinh": "Nam", "ngay_sinh": "22/06/1998",
            "noi_sinh": "Trạm y tế xã Chiềng Sinh", "dan_toc": "Thái", "ho_ten_cha": father, "ho_ten_me": mother,
            "noi_cu_tru": home, "nguoi_di_khai": f"{father} (cha)"}


HOME = "Bản Củ, xã Chiềng Sinh, huyện Mường La, tỉnh Sơn La"


@pytest.fixture
def desk(tmp_path: Path, db_url: str):
    svc = Service(Workspace(tmp_path / "ws", db_url))
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "lan", "matkhau-lan", "clerk")
    boss = svc.create_user(admin, "hoa", "matkhau-hoa", "supervisor")
    ids = make_entries(svc, clerk, 4, year=1998)
    yield svc, clerk, boss, ids, Workspace(tmp_path / "ws", db_url)
    svc.close()


def _ocr(values: dict[str, tuple[str, float]]) -> dict[str, dict]:
    return {k: {"value": v, "confidence": c, "bbox": [0, 0, 10, 10]} for k, (v, c) in values.items()}


def test_terms_of_a_birth_record() -> None:
    got = terms_of("khai_sinh", birth(1, "Lò Văn Hùng", "Lò Văn Pó", "Cầm Thị Ỏn", HOME))
    assert got["ho\tLò"] == 3 and got["ten\tPó"] == 2 and got["relation\tcha"] == 1
    assert got["part\tBản Củ"] == 1 and got[f"field:noi_cu_tru\t{HOME}"] == 1
    assert got["field:dan_toc\tThái"] == 1 and got["field:gioi_tinh\tNam"] == 1  # coded: whole values only
    assert not any(k.startswith(("field:so", "field:ngay_dang_ky", "field:ngay_sinh")) for k in got)
    assert "part\tThái" not in got and "ten\tThái" not in got


def test_approvals_teach_and_a_restart_keeps_it(desk) -> None:
    svc, clerk, boss, ids, workspace = desk
    book_id = svc.entries.context(clerk, ids[0])[0].id
    assert len(svc.learning.lexicon(book_id)) == 0
    assert svc.learning.suggest(clerk, book_id, "ho_ten_cha", "lo") == []
    svc.save_record(clerk, ids[0], birth(1, "Lò Văn Hùng", "Lò Văn Pó", "Cầm Thị Ỏn", HOME), submit=True)
    assert len(svc.learning.lexicon(book_id)) == 0  # saved is not approved: nothing learned yet
    before = svc.learning.sequence(ids[1])
    svc.review.approve(boss, ids[0])
    lex = svc.learning.lexicon(book_id)
    assert lex.weight("ho", "Lò") > 0 and lex.weight("part", "Bản Củ") > 0
    got = [g.value for g in svc.learning.suggest(clerk, book_id, "ho_ten_cha", "lo van")]
    assert got[0] == "Lò Văn Pó" and set(got) == {"Lò Văn Pó", "Lò Văn Hùng", "Lò Văn"}
    assert svc.learning.suggest(clerk, book_id, "noi_cu_tru", "ban c")[0].value == HOME
    assert svc.learning.sequence(ids[1]).number == 2 and before.number == 2  # a saved record counts too
    assert svc.learning.sequence(ids[1]).after.isoformat() == "1998-07-18"

    # the OCR prefill of the next entry is corrected by what was approved, and says why
    with svc.store.session() as s:
        rec = s.query(Record).filter_by(entry_id=ids[1]).one()
        rec.ocr = _ocr({"so": ("", 0.0), "ho_ten_cha": ("Lo Van Po", 0.6), "noi_cu_tru":
                        ("Ban Cu, xa Chieng Sinh, huyen Muong La, tinh Son La", 0.5)})
    got = svc.learning.prefill(clerk, ids[1])
    assert got["ho_ten_cha"]["value"] == "Lò Văn Pó" and got["ho_ten_cha"]["source"] == "lexicon"
    assert got["ho_ten_cha"]["ocr_value"] == "Lo Van Po" and got["ho_ten_cha"]["why"]
    assert got["noi_cu_tru"]["value"] == HOME
    assert got["so"] == {"value": "2", "confidence": 0.75, "source": "sequence", "why": got["so"]["why"],
                         "ocr_value": "", "bbox": [0, 0, 10, 10]}
    assert got["ngay_dang_ky"]["value"] == "18/07/1998" and got["ngay_dang_ky"]["source"] == "sequence"
    assert got["nguoi_di_khai"]["value"] == "Lò Văn Pó (cha)" and got["nguoi_di_khai"]["source"] == "book"

    svc.save_record(clerk, ids[1], birth(2, "Lò Văn Sơn", "Lò Văn Pó", "Cầm Thị Ỏn", HOME, "20/07/1998"),
                    submit=True)
    svc.review.approve(boss, ids[1])
    assert svc.learning.lexicon(book_id).weight("person", "Lò Văn Pó") == 3 * 4  # twice each, this book x3
    svc.close()

    reopened = Service(workspace)  # a restart: everything learned is in the store
    try:
        lex = reopened.learning.lexicon(book_id)
        assert lex.weight("person", "Lò Văn Pó") == 12 and lex.weight("ten", "Sơn") == 3
        assert reopened.learning.sequence(ids[2]).number == 3
        assert reopened.learning.sequence(ids[2]).after.isoformat() == "1998-07-20"
        # taking an approval back forgets exactly what it taught
        reopened.review.return_entry(boss, ids[1], "sai tên")
        lex = reopened.learning.lexicon(book_id)
        assert lex.weight("ten", "Sơn") == 0 and lex.weight("person", "Lò Văn Pó") == 6
        assert reopened.learning.rebuild(boss, book_id) == {"entries": 1, "terms": len(terms_of(
            "khai_sinh", birth(1, "Lò Văn Hùng", "Lò Văn Pó", "Cầm Thị Ỏn", HOME)))}
        with pytest.raises(PermissionDenied):
            reopened.learning.rebuild(clerk, book_id)
    finally:
        reopened.close()


def test_a_corrected_approval_teaches_its_new_values_once(desk) -> None:
    svc, clerk, boss, ids, _ = desk
    book_id = svc.entries.context(clerk, ids[0])[0].id
    svc.save_record(clerk, ids[0], birth(1, "Lò Văn Hùng", "Lò Văn Pó", "Cầm Thị Ỏn", HOME), submit=True)
    svc.review.approve(boss, ids[0])
    fixed = svc.save_record(boss, ids[0], {"ho_ten": "Lò Văn Hưng"})
    assert fixed.entry.status != "approved"
    assert svc.learning.lexicon(book_id).weight("ten", "Hùng") == 0  # the approval is gone, so is its lesson
    svc.review.approve(boss, ids[0])
    lex = svc.learning.lexicon(book_id)
    assert lex.weight("ten", "Hưng") == 3 and lex.weight("ten", "Hùng") == 0 and lex.weight("ho", "Lò") == 9


def test_lexicon_snaps_only_what_ocr_was_unsure_of() -> None:
    lex = Lexicon([("ho", "Lò", 5, 0), ("dem", "Văn", 5, 0), ("ten", "Hùng", 3, 0), ("ten", "Dũng", 2, 0),
                   ("person", "Lò Văn Hùng", 2, 0)])
    seq = Sequence(1998)
    unsure = refine("khai_sinh", _ocr({"ho_ten_cha": ("Lo Van Hung", 0.5)}), lex, seq)
    assert unsure["ho_ten_cha"].value == "Lò Văn Hùng"
    # a sure reading of a name the office has not met keeps its letters
    sure = refine("khai_sinh", _ocr({"ho_ten_cha": ("Lò Văn Hưng", 0.95)}), lex, seq)
    assert sure["ho_ten_cha"].value == "Lò Văn Hưng" and sure["ho_ten_cha"].source == "ocr"
    assert lex.complete(("ten",), "") and [m.value for m in lex.complete(("ten",), "h")] == ["Hùng"]


def test_the_fathers_family_name_fixes_a_misread_but_never_a_real_other_one() -> None:
    """A clerk met "Triệu A Pó" turned into "Nguyễn A Pó" (the father's name) and retyped it every time."""
    seq = Sequence(1998)

    def child(read: str) -> str:
        got = refine("khai_sinh", _ocr({"ho_ten": (read, 0.7), "ho_ten_cha": ("Nguyễn Văn Hùng", 0.95)}),
                     Lexicon(), seq)
        return got["ho_ten"].value

    assert child("Triệu A Pó") == "Triệu A Pó"  # a real family name: kept as read
    assert child("Nguyen Văn An") == "Nguyễn Văn An"  # the father's, accents lost
    assert child("Ngyễn Văn An") == "Nguyễn Văn An"  # the father's, a letter lost
    assert child("Xqưyn Văn An") == "Nguyễn Văn An"  # no family name at all


def test_date_prior_stays_after_the_previous_registration() -> None:
    import datetime as dt

    seq = Sequence(1998, 7, dt.date(1998, 3, 30))
    assert date_guess(seq, "") == "30/03/1998"
    assert date_guess(seq, "02/04/1993") == "02/04/1998"  # a wrong year digit, the rest right
    got = refine("khai_sinh", _ocr({"so": ("1", 0.5), "ngay_dang_ky": ("27/03/1998", 0.95)}), Lexicon(), seq)
    assert got["so"].value == "7" and got["ngay_dang_ky"].value == "30/03/1998"  # before the last one: not it


def test_an_unsure_birth_date_is_snapped_into_the_on_time_window_and_says_why(desk) -> None:
    from hotich_desktop.core.learning.priors import EventWindow, event_guess

    svc, clerk, boss, ids, workspace = desk
    window = svc.learning.event_window("khai_sinh")
    assert window == EventWindow("ngay_sinh", "ngay_dang_ky", 60)  # the book type's late-registration rule
    assert svc.learning.event_window("khai_tu").days == 15
    assert event_guess(window, "18/07/1998", "22/06/1993") == "22/06/1998"  # one digit off: in the window
    assert event_guess(window, "18/07/1998", "22/01/1997") == ""  # far before it: a late registration
    assert event_guess(window, "18/07/1998", "2206") == ""  # too little read to say
    seq = Sequence(1998)
    read = {"ngay_dang_ky": ("18/07/1998", 0.95), "ngay_sinh": ("22/06/1993", 0.5)}
    got = refine("khai_sinh", _ocr(read), Lexicon(), seq, window)
    assert got["ngay_sinh"].value == "22/06/1998" and got["ngay_sinh"].source == "window"
    assert "hạn đăng ký" in got["ngay_sinh"].as_json()["why"] and got["ngay_sinh"].ocr_value == "22/06/1993"
    sure = refine("khai_sinh", _ocr(dict(read, ngay_sinh=("22/06/1993", 0.95))), Lexicon(), seq, window)
    assert sure["ngay_sinh"].value == "22/06/1993"  # a sure reading stands (the checks flag it for the clerk)
    late = refine("khai_sinh", _ocr(dict(read, ngay_sinh=("03/01/1997", 0.5))), Lexicon(), seq, window)
    assert late["ngay_sinh"].value == "03/01/1997" and late["ngay_sinh"].source == "ocr"
    assert event_guess(window, "18/07/1998", "1/07/1998") == ""  # 01/07 or 11/07 ...: two as near, no guess


def test_records_approved_before_the_upgrade_are_learned_by_it(desk) -> None:
    """An office upgrading the app: its approved records teach at once (migration 0008 backfills)."""
    from alembic import command

    from hotich_desktop.core.store.db import alembic_config

    svc, clerk, boss, ids, _ = desk
    book_id = svc.entries.context(clerk, ids[0])[0].id
    svc.save_record(clerk, ids[0], birth(1, "Lò Văn Hùng", "Lò Văn Pó", "Cầm Thị Ỏn", HOME), submit=True)
    svc.review.approve(boss, ids[0])
    learned = svc.learning.lexicon(book_id).counts("person")
    command.downgrade(alembic_config(svc.store.engine), "0008")
    command.upgrade(alembic_config(svc.store.engine), "head")
    svc.learning._cache.clear()
    assert svc.learning.lexicon(book_id).counts("person") == learned == {"Lò Văn Hùng": 3, "Lò Văn Pó": 6,
                                                                          "Cầm Thị Ỏn": 3}


def test_what_was_learned_goes_into_the_backup(tmp_path: Path) -> None:
    """A restored workspace (a new PC after a disk failure) knows what the office's approvals taught."""
    from hotich_desktop.core.backup import run

    svc = Service.open(tmp_path / "ws")
    try:
        admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
        clerk = svc.create_user(admin, "lan", "matkhau-lan", "clerk")
        boss = svc.create_user(admin, "hoa", "matkhau-hoa", "supervisor")
        ids = make_entries(svc, clerk, 2, year=1998)
        book_id = svc.entries.context(boss, ids[0])[0].id
        svc.save_record(clerk, ids[0], birth(1, "Lò Văn Hùng", "Lò Văn Pó", "Cầm Thị Ỏn", HOME), submit=True)
        svc.review.approve(boss, ids[0])
        learned = svc.learning.lexicon(book_id).counts("part")
        svc.backup(boss, tmp_path / "usb", "mat-khau-sao-luu-1")
    finally:
        svc.close()
    assert run.restore(tmp_path / "usb", "mat-khau-sao-luu-1", tmp_path / "new-pc").ok
    again = Service.open(tmp_path / "new-pc", f"sqlite:///{tmp_path / 'new-pc' / 'hotich.sqlite3'}")
    try:
        assert learned and again.learning.lexicon(book_id).counts("part") == learned
        assert again.learning.suggest(clerk, book_id, "noi_cu_tru", "ban")[0].value == HOME
    finally:
        again.close()
