"""`svc.outbox`: the book's 158 package (built, made current, superseding the old one) and its way to the
district (copied, uploaded, acknowledged), the delivery target and the province's own templates.
The work is done in outbox.py, targets/ and choose.py; this is the door, saying what each write touched."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from ..changes import Changes, Done
from ..roles import Actor
from ..store.models import ExportItem
from . import choose, outbox
from .package import Progress
from .targets import Receipt, Target
from .targets.config import check_connection, set_delivery_target
from .upload import Progress as UploadProgress
from .upload import UploadTarget

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service


def _package(package_id: int) -> Changes:
    return Changes.of(packages=[package_id])


class Outbox:
    def __init__(self, svc: Service) -> None:
        self.svc = svc

    # -- reads -------------------------------------------------------------------------------------------
    def packages(self, actor: Actor, book_id: int | None = None) -> list[dict[str, Any]]:
        self.svc.require(actor, "read_records")
        return outbox.packages(self.svc, book_id)

    def waiting(self, actor: Actor) -> int:
        self.svc.require(actor, "read_records")
        return outbox.waiting_packages(self.svc)

    def not_ready(self, actor: Actor, book_id: int) -> int:
        self.svc.require(actor, "read_records")
        return outbox.not_ready(self.svc, book_id)

    def check_connection(self, actor: Actor, address: str | None = None, password: str | None = None) -> str:
        self.svc.require(actor, "export")
        return check_connection(self.svc, address, password)

    # -- writes ------------------------------------------------------------------------------------------
    def export_book(self, actor: Actor, book_id: int, out_dir: Path | None = None, progress: Progress | None = None,
                    partial: bool = False) -> Done[outbox.ExportResult]:
        """The book's package into `out_dir` (the workspace's exports folder by default)."""
        out = Path(out_dir) if out_dir is not None else self.svc.workspace.exports
        result = outbox.export_book(self.svc, actor, book_id, out, progress, partial)
        with self.svc.store.session() as s:
            entries = list(s.scalars(select(ExportItem.entry_id).where(ExportItem.package_id == result.package_id)))
        return Done(result, Changes.of(books=[book_id], packages=[result.package_id], entries=entries))

    def deliver(self, actor: Actor, package_id: int, target: str | Target | None = None,
                progress: UploadProgress | None = None, password: str | None = None) -> Done[Receipt]:
        return Done(outbox.deliver(self.svc, actor, package_id, target, progress, password), _package(package_id))

    def deliver_to_folder(self, actor: Actor, package_id: int, target: Path) -> Done[Path]:
        return Done(outbox.deliver_to_folder(self.svc, actor, package_id, Path(target)), _package(package_id))

    def upload(self, actor: Actor, package_id: int, target: UploadTarget | None = None,
               progress: UploadProgress | None = None) -> Done[str]:
        return Done(outbox.upload(self.svc, actor, package_id, target, progress), _package(package_id))

    def upload_waiting(self, actor: Actor, target: UploadTarget | None = None,
                       progress: UploadProgress | None = None) -> Done[list[tuple[int, str]]]:
        self.svc.require(actor, "export")
        results = outbox.upload_waiting(self.svc, actor, target, progress)
        return Done(results, Changes.of(packages=[pid for pid, _ in results]))

    def set_target(self, actor: Actor, address: str, password: str | None = None) -> Done[str]:
        return Done(set_delivery_target(self.svc, actor, address, password), Changes.of(settings=True))

    def set_template(self, actor: Actor, book_type: str, source: Path) -> Done[dict[str, Any]]:
        return Done(choose.set_template(self.svc, actor, book_type, Path(source)), Changes.of(settings=True))

    def reset_template(self, actor: Actor, book_type: str) -> Done[None]:
        choose.reset_template(self.svc, actor, book_type)
        return Done(None, Changes.of(settings=True))
