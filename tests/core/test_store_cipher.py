"""The SQLite store encrypted at rest (issue 20, third failure: a stolen laptop's database held every record,
every before/after value and the password hashes in clear).

SQLCipher keyed from the office's passphrase: the file's bytes hold no name once encrypted, a restart opens
it with the passphrase only, a wrong one is a plain Vietnamese refusal, backups and restores still work.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from hotich_desktop.core.backup import run
from hotich_desktop.core.errors import BadInput, StoreError
from hotich_desktop.core.service import Service
from hotich_desktop.core.store import cipher
from tests.cli.test_contracts import hotich
from tests.conftest import make_entries
from tests.core.test_review import person

pytestmark = pytest.mark.skipif(not cipher.available(), reason="sqlcipher3 not installed")
PASS = "mat-khau-van-phong-xa"
NAMES = ("Lò Văn Tính", "Lò Thị Ỏn")


def _bytes_on_disk(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*") if p.is_file())


def _readable(blob: bytes, name: str) -> bool:
    return name.encode("utf-8") in blob or json.dumps(name).strip('"').encode("ascii") in blob


def _office(ws: Path) -> tuple[Service, object, int]:
    svc = Service.open(ws)
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    (entry_id,) = make_entries(svc, clerk, 1)
    svc.save_record(clerk, entry_id, person(1))
    return svc, admin, entry_id


def test_encrypted_store_holds_no_name_and_opens_again_with_the_passphrase_only(tmp_path: Path) -> None:
    svc, admin, entry_id = _office(tmp_path / "ws")
    db = Path(make_url(svc.store.url).database)
    assert any(_readable(_bytes_on_disk(db), n) for n in NAMES)  # the failure: names in clear on the disk
    assert svc.backups.encrypt_store(admin, PASS) is True
    clerk = svc.users.login("canbo", "matkhau-canbo")  # the open service goes on, with the key
    svc.save_record(clerk, entry_id, person(1, name="Lò Văn Tính Sửa"))
    svc.close()
    blob = _bytes_on_disk(db)
    assert not any(_readable(blob, n) for n in (*NAMES, "Lò Văn Tính Sửa", "canbo", "$argon2"))
    assert not blob.startswith(b"SQLite format 3")
    assert oct(db.stat().st_mode & 0o777) == "0o600"

    cipher.forget(db)  # a restart: nothing in memory
    with pytest.raises(cipher.PassphraseNeeded) as needed:
        Service.open(tmp_path / "ws").close()
    assert "mật khẩu của cơ quan" in needed.value.message
    with pytest.raises(cipher.WrongStorePassphrase) as wrong:
        cipher.unlock(db, "khong-phai-mat-khau")
    assert wrong.value.message == "Sai mật khẩu của cơ quan: không mở được cơ sở dữ liệu đã mã hóa."
    cipher.unlock(db, PASS)
    again = Service.open(tmp_path / "ws")
    try:
        assert again.entries.info(entry_id).fields["ho_ten"] == "Lò Văn Tính Sửa"
        assert again.audit.verify().ok
        assert again.backups.encrypt_store(again.users.login("admin", "matkhau-admin"), PASS) is False
    finally:
        again.close()


def test_backup_of_an_encrypted_store_restores_encrypted_and_verifies(tmp_path: Path) -> None:
    svc, admin, entry_id = _office(tmp_path / "ws")
    svc.backup(admin, tmp_path / "usb", PASS)  # a clear base first
    svc.backups.encrypt_store(admin, PASS)
    clerk = svc.users.login("canbo", "matkhau-canbo")
    svc.save_record(clerk, entry_id, person(1, name="Lò Văn Tính Hai"))
    svc.backup(admin, tmp_path / "usb")  # the store changed kind: a new (encrypted) base, not a delta
    svc.save_record(clerk, entry_id, person(1, name="Lò Văn Tính Ba"))
    svc.backup(admin, tmp_path / "usb")  # a delta on that base
    svc.close()
    assert run.verify(tmp_path / "usb", PASS).ok
    report = run.restore(tmp_path / "usb", PASS, tmp_path / "new-pc")
    assert report.ok
    restored = tmp_path / "new-pc" / "hotich.sqlite3"
    assert cipher.is_encrypted(restored) and not _readable(_bytes_on_disk(restored), "Lò Văn Tính Ba")
    cipher.forget(restored)
    cipher.unlock(restored, PASS)
    back = Service.open(tmp_path / "new-pc")
    try:
        assert back.entries.info(entry_id).fields["ho_ten"] == "Lò Văn Tính Ba"
    finally:
        back.close()


def test_without_the_sqlcipher_wheel_the_app_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    svc, admin, _ = _office(tmp_path / "ws")
    db = Path(make_url(svc.store.url).database)
    svc.backups.encrypt_store(admin, PASS)
    svc.close()
    cipher.forget(db)
    monkeypatch.setattr(cipher, "driver", lambda: None)
    with pytest.raises(StoreError) as opened:
        Service.open(tmp_path / "ws")
    assert "SQLCipher" in opened.value.message and "mã hóa cả ổ đĩa" in opened.value.message
    other, admin2, _ = _office(tmp_path / "ws2")
    try:
        with pytest.raises(BadInput) as refused:
            other.backups.encrypt_store(admin2, PASS)
        assert "BitLocker" in refused.value.message
    finally:
        other.close()


def test_the_command_line_encrypts_asks_and_refuses_a_wrong_passphrase_plainly(tmp_path: Path) -> None:
    svc, _, _ = _office(tmp_path / "ws")
    svc.close()
    base = ["--data-dir", str(tmp_path / "ws")]
    admin = {"HOTICH_PASSWORD": "matkhau-admin"}
    done = hotich(*base, "encrypt-store", "--user", "admin", "--json", env={**admin, "HOTICH_PASSPHRASE": PASS})
    assert json.loads(done.stdout)["changed"] is True
    assert cipher.is_encrypted(tmp_path / "ws" / "hotich.sqlite3")
    ok = hotich(*base, "users", "list", "--user", "admin", "--json", env={**admin, "HOTICH_PASSPHRASE": PASS})
    assert "admin" in ok.stdout
    wrong = hotich(*base, "users", "list", "--user", "admin", check=False,
                   env={**admin, "HOTICH_PASSPHRASE": "khong-phai-mat-khau"})
    assert wrong.returncode == StoreError.exit_code and "Traceback" not in wrong.stderr
    assert wrong.stderr.strip() == "hotich: Sai mật khẩu của cơ quan: không mở được cơ sở dữ liệu đã mã hóa."
    missing = hotich(*base, "users", "list", "--user", "admin", check=False, env=admin)
    assert missing.returncode != 0 and "HOTICH_PASSPHRASE" in missing.stderr and "Traceback" not in missing.stderr
