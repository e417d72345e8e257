"""A throwaway copy of the whole stack on loopback ports, for faults/run.py.

Its own PostgreSQL cluster (initdb in a temp dir), its own redis-server, Celery workers and
beats, gunicorn and an aiosmtpd sink. Every process runs in its own process group and is
stopped by `Stack.close()`, which run.py calls from `finally` and `atexit`.
"""

import asyncio
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PGBIN = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_until(check, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")


class Sink:
    """aiosmtpd handler that keeps every message and misbehaves on request, per address.

    temporary[address] = n: answer 421 to the first n tries; permanent: answer 550;
    silent[address] = n: never answer the first n tries; hold: record the message, then keep
    the client waiting for the final reply until `release` (to kill a worker mid-send).
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.messages: list[str] = []  # one recipient address per accepted message
        self.ids: list[tuple[str, str]] = []  # (address, Message-ID): the same email twice?
        self.attempts: dict[str, list[float]] = {}
        self.temporary: dict[str, int] = {}
        self.permanent: set[str] = set()
        self.silent: dict[str, int] = {}
        self.hold: set[str] = set()
        self.held: list[str] = []
        self.held_peers: list[int] = []
        self.release_event: asyncio.Event | None = None
        self.loop = None

    def count(self, address: str | None = None) -> int:
        with self.lock:
            return len(self.messages) if address is None else self.messages.count(address)

    def release(self) -> None:
        """Answer every client kept waiting so far; later holds wait again."""
        if self.loop and self.release_event:
            self.loop.call_soon_threadsafe(self._swap)

    def _swap(self) -> None:
        event, self.release_event = self.release_event, asyncio.Event()
        event.set()

    async def _wait_released(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.release_event.wait(), timeout=seconds)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        if self.release_event is None:
            self.release_event = asyncio.Event()
            self.loop = asyncio.get_running_loop()
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        address = address.lower()
        with self.lock:
            self.attempts.setdefault(address, []).append(time.monotonic())
            silent = self.silent.get(address, 0)
            if silent:
                self.silent[address] = silent - 1
        if silent:
            await self._wait_released(60)
            return "451 Too late"
        if address in self.permanent:
            return "550 5.1.1 No such mailbox here"
        with self.lock:
            busy = self.temporary.get(address, 0)
            if busy:
                self.temporary[address] = busy - 1
        if busy:
            return "421 4.3.2 Busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        held = False
        found = re.search(rb"^Message-ID: *(\S+)", envelope.content, re.I | re.M)
        message_id = found.group(1).decode() if found else str(len(self.ids))
        with self.lock:
            for address in envelope.rcpt_tos:
                self.messages.append(address)
                self.ids.append((address, message_id))
                if address in self.hold:
                    self.hold.discard(address)
                    self.held.append(address)
                    self.held_peers.append(session.peer[1])
                    held = True
        if held:
            await self._wait_released(60)
        return "250 OK"


class Stack:
    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="coalition-faults-"))
        os.chmod(self.tmp, 0o755)
        self.pgdata = self.tmp / "pg"
        self.logs = self.tmp / "logs"
        self.logs.mkdir()
        self.pg_port = free_port()
        self.redis_port = free_port()
        self.web_port = free_port()
        self.smtp_port = free_port()
        self.procs: dict[str, subprocess.Popen] = {}
        self.controller = None
        self.sink = Sink()
        self.db_name = "coalition"
        self.closed = False

    # --- environment ---------------------------------------------------------------------
    def db_url(self, name: str | None = None) -> str:
        return f"postgres://postgres@127.0.0.1:{self.pg_port}/{name or self.db_name}"

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "faults.settings",
            "DATABASE_URL": self.db_url(),
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "DEBUG": "false",
            "SECRET_KEY": "faults-only-not-secret-3f8a9c2e7d1b4a6f9e0c5d8b7a2f1e4c",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "STAFF_REQUIRE_MFA": "false",
            "ACCOUNT_RATE_LIMITS_ENABLED": "false",
            "EMAIL_DELIVERY_BACKEND": "outbox.backends.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp_port),
            "EMAIL_TIMEOUT": os.environ.get("FAULTS_EMAIL_TIMEOUT", "3"),
            "EMAIL_RETRY_SECONDS": "1",
            "EMAIL_MAX_RETRIES": "4",
            "MAIL_SWEEP_SECONDS": "2",
            "MAIL_UNKNOWN_AFTER_SECONDS": os.environ.get("FAULTS_UNKNOWN_AFTER", "20"),
            "CALL_ANNOUNCEMENT_SWEEP_SECONDS": "30",
            "DATABASE_CONNECT_TIMEOUT": "3",
            "LOG_LEVEL": "WARNING",
        }
        env.update(extra)
        return env

    def manage(self, *args: str, timeout: float = 120, db: str | None = None) -> str:
        env = self.env(**({"DATABASE_URL": self.db_url(db)} if db else {}))
        result = subprocess.run(
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-2000:]}")
        return result.stdout

    def spawn(self, name: str, args: list[str], env: dict | None = None) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env or self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed as a whole
        )
        log.close()
        self.procs[name] = proc
        return proc

    def stop(self, name: str, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)

    # --- PostgreSQL ----------------------------------------------------------------------
    def pg(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["runuser", "-u", "postgres", "--", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )

    def pg_init(self) -> None:
        self.pgdata.mkdir()
        shutil.chown(self.pgdata, "postgres", "postgres")
        self.backups = self.tmp / "backups"
        self.backups.mkdir()
        shutil.chown(self.backups, "postgres", "postgres")
        self.pg(
            str(PGBIN / "initdb"),
            "-D",
            str(self.pgdata),
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
            "-E",
            "UTF8",
        )
        self.pg_start()
        self.pg(str(PGBIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.pg_port), self.db_name)

    def pg_start(self) -> None:
        options = (
            f"-p {self.pg_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self.pg(
            str(PGBIN / "pg_ctl"),
            "-D",
            str(self.pgdata),
            "-o",
            options,
            "-l",
            str(self.pgdata / "server.log"),
            "-w",
            "-t",
            "30",
            "start",
        )

    def pg_stop(self, mode: str = "fast") -> None:
        if (self.pgdata / "postmaster.pid").exists():
            self.pg(str(PGBIN / "pg_ctl"), "-D", str(self.pgdata), "-m", mode, "-w", "stop")

    # --- Redis, SMTP, workers, beat, web -----------------------------------------------
    def redis_start(self) -> None:
        self.spawn(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.tmp),
            ],
        )
        wait_until(lambda: port_open(self.redis_port), 10, what="redis")

    def redis_stop(self) -> None:
        self.stop("redis")
        wait_until(lambda: not port_open(self.redis_port), 10, what="redis to stop")

    def smtp_start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.smtp_port)
        self.controller.start()

    def worker(self, name: str) -> subprocess.Popen:
        return self.spawn(
            name,
            [
                str(BIN / "celery"),
                "-A",
                "coalition",
                "worker",
                "--pool",
                "threads",
                "--concurrency",
                "4",
                "--hostname",
                f"{name}@faults",
                "--without-mingle",
                "--without-gossip",
                "--loglevel",
                "WARNING",
            ],
        )

    def beat(self, name: str) -> subprocess.Popen:
        return self.spawn(
            name,
            [
                str(BIN / "celery"),
                "-A",
                "coalition",
                "beat",
                "--schedule",
                str(self.tmp / f"{name}-schedule"),
                "--pidfile=",
                "--loglevel",
                "WARNING",
            ],
        )

    def web(self) -> None:
        self.spawn(
            "web",
            [
                str(BIN / "gunicorn"),
                "coalition.wsgi",
                "--bind",
                f"127.0.0.1:{self.web_port}",
                "--workers",
                "2",
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--timeout",
                "30",
            ],
        )
        wait_until(lambda: port_open(self.web_port), 30, what="gunicorn")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.web_port}{path}"

    # --- cleanup ------------------------------------------------------------------------
    def close(self) -> list[str]:
        """Stop everything this stack started; returns the ports still answering (none)."""
        if self.closed:
            return []
        self.closed = True
        for name in list(self.procs):
            with contextlib.suppress(Exception):
                self.stop(name, timeout=10)
        if self.controller is not None:
            self.sink.release()
            with contextlib.suppress(Exception):
                self.controller.stop()
        with contextlib.suppress(Exception):
            self.pg_stop("immediate")
        ports = [self.pg_port, self.redis_port, self.web_port, self.smtp_port]
        with contextlib.suppress(TimeoutError):
            wait_until(lambda: not any(port_open(p) for p in ports), 15, what="ports to close")
        left = [str(p) for p in ports if port_open(p)]
        if os.environ.get("FAULTS_KEEP_TMP"):
            print(f"logs kept in {self.tmp}", file=sys.stderr)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)
        return left
