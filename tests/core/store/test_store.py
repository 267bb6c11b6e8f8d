"""The store opens, migrates and fails with a readable message: on SQLite and on PostgreSQL."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from hotich_desktop.core.errors import StoreError
from hotich_desktop.core.store.db import Store, alembic_config

from alembic.script import ScriptDirectory

from hotich_desktop.core.store.db import MIGRATIONS

HEAD = ScriptDirectory(str(MIGRATIONS)).get_current_head()  # one head, whoever added the last migration


def test_fresh_store_is_migrated_to_head(db_url: str) -> None:
    store = Store(db_url)
    tables = set(inspect(store.engine).get_table_names())
    assert {"users", "books", "pages", "entries", "records", "review_decisions", "audit_events",
            "export_packages", "export_items", "offices", "intake_files", "app_meta"} <= tables
    assert store.revision == HEAD
    store.close()


def test_migrations_build_exactly_the_models(db_url: str) -> None:
    """A column added to a model without a migration would break every existing office's database."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from hotich_desktop.core.store.models import Base

    store = Store(db_url)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    store.close()
    assert diff == []


def test_older_database_is_upgraded_keeping_its_data(db_url: str) -> None:
    engine = create_engine(db_url)
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO offices (code, name, created_at) VALUES ('xa-cu', 'UBND xã Cũ', "
                          "'2020-01-01 00:00:00')"))
    engine.dispose()
    store = Store(db_url)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM offices")).scalar() == "UBND xã Cũ"
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    store.close()


def test_newer_database_is_refused_untouched(db_url: str) -> None:
    Store(db_url).close()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="phiên bản mới hơn"):
        Store(db_url)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
    engine.dispose()


def test_sqlite_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    store.close()


def test_corrupt_database_file_is_refused_and_not_changed(tmp_path: Path) -> None:
    path = tmp_path / "hotich.sqlite3"
    path.write_bytes(b"this is not a database" * 200)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="bị hỏng"):
        Store(f"sqlite:///{path}")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_locked_database_gives_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hotich_desktop.core.service import Service
    from hotich_desktop.core.workspace import Workspace

    monkeypatch.setenv("HOTICH_SQLITE_BUSY_MS", "200")
    svc = Service(Workspace(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}"))
    other = sqlite3.connect(tmp_path / "db.sqlite3", timeout=0.1)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="khóa"):
            svc.create_user(None, "admin", "matkhau1", "admin")
    finally:
        other.rollback()
        other.close()
    svc.create_user(None, "admin", "matkhau1", "admin")  # works once the other program lets go
    svc.close()


@pytest.mark.parametrize("url", ["postgresql+psycopg://nobody@127.0.0.1:1/hotich", "khong-phai-url",
                                 "mysql+khongco://a@b/c"])
def test_wrong_db_url_gives_a_clear_message(url: str) -> None:
    with pytest.raises(StoreError) as err:
        Store(url)
    assert err.value.message and "Traceback" not in err.value.message


def test_full_disk_during_commit_is_a_clear_message(tmp_path: Path) -> None:
    from sqlalchemy.exc import OperationalError

    from hotich_desktop.core.store.db import explain

    exc = OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))
    assert "Ổ đĩa đã đầy" in explain(exc, "sqlite:///x").message
