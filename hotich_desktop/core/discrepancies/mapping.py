"""Which column holds what: the fields a list or an extract can give, the names provinces use for them, and a
proposal from a file's header (fuzzy and accent-blind: «Ho ten», «HỌ VÀ TÊN», «Họ tên công dân» all match)."""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz
from unidecode import unidecode

from ..errors import BadInput

# field -> (label shown to the clerk, names seen in provinces' headers)
LIST_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "case_type": ("Loại việc hộ tịch", ("loại việc", "loại việc hộ tịch", "loại hồ sơ", "loại giấy tờ",
                                        "nhóm trường hợp", "loại trường hợp", "loại sổ")),
    "error_type": ("Loại sai lệch", ("loại sai lệch", "loại lỗi", "nội dung sai lệch", "sai lệch", "lỗi",
                                     "trường sai lệch", "nội dung không khớp", "dạng sai lệch")),
    "unit": ("Đơn vị hành chính", ("đơn vị hành chính", "đơn vị", "xã phường", "xã", "địa bàn", "tên xã",
                                   "đvhc", "cấp xã")),
    "name": ("Họ và tên", ("họ và tên", "họ tên", "họ tên công dân", "tên công dân", "họ tên người được đăng ký")),
    "birth": ("Ngày sinh", ("ngày sinh", "ngày tháng năm sinh", "ngày, tháng, năm sinh", "năm sinh")),
    "gender": ("Giới tính", ("giới tính", "gt", "nam nữ")),
    "id_number": ("Số định danh", ("số định danh", "số định danh cá nhân", "cccd", "số cccd", "cmnd",
                                   "căn cước", "số căn cước công dân", "mã định danh")),
    "reg_no": ("Số đăng ký", ("số đăng ký", "số", "số hộ tịch", "số đk", "số ghi sổ")),
    "book": ("Quyển số / năm", ("quyển số", "quyển", "sổ", "số quyển", "năm đăng ký", "quyển sổ")),
    "reg_date": ("Ngày đăng ký", ("ngày đăng ký", "ngày đk", "ngày ghi sổ")),
    "father": ("Họ tên cha", ("họ tên cha", "tên cha", "cha")),
    "mother": ("Họ tên mẹ", ("họ tên mẹ", "tên mẹ", "mẹ")),
    "value_hotich": ("Giá trị trong CSDL hộ tịch", ("csdl hộ tịch", "giá trị csdl hộ tịch", "thông tin hộ tịch",
                                                    "dữ liệu hộ tịch", "hộ tịch")),
    "value_population": ("Giá trị trong CSDL dân cư", ("csdl dân cư", "csdlqg về dân cư", "giá trị csdl dân cư",
                                                       "thông tin dân cư", "dữ liệu dân cư", "dân cư")),
}
POPULATION_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": LIST_FIELDS["name"],
    "birth": LIST_FIELDS["birth"],
    "gender": LIST_FIELDS["gender"],
    "id_number": LIST_FIELDS["id_number"],
    "father": LIST_FIELDS["father"],
    "mother": LIST_FIELDS["mother"],
    "residence": ("Nơi cư trú", ("nơi cư trú", "nơi thường trú", "địa chỉ", "thường trú", "nơi ở hiện tại",
                                 "chỗ ở")),
}
FIELDS = {"discrepancy": LIST_FIELDS, "population": POPULATION_FIELDS}
# A list is usable when it says what is wrong and whom it is about.
REQUIRED = {"discrepancy": (("error_type",), ("name", "reg_no", "id_number")), "population": (("name",),)}

# Error types as the lists word them -> one key each.
ERROR_TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("Sai họ tên", ("sai họ tên", "họ tên", "sai tên", "tên")),
    "birth": ("Sai ngày sinh", ("sai ngày sinh", "ngày sinh", "năm sinh", "ngày tháng năm sinh")),
    "gender": ("Sai giới tính", ("sai giới tính", "giới tính")),
    "ethnicity": ("Sai dân tộc", ("sai dân tộc", "dân tộc")),
    "nationality": ("Sai quốc tịch", ("sai quốc tịch", "quốc tịch")),
    "parents": ("Sai thông tin cha mẹ", ("sai tên cha", "sai tên mẹ", "sai họ tên cha", "sai họ tên mẹ", "cha mẹ",
                                         "họ tên cha", "họ tên mẹ", "tên cha", "tên mẹ")),
    "missing_hotich": ("Không có trong CSDL hộ tịch", ("không có trong csdl hộ tịch", "thiếu hộ tịch",
                                                      "chưa có trong csdl hộ tịch", "có dân cư không có hộ tịch")),
    "missing_population": ("Không có trong CSDL dân cư", ("không có trong csdl dân cư", "thiếu dân cư",
                                                         "chưa có trong csdl dân cư",
                                                         "có hộ tịch không có dân cư")),
    "duplicate": ("Trùng lặp", ("trùng", "trùng lặp", "trùng hồ sơ", "đăng ký trùng")),
    "other": ("Sai lệch khác", ()),
}


def plain(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: the form names are compared in."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", unidecode(text or "").lower()).split())


@lru_cache(maxsize=4096)
def error_type(text: str) -> str:
    """The ERROR_TYPES key a list's wording means ('other' when none is close); the longest name found
    in the wording wins («Sai họ tên mẹ» is about the parents, not the name)."""
    p = plain(text)
    if not p:
        return "other"
    best, best_score = "other", 0.0
    padded = f" {p} "
    for key, (label, names) in ERROR_TYPES.items():
        for name in (label, *names):
            n = plain(name)
            if not n:
                continue
            if n == p:
                score = 200.0
            elif f" {n} " in padded:
                score = 100.0 + len(n)
            else:
                score = max(fuzz.ratio(n, p), fuzz.token_sort_ratio(n, p))
            if "khong co" in p and not key.startswith("missing"):
                score -= 30
            if score > best_score:
                best, best_score = key, score
    return best if best_score >= 80 else "other"


def propose(kind: str, header: list[str]) -> dict[str, str]:
    """field -> header cell, each header used once, best matches first; fields with no good column left out."""
    fields = FIELDS[kind]
    scored = []
    for col in header:
        pc = plain(col)
        if not pc:
            continue
        for key, (label, names) in fields.items():
            best = 0.0
            for name in (label, *names):
                n = plain(name)
                if n == pc:
                    s = 100.0
                elif len(pc) <= 3 or len(n) <= 3:
                    s = 0.0  # «Số», «Cha», «GT»: only an exact name counts
                else:
                    s = max(fuzz.ratio(n, pc), fuzz.token_sort_ratio(n, pc) - 2, fuzz.partial_ratio(n, pc) - 8
                            if len(n) >= 6 else 0)
                best = max(best, s)
            scored.append((best, key, col))
    out: dict[str, str] = {}
    used: set[str] = set()
    for score, key, col in sorted(scored, key=lambda t: -t[0]):
        if score >= 80 and key not in out and col not in used:
            out[key] = col
            used.add(col)
    return out


def check_mapping(kind: str, mapping: dict[str, str], header: list[str]) -> dict[str, int]:
    """field -> column index; BadInput naming what is wrong (a column not in the file, a field missing)."""
    fields = FIELDS[kind]
    unknown_fields = sorted(set(mapping) - set(fields))
    if unknown_fields:
        raise BadInput("Trường không có trong danh sách ghép cột: " + ", ".join(unknown_fields) + ".")
    index = {h: i for i, h in reversed(list(enumerate(header))) if h}
    missing = [f"{fields[k][0]} → «{col}»" for k, col in mapping.items() if col and col not in index]
    if missing:
        raise BadInput("Tệp không có cột đã ghép: " + "; ".join(missing) + ". Hãy ghép cột lại cho tệp này.")
    out = {k: index[col] for k, col in mapping.items() if col}
    for group in REQUIRED[kind]:
        if not any(k in out for k in group):
            names = " hoặc ".join(f"«{fields[k][0]}»" for k in group)
            raise BadInput(f"Chưa ghép cột {names}. Cột trong tệp: " + ", ".join(h for h in header if h) + ".")
    return out
