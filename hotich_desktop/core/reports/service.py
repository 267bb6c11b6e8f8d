"""The reports stage's door (`svc.reports`): the campaign plan, progress against it, the daily report files
and the district's roll-up. The window and the CLI call these; each checks the actor's role, and the one
write (the plan) is audited and says what it touched."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from .. import audit
from ..changes import Changes, Done
from ..roles import Actor
from . import campaign as campaigns
from . import rollup as rollups
from .campaign import CampaignInfo, PlannedBook
from .daily import ReportRow, daily_rows, write_report
from .progress import Progress, compute

if TYPE_CHECKING:
    from ..service import Service


class Reports:
    def __init__(self, svc: Service) -> None:
        self.svc = svc

    # -- the plan ----------------------------------------------------------------------------------------
    def campaign(self) -> CampaignInfo | None:
        with self.svc.store.session() as s:
            return campaigns.current(s)

    def set_campaign(self, actor: Actor, start: dt.date, end: dt.date, books: list[PlannedBook],
                     name: str = "") -> Done[CampaignInfo]:
        """Saves the plan (supervisor or admin); the previous one stays in the store and the audit trail."""
        self.svc.require(actor, "manage_campaign")
        with self.svc.store.session() as s:
            before = campaigns.current(s)
            campaign_id = campaigns.store(s, actor.id, name, start, end, books)
            audit.record(s, actor.login, "campaign_set", "campaign", campaign_id,
                         before=before.as_json() if before else None,
                         after={"name": name, "start": start.isoformat(), "end": end.isoformat(),
                                "books": [b.as_json() for b in books]})
        info = self.campaign()
        assert info is not None
        return Done(info, Changes.of(settings=True))

    def import_campaign(self, actor: Actor, start: dt.date, end: dt.date, book_list: Path,
                        name: str = "") -> Done[CampaignInfo]:
        """The plan with its books read from the province's xlsx/csv list."""
        self.svc.require(actor, "manage_campaign")
        return self.set_campaign(actor, start, end, campaigns.parse_book_list(Path(book_list)), name)

    def put_book(self, actor: Actor, book: PlannedBook,
                 replacing: tuple[str, int, str] | None = None) -> Done[CampaignInfo]:
        """Adds one book to the current plan or changes one (the window's grid, a row at a time)."""
        self.svc.require(actor, "manage_campaign")
        with self.svc.store.session(write=True) as s:
            before, after = campaigns.put_book(s, book, replacing)
            plan = campaigns.current(s)
            assert plan is not None
            audit.record(s, actor.login, "campaign_book_set", "campaign", plan.id,
                         before=before.as_json() if before else None, after=after.as_json())
        return Done(plan, Changes.of(settings=True))

    def remove_book(self, actor: Actor, key: tuple[str, int, str]) -> Done[CampaignInfo]:
        """Takes one book out of the current plan."""
        self.svc.require(actor, "manage_campaign")
        with self.svc.store.session(write=True) as s:
            gone = campaigns.remove_book(s, key)
            plan = campaigns.current(s)
            assert plan is not None
            audit.record(s, actor.login, "campaign_book_remove", "campaign", plan.id, before=gone.as_json())
        return Done(plan, Changes.of(settings=True))

    # -- figures and files -------------------------------------------------------------------------------
    def daily(self, day: dt.date) -> list[ReportRow]:
        """The day's work per book and person (counts only, no names of citizens)."""
        return daily_rows(self.svc, day)

    def write_daily(self, day: dt.date, out: Path) -> list[ReportRow]:
        """The day's table alone, for a window nobody signed in to (counts only)."""
        return write_report(self.svc, day, Path(out))

    def progress(self, actor: Actor, day: dt.date) -> Progress:
        self.svc.require(actor, "report")
        return compute(self.svc, day)

    def write(self, actor: Actor, day: dt.date, out: Path) -> Progress:
        """The day's report as .xlsx, a one-page .pdf or the .json the district collects."""
        from .files import write

        self.svc.require(actor, "report")
        progress = compute(self.svc, day)
        write(self.svc, progress, Path(out))
        return progress

    @staticmethod
    def rollup(folder: Path, out: Path, day: dt.date) -> rollups.Rollup:
        """The district's table from communes' report files. Only those files are read (no store, no
        personal data: counts only), so a district desk with no commune data and no login may run it."""
        roll = rollups.collect(Path(folder), day)
        rollups.write(roll, Path(out))
        return roll
