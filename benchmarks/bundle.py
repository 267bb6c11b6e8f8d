"""The Linux bundle (packaging/build.sh): its size, and start-up to a usable window against a baseline.

    .venv/bin/python benchmarks/bundle.py [--bundle dist/hotich] [--runs 5] [--compress]

Start-up is the wall time from spawning `hotich-desktop --exit-when-shown` (QT_QPA_PLATFORM=offscreen) to its
line saying the first window is on screen: the first-administrator dialog on a new data folder, the sign-in
dialog on a folder that has users (what a clerk sees every morning). Measured for the bundle and for the
venv install, next to the baseline of the same run: a bare `python -c "import PySide6.QtWidgets"` and a bare
QApplication showing an empty QWidget. The first run after a build reads a cold bundle from disk; the median
of the rest is the warm figure. Goals of issue 14: ≤ 3 s to a usable window, bundle ≤ 250 MB.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARK = "cửa sổ đầu tiên đã hiện"
BARE_WINDOW = ("from PySide6.QtWidgets import QApplication, QWidget\n"
               "app = QApplication([]); w = QWidget(); w.show(); app.processEvents()\n"
               f"print({MARK!r}, flush=True)\n")


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def biggest_parts(bundle: Path, count: int = 8) -> list[tuple[str, float]]:
    inner = bundle / "_internal"
    parts = [(p.name, folder_mb(p) if p.is_dir() else p.stat().st_size / 1e6) for p in inner.iterdir()
             if not p.is_symlink()]  # PyInstaller links duplicate libraries instead of copying them
    return sorted(parts, key=lambda x: -x[1])[:count]


CPU: list[float] = []  # CPU seconds (user + system) of each measured child, in order


def _children_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def time_to_window(cmd: list[str], env: dict[str, str], timeout: float = 120) -> tuple[float, float]:
    """(seconds until the first window is shown, seconds until the process ended)."""
    cpu0 = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    shown = None
    for line in proc.stdout:
        if MARK in line and shown is None:
            shown = time.perf_counter() - start
    proc.wait(timeout=timeout)
    ended = time.perf_counter() - start
    CPU.append(_children_cpu() - cpu0)
    if shown is None or proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} did not show a window (exit {proc.returncode})")
    return shown, ended


def time_run(cmd: list[str], env: dict[str, str]) -> float:
    cpu0 = _children_cpu()
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env, timeout=120)
    CPU.append(_children_cpu() - cpu0)
    return time.perf_counter() - start


def series(label: str, runs: int, once) -> tuple[str, float, float, float]:  # noqa: ANN001 - gives seconds
    """(label, first wall time, median wall time of the rest, median CPU time of all runs)."""
    CPU.clear()
    first = once()
    rest = [once() for _ in range(max(runs - 1, 1))]
    return label, first, statistics.median(rest), statistics.median(CPU)


def with_user(hotich: str, folder: Path, env: dict[str, str]) -> Path:
    """A data folder that already has its administrator: the next start shows the sign-in dialog."""
    subprocess.run([hotich, "--data-dir", str(folder), "users", "add", "quantri", "--role", "admin"], check=True,
                   capture_output=True, env={**env, "HOTICH_NEW_PASSWORD": "quantri-123"}, timeout=120)
    return folder


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", type=Path, default=ROOT / "dist" / "hotich")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--compress", action="store_true", help="also the size as a .tar.xz (slow)")
    args = ap.parse_args()
    bundle = args.bundle.resolve()
    if not (bundle / "hotich-desktop").is_file():
        raise SystemExit(f"no bundle at {bundle}: run bash packaging/build.sh first")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OMP_THREAD_LIMIT": "1"}
    env.pop("PYTHONPATH", None)
    venv_bin = Path(sys.executable).parent
    tmp = Path(tempfile.mkdtemp(prefix="hotich-bench-bundle-"))

    size = folder_mb(bundle)
    print(f"bundle {bundle}: {size:.0f} MB on disk (goal ≤ 250 MB), "
          f"{sum(1 for p in bundle.rglob('*') if p.is_file())} files")
    for name, mb in biggest_parts(bundle):
        print(f"  {name:<34} {mb:6.1f} MB")
    if args.compress:
        start = time.perf_counter()
        archive = tmp / "hotich.tar.xz"
        with tarfile.open(archive, "w:xz", preset=6) as tar:
            tar.add(bundle, arcname=bundle.name)
        print(f"  as .tar.xz: {archive.stat().st_size / 1e6:.0f} MB ({time.perf_counter() - start:.0f} s to pack)")

    rows = []
    py = sys.executable
    rows.append(series("baseline: python -c 'import PySide6.QtWidgets'", args.runs,
                       lambda: time_run([py, "-c", "import PySide6.QtWidgets"], env)))
    rows.append(series("baseline: bare QApplication + empty QWidget shown", args.runs,
                       lambda: time_to_window([py, "-c", BARE_WINDOW], env)[0]))
    counter = iter(range(10_000))
    for label, desktop, hotich in (("bundle", bundle / "hotich-desktop", bundle / "hotich"),
                                   ("venv", venv_bin / "hotich-desktop", venv_bin / "hotich")):
        rows.append(series(f"{label}: hotich-desktop, new folder -> first-admin dialog", args.runs,
                           lambda d=desktop: time_to_window(
                               [str(d), "--data-dir", str(tmp / f"moi-{next(counter)}"), "--exit-when-shown"],
                               env)[0]))
        known = with_user(str(hotich), tmp / f"{label}-co-nguoi-dung", env)
        rows.append(series(f"{label}: hotich-desktop, folder with users -> sign-in dialog", args.runs,
                           lambda d=desktop, k=known: time_to_window(
                               [str(d), "--data-dir", str(k), "--exit-when-shown"], env)[0]))
        rows.append(series(f"{label}: hotich --version", args.runs,
                           lambda h=hotich: time_run([str(h), "--version"], env)))
    print(f"\nstart-up, wall seconds (first run | median of the next {max(args.runs - 1, 1)}) and CPU seconds "
          "(median, user+system; what an idle PC would wait); goal ≤ 3 s to a window")
    for label, first, median, cpu in rows:
        print(f"  {label:<62} {first:6.2f} | {median:6.2f}   cpu {cpu:5.2f}")
    print(f"\nload while measuring (1-min load average): {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
