"""Hostile files through every importer kind, by the `ipgov import` command (issue 16, "Suites in CI").

Whatever the file, the command ends cleanly — a report, or a CommandError (the CLI's one-line message
and exit 1), never another exception; a row-level problem is reported with its row and column; a
refused file, or a --strict import with a bad row, writes nothing at all (every table counted).
"""

from __future__ import annotations

import csv
import datetime

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import translation

from .corpus import (
    BAD_AMOUNTS,
    BAD_DATES,
    BILLION_LAUGHS,
    CONTROLS,
    FORMULAS,
    HUGE,
    KINDS,
    REGISTER,
    TABULAR,
    base_table,
    columns_of,
    csv_bytes,
    external_entity,
    st36_without_application_reference,
    with_key,
    write,
    xlsx,
    zip_bomb,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The refusals are asserted in English (the zh-Hans ones: tests/core/test_cli_language.py)."""
    with translation.override("en"):
        yield
DOMAIN_APPS = ("rights", "programs", "finance", "cases")


def counts(domain_only: bool = False) -> dict[str, int]:
    """Rows in every table of the domains an import writes (and, unless `domain_only`, of the batches,
    their row errors, record versions and the audit trail)."""
    models = [m for a in DOMAIN_APPS for m in apps.get_app_config(a).get_models()]
    if not domain_only:
        models += [apps.get_model("core", m) for m in ("ImportBatch", "ImportRowError", "RecordVersion", "ObjectChange")]
    return {m._meta.label: m.objects.count() for m in models}


def run_import(path, kind, *args) -> tuple[str, list[dict]]:
    """Run `ipgov import`; return "ok" or the CommandError's message, and the refused rows (--errors CSV)."""
    errors = path.with_name(path.name + ".errors.csv")
    try:
        call_command("import", str(path), "--kind", kind, "--quiet", "--errors", str(errors), *args)
        outcome = "ok"
    except CommandError as exc:
        outcome = str(exc)
    assert "Traceback" not in outcome
    rows = []
    if errors.exists():
        with errors.open(encoding="utf-8-sig", newline="") as fh:
            rows = [dict(zip(("row", "column", "value", "reason"), r, strict=True)) for r in list(csv.reader(fh))[1:]]
    return outcome, rows


def _file_cases(kind: str, tmp) -> dict:
    header, row = base_table(kind)
    good = csv_bytes(header, [row])
    gbk_row = csv_bytes(header, [row], "gbk").split(b"\r\n", 1)[1]
    secret = write(tmp / "secret.txt", "do not read me")
    return {
        "binary garbage": (write(tmp / "g.csv", bytes(range(256)) * 64), ()),
        "truncated in a quoted field": (write(tmp / "q.csv", good + '"郑州,"未完'.encode()), ()),
        "truncated inside a UTF-8 character": (write(tmp / "u.csv", good + "乙".encode()[:2]), ()),
        "GBK declared as UTF-8": (write(tmp / "d.csv", csv_bytes(header, [row], "gbk")), ("--encoding", "utf-8")),
        "mixed encodings": (write(tmp / "m.csv", good + gbk_row * 3), ()),
        "no header row": (write(tmp / "h.csv", "a,b,c\n1,2,3\n"), ()),
        "zip bomb as xlsx": (zip_bomb(tmp / "bomb.xlsx"), ()),
        "garbage xlsx": (write(tmp / "x.xlsx", b"PK\x03\x04" + bytes(range(256)) * 40), ()),
        "truncated xlsx": (write(tmp / "t.xlsx", xlsx(tmp / "full.xlsx", header, [row] * 50).read_bytes()[:3000]), ()),
        "billion laughs": (write(tmp / "lol.xml", BILLION_LAUGHS), ()),
        "external entity": (write(tmp / "xxe.xml", external_entity(secret)), ()),
        "ST.36 without application-reference": (write(tmp / "st36.xml", st36_without_application_reference()), ()),
    }


FILE_CASES = ["binary garbage", "truncated in a quoted field", "truncated inside a UTF-8 character",
              "GBK declared as UTF-8", "mixed encodings", "no header row", "zip bomb as xlsx", "garbage xlsx",
              "truncated xlsx", "billion laughs", "external entity", "ST.36 without application-reference"]


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_files_are_refused_whole_with_nothing_written(actor, tmp_path, kind):
    cases = _file_cases(kind, tmp_path)
    assert sorted(cases) == sorted(FILE_CASES)
    before = counts()
    for name, (path, args) in cases.items():
        if kind == "patents" and name.startswith("ST.36"):
            continue  # a patent document without its number is a refused row: test_st36_without_application_reference
        outcome, _ = run_import(path, kind, *args)
        assert outcome != "ok", f"{kind}: {name} was accepted"
        assert counts() == before, f"{kind}: {name} wrote something"
        assert "do not read me" not in outcome


def test_st36_without_application_reference_is_a_row_error(actor, tmp_path):
    path = write(tmp_path / "st36.xml", st36_without_application_reference())
    before = counts()
    outcome, errors = run_import(path, "patents", "--strict")
    assert "--strict" in outcome and counts() == before
    assert [(e["row"], e["column"]) for e in errors] == [("1", "application-reference")], errors
    outcome, errors = run_import(path, "patents")
    assert "no row was imported" in outcome and counts(domain_only=True) == {k: v for k, v in before.items()
                                                                           if not k.startswith("core.")}


def _spoiled(kind: str, values, types) -> tuple[list[str], list[list], list[tuple[int, str]]]:
    """One row per (value, column): the base row with that cell spoiled; and where each spoilt cell is."""
    header, row = base_table(kind)
    rows, where = [], []
    for value in values:
        for col in columns_of(kind, *types):
            spoiled = with_key(kind, header, row, len(rows)) if kind in REGISTER else list(row)
            spoiled[header.index(col)] = value
            rows.append(spoiled)
            where.append((len(rows) + 1, col))
    return header, rows, where


REFUSED = {
    "control and bidi characters": (CONTROLS, ("text",)),
    "fields over 128 KB": ((HUGE,), ("text",)),
    "future, ancient and impossible dates": (BAD_DATES, ("date",)),
    "absurd amounts": (BAD_AMOUNTS, ("yuan", "wanyuan")),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_bad_cells_are_row_errors_naming_row_and_column(actor, tmp_path, kind, case):
    values, types = REFUSED[case]
    header, rows, where = _spoiled(kind, values, types)
    if not rows:
        pytest.skip(f"{kind} has no {'/'.join(types)} column")
    path = write(tmp_path / "bad.csv", csv_bytes(header, rows))
    if kind in REGISTER and case == "control and bidi characters":
        return _stripped_by_the_register(kind, path, values)
    before = counts()
    outcome, errors = run_import(path, kind, "--strict")
    assert "--strict" in outcome and counts() == before  # strict: nothing at all written
    got = {(int(e["row"]), e["column"]) for e in errors}
    for row, col in where:
        if kind in REGISTER:  # the register names its field ("title", "filing_date"); the row must be right
            assert any(r == row and c for r, c in got), (row, col, errors)
        else:
            assert (row, col) in got, (row, col, errors)
    domain = counts(domain_only=True)
    outcome, _ = run_import(path, kind)  # without --strict: the batch keeps the refused rows, no record
    assert outcome != "ok" and counts(domain_only=True) == domain


def _stripped_by_the_register(kind, path, values):
    """The register keeps such a row with the characters removed (issue 16: "stripped or refused")."""
    from ipgov.core.ingest.columns import CONTROL
    from ipgov.rights.models import GIProduct, Patent, Trademark

    outcome, errors = run_import(path, kind)
    assert outcome == "ok" and not errors
    stored = {"patents": Patent.objects.values_list("title", flat=True),
              "trademarks": Trademark.objects.values_list("name", flat=True),
              "gi": GIProduct.objects.values_list("name", flat=True)}[kind]
    assert len(stored) == len(values) and not any(CONTROL.search(s) for s in stored), list(stored)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_formula_cells_never_break_an_import(actor, tmp_path, kind, suffix):
    header, row = base_table(kind)
    for i, formula in enumerate(FORMULAS):
        spoiled = list(row)
        for col in columns_of(kind, "text"):
            spoiled[header.index(col)] = formula
        path = tmp_path / f"f{i}{suffix}"
        xlsx(path, header, [spoiled]) if suffix == ".xlsx" else write(path, csv_bytes(header, [spoiled]))
        before = counts(domain_only=True)
        outcome, errors = run_import(path, kind)
        if outcome != "ok":
            assert counts(domain_only=True) == before
            assert errors and all(e["row"] == "2" and e["column"] for e in errors), errors
        if kind == "patents" and outcome == "ok" and suffix == ".csv":
            from ipgov.rights.models import Patent
            assert Patent.objects.filter(title=formula).exists()  # kept as text, never evaluated


@pytest.mark.parametrize("kind", KINDS)
def test_conflicting_natural_keys_in_one_file(actor, tmp_path, kind):
    header, row = base_table(kind)
    other = list(row)
    col = _non_key_column(kind)
    i = header.index(col)
    other[i] = "2019-06-02" if other[i] == "2019-06-01" else "另一值"
    before = counts()
    outcome, errors = run_import(write(tmp_path / "k.csv", csv_bytes(header, [row, other])), kind, "--strict")
    assert counts() == before
    conflict = [e for e in errors if "same record as row 2 but with different content" in e["reason"]]
    assert len(conflict) == 1 and conflict[0]["row"] == "3" and conflict[0]["column"], errors


def _non_key_column(kind: str) -> str:
    if kind in REGISTER:
        return {"patents": "专利名称", "trademarks": "商标名称", "gi": "批准公告号"}[kind]
    spec = TABULAR[kind]
    return next(c.label for c in spec.columns
                if c.name not in spec.key and c.kind in ("text", "date") and "区划" not in c.label)


def _validly_changed(kind: str, header: list[str], row: list) -> tuple[str, list]:
    """The row with one value outside the natural key changed to another valid value; that column."""
    other = list(row)
    if kind in REGISTER:
        col = _non_key_column(kind)
        other[header.index(col)] = "另一值"
        return col, other
    spec = TABULAR[kind]
    for c in spec.columns:
        if c.name in spec.key or "区划" in c.label or "信用代码" in c.label:
            continue
        i = header.index(c.label)
        if c.kind == "text":
            other[i] = "另一值"
        elif c.kind == "date":
            other[i] = "2019-06-02" if row[i] == "2019-06-01" else "2019-05-31"
        elif c.kind == "choice" and c.names and len(c.names) > 1:
            other[i] = next(n for n in c.names if n != row[i])
        else:
            continue
        return c.label, other
    raise AssertionError(f"{kind}: no column outside the key to change")


def test_a_day_in_the_future_is_refused_today_and_today_is_not(actor, tmp_path):
    """The window moves with the calendar: guard against a fixed cut-off date in the rules."""
    header, rows, _ = _spoiled("funds", [str(datetime.date.today() + datetime.timedelta(days=1))], ("date",))
    outcome, errors = run_import(write(tmp_path / "f.csv", csv_bytes(header, rows)), "funds")
    assert [(e["row"], e["column"]) for e in errors] == [("2", "成立日期")] and "in the future" in errors[0]["reason"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_changed_value_under_the_same_key_is_never_reported_unchanged(actor, tmp_path, kind):
    """A second file with the same natural key and another value: an update (the old version kept) or a row
    error naming the column — never "unchanged" with the new value dropped (issue 16, item 6)."""
    import io

    from ipgov.core.ingest.models import RecordVersion

    header, row = base_table(kind)
    outcome, errors = run_import(write(tmp_path / "a.csv", csv_bytes(header, [row])), kind)
    if outcome != "ok":
        pytest.skip(f"the generic {kind} row is refused by its services: {errors[:1]}")
    col, other = _validly_changed(kind, header, row)
    versions, out = RecordVersion.objects.count(), io.StringIO()
    path = write(tmp_path / "b.csv", csv_bytes(header, [other]))
    try:
        call_command("import", str(path), "--kind", kind, "--quiet", "--errors", str(tmp_path / "e.csv"), stdout=out)
    except CommandError:
        with (tmp_path / "e.csv").open(encoding="utf-8-sig", newline="") as fh:
            refused = list(csv.reader(fh))[1:]
        assert [r[0] for r in refused] == ["2"] and refused[0][1], refused
        if kind not in REGISTER:
            assert refused[0][1] == col, refused
        return
    assert "1 updated" in out.getvalue(), out.getvalue()
    assert RecordVersion.objects.count() > versions  # the earlier state is kept
