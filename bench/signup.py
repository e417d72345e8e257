"""Signup timings for a known and a new address: `python -m bench.signup [--size 1x]`.

Posts the signup form with Django's test client (DEBUG off, the real password hasher) for
an address that has an account and for new ones, alternately, and prints one JSON object on
its last line: the median of each in milliseconds, side by side. The two answers look the
same; if their times differ well beyond the noise, the time tells whether an address has an
account. No floor: the report shows them side by side.

Needs a migrated database (`--size` picks the seeded bench one, `--database-url` any other);
everything it creates is deleted afterwards.
"""

import argparse
import json
import os
import statistics
import time
import uuid

from bench.seed import database_url

KNOWN = "bench-signup-known@example.org"
PASSWORD = "calm-river-lantern-42"  # noqa: S105


def configure(url: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=url,
        DEBUG="false",
        SECRET_KEY="bench-only-not-secret",  # noqa: S106
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        BENCH_PLAIN_STATIC="1",
        # Dozens of signups a minute from one address is the point here, not an attack.
        ACCOUNT_RATE_LIMITS_ENABLED="false",
        # Queued confirmation emails are delivered in-process: to memory, not the console.
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def signup_ms(email: str) -> float:
    from django.test import Client
    from django.urls import reverse

    form = {"name": "Dana", "email": email, "password1": PASSWORD, "password2": PASSWORD}
    client = Client()
    start = time.perf_counter()
    response = client.post(reverse("account_signup"), form)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 302, f"signup answered {response.status_code}"
    return elapsed


def measure(runs: int) -> dict:
    from django.contrib.auth import get_user_model
    from post_office.models import Email

    user_model = get_user_model()
    user_model.objects.create_user(email=KNOWN, password=PASSWORD)
    last_email = Email.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    fresh = [f"bench-signup-{uuid.uuid4().hex}@example.org" for _ in range(runs + 1)]
    existing, new = [], []
    try:
        signup_ms(KNOWN), signup_ms(fresh.pop())  # warm up: imports, templates, connection
        for address in fresh:
            existing.append(signup_ms(KNOWN))
            new.append(signup_ms(address))
    finally:
        user_model.objects.filter(email__startswith="bench-signup-").delete()
        Email.objects.filter(pk__gt=last_email, to__contains="bench-signup-").delete()
    return {
        "signup_existing_ms": round(statistics.median(existing), 1),
        "signup_new_ms": round(statistics.median(new), 1),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1x", help="bench database: 1x or 10x")
    parser.add_argument("--database-url", help="any other migrated database")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    configure(args.database_url or database_url(args.size))
    print(json.dumps(measure(args.runs)))


if __name__ == "__main__":
    main()
