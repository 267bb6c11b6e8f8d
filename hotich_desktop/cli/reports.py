"""`hotich report` (the daily report, the district's roll-up) and `hotich campaign` (the plan)."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..core.errors import BadInput
from .output import emit


def _day(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"Ngày không hợp lệ: «{text}» (dạng YYYY-MM-DD).") from None


def cmd_report(args: argparse.Namespace) -> int:
    from ..core.service import Service
    from .auth import signed_in

    day = _day(args.date)
    if args.action == "rollup":
        if not args.folder:
            raise BadInput("Cần thư mục chứa các tệp báo cáo .json của các xã: hotich report rollup THƯ_MỤC --out TỆP.")
        from ..core.reports.service import Reports

        roll = Reports.rollup(Path(args.folder), Path(args.out), day)
        lines = [f"{c.code:<16} {c.mark_text}" for c in roll.communes]
        lines += [f"Tệp không dùng được: «{f}»: {why}" for f, why in roll.refused]
        emit({"date": day.isoformat(), "out": args.out, "totals": roll.totals(),
              "communes": [{"code": c.code, "name": c.name, "mark": c.mark, "reason": c.reason,
                            "date": c.report.day.isoformat() if c.report else None} for c in roll.communes],
              "refused": [{"file": f, "reason": why} for f, why in roll.refused]}, args.json,
             "\n".join(lines + [f"Đã ghi bảng tổng hợp {len(roll.communes)} xã vào {args.out}"]))
        return 0
    svc = Service.open(args.data_dir, args.db_url)
    who = signed_in(svc, args.user, "report")
    svc.records.refresh_checks(who)  # queue records with no matching stored findings (new rules): stored once
    progress = svc.reports.write(who, day, Path(args.out))
    rows = progress.today
    from ..core.reports.daily import totals

    emit({"date": day.isoformat(), "out": args.out, "rows": [vars(r) for r in rows], "totals": totals(rows),
          "plan": progress.plan_total, "cumulative": progress.totals(), "book_states": progress.book_states(),
          "projection": progress.projection.as_json() if progress.projection else None}, args.json,
         "\n".join([f"Đã ghi báo cáo ngày {day:%d/%m/%Y} vào {args.out}", *progress.summary_lines()]))
    return 0


def cmd_campaign(args: argparse.Namespace) -> int:
    from ..core.service import Service
    from .auth import signed_in

    svc = Service.open(args.data_dir, args.db_url)
    if args.campaign_cmd == "show":
        signed_in(svc, args.user, "report")
        info = svc.reports.campaign()
        if info is None:
            emit({"campaign": None}, args.json, "Chưa đặt kế hoạch chiến dịch.")
            return 0
        emit({"campaign": {**info.as_json(), "book_list": [b.as_json() for b in info.books]}}, args.json,
             f"Chiến dịch {info.name}: {info.start:%d/%m/%Y} – {info.end:%d/%m/%Y}, {len(info.books)} sổ, "
             f"{info.expected_total} hồ sơ dự kiến.")
        return 0
    who = signed_in(svc, args.user, "manage_campaign")
    done = svc.reports.import_campaign(who, _day(args.start), _day(args.end), Path(args.books), args.name or "")
    info = done.value
    emit({"campaign": info.as_json()}, args.json,
         f"Đã đặt kế hoạch: {info.start:%d/%m/%Y} – {info.end:%d/%m/%Y}, {len(info.books)} sổ, "
         f"{info.expected_total} hồ sơ dự kiến.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="báo cáo tiến độ theo ngày (.xlsx, .pdf, .json gửi huyện); "
                                      "rollup THƯ_MỤC: bảng tổng hợp các xã cho huyện")
    p.add_argument("action", nargs="?", choices=["rollup"], help="rollup: tổng hợp các tệp báo cáo .json của các xã")
    p.add_argument("folder", nargs="?", help="thư mục chứa tệp báo cáo của các xã (với rollup)")
    p.add_argument("--date", help="ngày báo cáo YYYY-MM-DD (mặc định: hôm nay)")
    p.add_argument("--out", required=True, help="tệp .xlsx, .pdf hoặc .json (rollup: .xlsx hoặc .pdf)")
    p.add_argument("--user", help="bắt buộc (trừ rollup): tên đăng nhập")
    p.add_argument("--json", action="store_true", help="in một đối tượng JSON")
    p.set_defaults(func=cmd_report)

    campaign = sub.add_parser("campaign", help="kế hoạch chiến dịch số hóa").add_subparsers(dest="campaign_cmd",
                                                                                         required=True)
    p = campaign.add_parser("set", help="đặt kế hoạch: ngày bắt đầu, kết thúc, danh sách sổ (.xlsx/.csv)")
    p.add_argument("--start", required=True, help="YYYY-MM-DD")
    p.add_argument("--end", required=True, help="YYYY-MM-DD")
    p.add_argument("--books", required=True, help="danh sách sổ: cột Loại sổ, Năm, Quyển, Số hồ sơ dự kiến")
    p.add_argument("--name", default="")
    p.add_argument("--user", help="bắt buộc: tên đăng nhập (người kiểm tra hoặc quản trị)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_campaign)
    p = campaign.add_parser("show", help="xem kế hoạch hiện tại")
    p.add_argument("--user", help="bắt buộc: tên đăng nhập")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_campaign)
