"""Django's SMTP backend, with a connection that knows whether the message was handed over.

When the connection breaks or times out after the whole message was sent (after the final
"." of DATA) the server may well have accepted it: sending again could deliver it twice.
The connection's `body_sent` tells outbox/delivery.py so, which then flags the email for
staff instead of retrying. Production sets EMAIL_DELIVERY_BACKEND to this class.
"""

import smtplib

from django.core.mail.backends import smtp

END_OF_DATA = b"\r\n.\r\n"


class BodyTracking:
    """Mixin for smtplib.SMTP: `body_sent` is True once the current message's DATA ended."""

    body_sent = False

    def send(self, s: bytes | str) -> None:
        super().send(s)
        if isinstance(s, bytes) and s.endswith(END_OF_DATA):
            self.body_sent = True

    def mail(self, *args, **kwargs) -> tuple[int, bytes]:
        self.body_sent = False
        return super().mail(*args, **kwargs)


class TrackingSMTP(BodyTracking, smtplib.SMTP):
    pass


class TrackingSMTPSSL(BodyTracking, smtplib.SMTP_SSL):
    pass


class EmailBackend(smtp.EmailBackend):
    @property
    def connection_class(self) -> type[smtplib.SMTP]:
        return TrackingSMTPSSL if self.use_ssl else TrackingSMTP
