"""Background retries of the outbox, without Qt: which waiting packages are due, and when each comes again.

A cut or a busy server comes back soon (1, 2, 4 … minutes, at most an hour); a refusal a person must fix
(password, full disk, rename refused) waits the longest step, so the log is not flooded while nobody looks.
The window asks `deliver_due` on its timer in a worker thread; a package is never sent twice at once.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ...errors import HotichError
from ...roles import Actor
from .base import DeliveryError

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ...service import Service


@dataclass
class RetrySchedule:
    base: float = 60.0
    maximum: float = 3600.0
    clock: Callable[[], float] = time.monotonic
    _next: dict[int, float] = field(default_factory=dict)
    _failures: dict[int, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def due(self, package_id: int) -> bool:
        with self._lock:
            return self.clock() >= self._next.get(package_id, 0.0)

    def failed(self, package_id: int, retryable: bool = True) -> float:
        """Records a failure; returns the seconds until the next try."""
        with self._lock:
            n = self._failures.get(package_id, 0) + 1
            self._failures[package_id] = n
            wait = min(self.base * 2 ** (n - 1), self.maximum) if retryable else self.maximum
            self._next[package_id] = self.clock() + wait
            return wait

    def succeeded(self, package_id: int) -> None:
        with self._lock:
            self._next.pop(package_id, None)
            self._failures.pop(package_id, None)

    def wait_left(self, package_id: int) -> float:
        with self._lock:
            return max(0.0, self._next.get(package_id, 0.0) - self.clock())


def deliver_due(svc: Service, actor: Actor, schedule: RetrySchedule) -> list[tuple[int, str]]:
    """Sends every waiting package whose time has come to the target in the settings, oldest first;
    returns (package id, receipt or the reason in Vietnamese) for each one tried."""
    from sqlalchemy import select

    from ...store.models import ExportPackage
    from ..outbox import WAITING, configured_target, deliver

    if not svc.settings.get().upload_url:
        return []
    with svc.store.session() as s:
        ids = list(s.scalars(select(ExportPackage.id).where(ExportPackage.status.in_(WAITING))
                             .order_by(ExportPackage.id)))
    results = []
    for package_id in [i for i in ids if schedule.due(i)]:
        try:
            receipt = deliver(svc, actor, package_id, configured_target(svc))
        except DeliveryError as exc:
            wait = schedule.failed(package_id, exc.retryable)
            results.append((package_id, f"{exc.message} (thử lại sau {int(wait // 60) or 1} phút)"))
            continue
        except HotichError as exc:
            schedule.failed(package_id, False)
            results.append((package_id, exc.message))
            continue
        schedule.succeeded(package_id)
        results.append((package_id, receipt.as_text()))
    return results
