import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_region_show(capsys):
    call_command("region", "show", "410306")
    out = capsys.readouterr().out
    assert "410306 吉利区" in out and "（已撤销）" in out
    assert "隶属：河南省 (410000) > 洛阳市 (410300) > 吉利区 (410306)" in out
    assert "人口：69,142（2020年" in out
    assert "继承区划：410308 孟津区（2021年起）" in out
    with translation.override("en"):
        call_command("region", "show", "410306")
    out = capsys.readouterr().out
    assert "(retired)" in out and "population: 69,142 (2020" in out and "successor: 410308 孟津区 (since 2021)" in out


def test_region_show_json(capsys):
    call_command("region", "show", "410171", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["level"] == "zone" and data["legal_division"] is False
    assert [c["code"] for c in data["chain"]] == ["410000", "410100", "410171"]


def test_region_show_unknown_code():
    with pytest.raises(CommandError, match="unknown region code '999999'"):
        call_command("region", "show", "999999")


def test_region_resolve(capsys):
    call_command("region", "resolve", "450001 河南省郑州市高新技术产业开发区莲花街100号")
    out = capsys.readouterr().out
    assert out.startswith("410172  河南省 郑州市 郑州高新技术产业开发区  [zone]")


def test_region_resolve_json_and_as_of(capsys):
    call_command("region", "resolve", "洛阳市偃师市", "--as-of", "2020-01-01", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["code"] == "410381" and data["names"] == ["河南省", "洛阳市", "偃师市"]


def test_region_resolve_unresolved_exits_non_zero(capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("region", "resolve", "河南省河北省")
    assert exit_info.value.code == 1
    assert "未能识别：出现了两个省级地名（河北省、河南省）" in capsys.readouterr().out


def test_region_resolve_reasons_and_old_names_in_both_languages(capsys):
    from django.utils import translation

    from ipgov.regions import resolver

    ambiguous = resolver.resolve("朝阳区建国路1号")  # 北京 and 长春 both have a 朝阳区
    assert not ambiguous.resolved and ambiguous.reason.startswith("ambiguous: 朝阳区")  # stable for the callers
    with translation.override("en"):
        assert ambiguous.message.startswith("ambiguous: 朝阳区 matches")
    with translation.override("zh-hans"):
        assert ambiguous.message.startswith("有歧义：朝阳区 对应")
    many = resolver.Resolution(resolved=False, reason="ambiguous", kind="ambiguous",
                               params=(("name", "新区"), ("count", 8), ("listed", "…"), ("more", 2)))
    with translation.override("zh-hans"):
        assert many.message == "有歧义：新区 对应 8 个地区（…等，另有 2 个）"
    with translation.override("en"):
        assert many.message == "ambiguous: 新区 matches 8 regions (… and 2 more)"
    with pytest.raises(SystemExit):
        call_command("region", "resolve", "")
    assert "未能识别：地址为空" in capsys.readouterr().out


def test_region_load_population(tmp_path, capsys):
    path = tmp_path / "p.csv"
    path.write_text("code,year,population\n410300,2022,7079000\n", encoding="utf-8")
    call_command("region", "load-population", str(path), "--source", "洛阳统计公报 2022")
    assert "population：新增 1，更新 0，未变 0" in capsys.readouterr().out


def test_region_load_population_from_a_directory_says_so(tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("region", "load-population", str(tmp_path), "--source", "洛阳统计公报 2022")
    assert str(refused.value) == (f"{tmp_path} 是一个目录，不是文件：请指定该目录中的一个文件，例如 "
                                  f"ipgov region load-population {tmp_path}/某文件 --source '洛阳统计公报 2022'")
    with translation.override("en"), pytest.raises(CommandError, match="^no such file: "):
        call_command("region", "load-population", str(tmp_path / "p.csv"), "--source", "x")
