"""A queued outbox item over a small synthetic package (no scans needed), shared by the target tests."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from hotich_desktop.core.export.targets import RetryPolicy
from hotich_desktop.core.store.models import ExportPackage

FAST = RetryPolicy(attempts=8, backoff=0.01, max_backoff=0.05)
NAME = "KS.1998.01.xa-Demo"


def make_package(out: Path, zip_bytes: int = 300_000, seed: bytes = b"a", name: str = NAME) -> Path:
    """A package folder as export writes it: workbook, zip of PDFs, manifest naming both by hash."""
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for suffix, size in ((".xlsx", 20_000), (".zip", zip_bytes)):
        data = (hashlib.sha256(seed + suffix.encode()).digest() * (size // 32 + 1))[:size]
        data = bytes(b ^ (i % 251) for i, b in enumerate(data[:4096])) + data[4096:]
        (folder / f"{name}{suffix}").write_bytes(data)
        files.append({"name": f"{name}{suffix}", "bytes": size, "sha256": hashlib.sha256(data).hexdigest()})
    manifest = {"package": name, "records": 2, "files": files, "seed": seed.decode()}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return folder


@dataclass
class Queued:
    svc: object
    boss: object
    package_id: int
    folder: Path

    def item(self) -> dict:
        from hotich_desktop.core.export.outbox import packages

        return next(p for p in packages(self.svc) if p["id"] == self.package_id)


def queue_package(svc, boss, folder: Path) -> int:  # noqa: ANN001
    book = svc.books.open(boss, "khai_sinh", 1998, "1").value
    with svc.store.session() as s:
        item = ExportPackage(book_id=book.id, version=1, path=str(folder), content_hash="0" * 64, records=2,
                             status="queued", created_by=boss.id,
                             manifest_sha256=hashlib.sha256((folder / "manifest.json").read_bytes()).hexdigest())
        s.add(item)
        s.flush()
        return item.id


@pytest.fixture
def queued(sqlite_service, tmp_path: Path) -> Queued:
    svc = sqlite_service
    admin = svc.create_user(None, "admin", "matkhau1", "admin")
    svc.create_user(admin, "hoa", "matkhau1", "supervisor")
    boss = svc.users.login("hoa", "matkhau1")
    folder = make_package(tmp_path / "outbox")
    return Queued(svc, boss, queue_package(svc, boss, folder), folder)


def assert_delivered(final: Path, folder: Path, clean: bool = True) -> dict:
    """Every file byte-identical under the final name, the receipt for exactly this manifest, no leftovers."""
    for f in folder.iterdir():
        assert (final / f.name).read_bytes() == f.read_bytes(), f.name
    receipt = json.loads((final / ".received.json").read_text(encoding="utf-8"))
    assert receipt["manifest_sha256"] == hashlib.sha256((folder / "manifest.json").read_bytes()).hexdigest()
    assert not clean or not [p for p in final.parent.iterdir() if p.name.startswith(".") and "partial" in p.name]
    return receipt


def no_partial_under_final_name(root: Path, folder: Path) -> bool:
    final = root / folder.name
    if not final.exists():
        return True
    names = {p.name for p in final.iterdir()}
    return (final / ".received.json").exists() and names >= {p.name for p in folder.iterdir()}


os.environ.pop("HOTICH_DELIVERY_PASSWORD", None)

