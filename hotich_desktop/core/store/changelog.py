"""Which rows changed since the daily backup last read the store, without hashing the whole store.

On SQLite every table gets three triggers (after insert, update, delete) that add the row's key to
`row_changes`; they fire for every write, through the ORM or plain SQL, so nothing depends on a writer
bumping a version column. They are (re)created when the store opens, after the migrations, so a table a
later migration adds is covered from then on. The backup (backup/rows.py) trusts the log only for tables
whose triggers it saw at its previous read, and only while the log still holds everything since; otherwise
it hashes every row of that table as before. PostgreSQL has no triggers here: the server hashes its rows.
"""
from __future__ import annotations

import json
import logging

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)
TABLE = "row_changes"
SKIP = {TABLE, "alembic_version", "sqlite_sequence"}
PRUNED = "row_changes_pruned"  # app_meta: the log holds nothing at or below this number
OPS = (("i", "INSERT", "NEW"), ("u", "UPDATE", "NEW"), ("d", "DELETE", "OLD"))


def _name(table: str, op: str) -> str:
    return f"hotich_rc_{table}_{op}"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _pk(conn: Connection, table: str) -> list[str]:
    cols = conn.exec_driver_sql(f"PRAGMA table_info({_q(table)})").all()
    return [c[1] for c in sorted((c for c in cols if c[5]), key=lambda c: c[5])]


def user_tables(conn: Connection) -> list[str]:
    return [r[0] for r in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%'") if r[0] not in SKIP]


def covered(conn: Connection) -> set[str]:
    """The tables whose three triggers are in place (SQLite; empty elsewhere)."""
    if conn.dialect.name != "sqlite":
        return set()
    names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")}
    has_log = conn.exec_driver_sql(f"SELECT count(*) FROM sqlite_master WHERE name='{TABLE}'").scalar()
    if not has_log:
        return set()
    return {t for t in user_tables(conn) if all(_name(t, op) in names for op, _, _ in OPS)}


def ensure_triggers(engine: Engine) -> None:
    """Creates the missing triggers (SQLite); a store that cannot be written is left as it is."""
    if engine.dialect.name != "sqlite":
        return
    try:
        with engine.begin() as conn:
            have = covered(conn)
            if not conn.exec_driver_sql(f"SELECT count(*) FROM sqlite_master WHERE name='{TABLE}'").scalar():
                return  # a store not yet migrated this far
            for table in user_tables(conn):
                if table in have:
                    continue
                pk = _pk(conn, table)
                if not pk:
                    continue
                for op, event, row in OPS:
                    keys = ", ".join(f"{row}.{_q(c)}" for c in pk)
                    values = f"('{table}', json_array({keys}))"
                    if op == "u":  # a changed key: the old one is gone, the new one is there
                        values += f", ('{table}', json_array({', '.join(f'OLD.{_q(c)}' for c in pk)}))"
                    conn.exec_driver_sql(
                        f"CREATE TRIGGER IF NOT EXISTS {_q(_name(table, op))} AFTER {event} ON {_q(table)} "
                        f"BEGIN INSERT INTO {TABLE} (tbl, pk) VALUES {values}; END")
    except Exception as exc:  # read-only medium, locked: the backup falls back to hashing every row
        log.debug("row change triggers not created: %s", type(exc).__name__)


def drop_triggers(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    for (name,) in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE 'hotich_rc_%'").all():
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_q(name)}")


def position(conn: Connection) -> tuple[int, int]:
    """(the last number given in the log, the number up to which it was pruned) in this read."""
    if conn.dialect.name != "sqlite":
        return 0, 0
    last = conn.exec_driver_sql(f"SELECT seq FROM sqlite_sequence WHERE name='{TABLE}'").scalar() or 0
    pruned = conn.exec_driver_sql("SELECT value FROM app_meta WHERE key=?", (PRUNED,)).scalar()
    return int(last), int(pruned or 0)


def norm(pk: str) -> str:
    """A logged key (SQLite's json_array) spelt as the backup's row index spells keys."""
    values = json.loads(pk)
    if len(values) == 1 and type(values[0]) is int:
        return f"[{values[0]}]"
    return json.dumps(values, default=str)


def since(conn: Connection, seq: int) -> dict[str, set[str]]:
    """Per table, the keys written after log number `seq` (up to what this read sees)."""
    out: dict[str, set[str]] = {}
    for tbl, pk in conn.exec_driver_sql(f"SELECT DISTINCT tbl, pk FROM {TABLE} WHERE seq > ?", (seq,)):
        out.setdefault(tbl, set()).add(norm(pk))
    return out


def prune(engine: Engine, upto: int) -> None:
    """Forgets the log up to `upto` (every backup folder of this desk has read past it)."""
    if engine.dialect.name != "sqlite" or upto <= 0:
        return
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DELETE FROM {TABLE} WHERE seq <= ?", (upto,))
        conn.exec_driver_sql("INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                             "value = excluded.value WHERE CAST(excluded.value AS INTEGER) > CAST(app_meta.value AS INTEGER)",
                             (PRUNED, str(upto)))
