"""Encrypted object streams (chunked AES-256-GCM) and the names objects are stored under.

Each chunk is authenticated with the object's name, its index and a last-chunk flag, so a swapped, reordered
or truncated file fails to decrypt instead of restoring something else.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ..errors import BadInput

MAGIC2 = b"HOTICH-BACKUP-2\n"  # followed by the 16-character id of the run key that encrypted the object
KEY_ID = 16
CHUNK = 1 << 20
MIN_PASSPHRASE = 10
SCRYPT_N = 1 << 15


class WrongPassphrase(BadInput):
    """The passphrase does not open this backup (or the file was changed)."""


def new_salt() -> bytes:
    return os.urandom(16)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


class Vault:
    """Encrypts and names objects: writes with this run's key (keys.py: sealed to the office's public key)
    and reads any object whose key `resolve` unseals, found by the id written in clear at its start."""

    def __init__(self, name_key: bytes, run_key: bytes | None, key_id: str,
                 resolve: Callable[[str], bytes] | None = None) -> None:
        self._aead = AESGCM(run_key) if run_key else None
        self._name_key, self.key_id, self._resolve = name_key, key_id, resolve
        self._keys: dict[str, AESGCM] = {}

    def _reader(self, key_id: str) -> AESGCM:
        if key_id == self.key_id and self._aead is not None:
            return self._aead
        if key_id not in self._keys:
            if self._resolve is None:
                raise WrongPassphrase("Cần mật khẩu sao lưu để đọc bản sao lưu này.")
            self._keys[key_id] = AESGCM(self._resolve(key_id))
        return self._keys[key_id]

    def _writer(self) -> AESGCM:
        if self._aead is None:
            raise BadInput("Bản sao lưu này chỉ mở để đọc.")
        return self._aead

    def object_name(self, sha256_hex: str) -> str:
        return hmac.new(self._name_key, sha256_hex.encode("ascii"), hashlib.sha256).hexdigest()

    def seal(self, data: bytes, label: str) -> bytes:
        nonce = os.urandom(12)
        return self.key_id.encode("ascii") + nonce + self._writer().encrypt(nonce, data, label.encode("utf-8"))

    def open(self, blob: bytes, label: str) -> bytes:
        try:
            aead = self._reader(blob[:KEY_ID].decode("ascii"))
            return aead.decrypt(blob[KEY_ID:KEY_ID + 12], blob[KEY_ID + 12:], label.encode("utf-8"))
        except (InvalidTag, ValueError):
            raise WrongPassphrase("Sai mật khẩu sao lưu, hoặc tệp sao lưu đã bị thay đổi.") from None

    def encrypt_stream(self, chunks: Iterable[bytes], out: IO[bytes], label: str, compress: bool = False) -> None:
        """Writes MAGIC, a flag byte, then (length, nonce, ciphertext) records; the last one is flagged."""
        out.write(MAGIC2 + self.key_id.encode("ascii") + (b"z" if compress else b"-"))
        aead = self._writer()
        packer = zlib.compressobj(1) if compress else None
        index, pending = 0, b""

        def emit(block: bytes, last: bool) -> None:
            nonlocal index
            nonce = os.urandom(12)
            aad = label.encode("utf-8") + struct.pack(">QB", index, 1 if last else 0)
            sealed = aead.encrypt(nonce, block, aad)
            out.write(struct.pack(">IB", len(sealed), 1 if last else 0) + nonce + sealed)
            index += 1

        for piece in chunks:
            pending += packer.compress(piece) if packer else piece
            while len(pending) >= CHUNK:
                emit(pending[:CHUNK], False)
                pending = pending[CHUNK:]
        if packer:
            pending += packer.flush()
        while len(pending) > CHUNK:
            emit(pending[:CHUNK], False)
            pending = pending[CHUNK:]
        emit(pending, True)

    def decrypt_stream(self, src: IO[bytes], label: str) -> Iterator[bytes]:
        """Yields the plaintext; raises WrongPassphrase on any tampering, truncation or a wrong key."""
        if src.read(len(MAGIC2)) != MAGIC2:
            raise BadInput("Tệp này không phải tệp sao lưu của ứng dụng (hoặc đã hỏng).")
        try:
            aead = self._reader(src.read(KEY_ID).decode("ascii"))
        except UnicodeDecodeError:
            raise BadInput("Tệp này không phải tệp sao lưu của ứng dụng (hoặc đã hỏng).") from None
        head = src.read(1)
        unpacker = zlib.decompressobj() if head[-1:] == b"z" else None
        index = 0
        while True:
            frame = src.read(5)
            if len(frame) < 5:
                raise BadInput("Tệp sao lưu bị cắt cụt (thiếu phần cuối).")
            size, last = struct.unpack(">IB", frame)
            nonce, sealed = src.read(12), src.read(size)
            if len(sealed) < size:
                raise BadInput("Tệp sao lưu bị cắt cụt (thiếu phần cuối).")
            aad = label.encode("utf-8") + struct.pack(">QB", index, last)
            try:
                block = aead.decrypt(nonce, sealed, aad)
            except (InvalidTag, ValueError):
                raise WrongPassphrase("Sai mật khẩu sao lưu, hoặc tệp sao lưu đã bị thay đổi.") from None
            yield unpacker.decompress(block) if unpacker else block
            index += 1
            if last:
                if unpacker:
                    yield unpacker.flush()
                return


def file_chunks(path: os.PathLike[str] | str, size: int = CHUNK) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        while block := fh.read(size):
            yield block
