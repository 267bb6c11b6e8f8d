"""Issue 20: a box dragged in the window names the box version it was drawn from; another desk's change
meanwhile is refused (nothing overwritten) and the window shows the other desk's box."""
from __future__ import annotations

from PySide6.QtCore import QPoint

from hotich_desktop.core.entries import edit as entry_edit
from hotich_desktop.ui.controllers import status as error_outlet  # the one place failures are said
from tests.ui.test_no_edit_lost import desk, drag, open_window  # noqa: F401 (fixture)


def test_a_stale_box_drag_is_refused_and_the_other_desks_box_shown(qtbot, desk, monkeypatch) -> None:  # noqa: F811
    svc, clerk, _boss, ids, _ = desk
    told: list[str] = []
    monkeypatch.setattr(error_outlet, "tell", lambda _parent, message: told.append(message))
    win = open_window(qtbot, desk, clerk)
    seen = win.entries[1].box_version
    other = [[60, 500], [1180, 500], [1180, 860], [60, 860]]
    moved = entry_edit.set_box(svc, clerk, ids[1], other)  # another desk, after this window loaded the page
    assert moved.box_version == seen + 1
    win.view.fit_width()
    port = win.view.viewport()
    start = win.view.mapFromScene(win.view.boxes[1].scene_rect().center())
    drag(port, start, start + QPoint(0, 40), steps=8)
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert "đã có người sửa mục này" in told[0]
    assert svc.entries.info(ids[1]).polygon == moved.polygon  # the other desk's box stands
    qtbot.waitUntil(lambda: win.busy == 0 and any(e.id == ids[1] and e.box_version == moved.box_version
                                                  for e in win.entries), timeout=20000)
