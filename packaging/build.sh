#!/usr/bin/env bash
# Builds the one-folder Linux bundle with PyInstaller (packaging/hotich.spec):
#   bash packaging/build.sh            -> dist/hotich/hotich, dist/hotich/hotich-desktop, dist/hotich/_internal/
# Needs what `bash packaging/setup.sh test` installs (the .venv, Tesseract with vie/eng/osd); installs PyInstaller
# into the .venv when missing. DIST=… and WORK=… move the output and PyInstaller's work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
DIST=${DIST:-dist}
WORK=${WORK:-build/pyinstaller}
"$PY" -c "import PyInstaller" 2>/dev/null || "$PY" -m pip install -q "pyinstaller>=6.3"
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$DIST" --workpath "$WORK" packaging/hotich.spec
# pyenv-built Pythons keep their debug symbols in libpython (17 MB); the wheels' libraries must not be stripped.
for lib in "$DIST"/hotich/_internal/libpython3*.so*; do
    [ -f "$lib" ] && [ ! -L "$lib" ] && command -v strip >/dev/null && strip --strip-debug "$lib"
done
"$DIST/hotich/hotich" --version
echo "== $DIST/hotich built in $(( $(date +%s) - start )) s, $(du -sm "$DIST/hotich" | cut -f1) MB"
