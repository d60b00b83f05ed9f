"""Reports written in the background (后台生成): the PDF takes seconds, so the page starts a task and
polls its progress (HTMX) instead of holding the request open.

A task is a folder under IPGOV_HOME/report-tasks/<id>/ holding `state.json` (who asked, what, the stage
reached, the error in a sentence) and, once written, the report file: any worker of the web server can
answer the polling and the download. The work runs in a thread of the worker that accepted the task,
as the user who asked (their scope is checked again when the report is built, and when it is fetched:
a task is only ever shown to the user who started it). A worker that restarts mid-task leaves the task
unfinished; the page then says so after `STALE_AFTER` seconds and the user starts it again.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections
from django.http import Http404
from django.utils.translation import gettext as _

from ipgov.core.actor import Actor, acting_as
from ipgov.core.scope import check_report

RUN_IN_THREAD = True  # tests run the task inline
STALE_AFTER = 600
STAGES = ("queued", "reading", "writing", "done", "failed")


def _folder(task_id: str) -> Path:
    if not task_id or not all(c in "0123456789abcdef" for c in task_id):
        raise Http404("no such report task")
    return Path(settings.IPGOV_HOME) / "report-tasks" / task_id


def _save(task_id: str, state: dict) -> None:
    folder = _folder(task_id)
    tmp = folder / "state.json.tmp"
    tmp.write_text(json.dumps(state, ensure_ascii=False))
    tmp.replace(folder / "state.json")


def start(user, region: str, period: str, compare: str | None, fmt: str) -> str:
    """A new task for `user` (OutOfScope now, before any work, for a region outside their scope)."""
    check_report(region, who=user)
    task_id = uuid.uuid4().hex
    _folder(task_id).mkdir(parents=True)
    _save(task_id, {"user": user.pk, "region": region, "period": period, "compare": compare, "format": fmt,
                    "stage": "queued", "started": time.time(), "error": "", "file": ""})
    if RUN_IN_THREAD:
        threading.Thread(target=_run_in_thread, args=(task_id, user), daemon=True).start()
    else:
        run(task_id, user)
    return task_id


def _run_in_thread(task_id: str, user) -> None:
    try:
        run(task_id, user)
    finally:
        close_old_connections()


def run(task_id: str, user) -> None:
    from ipgov.reports import services
    from ipgov.reports.templating import DefinitionError
    from ipgov.reports.writers import FormatUnavailable, WriteFailed, write

    state = json.loads((_folder(task_id) / "state.json").read_text())
    try:
        with acting_as(Actor.for_user(user)):
            state.update(stage="reading", reading_since=time.time())
            _save(task_id, state)
            report = services.build_report(state["region"], state["period"], compare=state["compare"] or None)
            state.update(stage="writing", writing_since=time.time())
            _save(task_id, state)
            name = f"ipgov-work-{state['region']}-{state['period']}.{state['format']}"
            write(report, state["format"], _folder(task_id) / name)
        state.update(stage="done", file=name, finished=time.time())
    except (services.ReportError, DefinitionError, FormatUnavailable, WriteFailed) as exc:
        state.update(stage="failed", error=str(exc))
    except Exception as exc:  # noqa: BLE001 — the page must say what happened, never hang on "writing"
        state.update(stage="failed", error=_("The report could not be written (%(error)s): try again, or ask "
                                             "the administrator to look at the server log.")
                     % {"error": type(exc).__name__})
        raise
    finally:
        _save(task_id, state)


def state(task_id: str, user) -> dict:
    """The task's state for the user who started it; Http404 for anyone else (and for no such task)."""
    path = _folder(task_id) / "state.json"
    if not path.exists():
        raise Http404("no such report task")
    data = json.loads(path.read_text())
    if data["user"] != user.pk:
        raise Http404("no such report task")
    check_report(data["region"], who=user)
    if data["stage"] not in ("done", "failed") and time.time() - data["started"] > STALE_AFTER:
        data.update(stage="failed", error=_("The report was not finished (the server restarted?): start it "
                                            "again."))
    data["id"] = task_id
    data["elapsed"] = round((data.get("finished") or time.time()) - data["started"], 1)
    return data


def file(task_id: str, user) -> tuple[Path, str]:
    data = state(task_id, user)
    if data["stage"] != "done":
        raise Http404("the report is not written yet")
    return _folder(task_id) / data["file"], data["format"]
