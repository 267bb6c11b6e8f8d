"""Confidence from evidence: two reads of a field (the entry's and its zone's), the book's sequence of numbers,
the value's shape; a column whose rule is too faint found from the writing. No Tesseract needed here."""
from __future__ import annotations

import numpy as np

from hotich_desktop.core.ocr.confidence import SEQUENCE_FILLED, by_sequence, weigh
from hotich_desktop.core.ocr.fields import Reading, clean_value
from hotich_desktop.core.ocr.zones import missing_rules
from hotich_desktop.core.records.forms import load_form

FORM = load_form("khai_sinh")
BOX = (0, 0, 10, 10)


def _r(value: str, conf: float) -> Reading:
    return Reading(value, conf, BOX, value)


def test_two_reads_that_agree_are_sure_and_say_why() -> None:
    got = weigh(FORM.field("ngay_sinh"), _r("12/03/1992", 0.7), _r("12/03/1992", 0.6))
    assert got.confidence >= 0.9 and got.evidence["reads"] == "agree"
    got = weigh(FORM.field("dan_toc"), _r("Kinh", 0.3), _r("Kinh", 0.4))
    assert got.confidence >= 0.9


def test_names_that_agree_with_little_confidence_stay_unsure() -> None:
    got = weigh(FORM.field("ho_ten"), _r("Lò Văn Minh", 0.6), _r("Lò Văn Minh", 0.95))
    assert got.confidence < 0.9


def test_two_reads_that_differ_give_the_surer_one_never_sure() -> None:
    got = weigh(FORM.field("ho_ten"), _r("Lò Văn Mính", 0.7), _r("Lò Văn Minh", 0.96))
    assert got.value == "Lò Văn Minh" and got.confidence < 0.9 and got.evidence["reads"] == "disagree"


def test_a_read_with_foreign_symbols_does_not_count() -> None:
    got = weigh(FORM.field("noi_sinh"), _r("Bản Pá€ Sàng", 0.97), _r("Tại nhà", 0.7))
    assert got.value == "Tại nhà" and got.evidence["reads"] == "one" and got.confidence < 0.9


def test_one_read_of_a_name_is_not_sure_however_clean() -> None:
    assert weigh(FORM.field("ho_ten"), _r("Lò Văn Minh", 0.99), None).confidence < 0.9


def test_numbers_in_sequence_are_sure_and_a_gap_is_filled_unsure() -> None:
    entries = [{"so": _r("5", 0.7)}, {"so": _r("9", 0.95)}, {"so": _r("7", 0.6)}, {"so": _r("8", 0.5)}, {}]
    out = by_sequence(entries)
    assert out[0]["so"].confidence < 0.9  # 5 next to a misread 9: nothing to lean on
    assert out[1]["so"].value == "6" and out[1]["so"].confidence == SEQUENCE_FILLED
    assert out[2]["so"].confidence >= 0.9 and out[2]["so"].evidence["sequence"] == "follows"
    assert out[3]["so"].confidence >= 0.9 and "so" not in out[4]
    back = by_sequence([{"so": _r("12", 0.5)}, {"so": _r("11", 0.5)}, {"so": _r("10", 0.5)}])  # read from the bottom
    assert all(e["so"].confidence >= 0.9 for e in back)


def test_gender_run_into_the_next_field_and_a_lost_slash() -> None:
    assert clean_value(FORM.field("gioi_tinh"), "Nam Kinh")[0] == "Nam"
    assert clean_value(FORM.field("ngay_sinh"), "2501/1969")[0] == "25/01/1969"


def test_a_faint_column_rule_is_found_from_the_blank_paper_before_the_writing() -> None:
    gray = np.full((400, 1800), 240, np.uint8)
    for y in (40, 140, 240, 340):
        gray[y:y + 30, 30:200] = 60  # column 1
        gray[y:y + 30, 350:900] = 60  # column 2 (the rule at 330 was found)
        gray[y:y + 30, 1100:1500] = 60  # column 3 (its rule at ~1080 was not)
    got = missing_rules(gray, [330], 2)
    assert len(got) == 2 and 900 < got[1] <= 1100
    assert missing_rules(gray, [330, 1080], 2) == [330, 1080]


def test_of_two_differing_reads_the_one_with_a_right_shape_wins() -> None:
    got = weigh(FORM.field("ho_ten"), _r("Bài Quang Hưng", 0.9), _r("Bùi Quang Hưng", 0.7))
    assert got.value == "Bùi Quang Hưng" and got.confidence < 0.9
