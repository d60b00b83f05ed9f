"""The `ipgov case` verbs: thin over the services, errors as clear messages."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ipgov.cases.models import Case


def run(*args):
    out = StringIO()
    call_command("case", *args, stdout=out)
    return out.getvalue()


def test_open_move_extend_list_show(db, tmp_path, luoyang):
    out = run("open", "patent_dispute", "--region", "410300", "--authority", "洛阳市市场监督管理局",
              "--received", "2019-09-27", "--complainant", "甲公司", "--respondent", "乙公司",
              "--number", "201710601862.3")
    assert "ZLJF-410300-2019-00001 received" in out and "due 2019-10-10" in out
    case = Case.objects.get()
    with pytest.raises(CommandError, match="needs these documents first"):
        run("move", str(case.pk), "file", "--on", "2019-10-08")
    request = tmp_path / "请求书.txt"
    request.write_text("请求书", encoding="utf-8")
    run("attach", case.number, "request", str(request), "--on", "2019-09-27")
    out = run("move", case.number, "file", "--on", "2019-10-08")
    assert "→ filed" in out and "closing" in out and "due 2020-01-08" in out
    with pytest.raises(CommandError, match="at most 1"):
        run("extend", case.number, "closing", "2", "months", "--approved-by", "局长", "--reason", "复杂",
            "--on", "2019-12-01")
    out = run("extend", case.number, "closing", "1", "months", "--approved-by", "局长", "--reason", "复杂",
              "--on", "2019-12-01")
    assert "now due 2020-02-10" in out
    assert "1 deadline(s) overdue as of 2019-10-20" in run("list", "--overdue", "--as-of", "2019-10-20")
    assert "1 case(s)" in run("list", "--region", "410300")
    assert "0 case(s)" in run("list", "--region", "410100")
    shown = run("show", case.number)
    assert "甲公司" in shown and "201710601862.3" in shown and "批准人：局长" in shown  # the event as recorded, in zh-Hans


def test_user_scope_through_the_cli(db, luoyang, zhengzhou):
    run("open", "trademark_infringement", "--region", "410100", "--authority", "郑州市市场监督管理局",
        "--received", "2019-05-06")
    pk = str(Case.objects.get().pk)
    with pytest.raises(CommandError, match="may not change records of region 410100"):
        run("--user", "luoyang_officer", "move", pk, "refuse", "--on", "2019-05-07", "--reason", "不立案")
    with pytest.raises(CommandError, match="no case 999999"):
        run("show", "999999")
    assert "0 case(s)" in run("--user", "luoyang_officer", "list")
    assert "1 case(s)" in run("--user", "zhengzhou_officer", "list")
    with pytest.raises(CommandError, match="no user"):
        run("--user", "nobody", "list")


def test_attach_a_directory_or_a_missing_file_is_a_sentence_not_a_traceback(db, tmp_path, luoyang):
    from django.utils import translation

    run("open", "patent_dispute", "--region", "410300", "--authority", "洛阳市市场监督管理局",
        "--received", "2019-09-27")
    number = Case.objects.get().number
    (tmp_path / "请求书.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError) as refused:
        run("attach", number, "request", str(tmp_path))
    assert str(refused.value) == (f"{tmp_path} is a directory, not a file: name a file in it, e.g. "
                                  f"ipgov case attach {number} request {tmp_path}/请求书.pdf")
    with pytest.raises(CommandError, match="^no such file: "):
        run("attach", number, "request", str(tmp_path / "nope.pdf"))
    with translation.override("zh-hans"), pytest.raises(CommandError) as refused:
        run("attach", number, "request", str(tmp_path))
    assert str(refused.value).startswith(f"{tmp_path} 是一个目录，不是文件：请指定该目录中的一个文件，例如 ipgov case attach")
    assert not Case.objects.get().documents.exists()
