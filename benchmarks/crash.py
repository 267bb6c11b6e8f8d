"""kill -9 at EVERY file-changing call and store commit of `hotich export`, `hotich review approve` and
`hotich record save`, then a restart: counts of packages that disagree with the store, records lost or
doubled, and hidden temp folders left. The clean (not killed) run of each command is the baseline.

    PYTHONPATH=. python benchmarks/crash.py [--only export|approve|save]

The test suite tries five of these points (tests/core/export/test_export_crash.py); this tries them all.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from tests.core.export import crash_export as ce  # noqa: E402


def _entry_state(scn: ce.Scenario, entry_id: int) -> tuple[str, dict, str]:
    from hotich_desktop.core.service import Service
    from hotich_desktop.core.store.models import Entry

    svc = Service.open(scn.ws)
    try:
        with svc.store.session() as s:
            e = s.get(Entry, entry_id)
            return e.status, dict(e.record.fields), e.pdf_path
    finally:
        svc.close()


def _last_entry(scn: ce.Scenario) -> int:
    from hotich_desktop.core.service import Service
    from hotich_desktop.core.store.models import Entry

    svc = Service.open(scn.ws)
    try:
        with svc.store.session() as s:
            return max(s.scalars(select(Entry.id)))
    finally:
        svc.close()


def sweep(scn: ce.Scenario, name: str, command: list[str], password: str, extra_check) -> dict[str, int]:  # noqa: ANN001
    ce.reset(scn)
    started = time.perf_counter()
    clean = ce.run(scn, 0, command, password)
    seconds = time.perf_counter() - started
    if clean.returncode != 0:
        raise SystemExit(f"{name}: the clean run failed: {clean.stderr[-400:]}")
    baseline = ce.check(scn) + extra_check(scn, clean=True)
    points = len(ce.events(clean))
    counts = {"points": points, "killed": 0, "disagreeing_or_lost": 0, "temp_leftovers": 0, "other": 0}
    for n in range(1, points + 1):
        ce.reset(scn)
        proc = ce.run(scn, n, command, password)
        counts["killed"] += ce.killed(proc)
        for problem in ce.check(scn) + extra_check(scn, clean=False):
            key = "temp_leftovers" if problem.startswith("temp leftovers") else "disagreeing_or_lost"
            counts[key] += 1
            print(f"  {name} point {n}: {problem}", flush=True)
    print(f"{name:8s} baseline (clean run, {seconds:.1f} s): {len(baseline)} problems; "
          + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", choices=["export", "approve", "save"])
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hotich-crash-"))
    scn = ce.prepare(work)
    last = _last_entry(scn)
    fields = work / "fields.json"
    fields.write_text(json.dumps({"ho_ten": "Lò Văn Đổi Tên", "so": "99"}, ensure_ascii=False), encoding="utf-8")

    def no_extra(_scn: ce.Scenario, clean: bool) -> list[str]:
        return []

    def approve_check(s: ce.Scenario, clean: bool) -> list[str]:
        status = _entry_state(s, last)[0]
        return [] if status in (("approved",) if clean else ("approved", "submitted")) else [f"status {status}"]

    def save_check(s: ce.Scenario, clean: bool) -> list[str]:
        status, values, pdf = _entry_state(s, last)
        problems = [] if (s.ws / pdf).is_file() else [f"record's PDF {pdf} missing"]
        if values.get("so") not in (("99",) if clean else ("14", "99")) or len(values) != 7:
            problems.append(f"record half-saved: {values}")
        return problems

    sweeps = {
        "export": (["export", "--book", str(scn.book_id), "--out", str(scn.out), "--user", "hoa", "--json"],
                   "matkhau-hoa", no_extra),
        "approve": (["review", "approve", "--entry", str(last), "--user", "hoa"], "matkhau-hoa", approve_check),
        "save": (["record", "save", "--entry", str(last), "--fields", str(fields), "--user", "hoa"], "matkhau-hoa",
                 save_check),
    }
    total = {}
    for name, (command, password, extra) in sweeps.items():
        if args.only and args.only != name:
            continue
        if name != "export":
            _unapprove_last(scn, last)
        total[name] = sweep(scn, name, command, password, extra)
    print("summary:", json.dumps(total))


def _unapprove_last(scn: ce.Scenario, last: int) -> None:
    """For the approve and save sweeps the 14th record waits for review (returned, then resubmitted)."""
    from hotich_desktop.core.service import Service

    ce.reset(scn)
    svc = Service.open(scn.ws)
    boss = svc.users.login("hoa", "matkhau-hoa")
    clerk = svc.users.login("lan", "matkhau-lan")
    if svc.entries.info(last).status == "approved":
        svc.review.return_entry(boss, last, "Kiểm tra lại")
        svc.save_record(clerk, last, {}, submit=True)
    svc.close()
    import shutil

    shutil.rmtree(scn.pristine)
    shutil.copytree(scn.ws, scn.pristine, symlinks=True)


if __name__ == "__main__":
    main()
