"""What of the Windows build can be checked on Linux: the PyInstaller spec runs and asks for the right things,
the Inno Setup script installs exactly the spec's output names, and every version stamp agrees.

The spec is executed as PyInstaller executes it, with PyInstaller's build steps (Analysis, PYZ, EXE, COLLECT)
replaced by recorders: they would take minutes, and what they are asked to build is what is checked here.
The real build is tested by tests/install/test_bundle.py.
"""
from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import hotich_desktop

ROOT = Path(__file__).resolve().parents[2]

SPEC = ROOT / "packaging" / "hotich.spec"
ISS = ROOT / "packaging" / "windows" / "hotich.iss"


class Step:
    """Stands for one PyInstaller build step; keeps its arguments."""

    made: list[Step] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        self.scripts = self.pure = self.binaries = self.datas = []
        if "binaries" in kwargs:
            self.binaries, self.datas = kwargs["binaries"], kwargs["datas"]
        Step.made.append(self)


class Analysis(Step): ...
class PYZ(Step): ...  # noqa: E701
class EXE(Step): ...  # noqa: E701
class COLLECT(Step): ...  # noqa: E701


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    pytest.importorskip("PyInstaller", reason="PyInstaller is in the test extra: pip install -e '.[test]'")
    Step.made = []
    scope = {"__file__": str(SPEC), "SPECPATH": str(SPEC.parent), "Analysis": Analysis, "PYZ": PYZ, "EXE": EXE,
             "COLLECT": COLLECT}
    saved = list(sys.path)
    try:
        exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), scope)
    finally:
        sys.path[:] = saved
    scope["steps"] = list(Step.made)
    return scope


def _iss() -> str:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads a script as UTF-8 only with a BOM (Vietnamese text)"
    return raw[3:].decode("utf-8")


def _defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'#define\s+(\w+)\s+"([^"]*)"', text))


def test_spec_builds_two_programs_over_one_folder(spec: dict[str, Any]) -> None:
    exes = [s for s in spec["steps"] if isinstance(s, EXE)]
    collect = [s for s in spec["steps"] if isinstance(s, COLLECT)]
    assert [e.kwargs["name"] for e in exes] == ["hotich", "hotich-desktop"]
    assert exes[0].kwargs["console"] is True
    assert len(collect) == 1 and collect[0].kwargs["name"] == "hotich" and set(collect[0].args[:2]) == set(exes)


def test_spec_ships_resources_migrations_and_tesseract(spec: dict[str, Any]) -> None:
    analysis = next(s for s in spec["steps"] if isinstance(s, Analysis))
    datas = {(Path(src).name, dest.replace("\\", "/")) for src, dest in analysis.kwargs["datas"]}
    for form in (Path(hotich_desktop.__path__[0]) / "resources" / "forms").glob("*.json"):
        assert (form.name, "hotich_desktop/resources/forms") in datas
    assert ("hotich_en.qm", "hotich_desktop/resources/translations") in datas
    versions = Path(hotich_desktop.__path__[0]) / "core" / "store" / "migrations" / "versions"
    for migration in versions.glob("*.py"):
        assert (migration.name, "hotich_desktop/core/store/migrations/versions") in datas
    for lang in ("vie", "eng", "osd"):
        assert (f"{lang}.traineddata", "tesseract/tessdata") in datas
    binaries = {(Path(src).name, dest) for src, dest in analysis.kwargs["binaries"]}
    assert ("tesseract", "tesseract") in binaries or ("tesseract.exe", "tesseract") in binaries
    hidden = set(analysis.kwargs["hiddenimports"])
    assert {"hotich_desktop.cli.commands", "hotich_desktop.ui.app", "hotich_desktop.core.selftest",
            "sqlalchemy.dialects.postgresql.psycopg"} <= hidden


def test_installer_file_list_matches_the_spec(spec: dict[str, Any]) -> None:
    text = _iss()
    d = _defines(text)
    names = {e.kwargs["name"] for e in spec["steps"] if isinstance(e, EXE)}
    assert {d["AppExe"], d["CliExe"]} == {f"{n}.exe" for n in names}
    assert d["DistDir"].replace("\\", "/").endswith(f"dist/{spec['APP_NAME']}")
    sources = re.findall(r'^Source:\s*"([^"]+)"', text, flags=re.M)
    expanded = {re.sub(r"\{#(\w+)\}", lambda m: d[m.group(1)], s).replace("\\", "/") for s in sources}
    dist = d["DistDir"].replace("\\", "/")
    assert expanded == {f"{dist}/{d['AppExe']}", f"{dist}/{d['CliExe']}", f"{dist}/_internal/*"}
    # every shortcut and the post-install run start a program the installer actually installs
    for target in re.findall(r'Filename:\s*"\{app\}\\([^"]+)"', re.sub(r"\{#(\w+)\}", lambda m: d[m.group(1)], text)):
        assert target in {d["AppExe"], d["CliExe"]}, target


def test_installer_keeps_user_data_unless_asked() -> None:
    text = _iss()
    d = _defines(text)
    # the folder the app uses by default (platformdirs on Windows: %LOCALAPPDATA%\<app>)
    from hotich_desktop.core.workspace import APP_NAME

    assert d["DataDir"] == "{localappdata}\\" + APP_NAME
    assert re.search(r'Name:\s*"\{#DataDir\}";\s*Flags:\s*uninsneveruninstall', text)
    code = text.split("[Code]", 1)[1]
    assert "MB_DEFBUTTON2" in code and "UninstallSilent()" in code and "DelTree(Data" in code
    assert "PrivilegesRequired=lowest" in text and re.search(r"^Name: \"\{group\}", text, flags=re.M)


def test_version_stamps_agree() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = project["project"].get("version")
    if declared is None:  # dynamic: read from the package itself
        assert "version" in project["project"]["dynamic"]
        assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "hotich_desktop.__version__"}
        declared = hotich_desktop.__version__
    assert declared == hotich_desktop.__version__
    assert _defines(_iss())["AppVersion"] == hotich_desktop.__version__
    build = (ROOT / "packaging" / "windows" / "build.ps1").read_text(encoding="utf-8")
    assert "/DAppVersion=$Version" in build and "hotich_desktop.__version__" in build
