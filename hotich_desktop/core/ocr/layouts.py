"""The per-book layout profile as the service offers it: `svc.layouts.profile_for(book_id)`, learnt when the
clerk saves an entry and again when a supervisor approves it (inside that save or approval), drawn by hand
with `svc.layouts.draw(...)`.

The profile itself (what is kept and how it is learnt) is core/ocr/layout_profile.py.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import audit
from ..errors import BadInput, NotFound
from ..records.forms import load_form
from ..roles import Actor
from ..store.models import Book, BookLayout, Entry
from .layout_profile import LayoutProfile, draw, learn

if TYPE_CHECKING:
    from ..service import Service

log = logging.getLogger(__name__)


class Layouts:
    """Door to the book layout profiles (one per book, stored in book_layouts)."""

    def __init__(self, svc: Service) -> None:
        self.svc = svc

    def profile_for(self, book_id: int) -> LayoutProfile:
        """The book's profile (empty for a book nothing was learnt from yet)."""
        with self.svc.store.session() as s:
            row = s.get(BookLayout, book_id)
            return LayoutProfile.from_json(row.profile if row else None)

    def draw(self, actor: Actor, book_id: int, key: str, box: Sequence[float]) -> LayoutProfile:
        """The clerk's own zone for field `key` of every entry of the book: (x0, y0, x1, y1) as fractions of
        the entry box. Returns the book's new profile."""
        self.svc.require(actor, "enter")
        with self.svc.store.session(write=True) as s:
            book = s.get(Book, book_id)
            if book is None:
                raise NotFound(f"Không có sổ số {book_id}.")
            if key not in load_form(book.book_type).keys:
                raise BadInput(f"Trường «{key}» không có trong biểu mẫu của sổ này.")
            try:
                values = [float(v) for v in box]
                profile = draw(_load(s, book_id), key, values)
            except (TypeError, ValueError) as exc:
                raise BadInput("Vùng đọc là bốn số từ 0 đến 1: trái, trên, phải, dưới.") from exc
            _store(s, book_id, profile)
            audit.record(s, actor.login, "layout_draw", "book", book_id, after={"key": key, "box": profile.zones[key].box})
            return profile

    def learn_in(self, s: Session, entry: Entry, fields: dict, ocr: dict | None, approved: bool = False) -> None:
        """Inside the clerk's save of `entry`, or the supervisor's approval of it (`approved`; its own audit
        event covers it): what this entry shows of the book's layout. Learning never fails the save or the
        approval: a race with another desk just skips this entry."""
        if not ocr or not entry.polygon:
            return
        book_id = entry.page.book_id
        try:
            with s.begin_nested():
                before = _load(s, book_id)
                after = learn(before, entry.polygon, fields, ocr, entry.id, approved)
                if after is not before:
                    _store(s, book_id, after)
        except IntegrityError:
            log.info("layout of book %s: learnt by another desk at the same time", book_id)


def _load(s: Session, book_id: int) -> LayoutProfile:
    row = s.get(BookLayout, book_id, with_for_update=True)
    return LayoutProfile.from_json(row.profile if row else None)


def _store(s: Session, book_id: int, profile: LayoutProfile) -> None:
    row = s.get(BookLayout, book_id)
    if row is None:
        s.add(BookLayout(book_id=book_id, profile=profile.as_json()))
    else:
        row.profile = profile.as_json()
    s.flush()
