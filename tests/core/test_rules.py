"""Issue 21: the checks a reviewer makes, as a rule table per book type, on every save; a province tunes them
in the workspace's rules.json without code, and a bad override is refused with a clear message."""
from __future__ import annotations

import json

import pytest

from hotich_desktop.core.errors import BadInput
from hotich_desktop.core.records import checks
from hotich_desktop.core.records.forms import load_form
from hotich_desktop.core.records.rules import load_rules, rule_titles, shipped
from hotich_desktop.core.review.book import check_book, open_findings
from tests.conftest import make_entries
from tests.pagegen.errors import applicable, blank_entries, clean_book, injected_book

BIRTH = {"so": "16", "ngay_dang_ky": "12/03/1992", "ho_ten": "Cầm Diệu Thúy", "gioi_tinh": "Nữ",
         "ngay_sinh": "06/03/1992", "noi_sinh": "Trạm y tế xã Mường Bú", "dan_toc": "Thái", "quoc_tich": "Việt Nam",
         "ho_ten_cha": "Cầm Văn Pó", "nam_sinh_cha": "1965", "ho_ten_me": "Lò Thị Ỏn", "nam_sinh_me": "1970"}


@pytest.mark.parametrize("book_type", ["khai_sinh", "khai_tu", "ket_hon"])
def test_every_rule_fires_on_its_injected_error_and_never_on_clean_records(service, people, book_type) -> None:
    _, clerk, _ = people
    rules = load_rules(book_type)
    wanted = {r.id for r in rules if applicable(r, load_form(book_type))}
    earlier = clean_book(book_type, 1990, seed=5, n=15)
    for entry_id, fields in zip(blank_entries(service, clerk, book_type, 1990, "1", len(earlier)), earlier):
        assert not service.save_record(clerk, entry_id, fields).findings, fields
    cases = injected_book(book_type, 1991, seed=11, n=len(wanted) * 2 + 6, rules=rules, rate=1.0, earlier=earlier)
    assert {rule for _, rule in cases if rule} == wanted  # every applicable rule got its error
    ids = blank_entries(service, clerk, book_type, 1991, "2", len(cases))
    for entry_id, (fields, rule) in zip(ids, cases):
        codes = {f.code for f in service.save_record(clerk, entry_id, fields).findings}
        if rule is None:
            assert not codes, (fields, codes)
        else:
            assert rule in codes, (rule, fields, codes)
    whole = check_book(service, service.entries.context(clerk, ids[0])[0].id)
    missed = [(rule, whole.findings[i]) for i, (_, rule) in zip(ids, cases)
              if rule and rule not in {f.code for f in whole.findings[i]}]
    assert not missed
    # the review queue's count (open_findings: a few set queries) says what the whole-book check says
    assert open_findings(service, ids) == {i: len(whole.open_findings(i)) for i in ids}


def test_the_five_misses_of_the_issue_are_flagged_at_their_fields(service, people) -> None:
    _, clerk, _ = people
    ids = make_entries(service, clerk, 5)
    cases = {"father_age": dict(BIRTH, nam_sinh_cha="1985"),  # 7 years old at the birth
             "mother_age": dict(BIRTH, nam_sinh_me="1918"),  # 73 or 74
             "mother_born_after_child": dict(BIRTH, nam_sinh_me="1993"),
             "unknown_code": dict(BIRTH, dan_toc="Kinhh"),
             "late_registration": dict(BIRTH, ngay_sinh="06/03/1952", loai_dang_ky="1")}  # 40 years late
    found = {}
    for entry_id, (rule, fields) in zip(ids, cases.items()):
        found[rule] = {f.code: f for f in service.save_record(clerk, entry_id, fields).findings}
        assert rule in found[rule], (rule, found[rule])
    assert found["father_age"]["father_age"].field == "nam_sinh_cha"
    assert "7 tuổi" in found["father_age"]["father_age"].message
    assert found["father_age"]["father_age"].fields == ("ngay_sinh",)
    assert "73 tuổi" in found["mother_age"]["mother_age"].message
    code = found["unknown_code"]["unknown_code"]
    assert (code.field, code.severity) == ("dan_toc", "error") and "Có phải «Kinh»?" in code.message
    assert service.entries.info(ids[3]).fields["dan_toc"] == "Kinhh"  # kept as typed, never snapped silently
    late = found["late_registration"]["late_registration"]
    assert late.field == "loai_dang_ky" and "Quá hạn" in late.message
    assert "late_registration" not in {f.code for f in service.save_record(
        clerk, ids[4], {"loai_dang_ky": "4"}).findings}  # marked late: nothing to say


def test_year_only_dates_never_raise_a_false_alarm() -> None:
    form = load_form("khai_sinh")
    # born 1977, child born 06/03/1992: the father is 14 or 15 -> not certainly under 15
    assert "father_age" not in {f.code for f in checks.check_fields(form, dict(BIRTH, nam_sinh_cha="1977"))}
    assert "father_age" in {f.code for f in checks.check_fields(form, dict(BIRTH, nam_sinh_cha="1978"))}
    # born 1992, the child's year: may be before the child -> not certainly after
    assert "mother_born_after_child" not in {f.code for f in checks.check_fields(form, dict(BIRTH, nam_sinh_me="1992"))}


def test_registration_in_the_books_year_and_not_before_the_previous_number(service, people) -> None:
    _, clerk, _ = people
    ids = make_entries(service, clerk, 4)
    service.save_record(clerk, ids[0], dict(BIRTH, so="1", ngay_dang_ky="20/03/1992"))
    early = service.save_record(clerk, ids[1], dict(BIRTH, so="2", ngay_dang_ky="12/03/1992")).findings
    assert [f.message for f in early if f.code == "registration_before_previous"] == [
        "Ngày đăng ký 12/03/1992 sớm hơn ngày đăng ký của số trước (số 1: 20/03/1992)."]
    other_year = service.save_record(clerk, ids[2], dict(BIRTH, so="3", ngay_dang_ky="12/03/1929",
                                                         ngay_sinh="06/03/1929")).findings
    assert {f.code for f in other_year} >= {"registration_outside_year"}
    gap = service.save_record(clerk, ids[3], dict(BIRTH, so="7", ngay_dang_ky="30/03/1992")).findings
    assert [f.message for f in gap if f.code == "number_gap"] == ["Sổ chưa có số 4–6: số trước là 3."]


def test_a_province_override_changes_a_threshold_without_code(service, people) -> None:
    _, clerk, _ = people
    ids = make_entries(service, clerk, 2)
    sixteen = dict(BIRTH, nam_sinh_cha="1975")  # 16 or 17 at the birth: plausible by the shipped 15
    assert "father_age" not in {f.code for f in service.save_record(clerk, ids[0], sixteen).findings}
    (service.workspace.root / "rules.json").write_text(json.dumps(
        {"khai_sinh": {"father_age": {"params": {"min": 18}, "severity": "warning"},
                       "gender_name": {"enabled": False}}}), encoding="utf-8")
    found = {f.code: f for f in service.save_record(clerk, ids[0], sixteen).findings}
    assert found["father_age"].severity == "warning" and "18–80" in found["father_age"].message
    odd = dict(BIRTH, ho_ten="Lò Thị Pó", gioi_tinh="Nam")
    assert "gender_name" not in {f.code for f in service.save_record(clerk, ids[1], odd).findings}
    assert "father_age" in {f.code for f in check_book(service, service.entries.context(clerk, ids[0])[0].id).findings[ids[0]]}
    assert {r.id: r.param("min") for r in shipped("khai_sinh")}["father_age"] == 15  # the defaults are untouched


@pytest.mark.parametrize("content,says", [
    ("{not json", "không đọc được"),
    (json.dumps({"khai_sinh": {"father_age": {"params": {"min": "mười tám"}}}}), "«father_age.params.min» phải là một số"),
    (json.dumps({"khai_sinh": {"father_age": {"params": {"tuoi": 18}}}}), "không có tham số «tuoi»"),
    (json.dumps({"khai_sinh": {"cha_qua_tre": {"params": {"min": 18}}}}), "không có quy tắc «cha_qua_tre»"),
    (json.dumps({"khai_sinh": {"father_age": {"severity": "fatal"}}}), "phải là error hoặc warning"),
    (json.dumps({"khai_sinh": {"father_age": {"message": "Cha {tuoi} tuổi"}}}), "chỗ trống không có: {tuoi}"),
    (json.dumps({"khai_sinh": {"father_age": {"params": {"min": 90}}}}), "min (90) lớn hơn max (80)"),
    (json.dumps({"khai_sinh": {"father_age": {"kind": "order"}}}), "không đổi được «kind»"),
    (json.dumps({"khai_sinhh": {}}), "không có loại sổ «khai_sinhh»"),
    (json.dumps(["father_age"]), "phải là một bảng"),
])
def test_a_bad_override_is_refused_with_a_clear_message(sqlite_service, content: str, says: str) -> None:
    svc = sqlite_service
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    entry = make_entries(svc, clerk, 1)[0]
    (svc.workspace.root / "rules.json").write_text(content, encoding="utf-8")
    with pytest.raises(BadInput, match="rules.json") as exc:
        svc.save_record(clerk, entry, BIRTH)
    assert says in exc.value.message
    assert svc.entries.info(entry).fields == {}  # nothing half-saved


def test_every_shipped_rule_is_valid_and_has_a_title() -> None:
    titles = dict(rule_titles())
    for book_type in ("khai_sinh", "khai_tu", "ket_hon", "ly_hon", "giam_ho", "nhan_cha_me_con"):
        form = load_form(book_type)
        for rule in load_rules(book_type):
            assert rule.id in titles and rule.message
            assert all(form.field(k) is not None for k in rule.on.values()) or not applicable(rule, form)
    assert {"father_age", "mother_age", "late_registration", "unknown_code", "duplicate_person"} <= set(titles)


def test_the_rules_command_shows_the_rules_in_force_and_refuses_a_bad_override(tmp_path) -> None:
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "hotich_desktop.cli.main", "--data-dir", str(tmp_path),
                               "rules", *args], capture_output=True, text=True, timeout=120)

    (tmp_path / "rules.json").write_text(json.dumps({"khai_sinh": {"father_age": {"params": {"min": 17}}}}),
                                         encoding="utf-8")
    shown = run("--book-type", "khai_sinh", "--json")
    assert shown.returncode == 0, shown.stderr
    rules = {r["id"]: r for r in json.loads(shown.stdout)["rules"]["khai_sinh"]}
    assert rules["father_age"]["params"] == {"min": 17, "max": 80}
    (tmp_path / "rules.json").write_text('{"khai_sinh": {"father_age": {"severity": "nặng"}}}', encoding="utf-8")
    refused = run()
    assert refused.returncode != 0 and "phải là error hoặc warning" in refused.stderr
