"""A consistent copy of the store and the fingerprints a restore is checked against.

SQLite: the online backup API (a copy that includes what still sits in the -wal file, taken while the app
runs). PostgreSQL: pg_dump inside an exported snapshot, the fingerprints read from that same snapshot.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url

from ..errors import BadInput, HotichError, StoreError
from ..store import cipher
from . import rows


def _h(*parts: Any) -> str:
    blob = "\x1f".join(p if isinstance(p, str) else _canonical(p) for p in parts)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:24]


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))


def _json(value: Any) -> Any:
    """A JSON column as one canonical text whichever database returned it (SQLite text, PostgreSQL dict)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    return _canonical(value or {})


def digests(conn: Connection, previous: dict[str, Any] | None = None,
            changes: dict[str, dict[str, list[str]]] | None = None) -> dict[str, Any]:
    """One short hash per record, per entry (its PDF) and per audit event, plus the audit chain's head.

    With the previous snapshot's digests and the rows changed since (rows.diff), only those rows are hashed
    again; a deleted record, entry or event makes it start over."""
    if previous is None or changes is None or any(
            changes.get(t, {}).get("delete") for t in ("records", "entries", "audit_events")):
        records = {str(eid): _h(_json(fields), ch, ah) for eid, fields, ch, ah in conn.execute(
            text("SELECT entry_id, fields, content_hash, approved_hash FROM records"))}
        entries = {str(i): _h(path, sha, status) for i, path, sha, status in conn.execute(
            text("SELECT id, pdf_path, pdf_sha256, status FROM entries"))}
        audit = {str(i): h for i, h in conn.execute(text("SELECT id, hash FROM audit_events"))}
    else:
        records, entries, audit = dict(previous["records"]), dict(previous["entries"]), dict(previous["audit"])
        for eid, fields, ch, ah in _changed(conn, changes, "records", "entry_id, fields, content_hash, approved_hash"):
            records[str(eid)] = _h(_json(fields), ch, ah)
        for i, path, sha, status in _changed(conn, changes, "entries", "id, pdf_path, pdf_sha256, status"):
            entries[str(i)] = _h(path, sha, status)
        for i, h in _changed(conn, changes, "audit_events", "id, hash"):
            audit[str(i)] = h
    head = conn.execute(text("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1")).scalar() or ""
    pdfs = {path: sha for path, sha in conn.execute(
        text("SELECT pdf_path, pdf_sha256 FROM entries WHERE pdf_path <> ''"))}
    return {"records": records, "entries": entries, "audit": audit, "audit_head": head, "pdfs": pdfs}


def _changed(conn: Connection, changes: dict[str, dict[str, list[str]]], table: str, cols: str) -> Iterator[Any]:
    part = changes.get(table, {})
    ids = [json.loads(k)[0] for k in part.get("insert", []) + part.get("update", [])]
    for i in range(0, len(ids), 500):
        yield from conn.execute(text(f"SELECT {cols} FROM {table} WHERE id IN ({','.join(map(str, map(int, ids[i:i + 500])))})"))


def compare(expected: dict[str, Any], found: dict[str, Any]) -> list[str]:
    """Vietnamese lines naming what differs (empty: identical)."""
    problems = []
    labels = {"records": "hồ sơ", "entries": "mục", "audit": "sự kiện nhật ký"}
    for key, label in labels.items():
        want, have = expected.get(key, {}), found.get(key, {})
        missing = sorted(set(want) - set(have), key=int)
        extra = sorted(set(have) - set(want), key=int)
        changed = sorted((k for k in set(want) & set(have) if want[k] != have[k]), key=int)
        for name, ids in (("thiếu", missing), ("thừa", extra), ("khác", changed)):
            if ids:
                problems.append(f"{len(ids)} {label} {name} (số {', '.join(ids[:10])}{'…' if len(ids) > 10 else ''})")
    if expected.get("audit_head") != found.get("audit_head"):
        problems.append("đầu chuỗi nhật ký khác")
    return problems


def is_sqlite(url: str) -> bool:
    return make_url(url).drivername.startswith("sqlite")


def sqlite_path(url: str) -> Path:
    return Path(make_url(url).database or "")


@contextlib.contextmanager
def snapshot(url: str, work: Path) -> Iterator[tuple[Path, str, dict[str, Any], rows.Index, str]]:
    """Yields (dump file, kind, digests of exactly that dump, its row index, its schema revision); the dump
    is removed afterwards. The index carries the change log's mark in that dump (rows.MARK)."""
    work.mkdir(parents=True, exist_ok=True)
    dump = work / f".backup-{os.getpid()}.dump"
    try:
        if is_sqlite(url):
            _sqlite_copy(sqlite_path(url), dump)
            engine = cipher.plain_engine(dump)
            try:
                with engine.connect() as conn:
                    found, idx, rev = digests(conn), rows.index(conn), revision(conn)
                    idx[rows.MARK] = rows.log_mark(conn)
            finally:
                engine.dispose()
            yield dump, "sqlite", found, idx, rev
        else:
            with _pg_snapshot(url, dump) as (found, idx, rev):
                yield dump, "postgresql", found, idx, rev
    finally:
        dump.unlink(missing_ok=True)
        cipher.forget(dump)


def _sqlite_copy(src: Path, dst: Path) -> None:
    if not src.is_file():
        raise StoreError(f"Không thấy tệp cơ sở dữ liệu {src}.")
    cipher.copy(src, dst)
    os.chmod(dst, 0o600)


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq address without the password (that goes in PGPASSWORD, never on a command line)."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise HotichError(f"Thiếu chương trình {name} (gói postgresql-client): cài nó rồi thử lại.")
    return found


@contextlib.contextmanager
def _pg_snapshot(url: str, dump: Path) -> Iterator[tuple[dict[str, Any], rows.Index, str]]:
    engine = create_engine(url)
    try:
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
            with conn.begin():
                snap = conn.execute(text("SELECT pg_export_snapshot()")).scalar()
                address, env = _libpq(url)
                done = subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                                       f"--snapshot={snap}", f"--file={dump}", f"--dbname={address}"],
                                      env=env, capture_output=True, text=True)
                if done.returncode != 0:
                    raise StoreError(f"pg_dump thất bại: {done.stderr.strip()[:300]}")
                os.chmod(dump, 0o600)
                found, idx, rev = digests(conn), rows.index(conn), revision(conn)
        yield found, idx, rev
    finally:
        engine.dispose()


def revision(conn: Connection) -> str:
    """The schema revision (Alembic) of the store this connection reads."""
    return str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar() or "")


@contextlib.contextmanager
def consistent_read(url: str) -> Iterator[Connection]:
    """One read transaction on the live store that sees a single moment (SQLite in WAL mode: a read
    snapshot that never blocks the desks writing meanwhile; PostgreSQL: REPEATABLE READ)."""
    from ..store.db import make_engine

    engine = make_engine(url)
    try:
        if is_sqlite(url):
            with engine.connect() as conn:
                with conn.begin():
                    yield conn
        else:
            with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
                with conn.begin():
                    yield conn
    finally:
        engine.dispose()


def restore_database(kind: str, dump: Path, url: str) -> None:
    """Puts the dump in place: a new SQLite file, or an empty PostgreSQL database."""
    if kind == "sqlite":
        target = sqlite_path(url)
        if target.exists() and target.stat().st_size:
            raise BadInput(f"Đã có cơ sở dữ liệu ở {target}: khôi phục chỉ vào một chỗ trống.")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(dump, target)
        return
    if is_sqlite(url):
        raise BadInput("Bản sao lưu này là của máy chủ PostgreSQL: hãy cho --db-url của một cơ sở dữ liệu "
                       "PostgreSQL trống để khôi phục vào.")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = conn.execute(text("SELECT count(*) FROM information_schema.tables "
                                       "WHERE table_schema = 'public'")).scalar()
    finally:
        engine.dispose()
    if tables:
        raise BadInput("Cơ sở dữ liệu PostgreSQL đích không trống: khôi phục chỉ vào một cơ sở dữ liệu trống.")
    address, env = _libpq(url)
    done = subprocess.run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
                           f"--dbname={address}", str(dump)], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise StoreError(f"pg_restore thất bại: {done.stderr.strip()[:300]}")


def engine_for(url: str) -> Engine:
    """An engine on a restored store or a decrypted dump (keyed when that SQLite file is encrypted)."""
    return cipher.plain_engine(sqlite_path(url)) if is_sqlite(url) else create_engine(url)


def encrypted(url: str) -> bool:
    return is_sqlite(url) and cipher.is_encrypted(sqlite_path(url))


def store_digests(url: str) -> dict[str, Any]:
    engine = engine_for(url)
    try:
        with engine.connect() as conn:
            return digests(conn)
    finally:
        engine.dispose()
