"""The chunk (set-based) trademark mapping against the row mapper: the same rows, good and bad, give the same
records — fields, events, types, record dates, content hashes — and the same refusals (row, column, value,
reason)."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipgov.core.ingest.records import Record
from ipgov.rights.importers import columnar, columnar_marks, regionmatch
from ipgov.rights.importers.batch import _open
from ipgov.rights.importers.mapping import TrademarkMapper

from .conftest import with_values

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


HEADER = ["序号", "注册号", "国际分类", "商标名称", "申请日期", "注册日期", "专用权期限", "专用权截止日期", "申请人名称",
          "申请人地址", "国省代码", "商标类型", "地理标志", "驰名商标认定日期", "商标状态", "失效日期", "续展日期", "转让日期"]
GOOD = {"序号": "1", "注册号": "8911270", "国际分类": "29;30", "商标名称": "思念", "申请日期": "2010-03-02",
        "注册日期": "2011-06-07", "申请人名称": "郑州思念食品有限公司", "申请人地址": "河南省郑州市惠济区英才街15号",
        "国省代码": "河南(41)", "商标类型": "普通商标", "地理标志": "否", "商标状态": "已注册"}
# per column: values the row mapper takes in other ways, or refuses
VARIANTS = {
    "注册号": ["8911270", "第8911270号", "12345678A", "G1145209", "0123456", "1234567890", "", "８９１１２７０",
            "8911 270", "abc", "123456789"],
    "国际分类": ["29;30", "30", "", "29，30、31", "0", "46", "x", "３", "30;30;29"],
    "商标名称": ["思念", "", "a\u202ename", "名" * 301, "  spaced  "],
    "申请日期": ["2010-03-02", "", "20100302", "2099-01-01", "1979-01-01", "bad", "2010-02-30"],
    "注册日期": ["2011-06-07", "", "2009-01-01", "2099-01-01", "x"],
    "专用权期限": ["", "2011-06-07至2021-06-06", "2011-06-07", "至"],
    "专用权截止日期": ["", "2031-06-06", "bad"],
    "申请人名称": ["郑州思念食品有限公司", "", "名" * 301, "控制\x07字符"],
    "申请人地址": ["河南省郑州市惠济区英才街15号", "", "美国加州", "河南省洛阳市涧西区建设路1号"],
    "国省代码": ["河南(41)", "", "41", "99", "美国(US)"],
    "商标类型": ["普通商标", "", "集体商标", "证明商标", "外星商标", "collective"],
    "地理标志": ["否", "是", "", "也许", "1"],
    "驰名商标认定日期": ["", "2015-05-05", "2099-01-01"],
    "商标状态": ["已注册", "", "注销", "期满未续展", "无效宣告", "撤销", "已注册（" + "备注" * 40 + "）",
             "注销（" + "备注" * 40 + "）"],
    "失效日期": ["", "2021-06-07", "2010-01-01", "bad"],
    "续展日期": ["", "2021-06-01", "2021-06-01;2031-06-01", "2021-06-01;bad", "2099-01-01"],
    "转让日期": ["", "2016-01-01", "x"],
}


def _csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _both(path, monkeypatch) -> tuple[list, list, int]:
    """The items of both paths, and how many rows the chunk path handed to the row mapper."""
    out, handed = [], []
    from_row = TrademarkMapper.from_row

    def counted(self, row):
        handed.append(row.row)
        return from_row(self, row)

    for enabled in (False, True):
        monkeypatch.setattr(columnar, "ENABLED", enabled)
        regionmatch.clear()
        out.append(list(_open(path, "csv", "trademarks", None).items))
        monkeypatch.setattr(TrademarkMapper, "from_row", counted)
    return out[0], out[1], len(handed)


def _same(per_row: list, chunked: list) -> None:
    assert len(per_row) == len(chunked)
    for a, b in zip(per_row, chunked, strict=True):
        if isinstance(a, list):
            assert a == b  # the same refusals: row, column (the file's header), value, reason
            continue
        assert isinstance(b, Record)
        assert (b.row, b.key, repr(b.fields), repr(b.children), b.record_date, b.unresolved) == (
            a.row, a.key, repr(a.fields), repr(a.children), a.record_date, a.unresolved)
        assert b.hash == a.hash


def test_each_variant_maps_as_the_row_mapper_maps_it(tmp_path, monkeypatch):
    rows = [[GOOD.get(h, "") for h in HEADER]]
    # a registration renewed, then ended: its events come in date order, whatever their columns' order
    ended = with_values(HEADER, rows[0], 商标状态="注销", 失效日期="2021-06-07", 续展日期="2020-06-01")
    for base in (rows[0], ended):
        for column, values in VARIANTS.items():
            for value in values:
                rows.append(with_values(HEADER, base, **{column: value}))
    per_row, chunked, handed = _both(_csv(tmp_path / "variants.csv", HEADER, rows), monkeypatch)
    assert len(per_row) == len(rows)
    refused = sum(isinstance(a, list) for a in per_row)
    assert 25 < refused < len(rows) - 25  # both kinds of row are there
    _same(per_row, chunked)
    assert handed < len(rows) - 25  # most accepted rows were assembled by the chunk path itself
    assert handed >= refused  # every refusal comes from the row mapper, with its reason


def test_a_full_chunk_of_ordinary_rows_never_reaches_the_row_mapper(tmp_path, monkeypatch):
    good = [GOOD.get(h, "") for h in HEADER]
    rows = [with_values(HEADER, good, 注册号=str(8_000_000 + i), 申请人地址=f"河南省郑州市金水区花园路{i % 97}号")
            for i in range(columnar.CHUNK + 5)]
    per_row, chunked, handed = _both(_csv(tmp_path / "ordinary.csv", HEADER, rows), monkeypatch)
    _same(per_row, chunked)
    assert handed == 0 and all(r.fields["region_id"] == "410105" for r in chunked)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                    HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries({h: st.sampled_from(VARIANTS.get(h) or [GOOD.get(h, "")]) for h in HEADER}),
                min_size=1, max_size=40))
def test_generated_rows_map_the_same_way(tmp_path_factory, monkeypatch, rows):
    path = _csv(tmp_path_factory.mktemp("gen") / "rows.csv", HEADER, [[r[h] for h in HEADER] for r in rows])
    per_row, chunked, _ = _both(path, monkeypatch)
    _same(per_row, chunked)


def test_a_table_with_a_field_the_chunks_do_not_know_is_mapped_row_by_row():
    assert columnar_marks.TrademarkChunks(TrademarkMapper(), ["number", "owner_name"]).enabled
    assert not columnar_marks.TrademarkChunks(TrademarkMapper(), ["number", "applicants"]).enabled
