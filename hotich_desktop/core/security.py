"""Passwords (scrypt from hashlib, never stored or logged in clear) and the slow-down after failed logins."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_LOCK_SECONDS = 300


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return "scrypt${}${}${}${}${}".format(SCRYPT_N, SCRYPT_R, SCRYPT_P, base64.b64encode(salt).decode(),
                                         base64.b64encode(key).decode())


# The scrypt hash of a random password nobody kept: unknown logins are checked against it (and refused
# whatever the result), so they take as long as real ones. A constant, so no first call pays twice.
_DUMMY = "scrypt$16384$8$1$k0SA7lvbjZkh1k7r52jjqw==$XVudVTB1dQTAI9ZHa1U9KwKWylapVi5npaMJjGIbRrs="


def dummy_hash() -> str:
    return _DUMMY


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, key_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt, key = base64.b64decode(salt_b64), base64.b64decode(key_b64)
        got = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=int(n), r=int(r), p=int(p), dklen=len(key))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, key)


def lock_after(failures: int) -> dt.timedelta:
    """No wait for the first three mistakes, then a doubling wait (2 s, 4 s, …) up to five minutes."""
    if failures < 3:
        return dt.timedelta(0)
    return dt.timedelta(seconds=min(MAX_LOCK_SECONDS, 2 ** (failures - 2)))
