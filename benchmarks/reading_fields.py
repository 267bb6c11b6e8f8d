"""Field reading per scanning condition, in one process per checkout (one Tesseract model load, not one per
page as `score.py ocr` through `hotich ocr` costs): field exact typed / handwriting, keystrokes saved when
correcting the prefill, the share of fields shown as sure (confidence >= 0.9) and how often those are right,
the CPU seconds the reading of a page costs (detection not included),
scored the way ../shared/tools/score.py scores (its own norm and edits are used).

    python benchmarks/reading_fields.py SET_ROOT [--split held] [--baseline OLD_CHECKOUT] [--pages N] [--dump F]

SET_ROOT is made by benchmarks/varied_set.py (tune/ and held/: other seeds). --baseline runs the same on
another checkout (e.g. `git archive main`) in a second process at the same time, so both see one machine load.
--dump writes every field (value, truth, confidence, the evidence) as JSON lines, for calibrating confidence.py.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from common import ROOT

SCORER_DIR = next((p / "shared" / "tools" for p in ROOT.parents if (p / "shared" / "tools" / "score.py").exists()), None)
SKIP = ("spread",)  # the set's spreads join two unrelated pages: boxes and PDFs only


def fields_of(folder: Path, pages: int) -> list[dict]:
    """Every truth field of the folder's pages with what the reader made of it."""
    sys.path.insert(0, str(SCORER_DIR))
    from score import edits, match, norm  # noqa: PLC0415 - the scorer's own definitions

    from hotich_desktop.core.entries.pipeline import detect_file
    from hotich_desktop.core.imaging.geometry import bbox_of
    from hotich_desktop.core.ocr.reader import read_entries
    from hotich_desktop.core.records.forms import load_form

    out = []
    for j in sorted(folder.glob("*.json"))[:pages]:
        truth = json.loads(j.read_text(encoding="utf-8"))
        page = detect_file(folder / truth["file"])
        cpu = time.process_time()  # every thread of this process, Tesseract's included (tesserocr)
        found = read_entries(page.frame, page.detection.polygons, truth["book_type"])
        cpu = time.process_time() - cpu
        pairs = dict(match([e["bbox"] for e in truth["entries"]], [bbox_of(p) for p in page.polygons], 0.5))
        form = load_form(truth["book_type"])
        for i, entry in enumerate(truth["entries"]):
            got = found[pairs[i]] if i in pairs else {}
            for key, want in entry["fields"].items():
                g = got.get(key)
                value = g.value if g else ""
                fdef = form.field(key)
                out.append({"cond": folder.name, "page": j.stem, "hand": truth.get("hand", "?"), "key": key,
                            "type": fdef.type if fdef else "", "want": want, "value": value,
                            "ok": norm(value) == norm(want), "conf": g.confidence if g else None,
                            "edits": 0 if norm(value) == norm(want) else min(edits(value, want), 1 + len(want)),
                            "evidence": getattr(g, "evidence", {}) if g else {},
                            "cpu": cpu / max(1, len(truth["entries"]) * len(entry["fields"]))})
    return out


def figures(rows: list[dict]) -> dict[str, str]:
    def exact(style: str) -> str:
        sub = [r for r in rows if r["hand"] == style]
        return f"{sum(r['ok'] for r in sub) / len(sub):.3f}" if sub else "-"
    sure = [r for r in rows if (r["conf"] or 0) >= 0.9]
    typing = sum(len(r["want"]) + 1 for r in rows)
    fixing = sum(1 + r["edits"] for r in rows)
    return {"fields": str(len(rows)), "typed": exact("type"), "hand": exact("hand"),
            "keys fix": f"{1 - fixing / typing:.3f}" if typing else "-",
            "sure share": f"{len(sure) / len(rows):.3f}" if rows else "-",
            "sure right": f"{sum(r['ok'] for r in sure) / len(sure):.3f}" if sure else "-",
            "cpu s/page": f"{sum(r.get('cpu', 0) for r in rows) / max(1, len({(r['cond'], r['page']) for r in rows})):.2f}"}


def run_here(root: Path, split: str, pages: int, dump: Path | None) -> dict[str, list[dict]]:
    by_cond = {}
    for folder in sorted(p for p in (root / split).iterdir() if p.is_dir() and p.name not in SKIP):
        by_cond[folder.name] = fields_of(folder, pages)
        print(f"  read {folder.name}", file=sys.stderr, flush=True)
    if dump:
        with dump.open("w", encoding="utf-8") as f:
            for rows in by_cond.values():
                for r in rows:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return by_cond


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root", type=Path)
    ap.add_argument("--split", default="held", help="held (report) or tune")
    ap.add_argument("--pages", type=int, default=99, help="pages per condition")
    ap.add_argument("--baseline", type=Path, help="another checkout, read the same way at the same time")
    ap.add_argument("--dump", type=Path, help="write every field as JSON lines")
    ap.add_argument("--json-out", type=Path, help=argparse.SUPPRESS)  # the baseline's answer to its parent
    ap.add_argument("--code", type=Path, help=argparse.SUPPRESS)  # the checkout the baseline process reads with
    args = ap.parse_args()
    if args.code:  # this process reads with the other checkout's code, not this one's
        sys.path[:] = [str(args.code)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT]
    other = None
    if args.baseline:
        env = dict(os.environ, PYTHONPATH=str(args.baseline), OMP_THREAD_LIMIT="1")
        answer = Path(os.environ.get("TMPDIR", "/tmp")) / f"reading_fields_baseline_{os.getpid()}.json"
        cmd = [sys.executable, __file__, str(args.root), "--split", args.split, "--pages", str(args.pages),
               "--json-out", str(answer), "--code", str(args.baseline)]
        other = (subprocess.Popen(cmd, env=env, cwd=str(args.baseline)), answer)
    ours = run_here(args.root, args.split, args.pages, args.dump)
    if args.json_out:
        args.json_out.write_text(json.dumps(ours, ensure_ascii=False), encoding="utf-8")
        return
    results = [("ours", ours)]
    if other:
        other[0].wait()
        results.append(("baseline", json.loads(other[1].read_text(encoding="utf-8"))))
        other[1].unlink()
    names = ["fields", "typed", "hand", "keys fix", "sure share", "sure right", "cpu s/page"]
    print(f"\nfields read on {args.split} ({args.root / args.split}), sure = confidence >= 0.9")
    print(f"{'condition':<10} {'code':<9} " + " ".join(f"{n:>10}" for n in names))
    for cond in ours:
        for label, got in results:
            fig = figures(got.get(cond, []))
            print(f"{cond:<10} {label:<9} " + " ".join(f"{fig[n]:>10}" for n in names))
    for label, got in results:
        fig = figures([r for rows in got.values() for r in rows])
        print(f"{'all':<10} {label:<9} " + " ".join(f"{fig[n]:>10}" for n in names))


if __name__ == "__main__":
    main()
