import os
import subprocess
import sys


def start_with(**env: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "coalition.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_names_a_bad_boolean():
    result = start_with(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'maybe'" in result.stderr


def test_it_names_a_bad_number():
    result = start_with(EMAIL_PORT="twenty-five")
    assert result.returncode != 0
    assert "EMAIL_PORT must be a whole number" in result.stderr


def test_it_requires_secret_key_when_debug_is_off():
    result = start_with(DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_it_starts_with_development_defaults():
    assert start_with().returncode == 0
