"""Errors that carry a message a clerk can read (Vietnamese), so every front end shows the same words."""
from __future__ import annotations


class HotichError(Exception):
    """Base of every expected failure: bad input, a refusal, an unusable store.

    `message` is shown to the user as is; the CLI prints it on one line and exits non-zero.
    """

    exit_code = 2

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class StoreError(HotichError):
    """The database cannot be opened or written (corrupt, locked, full disk, wrong URL, newer version)."""

    exit_code = 3


class PermissionDenied(HotichError):
    """The acting user's role does not allow this; the core refuses whatever the UI shows."""

    exit_code = 4


class BadInput(HotichError):
    """A file or value from outside that cannot be used."""


class NotFound(HotichError):
    """A book, page, entry or user that does not exist."""


class Refused(HotichError):
    """A rule of the workflow forbids this now (unapproved record, changed since approval, …)."""

    exit_code = 5


class Conflict(Refused):
    """Another desk saved this item after it was opened here: the save is refused, nothing is lost.

    `current` holds the other desk's values and `version` the version they carry, so the window or the CLI
    can show them side by side with the clerk's own and save again on top of them.
    """

    def __init__(self, what: str, version: int, current: dict | None = None, expected: int | None = None) -> None:
        seen = f" (đang mở bản {expected}, bản mới là {version})" if expected is not None else ""
        super().__init__(f"{what}: đã có người sửa mục này{seen}. Hãy xem giá trị mới, gộp lại rồi lưu lần nữa.")
        self.version = version
        self.current = dict(current or {})
        self.expected = expected

    def differences(self, mine: dict) -> list[tuple[str, str, str]]:
        """(field, the other desk's value, this desk's value) for every field the two disagree on."""
        keys = sorted(set(self.current) | set(mine))
        return [(k, str(self.current.get(k, "") or ""), str(mine.get(k, "") or "")) for k in keys
                if str(self.current.get(k, "") or "") != str(mine.get(k, "") or "")]
