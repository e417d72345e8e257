from django.db import models
from django.utils import timezone


class MailHandoff(models.Model):
    """An email a worker is handing to the SMTP server, or one staff must look at.

    The row is written, and the email taken out of the queue, when a worker claims it;
    `attempted_at` is set just before the SMTP call, and the row is removed when the server
    answers. One left in `sending` means the worker stopped: never attempted, the email goes
    back to the queue; attempted, nobody knows whether the message went out, so the sweep
    marks it `unknown` for staff instead of sending it again (outbox/delivery.py).
    `refused` keeps a permanent (5xx) refusal: never retried.
    """

    class State(models.TextChoices):
        SENDING = "sending", "Sending"
        UNKNOWN = "unknown", "Outcome unknown: check before resending"
        REFUSED = "refused", "Refused by the mail server"

    email = models.OneToOneField(
        "post_office.Email", on_delete=models.CASCADE, primary_key=True, related_name="handoff"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.SENDING)
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    attempted_at = models.DateTimeField("handed to the server", null=True, blank=True)
    detail = models.TextField(blank=True)

    class Meta:
        # Created by the coalition app before the model moved here: the table kept its name.
        db_table = "coalition_mailhandoff"
        ordering = ["-started_at"]
        verbose_name = "email needing attention"
        verbose_name_plural = "emails needing attention"

    def __str__(self) -> str:
        return f"{self.get_state_display()}: email #{self.email_id}"


class MailCalendar(models.Model):
    """A calendar file that goes with one or many queued emails, attached at delivery.

    Stored once for all its emails, in the transaction that queues them, so any worker can
    read it and a rollback leaves nothing behind."""

    filename = models.CharField(max_length=100)
    mimetype = models.CharField(max_length=100, default="text/calendar")
    # iTIP method (RFC 5546): REQUEST or CANCEL makes an inline part calendar apps act on
    # (RFC 6047); blank keeps a plain attachment.
    method = models.CharField(max_length=20, blank=True)
    text = models.TextField()
    emails = models.ManyToManyField("post_office.Email", related_name="calendars")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "email calendar"

    def __str__(self) -> str:
        return self.filename


class Suppression(models.Model):
    """An address bulk mail skips: its mail server refused a message for good (a hard bounce).

    Lifted (the row deleted) when the person confirms or changes the address again, or by
    staff in the admin. Mail that answers the person's own action still goes out."""

    class Reason(models.TextChoices):
        HARD_BOUNCE = "hard_bounce", "Refused for good by the mail server"

    # Stored in lower case: mail servers treat the local part as one mailbox either way.
    address = models.EmailField(unique=True)
    reason = models.CharField(max_length=20, choices=Reason.choices, default=Reason.HARD_BOUNCE)
    detail = models.TextField("server's answer", blank=True)
    since = models.DateTimeField("suppressed since", default=timezone.now)
    email = models.ForeignKey(
        "post_office.Email",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="bounced email",
    )

    class Meta:
        ordering = ["-since"]
        verbose_name = "suppressed address"
        verbose_name_plural = "suppressed addresses"

    def __str__(self) -> str:
        return self.address
