"""An SMTP server that misbehaves on purpose, for the delivery tests."""

import asyncio
import contextlib

import pytest
from aiosmtpd.controller import Controller

from conftest import free_port


class MoodySink:
    """An SMTP server that refuses or stalls on purpose, per recipient.

    `temporary[address] = n` answers 421 to the first n tries for that address;
    `permanent` answers 550; `silent` never answers the recipient at all; `slow` takes the
    message and never gives the final answer.
    """

    def __init__(self):
        self.messages: list[dict] = []
        self.temporary: dict[str, int] = {}
        self.permanent: set[str] = set()
        self.silent: set[str] = set()
        self.slow: set[str] = set()
        self.release = asyncio.Event()
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        if address in self.silent:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.release.wait(), timeout=30)
            return "451 Too late"
        if address in self.permanent:
            return "550 No such mailbox"
        if self.temporary.get(address, 0) > 0:
            self.temporary[address] -= 1
            return "421 Busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append({"to": envelope.rcpt_tos, "data": envelope.content.decode()})
        if self.slow & set(envelope.rcpt_tos):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.release.wait(), timeout=30)
        return "250 OK"


@pytest.fixture
def moody_sink(settings):
    sink = MoodySink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "outbox.backends.EmailBackend"},
    }
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 1
    yield sink
    controller.loop.call_soon_threadsafe(sink.release.set)
    controller.stop()
