"""Demo step: the first bulk release of the public cube, and the open-data URLs to try."""

from __future__ import annotations

import os

from django.utils.translation import gettext, gettext_lazy

from ipgov.demo import beside
from ipgov.demo.steps import DemoContext, StepResult, titled
from ipgov.indicators import releases

RELEASE = "open-data-release"  # ctx.running's key of a release started ahead (`start_release`)


def open_data_urls(base: str) -> list[str]:
    cells = f"{base}/api/v1/open/cells?indicator=patent_applications&region=410000&period=2020H1"
    return [cells, f"{cells}&format=csv", f"{cells}&format=sdmx-csv", f"{base}/api/v1/open/indicators",
            f"{base}/open/releases/", f"{base}/api/v1/docs"]


def _latest():
    """(the newest release's manifest or None, whether a release of the newest computation run is wanted)."""
    run = releases.cube_run()
    ids = releases.release_ids()
    latest = releases.manifest(ids[0]) if ids else None
    return latest, latest is None or run is None or latest["run_id"] != run.pk


@titled(gettext_lazy("Open data: the bulk release started in a second process, beside the analyses, reports and "
                     "portal"))
def start_release(ctx: DemoContext) -> StepResult:
    """The release (`write_release`) started in a child process once the cube is final (after the monthly delta):
    it only reads the cube and writes its own files, so it runs on the second core while the next steps run."""
    title = gettext("Open data: the bulk release started in a second process, beside the analyses, reports and "
                    "portal")
    if not _latest()[1]:
        return StepResult(title, False, [gettext("the newest release is of the newest computation run")])
    return beside.start_step(ctx, RELEASE, write_release, title,
                             gettext("%(reason)s: the release is written in its own step"), changed=True)


@titled(gettext_lazy("Open data: bulk release of the public cube (CSV, Parquet, manifest with SHA-256)"))
def write_release(ctx: DemoContext) -> StepResult:
    """A release for the newest computation run, unless the newest release already is of that run (collected
    from the process `start_release` began, when it did)."""
    ran_beside = beside.finish(ctx, RELEASE)
    if ran_beside is not None:
        return ran_beside
    latest, changed = _latest()
    manifest = releases.write_release() if changed else latest
    rows = sum(f["rows"] for f in manifest["files"] if f["format"] == "csv")
    base = "http://" + os.environ.get("IPGOV_WEB_BIND", "127.0.0.1:8000")
    lines = [gettext("release %(id)s (run %(run)s): %(rows)s cells, %(files)s files under %(dir)s")
             % {"id": manifest["id"], "run": manifest["run_id"], "rows": rows, "files": len(manifest["files"]),
                "dir": releases.root() / manifest["id"]}
             + ("" if changed else gettext(" — already written"))]
    lines += [gettext("open data, no key:")] + [f"  {url}" for url in open_data_urls(base)]
    return StepResult(gettext("Open data: bulk release of the public cube (CSV, Parquet, manifest with SHA-256)"),
                      changed, lines)
