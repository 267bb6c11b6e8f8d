"""A burst of files into the watched folder: every file taken once, peak memory, landing-to-stored latency.

Files are copies of the sample scans made distinct (bytes appended after the image's end), dropped all at
once while the watcher runs, as a scanner's batch or a phone sync would.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

from common import add_dataset_flag, dataset_folder, dataset_pages, summary

from hotich_desktop.cli.auth import SYSTEM_ACTOR
from hotich_desktop.core.intake.watcher import FolderWatcher
from hotich_desktop.core.service import Service


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=3000)
    add_dataset_flag(ap)
    args = ap.parse_args()
    sources = [p for p, _ in dataset_pages(dataset_folder(args.dataset)) if p.suffix.lower() in (".jpg", ".jpeg")]
    work = Path(tempfile.mkdtemp(prefix="hotich-bench-"))
    staging, scanner = work / "staging", work / "scanner"
    staging.mkdir()
    scanner.mkdir()
    for i in range(args.files):
        src = sources[i % len(sources)]
        target = staging / f"trang_{i:05d}.jpg"
        shutil.copyfile(src, target)
        with target.open("ab") as fh:
            fh.write(f"#{i}".encode())  # after the JPEG end marker: a distinct file, the same picture
    svc = Service.open(work / "ws")
    settings = svc.settings.get()
    settings.stable_seconds, settings.rescan_seconds = 0.5, 2.0
    settings.save(svc.workspace.settings_path)
    book = svc.books.open(SYSTEM_ACTOR, "khai_sinh", 1998, "1").value
    landed: dict[str, float] = {}
    stored: dict[str, float] = {}
    rss: list[float] = []
    done = threading.Event()

    def on_report(report) -> None:  # noqa: ANN001
        now = time.time()
        for page in report.pages:
            stored.setdefault(page["file"], now)
        rss.append(peak_rss_mb())
        if len(stored) >= args.files:
            done.set()

    watcher = FolderWatcher(svc, SYSTEM_ACTOR, book.id, [scanner], on_report)
    watcher.start()
    baseline_rss = peak_rss_mb()
    t0 = time.time()
    for f in sorted(staging.iterdir()):
        f.rename(scanner / f.name)
        landed[f.name] = time.time()
    done.wait(timeout=max(600, args.files))
    elapsed = time.time() - t0
    watcher.stop()
    pages = svc.books.pages(SYSTEM_ACTOR, book.id)
    latencies = [stored[n] - landed[n] for n in stored if n in landed]
    print(f"files {args.files}; pages stored {len(pages)}; distinct sources {len({p.source_name for p in pages})}; "
          f"taken twice {len(pages) - len({p.source_name for p in pages})}; total {elapsed:.1f} s "
          f"({args.files / max(elapsed, 1e-9):.1f} files/s)")
    print(f"landing-to-stored latency seconds: {summary(latencies)} (stable-wait {settings.stable_seconds} s included)")
    print(f"peak RSS MB: before burst {baseline_rss:.0f}, during {statistics.median(rss) if rss else 0:.0f} (median "
          f"of reports), end {peak_rss_mb():.0f}")
    svc.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
