"""What can fail is checked before the long work: a sentence within seconds, never after 15 minutes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from django.utils import translation

from ipgov.core import preflight


def _ipgov(home, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("IPGOV_")}
    environ.update(IPGOV_HOME=str(home), **env)
    return subprocess.run([sys.executable, "-m", "ipgov", *args], capture_output=True, text=True, env=environ,
                          stdin=subprocess.DEVNULL, timeout=300)


def test_demo_stops_at_once_when_the_database_is_unreachable(tmp_path):
    started = time.monotonic()
    result = _ipgov(tmp_path, "demo", "--no-serve", IPGOV_LANGUAGE="en",
                    IPGOV_DATABASE_URL="postgresql://postgres@127.0.0.1:9/ipgov_nowhere")
    assert result.returncode == 1
    assert "cannot start:" in result.stderr
    assert "the database 127.0.0.1:9/ipgov_nowhere is not reachable" in result.stderr
    assert "correct IPGOV_DATABASE_URL" in result.stderr and "Traceback" not in result.stderr
    assert "==" not in result.stdout  # not one step ran
    assert time.monotonic() - started < 120


def test_an_ipgov_home_that_cannot_be_created_is_a_sentence(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = _ipgov(blocker / "home", "init")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"IPGOV_HOME {blocker / 'home'} cannot be created" in result.stderr


def test_disk_space_and_home_checks(tmp_path):
    assert preflight.home_writable(tmp_path) is None
    assert preflight.disk_space(tmp_path, 1, "a byte") is None
    with translation.override("en"):
        message = preflight.disk_space(tmp_path, 10 ** 18, "the demo")
    assert message.startswith("only ") and "the demo needs about 931322575 GiB" in message


def test_a_home_that_cannot_be_written(tmp_path):
    # /proc refuses new files even to root (CI runs as root, so a chmod would not do)
    with translation.override("en"):
        assert preflight.home_writable(Path("/proc")).startswith("IPGOV_HOME /proc is not writable")
    # in the office's language (the default) the same sentence is Chinese
    assert preflight.home_writable(Path("/proc")).startswith("IPGOV_HOME /proc 不可写入")
