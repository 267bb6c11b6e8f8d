"""Folder target (USB stick, mounted share): resumable, verified, renamed into place, never half there."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from hotich_desktop.core.errors import BadInput, HotichError
from hotich_desktop.core.export.outbox import deliver, waiting_packages
from hotich_desktop.core.export.targets import LocalPackage, open_target
from hotich_desktop.core.export.targets.folder import FolderTarget
from tests.core.export.targets.conftest import (FAST, assert_delivered, make_package,
                                                no_partial_under_final_name)


def target(root: Path, **kw: object) -> FolderTarget:
    return FolderTarget(root, chunk_size=64 * 1024, policy=FAST, **kw)  # type: ignore[arg-type]


def test_delivered_once_with_receipt_and_not_sent_again(queued, tmp_path: Path) -> None:
    root = tmp_path / "share"
    receipt = deliver(queued.svc, queued.boss, queued.package_id, f"folder:{root}")
    final = root / queued.folder.name
    assert receipt.location == str(final) and not receipt.already_there
    doc = assert_delivered(final, queued.folder)
    item = queued.item()
    assert item["status"] == "sent" and item["receipt"] and item["target"] == str(root) and item["error"] == ""
    stamp = (final / ".received.json").stat().st_mtime_ns
    again = deliver(queued.svc, queued.boss, queued.package_id, str(root))
    assert again.already_there and (final / ".received.json").stat().st_mtime_ns == stamp
    assert doc["package"] == queued.folder.name and waiting_packages(queued.svc) == 0


def test_cut_every_few_chunks_resumes_instead_of_starting_over(queued, tmp_path: Path, monkeypatch) -> None:
    real, calls = FolderTarget._write, {"n": 0}

    def flaky(self, out, chunk):  # noqa: ANN001
        calls["n"] += 1
        if calls["n"] % 3 == 0:
            raise OSError(errno.EIO, "Input/output error")
        real(self, out, chunk)

    monkeypatch.setattr(FolderTarget, "_write", flaky)
    root = tmp_path / "share"
    receipt = deliver(queued.svc, queued.boss, queued.package_id, target(root))
    assert_delivered(root / queued.folder.name, queued.folder)
    total = LocalPackage.load(queued.folder).total
    assert receipt.resumed_bytes > 0 and receipt.sent_bytes < total  # the last attempt only sent the rest
    assert queued.item()["status"] == "sent"


def test_full_disk_is_not_marked_sent_and_says_why(queued, tmp_path: Path, monkeypatch) -> None:
    def full(self, out, chunk):  # noqa: ANN001
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FolderTarget, "_write", full)
    root = tmp_path / "share"
    with pytest.raises(HotichError, match="Ổ đĩa đã đầy"):
        deliver(queued.svc, queued.boss, queued.package_id, target(root))
    item = queued.item()
    assert item["status"] == "failed" and "đầy" in item["error"] and not (root / queued.folder.name).exists()


def test_refused_rename_keeps_the_older_version_whole(queued, tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "share"
    old = make_package(tmp_path / "older", seed=b"old")
    target(root).send(LocalPackage.load(old))
    real = os.replace

    def refuse(src, dst):  # noqa: ANN001
        if Path(src).name.endswith(".partial"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(HotichError, match="Không đổi tên"):
        deliver(queued.svc, queued.boss, queued.package_id, target(root))
    monkeypatch.setattr(os, "replace", real)
    assert queued.item()["status"] == "failed"
    assert_delivered(root / old.name, old, clean=False)  # the previous version is still there, whole
    deliver(queued.svc, queued.boss, queued.package_id, target(root))
    assert_delivered(root / queued.folder.name, queued.folder)  # the new one replaced it in one step


def test_damaged_outbox_package_never_leaves(queued, tmp_path: Path) -> None:
    zip_file = next(queued.folder.glob("*.zip"))
    zip_file.write_bytes(zip_file.read_bytes()[:-10])
    root = tmp_path / "share"
    with pytest.raises(HotichError, match="hỏng"):
        deliver(queued.svc, queued.boss, queued.package_id, target(root))
    assert queued.item()["status"] == "failed" and not root.exists()
    assert no_partial_under_final_name(root, queued.folder)


@pytest.mark.parametrize("address", ["webdav:", "webdav:so-ho-tich", "ftp://host/x", "smb://nas/share",
                                     "gopher://127.0.0.1:1/x"])
def test_unknown_scheme_is_an_error_never_a_local_folder(address: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BadInput, match="Không hiểu kiểu nơi nhận|thiếu tên máy chủ"):
        open_target(address)
    assert list(tmp_path.iterdir()) == []


def test_addresses_pick_their_target_and_secrets_stay_out_of_them(tmp_path: Path) -> None:
    assert isinstance(open_target(str(tmp_path)), FolderTarget)
    assert open_target(f"folder:{tmp_path}").root == tmp_path
    assert str(open_target(r"\\nas\so-ho-tich").root).startswith(("\\\\nas", "\\\\", "//"))  # UNC path kept
    assert isinstance(open_target(r"D:\so-ho-tich"), FolderTarget)
    assert type(open_target("webdavs://nas.local/so-ho-tich", "pw")).__name__ == "WebDavTarget"
    assert type(open_target("sftp://can-bo@huyen.local:2222/nhan", "pw")).__name__ == "SftpTarget"
    assert type(open_target("https://tinh.example/nhan")).__name__ == "HttpTarget"
    with pytest.raises(BadInput, match="Không ghi mật khẩu"):
        open_target("sftp://can-bo:matkhau@huyen.local/nhan")
    with pytest.raises(BadInput, match="thiếu tên máy chủ"):
        open_target("webdav:///so-ho-tich")
