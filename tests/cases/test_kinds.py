"""Every kind of case end to end through the services, with its deadlines and timeline."""

from decimal import Decimal

import pytest

from ipgov.cases import services
from ipgov.cases.choices import DeadlineStatus, DeadlineUnit, DocumentType, EventAction, Kind
from ipgov.cases.models import Case, CaseEvent, Deadline
from ipgov.cases.workflow import WorkflowError
from ipgov.core import credit_code
from ipgov.core.models import ObjectChange

from .helpers import APPLICANT_CODE, ZZC, D, applicant, deadline, doc, register_applicant

LY = "洛阳市市场监督管理局"


def test_patent_dispute_end_to_end(luoyang, as_user):
    with as_user(luoyang):
        case = services.open_case(Kind.PATENT_DISPUTE, region="410300", authority=LY, received_on=D(2019, 9, 27),
                                  parties=[{"role": "complainant", "name": "洛阳甲机械有限公司", "region": "410300"},
                                           {"role": "respondent", "name": "郑州乙科技有限公司", "region": "410100"}])
        assert case.number == "ZLJF-410300-2019-00001" and case.state == "received"
        # filing decision: 5 working days over National Day 2019 (29 Sep make-up day, 1–7 Oct holiday)
        assert deadline(case, "filing").due_on == D(2019, 10, 10)
        doc(case, DocumentType.REQUEST, D(2019, 9, 27))
        services.move_case(case, "file", on=D(2019, 10, 9))
        assert deadline(case, "filing").status == DeadlineStatus.MET
        assert deadline(case, "closing").due_on == D(2020, 1, 9)  # 3 months after filing
        assert deadline(case, "service").due_on == D(2019, 10, 15)  # Saturday 12 Oct was a working day
        services.move_case(case, "serve", on=D(2019, 10, 14))
        assert deadline(case, "answer").due_on == D(2019, 10, 29)  # 15 calendar days
        services.move_case(case, "hear", on=D(2019, 11, 20))
        assert deadline(case, "answer").status == DeadlineStatus.LAPSED
        with pytest.raises(WorkflowError, match="documents"):
            services.move_case(case, "decide", on=D(2019, 12, 20))
        doc(case, DocumentType.DECISION, D(2019, 12, 20))
        services.move_case(case, "decide", on=D(2019, 12, 20))
        case = services.move_case(case, "close", on=D(2019, 12, 23))
    assert (case.state, case.closed_on, case.outcome, case.filed_on) == ("closed", D(2019, 12, 23), "decided",
                                                                         D(2019, 10, 9))
    assert deadline(case, "closing").status == DeadlineStatus.MET
    actions = list(case.events.values_list("action", flat=True))
    assert actions.count(EventAction.TRANSITION) == 5 and actions.count(EventAction.DOCUMENT) == 2
    assert actions.count(EventAction.PARTY) == 2 and actions[0] == EventAction.OPENED
    assert set(case.events.values_list("actor", flat=True)) == {"user:luoyang_officer"}
    audit = ObjectChange.objects.filter(object_id=str(case.pk), object_type__model="case")
    assert audit.filter(action="transition").count() == 5
    assert audit.filter(action="transition", message="结案").get().before["state"] == "decided"  # zh-Hans


def test_patent_dispute_refused_and_withdrawn(system):
    refused = services.open_case(Kind.PATENT_DISPUTE, region="410300", authority=LY, received_on=D(2020, 1, 20))
    with pytest.raises(WorkflowError, match="reason"):
        services.move_case(refused, "refuse", on=D(2020, 2, 5))
    services.move_case(refused, "refuse", on=D(2020, 2, 5), reason="法院已受理该专利侵权纠纷")
    refused.refresh_from_db()
    # 5 working days from 20 Jan 2020 end on 4 Feb (Spring Festival extended to 2 Feb): one day late
    assert deadline(refused, "filing").status == DeadlineStatus.LATE
    assert refused.state == "not_filed" and refused.closed_on is None and refused.reason

    case = services.open_case(Kind.PATENT_DISPUTE, region="410300", authority=LY, received_on=D(2019, 3, 1))
    doc(case, DocumentType.REQUEST, D(2019, 3, 1))
    services.move_case(case, "file", on=D(2019, 3, 5))
    services.move_case(case, "withdraw", on=D(2019, 4, 1), reason="双方和解")
    case = services.move_case(case, "close", on=D(2019, 4, 2))
    assert case.outcome == "withdrawn" and Case.objects.filter(pk=case.pk, state="closed").exists()
    assert deadline(case, "service").status == DeadlineStatus.LAPSED


@pytest.mark.parametrize("kind", [Kind.COUNTERFEIT_PATENT, Kind.TRADEMARK_INFRINGEMENT])
def test_penalty_cases_end_to_end(kind, zhengzhou, as_user):
    right = "trademark" if kind == Kind.TRADEMARK_INFRINGEMENT else "patent"
    with as_user(zhengzhou):
        case = services.open_case(kind, region="410100", authority="郑州市市场监督管理局", received_on=D(2020, 1, 10))
        assert case.right_type == right
        assert deadline(case, "filing").due_on == D(2020, 2, 7)  # 15 working days over Spring Festival 2020
        doc(case, DocumentType.FILING_APPROVAL, D(2020, 1, 10))
        services.move_case(case, "file", on=D(2020, 1, 17))
        assert deadline(case, "decision").due_on == D(2020, 4, 16)  # 90 days
        services.move_case(case, "investigate", on=D(2020, 1, 20))
        doc(case, DocumentType.PENALTY_DECISION, D(2020, 4, 10))
        with pytest.raises(WorkflowError, match="negative"):
            services.move_case(case, "penalize", on=D(2020, 4, 10), penalty_amount="-5")
        services.move_case(case, "penalize", on=D(2020, 4, 10), penalty_amount="30000",
                           confiscated="侵权商品 120 件", confiscated_value="8400")
        case = services.move_case(case, "close", on=D(2020, 4, 13))
    assert case.penalty_amount == Decimal("30000.00") and case.confiscated_value == Decimal("8400.00")
    assert case.closed_on == D(2020, 4, 13) and case.outcome == "penalized"


def test_penalty_case_transferred_to_police(system):
    case = services.open_case(Kind.TRADEMARK_INFRINGEMENT, region="410100", authority="郑州市市场监督管理局",
                              received_on=D(2019, 5, 6))
    doc(case, DocumentType.FILING_APPROVAL, D(2019, 5, 6))
    services.move_case(case, "file", on=D(2019, 5, 8))
    services.move_case(case, "investigate", on=D(2019, 5, 9))
    with pytest.raises(WorkflowError, match="documents"):
        services.move_case(case, "transfer", on=D(2019, 6, 1))
    doc(case, DocumentType.TRANSFER_LETTER, D(2019, 6, 3))
    services.move_case(case, "transfer", on=D(2019, 6, 3))
    case = services.move_case(case, "close", on=D(2019, 6, 4))
    assert case.police_transfer and case.outcome == "transferred"


def test_extensions_are_recorded_and_capped(system):
    case = services.open_case(Kind.TRADEMARK_INFRINGEMENT, region="410300", authority=LY, received_on=D(2019, 6, 3))
    doc(case, DocumentType.FILING_APPROVAL, D(2019, 6, 3))
    services.move_case(case, "file", on=D(2019, 7, 3))
    assert deadline(case, "decision").due_on == D(2019, 10, 8)  # 90 days end on 1 Oct: moved past National Day
    with pytest.raises(WorkflowError, match="at most 30"):
        services.extend_deadline(case, "decision", amount=45, unit=DeadlineUnit.DAYS, approved_by="局长",
                                 reason="复杂", on=D(2019, 9, 20))
    with pytest.raises(WorkflowError, match="approved"):
        services.extend_deadline(case, "decision", amount=30, unit=DeadlineUnit.DAYS, approved_by=" ",
                                 reason="复杂", on=D(2019, 9, 20))
    services.extend_deadline(case, "decision", amount=30, unit=DeadlineUnit.DAYS, approved_by="洛阳市局局长",
                             reason="需检验鉴定", on=D(2019, 9, 20))
    d = deadline(case, "decision")
    assert (d.due_on, d.original_due_on, d.extensions_used) == (D(2019, 11, 7), D(2019, 10, 8), 1)
    assert d.extensions.get().approved_by == "洛阳市局局长"
    with pytest.raises(WorkflowError, match="collective"):
        services.extend_deadline(case, "decision", amount=10, unit=DeadlineUnit.DAYS, approved_by="局长",
                                 reason="再延", on=D(2019, 11, 1))
    services.extend_deadline(case, "decision", amount=20, unit=DeadlineUnit.DAYS, approved_by="局务会集体讨论",
                             reason="重大复杂", on=D(2019, 11, 1), collective=True)
    assert deadline(case, "decision").due_on == D(2019, 11, 27)

    dispute = services.open_case(Kind.PATENT_DISPUTE, region="410300", authority=LY, received_on=D(2019, 3, 1))
    doc(dispute, DocumentType.REQUEST, D(2019, 3, 1))
    services.move_case(dispute, "file", on=D(2019, 3, 4))
    services.extend_deadline(dispute, "closing", amount=1, unit=DeadlineUnit.MONTHS, approved_by="局长",
                             reason="特别复杂", on=D(2019, 5, 30))
    before = Deadline.objects.get(case=dispute, key="closing").due_on
    with pytest.raises(WorkflowError, match="legal maximum"):
        services.extend_deadline(dispute, "closing", amount=1, unit=DeadlineUnit.MONTHS, approved_by="局长",
                                 reason="再次", on=D(2019, 6, 10), collective=True)
    assert Deadline.objects.get(case=dispute, key="closing").due_on == before == D(2019, 7, 4)


def test_ecommerce_complaint(center_staff, as_user):
    with as_user(center_staff):
        with pytest.raises(WorkflowError, match="platform"):
            services.open_case(Kind.ECOMMERCE, region="410100", authority=ZZC, received_on=D(2019, 4, 1))
        case = services.open_case(Kind.ECOMMERCE, region="410100", authority=ZZC, received_on=D(2019, 4, 1),
                                  platform="京东")
        assert case.right_type == "patent" and deadline(case, "acceptance").due_on == D(2019, 4, 11)  # Qingming 5 Apr
        services.move_case(case, "accept", on=D(2019, 4, 2))
        services.move_case(case, "forward", on=D(2019, 4, 2))
        services.move_case(case, "platform_response", on=D(2019, 4, 8), platform_result="已删除侵权链接")
        case = services.move_case(case, "close", on=D(2019, 4, 9))
    assert (case.forwarded_on, case.platform_responded_on, case.closed_on) == (D(2019, 4, 2), D(2019, 4, 8),
                                                                              D(2019, 4, 9))
    assert deadline(case, "platform").status == DeadlineStatus.MET


def test_rights_assistance(system):
    with pytest.raises(WorkflowError, match="channel"):
        services.open_case(Kind.ASSISTANCE, region="410300", authority="维权援助中心", right_type="trademark",
                           channel="phone", requester_type="public", received_on=D(2019, 5, 6))
    case = services.open_case(Kind.ASSISTANCE, region="410300", authority="中国（洛阳）知识产权维权援助中心",
                              right_type="trademark", channel="workstation", requester_type="enterprise",
                              received_on=D(2019, 5, 6))
    services.move_case(case, "accept", on=D(2019, 5, 6))
    with pytest.raises(WorkflowError, match="referred_to"):
        services.move_case(case, "refer", on=D(2019, 5, 8))
    services.move_case(case, "refer", on=D(2019, 5, 8), referred_to="洛阳市中级人民法院")
    case = services.move_case(case, "close", on=D(2019, 5, 9))
    assert (case.service, case.referred_to, case.state) == ("referral", "洛阳市中级人民法院", "closed")
    assert deadline(case, "response").status == DeadlineStatus.MET


def test_preexam_without_registration_number(center_staff, as_user):
    register_applicant(on=D(2019, 9, 1))
    with as_user(center_staff):
        with pytest.raises(WorkflowError, match="applicant"):
            services.open_case(Kind.PREEXAM, region="410100", authority=ZZC, received_on=D(2019, 9, 26),
                               patent_type="design")
        with pytest.raises(WorkflowError, match="not registered"):  # registered with the center only later
            services.open_case(Kind.PREEXAM, region="410100", authority=ZZC, received_on=D(2019, 8, 26),
                               patent_type="design", parties=applicant())
        with pytest.raises(WorkflowError, match="not registered"):  # another enterprise
            services.open_case(Kind.PREEXAM, region="410100", authority=ZZC, received_on=D(2019, 9, 26),
                               patent_type="design", parties=applicant(credit_code.make("410100", "MA44XY7K1")))
        with pytest.raises(WorkflowError, match="check character is 0, expected J"):
            services.open_case(Kind.PREEXAM, region="410100", authority=ZZC, received_on=D(2019, 9, 26),
                               patent_type="design", parties=applicant(APPLICANT_CODE[:17] + "0"
                                                                       if APPLICANT_CODE[17] != "0" else "1"))
        case = services.open_case(Kind.PREEXAM, region="410100", authority=ZZC, received_on=D(2019, 9, 26),
                                  patent_type="design", parties=applicant())
        assert case.parties.get().credit_code == APPLICANT_CODE
        assert deadline(case, "preexam").due_on == D(2019, 10, 9)
        with pytest.raises(WorkflowError, match="documents"):
            services.move_case(case, "pass", on=D(2019, 9, 27))
        doc(case, DocumentType.PREEXAM_REPORT, D(2019, 9, 27))
        services.move_case(case, "pass", on=D(2019, 9, 27))
        with pytest.raises(WorkflowError, match="application_number"):
            services.move_case(case, "submit", on=D(2019, 9, 29))
        failed = services.open_case(Kind.PREEXAM, region="410100", authority=ZZC, received_on=D(2019, 9, 26),
                                    patent_type="utility", parties=applicant())
        failed = services.move_case(failed, "fail", on=D(2019, 10, 12), reason="不属于预审范围")
    assert failed.closed_on == D(2019, 10, 12) and failed.preexam_on == D(2019, 10, 12)
    assert deadline(failed, "preexam").status == DeadlineStatus.LATE


def test_illegal_transition_leaves_the_case_unchanged(system):
    case = services.open_case(Kind.PATENT_DISPUTE, region="410300", authority=LY, received_on=D(2019, 3, 1))
    events = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(WorkflowError, match="cannot close a case that is received"):
        services.move_case(case, "close", on=D(2019, 3, 2))
    with pytest.raises(WorkflowError, match="no transition 'approve'"):
        services.move_case(case, "approve", on=D(2019, 3, 2))
    doc(case, DocumentType.REQUEST, D(2019, 3, 1))
    services.move_case(case, "file", on=D(2019, 3, 4))
    with pytest.raises(WorkflowError, match="earlier"):
        services.move_case(case, "serve", on=D(2019, 3, 1))
    case.refresh_from_db()
    assert case.state == "filed" and case.closed_on is None
    assert CaseEvent.objects.filter(case=case).count() == events + 2  # the document and the filing only


def test_configurable_deadlines_per_center(system):
    from ipgov.cases.models import DeadlinePolicy

    DeadlinePolicy.objects.create(kind=Kind.ASSISTANCE, key="response", authority="中国（洛阳）知识产权维权援助中心",
                                  amount=10, unit=DeadlineUnit.WORKING_DAYS, source="中心服务规范 (2019)")
    DeadlinePolicy.objects.create(kind=Kind.PATENT_DISPUTE, key="filing", authority="",
                                  amount=20, unit=DeadlineUnit.WORKING_DAYS, source="not a local matter")
    DeadlinePolicy.objects.create(kind=Kind.PATENT_DISPUTE, key="service", authority="",
                                  amount=7, unit=DeadlineUnit.DAYS, source="河南省专利保护条例 (2005) 第二十条")

    def opened(authority, kind=Kind.ASSISTANCE):
        extra = {"right_type": "patent", "channel": "center", "requester_type": "public"} \
            if kind == Kind.ASSISTANCE else {}
        return services.open_case(kind, region="410300", authority=authority, received_on=D(2019, 9, 27), **extra)

    assert deadline(opened("中国（洛阳）知识产权维权援助中心"), "response").due_on == D(2019, 10, 16)  # 10 working days
    assert deadline(opened("洛阳市知识产权维权援助工作站"), "response").due_on == D(2019, 10, 12)  # default 7
    dispute = opened(LY, Kind.PATENT_DISPUTE)
    d = deadline(dispute, "filing")
    assert (d.amount, d.due_on) == (5, D(2019, 10, 10))  # statutory: the policy does not apply
    doc(dispute, DocumentType.REQUEST, D(2019, 9, 27))
    services.move_case(dispute, "file", on=D(2019, 10, 8))
    d = deadline(dispute, "service")  # Henan's own rule: 7 days, ends 15 Oct
    assert (d.amount, d.unit, d.due_on, d.source) == (7, "days", D(2019, 10, 15), "河南省专利保护条例 (2005) 第二十条")
