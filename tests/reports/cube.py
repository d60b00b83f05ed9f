"""Hand-built cubes for the report tests: Observation rows created directly, as the engine would."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ipgov.indicators.models import ComputationRun, Observation

KINDS = {"H": "half", "Q": "quarter", "-": "month", ".": "range"}


def _kind(period: str) -> str:
    return next((v for k, v in KINDS.items() if k in period[4:]), "year")


def run(finished=datetime.datetime(2020, 8, 10, 9, 30)) -> ComputationRun:
    finished = timezone.make_aware(finished)
    return ComputationRun.objects.create(executor="database", actor="system:test", status="finished",
                                         started=finished - datetime.timedelta(seconds=5), finished=finished)


def obs(indicator, period, value, *, region="410000", breakdown="", unit="件", status="computed", run_=None,
        reported_yoy=None):
    return Observation.objects.create(indicator=indicator, region_id=region, period=period,
                                      period_kind=_kind(period), breakdown=breakdown, value=value, unit=unit,
                                      status=status, run=run_, reported_yoy=reported_yoy)


def seed_creation(run_: ComputationRun) -> None:
    """The seed's creation figures for Henan, with prior-year cells chosen so the cube's YoY is the
    published one (80868 / 66612 − 1 = +21.4%, …)."""
    rows = [
        ("patent_applications", "2020H1", 80868), ("patent_applications", "2019H1", 66612),
        ("patent_grants", "2020H1", 52106), ("patent_grants", "2019H1", 41553),
        ("valid_invention_patents_per_10k", "2020H1", 4.1234), ("valid_invention_patents_per_10k", "2019H1", 3.7267),
        ("trademark_applications", "2020H1", 190000),
        ("trademarks_valid", "2020H1", 988000), ("trademarks_valid", "2019H1", 755929),
        ("patent_applications", "2019", 144010), ("patent_grants", "2019", 86247), ("pct_applications", "2019", 217),
        ("gi_approvals", "2019", 21), ("gi_approvals", "2018", 14),
        ("well_known_marks_new", "2019", 7), ("well_known_marks_total", "2019", 274),
    ]
    for indicator, period, value in rows:
        unit = "件/万人" if indicator.endswith("per_10k") else "件"
        obs(indicator, period, value, unit=unit, run_=run_)


def publish(tmp_path, *figures: dict) -> None:
    """Load published figures with the indicator engine's own loader (as `ipgov reported` does)."""
    from ipgov.core.actor import Actor, acting_as
    from ipgov.indicators import reported

    lines = ['source = "test"']
    for fig in figures:
        lines.append("[[figures]]")
        lines += [f'{k} = "{v}"' for k, v in fig.items()]
    path = tmp_path / "published.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with acting_as(Actor.system("test")):
        reported.load_file(path)
