import os
import subprocess
import sys


def start_with(**env: str) -> subprocess.CompletedProcess:
    """Start Django with these variables; stdout holds the settings it read, as repr()."""
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "coalition.settings", **env}
    show = "from django.conf import settings as s; print(repr((s.SECRET_KEY, s.ALLOWED_HOSTS)))"
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {show}"],
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


def test_it_reads_a_leading_escaped_dollar_sign_as_written():
    result = start_with(SECRET_KEY=r"\$ecret-from-a-generator")
    assert result.returncode == 0, result.stderr
    assert "'$ecret-from-a-generator'" in result.stdout


def test_it_trims_the_spaces_around_each_host():
    result = start_with(ALLOWED_HOSTS="portal.example, www.portal.example")
    assert "['portal.example', 'www.portal.example']" in result.stdout
