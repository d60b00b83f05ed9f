"""The generator: deterministic, valid numbers, realistic lags, addresses the resolver places right."""

import datetime as dt
import hashlib
import io
import os
import random
import subprocess
import sys
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from ipgov.demo.synth.applicants import Applicants
from ipgov.demo.synth.files import GBK_YEAR, GI_HEADERS, PATENT_HEADERS
from ipgov.demo.synth.patents import INVENTION, TERMINATING, month_index
from ipgov.demo.synth.plan import SNAPSHOT
from ipgov.demo.synth.register import build, render
from ipgov.regions import resolver
from ipgov.rights.numbers import parse_application_number, parse_publication_number

SCALE = 0.01


@pytest.fixture(scope="module")
def small():
    return build(7, SCALE)


@pytest.fixture(scope="module")
def small_files(small):
    return small.files()


def test_same_seed_same_bytes(small_files):
    again = build(7, SCALE).files()
    assert list(again) == list(small_files)
    for name, data in small_files.items():
        assert hashlib.sha256(again[name]).digest() == hashlib.sha256(data).digest(), name
    assert dict(render(7, SCALE)) == small_files  # the streaming path gives the same files
    other = build(8, SCALE).files()
    assert other["patents_2019.csv"] != small_files["patents_2019.csv"]


def test_application_and_publication_numbers_are_valid_and_unique(small):
    numbers = [p.number for p in small.patents]
    assert len(set(numbers)) == len(numbers)
    for p in small.patents:
        parsed = parse_application_number(p.number)
        assert parsed.patent_type == p.kind, p.number
        assert parsed.is_pct == (p.national_phase is not None)
        year = p.national_phase[2].year if p.national_phase else p.filed.year
        assert parsed.year == year
        for pub in (p.pub_number, p.grant_number):
            if pub:
                assert parse_publication_number(pub).patent_type == p.kind
    pubs = [p.pub_number for p in small.patents if p.pub_number]
    assert len(set(pubs)) == len(pubs)
    marks = [m.number for m in small.marks]
    assert len(set(marks)) == len(marks) and all(n.isdigit() for n in marks)


def test_lags_and_dates_are_realistic(small):
    lags = {"invention": (14, 48), "utility": (5, 12), "design": (3, 8)}
    for p in small.patents:
        assert p.filed <= SNAPSHOT
        if p.granted and p.henan:
            lo, hi = lags[p.kind]
            assert lo <= month_index(p.granted) - month_index(p.filed) <= hi, p
            assert p.granted.weekday() in (1, 4)  # gazette days
        if p.published and p.granted:
            assert p.filed < p.published <= p.granted
        for kind, day in p.events:
            assert day <= SNAPSHOT
            if kind in TERMINATING:
                assert p.granted and day > p.granted
    inventions = [p for p in small.patents if p.kind == INVENTION and p.granted and p.filed.year >= 2014 and p.henan]
    mean = sum((p.granted - p.filed).days for p in inventions) / len(inventions)
    assert 600 < mean < 900  # about two years


def test_pct_filings_claim_a_cn_priority_within_a_year(small):
    pct = [p for p in small.patents if p.pct]
    assert pct and all(p.henan and p.kind == INVENTION for p in pct)
    for p in pct:
        number, day, _, _ = p.pct
        assert number.startswith(f"PCT/CN{day.year}/")
        assert 0 < (day - p.filed).days < 366


def test_gi_and_well_known_sets_are_not_scaled(small):
    assert len(small.products) == 31
    assert sum(1 for m in small.marks if m.is_gi and m.registered.year == 2019) == 17
    assert sum(1 for g in small.products if g.approved.year == 2019) == 4
    assert sum(1 for m in small.marks if m.well_known_on and m.well_known_on.year == 2019) == 7
    assert sum(1 for m in small.marks if m.well_known_on) == 274
    assert all(m.valid_at(SNAPSHOT) for m in small.marks if m.well_known_on)


def test_applicant_mix_and_outsiders(small):
    kinds = {a.kind for p in small.patents for a in p.applicants}
    assert {"企业", "大专院校", "科研单位", "个人"} <= kinds
    names = {p.first.name for p in small.patents}
    assert "郑州大学" in names
    outsiders = [p for p in small.patents if not p.henan]
    assert outsiders and any(not p.first.domestic for p in outsiders)
    assert any(p.first.domestic and len(p.applicants) == 2 and p.applicants[1].city for p in outsiders)


def test_files_have_the_import_headers_and_encodings(small_files):
    gbk = small_files[f"patents_{GBK_YEAR}.csv"]
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert gbk.decode("gb18030").splitlines()[0].split(",") == list(PATENT_HEADERS)
    utf8 = small_files["patents_2019.csv"]
    assert utf8.startswith(b"\xef\xbb\xbf")
    assert zipfile.is_zipfile(io.BytesIO(small_files["gi_products.xlsx"]))


def test_gi_workbook_reads_back(tmp_path, small, small_files):
    products = small.products
    path = tmp_path / "gi.xlsx"
    path.write_bytes(small_files["gi_products.xlsx"])
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert list(rows[0]) == list(GI_HEADERS)
    assert len(rows) == len(products) + 1
    assert {r[0] for r in rows[1:]} == {g.name for g in products}


@pytest.mark.django_db
def test_every_henan_address_resolves_to_its_city():
    resolver.invalidate()
    people = Applicants(random.Random(11), firms=400, people=400)
    parties = [*people.firms, *people.people, *people.universities, *people.institutes, *people.government]
    wrong = []
    for party in parties:
        r = resolver.resolve(party.address, as_of=dt.date(2019, 6, 1))
        if not r.resolved or r.city_code != party.city:
            wrong.append((party.address, party.city, r.code, r.reason))
    assert wrong == []


def test_same_bytes_in_another_process_with_another_hash_seed(small_files):
    script = ("import hashlib, sys\nfrom ipgov.demo.synth.register import render\nh = hashlib.sha256()\n"
              f"for name, data in render(7, {SCALE}):\n    h.update(name.encode()); h.update(data)\n"
              "print(h.hexdigest())")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True)
    here = hashlib.sha256()
    for name, data in small_files.items():
        here.update(name.encode())
        here.update(data)
    assert out.stdout.strip() == here.hexdigest()


def test_the_generators_fast_draws_are_the_random_modules_draws():
    """`below`, `choose`, `between` take the same random bits as randrange, choice and randint: the same register
    from the same seed (the demo's files are byte-identical to the ones the random module's calls made)."""
    import random

    from ipgov.demo.synth.applicants import below, between, choose

    ours, theirs = random.Random(2020), random.Random(2020)
    for n in (1, 2, 3, 7, 8, 9, 31, 32, 33, 1000, 2**20, 2**20 + 1):
        seq = list(range(n))
        for _ in range(50):
            assert below(ours, n) == theirs.randrange(n)
            assert choose(ours, seq) == theirs.choice(seq)
            assert choose(ours, "河南省") == theirs.choice("河南省")
            assert between(ours, -3, n) == theirs.randint(-3, n)
            assert ours.random() == theirs.random()  # still in step
