"""Each definition pinned on the hand-built register of conftest.register, on database and duckdb."""

import pytest

from tests.indicators.helpers import cell, cube_on

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "duckdb"])
def cells(request, register, tmp_path):
    return cube_on(request.param, tmp_path)


def test_applications_by_filing_date_grants_by_grant_date(cells):
    # filed 2019-12-31, granted 2020-01-02 → an application of 2019, a grant of 2020
    assert cell(cells, "patent_applications", "410102", "2019-12") == 1
    assert cell(cells, "patent_applications", "410102", "2020-01") == 0
    assert cell(cells, "patent_grants", "410102", "2020-01") == 1
    assert cell(cells, "patent_grants", "410102", "2019Q4") == 0
    assert cell(cells, "patent_applications", "410102", "2019", "type=utility") == 1


def test_stock_excludes_a_right_that_ended_on_the_last_day(cells):
    # 410102: lapsed 2019-12-31 (gone at 2019 end) and lapsed 2020-01-01 (still there at 2019 end)
    assert cell(cells, "valid_invention_patents", "410102", "2019-11") == 2
    assert cell(cells, "valid_invention_patents", "410102", "2019") == 1
    assert cell(cells, "valid_invention_patents", "410102", "2019Q4") == 1
    assert cell(cells, "valid_invention_patents", "410102", "2020-01") == 0
    assert cell(cells, "valid_invention_patents", "410102", "2018..2019") == 1  # a range's stock: at its end


def test_region_rollup_zone_retired_code_and_foreign_first_applicant(cells):
    # Henan 2019 filings: 410102 (12-31), 410172 zone, 410121 retired, 410300 PCT; the foreign one nowhere
    assert cell(cells, "patent_applications", "410000", "2019") == 4
    assert cell(cells, "patent_applications", "410100", "2019") == 3  # 410102 + zone + retired county
    assert cell(cells, "patent_applications", "410172", "2019") == 1
    assert cell(cells, "patent_applications", "410121", "2019") == 1
    assert cell(cells, "patent_applications", "410182", "2019") == 0  # the successor code is not back-filled
    assert cell(cells, "patent_grants", "410000", "2019") == 1  # the zone's design; the foreign grant is not Henan's
    assert cell(cells, "patent_applications", "410100", "2019", "applicant=university") == 1
    assert cell(cells, "patent_applications", "410000", "2019", "ipc=G") == 1


def test_pct_by_international_filing_date(cells):
    assert cell(cells, "pct_applications", "410000", "2019") == 1
    assert cell(cells, "pct_applications", "410300", "2019Q1") == 1
    assert cell(cells, "pct_applications", "410100", "2019") == 0


def test_per_10k_domestic_only_and_re_derived_per_region(cells):
    # Henan at 2019 end: one domestic valid invention (410102); the Taiwan-owned one in 410300 is excluded
    assert cell(cells, "valid_invention_patents", "410000", "2019") == 2
    assert cell(cells, "domestic_valid_invention_patents", "410000", "2019") == 1
    assert cell(cells, "valid_invention_patents_per_10k", "410000", "2019") == pytest.approx(1 / 9936.5519)
    # 郑州 re-derived from its own numerator and population (12,600,574), not summed from counties
    assert cell(cells, "valid_invention_patents_per_10k", "410100", "2019") == pytest.approx(1 / 1260.0574)
    assert cell(cells, "valid_invention_patents_per_10k", "410300", "2019") == 0


def test_trademark_and_gi_definitions(cells):
    assert cell(cells, "trademarks_valid", "410102", "2020-05") == 2
    assert cell(cells, "trademarks_valid", "410102", "2020H1") == 1  # ended on 2020-06-30
    assert cell(cells, "trademark_applications", "410000", "2020H1") == 1
    assert cell(cells, "gi_trademarks_registered", "411500", "2019") == 1
    assert cell(cells, "gi_products_approved", "411500", "2019") == 1
    assert cell(cells, "gi_approvals", "410000", "2019") == 2
    assert cell(cells, "gi_approvals", "410000", "2018") == 1
    assert cell(cells, "well_known_marks_new", "410000", "2019") == 1
    assert cell(cells, "well_known_marks_total", "410100", "2018") == 0
    assert cell(cells, "well_known_marks_total", "410100", "2020H1") == 1


def test_derived_formulas(cells):
    assert cell(cells, "patent_applications_yoy", "410000", "2019") is None  # 2018 had no Henan filing
    assert cell(cells, "invention_share_of_applications", "410000", "2019") == pytest.approx(2 / 4)
    assert cell(cells, "patent_applications_ytd", "410000", "2019-06") == 2  # PCT (Feb) + zone (Jun)
    # 2018..2020: the two 2018 grants in 410102, the zone's 2019 grant, the 2020-01-02 grant
    assert cell(cells, "patent_grants_3y", "410000", "2020") == 4
    assert cell(cells, "patent_grants_3y", "410000", "2019") is None  # needs months before the window
