"""The SQLite store encrypted at rest with SQLCipher, keyed from the office's passphrase.

A stolen desk's `hotich.sqlite3` (and its -wal) then hold no name, no value and no password hash in clear.
The key is derived once per process with scrypt from the passphrase and a random salt; SQLCipher is given
the raw key with that salt (`x'<key><salt>'`), so the salt is the file's first 16 bytes, nothing else needs
storing beside it, and opening a connection costs no key derivation. The key lives only in this process's
memory (`unlock`); `make_engine` opens an encrypted file with the sqlcipher3 driver and that key.

The driver is an optional dependency (`sqlcipher3-binary` on Linux, `sqlcipher3-wheels` on Windows); where
it is missing the store stays clear and the app says so (README: encrypt the disk instead).
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .. import atomic
from ..errors import BadInput, StoreError

CLEAR_HEADER = b"SQLite format 3\x00"
SALT = 16
SCRYPT_N = 1 << 15
MIN_PASSPHRASE = 10
_keys: dict[str, str] = {}  # resolved database path -> the PRAGMA key literal (this process only)

MISSING = ("Máy này thiếu gói SQLCipher (sqlcipher3-binary trên Linux, sqlcipher3-wheels trên Windows) nên "
           "không mã hóa được cơ sở dữ liệu. Hãy cài gói đó, hoặc mã hóa cả ổ đĩa (BitLocker trên Windows, "
           "LUKS trên Linux) như hướng dẫn trong README.")


class PassphraseNeeded(StoreError):
    """The store is encrypted and this process has not been given the passphrase yet."""


class WrongStorePassphrase(StoreError):
    """The passphrase does not open this encrypted store."""


def driver() -> ModuleType | None:
    """The SQLCipher DB-API module, or None where its wheel is not installed."""
    try:
        from sqlcipher3 import dbapi2  # type: ignore[import-not-found]
    except ImportError:
        return None
    return dbapi2


def available() -> bool:
    return driver() is not None


def _key(path: Path) -> str:
    return str(Path(path).expanduser().resolve())


def is_encrypted(path: Path) -> bool:
    """A database file that exists, is made of whole pages (SQLCipher's are 4096 bytes) and does not start
    with SQLite's clear header. Anything else that is not a clear store is reported as damaged by SQLite."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(CLEAR_HEADER))
            size = os.fstat(fh.fileno()).st_size
    except OSError:
        return False
    return bool(head) and head != CLEAR_HEADER and size % 512 == 0


def _literal(passphrase: str, salt: bytes) -> str:
    if len(passphrase) < MIN_PASSPHRASE:
        raise BadInput(f"Mật khẩu của cơ quan phải có ít nhất {MIN_PASSPHRASE} ký tự.")
    key = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=8, p=1).derive(passphrase.encode("utf-8"))
    return f"x'{key.hex()}{salt.hex()}'"


def pragma_key(path: Path) -> str | None:
    """The key to give a new connection to this file, or None for a clear file (raises when locked)."""
    literal = _keys.get(_key(path))
    if literal is not None:
        return literal
    if is_encrypted(path):
        if not available():
            raise StoreError("Cơ sở dữ liệu này đã được mã hóa (SQLCipher) nhưng " + MISSING[0].lower() + MISSING[1:])
        raise PassphraseNeeded("Cơ sở dữ liệu đã được mã hóa: hãy nhập mật khẩu của cơ quan (trong dòng lệnh: "
                               "biến HOTICH_PASSPHRASE hoặc gõ khi được hỏi).")
    return None


def connect(path: Path, literal: str | None) -> Any:
    """A DB-API connection to the file: sqlcipher3 with the key, or the standard sqlite3 for a clear file."""
    if literal is None:
        return sqlite3.connect(path)
    module = driver()
    if module is None:
        raise StoreError(MISSING)
    conn = module.connect(str(path))
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not lines on stderr
    conn.execute(f'PRAGMA key = "{literal}"')
    return conn


def _opens(path: Path, literal: str) -> bool:
    conn = connect(path, literal)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except Exception as exc:  # sqlcipher3.DatabaseError: file is not a database (wrong key)
        if "not a database" in str(exc).lower() or "encrypted" in str(exc).lower():
            return False
        raise StoreError(f"Không mở được cơ sở dữ liệu đã mã hóa: {exc}") from exc
    finally:
        conn.close()


def unlock(path: Path, passphrase: str) -> None:
    """Derives the key of an encrypted store from the passphrase and keeps it for this process; a wrong
    passphrase is refused with a plain message (nothing is written)."""
    if not is_encrypted(path):
        return
    if not available():
        raise StoreError("Cơ sở dữ liệu này đã được mã hóa (SQLCipher) nhưng " + MISSING[0].lower() + MISSING[1:])
    with open(path, "rb") as fh:
        salt = fh.read(SALT)
    literal = _literal(passphrase, salt)
    if not _opens(path, literal):
        raise WrongStorePassphrase("Sai mật khẩu của cơ quan: không mở được cơ sở dữ liệu đã mã hóa.")
    _keys[_key(path)] = literal


def forget(path: Path) -> None:
    _keys.pop(_key(path), None)


def encrypt(path: Path, passphrase: str) -> bool:
    """Converts a clear store into an encrypted one in place; False when it already was encrypted.

    Every page is folded back from the -wal first, the whole database is exported (sqlcipher_export) into a
    new file beside it under an exclusive lock, that file is flushed and renamed over the clear one: a
    crash at any moment leaves either the clear store or the encrypted one, whole. Close the app on other
    windows of this desk first (they would go on reading the old file)."""
    module = driver()
    if module is None:
        raise StoreError(MISSING)
    if not path.is_file() or not path.stat().st_size:
        raise BadInput(f"Không thấy cơ sở dữ liệu {path}.")
    if is_encrypted(path):
        return False
    literal = _literal(passphrase, os.urandom(SALT))
    tmp = path.with_name(f".{path.name}.encrypting")
    tmp.unlink(missing_ok=True)
    conn = module.connect(str(path), timeout=30, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ATTACH DATABASE ? AS sealed KEY ?", (str(tmp), literal))
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT sqlcipher_export('sealed')")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE sealed")
        conn.execute("PRAGMA journal_mode=DELETE")  # the -wal is empty and gone before the rename
    except Exception as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"Không mã hóa được cơ sở dữ liệu: {exc}") from exc
    finally:
        conn.close()
    os.chmod(tmp, 0o600)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    for side in ("-wal", "-shm", "-journal"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    os.replace(tmp, path)
    atomic.fsync_dir(path.parent)
    _keys[_key(path)] = literal
    return True


def adopt(path: Path, literal: str) -> None:
    """Registers the key of a copy made with the same key (a backup's dump of an encrypted store)."""
    _keys[_key(path)] = literal


def plain_engine(path: Path) -> Any:
    """A SQLAlchemy engine on a store file without the desk's pragmas (a dump, a copy being restored),
    opened with its key when it is encrypted."""
    from sqlalchemy import create_engine, event

    literal = pragma_key(path)
    if literal is None:
        return create_engine(f"sqlite:///{path}")
    engine = create_engine(f"sqlite:///{path}", module=driver())

    @event.listens_for(engine, "connect")
    def _keyed(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API connection
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA cipher_log_level = NONE")
        cur.execute(f'PRAGMA key = "{literal}"')
        cur.close()

    return engine


def copy(src: Path, dst: Path) -> None:
    """SQLite's online backup of a store (what still sits in its -wal included) into a new file; an
    encrypted store's copy is encrypted with the same key."""
    literal = pragma_key(src)
    if literal is None:
        source = sqlite3.connect(f"file:{src}?mode=ro", uri=True, timeout=30)
        target = sqlite3.connect(dst)
    else:
        source, target = connect(src, literal), connect(dst, literal)
    try:
        source.backup(target, pages=4096)
    except Exception as exc:  # sqlite3's or sqlcipher3's DatabaseError: a corrupt or locked store
        raise StoreError(f"Không sao lưu được cơ sở dữ liệu: {exc}") from exc
    finally:
        target.close()
        source.close()
    if literal is not None:
        adopt(dst, literal)
