"""The chunk (set-based) patent mapping against the row mapper: the same rows, good and bad, give the same
records — fields, children, types, record dates, content hashes — and the same refusals (row, column,
value, reason), through the CSV path (`map_table`) and the rows path (`map`, as Excel's rows come)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipgov.core.ingest.records import Record
from ipgov.rights.importers import columnar, regionmatch
from ipgov.rights.importers.batch import _open
from ipgov.rights.importers.mapping import PatentMapper

from .conftest import sample_rows, with_values, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield

HEADER = ["申请号", "申请日", "公开号", "公开日", "授权公告日", "授权公告号", "专利类型", "专利名称", "授权名称",
          "申请摘要", "申请人", "申请人地址", "申请人类型", "发明人", "主分类号", "分类号", "国省代码", "专利代理机构",
          "专利代理人", "法律状态", "法律状态最后修改日期", "申请公布日/授权公告日", "失效日期", "无效宣告日期",
          "实质审查日", "转让日期", "许可日期", "质押日期", "优先权", "优先权日", "优先权数量", "引证数",
          "简单同族数量", "国际申请号", "国际申请日", "国际公开号", "进入国家日期"]
GOOD = {
    "申请号": "CN202223220665.2", "申请日": "20221202", "公开号": "CN218751475U", "公开日": "20230328",
    "授权公告日": "20230328", "授权公告号": "CN218751475U", "专利类型": "实用新型", "专利名称": "一种无人机机载多功能盒",
    "申请人": "中科大数据研究院", "申请人地址": "450000河南省郑州市郑东新区中道东路6号创意岛大厦8层",
    "申请人类型": "科研机构", "发明人": "刘迪;刘敏", "主分类号": "B64U20/80", "分类号": "B64U20/80;B64U101/30",
    "国省代码": "河南(41)", "法律状态": "有权-审定授权",
}
# per column: values the row mapper takes in other ways, or refuses (bad dates, full-width digits, '²', blanks,
# unknown kinds, numbers of the wrong type, inconsistent statuses …)
VARIANTS = {
    "申请号": ["CN202223220665.2", "202223220665.2", "ZL202223220665.2", "2022232206652", "ＣＮ２０２２２３２２０６６５.２",
            "CN202223220665.3", "CN20222322066５.2", "CN2022232206６²", "", "  ", "cn202223220665.2",
            "CN202210000001.X", "CN203010000001.0", "97101765.4", "CN202293220665.X", "CN 202223220665.2",
            "CN202110000006.2", "CN202310000008.6"],
    "申请日": ["20221202", "2022-12-02", "2022年12月2日", "", "0", "20221345", "2022-02-30", "20990101", "19790101",
            "２０２２１２０２", "2022²1202", "2022/12/2 00:00"],
    "公开号": ["CN218751475U", "", "CN115883397A", "CN218751475", "cn218751475u", "CN２18751475U", "CN218751475Q",
            "CN218751475U9"],
    "公开日": ["20230328", "", "0", "20210101", "bad"],
    "授权公告日": ["20230328", "0", "", "20200101", "2023-03-28"],
    "授权公告号": ["CN218751475U", "", "CN115883397B", "CN115883397C1"],
    "专利类型": ["实用新型", "发明", "外观设计", "", "植物新品种", "design", "发明授权"],
    "专利名称": ["一种无人机机载多功能盒", "", "a\u202etitle", "x" * 501, "  spaced  ", "引号'\"\\"],
    "授权名称": ["", "授权的名称"],
    "申请摘要": ["", "摘要\n第二行"],
    "申请人": ["中科大数据研究院", "郑州大学;张伟", "", "名" * 301, "A公司；B研究所", "Foo Inc."],
    "申请人地址": ["450000河南省郑州市郑东新区中道东路6号创意岛大厦8层", "", "河南省洛阳市涧西区建设路1号", "美国加州"],
    "申请人类型": ["科研机构", "", "企业;个人", "外星人", "大专院校"],
    "发明人": ["刘迪;刘敏", "", "王一"],
    "主分类号": ["B64U20/80", "", "ｂ64u 20/80"],
    "分类号": ["B64U20/80;B64U101/30", "", "G06F16/30"],
    "国省代码": ["河南(41)", "", "41", "美国(US)", "99"],
    "专利代理机构": ["", "郑州明华专利代理事务所（普通合伙）"],
    "专利代理人": ["", "袁艳丽"],
    "法律状态": ["有权-审定授权", "", "无权-未缴年费", "审中-实质审查", "无权-视为撤回", "有权-部分无效", "无权-全部无效",
             "公布;实质审查的生效", "不知道的状态", "授权;转让"],
    "法律状态最后修改日期": ["", "20240105", "bad", "20221201"],
    "申请公布日/授权公告日": ["", "20230328", "20990101"],
    "失效日期": ["", "0", "20250101", "20220101"],
    "无效宣告日期": ["", "2024-06-01"],
    "实质审查日": ["", "20230105", "20239999"],
    "转让日期": ["", "20240101;20240301", "20240101;bad"],
    "许可日期": ["", "20240101"],
    "质押日期": ["", "2024-02-02"],
    "优先权": ["", "US63/123,456"],
    "优先权日": ["", "20211201", "x"],
    "优先权数量": ["", "0", "1", "1.0", "1.5", "-1", "３", "²"],
    "引证数": ["", "12", "x"],
    "简单同族数量": ["", "3"],
    "国际申请号": ["", "PCT/CN2022/123456"],
    "国际申请日": ["", "20221201"],
    "国际公开号": ["", "WO2023/123456"],
    "进入国家日期": ["", "20230601", "20990101"],
}



def _both(path, monkeypatch):
    out = []
    for enabled in (False, True):
        monkeypatch.setattr(columnar, "ENABLED", enabled)
        regionmatch.clear()
        out.append(list(_open(path, "csv", "patents", None).items))
    return out


def _same(per_row: list, chunked: list) -> int:
    """Asserts the two paths' items are the same; returns how many records the chunk path assembled itself."""
    assert len(per_row) == len(chunked)
    assembled = 0
    for a, b in zip(per_row, chunked, strict=True):
        if isinstance(a, list):
            assert a == b  # the same refusals: row, column (the file's header), value, reason
            continue
        assert isinstance(b, Record)
        assembled += b._hash is not None  # set by the chunk path; the row mapper's is computed on demand
        assert (b.row, b.key, repr(b.fields), repr(b.children), b.record_date, b.unresolved, b.unknown_status) == (
            a.row, a.key, repr(a.fields), repr(a.children), a.record_date, a.unresolved, a.unknown_status)
        assert b.fields == a.fields and b.children == a.children
        assert b.hash == a.hash == replace(b, _hash=None).hash  # the hash text is the one Record.hash builds
    return assembled


def test_each_variant_maps_as_the_row_mapper_maps_it(tmp_path, monkeypatch):
    rows = [[GOOD.get(h, "") for h in HEADER]]
    for column, values in VARIANTS.items():
        for value in values:
            rows.append(with_values(HEADER, rows[0], **{column: value}))
    per_row, chunked = _both(write_csv(tmp_path / "variants.csv", HEADER, rows), monkeypatch)
    assert len(per_row) == len(rows)
    refused = sum(isinstance(a, list) for a in per_row)
    assert 50 < refused < len(rows) - 50  # both kinds of row are there
    assert _same(per_row, chunked) > 50


def test_the_real_sample_and_its_refusals(tmp_path, monkeypatch):
    header, rows = sample_rows()
    bad = [with_values(header, rows[0], 申请日="20221345"), with_values(header, rows[1], 申请号=""),
           with_values(header, rows[2], 专利类型="植物"), with_values(header, rows[3], 优先权数量="²")]
    per_row, chunked = _both(write_csv(tmp_path / "sample.csv", header, rows + bad + rows), monkeypatch)
    assert [e.reason for e in per_row[10]] == ["not a calendar date"]
    assert (per_row[10][0].row, per_row[10][0].field, per_row[10][0].value) == (12, "申请日", "20221345")
    assert _same(per_row, chunked) >= 10


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                    HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries({h: st.sampled_from(VARIANTS.get(h) or [GOOD.get(h, "")]) for h in HEADER}),
                min_size=1, max_size=40))
def test_generated_rows_map_the_same_way(tmp_path_factory, monkeypatch, rows):
    path = write_csv(tmp_path_factory.mktemp("gen") / "rows.csv", HEADER, [[r[h] for h in HEADER] for r in rows])
    _same(*_both(path, monkeypatch))


def test_rows_path_as_excel_rows_come(tmp_path):
    """`map` (SourceRows, cells by field: the Excel path) against `from_row`, with a chunk boundary inside."""
    from ipgov.core.ingest.records import SourceRow
    from ipgov.rights.importers.headers import REGISTER_HEADERS

    names = dict(REGISTER_HEADERS.map_headers(HEADER, "patents"))
    fields = [names[i] for i in range(len(HEADER))]
    base = [GOOD.get(h, "") for h in HEADER]
    rows = []
    for column, values in VARIANTS.items():
        for value in values:
            rows.append(with_values(HEADER, base, **{column: value}))
    rows = rows * (columnar.CHUNK // len(rows) + 2)
    sources = [SourceRow(n, dict(zip(fields, r, strict=True))) for n, r in enumerate(rows, start=2)]
    mapper = PatentMapper()
    per_row = [mapper.from_row(s) for s in sources]
    regionmatch.clear()
    chunked = list(columnar.PatentChunks(PatentMapper(), fields).map(sources))
    assert _same(per_row, chunked) > columnar.CHUNK // 2


def test_a_table_with_a_field_the_chunks_do_not_know_is_mapped_row_by_row():
    chunks = columnar.PatentChunks(PatentMapper(), ["application_number", "office"])
    assert not chunks.enabled
