"""Seconds per page of the whole `hotich ocr` process, wall and CPU (the process and its Tesseract children),
for this checkout and, in the same run and interleaved page by page, for a baseline checkout (another
worktree or commit) and/or the Tesseract program instead of the library (HOTICH_OCR_PROGRAM=1).

    python benchmarks/ocr_speed.py [--dataset DIR] [--pages N] [--baseline CODE_DIR] [--program] [--no-folder]

Two ways of running: one process per page (`hotich ocr PAGE`, per-page medians) and the whole folder in one
process (`hotich ocr FOLDER`: total seconds / pages; a baseline that takes one page only is run page by
page there, as its user had to). Variants take turns, so each meets the same machine load; the load
average is printed before and after. Wall time on a shared machine follows its load; CPU seconds say what a
page costs on an idle 2-core PC (about CPU / 2 when both cores read, plus the serial start).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
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


def run_folder(code: Path, folder: Path, book_type: str, extra_env: dict[str, str]) -> tuple[float, float]:
    """The folder in one `hotich ocr FOLDER` process; a checkout that reads one page only (it fails on a
    folder) is run page by page instead, timed from then on."""
    env = dict(os.environ, PYTHONPATH=str(code), OMP_THREAD_LIMIT="1", **extra_env)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", ENTRY, "ocr", str(folder), "--book-type", book_type, "--json"],
                       capture_output=True, text=True, env=env)
    if p.returncode and '"pages"' not in p.stdout:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        for image in sorted(folder.iterdir()):
            run_once(code, image, book_type, extra_env)
    elif p.returncode:
        raise SystemExit(f"{folder}: {p.stderr.strip()[-300:]}")
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def folder_runs(pages: list[tuple[Path, str]], runs: list, tmp: Path) -> dict[str, tuple[float, float, int]]:
    """(wall, CPU, pages) per variant over folders of one book type each (links to the pages)."""
    by_type: dict[str, list[Path]] = {}
    for image, book_type in pages:
        by_type.setdefault(book_type, []).append(image)
    totals = {name: [0.0, 0.0, 0] for name, _, _ in runs}
    for book_type, images in sorted(by_type.items()):
        folder = tmp / book_type
        folder.mkdir()
        for image in images:
            (folder / image.name).symlink_to(image)
        for name, code, env in runs:
            wall, cpu = run_folder(code, folder, book_type, env)
            totals[name][0] += wall
            totals[name][1] += cpu
            totals[name][2] += len(images)
    return {k: (v[0], v[1], v[2]) for k, v in totals.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_dataset_flag(ap)
    ap.add_argument("--pages", type=int, default=12)
    ap.add_argument("--baseline", type=Path, help="another checkout of the project, measured the same way")
    ap.add_argument("--program", action="store_true", help="also this checkout with the Tesseract program")
    ap.add_argument("--no-folder", action="store_true", help="only one process per page")
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
    load_before = os.getloadavg()[0]
    got: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in runs}
    for image, book_type in pages:
        for name, code, env in runs:  # interleaved: every variant meets the same machine load
            got[name].append(run_once(code, image, book_type, env))
    print(f"{len(pages)} pages of {folder}; load average {load_before:.1f} at start, {os.getloadavg()[0]:.1f} now")
    print("one process per page (`hotich ocr PAGE`)")
    print(f"{'code':<10} {'wall median':>12} {'wall max':>9} {'CPU median':>11} {'CPU max':>8}")
    for name, values in got.items():
        walls, cpus = [w for w, _ in values], [c for _, c in values]
        print(f"{name:<10} {statistics.median(walls):>11.2f}s {max(walls):>8.2f}s "
              f"{statistics.median(cpus):>10.2f}s {max(cpus):>7.2f}s")
    if args.no_folder:
        return
    with tempfile.TemporaryDirectory(prefix="ocr-speed-") as tmp:
        load_before = os.getloadavg()[0]
        totals = folder_runs(pages, runs, Path(tmp))
    print(f"the same pages as folders (`hotich ocr FOLDER`, one folder per book type); load average "
          f"{load_before:.1f} at start, {os.getloadavg()[0]:.1f} now")
    print(f"{'code':<10} {'wall/page':>10} {'CPU/page':>9}")
    for name, (wall, cpu, n) in totals.items():
        print(f"{name:<10} {wall / n:>9.2f}s {cpu / n:>8.2f}s")


if __name__ == "__main__":
    main()
