"""The CLI speaks the office's zh-Hans unless IPGOV_LANGUAGE or an English locale says otherwise."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from ipgov.cli import _project_help, cli_language
from tests.rights.conftest import sample_rows, with_values, write_csv


@pytest.mark.parametrize("environ, expected", [
    ({}, "zh-hans"),
    ({"LANG": "C.UTF-8"}, "zh-hans"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh-hans"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"IPGOV_LANGUAGE": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"IPGOV_LANGUAGE": "zh_Hans", "LANG": "en_US.UTF-8"}, "zh-hans"),
    ({"IPGOV_LANGUAGE": "fr"}, "zh-hans"),
])
def test_language_choice(environ, expected):
    assert cli_language(environ) == expected


def test_help_in_both_languages():
    with translation.override("zh-hans"):
        zh = _project_help()
    with translation.override("en"):
        en = _project_help()
    assert zh.startswith("用法：ipgov 命令") and "登记、办理、延期" in zh  # the `case` verb's summary
    assert en.startswith("usage: ipgov VERB") and "open, move, extend" in en


def _option_helps(parser):
    """(command path, option, help) of every option of a parser and its sub-commands."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                for where, option, text in _option_helps(sub):
                    yield f"{name} {where}".strip(), option, text
        elif action.help and action.help != argparse.SUPPRESS:
            yield "", "/".join(action.option_strings) or action.dest, str(action.help)


EXAMPLE_NAMES = {"洛阳", "河南", "河南省", "郑州", "郑州市市场监督管理局", "知识产权工作报告", "统计月报",
                 "对照表", "目标代码", "目标名称", "来源", "专利导航报告"}  # names an English help may quote


def test_every_verb_and_option_is_helped_in_both_languages():
    """`ipgov VERB --help` in zh-Hans: the verb's summary and every option's help (Django's own options and
    argparse's headings included) are Chinese; in English, English."""
    import re

    from django.core.management import get_commands, load_command_class

    from ipgov.cli import PROJECT_APP_PREFIX

    verbs = sorted((n, a) for n, a in get_commands().items() if a.startswith(PROJECT_APP_PREFIX))
    assert {"backup", "demo", "import", "import_finance", "import_programs", "init", "release", "restore",
            "serve", "token", "cutoff"} <= {n for n, _ in verbs}
    cjk = re.compile(r"[\u4e00-\u9fff]+")
    english = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for name, app in verbs:
                parser = load_command_class(app, name).create_parser("ipgov", name)
                helps = [("", "(summary)", parser.description or ""), *_option_helps(parser)]
                for where, option, text in helps:
                    runs = set(cjk.findall(text))
                    ok = bool(runs) if language == "zh-hans" else runs <= EXAMPLE_NAMES
                    if not ok:
                        english.append(f"{language} ipgov {name} {where} {option}: {text[:60]}")
                if language == "zh-hans":
                    assert parser.format_help().startswith("用法："), name
    assert not english, "\n".join(english)
# ASCII words of 4+ letters that are sentence words, not names: file names, option names (--force),
# kind and executor codes and the CLI's own verbs stay as typed in either language.
CODES = {"ipgov", "import", "compute", "patents", "database", "duckdb", "sha256", "utf"}


def _english_words(text: str) -> list[str]:
    text = re.sub(r"\S+\.csv|--[a-z-]+|\b[A-Z]{2}\d[\w.]*|\b[A-Z]+\b", " ", text)  # FILE, NAME: placeholders
    text = re.sub(r"\b[a-z]+(?:_[a-z0-9]+)+\b", " ", text)  # indicator ids (patent_applications) are codes
    from ipgov.indicators import catalogue

    text = re.sub(r"\b(?:{})\b".format("|".join(catalogue.default().indicators)), " ", text)  # one-word ids (auctions)
    return [w for w in re.findall(r"[A-Za-z]{4,}", text) if w.lower() not in CODES]


def _run(language: str, tmp_path, capsys) -> str:
    header, rows = sample_rows()
    path = write_csv(tmp_path / f"{language}.csv", header, [rows[0], with_values(header, rows[1], 授权公告日="20990101")])
    with translation.override(language):
        with pytest.raises(CommandError) as refused:
            call_command("import", str(path), "--quiet", "--force")
        call_command("compute", "--executor", "database", "--from", "2020-01", "--to", "2020-06")
    captured = capsys.readouterr()
    return "\n".join([captured.out, captured.err, str(refused.value)])


@pytest.mark.django_db
def test_import_and_compute_output_in_both_languages(tmp_path, capsys):
    zh = _run("zh-hans", tmp_path, capsys)
    assert "已提交" in zh and "个单元格" in zh and "第 3 行，授权公告日为“20990101”：" in zh
    assert _english_words(zh) == [], zh
    en = _run("en", tmp_path, capsys)
    assert "unchanged since run #" in en and "committed" in en and "row 3, 授权公告日 = '20990101': 2099-01-01 is in the future" in en
    # the English output holds no Chinese beyond the data: the file's headers and the sample's values
    header, rows = sample_rows()
    data = set("".join(header + rows[0] + rows[1]))
    assert [c for c in en if "\u4e00" <= c <= "\u9fff" and c not in data] == [], en


def _verbs(language: str, tmp_path) -> str:
    """case, region, token, init, indicator, check and report, run in `language`; their stdout together."""
    from io import StringIO

    from django.contrib.auth import get_user_model

    from ipgov.core.choices import Role
    from ipgov.core.models import StaffProfile

    out = StringIO()

    def run(*args):
        call_command(*args, stdout=out)

    if not get_user_model().objects.filter(username="ly").exists():
        user = get_user_model().objects.create_user("ly", password="x-Long-enough-2026")
        StaffProfile.objects.create(user=user, role=Role.CITY_OFFICER, region_id="410300")
    with translation.override(language):
        run("case", "open", "patent_dispute", "--region", "410300", "--authority", "洛阳市市场监督管理局",
            "--received", "2019-09-27", "--complainant", "甲公司")
        run("case", "list", "--overdue", "--as-of", "2019-10-20")
        run("case", "list", "--region", "410300", "--as-of", "2019-10-20")
        run("case", "show", "ZLJF-410300-2019-00001")
        run("region", "show", "410306")
        run("token", "add", "ly", "--read-only", "--expires", "30d")
        run("token", "list")
        run("init", "--no-admin", "--noinput")
        run("indicator", "--list")
        run("check", "--region", "410300")
        run("report", "work", "--region", "410300", "--period", "2020H1", "-o", str(tmp_path / f"{language}.html"))
    return out.getvalue()


@pytest.mark.django_db
def test_case_region_token_init_indicator_check_report_in_both_languages(tmp_path):
    zh = _verbs("zh-hans", tmp_path)
    for line in ("截至 2019-10-20，1 个期限已逾期", "共 1 件案件", "办案机关：洛阳市市场监督管理局（410300 洛阳市）",
                 "隶属：河南省 (410000) > 洛阳市 (410300) > 吉利区 (410306)", "（已撤销）",
                 "（用户 ly）：该用户的管辖范围、只读", "未变 6571；", "令牌（仅显示一次", "基础数据", "个数据来源",
                 "专利申请量", "没有可核对的公布数", "洛阳市知识产权工作报告（2020年上半年），html；引用数据"):
        assert line in zh, line
    assert " received " not in zh and "deadline(s)" not in zh and "chain:" not in zh and "figures cited" not in zh
    en = _verbs("en", tmp_path)
    for line in ("2 deadline(s) overdue as of 2019-10-20", "2 case(s)", "authority: 洛阳市市场监督管理局 (410300 洛阳市)",
                 "chain: 河南省 (410000) > 洛阳市 (410300) > 吉利区 (410306)", "(retired)",
                 "for ly: the user's scope, read-only", "token (shown once", "Reference data",
                 "Patent applications", "No reported figures to check (load some with `ipgov reported`).",
                 "html; ", "figures cited"):
        assert line in en, line
    assert "截至" not in en and "隶属" not in en and "令牌" not in en and "基础数据" not in en


@pytest.mark.django_db
def test_import_refusals_in_both_languages(tmp_path, system_actor):
    """A row's bad value keeps its row, column and value in either language; file-level refusals
    (encoding, XML) are sentences of the reader's language."""
    from io import StringIO

    from ipgov.core.ingest.encoding import decode
    from ipgov.core.ingest.errors import ImportFailed

    header, rows = sample_rows()
    path = write_csv(tmp_path / "bad.csv", header, [rows[0], with_values(header, rows[1], 申请日="20991301")])
    for language, line in (("zh-hans", "第 3 行，申请日为“20991301”：不是有效的日历日期"),
                           ("en", "row 3, 申请日 = '20991301': not a calendar date")):
        err = StringIO()
        with translation.override(language), pytest.raises(CommandError) as refused:
            call_command("import", str(path), "--quiet", "--force", stderr=err)
        assert line in err.getvalue() + str(refused.value), (language, err.getvalue())
    mixed = "甲\n乙\n".encode() + "丙\n丁\n".encode("gbk")
    for language, sentence in (("zh-hans", "编码混杂：第 1、2 行是 UTF-8，第 3、4 行不是"),
                               ("en", "mixed encodings: lines 1, 2 are UTF-8 but lines 3, 4 are not")):
        with translation.override(language), pytest.raises(ImportFailed, match=sentence):
            decode(mixed)
