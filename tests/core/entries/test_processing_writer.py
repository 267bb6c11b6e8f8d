"""A page processed for the window: detection and OCR run where the caller is (the window's work thread),
every store write goes through the writer it hands in (the one write thread), none beside it."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from typing import Any

from hotich_desktop.core.entries.processing import process_one
from hotich_desktop.core.intake.ingest import ingest_folder
from hotich_desktop.core.lifecycle import PageStatus
from tests.conftest import ledger_pages


def test_every_store_write_goes_through_the_writer(sqlite_service, tmp_path: Path, monkeypatch) -> None:
    svc = sqlite_service
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    scans = tmp_path / "scans"
    scans.mkdir()
    shutil.copy(ledger_pages()[0], scans)
    os.utime(next(scans.iterdir()), (1, 1))
    book = svc.books.open(clerk, "khai_sinh", 1998, "1").value
    ingest_folder(svc, clerk, book.id, scans)
    (page,) = svc.books.pages(clerk, book.id)

    in_writer = threading.local()
    outside: list[bool] = []
    real_session = svc.store.session

    def session(write: bool = False):  # noqa: ANN202
        if not getattr(in_writer, "on", False):
            outside.append(write)
        return real_session(write=write)

    monkeypatch.setattr(svc.store, "session", session)
    calls: list[str] = []

    def writer(fn: Any, *args: Any) -> Any:
        calls.append(fn.__name__)
        in_writer.on = True
        try:
            return fn(*args)
        finally:
            in_writer.on = False

    assert process_one(svc, clerk, page.id, ocr=False, writer=writer) == 4
    assert calls == ["claim_page", "_store_entries", "_release"]
    assert True not in outside  # reads only outside the writer
    assert svc.books.page_info(page.id).status == PageStatus.DETECTED
    assert len(svc.entries.list(clerk, book_id=book.id)) == 4
