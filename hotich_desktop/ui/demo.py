"""`hotich-desktop --demo`: a throw-away workspace, demo users, and sample scans fed in like a scanner."""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ..core.roles import Actor
from ..core.service import Service
from ..core.workspace import Workspace

DEMO_USERS = (("quantri", "quantri123", "admin"), ("canbo", "canbo123", "clerk"), ("kiemtra", "kiemtra123", "supervisor"))


def sample_scans(book_type: str = "khai_sinh") -> list[Path]:
    """Sample pages of one book type from ../shared/ledgers/pages (beside the project)."""
    root = Path(__file__).resolve().parents[2].parent / "shared" / "ledgers" / "pages"
    scans = []
    for truth in sorted(root.glob("*.json")):
        data = json.loads(truth.read_text(encoding="utf-8"))
        if data.get("book_type") == book_type:
            scans.append(root / data["file"])
    return scans


def make_demo(base: Path | None = None) -> tuple[Service, Actor, Path]:
    root = Path(tempfile.mkdtemp(prefix="hotich-demo-", dir=base))
    scanner = root / "may-quet"
    scanner.mkdir()
    svc = Service(Workspace.resolve(root / "du-lieu", f"sqlite:///{root / 'du-lieu' / 'hotich.sqlite3'}"))
    settings = svc.settings
    settings.watch_folders = [str(scanner)]
    settings.stable_seconds, settings.rescan_seconds = 0.5, 3.0
    settings.office_code, settings.office_name = "xa-Demo", "UBND xã Demo, huyện Mường La, tỉnh Sơn La"
    settings.save(svc.workspace.settings_path)
    admin = None
    for login, password, role in DEMO_USERS:
        made = svc.create_user(admin, login, password, role)
        admin = admin or made
    clerk = svc.login("canbo", "canbo123")
    svc.open_book(clerk, "khai_sinh", 1998, "1")
    return svc, clerk, scanner


class DemoScanner(QObject):
    """Copies one sample scan into the watched folder every few seconds, as a scanner would."""

    def __init__(self, target: Path, scans: list[Path], interval_ms: int = 2500, parent: QObject | None = None):
        super().__init__(parent)
        self.target, self.queue = target, list(scans)
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
