"""`svc.audit`: one event written on its own (a refusal, a sign-out, a note from intake), and the check of
the whole chain against the anchors kept outside the database."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import anchors as anchor_file
from .. import audit

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service


class Trail:
    def __init__(self, svc: Service) -> None:
        self.svc = svc

    def record(self, who: str, action: str, obj_type: str = "", obj_id: Any = "", after: dict | None = None) -> None:
        with self.svc.store.session() as s:
            audit.record(s, who, action, obj_type, obj_id, after=after)

    def verify(self, anchors: list[dict[str, Any]] | None = None) -> audit.ChainReport:
        """The chain, the anchors this workspace wrote outside the database plus any given, every approved
        record and every account against what the chain vouches for."""
        with self.svc.store.session() as s:
            return audit.verify(s, anchor_file.load(self.svc.workspace.root) + list(anchors or []))
