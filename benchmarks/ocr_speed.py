"""Seconds per page of the whole `hotich ocr` process, wall and CPU (the process and its Tesseract children),
for this checkout and, in the same run and interleaved page by page, for a baseline checkout (another
worktree or commit) and/or the Tesseract program instead of the library (HOTICH_OCR_PROGRAM=1).

    python benchmarks/ocr_speed.py [--dataset DIR] [--pages N] [--baseline CODE_DIR] [--program]

Wall time on a shared machine follows its load; CPU seconds say what a page costs on an idle 2-core PC
(about CPU / 2 when both cores read, plus the serial start).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, add_dataset_flag, dataset_folder


ENTRY = "import sys; from hotich_desktop.cli.main import main; sys.exit(main(sys.argv[1:]))"


def run_once(code: Path, image: Path, book_type: str, extra_env: dict[str, str]) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(code), OMP_THREAD_LIMIT="1", **extra_env)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", ENTRY, "ocr", str(image), "--book-type", book_type,
                        "--json"], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode:
        raise SystemExit(f"{image}: {p.stderr.strip()[-300:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_dataset_flag(ap)
    ap.add_argument("--pages", type=int, default=12)
    ap.add_argument("--baseline", type=Path, help="another checkout of the project, measured the same way")
    ap.add_argument("--program", action="store_true", help="also this checkout with the Tesseract program")
    args = ap.parse_args()
    folder = dataset_folder(args.dataset)
    pages = [(folder / json.loads(j.read_text(encoding="utf-8"))["file"],
              json.loads(j.read_text(encoding="utf-8"))["book_type"]) for j in sorted(folder.glob("*.json"))]
    pages = pages[:: max(1, len(pages) // args.pages)][: args.pages]
    runs = [("ours", ROOT, {})]
    if args.program:
        runs.append(("program", ROOT, {"HOTICH_OCR_PROGRAM": "1"}))
    if args.baseline:
        runs.append(("baseline", args.baseline, {}))
    got: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in runs}
    for image, book_type in pages:
        for name, code, env in runs:  # interleaved: every variant meets the same machine load
            got[name].append(run_once(code, image, book_type, env))
    print(f"{len(pages)} pages of {folder}; load average {os.getloadavg()[0]:.1f}")
    print(f"{'code':<10} {'wall median':>12} {'wall max':>9} {'CPU median':>11} {'CPU max':>8}")
    for name, values in got.items():
        walls, cpus = [w for w, _ in values], [c for _, c in values]
        print(f"{name:<10} {statistics.median(walls):>11.2f}s {max(walls):>8.2f}s "
              f"{statistics.median(cpus):>10.2f}s {max(cpus):>7.2f}s")


if __name__ == "__main__":
    main()
