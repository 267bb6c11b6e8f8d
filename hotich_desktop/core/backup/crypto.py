"""The office passphrase turned into keys, and encrypted object streams (chunked AES-256-GCM).

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
from collections.abc import Iterable, Iterator
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ..errors import BadInput

MAGIC = b"HOTICH-BACKUP-1\n"
CHUNK = 1 << 20
CHECK_TEXT = b"hotich-backup-key-check"
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
    """Keys derived once from the passphrase: one encrypts, one names objects (names leak no file hash)."""

    def __init__(self, passphrase: str, salt: bytes, n: int = SCRYPT_N) -> None:
        if len(passphrase) < MIN_PASSPHRASE:
            raise BadInput(f"Mật khẩu sao lưu phải có ít nhất {MIN_PASSPHRASE} ký tự.")
        key = Scrypt(salt=salt, length=64, n=n, r=8, p=1).derive(passphrase.encode("utf-8"))
        self._aead = AESGCM(key[:32])
        self._name_key = key[32:]

    def object_name(self, sha256_hex: str) -> str:
        return hmac.new(self._name_key, sha256_hex.encode("ascii"), hashlib.sha256).hexdigest()

    def seal(self, data: bytes, label: str) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, data, label.encode("utf-8"))

    def open(self, blob: bytes, label: str) -> bytes:
        try:
            return self._aead.decrypt(blob[:12], blob[12:], label.encode("utf-8"))
        except (InvalidTag, ValueError):
            raise WrongPassphrase("Sai mật khẩu sao lưu, hoặc tệp sao lưu đã bị thay đổi.") from None

    def encrypt_stream(self, chunks: Iterable[bytes], out: IO[bytes], label: str, compress: bool = False) -> None:
        """Writes MAGIC, a flag byte, then (length, nonce, ciphertext) records; the last one is flagged."""
        out.write(MAGIC + (b"z" if compress else b"-"))
        packer = zlib.compressobj(1) if compress else None
        index, pending = 0, b""

        def emit(block: bytes, last: bool) -> None:
            nonlocal index
            nonce = os.urandom(12)
            aad = label.encode("utf-8") + struct.pack(">QB", index, 1 if last else 0)
            sealed = self._aead.encrypt(nonce, block, aad)
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
        head = src.read(len(MAGIC) + 1)
        if head[:len(MAGIC)] != MAGIC:
            raise BadInput("Tệp này không phải tệp sao lưu của ứng dụng (hoặc đã hỏng).")
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
                block = self._aead.decrypt(nonce, sealed, aad)
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
