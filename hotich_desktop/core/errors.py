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
