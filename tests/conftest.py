"""Shared fixtures: workspaces on SQLite and (when the test command started one) a real PostgreSQL."""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("HOTICH_TEST_PG_URL", "")


def ledger_pages() -> list[Path]:
    """The generated sample pages (tests.pagegen.SAMPLE_SET), in order; page 1 is a typed khai_sinh register
    of 1998 with four rows. Made on first use and cached in the temp folder, so usable at collection time."""
    from tests.pagegen.cache import sample_folder

    folder = sample_folder()
    return [folder / ledger_truth_file(t)["file"] for t in sorted(folder.glob("scan_*.json"))]


def ledger_truth_file(path: Path) -> dict:
    import json

    return json.loads(path.read_text(encoding="utf-8"))


def ledger_truth(page: Path) -> dict:
    """The ground truth beside a page from ledger_pages()."""
    return ledger_truth_file(page.with_suffix(".json"))


@pytest.fixture(scope="session")
def ledgers() -> Path:
    """A folder of generated ledger pages with truth JSON beside each (mixed types, layouts, JPEG/PNG/TIFF)."""
    from tests.pagegen.cache import sample_folder

    return sample_folder()


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Every store test runs on the embedded default and on a real PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    if not PG_URL:
        if os.environ.get("CI") or os.environ.get("HOTICH_FULL_SUITE"):
            pytest.fail("CI must run the store suite on PostgreSQL: HOTICH_TEST_PG_URL is not set")
        pytest.skip("no PostgreSQL server (run the tests through packaging/setup.sh test)")
    _reset_postgres(PG_URL)
    yield PG_URL


@pytest.fixture
def service(tmp_path: Path, db_url: str):
    from hotich_desktop.core.service import Service
    from hotich_desktop.core.workspace import Workspace

    svc = Service(Workspace(tmp_path / "ws", db_url))
    yield svc
    svc.close()


@pytest.fixture
def sqlite_service(tmp_path: Path):
    from hotich_desktop.core.service import Service

    svc = Service.open(tmp_path / "ws")
    yield svc
    svc.close()


def _three_people(service):  # noqa: ANN001, ANN202
    admin = service.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = service.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    boss = service.create_user(admin, "kiemtra", "matkhau-kiemtra", "supervisor")
    return admin, clerk, boss


@pytest.fixture
def people(service):
    """An admin, a clerk and a supervisor on a fresh workspace (SQLite and PostgreSQL)."""
    return _three_people(service)


@pytest.fixture
def sqlite_people(sqlite_service):
    """The same three on the embedded store only (tests whose subject is not the database)."""
    return _three_people(sqlite_service)


def make_entries(service, actor, n: int, year: int = 1992, volume: str = "1") -> list[int]:
    """n entries with empty records on one page of a khai_sinh book, as processing would leave them."""
    from tests.pagegen.errors import blank_entries

    return blank_entries(service, actor, "khai_sinh", year, volume, n)


@pytest.fixture
def desk_pair(tmp_path: Path, db_url: str):
    """Desk A and desk B: two workspaces, two Service objects, one database, with an admin made on desk A."""
    from hotich_desktop.core.service import Service
    from hotich_desktop.core.workspace import Workspace

    a = Service(Workspace(tmp_path / "desk-a", db_url))
    b = Service(Workspace(tmp_path / "desk-b", db_url))
    admin = a.create_user(None, "admin", "matkhau-admin", "admin")
    yield a, b, admin
    a.close()
    b.close()


def set_office(service, **values) -> None:
    """Test set-up: office-wide settings written straight through the settings stage (no admin needed);
    the window's and the CLI's own path (svc.settings.update with a right and an audit event) has its tests."""
    with service.store.session(write=True) as s:
        service.settings.write(s, "test", values)


def settings_text(svc) -> str:  # noqa: ANN001
    """Everything the settings keep, the office's (in the store) and this desk's (settings.json), as text:
    a delivery password must be in neither."""
    path = svc.workspace.settings_path
    desk = path.read_text(encoding="utf-8") if path.exists() else ""
    return json.dumps(svc.settings.get().office_values(), ensure_ascii=False) + desk
