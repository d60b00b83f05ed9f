"""Separate IPGOV_HOMEs driven through the real `ipgov` command, for tests of whole processes
(serving, locking, backup and restore) that the in-process test database cannot stand for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def home_env(home: Path, **extra) -> dict:
    """The environment of an `ipgov` process on `home`: its own SQLite file unless `extra` names an
    IPGOV_DATABASE_URL; the test run's own IPGOV_* settings are not inherited."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPGOV_")}
    env.update(IPGOV_HOME=str(home), PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get(
        "PYTHONPATH")])), DJANGO_SETTINGS_MODULE="ipgov.settings")
    env.update({k: str(v) for k, v in extra.items()})
    return env


def ipgov(*args, env: dict, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "ipgov", *map(str, args)], env=env, capture_output=True,
                            text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"ipgov {' '.join(map(str, args))} exited {result.returncode}:\n{result.stderr}")
    return result
