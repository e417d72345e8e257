"""Production settings plus the two "hello" views pages are measured against (bench/urls.py)."""

import os

from coalition.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# collectstatic writes here (a temporary directory), so the checkout stays clean.
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)  # noqa: F405
if os.environ.get("BENCH_PLAIN_STATIC"):
    # In-process runs (test client) skip collectstatic: plain storage, no manifest.
    STORAGES = {  # noqa: F405
        **STORAGES,  # noqa: F405
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
