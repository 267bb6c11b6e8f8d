"""Choosing a province's own template per book type: checked first, copied into the workspace (so a later
change to the original file cannot alter exports behind the admin's back), recorded in the settings and
the audit trail. Admin only."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import audit
from ..atomic import copy_file, sha256_file
from ..booktypes import book_type as get_book_type
from ..errors import BadInput
from ..roles import Actor
from .columns import known_keys
from .template import SHEET, check_template, column_key, open_template

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service


def guess_book_type(path: Path) -> str:
    """The book type whose 158 keys the template's header matches best (for `template check FILE`)."""
    from ..booktypes import BOOK_TYPES

    wb = open_template(path, read_only=True)
    try:
        first = next(wb[SHEET].iter_rows(min_row=1, max_row=1, values_only=True), ())
    finally:
        wb.close()
    keys = {column_key(v) for v in first} - {""}
    scored = sorted(BOOK_TYPES, key=lambda t: (len(keys & known_keys(t)), -len(known_keys(t) - keys)), reverse=True)
    return scored[0]


def set_template(svc: Service, actor: Actor, book_type: str, source: Path) -> dict[str, Any]:
    """Checks `source` for `book_type`; refuses it with the report's errors, else puts it in use."""
    svc.require(actor, "manage_settings")
    get_book_type(book_type)
    report = check_template(source, book_type)
    if not report["ok"]:
        raise BadInput(f"Không dùng được tệp mẫu «{source.name}»: " + "; ".join(report["errors"][:10]) + ".")
    dest = svc.workspace.root / "templates" / f"{book_type}.xlsx"
    dest.parent.mkdir(parents=True, exist_ok=True)
    copy_file(source, dest)
    settings = svc.settings.get()
    before = settings.templates.get(book_type, "")
    settings.templates = {**settings.templates, book_type: str(dest)}
    settings.save(svc.workspace.settings_path)
    with svc.store.session() as s:
        audit.record(s, actor.login, "template_set", "book_type", book_type, {"template": before},
                     {"template": str(dest), "source": str(source), "sha256": sha256_file(dest),
                      "columns": len(report["found"]), "empty": len(report["empty"])})
    return {**report, "installed": str(dest)}


def reset_template(svc: Service, actor: Actor, book_type: str) -> None:
    """Back to the project's own template for this book type."""
    svc.require(actor, "manage_settings")
    get_book_type(book_type)
    settings = svc.settings.get()
    before = settings.templates.get(book_type, "")
    settings.templates = {k: v for k, v in settings.templates.items() if k != book_type}
    settings.save(svc.workspace.settings_path)
    with svc.store.session() as s:
        audit.record(s, actor.login, "template_reset", "book_type", book_type, {"template": before}, {"template": ""})
