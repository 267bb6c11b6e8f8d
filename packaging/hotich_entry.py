"""Entry point of the frozen bundle: one program, two names (as the wheel's two console scripts).

`hotich` (console) runs the Qt-free command line; `hotich-desktop` runs the window. Both executables of the
PyInstaller bundle share this script, so the analysis and the libraries are made and shipped once.
"""
from __future__ import annotations

import sys
from pathlib import Path


def _program() -> str:
    return Path(sys.executable if getattr(sys, "frozen", False) else sys.argv[0]).stem.lower()


if __name__ == "__main__":
    if _program() == "hotich":
        from hotich_desktop.cli.main import main
    else:
        from hotich_desktop.ui.app import main
    sys.exit(main())
