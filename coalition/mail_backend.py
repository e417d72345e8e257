"""Django's SMTP backend, telling "refused" apart from "nobody knows".

When the connection breaks or times out after the whole message was handed over (after the
final "." of DATA) the server may well have accepted it: sending again could deliver it twice.
Such failures are raised as `OutcomeUnknown`, which coalition/delivery.py flags for staff
instead of retrying. Production sets EMAIL_DELIVERY_BACKEND to this class.
"""

import smtplib

from django.core.mail.backends import smtp

END_OF_DATA = b"\r\n.\r\n"


class OutcomeUnknown(Exception):
    """The message was handed over but the server's answer never came."""


class _Tracking:
    body_sent = False

    def send(self, s):
        super().send(s)
        if isinstance(s, bytes) and s.endswith(END_OF_DATA):
            self.body_sent = True

    def mail(self, *args, **kwargs):
        self.body_sent = False
        return super().mail(*args, **kwargs)


class TrackingSMTP(_Tracking, smtplib.SMTP):
    pass


class TrackingSMTPSSL(_Tracking, smtplib.SMTP_SSL):
    pass


class EmailBackend(smtp.EmailBackend):
    @property
    def connection_class(self):
        return TrackingSMTPSSL if self.use_ssl else TrackingSMTP

    def _send(self, email_message):
        try:
            return super()._send(email_message)
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            if getattr(self.connection, "body_sent", False):
                raise OutcomeUnknown(f"no answer after the message was handed over: {exc}") from exc
            raise
