"""`hotich deliver --to URL` goes through the targets: an unknown scheme is an error, not a folder."""
from __future__ import annotations

import json
from pathlib import Path

from hotich_desktop.cli.main import main
from tests.conftest import settings_text
from tests.core.export.targets.conftest import assert_delivered
from tests.core.export.targets.servers import PASSWORD, DavServer


def run(queued, capsys, *args: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(["--data-dir", str(queued.svc.workspace.root), "deliver", "--package", str(queued.package_id),
                 "--user", "hoa", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_unknown_scheme_fails_clearly_and_writes_nothing(queued, capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOTICH_PASSWORD", "matkhau1")
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    code, _, err = run(queued, capsys, "--to", "webdav:so-ho-tich")
    assert code != 0 and "nơi nhận" in err and "Traceback" not in err
    code, _, err = run(queued, capsys, "--to", "ftp://127.0.0.1/so-ho-tich")
    assert code != 0 and "Không hiểu kiểu nơi nhận «ftp:»" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before and queued.item()["status"] == "queued"


def test_deliver_to_webdav_and_folder_from_the_command_line(queued, capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOTICH_PASSWORD", "matkhau1")
    monkeypatch.setenv("HOTICH_DELIVERY_PASSWORD", PASSWORD)
    server = DavServer(tmp_path / "dav")
    try:
        code, out, err = run(queued, capsys, "--to", server.url(), "--json")
    finally:
        server.stop()
    assert code == 0, err
    answer = json.loads(out)
    assert answer["receipt"]["manifest_sha256"] and PASSWORD not in out
    assert_delivered(server.root / "so-ho-tich" / queued.folder.name, queued.folder)
    code, out, _ = run(queued, capsys, "--to", f"folder:{tmp_path / 'usb'}")
    assert code == 0 and "Đã gửi và kiểm tra" in out
    assert_delivered(tmp_path / "usb" / queued.folder.name, queued.folder)


def test_admin_sets_and_tests_the_target_from_the_command_line(queued, capsys, tmp_path: Path, monkeypatch) -> None:
    root = str(queued.svc.workspace.root)
    server = DavServer(tmp_path / "dav")
    try:
        monkeypatch.setenv("HOTICH_PASSWORD", "matkhau1")
        monkeypatch.setenv("HOTICH_DELIVERY_PASSWORD", PASSWORD)
        assert main(["--data-dir", root, "target", "set", server.url(), "--user", "hoa"]) != 0  # not an admin
        assert "không có quyền" in capsys.readouterr().err
        assert main(["--data-dir", root, "target", "set", server.url(), "--user", "admin"]) == 0
        capsys.readouterr()
        monkeypatch.delenv("HOTICH_DELIVERY_PASSWORD")  # from now on the encrypted store answers
        assert main(["--data-dir", root, "target", "test", "--user", "hoa"]) == 0
        assert "sẵn sàng" in capsys.readouterr().out
        assert main(["--data-dir", root, "upload", "--user", "hoa"]) == 0
        capsys.readouterr()
    finally:
        server.stop()
    assert_delivered(server.root / "so-ho-tich" / queued.folder.name, queued.folder)
    assert queued.item()["status"] == "sent"
    assert PASSWORD not in settings_text(queued.svc)
