"""schemathesis over the served demo (IPGOV_DEMO_HOME, see test_demo_outputs.py): the demo app under
gunicorn, its OpenAPI schema walked by the schemathesis CLI in a quick mode (a bounded number of generated
requests per operation, fixed seed): no 5xx, status codes, content types and JSON bodies as documented.

The open-data operations without a key; the staff operations without a token (every one a documented
401) and, unless IPGOV_DEMO_READONLY is set, with a province administrator's read-only token over the
demo's 750k patents (creating the token is the only write). GET only: the demo is not changed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.acceptance.test_demo_outputs import DEMO_HOME, ipgov

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not DEMO_HOME, reason="IPGOV_DEMO_HOME is not set (see test_demo_outputs.py)")]
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
EXAMPLES = os.environ.get("IPGOV_SCHEMA_EXAMPLES", "10")  # per operation; CI's quick mode


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served():
    port = _free_port()
    env = {**os.environ, "IPGOV_HOME": DEMO_HOME, "DJANGO_SETTINGS_MODULE": "ipgov.settings",
           "IPGOV_API_RATE_ANONYMOUS": "1000000000", "IPGOV_API_RATE_TOKEN": "1000000000",
           "IPGOV_ALLOWED_HOSTS": "127.0.0.1"}
    env.pop("IPGOV_DATABASE_URL", None)
    # --limit-request-line 0: the fuzzer draws URLs of many kilobytes, which gunicorn would refuse with 414
    # before the application sees them; the walk checks the application's answers, not the server's limit
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "ipgov.wsgi", "--bind", f"127.0.0.1:{port}",
                               "--workers", "2", "--timeout", "300", "--limit-request-line", "0"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=10).read()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"gunicorn ended: {server.stderr.read()}")
                time.sleep(1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def walk(base: str, *options: str) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).with_name("schemathesis")), "run", f"{base}/api/v1/openapi.json",
               "--checks", CHECKS, "--max-examples", EXAMPLES, "--seed", "18", "--phases", "examples,fuzzing",
               "--include-method", "GET", "--request-timeout", "120", "--no-color", *options]
    return subprocess.run(command, capture_output=True, text=True, timeout=1800)


def _passed(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout or "passed" in result.stdout


def test_open_data_operations_without_a_key(served):
    _passed(walk(served, "--include-path-regex", "^/api/v1/open/"))


def test_staff_operations_without_a_token_answer_401(served):
    _passed(walk(served, "--exclude-path-regex", "^/api/v1/open/"))


@pytest.mark.skipif(bool(os.environ.get("IPGOV_DEMO_READONLY")), reason="IPGOV_DEMO_READONLY: no token written")
def test_staff_operations_with_a_token(served):
    added = ipgov("token", "add", "henan_admin", "--read-only", "--expires", "1d")
    assert added.returncode == 0, added.stderr
    token = added.stdout.split()[-1]
    _passed(walk(served, "--exclude-path-regex", "^/api/v1/open/", "--header", f"Authorization: Bearer {token}"))
