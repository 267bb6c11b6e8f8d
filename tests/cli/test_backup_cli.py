"""`hotich backup`, `hotich backup verify`, `hotich restore` and a stale `record save --version`, as a subprocess."""
from __future__ import annotations

import json
from pathlib import Path

from hotich_desktop.core.service import Service
from tests.cli.test_contracts import hotich
from tests.conftest import make_entries

PASS = {"HOTICH_BACKUP_PASSPHRASE": "mat-khau-van-phong-xa", "HOTICH_PASSWORD": "matkhau-admin"}


def test_backup_verify_restore_commands(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    svc = Service.open(ws)
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    make_entries(svc, admin, 2)
    svc.settings.get().save(svc.workspace.settings_path)
    svc.close()
    base = ["--data-dir", str(ws)]
    out = json.loads(hotich(*base, "backup", "--to", str(tmp_path / "usb"), "--user", "admin", "--json",
                            env=PASS).stdout)
    assert out["files"] >= 1 and out["records"] == 2
    checked = json.loads(hotich("backup", "verify", str(tmp_path / "usb"), "--json", env=PASS).stdout)
    assert checked["ok"] and checked["records"] == 2
    done = json.loads(hotich("restore", str(tmp_path / "usb"), "--to", str(tmp_path / "new"), "--json",
                             env=PASS).stdout)
    assert done["ok"] and (tmp_path / "new" / "hotich.sqlite3").is_file()
    assert (tmp_path / "new" / "settings.json").read_bytes() == (ws / "settings.json").read_bytes()
    wrong = hotich("backup", "verify", str(tmp_path / "usb"), check=False,
                   env={"HOTICH_BACKUP_PASSPHRASE": "khong-phai-mat-khau"})
    assert wrong.returncode != 0 and "Sai mật khẩu sao lưu" in wrong.stderr and "Traceback" not in wrong.stderr
    # The passphrase is never an argument (it would sit in the shell history and the process list).
    assert hotich("backup", "--to", str(tmp_path / "x"), "--passphrase", "abc", check=False).returncode == 2
    # Once the office has a passphrase, a backup needs none (only its public key): restore and verify ask.
    again = json.loads(hotich(*base, "backup", "--to", str(tmp_path / "usb"), "--user", "admin", "--json",
                              env={"HOTICH_PASSWORD": "matkhau-admin"}).stdout)
    assert again["records"] == 2
    fresh = tmp_path / "fresh"
    svc = Service.open(fresh)
    svc.create_user(None, "admin", "matkhau-admin", "admin")
    svc.close()
    no_pass = hotich("--data-dir", str(fresh), "backup", "--to", str(tmp_path / "usb2"), "--user", "admin",
                     check=False, env={"HOTICH_PASSWORD": "matkhau-admin"})
    assert no_pass.returncode != 0 and "HOTICH_BACKUP_PASSPHRASE" in no_pass.stderr


def test_schedule_and_scheduled_run_from_the_command_line(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    svc = Service.open(ws)
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    make_entries(svc, admin, 1)
    svc.close()
    base = ["--data-dir", str(ws)]
    admin_env = {"HOTICH_PASSWORD": "matkhau-admin"}
    not_yet = json.loads(hotich(*base, "backup", "--scheduled", "--json").stdout)
    assert not_yet == {"due": False}  # nothing configured: nothing done
    hotich(*base, "backup", "set-passphrase", "--user", "admin", env={**PASS})
    hotich(*base, "backup", "schedule", "--to", str(tmp_path / "usb"), "--keep", "3", "--hour", "0",
           "--user", "admin", env=admin_env)
    done = json.loads(hotich(*base, "backup", "--scheduled", "--json").stdout)  # no user, no passphrase
    assert done["records"] == 1
    assert json.loads(hotich(*base, "backup", "--scheduled", "--json").stdout) == {"due": False}  # once a day
    assert json.loads(hotich("backup", "verify", str(tmp_path / "usb"), "--json", env=PASS).stdout)["ok"]


def test_stale_record_save_is_refused_with_the_other_values(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    svc = Service.open(ws)
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    (entry_id,) = make_entries(svc, clerk, 1)
    svc.save_record(clerk, entry_id, {"ghi_chu": "bàn A"})
    svc.close()
    fields = tmp_path / "f.json"
    fields.write_text(json.dumps({"noi_cu_tru": "thôn Bản Mo"}), encoding="utf-8")
    args = ["--data-dir", str(ws), "record", "save", "--entry", str(entry_id), "--fields", str(fields),
            "--user", "canbo", "--version", "1", "--json"]
    proc = hotich(*args, check=False, env={"HOTICH_PASSWORD": "matkhau-canbo"})
    assert proc.returncode == 5 and "đã có người sửa mục này" in proc.stderr
    assert json.loads(proc.stdout)["conflict"] == {"version": 2, "current": {"ghi_chu": "bàn A"}}
    args[args.index("--version") + 1] = "2"
    assert hotich(*args, env={"HOTICH_PASSWORD": "matkhau-canbo"}).returncode == 0
