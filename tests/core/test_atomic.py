import errno
import os
from pathlib import Path

import pytest

from hotich_desktop.core import atomic
from hotich_desktop.core.errors import HotichError


def test_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    atomic.write_text(target, "một")
    atomic.write_text(target, "hai")
    assert target.read_text(encoding="utf-8") == "hai"
    assert [p.name for p in target.parent.iterdir()] == ["b.txt"]


def test_failure_midway_keeps_old_content_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    atomic.write_text(target, "cũ")
    with pytest.raises(RuntimeError):
        with atomic.atomic_writer(target, "w") as fh:
            fh.write("mới một nửa")
            raise RuntimeError("crash")
    assert target.read_text(encoding="utf-8") == "cũ"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_full_disk_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(HotichError, match="Ổ đĩa đã đầy"):
        atomic.write_bytes(tmp_path / "x.bin", b"123")
    assert list(tmp_path.iterdir()) == []


def test_no_permission_is_a_clear_message(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(HotichError, match="quyền"):
        atomic.write_bytes(folder / "x.bin", b"1")


def test_rename_never_clobbers(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_text("a")
    b.write_text("b")
    with pytest.raises(FileExistsError):
        atomic.rename_no_clobber(a, b)
    assert b.read_text() == "b" and a.exists()
