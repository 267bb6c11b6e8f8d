"""Runs `hotich` and kills it (SIGKILL, as a power cut would) at its Nth file-changing call under a folder.

    python -m tests.crashpoint N ROOT -- hotich arguments…

N = 0 never kills and prints the number of file-changing calls to stderr as ``CRASHPOINTS n``, so a test or
benchmark can try every point. Calls are seen through Python's audit hooks (open for writing, rename,
replace, remove, rmdir, mkdir, link, rmtree), the same way for every module, with nothing patched; and
every store commit (an SQLAlchemy engine event, fired just before the database commits), so the moments
between a file change and the commit that records it are points too.
"""
from __future__ import annotations

import os
import signal
import sys

CHANGING = {"os.rename", "os.replace", "os.remove", "os.rmdir", "os.mkdir", "os.link", "os.symlink",
            "os.truncate", "shutil.rmtree", "shutil.move", "shutil.copyfile"}
EVENTS: list[str] = []  # what each point was, in order (printed when nothing was killed)
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _writing(mode: object, flags: object) -> bool:
    if isinstance(mode, str) and any(c in mode for c in "wax+"):
        return True
    return isinstance(flags, int) and flags >= 0 and bool(flags & WRITE_FLAGS)


def install(n: int, root: str) -> list[int]:
    root = os.path.realpath(root)
    count = [0]
    seen = EVENTS

    def hook(event: str, args: tuple) -> None:
        if event == "open":
            if len(args) < 3 or not _writing(args[1], args[2]):
                return
        elif event not in CHANGING:
            return
        path = args[0] if args else None
        if isinstance(path, int) or path is None:
            return
        try:
            full = os.path.abspath(os.fsdecode(path))
        except (TypeError, ValueError):
            return
        if not full.startswith(root):
            return
        seen.append(f"{event} {os.path.basename(full)}")
        count[0] += 1
        if count[0] == n:
            os.kill(os.getpid(), signal.SIGKILL)

    def at_commit(_conn: object) -> None:
        seen.append("commit")
        count[0] += 1
        if count[0] == n:
            os.kill(os.getpid(), signal.SIGKILL)

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    event.listen(Engine, "commit", at_commit)
    sys.addaudithook(hook)
    return count


def main() -> int:
    n, root = int(sys.argv[1]), sys.argv[2]
    argv = sys.argv[4:] if sys.argv[3] == "--" else sys.argv[3:]
    count = install(n, root)
    from hotich_desktop.cli.main import main as hotich

    code = hotich(argv)
    import json

    print(f"CRASHPOINTS {count[0]}", file=sys.stderr)
    print(f"CRASHEVENTS {json.dumps(EVENTS)}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
