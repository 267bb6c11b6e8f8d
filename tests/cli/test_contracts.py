"""The `hotich` commands as the cli.md contract fixes them, run as a checker would: a subprocess."""
from __future__ import annotations

import json
import re
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ledger_pages

ROOT = Path(__file__).resolve().parents[2]


def hotich(*args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    proc = subprocess.run([sys.executable, "-m", "hotich_desktop.cli.main", *args], capture_output=True,
                          text=True, env=full_env, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_detect_json_shape(ledgers: Path) -> None:
    page = ledger_pages()[1]
    out = json.loads(hotich("detect", str(page), "--json").stdout)
    assert out["image"] == page.name and out["width"] > 0 and "skew_degrees" in out
    entry = out["entries"][0]
    assert len(entry["polygon"]) == 4 and len(entry["bbox"]) == 4


def test_crop_writes_valid_small_pdfs(ledgers: Path, tmp_path: Path) -> None:
    page = ledger_pages()[0]
    out = json.loads(hotich("crop", str(page), "--book-type", "khai_sinh", "--year", "1998", "--volume", "1",
                            "--out", str(tmp_path), "--json", "--no-ocr").stdout)
    assert len(out["entries"]) == 4
    for e in out["entries"]:
        pdf = Path(e["pdf"])
        assert pdf.stat().st_size == e["bytes"] <= 100 * 1024
        assert len(PdfReader(pdf).pages) == 1
        assert re.fullmatch(r"KS\.1998\.01\.[A-Za-z0-9-]+\.[A-Za-z0-9-]+\.A4(_\d+)?\.pdf", pdf.name)


@pytest.mark.parametrize("content", [b"", b"not an image", b"\x89PNG\r\n\x1a\n" + b"\0" * 30])
def test_bad_input_one_clear_line_no_traceback(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "hong.jpg"
    bad.write_bytes(content)
    for args in (["detect", str(bad), "--json"], ["ocr", str(bad), "--book-type", "khai_sinh", "--json"],
                 ["crop", str(bad), "--book-type", "khai_sinh", "--year", "1992", "--out", str(tmp_path), "--json"]):
        proc = hotich(*args, check=False)
        assert proc.returncode != 0
        assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
        assert "hong.jpg" in proc.stderr


def test_unknown_book_type_is_refused(ledgers: Path) -> None:
    proc = hotich("ocr", str(ledger_pages()[0]), "--book-type", "khong_co", "--json", check=False)
    assert proc.returncode != 0 and "Loại sổ không hợp lệ" in proc.stderr


def test_workflow_through_the_command_line(ledgers: Path, tmp_path: Path) -> None:
    ws = str(tmp_path / "ws")
    folder = tmp_path / "scans"
    folder.mkdir()
    page = ledger_pages()[0]
    (folder / page.name).write_bytes(page.read_bytes())
    os.utime(folder / page.name, (1, 1))
    base = ["--data-dir", ws]
    hotich(*base, "users", "add", "admin", "--role", "admin", env={"HOTICH_NEW_PASSWORD": "matkhau-admin"})
    admin_env = {"HOTICH_PASSWORD": "matkhau-admin"}
    for login, role in (("lan", "clerk"), ("hoa", "supervisor")):
        hotich(*base, "users", "add", login, "--role", role, "--user", "admin",
               env={**admin_env, "HOTICH_NEW_PASSWORD": f"matkhau-{login}"})
    lan = {"HOTICH_PASSWORD": "matkhau-lan"}
    ingest = json.loads(hotich(*base, "ingest", str(folder), "--book-type", "khai_sinh", "--year", "1998",
                               "--volume", "1", "--json", "--user", "lan", env=lan).stdout)
    assert len(ingest["pages"]) == 1
    again = json.loads(hotich(*base, "ingest", str(folder), "--book-type", "khai_sinh", "--year", "1998",
                              "--volume", "1", "--json", "--user", "lan", env=lan).stdout)
    assert again["pages"] == []
    book = ingest["book"]["id"]
    entries = json.loads(hotich(*base, "process", "--book", str(book), "--no-ocr", "--json", "--user", "lan",
                                env=lan).stdout)["entries"]
    assert len(entries) == 4 and all(e["status"] == "new" and e["bytes"] <= 100 * 1024 for e in entries)
    fields = tmp_path / "f.json"
    fields.write_text(json.dumps({"so": "1", "ngay_dang_ky": "18/07/1998", "ho_ten": "Dương Kim Hạnh",
                                  "gioi_tinh": "Nữ", "ngay_sinh": "22/06/1998", "noi_sinh": "Trạm y tế xã Châu Quang"}),
                      encoding="utf-8")
    saved = json.loads(hotich(*base, "record", "save", "--entry", str(entries[0]["id"]), "--fields", str(fields),
                              "--submit", "--user", "lan", "--json", env={"HOTICH_PASSWORD": "matkhau-lan"}).stdout)
    assert saved["entry"]["status"] == "submitted"
    assert Path(saved["entry"]["pdf"]).name == "KS.1998.01.001.Duong-Kim-Hanh.A4.pdf"
    assert (Path(ws) / saved["entry"]["pdf"]).is_file()
    denied = hotich(*base, "review", "approve", "--entry", str(entries[0]["id"]), "--user", "lan",
                    env={"HOTICH_PASSWORD": "matkhau-lan"}, check=False)
    assert denied.returncode != 0 and "không có quyền" in denied.stderr
    hotich(*base, "review", "approve", "--entry", str(entries[0]["id"]), "--user", "hoa",
           env={"HOTICH_PASSWORD": "matkhau-hoa"})
    listed = json.loads(hotich(*base, "entries", "--book", str(book), "--json", "--user", "hoa",
                               env={"HOTICH_PASSWORD": "matkhau-hoa"}).stdout)["entries"]
    assert [e["status"] for e in listed] == ["approved", "new", "new", "new"]
    hoa = {"HOTICH_PASSWORD": "matkhau-hoa"}
    partial = hotich(*base, "export", "--book", str(book), "--out", str(tmp_path / "out"), "--user", "hoa", env=hoa,
                     check=False)
    assert partial.returncode == 5 and "--partial" in partial.stderr  # 3 entries wait: the supervisor confirms
    hotich(*base, "export", "--book", str(book), "--out", str(tmp_path / "out"), "--user", "hoa", "--partial",
           env=hoa)
    template = json.loads(hotich(*base, "template", "check", str(tmp_path / "out" / "KS.1998.01.xa-Demo" /
                                                              "KS.1998.01.xa-Demo.xlsx"), "--json").stdout)
    assert template["book_type"] == "khai_sinh" and template["ok"] and len(template["found"]) == 70
    assert template["sample_rows"] == 1  # an exported workbook used as a template: its row would be cleared
    refused = hotich(*base, "template", "set", "khai_sinh", str(fields), "--user", "hoa", env=hoa, check=False)
    assert refused.returncode != 0 and "không có quyền" in refused.stderr
    outbox = json.loads(hotich(*base, "outbox", "--json", "--user", "hoa", env=hoa).stdout)["packages"]
    assert [(p["records"], p["status"]) for p in outbox] == [(1, "queued")]
    no_server = hotich(*base, "upload", "--user", "hoa", env=hoa, check=False)
    assert no_server.returncode != 0 and "Cài đặt" in no_server.stderr and "Traceback" not in no_server.stderr
    assert hotich(*base, "audit", "verify").returncode == 0


def test_ocr_of_a_folder_reads_each_page_as_alone(ledgers: Path, tmp_path: Path) -> None:
    """Several pages in one process (pages side by side, models shared) give each page exactly what
    `hotich ocr PAGE` gives; a broken file is named and does not stop the others."""
    folder = tmp_path / "trang"
    folder.mkdir()
    pages = [ledger_pages()[0], ledger_pages()[2]]
    for page in pages:
        (folder / page.name).write_bytes(page.read_bytes())
    (folder / "zz_hong.jpg").write_bytes(b"not an image")
    proc = hotich("ocr", str(folder), "--book-type", "khai_sinh", "--json", check=False)
    assert proc.returncode != 0 and "zz_hong.jpg" in proc.stderr and "Traceback" not in proc.stderr
    got = json.loads(proc.stdout)["pages"]
    assert [p["image"] for p in got] == sorted([p.name for p in pages]) + ["zz_hong.jpg"]
    assert "error" in got[-1]
    for page in got[:-1]:
        alone = json.loads(hotich("ocr", str(folder / page["image"]), "--book-type", "khai_sinh", "--json").stdout)
        assert page == alone and page["entries"]
    empty = tmp_path / "rong"
    empty.mkdir()
    proc = hotich("ocr", str(empty), "--book-type", "khai_sinh", "--json", check=False)
    assert proc.returncode != 0 and len(proc.stderr.strip().splitlines()) == 1
