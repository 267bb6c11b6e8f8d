"""Detection, OCR and PDF figures per scanning condition on the varied set (benchmarks/varied_set.py), with
the held-out part reported apart from the tuning part, through ../shared/tools/score.py (the whole `hotich`
process per page, as the project is measured from outside).

    python benchmarks/reading.py SET_ROOT [--split held] [--what detect,ocr,pdf] [--baseline CODE_DIR]

--baseline runs the same scorer in the same run on another checkout of the project (e.g. a worktree of an
older commit), so speed figures are compared on one machine load.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from common import ROOT

SCORER = next((p / "shared" / "tools" / "score.py" for p in ROOT.parents
               if (p / "shared" / "tools" / "score.py").exists()), Path("score.py"))
FIGURES = {  # the summary lines worth a column, by the scorer's own wording
    "detect": [("recall@0.9", r"recall@0.9 ([\d.]+)"), ("precision", r"precision ([\d.]+)"),
               ("s/page", r"median ([\d.]+)s")],
    "ocr": [("exact", r"ocr field exact ([\d.]+)"), ("typed", r"style type: .*\(([\d.]+)\)"),
            ("hand", r"style hand: .*\(([\d.]+)\)"), ("keys fix", r"correcting the prefill vs typing all: ([\d.]+)"),
            ("confident share", r"confident fields .*: (\d+/\d+)"), ("confident right", r"right \d+ \(([\d.]+)\)"),
            ("s/page", r"median ([\d.]+)s")],
    "pdf": [("max kB", r"max ([\d.]+) kB"), ("over 100 kB", r"over 100 KB .*: (\d+ of \d+)"),
            ("s/page", r"median ([\d.]+)s")],
}


def score(code: Path, what: str, folder: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(code), OMP_THREAD_LIMIT="1",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    args = [sys.executable, str(SCORER), what, str(folder)] + (["--legibility", "0"] if what == "pdf" else [])
    out = subprocess.run(args, capture_output=True, text=True, env=env)
    text = out.stdout + out.stderr
    got = {}
    for name, pattern in FIGURES[what]:
        m = re.search(pattern, text)
        got[name] = m.group(1) if m else "-"
    return got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root", type=Path)
    ap.add_argument("--split", default="held", help="held (report) or tune")
    ap.add_argument("--what", default="detect,ocr,pdf")
    ap.add_argument("--baseline", type=Path, help="another checkout to score the same way in the same run")
    args = ap.parse_args()
    codes = [("ours", ROOT)] + ([("baseline", args.baseline)] if args.baseline else [])
    for what in args.what.split(","):
        names = [n for n, _ in FIGURES[what]]
        print(f"\n{what} on {args.split} ({args.root / args.split})")
        print(f"{'condition':<10} {'code':<9} " + " ".join(f"{n:>15}" for n in names))
        for folder in sorted(p for p in (args.root / args.split).iterdir() if p.is_dir()):
            if what == "ocr" and folder.name == "spread":
                continue  # the set's spreads join two unrelated pages: boxes and PDFs only
            for label, code in codes:
                got = score(code, what, folder)
                print(f"{folder.name:<10} {label:<9} " + " ".join(f"{got[n]:>15}" for n in names), flush=True)


if __name__ == "__main__":
    main()
