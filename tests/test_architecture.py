"""The core must run without Qt: a CLI, a test or a server imports it without PySide6."""
import subprocess
import sys


def test_core_and_cli_do_not_load_qt() -> None:
    code = ("import sys, hotich_desktop.core.service, hotich_desktop.core.entries.processing, hotich_desktop.cli.main;"
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


ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
CORE = ROOT / "hotich_desktop" / "core"
STAGE_ROOMS = ("intake", "imaging", "entries", "ocr", "records", "review", "export", "reports", "backup", "discrepancies",
               "learning", "store", "users", "settings")


def _python_files(folder):
    return sorted(p for p in folder.rglob("*.py") if "migrations" not in p.parts)


def test_the_import_layers_hold() -> None:
    """import-linter's contracts (pyproject.toml): no Qt in the core, rooms layered over the kernel, nothing
    climbing back up, the window and the CLI never touching rows."""
    import shutil
    from pathlib import Path

    exe = Path(sys.executable).with_name("lint-imports")
    cmd = [str(exe)] if exe.exists() else [shutil.which("lint-imports") or "lint-imports"]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                            env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_only_stage_rooms_open_a_store_session() -> None:
    """Rows change in one place per stage: a module outside the stage rooms and store/ that opens a
    session is a second door. The context (service.py) hands the rooms their store and opens none itself."""
    allowed = {CORE / "blobs.py"}  # the shared file store
    offenders = []
    for path in _python_files(ROOT / "hotich_desktop"):
        rel = path.relative_to(CORE).parts if path.is_relative_to(CORE) else ()
        if path in allowed or (len(rel) > 1 and rel[0] in STAGE_ROOMS):
            continue
        text = path.read_text(encoding="utf-8")
        if ".session(" in text or "Session(" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"opens a store session outside the stage rooms: {offenders}"


def test_status_words_live_only_in_the_lifecycle() -> None:
    """A status compared with, or set to, a bare string outside core/lifecycle.py is a second lifecycle."""
    import ast

    from hotich_desktop.core.lifecycle import EntryStatus, PackageStatus, PageStatus

    words = {str(s) for enum in (EntryStatus, PageStatus, PackageStatus) for s in enum}

    def status_like(node: ast.AST) -> bool:
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            name = str(node.slice.value)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "in_":
            return status_like(node.func.value)
        return name in ("status", "decision")

    def bare_words(node: ast.AST) -> list[str]:
        found = [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and n.value in words]
        return found

    offenders = []
    for path in _python_files(ROOT / "hotich_desktop"):
        if path == CORE / "lifecycle.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            hits: list[str] = []
            if isinstance(node, ast.Compare) and any(map(status_like, [node.left, *node.comparators])):
                hits = bare_words(node)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "in_" \
                    and status_like(node.func.value):
                hits = [w for a in node.args for w in bare_words(a)]
            elif isinstance(node, ast.Assign) and any(map(status_like, node.targets)):
                hits = bare_words(node.value)
            elif isinstance(node, ast.keyword) and node.arg in ("status", "decision"):
                hits = bare_words(node.value)
            offenders += [f"{path.relative_to(ROOT)}:{node.lineno} {w!r}" for w in hits] if hits else []
    assert not offenders, offenders
