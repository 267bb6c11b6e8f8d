"""Opening the store: engine set-up (SQLite or PostgreSQL), migrations on start, readable failures."""
from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ..errors import Conflict, StoreError
from . import changelog, cipher

log = logging.getLogger(__name__)
WRITE_OPTION = "hotich_write"
SQLITE_BUSY_SNAPSHOT = 517  # a read transaction tried to write after another commit (WAL)
MIGRATIONS = Path(__file__).with_name("migrations")


def explain(exc: BaseException, url: str) -> StoreError:
    """Turns a driver's error into one sentence a clerk (or the district technician) can act on."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    where = _safe_url(url)
    if "file is not a database" in text or "malformed" in text or "not a database" in text:
        msg = (f"Tệp cơ sở dữ liệu bị hỏng ({where}); ứng dụng không ghi gì vào tệp này. Hãy khôi phục bản sao lưu "
               "gần nhất vào một thư mục mới: «hotich restore THƯ_MỤC_SAO_LƯU --to THƯ_MỤC_MỚI», rồi mở ứng dụng "
               "với thư mục đó (--data-dir). Chưa có bản sao lưu: hãy nhờ cán bộ kỹ thuật cứu dữ liệu, đừng xóa tệp.")
    elif "locked" in text or "busy" in text:
        msg = f"Cơ sở dữ liệu đang bị khóa bởi chương trình khác ({where}). Hãy đóng chương trình đó rồi thử lại."
    elif "disk is full" in text or "no space" in text or "disk full" in text:
        msg = f"Ổ đĩa đã đầy, không ghi được cơ sở dữ liệu ({where}). Hãy giải phóng dung lượng rồi thử lại."
    elif "unable to open" in text or "readonly" in text or "read-only" in text or "permission" in text:
        msg = f"Không mở được cơ sở dữ liệu ({where}): không có quyền hoặc thư mục không tồn tại."
    elif "connection" in text or "could not" in text or "password" in text or "does not exist" in text:
        msg = f"Không kết nối được máy chủ cơ sở dữ liệu ({where}). Hãy kiểm tra địa chỉ HOTICH_DB_URL và mạng."
    else:
        msg = f"Lỗi cơ sở dữ liệu ({where}): {str(getattr(exc, 'orig', None) or exc).splitlines()[0][:200]}"
    return StoreError(msg, detail=str(exc))


def url_parts(url: str) -> tuple[str, str, bool] | None:
    """(user, host, has a password) of a database address, or None when it cannot be parsed."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    return parsed.username or "", parsed.host or "", bool(parsed.password)


def with_password(url: str, password: str) -> str:
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def _safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "địa chỉ không hợp lệ"


def _sqlite_pragmas(engine: Engine, local_disk: bool, key: str | None = None) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API connection
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves, so DDL (migrations) is transactional too
        cur = dbapi_conn.cursor()
        if key is not None:  # SQLCipher: the key before anything reads the file
            cur.execute("PRAGMA cipher_log_level = NONE")
            cur.execute(f'PRAGMA key = "{key}"')
        cur.execute(f"PRAGMA busy_timeout={int(os.environ.get('HOTICH_SQLITE_BUSY_MS', '5000'))}")
        cur.execute("PRAGMA foreign_keys=ON")
        # WAL only on a local disk: on a network share its shared memory is not safe.
        cur.execute(f"PRAGMA journal_mode={'WAL' if local_disk else 'DELETE'}")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        # A read-modify-write unit takes the write lock first: it then reads what it will overwrite, and a
        # second desk waits (busy_timeout) instead of failing on a stale snapshot.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")


def _is_network_path(path: str) -> bool:
    return path.startswith(("\\\\", "//"))


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"Địa chỉ cơ sở dữ liệu không hợp lệ: «{url}». Ví dụ đúng: "
                         "postgresql+psycopg://user:matkhau@may-chu/hotich") from exc
    if parsed.drivername.startswith("sqlite"):
        db_path = parsed.database or ""
        if db_path and db_path != ":memory:":
            folder = Path(db_path).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"Không tạo được thư mục dữ liệu {folder}: {exc.strerror}") from exc
        key = cipher.pragma_key(Path(db_path)) if db_path and db_path != ":memory:" else None
        extra = {"module": cipher.driver()} if key is not None else {}
        engine = create_engine(url, connect_args={"timeout": int(os.environ.get("HOTICH_SQLITE_BUSY_MS", "5000")) / 1000},
                               **extra)
        _sqlite_pragmas(engine, not _is_network_path(db_path), key)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True, connect_args=_connect_args(parsed.drivername))
    except (ArgumentError, ImportError) as exc:  # unknown dialect or missing driver
        raise StoreError(f"Không dùng được địa chỉ cơ sở dữ liệu «{_safe_url(url)}»: {exc}") from exc


def _connect_args(driver: str) -> dict:
    return {"connect_timeout": 5} if driver.startswith("postgresql") else {}


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> str:
    """Upgrades the schema to this version's head; refuses a database made by a newer version."""
    cfg = alembic_config(engine)
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as exc:  # alembic raises a plain CommandError/ResolutionError here
            raise StoreError(
                "Cơ sở dữ liệu này do phiên bản mới hơn của ứng dụng tạo ra (phiên bản lược đồ "
                f"«{current}»). Hãy cập nhật ứng dụng; dữ liệu không bị thay đổi.") from exc
    if current != head:
        log.info("migrating store from %s to %s", current, head)
        command.upgrade(cfg, "head")
    return head or ""


class Store:
    """An opened, migrated database and a session factory."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        try:
            self.revision = migrate(self.engine)
        except StoreError:
            self.engine.dispose()
            raise
        except (DBAPIError, SQLAlchemyError, OSError) as exc:
            self.engine.dispose()
            raise explain(exc, url) from exc
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self.engine.execution_options(**{WRITE_OPTION: True}),
                                            expire_on_commit=False)
        changelog.ensure_triggers(self.engine)  # after the migrations: every table, new ones too
        self._stamp_version()

    def _stamp_version(self) -> None:
        from ... import __version__
        from .models import AppMeta

        try:
            with self.session() as s:
                s.merge(AppMeta(key="app_version", value=__version__))
        except StoreError:
            pass  # a read-only or busy store still opens; the stamp is informative only

    def reopen(self) -> None:
        """New connections after the file was replaced in place (encrypted): with its key from now on."""
        self.engine.dispose()
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self.engine.execution_options(**{WRITE_OPTION: True}),
                                            expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextlib.contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any error (commits are the truth).

        write=True for a read-modify-write: on SQLite the transaction holds the write lock from its first
        read. On both databases a versioned row changed by another desk meanwhile fails the flush
        (StaleDataError), reported as errors.Conflict: refused, never silently overwritten.
        """
        session = (self._write_sessions if write else self._sessions)()
        try:
            yield session
            session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise Conflict("Không lưu được", 0) from exc
        except DBAPIError as exc:
            session.rollback()
            if getattr(exc.orig, "sqlite_errorcode", None) == SQLITE_BUSY_SNAPSHOT:
                # SQLite's own "someone wrote after you read": the same refusal as a stale version.
                raise Conflict("Không lưu được", 0) from exc
            raise explain(exc, self.url) from exc
        except SQLAlchemyError as exc:
            session.rollback()
            raise explain(exc, self.url) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()
