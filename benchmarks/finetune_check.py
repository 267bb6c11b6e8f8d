"""Can this machine fine-tune Tesseract on an office's approved field crops (issue 22)? Fine-tuning
(`lstmtraining --continue_from`) needs a FLOAT model of the language; the packaged `vie` models are integer
(tessdata_fast), and lstmtraining refuses to continue from them. This script looks at every Vietnamese
model it can find on the machine (or the files given) and asks lstmtraining itself, so the verdict is the
tool's own word, not ours. No network: only local files.

    python benchmarks/finetune_check.py [MODEL.traineddata ...]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

SEARCH = [Path("/usr/share/tesseract-ocr"), Path("/usr/share/tessdata"), Path("/usr/local/share/tessdata")]


def models() -> list[Path]:
    found = []
    for root in SEARCH:
        if root.is_dir():
            found += [p for p in root.rglob("*.traineddata") if p.stem.lower() in ("vie", "vietnamese")]
    return sorted(set(found))


def check(model: Path, work: Path) -> str:
    """lstmtraining's verdict on continuing from `model`'s LSTM (one iteration on an empty list)."""
    lstm = work / f"{model.stem}.lstm"
    out = subprocess.run(["combine_tessdata", "-e", str(model), str(lstm)], capture_output=True, text=True)
    if not lstm.exists():
        return f"no LSTM inside ({out.stdout.strip()[-120:]})"
    shown = subprocess.run(["combine_tessdata", "-d", str(model)], capture_output=True, text=True)
    version = shown.stdout + shown.stderr
    version = next((ln for ln in version.splitlines() if ln.startswith("Version")), "").strip()
    listing = work / "empty.txt"
    listing.write_text("\n")
    run = subprocess.run(["lstmtraining", "--model_output", str(work / "out"), "--continue_from", str(lstm),
                          "--traineddata", str(model), "--train_listfile", str(listing), "--max_iterations", "1"],
                         capture_output=True, text=True, timeout=120)
    said = " / ".join(ln.strip() for ln in (run.stdout + run.stderr).splitlines()
                      if "integer" in ln.lower() or "cannot" in ln.lower())
    size = model.stat().st_size
    return f"{size / 1e6:.1f} MB, {version or 'version ?'}: {said or 'lstmtraining accepted it (a float model)'}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="*", type=Path)
    args = ap.parse_args()
    for tool in ("lstmtraining", "combine_tessdata"):
        print(f"{tool}: {shutil.which(tool) or 'missing (apt-get install tesseract-ocr)'}")
    found = args.models or models()
    if not found:
        print("no Vietnamese model found")
    with tempfile.TemporaryDirectory(prefix="hotich-finetune-") as tmp:
        for model in found:
            print(f"{model}: {check(model, Path(tmp))}")
    print("fine-tuning needs a float `vie` model (tessdata_best); Debian packages tessdata_fast (integer), PyPI has "
          "no Vietnamese tessdata package, npm's tesseract.js data is integerised: see benchmarks/README.md")


if __name__ == "__main__":
    main()
