"""HTTP load from a second process: gunicorn serves, wrk loads, /proc counts CPU.

Pages are measured A-B-A against the "hello" views (bench/urls.py) in the same run, so a noisy
shared machine moves both sides together and the ratio stays meaningful.
"""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
CLK_TCK = os.sysconf("SC_CLK_TCK")
HELLO = "/bench/hello"
SIGNED_IN_HELLO = "/bench/signed-in-hello"


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    cpu_ms: float  # gunicorn workers + PostgreSQL backends, per request


def cpu_ticks(pids: list[int]) -> dict[int, int]:
    """utime + stime per live pid."""
    ticks = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        ticks[pid] = int(fields[11]) + int(fields[12])
    return ticks


def used_ticks(before: dict[int, int], after: dict[int, int]) -> int:
    """CPU used in between; a process that exited meanwhile is not counted negative."""
    return sum(t - before.get(pid, 0) for pid, t in after.items())


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def postgres_backends(database: str) -> list[int]:
    sql = f"SELECT pid FROM pg_stat_activity WHERE datname = '{database}'"
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", sql],
        capture_output=True,
        text=True,
    ).stdout
    return [int(p) for p in out.split()]


class Server:
    """gunicorn with the Procfile's worker class, on loopback."""

    def __init__(self, env: dict[str, str], database: str, port: int = 8765, workers: int = 2):
        self.env, self.database, self.port, self.workers = env, database, port, workers
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        procfile = (BASE_DIR / "Procfile").read_text()
        worker_class = re.search(r"--worker-class (\S+)", procfile).group(1)
        threads = re.search(r"--threads (\d+)", procfile).group(1)
        self.proc = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "coalition.wsgi",
                "--workers", str(self.workers), "--worker-class", worker_class,
                "--threads", threads, "--bind", f"127.0.0.1:{self.port}",
                "--log-level", "warning",
            ],
            cwd=BASE_DIR, env=self.env,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + HELLO, timeout=1)  # noqa: S310
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        if self.proc:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=20)

    def pids(self) -> list[int]:
        return children(self.proc.pid) + postgres_backends(self.database)

    def load(self, path: str, cookie: str = "", seconds: float = 3, connections: int = 8) -> Run:
        headers = ["-H", f"Cookie: {cookie}"] if cookie else []
        pids = self.pids()
        before = cpu_ticks(pids)
        duration = f"{max(1, round(seconds))}s"  # wrk takes whole seconds
        out = subprocess.run(
            ["wrk", "-t", "1", "-c", str(connections), "-d", duration, "--latency",
             *headers, self.url + path],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        used_ms = used_ticks(before, cpu_ticks(self.pids())) * 1000 / CLK_TCK
        requests = int(re.search(r"(\d+) requests in", out).group(1))
        errors = sum(
            int(n)
            for n in re.findall(r"(?:Non-2xx or 3xx responses|Socket errors:.*?): (\d+)", out)
        )
        return Run(
            rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            p50_ms=_latency(out, "50%"),
            p99_ms=_latency(out, "99%"),
            requests=requests,
            errors=errors,
            cpu_ms=used_ms / max(requests, 1),
        )


def _latency(out: str, pct: str) -> float:
    match = re.search(rf"{re.escape(pct)}\s+([\d.]+)(us|ms|s)\b", out)
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
