"""Sub-commands. Heavy modules are imported inside each handler so `hotich detect` starts fast."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from .output import emit


def _service(args: argparse.Namespace):  # noqa: ANN202 - lazy import keeps image commands light
    from ..core.service import Service

    return Service.open(args.data_dir, args.db_url)


# -- image stages (no store) ------------------------------------------------------------------------------
def cmd_detect(args: argparse.Namespace) -> int:
    from ..core.entries.pipeline import detect_file

    page = detect_file(Path(args.image))
    emit(page.as_json(), args.json, f"{page.image}: {len(page.entries)} mục, nghiêng {page.skew_degrees}°")
    return 0


def cmd_crop(args: argparse.Namespace) -> int:
    from ..core.entries.pipeline import crop_file

    result = crop_file(Path(args.image), args.book_type, args.year, Path(args.out), args.volume,
                       read_fields=not args.no_ocr)
    emit(result, args.json, f"Đã ghi {len(result['entries'])} tệp PDF vào {args.out}")
    return 0


def cmd_ocr(args: argparse.Namespace) -> int:
    """One page: the contract's object. Several pages or a folder: {"pages": [that object, ...]}, read in
    one process (models loaded once, pages read side by side); a page that fails has "error" instead."""
    from ..core.entries.pipeline import ocr_file, ocr_files, page_files

    paths = [Path(p) for p in args.image]
    if len(paths) == 1 and not paths[0].is_dir():
        result = ocr_file(paths[0], args.book_type)
        emit(result, args.json, f"Đã đọc {len(result['entries'])} mục")
        return 0
    pages = ocr_files(page_files(paths), args.book_type)
    entries = sum(len(p.get("entries", [])) for p in pages)
    failed = [p for p in pages if "error" in p]
    text = f"Đã đọc {entries} mục trên {len(pages) - len(failed)} trang" + "".join(
        f"\n{p['image']}: {p['error']}" for p in failed)
    emit({"pages": pages}, args.json, text)
    if failed:
        import sys

        print(f"Không đọc được {len(failed)} trang: " + ", ".join(p["image"] for p in failed), file=sys.stderr)
    return 1 if failed else 0


# -- store ------------------------------------------------------------------------------------------------
def cmd_users_add(args: argparse.Namespace) -> int:
    from .auth import actor, password

    svc = _service(args)
    who = actor(svc, args.user, required=False)
    new = svc.users.create(who, args.login, password("HOTICH_NEW_PASSWORD", "Mật khẩu mới: "), args.role,
                          args.full_name or "").value
    emit({"id": new.id, "login": new.login, "role": new.role.value}, args.json,
         f"Đã tạo người dùng {new.login} ({new.role.value}).")
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    from .auth import signed_in

    svc = _service(args)
    who = signed_in(svc, args.user, "manage_users")
    users = svc.users.list(who)
    emit({"users": users}, args.json, "\n".join(f"{u['login']}\t{u['role']}" for u in users) or "(chưa có)")
    return 0


def cmd_books(args: argparse.Namespace) -> int:
    books = [b.as_json() for b in _service(args).books.list(None)]
    emit({"books": books}, args.json,
         "\n".join(f"{b['id']}\t{b['book_type']}\t{b['year']}\tquyển {b['volume']}" for b in books) or "(chưa có sổ)")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from ..core.intake.ingest import ingest_folder
    from .auth import signed_in

    svc = _service(args)
    who = signed_in(svc, args.user, "intake")
    book = svc.books.open(who, args.book_type, args.year, args.volume).value
    report = ingest_folder(svc, who, book.id, Path(args.folder))
    payload = {"book": book.as_json(), **report.as_json()}
    emit(payload, args.json, report.summary())
    return 0


def cmd_process(args: argparse.Namespace) -> int:
    from ..core.entries.processing import process_book
    from .auth import signed_in

    svc = _service(args)
    who = signed_in(svc, args.user, "intake")
    entries = process_book(svc, who, args.book, ocr=not args.no_ocr)
    payload = {"entries": [_entry_json(e) for e in entries]}
    emit(payload, args.json, f"Sổ {args.book}: {len(entries)} mục")
    return 0


def _entry_json(e: Any) -> dict[str, Any]:
    return {"id": e.id, "page_id": e.page_id, "pdf": e.pdf, "bytes": e.bytes, "status": e.status,
            "bbox": e.bbox, "polygon": e.polygon, "fields": e.fields, "version": e.version}


def cmd_entries(args: argparse.Namespace) -> int:
    from .auth import signed_in

    svc = _service(args)
    who = signed_in(svc, args.user, "read_records")
    svc.books.get(who, args.book)
    entries = svc.entries.list(who, book_id=args.book)
    emit({"entries": [_entry_json(e) for e in entries]}, args.json,
         "\n".join(f"{e.id}\t{e.status}\t{e.pdf}" for e in entries) or "(chưa có mục)")
    return 0


def cmd_record_save(args: argparse.Namespace) -> int:
    from ..core.errors import BadInput, Conflict
    from .auth import actor

    try:
        fields = json.loads(Path(args.fields).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadInput(f"Không đọc được tệp dữ liệu {args.fields}: {exc}") from exc
    svc = _service(args)
    who = actor(svc, args.user)
    try:
        result = svc.records.save(who, args.entry, fields, submit=args.submit, replace=args.replace,
                                 expected_version=args.version)
    except Conflict as exc:
        _show_conflict(exc, fields if isinstance(fields, dict) else {}, args.json)
        raise
    payload = {"entry": _entry_json(result.entry), "findings": [f.as_json() for f in result.findings]}
    lines = [f"Đã lưu mục {result.entry.id} ({result.entry.status})."] + [f"- {f.message}" for f in result.findings]
    emit(payload, args.json, "\n".join(lines))
    return 0


def _show_conflict(exc: Any, mine: dict[str, Any], as_json: bool) -> None:
    """The other desk's values, so the clerk can merge and save again with --version N."""
    if as_json:
        emit({"conflict": {"version": exc.version, "current": exc.current}}, True, "")
        return
    import sys

    for key, theirs, own in exc.differences(mine):
        print(f"  {key}: đã lưu «{theirs}», tệp này «{own}»", file=sys.stderr)
    print(f"  (lưu lại với --version {exc.version} sau khi đã gộp)", file=sys.stderr)


def cmd_review(args: argparse.Namespace) -> int:
    from .auth import actor

    svc = _service(args)
    who = actor(svc, args.user)
    if args.decision == "accept":
        code, _, field = args.finding.partition(":")
        finding = svc.review.accept_finding(who, args.entry, code.strip(), field.strip(), args.reason or "").value
        emit({"entry_id": args.entry, "finding": finding.as_json(), "reason": args.reason}, args.json,
             f"Mục {args.entry}: đã chấp nhận «{finding.message}»")
        return 0
    if args.decision == "approve":
        entry = svc.review.approve(who, args.entry, args.version).value
    else:
        entry = svc.review.return_entry(who, args.entry, args.reason or "", args.version).value
    emit({"entry": _entry_json(entry)}, args.json, f"Mục {entry.id}: {entry.status}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .auth import actor

    svc = _service(args)
    who = actor(svc, args.user)
    result = svc.outbox.export_book(who, args.book, Path(args.out), partial=args.partial).value
    lines = [f"Đã xuất {result.records} hồ sơ vào {result.package}" + (" (gói cũ, không đổi)" if result.reused else "")
             + (" — gói một phần" if result.skipped else "")]
    lines += [f"- Mục {s['entry_id']}: {s['reason']}" for s in result.skipped]
    emit(result.as_json(), args.json, "\n".join(lines))
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    """The check rules in force for a book type: the shipped table with the data folder's rules.json over it
    (a bad override is refused with its message, so an admin can try an edit before the clerks meet it)."""
    from ..core.booktypes import BOOK_TYPES, book_type
    from ..core.records.rules import load_rules
    from ..core.workspace import Workspace

    root = Workspace.resolve(args.data_dir, args.db_url).root
    types = [book_type(args.book_type).key] if args.book_type else list(BOOK_TYPES)
    tables = {t: [{"id": r.id, "kind": r.kind, "severity": r.severity, "enabled": r.enabled, "title": r.title,
                   "fields": list(r.fields), "params": dict(r.params), "message": r.message}
                  for r in load_rules(t, root)] for t in types}
    lines = [f"{t}\t{r['id']}\t{r['severity'] if r['enabled'] else 'tắt'}\t"
             + " ".join(f"{k}={v}" for k, v in r["params"].items()) for t, rows in tables.items() for r in rows]
    emit({"rules": tables}, args.json, "\n".join(lines))
    return 0


def cmd_template_check(args: argparse.Namespace) -> int:
    """The check report for a template file; exit 2 when an export would refuse it."""
    from ..core.export.choose import guess_book_type
    from ..core.export.template import check_template, report_text

    path = Path(args.file)
    report = check_template(path, args.book_type or guess_book_type(path))
    emit(report, args.json, report_text(report))
    return 0 if report["ok"] else 2


def cmd_template_set(args: argparse.Namespace) -> int:
    from ..core.export.template import report_text
    from .auth import actor

    svc = _service(args)
    who = actor(svc, args.user)
    if args.default:
        svc.outbox.reset_template(who, args.book_type)
        emit({"book_type": args.book_type, "installed": ""}, args.json,
             f"Sổ {args.book_type}: dùng lại tệp mẫu mặc định.")
        return 0
    if not args.file:
        from ..core.errors import BadInput

        raise BadInput("Hãy cho tệp mẫu (.xlsx) hoặc --default.")
    report = svc.outbox.set_template(who, args.book_type, Path(args.file)).value
    emit(report, args.json, report_text(report) + f"\nĐã dùng tệp mẫu này cho sổ {args.book_type}.")
    return 0


def cmd_deliver(args: argparse.Namespace) -> int:
    """Delivers to a folder, webdav(s)://, sftp:// or http(s):// address (default: the settings' one)."""
    import getpass
    import sys

    from ..core.export.targets import needs_password
    from ..core.export.targets.credentials import password_for
    from .auth import actor

    svc = _service(args)
    who = actor(svc, args.user)
    address = args.to or svc.settings.get().upload_url
    secret = None
    if address and needs_password(address) and password_for(svc.workspace.root, address) is None \
            and sys.stdin is not None and sys.stdin.isatty():
        secret = getpass.getpass(f"Mật khẩu cho {address}: ")
    receipt = svc.outbox.deliver(who, args.package, address, password=secret).value
    text = (f"Gói đã có sẵn ở nơi nhận: {receipt.location}" if receipt.already_there
            else f"Đã gửi và kiểm tra mã băm: {receipt.location}")
    emit({"package_id": args.package, "delivered": receipt.location, "receipt": receipt.as_json()}, args.json, text)
    return 0


def cmd_target(args: argparse.Namespace) -> int:
    """`target set ADDRESS` (admin, audited; password from HOTICH_DELIVERY_PASSWORD or a prompt, stored
    encrypted) and `target test [ADDRESS]` (signs in and checks the folder, sends nothing)."""
    import getpass
    import os
    import sys

    from ..core.export.targets import needs_password
    from .auth import actor

    svc = _service(args)
    who = actor(svc, args.user)
    if args.target_cmd == "test":
        text = svc.outbox.check_connection(who, args.address)
        emit({"ok": True, "message": text}, args.json, text)
        return 0
    secret = os.environ.get("HOTICH_DELIVERY_PASSWORD")
    if secret is None and needs_password(args.address) and sys.stdin is not None and sys.stdin.isatty():
        secret = getpass.getpass(f"Mật khẩu cho {args.address}: ")
    shown = svc.outbox.set_target(who, args.address, secret).value
    emit({"address": shown}, args.json, f"Nơi nhận gói: {shown or '(chưa cài)'}")
    return 0


def cmd_upload(args: argparse.Namespace) -> int:
    """Uploads one package, or every waiting one; items that fail stay queued for the next try."""
    from .auth import actor

    svc = _service(args)
    who = actor(svc, args.user)
    if args.package is not None:
        results = [(args.package, svc.outbox.upload(who, args.package).value)]
    else:
        results = svc.outbox.upload_waiting(who).value
    emit({"results": [{"package_id": p, "outcome": r} for p, r in results]}, args.json,
         "\n".join(f"Gói {p}: {r}" for p, r in results) or "Không có gói nào chờ gửi.")
    return 0


def cmd_outbox(args: argparse.Namespace) -> int:
    from .auth import signed_in

    svc = _service(args)
    who = signed_in(svc, args.user, "export")
    items = svc.outbox.packages(who, args.book)
    emit({"packages": items}, args.json, "\n".join(
        f"{i['id']:>4}  {i['package']}  v{i['version']}  {i['records']} hồ sơ  {i['status']}  {i['error']}"
        for i in items) or "Hộp thư đi trống.")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    """The chain, the anchors (this workspace's and any --anchor), approved records and accounts."""
    import sys

    from ..core import anchors

    given = [anchors.parse(a) for a in args.anchor or []]
    report = _service(args).audit.verify(given)
    payload = {"ok": report.ok, "events": report.events, "broken_event": report.broken_id, "reason": report.reason,
               "problems": report.problems}
    if report.ok:
        emit(payload, args.json, f"Nhật ký nguyên vẹn ({report.events} sự kiện).")
        return 0
    emit(payload, args.json, "")
    if report.broken_id is not None:
        print(f"hotich: nhật ký bị thay đổi tại sự kiện {report.broken_id}: {report.reason}.", file=sys.stderr)
    else:
        more = f" (và {len(report.problems) - 1} điểm khác, xem --json)" if len(report.problems) > 1 else ""
        print(f"hotich: nhật ký không khớp: {report.reason}{more}", file=sys.stderr)
    return 6

def cmd_backup(args: argparse.Namespace) -> int:
    """`backup --to DIR` writes a snapshot; `backup verify DIR` checks one by hash; `backup set-passphrase`,
    `backup schedule` (admin) and `backup --scheduled` (the daily run, for the OS scheduler)."""
    from ..core.errors import BadInput
    from .auth import actor, backup_passphrase

    if args.action == "verify":
        if not args.dir:
            raise BadInput("Cần thư mục sao lưu: hotich backup verify THƯ_MỤC")
        from ..core.backup.run import verify

        report = verify(Path(args.dir), backup_passphrase(), args.snapshot)
        lines = [f"Bản sao lưu {report.snapshot}: {report.files} tệp, {report.pdfs} PDF, {report.records} hồ sơ, "
                 f"{report.audit_events} sự kiện nhật ký — " + ("khớp hoàn toàn." if report.ok else "CÓ LỖI:")]
        emit(report.as_json(), args.json, "\n".join(lines + [f"- {p}" for p in report.problems[:50]]))
        return 0 if report.ok else 6
    svc = _service(args)
    if args.action == "set-passphrase":
        fingerprint = svc.backups.set_passphrase(actor(svc, args.user), backup_passphrase(confirm=True))
        emit({"fingerprint": fingerprint}, args.json,
             f"Đã đặt mật khẩu sao lưu (dấu khóa {fingerprint}). Hãy ghi mật khẩu ra giấy, cất nơi an toàn: "
             "không có nó thì không khôi phục được bản sao lưu nào.")
        return 0
    if args.action == "schedule":
        if not args.to:
            raise BadInput("Dùng: hotich backup schedule --to THƯ_MỤC [--keep N] [--hour GIỜ] --user QUẢN_TRỊ")
        done = svc.backups.configure(actor(svc, args.user), args.to, args.keep, args.hour)
        emit(done, args.json, f"Sao lưu hằng ngày vào {done['folder']} từ {done['hour']} giờ, giữ {done['keep']} bản.")
        return 0
    if args.scheduled:
        report = svc.backups.run_scheduled()
        if report is None:
            emit({"due": False}, args.json, "Chưa đến lúc sao lưu hằng ngày (hoặc chưa cài đặt).")
            return 0
    else:
        if args.action or not args.to:
            raise BadInput("Dùng: hotich backup --to THƯ_MỤC --user TÊN  hoặc  hotich backup verify THƯ_MỤC")
        who = actor(svc, args.user)
        # The passphrase is asked only while the office has none (an admin's first backup sets it).
        passphrase = None if svc.settings.get().backup_key else backup_passphrase(confirm=True)
        report = svc.backups.run(who, Path(args.to), args.keep, passphrase)
    emit(report.as_json(), args.json,
         f"Đã sao lưu ({report.snapshot}): {report.files} tệp, {report.new_files} tệp mới, {report.records} hồ sơ, "
         f"{report.seconds} giây.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from ..core.backup.run import restore
    from .auth import backup_passphrase

    report = restore(Path(args.source), backup_passphrase(), Path(args.to), args.db_url, args.snapshot)
    lines = [f"Đã khôi phục bản {report.snapshot} vào {args.to}: {report.files} tệp, {report.pdfs} PDF, "
             f"{report.records} hồ sơ, {report.audit_events} sự kiện nhật ký — "
             + ("khớp hoàn toàn với bản sao lưu." if report.ok else "CÓ CHỖ KHÔNG KHỚP:")]
    emit(report.as_json(), args.json, "\n".join(lines + [f"- {p}" for p in report.problems[:50]]))
    return 0 if report.ok else 6


def cmd_encrypt_store(args: argparse.Namespace) -> int:
    """`encrypt-store --user ADMIN`: this desk's SQLite store encrypted with SQLCipher (office passphrase)."""
    from .auth import actor, office_passphrase

    svc = _service(args)
    try:
        who = actor(svc, args.user)
        done = svc.backups.encrypt_store(who, office_passphrase(confirm=True))
    finally:
        svc.close()
    emit({"encrypted": True, "changed": done}, args.json,
         "Đã mã hóa cơ sở dữ liệu của máy này. Từ nay mỗi lần mở cần mật khẩu của cơ quan (cửa sổ hỏi khi mở; "
         "dòng lệnh đọc HOTICH_PASSPHRASE hoặc hỏi)." if done else "Cơ sở dữ liệu này đã được mã hóa từ trước.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    def add(name: str, func, help_text: str, json_flag: bool = True) -> argparse.ArgumentParser:  # noqa: ANN001
        p = sub.add_parser(name, help=help_text)
        if json_flag:
            p.add_argument("--json", action="store_true", help="in một đối tượng JSON")
        p.set_defaults(func=func)
        return p

    p = add("detect", cmd_detect, "tìm các mục trên một trang")
    p.add_argument("image")
    p = add("crop", cmd_crop, "ghi mỗi mục thành một tệp PDF")
    p.add_argument("image")
    p.add_argument("--book-type", required=True)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--volume", default="")
    p.add_argument("--out", required=True)
    p.add_argument("--no-ocr", action="store_true", help="không đọc số và tên để đặt tên tệp")
    p = add("ocr", cmd_ocr, "đọc các trường của từng mục")
    p.add_argument("image", nargs="+", help="một trang, nhiều trang hoặc một thư mục trang")
    p.add_argument("--book-type", required=True)
    for name in ("detect", "crop", "ocr"):  # image commands: no store to unlock
        sub.choices[name].set_defaults(opens_store=False)

    users = sub.add_parser("users", help="người dùng").add_subparsers(dest="users_cmd", required=True)
    p = users.add_parser("add", help="tạo người dùng")
    p.add_argument("login")
    p.add_argument("--role", required=True, choices=["clerk", "supervisor", "admin"])
    p.add_argument("--full-name")
    p.add_argument("--user")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_users_add)
    p = users.add_parser("list", help="danh sách người dùng")
    p.add_argument("--json", action="store_true")
    p.add_argument("--user", help="bắt buộc: tên đăng nhập")
    p.set_defaults(func=cmd_users_list)

    add("books", cmd_books, "danh sách sổ")
    p = add("rules", cmd_rules, "quy tắc kiểm tra đang dùng (mặc định và tệp rules.json của thư mục dữ liệu)")
    p.add_argument("--book-type", help="một loại sổ (mặc định: mọi loại)")
    p = add("ingest", cmd_ingest, "nhận một lần mọi trang trong thư mục")
    p.add_argument("folder")
    p.add_argument("--book-type", required=True)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--volume", required=True)
    p.add_argument("--user", help="bắt buộc: tên đăng nhập")
    p = add("process", cmd_process, "tìm mục, ghi PDF, đọc trước các trường cho cả sổ")
    p.add_argument("--book", type=int, required=True)
    p.add_argument("--user", help="bắt buộc: tên đăng nhập")
    p.add_argument("--no-ocr", action="store_true")
    p = add("entries", cmd_entries, "danh sách mục của sổ")
    p.add_argument("--book", type=int, required=True)
    p.add_argument("--user", help="bắt buộc: tên đăng nhập")

    record = sub.add_parser("record", help="hồ sơ").add_subparsers(dest="record_cmd", required=True)
    p = record.add_parser("save", help="lưu hồ sơ của một mục")
    p.add_argument("--entry", type=int, required=True)
    p.add_argument("--fields", required=True)
    p.add_argument("--submit", action="store_true")
    p.add_argument("--replace", action="store_true", help="tệp là toàn bộ hồ sơ (mặc định: chỉ đổi các khóa có trong tệp)")
    p.add_argument("--version", type=int, help="phiên bản hồ sơ đã xem (entries --json); bị từ chối nếu đã có người sửa")
    p.add_argument("--user", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_record_save)

    review = sub.add_parser("review", help="phê duyệt").add_subparsers(dest="decision", required=True)
    for name, text in (("approve", "phê duyệt một mục"), ("return", "trả lại một mục kèm lý do"),
                       ("accept", "chấp nhận một điểm cần xem mà sổ gốc ghi đúng như vậy, kèm lý do")):
        p = review.add_parser(name, help=text)
        p.add_argument("--entry", type=int, required=True)
        p.add_argument("--user", required=True)
        p.add_argument("--json", action="store_true")
        p.add_argument("--version", type=int, help="phiên bản hồ sơ đã xem; bị từ chối nếu hồ sơ đã đổi sau đó")
        if name in ("return", "accept"):
            p.add_argument("--reason", required=True)
        if name == "accept":
            p.add_argument("--finding", required=True, metavar="KEY",
                           help="mã điểm cần xem, ví dụ birth_after_registration hoặc gender_name:gioi_tinh")
        p.set_defaults(func=cmd_review)

    p = add("export", cmd_export, "xuất gói dữ liệu 158 của một sổ")
    p.add_argument("--book", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--partial", action="store_true",
                   help="người phê duyệt xác nhận xuất sổ còn mục chưa duyệt (gói ghi rõ là một phần)")

    template = sub.add_parser("template", help="tệp mẫu Excel xuất 158").add_subparsers(dest="template_cmd",
                                                                                      required=True)
    p = template.add_parser("check", help="kiểm tra một tệp mẫu: cột tìm thấy, trường điền vào, cột để trống")
    p.add_argument("file")
    p.add_argument("--book-type", help="loại sổ (mặc định: đoán theo tiêu đề cột)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_template_check)
    p = template.add_parser("set", help="dùng tệp mẫu của tỉnh cho một loại sổ (quản trị)")
    p.add_argument("book_type")
    p.add_argument("file", nargs="?")
    p.add_argument("--default", action="store_true", help="dùng lại tệp mẫu mặc định")
    p.add_argument("--user", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_template_set)
    p = add("deliver", cmd_deliver, "gửi một gói đã xuất tới thư mục/USB, WebDAV, SFTP hoặc máy chủ nhận")
    p.add_argument("--package", type=int, required=True)
    p.add_argument("--to", help="thư mục, webdav(s)://, sftp://, http(s)://; bỏ trống: nơi nhận trong Cài đặt")
    p.add_argument("--user", required=True)

    target = sub.add_parser("target", help="nơi nhận gói").add_subparsers(dest="target_cmd", required=True)
    p = target.add_parser("set", help="cài nơi nhận gói (quản trị; mật khẩu lưu mã hóa)")
    p.add_argument("address", help="thư mục, webdav(s)://, sftp://người@máy:cổng/thư-mục, http(s)://; rỗng: bỏ")
    p.add_argument("--user", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_target)
    p = target.add_parser("test", help="thử kết nối tới nơi nhận (không gửi gì)")
    p.add_argument("address", nargs="?")
    p.add_argument("--user", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_target)

    p = add("upload", cmd_upload, "gửi gói đã xuất lên máy chủ nhận (tiếp tục được nếu mạng đứt)")
    p.add_argument("--package", type=int)
    p.add_argument("--user", required=True)
    p = add("outbox", cmd_outbox, "liệt kê hộp thư đi")
    p.add_argument("--book", type=int)
    p.add_argument("--user", help="bắt buộc: tên đăng nhập")

    from . import reports

    reports.register(sub)

    p = add("backup", cmd_backup, "sao lưu mã hóa cả thư mục làm việc (--to THƯ_MỤC), hoặc kiểm tra (verify THƯ_MỤC)")
    p.add_argument("action", nargs="?", choices=["verify", "set-passphrase", "schedule"],
                   help="verify: kiểm tra một bản sao lưu bằng mã băm; set-passphrase: đặt mật khẩu sao lưu; "
                        "schedule: cài sao lưu hằng ngày")
    p.add_argument("dir", nargs="?", help="thư mục sao lưu cần kiểm tra")
    p.add_argument("--to", help="thư mục sao lưu (USB, ổ khác, thư mục chia sẻ)")
    p.add_argument("--keep", type=int, default=7, help="số bản sao lưu giữ lại (mặc định 7)")
    p.add_argument("--hour", type=int, default=17, help="schedule: giờ sao lưu hằng ngày (mặc định 17)")
    p.add_argument("--scheduled", action="store_true",
                   help="chạy bản sao lưu hằng ngày nếu đã đến lúc (cho Task Scheduler/cron; không cần mật khẩu)")
    p.add_argument("--snapshot", help="bản cần kiểm tra (mặc định: mới nhất)")
    p.add_argument("--user")
    p = add("encrypt-store", cmd_encrypt_store,
            "mã hóa tệp cơ sở dữ liệu SQLite của máy này (SQLCipher, khóa từ mật khẩu của cơ quan)")
    p.add_argument("--user", help="quản trị viên")
    p = add("restore", cmd_restore, "dựng lại thư mục làm việc từ một bản sao lưu, rồi kiểm tra bằng mã băm")
    p.add_argument("source", help="thư mục sao lưu")
    p.add_argument("--to", required=True, help="thư mục làm việc mới (trống)")
    p.add_argument("--snapshot", help="bản cần khôi phục (mặc định: mới nhất)")
    p.set_defaults(opens_store=False)  # writes a new workspace; this desk's own store is not opened

    from . import discrepancies, watch

    watch.register(sub)
    discrepancies.register(sub)

    audit = sub.add_parser("audit", help="nhật ký").add_subparsers(dest="audit_cmd", required=True)
    p = audit.add_parser("verify", help="kiểm tra chuỗi băm của nhật ký")
    p.add_argument("--json", action="store_true")
    p.add_argument("--anchor", action="append",
                   help="mốc ngoài cơ sở dữ liệu: SỐ:MÃ_BĂM (in trong báo cáo ngày) hoặc manifest.json của gói")
    p.set_defaults(func=cmd_audit_verify)
