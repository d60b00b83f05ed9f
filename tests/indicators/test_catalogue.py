from pathlib import Path

import pytest

from ipgov.indicators import catalogue, docs

SEED_CREATION_IDS = [
    "patent_applications", "patent_grants", "pct_applications", "gi_approvals", "gi_trademarks_registered",
    "gi_products_approved", "well_known_marks_new", "well_known_marks_total",
    "valid_invention_patents_per_10k", "trademark_applications", "trademarks_valid",
]


def test_catalogue_covers_the_seed_creation_figures():
    for ident in SEED_CREATION_IDS:
        ind = catalogue.get(ident)
        assert ind.name_zh and ind.name_en and ind.unit and ind.definition


def test_get_returns_the_definition():
    ind = catalogue.get("valid_invention_patents_per_10k")
    assert (ind.unit, ind.decimals, ind.kind, ind.formula) == ("件/万人", 2, "derived", "per_10k_population")
    assert catalogue.get("patent_grants").date == "grant_date"
    with pytest.raises(catalogue.UnknownIndicator):
        catalogue.get("no_such_indicator")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return path


BASE = """
[sources.t]
model = "rights.Patent"
region = "region_id"
columns = ["filing_date", "patent_type"]
"""


@pytest.mark.parametrize("entry,message", [
    ('id="x"\nname_zh="x"\nname_en="x"\nunit="件"\nkind="flow"\ndefinition="d"\nsource="nope"\ndate="filing_date"',
     "source 'nope' is not declared"),
    ('id="x"\nname_zh="x"\nname_en="x"\nunit="件"\nkind="flow"\ndefinition="d"\nsource="t"\ndate="grant_date"',
     "column 'grant_date' is not among"),
    ('id="x"\nname_zh="x"\nname_en="x"\nunit="件"\nkind="derived"\ndefinition="d"\nformula="magic"',
     "formula 'magic'"),
    ('id="x"\nname_zh="x"\nname_en="x"\nunit="件"\nkind="flow"\ndefinition="d"\nsource="t"\ndate="filing_date"\ncolour="red"',
     "unknown keys"),
    ('id="x"\nname_zh="x"\nname_en="x"\nunit="件"\nkind="derived"\ndefinition="d"\nformula="sum"\ninputs=["y"]',
     "input 'y' is not in the catalogue"),
])
def test_malformed_entries_are_clear_errors(tmp_path, entry, message):
    with pytest.raises(catalogue.CatalogueError, match=message):
        catalogue.load([_write(tmp_path, BASE + "\n[[indicators]]\n" + entry)])


def test_docs_are_generated_from_the_catalogue():
    path = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"
    expected = docs.render(catalogue.default())
    assert path.read_text(encoding="utf-8") == expected, (
        "docs/indicators.md is stale: run `ipgov indicator --write-docs docs/indicators.md`")
    for ind in catalogue.indicators():
        assert f"`{ind.id}`" in expected


def test_every_indicator_is_defined_in_chinese_and_english():
    """The in-UI help, the API and the portal show definition_zh in zh-Hans, definition in English."""
    from django.utils import translation

    missing = [i.id for i in catalogue.default().indicators.values()
               if not i.definition_zh.strip() or not i.definition.strip()]
    assert missing == []
    cjk = [i.id for i in catalogue.default().indicators.values() if not any("\u4e00" <= c <= "\u9fff" for c in i.definition_zh)]
    assert cjk == []
    ind = catalogue.get("valid_invention_patents")
    with translation.override("zh-hans"):
        assert ind.local_definition.startswith("统计期末最后一天仍然有效的发明专利")
    with translation.override("en"):
        assert ind.local_definition.startswith("Invention patents in force on the period's last day")
