"""Import specs of the programs app on the one ingest path (`core.ingest.rows`): column headers
(Chinese first), the natural key of each kind, and the service each row calls."""

from __future__ import annotations

from ipgov.core.ingest.columns import Column, choice
from ipgov.core.ingest.rows import RowSpec, unchanged_or_refused
from ipgov.programs.choices import (
    ZH_NAMES,
    AwardGrade,
    AwardKind,
    DesignationKind,
    DesignationStatus,
    Level,
    OrganizationKind,
    TaskStatus,
)
from ipgov.programs.models import Award, Designation, TrainingEvent, WorkPlanTask
from ipgov.programs.rights_link import normalize_number
from ipgov.programs.services.awards import record_award
from ipgov.programs.services.designations import change_status, designate
from ipgov.programs.services.organizations import get_or_create_organization
from ipgov.programs.services.training import record_training
from ipgov.programs.services.workplan import plan_task

ORGANIZATION_COLUMNS = (
    Column("org_name", ("单位名称", "name")),
    choice("org_kind", ("单位类型", "kind"), OrganizationKind, ZH_NAMES[OrganizationKind]),
    Column("region", ("行政区划代码", "region")),
    Column("credit_code", ("统一社会信用代码", "credit_code"), required=False),
)


def organization_of(row: dict):
    return get_or_create_organization(row["org_name"], row["org_kind"], row["region"], row["credit_code"] or "")


def _organization(row: dict, batch) -> str:
    org, created = organization_of(row)
    return "created" if created else unchanged_or_refused(org, {"kind": row["org_kind"]}, org.name)


def _designation(row: dict, batch) -> str:
    """One row = one status of one designation; the first row of a designation creates it."""
    org, _ = organization_of(row)
    batch = row["batch"] or ""
    existing = Designation.objects.filter(organization=org, kind=row["kind"], level=row["level"], batch=batch).first()
    if existing is None:
        designate(org, row["kind"], row["level"], row["year"], batch=batch,
                  authority_region_code=row["authority"] or None, status=row["status"], date=row["date"],
                  document=row["document"] or "", distinction=row["distinction"] or "",
                  subject=row["subject"] or "")
        return "created"
    if existing.events.filter(status=row["status"]).exists():
        return "unchanged"
    change_status(existing, row["status"], row["date"], row["document"] or "")
    return "created"  # a row is one status event: a new event is a new record


def _award(row: dict, batch) -> str:
    org, _ = organization_of(row)

    existing = Award.objects.filter(kind=row["kind"], edition=row["edition"],
                                    patent_number=normalize_number("patent", row["patent_number"])).first()
    if existing is not None:
        return unchanged_or_refused(existing, {"grade": row["grade"], "award_date": row["award_date"]},
                                    f"the award to {existing.patent_number}")
    record_award(row["kind"], row["edition"], row["award_date"], row["grade"], row["patent_number"], org,
                 row["title"] or "")
    return "created"


def _training(row: dict, batch) -> str:
    existing = TrainingEvent.objects.filter(title=row["title"], region_id=row["region"], start_date=row["start"]).first()
    if existing is not None:
        return unchanged_or_refused(existing, {"participants": row["participants"], "end_date": row["end"],
                                               "theme": row["theme"], "organizer": row["organizer"]}, existing.title)
    record_training(row["title"], row["region"], row["start"], row["end"], row["participants"],
                    theme=row["theme"] or "", organizer=row["organizer"] or "")
    return "created"


def _task(row: dict, batch) -> str:
    existing = WorkPlanTask.objects.filter(region_id=row["region"], plan_year=row["plan_year"],
                                           number=row["number"]).first()
    status = row["status"] or TaskStatus.PLANNED
    if existing is not None:  # later changes are made in the admin (services.workplan.update_task)
        return unchanged_or_refused(existing, {"task": row["task"], "owner": row["owner"] or "",
                                               "due_on": row["due_on"], "status": status}, str(existing))
    plan_task(row["region"], row["plan_year"], row["number"], row["task"], owner=row["owner"] or "",
              due_on=row["due_on"], status=status)
    return "created"


ALIASES = (("organization", "org_name"), ("end_date", "end"), ("start_date", "start"))

SPECS = (
    RowSpec("organizations", ORGANIZATION_COLUMNS, _organization, key=("org_name",),
            aliases=(*ALIASES, ("kind", "org_kind"))),
    RowSpec("designations", ORGANIZATION_COLUMNS + (
        choice("kind", ("认定类型", "designation_kind"), DesignationKind, ZH_NAMES[DesignationKind]),
        choice("level", ("级别", "level"), Level, ZH_NAMES[Level]),
        Column("year", ("年度", "year"), "int"),
        Column("batch", ("批次", "batch"), required=False),
        Column("authority", ("认定机关区划代码", "authority_region"), required=False),
        choice("status", ("状态", "status"), DesignationStatus, ZH_NAMES[DesignationStatus]),
        Column("date", ("日期", "date"), "date"),
        Column("document", ("文号", "document"), required=False),
        Column("distinction", ("首创", "distinction"), required=False),
        Column("subject", ("认定对象", "subject"), required=False),
    ), _designation, key=("org_name", "kind", "level", "batch", "status"), aliases=ALIASES),
    RowSpec("awards", ORGANIZATION_COLUMNS + (
        choice("kind", ("奖项", "award"), AwardKind, ZH_NAMES[AwardKind]),
        Column("edition", ("届次", "edition"), "int"),
        Column("award_date", ("授奖日期", "award_date"), "date"),
        choice("grade", ("等级", "grade"), AwardGrade, ZH_NAMES[AwardGrade]),
        Column("patent_number", ("专利号", "patent_number")),
        Column("title", ("专利名称", "title"), required=False),
    ), _award, key=("patent_number", "kind", "edition"), aliases=ALIASES),
    RowSpec("training", (
        Column("title", ("活动名称", "title")),
        Column("theme", ("主题", "theme"), required=False),
        Column("region", ("行政区划代码", "region")),
        Column("start", ("开始日期", "start_date"), "date"),
        Column("end", ("结束日期", "end_date"), "date", required=False, future=True),
        Column("participants", ("受训人次", "participants"), "int"),
        Column("organizer", ("主办单位", "organizer"), required=False),
    ), _training, key=("title", "region", "start"), aliases=ALIASES),
    RowSpec("workplan", (
        Column("region", ("行政区划代码", "region")),
        Column("plan_year", ("计划年度", "plan_year"), "int"),
        Column("number", ("序号", "number"), "int"),
        Column("task", ("工作任务", "task")),
        Column("owner", ("责任处室", "owner"), required=False),
        Column("due_on", ("完成时限", "due_on"), "date", required=False, future=True),
        choice("status", ("状态", "status"), TaskStatus, ZH_NAMES[TaskStatus], required=False),
    ), _task, key=("region", "plan_year", "number"), aliases=ALIASES),
)
IMPORTERS = {spec.kind: spec for spec in SPECS}


