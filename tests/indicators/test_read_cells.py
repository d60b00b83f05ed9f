"""The batch read of the cube (`services.read_cells`): the same cells as `query`, in one query."""

import pytest

from ipgov.indicators import services
from ipgov.indicators.models import Observation
from ipgov.regions.errors import UnknownRegion

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("system_actor")]

CITIES = ["410100", "410200", "410300", "410400", "410500"]
HALVES = ["2018H1", "2019H1", "2020H1"]


def _obs(indicator, region, period, value, breakdown="", reported_yoy=None, status="computed"):
    Observation.objects.create(indicator=indicator, region_id=region, period=period, period_kind="half",
                               breakdown=breakdown, value=value, unit="件", status=status,
                               reported_yoy=reported_yoy)


@pytest.fixture
def cells():
    for n, code in enumerate(["410000", *CITIES], 1):
        for year, value in ((2018, 10), (2019, 20), (2020, 25)):
            _obs("patent_applications", code, f"{year}H1", value * n)
            _obs("patent_grants", code, f"{year}H1", value * n // 2)
        _obs("patent_applications", code, "2020H1", 7 * n, "type=invention")
        _obs("patent_applications", code, "2019H1", 5 * n, "type=invention")
    _obs("patent_grants", "410100", "2020H2", 3, reported_yoy=0.5)  # a published YoY wins, as in query


def test_read_cells_equals_query_cell_by_cell(cells):
    inds, codes = ["patent_applications", "patent_grants"], ["410000", *CITIES]
    read = services.read_cells([(inds, codes, [*HALVES, "2020H2", "2017"])])
    assert read.total("patent_applications", "410100", "2020H1").value == 50
    assert read.total("patent_applications", "410100", "2020H1").yoy == 0.25  # 50 / 40 − 1
    assert read.total("patent_grants", "410100", "2020H2").yoy == 0.5
    assert read.total("patent_applications", "410000", "2017") is None
    for ind in inds:
        for code in codes:
            for period in [*HALVES, "2020H2", "2017"]:
                expected = services.query(ind, code, period)
                assert read.total(ind, code, period) == (expected[0] if expected else None), (ind, code, period)
                assert (ind, code, period) in read.asked


def test_read_cells_with_breakdowns_equals_query_by(cells):
    read = services.read_cells([(["patent_applications"], CITIES, ["2020H1"])], breakdowns=True)
    for code in CITIES:
        for row in services.query("patent_applications", code, "2020H1", by="type"):
            assert read[("patent_applications", code, "2020H1", row.breakdown)] == row
    assert read[("patent_applications", "410100", "2020H1", "type=invention")].yoy == 0.4  # 14 / 10 − 1


def test_one_query_whatever_the_number_of_cells(cells, django_assert_max_num_queries):
    services.read_cells([(["patent_applications"], ["410000"], ["2020"])])  # the regions cache, warm
    # the regions' version, then the cells: two queries for one cell or for two blocks of 84 cells
    with django_assert_max_num_queries(2):
        services.read_cells([(["patent_applications"], ["410000"], ["2020H1"])])
    with django_assert_max_num_queries(2):
        read = services.read_cells([(["patent_applications", "patent_grants"], ["410000", *CITIES], HALVES),
                                    (["patent_applications"], CITIES, ["2020H2", "2017", "2016"])])
    assert len(read.asked) == 2 * 6 * 3 + 5 * 3


def test_unknown_region_or_period_raise_as_in_query(cells):
    with pytest.raises(UnknownRegion):
        services.read_cells([(["patent_applications"], ["419999"], ["2020H1"])])
    with pytest.raises(ValueError):
        services.read_cells([(["patent_applications"], ["410000"], ["2020H3"])])


def test_query_answers_from_the_prefetched_read(cells, django_assert_max_num_queries):
    blocks = [(["patent_applications", "patent_grants"], ["410000", *CITIES], HALVES)]
    outside = services.query("patent_applications", "410000", "2020H1", by="type")
    expected = {(c, p): services.query("patent_grants", c, p) for c in ["410000", *CITIES] for p in HALVES}
    with services.prefetched(blocks, breakdowns=True):
        with django_assert_max_num_queries(0):
            for (code, period), rows in expected.items():
                assert services.query("patent_grants", code, period) == rows
            assert services.query("patent_applications", "410000", "2020h1", by="type") == outside
        with pytest.raises(services.UnknownBreakdown):
            services.query("patent_applications", "410000", "2020H1", by="colour")
        # a cell no block named is read as before
        assert services.query("patent_grants", "410100", "2020H2")[0].yoy == 0.5
