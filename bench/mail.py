"""Email at scale: `python -m bench.mail --count 10000`, against the 10x database.

Sends every organization the "first" reminder of next month (none has met a month that has
not started, so all 10,000 are due) through the real sweep (`reminder_sweep`: claim row,
render, post_office row, one delivery task per commit published to the real Redis broker)
and then the real delivery (`outbox.tasks.send_queued_mail`, as a worker runs it), to a
local aiosmtpd sink. Then the same messages the way Django's `send_mass_mail` sends them (built,
then handed over one connection to the same sink) with their HTML part and headers, which
is the budget's baseline, and `send_mass_mail` itself with their subjects and text bodies
only, for reference. Both again with 50 ms added before the sink's greeting (a small
asyncio proxy), which is what a real relay's connection setup costs. Everything it creates
is deleted afterwards. Prints one JSON object on its last line.

It pauses organizations while it runs (then restores them): when others use the 10x database,
run it on a copy (`createdb -T coalition_bench_10x coalition_bench_mail`, then
`BENCH_MAIL_DATABASE=coalition_bench_mail python -m bench.mail`).
"""

import argparse
import asyncio
import json
import os
import socket
import threading
import time

from bench.seed import PG, database_url

BROKER = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
DATABASE = (
    f"{PG}/{os.environ['BENCH_MAIL_DATABASE']}"
    if os.environ.get("BENCH_MAIL_DATABASE")
    else database_url("10x")
)


class Sink:
    """aiosmtpd handler counting messages and connections (one EHLO/HELO per connection)."""

    def __init__(self):
        self.messages = 0
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_HELO(self, server, session, envelope, hostname):  # noqa: N802
        self.connections += 1
        session.host_name = hostname
        return f"250 {server.hostname}"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages += 1
        return "250 OK"


def start_sink() -> tuple[Sink, object]:
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    return sink, controller


def start_delay_proxy(target_port: int, delay: float = 0.05) -> tuple[int, callable]:
    """A TCP proxy that waits `delay` seconds before relaying each new connection."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    state = {}

    async def pipe(reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def handle(client_reader, client_writer):
        await asyncio.sleep(delay)
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
        await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))

    async def serve():
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        state["port"] = server.sockets[0].getsockname()[1]
        ready.set()
        async with server:
            await server.serve_forever()

    thread = threading.Thread(target=lambda: loop.run_until_complete(serve()), daemon=True)
    thread.start()
    ready.wait(5)
    return state["port"], lambda: loop.call_soon_threadsafe(loop.stop)


def configure(port: int) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="coalition.settings",
        DATABASE_URL=DATABASE,
        DEBUG="false",
        SECRET_KEY="bench-only-not-secret",  # noqa: S106
        REDIS_URL=BROKER,
        CELERY_TASK_ALWAYS_EAGER="false",
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        LOG_LEVEL="WARNING",
    )
    import django
    from django.core.checks import run_checks

    django.setup()
    # What a Celery worker does at startup, before its first task: the system checks (which
    # load the URLconf) and the app's task registry. Not a cost of each email.
    run_checks()
    from coalition.celery import app

    app.finalize()


def set_port(port: int) -> None:
    from django.conf import settings
    from post_office.connections import connections

    settings.EMAIL_PORT = port
    connections.close()


def pipeline(count: int) -> dict:
    """The real sweep then the real delivery task; times and the messages sent."""
    import datetime

    from django.utils import timezone
    from post_office.models import Email

    from outbox.tasks import send_queued_mail
    from pledges.models import Reminder, month, next_month
    from pledges.services import reminder_sweep

    first = next_month(month(timezone.localdate()))
    last_email = Email.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    started = time.perf_counter()
    items = reminder_sweep(first=first, stage="first", today=first + datetime.timedelta(days=14))
    queued = time.perf_counter()
    send_queued_mail()  # what the first delivery task a worker picks up does
    delivered = time.perf_counter()
    emails = Email.objects.filter(pk__gt=last_email)
    messages = [
        (e.subject, e.message, e.from_email, list(e.to), e.html_message, e.headers or {})
        for e in emails.order_by("pk")[:count]
    ]
    sent = emails.filter(status=0).count()
    Reminder.objects.filter(month=first).delete()
    emails.delete()
    from coalition.celery import app

    app.control.purge()  # the per-commit delivery tasks no worker ran: nothing left to send
    return {
        "reminders": len(items),
        "sent": sent,
        "sweep_s": queued - started,
        "deliver_s": delivered - queued,
        "total_s": delivered - started,
        "messages": messages,
    }


def mass(messages: list) -> float:
    """Django's send_mass_mail of the messages' subjects and text bodies: plain text only."""
    from django.core.mail import get_connection, send_mass_mail

    connection = get_connection("django.core.mail.backends.smtp.EmailBackend")
    plain = [message[:4] for message in messages]
    started = time.perf_counter()
    send_mass_mail(plain, connection=connection)
    return time.perf_counter() - started


def mass_same(messages: list) -> float:
    """What send_mass_mail does (build the messages, send them over one connection), with
    the very messages the pipeline sent: the HTML part and the unsubscribe headers too, which
    send_mass_mail's (subject, text, from, to) tuples cannot carry."""
    from django.core.mail import EmailMultiAlternatives, get_connection

    connection = get_connection("django.core.mail.backends.smtp.EmailBackend")
    started = time.perf_counter()
    built = []
    for subject, text, sender, to, html, headers in messages:
        message = EmailMultiAlternatives(
            subject, text, sender, to, headers=headers, connection=connection
        )
        if html:
            message.attach_alternative(html, "text/html")
        built.append(message)
    connection.send_messages(built)
    return time.perf_counter() - started


def only_first(count: int) -> None:
    """Leave the first `count` organizations active (the others are owed nothing)."""
    from members.models import Organization

    keep = Organization.objects.order_by("pk").values_list("pk", flat=True)[:count]
    Organization.objects.exclude(pk__in=list(keep)).update(status="paused")


def restore() -> None:
    from django.db import connection

    from members.models import Organization

    Organization.objects.filter(status="paused").update(status="active")
    with connection.cursor() as cursor:
        # Pausing and restoring rewrote every row; autovacuum may be off (it is on the
        # machines this ran on), and the dead rows would slow every later run.
        cursor.execute("VACUUM ANALYZE members_organization")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--delayed-count", type=int, default=500)
    args = parser.parse_args()
    sink, controller = start_sink()
    proxy_port, stop_proxy = start_delay_proxy(controller.port)
    configure(controller.port)
    result, messages = {}, []
    for label, port, count in (
        ("direct", controller.port, args.count),
        ("delayed", proxy_port, args.delayed_count),
    ):
        set_port(port)
        only_first(count)
        try:
            before = (sink.messages, sink.connections)
            run = pipeline(count)
            run["smtp_connections"] = sink.connections - before[1]
            run["received"] = sink.messages - before[0]
        finally:
            restore()
        found = run.pop("messages")
        messages = messages or found
        sample = messages[: run["sent"]]
        before = sink.connections
        run["mass_s"] = mass(sample)
        run["mass_connections"] = sink.connections - before
        run["mass_count"] = len(sample)
        run["same_s"] = mass_same(sample)
        run["per_email_ms"] = 1000 * run["total_s"] / max(run["sent"], 1)
        run["mass_per_email_ms"] = 1000 * run["mass_s"] / max(len(sample), 1)
        run["same_per_email_ms"] = 1000 * run["same_s"] / max(len(sample), 1)
        result[label] = run
    stop_proxy()
    controller.stop()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
