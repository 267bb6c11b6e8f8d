"""The core must run without Qt: a CLI, a test or a server imports it without PySide6."""
import subprocess
import sys


def test_core_and_cli_do_not_load_qt() -> None:
    code = ("import sys, hotich_desktop.core.service, hotich_desktop.core.processing, hotich_desktop.cli.main;"
            "import hotich_desktop.core.intake.ingest, hotich_desktop.core.ocr.reader;"
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; print(bad); sys.exit(bool(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
