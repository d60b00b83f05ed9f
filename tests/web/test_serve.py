"""`ipgov serve` runs gunicorn; while another writer holds the SQLite lock, the office gets a 503 page."""

import http.cookiejar
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.homes import home_env, ipgov


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("serve_home")
    env = home_env(home, IPGOV_WEB_LOCK_TIMEOUT=1, IPGOV_WEB_WORKERS=1)
    ipgov("migrate", "-v0", env=env)
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "ipgov", "serve", f"127.0.0.1:{port}"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url + "/login/", timeout=15)
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError):  # a first request on a busy machine
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError("ipgov serve did not start:\n" + process.stdout.read()) from None
            time.sleep(0.5)
    yield url, home
    process.send_signal(signal.SIGTERM)  # gunicorn's master replaced `ipgov serve`: a graceful stop
    process.wait(timeout=40)


def test_served_by_gunicorn_with_static_files(server):
    url, _ = server
    page = urllib.request.urlopen(url + "/login/")
    assert page.headers["Server"].startswith("gunicorn")
    css = urllib.request.urlopen(url + "/static/web/ipgov.css")
    assert css.status == 200 and b"{" in css.read()


def test_login_during_a_long_write_gets_try_again(server):
    url, home = server
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    form = opener.open(url + "/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "nobody",
                                   "password": "wrong"}).encode()
    request = urllib.request.Request(url + "/login/", data=data, headers={"Referer": url + "/login/"})
    holder = sqlite3.connect(home / "ipgov.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # stands for an import holding the write lock
    try:
        started = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as refused:
            opener.open(request)
        waited = time.monotonic() - started
    finally:
        holder.close()
    assert refused.value.code == 503 and refused.value.headers["Retry-After"] == "30"
    body = refused.value.read().decode()
    assert "导入正在进行" in body and "Traceback" not in body
    assert waited < 10  # a second's lock timeout, not gunicorn's worker timeout
    # the lock released, the same login is answered normally (a wrong password: the form again)
    assert opener.open(request).status == 200


def test_serve_refuses_a_timeout_below_the_lock_wait(tmp_path):
    result = ipgov("serve", "--timeout", "5", env=home_env(tmp_path), check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "at least 10 s longer" in result.stderr


def test_gunicorn_settings(settings):
    from ipgov.web.server import ServerOptions, gunicorn_command

    settings.IPGOV_TRUSTED_PROXIES = ()
    command = gunicorn_command(ServerOptions.from_environment("0.0.0.0:9000", 3, 90))
    assert command[command.index("--bind") + 1] == "0.0.0.0:9000"
    assert command[command.index("--workers") + 1] == "3"
    assert command[command.index("--timeout") + 1] == "90"
    assert command[command.index("--forwarded-allow-ips") + 1] == ""  # nobody's X-Forwarded-Proto counts
