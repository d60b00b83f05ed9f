"""The rules of ipgov.core.scope: who sees what, for records, cube cells and reports; every scoped model
declares its region and restricts by it."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import translation

from ipgov.core.actor import Actor, NoActorError, acting_as
from ipgov.core.choices import Role
from ipgov.core.models import StaffProfile
from ipgov.core.scope import (
    CHANGE,
    VIEW,
    OutOfScope,
    RestrictedQuerySet,
    check_accounts,
    check_cell,
    check_region,
    check_report,
    region_of,
    scope_of,
)
from ipgov.indicators import catalogue

ZHENGZHOU, LUOYANG, JIANXI, HENAN = "410100", "410300", "410305", "410000"

# Models with no region scope, and why. A new model with a region (directly or through its parent) must
# declare `scope_region_field` and a RestrictedQuerySet manager, or be added here with its reason.
UNSCOPED = {
    "core.ObjectChange": "the audit trail: administrators only (web.access.AdministratorMixin)",
    "core.StaffProfile": "accounts: managed through core.services.save_staff_user (check_accounts)",
    "regions.Region": "reference data, public",
    "orgs.ApplicantName": "names as received and the rule linking them: public register data, no region",
    "orgs.CodeConflict": "province office only (orgs.services.conflicts/decide_conflict check the province's region)",
    "regions.RegionVersion": "reference data, public",
    "regions.Population": "reference data, public (census)",
    "rights.IpcEntry": "reference data, public (IPC classification)",
    "rights.NiceClass": "reference data, public (Nice classification)",
    "analysis.ConcordanceEntry": "reference data, public (IPC concordances); changed by the system only",
    "core.ImportBatch": "import bookkeeping of the system actor",
    "core.ImportRowError": "import bookkeeping of the system actor",
    "indicators.DataCutoff": "one office-wide setting (the data cut-off), set by the province administrator only",
    "core.ImportProfile": "office-wide configuration: a mapping profile names columns and fields, it holds no records",
    "core.ImportRawRow": "import bookkeeping: refused rows as read, shown only through their batch's scoped page",
    "core.RecordVersion": "import bookkeeping of the system actor",
    "indicators.ComputationRun": "cube bookkeeping",
    "portal.SearchEntry": "the portal's search index: whether a text is public is decided when searching",
    "indicators.Observation": "cube cells: read through indicators.services.query, checked by check_cell",
    "cases.DeadlinePolicy": "configuration of deadline figures per center, no records",
    "portal.Tag": "the province office's public site, not a region's: edits checked by portal.services (check_editor)",
    "portal.Article": "the province office's public site, not a region's: edits checked by portal.services (check_editor)",
    "portal.ArticleImage": "the province office's public site, not a region's: edits checked by portal.services (check_editor)",
    "portal.ArticleAttachment": "the province office's public site, not a region's: edits checked by portal.services (check_editor)",
    "portal.PolicyDocument": "the province office's public site, not a region's: edits checked by portal.services (check_editor)",
    "portal.PolicyVersion": "the province office's public site, not a region's: edits checked by portal.services (check_editor)",
    "portal.PolicyAttachment": "the province office's public site, not a region's: edits checked by portal.services (check_editor)",
    "portal.Comment": "visitors' comments: held for moderation, moderated through portal.services (check_editor)",
    "portal.ServiceRequest": "a visitor's filing: the case it opened is scoped; its status needs number + phone",
    "api.ApiToken": "accounts: a user's own tokens, managed through api.tokens (owner or check_accounts)",
    "api.ApiTokenUse": "the use log of a token, written by api.tokens.authenticate",
}


@pytest.fixture(autouse=True)
def _source_language():
    """Refusals are asserted as the source writes them (the English msgids); their zh-Hans text is checked
    by tests/core/test_translations.py and test_region_scope (tests/core/test_core.py)."""
    with translation.override("en"):
        yield


def _staff(username, role, region, organization=""):
    user = get_user_model().objects.create_user(username, password="x")
    StaffProfile.objects.create(user=user, role=role, region_id=region, organization=organization)
    return user


@pytest.fixture
def luoyang(db):
    return _staff("ly", Role.CITY_OFFICER, LUOYANG)


def _region_fk(model, path: str):
    """The field a `scope_region_field` path ends on (following the foreign keys)."""
    *hops, last = path.split("__")
    for hop in hops:
        model = model._meta.get_field(hop).related_model
    return model._meta.get_field(last)


def test_every_scoped_model_declares_its_region_and_restricts():
    ours = [m for m in apps.get_models() if m.__module__.startswith("ipgov.")]
    labels = {m._meta.label for m in ours}
    assert set(UNSCOPED) <= labels, f"UNSCOPED names models that do not exist: {set(UNSCOPED) - labels}"
    for model in ours:
        label = model._meta.label
        if label in UNSCOPED:
            continue
        assert isinstance(model._default_manager.all(), RestrictedQuerySet), (
            f"{label}: its default manager must be RestrictedQuerySet.as_manager() (or list it in UNSCOPED)")
        field = _region_fk(model, model.scope_region_field)
        assert field.related_model._meta.label == "regions.Region", (
            f"{label}.scope_region_field {model.scope_region_field!r} does not end on a region")


def test_actor_kinds():
    assert scope_of(Actor.system("demo")).everything
    assert scope_of(Actor.cli("root")).everything
    assert scope_of(Actor(label="import:batch-3")).everything
    for nobody in (Actor.anonymous("10.0.0.1"), Actor(label="test:x"), Actor(label="")):
        scope = scope_of(nobody)
        assert not scope.is_staff and not scope.allows(VIEW) and not scope.covers(LUOYANG)
        with pytest.raises(OutOfScope, match="not logged in"):
            check_region(LUOYANG, who=nobody)
    with pytest.raises(NoActorError):
        scope_of()


def test_city_officer_scope_rolls_down_not_up(luoyang):
    scope = scope_of(Actor.for_user(luoyang))
    assert scope.region == LUOYANG and scope.covers(JIANXI, CHANGE) and scope.covers("410371")  # zone
    assert not scope.covers(ZHENGZHOU) and not scope.covers(HENAN) and not scope.covers(None)
    # an actor built from the id only (a job) finds the same scope
    assert scope_of(Actor(label="user:ly", user_id=luoyang.pk)).region == LUOYANG


def test_roles(db):
    leader = _staff("boss", Role.LEADER, HENAN)
    assert check_region(ZHENGZHOU, VIEW, who=leader)
    with pytest.raises(OutOfScope, match="read-only"):
        check_region(ZHENGZHOU, CHANGE, who=leader)
    nobody = get_user_model().objects.create_user("nobody", password="x")
    with pytest.raises(OutOfScope, match="no staff profile"):
        check_region(LUOYANG, who=nobody)
    root = get_user_model().objects.create_superuser("root", password="x")
    assert scope_of(root).everything


def test_records_restrict_by_the_declared_path(luoyang):
    from ipgov.cases import services
    from ipgov.cases.models import Case, CaseEvent, Deadline

    with acting_as(Actor.system("test")):
        ly = services.open_case("patent_dispute", region=JIANXI, authority="洛阳市知识产权局", title="a")
        zz = services.open_case("patent_dispute", region=ZHENGZHOU, authority="郑州市知识产权局", title="b")
    assert region_of(ly) == JIANXI and region_of(zz.events.first()) == ZHENGZHOU
    with acting_as(Actor.for_user(luoyang)):
        assert list(Case.objects.restrict()) == [ly]
        assert {e.case_id for e in CaseEvent.objects.restrict()} == {ly.pk}
        assert {d.case_id for d in Deadline.objects.restrict()} <= {ly.pk}
    with acting_as(Actor.anonymous()):
        assert not Case.objects.restrict().exists()
    with acting_as(Actor.system("test")):
        assert Case.objects.restrict(None, CHANGE).count() == 2


def test_public_cube_cells_for_everyone_internals_in_scope_only(luoyang):
    public, internal = catalogue.get("patent_applications"), catalogue.get("overdue_deadlines")
    assert public.public and not internal.public
    officer = Actor.for_user(luoyang)
    for region in (LUOYANG, ZHENGZHOU, HENAN):  # ranking among the 18 and the province's totals
        check_cell(public, region, who=officer)
        check_cell(public, region, who=Actor.anonymous())
    check_cell(internal, JIANXI, who=officer)
    for region in (ZHENGZHOU, HENAN):
        with pytest.raises(OutOfScope, match="non-public indicator overdue_deadlines"):
            check_cell(internal, region, who=officer)
    with pytest.raises(OutOfScope):
        check_cell(internal, LUOYANG, who=Actor.anonymous())
    with pytest.raises(NoActorError):
        check_cell(public, LUOYANG)


def test_reports_of_another_region_are_refused(luoyang):
    officer = Actor.for_user(luoyang)
    check_report(LUOYANG, who=officer)
    for region in (ZHENGZHOU, HENAN):
        with pytest.raises(OutOfScope, match="work reports"):
            check_report(region, who=officer)
    with pytest.raises(OutOfScope):
        check_report(LUOYANG, who=Actor.anonymous())


def test_only_administrators_manage_accounts(luoyang):
    admin = _staff("admin", Role.PROVINCE_ADMIN, HENAN)
    check_accounts(LUOYANG, who=admin)
    check_accounts(LUOYANG, who=Actor.cli("user"))
    with pytest.raises(OutOfScope, match="province administrators only"):
        check_accounts(LUOYANG, who=luoyang)
    with pytest.raises(OutOfScope):
        check_accounts(LUOYANG, who=Actor.anonymous())


def test_catalogue_public_flag_is_a_boolean(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[indicators]]\nid = "x"\nname_zh = "x"\nname_en = "x"\nunit = "件"\nkind = "derived"\n'
                   'formula = "sum"\ninputs = ["x"]\ndefinition = "x"\npublic = "yes"\n', encoding="utf-8")
    with pytest.raises(catalogue.CatalogueError, match="public must be true or false"):
        catalogue.load([bad])


def test_cells_checked_at_once_as_one_by_one(luoyang):
    from ipgov.core.scope import check_cells

    public, internal = catalogue.get("patent_applications"), catalogue.get("overdue_deadlines")
    officer = Actor.for_user(luoyang)
    check_cells([public], [LUOYANG, ZHENGZHOU, HENAN], who=officer)
    check_cells([public, internal], [LUOYANG, JIANXI], who=officer)
    with pytest.raises(OutOfScope, match="non-public indicator overdue_deadlines"):
        check_cells([public, internal], [JIANXI, ZHENGZHOU], who=officer)
    with pytest.raises(OutOfScope):
        check_cells([internal], [LUOYANG], who=Actor.anonymous())
    with pytest.raises(NoActorError):
        check_cells([public], [LUOYANG])
