"""The Spanish catalogue is complete: every string marked in the code has a translation."""

import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SOURCES = ["manage.py", "coalition", "members", "pledges", "campaigns", "outbox", "templates"]


def test_every_marked_string_has_a_spanish_translation(tmp_path):
    """makemessages on a copy of the code, then msgfmt: nothing untranslated, nothing fuzzy."""
    root = Path(settings.BASE_DIR)
    skip = shutil.ignore_patterns("__pycache__", "tests", "migrations")
    for name in SOURCES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=skip)
        else:
            shutil.copy(source, tmp_path / name)
    shutil.copytree(root / "locale", tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-obsolete", "-v", "0"],
        cwd=tmp_path,
        check=True,
    )
    po = tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.po"
    checked = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    statistics = checked.stderr.strip()
    assert "translated message" in statistics
    assert "untranslated" not in statistics and "fuzzy" not in statistics, statistics


def test_the_pages_speak_spanish_when_the_browser_asks(client, db):
    response = client.get("/", headers={"accept-language": "es-MX,es;q=0.9,en;q=0.5"})
    assert response["Content-Language"] == "es"
    assert '<html lang="es">' in response.text
