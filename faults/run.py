"""`make faults`: break the stack on purpose and check that no email is lost or sent twice.

Starts its own PostgreSQL cluster, redis-server, Celery workers and beats, gunicorn and an
SMTP sink on free loopback ports (faults/stack.py), runs each scenario, prints its figures and
a summary table, and exits non-zero when a check fails. Everything it started is stopped on
the way out, even when a step fails. Shorter outages for a quick run:
FAULTS_REDIS_DOWN=10 FAULTS_PG_DOWN=10 make faults.
"""

import atexit
import concurrent.futures
import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faults.stack import BIN, PGBIN, ROOT, Stack, wait_until  # noqa: E402

REDIS_DOWN = float(os.environ.get("FAULTS_REDIS_DOWN", "60"))
PG_DOWN = float(os.environ.get("FAULTS_PG_DOWN", "30"))
ORGS = 40
PAGES = ["/dashboard/", "/org/", "/org/team/", "/directory/", "/activities/"]

results: list[tuple[str, bool, str]] = []


def say(text: str) -> None:
    print(text, flush=True)


def check(name: str, ok: bool, figure: str) -> bool:
    results.append((name, bool(ok), figure))
    say(f"  [{'ok' if ok else 'FAIL'}] {name}: {figure}")
    return ok


def django_setup(stack: Stack) -> None:
    os.environ.update(stack.env())
    import django

    django.setup()


def db_reset() -> None:
    from django.db import close_old_connections, connections

    close_old_connections()
    for conn in connections.all():
        conn.close()


# --- data --------------------------------------------------------------------------------


def seed() -> dict:
    """40 organizations owing a reminder, each with one admin; a signed-in session."""
    from django.test import Client

    from members.models import Membership
    from members.tests.factories import MembershipFactory, OrganizationFactory, UserFactory

    admins = []
    for n in range(ORGS):
        org = OrganizationFactory(name=f"Faults Partner {n:02d}", slug=f"faults-partner-{n:02d}")
        user = UserFactory(email=f"org{n:02d}@faults.example")
        MembershipFactory(user=user, organization=org, role=Membership.Role.ADMIN)
        admins.append(user)
    client = Client()
    client.force_login(admins[0])
    return {"admins": admins, "session": client.cookies["sessionid"].value}


def mail_rows() -> dict:
    from post_office.models import STATUS, Email

    from outbox.models import MailHandoff

    db_reset()
    counts = {
        "sent": Email.objects.filter(status=STATUS.sent).count(),
        "failed": Email.objects.filter(status=STATUS.failed).count(),
        "queued": Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued]).count(),
        "sending": Email.objects.filter(status=None).count(),
        "unknown": MailHandoff.objects.filter(state=MailHandoff.State.UNKNOWN).count(),
        "refused": MailHandoff.objects.filter(state=MailHandoff.State.REFUSED).count(),
    }
    db_reset()
    return counts


def settled() -> bool:
    rows = mail_rows()
    return rows["queued"] == 0 and rows["sending"] == 0


def duplicates(stack: Stack) -> int:
    """Messages that reached the sink more than once (same address and Message-ID)."""
    with stack.sink.lock:
        return len(stack.sink.ids) - len(set(stack.sink.ids))


# --- load --------------------------------------------------------------------------------


class Load:
    """Threads fetching member pages with a signed-in session until stopped (bounded)."""

    def __init__(self, stack: Stack, session: str, threads: int = 6, post_every: int = 0):
        """`post_every`: threads 0 and 1 send an invitation (a page that queues email) every
        that many requests."""
        import requests

        self.requests = requests
        self.stack, self.session, self.threads = stack, session, threads
        self.post_every = post_every
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.samples: list[tuple[float, int, float, str]] = []  # (start, status, seconds, note)
        self.invited: list[str] = []
        self.pool: list[threading.Thread] = []

    def __enter__(self):
        for n in range(self.threads):
            thread = threading.Thread(target=self.run, args=(n,), daemon=True)
            thread.start()
            self.pool.append(thread)
        return self

    def __exit__(self, *exc):
        self.stop_event.set()
        for thread in self.pool:
            thread.join(timeout=20)

    def run(self, n: int) -> None:
        http = self.requests.Session()
        http.cookies.set("sessionid", self.session, domain="127.0.0.1")
        deadline = time.monotonic() + 600
        i = 0
        while not self.stop_event.is_set() and time.monotonic() < deadline:
            i += 1
            path = PAGES[(n + i) % len(PAGES)]
            start = time.monotonic()
            note = ""
            try:
                if self.post_every and n < 2 and i % self.post_every == 0:
                    status, note = self.invite(http)
                else:
                    response = http.get(self.stack.url(path), timeout=15, allow_redirects=False)
                    status = response.status_code
                    note = response.text if status >= 500 else ""
            except self.requests.RequestException as exc:
                status, note = 0, type(exc).__name__
            with self.lock:
                self.samples.append((start, status, time.monotonic() - start, note))
            time.sleep(0.05)

    def invite(self, http) -> tuple[int, str]:
        page = http.get(self.stack.url("/org/team/"), timeout=15)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if page.status_code != 200 or not token:
            return page.status_code or 599, "no invitation form"
        address = f"invitee{threading.get_ident()}-{time.monotonic_ns()}@faults.example"
        response = http.post(
            self.stack.url("/org/team/"),
            data={"csrfmiddlewaretoken": token.group(1), "email": address, "role": "member"},
            timeout=15,
            allow_redirects=False,
        )
        if response.status_code == 302:
            with self.lock:
                self.invited.append(address)
        return (200 if response.status_code == 302 else response.status_code), "invite"

    def window(self, start: float, end: float) -> list[tuple[float, int, float, str]]:
        with self.lock:
            return [s for s in self.samples if start <= s[0] < end]


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[int(len(values) * 0.95) - 1] if values else 0.0


# --- scenarios ---------------------------------------------------------------------------


def scenario_reminders(stack: Stack, data: dict) -> None:
    say(f"\n== Reminder sweep: {ORGS} organizations, two beats, 20 sweeps, a worker killed ==")
    from pledges.models import Reminder
    from pledges.tasks import send_pledge_reminders

    # Midway through the batch: the kill lands mid-send, with emails claimed and not yet sent.
    victim = data["admins"][ORGS // 2].email
    stack.sink.hold.add(victim)  # its message arrives, the reply waits
    stack.worker("worker-a")
    stack.worker("worker-b")
    stack.beat("beat-1")
    stack.beat("beat-2")

    def command_sweep(_):
        return stack.manage("send_pledge_reminders", "--stage", "first")

    for _ in range(10):
        send_pledge_reminders.delay(stage="first")
    pool = concurrent.futures.ThreadPoolExecutor(10)
    sweeps = [pool.submit(command_sweep, n) for n in range(10)]
    wait_until(lambda: stack.sink.held, 60, 0.05, what="the held message")
    peer = stack.sink.held_peers[0]
    owner = subprocess.run(
        ["ss", "-tnpH", "state", "established", f"sport = :{peer}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    ).stdout
    pid = int(re.search(r"pid=(\d+)", owner).group(1))
    killed = next(name for name, proc in stack.procs.items() if proc.pid == pid)
    os.kill(pid, signal.SIGKILL)
    killed_at = time.monotonic()
    stack.procs.pop(killed).wait(timeout=10)
    stack.sink.release()
    say(f"  killed {killed} (pid {pid}) with SIGKILL while it waited for the server's reply")
    stack.worker("worker-c")
    for sweep in sweeps:
        sweep.result(timeout=120)
    pool.shutdown()
    wait_until(lambda: stack.sink.count() >= ORGS and settled(), 90, 0.5, "reminders to settle")
    time.sleep(4)  # two more beat sweeps: nothing else may go out
    db_reset()
    rows = mail_rows()
    reminders = Reminder.objects.filter(stage="first").count()
    db_reset()
    check("reminder rows", reminders == ORGS, f"{reminders} reminders for {ORGS} organizations")
    check(
        "reminder emails at the sink",
        stack.sink.count() == ORGS and duplicates(stack) == 0,
        f"{stack.sink.count()} received, {duplicates(stack)} twice",
    )
    check(
        "unknown outcome flagged, not resent",
        rows["unknown"] == 1 and stack.sink.count(victim) == 1,
        f"{rows['unknown']} flagged for staff ({victim}), received {stack.sink.count(victim)}x;"
        f" {rows['sent']} marked sent",
    )
    with stack.sink.lock:
        late = [a for a, tries in stack.sink.attempts.items() if tries[0] > killed_at]
    check(
        "claimed, never handed over: sent later",
        late and all(stack.sink.count(address) == 1 for address in late),
        f"{len(late)} emails the killed worker had claimed but not reached went out after"
        f" MAIL_UNKNOWN_AFTER_SECONDS, once each",
    )


def scenario_redis(stack: Stack, data: dict) -> None:
    say(f"\n== Redis stopped for {REDIS_DOWN:.0f} s under load on member pages ==")
    with Load(stack, data["session"], threads=6, post_every=2) as load:
        time.sleep(3)
        down = time.monotonic()
        stack.redis_stop()
        time.sleep(REDIS_DOWN)
        stack.redis_start()
        up = time.monotonic()
        time.sleep(5)
    during = load.window(down, up)
    failed = [s for s in load.samples if s[1] != 200]
    check(
        "pages while Redis was down",
        not failed and during,
        f"{len(load.samples)} responses ({len(during)} during the outage), {len(failed)} failed,"
        f" p95 {p95([s[2] for s in during]):.2f} s, max {max(s[2] for s in during):.2f} s",
    )
    owed = len(load.invited)
    invited_during = sum(1 for s in during if s[3] == "invite" and s[1] == 200)
    arrived = {}

    def all_arrived() -> bool:
        for address in load.invited:
            if address not in arrived and stack.sink.count(address):
                arrived[address] = time.monotonic()
        return len(arrived) == len(load.invited) and settled()

    wait_until(all_arrived, 90, 0.2, "invitations to arrive")
    recovered = max(arrived.values()) - up
    twice = [a for a in load.invited if stack.sink.count(a) > 1]
    check(
        "emails owed across the outage",
        owed and invited_during and not twice and duplicates(stack) == 0,
        f"{owed} invitations queued by pages ({invited_during} while Redis was down), all"
        f" delivered by {recovered:.1f} s after Redis returned, {len(twice)} twice",
    )
    from coalition.celery import app

    workers = sorted(
        n for n, p in stack.procs.items() if n.startswith("worker") and p.poll() is None
    )
    beats = sorted(n for n, p in stack.procs.items() if n.startswith("beat") and p.poll() is None)

    def ping():
        replies = app.control.ping(timeout=2)
        return replies if len(replies) >= len(workers) else None

    answered = wait_until(ping, 30, what="every worker to answer a ping")
    names = sorted(next(iter(reply)).split("@")[0] for reply in answered)
    check(
        "worker and beat reconnected",
        names == workers and len(beats) == 2,
        f"workers answering a ping: {', '.join(names)}; beats still running: {', '.join(beats)}"
        " (the invitations sent while Redis was down came through beat's sweep)",
    )


def scenario_postgres(stack: Stack, data: dict) -> None:
    say(f"\n== PostgreSQL stopped for {PG_DOWN:.0f} s ==")
    import requests

    from pledges.models import Reminder
    from pledges.tasks import send_pledge_reminders

    sink_before = stack.sink.count()
    with Load(stack, data["session"], threads=6) as load:
        time.sleep(2)
        stack.pg_stop("fast")
        down = time.monotonic()
        time.sleep(1)
        # Work published while the database is down: the worker must not lose it.
        send_pledge_reminders.delay(stage="last")
        health = requests.get(stack.url("/healthz"), timeout=15).status_code
        time.sleep(max(PG_DOWN - 1, 0))
        up = time.monotonic()
        stack.pg_start()
        first_ok = wait_until(
            lambda: next((s[0] for s in load.window(up, time.monotonic()) if s[1] == 200), None),
            60,
            what="a page to answer 200",
        )
        time.sleep(3)
    during = load.window(down, up)
    errors = [s for s in during if s[1] == 500]
    plain = all("Something went wrong" in s[3] and "Traceback" not in s[3] for s in errors)
    slow = max((s[2] for s in during), default=0)
    check(
        "pages while PostgreSQL was down",
        errors and plain and slow < 5 and all(s[1] == 500 for s in during),
        f"{len(during)} answers: {len(errors)} plain error pages, slowest {slow:.2f} s,"
        f" no traceback: {plain}; /healthz said {health}",
    )
    after = load.window(first_ok, time.monotonic())
    check(
        "site recovered by itself",
        after and all(s[1] == 200 for s in after),
        f"first 200 {first_ok - up:.1f} s after the database returned, then"
        f" {sum(s[1] == 200 for s in after)}/{len(after)} ok",
    )

    def done():
        db_reset()
        count = Reminder.objects.filter(stage="last").count()
        db_reset()
        return count == ORGS and stack.sink.count() - sink_before >= ORGS and settled()

    wait_until(done, 120, 1, "the reminder sweep published during the outage")
    check(
        "task published during the outage",
        duplicates(stack) == 0,
        f"{ORGS} last reminders sent after recovery, {stack.sink.count() - sink_before} emails,"
        f" {duplicates(stack)} twice",
    )


def scenario_smtp(stack: Stack) -> None:
    say("\n== SMTP: 421 three times, 550 for one address, a silent server ==")
    from django.db import transaction
    from post_office import mail

    from outbox.tasks import send_queued_mail

    sink = stack.sink
    busy, gone, void = "busy@faults.example", "gone@faults.example", "void@faults.example"
    others = [f"other{n}@faults.example" for n in range(10)]
    sink.temporary[busy] = 3
    sink.permanent.add(gone)
    sink.silent[void] = 1
    timeout = float(stack.env()["EMAIL_TIMEOUT"])
    start = time.monotonic()
    db_reset()
    with transaction.atomic():
        for address in [void, busy, gone, *others]:
            mail.send(recipients=[address], subject="Faults probe", message="A test message.")
    send_queued_mail.delay()
    wait_until(lambda: all(sink.count(a) for a in others), 30, 0.2, "the other emails")
    others_done = time.monotonic() - start
    wait_until(lambda: sink.count(busy) and sink.count(void) and settled(), 90, 0.5, "retries")
    time.sleep(4)
    tries = sink.attempts.get(busy, [])
    gaps = [round(b - a, 1) for a, b in zip(tries, tries[1:], strict=False)]
    check(
        "421 three times",
        sink.count(busy) == 1 and len(tries) == 4,
        f"{len(tries)} tries, {gaps} s apart (backoff doubles), delivered {sink.count(busy)}x",
    )
    rows = mail_rows()
    check(
        "550 marked, not retried",
        len(sink.attempts.get(gone, [])) == 1 and sink.count(gone) == 0 and rows["refused"] == 1,
        f"{len(sink.attempts.get(gone, []))} try, {rows['refused']} marked refused (hard bounce)",
    )
    void_tries = sink.attempts.get(void, [])
    check(
        "silent server given up on",
        others_done < timeout + 5 and sink.count(void) == 1 and len(void_tries) == 2,
        f"gave up after EMAIL_TIMEOUT={timeout:.0f} s, the 10 others arrived in"
        f" {others_done:.1f} s meanwhile, retried {void_tries[1] - void_tries[0]:.1f} s later"
        f" and delivered {sink.count(void)}x",
    )


def scenario_backup(stack: Stack) -> None:
    say("\n== Backup and restore ==")
    dump = stack.backups / "coalition.dump"
    restored = f"test_{stack.db_name}_restored"  # pytest --reuse-db uses it as it is
    connect = ["-h", "127.0.0.1", "-p", str(stack.pg_port), "-U", "postgres"]
    start = time.monotonic()
    stack.pg(str(PGBIN / "pg_dump"), *connect, "-Fc", "-f", str(dump), stack.db_name)
    stack.pg(str(PGBIN / "createdb"), *connect, restored)
    stack.pg(str(PGBIN / "pg_restore"), *connect, "--no-owner", "-d", restored, str(dump))
    took = time.monotonic() - start

    def count(db: str) -> str:
        sql = (
            "select (select count(*) from members_organization)||'/'||"
            "(select count(*) from post_office_email)||'/'||(select count(*) from pledges_reminder)"
        )
        return stack.pg(str(PGBIN / "psql"), *connect, "-tAc", sql, db).stdout.strip()

    same = count(stack.db_name) == count(restored)
    check(
        "dump and restore",
        same,
        f"{dump.stat().st_size // 1024} KiB dump in {took:.1f} s; organizations/emails/reminders"
        f" {count(restored)} in the copy",
    )
    ok = True
    try:
        stack.manage("migrate", "--check", db=restored)
        stack.manage("check", db=restored)
    except RuntimeError as exc:
        ok = False
        say(str(exc))
    check("migrate --check on the copy", ok, "no unapplied migrations, check clean")
    default = ["members/tests/test_org_team.py", "members/tests/test_org_profile.py"]
    default += sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("*/tests/test_access*.py"))
    tests = os.environ.get("FAULTS_ACCESS_TESTS", " ".join(default)).split()
    tests = [t for t in tests if (ROOT / t.split("::")[0]).exists()]
    env = stack.env(DATABASE_URL=stack.db_url(f"{stack.db_name}_restored"), DEBUG="true")
    env.pop("DJANGO_SETTINGS_MODULE")
    result = subprocess.run(
        [str(BIN / "pytest"), "-q", "-p", "no:logging", "--reuse-db", "-m", "not browser", *tests],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = result.stdout.strip().splitlines() or ["no output"]
    for line in lines:
        if line.startswith(("FAILED", "ERROR", "E  ")):
            say(f"    {line}")
    summary = lines[-1]
    check("access tests on the copy", result.returncode == 0, f"{' '.join(tests)}: {summary}")


# --- main --------------------------------------------------------------------------------


def main() -> int:
    stack = Stack()
    atexit.register(stack.close)

    def interrupted(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    began = time.monotonic()
    try:
        say(
            f"Throwaway stack in {stack.tmp}: PostgreSQL :{stack.pg_port}, Redis"
            f" :{stack.redis_port}, web :{stack.web_port}, SMTP :{stack.smtp_port}"
        )
        stack.pg_init()
        stack.redis_start()
        stack.smtp_start()
        stack.manage("migrate", "--noinput", timeout=300)
        stack.manage("createcachetable")
        stack.manage("collectstatic", "--noinput")
        django_setup(stack)
        logging.getLogger("mail.log").setLevel(logging.CRITICAL)  # the sink's own chatter
        data = seed()
        db_reset()
        stack.web()
        for scenario in (
            lambda: scenario_reminders(stack, data),
            lambda: scenario_redis(stack, data),
            lambda: scenario_postgres(stack, data),
            lambda: scenario_smtp(stack),
            lambda: scenario_backup(stack),
        ):
            try:
                scenario()
            except Exception as exc:  # noqa: BLE001 - report and go on to the next one
                traceback.print_exc()
                check("scenario ran to the end", False, f"{type(exc).__name__}: {exc}")
                if not (stack.pgdata / "postmaster.pid").exists():
                    stack.pg_start()
                if "redis" not in stack.procs:
                    stack.redis_start()
    finally:
        if any(not ok for _, ok, _ in results):
            for log in sorted(stack.logs.glob("*.log")):
                tail = log.read_text(errors="replace").strip().splitlines()[-15:]
                say(f"--- last lines of {log.name} ---\n" + "\n".join(tail))
        keep = os.environ.get("FAULTS_KEEP_TMP")
        logs = stack.logs
        left = stack.close()
        check("ports left open", not left, ", ".join(left) or "none: every port as found")
        if keep:
            say(f"logs: {logs}")
    say(f"\n{'check':<40} {'result':<6} figure")
    for name, ok, figure in results:
        say(f"{name:<40} {'ok' if ok else 'FAIL':<6} {figure}")
    failed = sum(not ok for _, ok, _ in results)
    say(f"\n{len(results) - failed} passed, {failed} failed in {time.monotonic() - began:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
