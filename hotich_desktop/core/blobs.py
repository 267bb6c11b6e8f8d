"""Files every desk reaches: with a shared PostgreSQL store, page originals and entry PDFs are also kept in
the database by SHA-256, and a desk that lacks one fetches it into its own workspace on first use.

Desk A takes a page in; desk B can then process it, re-cut a box, rename a PDF and export the book, because
each of those asks `local_file` for the file instead of assuming it is on this disk. On SQLite (one desk)
nothing is copied: the files are already where the store is.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from . import atomic
from .errors import BadInput
from .store.models import Blob, utcnow


def shared(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def publish(s: Session, path: Path, sha256: str) -> None:
    """Adds the file to the shared store in the caller's transaction (once per content)."""
    if not shared(s) or not sha256:
        return
    if s.scalar(select(Blob.sha256).where(Blob.sha256 == sha256)) is not None:
        return
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise BadInput(f"Tệp {path.name} đã thay đổi trong khi lưu; hãy thử lại.")
    s.execute(pg_insert(Blob).values(sha256=sha256, size=len(data), data=data, created_at=utcnow())
              .on_conflict_do_nothing(index_elements=["sha256"]))


def local_file(svc, rel: str, sha256: str) -> Path:  # noqa: ANN001 - a Service (import cycle otherwise)
    """The workspace path of a file, fetched from the shared store first when this desk lacks it."""
    path = svc.workspace.root / rel
    if not rel or not sha256 or path.exists() or svc.store.is_sqlite:
        return path
    with svc.store.session() as s:
        data = s.scalar(select(Blob.data).where(Blob.sha256 == sha256))
    if data is None:
        return path  # the caller reports the missing file in its own words
    if hashlib.sha256(data).hexdigest() != sha256:
        raise BadInput(f"Bản lưu chung của tệp {Path(rel).name} bị hỏng (mã băm không khớp).")
    atomic.write_bytes(path, data)
    return path
