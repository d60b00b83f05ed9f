import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from ipgov.indicators import services
from ipgov.indicators.models import Observation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("system_actor")]


def _obs(indicator, period, value, breakdown="", region="410000", unit="件", kind="half", status="computed"):
    return Observation.objects.create(indicator=indicator, region_id=region, period=period, period_kind=kind,
                                      breakdown=breakdown, value=value, unit=unit, status=status)


def test_query_total_with_yoy_from_the_same_period_a_year_earlier():
    _obs("patent_applications", "2020H1", 80868)
    _obs("patent_applications", "2019H1", 66612)
    [row] = services.query("patent_applications", "410000", "2020h1")
    assert (row.indicator, row.region, row.period, row.breakdown) == ("patent_applications", "410000", "2020H1", "")
    assert row.value == 80868 and isinstance(row.value, int)
    assert row.yoy == 0.214  # 80868 / 66612 − 1 = 0.21401…, quoted to one decimal in percent
    assert row.status == "computed" and row.unit == "件"


def test_query_by_breakdown_and_missing_prior():
    _obs("patent_applications", "2019", 100, "type=invention", kind="year")
    _obs("patent_applications", "2019", 50, "type=design", kind="year")
    rows = services.query("patent_applications", "410000", "2019", by="type")
    assert [(r.breakdown, r.value, r.yoy) for r in rows] == [("type=design", 50, None), ("type=invention", 100, None)]
    with pytest.raises(services.UnknownBreakdown, match="has no breakdown 'colour'"):
        services.query("patent_applications", "410000", "2019", by="colour")


def test_per_10k_rounding_and_two_decimal_yoy():
    _obs("valid_invention_patents_per_10k", "2020H1", 4.1234, unit="件/万人")
    _obs("valid_invention_patents_per_10k", "2019H1", 3.7267, unit="件/万人")
    [row] = services.query("valid_invention_patents_per_10k", "410000", "2020H1")
    assert row.value == 4.12 and row.raw_value == 4.1234
    # from unrounded values: 4.1234 / 3.7267 − 1 = 0.106448 → +10.64%; rounded ones would give 4.12 / 3.73 − 1 → +10.46%
    assert row.yoy == 0.1064


def test_indicator_command_json(capsys):
    _obs("patent_applications", "2020H1", 80868)
    _obs("patent_applications", "2019H1", 66612)
    call_command("indicator", "patent_applications", "--region", "410000", "--period", "2020H1", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["value"] == 80868 and data["yoy"] == 0.214 and data["breakdown"] == ""
    assert {"indicator", "region", "period", "breakdown", "value", "unit", "yoy", "status"} <= set(data)
    call_command("indicator", "patent_applications", "--period", "2020H1")
    assert "专利申请量 410000 2020H1: 80,868 件, 同比 +21.4% （计算值，计算批次 -）" in capsys.readouterr().out
    with translation.override("en"):
        call_command("indicator", "patent_applications", "--period", "2020H1")
    assert "Patent applications 410000 2020H1: 80,868 items, YoY +21.4% (computed, run -)" in capsys.readouterr().out


def test_indicator_command_errors():
    with pytest.raises(CommandError, match="“2020X”"):
        call_command("indicator", "patent_applications", "--period", "2020X")
    with pytest.raises(CommandError, match="没有代码为999999的地区"):
        call_command("indicator", "patent_applications", "--region", "999999", "--period", "2020")
    with pytest.raises(CommandError, match="没有指标 patent_applications 的计算值"):
        call_command("indicator", "patent_applications", "--period", "2015")
