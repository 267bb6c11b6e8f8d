"""Field zones: lines of writing found per ruled column, values that wrap, rules removed without touching the
writing, dates and numbers read again with digits only, noise at a value's ends, and the floor under which a
value is not shown. Pages are drawn here; nothing is read from beside the project."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from hotich_desktop.core.records.forms import load_form
from hotich_desktop.core.ocr import engine
from hotich_desktop.core.ocr.engine import Word
from hotich_desktop.core.ocr.fields import _without_edge_noise, plausible
from hotich_desktop.core.ocr.prepare import rules_only
from hotich_desktop.core.ocr.zones import assign_lines, ink_lines, table_zones

needs_tesseract = pytest.mark.skipif(not engine.available("vie"), reason="Tesseract with vie is not installed")
FONT_DIRS = (Path("/usr/share/fonts/truetype/freefont"), Path("/usr/share/fonts/truetype/dejavu"))


def _font(size: int) -> ImageFont.FreeTypeFont:
    for folder in FONT_DIRS:
        for name in ("FreeMono.ttf", "DejaVuSansMono.ttf"):
            if (folder / name).exists():
                return ImageFont.truetype(str(folder / name), size)
    pytest.skip("no TrueType font with Vietnamese letters installed")


def test_lines_of_a_column_one_per_field_and_a_wrapped_value_joins() -> None:
    assert assign_lines([(10, 30), (60, 80), (110, 130)], 3, 150) == [(10, 30), (60, 80), (110, 130)]
    # the middle value wrapped onto two lines close together: they become one zone
    assert assign_lines([(10, 30), (60, 80), (84, 104), (150, 170)], 3, 200) == [(10, 30), (60, 104), (150, 170)]
    # a field left blank: the lines go to the fields whose share of the height holds them
    assert assign_lines([(10, 30), (150, 170)], 3, 180) == [(10, 30), None, (150, 170)]
    assert assign_lines([], 2, 100) == [None, None]


def test_faint_writing_is_found_as_lines() -> None:
    gray = np.full((300, 600), 228, np.uint8)
    gray[40:70, 50:400] = 120  # dark ink
    gray[140:168, 50:300] = 175  # faded ink, still well under the paper's tone
    spans = ink_lines(gray, 0, 600)
    assert len(spans) == 2
    assert abs(spans[0][0] - 40) <= 2 and abs(spans[1][1] - 168) <= 2


def test_rules_go_but_a_long_written_date_stays() -> None:
    img = Image.new("L", (1800, 400), 255)
    d = ImageDraw.Draw(img)
    d.line((0, 200, 1800, 200), fill=0, width=3)  # a row rule
    d.line((600, 0, 600, 400), fill=0, width=3)  # a column rule
    d.text((650, 100), "10/02/1997   27/11/2018", font=_font(60), fill=0)
    mask = (np.asarray(img) < 128).astype(np.uint8) * 255
    lines = rules_only(mask)
    assert lines[200, 100] and lines[200, 1500] and lines[50, 600] and lines[350, 600]
    writing = mask[60:180, 640:1800] > 0
    assert (lines[60:180, 640:1800][writing] == 0).mean() > 0.97  # the writing is not whitened


def test_dates_and_numbers_that_cannot_be() -> None:
    form = load_form("khai_sinh")
    assert plausible(form.field("ngay_sinh"), "09/02/1997")
    assert not plausible(form.field("ngay_sinh"), "39/02/1997")
    assert not plausible(form.field("ngay_sinh"), "09/13/1997")
    assert not plausible(form.field("ngay_dang_ky"), "1997")
    assert plausible(form.field("nam_sinh_cha"), "1961") and not plausible(form.field("nam_sinh_cha"), "7961")
    assert plausible(form.field("so"), "17") and not plausible(form.field("so"), "1/7")


def test_noise_at_a_values_ends_is_dropped_but_faint_words_of_the_value_stay() -> None:
    def w(text: str, conf: float, x: int) -> Word:
        return Word(text, conf, x, 0, x + 40, 30, (1, 1, 1))

    words = [w("“", 0.2, 0), w("Lường", 0.9, 60), w("Hồng", 0.8, 110), w("Huyền", 0.85, 160), w("He", 0.2, 300),
             w("=t", 0.3, 400)]
    assert [x.text for x in _without_edge_noise(words)] == ["Lường", "Hồng", "Huyền"]
    faint = [w("Vũ", 0.2, 0), w("Đức", 0.9, 50), w("Sơn", 0.3, 100)]  # at word spaces: part of the name
    assert [x.text for x in _without_edge_noise(faint)] == ["Vũ", "Đức", "Sơn"]
    assert [x.text for x in _without_edge_noise([w("Ỏn", 0.3, 0)])] == ["Ỏn"]  # a lone value is kept


def _typed_table_entry(values: dict[str, str], columns, size=(2300, 800)) -> Image.Image:  # noqa: ANN001
    """One register row: three ruled columns, each field on its own line, typed."""
    img = Image.new("RGB", size, (236, 228, 204))
    d = ImageDraw.Draw(img)
    xs = [20, 420, 1340, size[0] - 20]
    d.rectangle((xs[0], 10, xs[-1], size[1] - 10), outline=(35, 35, 35), width=4)
    for x in xs[1:-1]:
        d.line((x, 10, x, size[1] - 10), fill=(35, 35, 35), width=3)
    font = _font(34)
    for c, keys in enumerate(columns):
        step = (size[1] - 60) / len(keys)
        for k, key in enumerate(keys):
            d.text((xs[c] + 24, 30 + k * step), values.get(key, ""), font=font, fill=(30, 30, 40))
    return img


@needs_tesseract
def test_dates_and_numbers_read_from_their_zones_are_trusted_when_both_reads_agree(tmp_path: Path) -> None:
    from hotich_desktop.core.entries.pipeline import ocr_file

    form = load_form("khai_sinh")
    values = {"so": "17", "ngay_dang_ky": "20/02/1997", "ho_ten": "Đặng Hồng Ánh", "gioi_tinh": "Nữ",
              "ngay_sinh": "10/02/1997", "dan_toc": "Kinh", "quoc_tich": "Việt Nam", "nam_sinh_cha": "1966",
              "nam_sinh_me": "1970", "dan_toc_cha": "Tày", "dan_toc_me": "Kinh"}
    entry = _typed_table_entry(values, form.table_columns)
    page = Image.new("RGB", (2480, 3508), (236, 228, 204))
    page.paste(entry, (90, 300))
    path = tmp_path / "trang.png"
    page.save(path, dpi=(300, 300))
    out = ocr_file(path, "khai_sinh")
    assert len(out["entries"]) == 1
    fields = out["entries"][0]["fields"]
    for key in ("so", "ngay_dang_ky", "ngay_sinh", "nam_sinh_cha", "nam_sinh_me"):
        assert fields[key]["value"] == values[key], key
        assert fields[key]["confidence"] >= 0.9, key
    assert fields["ho_ten"]["value"] == values["ho_ten"]


def test_zones_of_a_ruled_row_follow_its_columns() -> None:
    form = load_form("khai_sinh")
    values = {"so": "17", "ngay_dang_ky": "20/02/1997", "ho_ten": "Đặng Hồng Ánh", "nam_sinh_cha": "1966"}
    gray = np.asarray(_typed_table_entry(values, form.table_columns).convert("L"))
    zones = table_zones(gray[20:-20, 20:-20], [400, 1320], form.table_columns)
    assert {"so", "ngay_dang_ky", "ho_ten", "nam_sinh_cha"} <= set(zones)
    assert zones["so"][2] <= 400 < zones["ho_ten"][0] and zones["ho_ten"][2] <= 1320 < zones["nam_sinh_cha"][0]
    assert zones["so"][3] < zones["ngay_dang_ky"][1]


@pytest.mark.parametrize("read, right", [
    ("Xóm Mới, xã Chiềng Sinh huyện Mường La tỉnh Sơn La", "Xóm Mới, xã Chiềng Sinh, huyện Mường La, tỉnh Sơn La"),
    ("Bệnh viện huyện Quỳ Hợp, tỉnh Nghệ An", "Bệnh viện huyện Quỳ Hợp, tỉnh Nghệ An"),  # no unit before: whole
    ("Trạm y tế xã Tà Hộc, tỉnh Sơn La", "Trạm y tế xã Tà Hộc, tỉnh Sơn La"),
    ("Thôn Đông, xã Chiềng Cơi, huyện thị xã Sơn La, tỉnh Sơn La",
     "Thôn Đông, xã Chiềng Cơi, huyện thị xã Sơn La, tỉnh Sơn La"),  # a unit word right before: whole
])
def test_a_comma_lost_between_two_units_comes_back(read: str, right: str) -> None:
    from hotich_desktop.core.ocr.lexicon import correct_place

    assert correct_place(read) == right


def test_a_leaning_rule_goes_and_a_stroke_crossing_it_stays() -> None:
    from hotich_desktop.core.ocr.prepare import crossing_strokes

    img = Image.new("L", (1600, 200), 255)
    draw = ImageDraw.Draw(img)
    draw.line([(20, 90), (1580, 90 + 27)], fill=0, width=3)  # about 1 degree of lean, as a phone photo leaves
    draw.line([(800, 60), (800, 150)], fill=0, width=4)  # a letter's stroke down through the rule
    mask = 255 - np.asarray(img)
    lines = rules_only(mask)
    on_rule = mask[:, 100:700] > 0
    assert (lines[:, 100:700] > 0)[on_rule].mean() > 0.95  # the rule is found along its whole lean
    kept = crossing_strokes(mask, lines)
    assert kept[:, 796:805].any() and not kept[:, 100:700].any()
