"""What a write touched, so every screen can refresh itself from one signal instead of each caller
guessing which reloads it owes (Anki's OpChanges, in small)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Generic, TypeVar

T = TypeVar("T")


def _ids(values: Iterable[int] | None) -> frozenset[int]:
    return frozenset(int(v) for v in values or ())


@dataclass(frozen=True)
class Changes:
    """Ids of the rows a write changed, by kind; flags for the things that have no id on screen."""
    entries: frozenset[int] = field(default_factory=frozenset)
    pages: frozenset[int] = field(default_factory=frozenset)
    books: frozenset[int] = field(default_factory=frozenset)
    packages: frozenset[int] = field(default_factory=frozenset)
    intake: bool = False     # files taken in or quarantined
    users: bool = False
    settings: bool = False

    @classmethod
    def of(cls, *, entries: Iterable[int] | None = None, pages: Iterable[int] | None = None,
           books: Iterable[int] | None = None, packages: Iterable[int] | None = None, intake: bool = False,
           users: bool = False, settings: bool = False) -> Changes:
        return cls(_ids(entries), _ids(pages), _ids(books), _ids(packages), intake, users, settings)

    def __or__(self, other: Changes) -> Changes:
        merged = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            merged[f.name] = (a | b) if isinstance(a, frozenset) else (a or b)
        return Changes(**merged)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def touches(self, *, entry: int | None = None, page: int | None = None, book: int | None = None) -> bool:
        return ((entry is not None and entry in self.entries) or (page is not None and page in self.pages)
                or (book is not None and book in self.books))


NOTHING = Changes()


@dataclass(frozen=True)
class Done(Generic[T]):
    """A write's answer: what it returns to its caller, and what it changed for everyone else."""
    value: T
    changes: Changes = NOTHING
