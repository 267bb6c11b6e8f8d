"""Login answers: median time of a wrong password for a real account (the baseline) against an unknown
login and a disabled account, in one run on one store. The issue measured 39 ms against 1 ms.

    PYTHONPATH=. python benchmarks/login.py [--tries 15]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hotich_desktop.core.errors import PermissionDenied  # noqa: E402
from hotich_desktop.core.service import Service  # noqa: E402


def timed(svc: Service, login: str, tries: int) -> tuple[float, set[str]]:
    times, answers = [], set()
    for i in range(tries):
        with svc.store.session() as s:  # no lock-out in the way: each try starts from a clean account
            from sqlalchemy import text

            s.execute(text("UPDATE users SET failed_logins = 0, locked_until = NULL"))
        started = time.perf_counter()
        try:
            # an unknown login is locked out like a real one after three tries: a fresh name each time
            svc.users.login(f"{login}{i}" if login in ("nobody", "cu") else login, "sai-mat-khau")
        except PermissionDenied as exc:
            answers.add(exc.message.split(" sau ")[0])
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, answers


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tries", type=int, default=15)
    args = ap.parse_args()
    svc = Service.open(Path(tempfile.mkdtemp(prefix="hotich-login-")))
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    svc.create_user(admin, "lan", "matkhau-lan", "clerk")
    for i in range(args.tries):  # one disabled account per try: none gets locked out during the run
        svc.create_user(admin, f"cu{i}", "matkhau-cu", "clerk")
        svc.users.update(admin, f"cu{i}", active=False)
    base, base_answers = timed(svc, "lan", args.tries)
    print(f"wrong password, real account (baseline): {base:6.1f} ms  answers {sorted(base_answers)}")
    for label, login in (("unknown login", "nobody"), ("disabled account", "cu")):
        ms, answers = timed(svc, login, args.tries)
        print(f"{label:40s} {ms:6.1f} ms  ({ms / base:4.2f}x baseline)  answers {sorted(answers)}")
    svc.close()


if __name__ == "__main__":
    main()
