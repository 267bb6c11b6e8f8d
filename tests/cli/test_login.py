"""Issue 17 (5): reading personal data needs a login; no password on a command line; unknown logins answer
like known ones. The image contract commands (detect/ocr/crop) still need none."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from hotich_desktop.core.errors import PermissionDenied
from tests.cli.test_contracts import hotich

READERS = [["entries", "--book", "1", "--json"], ["users", "list", "--json"], ["outbox", "--json"],
           ["report", "--date", "2026-11-25", "--out", "{tmp}/bc.xlsx", "--json"],
           ["ingest", "{tmp}/scans", "--book-type", "khai_sinh", "--year", "1992", "--volume", "1", "--json"],
           ["process", "--book", "1", "--json"]]


@pytest.fixture(scope="module")
def ws_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("login")


@pytest.fixture(scope="module")
def ws(ws_dir: Path) -> list[str]:
    tmp_path = ws_dir
    base = ["--data-dir", str(tmp_path / "ws")]
    hotich(*base, "users", "add", "admin", "--role", "admin", env={"HOTICH_NEW_PASSWORD": "matkhau-admin"})
    hotich(*base, "users", "add", "lan", "--role", "clerk", "--user", "admin",
           env={"HOTICH_PASSWORD": "matkhau-admin", "HOTICH_NEW_PASSWORD": "matkhau-lan"})
    (tmp_path / "scans").mkdir()
    hotich(*base, "ingest", str(tmp_path / "scans"), "--book-type", "khai_sinh", "--year", "1992", "--volume", "1",
           "--user", "lan", env={"HOTICH_PASSWORD": "matkhau-lan"})
    return base


def test_commands_that_read_personal_data_refuse_without_login(ws, ws_dir: Path) -> None:
    for args in READERS:
        argv = [a.replace("{tmp}", str(ws_dir)) for a in args]
        proc = hotich(*ws, *argv, check=False, env={"HOTICH_PASSWORD": ""})
        assert proc.returncode != 0 and proc.stdout == "", argv
        assert "đăng nhập" in proc.stderr and "Traceback" not in proc.stderr, argv
    wrong = hotich(*ws, "entries", "--book", "1", "--user", "lan", check=False,
                   env={"HOTICH_PASSWORD": "sai-mat-khau"})
    assert wrong.returncode != 0 and wrong.stdout == "" and "Sai tên đăng nhập" in wrong.stderr


def test_the_same_commands_work_signed_in(ws, tmp_path: Path) -> None:
    lan = {"HOTICH_PASSWORD": "matkhau-lan"}
    assert json.loads(hotich(*ws, "entries", "--book", "1", "--json", "--user", "lan", env=lan).stdout) == {
        "entries": []}
    out = tmp_path / "bc.xlsx"
    hotich(*ws, "report", "--date", "2026-11-25", "--out", str(out), "--user", "lan", env=lan)
    assert out.is_file()
    denied = hotich(*ws, "users", "list", "--user", "lan", check=False, env=lan)
    assert denied.returncode != 0 and "không có quyền" in denied.stderr
    users = json.loads(hotich(*ws, "users", "list", "--json", "--user", "admin",
                              env={"HOTICH_PASSWORD": "matkhau-admin"}).stdout)["users"]
    assert [u["login"] for u in users] == ["admin", "lan"]


def test_a_password_inside_db_url_is_refused_with_advice(tmp_path: Path) -> None:
    proc = hotich("--data-dir", str(tmp_path / "ws"), "--db-url", "postgresql+psycopg://hotich:bimat123@db/hotich",
                  "books", "--json", check=False)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "PGPASSFILE" in proc.stderr and "bimat123" not in proc.stderr + proc.stdout
    assert not (tmp_path / "ws").exists()


def test_image_commands_need_no_login(tmp_path: Path) -> None:
    page = tmp_path / "trang.png"
    arr = np.full((1100, 800), 235, np.uint8)
    arr[100:104, 60:740] = 20
    arr[500:504, 60:740] = 20
    Image.fromarray(arr).save(page, dpi=(100, 100))
    out = json.loads(hotich("--data-dir", str(tmp_path / "ws"), "detect", str(page), "--json").stdout)
    assert out["image"] == "trang.png" and "entries" in out


def _count_scrypt(monkeypatch) -> list[int]:
    calls = [0]
    real = hashlib.scrypt

    def counted(*a, **k):  # noqa: ANN002, ANN003
        calls[0] += 1
        return real(*a, **k)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    return calls


def test_unknown_login_does_the_same_work_and_gets_the_same_answers(sqlite_service, monkeypatch) -> None:
    svc = sqlite_service
    svc.create_user(None, "admin", "matkhau-admin", "admin")
    calls = _count_scrypt(monkeypatch)
    answers = {}
    for login in ("admin", "khong-co-ai"):
        got = []
        for _ in range(4):
            with pytest.raises(PermissionDenied) as exc:
                svc.users.login(login, "sai-mat-khau")
            got.append(exc.value.message.split(" sau ")[0])
        answers[login] = got
    assert answers["admin"] == answers["khong-co-ai"]
    assert answers["admin"][:3] == ["Sai tên đăng nhập hoặc mật khẩu."] * 3
    assert answers["admin"][3].startswith("Đăng nhập sai nhiều lần")
    assert calls[0] == 6  # three real checks each; locked tries do no scrypt for either
