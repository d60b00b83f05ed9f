"""The real MCA 2024 division list, its history and the NBS functional zones, as loaded."""

import csv
from pathlib import Path

import pytest

from ipgov.regions import loader, services
from ipgov.regions.models import Population, Region

pytestmark = pytest.mark.django_db
DATA = Path(loader.__file__).parent / "data"


def henan_current_rows():
    with (DATA / "mca_division_codes_2024.csv").open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["province_code"] == "410000"]


def test_every_henan_prefecture_and_county_present_with_its_parent():
    rows = henan_current_rows()
    assert len([r for r in rows if r["level"] == "prefecture"]) == 17
    assert len([r for r in rows if r["level"] == "county"]) == 157
    for row in rows:
        region = Region.objects.get(code=row["code"])
        assert region.name == row["name"]
        assert region.is_active
        assert (region.parent_id or "") == row["parent_code"]
        assert region.province_id == "410000"


def test_every_county_rolls_up_to_one_city_level_unit_and_province():
    counties = Region.objects.active().filter(province_id="410000", level="county")
    assert counties.count() == 157
    for county in counties:
        assert county.city_id is not None
        assert county.city.level == "prefecture" or county.city_id == county.code


def test_jiyuan_is_a_province_administered_city_level_unit():
    jiyuan = Region.objects.get(code="419001")
    assert jiyuan.name == "济源市"
    assert jiyuan.level == "county"
    assert jiyuan.parent_id == "410000"
    assert jiyuan.is_province_administered
    assert jiyuan.is_city_level
    units = services.city_level_units("410000")
    assert units.count() == 18
    assert "419001" in set(units.values_list("code", flat=True))


def test_functional_zones_are_statistical_areas_under_their_city():
    zone = Region.objects.get(code="410171")
    assert zone.name == "郑州经济技术开发区"
    assert zone.level == "zone"
    assert not zone.is_legal_division
    assert zone.parent_id == "410100"
    assert zone.city_id == "410100"
    assert Region.objects.filter(province_id="410000", level="zone").count() == 24


def test_a_city_query_includes_its_counties_and_zones():
    zhengzhou = set(Region.objects.within("410100").active().values_list("code", flat=True))
    assert {"410100", "410102", "410105", "410122", "410184", "410171", "410172", "410173"} <= zhengzhou
    assert "410305" not in zhengzhou  # 涧西区 is Luoyang's
    assert len(Region.objects.within("410000").active()) == 1 + 17 + 157 + 24


def test_luoyang_2021_changes_are_followed():
    jili = Region.objects.get(code="410306")
    assert not jili.is_active and jili.name == "吉利区"
    assert [(s.code, s.name, s.year) for s in services.successors(jili)] == [("410308", "孟津区", 2021)]
    mengjin_county = Region.objects.get(code="410322")
    assert [(s.code, s.year) for s in services.successors(mengjin_county)] == [("410308", 2021)]
    yanshi = Region.objects.get(code="410381")
    assert [(s.code, s.name, s.year) for s in services.successors(yanshi)] == [("410307", "偃师区", 2021)]
    assert Region.objects.get(code="410307").is_active
    assert Region.objects.get(code="410307").parent_id == "410300"


def test_a_renamed_code_keeps_its_history():
    huiji = Region.objects.get(code="410108")
    names = [(v.name, v.valid_from, v.valid_to) for v in services.history(huiji)]
    assert names == [("邙山区", 1987, 2003), ("惠济区", 2003, None)]
    assert services.successors(huiji) == []


def test_unknown_code_is_a_clear_error():
    with pytest.raises(services.UnknownRegion, match="unknown region code '419999'"):
        services.get_region("419999")


def test_henan_population_2020_from_the_census():
    assert Population.objects.get(region_id="410000", year=2020).value == 99_365_519
    assert Population.objects.get(region_id="410100", year=2020).value == 12_600_574
    # census-time codes keep their population: 吉利区 was retired in 2021
    assert Population.objects.get(region_id="410306", year=2020).value == 69_142
    assert services.population("410000", 2023).value == 99_365_519  # latest year on or before


def test_later_population_years_load_from_csv(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text("code,year,population\n410000,2021,98830000\n410100,2021,12743000\n", encoding="utf-8")
    report = loader.load_population(loader.read_population_csv(path), source="test bulletin")
    assert report.created["population"] == 2
    assert services.population("410000", 2022).value == 98_830_000
    assert services.population("410000", 2020).value == 99_365_519
    again = loader.load_population(loader.read_population_csv(path), source="test bulletin")
    assert not again.changed


def test_bad_population_csv_names_the_row(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text("code,year,population\n410000,2021,98830000\n41000x,2021,5\n", encoding="utf-8")
    with pytest.raises(ValueError, match="第 3 行"):
        loader.read_population_csv(path)
    path.write_text("code,population\n410000,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="缺少列 year"):
        loader.read_population_csv(path)


def test_loading_twice_changes_nothing():
    report = loader.load_divisions()
    loader.load_census_2020(report)
    assert not report.changed
    assert report.unchanged["region"] == Region.objects.count()
