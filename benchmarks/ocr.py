"""OCR prefill: ../shared/tools/score.py ocr on the dataset (whole `hotich ocr` process per page), compared in
the same run with raw full-page Tesseract text, which reads words but fills no field by itself."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from common import ROOT, dataset_folder, dataset_pages, summary, timed


def main(folder: Path) -> None:
    env = dict(os.environ, PATH=f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
               OMP_THREAD_LIMIT="1")
    score = ROOT.parent / "shared" / "tools" / "score.py"
    out = subprocess.run([sys.executable, str(score), "ocr", str(folder)], capture_output=True, text=True, env=env)
    print("ours (hotich ocr, fields mapped and normalised):")
    print("  " + "\n  ".join(out.stdout.strip().splitlines() or [out.stderr.strip()[-500:]]))
    times = []
    for path, _ in dataset_pages(folder):
        _, seconds = timed(lambda p=path: subprocess.run(["tesseract", str(p), "-", "-l", "vie", "--psm", "6"],
                                                         capture_output=True, env=env))
        times.append(seconds)
    print("baseline (raw full-page Tesseract text): fields filled 0.000 (text only, no field mapping); "
          f"seconds/page {summary(times)}")


if __name__ == "__main__":
    main(dataset_folder(sys.argv[1] if len(sys.argv) > 1 else None))
