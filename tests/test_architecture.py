"""The core must run without Qt: a CLI, a test or a server imports it without PySide6."""
import subprocess
import sys


def test_core_and_cli_do_not_load_qt() -> None:
    code = ("import sys, hotich_desktop.core.service, hotich_desktop.core.processing, hotich_desktop.cli.main;"
            "import hotich_desktop.core.intake.ingest, hotich_desktop.core.ocr.reader;"
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; print(bad); sys.exit(bool(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_nothing_reads_the_contracts_folder_beside_the_project() -> None:
    """A clone with nothing beside it must run: the product and its tests never reach into ../shared."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    beside = re.compile(r"""\.\./shared\b|/work/shared\b|parent\s*/\s*["']shared["']|["']shared["']\s*/""")
    offenders = [f"{path.relative_to(root)}:{n}" for folder in ("hotich_desktop", "tests")
                 for path in sorted((root / folder).rglob("*.py")) if path.resolve() != Path(__file__).resolve()
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if beside.search(line)]
    assert not offenders, offenders
