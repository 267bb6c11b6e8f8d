"""The store's rows as a fingerprint index and daily deltas, so a daily backup writes what changed, not the
whole database again.

A backup chain is one physical base copy (SQLite online backup / pg_dump) and, per later day, a delta: the
rows inserted or changed since the day before (every column, keyed by table and primary key) and the keys
of rows deleted. Which rows changed is found by comparing a short hash of every row's raw values with the
index kept from the day before, in the same consistent read the digests come from, so nothing depends on
every writer bumping a version column. A restore puts the base in place and applies the deltas in order;
`backup verify` then compares every record, PDF and audit event with the snapshot's digests as before.

Binary columns (the `blobs` table) are content-addressed: a row's hash uses its other columns, and the bytes
are read only for rows the delta carries.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import MetaData, Table, and_, delete, insert, or_, select, text, tuple_, update
from sqlalchemy.engine import Connection
from sqlalchemy.types import JSON, Date, DateTime, LargeBinary, Time, _Binary

from ..store import changelog

SKIP_TABLES = {"alembic_version", changelog.TABLE}  # the schema revision: a delta never crosses one (a new
# base is taken); the change log: what it says is in the rows themselves
MARK = "\x00log"  # in an Index: {"seq": the change log's last number read, "covered": tables with triggers}
BATCH = 500
Index = dict[str, dict[str, bytes]]  # table -> primary key (JSON list) -> 8-byte row hash


def tables(conn: Connection) -> list[Table]:
    """The store's tables as they are in this database, parents before children."""
    meta = MetaData()
    meta.reflect(bind=conn)
    return [t for t in meta.sorted_tables if t.name not in SKIP_TABLES and t.primary_key.columns]


def _binary(col: Any) -> bool:
    return isinstance(col.type, (LargeBinary, _Binary))


def _quoted(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def _pk_names(table: Table) -> list[str]:
    return [c.name for c in table.primary_key.columns]


def row_index(conn: Connection, table: Table) -> dict[str, bytes]:
    """Primary key (as a JSON list) -> 8-byte hash of the row's values (binary columns left out): of the
    driver's raw values on SQLite, of md5 over the row's text computed by the server on PostgreSQL.

    Read through the driver's own cursor in batches: this pass over every row is most of a daily backup."""
    pk = _pk_names(table)
    hashed = [c.name for c in table.columns if not _binary(c)]
    n = len(pk)
    server = conn.dialect.name == "postgresql"
    if server:  # the server hashes each row's text form: one short value per row crosses the wire
        values = [f"md5(ROW({', '.join(_quoted(conn, c) for c in hashed)})::text)" if hashed else "''"]
    else:
        values = [_quoted(conn, c) for c in hashed]
    sql = f"SELECT {', '.join([*(_quoted(conn, c) for c in pk), *values])} FROM {_quoted(conn, table.name)}"
    out: dict[str, bytes] = {}
    blake = hashlib.blake2b
    raw = conn.connection.dbapi_connection  # the same transaction (and snapshot) as conn
    # PostgreSQL: a server-side cursor, so 300,000 rows are never all in this process's memory at once.
    cursor = raw.cursor(name=f"hotich_rows_{table.name}") if conn.dialect.name == "postgresql" else raw.cursor()
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(5000):
            for row in batch:
                first = row[0]
                key = f"[{first}]" if n == 1 and type(first) is int else json.dumps(list(row[:n]), default=str)
                if server:
                    out[key] = bytes.fromhex(row[n] or "0" * 16)[:8]
                else:
                    out[key] = blake(repr(tuple(row[n:])).encode("utf-8"), digest_size=8).digest()
    finally:
        cursor.close()
    return out


def index(conn: Connection) -> Index:
    return {str(t.name): row_index(conn, t) for t in tables(conn)}


def log_mark(conn: Connection) -> dict[str, Any]:
    """Where the change log stands in this read, and which tables it covers (see store/changelog.py)."""
    seq, _ = changelog.position(conn)
    return {"seq": seq, "covered": sorted(changelog.covered(conn))}


def _logged(conn: Connection, previous: Index) -> tuple[dict[str, set[str]], set[str]]:
    """The keys written since the previous read, per table, and the tables for which that list is whole:
    covered by triggers then and now, the log not pruned past the previous read."""
    mark = previous.get(MARK)
    if not isinstance(mark, dict) or conn.dialect.name != "sqlite":
        return {}, set()
    seq, pruned = changelog.position(conn)
    if int(mark.get("seq", -1)) < pruned or seq < int(mark.get("seq", 0)):
        return {}, set()
    trusted = set(mark.get("covered", [])) & changelog.covered(conn)
    return changelog.since(conn, int(mark["seq"])), trusted


def _order(key: str) -> tuple[int, Any]:
    """Logged keys in the table's order (integer ids by value), so a delta inserts parents first."""
    values = json.loads(key)
    return (0, values[0]) if len(values) == 1 and type(values[0]) is int else (1, key)


def _rows_hashed(conn: Connection, table: Table, keys: list[str]) -> dict[str, bytes]:
    """The row index entries of only these keys (those that still exist), hashed exactly as row_index
    hashes them: the driver's raw values (SQLite, whose change log is the only caller)."""
    pk = _pk_names(table)
    hashed = [c.name for c in table.columns if not _binary(c)]
    n = len(pk)
    out: dict[str, bytes] = {}
    blake = hashlib.blake2b
    head = f"SELECT {', '.join(_quoted(conn, c) for c in pk + hashed)} FROM {_quoted(conn, table.name)} WHERE "
    one = "(" + " AND ".join(f"{_quoted(conn, c)} = ?" for c in pk) + ")"
    parsed = [json.loads(k) for k in keys]
    for i in range(0, len(parsed), BATCH):
        part = parsed[i:i + BATCH]
        if n == 1:
            sql = head + f"{_quoted(conn, pk[0])} IN ({', '.join('?' for _ in part)})"
            params = tuple(k[0] for k in part)
        else:
            sql = head + " OR ".join(one for _ in part)
            params = tuple(v for k in part for v in k)
        for row in conn.exec_driver_sql(sql, params):
            raw = tuple(row)
            first = raw[0]
            key = f"[{first}]" if n == 1 and type(first) is int else json.dumps(list(raw[:n]), default=str)
            out[key] = blake(repr(raw[n:]).encode("utf-8"), digest_size=8).digest()
    return out


# -- values in a delta: JSON, with dates and bytes spelled out by column type ------------------------------
def _kind(col: Any) -> str:
    if _binary(col):
        return "b"
    if isinstance(col.type, DateTime):
        return "dt"
    if isinstance(col.type, Date):
        return "d"
    if isinstance(col.type, Time):
        return "t"
    if isinstance(col.type, JSON):
        return "j"
    return ""


def _encode(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "b":
        return base64.b64encode(bytes(value)).decode("ascii")
    if kind in ("dt", "d", "t"):
        return value.isoformat()
    return value


def _decode(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "b":
        return base64.b64decode(value)
    if kind == "dt":
        return dt.datetime.fromisoformat(value)
    if kind == "d":
        return dt.date.fromisoformat(value)
    if kind == "t":
        return dt.time.fromisoformat(value)
    return value


def _where_keys(table: Table, keys: list[list[Any]]) -> Any:
    cols = list(table.primary_key.columns)
    if len(cols) == 1:
        return cols[0].in_([k[0] for k in keys])
    return or_(*(and_(*(c == v for c, v in zip(cols, k))) for k in keys)) if keys else tuple_(*cols).in_([])


def _fetch(conn: Connection, table: Table, keys: list[list[Any]]) -> Iterator[list[Any]]:
    kinds = [_kind(c) for c in table.columns]
    for i in range(0, len(keys), BATCH):
        for row in conn.execute(select(table).where(_where_keys(table, keys[i:i + BATCH]))):
            yield [_encode(v, k) for v, k in zip(row, kinds)]


def diff(conn: Connection, previous: Index) -> tuple[dict[str, Any], Index, dict[str, dict[str, list[str]]]]:
    """The delta from `previous` to what this read sees, the new index, and per table the changed keys.

    The delta holds, per table: its columns, rows inserted, rows updated (whole rows) and keys deleted."""
    now: Index = {MARK: log_mark(conn)}
    delta: dict[str, Any] = {}
    changes: dict[str, dict[str, list[str]]] = {}
    written, trusted = _logged(conn, previous)
    for table in tables(conn):
        before = previous.get(table.name, {})
        if table.name in trusted:  # only the rows the log names are read, hashed and compared
            dirty = sorted(written.get(table.name, ()), key=_order)
            found = _rows_hashed(conn, table, dirty) if dirty else {}
            added = [k for k in dirty if k in found and k not in before]
            changed = [k for k in dirty if k in found and k in before and before[k] != found[k]]
            deleted = [k for k in dirty if k not in found and k in before]
            current = before  # the previous run's index, brought up to date in place (not used again)
            current.update(found)
            for key in deleted:
                del current[key]
        else:
            current = row_index(conn, table)
            # Set operations on the dicts' views (in C): a million keys compared in a fraction of a second.
            new_keys = current.keys() - before.keys()
            added = [k for k in current if k in new_keys] if new_keys else []  # in the table's order
            changed = [k for k, _ in current.items() - before.items() if k in before]
            deleted = list(before.keys() - current.keys())
        now[str(table.name)] = current
        if not (added or changed or deleted):
            continue
        changes[str(table.name)] = {"insert": added, "update": changed, "delete": deleted}
        delta[str(table.name)] = {
            "columns": [c.name for c in table.columns],
            "insert": list(_fetch(conn, table, [json.loads(k) for k in added])),
            "update": list(_fetch(conn, table, [json.loads(k) for k in changed])),
            "delete": [json.loads(k) for k in deleted],
        }
    return delta, now, changes


def apply(conn: Connection, delta: dict[str, Any]) -> int:
    """Applies one delta in the caller's transaction: deletes children first, then inserts parents first,
    then updates. Returns the number of rows touched."""
    order = tables(conn)
    by_name = {t.name: t for t in order}
    unknown = set(delta) - set(by_name)
    if unknown:
        from ..errors import BadInput

        raise BadInput(f"Bản sao lưu có bảng không có trong cơ sở dữ liệu: {', '.join(sorted(unknown))}.")
    touched = 0
    for table in reversed(order):
        part = delta.get(table.name)
        if part and part["delete"]:
            for i in range(0, len(part["delete"]), BATCH):
                conn.execute(delete(table).where(_where_keys(table, part["delete"][i:i + BATCH])))
            touched += len(part["delete"])
    for table in order:
        part = delta.get(table.name)
        if not part:
            continue
        cols = part["columns"]
        kinds = [_kind(table.columns[c]) for c in cols]
        rows = [{c: _decode(v, k) for c, v, k in zip(cols, row, kinds)} for row in part["insert"]]
        for i in range(0, len(rows), BATCH):
            conn.execute(insert(table), rows[i:i + BATCH])
        pk = _pk_names(table)
        for row in part["update"]:
            values = {c: _decode(v, k) for c, v, k in zip(cols, row, kinds)}
            conn.execute(update(table).where(and_(*(table.columns[p] == values[p] for p in pk)))
                         .values({c: v for c, v in values.items() if c not in pk}))
        touched += len(rows) + len(part["update"])
    if conn.dialect.name == "postgresql":
        _advance_sequences(conn, order)
    return touched


def _advance_sequences(conn: Connection, order: list[Table]) -> None:
    """Rows inserted with their ids leave PostgreSQL's id sequences behind: move each past the largest id."""
    for table in order:
        for col in table.primary_key.columns:
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                               {"t": table.name, "c": col.name}).scalar()
            if seq:
                conn.execute(text(f"SELECT setval(:s, COALESCE((SELECT max({_quoted(conn, col.name)}) FROM "
                                  f"{_quoted(conn, table.name)}), 0) + 1, false)"), {"s": seq})


def rows_in(delta: dict[str, Any]) -> int:
    return sum(len(p["insert"]) + len(p["update"]) + len(p["delete"]) for p in delta.values())
