"""`ipgov init` and the office path of the README: an empty home, the reference data, the real sample.

The first test drives the CLI as a user would (subprocesses, a fresh IPGOV_HOME with its own SQLite),
so what it checks is what a person sees: exit codes, sentences, and no traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation

from ipgov.core import reference
from ipgov.rights import classification
from ipgov.rights.models import IpcEntry, NiceClass
from tests.paths import PATENT_SAMPLE_CSV


def _ipgov(home, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("IPGOV_", "DJANGO_SUPERUSER_"))}
    environ.update(IPGOV_HOME=str(home), **env)  # its own embedded database, whatever the suite runs on
    environ.setdefault("IPGOV_LANGUAGE", "en")  # the messages are asserted as the source writes them
    result = subprocess.run([sys.executable, "-m", "ipgov", *args], capture_output=True, text=True,
                            env=environ, stdin=subprocess.DEVNULL, timeout=600)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return result


def _value(home, period: str, region: str = "410000") -> int:
    result = _ipgov(home, "indicator", "patent_applications", "--region", region, "--period", period, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["value"]


@pytest.mark.slow  # about two minutes on two cores; its own SQLite, so the PostgreSQL run would repeat it
def test_office_path_on_an_empty_home(tmp_path):
    home = tmp_path / "home"
    # before `ipgov init`: a sentence naming it, never a traceback
    refused = _ipgov(home, "import", str(PATENT_SAMPLE_CSV))
    assert refused.returncode == 2 and "ipgov init" in refused.stderr and "no tables" in refused.stderr
    assert _ipgov(home, "migrate", "-v0").returncode == 0  # migrated but empty, as `ipgov migrate` leaves it
    for args in (("import", str(PATENT_SAMPLE_CSV)), ("region", "show", "410300"),
                 ("indicator", "patent_applications", "--region", "410000", "--period", "2020")):
        refused = _ipgov(home, *args)
        assert refused.returncode == 2, refused
        assert "divisions" in refused.stderr and "run `ipgov init` first" in refused.stderr

    init = _ipgov(home, "init")
    assert init.returncode == 0, init.stderr
    assert "region: 6571 new" in init.stdout and "IPC 2026.01 sections/classes/subclasses: 782 new" in init.stdout
    assert "No administrator created (no terminal, DJANGO_SUPERUSER_USERNAME not set)" in init.stdout
    again = _ipgov(home, "init")
    assert "Reference data already in place; nothing changed." in again.stdout

    imported = _ipgov(home, "import", str(PATENT_SAMPLE_CSV))
    assert imported.returncode == 0, imported.stderr
    assert "10 created" in imported.stdout and "0 applicants without a region" in imported.stdout
    shown = _ipgov(home, "region", "show", "410300")
    assert shown.returncode == 0 and "洛阳市" in shown.stdout
    # the README says `ipgov compute`; the range is narrowed to the sample's years to keep the test quick
    computed = _ipgov(home, "compute", "--from", "2020-01", "--to", "2023-12")
    assert computed.returncode == 0, computed.stderr
    # counted by hand from the file's 申请日 column: none in 2020; 2021-07-15 ×2, 2021-07-28, 2021-07-30 ×2,
    # 2021-11-30 → 6; 2022-11-02, 2022-12-02, 2022-12-30 → 3; 2023-05-23 → 1 (all in Zhengzhou)
    assert _value(home, "2020") == 0
    assert _value(home, "2021") == 6
    assert _value(home, "2022") == 3
    assert _value(home, "2023") == 1
    assert _value(home, "2021", region="410100") == 6
    assert _value(home, "2021", region="410300") == 0


@pytest.mark.django_db
def test_classifications_load_once_with_real_rows():
    first = classification.load()
    with translation.override("en"):  # the lines as the source writes them (zh-Hans: "新增 0，更新 0，未变 782")
        second = classification.load()
    assert not second.changed
    assert second.lines == ["IPC 2026.01 sections/classes/subclasses: 0 new, 0 updated, 782 unchanged",
                            "Nice classes: 0 new, 0 updated, 45 unchanged"]
    assert first.changed or IpcEntry.objects.count() == 782
    assert IpcEntry.objects.filter(level="section").count() == 8
    assert IpcEntry.objects.get(code="H04N").parent == "H04"
    assert IpcEntry.objects.get(code="C01B").parent == "C01"  # the source has no C01 row; kept as a code
    assert NiceClass.objects.get(number=35).kind == "services"
    assert NiceClass.objects.get(number=9).heading_en.startswith("Scientific")
    assert reference.missing() == []


@pytest.mark.django_db
def test_first_administrator_from_the_environment(monkeypatch, capsys):
    translation.activate("en")  # the sentences as the source writes them (tests/core/test_cli_language.py: zh-Hans)
    User = get_user_model()
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    call_command("init", interactive=False)
    assert "No administrator created" in capsys.readouterr().out
    assert not User.objects.filter(is_superuser=True).exists()

    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "office_admin")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "short")
    with pytest.raises(CommandError, match="DJANGO_SUPERUSER_PASSWORD refused: This password is too short"):
        call_command("init", interactive=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD")
    with pytest.raises(CommandError, match="DJANGO_SUPERUSER_PASSWORD is not set"):
        call_command("init", interactive=False)

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Henan-office-2026")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "ip@example.org")
    call_command("init", interactive=False)
    assert "Administrator office_admin created" in capsys.readouterr().out
    admin = User.objects.get(username="office_admin")
    assert admin.is_superuser and admin.email == "ip@example.org" and admin.check_password("Henan-office-2026")
    call_command("init", interactive=False)
    assert "Administrator: office_admin (already there)." in capsys.readouterr().out
    assert User.objects.filter(is_superuser=True).count() == 1


def test_missing_reference_data_is_said_in_the_office_language():
    # zh-Hans is active by default (tests/conftest.py); the names come from the apps in English
    message = str(reference.ReferenceDataMissing(["divisions", "IPC classification"]))
    assert message == ("基础数据尚未载入（行政区划, 国际专利分类（IPC））："
                       "请先运行 `ipgov init`（载入行政区划、人口、分类表和指标目录）")
