"""What can fail is checked before the long work: a sentence within seconds, never after 15 minutes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
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


def test_a_readable_file_passes(tmp_path):
    path = tmp_path / "专利.csv"
    path.write_text("申请号\n", encoding="utf-8")
    assert preflight.readable_file(path) is None
    assert preflight.readable_file(str(path), "ipgov import {file}") is None


def test_a_directory_is_named_as_one_with_a_command_line_to_copy(tmp_path):
    """Not "no such file": the directory is there. The sentence says what to give instead, with the command
    line completed by a file of the directory (or a placeholder when it holds none)."""
    empty = tmp_path / "空目录"
    empty.mkdir()
    assert preflight.readable_file(empty, "ipgov import {file}") == (
        f"{empty} 是一个目录，不是文件：请指定该目录中的一个文件，例如 ipgov import {empty}/某文件")
    with translation.override("en"):
        assert preflight.readable_file(empty, "ipgov import {file} --kind pledges") == (
            f"{empty} is a directory, not a file: name a file in it, e.g. ipgov import {empty}/FILE --kind pledges")
        assert preflight.readable_file(empty) == f"{empty} is a directory, not a file: name a file in it"
    assert preflight.readable_file(empty) == f"{empty} 是一个目录，不是文件：请指定该目录中的一个文件"
    (tmp_path / "exports").mkdir()
    for name in ("b.csv", ".hidden.csv", "a.xlsx"):
        (tmp_path / "exports" / name).write_text("x", encoding="utf-8")
    (tmp_path / "exports" / "0-sub").mkdir()
    with translation.override("en"):
        assert preflight.readable_file(tmp_path / "exports", "ipgov import {file}").endswith(
            f"e.g. ipgov import {tmp_path}/exports/a.xlsx")  # the first visible file, not a hidden one or a folder
    spaced = tmp_path / "my exports"
    spaced.mkdir()
    (spaced / "it's.csv").write_text("x", encoding="utf-8")
    with translation.override("en"):  # a name the shell would split is quoted, ready to paste
        assert preflight.readable_file(spaced, "ipgov import {file}").endswith(
            "e.g. ipgov import '" + str(spaced) + "/it'\"'\"'s.csv'")


def test_a_missing_file_a_pipe_and_a_device(tmp_path):
    assert preflight.readable_file(tmp_path / "nope.csv") == f"没有该文件：{tmp_path / 'nope.csv'}"
    assert preflight.readable_file(tmp_path / "nope" / "x.csv") == f"没有该文件：{tmp_path / 'nope' / 'x.csv'}"
    os.mkfifo(tmp_path / "pipe")
    assert preflight.readable_file(tmp_path / "pipe") == (
        f"{tmp_path / 'pipe'} 不是普通文件（而是设备、管道或套接字）：请指定一个普通文件")  # not opened: it would block
    with translation.override("en"):
        assert preflight.readable_file("/dev/null") == (
            "/dev/null is not a regular file (it is a device, pipe or socket): name a regular file")


def test_a_file_that_cannot_be_read_says_permission_denied(tmp_path, monkeypatch):
    """Root reads anything (CI runs as root), so the refusal of open() is simulated here; the chmod test
    below checks the same sentence for real when not root."""
    path = tmp_path / "secret.csv"
    path.write_text("x", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(preflight, "open", refuse, raising=False)
    assert preflight.readable_file(path) == (
        f"无法读取 {path}：没有读取权限。请申请该文件的读取权限，或将其复制到您有权读取的文件夹")
    with translation.override("en"):
        assert preflight.readable_file(path) == (
            f"{path} cannot be read: permission denied. Ask for read access to it, or copy it to a folder you can read")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file whatever its mode")
def test_an_unreadable_file_for_real(tmp_path):
    path = tmp_path / "secret.csv"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    try:
        with translation.override("en"):
            assert preflight.readable_file(path).startswith(f"{path} cannot be read: permission denied")
    finally:
        path.chmod(0o600)
