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
    assert "已提交" in zh and "个单元格" in zh and "第 3 行, 授权公告日 = '20990101'" in zh
    assert _english_words(zh) == [], zh
    en = _run("en", tmp_path, capsys)
    assert "unchanged since run #" in en and "committed" in en and "row 3, 授权公告日 = '20990101': 2099-01-01 is in the future" in en
    # the English output holds no Chinese beyond the data: the file's headers and the sample's values
    header, rows = sample_rows()
    data = set("".join(header + rows[0] + rows[1]))
    assert [c for c in en if "\u4e00" <= c <= "\u9fff" and c not in data] == [], en
