"""kill -9 during `hotich export` at chosen file-changing calls and commits, then a restart: the package
folder must agree with the store, no record lost or doubled, no hidden temp folder left. Shared by the
test (a few points) and benchmarks/crash.py (every point)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[3]
N_ENTRIES = 14


@dataclass
class Scenario:
    work: Path
    book_id: int

    @property
    def ws(self) -> Path:
        return self.work / "w"

    @property
    def pristine(self) -> Path:
        return self.work / "pristine"

    @property
    def out(self) -> Path:
        return self.ws / "out"


def prepare(work: Path) -> Scenario:
    """Package v1 exported with 13 records; the 14th approved since, so the next export makes v2."""
    from hotich_desktop.core.export.outbox import export_book
    from hotich_desktop.core.service import Service
    from tests.core.export.synthetic import approved_book

    ws = work / "w"
    svc = Service.open(ws)
    book_id, boss, _, ids = approved_book(svc, N_ENTRIES, approve=N_ENTRIES - 1)
    export_book(svc, boss, book_id, ws / "out", partial=True)  # the 14th waits for approval
    svc.review.approve(boss, ids[-1])
    svc.close()
    shutil.copytree(ws, work / "pristine", symlinks=True)
    return Scenario(work, book_id)


def reset(scn: Scenario) -> None:
    """The same paths every run (the store keeps absolute package paths)."""
    shutil.rmtree(scn.ws, ignore_errors=True)
    shutil.copytree(scn.pristine, scn.ws, symlinks=True)


def run(scn: Scenario, n: int, command: list[str] | None = None, password: str = "matkhau-hoa"
        ) -> subprocess.CompletedProcess:
    argv = command or ["export", "--book", str(scn.book_id), "--out", str(scn.out), "--user", "hoa", "--json"]
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOTICH_PASSWORD=password, OMP_THREAD_LIMIT="1")
    return subprocess.run([sys.executable, "-m", "tests.crashpoint", str(n), str(scn.ws), "--",
                           "--data-dir", str(scn.ws), *argv], capture_output=True, text=True, env=env, timeout=300)


def events(proc: subprocess.CompletedProcess) -> list[str]:
    line = next(x for x in proc.stderr.splitlines() if x.startswith("CRASHEVENTS "))
    return json.loads(line.split(" ", 1)[1])


def killed(proc: subprocess.CompletedProcess) -> bool:
    return proc.returncode == -signal.SIGKILL


def check(scn: Scenario, want_records: tuple[int, ...] = (N_ENTRIES - 1, N_ENTRIES)) -> list[str]:
    """Opens the workspace as the next start does, then lists every way it disagrees with itself."""
    from hotich_desktop.core.atomic import sha256_file
    from hotich_desktop.core.export.outbox import LIVE
    from hotich_desktop.core.service import Service
    from hotich_desktop.core.store.models import Entry, ExportItem, ExportPackage, Record

    problems: list[str] = []
    svc = Service.open(scn.ws)
    try:
        with svc.store.session() as s:
            packages = list(s.scalars(select(ExportPackage)))
            live = [p for p in packages if p.status in LIVE]
            if [p.id for p in packages if p.status == "preparing" or p.owner]:
                problems.append("an export is still in flight after the restart")
            if len(live) != 1:
                problems.append(f"{len(live)} live packages")
            for p in live:
                folder = Path(p.path)
                try:
                    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
                    if sha256_file(folder / "manifest.json") != p.manifest_sha256:
                        problems.append(f"package {p.id}: folder's manifest is not the recorded one")
                    if manifest.get("package_id") != p.id or manifest["records"] != p.records:
                        problems.append(f"package {p.id} v{p.version} says {p.records} records, folder holds "
                                        f"{manifest['records']} (package {manifest.get('package_id')})")
                    for f in manifest["files"]:
                        if sha256_file(folder / f["name"]) != f["sha256"]:
                            problems.append(f"package {p.id}: {f['name']} differs from its manifest")
                except (OSError, ValueError, KeyError) as exc:
                    problems.append(f"package {p.id}: folder unreadable ({exc})")
                    continue
                items = list(s.scalars(select(ExportItem.entry_id).where(ExportItem.package_id == p.id)))
                exported = set(s.scalars(select(Entry.id).where(Entry.status == "exported")))
                if len(items) != len(set(items)) or len(items) != p.records:
                    problems.append(f"package {p.id}: {len(items)} items for {p.records} records (doubled?)")
                if set(items) != exported or {r["entry_id"] for r in manifest["rows"]} != set(items):
                    problems.append(f"package {p.id}: exported entries and package rows differ")
                if p.records not in want_records:
                    problems.append(f"package {p.id}: {p.records} records")
            filled = [r for r in s.scalars(select(Record)) if r.fields]
            if len(filled) != N_ENTRIES:
                problems.append(f"{N_ENTRIES - len(filled)} records lost")
        if not svc.audit.verify().ok:
            problems.append("audit chain broken")
    finally:
        svc.close()
    hidden = sorted(str(p.relative_to(scn.ws)) for p in scn.ws.rglob(".*"))
    if hidden:
        problems.append(f"temp leftovers after the restart: {hidden}")
    return problems
