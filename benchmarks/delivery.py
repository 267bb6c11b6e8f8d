"""Delivery throughput per target on loopback, clean and with 10 % of chunks cut, against a plain local
file copy measured in the same run. Every run checks: arrived once, complete, hash-equal, no partial left.

    .venv/bin/python benchmarks/delivery.py [--mb 40] [--drop 0.1]
"""
from __future__ import annotations

import argparse
import errno
import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hotich_desktop.core.export.targets import LocalPackage, RetryPolicy  # noqa: E402
from hotich_desktop.core.export.targets.folder import FolderTarget  # noqa: E402
from hotich_desktop.core.export.targets.http import HttpTarget  # noqa: E402
from hotich_desktop.core.export.targets.sftp import SftpTarget  # noqa: E402
from hotich_desktop.core.export.targets.webdav import WebDavTarget  # noqa: E402
from hotich_desktop.core.export.upload import UploadTarget  # noqa: E402
from tests.core.export.targets.servers import PASSWORD, DavServer, FlakyProxy, SftpServer  # noqa: E402
from tests.core.export.upload_server import UploadServer  # noqa: E402

CHUNK = 4 * 1024 * 1024
PATIENT = RetryPolicy(attempts=60, backoff=0.05, max_backoff=0.2)


def make_package(out: Path, mb: int) -> Path:
    import json

    folder = out / "KS.1998.01.xa-Bench"
    folder.mkdir(parents=True)
    files = []
    for name, size in (("KS.1998.01.xa-Bench.xlsx", 200_000), ("KS.1998.01.xa-Bench.zip", mb * 1024 * 1024)):
        data = os.urandom(size)  # PDFs in a stored zip barely compress; neither does this
        (folder / name).write_bytes(data)
        files.append({"name": name, "bytes": size, "sha256": hashlib.sha256(data).hexdigest()})
    (folder / "manifest.json").write_text(json.dumps({"package": folder.name, "files": files}), encoding="utf-8")
    return folder


def arrived(final: Path, folder: Path) -> bool:
    same = all(hashlib.sha256((final / f.name).read_bytes()).digest() == hashlib.sha256(f.read_bytes()).digest()
               for f in folder.iterdir())
    leftovers = [p for p in final.parent.iterdir() if p.name.startswith(".") and p.name != ".received.json"]
    return same and (final / ".received.json").exists() and not leftovers


class CutFolder(FolderTarget):
    """A share whose line fails on a share of the writes (EIO, as a dropped SMB session reports)."""

    def __init__(self, root: Path, rate: float) -> None:
        import random

        super().__init__(root, chunk_size=CHUNK, policy=PATIENT)
        self.rng, self.rate, self.cuts = random.Random(3), rate, 0

    def _write(self, out, chunk: bytes) -> None:  # noqa: ANN001
        if self.rng.random() < self.rate:
            self.cuts += 1
            raise OSError(errno.EIO, "Input/output error")
        super()._write(out, chunk)


def run(label: str, make, final: Path, package: LocalPackage, size_mb: float, cuts=lambda: 0) -> None:  # noqa: ANN001
    target = make()
    t0 = time.perf_counter()
    try:
        receipt = target.send(package)
        took = time.perf_counter() - t0
        ok = arrived(final, package.folder)
        print(f"{label:<34} {size_mb / took:7.1f} MB/s  {took:6.2f} s  cuts {cuts():3d}  "
              f"resumed {receipt.resumed_bytes / 1e6:6.1f} MB  {'complete, hash-equal, once' if ok else 'WRONG'}")
    except Exception as exc:  # noqa: BLE001 - a figure, not a crash
        took = time.perf_counter() - t0
        print(f"{label:<34}     n/a       {took:6.2f} s  cuts {cuts():3d}  not delivered: {exc}")
    finally:
        target.close()


class OpenSsh:
    """OpenSSH's sshd on a loopback port with a throw-away host key and client key (benchmark only)."""

    def __init__(self, work: Path) -> None:
        import socket
        import subprocess

        self.dir = work / "sshd"
        self.dir.mkdir(parents=True)
        for name in ("host", "client"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(self.dir / name)], check=True)
        shutil.copy(self.dir / "client.pub", self.dir / "authorized_keys")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        (self.dir / "sshd_config").write_text("\n".join([
            f"Port {self.port}", "ListenAddress 127.0.0.1", f"HostKey {self.dir / 'host'}",
            f"AuthorizedKeysFile {self.dir / 'authorized_keys'}", f"PidFile {self.dir / 'pid'}", "StrictModes no",
            "UsePAM no", "PasswordAuthentication no", "PermitRootLogin prohibit-password",
            "Subsystem sftp internal-sftp", ""]))
        Path("/run/sshd").mkdir(exist_ok=True)
        self.log = (self.dir / "log").open("wb")
        self.proc = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", str(self.dir / "sshd_config")],
                                     stderr=self.log)
        time.sleep(0.5)
        self.key = str(self.dir / "client")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)
        self.log.close()
        if os.environ.get("HOTICH_BENCH_DEBUG"):
            print((self.dir / "log").read_text(errors="replace")[-1500:])


class Relay:
    """A stand-in for a server object: only the bad line runs in the child, in front of `port`."""

    def __init__(self, port: int) -> None:
        self.port = port

    def stop(self) -> None:
        pass


def _serve(kind: str, root: Path, drop: float, block: int, conn) -> None:  # noqa: ANN001
    """Child process: the server and the bad line in front of it, off the sender's interpreter (GIL)."""
    if kind.startswith("relay:"):
        server = Relay(int(kind[6:]))
    else:
        server = {"dav-ranges": lambda: DavServer(root, ranges=True), "dav-whole": lambda: DavServer(root),
                  "sftp": lambda: SftpServer(root), "http": lambda: UploadServer(root)}[kind]()
    proxy = FlakyProxy(server.port, drop_rate=drop, block=block) if drop else None
    conn.send((proxy.port if proxy else server.port, getattr(server, "token", "")))
    conn.recv()
    conn.send((proxy.drops if proxy else 0, bool(server.received()) if kind == "http" else True))
    if proxy:
        proxy.stop()
    server.stop()


class Served:
    def __init__(self, kind: str, root: Path, drop: float, block: int) -> None:
        import multiprocessing

        self.parent, child = multiprocessing.Pipe()
        self.proc = multiprocessing.get_context("fork").Process(target=_serve, args=(kind, root, drop, block, child),
                                                                daemon=True)
        self.proc.start()
        self.port, self.token = self.parent.recv()
        self.drops, self.received = 0, False

    def stop(self) -> None:
        self.parent.send("stop")
        self.drops, self.received = self.parent.recv()
        self.proc.join(10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=40)
    parser.add_argument("--drop", type=float, default=0.1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hotich-delivery-"))
    try:
        folder = make_package(work / "outbox", args.mb)
        package = LocalPackage.load(folder)
        size = package.total / 1024 / 1024
        copy_to = work / "copy"
        copy_to.mkdir()
        t0 = time.perf_counter()
        for f in folder.iterdir():
            shutil.copyfile(f, copy_to / f.name)
        base = time.perf_counter() - t0
        print(f"package {size:.1f} MB; servers in a child process; {args.drop:.0%} of chunks cut in the second run "
              "(a TCP relay drops the connection); every figure includes reading the copy back for its hash")
        print(f"{'baseline: plain local file copy':<34} {size / base:7.1f} MB/s  {base:6.2f} s")
        for cut in (0.0, args.drop):
            tag = "clean" if not cut else f"{cut:.0%} cut"
            root = work / f"folder-{tag}"
            t = {}
            run(f"folder, {tag}", lambda: t.setdefault("t", CutFolder(root, cut)), root / folder.name, package,
                size, lambda: t["t"].cuts)
            for kind, label, final in (("dav-ranges", "webdav (ranges)", "so-ho-tich"),
                                       ("dav-whole", "webdav (whole files)", "so-ho-tich"),
                                       ("sftp", "sftp (asyncssh server)", "nhan")):
                served = Served(kind, work / f"{kind}-{tag}", cut, CHUNK)
                if kind == "sftp":
                    make = lambda: SftpTarget(f"sftp://can-bo@127.0.0.1:{served.port}/nhan", PASSWORD,  # noqa: E731
                                              known_hosts=None, policy=PATIENT)
                else:
                    make = lambda: WebDavTarget(f"webdav://can-bo@127.0.0.1:{served.port}/so-ho-tich",  # noqa: E731
                                                PASSWORD, policy=PATIENT)
                box = {}
                run(f"{label}, {tag}", make, work / f"{kind}-{tag}" / final / folder.name, package, size,
                    lambda: box.get("drops", 0) if False else served_drops(served, box))
            if Path("/usr/sbin/sshd").exists():
                sshd = OpenSsh(work / f"openssh-{int(cut * 100)}")  # sshd_config takes no spaces
                served = Served(f"relay:{sshd.port}", work, cut, CHUNK)
                dest = work / f"openssh-{int(cut * 100)}" / "nhan"
                box = {}
                run(f"sftp (OpenSSH sshd), {tag}",
                    lambda: SftpTarget(f"sftp://root@127.0.0.1:{served.port}{dest}", "", known_hosts=None,
                                       key_file=sshd.key, policy=PATIENT),
                    dest / folder.name, package, size, lambda: served_drops(served, box))
                sshd.stop()
            served = Served("http", work / f"http-{tag}", cut, 256 * 1024)
            start = time.perf_counter()
            target = HttpTarget(UploadTarget(f"http://127.0.0.1:{served.port}/hotich/", served.token,
                                             chunk_size=256 * 1024, backoff=0.05, max_backoff=0.2, attempts=60))
            try:
                target.send(package)
                took = time.perf_counter() - start
                served.stop()
                print(f"{'http (our protocol), ' + tag:<34} {size / took:7.1f} MB/s  {took:6.2f} s  cuts "
                      f"{served.drops:3d}  {'received once' if served.received else 'WRONG'}")
            except Exception as exc:  # noqa: BLE001
                served.stop()
                print(f"{'http (our protocol), ' + tag:<34}     n/a  not delivered: {exc}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def served_drops(served: Served, box: dict) -> int:
    """Stops the child once (after the run) and reports its cut count."""
    if "drops" not in box:
        served.stop()
        box["drops"] = served.drops
    return box["drops"]


if __name__ == "__main__":
    main()
