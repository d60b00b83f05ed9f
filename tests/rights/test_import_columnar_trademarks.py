"""The chunk (set-based) trademark mapping against the row mapper: the same rows, good and bad, give the same
records — fields, children, types, record dates, content hashes — and the same refusals (row, column, value,
reason), through the CSV path (`map_table`) and the rows path (`map`, as Excel's rows come)."""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipgov.core.ingest.records import Record, SourceRow
from ipgov.rights.importers import columnar, regionmatch
from ipgov.rights.importers.batch import _open
from ipgov.rights.importers.columnar_trademarks import TrademarkChunks
from ipgov.rights.importers.mapping import TrademarkMapper

from .conftest import with_values, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


HEADER = ["序号", "注册号", "国际分类", "商标名称", "申请日期", "注册日期", "专用权截止日期", "申请人名称", "申请人地址",
          "国省代码", "商标类型", "地理标志", "驰名商标认定日期", "商标状态", "失效日期", "续展日期", "转让日期"]
GOOD = {"序号": "1", "注册号": "20093710", "国际分类": "3", "商标名称": "STARLE", "申请日期": "2017-01-02",
        "注册日期": "2017-10-06", "申请人名称": "三门峡博旭智能科技有限公司",
        "申请人地址": "472037河南省三门峡市灵宝市枫杨街129号", "国省代码": "河南(41)", "商标类型": "普通", "地理标志": "否",
        "商标状态": "已注册"}
# per column: values the row mapper takes in other ways, or refuses
VARIANTS = {
    "注册号": ["20093710", "020093710", "第20093710号", "No.20093710", "２００９３７１０", "12345678A", "G1145209",
            "", "  ", "2009 3710", "123456789012", "x1"],
    "国际分类": ["3", "3;35", "35；3；3", "3、9", "0", "46", "三", "", "3 35", "3,,35"],
    "商标名称": ["STARLE", "", "a\u202ename", "名" * 301, "  spaced  "],
    "申请日期": ["2017-01-02", "20170102", "", "2017-13-01", "20990101", "19790101", "2017年1月2日"],
    "注册日期": ["2017-10-06", "", "2016-01-01", "bad", "20990101"],
    "专用权截止日期": ["", "2027-10-05", "20990101", "1970-01-01", "bad"],
    "申请人名称": ["三门峡博旭智能科技有限公司", "", "名" * 301, "Foo Inc.", "张伟"],
    "申请人地址": ["472037河南省三门峡市灵宝市枫杨街129号", "", "河南省洛阳市涧西区建设路1号", "美国加州"],
    "国省代码": ["河南(41)", "", "41", "美国(US)", "99"],
    "商标类型": ["普通", "", "集体", "证明", "collective", "外星"],
    "地理标志": ["否", "是", "", "maybe", "地理标志"],
    "驰名商标认定日期": ["", "2019-05-01", "20990101", "x"],
    "商标状态": ["已注册", "", "注销", "撤销", "无效", "期满未续展", "失效", "不知道"],
    "失效日期": ["", "2020-01-01", "2016-01-01", "bad", "20990101"],
    "续展日期": ["", "2027-01-01", "2020-01-01;2021-02-02", "2020-01-01;bad"],
    "转让日期": ["", "2019-03-03", "20190303；20200404"],
}



class _Counting(TrademarkMapper):
    """The row mapper, counting the rows handed to it."""

    calls = 0

    def from_row(self, row):
        type(self).calls += 1
        return super().from_row(row)


def _both(path, monkeypatch):
    out = []
    for enabled in (False, True):
        monkeypatch.setattr(columnar, "ENABLED", enabled)
        regionmatch.clear()
        out.append(list(_open(path, "csv", "trademarks", None).items))
    return out


def _same(per_row: list, chunked: list) -> None:
    assert len(per_row) == len(chunked)
    for a, b in zip(per_row, chunked, strict=True):
        if isinstance(a, list):
            assert a == b  # the same refusals: row, column (the file's header), value, reason
            continue
        assert isinstance(b, Record)
        assert (b.row, b.key, repr(b.fields), repr(b.children), b.record_date, b.unresolved) == (
            a.row, a.key, repr(a.fields), repr(a.children), a.record_date, a.unresolved)
        assert b.fields == a.fields and b.children == a.children and b.hash == a.hash


def _variant_rows() -> list[list[str]]:
    base = [GOOD.get(h, "") for h in HEADER]
    rows = [base]
    for column, values in VARIANTS.items():
        for value in values:
            rows.append(with_values(HEADER, base, **{column: value}))
    return rows


def test_each_variant_maps_as_the_row_mapper_maps_it(tmp_path, monkeypatch):
    rows = _variant_rows()
    per_row, chunked = _both(write_csv(tmp_path / "variants.csv", HEADER, rows), monkeypatch)
    assert len(per_row) == len(rows)
    refused = sum(isinstance(a, list) for a in per_row)
    assert 30 < refused < len(rows) - 30  # both kinds of row are there
    _same(per_row, chunked)


def test_the_chunks_assemble_the_usual_rows_themselves(monkeypatch):
    """Only the rows a check refuses or cannot decide reach the row mapper."""
    from ipgov.rights.importers.headers import REGISTER_HEADERS

    names = dict(REGISTER_HEADERS.map_headers(HEADER, "trademarks"))
    fields = [names[i] for i in range(len(HEADER)) if i in names]
    rows = _variant_rows()
    sources = [SourceRow(n, {names[i]: v for i, v in enumerate(r) if i in names}) for n, r in enumerate(rows, 2)]
    per_row = [TrademarkMapper().from_row(s) for s in sources]
    _Counting.calls = 0
    chunked = list(TrademarkChunks(_Counting(), fields).map(sources))
    _same(per_row, chunked)
    refused = sum(isinstance(a, list) for a in per_row)
    assert refused <= _Counting.calls < len(rows) - 20  # most good rows never reached the row mapper


def test_the_demo_generators_rows_map_the_same_way(tmp_path, monkeypatch):
    from ipgov.demo.synth.files import TRADEMARK_HEADERS, trademark_row
    from ipgov.demo.synth.register import build

    marks = build(5, 0.005).marks[:3000]
    path = write_csv(tmp_path / "marks.csv", TRADEMARK_HEADERS, [trademark_row(i, m) for i, m in enumerate(marks, 1)])
    per_row, chunked = _both(path, monkeypatch)
    assert all(isinstance(r, Record) for r in per_row) and any(r.children["events"] for r in per_row)
    _same(per_row, chunked)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                    HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries({h: st.sampled_from(VARIANTS.get(h) or [GOOD.get(h, "")]) for h in HEADER}),
                min_size=1, max_size=40))
def test_generated_rows_map_the_same_way(tmp_path_factory, monkeypatch, rows):
    path = write_csv(tmp_path_factory.mktemp("gen") / "rows.csv", HEADER, [[r[h] for h in HEADER] for r in rows])
    _same(*_both(path, monkeypatch))


def test_a_table_with_a_term_column_is_mapped_row_by_row():
    assert not TrademarkChunks(TrademarkMapper(), ["number", "term"]).enabled
    assert TrademarkChunks(TrademarkMapper(), ["number", "expiry_date"]).enabled
