"""The fast paths of the importer keep the register's guarantees: a first import into an empty register
(plain indexes built after the rows on SQLite) ends with every index in place, and a failed first
import leaves the indexes and the tables as they were; the content hash tells records apart."""

import pytest
from django.db import connection
from django.utils import translation

from ipgov.core.ingest.records import Record
from ipgov.rights.importers import ImportFailed, import_file
from ipgov.rights.models import Applicant, LegalEvent, Patent

from .conftest import SAMPLE_CSV, sample_rows, with_values, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """These tests assert the import's messages in English (the zh-Hans ones: tests/core/test_cli_language.py)."""
    with translation.override("en"):
        yield
TABLES = [m._meta.db_table for m in (Patent, Applicant, LegalEvent)]


def indexes() -> dict[str, set[tuple[str, ...]]]:
    with connection.cursor() as cur:
        return {t: {tuple(c["columns"]) for c in connection.introspection.get_constraints(cur, t).values()
                    if c["index"]} for t in TABLES}


def test_first_import_ends_with_every_index(actor):
    before = indexes()
    assert ("filing_date",) in before[Patent._meta.db_table]
    assert not Patent.objects.exists()
    report = import_file(SAMPLE_CSV)
    assert report.created == 10 and Patent.objects.count() == 10
    assert indexes() == before
    assert Patent.objects.filter(filing_date__year=2021).count() == Patent.objects.filter(
        application_number__startswith="2021").count() > 0


def definitions() -> dict[str, str]:
    """Every index of the tables with its full definition (PostgreSQL: expressions, operator classes, WHERE)."""
    with connection.cursor() as cur:
        cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)", [TABLES])
        return dict(cur.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index definitions")
def test_first_import_rebuilds_the_same_indexes_on_postgresql(actor):
    """The plain indexes dropped for a first fill come back as they were: the trigram GIN indexes, the
    partial and descending ones, each by its name; and the searches they serve find the imported rows."""
    before = definitions()
    assert "gin_trgm_ops" in before["rights_patent_title_trgm"]
    assert "WHERE is_pct" in before["rights_patent_pct_filed"]
    report = import_file(SAMPLE_CSV)
    assert report.created == 10
    assert definitions() == before
    title = Patent.objects.order_by("id").values_list("title", flat=True)[0]
    assert Patent.objects.filter(title__icontains=title[1:4]).filter(title=title).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's table locks")
def test_first_import_beside_a_reader_keeps_the_indexes(actor, monkeypatch):
    """A reader holding the table (a page being served) is not blocked for the whole import: DROP INDEX
    waits LOCK_WAIT, then the indexes are kept and updated row by row, and the import goes through."""
    import psycopg

    from ipgov.core.ingest import bulk

    monkeypatch.setattr(bulk, "LOCK_WAIT", "100ms")
    before = definitions()
    settings = connection.settings_dict
    with psycopg.connect(host=settings["HOST"], port=settings["PORT"] or None, user=settings["USER"],
                         password=settings["PASSWORD"], dbname=settings["NAME"]) as reader:
        assert reader.execute("SELECT count(*) FROM rights_patent").fetchone() == (0,)
        report = import_file(SAMPLE_CSV)
        with connection.cursor() as cur:
            cur.execute("SHOW lock_timeout")
            assert cur.fetchone()[0] == "0"
    assert report.created == 10 and Patent.objects.count() == 10
    assert definitions() == before


def test_one_index_leads_with_the_grant_date():
    """The import keeps one index on grant_date up to date, not two (migration 0008): on PostgreSQL
    rights_patent_grant_desc (grant_date DESC NULLS LAST, id DESC), on SQLite the plain one."""
    leading = sorted(c for c in indexes()[Patent._meta.db_table] if c[:1] == ("grant_date",))
    assert leading == ([("grant_date", "id")] if connection.vendor == "postgresql" else [("grant_date",)])


def test_failed_first_import_keeps_indexes_and_writes_nothing(actor, tmp_path):
    before = indexes()
    header, rows = sample_rows()
    bad = with_values(header, rows[1], 申请号=rows[1][header.index("申请号")][:-1] + "Z")
    with pytest.raises(ImportFailed, match="strict: 1 invalid"):
        import_file(write_csv(tmp_path / "bad.csv", header, [rows[0], bad]), strict=True)
    assert indexes() == before
    assert not Patent.objects.exists() and not Applicant.objects.exists() and not LegalEvent.objects.exists()


def test_content_hash_follows_every_value():
    fields = {"a": "x", "b": None, "c": [1, 2]}
    base = Record(1, "k", dict(fields), {"events": [{"kind": "grant", "date": None}]})
    assert base.hash == Record(2, "k", dict(fields), {"events": [{"kind": "grant", "date": None}]}).hash
    for other in (Record(1, "k", {**fields, "b": ""}, base.children),
                  Record(1, "k", {**fields, "c": [2, 1]}, base.children),
                  Record(1, "k", fields, {"events": [{"kind": "lapse", "date": None}]}),
                  Record(1, "k", fields, {"events": []})):
        assert other.hash != base.hash


def _triggers() -> list[str]:
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cur:
        cur.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        return [row[0] for row in cur.fetchall()]


def _fts_consistent() -> None:
    """SQLite: each trigram index holds exactly its table's rows (FTS5's integrity-check against the content)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cur:
        for table, column in (("rights_patent", "title"), ("rights_patent", "application_number"),
                              ("rights_applicant", "name")):
            fts = f"{table}_{column}_fts"
            cur.execute(f"INSERT INTO \"{fts}\"(\"{fts}\", rank) VALUES ('integrity-check', 1)")


def test_imported_rows_are_found_by_the_substring_search(actor, tmp_path):
    """SQLite's trigram indexes get the imported rows in bulk (`textsearch.sqlite_indexed_after`), not by
    their insert triggers: after a first import, a second one that creates a record and changes another's
    title, and a refused one, the search finds exactly the current titles, and the triggers are all back."""
    from ipgov.core.textsearch import contains

    triggers = _triggers()
    header, rows = sample_rows()
    import_file(SAMPLE_CSV)
    assert _triggers() == triggers
    number = header.index("申请号")
    changed = with_values(header, rows[0], 专利名称="一种金刚石刀片的磨削装置", 授权名称="一种金刚石刀片的磨削装置")
    new = with_values(header, rows[1], 申请号="CN202320000001.0", 公开号="CN300000001U", 授权公告号="",
                      专利名称="一种超硬合金刀具", 授权名称="", 申请人="豫测试刀具研究所有限公司")
    report = import_file(write_csv(tmp_path / "second.csv", header, [changed, new]))
    assert (report.created, report.updated) == (1, 1), [str(e) for e in report.errors]
    assert _triggers() == triggers
    _fts_consistent()
    found = lambda field, text: sorted(Patent.objects.filter(contains(Patent, field, text))  # noqa: E731
                                       .values_list("application_number", flat=True))
    assert found("title", "金刚石刀片") == [rows[0][number].removeprefix("CN")]
    assert found("title", "超硬合金刀具") == ["202320000001.0"]
    assert found("title", rows[0][header.index("专利名称")]) == []  # the title it had before
    assert found("application_number", "202320000001") == ["202320000001.0"]
    assert list(Applicant.objects.filter(contains(Applicant, "name", "测试刀具研究所"))
                .values_list("patent__application_number", flat=True)) == ["202320000001.0"]
    bad = with_values(header, rows[2], 申请号="CN202320000002.Z", 专利名称="一种不该写入的刀具")
    with pytest.raises(ImportFailed):
        import_file(write_csv(tmp_path / "bad.csv", header, [bad, with_values(header, rows[3], 申请号="CN202320000003.X")]),
                    strict=True)
    assert _triggers() == triggers
    _fts_consistent()
    assert found("title", "不该写入") == []
