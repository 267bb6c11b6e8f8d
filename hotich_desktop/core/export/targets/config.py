"""Choosing the delivery target: an admin's decision, audited, with the password kept out of settings.json."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ... import audit
from ...roles import Actor
from . import open_target
from .credentials import store_password

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ...service import Service


def set_delivery_target(svc: Service, actor: Actor, address: str, password: str | None = None) -> str:
    """Checks the address, keeps the password in the encrypted store (None: leave the stored one), saves the
    address in the settings and writes an audit event without any secret. Returns the address as shown."""
    svc.require(actor, "configure_delivery")
    address = address.strip()
    display = ""
    if address:
        target = open_target(address, password or "", workspace_root=svc.workspace.root)  # refuses bad ones
        display = target.display()
        target.close()
        if password is not None:
            store_password(svc.workspace.root, address, password)
    settings = svc.settings.get()
    before = settings.upload_url
    legacy = settings.upload_token
    if legacy and address.lower().startswith(("http://", "https://")) and password is None:
        store_password(svc.workspace.root, address, legacy)  # the older token leaves clear text too
    with svc.store.session(write=True) as s:
        svc.settings.write(s, actor.login, {"upload_url": address})
        if legacy:
            settings.upload_token = ""
            settings.save(svc.workspace.settings_path)
        audit.record(s, actor.login, "delivery_target", "settings", "upload_url", before={"address": before},
                     after={"address": display, "password_changed": password is not None})
    return display


def check_connection(svc: Service, address: str | None = None, password: str | None = None) -> str:
    """"Thử kết nối": connects, signs in and makes sure the destination folder exists; nothing is sent."""
    from ..outbox import configured_target

    target = configured_target(svc, address, password)
    try:
        return target.check()
    finally:
        target.close()
