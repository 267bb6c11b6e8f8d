"""The office's backup key pair: the daily job encrypts with the public half and never holds a secret.

When the admin sets the office's backup passphrase, scrypt turns it (with a random salt) into an X25519 key
pair; only the public key and the salt are kept (in the workspace settings and in every backup folder's
header). Each backup run draws a fresh AES-256 key, encrypts what it writes with it, and stores that key
sealed to the public key (ephemeral X25519 agreement, HKDF-SHA256, AES-GCM). Reading a backup (restore,
verify) asks for the passphrase, derives the private key again and unseals the run keys.

So a stolen USB stick holds nothing readable, and the scheduled job on a desk needs no passphrase; a stolen
desk cannot read the backups either (its live data is another matter: see README, data at rest).
"""
from __future__ import annotations

import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ..errors import BadInput
from .crypto import MIN_PASSPHRASE, SCRYPT_N, WrongPassphrase, b64, new_salt, unb64

INFO = b"hotich-backup-run-key-1"


def _raw(public: X25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def private_key(passphrase: str, salt: bytes, n: int = SCRYPT_N) -> X25519PrivateKey:
    if len(passphrase) < MIN_PASSPHRASE:
        raise BadInput(f"Mật khẩu sao lưu phải có ít nhất {MIN_PASSPHRASE} ký tự.")
    seed = Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(passphrase.encode("utf-8"))
    return X25519PrivateKey.from_private_bytes(seed)


def new_office_key(passphrase: str) -> dict[str, str | int]:
    """What the settings keep once the admin has chosen the passphrase: public key, salt, scrypt cost."""
    salt = new_salt()
    key = private_key(passphrase, salt)
    return {"public": b64(_raw(key.public_key())), "salt": b64(salt), "n": SCRYPT_N}


def unlock(passphrase: str, office: dict[str, str | int]) -> X25519PrivateKey:
    """The private key, refused unless it matches the recorded public key (a wrong passphrase)."""
    key = private_key(passphrase, unb64(str(office["salt"])), int(office.get("n", SCRYPT_N)))
    if b64(_raw(key.public_key())) != office["public"]:
        raise WrongPassphrase("Sai mật khẩu sao lưu.")
    return key


def fingerprint(office: dict[str, str | int]) -> str:
    """A short name for the key an admin can compare between desks (no secret in it)."""
    return hashlib.sha256(unb64(str(office["public"]))).hexdigest()[:16]


def _kek(shared: bytes, ephemeral: bytes, public: bytes) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + public, info=INFO).derive(shared)
    return AESGCM(key)


def seal_key(data_key: bytes, office: dict[str, str | int], key_id: str) -> dict[str, str]:
    """The run key sealed to the office's public key (anyone may seal; only the passphrase unseals)."""
    public_raw = unb64(str(office["public"]))
    ephemeral = X25519PrivateKey.generate()
    eph_raw = _raw(ephemeral.public_key())
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_raw))
    nonce = os.urandom(12)
    sealed = _kek(shared, eph_raw, public_raw).encrypt(nonce, data_key, key_id.encode("ascii"))
    return {"id": key_id, "ephemeral": b64(eph_raw), "nonce": b64(nonce), "sealed": b64(sealed)}


def unseal_key(record: dict[str, str], private: X25519PrivateKey) -> bytes:
    eph_raw = unb64(record["ephemeral"])
    public_raw = _raw(private.public_key())
    shared = private.exchange(X25519PublicKey.from_public_bytes(eph_raw))
    try:
        return _kek(shared, eph_raw, public_raw).decrypt(unb64(record["nonce"]), unb64(record["sealed"]),
                                                         record["id"].encode("ascii"))
    except (InvalidTag, ValueError):
        raise WrongPassphrase("Sai mật khẩu sao lưu, hoặc khóa trong bản sao lưu đã bị thay đổi.") from None
