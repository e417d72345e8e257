"""Production settings plus one bare "hello" view to measure pages against."""

from coalition.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
