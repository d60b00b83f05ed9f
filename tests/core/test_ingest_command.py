"""`ipgov import` (and its aliases) given a path that is not a readable file: a sentence of what is wrong and
what to do, in the CLI's language, before anything is read or written."""

import os

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation


def refused(*args) -> str:
    with pytest.raises(CommandError) as info:
        call_command(*args, "--quiet")
    return str(info.value)


def test_a_directory_is_not_called_a_missing_file(tmp_path):
    folder = tmp_path / "导出"
    folder.mkdir()
    (folder / "2023专利.csv").write_text("申请号\n", encoding="utf-8")
    message = refused("import", str(folder))
    assert message == (f"{folder} 是一个目录，不是文件：请指定该目录中的一个文件，"
                       f"例如 ipgov import {folder}/2023专利.csv")
    assert "没有该文件" not in message
    with translation.override("en"):
        assert refused("import", str(folder)) == (
            f"{folder} is a directory, not a file: name a file in it, e.g. ipgov import {folder}/2023专利.csv")


def test_the_example_is_the_command_that_was_run(tmp_path):
    with translation.override("en"):
        assert refused("import", str(tmp_path), "--kind", "pledges").endswith(
            f"e.g. ipgov import {tmp_path}/FILE --kind pledges")
        assert refused("import_finance", "pledges", str(tmp_path)).endswith(
            f"e.g. ipgov import_finance pledges {tmp_path}/FILE")
        assert refused("import_programs", "awards", str(tmp_path)).endswith(
            f"e.g. ipgov import_programs awards {tmp_path}/FILE")
        assert refused("concordance", "load", str(tmp_path)).endswith(
            f"e.g. ipgov concordance load {tmp_path}/FILE")
        assert refused("concordance", "load", str(tmp_path), "--layout", "cnipa", "--scheme", "gbt4754").endswith(
            f"e.g. ipgov concordance load {tmp_path}/FILE --layout cnipa --scheme gbt4754")


def test_a_missing_file_and_a_pipe(tmp_path):
    assert refused("import", str(tmp_path / "nope.csv")) == f"没有该文件：{tmp_path / 'nope.csv'}"
    os.mkfifo(tmp_path / "pipe")
    with translation.override("en"):
        assert refused("import", str(tmp_path / "pipe")) == (
            f"{tmp_path / 'pipe'} is not a regular file (it is a device, pipe or socket): name a regular file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file whatever its mode")
def test_an_unreadable_file(tmp_path):
    path = tmp_path / "secret.csv"
    path.write_text("申请号\n", encoding="utf-8")
    path.chmod(0)
    try:
        assert refused("import", str(path)).startswith(f"无法读取 {path}：没有读取权限")
    finally:
        path.chmod(0o600)


def test_a_file_the_user_may_not_read(tmp_path, monkeypatch):
    """As root (CI) every file is readable: the refusal of open() is simulated."""
    from ipgov.core import preflight

    path = tmp_path / "secret.csv"
    path.write_text("申请号\n", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(preflight, "open", refuse, raising=False)
    assert refused("import", str(path)) == (
        f"无法读取 {path}：没有读取权限。请申请该文件的读取权限，或将其复制到您有权读取的文件夹")
    with translation.override("en"):
        assert refused("import", str(path)) == (
            f"{path} cannot be read: permission denied. Ask for read access to it, or copy it to a folder you can read")


@pytest.mark.django_db
def test_the_ingest_path_itself_refuses_a_directory(tmp_path, system_actor):
    """Below the command (the web upload's and retry's path too): the same sentence, without a command line."""
    from ipgov.core.ingest.errors import ImportFailed
    from ipgov.core.ingest.registry import import_path

    with translation.override("en"), pytest.raises(ImportFailed) as info:
        import_path(tmp_path, kind="pledges")
    assert str(info.value) == f"{tmp_path} is a directory, not a file: name a file in it"
