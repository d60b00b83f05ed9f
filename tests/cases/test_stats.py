"""Counting queries pinned on hand-built cases."""

import pytest

from ipgov.cases import services, stats
from ipgov.cases.bulk import BulkRunner
from ipgov.cases.choices import DocumentType, Kind
from ipgov.cases.models import Case, CaseEvent, Deadline

from .helpers import ZZC, D, applicant, doc, register_applicant

Y2019 = (D(2019, 1, 1), D(2019, 12, 31))


def penalty_case(region, received, filed, closed, kind=Kind.TRADEMARK_INFRINGEMENT):
    case = services.open_case(kind, region=region, authority="市场监督管理局", received_on=received)
    doc(case, DocumentType.FILING_APPROVAL, received)
    services.move_case(case, "file", on=filed)
    if closed:
        services.move_case(case, "investigate", on=filed)
        services.move_case(case, "dismiss", on=closed, reason="轻微")
        services.move_case(case, "close", on=closed)
    return case


@pytest.fixture
def cases(system):
    penalty_case("410305", D(2019, 10, 8), D(2019, 10, 9), D(2019, 12, 31))  # Luoyang county, closed 31 Dec
    penalty_case("410100", D(2019, 11, 4), D(2019, 11, 5), D(2020, 1, 2))  # closes in the next year
    penalty_case("410100", D(2019, 1, 7), D(2019, 1, 8), D(2019, 6, 3), kind=Kind.COUNTERFEIT_PATENT)  # late
    penalty_case("410100", D(2019, 12, 2), D(2019, 12, 3), None)  # still open
    refused = services.open_case(Kind.PATENT_DISPUTE, region="410100", authority="郑州市市场监督管理局",
                                 received_on=D(2019, 3, 1))
    services.move_case(refused, "refuse", on=D(2019, 3, 4), reason="不符合受理条件")


def test_enforcement_cases_closed_by_closing_date_and_region(cases):
    assert stats.enforcement_cases_closed("410000", *Y2019) == 2
    assert stats.enforcement_cases_closed("410000", *Y2019, right="trademark") == 1
    assert stats.enforcement_cases_closed("410000", *Y2019, by="right_type") == {"patent": 1, "trademark": 1}
    assert stats.enforcement_cases_closed("410300", *Y2019) == 1  # the county rolls up to its city
    assert stats.enforcement_cases_closed("410100", *Y2019) == 1
    assert stats.enforcement_cases_closed("410000", D(2020, 1, 1), D(2020, 6, 30)) == 1
    assert stats.cases_received("410000", *Y2019, by="kind") == {
        "counterfeit_patent": 1, "patent_dispute": 1, "trademark_infringement": 3}
    assert stats.cases_filed("410000", *Y2019) == 4  # the refused one was never filed


def test_closing_time_and_overdue(cases):
    result = stats.closing_time("410000", *Y2019)
    # received→closed: 84 days (8 Oct→31 Dec) and 147 days (7 Jan→3 Jun, past its 90-day decision deadline)
    assert result["cases"] == 2 and result["median_days"] == (84 + 147) / 2
    assert (result["with_deadline"], result["within_deadline"], result["share_within"]) == (2, 1, 0.5)
    # on 1 May 2019 the counterfeit-patent case was open and past its decision deadline (8 Apr)
    assert stats.overdue_at("410000", D(2019, 5, 1)) == 1
    assert stats.overdue_at("410000", D(2019, 6, 2)) == 1
    assert stats.overdue_at("410000", D(2019, 6, 3)) == 0  # closed that day
    # the open case (filed 3 Dec 2019) passes its 90 days on 2 Mar 2020
    assert stats.overdue_at("410000", D(2020, 3, 2)) == 0
    assert stats.overdue_at("410000", D(2020, 3, 3)) == 1
    assert stats.overdue_deadlines_at("410000", D(2019, 5, 1)) == 1
    assert stats.overdue_deadlines_at("410100", D(2020, 3, 3)) == 1
    assert stats.overdue_deadlines_at("410300", D(2020, 3, 3)) == 0


def test_bulk_runner_applies_the_same_rules(system):
    single = services.open_case(Kind.ECOMMERCE, region="410100", authority="中心", received_on=D(2020, 1, 20),
                                platform="京东")
    services.move_case(single, "accept", on=D(2020, 2, 3))
    services.move_case(single, "forward", on=D(2020, 2, 3))
    run = BulkRunner()
    h = run.open(Kind.ECOMMERCE, region="410100", authority="中心", received_on=D(2020, 1, 20), platform="京东")
    run.move(h, "accept", D(2020, 2, 3))
    run.move(h, "forward", D(2020, 2, 3))
    with pytest.raises(Exception, match="cannot close"):
        run.move(h, "close", D(2020, 2, 4))
    counts = run.flush()
    bulk = Case.objects.exclude(pk=single.pk).get()
    assert counts["cases"] == 1 and bulk.number == "DSTS-410100-2020-00002"
    fields = ("key", "start_on", "due_on", "status", "met_on")
    assert list(Deadline.objects.filter(case=bulk).values_list(*fields)) == \
        list(Deadline.objects.filter(case=single).values_list(*fields))
    assert [e.transition for e in CaseEvent.objects.filter(case=bulk)] == ["", "accept", "forward"]
    assert stats.ecommerce_cases_assisted("410000", D(2020, 1, 1), D(2020, 6, 30)) == 0


def test_preexam_and_assistance_counts(system):
    register_applicant()
    run = BulkRunner()
    with pytest.raises(Exception, match="not registered"):
        run.open(Kind.PREEXAM, region="410100", authority="另一中心", received_on=D(2019, 12, 30),
                 patent_type="design", parties=applicant())
    for day, result in ((D(2019, 12, 30), "pass"), (D(2019, 12, 31), "fail"), (D(2020, 1, 2), "pass")):
        h = run.open(Kind.PREEXAM, region="410100", authority=ZZC, received_on=day, patent_type="design",
                     parties=applicant())
        if result == "pass":
            run.document(h, DocumentType.PREEXAM_REPORT, "a.txt", f"预审 {day}".encode(), day)
            run.move(h, "pass", day)
            run.move(h, "submit", day, application_number="201930101234.9" if day.year == 2019 else "202030000001.2")
            run.move(h, "grant", D(2020, 1, 20))
        else:
            run.move(h, "fail", day, reason="不合格")
    for channel in ("center", "center", "online"):
        run.open(Kind.ASSISTANCE, region="410300", authority="援助中心", received_on=D(2019, 8, 1),
                 right_type="trademark", channel=channel, requester_type="public")
    run.flush()
    assert stats.preexams_completed("410000", *Y2019) == 2
    assert stats.preexam_grants("410000", *Y2019) == 0
    assert stats.preexam_grants("410000", D(2020, 1, 1), D(2020, 6, 30)) == 2
    assert stats.assistance_requests("410000", *Y2019) == {"center": 2, "online": 1}
    assert stats.assistance_requests("410100", *Y2019) == {}
