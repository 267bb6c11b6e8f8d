"""Issue 17 (1): kill -9 during an export at the moments that matter, then a restart. The whole sweep over
every point is benchmarks/crash.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.export import crash_export as ce

pytestmark = pytest.mark.slow


def _points(names: list[str]) -> dict[str, int]:
    """1-based indices of the moments that matter, found by name (the list is printed by a clean run)."""
    idx = {}
    start = next(i for i, e in enumerate(names) if ".new-" in e and e.startswith("os.mkdir"))
    idx["building"] = next(i for i, e in enumerate(names) if i > start and e.startswith("open")) + 1
    renames = [i for i, e in enumerate(names) if i > start and e.startswith("os.rename")]
    idx["old aside"], idx["new in place"] = renames[0] + 1, renames[1] + 1
    idx["commit after swap"] = next(i for i, e in enumerate(names) if i > renames[1] and e == "commit") + 1
    idx["clean-up after commit"] = idx["commit after swap"] + 1
    return idx


def test_kill_9_during_export_leaves_old_or_new_package_never_a_mix(tmp_path: Path) -> None:
    scn = ce.prepare(tmp_path)
    ce.reset(scn)
    clean = ce.run(scn, 0)
    assert clean.returncode == 0, clean.stderr
    points = _points(ce.events(clean))
    outcomes = {}
    for label, n in points.items():
        ce.reset(scn)
        proc = ce.run(scn, n)
        assert ce.killed(proc), (label, proc.returncode, proc.stderr[-500:])
        assert ce.check(scn) == [], label
        outcomes[label] = _live_records(scn)
    # before the commit the old package (13) stays current; after it the new one (14)
    assert outcomes["new in place"] == 13 and outcomes["commit after swap"] == 13
    assert outcomes["clean-up after commit"] == 14
    retry = ce.run(scn, 0)  # the clerk exports again after the restart
    assert retry.returncode == 0, retry.stderr
    assert ce.check(scn, want_records=(14,)) == []


def _live_records(scn: ce.Scenario) -> int:
    import json

    return json.loads((scn.out / "KS.1998.01.xa-Demo" / "manifest.json").read_text(encoding="utf-8"))["records"]


def test_upload_and_delivery_refuse_a_folder_that_is_not_the_recorded_package(sqlite_service, tmp_path: Path):
    import json

    from hotich_desktop.core.errors import Refused
    from hotich_desktop.core.export.outbox import deliver_to_folder, export_book, packages
    from tests.core.export.synthetic import approved_book

    svc = sqlite_service
    book_id, boss, _, _ = approved_book(svc, 3)
    result = export_book(svc, boss, book_id, tmp_path / "out")
    manifest = result.package / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["records"] = 2  # a manifest rewritten to match a swapped folder: every file hash still "fine"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(Refused, match="không còn khớp"):
        deliver_to_folder(svc, boss, result.package_id, tmp_path / "usb")
    assert not (tmp_path / "usb" / result.package.name / "manifest.json").exists()
    assert packages(svc)[0]["status"] == "failed"
