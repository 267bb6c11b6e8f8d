"""OCR prefill on the dataset: the contracts' score.py ocr (whole `hotich ocr` process per page) when it is beside
the project, else our own count of fields read exactly; compared in the same run with raw full-page Tesseract
text, which reads words but fills no field by itself."""
from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from common import ROOT, dataset_folder, dataset_pages, summary, timed


def exact_fields(folder: Path) -> str:
    """Without the contracts' scorer beside the project: fields read exactly (NFC), entries paired in order."""
    from hotich_desktop.core.entries.pipeline import ocr_file

    right = total = 0
    times = []
    for path, truth in dataset_pages(folder):
        out, seconds = timed(lambda p=path, t=truth: ocr_file(p, t["book_type"]))
        times.append(seconds)
        for want, got in zip(truth["entries"], out["entries"] + [{}] * len(truth["entries"])):
            for key, value in want["fields"].items():
                read = got.get("fields", {}).get(key, {}).get("value", "")
                total += 1
                right += unicodedata.normalize("NFC", read) == unicodedata.normalize("NFC", value)
    return f"fields exact {right}/{total} = {right / max(1, total):.3f}; seconds/page (in process) {summary(times)}"


def main(folder: Path) -> None:
    env = dict(os.environ, PATH=f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
               OMP_THREAD_LIMIT="1")
    score = ROOT.parent / "shared" / "tools" / "score.py"
    print("ours (hotich ocr, fields mapped and normalised):")
    if score.is_file():
        out = subprocess.run([sys.executable, str(score), "ocr", str(folder)], capture_output=True, text=True,
                             env=env)
        print("  " + "\n  ".join(out.stdout.strip().splitlines() or [out.stderr.strip()[-500:]]))
    else:
        print("  " + exact_fields(folder))
    times = []
    for path, _ in dataset_pages(folder):
        _, seconds = timed(lambda p=path: subprocess.run(["tesseract", str(p), "-", "-l", "vie", "--psm", "6"],
                                                         capture_output=True, env=env))
        times.append(seconds)
    print("baseline (raw full-page Tesseract text): fields filled 0.000 (text only, no field mapping); "
          f"seconds/page {summary(times)}")


if __name__ == "__main__":
    main(dataset_folder(sys.argv[1] if len(sys.argv) > 1 else None))
