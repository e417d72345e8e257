"""Fixtures shared by every app's tests: mail, a real Celery worker, a real browser."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.test import Client

# Playwright drives the browser from an event loop; the ORM calls around it are sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BASE_DIR = Path(__file__).resolve().parent
ARTIFACTS = BASE_DIR / "test-artifacts"
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE_WIDTH = 375


@pytest.fixture(scope="session", autouse=True)
def _postgres_only(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.exit("The tests run against PostgreSQL: use `make test` or set DATABASE_URL.")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Mail goes through the real durable queue into Django's in-memory outbox."""
    settings.EMAIL_BACKEND = "post_office.EmailBackend"
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    }
    settings.CELERY_TASK_ALWAYS_EAGER = True
    # The real hasher takes a good part of a second per factory user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Every test that uses the database starts with an empty cache. Transactional tests flush
    every table but the cache's, so an earlier test's cached panels and rate-limit
    counters would leak into the next; in the others the clearing rolls back with the test."""
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            break
    else:
        if request.node.get_closest_marker("django_db") is None:
            return
    for alias in django_settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def deliver_mail(mailoutbox):
    """Send whatever is queued (what the worker does) and return the outbox."""
    from outbox.delivery import mail_deliver_queued

    def deliver() -> list[mail.EmailMessage]:
        mail_deliver_queued()
        return mailoutbox

    return deliver


# --- A real Celery worker on the real Redis -------------------------------------------


@pytest.fixture
def celery_worker_process(settings, transactional_db):
    """Start `celery worker` as its own process against the test database."""
    from coalition.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.control.purge()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    env.update(getattr(settings, "WORKER_TEST_ENV", {}))
    log = open(artifacts_dir() / "celery-worker.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "coalition",
            "worker",
            "-P",
            "threads",
            "-c",
            "2",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "INFO",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_worker(app)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _database_url() -> str:
    db = connection.settings_dict
    user, host, port = db["USER"] or "postgres", db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def _wait_for_worker(app, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.control.ping(timeout=0.5):
            return
    raise RuntimeError("The Celery worker did not start; see test-artifacts/celery-worker.log")


def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- A real SMTP server ---------------------------------------------------------------


@pytest.fixture
def smtp_sink():
    """An aiosmtpd server on a free loopback port that keeps every message it receives."""
    from aiosmtpd.controller import Controller

    class Sink:
        def __init__(self):
            self.messages: list[dict] = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            self.messages.append(
                {"to": envelope.rcpt_tos, "data": envelope.content.decode("utf8", "replace")}
            )
            return "250 OK"

        def wait_for(self, count: int, timeout: float = 20) -> list[dict]:
            deadline = time.monotonic() + timeout
            while len(self.messages) < count and time.monotonic() < deadline:
                time.sleep(0.1)
            return self.messages

    sink = Sink()
    sink.port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    yield sink
    controller.stop()


@pytest.fixture
def smtp_settings(settings, smtp_sink):
    """Deliver through SMTP to the sink, in this process and in `celery_worker_process`."""
    backend = "django.core.mail.backends.smtp.EmailBackend"
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": backend}}
    settings.WORKER_TEST_ENV = {
        "EMAIL_DELIVERY_BACKEND": backend,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_sink.port),
    }
    return smtp_sink


# --- A real browser ---------------------------------------------------------------------


def _chromium() -> str:
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/lib/chromium/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("Chromium is missing: `make test` installs it (apt-get install chromium).")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": _chromium(),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args, live_server):
    # Reduced motion turns Bootstrap's transitions off, so axe never measures a colour halfway
    # through a hover or focus fade.
    return {**browser_context_args, "base_url": live_server.url, "reduced_motion": "reduce"}


CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`
  );
});
"""


@pytest.fixture
def page(page, live_server, transactional_db):
    """Every browser test watches for CSP violations."""
    page.add_init_script(CSP_LISTENER)
    return page


@pytest.fixture
def check_page(request):
    """Fail on any WCAG 2.2 AA violation, CSP violation or sideways scrolling at phone width."""
    axe_source = AXE_JS.read_text()

    def check(page, name: str | None = None) -> None:
        page.wait_for_load_state("load")
        # CSP first: axe re-inserts @import-ed stylesheets as <style> elements to parse
        # them, which the policy rightly blocks, so its own traces are cleared after it.
        violations = page.evaluate("window.__cspViolations || []")
        assert not violations, (
            f"Content-Security-Policy blocked something on {page.url}: {violations}"
        )
        page.evaluate(axe_source)
        result = page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        page.evaluate("window.__cspViolations = []")
        problems = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in result["violations"]
        ]
        assert not problems, f"Accessibility problems on {page.url}:\n" + "\n".join(problems)

        size = page.viewport_size
        page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        shot = artifacts_dir() / "screenshots"
        shot.mkdir(exist_ok=True)
        slug = re.sub(r"[^\w.-]+", "_", name or request.node.name)
        page.screenshot(path=str(shot / f"{slug}-phone.png"), full_page=True)
        if size:
            page.set_viewport_size(size)
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at phone width"

    return check


@pytest.fixture
def sign_in(live_server):
    """Put a signed-in session for `user` into the browser, as if they had logged in."""

    def sign_in(page, user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return sign_in


def pytest_collection_modifyitems(items):
    for item in items:
        if "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


# --- The standing cast ----------------------------------------------------------------


@pytest.fixture
def org_a(db):
    from members.tests.factories import OrganizationFactory

    return OrganizationFactory(name="Harbor Peer Network", slug="harbor-peer-network", state="MA")


@pytest.fixture
def org_b(db):
    from members.tests.factories import OrganizationFactory

    return OrganizationFactory(name="Desert Recovery Alliance", slug="desert-recovery", state="AZ")


@pytest.fixture
def admin_a(org_a):
    from members.tests.factories import MembershipFactory

    return MembershipFactory(
        organization=org_a, role="admin", user__email="admin.a@example.org"
    ).user


@pytest.fixture
def member_a(org_a):
    from members.tests.factories import MembershipFactory

    return MembershipFactory(organization=org_a, user__email="member.a@example.org").user


@pytest.fixture
def member_b(org_b):
    from members.tests.factories import MembershipFactory

    return MembershipFactory(
        organization=org_b, role="admin", user__email="member.b@example.org"
    ).user


@pytest.fixture
def staff(db):
    from members.tests.factories import UserFactory

    return UserFactory(email="coordinator@example.org", is_staff=True, is_superuser=True)
