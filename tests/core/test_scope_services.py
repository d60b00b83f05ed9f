"""Scope is enforced by the services themselves, without the web layer: a 洛阳 city officer is refused
郑州's records, exports, reports and non-public cube cells, and nothing is written.

`SERVICES` lists every public function of every `*/services` module with the test here that proves its
scope, or the reason it has none; `test_every_service_entry_point_is_listed` fails when a service function
is added (or renamed) without a line here.
"""

import datetime
import importlib
import inspect
import pkgutil

import pytest

import ipgov
from ipgov.core.actor import Actor, NoActorError, acting_as
from ipgov.core.choices import Role
from ipgov.core.scope import OutOfScope
from tests.cases.conftest import make_staff

D = datetime.date
ZHENGZHOU, LUOYANG = "410100", "410300"

PURE = "unscoped: a pure helper over values the caller passes (no records read or written)"
REFERENCE = "unscoped: public reference data (divisions, population)"
CALLER = "unscoped: used inside services on records they have already checked"
PORTAL_FILING = ("unscoped: a visitor's public filing, run through the case services as system:portal with the "
                 "visitor's address (tests/portal/test_requests)")
SERVICES = {
    "ipgov.analysis.services.evaluate": "test_analysis",
    "ipgov.analysis.services.evaluations": "test_analysis",
    "ipgov.analysis.services.latest_evaluation": "test_analysis",
    "ipgov.analysis.services.get_evaluation": "test_analysis",
    "ipgov.analysis.services.unit_working": "test_analysis",
    "ipgov.analysis.services.record_manual_input": "test_analysis",
    "ipgov.analysis.services.checklist_template": "unscoped: reads a checklist template shipped with the code",
    "ipgov.analysis.services.create_checklist": "test_analysis",
    "ipgov.analysis.services.attach_item_evidence": "test_analysis",
    "ipgov.analysis.services.score_item": "test_analysis",
    "ipgov.analysis.services.checklists": "test_analysis",
    "ipgov.analysis.services.get_checklist": "test_analysis",
    "ipgov.analysis.services.save_concordance_entry": "test_analysis",
    "ipgov.analysis.services.landscape": "test_analysis",
    "ipgov.analysis.services.refresh_patent_industries": CALLER + " (derived data: the register import, concordance load)",
    "ipgov.analysis.services.parse_industry": "unscoped: reads the concordance tables (national reference data)",
    "ipgov.analysis.services.zones": "test_analysis",
    "ipgov.analysis.services.get_zone": "test_analysis",
    "ipgov.analysis.services.zone_industries": CALLER + " (a zone from zones/get_zone)",
    "ipgov.analysis.services.set_zone_industries": "test_analysis",
    "ipgov.analysis.services.zone_region": CALLER + " (a zone from zones/get_zone)",
    "ipgov.analysis.services.zone_landscape": "test_analysis",
    "ipgov.cases.services.visible_cases": "test_cases",
    "ipgov.cases.services.get_case": "test_cases",
    "ipgov.cases.services.open_case": "test_cases",
    "ipgov.cases.services.register_enterprise": "test_cases",
    "ipgov.cases.services.move_case": "test_cases",
    "ipgov.cases.services.relink_rights": "test_cases",
    "ipgov.cases.services.extend_deadline": "test_cases",
    "ipgov.cases.services.add_party": "test_cases",
    "ipgov.cases.services.add_right": "test_cases",
    "ipgov.cases.services.attach_document": "test_cases",
    "ipgov.cases.services.add_note": "test_cases",
    "ipgov.cases.services.open_deadlines": "test_cases",
    "ipgov.cases.services.overdue": "test_cases",
    "ipgov.cases.services.due_soon": "test_cases",
    "ipgov.cases.services.clean_party": "unscoped: validates a party's values; no record is read or written",
    "ipgov.cases.services.clean_right": "unscoped: validates a right on a case the caller already holds in scope",
    "ipgov.cases.services.check_case_fields": "unscoped: validates a kind's fields; no record is read",
    "ipgov.cases.services.check_role": "unscoped: the role rule of a kind, given a scope the caller obtained",
    "ipgov.cases.services.policy_lookup": "unscoped: deadline figures configured per center (no records)",
    "ipgov.cases.services.next_number": CALLER,
    "ipgov.cases.services.registry_lookup": CALLER,
    "ipgov.cases.services.check_applicant": CALLER,
    "ipgov.core.services.save_staff_user": "test_accounts",
    "ipgov.finance.services.funds.create_fund": "test_finance",
    "ipgov.finance.services.funds.add_pipeline_project": "test_finance",
    "ipgov.finance.services.funds.invest": "test_finance",
    "ipgov.finance.services.funds.record_exit": "test_finance",
    "ipgov.finance.services.grants.record_grant": "test_finance",
    "ipgov.finance.services.markets.create_auction": "test_finance",
    "ipgov.finance.services.markets.add_lot": "test_finance",
    "ipgov.finance.services.markets.close_lot": "test_finance",
    "ipgov.finance.services.markets.issue_trust_product": "test_finance",
    "ipgov.finance.services.pledges.register_pledge": "test_finance",
    "ipgov.finance.services.pledges.end_pledge": "test_finance",
    "ipgov.finance.services.pledges.amend_pledge": "test_finance",
    "ipgov.finance.services.pledges.checked_rights": CALLER,
    "ipgov.indicators.services.query": "test_cube",
    "ipgov.indicators.services.value": "test_cube",
    "ipgov.indicators.services.read_cells": "test_cube",
    "ipgov.indicators.services.read_ahead": "test_cube",
    "ipgov.indicators.services.prefetched": "test_cube",
    "ipgov.indicators.services.answering": "unscoped: serves `query` from a read that read_ahead has already "
                                           "checked cell by cell (tests/indicators/test_read_cells.py)",
    "ipgov.indicators.services.round_value": PURE,
    "ipgov.indicators.services.round_yoy": PURE,
    "ipgov.indicators.services.yoy": PURE,
    "ipgov.indicators.services.breakdown_prefix": PURE,
    "ipgov.indicators.services.months_sum": PURE + " (cells that read_cells has already checked)",
    "ipgov.indicators.services.year_to_date": PURE + " (cells that read_cells has already checked)",
    "ipgov.indicators.services.register_kept": ("unscoped: whether any cell of an indicator is non-zero, no "
                                                "region's figure (tests/reports/test_sections.py)"),
    "ipgov.programs.services.awards.record_award": "test_programs",
    "ipgov.programs.services.designations.designate": "test_programs",
    "ipgov.programs.services.designations.change_status": "test_programs",
    "ipgov.programs.services.designations.record_evaluation": "test_programs",
    "ipgov.programs.services.organizations.create_organization": "test_programs",
    "ipgov.programs.services.organizations.get_or_create_organization": "test_programs",
    "ipgov.programs.services.training.record_training": "test_programs",
    "ipgov.programs.services.workplan.plan_task": "test_programs",
    "ipgov.programs.services.workplan.update_task": "test_programs",
    "ipgov.programs.services.common.save_new": CALLER,
    "ipgov.programs.services.common.amount": PURE,
    "ipgov.programs.services.common.as_date": PURE,
    "ipgov.regions.services.get_region": REFERENCE,
    "ipgov.regions.services.parent_chain": REFERENCE,
    "ipgov.regions.services.history": REFERENCE,
    "ipgov.regions.services.successors": REFERENCE,
    "ipgov.regions.services.subregions": REFERENCE,
    "ipgov.regions.services.city_level_units": REFERENCE,
    "ipgov.regions.services.population": REFERENCE,
    "ipgov.reports.services.build_report": "test_reports",
    "ipgov.reports.services.stat": PURE,
    "ipgov.reports.services.zero_news": PURE,
    "ipgov.reports.services.listing": PURE,
    "ipgov.reports.services.last_full_year": PURE,
    "ipgov.reports.services.base_context": PURE,
    "ipgov.reports.services.render_sections": CALLER + " (build_report)",
    "ipgov.orgs.services.harmonise_names": ("unscoped: links names to organizations (no region's records read "
                                            "or changed); run by imports and the demo"),
    "ipgov.orgs.services.harmonise_register": "unscoped: harmonise_names over the register's names",
    "ipgov.orgs.services.link_credit_codes": CALLER + " (imports of organizations, case parties, registrations)",
    "ipgov.orgs.services.fill_regions": CALLER + " (the register import, assign_region)",
    "ipgov.orgs.services.fill_trademark_regions": CALLER + " (the register import, assign_region)",
    "ipgov.orgs.services.conflicts": "test_orgs",
    "ipgov.orgs.services.decide_conflict": "test_orgs",
    "ipgov.orgs.services.unresolved": "test_orgs",
    "ipgov.orgs.services.assign_region": "test_orgs",
    "ipgov.rights.services.record_event": "test_register",
    "ipgov.rights.services.record_trademark_event": "test_register",
    "ipgov.rights.services.refresh_termination": CALLER + " (record_event, importers)",
    "ipgov.rights.services.termination_date": PURE,
    "ipgov.rights.services.trademark_termination_date": PURE,
    "ipgov.rights.services.versions_of": "unscoped: import history of the register, kept by the system",
    "ipgov.web.dashboard.build": "test_dashboard",
    # open data, releases and API tokens (tests/api/ walks them over HTTP as every role too)
    "ipgov.indicators.opendata.cells": "test_open_data",
    "ipgov.indicators.opendata.catalogue_entries": "test_open_data",
    "ipgov.indicators.opendata.public_indicators": "unscoped: the catalogue's public flag, no records",
    "ipgov.indicators.opendata.counting_rule": PURE,
    "ipgov.indicators.opendata.cube_version": "unscoped: the newest run's and cell's ids, no figures",
    "ipgov.indicators.opendata.database_rows": "unscoped: a statement written by the caller telling whether records "
                                               "changed (the portal's article state), for a per_cube_run key",
    "ipgov.indicators.opendata.per_cube_run": "unscoped: a cache of answers computed from public cells only, the "
                                              "same for every visitor; its callers check the scope first (cells: "
                                              "check_cell; the open API's whole answers are computed as the "
                                              "anonymous visitor, so only what it may read is kept)",
    "ipgov.indicators.opendata.kept_for_cube_run": "unscoped: a look into per_cube_run's cache (the open API's "
                                                   "answers, kept only when the anonymous visitor may read them)",
    "ipgov.indicators.opendata.region_rows": REFERENCE,
    "ipgov.indicators.releases.write_release": "test_open_data",
    "ipgov.indicators.releases.frame": CALLER + " (write_release, public indicators only)",
    "ipgov.indicators.releases.root": PURE,
    "ipgov.indicators.releases.cube_run": "unscoped: which computation run last changed the cube (no cells)",
    "ipgov.indicators.releases.release_ids": "unscoped: published files, public",
    "ipgov.indicators.releases.manifest": "unscoped: published files, public",
    "ipgov.indicators.releases.listing": "unscoped: published files, public",
    "ipgov.indicators.releases.file_path": "unscoped: published files, public",
    "ipgov.api.tokens.create_token": "test_api_tokens",
    "ipgov.api.tokens.revoke_token": "test_api_tokens",
    "ipgov.api.tokens.list_tokens": "test_api_tokens",
    "ipgov.api.tokens.get_token": CALLER + " (revoke_token)",
    "ipgov.api.tokens.authenticate": "test_api_tokens",
    "ipgov.api.tokens.parse_expiry": PURE,
    "ipgov.portal.services.check_editor": "test_portal",
    "ipgov.portal.services.save_article": "test_portal",
    "ipgov.portal.services.move_article": "test_portal",
    "ipgov.portal.services.add_image": "test_portal",
    "ipgov.portal.services.add_attachment": "test_portal",
    "ipgov.portal.services.held_comments": "test_portal",
    "ipgov.portal.services.moderate_comment": "test_portal",
    "ipgov.portal.services.published_articles": "unscoped: published articles are public",
    "ipgov.portal.services.comment_count": "unscoped: the count of published comments is public",
    "ipgov.portal.services.submit_comment": "unscoped: visitors' comments, held for moderation (tests/portal)",
    "ipgov.portal.services.submit_opinion": "unscoped: visitors' opinions, held for moderation (tests/portal)",
    "ipgov.portal.services.policies.save_policy": "test_portal",
    "ipgov.portal.services.policies.move_policy": "test_portal",
    "ipgov.portal.services.policies.add_attachment": "test_portal",
    "ipgov.portal.services.policies.remove_attachment": "test_portal",
    "ipgov.portal.services.stored_file": CALLER + " (add_attachment, policies.add_attachment: check_editor first)",
    "ipgov.portal.services.policies.public_policies": "unscoped: documents in consultation or issued are public",
    "ipgov.portal.services.requests.file_assistance": PORTAL_FILING,
    "ipgov.portal.services.requests.file_report": PORTAL_FILING,
    "ipgov.portal.services.requests.register_for_preexam": PORTAL_FILING,
    "ipgov.portal.services.requests.request_status": "unscoped: a filing's state, shown to whoever gives its "
                                                     "tracking number and phone (tests/portal/test_requests)",
}
# Modules that are services in all but name: the public-data reads and the token services.
SERVICE_MODULES = ("ipgov.indicators.opendata", "ipgov.indicators.releases", "ipgov.api.tokens")


def service_functions() -> set[str]:
    """Every public function defined in an `ipgov.<app>.services` module or package (and the web
    dashboard's builder, the service behind the staff landing page)."""
    names = {"ipgov.web.dashboard.build"}
    for info in pkgutil.walk_packages(ipgov.__path__, "ipgov."):
        parts = info.name.split(".")
        if "services" not in parts[2:3] and info.name not in SERVICE_MODULES:
            continue
        module = importlib.import_module(info.name)
        names |= {f"{info.name}.{n}" for n, f in vars(module).items()
                  if inspect.isfunction(f) and f.__module__ == info.name and not n.startswith("_")}
    return names


def test_every_service_entry_point_is_listed():
    found = service_functions()
    assert found - set(SERVICES) == set(), "service functions without a scope test (add them to SERVICES)"
    assert set(SERVICES) - found == set(), "SERVICES lists functions that no longer exist"
    tests = {n for n in globals() if n.startswith("test_")}
    for name, how in SERVICES.items():
        assert how.startswith("unscoped: ") or how in tests, f"{name}: {how!r} is neither a test here nor a reason"


@pytest.fixture
def luoyang(db):
    return Actor.for_user(make_staff("ly_officer", Role.CITY_OFFICER, LUOYANG))


def system():
    return acting_as(Actor.system("test"))


def refused(call, *args, **kwargs):
    with pytest.raises(OutOfScope):
        call(*args, **kwargs)


def _org(region, name):
    from ipgov.programs.services.organizations import create_organization

    with system():
        return create_organization(name, "enterprise", region)


def test_cases(luoyang, settings, tmp_path):
    from ipgov.cases import services
    from ipgov.cases.models import Case, CaseEvent

    settings.IPGOV_HOME = tmp_path
    with system():
        zz = services.open_case("trademark_infringement", region=ZHENGZHOU, authority="郑州市市场监督管理局",
                                received_on=D(2019, 5, 6))
        ly = services.open_case("trademark_infringement", region="410305", authority="洛阳市涧西区市场监督管理局",
                                received_on=D(2019, 5, 6))
    events = CaseEvent.objects.filter(case=zz).count()
    with acting_as(luoyang):
        assert list(services.visible_cases()) == [ly]
        for listing in (services.open_deadlines(D(2019, 5, 7)), services.overdue(D(2019, 12, 31)),
                        services.due_soon(D(2019, 5, 23))):
            assert zz.pk not in {d.case_id for d in listing}
        assert {d.case_id for d in services.overdue(D(2019, 12, 31))} == {ly.pk}
        refused(services.get_case, zz.pk)
        refused(services.open_case, "patent_dispute", region=ZHENGZHOU, authority="郑州市知识产权局")
        refused(services.register_enterprise, authority="郑州中心", name="某公司", credit_code="91410100MA44X0Y12B",
                registered_on=D(2019, 1, 1), region=ZHENGZHOU)
        refused(services.move_case, zz.pk, "file", on=D(2019, 5, 8))
        refused(services.extend_deadline, zz.pk, "filing", amount=15, unit="working_days", approved_by="主任",
                reason="需要", on=D(2019, 5, 8))
        refused(services.add_party, zz.pk, role="complainant", name="某公司")
        refused(services.add_right, zz.pk, "trademark", "12345678")
        refused(services.attach_document, zz.pk, "evidence", "证据.txt", b"x")
        refused(services.add_note, zz.pk, "看一下")
        assert services.relink_rights() == 0
    zz.refresh_from_db()
    assert zz.state == "received" and CaseEvent.objects.filter(case=zz).count() == events
    assert Case.objects.count() == 2
    with acting_as(Actor.anonymous()):
        assert not services.visible_cases().exists()
        refused(services.get_case, ly.pk)


def test_programs(luoyang):
    from ipgov.programs.models import Designation, Evaluation, Organization, TrainingEvent
    from ipgov.programs.services import awards, designations, organizations, training, workplan

    zz_org = _org(ZHENGZHOU, "郑州某企业")
    with system():
        zz_des = designations.designate(zz_org, "strong_enterprise", "provincial", 2019, authority_region_code="410000",
                                        date=D(2019, 6, 1))
        zz_task = workplan.plan_task(ZHENGZHOU, 2020, 1, "完善顶层设计", owner="知识产权科")
    with acting_as(luoyang):
        assert not Organization.objects.restrict().filter(pk=zz_org.pk).exists()
        assert not Designation.objects.restrict().exists()
        refused(organizations.create_organization, "郑州新企业", "enterprise", ZHENGZHOU)
        refused(organizations.get_or_create_organization, "郑州新企业", "enterprise", ZHENGZHOU)
        refused(designations.designate, zz_org, "advantage_enterprise", "provincial", 2019,
                authority_region_code="410000", date=D(2019, 6, 1))
        refused(designations.change_status, zz_des, "accepted", D(2020, 6, 1))
        refused(designations.record_evaluation, zz_des, 2020, D(2020, 6, 1), "90")
        refused(awards.record_award, "china_patent_award", 21, D(2020, 6, 1), "gold", "202010000001.X", zz_org)
        refused(training.record_training, "培训", ZHENGZHOU, D(2020, 3, 1), None, 30)
        refused(workplan.plan_task, ZHENGZHOU, 2020, 2, "强化激励引导")
        refused(workplan.update_task, zz_task, status="done")
        ly_org = organizations.create_organization("洛阳某企业", "enterprise", LUOYANG)  # their own city: allowed
    assert Organization.objects.filter(name="郑州新企业").count() == 0 and ly_org.region_id == LUOYANG
    zz_des.refresh_from_db()
    assert zz_des.status == "designated" and not Evaluation.objects.exists() and not TrainingEvent.objects.exists()
    zz_task.refresh_from_db()
    assert zz_task.status == "planned"


def test_finance(luoyang):
    from decimal import Decimal

    from ipgov.finance.models import Auction, AuctionLot, Fund, FundInvestment, Pledge
    from ipgov.finance.services import funds, grants, markets, pledges
    from tests.web.scope_fixtures import FACTORIES

    zz_org = _org(ZHENGZHOU, "郑州某企业")
    zz_pledge = FACTORIES["pledges"](ZHENGZHOU, 1)
    with system():
        fund = funds.create_fund(name="郑州基金", sponsor="郑州市", size_yuan="100000000", region_code=ZHENGZHOU,
                                 inception=D(2019, 1, 1))
        investment = funds.invest(fund, investee=zz_org, date=D(2019, 6, 1), amount_yuan="1000000", stake="5")
        auction = markets.create_auction(name="郑州拍卖会", organizer="郑州中心", region_code=ZHENGZHOU, date=D(2019, 9, 1))
        lot = AuctionLot.objects.create(auction=auction, lot_number=1, kind="patent", number="202010000001.X",
                                        reserve_price=Decimal("1000.00"))
    with acting_as(luoyang):
        for model in (Fund, FundInvestment, Auction, AuctionLot, Pledge):
            assert not model.objects.restrict().exists(), model
        refused(funds.create_fund, name="另一基金", sponsor="郑州市", size_yuan="1000", region_code=ZHENGZHOU,
                inception=D(2019, 1, 1))
        refused(funds.add_pipeline_project, fund, "项目", zz_org, D(2019, 3, 1))
        refused(funds.invest, fund, investee=zz_org, date=D(2019, 7, 1), amount_yuan="1000", stake="1")
        refused(funds.record_exit, investment, D(2020, 1, 1), "2000000")
        refused(grants.record_grant, city_code=ZHENGZHOU, year=2019, granted_on=D(2019, 5, 1), source="central",
                amount_yuan="1000000")
        refused(markets.create_auction, name="另一拍卖会", organizer="x", region_code=ZHENGZHOU, date=D(2019, 9, 1))
        refused(markets.add_lot, auction, lot_number=2, kind="patent", number="202010000002.1",
                reserve_price_yuan="1000")
        refused(markets.close_lot, lot, "unsold")
        refused(markets.issue_trust_product, name="信托", issuer="x", region_code=ZHENGZHOU, issue_date=D(2019, 1, 1),
                size_yuan="1000", rights=[("patent", "202010000001.X")])
        refused(pledges.register_pledge, registration_number="Y9", pledgor=zz_org, pledgee="银行", pledgee_kind="bank",
                amount_yuan="1000", registration_date=D(2019, 1, 1), term_start=D(2019, 1, 1),
                term_end=D(2020, 1, 1), rights=[("patent", "202010000001.X")])
        refused(pledges.end_pledge, zz_pledge, "released", D(2020, 1, 1))
        refused(pledges.amend_pledge, zz_pledge, pledgee="银行", pledgee_kind="bank", amount_yuan="1",
                registration_date=D(2019, 1, 1), term_start=D(2019, 1, 1), term_end=D(2020, 1, 1),
                rights=[("patent", "202010000001.X")])
    zz_pledge.refresh_from_db()
    lot.refresh_from_db()
    assert zz_pledge.status == "registered" and lot.result == "pending" and Fund.objects.count() == 1
    assert zz_pledge.amount != 1


def test_accounts(luoyang):
    from ipgov.core.services import save_staff_user

    with acting_as(luoyang):
        refused(save_staff_user, "zz2", Role.CITY_OFFICER, ZHENGZHOU, password="Correct-horse-9")
    with acting_as(Actor.anonymous()):
        refused(save_staff_user, "zz2", Role.CITY_OFFICER, ZHENGZHOU, password="Correct-horse-9")
    with pytest.raises(NoActorError):
        save_staff_user("zz2", Role.CITY_OFFICER, ZHENGZHOU, password="Correct-horse-9")
    with acting_as(Actor.cli("user")):
        assert save_staff_user("zz2", Role.CITY_OFFICER, ZHENGZHOU, password="Correct-horse-9").created


def _cells():
    from tests.reports import cube

    run = cube.run()
    for region, value in ((ZHENGZHOU, 30000), (LUOYANG, 9000), ("410000", 80868)):
        cube.obs("patent_applications", "2020H1", value, region=region, run_=run)
        cube.obs("overdue_deadlines", "2020H1", value // 1000, region=region, run_=run)


def test_cube(luoyang):
    from ipgov.indicators import services

    _cells()
    with acting_as(luoyang):
        # public indicators: the province's totals and every city's, to rank 洛阳 among the 18
        assert services.value("patent_applications", ZHENGZHOU, "2020H1") == 30000
        assert services.value("patent_applications", "410000", "2020H1") == 80868
        # non-public indicators: their own city only
        assert services.value("overdue_deadlines", LUOYANG, "2020H1") == 9
        for region in (ZHENGZHOU, "410000"):
            refused(services.query, "overdue_deadlines", region, "2020H1")
            refused(services.value, "overdue_deadlines", region, "2020H1")
            refused(services.read_cells, [(["patent_applications", "overdue_deadlines"], [LUOYANG, region],
                                           ["2020H1"])])
        read = services.read_cells([(["patent_applications"], [ZHENGZHOU, "410000"], ["2020H1"]),
                                    (["overdue_deadlines"], [LUOYANG], ["2020H1"])])
        assert read.total("overdue_deadlines", LUOYANG, "2020H1").value == 9
        assert read.total("patent_applications", ZHENGZHOU, "2020H1").value == 30000
    with acting_as(Actor.anonymous()):
        assert services.value("patent_applications", ZHENGZHOU, "2020H1") == 30000  # published
        refused(services.value, "overdue_deadlines", LUOYANG, "2020H1")
        refused(services.read_cells, [(["overdue_deadlines"], [LUOYANG], ["2020H1"])])
        refused(services.read_ahead, [(["overdue_deadlines"], [LUOYANG], ["2020H1"])])
        refused(services.prefetched, [(["overdue_deadlines"], [LUOYANG], ["2020H1"])])
    with pytest.raises(NoActorError):
        services.query("patent_applications", LUOYANG, "2020H1")
    with pytest.raises(NoActorError):
        services.read_cells([(["patent_applications"], [LUOYANG], ["2020H1"])])


def test_reports(luoyang):
    from ipgov.reports import services

    _cells()
    with acting_as(luoyang):
        for region in (ZHENGZHOU, "410000"):
            refused(services.build_report, region, "2020H1", with_charts=False)
        report = services.build_report(LUOYANG, "2020H1", with_charts=False)
    assert report.region_code == LUOYANG
    with acting_as(Actor.anonymous()):
        refused(services.build_report, LUOYANG, "2020H1", with_charts=False)


def test_register(luoyang):
    from ipgov.rights import services
    from tests.web.scope_fixtures import FACTORIES

    patent, mark = FACTORIES["patents"]("410105", 1), FACTORIES["trademarks"]("410105", 1)
    with acting_as(luoyang):
        refused(services.record_event, patent, "lapse_non_payment", D(2020, 4, 1))
        refused(services.record_trademark_event, mark, "cancelled", D(2020, 4, 1))
    assert not patent.events.exists() and not mark.events.exists()


def test_orgs(luoyang):
    """Records of no region and credit-code conflicts belong to the province office: a city officer is refused."""
    from ipgov.orgs import services
    from ipgov.orgs.models import CodeConflict, Organization

    conflict = CodeConflict.objects.create(key="k", name="郑州华瑞科技有限公司", codes=["A", "B"])
    with acting_as(luoyang):
        refused(services.unresolved)
        refused(services.conflicts)
        refused(services.decide_conflict, conflict.pk, "A")
        refused(services.assign_region, "郑州华瑞科技有限公司", "410100")
    assert CodeConflict.objects.get().chosen_code == "" and not Organization.objects.exists()


def test_dashboard(luoyang):
    from ipgov.web import dashboard

    _cells()
    with acting_as(luoyang):
        for region in (ZHENGZHOU, "410000"):
            refused(dashboard.build, luoyang.user, region, "2020H1", "patent_applications")
        board = dashboard.build(luoyang.user, LUOYANG, "2020H1", "patent_applications")
    assert {f.indicator: f.value for f in board.kpis}["patent_applications"] == 9000


def test_exports_carry_the_scope(luoyang):
    """An export is the list's queryset written out: the same restriction, for every registered page."""
    from ipgov.web import exports
    from ipgov.web.registry import PAGES
    from tests.web.scope_fixtures import FACTORIES

    for slug, page in PAGES.items():
        zz, ly = FACTORIES[slug]("410105", 1), FACTORIES[slug](LUOYANG, 2)
        with acting_as(luoyang):
            qs = page.queryset(luoyang.user)
            assert list(qs.values_list("pk", flat=True)) == [ly.pk], slug
            assert len(list(exports.rows(page, qs))) == 2, slug  # the header and 洛阳's row
        assert zz.pk not in set(qs.values_list("pk", flat=True))


def test_open_data(luoyang, settings, tmp_path):
    from ipgov.indicators import opendata, releases

    settings.IPGOV_HOME = tmp_path
    _cells()
    with acting_as(Actor.anonymous()):
        [cell] = opendata.cells("patent_applications", [ZHENGZHOU], ["2020H1"])
        assert cell["value"] == 30000
        refused(opendata.cells, "overdue_deadlines", [LUOYANG], ["2020H1"])
        assert "overdue_deadlines" not in {e["id"] for e in opendata.catalogue_entries()}
    with acting_as(luoyang):  # staff read their own non-public cells, never another city's
        assert opendata.cells("overdue_deadlines", [LUOYANG], ["2020H1"])[0]["value"] == 9
        refused(opendata.cells, "overdue_deadlines", [ZHENGZHOU], ["2020H1"])
    with pytest.raises(NoActorError):
        opendata.cells("patent_applications", [ZHENGZHOU], ["2020H1"])
    manifest = releases.write_release()
    released = "".join((tmp_path / "releases" / manifest["id"] / f["name"]).read_text(encoding="utf-8")
                       for f in manifest["files"] if f["format"] == "csv")
    assert "patent_applications" in released and "overdue_deadlines" not in released


def test_api_tokens(luoyang):
    from django.core.exceptions import ValidationError

    from ipgov.api import tokens

    make_staff("zz_officer", Role.CITY_OFFICER, ZHENGZHOU)
    with acting_as(luoyang):  # an officer manages their own tokens only, never wider than their scope
        own, secret = tokens.create_token("ly_officer", region="410305")
        refused(tokens.create_token, "zz_officer")
        with pytest.raises(OutOfScope):
            tokens.create_token("ly_officer", region=ZHENGZHOU)
        assert list(tokens.list_tokens()) == [own]
    with acting_as(Actor.system("test")):
        other, _ = tokens.create_token("zz_officer")
    with acting_as(luoyang):
        refused(tokens.revoke_token, other.prefix)
        assert tokens.revoke_token(own.prefix).revoked is not None
    assert tokens.authenticate(secret) is None  # revoked
    with acting_as(Actor.system("test")):
        _, secret = tokens.create_token("ly_officer", region="410305", read_only=True)
    actor = tokens.authenticate(secret)
    from ipgov.core.scope import CHANGE, scope_of

    scope = scope_of(actor)
    assert scope.region == "410305" and not scope.allows(CHANGE) and not scope.covers(LUOYANG)
    with pytest.raises(ValidationError):
        tokens.parse_expiry("tomorrow")


def test_portal(luoyang, settings, tmp_path):
    """Editing and moderating the province's public portal: a city officer is refused everything."""
    settings.IPGOV_HOME = tmp_path  # the policy's attachment is stored there
    from ipgov.portal import services
    from ipgov.portal.choices import Column
    from ipgov.portal.models import Article, ArticleAttachment, ArticleImage, Comment
    from ipgov.portal.services import policies

    with system():
        art = services.save_article(title="t", column=Column.NEWS, date=D(2020, 1, 1), body="<p>x</p>")
        services.move_article(art, "submit")
        services.move_article(art, "publish")
        doc = policies.save_policy(title="意见", text="全文")
        kept_file = policies.add_attachment(doc, "意见.pdf", b"%PDF-1.4 kept")
    with acting_as(Actor.anonymous("203.0.113.1")):
        comment = services.submit_comment(art, nickname="甲", body="评论")
    before = (Article.objects.count(), ArticleImage.objects.count(), ArticleAttachment.objects.count())
    with acting_as(luoyang):
        refused(services.check_editor)
        refused(services.save_article, title="t", column=Column.NEWS, date=D(2020, 1, 1), body="x")
        refused(services.move_article, art, "withdraw")
        refused(services.add_image, art, "a.png", b"\x89PNG")
        refused(services.add_attachment, art, "a.pdf", b"%PDF-1.4")
        refused(services.held_comments)
        refused(services.moderate_comment, comment, approve=True)
        refused(policies.save_policy, title="t", text="x")
        refused(policies.move_policy, doc, "submit")
        refused(policies.add_attachment, doc, "a.pdf", b"%PDF-1.4")
        refused(policies.remove_attachment, kept_file)
    assert (Article.objects.count(), ArticleImage.objects.count(), ArticleAttachment.objects.count()) == before
    assert Article.objects.get().status == "published" and Comment.objects.get().status == "held"
    assert doc.versions.count() == 1 and type(doc).objects.get().stage == "drafting"
    assert list(doc.attachments.all()) == [kept_file]


def _navigation_zone(region):
    from ipgov.programs.models import Designation, Organization

    org = Organization.objects.create(name=f"{region}专利导航产业发展实验区", kind="park", region_id=region)
    return Designation.objects.create(organization=org, kind="patent_navigation_zone", level="provincial", year=2017,
                                      status="designated", region_id=region)


def test_analysis(luoyang):
    """Evaluations are records of the scheme's region (the province): a city officer neither computes nor
    reads them; checklists and manual inputs are records of their region."""
    from ipgov.analysis import concordance, services
    from ipgov.analysis.models import Checklist, Evaluation, ManualInput

    with system():
        concordance.load_shipped()
        ev, _ = services.evaluate("business-environment", "2019")
        zz, _ = services.create_checklist("protection-inspection", ZHENGZHOU, 2020)
        own, _ = services.create_checklist("protection-inspection", LUOYANG, 2020)
        zz_zone, ly_zone = (_navigation_zone(code) for code in (ZHENGZHOU, LUOYANG))
        services.set_zone_industries(zz_zone, ["wipo35:20"])
    item = zz.items.first()
    with acting_as(luoyang):
        refused(services.evaluate, "business-environment", "2019")
        refused(services.get_evaluation, ev.pk)
        refused(services.unit_working, ev, LUOYANG)
        assert list(services.evaluations()) == [] and services.latest_evaluation("business-environment", "2019") is None
        refused(services.record_manual_input, "assistance_coverage", ZHENGZHOU, "2019", 90, region=ZHENGZHOU,
                evidence_note="x")
        services.record_manual_input("assistance_coverage", LUOYANG, "2019", 90, region=LUOYANG, evidence_note="备案")
        refused(services.create_checklist, "protection-inspection", ZHENGZHOU, 2021)
        refused(services.get_checklist, zz.pk)
        refused(services.score_item, item, 5)
        refused(services.attach_item_evidence, item, "a.pdf", b"%PDF", "x")
        assert list(services.checklists()) == [own]
        services.score_item(own.items.first(), 5)
        refused(services.save_concordance_entry, "gbt4754", "A01B", "C3571", "农林牧渔专用机械制造")
        refused(services.landscape, ZHENGZHOU, "wipo35", "06", "2019")
        assert services.landscape(LUOYANG, "wipo35", "06", "2019")["patents"] == 0
        # navigation zones: 郑州's does not exist for 洛阳's officer, 洛阳's is theirs to read and set
        assert [z.pk for z in services.zones()] == [ly_zone.pk]
        refused(services.get_zone, zz_zone.pk)
        refused(services.set_zone_industries, zz_zone, ["wipo35:06"])
        refused(services.zone_landscape, zz_zone, "2019")
        services.set_zone_industries(services.get_zone(ly_zone.pk), ["wipo35:26"])
        assert services.zone_landscape(ly_zone, "2019")["industries"][0]["zone"]["patents"] == 0
    assert Evaluation.objects.count() == 1 and Checklist.objects.count() == 2
    assert list(ManualInput.objects.values_list("unit_key", flat=True)) == [LUOYANG]
    assert item.__class__.objects.get(pk=item.pk).score is None
