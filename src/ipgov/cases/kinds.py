"""The case kinds, declared as data. Figures and sources: docs/cases.md.

Statutory figures are fixed here with their source; figures marked `configurable` are local
practice (no confirmed national rule) and may be overridden per center or authority through
`DeadlinePolicy` rows.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ipgov.cases.choices import DeadlineUnit as U
from ipgov.cases.choices import DocumentType as D
from ipgov.cases.choices import Kind, RightType
from ipgov.cases.workflow import CaseKindSpec, DeadlineRule, Extension, State, Transition
from ipgov.core.choices import Role

OFFICERS = frozenset({Role.PROVINCE_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER})
CENTER = frozenset({Role.PROVINCE_ADMIN, Role.CENTER_STAFF})

PATENT_RULES = "专利行政执法办法 (国家知识产权局令第71号, 2015)"
PENALTY_RULES = "市场监督管理行政处罚程序规定 (2021)"
COMPLAINT_RULES = "市场监督管理投诉举报处理暂行办法 (2020)"

RECEIVED = State("received", _("received"))  # 收到/登记
FILED = State("filed", _("filed"))  # 已立案
NOT_FILED = State("not_filed", _("not filed"), final=True)  # 不予立案/不予受理
WITHDRAWN = State("withdrawn", _("withdrawn"))  # 撤回
CLOSED = State("closed", _("closed"), final=True, closes=True)  # 结案/办结

PATENT_DISPUTE = CaseKindSpec(
    key=Kind.PATENT_DISPUTE, label=Kind.PATENT_DISPUTE.label, right_types=(RightType.PATENT,),
    number_prefix="ZLJF", closing_deadline="closing",
    states=(RECEIVED, FILED, NOT_FILED,
            State("served", _("request served on the respondent")),  # 已送达
            State("hearing", _("hearing and investigation")),  # 口头审理/调查
            State("decided", _("adjudicated")),  # 已裁决
            State("mediated", _("mediated")),  # 调解结案
            WITHDRAWN, CLOSED),
    initial="received",
    deadlines=(
        DeadlineRule("filing", _("decide whether to file"), 5, U.WORKING_DAYS, PATENT_RULES),
        DeadlineRule("closing", _("close the case"), 3, U.MONTHS, PATENT_RULES,
                     extensions=(Extension(1, U.MONTHS),)),
        DeadlineRule("service", _("serve the request on the respondent"), 5, U.WORKING_DAYS,
                     "verify: " + PATENT_RULES + "; 河南省专利保护条例 (2005) art. 20 says 7 days",
                     configurable=True),
        DeadlineRule("answer", _("respondent's answer"), 15, U.DAYS, PATENT_RULES),
    ),
    starts_on_open=("filing",),
    transitions=(
        Transition("file", _("file"), ("received",), "filed", OFFICERS, documents=(D.REQUEST,),
                   meets=("filing",), starts=("closing", "service"), sets={"filed_on": "on"}),
        Transition("refuse", _("refuse to file"), ("received",), "not_filed", OFFICERS, fields=("reason",),
                   meets=("filing",)),
        Transition("serve", _("serve the request"), ("filed",), "served", OFFICERS,
                   meets=("service",), starts=("answer",)),
        Transition("hear", _("hold the hearing"), ("served",), "hearing", OFFICERS, lapses=("answer",)),
        Transition("decide", _("adjudicate"), ("hearing",), "decided", OFFICERS, documents=(D.DECISION,)),
        Transition("mediate", _("record a mediation"), ("served", "hearing"), "mediated", OFFICERS,
                   documents=(D.MEDIATION,), lapses=("answer",)),
        Transition("withdraw", _("record the withdrawal"), ("filed", "served", "hearing"), "withdrawn",
                   OFFICERS, fields=("reason",), lapses=("service", "answer")),
        Transition("close", _("close"), ("decided", "mediated", "withdrawn"), "closed", OFFICERS,
                   meets=("closing",)),
    ),
)


def _penalty_kind(kind: Kind, right: str, prefix: str) -> CaseKindSpec:
    """Counterfeit-patent and trademark cases are administrative penalty cases (since the 2018
    reform counterfeit patents follow the market-regulation procedure, 国知办函保字〔2021〕701号)."""
    return CaseKindSpec(
        key=kind, label=kind.label, right_types=(right,), number_prefix=prefix, closing_deadline="decision",
        states=(RECEIVED, FILED, NOT_FILED,
                State("investigating", _("investigating")),  # 调查取证
                State("penalized", _("penalty decided")),  # 作出处罚决定
                State("dismissed", _("no penalty")),  # 不予行政处罚
                State("transferred", _("transferred to the police")),  # 移送公安
                CLOSED),
        initial="received",
        deadlines=(
            DeadlineRule("filing", _("verify the lead and decide whether to file"), 15, U.WORKING_DAYS,
                         PENALTY_RULES, extensions=(Extension(15, U.WORKING_DAYS),)),
            DeadlineRule("decision", _("decide the case"), 90, U.DAYS, PENALTY_RULES,
                         extensions=(Extension(30, U.DAYS), Extension(0, U.DAYS, collective=True))),
        ),
        starts_on_open=("filing",),
        transitions=(
            Transition("file", _("file"), ("received",), "filed", OFFICERS, documents=(D.FILING_APPROVAL,),
                       meets=("filing",), starts=("decision",), sets={"filed_on": "on"}),
            Transition("refuse", _("refuse to file"), ("received",), "not_filed", OFFICERS,
                       fields=("reason",), meets=("filing",)),
            Transition("investigate", _("investigate"), ("filed",), "investigating", OFFICERS),
            Transition("penalize", _("decide a penalty"), ("investigating",), "penalized", OFFICERS,
                       documents=(D.PENALTY_DECISION,), fields=("penalty_amount",)),
            Transition("dismiss", _("decide no penalty"), ("investigating",), "dismissed", OFFICERS,
                       fields=("reason",)),
            Transition("transfer", _("transfer to the police"), ("investigating",), "transferred", OFFICERS,
                       documents=(D.TRANSFER_LETTER,)),
            Transition("close", _("close"), ("penalized", "dismissed", "transferred"), "closed", OFFICERS,
                       meets=("decision",)),
        ),
    )


COUNTERFEIT_PATENT = _penalty_kind(Kind.COUNTERFEIT_PATENT, RightType.PATENT, "JMZL")
TRADEMARK_INFRINGEMENT = _penalty_kind(Kind.TRADEMARK_INFRINGEMENT, RightType.TRADEMARK, "SBQQ")

ECOMMERCE = CaseKindSpec(
    key=Kind.ECOMMERCE, label=Kind.ECOMMERCE.label, right_types=(RightType.PATENT, RightType.TRADEMARK),
    number_prefix="DSTS", open_fields=("platform",), closing_deadline="platform",
    states=(RECEIVED,
            State("accepted", _("accepted")),  # 受理
            State("rejected", _("not accepted"), final=True),  # 不予受理
            State("forwarded", _("forwarded to the platform")),  # 转平台处理
            State("responded", _("platform responded")),  # 平台已处理
            WITHDRAWN, CLOSED),
    initial="received",
    deadlines=(
        DeadlineRule("acceptance", _("accept or reject the complaint"), 7, U.WORKING_DAYS, COMPLAINT_RULES),
        DeadlineRule("platform", _("platform response"), 5, U.WORKING_DAYS,
                     "verify: agreed with each platform by the center", configurable=True),
    ),
    starts_on_open=("acceptance",),
    transitions=(
        Transition("accept", _("accept"), ("received",), "accepted", CENTER | OFFICERS, meets=("acceptance",)),
        Transition("reject", _("reject"), ("received",), "rejected", CENTER | OFFICERS, fields=("reason",),
                   meets=("acceptance",)),
        Transition("forward", _("forward to the platform"), ("accepted",), "forwarded", CENTER | OFFICERS,
                   starts=("platform",), sets={"forwarded_on": "on"}),
        Transition("platform_response", _("record the platform's response"), ("forwarded",), "responded",
                   CENTER | OFFICERS, fields=("platform_result",), meets=("platform",),
                   sets={"platform_responded_on": "on"}),
        Transition("withdraw", _("record the withdrawal"), ("accepted", "forwarded"), "withdrawn",
                   CENTER | OFFICERS, fields=("reason",), lapses=("platform",)),
        Transition("close", _("close"), ("responded", "withdrawn"), "closed", CENTER | OFFICERS),
    ),
)

ASSISTANCE = CaseKindSpec(
    key=Kind.ASSISTANCE, label=Kind.ASSISTANCE.label, right_types=(RightType.PATENT, RightType.TRADEMARK),
    number_prefix="WQYZ", open_fields=("channel", "requester_type"), closing_deadline="response",
    states=(RECEIVED,
            State("handling", _("being handled")),  # 办理中
            State("answered", _("consultation answered")),  # 已答复咨询
            State("opinion", _("expert opinion given")),  # 已出具专家意见
            State("referred", _("referred")),  # 已转介
            WITHDRAWN, CLOSED),
    initial="received",
    deadlines=(
        DeadlineRule("response", _("answer the request"), 7, U.WORKING_DAYS,
                     "verify: no national time limit; set per center", configurable=True),
    ),
    starts_on_open=("response",),
    transitions=(
        Transition("accept", _("accept"), ("received",), "handling", CENTER | OFFICERS),
        Transition("consult", _("answer the consultation"), ("handling",), "answered", CENTER | OFFICERS,
                   meets=("response",), sets={"service": "consultation"}),
        Transition("give_opinion", _("give an expert opinion"), ("handling",), "opinion", CENTER | OFFICERS,
                   documents=(D.EXPERT_OPINION,), meets=("response",), sets={"service": "expert_opinion"}),
        Transition("refer", _("refer"), ("handling",), "referred", CENTER | OFFICERS, fields=("referred_to",),
                   meets=("response",), sets={"service": "referral"}),
        Transition("withdraw", _("record the withdrawal"), ("received", "handling"), "withdrawn",
                   CENTER | OFFICERS, fields=("reason",), lapses=("response",)),
        Transition("close", _("close"), ("answered", "opinion", "referred", "withdrawn"), "closed",
                   CENTER | OFFICERS),
    ),
)

PREEXAM = CaseKindSpec(
    key=Kind.PREEXAM, label=Kind.PREEXAM.label, right_types=(RightType.PATENT,),
    number_prefix="KSYS", open_fields=("patent_type",), closing_deadline="preexam",
    registered_applicant=True,
    states=(RECEIVED,
            State("passed", _("passed pre-examination")),  # 预审合格
            State("failed", _("failed pre-examination"), final=True, closes=True),  # 预审不合格
            State("submitted", _("submitted to CNIPA")),  # 已提交国家知识产权局
            State("granted", _("granted"), final=True, closes=True),  # 授权
            State("rejected", _("rejected by CNIPA"), final=True, closes=True),  # 驳回
            State("withdrawn", _("withdrawn"), final=True, closes=True)),
    initial="received",
    deadlines=(
        DeadlineRule("preexam", _("pre-examination result"), 5, U.WORKING_DAYS,
                     "verify: no national time limit; set per protection center", configurable=True),
    ),
    starts_on_open=("preexam",),
    transitions=(
        Transition("pass", _("pass the pre-examination"), ("received",), "passed", CENTER,
                   documents=(D.PREEXAM_REPORT,), meets=("preexam",), sets={"preexam_on": "on"}),
        Transition("fail", _("fail the pre-examination"), ("received",), "failed", CENTER, fields=("reason",),
                   meets=("preexam",), sets={"preexam_on": "on"}),
        Transition("submit", _("submit to CNIPA"), ("passed",), "submitted", CENTER,
                   fields=("application_number",), sets={"submitted_on": "on"}),
        Transition("grant", _("record the grant"), ("submitted",), "granted", CENTER,
                   sets={"granted_on": "on"}),
        Transition("reject", _("record the rejection"), ("submitted",), "rejected", CENTER,
                   fields=("reason",)),
        Transition("withdraw", _("record the withdrawal"), ("received", "passed", "submitted"), "withdrawn",
                   CENTER, fields=("reason",), lapses=("preexam",)),
    ),
)

KINDS: dict[str, CaseKindSpec] = {k.key: k for k in (
    PATENT_DISPUTE, COUNTERFEIT_PATENT, TRADEMARK_INFRINGEMENT, ECOMMERCE, ASSISTANCE, PREEXAM)}

for _spec in KINDS.values():
    _spec.validate()


def get_kind(key: str) -> CaseKindSpec:
    try:
        return KINDS[key]
    except KeyError:
        from ipgov.cases.workflow import WorkflowError

        raise WorkflowError(_("unknown case kind %(kind)r (kinds: %(kinds)s)")
                            % {"kind": key, "kinds": ", ".join(KINDS)}) from None
