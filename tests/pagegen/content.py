"""What the clerks wrote: names, places and dates of one book, with registration numbers that run on from page
to page and dates that make sense (registration after the birth or death it records, numbers rising with dates)."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

BOOK_TYPES = ("khai_sinh", "khai_tu", "ket_hon")

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý", "Lò", "Quàng", "Cầm", "Hà", "Vi", "Lường", "Sầm", "Giàng", "Thào", "Mùa",
            "Đinh", "Triệu", "Lục", "Sùng", "Vàng", "Tòng", "Lương", "Nông", "Chảo", "Bàn", "Phùng", "Đào"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thanh", "Ngọc", "A", "Bá", "Trọng"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng", "Thị Thu", "Mỹ", "Diệu", "Thị Kim", "Bích"]
GIVEN_M = ["Hùng", "Thắng", "Dũng", "Tuấn", "Sơn", "Bình", "Khánh", "Cường", "Đông", "Lợi", "Phúc", "Hưng",
           "Quý", "Thịnh", "Vượng", "Chư", "Pó", "Sểnh", "Ỉn", "Quyết", "Páo", "Nhất", "Toàn", "Hiếu"]
GIVEN_F = ["Hương", "Lan", "Ánh", "Hạnh", "Yến", "Phương", "Thủy", "Thúy", "Nguyệt", "Xuân", "Oanh", "Ngoan",
           "Mỷ", "Dợ", "Hoà", "Huyền", "Lụa", "Trang", "Ỏn", "Mai", "Ly", "Chi", "Dung", "Sợi"]
ETHNIC = ["Kinh", "Kinh", "Kinh", "Kinh", "Thái", "Mường", "Mông", "Dao", "Tày", "Nùng", "Khơ Mú", "Xinh Mun",
          "La Ha", "Kháng", "Giáy", "Hà Nhì", "Lào", "Sán Chay"]
# (commune, district, province) as they were before the 2025 reorganisation.
PLACES = [("Chiềng Sinh", "Mường La", "Sơn La"), ("Mường Bú", "Mường La", "Sơn La"),
          ("Chiềng Cơi", "thị xã Sơn La", "Sơn La"), ("Tà Hộc", "Mai Sơn", "Sơn La"),
          ("Bản Hon", "Tam Đường", "Lai Châu"), ("Nậm Tăm", "Sìn Hồ", "Lai Châu"),
          ("Tân Thành", "Đồng Xoài", "Bình Phước"), ("Lộc Ninh", "Lộc Ninh", "Bình Phước"),
          ("Quỳnh Hợp", "Quỳ Hợp", "Nghệ An"), ("Châu Quang", "Quỳ Hợp", "Nghệ An"),
          ("Lạc Dương", "Lạc Dương", "Lâm Đồng"), ("Đạ Tẻh", "Đạ Tẻh", "Lâm Đồng"),
          ("Mường Phăng", "Điện Biên", "Điện Biên"), ("Thanh Xương", "Điện Biên", "Điện Biên")]
HAMLETS = ["Bản Củ", "Bản Lè", "Xóm Mới", "Thôn 3", "Bản Pá Sàng", "Khối 2", "Ấp Bàu Ké", "Bản Nà Tấu",
           "Thôn Đông", "Xóm Chợ", "Tổ 5", "Bản Hua Ná"]
BIRTH_PLACES = ["Trạm y tế xã {x}", "Bệnh viện huyện {h}", "Tại nhà, {hamlet}, xã {x}"]
DEATH_CAUSES = ["Bệnh già", "Tai nạn giao thông", "Đột quỵ", "Ốm đau", "Sốt rét", "Không rõ", "Ung thư"]

# Field keys and the labels printed in the book (../spec/fields.md), in the book's order.
LABELS: dict[str, list[tuple[str, str]]] = {
    "khai_sinh": [("so", "Số"), ("ngay_dang_ky", "Ngày đăng ký"), ("ho_ten", "Họ và tên"),
                  ("gioi_tinh", "Giới tính"), ("ngay_sinh", "Ngày, tháng, năm sinh"), ("noi_sinh", "Nơi sinh"),
                  ("dan_toc", "Dân tộc"), ("quoc_tich", "Quốc tịch"), ("ho_ten_cha", "Họ tên cha"),
                  ("nam_sinh_cha", "Năm sinh"), ("dan_toc_cha", "Dân tộc"), ("ho_ten_me", "Họ tên mẹ"),
                  ("nam_sinh_me", "Năm sinh"), ("dan_toc_me", "Dân tộc"),
                  ("noi_cu_tru", "Nơi cư trú của cha mẹ"), ("nguoi_di_khai", "Người đi khai")],
    "khai_tu": [("so", "Số"), ("ngay_dang_ky", "Ngày đăng ký"), ("ho_ten", "Họ và tên người chết"),
                ("gioi_tinh", "Giới tính"), ("ngay_sinh", "Ngày sinh"), ("dan_toc", "Dân tộc"),
                ("quoc_tich", "Quốc tịch"), ("noi_cu_tru", "Nơi cư trú cuối cùng"), ("ngay_chet", "Chết vào ngày"),
                ("noi_chet", "Nơi chết"), ("nguyen_nhan", "Nguyên nhân chết"), ("nguoi_di_khai", "Người đi khai")],
    "ket_hon": [("so", "Số"), ("ngay_dang_ky", "Ngày đăng ký"), ("ho_ten_chong", "Họ tên chồng"),
                ("ngay_sinh_chong", "Ngày sinh"), ("dan_toc_chong", "Dân tộc"), ("noi_cu_tru_chong", "Nơi cư trú"),
                ("ho_ten_vo", "Họ tên vợ"), ("ngay_sinh_vo", "Ngày sinh"), ("dan_toc_vo", "Dân tộc"),
                ("noi_cu_tru_vo", "Nơi cư trú")],
}
TITLES = {"khai_sinh": "SỔ ĐĂNG KÝ KHAI SINH", "khai_tu": "SỔ ĐĂNG KÝ KHAI TỬ", "ket_hon": "SỔ ĐĂNG KÝ KẾT HÔN"}
# The register's column groups (number and date | the person | the rest), as the official books rule them.
COLUMNS: dict[str, list[list[str]]] = {
    "khai_sinh": [["so", "ngay_dang_ky"],
                  ["ho_ten", "gioi_tinh", "ngay_sinh", "noi_sinh", "dan_toc", "quoc_tich", "ho_ten_cha"],
                  ["nam_sinh_cha", "dan_toc_cha", "ho_ten_me", "nam_sinh_me", "dan_toc_me", "noi_cu_tru",
                   "nguoi_di_khai"]],
    "khai_tu": [["so", "ngay_dang_ky"], ["ho_ten", "gioi_tinh", "ngay_sinh", "dan_toc", "quoc_tich"],
                ["noi_cu_tru", "ngay_chet", "noi_chet", "nguyen_nhan", "nguoi_di_khai"]],
    "ket_hon": [["so", "ngay_dang_ky"], ["ho_ten_chong", "ngay_sinh_chong", "dan_toc_chong", "noi_cu_tru_chong"],
                ["ho_ten_vo", "ngay_sinh_vo", "dan_toc_vo", "noi_cu_tru_vo"]],
}
COLUMN_TITLES = ["Số, ngày đăng ký", "Nội dung đăng ký", "Nội dung đăng ký (tiếp)"]


def person(rng: random.Random, sex: str) -> str:
    mid = rng.choice(MIDDLE_M if sex == "Nam" else MIDDLE_F)
    given = rng.choice(GIVEN_M if sex == "Nam" else GIVEN_F)
    return f"{rng.choice(SURNAMES)} {mid} {given}"


def fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def days_before(rng: random.Random, day: dt.date, most: int, least: int = 0) -> dt.date:
    return day - dt.timedelta(days=rng.randint(least, most))


@dataclass(frozen=True)
class Commune:
    """One commune's own world: a few family names, its hamlets, its own place and the villages around it.
    A book of this commune draws from these only (people marry and move within a day's walk), so the same
    names come back entry after entry, as they do in a real commune's books."""

    surnames: tuple[str, ...]
    given_m: tuple[str, ...]
    given_f: tuple[str, ...]
    hamlets: tuple[str, ...]
    places: tuple[tuple[str, str, str], ...]  # the commune first, then its neighbours
    causes: tuple[str, ...]

    @classmethod
    def make(cls, seed: int) -> Commune:
        rng = random.Random(f"commune/{seed}")
        home = rng.choice(PLACES)
        near = [p for p in PLACES if p[2] == home[2] and p != home] or [rng.choice(PLACES)]
        return cls(tuple(rng.sample(SURNAMES, 7)), tuple(rng.sample(GIVEN_M, 10)), tuple(rng.sample(GIVEN_F, 10)),
                   tuple(rng.sample(HAMLETS, 5)), (home, *near[:1]), tuple(rng.sample(DEATH_CAUSES, 4)))

    def person(self, rng: random.Random, sex: str, surname: str | None = None) -> str:
        mid = rng.choice(MIDDLE_M[:4] if sex == "Nam" else MIDDLE_F[:4])
        given = rng.choice(self.given_m if sex == "Nam" else self.given_f)
        return f"{surname or rng.choice(self.surnames)} {mid} {given}"

    def residence(self, rng: random.Random) -> tuple[str, tuple[str, str, str], str]:
        x, h, t = self.places[0] if rng.random() < 0.85 else rng.choice(self.places)
        hamlet = rng.choice(self.hamlets)
        return f"{hamlet}, xã {x}, huyện {h}, tỉnh {t}", (x, h, t), hamlet


class Book:
    """One register (book type, year): hands out entries in order, numbers and registration dates rising.
    With a Commune, every name and place comes from that commune and a child takes the father's family name."""

    def __init__(self, book_type: str, year: int, seed: int, first_no: int = 1, commune: Commune | None = None):
        if book_type not in LABELS:
            raise ValueError(f"unknown book type {book_type!r}")
        self.book_type, self.year, self.number = book_type, year, first_no
        self.rng = random.Random(f"{book_type}/{year}/{seed}")
        self.day = dt.date(year, 1, 1) + dt.timedelta(days=min(300, (first_no - 1) * 3))
        self.commune = commune

    def next_entry(self) -> dict[str, str]:
        rng = self.rng
        self.day = min(dt.date(self.year, 12, 31), self.day + dt.timedelta(days=rng.randint(0, 5)))
        if self.commune is not None:
            fields = _COMMUNE_FIELDS[self.book_type](rng, self.year, self.day, self.commune)
        else:
            fields = _FIELDS[self.book_type](rng, self.year, self.day)
        fields = {"so": str(self.number), "ngay_dang_ky": fmt(self.day), **fields}
        self.number += 1
        return {key: fields[key] for key, _ in LABELS[self.book_type]}


def _residence(rng: random.Random) -> tuple[str, tuple[str, str, str], str]:
    x, h, t = rng.choice(PLACES)
    hamlet = rng.choice(HAMLETS)
    return f"{hamlet}, xã {x}, huyện {h}, tỉnh {t}", (x, h, t), hamlet


def _birth(rng: random.Random, year: int, reg: dt.date) -> dict[str, str]:
    sex = rng.choice(["Nam", "Nữ"])
    father, mother = person(rng, "Nam"), person(rng, "Nữ")
    home, (x, h, t), hamlet = _residence(rng)
    place = rng.choice(BIRTH_PLACES).format(x=x, h=h, hamlet=hamlet)
    declarant = rng.choice([f"{father} (cha)", f"{mother} (mẹ)"])
    return {"ho_ten": person(rng, sex), "gioi_tinh": sex, "ngay_sinh": fmt(days_before(rng, reg, 60, 1)),
            "noi_sinh": f"{place}, tỉnh {t}" if "tỉnh" not in place else place,
            "dan_toc": rng.choice(ETHNIC), "quoc_tich": "Việt Nam",
            "ho_ten_cha": father, "nam_sinh_cha": str(year - rng.randint(19, 45)), "dan_toc_cha": rng.choice(ETHNIC),
            "ho_ten_me": mother, "nam_sinh_me": str(year - rng.randint(17, 42)), "dan_toc_me": rng.choice(ETHNIC),
            "noi_cu_tru": home, "nguoi_di_khai": declarant}


def _death(rng: random.Random, year: int, reg: dt.date) -> dict[str, str]:
    sex = rng.choice(["Nam", "Nữ"])
    died = days_before(rng, reg, 15)
    born = died - dt.timedelta(days=rng.randint(365, 95 * 365))
    home, (x, _h, t), _ = _residence(rng)
    return {"ho_ten": person(rng, sex), "gioi_tinh": sex,
            "ngay_sinh": str(born.year) if rng.random() < 0.25 else fmt(born),
            "dan_toc": rng.choice(ETHNIC), "quoc_tich": "Việt Nam", "noi_cu_tru": home, "ngay_chet": fmt(died),
            "noi_chet": rng.choice(["Tại nhà", f"Bệnh viện tỉnh {t}", f"Trạm y tế xã {x}"]),
            "nguyen_nhan": rng.choice(DEATH_CAUSES),
            "nguoi_di_khai": f"{person(rng, rng.choice(['Nam', 'Nữ']))} ({rng.choice(['con', 'vợ', 'chồng', 'cháu'])})"}


def _marriage(rng: random.Random, year: int, reg: dt.date) -> dict[str, str]:
    home, _, _ = _residence(rng)
    other, _, _ = _residence(rng)
    groom = reg - dt.timedelta(days=rng.randint(20 * 365 + 5, 45 * 365))
    bride = reg - dt.timedelta(days=rng.randint(18 * 365 + 5, 40 * 365))
    return {"ho_ten_chong": person(rng, "Nam"), "ngay_sinh_chong": fmt(groom), "dan_toc_chong": rng.choice(ETHNIC),
            "noi_cu_tru_chong": home, "ho_ten_vo": person(rng, "Nữ"), "ngay_sinh_vo": fmt(bride),
            "dan_toc_vo": rng.choice(ETHNIC), "noi_cu_tru_vo": other}


_FIELDS = {"khai_sinh": _birth, "khai_tu": _death, "ket_hon": _marriage}


def _commune_birth(rng: random.Random, year: int, reg: dt.date, c: Commune) -> dict[str, str]:
    sex = rng.choice(["Nam", "Nữ"])
    father, mother = c.person(rng, "Nam"), c.person(rng, "Nữ")
    home, (x, h, t), hamlet = c.residence(rng)
    place = rng.choice(BIRTH_PLACES).format(x=x, h=h, hamlet=hamlet)
    ethnic = rng.choice(ETHNIC[:6])
    return {"ho_ten": c.person(rng, sex, father.split()[0]), "gioi_tinh": sex,
            "ngay_sinh": fmt(days_before(rng, reg, 60, 1)),
            "noi_sinh": f"{place}, tỉnh {t}" if "tỉnh" not in place else place,
            "dan_toc": ethnic, "quoc_tich": "Việt Nam",
            "ho_ten_cha": father, "nam_sinh_cha": str(year - rng.randint(19, 45)), "dan_toc_cha": ethnic,
            "ho_ten_me": mother, "nam_sinh_me": str(year - rng.randint(17, 42)),
            "dan_toc_me": rng.choice([ethnic, ethnic, rng.choice(ETHNIC[:6])]),
            "noi_cu_tru": home, "nguoi_di_khai": rng.choice([f"{father} (cha)", f"{father} (cha)", f"{mother} (mẹ)"])}


def _commune_death(rng: random.Random, year: int, reg: dt.date, c: Commune) -> dict[str, str]:
    sex = rng.choice(["Nam", "Nữ"])
    died = days_before(rng, reg, 15)
    born = died - dt.timedelta(days=rng.randint(365, 95 * 365))
    home, (x, _h, t), _ = c.residence(rng)
    name = c.person(rng, sex)
    kin = rng.choice(["con", "vợ", "chồng", "cháu"])
    return {"ho_ten": name, "gioi_tinh": sex,
            "ngay_sinh": str(born.year) if rng.random() < 0.25 else fmt(born),
            "dan_toc": rng.choice(ETHNIC[:6]), "quoc_tich": "Việt Nam", "noi_cu_tru": home, "ngay_chet": fmt(died),
            "noi_chet": rng.choice(["Tại nhà", "Tại nhà", f"Trạm y tế xã {x}"]),
            "nguyen_nhan": rng.choice(c.causes),
            "nguoi_di_khai": f"{c.person(rng, rng.choice(['Nam', 'Nữ']), name.split()[0])} ({kin})"}


def _commune_marriage(rng: random.Random, year: int, reg: dt.date, c: Commune) -> dict[str, str]:
    home, _, _ = c.residence(rng)
    other, _, _ = c.residence(rng)
    groom = reg - dt.timedelta(days=rng.randint(20 * 365 + 5, 45 * 365))
    bride = reg - dt.timedelta(days=rng.randint(18 * 365 + 5, 40 * 365))
    ethnic = rng.choice(ETHNIC[:6])
    return {"ho_ten_chong": c.person(rng, "Nam"), "ngay_sinh_chong": fmt(groom), "dan_toc_chong": ethnic,
            "noi_cu_tru_chong": home, "ho_ten_vo": c.person(rng, "Nữ"), "ngay_sinh_vo": fmt(bride),
            "dan_toc_vo": rng.choice([ethnic, rng.choice(ETHNIC[:6])]), "noi_cu_tru_vo": other}


_COMMUNE_FIELDS = {"khai_sinh": _commune_birth, "khai_tu": _commune_death, "ket_hon": _commune_marriage}
