"""`hotich-desktop --demo`: a demo workspace, demo users, and the sample scans shipped in the package fed in like
a scanner. With --data-dir (or HOTICH_HOME) the demo lives there and is reopened as it was left; without, it is
thrown away (a new temporary folder each start)."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ..core.errors import BadInput, HotichError
from ..core.roles import Actor
from ..core.service import Service
from ..core.workspace import Workspace, resources_dir

DEMO_USERS = (("quantri", "quantri123", "admin"), ("canbo", "canbo123", "clerk"), ("kiemtra", "kiemtra123", "supervisor"))


def sample_scans(book_type: str = "khai_sinh") -> list[Path]:
    """The package's sample pages of one book type (resources/demo, made by packaging/make_demo_scans.py)."""
    root = resources_dir() / "demo"
    scans = []
    for truth in sorted(root.glob("*.json")):
        data = json.loads(truth.read_text(encoding="utf-8"))
        if data.get("book_type") == book_type and (root / data["file"]).is_file():
            scans.append(root / data["file"])
    return scans


def open_demo(root: Path) -> tuple[Service, Actor, Path]:
    """The demo workspace in `root`: made on first use, reopened (same users, books and pages) afterwards."""
    root = Path(root).expanduser().resolve()
    scanner, data = root / "may-quet", root / "du-lieu"
    scanner.mkdir(parents=True, exist_ok=True)
    svc = Service(Workspace.resolve(data, f"sqlite:///{data / 'hotich.sqlite3'}"))
    try:
        if svc.users.has_users():
            try:
                return svc, svc.users.login("canbo", "canbo123"), scanner
            except HotichError as exc:
                raise BadInput(f"Thư mục {root} không phải không gian thử (--demo) hoặc tài khoản mẫu đã bị đổi: "
                               f"{exc.message}") from exc
        admin = None
        for login, password, role in DEMO_USERS:
            made = svc.users.create(admin, login, password, role).value
            admin = admin or made
        svc.settings.update(admin, {"watch_folders": [str(scanner)], "stable_seconds": 0.5, "rescan_seconds": 3.0,
                                    "office_code": "xa-Demo",
                                    "office_name": "UBND xã Demo, huyện Mường La, tỉnh Sơn La"})
        clerk = svc.users.login("canbo", "canbo123")
        svc.books.open(clerk, "khai_sinh", 1998, "1")
    except BaseException:
        svc.close()
        raise
    return svc, clerk, scanner


def make_demo(base: Path | None = None) -> tuple[Service, Actor, Path]:
    """A throw-away demo workspace in a new temporary folder (under `base` if given)."""
    return open_demo(Path(tempfile.mkdtemp(prefix="hotich-demo-", dir=base)))


def start_demo(data_dir: str | None = None) -> tuple[Service, Actor, Path]:
    """`--demo`: in --data-dir or HOTICH_HOME when given (and reopened there next time), else thrown away."""
    home = data_dir or os.environ.get("HOTICH_HOME")
    return open_demo(Path(home)) if home else make_demo()


class DemoScanner(QObject):
    """Copies one sample scan into the watched folder every few seconds, as a scanner would."""

    def __init__(self, target: Path, scans: list[Path], interval_ms: int = 2500, parent: QObject | None = None):
        super().__init__(parent)
        self.target = target
        self.queue = [s for s in scans if not (target / s.name).exists()]  # a reopened demo has them already
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._drop)
        self.timer.start(interval_ms)
        QTimer.singleShot(300, self._drop)

    def _drop(self) -> None:
        if not self.queue:
            self.timer.stop()
            return
        src = self.queue.pop(0)
        tmp = self.target / f"{src.name}.part"  # scanners write under a temp name, then rename
        shutil.copyfile(src, tmp)
        tmp.rename(self.target / src.name)
