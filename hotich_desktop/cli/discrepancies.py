"""`hotich discrepancies import|match|list|resolve|export|progress` and `hotich population import|purge|match`."""
from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from .output import emit


def _service(args: argparse.Namespace):  # noqa: ANN202
    from ..core.service import Service

    return Service.open(args.data_dir, args.db_url)


def _mapping(args: argparse.Namespace, svc: Any, kind: str) -> dict[str, str] | None:
    """The saved (or proposed) mapping with --map FIELD=COLUMN overrides; None: let the import decide."""
    from ..core.errors import BadInput

    if not args.map:
        return None
    base = svc.discrepancies.preview(Path(args.file), kind, args.province)["mapping"]
    for item in args.map:
        field, sep, column = item.partition("=")
        if not sep:
            raise BadInput(f"--map cần dạng TRƯỜNG=TÊN CỘT, không phải «{item}».")
        base[field.strip()] = column.strip()
    return {k: v for k, v in base.items() if v}


def cmd_discrepancies(args: argparse.Namespace) -> int:
    from .auth import signed_in

    svc = _service(args)
    action = args.disc_cmd
    who = signed_in(svc, args.user, "read_records" if action in ("list", "progress", "export") else "discrepancies")
    d = svc.discrepancies
    if action == "import":
        received = dt.date.fromisoformat(args.received) if args.received else None
        mapping = _mapping(args, svc, "discrepancy")
        report = d.import_list(who, Path(args.file), mapping=mapping, province=args.province, received_on=received,
                               name=args.name or "", days=args.days).value
        if report.mapping != d.saved_mapping("discrepancy", args.province):
            d.save_mapping(who, "discrepancy", report.mapping, args.province)
        emit(report.as_json(), args.json, report.text())
    elif action == "match":
        report = d.match(who, args.list).value
        emit(report.as_json(), args.json, report.text())
    elif action == "list":
        if args.list is None:
            lists = d.lists()
            emit({"lists": [x.as_json() for x in lists]}, args.json, "\n".join(
                f"{x.id}\t{x.name}\t{x.resolved}/{x.lines} đã xử lý\thạn {x.deadline:%d/%m/%Y}" for x in lists)
                or "(chưa có danh sách)")
        else:
            lines = d.lines(args.list, open_only=args.open)
            emit({"lines": [x.as_json() for x in lines]}, args.json, "\n".join(
                f"{x.id}\tdòng {x.row}\t{x.error_label}\t{x.fields.get('name', '')}\t"
                + (f"mục {x.entry_id} ({x.score:.0f})" if x.entry_id else
                   "ứng viên: " + ", ".join(f"{c['entry_id']} ({c['score']:.0f})" for c in x.candidates) or "—")
                + f"\t{x.resolution_label}" for x in lines) or "(không có dòng nào)")
    elif action == "resolve":
        corrections = None
        if args.fields:
            corrections = json.loads(Path(args.fields).read_text(encoding="utf-8"))
        resolution = "" if args.as_ == "reopen" else args.as_
        line = d.resolve(who, args.line, resolution, note=args.note or "", entry_id=args.entry,
                         corrections=corrections, expected_version=args.version).value
        emit({"line": line.as_json()}, args.json, f"Dòng {line.id}: {line.resolution_label}")
    elif action == "export":
        out = d.export(who, args.list, Path(args.out)).value
        emit({"file": str(out)}, args.json, f"Đã xuất {out}")
    elif action == "progress":
        progress = d.progress(args.list)
        emit(progress.as_json(), args.json, progress.text())
    return 0


def cmd_population(args: argparse.Namespace) -> int:
    from .auth import signed_in

    svc = _service(args)
    action = args.pop_cmd
    need = {"purge": "purge_population", "match": "read_records"}.get(action, "discrepancies")
    who = signed_in(svc, args.user, need)
    d = svc.discrepancies
    if action == "import":
        mapping = _mapping(args, svc, "population")
        report = d.import_population(who, Path(args.file), mapping=mapping, province=args.province).value
        if report.mapping != d.saved_mapping("population", args.province):
            d.save_mapping(who, "population", report.mapping, args.province)
        emit(report.as_json(), args.json, report.text().replace("dòng (", "người (", 1))
    elif action == "purge":
        n = d.purge_population(who).value
        emit({"purged": n}, args.json, f"Đã xóa {n} người của dữ liệu dân cư.")
    elif action == "match":
        entry = svc.entries.get(who, args.entry)
        book, _ = svc.entries.context(who, args.entry)
        found = d.population_match(book.book_type, entry.fields)
        if found is None:
            emit({"match": None}, args.json, "Không thấy người nào giống trong dữ liệu dân cư.")
        else:
            emit({"match": found.as_json()}, args.json, "\n".join(
                [f"{found.values['name']} ({found.score:.0f})"]
                + [f"- {x.label}: sổ «{x.record}», dân cư «{x.population}»" for x in found.differences]
                or ["Không có trường nào khác."]))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    disc = sub.add_parser("discrepancies", help="danh sách sai lệch giữa hộ tịch và dữ liệu dân cư").add_subparsers(
        dest="disc_cmd", required=True)

    def add(parent: Any, name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_text)
        p.add_argument("--user", help="bắt buộc: tên đăng nhập")
        p.add_argument("--json", action="store_true", help="in một đối tượng JSON")
        p.set_defaults(func=func)
        return p

    p = add(disc, "import", "nhập danh sách sai lệch (Excel hoặc CSV); cột ghép một lần cho mỗi tỉnh", cmd_discrepancies)
    p.add_argument("file")
    p.add_argument("--map", action="append", metavar="TRƯỜNG=CỘT",
                   help="ghép cột: name, birth, gender, id_number, reg_no, book, reg_date, father, mother, case_type, "
                        "error_type, unit, value_hotich, value_population")
    p.add_argument("--province", help="tỉnh của cách ghép cột (mặc định: mã cơ quan trong Cài đặt)")
    p.add_argument("--received", help="ngày nhận danh sách YYYY-MM-DD (mặc định hôm nay): mốc của 45 ngày")
    p.add_argument("--days", type=int, default=45, help="số ngày phải xử lý xong (mặc định 45)")
    p.add_argument("--name", help="tên danh sách")
    p = add(disc, "match", "ghép từng dòng với hồ sơ đã số hóa", cmd_discrepancies)
    p.add_argument("--list", type=int, required=True)
    p = add(disc, "list", "các danh sách, hoặc các dòng của một danh sách (--list)", cmd_discrepancies)
    p.add_argument("--list", type=int)
    p.add_argument("--open", action="store_true", help="chỉ dòng chưa xử lý")
    p = add(disc, "resolve", "xử lý một dòng", cmd_discrepancies)
    p.add_argument("--line", type=int, required=True)
    p.add_argument("--as", dest="as_", required=True,
                   choices=["population_wrong", "record_corrected", "not_in_books", "reopen"],
                   help="population_wrong: sổ xác nhận CSDL dân cư sai; record_corrected: nhập sai, sửa hồ sơ "
                        "(--fields, gửi phê duyệt); not_in_books: không có trong sổ; reopen: mở lại")
    p.add_argument("--entry", type=int, help="hồ sơ đối chiếu (mặc định: hồ sơ đã ghép)")
    p.add_argument("--fields", help="tệp JSON các giá trị đúng (record_corrected)")
    p.add_argument("--version", type=int, help="phiên bản hồ sơ đã xem")
    p.add_argument("--note")
    p = add(disc, "export", "xuất danh sách đã xử lý theo mẫu của tỉnh, thêm cột kết quả và tên tệp PDF",
            cmd_discrepancies)
    p.add_argument("--list", type=int, required=True)
    p.add_argument("--out", required=True)
    p = add(disc, "progress", "tiến độ theo loại sai lệch và đơn vị, số ngày còn lại", cmd_discrepancies)
    p.add_argument("--list", type=int, required=True)

    pop = sub.add_parser("population", help="dữ liệu dân cư để đối chiếu khi nhập").add_subparsers(
        dest="pop_cmd", required=True)
    p = add(pop, "import", "nhập trích xuất dữ liệu dân cư (chỉ lưu trong cơ sở dữ liệu; thay bản trước)",
            cmd_population)
    p.add_argument("file")
    p.add_argument("--map", action="append", metavar="TRƯỜNG=CỘT",
                   help="ghép cột: name, birth, gender, id_number, father, mother, residence")
    p.add_argument("--province")
    add(pop, "purge", "xóa toàn bộ dữ liệu dân cư đã nhập (ghi nhật ký)", cmd_population)
    p = add(pop, "match", "người giống nhất với hồ sơ của một mục và các trường khác nhau", cmd_population)
    p.add_argument("--entry", type=int, required=True)
