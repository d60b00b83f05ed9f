import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.web.conftest import login

pytestmark = pytest.mark.django_db


def numbers(response):
    return [obj.application_number for obj, _ in response.context["rows"]]


@pytest.fixture
def admin_client(client, admin_user, patents):
    return login(client, admin_user)


@pytest.mark.parametrize("params, expected", [
    ({}, ["202010000003.5", "202020000002.1", "202010000001.X", "201930000004.2"]),
    ({"patent_type": "invention"}, ["202010000003.5", "202010000001.X"]),
    ({"region": "410300"}, ["202010000003.5", "201930000004.2"]),
    ({"region": "洛阳"}, ["202010000003.5", "201930000004.2"]),  # by name, with the city's counties
    ({"region": "洛龙区"}, ["202010000003.5"]),
    ({"status": "valid"}, ["202010000003.5", "202010000001.X"]),
    ({"status": "terminated"}, ["201930000004.2"]),
    ({"status": "pending"}, ["202020000002.1"]),
    ({"ipc": "g06"}, ["202010000003.5", "202010000001.X"]),
    ({"applicant": "申请人410311"}, ["202010000003.5"]),
    ({"filed_after": "2020-02-01", "filed_before": "2020-02-29"}, ["202020000002.1"]),
    ({"granted_after": "2020-01-01"}, ["202010000003.5", "202010000001.X"]),
    ({"q": "00003"}, ["202010000003.5"]),
    ({"sort": "filing_date"}, ["201930000004.2", "202010000001.X", "202020000002.1", "202010000003.5"]),
    ({"sort": "-grant_date", "patent_type": "invention"}, ["202010000003.5", "202010000001.X"]),
    ({"sort": "title; drop table"}, ["202010000003.5", "202020000002.1", "202010000001.X", "201930000004.2"]),
])
def test_patent_filters_and_sort(admin_client, params, expected):
    response = admin_client.get(reverse("web:list", args=["patents"]), params)
    assert response.status_code == 200
    assert numbers(response) == expected


def _walk(client, params, way="next"):
    """Every page of a list by its cursors: [[application numbers of page 1], [page 2], …]."""
    url, pages = reverse("web:list", args=["patents"]), []
    response = client.get(url, params)
    while True:
        pages.append(numbers(response))
        cursor = getattr(response.context["keys"], f"{way}_cursor")
        if cursor is None:
            return pages, response
        response = client.get(url, {**params, "cursor": cursor})


@pytest.mark.parametrize("sort", ["", "-filing_date", "grant_date", "-grant_date", "terminated_on", "region"])
def test_pages_by_key_walk_every_row_once_both_ways(admin_client, sort):
    """Next pages visit the rows in the list's order, ties and NULLs included (same filing date, no grant
    date); previous pages from the last one return the same pages."""
    from ipgov.rights.models import Patent

    for i in range(23):  # ties on the filing date, half without a grant date
        Patent.objects.create(application_number=f"2021100{i:05d}1.1", patent_type="utility", region_id="410100",
                              filing_date=f"2021-01-0{1 + i % 3}", grant_date="2021-06-01" if i % 2 else None,
                              title=f"批量{i}")
    params = {"per_page": 25, **({"sort": sort} if sort else {})}
    whole = numbers(admin_client.get(reverse("web:list", args=["patents"]), {**params, "per_page": 100}))
    assert len(whole) == 27
    pages, last = _walk(admin_client, {**params, "per_page": 25})
    assert [len(p) for p in pages] == [25, 2] and sum(pages, []) == whole
    assert 'rel="prev"' in last.content.decode() and 'rel="next"' not in last.content.decode()
    back = admin_client.get(reverse("web:list", args=["patents"]),
                            {**params, "cursor": last.context["keys"].previous_cursor})
    assert numbers(back) == pages[0] and back.context["keys"].first
    assert back.context["keys"].previous_cursor is None and back.context["keys"].next_cursor


def test_a_cursor_of_another_ordering_or_a_forged_one_shows_the_first_page(admin_client):
    url = reverse("web:list", args=["patents"])
    first = admin_client.get(url, {"per_page": 25, "sort": "filing_date"})
    assert first.context["keys"].next_cursor is None  # 4 patents: one page, no links
    from ipgov.core.keyset import encode_cursor

    other = encode_cursor(["after", ["2020-01-01", 1]], "-grant_date,-id")
    for cursor in (other, "not-a-cursor", encode_cursor(["after", ["x", "y"]], "filing_date,-id")):
        response = admin_client.get(url, {"sort": "filing_date", "cursor": cursor})
        assert response.status_code == 200 and response.context["cursor_refused"]
        assert numbers(response) == numbers(first)
    assert "第一页" in admin_client.get(url, {"sort": "filing_date", "cursor": other}).content.decode()


def test_htmx_request_gets_only_the_results(admin_client):
    response = admin_client.get(reverse("web:list", args=["patents"]), {"patent_type": "design"},
                                HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    body = response.content.decode()
    assert "<html" not in body and "201930000004.2" in body and "202010000003.5" not in body


def test_export_is_the_filtered_list(admin_client):
    response = admin_client.get(reverse("web:export", args=["patents", "xlsx"]), {"patent_type": "invention",
                                                                                  "sort": "filing_date"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "申请号"  # zh-Hans column labels by default
    assert [r[0] for r in rows[1:]] == ["202010000001.X", "202010000003.5"]
    assert rows[1][3].date().isoformat() == "2020-01-10"
    csv_body = b"".join(admin_client.get(reverse("web:export", args=["patents", "csv"]),
                                         {"region": "410300"}).streaming_content).decode("utf-8-sig")
    assert csv_body.count("\n") == 3 and "202010000003.5" in csv_body


def test_export_values_are_labels_in_the_users_language(admin_client):
    """Choice values by their label and booleans as 是/否 (yes/no), in the language the user chose."""
    from django.conf import settings

    def first_row(response):
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        return dict(zip(rows[0], rows[1], strict=True))

    url = reverse("web:export", args=["patents", "xlsx"])
    zh = first_row(admin_client.get(url, {"q": "00003"}))
    assert (zh["类型"], zh["PCT"]) == ("发明", "否")
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en = first_row(admin_client.get(url, {"q": "00003"}))
    assert (en["type"], en["PCT"]) == ("invention", "no")


def test_unknown_export_format_and_list(admin_client):
    assert admin_client.get(reverse("web:export", args=["patents", "pdf"])).status_code == 404
    assert admin_client.get(reverse("web:list", args=["nothing"])).status_code == 404


def test_patent_detail_timeline(admin_client, patents):
    lapsed = patents["201930000004.2"]
    response = admin_client.get(reverse("web:detail", args=["patents", lapsed.pk]))
    titles = [str(e.title) for e in response.context["timeline"]]
    event = lapsed.events.get()
    assert titles == ["申请", "授权公告", str(event.get_kind_display())]
    assert [e.date.isoformat() for e in response.context["timeline"]] == ["2019-04-13", "2019-09-01", "2020-04-01"]


def test_english_is_switchable(admin_client):
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = admin_client.get(reverse("web:list", args=["patents"]))
    assert response.context["page"].columns[0].label == "application number"
    assert 'lang="en"' in response.content.decode()


@pytest.mark.parametrize("params", [
    {"applicant": "河南大学"}, {"q": "金刚石刀具"}, {"q": "金刚石"}, {"applicant": "大学"}, {"q": "刀"},
])
def test_applicant_and_title_search_find_substrings(admin_client, params):
    """The trigram index (ipgov.core.textsearch) finds what LIKE '%…%' finds, short terms included."""
    from ipgov.rights.models import Applicant, Patent

    hit = Patent.objects.create(application_number="202110000009.1", patent_type="invention", region_id="410100",
                                filing_date="2021-01-01", title="一种金刚石刀具的制备方法")
    Applicant.objects.create(patent=hit, position=1, name="河南大学第一附属医院")
    other = Patent.objects.create(application_number="202110000010.4", patent_type="invention",
                                  region_id="410100", filing_date="2021-01-02", title="一种阀门")
    Applicant.objects.create(patent=other, position=1, name="郑州某公司")
    found = numbers(admin_client.get(reverse("web:list", args=["patents"]), params))
    assert "202110000009.1" in found and "202110000010.4" not in found
    Patent.objects.filter(pk=hit.pk).update(title="一种阀门")  # the index follows an edited title
    Applicant.objects.filter(patent=hit).update(name="郑州某公司")
    assert "202110000009.1" not in numbers(admin_client.get(reverse("web:list", args=["patents"]), params))


def _more_patents(n: int, start: int = 0):
    from ipgov.rights.models import Applicant, Patent

    for i in range(start, start + n):
        p = Patent.objects.create(application_number=f"2021200{i:05d}1.1", patent_type="utility", region_id="410100",
                                  filing_date="2021-01-01", title=f"批量{i}")
        Applicant.objects.create(patent=p, position=1, name=f"申请人{i}", region_id="410100")


def _more_trademarks(n: int, start: int = 0):
    from ipgov.rights.models import Trademark

    for i in range(start, start + n):
        Trademark.objects.create(number=f"TM{i:07d}", name=f"商标{i}", owner_name=f"权利人{i}", region_id="410100",
                                 filing_date="2021-01-01", registration_date="2021-06-01" if i % 2 else None)


@pytest.mark.parametrize("slug, make, present", [("patents", _more_patents, 4), ("trademarks", _more_trademarks, 0)])
def test_a_list_pages_queries_do_not_grow_with_its_rows(admin_client, slug, make, present):
    """5 rows and 50 rows on a page (hand-built): the same number of queries, first page and a later one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("web:list", args=[slug])
    make(5 - present)
    admin_client.get(url)  # warm: session, regions
    with CaptureQueriesContext(connection) as few:
        assert len(admin_client.get(url, {"per_page": 50}).context["rows"]) == 5
    make(95, start=100)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(url, {"per_page": 50})
        assert len(response.context["rows"]) == 50
    with CaptureQueriesContext(connection) as later:
        assert len(admin_client.get(url, {"per_page": 50, "cursor": response.context["keys"].next_cursor})
                   .context["rows"]) == 50
    # a page that read its whole list is not counted again (keyset.KeyPage.total): the 5-row page, and on
    # PostgreSQL the first of the 100 rows too; a page after a cursor is counted. On PostgreSQL a read or a
    # count within keyset.SIZE_BUDGET_MS adds its savepoint, settings and their reset: 4 statements, not rows
    sizes = [len(few), len(many), len(later)]
    spread = 5 if connection.vendor == "postgresql" else 1
    assert max(sizes) - min(sizes) <= spread and len(later) == max(sizes), [q["sql"] for q in later.captured_queries]


def test_counts_are_exact_when_small_and_a_labelled_estimate_when_big(admin_client, monkeypatch, settings):
    from django.db import connection
    from django.utils import translation

    from ipgov.core import keyset
    from ipgov.rights.models import Patent
    from ipgov.web.generic import about, count_label

    url = reverse("web:list", args=["patents"])
    assert admin_client.get(url).context["count"]["label"] == "共 4 条记录"
    assert admin_client.get(url, {"patent_type": "invention"}).context["count"]["label"] == "共 2 条记录"
    monkeypatch.setattr(keyset, "EXACT_UP_TO", 3)  # a "big" list: more rows than are counted exactly
    # its page (50 rows) read the whole list: the size is known, nothing is counted or estimated
    assert admin_client.get(url).context["count"]["label"] == "共 4 条记录"
    with translation.override("zh-hans"):
        label = count_label(keyset.size_of(Patent.objects.all()))
    if connection.vendor == "sqlite":
        assert label == "3 条以上"
    else:  # the planner's estimate of the table (reltuples; -1/0 before ANALYZE gives the bound)
        assert label.startswith("约 ") and label.endswith("条（估计）") or label == "3 条以上"
    assert admin_client.get(url, {"patent_type": "invention"}).context["count"]["label"] == "共 2 条记录"
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert admin_client.get(url, {"patent_type": "invention"}).context["count"]["label"] == "2 records"
    assert (about(754_321, "zh-hans"), about(754_321, "en"), about(1_234_567_890, "zh-hans"), about(87, "en")) \
        == ("75万", "750,000", "12亿", "87")


@pytest.mark.parametrize("common", [True, False], ids=["common-name-probed", "rare-name-ids"])
def test_postgresql_probes_the_page_for_a_name_its_statistics_call_common(db, monkeypatch, common):
    """PostgreSQL: a name on more applicants than APPLICANT_IDS is not read whole before the page: the page's
    EXISTS is tested on each patent along the list's order (OFFSET 0 keeps the planner from making it a
    join), the count's EXISTS stays the planner's join; a rarer name passes its patents' ids as one array."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ipgov.core import keyset
    from ipgov.rights import filtersets
    from ipgov.rights.models import Patent

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    _university_register()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE rights_applicant")
    if common:
        monkeypatch.setattr(filtersets, "APPLICANT_IDS", 1)
        monkeypatch.setattr(filtersets, "PROBE_PER_ID", 0)
    qs = filtersets.PatentFilterSet({"applicant": "河南大学"}, queryset=Patent.objects.all()).qs
    with CaptureQueriesContext(connection) as queries:
        page = keyset.key_page(qs, ("-filing_date",), None, 3)
        found = keyset.count(qs)
    numbers = dict(Patent.objects.values_list("pk", "application_number"))
    assert [numbers[pk] for pk in page.ids] == ["202110000107.1", "202110000106.1", "202110000104.1"]
    assert found == keyset.Count(5, exact=True)
    sql = [q["sql"] for q in queries.captured_queries]
    ordered = next(q for q in sql if "ORDER BY" in q)
    counted = next(q for q in sql if "COUNT(" in q)
    # the page is read without parallel workers, which walk ahead of a LIMIT, nor JIT (keyset._lean)
    assert sql[sql.index(ordered) - 1].startswith("SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off")
    if common:
        assert "EXISTS(SELECT" in ordered and "OFFSET 0)" in ordered
        assert "EXISTS(SELECT" in counted and "OFFSET 0" not in counted
    else:
        assert "= ANY(" in ordered and "EXISTS" not in ordered


def test_the_ids_an_applicant_search_reads_grow_with_the_register_as_probing_for_a_page_does():
    """PostgreSQL reads a name's patent ids up to applicant_ids_bound(N), where a page of probes would cost more:
    20,000 on a small register, ~40,800 at 10 million patents, ~81,600 at 40 million (sqrt(50 · 10/3 · N))."""
    from ipgov.rights.filtersets import applicant_ids_bound

    assert [applicant_ids_bound(n) for n in (0, 750_000, 10_000_000, 40_000_000)] == [20_000, 20_000, 40_824, 81_649]


def test_an_applicant_search_matches_the_whole_name_and_asks_the_index_without_its_legal_form(db):
    """A firm's name is found whole (郑州华瑞科技有限公司 is not in 郑州华瑞科技股份有限公司); on PostgreSQL the
    trigram index is asked for 郑州华瑞科技 (a legal form's trigrams are on most applicants) and each row it
    gives is tested for the whole name."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ipgov.rights import filtersets
    from ipgov.rights.models import Applicant, Patent

    names = ["郑州华瑞科技有限公司", "郑州华瑞科技股份有限公司", "郑州华瑞科技有限公司洛阳分公司", "洛阳华瑞科技有限公司"]
    for i, name in enumerate(names):
        p = Patent.objects.create(application_number=f"2021300{i:05d}1.1", patent_type="utility", region_id="410100",
                                  filing_date="2021-01-01", title=f"装置{i}")
        Applicant.objects.create(patent=p, position=1, name=name, region_id="410100")
    with CaptureQueriesContext(connection) as queries:
        found = filtersets.PatentFilterSet({"applicant": "郑州华瑞科技有限公司"}, queryset=Patent.objects.all()).qs
        numbers = sorted(found.values_list("application_number", flat=True))
    assert numbers == ["2021300000001.1", "2021300000021.1"]
    if connection.vendor == "postgresql":
        asked = [q["sql"] for q in queries.captured_queries if '"patent_id"' in q["sql"] and "LIMIT" in q["sql"]]
        assert len(asked) == 1 and "LIKE UPPER('%郑州华瑞科技%')" in asked[0], asked
        assert "STRPOS(UPPER(\"rights_applicant\".\"name\"), UPPER('郑州华瑞科技有限公司')) > 0" in asked[0]


def test_postgresql_gives_a_lower_bound_when_sizing_a_list_would_overrun_its_budget(db, monkeypatch):
    """PostgreSQL: reading a list whole may take keyset.WHOLE_BUDGET_MS, counting it SIZE_BUDGET_MS; past it the statement
    is cancelled, the page is read alone and its rows are the lower bound, with a link to the exact count.
    The request's connection goes on, with no statement timeout left behind."""
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.utils import translation

    from ipgov.core import keyset
    from ipgov.rights.models import Patent
    from ipgov.web.generic import count_context

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    _more_patents(12)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE rights_patent")
    monkeypatch.setattr(keyset, "SIZE_BUDGET_MS", 40)
    monkeypatch.setattr(keyset, "WHOLE_BUDGET_MS", 20)
    slow = Patent.objects.extra(where=["(SELECT true FROM pg_sleep(0.01 + 0 * rights_patent.id))"])  # 10 ms a row
    page = keyset.key_page(slow, ("-filing_date",), None, 3)  # planned 12: read whole, then cut short
    assert len(page.ids) == 3 and page.next_cursor and page.total is None and page.costly
    assert keyset.count(slow, at_least=3) == keyset.Count(3, exact=False, cut_short=True)
    assert keyset.count(slow, budget=False) == keyset.Count(12, exact=True)
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
    with translation.override("zh-hans"):
        shown = count_context(slow, page, RequestFactory().get("/?applicant=x"))
        asked = count_context(slow, page, RequestFactory().get("/?applicant=x&count=exact"))
        html = render_to_string("web/_count.html", {"count": shown, "query": "applicant=x"})
    assert shown == {"label": "3 条以上", "cut_short": True}
    assert asked == {"label": "共 12 条记录", "cut_short": False}
    assert '<a class="count-exact" href="?applicant=x&amp;count=exact"' in html and "精确计数" in html
    # within the budget nothing changes: the same list without the sleep is read whole and known exactly
    quick = keyset.key_page(Patent.objects.all(), ("-filing_date",), None, 3)
    assert not quick.costly and keyset.count(Patent.objects.all()) == keyset.Count(12, exact=True)


def test_postgresql_estimates_a_filtered_list_from_its_plan(db):
    """On PostgreSQL a big filtered list is the EXPLAIN estimate, the whole table pg_class.reltuples."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ipgov.core import keyset
    from ipgov.rights.models import Patent

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    _more_patents(60)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE rights_patent")
    whole = keyset.count(Patent.objects.all(), exact_up_to=10)
    some = keyset.count(Patent.objects.filter(patent_type="utility"), exact_up_to=10)
    assert whole.estimated and 50 <= whole.n <= 70
    assert some.estimated and 30 <= some.n <= 70
    assert keyset.count(Patent.objects.filter(patent_type="utility"), exact_up_to=100) == keyset.Count(60, True)
    # the list's first page asked for the estimate already: the count takes it, no second EXPLAIN
    page = keyset.key_page(Patent.objects.filter(patent_type="utility"), ("-filing_date",), None, 5)
    with CaptureQueriesContext(connection) as queries:
        again = keyset.count(Patent.objects.filter(patent_type="utility"), exact_up_to=10, planned=page.planned)
    assert again == some and page.planned == some.n
    assert not [q for q in queries.captured_queries if "EXPLAIN" in q["sql"]]


def test_an_ambiguous_region_name_is_a_sentence_with_the_candidates(admin_client):
    response = admin_client.get(reverse("web:list", args=["patents"]), {"region": "鼓楼区"})
    assert response.status_code == 200
    errors = response.context["filterset"].form.errors["region"][0]
    assert "鼓楼区（410204）" in errors and "请填写代码" in errors
    html = response.content.decode()
    assert 'list="region-names"' in html and 'value="洛阳市" data-code="410300"' in html


def test_rows_are_escaped_linked_and_written_as_cells(admin_client, patents):
    # the rows are built in one pass (web.result_rows), not by a template loop: the same escaping, links
    # and cell formats
    from ipgov.rights.models import Patent

    p = patents["202010000001.X"]
    Patent.objects.filter(pk=p.pk).update(title='<script>alert("x")</script>&co')
    html = admin_client.get(reverse("web:list", args=["patents"]), {"patent_type": "invention"}).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;co" in html
    link = reverse("web:detail", args=["patents", p.pk])
    assert f'<a href="{link}">' in html
    assert "2020年1月10日" in html  # a date as Chinese documents write it
    assert "<td>—</td>" not in html.split('id="results"')[0]  # (sanity: the rows are inside the results)
    utility = admin_client.get(reverse("web:list", args=["patents"]), {"patent_type": "utility"}).content.decode()
    assert "<td>—</td>" in utility  # no grant date: a dash


def _university_register():
    """Seven patents: five with an applicant holding 河南大学 (one with two such applicants, one in 洛阳),
    two without; filed on seven days."""
    from ipgov.rights.models import Applicant, Patent

    rows = [  # number, region, day, applicants
        ("202110000101.1", "410102", 1, ["河南大学"]),
        ("202110000102.1", "410105", 2, ["郑州某公司"]),
        ("202110000103.1", "410311", 3, ["河南大学", "洛阳某公司"]),
        ("202110000104.1", "410102", 4, ["河南大学第一附属医院", "河南大学"]),
        ("202110000105.1", "410100", 5, ["河南理工大学"]),
        ("202110000106.1", "410105", 6, ["王伟", "河南大学淮河医院"]),
        ("202110000107.1", "410102", 7, ["河南大学"]),
    ]
    for number, region, day, names in rows:
        p = Patent.objects.create(application_number=number, patent_type="invention", region_id=region,
                                  filing_date=f"2021-03-{day:02d}", title=f"一种金刚石刀具 {day}" if day % 2
                                  else "一种阀门")
        for position, name in enumerate(names, 1):
            Applicant.objects.create(patent=p, position=position, name=name, region_id=region)


@pytest.mark.parametrize("few", [True, False], ids=["matches-drive", "matches-probed-along-the-order"])
def test_applicant_search_answers_the_right_patents_whichever_the_query_shape(client, make_staff, admin_user,
                                                                              monkeypatch, few):
    """Issue 17: SQLite probes the matches along the list's order when many applicants hold the name
    (textsearch.WALK_FROM), PostgreSQL passes their ids as one array when they are few enough
    (APPLICANT_IDS), else a subquery: each shape gives the same patents, newest first, each once, paged by
    key, counted exactly, within a city officer's scope too."""
    from ipgov.core import textsearch
    from ipgov.core.choices import Role
    from ipgov.rights import filtersets

    _university_register()
    if not few:
        monkeypatch.setattr(textsearch, "WALK_FROM", 1)
        monkeypatch.setattr(filtersets, "APPLICANT_IDS", 1)
        monkeypatch.setattr(filtersets, "PROBE_PER_ID", 0)
    url = reverse("web:list", args=["patents"])
    login(client, admin_user)
    response = client.get(url, {"applicant": "河南大学", "per_page": 25})
    expected = ["202110000107.1", "202110000106.1", "202110000104.1", "202110000103.1", "202110000101.1"]
    assert numbers(response) == expected
    assert response.context["count"]["label"] == "共 5 条记录"
    pages, _ = _walk(client, {"applicant": "河南大学", "per_page": 25})  # one page of 25
    assert pages == [expected]
    assert numbers(client.get(url, {"applicant": "河南大学", "region": "410102"})) == [
        "202110000107.1", "202110000104.1", "202110000101.1"]
    login(client, make_staff("ly", Role.CITY_OFFICER, "410300"))
    assert numbers(client.get(url, {"applicant": "河南大学"})) == ["202110000103.1"]


@pytest.mark.parametrize("few", [True, False], ids=["matches-drive", "matches-probed-along-the-order"])
def test_title_search_answers_the_right_patents_whichever_the_query_shape(admin_client, monkeypatch, few):
    from ipgov.core import textsearch

    _university_register()
    if not few:
        monkeypatch.setattr(textsearch, "WALK_FROM", 1)
    url = reverse("web:list", args=["patents"])
    response = admin_client.get(url, {"q": "金刚石", "per_page": 25})
    assert numbers(response) == ["202110000107.1", "202110000105.1", "202110000103.1", "202110000101.1"]
    assert response.context["count"]["label"] == "共 4 条记录"
    first = admin_client.get(url, {"q": "金刚石", "sort": "filing_date", "per_page": 25})
    assert numbers(first) == ["202110000101.1", "202110000103.1", "202110000105.1", "202110000107.1"]


def test_the_probe_is_the_plain_key_in_the_count_and_pk_plus_0_in_the_page(db):
    """textsearch.OrderedProbe: the ordered page tests each row (`pk + 0`); the list's count lets the
    matches drive (the plain key)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ipgov.core import keyset, textsearch
    from ipgov.rights.models import Patent

    _university_register()
    qs = textsearch.among(Patent.objects.all(), Patent.objects.filter(title__contains="金刚石").values("pk"),
                          walk=True)
    with CaptureQueriesContext(connection) as queries:
        page = keyset.key_page(qs, ("-filing_date",), None, 3)
        found = keyset.count(qs)
    assert len(page.ids) == 3 and found == keyset.Count(4, exact=True)
    sql = [q["sql"] for q in queries.captured_queries]
    ordered, counted = next(q for q in sql if "ORDER BY" in q), next(q for q in sql if "COUNT(" in q)
    assert '"rights_patent"."id" + 0) IN' in ordered and "+ 0" not in counted


def test_a_page_that_read_its_whole_list_knows_its_size(db):
    """keyset.KeyPage.total: the first page of a list no longer than the page (and on PostgreSQL of a list
    the planner expects to be at most keyset.WHOLE rows) holds the list's exact size, so the view does not
    count it again; a page after a cursor, or of a longer list on SQLite, does not."""
    from django.db import connection

    from ipgov.core import keyset
    from ipgov.rights.models import Patent

    _university_register()
    qs = Patent.objects.all()
    whole = keyset.key_page(qs, ("-filing_date",), None, 50)
    assert whole.total == 7 and len(whole.ids) == 7
    first = keyset.key_page(qs, ("-filing_date",), None, 3)
    after = keyset.key_page(qs, ("-filing_date",), first.next_cursor, 50)
    assert after.total is None and len(after.ids) == 4
    nothing = keyset.key_page(Patent.objects.none(), ("-filing_date",), None, 50)
    assert nothing.ids == [] and nothing.total == 0 and keyset.count(Patent.objects.filter(pk__in=[])).n == 0
    if connection.vendor == "sqlite":
        assert first.total is None
    else:  # the planner, with statistics, expects 7 rows: all read (LIMIT keyset.WHOLE + 1), the page cut here
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE rights_patent")
        first = keyset.key_page(qs, ("-filing_date",), None, 3)
        assert first.total == 7 and len(first.ids) == 3 and first.next_cursor
