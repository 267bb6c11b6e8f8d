from hotich_desktop.core import naming


def test_default_pattern_example() -> None:
    parts = naming.NameParts("khai_sinh", 1992, "1", "47", "Cầm Diệu Thúy", "Nữ", "A4")
    assert naming.render(parts) == "KS.1992.01.047.Cam-Dieu-Thuy.A4.pdf"


def test_marriage_joins_husband_and_wife_and_d_becomes_d() -> None:
    name = naming.person_name("ket_hon", {"ho_ten_chong": "Đặng Văn Đông", "ho_ten_vo": "Lò Thị Ỏn"})
    assert name == "Dang-Van-Dong-Lo-Thi-On"


def test_unknown_values_become_kr_and_rules_hold() -> None:
    name = naming.render(naming.NameParts("khai_tu", 2018, "", "", "", "", "A4"))
    assert name == "KT.2018.KR.KR.KR.A4.pdf"
    assert len(name.split(".")) >= 6


def test_hostile_values_stay_safe() -> None:
    parts = naming.NameParts("khai_sinh", 1992, "../../CON", "1/../2", "CON <>:\"|?* " + "x" * 400, "", "A4")
    name = naming.render(parts)
    assert len(name) <= 150 and name.endswith(".pdf")
    assert all(c.isalnum() or c in ".-_" for c in name)
    assert naming.render(naming.NameParts("khai_sinh", 1992, "1"), "{name}.pdf").startswith("KR")
    assert not naming.sanitize("CON.a.b.c.d.pdf").startswith("CON.")


def test_unique_adds_suffix() -> None:
    taken = {"A.pdf", "A_2.pdf"}
    assert naming.unique("A.pdf", taken.__contains__) == "A_3.pdf"


def test_paper_size_from_page() -> None:
    assert naming.paper_size(2480, 3508, 300) == "A4"
    assert naming.paper_size(3508 * 2 // 2 * 1, 4961, 300) == "A3"
    assert naming.paper_size(1748, 2480, 300) == "A5"
